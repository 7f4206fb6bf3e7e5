"""Offer operations: create, edit, pause, close, reopen, hide, and list. Each flushes; callers commit."""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import User
from matchmaker.db import check_version, replace_sdgs
from matchmaker.errors import Conflict, ValidationFailed
from matchmaker.events import OfferChanged, publish
from matchmaker.extensions import db
from matchmaker.listing import ListFilters, enum_filter, search_and_paginate
from matchmaker.moderation import hide, unhide
from matchmaker.notifications.services import send_templated_email
from matchmaker.offers.models import Offer, OfferStatus, offer_sdgs
from matchmaker.permissions import visible_offers
from matchmaker.reference.models import Department, HelpKind
from matchmaker.validation import Checker

TITLE_MAX, DESCRIPTION_MAX = 150, 10_000
TITLE_MIN = 8  # shorter says too little to be matched or understood
EDITABLE_FIELDS = {"title", "description", "kind", "sdgs", "keywords", "capacity", "available_from",
                   "available_until"}
SORTS = ("newest", "title")

NEXT_STATUSES = {
    OfferStatus.OPEN: {OfferStatus.PAUSED, OfferStatus.CLOSED},
    OfferStatus.PAUSED: {OfferStatus.OPEN, OfferStatus.CLOSED},
    OfferStatus.CLOSED: {OfferStatus.OPEN},
}


def check_offer_fields(data: dict, *, partial: bool = False, current: Offer | None = None) -> dict:
    """The cleaned fields of an offer, or ValidationFailed naming each problem."""
    check = Checker(data, partial=partial)
    check.unknown_fields(EDITABLE_FIELDS)
    check.text("title", max_length=TITLE_MAX, min_length=TITLE_MIN, required=True, multiline=False)
    check.text("description", max_length=DESCRIPTION_MAX, required=True)
    check.choice("kind", HelpKind)
    check.sdgs()
    check.keywords("keywords")
    check.integer("capacity", minimum=1, maximum=100, required=not partial)
    check.day("available_from")
    check.day("available_until", not_before=date.today() if "available_until" in data else None)
    fields = check.done()
    starts = fields.get("available_from", current.available_from if current else None)
    ends = fields.get("available_until", current.available_until if current else None)
    if starts and ends and ends < starts:
        check.fail("available_until", _("The end of availability must come after its start."))
        check.done()
    return fields


def _apply(offer: Offer, fields: dict) -> None:
    for name, value in fields.items():
        if name == "sdgs":
            replace_sdgs(offer, value)
        else:
            setattr(offer, name, value)


def create_offer(academic: User, data: dict) -> Offer:
    """A new open offer of `academic`. Flushes."""
    fields = check_offer_fields({"capacity": 1, **data})
    offer = Offer(academic=academic, status=OfferStatus.OPEN)
    _apply(offer, fields)
    db.session.add(offer)
    db.session.flush()
    publish(OfferChanged(offer.id))
    return offer


def update_offer(offer: Offer, data: dict, version: int | None = None) -> Offer:
    """Change the given fields; with `version`, refuse (StaleVersion) when the offer changed since. Flushes."""
    check_version(offer, version)
    _apply(offer, check_offer_fields(data, partial=True, current=offer))
    db.session.flush()
    publish(OfferChanged(offer.id))
    return offer


def change_status(offer: Offer, status: OfferStatus) -> Offer:
    if status is offer.status:
        raise Conflict(_("The offer already has this status. Reload the page to see it."))
    if status not in NEXT_STATUSES[offer.status]:
        raise ValidationFailed(_("This change of status is not possible."),
                               {"status": [_("This change of status is not possible.")]})
    offer.status = status
    db.session.flush()
    publish(OfferChanged(offer.id))
    return offer


def hide_offer(offer: Offer, coordinator, reason: str | None) -> Offer:
    hide(offer, coordinator, reason)
    publish(OfferChanged(offer.id))
    send_templated_email(offer.academic, "hidden", _l("A coordinator has hidden your offer"),
                         title=offer.title, reason=offer.hidden_reason)
    return offer


def unhide_offer(offer: Offer) -> Offer:
    unhide(offer)
    publish(OfferChanged(offer.id))
    return offer


def list_offers(filters: ListFilters, viewer):
    """The page of offers `viewer` may see that match `filters`, loaded without a query per row."""
    query = (sa.select(Offer).join(Offer.academic).join(AcademicProfile, AcademicProfile.user_id == User.id)
             .join(Department, Department.id == AcademicProfile.department_id).where(visible_offers(viewer))
             # Each row shows its author's department: load the authors' profiles in one statement.
             .options(joinedload(Offer.academic).selectinload(User.academic_profile)))
    status = enum_filter(OfferStatus, filters.status, "status") if filters.status else OfferStatus.OPEN
    query = query.where(Offer.status == status)
    if filters.kind:
        query = query.where(Offer.kind == enum_filter(HelpKind, filters.kind, "kind"))
    if filters.department:
        query = query.where(Department.code == filters.department.upper())
    if filters.sdg:
        query = query.where(
            Offer.id.in_(sa.select(offer_sdgs.c.offer_id).where(offer_sdgs.c.sdg_number == filters.sdg)))
    order = {
        "newest": (Offer.created_at.desc(), Offer.id.desc()),
        "title": (sa.func.lower(Offer.title), Offer.id),
    }[filters.sort]
    return search_and_paginate(
        query, filters, kind="offer", id_column=Offer.id, order_by=order,
        text_columns=[Offer.title, Offer.description, sa.cast(Offer.keywords, sa.String), User.name])


def offers_of(academic: User) -> list[Offer]:
    return list(db.session.scalars(
        sa.select(Offer).where(Offer.academic_id == academic.id).order_by(Offer.updated_at.desc())))
