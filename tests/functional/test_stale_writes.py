"""Two people editing the same item: whoever saves second is told someone else changed it meanwhile (409),
keeps what they typed, and changes nothing; the first person's text and SDGs stay. Through the pages and the API."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import Language
from matchmaker.challenges.models import Challenge
from matchmaker.extensions import db
from matchmaker.offers.models import Offer
from matchmaker.orgs.models import OrganisationStatus
from tests.factories import PASSWORD
from tests.pages import bearer_for, text_of

NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()
STALE_NOTICE = "Someone else changed this meanwhile, so your changes were not saved."


def sign_in(client, user) -> None:
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, text_of(response)


def version_in(page: str) -> str:
    """The version the edit form was filled from (its hidden field)."""
    return re.search(r'<input[^>]*name="version"[^>]*value="(\d+)"', page).group(1)


def stored(model, key):
    db.session.expire_all()
    return db.session.get(model, key)


def challenge_form(version: str, **overrides) -> dict:
    data = {"title": "Energy poverty in Barriera di Milano", "summary": "Families cannot heat their homes.",
            "description": "", "kind": "research_action", "sdgs": ["7"], "keywords": "energy poverty",
            "place": "Torino", "scale": "city", "resources": "", "deadline": NEXT_MONTH, "visibility": "public",
            "version": version}
    data.update(overrides)
    return data


def offer_form(version: str, **overrides) -> dict:
    data = {"title": "Student projects on urban energy", "description": "Master's students can map a need.",
            "kind": "student_project", "sdgs": ["7"], "keywords": "energy", "capacity": "2", "version": version}
    data.update(overrides)
    return data


def profile_form(version: str, **overrides) -> dict:
    data = {"department": "DIST", "academic_role": "researcher", "biography": "I study energy poverty.",
            "expertise": "energy poverty", "sdgs": ["7"], "languages": ["it"], "capacity_per_semester": "2",
            "available": "y", "version": version}
    data.update(overrides)
    return data


@pytest.fixture
def organisation(make):
    return make.organisation(name="Cooperativa Il Ponte", status=OrganisationStatus.VERIFIED)


@pytest.fixture
def two_members(app, client, make, organisation):
    """Two members of one organisation, each signed in in their own browser."""
    first, second = (make.member(organisation, verified=True) for _ in range(2))
    other_browser = app.test_client()
    sign_in(client, first)
    sign_in(other_browser, second)
    return client, other_browser


# --- the web pages ---------------------------------------------------------------------------------------


def test_of_two_members_editing_one_challenge_the_second_to_save_is_told_and_keeps_their_text(
        make, organisation, two_members):
    first, second = two_members
    challenge = make.challenge(organisation, title="Heating the homes", sdgs=(11,))
    first_version = version_in(text_of(first.get(f"/challenges/{challenge.id}/edit")))
    second_version = version_in(text_of(second.get(f"/challenges/{challenge.id}/edit")))

    saved = first.post(f"/challenges/{challenge.id}/edit",
                       data=challenge_form(first_version, title="Warm homes for every family", sdgs=["1", "7"]))
    assert saved.status_code == 302
    refused = second.post(f"/challenges/{challenge.id}/edit",
                          data=challenge_form(second_version, title="Cold flats in Aurora", sdgs=["13"]))

    page = text_of(refused)
    assert refused.status_code == 409, page
    assert STALE_NOTICE in page
    assert f'href="/challenges/{challenge.id}/edit">reload the saved version</a>' in page
    assert 'value="Cold flats in Aurora"' in page
    after = stored(Challenge, challenge.id)
    assert after.title == "Warm homes for every family"
    assert [s.number for s in after.sdgs] == [1, 7]
    assert after.version == 2


def test_a_member_saving_only_other_sdgs_raises_the_version_so_an_older_form_is_refused(
        make, organisation, two_members):
    first, second = two_members
    challenge = make.challenge(organisation, title="Heating the homes", sdgs=(11,))
    version = version_in(text_of(first.get(f"/challenges/{challenge.id}/edit")))

    # Every other field as the factory stored it: only the SDGs change.
    unchanged = {"title": "Heating the homes", "summary": challenge.summary, "keywords": "", "place": "",
                 "deadline": ""}
    saved = first.post(f"/challenges/{challenge.id}/edit", data=challenge_form(version, sdgs=["7", "11"], **unchanged))
    assert saved.status_code == 302
    refused = second.post(f"/challenges/{challenge.id}/edit", data=challenge_form(version, title="Something else"))

    assert refused.status_code == 409
    after = stored(Challenge, challenge.id)
    assert (after.title, [s.number for s in after.sdgs], after.version) == ("Heating the homes", [7, 11], 2)


def test_a_member_reloading_after_a_refused_save_can_save_over_the_new_version(make, organisation, two_members):
    first, second = two_members
    challenge = make.challenge(organisation)
    old = version_in(text_of(second.get(f"/challenges/{challenge.id}/edit")))
    first.post(f"/challenges/{challenge.id}/edit", data=challenge_form(old, title="The first person's title"))
    assert second.post(f"/challenges/{challenge.id}/edit", data=challenge_form(old)).status_code == 409

    reloaded = version_in(text_of(second.get(f"/challenges/{challenge.id}/edit")))
    saved = second.post(f"/challenges/{challenge.id}/edit", data=challenge_form(reloaded, title="Agreed title"))

    assert (reloaded, saved.status_code) == ("2", 302)
    assert (stored(Challenge, challenge.id).title, stored(Challenge, challenge.id).version) == ("Agreed title", 3)


def test_an_academic_saving_an_offer_from_an_older_tab_is_told_and_nothing_changes(app, client, make):
    academic = make.academic(verified=True)
    offer = make.offer(academic, title="Theses on mobility", sdgs=(11,))
    sign_in(client, academic)
    old_tab = version_in(text_of(client.get(f"/offers/{offer.id}/edit")))
    new_tab = version_in(text_of(client.get(f"/offers/{offer.id}/edit")))

    assert client.post(f"/offers/{offer.id}/edit",
                       data=offer_form(new_tab, title="Theses on cycling", sdgs=["3", "11"])).status_code == 302
    refused = client.post(f"/offers/{offer.id}/edit", data=offer_form(old_tab, title="Courses on buses", sdgs=["9"]))

    page = text_of(refused)
    assert refused.status_code == 409, page
    assert STALE_NOTICE in page and 'value="Courses on buses"' in page
    after = stored(Offer, offer.id)
    assert (after.title, [s.number for s in after.sdgs], after.version) == ("Theses on cycling", [3, 11], 2)


def test_an_academic_saving_their_profile_from_an_older_tab_is_told_in_italian_and_nothing_changes(client, make):
    academic = make.academic(verified=True, language=Language.IT)
    sign_in(client, academic)
    old_tab = version_in(text_of(client.get("/profile")))
    new_tab = version_in(text_of(client.get("/profile")))

    assert client.post("/profile", data=profile_form(new_tab, biography="Housing and energy.",
                                                     sdgs=["7", "11"])).status_code == 302
    refused = client.post("/profile", data=profile_form(old_tab, biography="Only mobility.", sdgs=["9"]))

    page = text_of(refused)
    assert refused.status_code == 409, page
    assert "Qualcun altro ha modificato" in page
    assert "Only mobility." in page
    after = stored(AcademicProfile, academic.id)
    assert (after.biography, [s.number for s in after.sdgs], after.version) == ("Housing and energy.", [7, 11], 2)


def test_a_normal_edit_of_a_challenge_is_saved_and_raises_the_version(client, make, organisation):
    member = make.member(organisation, verified=True)
    challenge = make.challenge(organisation)
    sign_in(client, member)
    version = version_in(text_of(client.get(f"/challenges/{challenge.id}/edit")))

    response = client.post(f"/challenges/{challenge.id}/edit", data=challenge_form(version, title="A better title"))

    assert (version, response.status_code) == ("1", 302)
    assert (stored(Challenge, challenge.id).title, stored(Challenge, challenge.id).version) == ("A better title", 2)
    assert version_in(text_of(client.get(f"/challenges/{challenge.id}/edit"))) == "2"


# --- the API ---------------------------------------------------------------------------------------------


def test_of_two_integrations_patching_one_challenge_the_second_gets_409_and_nothing_changes(
        client, make, organisation):
    first, second = (make.member(organisation, verified=True) for _ in range(2))
    challenge = make.challenge(organisation, title="Heating the homes", sdgs=(11,))
    first_headers, second_headers = bearer_for(client, first), bearer_for(client, second)
    read = client.get(f"/api/v1/challenges/{challenge.id}", headers=first_headers).get_json()["version"]

    saved = client.patch(f"/api/v1/challenges/{challenge.id}", headers=first_headers,
                         json={"title": "Warm homes", "sdgs": [1, 7], "version": read})
    refused = client.patch(f"/api/v1/challenges/{challenge.id}", headers=second_headers,
                           json={"title": "Cold flats", "sdgs": [13], "status": "paused", "version": read})

    assert (saved.status_code, saved.get_json()["version"]) == (200, read + 1)
    assert refused.status_code == 409, refused.get_data(as_text=True)
    error = refused.get_json()["error"]
    assert error["code"] == "stale_version"
    assert error["message"].startswith("Someone else changed this meanwhile.")
    after = stored(Challenge, challenge.id)
    assert (after.title, [s.number for s in after.sdgs], after.status.value) == ("Warm homes", [1, 7], "open")


def test_an_integration_patching_an_offer_with_an_old_version_gets_409_in_its_language(client, make):
    academic = make.academic(verified=True)
    offer = make.offer(academic, title="Theses on mobility", sdgs=(11,))
    headers = {**bearer_for(client, academic), "Accept-Language": "it"}
    client.patch(f"/api/v1/offers/{offer.id}", headers=headers, json={"title": "Theses on cycling", "version": 1})

    refused = client.patch(f"/api/v1/offers/{offer.id}", headers=headers,
                           json={"title": "Courses for partners", "sdgs": [9], "version": 1})

    assert refused.status_code == 409
    assert refused.get_json()["error"]["code"] == "stale_version"
    assert refused.get_json()["error"]["message"].startswith("Qualcun altro ha modificato")
    after = stored(Offer, offer.id)
    assert (after.title, [s.number for s in after.sdgs], after.version) == ("Theses on cycling", [11], 2)


def test_an_integration_patching_without_a_version_still_writes_last_wins(client, make, organisation):
    member = make.member(organisation, verified=True)
    challenge = make.challenge(organisation)
    headers = bearer_for(client, member)
    client.patch(f"/api/v1/challenges/{challenge.id}", headers=headers, json={"title": "First title", "version": 1})

    response = client.patch(f"/api/v1/challenges/{challenge.id}", headers=headers, json={"title": "Second title"})

    answer = response.get_json()
    assert (response.status_code, answer["title"], answer["version"]) == (200, "Second title", 3)


@pytest.mark.parametrize("version", ["2", 0, -1, 2.5, True, 2 ** 31])
def test_an_integration_sending_a_version_that_is_not_a_whole_number_is_told_which_field(client, make, version):
    academic = make.academic(verified=True)
    offer = make.offer(academic, title="Theses on mobility")

    response = client.patch(f"/api/v1/offers/{offer.id}", headers=bearer_for(client, academic),
                            json={"title": "Changed title", "version": version})

    assert response.status_code == 422
    assert "version" in response.get_json()["error"]["fields"]
    assert stored(Offer, offer.id).title == "Theses on mobility"


# --- the race the version check cannot see --------------------------------------------------------------


def test_a_save_racing_another_one_is_refused_by_the_update_itself_and_answers_409(app, client, make):
    """Both requests read version 1; the other one commits between this one's check and its write."""
    from matchmaker.challenges.services import update_challenge

    challenge_id = make.challenge(title="Heating the homes").id

    @app.post("/api/v1/race-test")
    def racing_save():
        challenge = db.session.get(Challenge, challenge_id)
        with db.engine.begin() as other_request:
            other_request.execute(sa.update(Challenge.__table__).where(Challenge.__table__.c.id == challenge_id)
                                  .values(title="Saved by the other request", version=2))
        update_challenge(challenge, {"title": "Saved by this request"}, version=1)
        db.session.commit()
        return {}

    response = client.post("/api/v1/race-test")

    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "stale_version"
    assert stored(Challenge, challenge_id).title == "Saved by the other request"
