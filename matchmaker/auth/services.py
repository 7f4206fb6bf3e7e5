"""Account operations: create, register, authenticate, sessions, verify e-mail, passwords, API tokens.

Every function flushes and leaves the commit to the request or command that called it.
"""
import functools
import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth import throttle, tokens
from matchmaker.auth.models import ApiToken, Language, Role, User, UserRole, UserSession
from matchmaker.errors import Conflict, TooManyAttempts, ValidationFailed
from matchmaker.events import AcademicJoined, publish
from matchmaker.extensions import db
from matchmaker.links import public_url_for
from matchmaker.notifications.services import send_templated_email
from matchmaker.orgs import services as org_services
from matchmaker.reference.services import department_by_code
from matchmaker.types import utcnow

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
NAME_MAX_LENGTH = 120


class AddressTaken(Exception):  # noqa: N818  (a signal to the caller, not a failure to report)
    """The address asked for already has an account; `owner` is that account."""

    def __init__(self, owner: User) -> None:
        super().__init__(owner.email)
        self.owner = owner


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def _password_hash_method() -> str:
    return current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_password_hash_method())


@functools.cache
def _dummy_hash_for(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=method)


def dummy_password_hash() -> str:
    """Checked when the e-mail is unknown: made with the real method and cost, so both answers take as long."""
    return _dummy_hash_for(_password_hash_method())


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


def name_problem(name: str) -> str | None:
    """Why a person's name (already stripped) is not acceptable, or None."""
    if not name:
        return _("Enter your name.")
    if len(name) > NAME_MAX_LENGTH:
        return _("Use at most %(n)d characters.", n=NAME_MAX_LENGTH)
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
    reveal_taken: bool = True,
) -> User:
    """A new user with the given roles. Raises ValidationFailed with the offending fields. Flushes.

    An address that already has an account is an error on `email` when `reveal_taken` (operators' commands);
    otherwise (public forms) the other fields are checked as for a newcomer and AddressTaken is raised.
    """
    errors: dict[str, list[str]] = {}
    email = normalise_email(email)
    name = (name or "").strip()
    owner = None
    if problem := email_problem(email):
        errors["email"] = [problem]
    elif (owner := user_by_email(email)) is not None and reveal_taken:
        errors["email"] = [_("An account with this e-mail already exists. Sign in, or reset your password.")]
    if problem := password_problem(password):
        errors["password"] = [problem]
    if problem := name_problem(name):
        errors["name"] = [problem]
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    if owner is not None:
        hash_password(password)  # the time a newcomer's answer takes, so that the two answers look alike
        raise AddressTaken(owner)

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
    verified: bool = False, reveal_taken: bool = True,
) -> User:
    """A member of an organisation: joins it when it exists (pending approval), creates it otherwise. Flushes.

    With `reveal_taken` false, an address that has an account raises AddressTaken once every other field is right.
    """
    errors: dict[str, list[str]] = {}
    organisation = None
    try:
        organisation = org_services.organisation_by_name(organisation_name) or org_services.validate_new_organisation(
            name=organisation_name, kind=kind, city=city, website=website, description=description)
    except ValidationFailed as error:
        errors.update(error.fields)
    try:
        user = create_user(email, password, name, {Role.ORGANISATION}, language, verified=verified,
                           reveal_taken=reveal_taken)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, {**errors, **error.fields}) from error
    except AddressTaken:
        if errors:
            raise ValidationFailed(_("Please correct the highlighted fields."), errors) from None
        raise
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    if organisation.id is None:
        org_services.create_organisation(organisation, founder=user)
    else:
        org_services.request_membership(organisation, user)
    return user


