"""The register of initiatives through its pages: who registers, edits, approves, hides and merges them, what the
public sees, and how bad input is refused with nothing written."""
import io
import re

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.initiatives.models import (
    CurationAction,
    Initiative,
    InitiativeCuration,
    InitiativeImage,
    InitiativePerson,
    InitiativeStatus,
    ReviewState,
)
from matchmaker.notifications.models import OutboxMessage
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.reference.models import Scale
from matchmaker.types import utcnow

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def app_settings(tmp_path):
    return {"INITIATIVE_IMAGES_DIR": str(tmp_path / "images"), "INITIATIVE_IMAGE_MAX_BYTES": 4096}


def form(**changes) -> dict:
    data = {"title": "Energy help desk in Barriera", "summary": "Students help families read their bills.",
            "description": "Every Thursday.", "partner_story": "It changed our winter.", "kind": "service_learning",
            "status": "running", "place": "Barriera di Milano", "reach": "neighbourhood",
            "starts_on": "2025-02-01", "ends_on": "2026-06-30", "progress": "40", "sdgs": ["7", "11"],
            "departments": ["DENERG"], "lead_emails": "", "other_people": "Maria Rossi",
            "partner_names": "Comitato Barriera", "milestones-0-title": "First desk open",
            "milestones-0-due_on": "2025-03-01", "milestones-0-done": "y",
            "links-0-label": "Report", "links-0-url": "https://example.org/report"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def count(model=Initiative) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# --- registering and reviewing -----------------------------------------------------------------------------

def test_an_academic_registers_an_initiative_that_waits_for_review_before_the_public_sees_it(client, make, login):
    academic = make.academic(verified=True)
    login(academic)
    response = client.post("/initiatives/new", data=form())
    assert response.status_code == 302
    initiative = db.session.scalar(sa.select(Initiative))
    assert initiative.review is ReviewState.PENDING
    assert initiative.lead_ids == {academic.id} and initiative.created_by_id == academic.id
    assert [m.title for m in initiative.milestones] == ["First desk open"] and initiative.milestones[0].done
    assert [(link.label, link.url) for link in initiative.links] == [("Report", "https://example.org/report")]
    assert [p.display_name for p in initiative.partners] == ["Comitato Barriera"]
    assert client.get(f"/initiatives/{initiative.id}").status_code == 200  # its lead sees it

    client.post("/logout")
    assert client.get(f"/initiatives/{initiative.id}").status_code == 404
    assert "Energy help desk" not in client.get("/initiatives/").get_data(as_text=True)


def test_a_coordinator_approves_an_initiative_and_the_approval_is_recorded(client, make, login):
    initiative = make.initiative(approved=False, title="Repair café with students")
    coordinator = make.coordinator(verified=True)
    login(coordinator)
    assert "Repair café with students" in client.get("/initiatives/").get_data(as_text=True)
    assert client.post(f"/initiatives/{initiative.id}/approve").status_code == 302
    client.post("/logout")
    page = client.get(f"/initiatives/{initiative.id}")
    assert page.status_code == 200 and "Repair café with students" in page.get_data(as_text=True)
    record = db.session.scalar(sa.select(InitiativeCuration))
    assert (record.action, record.actor_id, record.initiative_id) == (CurationAction.APPROVE, coordinator.id,
                                                                      initiative.id)


def test_an_academic_cannot_approve_their_own_initiative(client, make, login):
    academic = make.academic(verified=True)
    initiative = make.initiative(academic, approved=False)
    login(academic)
    assert client.post(f"/initiatives/{initiative.id}/approve").status_code == 403
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).review is ReviewState.PENDING


def test_an_unconfirmed_academic_or_an_organisation_member_cannot_register_one(client, make, login):
    login(make.academic())
    assert client.post("/initiatives/new", data=form()).status_code == 403
    client.post("/logout")
    login(make.member(verified=True))
    assert client.post("/initiatives/new", data=form()).status_code == 403
    assert count() == 0


def test_a_visitor_is_asked_to_sign_in_to_register(client):
    response = client.get("/initiatives/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


# --- editing ---------------------------------------------------------------------------------------------

def test_a_lead_named_by_address_may_edit_and_another_academic_may_not(client, make, login):
    creator = make.academic(verified=True)
    colead = make.academic(verified=True)
    stranger = make.academic(verified=True)
    login(creator)
    client.post("/initiatives/new", data=form(lead_emails=colead.email.upper()))
    initiative = db.session.scalar(sa.select(Initiative))
    assert initiative.lead_ids == {creator.id, colead.id}
    client.post("/logout")

    login(stranger)
    assert client.get(f"/initiatives/{initiative.id}/edit").status_code == 404  # pending: not even seen
    client.post("/logout")
    login(colead)
    response = client.post(f"/initiatives/{initiative.id}/edit",
                           data=form(title="Energy help desk, second year", lead_emails=colead.email))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).title == "Energy help desk, second year"


