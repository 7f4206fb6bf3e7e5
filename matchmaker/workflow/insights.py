"""What the rest of the product reads of proposals: how many an academic has taken on, and why proposals end."""
from datetime import timedelta

import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile
from matchmaker.extensions import db
from matchmaker.types import utcnow
from matchmaker.workflow.models import Proposal, ProposalAcademic, ProposalEvent
from matchmaker.workflow.stages import FINAL_STAGES, Stage

# An accepted proposal takes an academic's time from the moment it is accepted until it is evaluated.
TAKEN_ON = (Stage.ACCEPTED, Stage.FRAMING, Stage.CO_CREATION, Stage.UNDER_REVIEW, Stage.APPROVED, Stage.ACTIVE,
            Stage.EVALUATION)
# The ends that say a pair did not work out: the pair is not suggested again, and coordinators count why.
PAIR_ENDINGS = (Stage.DECLINED, Stage.WITHDRAWN)
FAILURE_WINDOW_DAYS = 90


def taken_on(academic_ids) -> dict[int, int]:
    """How many accepted proposals (accepted up to evaluation) each academic is on."""
    ids = {int(i) for i in academic_ids}
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(ProposalAcademic.academic_id, sa.func.count()).join(Proposal)
        .where(ProposalAcademic.academic_id.in_(ids), Proposal.stage.in_(TAKEN_ON))
        .group_by(ProposalAcademic.academic_id))
    return dict(rows.all())


def at_capacity(academic_ids) -> set[int]:
    """The academics whose accepted proposals reach the collaborations per semester their profile declares.

    Said, never enforced: an academic at capacity can still be invited and still decide."""
    ids = {int(i) for i in academic_ids}
    if not ids:
        return set()
    busy = taken_on(ids)
    declared = dict(db.session.execute(sa.select(AcademicProfile.user_id, AcademicProfile.capacity_per_semester)
                                       .where(AcademicProfile.user_id.in_(ids))).all())
    return {academic_id for academic_id, capacity in declared.items() if busy.get(academic_id, 0) >= capacity}


def offers_at_capacity(offers) -> set[int]:
    """The offers whose accepted proposals reach the collaborations at once they declare, or whose author is at
    capacity."""
    offers = list(offers)
    if not offers:
        return set()
    busy = dict(db.session.execute(
        sa.select(ProposalAcademic.offer_id, sa.func.count()).join(Proposal)
        .where(ProposalAcademic.offer_id.in_({o.id for o in offers}), Proposal.stage.in_(TAKEN_ON))
        .group_by(ProposalAcademic.offer_id)).all())
    authors = at_capacity({o.academic_id for o in offers})
    return {o.id for o in offers if busy.get(o.id, 0) >= o.capacity or o.academic_id in authors}


def under_way(challenge_ids, academic_ids) -> dict[tuple[int, int], int]:
    """The proposals still under way between these challenges and academics: (challenge, academic) → proposal."""
    challenge_ids, academic_ids = {int(i) for i in challenge_ids}, {int(i) for i in academic_ids}
    if not challenge_ids or not academic_ids:
        return {}
    rows = db.session.execute(
        sa.select(Proposal.challenge_id, ProposalAcademic.academic_id, sa.func.max(Proposal.id)).join(ProposalAcademic)
        .where(Proposal.challenge_id.in_(challenge_ids), ProposalAcademic.academic_id.in_(academic_ids),
               Proposal.stage.not_in(FINAL_STAGES))
        .group_by(Proposal.challenge_id, ProposalAcademic.academic_id))
    return {(challenge_id, academic_id): proposal_id for challenge_id, academic_id, proposal_id in rows}


def ended_pairs(proposal_id: int) -> tuple[int, list[int], list[int]]:
    """The challenge, academics and offers of a proposal: the pairs its decline or withdrawal ends."""
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None:
        return 0, [], []
    return (proposal.challenge_id, sorted(proposal.academic_ids),
            sorted(row.offer_id for row in proposal.academics if row.offer_id))


def pair_endings(challenge_ids) -> dict[tuple[int, str, int], Stage]:
    """For the given challenges, the pairs a declined or withdrawn proposal ended and how it ended:
    (challenge, "academic", user id) for each academic on it and (challenge, "offer", offer id) for each offer."""
    challenge_ids = set(challenge_ids)
    if not challenge_ids:
        return {}
    rows = db.session.execute(
        sa.select(Proposal.challenge_id, ProposalAcademic.academic_id, ProposalAcademic.offer_id,
                  ProposalEvent.to_stage)
        .join(ProposalAcademic, ProposalAcademic.proposal_id == Proposal.id)
        .join(ProposalEvent, ProposalEvent.proposal_id == Proposal.id)
        .where(Proposal.challenge_id.in_(challenge_ids), ProposalEvent.to_stage.in_(PAIR_ENDINGS))
        .order_by(ProposalEvent.id))
    endings: dict[tuple[int, str, int], Stage] = {}
    for challenge_id, academic_id, offer_id, stage in rows:
        endings[(challenge_id, "academic", academic_id)] = Stage(stage)
        if offer_id:
            endings[(challenge_id, "offer", offer_id)] = Stage(stage)
    return endings


def ending_of(event_id: int) -> ProposalEvent | None:
    """The recorded move, if it declined or withdrew a proposal."""
    event = db.session.get(ProposalEvent, event_id)
    return event if event is not None and event.to_stage in PAIR_ENDINGS else None


def why_pairs_end(days: int = FAILURE_WINDOW_DAYS) -> dict[str, list[tuple[str, int]]]:
    """For the coordinators: over the last `days`, how often each reason was given to decline and to withdraw,
    the most frequent first ("" when only free text was written)."""
    since = utcnow() - timedelta(days=days)
    rows = db.session.execute(
        sa.select(ProposalEvent.to_stage, ProposalEvent.reason_code, sa.func.count())
        .where(ProposalEvent.to_stage.in_(PAIR_ENDINGS), ProposalEvent.created_at >= since)
        .group_by(ProposalEvent.to_stage, ProposalEvent.reason_code))
    counts: dict[str, list[tuple[str, int]]] = {stage.value: [] for stage in PAIR_ENDINGS}
    for stage, code, count in rows:
        counts[Stage(stage).value].append((code or "", count))
    for reasons in counts.values():
        reasons.sort(key=lambda pair: (-pair[1], pair[0]))
    return counts
