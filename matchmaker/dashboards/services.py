"""What each dashboard reads: an organisation's challenges and proposals, an academic's invitations and profile,
the coordinators' review queue, stalled proposals, organisations to verify, challenges without a good match, the
pipeline with the median time spent in each stage, and the coordinators' private notes. Reads, except the notes
(flushed; the caller commits)."""
import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import User
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.dashboards.models import CoordinatorNote
from matchmaker.errors import ValidationFailed
from matchmaker.extensions import db
from matchmaker.matching.models import Match
from matchmaker.orgs.models import Membership, MembershipStatus, Organisation, OrganisationStatus
from matchmaker.types import utcnow
from matchmaker.workflow.models import Proposal, ProposalAcademic, ProposalEvent, ProposalMessage, waiting_since
from matchmaker.workflow.stages import FINAL_STAGES, Side, Stage

STALLED_AFTER_DAYS = 14
GOOD_MATCH_SCORE = 40.0
NOTE_MAX = 5000

# The stages in the order a proposal goes through them, side exits last: the rows of the pipeline.
PIPELINE_ORDER = (Stage.PROPOSED, Stage.ACCEPTED, Stage.FRAMING, Stage.CO_CREATION, Stage.UNDER_REVIEW,
                  Stage.APPROVED, Stage.ACTIVE, Stage.EVALUATION, Stage.COMPLETED, Stage.DECLINED,
                  Stage.REJECTED, Stage.WITHDRAWN, Stage.CANCELLED)


# --- organisation members -----------------------------------------------------------------------------------

def member_organisations(user: User) -> list[Organisation]:
    """The organisations `user` is an approved member of, by name."""
    return sorted((m.organisation for m in user.memberships if m.status is MembershipStatus.ACTIVE),
                  key=lambda organisation: organisation.name)


@dataclass
class ChallengeSummary:
    challenge: Challenge
    suggestions: int
    proposals: int


def organisation_challenges(organisation_ids: set[int]) -> list[ChallengeSummary]:
    """The organisations' challenges (not hidden), newest first, with how many stored suggestions and proposals
    each has."""
    if not organisation_ids:
        return []
    suggestions = (sa.select(sa.func.count()).select_from(Match).where(Match.challenge_id == Challenge.id)
                   .scalar_subquery())
    proposals = (sa.select(sa.func.count()).select_from(Proposal).where(Proposal.challenge_id == Challenge.id)
                 .scalar_subquery())
    rows = db.session.execute(
        sa.select(Challenge, suggestions, proposals)
        .where(Challenge.organisation_id.in_(organisation_ids), Challenge.hidden_at.is_(None))
        .order_by(Challenge.created_at.desc(), Challenge.id.desc()))
    return [ChallengeSummary(challenge, n_suggestions, n_proposals) for challenge, n_suggestions, n_proposals in rows]


def organisation_proposals(organisation_ids: set[int]) -> list[Proposal]:
    """The proposals on the organisations' challenges, those still under way first, latest change first."""
    if not organisation_ids:
        return []
    return list(db.session.scalars(
        sa.select(Proposal).join(Challenge, Proposal.challenge_id == Challenge.id)
        .where(Challenge.organisation_id.in_(organisation_ids))
        .order_by(Proposal.stage_changed_at.desc(), Proposal.id.desc())))


@dataclass
class NextStep:
    """One thing to do next, in words, with where to do it (an endpoint name and its arguments), if anywhere."""

    text: str
    endpoint: str | None = None
    arguments: dict = field(default_factory=dict)
    link_text: str = ""