def register_academic(
    *, email: str, password: str, name: str, language: Language, department_code: str, verified: bool = False,
    reveal_taken: bool = True,
    suggest_to_organisations: bool = True,
) -> User:
    """An academic with an institutional address and a department, suggested to organisations unless they
    declined at registration. Flushes. `reveal_taken` as for members."""
    errors: dict[str, list[str]] = {}
    if not email_problem(email) and not is_academic_email(email):
        domains = ", ".join("@" + d for d in current_app.config["ACADEMIC_EMAIL_DOMAINS"])
        errors["email"] = [_("Academics register with their university e-mail (%(domains)s).", domains=domains)]
    department = department_by_code(department_code or "")
    if department is None:
        errors["department"] = [_("Choose your department.")]
    try:
        user = create_user(email, password, name, {Role.ACADEMIC}, language, verified=verified,
                           reveal_taken=reveal_taken)
    except ValidationFailed as error:
        raise ValidationFailed(error.message, {**error.fields, **errors}) from error
    except AddressTaken:
        if errors:
            raise ValidationFailed(_("Please correct the highlighted fields."), errors) from None
        raise
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    user.academic_profile = AcademicProfile(department=department,
                                            suggest_to_organisations=bool(suggest_to_organisations))
    db.session.flush()
    return user


def sign_up(register: Callable[..., User], **fields) -> None:
    """Register through a public form without ever telling whether the address already has an account.

    A newcomer gets a link to confirm the address; the owner of a taken address gets a note saying that someone
    tried (at most once an hour, so the form cannot flood their inbox). Other mistakes raise ValidationFailed.
    """
    try:
        user = register(**fields, reveal_taken=False)
    except AddressTaken as taken:
        owner = taken.owner
        if throttle.spend("1 per hour", "registration-notice", str(owner.id)) is None:
            send_templated_email(owner, "registration_attempt", _l("Someone tried to register with your address"),
                                 login_link=public_url_for("auth.login"),
                                 reset_link=public_url_for("auth.forgot_password"))
        return
    send_verification_email(user)


# --- signing in ----------------------------------------------------------------------------------------

ADDRESS_BUDGET = "sign-in-address"
ACCOUNT_BUDGET = "sign-in-account"


def too_many_attempts(retry_after: int) -> TooManyAttempts:
    if retry_after <= 60:
        return TooManyAttempts(_("Too many attempts. Please wait a minute and try again."), retry_after)
    return TooManyAttempts(_("Too many attempts. Please try again in %(minutes)d minutes, or choose a new password "
                             "with “Forgot your password?”.", minutes=-(-retry_after // 60)), retry_after)


def _claim_attempt(email: str, client_address: str | None) -> list[tuple[str, str, str]]:
    """Count a sign-in attempt for the client's address and for the account; raise TooManyAttempts when over.

    Counted before the password is checked: parallel requests each take their own place in the budget.
    """
    config = current_app.config
    claimed = []
    if client_address:
        if (wait := throttle.spend(config["LOGIN_RATE_LIMIT"], ADDRESS_BUDGET, client_address)) is not None:
            raise too_many_attempts(wait)
        claimed.append((config["LOGIN_RATE_LIMIT"], ADDRESS_BUDGET, client_address))
    account = normalise_email(email)
    if (wait := throttle.spend(config["LOGIN_ACCOUNT_RATE_LIMIT"], ACCOUNT_BUDGET, account)) is not None:
        raise too_many_attempts(wait)
    claimed.append((config["LOGIN_ACCOUNT_RATE_LIMIT"], ACCOUNT_BUDGET, account))
    return claimed


def authenticate(email: str, password: str, client_address: str | None = None) -> User | None:
    """The active user with this e-mail and password, or None. Raises TooManyAttempts past the budgets.

    The sign-in form and POST /api/v1/tokens share the budgets: per client address and per account.
    Successful attempts are given back, so only failures use them up.
    """
    claimed = _claim_attempt(email, client_address)
    user = user_by_email(email)
    if user is None:
        check_password_hash(dummy_password_hash(), password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    for limits, budget, subject in claimed:
        throttle.give_back(limits, budget, subject)
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


def change_name(user: User, name: str) -> None:
    """Rename `user`; the name is what other people see on proposals and profiles. Flushes."""
    name = (name or "").strip()
    if problem := name_problem(name):
        raise ValidationFailed(_("Please correct the highlighted fields."), {"name": [problem]})
    user.name = name
    db.session.flush()


# --- sessions: one row per signed-in browser ------------------------------------------------------------

def _session_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _session_lifetime() -> timedelta:
    """As long as a remember-me cookie lives: no browser can hold a session longer."""
    duration = current_app.config.get("REMEMBER_COOKIE_DURATION", timedelta(days=365))
    return duration if isinstance(duration, timedelta) else timedelta(seconds=int(duration))


def start_session(user: User, remember: bool = False) -> None:
    """Record a new signed-in session for `user`, whose key `user.get_id()` now carries. Flushes."""
    oldest_alive = utcnow() - _session_lifetime()
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id,
                                                    UserSession.created_at < oldest_alive))
    key = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, key_digest=_session_digest(key), remember=remember))
    user.session_key = key
    db.session.flush()


