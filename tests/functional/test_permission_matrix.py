"""The permission matrix: who may see, edit, publish, hide and create challenges, offers and profiles, and whom
an organisation is suggested.

The tables at the top are the rules: one row per action and object, one column per role. Every case asks the web
pages and the API the same question and expects the same answer (hiding and editing one's profile exist on the web
pages only), checks that a refused action changed nothing, and that a page shows a button exactly when the server
would accept what it does. The SQL filters of the lists (`visible_*`, `suggestable_academics`) are asked too.
"""
from functools import cached_property
from urllib.parse import urlparse

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile
from matchmaker.challenges.models import Challenge, ChallengeStatus, Visibility
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import Match, MatchTarget
from matchmaker.notifications.models import OutboxMessage
from matchmaker.offers.models import Offer, OfferStatus
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.permissions import can, suggestable_academics
from matchmaker.types import utcnow

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

# What a role gets when it tries an action.
OK = "ok"             # allowed, and done
DENIED = "403"        # the caller may see the object, but not do this to it
UNSEEN = "404"        # the caller may not even see the object: for them it does not exist
SIGN_IN = "sign in"   # a visitor: sent to /login by the web pages, answered 401 by the API

ROLES = ("visitor", "member", "other_member", "academic", "other_academic", "coordinator", "unconfirmed_academic",
         "unconfirmed_member")
# member: of the organisation owning the challenges. other_member: of another organisation.
# academic: the author of the offers and the owner of the profile. other_academic: someone else at PoliTO.
# unconfirmed_academic (unc_acad): registered with a university address never confirmed (anyone can type one).
# unconfirmed_member (unc_member): of the organisation owning the challenges, their address not confirmed yet.
# Everyone else has confirmed their address; the organisations are verified unless the object says otherwise.

CHALLENGES = {  # all of the member's organisation
    "open": {"status": ChallengeStatus.OPEN},
    "draft": {"status": ChallengeStatus.DRAFT},
    "for_academics": {"status": ChallengeStatus.OPEN, "visibility": Visibility.ACADEMICS},
    "hidden": {"status": ChallengeStatus.OPEN, "hidden": True},
    # open, published before a coordinator suspended or rejected the organisation (member: of that organisation)
    "suspended": {"status": ChallengeStatus.OPEN, "organisation_status": OrganisationStatus.SUSPENDED},
    "rejected": {"status": ChallengeStatus.OPEN, "organisation_status": OrganisationStatus.REJECTED},
}

# see: the detail page and the list (filtered by the challenge's status). edit: the edit form, PATCH a field.
# change_status: publish the draft, pause the others. hide: hide with a reason (unhide the hidden one).
CHALLENGE_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("see", "open"):          (OK,      OK,     OK,          OK,      OK,            OK,         OK,         OK),
    ("see", "draft"):         (UNSEEN,  OK,     UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     OK),
    ("see", "for_academics"): (UNSEEN,  OK,     UNSEEN,      OK,      OK,            OK,         UNSEEN,     OK),
    ("see", "hidden"):        (UNSEEN,  OK,     UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     OK),
    ("see", "suspended"):     (UNSEEN,  OK,     UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     OK),
    ("see", "rejected"):      (UNSEEN,  OK,     UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     OK),

    ("edit", "open"):         (SIGN_IN, OK,     DENIED,      DENIED,  DENIED,        DENIED,     DENIED,     DENIED),
    ("edit", "draft"):        (SIGN_IN, OK,     UNSEEN,      UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     OK),
    ("edit", "for_academics"): (SIGN_IN, OK,    UNSEEN,      DENIED,  DENIED,        DENIED,     UNSEEN,     DENIED),
    ("edit", "hidden"):       (SIGN_IN, OK,     UNSEEN,      UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     DENIED),
    ("edit", "suspended"):    (SIGN_IN, DENIED, UNSEEN,      UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     DENIED),
    ("edit", "rejected"):     (SIGN_IN, DENIED, UNSEEN,      UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     DENIED),

    ("change_status", "open"): (SIGN_IN, OK,    DENIED,      DENIED,  DENIED,        DENIED,     DENIED,     DENIED),
    ("change_status", "draft"): (SIGN_IN, OK,   UNSEEN,      UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     DENIED),
    ("change_status", "for_academics"): (SIGN_IN, OK, UNSEEN, DENIED, DENIED,        DENIED,     UNSEEN,     DENIED),
    ("change_status", "hidden"): (SIGN_IN, OK,  UNSEEN,      UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     DENIED),
    ("change_status", "suspended"): (SIGN_IN, DENIED, UNSEEN, UNSEEN, UNSEEN,        DENIED,     UNSEEN,     DENIED),
    ("change_status", "rejected"): (SIGN_IN, DENIED, UNSEEN, UNSEEN,  UNSEEN,        DENIED,     UNSEEN,     DENIED),

    ("hide", "open"):         (SIGN_IN, DENIED, DENIED,      DENIED,  DENIED,        OK,         DENIED,     DENIED),
    ("hide", "draft"):        (SIGN_IN, DENIED, UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     DENIED),
    ("hide", "for_academics"): (SIGN_IN, DENIED, UNSEEN,     DENIED,  DENIED,        OK,         UNSEEN,     DENIED),
    ("hide", "hidden"):       (SIGN_IN, DENIED, UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     DENIED),
    ("hide", "suspended"):    (SIGN_IN, DENIED, UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     DENIED),
    ("hide", "rejected"):     (SIGN_IN, DENIED, UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     DENIED),

    # an unconfirmed member may write drafts (harmless); publishing them waits for the confirmed address
    ("create", "challenge"):  (SIGN_IN, OK,     OK,          DENIED,  DENIED,        DENIED,     DENIED,     OK),
}
NEXT_CHALLENGE_STATUS = {"open": ChallengeStatus.PAUSED, "draft": ChallengeStatus.OPEN,
                         "for_academics": ChallengeStatus.PAUSED, "hidden": ChallengeStatus.PAUSED,
                         "suspended": ChallengeStatus.PAUSED, "rejected": ChallengeStatus.PAUSED}

