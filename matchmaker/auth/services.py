"""Account operations: create, register, authenticate, verify e-mail, reset password, API tokens.

Every function flushes and leaves the commit to the request or command that called it.
"""
import hashlib
import secrets

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth import tokens
from matchmaker.auth.models import ApiToken, Language, Role, User, UserRole
from matchmaker.errors import Conflict, ValidationFailed
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.notifications.services import send_templated_email
from matchmaker.orgs import services as org_services
from matchmaker.reference.services import department_by_code
from matchmaker.types import utcnow

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
NAME_MAX_LENGTH = 120
# Checked against when the e-mail is unknown, so a wrong address costs the same time as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password", method="pbkdf2:sha256:1000")


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def hash_password(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
    return generate_password_hash(password, method=method)


def password_problem(password: str) -> str | None:
    """Why a password is not acceptable, or None."""
    if len(password or "") < PASSWORD_MIN_LENGTH:
        return _("Use at least %(n)d characters.", n=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        return _("Use at most %(n)d characters.", n=PASSWORD_MAX_LENGTH)
    return None


def email_problem(email: str) -> str | None:
    """Why an e-mail address is not acceptable, or None. Deliverability is not checked (no network)."""
    try:
        validate_email(email or "", check_deliverability=False)
    except EmailNotValidError:
        return _("Enter a valid e-mail address, such as name@example.org.")
    return None


def is_academic_email(email: str) -> bool:
    domain = normalise_email(email).rpartition("@")[2]
    allowed = current_app.config["ACADEMIC_EMAIL_DOMAINS"]
    return any(domain == d or domain.endswith("." + d) for d in allowed)


def create_user(
    email: str,
    password: str,
    name: str,
    roles: set[Role],
    language: Language = Language.IT,
    verified: bool = False,
) -> User:
    """A new user with the given roles. Raises ValidationFailed with the offending fields. Flushes."""
    errors: dict[str, list[str]] = {}
    email = normalise_email(email)
    name = (name or "").strip()
    if problem := email_problem(email):
        errors["email"] = [problem]
    elif user_by_email(email) is not None:
        errors["email"] = [_("An account with this e-mail already exists. Sign in, or reset your password.")]
    if problem := password_problem(password):
        errors["password"] = [problem]
    if not name:
        errors["name"] = [_("Enter your name.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("Use at most %(n)d characters.", n=NAME_MAX_LENGTH)]
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)

    user = User(
        email=email,
        password_hash=hash_password(password),
        name=name,
        preferred_language=language,
        email_verified_at=utcnow() if verified else None,
    )
    user.role_rows = [UserRole(role=role) for role in roles]
    db.session.add(user)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:  # two registrations racing for one address
        raise Conflict(_("An account with this e-mail already exists. Sign in, or reset your password."),
                       {"email": [_("This e-mail is already registered.")]}) from error
    return user


def register_organisation_member(
    *, email: str, password: str, name: str, language: Language, organisation_name: str,
    kind: str | None = None, city: str | None = None, website: str | None = None, description: str | None = None,
    verified: bool = False,
) -> User:
    """A member of an organisation: joins it when it exists (pending approval), creates it otherwise. Flushes."""
    errors: dict[str, list[str]] = {}
    organisation = None
    try:
        organisation = org_services.organisation_by_name(organisation_name) or org_services.validate_new_organisation(
            name=organisation_name, kind=kind, city=city, website=website, description=description)
    except ValidationFailed as error:
        errors.update(error.fields)
    try:
        user = create_user(email, password, name, {Role.ORGANISATION}, language, verified=verified)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, {**errors, **error.fields}) from error
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    if organisation.id is None:
        org_services.create_organisation(organisation, founder=user)
    else:
        org_services.request_membership(organisation, user)
    return user


def register_academic(
    *, email: str, password: str, name: str, language: Language, department_code: str, verified: bool = False,
    suggest_to_organisations: bool = True,
) -> User:
    """An academic with an institutional address and a department, suggested to organisations unless they
    declined at registration. Flushes."""
    errors: dict[str, list[str]] = {}
    if not email_problem(email) and not is_academic_email(email):
        domains = ", ".join("@" + d for d in current_app.config["ACADEMIC_EMAIL_DOMAINS"])
        errors["email"] = [_("Academics register with their university e-mail (%(domains)s).", domains=domains)]
    department = department_by_code(department_code or "")
    if department is None:
        errors["department"] = [_("Choose your department.")]
    try:
        user = create_user(email, password, name, {Role.ACADEMIC}, language, verified=verified)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, {**error.fields, **errors}) from error
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    user.academic_profile = AcademicProfile(department=department,
                                            suggest_to_organisations=bool(suggest_to_organisations))
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None."""
    user = user_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    user.last_login_at = utcnow()
    return user


def set_password(user: User, password: str) -> None:
    if problem := password_problem(password):
        raise ValidationFailed(_("Please correct the highlighted fields."), {"password": [problem]})
    user.password_hash = hash_password(password)
    db.session.flush()


def set_language(user: User, language: Language) -> None:
    user.preferred_language = language
    db.session.flush()


# --- e-mail verification and password reset ---------------------------------------------------------

def send_verification_email(user: User) -> None:
    token = tokens.make_link_token(tokens.VERIFY_EMAIL, {"uid": user.id, "email": user.email})
    link = url_for("auth.verify_email", token=token, _external=True)
    send_templated_email(user, "verify_email", _l("Confirm your e-mail address"), link=link)


def confirm_email(token: str) -> User:
    """Mark the address in the link as verified. Raises tokens.InvalidLink or tokens.ExpiredLink."""
    payload = tokens.read_link_token(tokens.VERIFY_EMAIL, token, current_app.config["EMAIL_VERIFICATION_MAX_AGE"])
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.email != payload.get("email"):
        raise tokens.InvalidLink()
    if user.email_verified_at is None:
        _mark_confirmed(user)
    return user


def _mark_confirmed(user: User) -> None:
    """The address is proven: from now on an academic takes part in matching (their texts join the index)."""
    user.email_verified_at = utcnow()
    db.session.flush()
    if user.academic_profile is not None:
        matching.academic_changed(user.id)


def request_password_reset(email: str) -> None:
    """Send a reset link when the address has an account; say nothing either way, to hide who is registered."""
    user = user_by_email(email)
    if user is None or not user.active:
        return
    token = tokens.make_link_token(
        tokens.RESET_PASSWORD, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)})
    link = url_for("auth.reset_password", token=token, _external=True)
    send_templated_email(user, "reset_password", _l("Reset your password"), link=link)


def user_for_reset_token(token: str) -> User:
    """The user a reset link is for. A link already used (the password changed since) is invalid."""
    payload = tokens.read_link_token(tokens.RESET_PASSWORD, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = db.session.get(User, payload.get("uid"))
    if user is None or tokens.password_fingerprint(user.password_hash) != payload.get("pw"):
        raise tokens.InvalidLink()
    return user


def reset_password(token: str, new_password: str) -> User:
    user = user_for_reset_token(token)
    set_password(user, new_password)
    # Following the link proved the address is theirs.
    if user.email_verified_at is None:
        _mark_confirmed(user)
    return user


# --- personal access tokens --------------------------------------------------------------------------

TOKEN_PREFIX = "mm_"  # noqa: S105  (a visible prefix, not a secret)


def _digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw value is returned once and never stored. Flushes."""
    name = (name or "").strip() or _("API token")
    if len(name) > 80:
        raise ValidationFailed(_("Please correct the highlighted fields."),
                               {"name": [_("Use at most %(n)d characters.", n=80)]})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_digest=_digest(raw))
    db.session.add(token)
    db.session.flush()
    return token, raw


def user_for_api_token(raw_token: str) -> User | None:
    """The active owner of a valid, unrevoked token, or None. Records when it was last used."""
    if not raw_token or not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_digest == _digest(raw_token)))
    if token is None or token.is_revoked or not token.user.active:
        return None
    token.last_used_at = utcnow()
    return token.user


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()


def active_api_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc())
    ))
