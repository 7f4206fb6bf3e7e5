"""Signed, expiring links for e-mail verification, password reset and the change of e-mail address."""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

VERIFY_EMAIL = "verify-email"
RESET_PASSWORD = "reset-password"  # noqa: S105  (a salt label)
CHANGE_EMAIL = "change-email"


class InvalidLink(Exception):
    """The link was tampered with, or is for another purpose."""


class ExpiredLink(Exception):
    """The link was genuine but is too old."""


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"matchmaker-{purpose}")


def password_fingerprint(password_hash: str) -> str:
    """A short digest of the current password hash: a reset link dies as soon as the password changes."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def make_link_token(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def read_link_token(purpose: str, token: str, max_age: int) -> dict:
    try:
        return _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise ExpiredLink() from error
    except BadSignature as error:
        raise InvalidLink() from error