OFFERS = {  # by the academic, but the last one
    "open": {},
    "hidden": {"hidden": True},
    "unconfirmed_author": {"author": "unconfirmed_academic"},  # posted before the rule, by someone never confirmed
}

# see: the detail page and the list of open offers. edit: the edit form, PATCH a field. change_status: pause it.
OFFER_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("see", "open"):          (OK,      OK,     OK,          OK,      OK,            OK,         OK,         OK),
    ("see", "hidden"):        (UNSEEN,  UNSEEN, UNSEEN,      OK,      UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("see", "unconfirmed_author"): (UNSEEN, UNSEEN, UNSEEN,  UNSEEN,  UNSEEN,        OK,         OK,         UNSEEN),

    ("edit", "open"):         (SIGN_IN, DENIED, DENIED,      OK,      DENIED,        DENIED,     DENIED,     DENIED),
    ("edit", "hidden"):       (SIGN_IN, UNSEEN, UNSEEN,      OK,      UNSEEN,        DENIED,     UNSEEN,     UNSEEN),
    ("edit", "unconfirmed_author"): (SIGN_IN, UNSEEN, UNSEEN, UNSEEN, UNSEEN,        DENIED,     DENIED,     UNSEEN),

    ("change_status", "open"): (SIGN_IN, DENIED, DENIED,     OK,      DENIED,        DENIED,     DENIED,     DENIED),
    ("change_status", "hidden"): (SIGN_IN, UNSEEN, UNSEEN,   OK,      UNSEEN,        DENIED,     UNSEEN,     UNSEEN),
    ("change_status", "unconfirmed_author"): (SIGN_IN, UNSEEN, UNSEEN, UNSEEN, UNSEEN, DENIED,   DENIED,     UNSEEN),

    ("hide", "open"):         (SIGN_IN, DENIED, DENIED,      DENIED,  DENIED,        OK,         DENIED,     DENIED),
    ("hide", "hidden"):       (SIGN_IN, UNSEEN, UNSEEN,      DENIED,  UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("hide", "unconfirmed_author"): (SIGN_IN, UNSEEN, UNSEEN, UNSEEN, UNSEEN,        OK,         DENIED,     UNSEEN),

    ("create", "offer"):      (SIGN_IN, DENIED, DENIED,      OK,      OK,            DENIED,     DENIED,     DENIED),
}

PROFILES = {  # the academic's, in the public directory or not, but the last one
    "listed": {"directory_opt_in": True},
    "unlisted": {"directory_opt_in": False},
    "declined_suggestions": {"directory_opt_in": True, "suggest_to_organisations": False},  # the directory is apart
    "unconfirmed_listed": {"directory_opt_in": True, "owner": "unconfirmed_academic"},
}

# see: the profile page and the directory. edit_own: /profile, which is always the caller's own profile.
PROFILE_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("see", "listed"):        (OK,      OK,     OK,          OK,      OK,            OK,         OK,         OK),
    ("see", "unlisted"):      (UNSEEN,  UNSEEN, UNSEEN,      OK,      UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("see", "declined_suggestions"): (OK, OK,   OK,          OK,      OK,            OK,         OK,         OK),
    ("see", "unconfirmed_listed"): (UNSEEN, UNSEEN, UNSEEN,  UNSEEN,  UNSEEN,        OK,         OK,         UNSEEN),

    ("edit_own", "profile"):  (SIGN_IN, UNSEEN, UNSEEN,      OK,      OK,            UNSEEN,     OK,         UNSEEN),

    # card: /people/<id>/card, the short card of an academic outside the directory, for the organisations they are
    # suggested to (a stored match on one of their challenges) or on a proposal with; never with the address.
    ("card", "suggested_unlisted"): (SIGN_IN, OK, UNSEEN,    OK,      UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("card", "on_a_proposal_unlisted"): (SIGN_IN, OK, UNSEEN, OK,     UNSEEN,        OK,         UNSEEN,     OK),
    ("card", "unsuggested_unlisted"): (SIGN_IN, UNSEEN, UNSEEN, OK,   UNSEEN,        OK,         UNSEEN,     UNSEEN),
}

CANDIDATES = {  # an academic whose profile fits the member's open challenge, with an offer that fits it too
    "consenting": {},
    "declined": {"suggest_to_organisations": False},
    "unconfirmed": {"verified": False},
}

# suggested: the candidate, or their offer, among the challenge's suggestions (the page, the API's matches and team).
# Only the organisation and the coordinators see a challenge's suggestions at all (tested in test_matching_*).
SUGGESTION_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("suggested", "consenting"): (UNSEEN, OK,   UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("suggested", "declined"): (UNSEEN, UNSEEN, UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("suggested", "unconfirmed"): (UNSEEN, UNSEEN, UNSEEN,   UNSEEN,  UNSEEN,        UNSEEN,     UNSEEN,     UNSEEN),
}

# The coordinators' part of the dashboards (web pages only): the review page of a proposal under review (member and
# academic: the people on it), saving a private note on it, the pipeline. Everyone signed in has /dashboard.
DASHBOARD_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("review", "under_review"): (SIGN_IN, UNSEEN, UNSEEN,    UNSEEN,  UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("note", "under_review"): (SIGN_IN, UNSEEN, UNSEEN,      UNSEEN,  UNSEEN,        OK,         UNSEEN,     UNSEEN),
    ("pipeline", "all"):      (SIGN_IN, DENIED, DENIED,      DENIED,  DENIED,        OK,         DENIED,     DENIED),
    ("dashboard", "own"):     (SIGN_IN, OK,     OK,          OK,      OK,            OK,         OK,         OK),
}

# A proposal between the member's organisation and the academic, just started (proposed).
# see: the proposal page and GET /api/v1/proposals/<id>. message: post to its thread (page and API).
# start: "I can help" / "Invite" on an open challenge of the member's organisation (page and API).
PROPOSAL_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("see", "proposal"):      (SIGN_IN, OK,     UNSEEN,      OK,      UNSEEN,        OK,         UNSEEN,     OK),
    ("message", "proposal"):  (SIGN_IN, OK,     UNSEEN,      OK,      UNSEEN,        OK,         UNSEEN,     DENIED),
    ("start", "open_challenge"): (SIGN_IN, OK,  DENIED,      OK,      OK,            DENIED,     DENIED,     DENIED),
}

# A notification is its recipient's alone (here: the member's); to anyone else, coordinators included, it does
# not exist. read: mark it as read on the page, find it in GET /api/v1/notifications.
NOTIFICATION_RULES = {
    #                          visitor  member  other_member academic other_academic coordinator unc_acad unc_member
    ("read", "the_member_s"): (SIGN_IN, OK,     UNSEEN,      UNSEEN,  UNSEEN,        UNSEEN,     UNSEEN,     UNSEEN),
}


def rule(rules: dict, action: str, obj: str, role: str) -> str:
    return rules[(action, obj)][ROLES.index(role)]


def cases(rules: dict, action: str, *more_actions: str) -> list:
    """The table's rows as pytest cases: (role, object, what `action` gets[, what each of `more_actions` gets])."""
    return [pytest.param(role, obj, *(rules[(each, obj)][column] for each in (action, *more_actions)),
                         id=f"{obj}-{role}")
            for (row_action, obj), row in rules.items() if row_action == action
            for column, role in enumerate(ROLES)]


WEB_TITLE, API_TITLE = "Rewritten on the web page", "Rewritten through the API"
HIDING_REASON = "The description names a private person."


class Cast:
    """The people of the matrix, each created only when a case needs them, so that each case stays small."""

    def __init__(self, make):
        self.make = make
        self.organisation = make.organisation(name="Cooperativa Proprietaria", status=OrganisationStatus.VERIFIED)

    @cached_property
    def member(self):
        return self.make.member(self.organisation, name="Mario Membro", verified=True)

    @cached_property
    def academic(self):
        return self.make.academic(name="Anna Autrice", verified=True)

    @cached_property
    def unconfirmed_academic(self):
        return self.make.academic(name="Ugo Ignoto", verified=False)

    @cached_property
    def unconfirmed_member(self):
        return self.make.member(self.organisation, name="Nina Nuova", verified=False)

    def person(self, role: str):
        """The user acting as `role` (None for a visitor), kept as `actor`."""
        self.actor = {
            "visitor": lambda: None,
            "member": lambda: self.member,
            "other_member": lambda: self.make.member(verified=True),
            "academic": lambda: self.academic,
            "other_academic": lambda: self.make.academic(verified=True),
            "coordinator": lambda: self.make.coordinator(verified=True),
            "unconfirmed_academic": lambda: self.unconfirmed_academic,
            "unconfirmed_member": lambda: self.unconfirmed_member,
        }[role]()
        return self.actor


@pytest.fixture
def cast(make):
    return Cast(make)


@pytest.fixture
def act_as(client, make, login, cast):
    """Sign `role` in: a browser session for the web pages, a bearer token for the API. Returns API headers.

    Tokens are for confirmed people: an unconfirmed one calls the API from their browser session (the API accepts
    it), so the rules are asked all the same."""
    def sign_in(role: str, channel: str = "both") -> dict:
        user = cast.person(role)
        if user is None:
            return {}
        if channel in ("web", "both") or not user.email_verified:
            login(user)
        if channel in ("api", "both") and user.email_verified:
            return {"Authorization": f"Bearer {make.api_token(client, user)}"}
        return {}
    return sign_in


def assert_web(response, expected: str, done: int = 200) -> None:
    """`done` is the answer to an allowed request: 200 for a page, 302 for a form that redirects when it succeeds."""
    redirected_to = urlparse(response.location or "").path
    if expected == SIGN_IN:
        assert (response.status_code, redirected_to) == (302, "/login")
    elif expected == OK:
        assert response.status_code == done, response.get_data(as_text=True)[-3000:]
        assert redirected_to != "/login"
    else:
        assert response.status_code == int(expected)


API_REFUSALS = {DENIED: (403, "forbidden"), UNSEEN: (404, "not_found"), SIGN_IN: (401, "not_authenticated")}


def assert_api(response, expected: str, done: int = 200) -> None:
    if expected == OK:
        assert response.status_code == done, response.get_json()
    else:
        assert (response.status_code, response.get_json()["error"]["code"]) == API_REFUSALS[expected]


def page_of(response) -> str:
    return response.get_data(as_text=True)


def api_ids(response) -> set[int]:
    assert response.status_code == 200, response.get_json()
    return {item["id"] for item in response.get_json()["items"]}


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def fresh(obj):
    """The row as the requests left it: they ran in their own sessions."""
    db.session.refresh(obj)
    return obj


def restore(obj, **values) -> None:
    """Put the row back as it was, so the API is asked the same question the web page was."""
    for name, value in values.items():
        setattr(obj, name, value)
    db.session.commit()


def mails_about_hiding(user) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage).where(
        OutboxMessage.recipient == user.email, OutboxMessage.subject.like("A coordinator has hidden%")))