def user_for_session(session_id: str) -> User | None:
    """The user of a live session, from the "<user id>:<key>" that Flask-Login keeps; None if it has ended."""
    user_id, _sep, key = (session_id or "").partition(":")
    if not user_id.isdigit() or not key:
        return None
    row = db.session.scalar(sa.select(UserSession).where(UserSession.key_digest == _session_digest(key)))
    if row is None or row.user_id != int(user_id) or row.created_at < utcnow() - _session_lifetime():
        return None
    user = row.user
    user.session_key = key
    return user


def end_session(user: User) -> None:
    """End the session `user` was loaded for, on the server: its cookies, even copied, no longer sign anyone in."""
    if user.session_key:
        db.session.execute(sa.delete(UserSession).where(UserSession.key_digest == _session_digest(user.session_key)))
        db.session.flush()


def end_other_sessions(user: User, keep_current: bool) -> None:
    """End every session of `user` (but the one it was loaded for, when `keep_current`). Flushes."""
    query = sa.delete(UserSession).where(UserSession.user_id == user.id)
    if keep_current and user.session_key:
        query = query.where(UserSession.key_digest != _session_digest(user.session_key))
    db.session.execute(query)
    db.session.flush()


def check_current_password(user: User, password: str, client_address: str | None = None) -> None:
    """Raise ValidationFailed (on `current_password`) unless `password` is `user`'s, or TooManyAttempts.

    Counted against the sign-in budgets like a sign-in, and given back when right: a stolen session cannot be
    used to guess the password faster than the sign-in form allows.
    """
    claimed = _claim_attempt(user.email, client_address)
    if not check_password_hash(user.password_hash, password or ""):
        raise ValidationFailed(_("Please correct the highlighted fields."),
                               {"current_password": [_("This is not your current password.")]})
    for limits, budget, subject in claimed:
        throttle.give_back(limits, budget, subject)


def change_password(user: User, current_password: str, new_password: str, client_address: str | None = None) -> None:
    """Change a signed-in person's password: every other session ends and every API token is revoked. Flushes.

    A wrong current password raises ValidationFailed and uses up the sign-in budgets like a failed sign-in.
    """
    check_current_password(user, current_password, client_address)
    set_password(user, new_password)
    end_other_sessions(user, keep_current=True)
    revoke_all_api_tokens(user)


# --- e-mail verification and password reset ---------------------------------------------------------

def verification_link(user: User) -> str:
    """A link that confirms `user`'s address, on PUBLIC_URL. A secret: only for the owner of the address."""
    token = tokens.make_link_token(tokens.VERIFY_EMAIL, {"uid": user.id, "email": user.email})
    return public_url_for("auth.verify_email", token=token)


def reset_link(user: User) -> str:
    """A link that lets whoever holds it choose `user`'s password, on PUBLIC_URL; it dies once it is used."""
    token = tokens.make_link_token(
        tokens.RESET_PASSWORD, {"uid": user.id, "pw": tokens.password_fingerprint(user.password_hash)})
    return public_url_for("auth.reset_password", token=token)


def send_verification_email(user: User) -> None:
    link = verification_link(user)
    send_templated_email(user, "verify_email", _l("Confirm your e-mail address"), secrets=[link], link=link)


