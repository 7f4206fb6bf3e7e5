"""The coordinators' desk through the web pages: verify or reject organisations, decide who joins them,
read the outbox; and nobody else can."""
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from matchmaker import ROOT
from matchmaker.auth.models import Language
from matchmaker.extensions import db
from matchmaker.notifications.models import OutboxMessage
from matchmaker.orgs.models import Membership, MembershipStatus, OrganisationStatus
from tests.pages import text_of

ITALIAN_CATALOGUE = Path(ROOT, "matchmaker", "translations", "it", "LC_MESSAGES", "messages.mo")
DESK = "/coordination/organisations"
OUTBOX = "/coordination/outbox"
VERIFIED_SUBJECT = "Your organisation has been verified"
REJECTED_SUBJECT = "Your organisation could not be verified"


@pytest.fixture
def coordinator(make, login):
    user = make.coordinator(verified=True)
    login(user)
    return user


@pytest.fixture
def pending_organisation(make):
    """A new organisation waiting for verification, with an English- and an Italian-speaking member."""
    english_member = make.user(language=Language.EN, name="Emma English", verified=True)
    italian_member = make.user(language=Language.IT, name="Irene Italiano", verified=True)
    return make.organisation(name="Cooperativa Barriera", status=OrganisationStatus.PENDING,
                             members=(english_member, italian_member))


@pytest.fixture
def join_request(make):
    """Someone asking to join a verified organisation."""
    organisation = make.organisation(name="Associazione Il Cortile", status=OrganisationStatus.VERIFIED)
    applicant = make.user(name="Paolo Pending", language=Language.EN, verified=True)
    db.session.add(Membership(user=applicant, organisation=organisation, status=MembershipStatus.PENDING))
    db.session.commit()
    return organisation, applicant


def mails() -> list[OutboxMessage]:
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


def reloaded(obj):
    db.session.refresh(obj)
    return obj


def membership_of(user, organisation) -> Membership | None:
    db.session.expire_all()
    return db.session.get(Membership, (user.id, organisation.id))


def en(client, method, url, **kwargs):
    return client.open(url, method=method, headers={"Accept-Language": "en"}, **kwargs)


def decide(client, url, **data):
    """A coordinator's decision, with the "I confirm" box ticked."""
    return en(client, "POST", url, data={"confirm": "y", **data})


# --- what a coordinator does ---------------------------------------------------------------------------

def test_coordinator_sees_the_organisations_waiting_for_verification(client, make, coordinator,
                                                                     pending_organisation):
    already_verified = make.organisation(name="Scuola Verificata", status=OrganisationStatus.VERIFIED)

    response = en(client, "GET", DESK)

    page = text_of(response)
    assert response.status_code == 200
    assert "Cooperativa Barriera" in page
    assert "Emma English, Irene Italiano" in page or "Irene Italiano, Emma English" in page
    assert f'action="/coordination/organisations/{pending_organisation.id}/verify"' in page
    assert f'action="/coordination/organisations/{already_verified.id}/verify"' not in page


def test_coordinator_with_nothing_to_do_is_told_so(client, coordinator):
    page = text_of(en(client, "GET", DESK))

    assert "No organisation is waiting for verification." in page
    assert "No request is waiting." in page


def test_coordinator_can_verify_an_organisation_and_its_members_are_told_in_their_language(
        client, coordinator, pending_organisation):
    response = en(client, "POST", f"/coordination/organisations/{pending_organisation.id}/verify",
                  data={"confirm": "y"}, follow_redirects=True)

    assert "Cooperativa Barriera is now verified: its members can publish." in text_of(response)
    organisation = reloaded(pending_organisation)
    assert organisation.status is OrganisationStatus.VERIFIED
    assert organisation.status_changed_by_id == coordinator.id
    assert organisation.status_changed_at is not None
    by_recipient = {mail.recipient: mail for mail in mails()}
    members = {m.user.preferred_language: m.user for m in organisation.memberships}
    assert set(by_recipient) == {user.email for user in members.values()}
    english_mail = by_recipient[members[Language.EN].email]
    assert english_mail.subject == VERIFIED_SUBJECT
    assert "Cooperativa Barriera is now verified on matchmaker" in english_mail.body
    assert "Hello Emma English," in english_mail.body

    italian_mail = by_recipient[members[Language.IT].email]
    assert "Cooperativa Barriera" in italian_mail.body
    if not ITALIAN_CATALOGUE.exists():
        pytest.skip("Italian catalogue not compiled")
    with force_locale("it"):
        italian_subject = gettext(VERIFIED_SUBJECT)
    assert italian_subject != VERIFIED_SUBJECT
    assert italian_mail.subject == italian_subject