def organisation_next_steps(organisations: list[Organisation], challenges: list[ChallengeSummary],
                            waiting: list[Proposal]) -> list[NextStep]:
    """What an organisation member should do next, the most pressing first."""
    steps = []
    for organisation in organisations:
        if organisation.status is OrganisationStatus.PENDING:
            steps.append(NextStep(_("%(organisation)s is waiting for verification by a coordinator. Until then you "
                                    "can write challenges as drafts, but not publish them or invite academics.",
                                    organisation=organisation.name)))
        elif organisation.status in (OrganisationStatus.REJECTED, OrganisationStatus.SUSPENDED):
            steps.append(NextStep(_("%(organisation)s is not verified: its challenges are hidden. Write to the "
                                    "coordinators to ask why and what to change.", organisation=organisation.name)))
    if waiting:
        steps.append(NextStep(_("Answer the proposals waiting for you (below).")))
    if not challenges:
        steps.append(NextStep(_("Publish your first challenge: say what your organisation needs."),
                              "challenges.new", link_text=_("Write a challenge")))
    drafts = [summary for summary in challenges if summary.challenge.status is ChallengeStatus.DRAFT]
    if drafts:
        steps.append(NextStep(_("You have a draft challenge: publish it when it is ready."), "challenges.edit",
                              {"challenge_id": drafts[0].challenge.id}, drafts[0].challenge.title))
    unanswered = [summary for summary in challenges if summary.challenge.status is ChallengeStatus.OPEN
                  and summary.suggestions and not summary.proposals]
    if unanswered:
        steps.append(NextStep(_("Suggested academics are waiting on your open challenge: invite one."),
                              "challenges.detail", {"challenge_id": unanswered[0].challenge.id},
                              unanswered[0].challenge.title))
    return steps


# --- academics ----------------------------------------------------------------------------------------------

def academic_proposals(user: User) -> list[Proposal]:
    """The proposals `user` is one of the academics of, latest change first."""
    return list(db.session.scalars(
        sa.select(Proposal).join(ProposalAcademic).where(ProposalAcademic.academic_id == user.id)
        .order_by(Proposal.stage_changed_at.desc(), Proposal.id.desc())))


def invitations(proposals: list[Proposal]) -> list[Proposal]:
    """Of an academic's proposals, those an organisation started and that wait for the academic's answer."""
    return [p for p in proposals if p.stage is Stage.PROPOSED and p.proposer_side == Side.ORGANISATION.value]


def by_stage(proposals: list[Proposal]) -> list[tuple[Stage, list[Proposal]]]:
    """The proposals grouped by stage, in the pipeline's order, only the stages that have some."""
    groups = {stage: [p for p in proposals if p.stage is stage] for stage in PIPELINE_ORDER}
    return [(stage, group) for stage, group in groups.items() if group]


@dataclass
class Completeness:
    percent: int
    missing: list[tuple[str, str]]  # (the field's name on the profile form, what it is, in words)


def profile_completeness(profile: AcademicProfile | None) -> Completeness:
    """How much of the profile that matching and organisations read is filled, and what is missing."""
    if profile is None:
        return Completeness(0, [("department", _("your department"))])
    parts = [
        ("academic_role", _("your role"), profile.academic_role is not None),
        ("biography", _("a short biography"), bool((profile.biography or "").strip())),
        ("expertise", _("your areas of expertise"), bool(profile.expertise)),
        ("languages", _("the languages you work in"), bool(profile.languages)),
        ("sdgs", _("the Sustainable Development Goals you work on"), bool(profile.sdgs)),
        ("publications", _("at least one publication"), bool(profile.publications)),
    ]
    filled = sum(1 for *_, done in parts if done) + 1  # the department is always set
    return Completeness(round(100 * filled / (len(parts) + 1)),
                        [(name, label) for name, label, done in parts if not done])


# --- coordinators -------------------------------------------------------------------------------------------

def review_queue() -> list[Proposal]:
    """Proposals waiting for a coordinator's review, the one waiting longest first."""
    return list(db.session.scalars(sa.select(Proposal).where(Proposal.stage == Stage.UNDER_REVIEW)
                                   .order_by(Proposal.stage_changed_at, Proposal.id)))


def stalled_proposals(now: datetime, days: int = STALLED_AFTER_DAYS) -> list[Proposal]:
    """Proposals waiting for someone's answer whose stage has not changed for `days` days, the oldest first."""
    return list(db.session.scalars(waiting_since(now - timedelta(days=days))))


def organisations_to_verify() -> list[Organisation]:
    """Organisations waiting for verification, the oldest request first."""
    return list(db.session.scalars(sa.select(Organisation).where(Organisation.status == OrganisationStatus.PENDING)
                                   .order_by(Organisation.created_at, Organisation.id)))