def hiding(spec: dict) -> dict:
    spec = dict(spec)
    if spec.pop("hidden", False):
        spec.update(hidden_at=utcnow(), hidden_reason=HIDING_REASON)
    return spec


def test_every_rule_answers_for_every_role():
    for rules in (CHALLENGE_RULES, OFFER_RULES, PROFILE_RULES, SUGGESTION_RULES, PROPOSAL_RULES, DASHBOARD_RULES,
                  NOTIFICATION_RULES):
        for key, row in rules.items():
            assert len(row) == len(ROLES) and set(row) <= {OK, DENIED, UNSEEN, SIGN_IN}, key


# --- challenges ----------------------------------------------------------------------------------------

@pytest.fixture
def challenge_of(make, cast):
    def build(kind: str) -> Challenge:
        spec = hiding(CHALLENGES[kind])
        challenge = make.challenge(cast.organisation, title=f"The {kind} challenge",
                                   **{k: v for k, v in spec.items() if k != "organisation_status"})
        if "organisation_status" in spec:  # a coordinator stopped the organisation after it had published
            cast.organisation.status, cast.organisation.status_reason = spec["organisation_status"], "No statute."
            db.session.commit()
        return challenge
    return build


def challenge_form(challenge: Challenge, **changes) -> dict:
    return {"title": challenge.title, "summary": challenge.summary, "kind": challenge.kind.value,
            "scale": challenge.scale.value, "visibility": challenge.visibility.value,
            "sdgs": [str(s.number) for s in challenge.sdgs], **changes}