def test_a_verified_organisation_leaves_the_queue_and_cannot_be_verified_twice(client, coordinator,
                                                                               pending_organisation):
    url = f"/coordination/organisations/{pending_organisation.id}/verify"
    decide(client, url)
    mails_after_first = len(mails())

    again = decide(client, url)

    assert again.status_code == 409
    assert "already been handled" in text_of(again)
    assert len(mails()) == mails_after_first
    assert f'action="{url}"' not in text_of(en(client, "GET", DESK))


def test_rejecting_without_a_reason_shows_a_field_error_and_changes_nothing(client, coordinator,
                                                                            pending_organisation):
    response = en(client, "POST", f"/coordination/organisations/{pending_organisation.id}/reject",
                  data={"reason": "   ", "confirm": "y"})

    page = text_of(response)
    assert response.status_code == 422
    assert f'id="reason-{pending_organisation.id}-error"' in page
    assert "Say why, so the organisation knows what to do next." in page
    organisation = reloaded(pending_organisation)
    assert organisation.status is OrganisationStatus.PENDING
    assert organisation.status_reason is None
    assert mails() == []


def test_coordinator_can_reject_with_a_reason_that_is_stored_and_sent_to_the_members(client, coordinator,
                                                                                     pending_organisation):
    reason = "We could not find the organisation in the register of social cooperatives."

    response = en(client, "POST", f"/coordination/organisations/{pending_organisation.id}/reject",
                  data={"reason": reason, "confirm": "y"}, follow_redirects=True)

    page = text_of(response)
    assert "Cooperativa Barriera was not verified; its members have been told why." in page
    assert reason in page  # listed among the recent decisions
    organisation = reloaded(pending_organisation)
    assert organisation.status is OrganisationStatus.REJECTED
    assert organisation.status_reason == reason
    sent = mails()
    assert {mail.recipient for mail in sent} == {m.user.email for m in organisation.memberships}
    assert all(reason in mail.body for mail in sent)
    english = [mail for mail in sent if mail.subject == REJECTED_SUBJECT]
    assert english, "the English-speaking member gets the English subject"


def test_coordinator_can_approve_a_request_to_join_an_organisation(client, coordinator, join_request):
    organisation, applicant = join_request
    page = text_of(en(client, "GET", DESK))
    assert "Paolo Pending" in page and "Associazione Il Cortile" in page

    response = en(client, "POST", f"/coordination/memberships/{organisation.id}/{applicant.id}/approve",
                  data={"confirm": "y"}, follow_redirects=True)

    assert "The request has been handled and the person has been told." in text_of(response)
    assert membership_of(applicant, organisation).status is MembershipStatus.ACTIVE
    [mail] = mails()
    assert mail.recipient == applicant.email
    assert mail.subject == "You have joined your organisation"
    assert "You are now a member of Associazione Il Cortile" in mail.body
    assert "No request is waiting." in text_of(en(client, "GET", DESK))


def test_coordinator_can_decline_a_request_to_join_with_a_reason(client, coordinator, join_request):
    organisation, applicant = join_request
    reason = "The association does not know this person."

    response = en(client, "POST", f"/coordination/memberships/{organisation.id}/{applicant.id}/decline",
                  data={"reason": reason, "confirm": "y"})

    assert response.status_code == 302
    assert membership_of(applicant, organisation) is None
    [mail] = mails()
    assert mail.recipient == applicant.email
    assert mail.subject == "Your request to join was not accepted"
    assert reason in mail.body


