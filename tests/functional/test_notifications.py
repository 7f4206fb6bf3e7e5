"""Notifications: the other people on a proposal hear of every move and message, in the app and by e-mail in their
own language, as their preferences say; decisions always arrive; the bell, the page, the API and the digests."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.notifications import services
from matchmaker.notifications.models import (
    DeliveryMode,
    DigestState,
    Notification,
    NotificationKind,
    OutboxMessage,
)
from matchmaker.notifications.proposals import send_digests
from matchmaker.orgs.models import OrganisationStatus
from matchmaker.workflow.services import apply_transition, post_message
from matchmaker.workflow.stages import Stage
from tests.factories import PASSWORD
from tests.pages import text_of


def sign_in(app, user):
    client = app.test_client()
    assert client.post("/login", data={"email": user.email, "password": PASSWORD}).status_code == 302
    return client


def people_of(proposal):
    return proposal.created_by, proposal.academics[0].academic


def notifications_for(user, kind=None):
    query = sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    if kind is not None:
        query = query.where(Notification.kind == kind)
    return list(db.session.scalars(query))


def mails_to(user):
    return list(db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.recipient == user.email)
                                   .order_by(OutboxMessage.id)))


def choose(user, **modes):
    services.save_preferences(user.id, {NotificationKind(kind): DeliveryMode(mode) for kind, mode in modes.items()})
    db.session.commit()


# --- who hears of what --------------------------------------------------------------------------------------

def test_an_invited_academic_is_told_in_the_app_and_by_email_with_a_link_to_the_proposal(app, make):
    proposal = make.proposal()
    member, academic = people_of(proposal)

    [invitation] = notifications_for(academic)
    assert invitation.kind is NotificationKind.INVITATION and invitation.proposal_id == proposal.id
    [mail] = mails_to(academic)
    assert f"{app.config['PUBLIC_URL'].rstrip('/')}/proposals/{proposal.id}" in mail.body
    assert member.name in mail.body and proposal.challenge.title in mail.body
    assert notifications_for(member) == [] and mails_to(member) == []  # nobody hears of their own act


def test_every_move_and_message_reaches_the_other_side_only(app, make):
    proposal = make.proposal(Stage.ACCEPTED)
    member, academic = people_of(proposal)
    post_message(proposal, academic, "Shall we meet on Tuesday?")
    db.session.commit()

    assert [n.payload["move"] for n in notifications_for(member, NotificationKind.MOVE)] == ["accept"]
    [message] = notifications_for(member, NotificationKind.MESSAGE)
    assert message.payload["excerpt"] == "Shall we meet on Tuesday?"
    assert notifications_for(academic, NotificationKind.MESSAGE) == []


def test_the_coordinators_hear_when_a_proposal_is_submitted_for_their_review(app, make):
    coordinator = make.coordinator(verified=True)
    proposal = make.proposal(Stage.CO_CREATION, coordinator=coordinator)
    assert notifications_for(coordinator) == []
    make.proposal(Stage.UNDER_REVIEW, coordinator=coordinator)
    [submitted] = notifications_for(coordinator)
    assert submitted.payload["move"] == "submit_for_review" and submitted.proposal_id != proposal.id


def test_an_italian_recipient_gets_the_email_in_italian_and_an_english_one_in_english(app, make):
    italian = make.academic(verified=True, language=Language.IT)
    make.profile(italian, biography="Servizi per le famiglie.", expertise=["famiglie"])
    proposal = make.proposal(academic=italian)
    member, _ = people_of(proposal)
    post_message(proposal, italian, "Volentieri!")
    db.session.commit()

    [italian_mail] = mails_to(italian)
    assert italian_mail.body.startswith(f"Gentile {italian.name},") and "ha avviato una proposta" in italian_mail.body
    [english_mail] = mails_to(member)
    assert english_mail.body.startswith(f"Hello {member.name},") and "wrote on" in english_mail.body


def test_a_person_who_turned_moves_and_messages_off_still_gets_the_decisions_about_their_proposal(app, make):
    organisation = make.organisation(status=OrganisationStatus.VERIFIED)
    member = make.member(organisation, verified=True)
    proposal = make.proposal(challenge=make.challenge(organisation, author=member), member=member,
                             proposer_side="academic")
    academic = proposal.academics[0].academic
    choose(academic, move="off", message="off")

    apply_transition(proposal, member, Stage.ACCEPTED)      # a decision: it arrives anyway
    db.session.commit()
    apply_transition(proposal, member, Stage.FRAMING)       # not a decision: the academic chose not to hear
    post_message(proposal, member, "Let us start.")
    db.session.commit()

    assert [n.payload["move"] for n in notifications_for(academic)] == ["accept"]
    assert len(mails_to(academic)) == 1


def test_a_person_who_chose_the_digest_reads_it_in_the_app_at_once_and_by_email_only_in_the_digest(app, make):
    proposal = make.proposal(Stage.ACCEPTED)
    member, academic = people_of(proposal)
    choose(member, message="digest")
    mails_before = len(mails_to(member))
    post_message(proposal, academic, "First question")
    db.session.commit()

    assert len(notifications_for(member, NotificationKind.MESSAGE)) == 1
    assert len(mails_to(member)) == mails_before


# --- digests ----------------------------------------------------------------------------------------------------

def _message_at(proposal, author, body, when):
    message = post_message(proposal, author, body)
    db.session.flush()
    db.session.commit()
    notification = db.session.scalars(sa.select(Notification).where(
        Notification.kind == NotificationKind.MESSAGE).order_by(Notification.id.desc())).first()
    notification.created_at = when  # the clock of the test
    db.session.commit()
    return message


@pytest.mark.parametrize("language, greeting, heading", [
    (Language.EN, "Hello", "Here is what happened since your last digest:"),
    (Language.IT, "Gentile", "Ecco che cosa è successo dal tuo ultimo riepilogo:"),
])
def test_a_digest_holds_what_arrived_since_the_person_s_own_last_digest_in_their_language(
        app, make, language, greeting, heading):
    academic = make.academic(verified=True, language=language)
    make.profile(academic, biography="Services for families.", expertise=["families"])
    proposal = make.proposal(Stage.ACCEPTED, academic=academic)
    member, _ = people_of(proposal)
    choose(academic, message="digest")
    start = proposal.stage_changed_at + timedelta(hours=1)
    _message_at(proposal, member, "First news", start)
    _message_at(proposal, member, "Second news", start + timedelta(hours=2))
    mails_before = len(mails_to(academic))

    assert send_digests(start + timedelta(hours=3)) == 1
    db.session.commit()
    digest = mails_to(academic)[-1]
    assert len(mails_to(academic)) == mails_before + 1
    assert digest.body.startswith(f"{greeting} {academic.name},") and heading in digest.body
    assert "First news" in digest.body and "Second news" in digest.body
    assert f"/proposals/{proposal.id}" in digest.body
    assert db.session.get(DigestState, academic.id).last_digest_at == start + timedelta(hours=3)

    # Nothing new, and not a day since their last one: nothing is sent.
    _message_at(proposal, member, "Third news", start + timedelta(hours=5))
    assert send_digests(start + timedelta(hours=20)) == 0
    # A day after THEIR last digest (not a calendar day): only what arrived since.
    assert send_digests(start + timedelta(hours=27)) == 1
    db.session.commit()
    latest = mails_to(academic)[-1]
    assert "Third news" in latest.body and "First news" not in latest.body


# --- the bell, the page, marking as read ------------------------------------------------------------------

def test_the_bell_shows_the_unread_count_and_marking_all_as_read_empties_it(app, make):
    proposal = make.proposal(Stage.FRAMING)
    member, academic = people_of(proposal)
    browser = sign_in(app, member)
    unread = services.unread_count(member.id)
    assert unread == 1  # the academic accepted

    page = text_of(browser.get("/challenges/"))
    assert f'{unread}<span class="visually-hidden"> unread</span>' in page
    listing = text_of(browser.get("/notifications"))
    assert "“Accept”" in listing and f"/proposals/{proposal.id}" in listing

    assert browser.post("/notifications/read-all").status_code == 302
    assert services.unread_count(member.id) == 0
    assert "unread</span>" not in text_of(browser.get("/challenges/"))


def test_a_person_marks_one_notification_as_read_but_cannot_touch_someone_else_s(app, make):
    proposal = make.proposal(Stage.ACCEPTED)
    member, academic = people_of(proposal)
    [invitation] = notifications_for(academic)
    [accepted] = notifications_for(member)

    assert sign_in(app, member).post(f"/notifications/{invitation.id}/read").status_code == 404
    assert sign_in(app, academic).post(f"/notifications/{invitation.id}/read").status_code == 302
    db.session.expire_all()
    assert db.session.get(Notification, invitation.id).read_at is not None
    assert db.session.get(Notification, accepted.id).read_at is None
    assert app.test_client().post(f"/notifications/{accepted.id}/read").status_code == 302  # to sign in


def test_the_notifications_page_lists_the_newest_first_in_the_reader_s_language(app, make):
    proposal = make.proposal(Stage.FRAMING)
    member, academic = people_of(proposal)
    member.preferred_language = Language.IT
    db.session.commit()
    post_message(proposal, academic, "Una domanda")
    db.session.commit()
    page = text_of(sign_in(app, member).get("/notifications", headers={"Accept-Language": "it"}))
    assert page.index("ha scritto su") < page.index("“Accetta”")


# --- preferences ------------------------------------------------------------------------------------------------

def test_a_person_saves_their_preferences_from_the_account_page(app, make):
    academic = make.academic(verified=True)
    browser = sign_in(app, academic)
    account = text_of(browser.get("/account"))
    assert 'action="/notifications/preferences"' in account and "stalled" not in account.lower()

    response = browser.post("/notifications/preferences", data={
        "invitation": "immediate", "move": "digest", "message": "off", "reminder": "immediate", "back": "account"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/account")
    db.session.expire_all()
    modes = services.preferences_of(academic.id)
    assert modes[NotificationKind.MOVE] is DeliveryMode.DIGEST and modes[NotificationKind.MESSAGE] is DeliveryMode.OFF


def test_a_wrong_preference_is_refused_in_words_and_nothing_is_saved(app, make):
    academic = make.academic(verified=True)
    response = sign_in(app, academic).post("/notifications/preferences", data={
        "invitation": "weekly", "move": "digest", "message": "off", "reminder": "immediate"})
    assert response.status_code == 422
    assert "Choose immediately, a daily digest, or not at all." in text_of(response)
    assert services.preferences_of(academic.id)[NotificationKind.MOVE] is DeliveryMode.IMMEDIATE


# --- the API ------------------------------------------------------------------------------------------------------

def test_the_api_lists_the_caller_s_notifications_and_only_theirs(app, client, make):
    proposal = make.proposal(Stage.FRAMING)
    member, academic = people_of(proposal)
    headers = make.api_headers(client, academic, language="it")
    answer = client.get("/api/v1/notifications", headers=headers)
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["unread"] == 2 and [item["kind"] for item in body["items"]] == ["move", "invitation"]
    assert "ha avviato una proposta" in body["items"][1]["text"]
    assert body["items"][0]["link"].endswith(f"/proposals/{proposal.id}")

    services.mark_read(db.session.get(Notification, body["items"][1]["id"]))
    db.session.commit()
    unread = client.get("/api/v1/notifications?unread=true", headers=headers).get_json()
    assert [item["kind"] for item in unread["items"]] == ["move"]

    stranger = make.academic(verified=True)
    assert client.get("/api/v1/notifications", headers=make.api_headers(client, stranger)).get_json() == {
        "items": [], "unread": 0}
    assert client.get("/api/v1/notifications?unread=perhaps", headers=headers).status_code == 422
    assert client.get("/api/v1/notifications").status_code == 401
