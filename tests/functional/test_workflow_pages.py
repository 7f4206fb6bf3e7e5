"""The proposal pages and the API around a proposal: who sees it, who starts one, its thread, workspace and
documents, and the challenge that follows its partnerships."""
import io
import zipfile

import pytest
import sqlalchemy as sa

from matchmaker.challenges.models import Challenge, ChallengeStatus
from matchmaker.extensions import db
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.workflow.models import Proposal, ProposalDocument, ProposalMessage
from matchmaker.workflow.stages import Stage
from tests.factories import PASSWORD, PLAN
from tests.pages import text_of

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def app_settings(tmp_path):
    return {"PROPOSAL_DOCUMENTS_DIR": str(tmp_path / "documents"), "PROPOSAL_DOCUMENT_MAX_BYTES": 4096}


def sign_in(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def people_of(proposal):
    return proposal.created_by, proposal.academics[0].academic


# --- who sees a proposal ------------------------------------------------------------------------------------

def test_people_not_on_a_proposal_get_404_on_its_pages_and_in_the_api(app, client, make):
    proposal = make.proposal(Stage.FRAMING)
    outsiders = [make.member(make.organisation(status=OrganisationStatus.VERIFIED), verified=True),
                 make.academic(verified=True)]
    for outsider in outsiders:
        browser = sign_in(app, outsider)
        for path in ("", "/workspace", "/move/co_creation"):
            assert browser.get(f"/proposals/{proposal.id}{path}").status_code == 404
        assert browser.post(f"/proposals/{proposal.id}/messages", data={"body": "Hi"}).status_code == 404
        headers = make.api_headers(client, outsider)
        assert client.get(f"/api/v1/proposals/{proposal.id}", headers=headers).status_code == 404
        assert client.get(f"/api/v1/proposals/{proposal.id}/messages", headers=headers).status_code == 404
        assert client.post(f"/api/v1/proposals/{proposal.id}/transitions", headers=headers,
                           json={"to": "co_creation"}).status_code == 404
        assert client.get("/api/v1/proposals", headers=headers).get_json() == {"items": []}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalMessage)) == 1


def test_a_visitor_is_sent_to_sign_in(client, make):
    proposal = make.proposal()
    assert client.get(f"/proposals/{proposal.id}").status_code == 302


def test_the_people_on_a_proposal_and_the_coordinators_read_it(app, client, make):
    proposal = make.proposal(Stage.ACCEPTED)
    member, academic = people_of(proposal)
    for person in (member, academic, make.coordinator(verified=True)):
        page = sign_in(app, person).get(f"/proposals/{proposal.id}")
        assert page.status_code == 200 and proposal.challenge.title in page.get_data(as_text=True)
        body = client.get(f"/api/v1/proposals/{proposal.id}", headers=make.api_headers(client, person)).get_json()
        assert [e["to_stage"] for e in body["events"]] == ["proposed", "accepted"]


def test_measured_values_read_as_people_write_them_in_each_language(app, make):
    proposal = make.proposal(Stage.COMPLETED)
    member, _academic = people_of(proposal)
    english = text_of(sign_in(app, member).get(f"/proposals/{proposal.id}"))
    assert "Households reached: 120 households" in english and "120.0" not in english
    member.preferred_language = "it"
    db.session.commit()
    italian = text_of(sign_in(app, member).get(f"/proposals/{proposal.id}"))
    assert "Households reached: 120 households" in italian and "120,0" not in italian


def test_the_other_side_s_email_addresses_never_appear_on_the_proposal_page(app, make):
    proposal = make.proposal(Stage.FRAMING)
    member, academic = people_of(proposal)
    page = sign_in(app, member).get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert academic.name in page and academic.email not in page
    page = sign_in(app, academic).get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert member.name in page and member.email not in page


