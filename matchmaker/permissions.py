"""The one answer to "may this user do this?": views, the API and templates all ask `can`."""
from collections.abc import Callable

from flask_babel import gettext as _
from flask_login import current_user

from matchmaker.errors import Forbidden, NotAuthenticated

Rule = Callable[[object, object], bool]
_RULES: dict[str, Rule] = {}


def rule(action: str) -> Callable[[Rule], Rule]:
    def register(check: Rule) -> Rule:
        _RULES[action] = check
        return check
    return register


def _signed_in(user) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


def can(user, action: str, obj=None) -> bool:
    """True when `user` may perform `action` (on `obj`). Unknown actions are refused."""
    check = _RULES.get(action)
    if check is None:
        raise KeyError(f"No permission rule for {action!r}")
    return _signed_in(user) and bool(check(user, obj))


def require(action: str, obj=None, user=None) -> None:
    """Raise the right error when the current (or given) user may not do `action`."""
    user = current_user if user is None else user
    if not _signed_in(user):
        raise NotAuthenticated(_("Please sign in to continue."))
    if not can(user, action, obj):
        raise Forbidden(_("You do not have permission to do this."))


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
    return user.is_coordinator


@rule("token.revoke")
def _revoke_token(user, token) -> bool:
    return token is not None and token.user_id == user.id
