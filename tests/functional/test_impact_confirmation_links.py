"""A partner confirms a figure from an e-mailed link, without an account: the link works once, expires, goes stale
when the value changes, refuses a forged token with a clear page, and never shows an e-mail address."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.impact.models import (
    ConfirmationLink,
    Indicator,
    IndicatorValue,
    ValueAction,
    ValueEvent,
    Verification,
)
from matchmaker.notifications.models import OutboxMessage
from matchmaker.reference.services import seed_reference_data
from matchmaker.types import utcnow
from tests.pages import field_error, text_of

PARTNER = "anna.neri@cooperativa-barriera.example"


@pytest.fixture(autouse=True)
def catalogue(app):
    seed_reference_data()
    db.session.commit()


@pytest.fixture
def sent(client, make, login, mailbox):
    """A lead's value and the path of the link e-mailed to the partner for it."""
    lead = make.academic(verified=True, name="Francesca Ricci")
    initiative = make.initiative(lead, title="Energy help desk in Barriera")
    value = IndicatorValue(initiative_id=initiative.id, year=2025, value=340, method="Register of the desk",
                           measured_by="The desk's volunteers", evidence_url="https://example.org/desk-report",
                           indicator=db.session.scalar(sa.select(Indicator).where(Indicator.code == "people_reached")))
    db.session.add(value)
    db.session.commit()
    login(lead)
    response = client.post(f"/impact/values/{value.id}/send-link", data={"email": PARTNER, "language": "en"})
    assert response.status_code == 302, text_of(response)
    client.post("/logout")
    return value.id, initiative.id, mailbox.link(PARTNER, "/impact/confirm/")


def value_of(value_id) -> IndicatorValue:
    db.session.expire_all()
    return db.session.get(IndicatorValue, value_id)


def the_link() -> ConfirmationLink:
    db.session.expire_all()
    return db.session.scalar(sa.select(ConfirmationLink))


def test_the_partner_opens_the_link_and_sees_the_figure_and_nothing_else(app, sent):
    value_id, _initiative_id, path = sent
    page = text_of(app.test_client().get(path, headers={"Accept-Language": "en"}))
    for shown in ("Energy help desk in Barriera", "People reached", "340", "2025", "Register of the desk",
                  "The desk's volunteers", "https://example.org/desk-report"):
        assert shown in page
    assert PARTNER not in page and "@" not in page.split("<main", 1)[-1]


def test_the_partner_confirms_once_and_the_initiative_page_says_so(app, sent):
    value_id, initiative_id, path = sent
    partner = app.test_client()

    response = partner.post(path, data={"decision": "confirm", "name": "Anna Neri",
                                        "organisation": "Cooperativa Barriera"}, headers={"Accept-Language": "en"})

    assert response.status_code == 200 and "The figure is confirmed" in text_of(response)
    value = value_of(value_id)
    assert value.state is Verification.CONFIRMED and value.state_by_name == "Anna Neri, Cooperativa Barriera"
    assert the_link().used_at is not None
    page = text_of(partner.get(f"/initiatives/{initiative_id}", headers={"Accept-Language": "en"}))
    assert "Confirmed by Anna Neri, Cooperativa Barriera on" in page and PARTNER not in page
    again = partner.get(path, headers={"Accept-Language": "en"})
    assert again.status_code == 410 and "used already" in text_of(again)
    assert partner.post(path, data={"decision": "dispute", "reason": "Second thoughts"}).status_code == 410
    assert value_of(value_id).state is Verification.CONFIRMED
    actions = list(db.session.scalars(sa.select(ValueEvent.action).where(ValueEvent.value_id == value_id)
                                      .order_by(ValueEvent.id)))
    assert actions == [ValueAction.LINK_SENT, ValueAction.CONFIRMED]


