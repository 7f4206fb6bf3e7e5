"""Flask-Login wiring: how a session finds its user and what happens when someone must sign in."""
from flask import Flask
from flask_babel import lazy_gettext as _l

from matchmaker.extensions import db, login_manager


def configure_login(app: Flask) -> None:
    from matchmaker.auth.models import User

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(user_id: str):
        if not user_id.isdigit():
            return None
        return db.session.get(User, int(user_id))