def moderation_url(path: str, hidden: bool) -> str:
    return f"{path}/unhide" if hidden else f"{path}/hide"


@pytest.mark.parametrize(("role", "kind", "expected"), cases(CHALLENGE_RULES, "see"))
def test_who_sees_a_challenge_and_which_buttons_they_get(client, act_as, challenge_of, role, kind, expected):
    challenge = challenge_of(kind)
    path, status = f"/challenges/{challenge.id}", challenge.status.value
    headers = act_as(role)

    detail = client.get(path)
    assert_web(detail, expected)
    assert (f'id="challenge-{challenge.id}"' in page_of(client.get(f"/challenges/?status={status}"))) == \
        (expected == OK)
    assert_api(client.get(f"/api/v1{path}", headers=headers), expected)
    assert (challenge.id in api_ids(client.get(f"/api/v1/challenges?status={status}", headers=headers))) == \
        (expected == OK)

    if expected == OK:
        page, target = page_of(detail), NEXT_CHALLENGE_STATUS[kind].value
        buttons = {"edit": f'href="{path}/edit"', "change_status": f'action="{path}/status/{target}"',
                   "hide": f'action="{moderation_url(path, challenge.is_hidden)}"'}
        for action, button in buttons.items():
            shown, allowed = button in page, rule(CHALLENGE_RULES, action, kind, role) == OK
            assert shown == allowed, f"{action}: button shown={shown}, server allows={allowed}"


@pytest.mark.parametrize(("role", "kind", "edit", "change_status"),
                         cases(CHALLENGE_RULES, "edit", "change_status"))
