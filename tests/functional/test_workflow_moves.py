"""The transition table through the web pages and the API: every allowed move works for the side the table names,
and on every stage a move that is not the person's, or not possible from there, is refused and changes nothing."""
import pytest

from matchmaker.extensions import db
from matchmaker.workflow.models import Proposal
from matchmaker.workflow.stages import REASONS, TRANSITIONS, Stage
from tests.factories import INDICATOR, PASSWORD, PLAN

MOVES = [t for t in TRANSITIONS if t.source is not None]
# One refusal per stage that has moves: (stage, who tries, the target, what they get).
REFUSED = [
    (Stage.PROPOSED, "member", Stage.ACCEPTED, 403),        # the proposing side cannot accept its own proposal
    (Stage.ACCEPTED, "coordinator", Stage.FRAMING, 403),    # the parties move on, not the coordinators
    (Stage.FRAMING, "member", Stage.UNDER_REVIEW, 409),     # no jumping over co-creation
    (Stage.CO_CREATION, "coordinator", Stage.UNDER_REVIEW, 403),
    (Stage.UNDER_REVIEW, "member", Stage.APPROVED, 403),    # only a coordinator approves
    (Stage.APPROVED, "academic", Stage.CANCELLED, 403),     # cancelling is for coordinators
    (Stage.ACTIVE, "member", Stage.COMPLETED, 409),
    (Stage.EVALUATION, "academic", Stage.COMPLETED, 403),
    (Stage.COMPLETED, "coordinator", Stage.CANCELLED, 409),  # a final stage has no moves
    (Stage.DECLINED, "academic", Stage.ACCEPTED, 409),
]


@pytest.fixture
def people(make):
    from matchmaker.orgs.models import OrganisationStatus

    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    academic = make.profile(make.academic(verified=True), biography="Services for families in Turin.",
                            expertise=["families"]).user
    return {"member": member, "academic": academic, "coordinator": make.coordinator(verified=True),
            "challenge": make.challenge(organisation, author=member)}


def proposal_at(make, people, stage) -> Proposal:
    return make.proposal(stage, challenge=people["challenge"], member=people["member"], academic=people["academic"],
                         coordinator=people["coordinator"])


def actor_for(move, people):
    who = next(iter(move.by))
    return people["coordinator"] if who == "coordinator" else people["academic"] if who == "invited" \
        else people["member"]


def inputs_for(move) -> dict:
    inputs = {}
    if "reason" in move.needs:
        inputs.update(reason_code=REASONS[move.name][0], reason="Said in words too")
    if "problem_statement" in move.needs:
        inputs["problem_statement"] = "Families do not know the services near them."
    if "action_plan" in move.needs:
        inputs["action_plan"] = PLAN
    if "indicators" in move.needs:
        inputs["indicators"] = [INDICATOR]
    return inputs


def form_for(move, proposal) -> dict:
    data = {"version": str(proposal.version), "confirm": "y"}
    for key, value in inputs_for(move).items():
        if key == "action_plan":
            data.update(value)
        elif key == "indicators":
            data.update({f"indicators-0-{name}": str(v) for name, v in value[0].items()})
        else:
            data[key] = value
    return data


def sign_in(app, user):
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def stored(proposal) -> Proposal:
    db.session.expire_all()
    return db.session.get(Proposal, proposal.id)


@pytest.mark.parametrize("move", MOVES, ids=lambda m: f"{m.source}-{m.name}")
def test_every_allowed_move_works_on_the_web_for_the_side_the_table_names(app, make, people, move):
    proposal = proposal_at(make, people, move.source)
    client = sign_in(app, actor_for(move, people))
    response = client.post(f"/proposals/{proposal.id}/move/{move.target.value}", data=form_for(move, proposal))
    assert response.status_code == 302, response.get_data(as_text=True)
    after = stored(proposal)
    assert after.stage is move.target
    assert after.events[-1].name == move.name and after.events[-1].from_stage is move.source


@pytest.mark.parametrize("move", MOVES, ids=lambda m: f"{m.source}-{m.name}")
def test_every_allowed_move_works_through_the_api_for_the_side_the_table_names(app, client, make, people, move):
    proposal = proposal_at(make, people, move.source)
    headers = make.api_headers(client, actor_for(move, people))
    response = client.post(f"/api/v1/proposals/{proposal.id}/transitions", headers=headers,
                           json={"to": move.target.value, "version": proposal.version, **inputs_for(move)})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["stage"] == move.target.value and body["events"][-1]["move"] == move.name
    assert stored(proposal).stage is move.target


