"""What every form promises a new user: required fields are marked for eyes and screen readers, a wrong choice
is explained in words, titles and summaries say enough, and a final action waits for a ticked "I confirm"."""
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from matchmaker import ROOT
from matchmaker.academics.models import Publication
from matchmaker.auth import services as auth_services
from matchmaker.auth.models import Language
from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.extensions import db
from matchmaker.orgs.models import Membership, MembershipStatus, OrganisationStatus
from matchmaker.reference.models import HelpKind
from tests.pages import field_error, text_of

# Rules written in Python (not in SQL): once, on SQLite (see tests/conftest.py).
pytestmark = pytest.mark.one_database

ITALIAN_CATALOGUE = Path(ROOT, "matchmaker", "translations", "it", "LC_MESSAGES", "messages.mo")
NOT_CONFIRMED = "Nothing was done: tick “I confirm” to confirm that you want to do this."


def needs_italian():
    if not ITALIAN_CATALOGUE.exists():
        pytest.skip("Italian catalogue not compiled")


def get(client, url, language="en"):
    return client.get(url, headers={"Accept-Language": language})


def post(client, url, data, language="en"):
    return client.post(url, data=data, headers={"Accept-Language": language})


# --- required fields are marked -----------------------------------------------------------------------------

def _signed_in(make, login, who: str, language: str = "en"):
    """Sign in the person a page is for, speaking `language`."""
    if who == "visitor":
        return {}
    if who == "member":
        login(make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True,
                          language=Language(language)))
        return {}
    if who == "academic":
        academic = make.academic(verified=True)
        db.session.add(Publication(user_id=academic.id, title="Energy poverty in Turin's suburbs"))
        db.session.commit()
        login(academic)
        return {}
    if who == "coordinator":
        make.organisation(name="Cooperativa Da Verificare", status=OrganisationStatus.PENDING)
        organisation = make.organisation(name="Associazione Il Cortile", status=OrganisationStatus.VERIFIED)
        applicant = make.user(verified=True)
        db.session.add(Membership(user=applicant, organisation=organisation, status=MembershipStatus.PENDING))
        db.session.commit()
        login(make.coordinator(verified=True))
        return {}
    raise AssertionError(who)


def _reset_url(make) -> str:
    user = make.user(verified=True)
    return urlsplit(auth_services.reset_link(user)).path


# Each page's required fields, as the services and the sign-in rules require them (not as the page says).
REQUIRED_FIELDS = [
    pytest.param("/login", "visitor", ["email", "password"], id="sign-in"),
    pytest.param("/register/organisation", "visitor",
                 ["name", "email", "password", "confirm", "organisation_name"], id="register-organisation"),
    pytest.param("/register/academic", "visitor", ["name", "email", "password", "confirm", "department"],
                 id="register-academic"),
    pytest.param("/forgot-password", "visitor", ["email"], id="forgot-password"),
    pytest.param("reset", "visitor", ["password", "confirm"], id="reset-password"),
    pytest.param("/challenges/new", "member", ["title", "summary", "kind"], id="challenge"),
    pytest.param("/offers/new", "academic", ["title", "description", "kind", "capacity"], id="offer"),
    pytest.param("/profile", "academic",
                 ["department", "capacity_per_semester", "title", "file", r"confirm-\d+"], id="profile-publications"),
    pytest.param("/coordination/organisations", "coordinator",
                 [r"confirm-verify-\d+", r"reason-\d+", r"confirm-reject-\d+", r"confirm-approve-\d+-\d+",
                  r"decline-\d+-\d+", r"confirm-decline-\d+-\d+"], id="coordination-desk"),
]


def _control(page: str, field_id: str) -> str:
    match = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="({field_id})"[^>]*>', page)
    assert match, f"no control with id {field_id}"
    return match.group(0)


@pytest.mark.parametrize(("url", "who", "field_ids"), REQUIRED_FIELDS)
def test_every_required_field_is_marked_for_eyes_and_screen_readers(client, make, login, url, who, field_ids):
    _signed_in(make, login, who)
    url = _reset_url(make) if url == "reset" else url

    page = text_of(get(client, url))

    assert re.search(r'<span class="required-mark" aria-hidden="true">\*</span> required</p>', page), \
        "the page explains the asterisk"
    for field_id in field_ids:
        control = _control(page, field_id)
        actual_id = re.search(r'\bid="([^"]+)"', control).group(1)
        assert re.search(r"\brequired\b", control) and 'aria-required="true"' in control, control
        label = re.search(rf'<label\b[^>]*for="{actual_id}"[^>]*>(?:(?!</label>).)*?'
                          rf'(?:</label>\s*)?<span class="required-mark" aria-hidden="true">\*</span>', page, re.S)
        assert label, f"the label of {actual_id} has no asterisk"


