"""Privileges that match what was confirmed: an unconfirmed address, a suspended organisation, the choice of being
suggested to organisations. Through the pages and the API, as people meet them."""
import re

import pytest
import sqlalchemy as sa

from matchmaker.academics.models import AcademicProfile
from matchmaker.auth.models import User
from matchmaker.extensions import db
from matchmaker.matching import services as matching
from matchmaker.matching.models import Match
from matchmaker.orgs import services as org_services
from matchmaker.orgs.models import OrganisationStatus
from tests.integration.test_matching_services import ENERGY, energy_expert
from tests.pages import text_of

RESEND_BUTTON = 'action="/verify-email/resend"'


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url, headers={"Accept-Language": "en"})
    assert response.status_code == status, response.get_data(as_text=True)[:800]
    return response.get_data(as_text=True)


def api_ids(client, url: str, headers: dict | None = None) -> set[int]:
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, response.get_json()
    return {item["id"] for item in response.get_json()["items"]}


@pytest.fixture
def organisation(make):
    return make.organisation(name="Casa del Quartiere", status=OrganisationStatus.VERIFIED)


@pytest.fixture
def member(make, organisation):
    return make.member(organisation, name="Giorgio Bassi", verified=True)


@pytest.fixture
def energy_challenge(make, organisation, member):
    return make.challenge(organisation, author=member, **ENERGY)


# --- an address not confirmed yet ----------------------------------------------------------------------------

def test_an_academic_is_suggested_only_once_they_confirm_the_address_they_registered_with(
        client, make, login, member, energy_challenge, mailbox):
    client.post("/register/academic", data={
        "name": "Ada Energia", "email": "ada.energia@polito.it", "password": "a long enough password",
        "confirm": "a long enough password", "language": "en", "department": "DENERG",
        "suggest_to_organisations": "y"})
    # Registration signs nobody in (it answers alike for a taken address): Ada signs in before confirming.
    client.post("/login", data={"email": "ada.energia@polito.it", "password": "a long enough password"})
    client.post("/profile", data={"department": "DENERG", "academic_role": "", "capacity_per_semester": "2",
                                  "available": "y",
                                  "suggest_to_organisations": "y",
                                  "expertise": "energy efficiency, energy poverty, heating systems",
                                  "biography": "I study energy efficiency and energy poverty in social housing."})
    client.post("/logout")
    ada = db.session.scalar(sa.select(User).where(User.email == "ada.energia@polito.it"))
    matching.recompute_all()
    db.session.commit()
    headers = make.api_headers(client, member)
    matches = f"/api/v1/challenges/{energy_challenge.id}/matches?type=academics"

    assert ada.id not in api_ids(client, matches, headers)

    confirmed = client.post(mailbox.link(ada.email, "/verify-email/"))

    assert confirmed.status_code == 302
    assert ada.id in api_ids(client, matches, headers)


def test_an_unconfirmed_academic_reads_no_challenge_for_them_but_is_told_why_and_can_resend_the_link(
        client, make, login, energy_challenge):
    expert = energy_expert(make)
    expert.email_verified_at = None
    db.session.commit()
    matching.recompute_all()
    db.session.commit()
    login(expert)

    for url in ("/matching/for-you", "/profile", "/offers/mine", "/account"):
        page = html(client, url)
        assert "Confirm your e-mail address" in page, url
        assert RESEND_BUTTON in page, url
    assert ENERGY["title"] not in html(client, "/matching/for-you")
    assert 'href="/offers/new"' not in html(client, "/offers/mine")

    sent = client.post("/verify-email/resend", headers={"Accept-Language": "en"}, follow_redirects=True)
    assert f"We sent a new confirmation link to {expert.email}." in text_of(sent)


def test_an_unconfirmed_member_writes_a_draft_and_is_told_publishing_waits_for_the_confirmation(
        client, make, login, organisation):
    newcomer = make.member(organisation, name="Nina Nuova", verified=False)
    login(newcomer)

    saved = client.post("/challenges/new", data={
        "title": "Orti condivisi", "summary": "We need help to plan shared gardens.", "kind": "research_action",
        "scale": "city", "visibility": "public"}, headers={"Accept-Language": "en"})
    assert saved.status_code == 302
    path = saved.location
    page = html(client, path)
    assert "Confirm your e-mail address to publish this challenge" in page and RESEND_BUTTON in page
    assert f'action="{path}/status/open"' not in page
    assert f'href="{path}/edit"' in page  # drafting is harmless
    mine = html(client, "/challenges/mine")
    assert "Confirm your e-mail address to publish" in mine and RESEND_BUTTON in mine

    refused = client.post(f"{path}/status/open", headers={"Accept-Language": "en"})

    assert refused.status_code == 403
    assert "Confirm your e-mail address first" in text_of(refused)
    assert RESEND_BUTTON in refused.get_data(as_text=True)


