"""Coordinators hiding content with a reason, shared by challenges and offers."""
from flask_babel import gettext as _

from matchmaker.errors import Conflict, ValidationFailed
from matchmaker.extensions import db
from matchmaker.types import utcnow

REASON_MAX = 1000


def hide(item, coordinator, reason: str | None) -> None:
    """Hide a challenge or offer. The reason is required: the owner sees it. Flushes."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Please correct the highlighted fields."),
                               {"reason": [_("Say why, so the owner knows what to change.")]})
    if len(reason) > REASON_MAX:
        raise ValidationFailed(_("Please correct the highlighted fields."),
                               {"reason": [_("Use at most %(n)d characters.", n=REASON_MAX)]})
    if item.is_hidden:
        raise Conflict(_("This is already hidden. Reload the page to see it."))
    item.hidden_at = utcnow()
    item.hidden_reason = reason
    item.hidden_by_id = coordinator.id
    db.session.flush()


def unhide(item) -> None:
    if not item.is_hidden:
        raise Conflict(_("This is not hidden. Reload the page to see it."))
    item.hidden_at = None
    item.hidden_reason = None
    item.hidden_by_id = None
    db.session.flush()