def test_a_field_that_may_stay_empty_carries_no_marker(client, make, login):
    _signed_in(make, login, "member")

    page = text_of(get(client, "/challenges/new"))

    for optional in ("description", "place", "resources", "deadline"):
        assert "required" not in _control(page, optional)


def test_the_asterisk_is_explained_in_italian(client):
    needs_italian()

    page = text_of(get(client, "/login", "it"))

    assert '<span class="required-mark" aria-hidden="true">*</span> obbligatorio</p>' in page


# --- a wrong choice is explained in words --------------------------------------------------------------------

CHALLENGE = {"title": "Energy poverty in Barriera di Milano",
             "summary": "Families in the neighbourhood cannot heat their homes.",
             "kind": "research_action", "scale": "city", "visibility": "public"}
INTERNAL_CODES = [kind.value for kind in HelpKind if "_" in kind.value]


@pytest.mark.parametrize("sent", ["", "magic"], ids=["missing", "unknown"])
@pytest.mark.parametrize(("language", "label"), [("en", "Research-action"), ("it", "Ricerca-azione")])
def test_a_wrong_choice_lists_the_options_by_their_labels_never_their_codes(client, make, login, language, label,
                                                                            sent):
    if language == "it":
        needs_italian()
    _signed_in(make, login, "member", language)

    page = text_of(post(client, "/challenges/new", {**CHALLENGE, "kind": sent}, language))

    message = field_error(page, "kind")
    assert label in message and "magic" not in message
    assert not [code for code in INTERNAL_CODES if code in message], message


def test_the_api_names_the_options_in_words_and_gives_the_codes_it_accepts(client, make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)

    response = client.post("/api/v1/challenges", json={**CHALLENGE, "kind": "magic"},
                           headers=make.api_headers(client, member))

    assert response.status_code == 422
    message = " ".join(response.get_json()["error"]["fields"]["kind"])
    assert "Research-action (research_action)" in message
    assert "Technical support (technical_support)" in message


# --- titles and summaries say enough -------------------------------------------------------------------------

def challenge_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Challenge))


@pytest.mark.parametrize(("language", "title_message", "summary_message"), [
    ("en", "Use at least 8 characters (now 5)", "Use at least 30 characters (now 12)"),
    ("it", "Usa almeno 8 caratteri (ora 5)", "Usa almeno 30 caratteri (ora 12)"),
])
def test_a_too_short_title_or_summary_is_refused_naming_the_minimum(client, make, login, language, title_message,
                                                                    summary_message):
    if language == "it":
        needs_italian()
    _signed_in(make, login, "member", language)

    response = post(client, "/challenges/new", {**CHALLENGE, "title": "Help!", "summary": "Please help."}, language)

    page = text_of(response)
    assert response.status_code == 422
    assert title_message in field_error(page, "title")
    assert summary_message in field_error(page, "summary")
    assert challenge_count() == 0


def test_the_api_refuses_the_same_short_title_with_the_same_words(client, make):
    member = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    headers = make.api_headers(client, member)

    short_title = client.post("/api/v1/challenges", json={**CHALLENGE, "title": "Help!"}, headers=headers)
    spaced_title = client.post("/api/v1/challenges", json={**CHALLENGE, "title": "  Help!    "}, headers=headers)
    short_offer = client.post("/api/v1/offers", json={"title": "Maps", "description": "Maps of the city.",
                                                      "kind": "technical_support"},
                              headers=make.api_headers(client, make.academic(verified=True)))

    assert short_title.status_code == spaced_title.status_code == short_offer.status_code == 422
    assert short_title.get_json()["error"]["fields"]["title"] == ["Use at least 8 characters (now 5): say a little "
                                                                  "more."]
    assert spaced_title.get_json()["error"]["fields"]["title"] == short_title.get_json()["error"]["fields"]["title"]
    assert "Use at least 8 characters (now 4)" in short_offer.get_json()["error"]["fields"]["title"][0]
    assert challenge_count() == 0