def test_the_list_shows_one_s_own_proposals_filtered_by_stage(app, client, make):
    framing = make.proposal(Stage.FRAMING)
    member, academic = people_of(framing)
    other = make.proposal(Stage.PROPOSED, challenge=framing.challenge, member=member)
    browser = sign_in(app, member)
    assert framing.challenge.title in browser.get("/proposals?stage=framing").get_data(as_text=True)
    headers = make.api_headers(client, member)
    ids = [p["id"] for p in client.get("/api/v1/proposals?stage=proposed", headers=headers).get_json()["items"]]
    assert ids == [other.id]
    mine = client.get("/api/v1/proposals", headers=make.api_headers(client, academic)).get_json()["items"]
    assert [p["id"] for p in mine] == [framing.id]


# --- starting ------------------------------------------------------------------------------------------------

@pytest.fixture
def open_challenge(make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    return make.challenge(organisation, author=member), member


def test_an_academic_says_i_can_help_with_a_message_and_lands_on_the_proposal(app, make, open_challenge):
    challenge, member = open_challenge
    academic = make.profile(make.academic(verified=True), expertise=["families"]).user
    browser = sign_in(app, academic)
    assert browser.get(f"/challenges/{challenge.id}/propose").status_code == 200
    response = browser.post(f"/challenges/{challenge.id}/propose", data={"message": "I study this."})
    assert response.status_code == 302
    proposal = db.session.scalars(sa.select(Proposal)).one()
    assert proposal.academic_ids == {academic.id} and proposal.proposer_side == "academic"


def test_an_organisation_member_invites_the_academic_preselected_from_the_link(app, make, open_challenge):
    challenge, member = open_challenge
    academic = make.profile(make.academic(verified=True), expertise=["families"]).user
    browser = sign_in(app, member)
    page = browser.get(f"/challenges/{challenge.id}/propose?academic={academic.id}").get_data(as_text=True)
    assert f'value="{academic.id}" checked' in page
    response = browser.post(f"/challenges/{challenge.id}/propose?academic={academic.id}",
                            data={"message": "Would you help?", "academic_ids": [str(academic.id)]})
    assert response.status_code == 302
    assert db.session.scalars(sa.select(Proposal)).one().academic_ids == {academic.id}


def test_a_proposal_without_a_message_is_refused_keeping_the_choice(app, make, open_challenge):
    challenge, _member = open_challenge
    academic = make.academic(verified=True)
    response = sign_in(app, academic).post(f"/challenges/{challenge.id}/propose", data={"message": "  "})
    assert response.status_code == 422 and "Write a message." in response.get_data(as_text=True)


def test_unconfirmed_academics_and_unverified_organisations_cannot_start_a_proposal(app, client, make):
    organisation = make.organisation()  # waiting for verification
    member = make.member(organisation, verified=True)
    challenge = make.challenge(organisation, author=member)
    page = sign_in(app, member).get(f"/challenges/{challenge.id}/propose")
    assert page.status_code == 403 and "verify" in page.get_data(as_text=True)
    open_one = make.challenge(make.organisation(status=OrganisationStatus.VERIFIED))
    unconfirmed = make.academic()
    page = sign_in(app, unconfirmed).get(f"/challenges/{open_one.id}/propose")
    assert page.status_code == 403 and "Confirm your e-mail address" in page.get_data(as_text=True)


def test_the_api_starts_a_proposal_and_answers_its_id_and_stage(client, make, open_challenge):
    challenge, member = open_challenge
    academic = make.academic(verified=True)
    response = client.post("/api/v1/proposals", headers=make.api_headers(client, member),
                           json={"challenge_id": challenge.id, "message": "Hello", "academic_ids": [academic.id]})
    assert response.status_code == 201
    assert response.get_json()["stage"] == "proposed" and response.get_json()["id"]
    refused = client.post("/api/v1/proposals", headers=make.api_headers(client, member),
                          json={"challenge_id": challenge.id, "message": "Hello"})
    assert refused.status_code == 422 and "academic_ids" in refused.get_json()["error"]["fields"]


# --- messages ------------------------------------------------------------------------------------------------

def test_people_on_a_proposal_talk_through_its_messages_on_the_page_and_in_the_api(app, client, make):
    proposal = make.proposal()
    member, academic = people_of(proposal)
    response = sign_in(app, academic).post(f"/proposals/{proposal.id}/messages", data={"body": "<b>Hi</b> there"})
    assert response.status_code == 302
    page = sign_in(app, member).get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "&lt;b&gt;Hi&lt;/b&gt; there" in page
    headers = make.api_headers(client, member)
    assert client.post(f"/api/v1/proposals/{proposal.id}/messages", headers=headers,
                       json={"body": "Thanks"}).status_code == 201
    bodies = [m["body"] for m in client.get(f"/api/v1/proposals/{proposal.id}/messages",
                                            headers=headers).get_json()["items"]]
    assert bodies == ["Would you help us with this?", "<b>Hi</b> there", "Thanks"]


# --- the workspace -------------------------------------------------------------------------------------------

def test_both_sides_edit_the_workspace_and_see_what_changed_between_two_versions(app, make):
    proposal = make.proposal(Stage.FRAMING)
    member, academic = people_of(proposal)
    sign_in(app, member).post(f"/proposals/{proposal.id}/workspace/problem_statement",
                              data={"problem_statement": "Families <do not> know.", "version": proposal.version})
    db.session.expire_all()
    version = db.session.get(Proposal, proposal.id).version
    browser = sign_in(app, academic)
    assert browser.post(f"/proposals/{proposal.id}/workspace/problem_statement",
                        data={"problem_statement": "Families know little.", "version": version}).status_code == 302
    page = browser.get(f"/proposals/{proposal.id}/workspace").get_data(as_text=True)
    assert "Families know little." in page
    first, second = _revision_ids(proposal)
    diff = browser.get(f"/proposals/{proposal.id}/workspace/diff?a={first}&b={second}").get_data(as_text=True)
    assert "Families &lt;do not&gt; know." in diff and "Families know little." in diff


def _revision_ids(proposal) -> list[int]:
    from matchmaker.workflow.models import WorkspaceRevision

    return list(db.session.scalars(sa.select(WorkspaceRevision.id).where(
        WorkspaceRevision.proposal_id == proposal.id, WorkspaceRevision.field == "problem_statement")
        .order_by(WorkspaceRevision.id)))


def test_saving_the_workspace_over_someone_else_s_newer_version_is_refused_keeping_the_text(app, make):
    proposal = make.proposal(Stage.CO_CREATION)
    member, academic = people_of(proposal)
    old = proposal.version
    sign_in(app, member).post(f"/proposals/{proposal.id}/workspace/action_plan", data={**PLAN, "version": old})
    response = sign_in(app, academic).post(f"/proposals/{proposal.id}/workspace/action_plan",
                                           data={**PLAN, "objectives": "My own objectives", "version": old})
    assert response.status_code == 409 and "My own objectives" in response.get_data(as_text=True)


def test_the_action_plan_cannot_be_edited_once_under_review(app, make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    member, _academic = people_of(proposal)
    response = sign_in(app, member).post(f"/proposals/{proposal.id}/workspace/action_plan",
                                         data={**PLAN, "objectives": "Changed", "version": proposal.version})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).action_plan["objectives"] == PLAN["objectives"]


# --- documents -----------------------------------------------------------------------------------------------

def upload(browser, proposal, name, data):
    return browser.post(f"/proposals/{proposal.id}/documents", content_type="multipart/form-data",
                        data={"file": (io.BytesIO(data), name)})


def test_a_document_is_shared_and_served_only_to_the_people_on_the_proposal(app, make):
    proposal = make.proposal(Stage.FRAMING)
    member, academic = people_of(proposal)
    assert upload(sign_in(app, member), proposal, "plan.pdf", PDF).status_code == 302
    document = db.session.scalars(sa.select(ProposalDocument)).one()
    assert len(document.storage_key) >= 40 and document.filename not in document.storage_key
    path = f"/proposals/{proposal.id}/documents/{document.id}"
    assert document.storage_key not in sign_in(app, academic).get(f"/proposals/{proposal.id}").get_data(as_text=True)
    answer = sign_in(app, academic).get(path)
    assert answer.status_code == 200 and answer.data == PDF
    assert answer.headers["Content-Disposition"].startswith("attachment")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    outsider = sign_in(app, make.academic(verified=True))
    assert outsider.get(path).status_code == 404
    assert outsider.get(f"/static/{document.storage_key}").status_code == 404
    assert outsider.get(f"/documents/{document.storage_key}").status_code == 404


def test_a_document_of_another_proposal_is_not_served_through_this_one(app, make):
    proposal = make.proposal(Stage.FRAMING)
    member, _academic = people_of(proposal)
    other = make.proposal(Stage.FRAMING)
    upload(sign_in(app, other.created_by), other, "theirs.pdf", PDF)
    document = db.session.scalars(sa.select(ProposalDocument)).one()
    assert sign_in(app, member).get(f"/proposals/{proposal.id}/documents/{document.id}").status_code == 404


@pytest.mark.parametrize(("name", "data", "message"), [
    ("big.pdf", PDF + b"0" * 5000, "This file is too large: at most 0.00390625 MB, please."),
    ("tool.exe", b"MZ\x90\x00", "Files of this type cannot be shared here."),
    ("fake.pdf", b"MZ\x90\x00 not a pdf", "This file's content is not a PDF file."),
    ("fake.docx", b"just text", "This file's content is not a DOCX file."),
])
def test_a_document_too_large_or_of_a_forbidden_type_is_refused_with_a_clear_message(app, make, name, data, message):
    proposal = make.proposal(Stage.FRAMING)
    response = upload(sign_in(app, proposal.created_by), proposal, name, data)
    assert response.status_code == 422
    assert message in text_of(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ProposalDocument)) == 0