def test_who_may_edit_publish_or_pause_a_challenge(client, act_as, challenge_of, role, kind, edit, change_status):
    challenge = challenge_of(kind)
    path, title, status = f"/challenges/{challenge.id}", challenge.title, challenge.status
    target = NEXT_CHALLENGE_STATUS[kind]
    headers = act_as(role)

    assert_web(client.get(f"{path}/edit"), edit)
    assert_web(client.post(f"{path}/edit", data=challenge_form(challenge, title=WEB_TITLE)), edit, done=302)
    assert fresh(challenge).title == (WEB_TITLE if edit == OK else title)
    assert_api(client.patch(f"/api/v1{path}", json={"title": API_TITLE}, headers=headers), edit)
    assert fresh(challenge).title == (API_TITLE if edit == OK else title)

    assert_web(client.post(f"{path}/status/{target.value}"), change_status, done=302)
    assert fresh(challenge).status is (target if change_status == OK else status)
    restore(challenge, status=status)
    assert_api(client.patch(f"/api/v1{path}", json={"status": target.value}, headers=headers), change_status)
    assert fresh(challenge).status is (target if change_status == OK else status)


@pytest.mark.parametrize(("role", "kind", "expected"), cases(CHALLENGE_RULES, "hide"))
def test_only_coordinators_hide_and_unhide_a_challenge(client, act_as, cast, challenge_of, role, kind, expected):
    """The API has no way to hide: moderation happens on the web pages only."""
    challenge, member = challenge_of(kind), cast.member
    was_hidden = challenge.is_hidden
    act_as(role, "web")

    response = client.post(moderation_url(f"/challenges/{challenge.id}", was_hidden),
                           data={"reason": HIDING_REASON, "confirm": "y"})

    assert_web(response, expected, done=302)
    assert fresh(challenge).is_hidden is (was_hidden != (expected == OK))
    assert mails_about_hiding(member) == (1 if expected == OK and not was_hidden else 0)


@pytest.mark.parametrize(("role", "kind", "expected"), cases(CHALLENGE_RULES, "create"))
def test_only_members_of_an_organisation_post_challenges(client, act_as, role, kind, expected):
    headers = act_as(role)
    before = count(Challenge)
    fields = {"title": "Orti condivisi in Barriera", "summary": "We need help to plan shared gardens.",
              "kind": "research_action"}

    assert ('href="/challenges/new"' in page_of(client.get("/challenges/"))) == (expected == OK)
    assert_web(client.get("/challenges/new"), expected)
    assert_web(client.post("/challenges/new", data={**fields, "scale": "city", "visibility": "public"}),
               expected, done=302)
    assert_api(client.post("/api/v1/challenges", json=fields, headers=headers), expected, done=201)

    assert count(Challenge) == before + (2 if expected == OK else 0)


def test_nobody_edits_a_closed_challenge_not_even_its_organisation(client, make, cast, act_as):
    challenge = make.challenge(cast.organisation, status=ChallengeStatus.CLOSED)
    path, title = f"/challenges/{challenge.id}", challenge.title
    headers = act_as("member")

    assert client.get(f"{path}/edit").status_code == 403
    assert client.post(f"{path}/edit", data=challenge_form(challenge, title=WEB_TITLE)).status_code == 403
    assert_api(client.patch(f"/api/v1{path}", json={"title": API_TITLE}, headers=headers), DENIED)
    assert f'href="{path}/edit"' not in page_of(client.get(path))
    assert fresh(challenge).title == title


def test_organisation_cannot_unhide_its_challenge_through_the_api(client, act_as, challenge_of):
    challenge = challenge_of("hidden")
    headers = act_as("member", "api")

    response = client.patch(f"/api/v1/challenges/{challenge.id}", json={"hidden": False}, headers=headers)

    assert response.status_code == 422
    assert fresh(challenge).is_hidden


@pytest.mark.parametrize("thing", ["challenges", "offers"])
def test_an_empty_patch_is_refused_to_whoever_may_not_edit(client, act_as, challenge_of, offer_of, thing):
    """Nothing to change is still a change: the API answers like for any other field, not with a 200."""
    obj = challenge_of("open") if thing == "challenges" else offer_of("open")
    headers = act_as("coordinator", "api")

    assert_api(client.patch(f"/api/v1/{thing}/{obj.id}", json={}, headers=headers), DENIED)


# --- offers --------------------------------------------------------------------------------------------

@pytest.fixture
def offer_of(make, cast):
    def build(kind: str) -> Offer:
        spec = hiding(OFFERS[kind])
        author = getattr(cast, spec.pop("author", "academic"))
        return make.offer(author, title=f"The {kind} offer", **spec)
    return build


def offer_form(offer: Offer, **changes) -> dict:
    return {"title": offer.title, "description": offer.description, "kind": offer.kind.value,
            "capacity": str(offer.capacity), "sdgs": [str(s.number) for s in offer.sdgs], **changes}