def test_a_title_of_exactly_the_minimum_is_accepted(client, make, login):
    _signed_in(make, login, "member")

    response = post(client, "/challenges/new", {**CHALLENGE, "title": "Food hub", "summary": "S" * 30})

    assert response.status_code == 302
    assert challenge_count() == 1


# --- a final action waits for "I confirm" --------------------------------------------------------------------

@pytest.fixture
def coordinator(make, login):
    user = make.coordinator(verified=True)
    login(user)
    return user


@pytest.mark.parametrize("decision", ["verify", "reject"])
def test_a_coordinator_deciding_without_confirming_changes_nothing_and_is_told_why(client, make, coordinator,
                                                                                   decision):
    organisation = make.organisation(name="Cooperativa Barriera", status=OrganisationStatus.PENDING)

    response = post(client, f"/coordination/organisations/{organisation.id}/{decision}",
                    {"reason": "We could not find the organisation in any public register."})

    assert response.status_code == 422
    assert NOT_CONFIRMED in field_error(text_of(response), f"confirm-{decision}-{organisation.id}")
    db.session.refresh(organisation)
    assert organisation.status is OrganisationStatus.PENDING


def test_a_coordinator_who_confirms_verifies_the_organisation(client, make, coordinator):
    organisation = make.organisation(name="Cooperativa Barriera", status=OrganisationStatus.PENDING)

    response = post(client, f"/coordination/organisations/{organisation.id}/verify", {"confirm": "y"})

    assert response.status_code == 302
    db.session.refresh(organisation)
    assert organisation.status is OrganisationStatus.VERIFIED


@pytest.mark.parametrize("decision", ["approve", "decline"])
def test_a_join_request_is_not_decided_without_confirming(client, make, coordinator, decision):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    applicant = make.user(verified=True)
    db.session.add(Membership(user=applicant, organisation=organisation, status=MembershipStatus.PENDING))
    db.session.commit()

    response = post(client, f"/coordination/memberships/{organisation.id}/{applicant.id}/{decision}",
                    {"reason": "Not a member of this association."})

    assert response.status_code == 422
    assert NOT_CONFIRMED in field_error(text_of(response), f"confirm-{decision}-{organisation.id}-{applicant.id}")
    db.session.expire_all()
    assert db.session.get(Membership, (applicant.id, organisation.id)).status is MembershipStatus.PENDING


def test_hiding_a_challenge_without_confirming_leaves_it_public(client, make, coordinator):
    challenge = make.challenge(make.organisation(status=OrganisationStatus.VERIFIED))

    response = post(client, f"/challenges/{challenge.id}/hide", {"reason": "Advertising, not a challenge."})

    assert response.status_code == 422
    assert NOT_CONFIRMED in field_error(text_of(response), "confirm")
    db.session.refresh(challenge)
    assert not challenge.is_hidden


def test_removing_a_publication_without_confirming_keeps_it(client, make, login):
    _signed_in(make, login, "academic")
    publication_id = db.session.scalars(sa.select(Publication.id)).one()

    response = post(client, f"/profile/publications/{publication_id}/delete", {})
    kept = db.session.get(Publication, publication_id) is not None
    confirmed = post(client, f"/profile/publications/{publication_id}/delete", {"confirm": "y"})

    assert response.status_code == 422
    assert NOT_CONFIRMED in field_error(text_of(response), f"confirm-{publication_id}")
    assert kept
    assert confirmed.status_code == 302
    db.session.expire_all()
    assert db.session.get(Publication, publication_id) is None


def test_closing_a_challenge_for_good_waits_for_i_confirm(client, make, login):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    login(make.member(organisation, verified=True))
    challenge = make.challenge(organisation, status=ChallengeStatus.OPEN)

    unconfirmed = post(client, f"/challenges/{challenge.id}/status/closed", {})
    db.session.refresh(challenge)
    still_open = challenge.status
    confirmed = post(client, f"/challenges/{challenge.id}/status/closed", {"confirm": "y"})

    assert unconfirmed.status_code == 422
    assert NOT_CONFIRMED in field_error(text_of(unconfirmed), "confirm-close")
    assert still_open is ChallengeStatus.OPEN
    assert confirmed.status_code == 302
    db.session.refresh(challenge)
    assert challenge.status is ChallengeStatus.CLOSED
