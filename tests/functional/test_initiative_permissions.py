"""The permission matrix of initiatives: one row per action and kind of initiative, one column per role. Every
case goes through the page or button and expects the answer of the table; the list's SQL filter is asked too."""
import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.initiatives.models import Initiative, InitiativePerson
from matchmaker.permissions import can, visible_initiatives
from matchmaker.types import utcnow

pytestmark = pytest.mark.one_database

OK, DENIED, UNSEEN, SIGN_IN = "ok", "403", "404", "sign in"
ROLES = ("visitor", "creator", "colead", "other_academic", "coordinator", "member", "unconfirmed_creator")

INITIATIVES = {
    "approved": {},
    "pending": {"approved": False},
    "hidden": {"hidden": True},
}

RULES = {
    #                       visitor  creator colead  other_acad coordinator member  unc_creator
    ("see", "approved"):    (OK,     OK,     OK,     OK,        OK,         OK,     OK),
    ("see", "pending"):     (UNSEEN, OK,     OK,     UNSEEN,    OK,         UNSEEN, OK),
    ("see", "hidden"):      (UNSEEN, OK,     OK,     UNSEEN,    OK,         UNSEEN, OK),
    ("edit", "approved"):   (SIGN_IN, OK,    OK,     DENIED,    OK,         DENIED, DENIED),
    ("edit", "pending"):    (SIGN_IN, OK,    OK,     UNSEEN,    OK,         UNSEEN, DENIED),
    ("edit", "hidden"):     (SIGN_IN, OK,    OK,     UNSEEN,    OK,         UNSEEN, DENIED),
    ("approve", "pending"): (SIGN_IN, DENIED, DENIED, UNSEEN,   OK,         UNSEEN, DENIED),
    ("hide", "approved"):   (SIGN_IN, DENIED, DENIED, DENIED,   OK,         DENIED, DENIED),
    ("merge", "approved"):  (SIGN_IN, DENIED, DENIED, DENIED,   OK,         DENIED, DENIED),
    ("create", "new"):      (SIGN_IN, OK,    OK,     OK,        DENIED,     DENIED, DENIED),
}


def _cases():
    for (action, kind), answers in RULES.items():
        for role, expected in zip(ROLES, answers, strict=True):
            yield pytest.param(action, kind, role, expected, id=f"{action}-{kind}-{role}")


@pytest.fixture
def world(make):
    creator = make.academic(verified=True)
    colead = make.academic(verified=True)
    people = {"visitor": None, "creator": creator, "colead": colead,
              "other_academic": make.academic(verified=True), "coordinator": make.coordinator(verified=True),
              "member": make.member(verified=True)}
    return people, creator, colead


def _initiative(make, creator, colead, kind: str) -> Initiative:
    spec = INITIATIVES.get(kind, {})
    initiative = make.initiative(creator, approved=spec.get("approved", True), title=f"Initiative {kind} here")
    db.session.add(InitiativePerson(initiative_id=initiative.id, user_id=colead.id, lead=True, position=1))
    if spec.get("hidden"):
        initiative.hidden_at, initiative.hidden_reason = utcnow(), "A reason"
    db.session.commit()
    return initiative


def _request(client, action: str, initiative: Initiative | None, other_id: int):
    path = f"/initiatives/{initiative.id}" if initiative else "/initiatives/new"
    return {
        "see": lambda: client.get(path),
        "edit": lambda: client.get(f"{path}/edit"),
        "approve": lambda: client.post(f"{path}/approve"),
        "hide": lambda: client.post(f"{path}/hide", data={"reason": "Duplicate entry", "confirm": "y"}),
        "merge": lambda: client.post(f"{path}/merge", data={"keep": str(other_id), "confirm": "y"}),
        "create": lambda: client.get("/initiatives/new"),
    }[action]()


def _outcome(response) -> str:
    if response.status_code in (301, 302) and "/login" in response.headers.get("Location", ""):
        return SIGN_IN
    if response.status_code in (200, 301, 302):
        return OK
    return str(response.status_code)


@pytest.mark.parametrize(("action", "kind", "role", "expected"), list(_cases()))
def test_who_may_do_what_to_an_initiative(client, make, login, world, action, kind, role, expected):
    people, creator, colead = world
    if role == "unconfirmed_creator":
        creator = make.academic()
        people[role] = creator
    initiative = None if kind == "new" else _initiative(make, creator, colead, kind)
    other = make.initiative()
    person = people[role]
    if person is not None:
        login(person)
    response = _request(client, action, initiative, other.id)
    assert _outcome(response) == expected
    if action == "see" and expected == OK:  # the page offers a button exactly when the server would accept it
        body = response.get_data(as_text=True)
        assert (f"/initiatives/{initiative.id}/edit" in body) == (RULES[("edit", kind)][ROLES.index(role)] == OK)
        moderation = "unhide" if kind == "hidden" else "hide"
        assert (f"/initiatives/{initiative.id}/{moderation}" in body) == (role == "coordinator")
        assert (f"/initiatives/{initiative.id}/approve" in body) == (role == "coordinator" and kind == "pending")
    if initiative is not None and expected != OK and action != "see":
        db.session.expire_all()
        unchanged = db.session.get(Initiative, initiative.id)
        assert unchanged.merged_into_id is None and unchanged.is_hidden == bool(INITIATIVES[kind].get("hidden"))
    if initiative is not None and action == "see":  # the list's SQL filter says the same as the page
        listed = db.session.scalar(sa.select(sa.func.count()).select_from(Initiative).where(
            Initiative.id == initiative.id, visible_initiatives(person)))
        assert bool(listed) == (expected == OK) == can(person, "initiative.view", initiative)
