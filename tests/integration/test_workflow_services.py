"""Proposals through the service: who starts them, what a move stores and records, and what is refused."""
import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from matchmaker.errors import Conflict, Forbidden, StaleVersion, ValidationFailed
from matchmaker.extensions import db
from matchmaker.workflow import services
from matchmaker.workflow.models import AuditRecordIsFinal, Proposal, ProposalEvent, ProposalIndicator, WorkspaceRevision
from matchmaker.workflow.stages import Stage
from tests.factories import INDICATOR, PLAN


@pytest.fixture(autouse=True)
def english(app):
    """The messages of a refusal are translated, as for a request in English."""
    from flask_babel import force_locale

    with force_locale("en"):
        yield


@pytest.fixture
def pair(make):
    from matchmaker.orgs.models import OrganisationStatus

    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    return make.challenge(organisation, author=member), member, make.academic(verified=True)


def test_an_organisation_member_invites_an_academic_with_a_first_message_and_event(pair):
    challenge, member, academic = pair
    proposal = services.start_proposal(challenge, member, "  Can you help us?  ", academic_ids=[academic.id])
    db.session.commit()

    assert proposal.stage is Stage.PROPOSED and proposal.proposer_side == "organisation"
    assert proposal.academic_ids == {academic.id}
    (event,) = proposal.events
    assert (event.from_stage, event.to_stage, event.actor_id) == (None, Stage.PROPOSED, member.id)
    assert services.waiting_for(proposal) == {academic.id}
    assert services.sides_of(academic, proposal) == {"academic"}


def test_an_academic_saying_i_can_help_is_the_sole_academic_and_the_organisation_answers(pair, make):
    challenge, member, academic = pair
    other = make.academic(verified=True)
    proposal = services.start_proposal(challenge, academic, "I can help.", academic_ids=[other.id])
    db.session.commit()
    assert proposal.academic_ids == {academic.id} and proposal.proposer_side == "academic"
    assert services.waiting_for(proposal) == {member.id}


def test_an_organisation_member_cannot_invite_an_unconfirmed_academic_or_nobody(pair, make):
    challenge, member, _academic = pair
    with pytest.raises(ValidationFailed):
        services.start_proposal(challenge, member, "Hello", academic_ids=[make.academic().id])
    with pytest.raises(ValidationFailed) as refused:
        services.start_proposal(challenge, member, "Hello")
    assert "academic_ids" in refused.value.fields
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 0


def test_a_proposal_needs_a_message_and_a_second_one_with_the_same_academic_is_refused(pair):
    challenge, member, academic = pair
    with pytest.raises(ValidationFailed) as refused:
        services.start_proposal(challenge, member, "   ", academic_ids=[academic.id])
    assert "message" in refused.value.fields
    services.start_proposal(challenge, member, "Hello", academic_ids=[academic.id])
    with pytest.raises(Conflict):
        services.start_proposal(challenge, academic, "I can help")


def test_every_move_records_who_from_to_why_and_what_was_submitted(make):
    proposal = make.proposal(Stage.COMPLETED)
    moves = [(e.from_stage, e.to_stage) for e in proposal.events]
    assert moves[0] == (None, Stage.PROPOSED) and moves[-1] == (Stage.EVALUATION, Stage.COMPLETED)
    assert len(moves) == 9
    by_target = {e.to_stage: e for e in proposal.events}
    assert by_target[Stage.UNDER_REVIEW].payload["action_plan"] == PLAN
    assert proposal.action_plan == PLAN
    assert by_target[Stage.COMPLETED].payload["indicators"] == [dict(INDICATOR, value=120.0)]
    assert db.session.scalar(sa.select(ProposalIndicator.value)) == 120
    assert services.waiting_for(proposal) == set()


def test_a_move_with_a_reason_keeps_the_code_and_the_text(make):
    proposal = make.proposal()
    academic = db.session.get(type(proposal.academics[0].academic), proposal.academics[0].academic_id)
    event = services.apply_transition(proposal, academic, "declined", {"reason_code": "no_capacity",
                                                                        "reason": "Full until June"})
    db.session.commit()
    assert (event.reason_code, event.reason_text, proposal.stage) == ("no_capacity", "Full until June",
                                                                       Stage.DECLINED)


def test_a_reason_code_not_offered_for_the_move_is_refused(make):
    proposal = make.proposal()
    academic = proposal.academics[0].academic
    with pytest.raises(ValidationFailed) as refused:
        services.apply_transition(proposal, academic, "declined", {"reason_code": "incomplete_plan"})
    assert "reason_code" in refused.value.fields


def test_the_proposing_side_cannot_accept_its_own_proposal(make):
    proposal = make.proposal()
    with pytest.raises(Forbidden):
        services.apply_transition(proposal, proposal.created_by, "accepted")