def test_an_academic_may_not_edit_a_public_initiative_they_do_not_lead(client, make, login):
    initiative = make.initiative()
    login(make.academic(verified=True))
    assert client.get(f"/initiatives/{initiative.id}").status_code == 200
    assert client.post(f"/initiatives/{initiative.id}/edit", data=form(title="Taken over")).status_code == 403
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).title != "Taken over"


def test_a_coordinator_may_edit_any_initiative(client, make, login):
    initiative = make.initiative()
    login(make.coordinator(verified=True))
    response = client.post(f"/initiatives/{initiative.id}/edit", data=form(title="Curated title of it"))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).title == "Curated title of it"


# --- bad input -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("changes", "message"), [
    ({"starts_on": "2026-05-01", "ends_on": "2026-04-30"}, "The end date must be the start date or later."),
    ({"ends_on": "2026-02-30"}, "Not a valid date value"),
    ({"status": "concluded", "ends_on": ""}, "Say when a concluded initiative ended."),
    ({"links-0-url": "javascript:alert(1)"}, "Link 1: give a web address starting with http:// or https://."),
    ({"links-0-url": "ftp://example.org/x"}, "Link 1: give a web address starting with http:// or https://."),
    ({"milestones-1-title": "Half a milestone"}, "Milestone 2:"),
    ({"progress": "140"}, "Give a number from 0 to 100."),
    ({"title": "T" * 151}, "Use at most 150 characters"),
    ({"title": "Bad\x07title here"}, "invisible control character"),
    ({"summary": ""}, "This field is required."),
    ({"kind": "magic"}, "Choose one of the options"),
    ({"sdgs": ["18"]}, "is not a Sustainable Development Goal"),
    ({"departments": ["NOPE"]}, "Choose departments from the list."),
    ({"organisation_ids": ["99999"]}, "Choose organisations from the list."),
    ({"lead_emails": "nobody@polito.it"}, "No confirmed academic has the address nobody@polito.it"),
])
@pytest.mark.one_database
def test_bad_input_is_refused_with_a_message_keeping_what_was_typed_and_writing_nothing(client, make, login, changes,
                                                                                       message):
    login(make.academic(verified=True))
    response = client.post("/initiatives/new", data=form(**changes))
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in body.replace("&#39;", "'")
    assert "Barriera di Milano" in body and "Maria Rossi" in body  # what was typed is still in the form
    assert count() == 0 and count(InitiativePerson) == 0


@pytest.mark.one_database
def test_an_unverified_organisation_cannot_be_named_as_a_registered_partner(client, make, login):
    pending = make.organisation(status=OrganisationStatus.PENDING)
    verified = make.organisation(status=OrganisationStatus.VERIFIED)
    login(make.academic(verified=True))
    assert client.post("/initiatives/new", data=form(organisation_ids=[str(pending.id)])).status_code == 422
    assert client.post("/initiatives/new", data=form(organisation_ids=[str(verified.id)])).status_code == 302
    assert [p.organisation_id for p in db.session.scalar(sa.select(Initiative)).partners[:1]] == [verified.id]


def test_user_text_is_escaped_on_the_page(client, make, login):
    login(make.academic(verified=True))
    client.post("/initiatives/new", data=form(title="<script>alert(1)</script> desk",
                                              other_people="<img src=x onerror=alert(1)>"))
    initiative = db.session.scalar(sa.select(Initiative))
    body = client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in body and "<img src=x" not in body


# --- hiding and merging ----------------------------------------------------------------------------------

def test_a_coordinator_hides_an_initiative_with_a_reason_and_the_public_no_longer_sees_it(client, make, login):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead, title="Community garden mapping")
    coordinator = make.coordinator(verified=True)
    login(coordinator)
    refused = client.post(f"/initiatives/{initiative.id}/hide", data={"reason": "", "confirm": "y"})
    assert refused.status_code == 422 and "Say why" in refused.get_data(as_text=True)
    assert client.post(f"/initiatives/{initiative.id}/hide",
                       data={"reason": "Partner asked to withdraw it", "confirm": "y"}).status_code == 302
    client.post("/logout")
    assert client.get(f"/initiatives/{initiative.id}").status_code == 404
    assert "Community garden mapping" not in client.get("/initiatives/").get_data(as_text=True)
    record = db.session.scalar(sa.select(InitiativeCuration))
    assert (record.action, record.reason, record.actor_id) == (CurationAction.HIDE, "Partner asked to withdraw it",
                                                               coordinator.id)
    told = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == lead.email))
    assert told is not None and "Partner asked to withdraw it" in told.body


