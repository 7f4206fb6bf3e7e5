"""Links in e-mails go to the platform's public address only and reach only their recipient: a forged Host header
never enters a link, a request for an unknown or malformed host is refused with a clear 400, the outbox keeps
messages without their secret links (and exists only without a mail server), and developers get links from a
development-only command."""
import logging

import pytest
import sqlalchemy as sa

from matchmaker.auth.models import Role, User
from matchmaker.extensions import db
from matchmaker.notifications.models import OutboxMessage
from tests.factories import PASSWORD
from tests.pages import text_of

NEW_PASSWORD = "a brand new passphrase"


def forgot(client, email, host="localhost", **headers):
    return client.post("/forgot-password", data={"email": email}, headers={"Host": host, "Accept-Language": "en",
                                                                           **headers})


def stored_copies() -> list[OutboxMessage]:
    db.session.expire_all()
    return list(db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))


# --- links come from PUBLIC_URL, and only trusted hosts are served ---------------------------------------

def test_a_forged_host_never_reaches_a_reset_email(client, make, mailbox):
    user = make.user(verified=True)

    response = forgot(client, user.email, host="attacker.example")

    assert response.status_code == 400
    assert "This address is not served here." in text_of(response)
    assert mailbox.to(user.email) == []
    assert stored_copies() == []


@pytest.mark.parametrize("app_settings", [{"PUBLIC_URL": "https://matchmaker.example.org",
                                           "TRUSTED_HOSTS": ["localhost", "matchmaker.example.org"]}])
def test_every_link_in_an_email_starts_with_the_public_address_whatever_host_was_asked(client, make, mailbox):
    user = make.user(verified=True)

    forgot(client, user.email, host="localhost:8080")
    client.post("/register/academic", data={
        "name": "Marco Bianchi", "email": "marco.bianchi@polito.it", "password": PASSWORD, "confirm": PASSWORD,
        "language": "en", "department": "DIST"}, headers={"Host": "matchmaker.example.org"})

    [reset] = mailbox.to(user.email)
    assert "https://matchmaker.example.org/reset-password/" in mailbox.body(reset)
    [confirmation] = mailbox.to("marco.bianchi@polito.it")
    assert "https://matchmaker.example.org/verify-email/" in mailbox.body(confirmation)
    assert "localhost" not in mailbox.body(reset) + mailbox.body(confirmation)


@pytest.mark.parametrize("app_settings", [{"PUBLIC_URL": "https://matchmaker.example.org/platform"}])
def test_links_keep_the_path_of_a_public_address_under_a_prefix(app):
    from matchmaker.links import public_url_for

    assert public_url_for("auth.login") == "https://matchmaker.example.org/platform/login"


@pytest.mark.parametrize("host", ["attacker.example", "..", "a" * 300, "exa mple.org", "[::1", "localhost:99999",
                                  "local\u00e9host", "localhost:abc"])
@pytest.mark.parametrize("path", ["/", "/login?next=/account", "/no-such-page"])
def test_a_malformed_or_unknown_host_gets_a_clear_400_page(client, host, path):
    response = client.get(path, headers={"Host": host, "Accept-Language": "en"})

    assert response.status_code == 400
    assert "This address is not served here." in text_of(response)
    assert "Traceback" not in text_of(response)


@pytest.mark.parametrize("host", ["attacker.example", "..", "[::1"])
def test_a_malformed_or_unknown_host_gets_a_clear_400_in_json_from_the_api(client, host):
    for method, path in (("GET", "/api/v1/health"), ("POST", "/api/v1/tokens"), ("GET", "/api/v1/nothing")):
        response = client.open(path, method=method, json={}, headers={"Host": host, "Accept-Language": "en"})

        assert response.status_code == 400, (method, path)
        assert response.get_json()["error"]["code"] == "bad_host"
        assert "This address is not served here." in response.get_json()["error"]["message"]


@pytest.mark.parametrize("app_settings", [{"WTF_CSRF_ENABLED": True}])
def test_a_form_sent_to_an_unknown_host_without_its_security_token_gets_the_plain_400(client):
    response = client.post("/login", data={"email": "a@example.org"},
                           headers={"Host": "attacker.example", "Accept-Language": "en"})

    assert response.status_code == 400
    assert "This address is not served here." in text_of(response)


