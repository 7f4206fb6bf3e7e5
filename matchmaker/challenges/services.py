"""Challenge operations: create, edit, publish, pause, close, hide, and list. Each flushes; callers commit."""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility, challenge_sdgs
from matchmaker.db import check_version, replace_sdgs
from matchmaker.errors import Conflict, ValidationFailed
from matchmaker.events import ChallengeChanged, publish
from matchmaker.extensions import db
from matchmaker.listing import ListFilters, enum_filter, like_pattern, search_and_paginate
from matchmaker.moderation import hide, unhide
from matchmaker.notifications.services import send_templated_email
from matchmaker.orgs.models import Organisation
from matchmaker.permissions import visible_challenges
from matchmaker.reference.models import HelpKind, Scale
from matchmaker.types import utcnow
from matchmaker.validation import Checker
from matchmaker.workflow.models import Proposal, ProposalAcademic
from matchmaker.workflow.stages import PARTNERSHIP

TITLE_MAX, SUMMARY_MAX, DESCRIPTION_MAX, PLACE_MAX, RESOURCES_MAX = 150, 600, 10_000, 120, 2_000
TITLE_MIN, SUMMARY_MIN = 8, 30  # shorter says too little to be matched or understood
EDITABLE_FIELDS = {"title", "summary", "description", "sdgs", "keywords", "kind", "place", "scale", "resources",
                   "deadline", "visibility"}
SORTS = ("newest", "deadline", "title")

# Which status a member may move a challenge to, from each status.
NEXT_STATUSES = {
    ChallengeStatus.DRAFT: {ChallengeStatus.OPEN, ChallengeStatus.CLOSED},
    # "In partnership" is no manual choice: the challenge follows its approved proposals (follow_partnership).
    ChallengeStatus.OPEN: {ChallengeStatus.PAUSED, ChallengeStatus.CLOSED},
    ChallengeStatus.PAUSED: {ChallengeStatus.OPEN, ChallengeStatus.CLOSED},
    ChallengeStatus.IN_PARTNERSHIP: {ChallengeStatus.CLOSED},
    ChallengeStatus.CLOSED: set(),
}


def check_challenge_fields(data: dict, *, partial: bool = False, today: date | None = None) -> dict:
    """The cleaned fields of a challenge, or ValidationFailed naming each problem."""
    check = Checker(data, partial=partial)
    check.unknown_fields(EDITABLE_FIELDS)
    check.text("title", max_length=TITLE_MAX, min_length=TITLE_MIN, required=True, multiline=False)
    check.text("summary", max_length=SUMMARY_MAX, min_length=SUMMARY_MIN, required=True)
    check.text("description", max_length=DESCRIPTION_MAX)
    check.sdgs()
    check.keywords("keywords")
    check.choice("kind", HelpKind)
    check.text("place", max_length=PLACE_MAX, multiline=False)
    check.choice("scale", Scale)
    check.text("resources", max_length=RESOURCES_MAX)
    check.day("deadline", not_before=today or date.today())
    check.choice("visibility", Visibility)
    return check.done()


def _apply(challenge: Challenge, fields: dict) -> None:
    for name, value in fields.items():
        if name == "sdgs":
            replace_sdgs(challenge, value)
        else:
            setattr(challenge, name, value)


def create_challenge(organisation: Organisation, author, data: dict) -> Challenge:
    """A new draft challenge of `organisation`. Flushes."""
    data = {"scale": Scale.CITY.value, "visibility": Visibility.PUBLIC.value, **data}
    fields = check_challenge_fields(data)
    challenge = Challenge(organisation=organisation, created_by_id=author.id, status=ChallengeStatus.DRAFT)
    _apply(challenge, fields)
    db.session.add(challenge)
    db.session.flush()
    publish(ChallengeChanged(challenge.id))
    return challenge


def update_challenge(challenge: Challenge, data: dict, version: int | None = None) -> Challenge:
    """Change the given fields. An unchanged deadline already in the past is kept as it is. With `version`,
    refuse (StaleVersion) when the challenge changed since that version was read. Flushes."""
    check_version(challenge, version)
    data = dict(data)
    if "deadline" in data and _same_day(data["deadline"], challenge.deadline):
        data.pop("deadline")
    if challenge.status is ChallengeStatus.CLOSED:
        raise Conflict(_("This challenge is closed and can no longer be edited."))
    _apply(challenge, check_challenge_fields(data, partial=True))
    db.session.flush()
    publish(ChallengeChanged(challenge.id))
    return challenge


def _same_day(given, current: date | None) -> bool:
    if isinstance(given, str):
        try:
            given = date.fromisoformat(given)
        except ValueError:
            return False
    return given == current


def publication_problem(challenge: Challenge) -> str | None:
    """Why this challenge cannot be published now, in words for its organisation; None when it can."""
    if not challenge.organisation.is_verified:
        return _("Publishing waits for a coordinator to verify %(organisation)s. You can keep the challenge as a "
                 "draft until then.", organisation=challenge.organisation.name)
    if challenge.deadline and challenge.deadline < date.today():
        return _("The deadline has passed: change it before publishing.")
    if challenge.is_hidden:
        return _("A coordinator has hidden this challenge: edit it as asked, then write to the coordinators.")
    return None