def test_a_lead_cannot_hide_or_merge(client, make, login):
    academic = make.academic(verified=True)
    initiative, other = make.initiative(academic), make.initiative(academic)
    login(academic)
    assert client.post(f"/initiatives/{initiative.id}/hide", data={"reason": "x", "confirm": "y"}).status_code == 403
    assert client.post(f"/initiatives/{initiative.id}/merge",
                       data={"keep": str(other.id), "confirm": "y"}).status_code == 403
    assert count(InitiativeCuration) == 0


def test_a_coordinator_merges_a_duplicate_whose_page_then_leads_to_the_one_kept(client, make, login):
    kept, duplicate = make.initiative(title="Air quality with schools"), make.initiative(title="Air quality (dup)")
    coordinator = make.coordinator(verified=True)
    login(coordinator)
    response = client.post(f"/initiatives/{duplicate.id}/merge",
                           data={"keep": f"#{kept.id}", "reason": "Registered twice", "confirm": "y"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/initiatives/{kept.id}")
    client.post("/logout")
    moved = client.get(f"/initiatives/{duplicate.id}")
    assert moved.status_code == 301 and moved.headers["Location"].endswith(f"/initiatives/{kept.id}")
    listed = client.get("/initiatives/").get_data(as_text=True)
    assert "Air quality with schools" in listed and "Air quality (dup)" not in listed
    db.session.expire_all()
    merged = db.session.get(Initiative, duplicate.id)
    assert merged.merged_into_id == kept.id and merged.hidden_reason.startswith(f"Merged into #{kept.id}.")
    record = db.session.scalar(sa.select(InitiativeCuration))
    assert (record.action, record.merged_into_id, record.reason) == (CurationAction.MERGE, kept.id,
                                                                     "Registered twice")


@pytest.mark.one_database
@pytest.mark.parametrize("keep", ["self", "99999", "abc", "9" * 30, ""])
def test_merging_into_itself_or_into_nothing_is_refused_and_changes_nothing(client, make, login, keep):
    initiative = make.initiative()
    login(make.coordinator(verified=True))
    response = client.post(f"/initiatives/{initiative.id}/merge",
                           data={"keep": str(initiative.id) if keep == "self" else keep, "confirm": "y"})
    assert response.status_code == 422
    db.session.expire_all()
    assert db.session.get(Initiative, initiative.id).merged_into_id is None and count(InitiativeCuration) == 0


def test_merging_without_confirming_does_nothing(client, make, login):
    kept, duplicate = make.initiative(), make.initiative()
    login(make.coordinator(verified=True))
    assert client.post(f"/initiatives/{duplicate.id}/merge", data={"keep": str(kept.id)}).status_code == 422
    db.session.expire_all()
    assert db.session.get(Initiative, duplicate.id).merged_into_id is None


# --- pictures --------------------------------------------------------------------------------------------

def test_a_lead_adds_a_picture_with_alt_text_that_the_public_sees(client, make, login):
    academic = make.academic(verified=True)
    initiative = make.initiative(academic)
    login(academic)
    response = client.post(f"/initiatives/{initiative.id}/images", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(PNG), "desk.png"),
                                 "alt_text": "Students and residents at the desk"})
    assert response.status_code == 302
    client.post("/logout")
    page = client.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert 'alt="Students and residents at the desk"' in page
    src = re.search(r'src="(/initiatives/\d+/images/\d+)"', page).group(1)
    picture = client.get(src)
    assert picture.status_code == 200 and picture.mimetype == "image/png" and picture.data == PNG
    assert picture.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.one_database
@pytest.mark.parametrize(("name", "data", "alt", "message"), [
    ("desk.png", PNG, "", "Describe the picture for people who cannot see it."),
    ("desk.png", b"MZ\x90\x00 not an image", "A desk", "This file is not a PNG, JPEG or WebP picture."),
    ("desk.svg", b"<svg onload='alert(1)'/>", "A desk", "This file is not a PNG, JPEG or WebP picture."),
    ("desk.jpg", PNG, "A desk", "This file is not a PNG, JPEG or WebP picture."),
    ("desk.png", PNG + b"\x00" * 5000, "A desk", "This picture is too large"),
    ("desk.png", b"", "A desk", "Choose a picture to upload."),
])
def test_a_picture_that_is_not_one_or_lacks_alt_text_is_refused(client, make, login, name, data, alt, message):
    academic = make.academic(verified=True)
    initiative = make.initiative(academic)
    login(academic)
    response = client.post(f"/initiatives/{initiative.id}/images", content_type="multipart/form-data",
                           data={"file": (io.BytesIO(data), name), "alt_text": alt})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert count(InitiativeImage) == 0