def test_office_and_text_files_whose_content_matches_are_accepted(app, make):
    proposal = make.proposal(Stage.FRAMING)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    browser = sign_in(app, proposal.created_by)
    assert upload(browser, proposal, "plan.docx", docx.getvalue()).status_code == 302
    assert upload(browser, proposal, "notes.txt", "Note: città".encode()).status_code == 302


# --- the challenge follows -------------------------------------------------------------------------------------

def test_an_approved_proposal_puts_its_challenge_in_partnership_naming_the_academics(app, client, make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    _member, academic = people_of(proposal)
    coordinator = make.coordinator(verified=True)
    browser = sign_in(app, coordinator)
    assert browser.post(f"/proposals/{proposal.id}/move/approved",
                        data={"version": proposal.version, "confirm": "y"}).status_code == 302
    db.session.expire_all()
    challenge = db.session.get(Challenge, proposal.challenge_id)
    assert challenge.status is ChallengeStatus.IN_PARTNERSHIP
    page = client.get(f"/challenges/{challenge.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert f"In partnership with {academic.name}" in page
    db.session.expire_all()
    version = db.session.get(Proposal, proposal.id).version
    assert browser.post(f"/proposals/{proposal.id}/move/cancelled",
                        data={"version": version, "confirm": "y", "reason_code": "funding"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Challenge, proposal.challenge_id).status is ChallengeStatus.OPEN


def test_in_partnership_is_no_longer_a_manual_choice(app, client, make, open_challenge):
    challenge, member = open_challenge
    response = sign_in(app, member).post(f"/challenges/{challenge.id}/status/in_partnership")
    db.session.expire_all()
    assert db.session.get(Challenge, challenge.id).status is ChallengeStatus.OPEN
    assert response.status_code == 302
    patched = client.patch(f"/api/v1/challenges/{challenge.id}", headers=make.api_headers(client, member),
                           json={"status": "in_partnership"})
    assert patched.status_code == 422


# --- help ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "label"), [("en", "Under review"), ("it", "In valutazione")])
def test_the_help_page_shows_the_stages_diagram_and_table_in_the_reader_s_language(client, language, label):
    page = client.get("/help", headers={"Accept-Language": language}).get_data(as_text=True)
    assert "<svg" in page and "<title id=\"stage-diagram-title\">" in page and "<script>" not in page
    assert page.count(label) >= 2  # in the diagram and in the table
