"""Flask-Login wiring: how a session finds its user and what happens when someone must sign in."""
from flask import Flask
from flask_babel import lazy_gettext as _l

from matchmaker.extensions import login_manager


def configure_login(app: Flask) -> None:
    from matchmaker.auth.services import user_for_session

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str):
        # The id names a server-side session, not only the user: a session ended on the server stays ended.
        return user_for_session(session_id)
