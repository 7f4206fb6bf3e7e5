"""The one answer to "may this user do this?": views, the API and templates all ask `can`.

The list pages ask the same rules as SQL filters (`visible_*`), kept beside the per-object rules they mirror.
"""
from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import Role
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility
from matchmaker.errors import Forbidden, NotAuthenticated
from matchmaker.offers.models import Offer

Rule = Callable[[object, object], bool]
_RULES: dict[str, Rule] = {}


def rule(action: str, *, visitors: bool = False) -> Callable[[Rule], Rule]:
    """Register the check for `action`. Unless `visitors`, people who are not signed in are refused first."""
    def register(check: Rule) -> Rule:
        _RULES[action] = check if visitors else (lambda user, obj: signed_in(user) and check(user, obj))
        return check
    return register


def signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def can(user, action: str, obj=None) -> bool:
    """True when `user` (possibly a visitor) may perform `action` (on `obj`). Unknown actions are an error."""
    check = _RULES.get(action)
    if check is None:
        raise KeyError(f"No permission rule for {action!r}")
    return bool(check(user, obj))


def require(action: str, obj=None, user=None) -> None:
    """Raise the right error when the current (or given) user may not do `action`."""
    user = current_user if user is None else user
    if can(user, action, obj):
        return
    if not signed_in(user):
        raise NotAuthenticated(_("Please sign in to continue."))
    raise Forbidden(_("You do not have permission to do this."))


def _is_coordinator(user) -> bool:
    return signed_in(user) and user.is_coordinator


def _is_academic(user) -> bool:
    return signed_in(user) and user.has_role(Role.ACADEMIC)


def active_organisation_ids(user) -> set[int]:
    if not signed_in(user):
        return set()
    return {m.organisation_id for m in user.memberships if m.is_active}


# --- the coordinators' desk ---------------------------------------------------------------------------

@rule("coordination.view")
def _view_coordination(user, _obj) -> bool:
    return user.is_coordinator


@rule("organisation.verify")
def _verify_organisation(user, _organisation) -> bool:
    return user.is_coordinator


@rule("membership.review")
def _review_membership(user, _membership) -> bool:
    return user.is_coordinator


@rule("outbox.view")
def _view_outbox(user, _obj) -> bool:
    """The outbox page exists only while no mail server is configured."""
    return user.is_coordinator and not current_app.config.get("MAIL_SERVER")


@rule("token.create")
def _create_token(user, _obj) -> bool:
    """A token acts for its owner without a password: only for an address shown to be theirs."""
    return user.email_verified


@rule("token.revoke")
def _revoke_token(user, token) -> bool:
    return token is not None and token.user_id == user.id


# --- challenges ---------------------------------------------------------------------------------------

def _is_member_of(user, challenge: Challenge) -> bool:
    return challenge.organisation_id in active_organisation_ids(user)


@rule("challenge.create")
def _create_challenge(user, _obj) -> bool:
    return user.has_role(Role.ORGANISATION) and bool(active_organisation_ids(user))


@rule("challenge.view", visitors=True)
def _view_challenge(user, challenge: Challenge) -> bool:
    if _is_coordinator(user) or _is_member_of(user, challenge):
        return True
    if challenge.status is ChallengeStatus.DRAFT or challenge.is_hidden:
        return False
    return challenge.visibility is Visibility.PUBLIC or _is_academic(user)


@rule("challenge.edit")
def _edit_challenge(user, challenge: Challenge) -> bool:
    return _is_member_of(user, challenge) and challenge.status is not ChallengeStatus.CLOSED


@rule("challenge.change_status")
def _change_challenge_status(user, challenge: Challenge) -> bool:
    return _is_member_of(user, challenge)


@rule("challenge.hide")
def _hide_challenge(user, _challenge) -> bool:
    return user.is_coordinator


def visible_challenges(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "challenge.view": which challenges `user` may see in a list."""
    if _is_coordinator(user):
        return sa.true()
    published = sa.and_(Challenge.status != ChallengeStatus.DRAFT, Challenge.hidden_at.is_(None))
    if not _is_academic(user):
        published = sa.and_(published, Challenge.visibility == Visibility.PUBLIC)
    own = active_organisation_ids(user)
    return sa.or_(published, Challenge.organisation_id.in_(own)) if own else published


# --- offers -------------------------------------------------------------------------------------------

@rule("offer.create")
def _create_offer(user, _obj) -> bool:
    return user.has_role(Role.ACADEMIC) and user.academic_profile is not None


@rule("offer.view", visitors=True)
def _view_offer(user, offer: Offer) -> bool:
    if _is_coordinator(user) or (signed_in(user) and offer.academic_id == user.id):
        return True
    return not offer.is_hidden


@rule("offer.edit")
def _edit_offer(user, offer: Offer) -> bool:
    return offer.academic_id == user.id


@rule("offer.hide")
def _hide_offer(user, _offer) -> bool:
    return user.is_coordinator


def visible_offers(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "offer.view"."""
    if _is_coordinator(user):
        return sa.true()
    if signed_in(user):
        return sa.or_(Offer.hidden_at.is_(None), Offer.academic_id == user.id)
    return Offer.hidden_at.is_(None)


# --- academic profiles --------------------------------------------------------------------------------

@rule("profile.view", visitors=True)
def _view_profile(user, profile: AcademicProfile) -> bool:
    if _is_coordinator(user) or (signed_in(user) and profile.user_id == user.id):
        return True
    return profile.directory_opt_in and profile.user.active


@rule("profile.edit")
def _edit_profile(user, profile: AcademicProfile) -> bool:
    return profile is not None and profile.user_id == user.id


def visible_profiles(user) -> sa.ColumnElement[bool]:
    """The SQL twin of "profile.view"."""
    if _is_coordinator(user):
        return sa.true()
    if signed_in(user):
        return sa.or_(AcademicProfile.directory_opt_in.is_(True), AcademicProfile.user_id == user.id)
    return AcademicProfile.directory_opt_in.is_(True)


# --- matching -----------------------------------------------------------------------------------------
# Suggestions are for the people they concern: a challenge's organisation, an offer's author, the academic.

def _concerns(user, obj) -> bool:
    if isinstance(obj, Challenge):
        return _is_member_of(user, obj)
    if isinstance(obj, Offer):
        return obj.academic_id == user.id
    if isinstance(obj, AcademicProfile):
        return obj.user_id == user.id
    return False


@rule("match.view")
def _view_matches(user, obj) -> bool:
    return obj is not None and (user.is_coordinator or _concerns(user, obj))


@rule("match.dismiss")
def _dismiss_match(user, obj) -> bool:
    return obj is not None and _concerns(user, obj)


@rule("matching.recompute")
def _recompute_matching(user, _obj) -> bool:
    return user.is_coordinator