def resend_verification_email(user: User) -> None:
    """Send `user` a new confirmation link, at most VERIFICATION_RESEND_LIMIT times. Raises TooManyAttempts."""
    wait = throttle.spend(current_app.config["VERIFICATION_RESEND_LIMIT"], "verification-resend", str(user.id))
    if wait is not None:
        raise TooManyAttempts(_("We have already sent you several confirmation links. Look for them in your inbox "
                                "(and in the spam folder), or ask again in %(minutes)d minutes.",
                                minutes=-(-wait // 60)), wait)
    send_verification_email(user)


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
        publish(AcademicJoined(user.id))


def request_password_reset(email: str) -> None:
    """Send a reset link when the address has an account; say nothing either way, to hide who is registered."""
    user = user_by_email(email)
    if user is None or not user.active:
        return
    link = reset_link(user)
    send_templated_email(user, "reset_password", _l("Reset your password"), secrets=[link], link=link)


def user_for_reset_token(token: str) -> User:
    """The user a reset link is for. A link already used (the password changed since) is invalid."""
    payload = tokens.read_link_token(tokens.RESET_PASSWORD, token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = db.session.get(User, payload.get("uid"))
    if user is None or tokens.password_fingerprint(user.password_hash) != payload.get("pw"):
        raise tokens.InvalidLink()
    return user


def reset_password(token: str, new_password: str) -> User:
    """Choose a new password with a reset link: every session ends and every API token is revoked. Flushes."""
    user = user_for_reset_token(token)
    set_password(user, new_password)
    # Following the link proved the address is theirs.
    if user.email_verified_at is None:
        _mark_confirmed(user)
    end_other_sessions(user, keep_current=False)
    revoke_all_api_tokens(user)
    # Whoever was guessing this password made the owner wait: the owner has now proved who they are.
    throttle.reset(current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"], ACCOUNT_BUDGET, user.email)
    return user


# --- changing the e-mail address ---------------------------------------------------------------------

def _new_address_problem(user: User, email: str) -> str | None:
    if problem := email_problem(email):
        return problem
    if email == user.email:
        return _("This is already your address. Type the new one.")
    if user.has_role(Role.ACADEMIC) and not is_academic_email(email):
        domains = ", ".join("@" + d for d in current_app.config["ACADEMIC_EMAIL_DOMAINS"])
        return _("Academics use their university e-mail (%(domains)s).", domains=domains)
    return None


def _email_change_stamp(user: User) -> int:
    """The request's moment in whole microseconds: each request, even a second one for the same address, differs."""
    return (user.pending_email_requested_at - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


def email_change_link(user: User) -> str:
    """A link that moves `user` to their pending address, on PUBLIC_URL. A secret: only for that address.

    It names the request it answers, so that cancelling, asking again or using it makes it worthless.
    """
    token = tokens.make_link_token(tokens.CHANGE_EMAIL, {"uid": user.id, "email": user.pending_email,
                                                         "at": _email_change_stamp(user)})
    return public_url_for("auth.confirm_email_change", token=token)


def request_email_change(user: User, new_email: str, current_password: str, client_address: str | None = None) -> None:
    """Ask to move `user` to `new_email`: the address changes only when the link sent there is opened. Flushes.

    The current password is checked against the sign-in budgets. The old address is told of the request. An
    address that already has an account is answered exactly like a free one, so the form cannot tell who is
    registered: it waits as pending, and its owner gets a note instead of a link. Raises ValidationFailed
    (`email`, `current_password`) or TooManyAttempts.
    """
    new_email = normalise_email(new_email)
    errors: dict[str, list[str]] = {}
    if problem := _new_address_problem(user, new_email):
        errors["email"] = [problem]
    try:
        check_current_password(user, current_password, client_address)
    except ValidationFailed as error:
        errors.update(error.fields)
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    if (wait := throttle.spend(current_app.config["EMAIL_CHANGE_LIMIT"], "email-change", str(user.id))) is not None:
        raise TooManyAttempts(_("You have asked to change your address several times already. Look for the links "
                                "in the new address's inbox, or ask again in %(minutes)d minutes.",
                                minutes=-(-wait // 60)), wait)
    user.pending_email = new_email
    user.pending_email_requested_at = utcnow()
    db.session.flush()
    owner = user_by_email(new_email)
    if owner is None:
        link = email_change_link(user)
        send_templated_email(user, "email_change_confirm", _l("Confirm your new e-mail address"), secrets=[link],
                             recipient=new_email, link=link, new_email=new_email)
    elif throttle.spend("1 per hour", "email-change-notice", str(owner.id)) is None:
        send_templated_email(owner, "email_change_attempt", _l("Someone tried to use your address"),
                             login_link=public_url_for("auth.login"))
    send_templated_email(user, "email_change_requested", _l("A change of your e-mail address was requested"),
                         new_email=new_email, account_link=public_url_for("auth.account"))


def cancel_email_change(user: User) -> None:
    """Forget the pending address: the link sent to it stops working. Flushes."""
    user.pending_email = None
    user.pending_email_requested_at = None
    db.session.flush()


def confirm_email_change(token: str) -> User:
    """Move the user of the link to the address it was sent to, now proven theirs. Flushes.

    Raises tokens.InvalidLink (tampered, cancelled, replaced or already used), tokens.ExpiredLink, or Conflict
    when the address has meanwhile got an account of its own (the request stays, for the person to cancel).
    """
    payload = tokens.read_link_token(tokens.CHANGE_EMAIL, token, current_app.config["EMAIL_CHANGE_MAX_AGE"])
    user = db.session.get(User, payload.get("uid")) if isinstance(payload.get("uid"), int) else None
    if (user is None or user.pending_email is None or user.pending_email != payload.get("email")
            or _email_change_stamp(user) != payload.get("at")):
        raise tokens.InvalidLink()
    new_email = user.pending_email
    if user_by_email(new_email) is not None:
        raise Conflict(_("This address now belongs to another account, so yours keeps its current address."))
    user.email = new_email
    cancel_email_change(user)
    if user.email_verified_at is None:
        _mark_confirmed(user)
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:  # an account took the address between the check and the write
        raise Conflict(_("This address now belongs to another account, so yours keeps its current address.")) from error
    return user


# --- personal access tokens --------------------------------------------------------------------------

TOKEN_PREFIX = "mm_"  # noqa: S105  (a visible prefix, not a secret)
TOKEN_MAX_DAYS = 365


class TokenExpired(Exception):  # noqa: N818
    """A genuine token past its expiry date; `expires_at` says when it stopped working."""

    def __init__(self, expires_at) -> None:
        super().__init__(expires_at.isoformat())
        self.expires_at = expires_at


def _digest(raw_token: str) -> str:
    return hashlib.sha256(raw_token.encode()).hexdigest()


def token_lifetime_problem(days) -> str | None:
    """Why a requested lifetime (in days) is not acceptable, or None."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= TOKEN_MAX_DAYS:
        return _("Choose a whole number of days between 1 and %(max)d.", max=TOKEN_MAX_DAYS)
    return None


def create_api_token(user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`, valid `days` (API_TOKEN_DAYS when None; 0 there means no expiry). Flushes.

    The raw value is returned once and never stored. Refused (ValidationFailed) past API_TOKEN_LIMIT active tokens.
    """
    errors: dict[str, list[str]] = {}
    name = (name or "").strip() or _("API token")
    if len(name) > 80:
        errors["name"] = [_("Use at most %(n)d characters.", n=80)]
    if days is not None and (problem := token_lifetime_problem(days)):
        errors["days"] = [problem]
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    limit = current_app.config["API_TOKEN_LIMIT"]
    if len(active_api_tokens(user, include_expired=False)) >= limit:
        raise ValidationFailed(_("You already have %(n)d active tokens, the most allowed. Revoke one you no longer "
                                 "use, then create the new one.", n=limit))
    days = current_app.config["API_TOKEN_DAYS"] if days is None else days
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, token_digest=_digest(raw),
                     expires_at=utcnow() + timedelta(days=days) if days else None)
    db.session.add(token)
    db.session.flush()
    return token, raw


def user_for_api_token(raw_token: str) -> User | None:
    """The active owner of a valid, unrevoked token, or None; TokenExpired for a token past its date.

    Records when it was last used.
    """
    if not raw_token or not raw_token.startswith(TOKEN_PREFIX):
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_digest == _digest(raw_token)))
    if token is None or token.is_revoked or not token.user.active:
        return None
    if token.is_expired:
        raise TokenExpired(token.expires_at)
    token.last_used_at = utcnow()
    return token.user


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()


def revoke_all_api_tokens(user: User) -> None:
    """Revoke every token of `user`, as when the password changes. Flushes."""
    db.session.execute(sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=utcnow()))
    db.session.flush()


def active_api_tokens(user: User, include_expired: bool = True) -> list[ApiToken]:
    """The tokens `user` has not revoked, newest first; expired ones too unless told otherwise."""
    query = sa.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    if not include_expired:
        query = query.where(sa.or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > utcnow()))
    return list(db.session.scalars(query.order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))