def change_status(challenge: Challenge, status: ChallengeStatus) -> Challenge:
    """Move a challenge to `status` when the rules allow it. Flushes."""
    if status is challenge.status:
        raise Conflict(_("The challenge already has this status. Reload the page to see it."))
    if status not in NEXT_STATUSES[challenge.status]:
        raise ValidationFailed(_("A challenge cannot go from “%(current)s” to “%(wanted)s”.",
                                 current=challenge.status.value, wanted=status.value),
                               {"status": [_("This change of status is not possible.")]})
    if status is ChallengeStatus.OPEN and (problem := publication_problem(challenge)):
        raise ValidationFailed(problem, {"status": [problem]})
    if status is ChallengeStatus.OPEN and challenge.published_at is None:
        challenge.published_at = utcnow()
    challenge.status = status
    db.session.flush()
    publish(ChallengeChanged(challenge.id))
    return challenge


def hide_challenge(challenge: Challenge, coordinator, reason: str | None) -> Challenge:
    """Take a challenge out of public view, telling its organisation why. Flushes."""
    hide(challenge, coordinator, reason)
    publish(ChallengeChanged(challenge.id))
    for membership in challenge.organisation.memberships:
        if membership.is_active:
            send_templated_email(membership.user, "hidden", _l("A coordinator has hidden your challenge"),
                                 title=challenge.title, reason=challenge.hidden_reason)
    return challenge


def unhide_challenge(challenge: Challenge) -> Challenge:
    unhide(challenge)
    publish(ChallengeChanged(challenge.id))
    return challenge


def list_challenges(filters: ListFilters, viewer):
    """The page of challenges `viewer` may see that match `filters`, loaded without a query per row."""
    query = sa.select(Challenge).join(Challenge.organisation).where(visible_challenges(viewer))
    status = enum_filter(ChallengeStatus, filters.status, "status") if filters.status else ChallengeStatus.OPEN
    query = query.where(Challenge.status == status)
    if filters.kind:
        query = query.where(Challenge.kind == enum_filter(HelpKind, filters.kind, "kind"))
    if filters.sdg:
        query = query.where(Challenge.id.in_(
            sa.select(challenge_sdgs.c.challenge_id).where(challenge_sdgs.c.sdg_number == filters.sdg)))
    if filters.place:
        pattern = like_pattern(filters.place)
        query = query.where(sa.or_(Challenge.place.ilike(pattern, escape="\\"),
                                   Organisation.city.ilike(pattern, escape="\\")))
    order = {
        "newest": (Challenge.published_at.desc().nulls_last(), Challenge.created_at.desc(), Challenge.id.desc()),
        "deadline": (Challenge.deadline.asc().nulls_last(), Challenge.id.desc()),
        "title": (sa.func.lower(Challenge.title), Challenge.id),
    }[filters.sort]
    return search_and_paginate(
        query, filters, kind="challenge", id_column=Challenge.id, order_by=order,
        text_columns=[Challenge.title, Challenge.summary, Challenge.description,
                      sa.cast(Challenge.keywords, sa.String), Organisation.name])


def latest_open_challenges(viewer, limit: int = 6) -> list[Challenge]:
    return list(db.session.scalars(
        sa.select(Challenge).where(visible_challenges(viewer), Challenge.status == ChallengeStatus.OPEN)
        .order_by(Challenge.published_at.desc().nulls_last(), Challenge.id.desc()).limit(limit)))


def challenges_of_organisations(organisation_ids: list[int]) -> list[Challenge]:
    """Every challenge, drafts included, of the given organisations: a member's own workspace."""
    if not organisation_ids:
        return []
    return list(db.session.scalars(
        sa.select(Challenge).where(Challenge.organisation_id.in_(organisation_ids))
        .order_by(Challenge.updated_at.desc())))


def partnership_academics(challenge: Challenge) -> list[User]:
    """The academics of the challenge's approved (or later, not cancelled) proposals, by name."""
    return list(db.session.scalars(
        sa.select(User).join(ProposalAcademic, ProposalAcademic.academic_id == User.id)
        .join(Proposal, Proposal.id == ProposalAcademic.proposal_id)
        .where(Proposal.challenge_id == challenge.id, Proposal.stage.in_(PARTNERSHIP))
        .order_by(User.name).distinct()))


def follow_partnership(challenge: Challenge) -> Challenge:
    """An approved proposal puts an open or paused challenge "in partnership"; once none is left (the last one
    cancelled), it is open again. Flushes."""
    in_partnership = bool(partnership_academics(challenge))
    if in_partnership and challenge.status in (ChallengeStatus.OPEN, ChallengeStatus.PAUSED):
        challenge.status = ChallengeStatus.IN_PARTNERSHIP
    elif not in_partnership and challenge.status is ChallengeStatus.IN_PARTNERSHIP:
        challenge.status = ChallengeStatus.OPEN
    else:
        return challenge
    db.session.flush()
    publish(ChallengeChanged(challenge.id))
    return challenge
