"""A completed proposal becomes its initiative once, pending review, carrying its people, partner, SDGs, action
plan and indicators."""
import datetime

import pytest
import sqlalchemy as sa

from matchmaker.events import ProposalMoved
from matchmaker.extensions import db
from matchmaker.initiatives import subscribers
from matchmaker.initiatives.models import Initiative, InitiativeStatus, ReviewState
from matchmaker.workflow.models import ProposalEvent
from matchmaker.workflow.stages import Stage
from tests.factories import INDICATOR, PLAN


def initiatives() -> list[Initiative]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(Initiative)))


def test_completing_a_proposal_creates_its_initiative_carrying_what_the_partnership_agreed(app, make):
    proposal = make.proposal(Stage.COMPLETED)
    [initiative] = initiatives()
    challenge = proposal.challenge
    assert initiative.proposal_id == proposal.id
    assert initiative.review is ReviewState.PENDING and not initiative.is_public
    assert initiative.status is InitiativeStatus.CONCLUDED and initiative.ends_on and initiative.starts_on
    assert initiative.title == challenge.title and initiative.summary == challenge.summary
    assert initiative.lead_ids == proposal.academic_ids
    assert [p.organisation_id for p in initiative.partners] == [challenge.organisation_id]
    assert [s.number for s in initiative.sdgs] == [s.number for s in challenge.sdgs]
    assert {d.id for d in initiative.departments} == {a.academic.academic_profile.department_id
                                                     for a in proposal.academics}
    assert PLAN["objectives"] in initiative.description and PLAN["activities"] in initiative.description
    assert [m.done for m in initiative.milestones] == [True]
    assert [(v.indicator.name_en, v.value, v.indicator.unit_en, v.method, v.state.value, v.year)
            for v in initiative.values] == [
        (INDICATOR["indicator"], INDICATOR["value"], INDICATOR["unit"], INDICATOR["method"], "declared",
         initiative.ends_on.year)]
    assert initiative.values[0].proposal_indicator_id is not None and initiative.values[0].indicator.custom


def test_the_completion_delivered_twice_still_makes_one_initiative(app, make):
    proposal = make.proposal(Stage.COMPLETED)
    event_id = db.session.scalar(sa.select(ProposalEvent.id).where(ProposalEvent.proposal_id == proposal.id,
                                                                   ProposalEvent.to_stage == Stage.COMPLETED))
    subscribers.proposal_moved(ProposalMoved(proposal.id, event_id))
    db.session.commit()
    assert len(initiatives()) == 1


def test_a_proposal_that_stops_before_completion_makes_no_initiative(app, make):
    make.proposal(Stage.EVALUATION)
    make.proposal(Stage.CANCELLED)
    assert initiatives() == []


def test_the_database_itself_refuses_an_initiative_that_ends_before_it_starts(app, make):
    initiative = make.initiative()
    initiative.starts_on, initiative.ends_on = datetime.date(2025, 5, 1), datetime.date(2025, 4, 30)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