def test_confirming_needs_a_name_and_an_organisation(app, sent):
    value_id, _initiative_id, path = sent
    response = app.test_client().post(path, data={"decision": "confirm", "name": "Anna Neri", "organisation": " "},
                                      headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert "This field is required." in field_error(text_of(response), "organisation")
    assert 'value="Anna Neri"' in text_of(response)
    assert value_of(value_id).state is Verification.DECLARED and the_link().used_at is None


def test_the_partner_disputes_with_a_reason_only_leads_read(app, sent):
    value_id, _initiative_id, path = sent
    partner = app.test_client()
    refused = partner.post(path, data={"decision": "dispute", "reason": ""}, headers={"Accept-Language": "it"})
    assert refused.status_code == 422 and "Spiega perché contesti questo valore." in text_of(refused)

    assert partner.post(path, data={"decision": "dispute", "reason": "We registered 290 people"}).status_code == 200
    value = value_of(value_id)
    assert value.state is Verification.DISPUTED and value.state_reason == "We registered 290 people"


def test_an_expired_link_is_refused_with_a_clear_page(app, sent):
    value_id, _initiative_id, path = sent
    link = the_link()
    link.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = app.test_client().get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 410 and "This link has expired" in text_of(response)
    assert app.test_client().post(path, data={"decision": "confirm", "name": "A", "organisation": "B"}) \
        .status_code == 410
    assert value_of(value_id).state is Verification.DECLARED


def test_a_link_expires_after_the_configured_days(sent):
    link = the_link()
    assert timedelta(days=13, hours=23) < link.expires_at - link.created_at <= timedelta(days=14)


def test_a_link_goes_stale_when_the_value_is_edited(app, client, make, login, sent):
    value_id, initiative_id, path = sent
    value = value_of(value_id)
    lead = db.session.get(type(value.initiative.created_by), value.initiative.created_by_id)
    login(lead)
    client.post(f"/impact/values/{value_id}/edit", data={
        "indicator_id": str(value.indicator_id), "year": "2025", "value": "350", "method": value.method,
        "measured_by": value.measured_by, "evidence_url": value.evidence_url})
    assert value_of(value_id).value == 350

    response = app.test_client().get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 410 and "has changed since the link was sent" in text_of(response)


@pytest.mark.parametrize("tamper", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
    lambda token: "x" + token,
    lambda _token: "not-a-token",
    lambda _token: "eyJsaW5rIjoxLCJub25jZSI6ImEifQ",  # {"link":1,"nonce":"a"} with no signature
])
def test_a_tampered_or_forged_token_is_a_404_page(app, sent, tamper):
    _value_id, _initiative_id, path = sent
    token = path.rsplit("/", 1)[1]
    response = app.test_client().get(f"/impact/confirm/{tamper(token)}", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and "This confirmation link is not valid" in text_of(response)


def test_a_token_signed_for_another_nonce_is_refused(app, sent):
    from itsdangerous import URLSafeSerializer

    link = the_link()
    forged = URLSafeSerializer(app.config["SECRET_KEY"], salt="impact-confirm").dumps({"link": link.id,
                                                                                      "nonce": "guessed"})
    assert app.test_client().get(f"/impact/confirm/{forged}").status_code == 404


def test_the_address_never_reaches_a_public_page_or_the_outbox_link(app, sent):
    value_id, initiative_id, path = sent
    visitor = app.test_client()
    for page in (f"/initiatives/{initiative_id}", f"/impact/values/{value_id}", path):
        assert PARTNER not in text_of(visitor.get(page))
    stored = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.recipient == PARTNER))
    assert path.rsplit("/", 1)[1] not in stored.body  # the outbox keeps no usable link


def test_the_email_speaks_the_language_the_sender_chose(client, make, login, mailbox):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    value = IndicatorValue(initiative_id=initiative.id, year=2024, value=12.5, method="Conteggio",
                           measured_by="Ufficio", indicator=db.session.scalar(
                               sa.select(Indicator).where(Indicator.code == "events")))
    db.session.add(value)
    db.session.commit()
    login(lead)
    client.post(f"/impact/values/{value.id}/send-link", data={"email": PARTNER, "language": "it"})
    [message] = mailbox.to(PARTNER)
    body = mailbox.body(message)
    assert "Eventi realizzati" in body and "12,5" in body and "non serve un account" in body


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b", "x" * 300 + "@example.org"])
def test_a_wrong_address_is_refused_and_nothing_is_sent(client, make, login, email):
    lead = make.academic(verified=True)
    initiative = make.initiative(lead)
    value = IndicatorValue(initiative_id=initiative.id, year=2024, value=3, method="Count", measured_by="Us",
                           indicator=db.session.scalar(sa.select(Indicator).where(Indicator.code == "events")))
    db.session.add(value)
    db.session.commit()
    login(lead)
    response = client.post(f"/impact/values/{value.id}/send-link", data={"email": email, "language": "en"})
    assert response.status_code == 422
    assert field_error(text_of(response), "email")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ConfirmationLink)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