@pytest.mark.parametrize(("role", "kind", "expected"), cases(OFFER_RULES, "see"))
def test_who_sees_an_offer_and_which_buttons_they_get(client, act_as, offer_of, role, kind, expected):
    offer = offer_of(kind)
    path = f"/offers/{offer.id}"
    headers = act_as(role)

    detail = client.get(path)
    assert_web(detail, expected)
    assert (f'id="offer-{offer.id}"' in page_of(client.get("/offers/?status=open"))) == (expected == OK)
    assert_api(client.get(f"/api/v1{path}", headers=headers), expected)
    assert (offer.id in api_ids(client.get("/api/v1/offers?status=open", headers=headers))) == (expected == OK)

    if expected == OK:
        page = page_of(detail)
        buttons = {"edit": f'href="{path}/edit"', "change_status": f'action="{path}/status/paused"',
                   "hide": f'action="{moderation_url(path, offer.is_hidden)}"'}
        for action, button in buttons.items():
            shown, allowed = button in page, rule(OFFER_RULES, action, kind, role) == OK
            assert shown == allowed, f"{action}: button shown={shown}, server allows={allowed}"


@pytest.mark.parametrize(("role", "kind", "edit", "change_status"), cases(OFFER_RULES, "edit", "change_status"))
def test_only_the_author_edits_or_pauses_an_offer(client, act_as, offer_of, role, kind, edit, change_status):
    offer = offer_of(kind)
    path, title = f"/offers/{offer.id}", offer.title
    headers = act_as(role)

    assert_web(client.get(f"{path}/edit"), edit)
    assert_web(client.post(f"{path}/edit", data=offer_form(offer, title=WEB_TITLE)), edit, done=302)
    assert fresh(offer).title == (WEB_TITLE if edit == OK else title)
    assert_api(client.patch(f"/api/v1{path}", json={"title": API_TITLE}, headers=headers), edit)
    assert fresh(offer).title == (API_TITLE if edit == OK else title)

    paused_if_allowed = OfferStatus.PAUSED if change_status == OK else OfferStatus.OPEN
    assert_web(client.post(f"{path}/status/paused"), change_status, done=302)
    assert fresh(offer).status is paused_if_allowed
    restore(offer, status=OfferStatus.OPEN)
    assert_api(client.patch(f"/api/v1{path}", json={"status": "paused"}, headers=headers), change_status)
    assert fresh(offer).status is paused_if_allowed


@pytest.mark.parametrize(("role", "kind", "expected"), cases(OFFER_RULES, "hide"))
def test_only_coordinators_hide_and_unhide_an_offer(client, act_as, cast, offer_of, role, kind, expected):
    """The API has no way to hide: moderation happens on the web pages only."""
    offer = offer_of(kind)
    was_hidden = offer.is_hidden
    act_as(role, "web")

    response = client.post(moderation_url(f"/offers/{offer.id}", was_hidden),
                           data={"reason": HIDING_REASON, "confirm": "y"})

    assert_web(response, expected, done=302)
    assert fresh(offer).is_hidden is (was_hidden != (expected == OK))
    assert mails_about_hiding(offer.academic) == (1 if expected == OK and not was_hidden else 0)


@pytest.mark.parametrize(("role", "kind", "expected"), cases(OFFER_RULES, "create"))
def test_only_academics_post_offers(client, act_as, role, kind, expected):
    headers = act_as(role)
    before = count(Offer)
    fields = {"title": "Thesis on shared gardens", "description": "A master's thesis with a partner.",
              "kind": "student_project"}

    assert ('href="/offers/new"' in page_of(client.get("/offers/"))) == (expected == OK)
    assert_web(client.get("/offers/new"), expected)
    assert_web(client.post("/offers/new", data={**fields, "capacity": "1"}), expected, done=302)
    assert_api(client.post("/api/v1/offers", json=fields, headers=headers), expected, done=201)

    assert count(Offer) == before + (2 if expected == OK else 0)


# --- academic profiles ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "kind", "expected"), cases(PROFILE_RULES, "see"))
def test_who_sees_a_profile_in_the_directory(client, make, cast, act_as, role, kind, expected):
    spec = dict(PROFILES[kind])
    profile = make.profile(getattr(cast, spec.pop("owner", "academic")), **spec)
    headers = act_as(role)

    assert_web(client.get(f"/people/{profile.user_id}"), expected)
    assert (f'id="person-{profile.user_id}"' in page_of(client.get("/people"))) == (expected == OK)
    assert (profile.user_id in api_ids(client.get("/api/v1/academics", headers=headers))) == (expected == OK)


@pytest.mark.parametrize(("role", "kind", "expected"), cases(PROFILE_RULES, "edit_own"))
def test_only_academics_edit_a_profile_and_only_their_own(client, make, cast, act_as, role, kind, expected):
    """/profile has no id in it: whoever may use it changes their own profile and nobody else's."""
    make.profile(cast.academic, biography="As the academic wrote it.")
    act_as(role, "web")

    assert_web(client.get("/profile"), expected)
    response = client.post("/profile", data={"department": "DIST", "academic_role": "", "biography": "Rewritten",
                                             "capacity_per_semester": "2", "directory_opt_in": "y"})
    assert_web(response, expected, done=302)
    assert ('href="/profile"' in page_of(client.get("/challenges/"))) == (expected == OK)

    rewritten = sa.select(AcademicProfile.user_id).where(AcademicProfile.biography == "Rewritten")
    assert set(db.session.scalars(rewritten)) == ({cast.actor.id} if expected == OK else set())