def test_the_picture_of_a_pending_initiative_is_not_served_to_the_public(client, make, login):
    academic = make.academic(verified=True)
    initiative = make.initiative(academic, approved=False)
    login(academic)
    client.post(f"/initiatives/{initiative.id}/images", content_type="multipart/form-data",
                data={"file": (io.BytesIO(PNG), "desk.png"), "alt_text": "The desk"})
    image_id = db.session.scalar(sa.select(InitiativeImage.id))
    assert client.get(f"/initiatives/{initiative.id}/images/{image_id}").status_code == 200
    client.post("/logout")
    assert client.get(f"/initiatives/{initiative.id}/images/{image_id}").status_code == 404
    other = make.initiative()
    assert client.get(f"/initiatives/{other.id}/images/{image_id}").status_code == 404  # not its picture


# --- the public showcase ---------------------------------------------------------------------------------

def test_the_list_filters_by_sdg_department_status_and_reach(client, make):
    make.initiative(title="Housing retrofit with tenants", sdgs=(7,), departments=("DENERG",),
                    status=InitiativeStatus.CONCLUDED, reach=Scale.CITY)
    make.initiative(title="School air sensors project", sdgs=(3, 4), departments=("DIST",),
                    status=InitiativeStatus.RUNNING, reach=Scale.NEIGHBOURHOOD)

    def titles(query: str) -> set[str]:
        body = client.get(f"/initiatives/?{query}").get_data(as_text=True)
        return {title for title in ("Housing retrofit with tenants", "School air sensors project") if title in body}

    assert titles("") == {"Housing retrofit with tenants", "School air sensors project"}
    assert titles("sdg=7") == {"Housing retrofit with tenants"}
    assert titles("department=dist") == {"School air sensors project"}
    assert titles("status=concluded") == {"Housing retrofit with tenants"}
    assert titles("reach=neighbourhood") == {"School air sensors project"}
    searched = client.get("/initiatives/?q=sensors").get_data(as_text=True)  # the words found are marked
    assert "School air" in searched and "Housing retrofit" not in searched


@pytest.mark.one_database
@pytest.mark.parametrize("query", ["status=magic", "reach=planet", "sdg=18", "sort=x", "kind=nope"])
def test_a_filter_that_cannot_be_understood_is_answered_422(client, query):
    assert client.get(f"/initiatives/?{query}").status_code == 422


def test_the_page_names_its_leads_but_not_other_account_holders_outside_the_directory(client, make):
    lead = make.academic(verified=True, name="Giulia Lead")
    unlisted = make.profile(make.academic(verified=True, name="Paolo Private"), directory_opt_in=False).user
    listed = make.profile(make.academic(verified=True, name="Anna Listed"), directory_opt_in=True).user
    initiative = make.initiative(lead)
    db.session.add_all([InitiativePerson(initiative_id=initiative.id, user_id=unlisted.id, position=1),
                        InitiativePerson(initiative_id=initiative.id, user_id=listed.id, position=2),
                        InitiativePerson(initiative_id=initiative.id, name="Luca Volunteer", position=3)])
    db.session.commit()
    body = client.get(f"/initiatives/{initiative.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Giulia Lead" in body and "Anna Listed" in body and "Luca Volunteer" in body
    assert "Paolo Private" not in body and "and 1 more person" in body


def test_a_coordinator_sees_pending_and_hidden_initiatives_in_the_list(client, make, login):
    make.initiative(title="Pending one to review", approved=False)
    hidden = make.initiative(title="Hidden one for now")
    hidden.hidden_at, hidden.hidden_reason = utcnow(), "check"
    db.session.commit()
    assert "Pending one to review" not in client.get("/initiatives/").get_data(as_text=True)
    login(make.coordinator(verified=True))
    body = client.get("/initiatives/").get_data(as_text=True)
    assert "Pending one to review" in body and "Hidden one for now" in body
    assert "Hidden one for now" not in client.get("/initiatives/?review=pending").get_data(as_text=True)


def test_only_coordinators_can_filter_the_register_by_review_state(client, make, login):
    lead = make.academic(verified=True)
    make.initiative(lead, title="My initiative waiting for review", approved=False)
    login(lead)
    body = client.get("/initiatives/?review=approved").get_data(as_text=True)
    assert "My initiative waiting for review" in body  # the filter is not theirs: it is left out, not applied


@pytest.mark.one_database
def test_the_register_speaks_italian(client, make):
    make.initiative(title="Sportello energia a Falchera")
    body = client.get("/initiatives/", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Che cosa fa l’università per la società" in body and "Filtra le iniziative" in body