# --- a suspended or rejected organisation ---------------------------------------------------------------------

def test_a_suspended_organisation_s_challenge_leaves_every_public_place_and_comes_back_once_verified_again(
        client, make, member, organisation, energy_challenge):
    expert = energy_expert(make)
    matching.recompute_all()
    db.session.commit()
    coordinator = make.api_headers(client, make.coordinator(verified=True))
    academic = make.api_headers(client, expert)
    challenge_id = energy_challenge.id

    def shown_everywhere() -> dict[str, bool]:
        return {
            "detail": client.get(f"/challenges/{challenge_id}").status_code == 200,
            "list": f'id="challenge-{challenge_id}"' in html(client, "/challenges/"),
            "search": f'id="challenge-{challenge_id}"' in html(client, "/challenges/?q=energy+poverty"),
            "home": ENERGY["title"] in html(client, "/"),
            "api": challenge_id in api_ids(client, "/api/v1/challenges"),
            "api_detail": client.get(f"/api/v1/challenges/{challenge_id}").status_code == 200,
            "for_the_academic": challenge_id in api_ids(client, f"/api/v1/academics/{expert.id}/matches", academic),
            "stored_matches": bool(db.session.scalar(sa.select(sa.func.count()).select_from(Match)
                                                     .where(Match.challenge_id == challenge_id))),
        }

    assert all(shown_everywhere().values()), shown_everywhere()

    suspended = client.post(f"/api/v1/organisations/{organisation.id}/verification", headers=coordinator,
                            json={"status": "suspended", "reason": "Complaints about the use of the data."})
    assert suspended.status_code == 200
    assert not any(shown_everywhere().values()), shown_everywhere()

    verified = client.post(f"/api/v1/organisations/{organisation.id}/verification", headers=coordinator,
                           json={"status": "verified"})
    assert verified.status_code == 200
    assert all(shown_everywhere().values()), shown_everywhere()


@pytest.mark.parametrize("status", [OrganisationStatus.SUSPENDED, OrganisationStatus.REJECTED])
def test_members_of_a_stopped_organisation_read_their_challenge_with_the_reason_and_change_nothing(
        client, make, login, member, organisation, energy_challenge, status):
    organisation.status, organisation.status_reason = status, "Complaints about the use of the data."
    db.session.commit()
    login(member)
    path = f"/challenges/{energy_challenge.id}"

    page = html(client, path)

    assert "Complaints about the use of the data." in page
    assert f'href="{path}/edit"' not in page and f'{path}/status/' not in page
    assert "Academics and offers that fit" not in page
    refused = client.post(f"{path}/edit", data={"title": "Changed title", "summary": "A summary long enough to keep.",
                                                "kind": "research_action",
                                                "scale": "city", "visibility": "public"})
    assert refused.status_code == 403
    db.session.refresh(energy_challenge)
    assert energy_challenge.title == ENERGY["title"]


def test_a_coordinator_still_sees_a_suspended_organisation_s_challenge_marked_as_such(
        client, make, login, organisation, energy_challenge):
    organisation.status = OrganisationStatus.SUSPENDED
    db.session.commit()
    login(make.coordinator(verified=True))

    assert "Organisation: Suspended" in html(client, f"/challenges/{energy_challenge.id}")
    assert f'id="challenge-{energy_challenge.id}"' in html(client, "/challenges/")


def test_a_suspended_organisation_s_challenge_is_not_offered_as_similar_to_another_s_draft(
        make, organisation, energy_challenge):
    other = make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True)
    matching.recompute_all()
    db.session.commit()
    draft = matching.challenge_text_fields(ENERGY["title"], ENERGY["keywords"], ENERGY["summary"],
                                           ENERGY["description"], "")
    assert [c.id for c, _score in matching.similar_challenges(draft, other)] == [energy_challenge.id]

    org_services.decide_organisation(organisation, OrganisationStatus.SUSPENDED, make.coordinator(verified=True),
                                     "Complaints about the use of the data.")
    db.session.commit()

    assert matching.similar_challenges(draft, other) == []


