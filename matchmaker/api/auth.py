"""Who is calling the API: a bearer token (exempt from CSRF) or the browser session (not exempt)."""
from flask import current_app, g, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.auth.services import TokenExpired, user_for_api_token
from matchmaker.errors import NotAuthenticated
from matchmaker.extensions import csrf, db

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def authenticate_api_request() -> None:
    """Run before every API view: set g.api_user, and demand a CSRF token from cookie-based writes."""
    g.api_user = None
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _sep, raw_token = header.partition(" ")
        try:
            user = user_for_api_token(raw_token.strip()) if scheme.lower() == "bearer" else None
        except TokenExpired as expired:
            raise NotAuthenticated(_("This access token expired on %(date)s. Create a new one on your account page.",
                                     date=format_date(expired.expires_at))) from None
        if user is None:
            raise NotAuthenticated(_("The access token is missing, wrong or revoked."))
        g.api_user = user
        # Keep the "last used" stamp even for reads, which commit nothing, and for writes that fail.
        db.session.commit()
        return
    if current_user.is_authenticated:
        # protect() checks even when CSRF is switched off, so honour the switch here as the global check does.
        if request.method in UNSAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
        g.api_user = current_user._get_current_object()


def api_user():
    return g.get("api_user")


def require_api_user():
    """The calling user, or a 401 answer."""
    user = api_user()
    if user is None:
        raise NotAuthenticated(_("Send a personal access token: Authorization: Bearer <token>."))
    return user
