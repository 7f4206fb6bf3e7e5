"""Organisation operations: create, join, verify, reject, and review memberships. Each flushes; callers commit."""
from urllib.parse import urlparse

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.errors import Conflict, ValidationFailed
from matchmaker.events import OrganisationStatusChanged, publish
from matchmaker.extensions import db
from matchmaker.notifications.services import send_templated_email
from matchmaker.orgs.models import (
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    OrganisationStatus,
)
from matchmaker.types import utcnow

NAME_MAX_LENGTH = 160
CITY_MAX_LENGTH = 120
WEBSITE_MAX_LENGTH = 300
DESCRIPTION_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


def name_key(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def organisation_by_name(name: str) -> Organisation | None:
    return db.session.scalar(sa.select(Organisation).where(Organisation.name_key == name_key(name)))


def normalise_website(website: str | None) -> str | None:
    """People type "www.example.org": keep it, as an https address."""
    website = (website or "").strip()
    if not website:
        return None
    if "://" not in website:
        website = "https://" + website
    return website


def validate_new_organisation(
    *, name: str, kind: str | None, city: str | None, website: str | None = None, description: str | None = None,
) -> Organisation:
    """A new, unsaved organisation built from what the person typed. Raises ValidationFailed field by field."""
    errors: dict[str, list[str]] = {}
    name = " ".join((name or "").split())
    city = (city or "").strip()
    description = (description or "").strip()
    website = normalise_website(website)
    if not name:
        errors["organisation_name"] = [_("Enter the name of your organisation.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["organisation_name"] = [_("Use at most %(n)d characters.", n=NAME_MAX_LENGTH)]
    kinds = {k.value: k for k in OrganisationKind}
    if kind not in kinds:
        errors["kind"] = [_("Choose the kind of organisation.")]
    if not city:
        errors["city"] = [_("Enter the city where your organisation works.")]
    elif len(city) > CITY_MAX_LENGTH:
        errors["city"] = [_("Use at most %(n)d characters.", n=CITY_MAX_LENGTH)]
    if website:
        parsed = urlparse(website)
        if parsed.scheme not in {"http", "https"} or "." not in parsed.netloc or len(website) > WEBSITE_MAX_LENGTH:
            errors["website"] = [_("Enter a web address such as www.example.org.")]
    if len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = [_("Use at most %(n)d characters.", n=DESCRIPTION_MAX_LENGTH)]
    if errors:
        raise ValidationFailed(_("Please correct the highlighted fields."), errors)
    return Organisation(name=name, name_key=name_key(name), kind=kinds[kind], city=city, website=website,
                        description=description, status=OrganisationStatus.PENDING)


def create_organisation(organisation: Organisation, founder) -> Organisation:
    """Save a new organisation, pending verification, with its founder as an active member. Flushes."""
    db.session.add(organisation)
    db.session.add(Membership(user=founder, organisation=organisation, status=MembershipStatus.ACTIVE))
    try:
        db.session.flush()
    except sa.exc.IntegrityError as error:
        raise Conflict(_("An organisation with this name already exists."),
                       {"organisation_name": [_("An organisation with this name already exists.")]}) from error
    return organisation


def request_membership(organisation: Organisation, user) -> Membership:
    """Ask to join an existing organisation; a coordinator approves the request. Flushes."""
    membership = Membership(user=user, organisation=organisation, status=MembershipStatus.PENDING)
    db.session.add(membership)
    db.session.flush()
    return membership


def organisation_names() -> list[str]:
    """Names of verified organisations, offered as suggestions to people who want to join one."""
    return list(db.session.scalars(
        sa.select(Organisation.name).where(Organisation.status == OrganisationStatus.VERIFIED)
        .order_by(Organisation.name)
    ))


def active_organisations_of(user) -> list[Organisation]:
    return [m.organisation for m in user.memberships if m.is_active]


def pending_organisations() -> list[Organisation]:
    return list(db.session.scalars(
        sa.select(Organisation).where(Organisation.status == OrganisationStatus.PENDING)
        .order_by(Organisation.created_at, Organisation.id)
        .options(sa.orm.selectinload(Organisation.memberships).joinedload(Membership.user))
    ))


def pending_memberships() -> list[Membership]:
    return list(db.session.scalars(
        sa.select(Membership).where(Membership.status == MembershipStatus.PENDING)
        .order_by(Membership.created_at).options(sa.orm.joinedload(Membership.user))
    ))


def recently_decided_organisations(limit: int = 20) -> list[Organisation]:
    return list(db.session.scalars(
        sa.select(Organisation).where(Organisation.status != OrganisationStatus.PENDING)
        .order_by(Organisation.status_changed_at.desc().nulls_last(), Organisation.id.desc()).limit(limit)
    ))


def _clean_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Please correct the highlighted fields."),
                               {"reason": [_("Say why, so the organisation knows what to do next.")]})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(_("Please correct the highlighted fields."),
                               {"reason": [_("Use at most %(n)d characters.", n=REASON_MAX_LENGTH)]})
    return reason


def decide_organisation(organisation: Organisation, status: OrganisationStatus, coordinator,
                        reason: str | None = None) -> Organisation:
    """Verify, reject or suspend an organisation and tell its members. Rejecting or suspending needs a reason.

    Suspended or rejected, its challenges leave every public place and the suggestions; verified, they come back.
    Flushes."""
    if status is OrganisationStatus.PENDING:
        raise ValidationFailed(_("Choose verified or rejected."), {"status": [_("Choose verified or rejected.")]})
    if status is OrganisationStatus.VERIFIED:
        reason = (reason or "").strip() or None
    else:
        reason = _clean_reason(reason)
    if organisation.status is status:
        raise Conflict(_("This organisation has already been handled. Reload the page to see its status."))
    organisation.status = status
    organisation.status_reason = reason
    organisation.status_changed_at = utcnow()
    organisation.status_changed_by_id = coordinator.id
    db.session.flush()
    publish(OrganisationStatusChanged(organisation.id))
    subjects = {
        OrganisationStatus.VERIFIED: _l("Your organisation has been verified"),
        OrganisationStatus.REJECTED: _l("Your organisation could not be verified"),
        OrganisationStatus.SUSPENDED: _l("Your organisation has been suspended"),
    }
    for membership in organisation.memberships:
        send_templated_email(membership.user, "organisation_decision", subjects[status],
                             organisation=organisation, status=status.value, reason=reason)
    return organisation


def approve_membership(membership: Membership) -> Membership:
    """Let a person who asked to join an organisation act for it. Flushes and tells them."""
    if membership.is_active:
        raise Conflict(_("This request has already been approved."))
    membership.status = MembershipStatus.ACTIVE
    db.session.flush()
    send_templated_email(membership.user, "membership_decision", _l("You have joined your organisation"),
                         organisation=membership.organisation, approved=True, reason=None)
    return membership


def decline_membership(membership: Membership, reason: str | None) -> None:
    """Refuse a request to join an organisation, saying why. Flushes and tells the person."""
    reason = _clean_reason(reason)
    send_templated_email(membership.user, "membership_decision", _l("Your request to join was not accepted"),
                         organisation=membership.organisation, approved=False, reason=reason)
    db.session.delete(membership)
    db.session.flush()