def challenges_without_a_good_match(threshold: float = GOOD_MATCH_SCORE) -> list[tuple[Challenge, float | None]]:
    """Open challenges whose best stored suggestion scores below `threshold` (or that have none), with that best
    score, the oldest published first."""
    best = (sa.select(Match.challenge_id, sa.func.max(Match.score).label("best"))
            .group_by(Match.challenge_id).subquery())
    rows = db.session.execute(
        sa.select(Challenge, best.c.best).outerjoin(best, best.c.challenge_id == Challenge.id)
        .where(Challenge.status == ChallengeStatus.OPEN, Challenge.hidden_at.is_(None),
               sa.or_(best.c.best.is_(None), best.c.best < threshold))
        .order_by(Challenge.published_at, Challenge.id))
    return [(challenge, score) for challenge, score in rows]


@dataclass
class PipelineRow:
    stage: Stage
    count: int  # proposals in this stage now
    median_done: timedelta | None  # the median stay of proposals that have left the stage
    left: int  # how many stays that median is of
    median_so_far: timedelta | None  # the median time so far of the proposals still in it (non-final stages)


def stays(events: list[tuple[int, Stage, datetime]], now: datetime) -> tuple[dict, dict]:
    """From (proposal id, stage entered, when) rows, the time each stay in a stage lasted: ({stage: [finished
    stays]}, {stage: [time so far of the stays still going]}). A final stage is never left, so it has neither."""
    done: dict[Stage, list[timedelta]] = {stage: [] for stage in Stage}
    ongoing: dict[Stage, list[timedelta]] = {stage: [] for stage in Stage}
    by_proposal: dict[int, list[tuple[Stage, datetime]]] = {}
    for proposal_id, stage, when in events:
        by_proposal.setdefault(proposal_id, []).append((stage, when))
    for entries in by_proposal.values():
        for (stage, entered), (_next_stage, left) in zip(entries, entries[1:], strict=False):
            done[stage].append(left - entered)
        last_stage, entered = entries[-1]
        if last_stage not in FINAL_STAGES:
            ongoing[last_stage].append(now - entered)
    return done, ongoing


def _median(values: list[timedelta]) -> timedelta | None:
    return timedelta(seconds=statistics.median(v.total_seconds() for v in values)) if values else None


def pipeline(now: datetime | None = None) -> list[PipelineRow]:
    """Every stage with the proposals in it now and the median time spent in it (from the audit events)."""
    now = now or utcnow()
    counts = dict(db.session.execute(sa.select(Proposal.stage, sa.func.count()).group_by(Proposal.stage)).all())
    events = db.session.execute(sa.select(ProposalEvent.proposal_id, ProposalEvent.to_stage, ProposalEvent.created_at)
                                .order_by(ProposalEvent.proposal_id, ProposalEvent.created_at, ProposalEvent.id))
    done, ongoing = stays([tuple(row) for row in events], now)
    return [PipelineRow(stage, counts.get(stage, 0), _median(done[stage]), len(done[stage]),
                        _median(ongoing[stage])) for stage in PIPELINE_ORDER]


def message_count(proposal: Proposal) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ProposalMessage)
                             .where(ProposalMessage.proposal_id == proposal.id))


def member_names(organisation_id: int) -> list[User]:
    """The approved members of an organisation, by name: the people on the organisation's side of a proposal."""
    return list(db.session.scalars(sa.select(User).join(Membership).where(
        Membership.organisation_id == organisation_id, Membership.status == MembershipStatus.ACTIVE)
        .order_by(User.name)))


# --- coordinators' notes ------------------------------------------------------------------------------------

def notes_on(proposal: Proposal) -> list[CoordinatorNote]:
    """The coordinators' notes on a proposal, oldest first."""
    return list(db.session.scalars(sa.select(CoordinatorNote).where(CoordinatorNote.proposal_id == proposal.id)
                                   .order_by(CoordinatorNote.created_at, CoordinatorNote.id)))


def add_note(proposal: Proposal, author: User, body: str) -> CoordinatorNote:
    """Keep a private note on a proposal. Flushes."""
    body = body.strip() if isinstance(body, str) else ""
    if not body:
        raise ValidationFailed(_("Write the note first."), {"body": [_("Write the note first.")]})
    if len(body) > NOTE_MAX:
        raise ValidationFailed(_("Please shorten this text."), {"body": [
            _("At most %(limit)s characters, please (this one has %(count)s).", limit=NOTE_MAX, count=len(body))]})
    note = CoordinatorNote(proposal_id=proposal.id, author_id=author.id, body=body, created_at=utcnow())
    db.session.add(note)
    db.session.flush()
    return note
