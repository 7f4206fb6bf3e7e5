"""The pipeline's median time in each stage, from the audit events' timestamps, on proposals with known times."""
from datetime import UTC, datetime, timedelta

from matchmaker.dashboards.services import pipeline, stays
from matchmaker.extensions import db
from matchmaker.workflow.models import Proposal, ProposalEvent
from matchmaker.workflow.stages import Stage

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
NOW = T0 + timedelta(days=30)


def days(n: float) -> timedelta:
    return timedelta(days=n)


def test_a_stay_lasts_from_entering_a_stage_to_leaving_it_and_the_last_open_stay_counts_so_far():
    events = [(1, Stage.PROPOSED, T0), (1, Stage.ACCEPTED, T0 + days(2)), (1, Stage.FRAMING, T0 + days(3)),
              (2, Stage.PROPOSED, T0), (2, Stage.DECLINED, T0 + days(5))]
    done, ongoing = stays(events, NOW)
    assert sorted(done[Stage.PROPOSED]) == [days(2), days(5)]
    assert done[Stage.ACCEPTED] == [days(1)]
    assert ongoing[Stage.FRAMING] == [NOW - (T0 + days(3))]
    assert done[Stage.DECLINED] == [] and ongoing[Stage.DECLINED] == []  # a final stage is never left


def _proposal_with(challenge, member, path):
    """A proposal written straight to the database with events at the given (stage, time) points."""
    proposal = Proposal(challenge=challenge, stage=path[-1][0], proposer_side="organisation",
                        created_by_id=member.id, stage_changed_at=path[-1][1], problem_statement="", action_plan={})
    db.session.add(proposal)
    db.session.flush()
    previous = None
    for stage, when in path:
        db.session.add(ProposalEvent(proposal_id=proposal.id, actor_id=member.id, created_at=when,
                                     from_stage=previous, to_stage=stage, name="fixture", payload={}))
        previous = stage
    return proposal


def test_the_pipeline_gives_counts_and_the_median_of_finished_stays_per_stage(app, make):
    member = make.member(verified=True)
    challenge = make.challenge(member.memberships[0].organisation, author=member)
    # Time in "proposed": 1, 3 and 8 days (median 3); in "accepted": 2 and 4 days (median 3, even count).
    _proposal_with(challenge, member, [(Stage.PROPOSED, T0), (Stage.ACCEPTED, T0 + days(1)),
                                       (Stage.FRAMING, T0 + days(3))])
    _proposal_with(challenge, member, [(Stage.PROPOSED, T0), (Stage.ACCEPTED, T0 + days(3)),
                                       (Stage.FRAMING, T0 + days(7))])
    _proposal_with(challenge, member, [(Stage.PROPOSED, T0), (Stage.DECLINED, T0 + days(8))])
    _proposal_with(challenge, member, [(Stage.PROPOSED, T0 + days(20))])  # still waiting: 10 days so far
    db.session.commit()

    rows = {row.stage: row for row in pipeline(NOW)}

    assert rows[Stage.PROPOSED].count == 1 and rows[Stage.PROPOSED].left == 3
    assert rows[Stage.PROPOSED].median_done == days(3)
    assert rows[Stage.PROPOSED].median_so_far == days(10)
    assert rows[Stage.ACCEPTED].median_done == days(3) and rows[Stage.ACCEPTED].count == 0
    assert rows[Stage.FRAMING].count == 2 and rows[Stage.FRAMING].median_done is None
    assert rows[Stage.FRAMING].median_so_far == NOW - (T0 + days(5))  # 27 and 23 days so far: median 25
    assert rows[Stage.DECLINED].count == 1 and rows[Stage.DECLINED].median_done is None
    assert rows[Stage.DECLINED].median_so_far is None
    assert [row.stage for row in pipeline(NOW)][:3] == [Stage.PROPOSED, Stage.ACCEPTED, Stage.FRAMING]