def test_declining_a_request_to_join_needs_a_reason(client, coordinator, join_request):
    organisation, applicant = join_request

    response = en(client, "POST", f"/coordination/memberships/{organisation.id}/{applicant.id}/decline",
                  data={"reason": "", "confirm": "y"})

    page = text_of(response)
    assert response.status_code == 422
    assert f'id="decline-{organisation.id}-{applicant.id}-error"' in page
    assert "Say why, so the organisation knows what to do next." in page
    assert membership_of(applicant, organisation).status is MembershipStatus.PENDING
    assert mails() == []


def test_a_request_already_handled_is_reported_as_gone(client, coordinator, join_request):
    organisation, applicant = join_request
    url = f"/coordination/memberships/{organisation.id}/{applicant.id}/decline"
    decide(client, url, reason="Unknown person.")

    again = decide(client, url, reason="Unknown person.")

    assert again.status_code == 404
    assert "someone may have handled it already" in text_of(again)


def test_coordinator_can_read_the_outbox(client, coordinator, pending_organisation):
    decide(client, f"/coordination/organisations/{pending_organisation.id}/verify")

    response = en(client, "GET", OUTBOX)

    page = text_of(response)
    assert response.status_code == 200
    for membership in reloaded(pending_organisation).memberships:
        assert membership.user.email in page
    assert VERIFIED_SUBJECT in page


# --- what nobody else can do ---------------------------------------------------------------------------

def _decision_requests(organisation, applicant, join_organisation):
    return [
        ("GET", DESK, None),
        ("GET", OUTBOX, None),
        ("POST", f"/coordination/organisations/{organisation.id}/verify", {"confirm": "y"}),
        ("POST", f"/coordination/organisations/{organisation.id}/reject", {"reason": "No.", "confirm": "y"}),
        ("POST", f"/coordination/memberships/{join_organisation.id}/{applicant.id}/approve", {"confirm": "y"}),
        ("POST", f"/coordination/memberships/{join_organisation.id}/{applicant.id}/decline",
         {"reason": "No.", "confirm": "y"}),
    ]


def _assert_nothing_changed(organisation, applicant, join_organisation):
    assert reloaded(organisation).status is OrganisationStatus.PENDING
    assert membership_of(applicant, join_organisation).status is MembershipStatus.PENDING
    assert mails() == []


@pytest.mark.parametrize("who", ["organisation member", "member of the organisation itself", "academic"])
def test_people_who_are_not_coordinators_cannot_use_the_desk(client, make, login, pending_organisation,
                                                             join_request, who):
    join_organisation, applicant = join_request
    if who == "organisation member":
        user = make.member(verified=True)
    elif who == "member of the organisation itself":
        user = pending_organisation.memberships[0].user
    else:
        user = make.academic(verified=True)
    login(user)

    for method, url, data in _decision_requests(pending_organisation, applicant, join_organisation):
        response = en(client, method, url, data=data)
        assert response.status_code == 403, (method, url)
        assert "You do not have permission to do this." in text_of(response)
    _assert_nothing_changed(pending_organisation, applicant, join_organisation)
    home = text_of(en(client, "GET", "/"))
    assert DESK not in home and OUTBOX not in home


def test_visitors_are_sent_to_sign_in_instead_of_the_desk(client, pending_organisation, join_request):
    join_organisation, applicant = join_request

    for method, url, data in _decision_requests(pending_organisation, applicant, join_organisation):
        response = en(client, method, url, data=data)
        assert response.status_code == 302, (method, url)
        assert response.location.startswith("/login?next="), (method, url)
    _assert_nothing_changed(pending_organisation, applicant, join_organisation)


def test_the_desk_answers_not_found_for_an_unknown_organisation(client, coordinator):
    response = en(client, "POST", "/coordination/organisations/999999/verify")

    assert response.status_code == 404
    assert "This organisation does not exist." in text_of(response)