def test_the_hosts_of_the_test_suite_and_of_this_machine_are_served(client):
    for host in ("localhost", "127.0.0.1:5000", "localhost:8080"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host


# --- the outbox ---------------------------------------------------------------------------------------

def test_a_coordinator_reading_the_outbox_never_sees_a_link_that_would_let_them_act_as_someone(client, make,
                                                                                              login):
    victim = make.user(verified=True, email="victim@example.org")
    coordinator = make.coordinator(verified=True)
    forgot(client, victim.email)
    client.post("/register/academic", data={
        "name": "Marco Bianchi", "email": "marco.bianchi@polito.it", "password": PASSWORD, "confirm": PASSWORD,
        "language": "en", "department": "DIST"})
    login(coordinator)

    page = text_of(client.get("/coordination/outbox", headers={"Accept-Language": "en"}))

    assert "victim@example.org" in page and "marco.bianchi@polito.it" in page
    assert "/reset-password/" not in page and "/verify-email/" not in page
    assert page.count("[link removed: sent only to the recipient]") == 2
    for message in stored_copies():
        assert "/reset-password/" not in message.body and "/verify-email/" not in message.body


def test_the_recipient_still_gets_the_real_link_by_smtp_while_the_stored_copy_has_none(client, make, mailbox):
    user = make.user(verified=True)

    forgot(client, user.email)

    assert "/reset-password/" in mailbox.body(mailbox.to(user.email)[0])
    [copy] = stored_copies()
    assert copy.delivered_at is not None
    assert "/reset-password/" not in copy.body
    assert "[link removed: sent only to the recipient]" in copy.body


def test_the_stored_copy_says_in_the_recipients_language_that_the_link_was_removed(client, make, mailbox):
    from pathlib import Path

    from matchmaker import ROOT
    from matchmaker.auth.models import Language

    if not Path(ROOT, "matchmaker", "translations", "it", "LC_MESSAGES", "messages.mo").exists():
        pytest.skip("Italian catalogue not compiled")
    user = make.user(verified=True, language=Language.IT)

    forgot(client, user.email)

    [copy] = stored_copies()
    assert "/reset-password/" not in copy.body
    assert "[link rimosso: inviato solo al destinatario]" in copy.body


def test_a_mail_server_that_quotes_a_refused_message_never_puts_the_link_in_logs_or_the_outbox(client, make,
                                                                                             mailbox, caplog):
    user = make.user(verified=True)
    mailbox.refuse_with = "rejected:"

    with caplog.at_level(logging.WARNING):
        forgot(client, user.email)

    [copy] = stored_copies()
    assert copy.delivered_at is None and "rejected:" in copy.delivery_error
    assert "SMTP delivery to" in caplog.text
    for text in (caplog.text, copy.delivery_error, copy.body):
        assert "/reset-password/" not in text


def test_the_outbox_does_not_exist_when_a_mail_server_is_configured(client, make, login, mailbox):
    login(make.coordinator(verified=True))

    response = client.get("/coordination/outbox", headers={"Accept-Language": "en"})
    home = text_of(client.get("/", headers={"Accept-Language": "en"}))

    assert response.status_code == 404
    assert "Outbox" not in home
    assert "Organisations to verify" in home


def test_without_a_mail_server_the_coordinator_finds_the_outbox_in_the_menu(client, make, login):
    login(make.coordinator(verified=True))

    home = text_of(client.get("/", headers={"Accept-Language": "en"}))

    assert 'href="/coordination/outbox"' in home


# --- dev-link: how a developer opens the links that the outbox hides ----------------------------------------

def test_a_developer_can_print_a_confirmation_link_that_confirms_the_address(runner, client, make):
    user = make.user(verified=False, email="newcomer@example.org")

    result = runner.invoke(args=["dev-link", "NewComer@Example.org"])

    assert result.exit_code == 0, result.output
    link = result.stdout.strip()
    assert link.startswith("http://localhost/verify-email/")
    client.post(link.removeprefix("http://localhost"))
    db.session.expire_all()
    assert db.session.get(User, user.id).email_verified


def test_a_developer_can_print_a_password_link_with_reset(runner, client, make):
    user = make.user(verified=True)

    result = runner.invoke(args=["dev-link", user.email, "--reset"])

    assert result.exit_code == 0, result.output
    link = result.stdout.strip().removeprefix("http://localhost")
    assert link.startswith("/reset-password/")
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert client.post("/login", data={"email": user.email, "password": NEW_PASSWORD}).status_code == 302


def test_dev_link_explains_an_unknown_or_already_confirmed_address(runner, make):
    confirmed = make.user(verified=True)

    unknown = runner.invoke(args=["dev-link", "nobody@example.org"])
    already = runner.invoke(args=["dev-link", confirmed.email])

    assert unknown.exit_code == 1 and "No account has the address nobody@example.org." in unknown.output
    assert already.exit_code == 1 and "--reset" in already.output


@pytest.mark.parametrize("app_settings", [{"ENVIRONMENT": "production"}])
def test_dev_link_refuses_to_run_in_production(runner, make):
    user = make.user(verified=False, roles=(Role.ORGANISATION,))

    result = runner.invoke(args=["dev-link", user.email])

    assert result.exit_code == 1
    assert "development only" in result.output
    assert "/verify-email/" not in result.output