@pytest.mark.parametrize(("stage", "who", "target", "status"), REFUSED, ids=lambda v: getattr(v, "value", v))
def test_on_every_stage_a_move_that_is_not_yours_or_not_possible_is_refused_on_the_web(
        app, make, people, stage, who, target, status):
    proposal = proposal_at(make, people, stage)
    client = sign_in(app, people[who])
    response = client.post(f"/proposals/{proposal.id}/move/{target.value}",
                           data={"version": str(proposal.version), "confirm": "y", "reason_code": "other",
                                 "reason": "Trying", **PLAN})
    assert response.status_code == status
    assert stored(proposal).stage is stage and len(stored(proposal).events) == len(proposal.events)


@pytest.mark.parametrize(("stage", "who", "target", "status"), REFUSED, ids=lambda v: getattr(v, "value", v))
def test_on_every_stage_a_move_that_is_not_yours_or_not_possible_is_refused_through_the_api(
        app, client, make, people, stage, who, target, status):
    proposal = proposal_at(make, people, stage)
    headers = make.api_headers(client, people[who])
    response = client.post(f"/api/v1/proposals/{proposal.id}/transitions", headers=headers,
                           json={"to": target.value, "reason": "Trying", "action_plan": PLAN})
    assert response.status_code == status
    if status == 409:
        assert response.get_json()["stage"] == stage.value
    assert stored(proposal).stage is stage


def test_a_move_without_what_it_needs_names_it_and_keeps_what_was_typed(app, make, people):
    proposal = proposal_at(make, people, Stage.CO_CREATION)
    client = sign_in(app, people["academic"])
    response = client.post(f"/proposals/{proposal.id}/move/under_review",
                           data={"version": str(proposal.version), **dict(PLAN, roles="", timeline="")})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The action plan needs the roles of each side." in page and "The action plan needs the timeline." in page
    assert PLAN["objectives"] in page
    assert stored(proposal).stage is Stage.CO_CREATION


def test_the_api_names_the_missing_parts_of_an_action_plan(client, make, people):
    proposal = proposal_at(make, people, Stage.CO_CREATION)
    response = client.post(f"/api/v1/proposals/{proposal.id}/transitions",
                           headers=make.api_headers(client, people["member"]),
                           json={"to": "under_review", "action_plan": {"objectives": "Something"}})
    assert response.status_code == 422
    assert {"action_plan.activities", "action_plan.roles"} <= set(response.get_json()["error"]["fields"])


def test_a_final_move_asks_for_confirmation_first(app, make, people):
    proposal = proposal_at(make, people, Stage.PROPOSED)
    client = sign_in(app, people["academic"])
    page = client.get(f"/proposals/{proposal.id}/move/declined").get_data(as_text=True)
    assert 'name="confirm"' in page and 'name="reason_code"' in page
    response = client.post(f"/proposals/{proposal.id}/move/declined",
                           data={"version": str(proposal.version), "reason_code": "no_capacity",
                                 "reason": "Full until June"})
    assert response.status_code == 422 and "Full until June" in response.get_data(as_text=True)
    assert stored(proposal).stage is Stage.PROPOSED


def test_a_stale_move_answers_409_with_the_current_stage_and_keeps_the_typed_reason(app, make, people):
    proposal = proposal_at(make, people, Stage.PROPOSED)
    old_version = proposal.version
    client = sign_in(app, people["academic"])
    assert client.post(f"/proposals/{proposal.id}/move/accepted",
                       data={"version": str(old_version)}).status_code == 302
    # The member had the page open from before: their withdrawal is now based on an older version.
    member = sign_in(app, people["member"])
    response = member.post(f"/proposals/{proposal.id}/move/withdrawn",
                           data={"version": str(old_version), "reason_code": "other", "reason": "We found others",
                                 "confirm": "y"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "We found others" in page
    assert stored(proposal).stage is Stage.ACCEPTED


def test_a_stale_move_through_the_api_answers_409_with_the_current_stage(client, make, people):
    proposal = proposal_at(make, people, Stage.PROPOSED)
    response = client.post(f"/api/v1/proposals/{proposal.id}/transitions",
                           headers=make.api_headers(client, people["academic"]),
                           json={"to": "accepted", "version": proposal.version + 5})
    assert response.status_code == 409 and response.get_json()["stage"] == "proposed"