@pytest.mark.parametrize(("role", "kind", "expected"), cases(PROFILE_RULES, "card"))
def test_who_reads_the_card_of_an_academic_outside_the_directory(client, make, cast, act_as, role, kind, expected):
    profile = make.profile(cast.academic, directory_opt_in=False, expertise=["energy poverty"])
    challenge = make.challenge(cast.organisation, status=ChallengeStatus.OPEN)
    if kind == "suggested_unlisted":
        db.session.add(Match(challenge_id=challenge.id, target_type=MatchTarget.ACADEMIC, academic_id=profile.user_id,
                             score=70.0))
        db.session.commit()
    elif kind == "on_a_proposal_unlisted":
        make.proposal(challenge=challenge, member=make.member(cast.organisation, verified=True),
                      academic=cast.academic)
    act_as(role, "web")

    response = client.get(f"/people/{profile.user_id}/card")
    assert_web(response, expected)
    assert cast.academic.email not in page_of(response)
    if expected == OK:
        assert cast.academic.name in page_of(response) and "energy poverty" in page_of(response)


@pytest.mark.parametrize("status", [OrganisationStatus.SUSPENDED, OrganisationStatus.REJECTED])
def test_members_of_a_suspended_or_rejected_organisation_post_no_challenge_and_are_told_why(
        client, act_as, cast, status):
    cast.organisation.status, cast.organisation.status_reason = status, "The statute is missing."
    db.session.commit()
    headers = act_as("member")
    before = count(Challenge)
    fields = {"title": "Orti condivisi in Barriera", "summary": "We need help to plan shared gardens.",
              "kind": "research_action"}

    refused = client.get("/challenges/new")
    assert refused.status_code == 403
    assert "A coordinator" in page_of(refused) and cast.organisation.name in page_of(refused)
    assert client.post("/challenges/new", data={**fields, "scale": "city", "visibility": "public"}).status_code == 403
    answer = client.post("/api/v1/challenges", json=fields, headers=headers)
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (403, "forbidden")
    assert cast.organisation.name in answer.get_json()["error"]["message"]
    assert count(Challenge) == before

    workspace = client.get("/challenges/mine")  # still theirs to read, with the coordinator's reason
    assert workspace.status_code == 200
    assert "The statute is missing." in page_of(workspace)
    assert 'href="/challenges/new"' not in page_of(workspace)


# --- suggestions: whom an organisation is shown ----------------------------------------------------------

ENERGY_NEED = {"title": "Energy poverty in social housing", "sdgs": (7, 11),
               "summary": "Families in our buildings cannot afford heating: we need to cut energy bills.",
               "description": "Insulation, heating systems and energy efficiency retrofit could lower the bills of "
                              "families in energy poverty.", "keywords": ("energy poverty", "energy efficiency")}


@pytest.fixture
def candidate_for(make, cast):
    """The member's open energy challenge, and an energy expert (with an offer) as `kind` says; matches computed."""
    def build(kind: str):
        spec = dict(CANDIDATES[kind])
        expert = make.academic("DENERG", name="Carla Candidata", verified=spec.pop("verified", True))
        make.profile(expert, expertise=["energy efficiency", "energy poverty", "heating systems"],
                     biography="I study energy efficiency, insulation retrofit and energy poverty in social housing.",
                     **spec)
        offer = make.offer(expert, title="Energy audits of social housing buildings", sdgs=(7,),
                           description="Students measure heating and insulation to cut the energy bills of families.")
        challenge = make.challenge(cast.organisation, **ENERGY_NEED)
        matching.recompute_all()
        db.session.commit()
        return challenge, expert, offer
    return build


def suggested_ids(client, path: str, headers: dict) -> set[int]:
    """The ids an API answer about a challenge's suggestions names; none when the caller may not ask."""
    response = client.get(path, headers=headers)
    return api_ids(response) if response.status_code == 200 else set()


@pytest.mark.parametrize(("role", "kind", "expected"), cases(SUGGESTION_RULES, "suggested"))
def test_whom_an_organisation_is_suggested(client, act_as, cast, candidate_for, role, kind, expected):
    challenge, expert, offer = candidate_for(kind)
    path = f"/api/v1/challenges/{challenge.id}"
    headers = act_as(role)
    shown = expected == OK

    assert (expert.name in page_of(client.get(f"/challenges/{challenge.id}"))) == shown
    assert (expert.id in suggested_ids(client, f"{path}/matches?type=academics", headers)) == shown
    assert (offer.id in suggested_ids(client, f"{path}/matches?type=offers", headers)) == shown
    if not shown:
        assert expert.id not in suggested_ids(client, f"{path}/team", headers)

    # The SQL twin of the per-person rule gives the same answer for this caller.
    twin = set(db.session.scalars(sa.select(AcademicProfile.user_id).where(suggestable_academics(cast.actor))))
    assert (expert.id in twin) == can(cast.actor, "profile.suggest", expert.academic_profile)