# --- the choice of being suggested ----------------------------------------------------------------------------

def test_registration_asks_academics_plainly_whether_to_be_suggested_and_the_answer_is_yes_by_default(client):
    form = html(client, "/register/academic")
    box = re.search(r'<input[^>]*name="suggest_to_organisations"[^>]*>', form)
    assert box and "checked" in box.group(0)
    assert "Suggest me to organisations whose challenges fit my expertise" in form

    for email, ticked in (("yes.please@polito.it", "y"), ("no.thanks@polito.it", None)):
        data = {"name": "Someone", "email": email, "password": "a long enough password",
                "confirm": "a long enough password", "language": "en", "department": "DIST"}
        if ticked:
            data["suggest_to_organisations"] = ticked
        assert client.post("/register/academic", data=data).status_code == 302
        client.post("/logout")
    profiles = dict(db.session.execute(sa.select(User.email, AcademicProfile.suggest_to_organisations)
                                       .join(AcademicProfile)).all())
    assert profiles == {"yes.please@polito.it": True, "no.thanks@polito.it": False}


def test_an_academic_who_declines_is_no_longer_shown_to_the_organisation_but_still_sees_challenges_for_them(
        client, make, login, member, energy_challenge):
    expert = energy_expert(make)
    offer = make.offer(expert, title="Energy audits of social housing buildings", sdgs=(7,),
                       description="Students measure heating and insulation to cut the energy bills of families.")
    matching.recompute_all()
    db.session.commit()
    headers = make.api_headers(client, member)
    base = f"/api/v1/challenges/{energy_challenge.id}/matches"
    assert expert.id in api_ids(client, f"{base}?type=academics", headers)
    login(expert)
    profile_page = html(client, "/profile")
    assert "Suggest me to organisations" in profile_page and "Show my profile in the public directory" in profile_page

    saved = client.post("/profile", data={"department": "DENERG", "academic_role": "", "capacity_per_semester": "2",
                                          "available": "y",
                                          "expertise": ", ".join(expert.academic_profile.expertise),
                                          "biography": expert.academic_profile.biography})

    assert saved.status_code == 302
    assert expert.id not in api_ids(client, f"{base}?type=academics", headers)
    assert offer.id not in api_ids(client, f"{base}?type=offers", headers)
    assert expert.id not in api_ids(client, f"/api/v1/challenges/{energy_challenge.id}/team", headers)
    assert ENERGY["title"] in html(client, "/matching/for-you")  # their own suggestions keep working
    client.post("/logout")
    login(member)
    assert expert.name not in html(client, f"/challenges/{energy_challenge.id}")


def test_a_declined_academic_is_never_in_a_team_shown_to_an_organisation(make, member, energy_challenge):
    expert = energy_expert(make)
    sociologist = make.academic("DIST", name="Sara Housing", verified=True)
    make.profile(sociologist, expertise=["social housing", "families", "barriera di milano"],
                 biography="I study social housing policies and families of Barriera di Milano.")
    matching.recompute_all()
    db.session.commit()
    team = matching.team_for_challenge(energy_challenge, member)
    if team is None:
        pytest.skip("the engine's current settings form no team for this data")
    declined = team.members[0].academic
    declined.academic_profile.suggest_to_organisations = False
    db.session.commit()

    for viewer in (member, None):
        shown = matching.team_for_challenge(energy_challenge, viewer)
        assert shown is None or declined.id not in [m.academic.id for m in shown.members]
    assert {expert.id, sociologist.id} >= {m.academic.id for m in team.members}


def test_demo_academics_include_some_who_declined_to_be_suggested(app):
    from matchmaker.demo import load_demo_content, seed_demo

    seed_demo()
    db.session.commit()
    declined = {entry["email"] for entry in load_demo_content().academics if not entry["suggest_to_organisations"]}
    stored = set(db.session.scalars(sa.select(User.email).join(AcademicProfile).where(
        AcademicProfile.suggest_to_organisations.is_(False))))
    assert declined and stored == declined
