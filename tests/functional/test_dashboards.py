"""The dashboards: after signing in each person lands on what waits for them, sees their own things and nobody
else's; coordinators review one proposal on one page and keep notes nobody else reads."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from matchmaker.challenges.models import ChallengeStatus
from matchmaker.dashboards.models import CoordinatorNote
from matchmaker.extensions import db
from matchmaker.matching.models import Match, MatchTarget
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.types import utcnow
from matchmaker.workflow.stages import Stage
from tests.factories import PASSWORD
from tests.pages import text_of


def sign_in(app, user):
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def store_match(challenge, academic, score):
    db.session.add(Match(challenge_id=challenge.id, target_type=MatchTarget.ACADEMIC, academic_id=academic.id,
                         score=score, components={}, shared_terms=[], shared_sdgs=[], reasons=[], supporting=[]))
    db.session.commit()


def suggestions_of(challenge) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Match).where(Match.challenge_id == challenge.id))


# --- landing ------------------------------------------------------------------------------------------------

def test_signing_in_lands_on_the_dashboard(client, make):
    user = make.user(verified=True)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.location == "/dashboard"
    assert client.get("/dashboard").status_code == 200


def test_signing_in_still_goes_where_next_asked(client, make):
    user = make.user(verified=True)
    response = client.post("/login", query_string={"next": "/proposals"},
                           data={"email": user.email, "password": PASSWORD})
    assert response.location == "/proposals"


def test_a_visitor_is_sent_to_sign_in_from_the_dashboard(client):
    response = client.get("/dashboard")
    assert response.status_code == 302 and "/login" in response.location


# --- organisation members -----------------------------------------------------------------------------------

def test_a_member_sees_their_challenges_with_counts_and_the_proposals_waiting_for_them(app, make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    challenge = make.challenge(organisation, author=member)
    academic_started = make.proposal(challenge=challenge, member=member, proposer_side="academic")
    store_match(challenge, make.academic(verified=True), 72.5)
    page = text_of(sign_in(app, member).get("/dashboard"))

    assert challenge.title in page
    table = page.split("Your challenges, with their suggestions and proposals", 1)[1]
    row = table.split(challenge.title, 1)[1].split("</tr>", 1)[0]
    counts = [cell.strip() for cell in row.split('<td class="text-end">')[1:]]
    assert [c.split("<")[0] for c in counts] == [str(suggestions_of(challenge)), "1"]
    waiting = page.split("Proposals waiting for your answer", 1)[1].split("Your challenges", 1)[0]
    assert f"/proposals/{academic_started.id}" in waiting


def test_a_proposal_waiting_for_the_other_side_is_not_listed_as_waiting_for_the_member(app, make):
    invited = make.proposal()  # the organisation invited: the academic is awaited
    page = text_of(sign_in(app, invited.created_by).get("/dashboard"))
    waiting = page.split("Proposals waiting for your answer", 1)[1].split("Your challenges", 1)[0]
    assert f"/proposals/{invited.id}" not in waiting
    assert "No proposal is waiting for your answer." in waiting


def test_a_member_never_sees_another_organisation_s_challenges_or_proposals(app, make):
    mine = make.proposal(Stage.FRAMING)
    theirs = make.proposal(Stage.FRAMING)
    page = text_of(sign_in(app, mine.created_by).get("/dashboard"))
    assert mine.challenge.title in page
    assert theirs.challenge.title not in page and f"/proposals/{theirs.id}" not in page


def test_a_pending_organisation_is_told_plainly_and_asked_for_its_first_challenge(app, make):
    organisation = make.organisation(name="Cooperativa Attesa")
    member = make.member(organisation, verified=True)
    page = text_of(sign_in(app, member).get("/dashboard"))
    assert "Cooperativa Attesa is waiting for verification by a coordinator." in page
    assert "Publish your first challenge" in page and 'href="/challenges/new"' in page


def test_a_verified_organisation_with_a_draft_is_asked_to_publish_it(app, make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    draft = make.challenge(organisation, author=member, status=ChallengeStatus.DRAFT)
    page = text_of(sign_in(app, member).get("/dashboard"))
    assert "waiting for verification" not in page
    assert "You have a draft challenge" in page and f"/challenges/{draft.id}/edit" in page


# --- academics ----------------------------------------------------------------------------------------------

def test_an_academic_sees_invitations_their_proposals_by_stage_and_challenges_for_them(app, make):
    invitation = make.proposal()
    academic = invitation.academics[0].academic
    framing = make.proposal(Stage.FRAMING, academic=academic)
    someone_else_s = make.proposal()
    page = text_of(sign_in(app, academic).get("/dashboard"))

    invitations = page.split("<h3 class=\"h5 mt-3\">Invitations</h3>", 1)[1].split("Your proposals", 1)[0]
    assert f"/proposals/{invitation.id}" in invitations and f"/proposals/{framing.id}" not in invitations
    proposals = page.split("Your proposals", 1)[1].split("Challenges for you", 1)[0]
    assert "Framing" in proposals and f"/proposals/{framing.id}" in proposals
    assert f"/proposals/{someone_else_s.id}" not in page


def test_an_academic_s_challenges_for_them_are_their_best_five_stored_matches(app, make):
    academic = make.profile(make.academic(verified=True), biography="Energy communities.",
                            expertise=["energy"]).user
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    challenges = [make.challenge(organisation, title=f"Need number {n}") for n in range(7)]
    db.session.execute(sa.delete(Match).where(Match.academic_id == academic.id))
    for n, challenge in enumerate(challenges):
        store_match(challenge, academic, 30.0 + 10 * n)
    page = text_of(sign_in(app, academic).get("/dashboard"))
    shown = page.split("Challenges for you</h3>", 1)[1].split("</ol>", 1)[0]
    assert [c.title for c in challenges if c.title in shown] == [c.title for c in challenges[2:]]
    assert shown.index("Need number 6") < shown.index("Need number 2")


def test_an_academic_sees_how_complete_their_profile_is_and_what_is_missing(app, make):
    academic = make.academic(verified=True)
    page = text_of(sign_in(app, academic).get("/dashboard"))
    assert "Your profile is 14% complete." in page  # the department only, of seven parts
    assert '<a href="/profile#biography">a short biography</a>' in page
    make.profile(academic, biography="Urban studies.", expertise=["housing"])
    page = text_of(sign_in(app, academic).get("/dashboard"))
    assert "Your profile is 43% complete." in page
    assert "#biography" not in page and '<a href="/profile#sdgs">' in page


# --- coordinators -------------------------------------------------------------------------------------------

def test_a_coordinator_sees_the_review_queue_oldest_first(app, make):
    newer = make.proposal(Stage.UNDER_REVIEW)
    older = make.proposal(Stage.UNDER_REVIEW)
    older.stage_changed_at = utcnow() - timedelta(days=3)
    db.session.commit()
    page = text_of(sign_in(app, make.coordinator(verified=True)).get("/dashboard"))
    queue = page.split("Review queue", 1)[1].split("Stalled proposals", 1)[0]
    assert queue.index(f"/dashboard/review/{older.id}") < queue.index(f"/dashboard/review/{newer.id}")


def test_stalled_proposals_are_those_waiting_without_a_stage_change_for_the_set_days(app, make):
    from matchmaker.dashboards.services import stalled_proposals

    stalled = make.proposal(Stage.FRAMING)
    recent = make.proposal(Stage.FRAMING)
    finished = make.proposal(Stage.DECLINED)
    for proposal in (stalled, finished):
        proposal.stage_changed_at = utcnow() - timedelta(days=20)
    recent.stage_changed_at = utcnow() - timedelta(days=10)
    db.session.commit()
    assert [p.id for p in stalled_proposals(utcnow(), 14)] == [stalled.id]
    assert {p.id for p in stalled_proposals(utcnow(), 7)} == {stalled.id, recent.id}
    page = text_of(sign_in(app, make.coordinator(verified=True)).get("/dashboard"))
    section = page.split("Stalled proposals", 1)[1].split("Organisations to verify", 1)[0]
    assert f"/dashboard/review/{stalled.id}" in section and f"/dashboard/review/{recent.id}" not in section


def test_a_coordinator_sees_organisations_to_verify_and_challenges_without_a_good_match(app, make):
    make.organisation(name="Associazione In Attesa")
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    weak = make.challenge(organisation, title="A need nobody fits")
    strong = make.challenge(organisation, title="A need well matched")
    db.session.execute(sa.delete(Match).where(Match.challenge_id.in_([weak.id, strong.id])))
    store_match(weak, make.academic(verified=True), 22.0)
    store_match(strong, make.academic(verified=True), 81.0)
    page = text_of(sign_in(app, make.coordinator(verified=True)).get("/dashboard"))
    assert "Associazione In Attesa" in page.split("Organisations to verify", 2)[-1]
    unmatched = page.split("Challenges without a good match", 1)[1]
    assert "A need nobody fits" in unmatched and "best fit 22/100" in unmatched
    assert "A need well matched" not in unmatched


@pytest.mark.parametrize("who", ["member", "academic", "other_member", "other_academic"])
def test_nobody_but_coordinators_opens_the_review_page_the_pipeline_or_a_note(app, client, make, who):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    person = {"member": lambda: proposal.created_by, "academic": lambda: proposal.academics[0].academic,
              "other_member": lambda: make.member(make.organisation(status=OrganisationStatus.VERIFIED),
                                                  verified=True),
              "other_academic": lambda: make.academic(verified=True)}[who]()
    browser = sign_in(app, person)
    assert browser.get(f"/dashboard/review/{proposal.id}").status_code == 404
    assert browser.post(f"/dashboard/review/{proposal.id}/notes", data={"body": "Mine"}).status_code == 404
    assert browser.get("/dashboard/pipeline").status_code == 403
    assert "Review queue" not in text_of(browser.get("/dashboard"))
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CoordinatorNote)) == 0


def test_coordinators_notes_are_read_by_coordinators_only_on_every_page_and_in_the_api(app, client, make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    coordinator = make.coordinator(verified=True)
    desk = sign_in(app, coordinator)
    secret = "Private remark: the budget looks thin"
    response = desk.post(f"/dashboard/review/{proposal.id}/notes", data={"body": secret})
    assert response.status_code == 302
    assert secret in text_of(desk.get(f"/dashboard/review/{proposal.id}"))
    assert secret in text_of(sign_in(app, make.coordinator(verified=True)).get(f"/dashboard/review/{proposal.id}"))

    member, academic = proposal.created_by, proposal.academics[0].academic
    for person in (member, academic):
        browser = sign_in(app, person)
        for path in ("/dashboard", f"/proposals/{proposal.id}", f"/proposals/{proposal.id}/workspace", "/proposals"):
            assert secret not in text_of(browser.get(path)), path
        headers = make.api_headers(client, person)
        for path in (f"/api/v1/proposals/{proposal.id}", f"/api/v1/proposals/{proposal.id}/messages",
                     "/api/v1/proposals"):
            assert secret not in client.get(path, headers=headers).get_data(as_text=True), path


def test_an_empty_note_is_refused_with_a_message_and_nothing_is_saved(app, make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    response = sign_in(app, make.coordinator(verified=True)).post(f"/dashboard/review/{proposal.id}/notes",
                                                                    data={"body": "   "})
    assert response.status_code == 422 and "Write the note first." in text_of(response)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CoordinatorNote)) == 0


def test_the_review_page_holds_everything_needed_to_decide(app, make):
    proposal = make.proposal(Stage.UNDER_REVIEW)
    page = text_of(sign_in(app, make.coordinator(verified=True)).get(f"/dashboard/review/{proposal.id}"))
    for expected in (proposal.challenge.title, proposal.challenge.organisation.name, proposal.created_by.name,
                     proposal.academics[0].academic.name, proposal.problem_statement,
                     proposal.action_plan["objectives"], "Messages", "Timeline",
                     f"/proposals/{proposal.id}/move/approved", f"/proposals/{proposal.id}/move/co_creation",
                     f"/proposals/{proposal.id}/move/rejected"):
        assert expected in page, expected


def test_the_pipeline_counts_proposals_by_stage_for_coordinators(app, make):
    make.proposal(Stage.FRAMING)
    make.proposal(Stage.FRAMING)
    make.proposal(Stage.UNDER_REVIEW)
    page = text_of(sign_in(app, make.coordinator(verified=True)).get("/dashboard/pipeline"))
    framing = page.split('stage=framing">', 1)[1].split("</tr>", 1)[0]
    assert '<td class="text-end">2</td>' in framing
    assert "<canvas" not in page and "<script" not in page.split("</main>")[0]


def test_the_dashboards_speak_italian(app, make):
    from matchmaker.auth.models import Language

    academic = make.academic(verified=True, language=Language.IT)
    member = make.member(make.organisation(), verified=True, language=Language.IT)
    coordinator = make.coordinator(verified=True, language=Language.IT)
    assert "Inviti" in text_of(sign_in(app, academic).get("/dashboard"))
    assert "Cosa fare adesso" in text_of(sign_in(app, member).get("/dashboard"))
    coordinator_page = text_of(sign_in(app, coordinator).get("/dashboard"))
    assert "Proposte da esaminare" in coordinator_page
    assert "Tempo mediano" in text_of(sign_in(app, coordinator).get("/dashboard/pipeline"))