def test_a_move_from_an_old_page_answers_the_current_stage(make):
    proposal = make.proposal(Stage.ACCEPTED)
    with pytest.raises(services.StageChanged) as refused:
        services.apply_transition(proposal, proposal.academics[0].academic, "accepted")
    assert refused.value.stage is Stage.ACCEPTED and refused.value.status == 409


def test_an_older_version_is_refused_before_anything_changes(make):
    proposal = make.proposal()
    with pytest.raises(StaleVersion):
        services.apply_transition(proposal, proposal.academics[0].academic, "accepted", version=proposal.version - 1)
    db.session.rollback()
    assert db.session.get(Proposal, proposal.id).stage is Stage.PROPOSED


def test_missing_action_plan_parts_are_named_and_nothing_moves(make):
    proposal = make.proposal(Stage.CO_CREATION)
    with pytest.raises(services.MissingInputs) as refused:
        services.apply_transition(proposal, proposal.created_by, "under_review",
                                  {"action_plan": dict(PLAN, roles="", timeline=" ")})
    assert set(refused.value.fields) == {"action_plan.roles", "action_plan.timeline"}
    db.session.rollback()
    assert db.session.get(Proposal, proposal.id).stage is Stage.CO_CREATION


def test_the_workspace_keeps_every_version_while_the_stage_allows_editing(make):
    proposal = make.proposal(Stage.FRAMING)
    member = proposal.created_by
    services.save_workspace(proposal, member, "problem_statement", "First draft")
    services.save_workspace(proposal, member, "problem_statement", "First draft")
    services.save_workspace(proposal, member, "problem_statement", "Second draft")
    db.session.commit()
    assert [r.content for r in services.revisions(proposal, "problem_statement")] == ["Second draft", "First draft"]
    assert services.may_edit(proposal, "action_plan")


def test_the_action_plan_cannot_be_edited_once_submitted(make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    with pytest.raises(services.StageChanged):
        services.save_workspace(proposal, proposal.created_by, "action_plan", PLAN)


def test_an_audit_event_can_be_neither_changed_nor_deleted(make):
    proposal = make.proposal(Stage.ACCEPTED)
    event = db.session.scalars(sa.select(ProposalEvent).where(ProposalEvent.proposal_id == proposal.id)).first()
    event.reason_text = "rewritten"
    with pytest.raises(AuditRecordIsFinal):
        db.session.flush()
    db.session.rollback()
    event = db.session.scalars(sa.select(ProposalEvent).where(ProposalEvent.proposal_id == proposal.id)).first()
    db.session.delete(event)
    with pytest.raises(AuditRecordIsFinal):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalEvent)) == 2


def test_revisions_are_recorded_by_the_move_that_needs_them(make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    fields = db.session.scalars(sa.select(WorkspaceRevision.field).where(
        WorkspaceRevision.proposal_id == proposal.id).order_by(WorkspaceRevision.id))
    assert list(fields) == ["problem_statement", "action_plan"]


def test_two_people_moving_at_once_on_postgresql_never_both_win(app, make, database_url):
    """Two real connections: each loads the same version, both act, the second's UPDATE finds no row of that
    version and fails; its event is rolled back with it."""
    if database_url.startswith("sqlite"):
        pytest.skip("the race needs two concurrent connections to PostgreSQL")
    proposal = make.proposal()
    proposal_id, academic_id, member_id = proposal.id, proposal.academics[0].academic_id, proposal.created_by_id
    db.session.remove()
    loaded = threading.Barrier(2)
    results: dict[str, str] = {}

    def act(name, user_id, target, inputs):
        from matchmaker.auth.models import User

        with app.app_context():
            try:
                mine = db.session.get(Proposal, proposal_id)
                actor = db.session.get(User, user_id)
                services.sides_of(actor, mine)  # everything the move reads is loaded before the other acts
                loaded.wait(timeout=10)
                services.apply_transition(mine, actor, target, inputs, version=1)
                db.session.commit()
                results[name] = "won"
            except (StaleDataError, StaleVersion, services.StageChanged) as error:
                db.session.rollback()
                results[name] = type(error).__name__
            finally:
                db.session.remove()

    threads = [threading.Thread(target=act, args=("accept", academic_id, "accepted", {})),
               threading.Thread(target=act, args=("withdraw", member_id, "withdrawn", {"reason_code": "timing"}))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == ["StaleDataError", "won"], results
    stored = db.session.get(Proposal, proposal_id)
    winner = "accepted" if results["accept"] == "won" else "withdrawn"
    assert stored.stage == winner and stored.version == 2
    events = list(db.session.scalars(sa.select(ProposalEvent.to_stage).where(ProposalEvent.proposal_id == proposal_id)))
    assert events == [Stage.PROPOSED, Stage(winner)]
