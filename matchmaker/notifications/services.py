"""Sending e-mail: recorded in the outbox without its secret links, and handed to SMTP by a job after the commit.

A plain module every feature may use (the import rules allow it): sending mail is a side effect that already waits
for the commit, through the job.
"""
import logging
import smtplib
from collections.abc import Iterable
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from matchmaker.extensions import db
from matchmaker.jobs import enqueue, job
from matchmaker.notifications.models import OutboxMessage
from matchmaker.types import utcnow

log = logging.getLogger(__name__)


def smtp_configured() -> bool:
    """With a mail server, e-mail leaves the platform; without one, the outbox page is the only place to read it."""
    return bool(current_app.config.get("MAIL_SERVER"))


def redact(text: str, secrets: Iterable[str], marker: str) -> str:
    """`text` with every secret in it replaced by `marker`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, marker)
    return text


def send_email(recipient: str, subject: str, body: str, secrets: Iterable[str] = (),
               secret_marker: str | None = None) -> OutboxMessage:
    """Record an e-mail in the outbox and, when MAIL_SERVER is set, deliver it by SMTP once the caller commits.
    Flushes. A transaction that rolls back sends nothing.

    Only SMTP receives `body` as it is. The outbox copy, the delivery error and the log have every one of
    `secrets` (a link that signs somebody in or proves their address) replaced by `secret_marker`: whoever
    reads them (a coordinator, an operator) must not be able to act as the recipient.
    """
    secrets = [secret for secret in secrets if secret]
    marker = secret_marker or _("[link removed: sent only to the recipient]")
    message = OutboxMessage(recipient=recipient, subject=subject, body=redact(body, secrets, marker))
    db.session.add(message)
    db.session.flush()
    if smtp_configured():
        # The real body travels as the job's argument (in memory inline, in Redis with a queue), never in the
        # database: the stored copy is the redacted one.
        enqueue("deliver_email", message.id, body, secrets, marker)
    return message


@job(secret_args=True)
def deliver_email(message_id: int, body: str, secrets: list[str], marker: str) -> None:
    """Hand one recorded e-mail to SMTP and note the outcome on it. Flushes; the job commits."""
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.delivered_at is not None:
        return
    try:
        _deliver_by_smtp(message.recipient, message.subject, body)
        message.delivered_at, message.delivery_error = utcnow(), None
    except (OSError, smtplib.SMTPException) as error:
        # A refusing server may quote the message back: the reason is kept and logged without the secrets.
        reason = redact(str(error), secrets, marker)
        log.warning("SMTP delivery to %s failed: %s", message.recipient, reason)
        message.delivery_error = reason
    db.session.flush()


def send_templated_email(user, template: str, subject: str, secrets: Iterable[str] = (), recipient: str | None = None,
                         **context) -> OutboxMessage:
    """Render templates/emails/<template>.txt in the user's language and send it to them (or to `recipient`, an
    address of theirs not yet on the account).

    `secrets` are values in the body (links with a token) that only the recipient may read.
    """
    with force_locale(user.preferred_language.value):
        body = render_template(f"emails/{template}.txt", user=user, **context)
        # `subject` is a lazy string: resolving it here puts it in the recipient's language.
        subject_text = str(subject)
        marker = _("[link removed: sent only to the recipient]")
    return send_email(recipient or user.email, subject_text, body, secrets=secrets, secret_marker=marker)


def _deliver_by_smtp(recipient: str, subject: str, body: str) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = recipient
    email["Subject"] = subject
    email.set_content(body)
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def latest_outbox_messages(limit: int = 100) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc()).limit(limit)
    ))