# --- proposals ----------------------------------------------------------------------------------------

@pytest.fixture
def proposal_of(make, cast):
    def build():
        challenge = make.challenge(cast.organisation, author=cast.member)
        return make.proposal(challenge=challenge, member=cast.member, academic=cast.academic)
    return build


@pytest.mark.parametrize(("role", "kind", "expected"), cases(PROPOSAL_RULES, "see"))
def test_who_sees_a_proposal(client, act_as, proposal_of, role, kind, expected):
    proposal = proposal_of()
    headers = act_as(role)
    assert_web(client.get(f"/proposals/{proposal.id}"), expected)
    assert_api(client.get(f"/api/v1/proposals/{proposal.id}", headers=headers), expected)


@pytest.mark.parametrize(("role", "kind", "expected"), cases(PROPOSAL_RULES, "message"))
def test_who_writes_on_a_proposal(client, act_as, proposal_of, role, kind, expected):
    from matchmaker.workflow.models import ProposalMessage

    proposal = proposal_of()
    headers = act_as(role)
    before = count(ProposalMessage)
    assert_web(client.post(f"/proposals/{proposal.id}/messages", data={"body": "From the web"}), expected, 302)
    assert_api(client.post(f"/api/v1/proposals/{proposal.id}/messages", headers=headers,
                           json={"body": "From the API"}), expected, 201)
    assert count(ProposalMessage) == before + (2 if expected == OK else 0)


@pytest.mark.parametrize(("role", "kind", "expected"), cases(PROPOSAL_RULES, "start"))
def test_who_starts_a_proposal_on_an_open_challenge(client, make, act_as, cast, role, kind, expected):
    from matchmaker.workflow.models import Proposal

    on_the_web, through_the_api = (make.challenge(cast.organisation, author=cast.member) for _ in range(2))
    invited = make.academic(verified=True)
    headers = act_as(role)
    assert_web(client.post(f"/challenges/{on_the_web.id}/propose",
                           data={"message": "Let us work together", "academic_ids": [str(invited.id)]}),
               expected, 302)
    assert_api(client.post("/api/v1/proposals", headers=headers,
                           json={"challenge_id": through_the_api.id, "message": "Let us work together",
                                 "academic_ids": [invited.id]}), expected, 201)
    assert count(Proposal) == (2 if expected == OK else 0)


# --- dashboards -----------------------------------------------------------------------------------------

def _dashboard_cases() -> list:
    return [pytest.param(action, obj, role, row[column], id=f"{action}-{role}")
            for (action, obj), row in DASHBOARD_RULES.items() for column, role in enumerate(ROLES)]


@pytest.mark.parametrize(("action", "obj", "role", "expected"), _dashboard_cases())
def test_who_opens_the_dashboards_the_review_page_and_the_notes(client, make, cast, act_as, action, obj, role,
                                                                 expected):
    from matchmaker.dashboards.models import CoordinatorNote
    from matchmaker.workflow.stages import Stage

    academic = make.profile(cast.academic, biography="Services for families.", expertise=["families"]).user
    proposal = make.proposal(Stage.UNDER_REVIEW, challenge=make.challenge(cast.organisation), member=cast.member,
                             academic=academic)
    act_as(role, "web")
    if action == "note":
        assert_web(client.post(f"/dashboard/review/{proposal.id}/notes", data={"body": "Looks solid."}), expected,
                   done=302)
        assert count(CoordinatorNote) == (1 if expected == OK else 0)
        return
    path = {"review": f"/dashboard/review/{proposal.id}", "pipeline": "/dashboard/pipeline",
            "dashboard": "/dashboard"}[action]
    assert_web(client.get(path), expected)


# --- notifications ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("role", "kind", "expected"), cases(NOTIFICATION_RULES, "read"))
def test_only_its_recipient_reads_a_notification(client, act_as, cast, proposal_of, role, kind, expected):
    from matchmaker.notifications.models import Notification, NotificationKind

    proposal = proposal_of()
    academic_s = db.session.scalars(sa.select(Notification).where(  # the invitation: the academic's
        Notification.user_id == cast.academic.id, Notification.kind == NotificationKind.INVITATION)).one()
    member_s = Notification(user_id=cast.member.id, kind=NotificationKind.MESSAGE, proposal_id=proposal.id,
                            payload={"challenge": proposal.challenge.title, "actor": cast.academic.name,
                                     "excerpt": "Shall we meet?"})
    db.session.add(member_s)
    db.session.commit()
    notification = member_s if kind == "the_member_s" else academic_s
    headers = act_as(role)

    listed = client.get("/api/v1/notifications", headers=headers)
    if expected == SIGN_IN:
        assert listed.status_code == 401
    else:
        assert (notification.id in {item["id"] for item in listed.get_json()["items"]}) == (expected == OK)
    assert_web(client.post(f"/notifications/{notification.id}/read"), expected, 302)
    db.session.expire_all()
    assert (db.session.get(Notification, notification.id).read_at is not None) == (expected == OK)
