"""The demo's proposals: every stage of the workflow, reached through its moves, spread over the past weeks."""
from datetime import timedelta

import sqlalchemy as sa

from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.demo import load_demo_content, seed_demo
from matchmaker.extensions import db
from matchmaker.types import utcnow
from matchmaker.workflow.models import (
    Proposal,
    ProposalEvent,
    ProposalIndicator,
    ProposalMessage,
    WorkspaceRevision,
)
from matchmaker.workflow.stages import WAITING_ON, Stage


def seeded() -> list[Proposal]:
    seed_demo()
    db.session.commit()
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Proposal).order_by(Proposal.id)))


def events_of(proposal: Proposal) -> list[ProposalEvent]:
    return list(db.session.scalars(sa.select(ProposalEvent).where(ProposalEvent.proposal_id == proposal.id)
                                   .order_by(ProposalEvent.id)))


def test_the_demo_shows_a_proposal_at_every_stage_and_one_sent_back_for_changes(app):
    proposals = seeded()
    assert {proposal.stage for proposal in proposals} == set(Stage)
    assert len(proposals) == len(load_demo_content().proposals)
    sent_back = db.session.scalars(sa.select(ProposalEvent).where(ProposalEvent.name == "request_changes")).all()
    assert sent_back and all(event.reason_text for event in sent_back)
    resubmitted = events_of(sent_back[0].proposal)
    assert [event.name for event in resubmitted].count("submit_for_review") == 2


def test_each_demo_proposal_got_to_its_stage_through_the_moves_of_the_table_one_event_each(app):
    for proposal in seeded():
        events = events_of(proposal)
        assert events[0].from_stage is None and events[0].to_stage is Stage.PROPOSED
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_stage is before.to_stage, proposal
        assert events[-1].to_stage is proposal.stage


def test_demo_stories_are_spread_over_past_weeks_in_the_order_they_happened(app):
    now = utcnow()
    proposals = seeded()
    for proposal in proposals:
        events = events_of(proposal)
        moments = [event.created_at for event in events]
        assert moments == sorted(moments) and len(set(moments)) == len(moments), proposal
        assert moments[-1] < now - timedelta(hours=1)
        assert proposal.stage_changed_at == moments[-1]
        assert proposal.created_at == moments[0]
        messages = db.session.scalars(sa.select(ProposalMessage.created_at)
                                      .where(ProposalMessage.proposal_id == proposal.id)).all()
        assert min(messages) == moments[0] and max(messages) < now - timedelta(hours=1)
    started = [proposal.created_at for proposal in proposals]
    assert max(started) - min(started) > timedelta(weeks=8)
    assert db.session.scalar(sa.select(sa.func.max(WorkspaceRevision.created_at))) < now - timedelta(hours=1)


def test_the_demo_has_a_proposal_waiting_over_a_week_and_one_stalled_over_two(app):
    now = utcnow()
    waiting = [now - proposal.stage_changed_at for proposal in seeded() if WAITING_ON[proposal.stage]]
    assert any(timedelta(days=7) < waited < timedelta(days=14) for waited in waiting)
    assert any(waited > timedelta(days=14) for waited in waiting)


def test_the_completed_demo_proposal_has_measured_indicators_and_its_plan(app):
    completed = [proposal for proposal in seeded() if proposal.stage is Stage.COMPLETED]
    for proposal in completed:
        indicators = db.session.scalars(sa.select(ProposalIndicator)
                                        .where(ProposalIndicator.proposal_id == proposal.id)).all()
        assert indicators and all(row.unit and row.method for row in indicators)
        assert proposal.problem_statement and all(proposal.action_plan.values())


def test_a_demo_challenge_follows_its_proposals_into_and_out_of_partnership(app):
    proposals = seeded()
    approved = next(proposal for proposal in proposals if proposal.stage is Stage.APPROVED)
    cancelled = next(proposal for proposal in proposals if proposal.stage is Stage.CANCELLED)
    assert db.session.get(Challenge, approved.challenge_id).status is ChallengeStatus.IN_PARTNERSHIP
    assert db.session.get(Challenge, cancelled.challenge_id).status is ChallengeStatus.OPEN


def test_seeding_the_demo_twice_changes_no_proposal(app):
    def snapshot():
        return {model.__tablename__: db.session.execute(sa.select(model.__table__).order_by("id")).all()
                for model in (Proposal, ProposalEvent, ProposalMessage, WorkspaceRevision, ProposalIndicator)}

    seeded()
    first = snapshot()
    seeded()
    assert snapshot() == first
