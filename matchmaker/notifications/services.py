"""Sending e-mail: always recorded in the outbox, and handed to SMTP when a server is configured."""
import logging
import smtplib
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.notifications.models import OutboxMessage
from matchmaker.types import utcnow

log = logging.getLogger(__name__)


def send_email(recipient: str, subject: str, body: str) -> OutboxMessage:
    """Record an e-mail in the outbox and deliver it by SMTP when MAIL_SERVER is set. Flushes."""
    message = OutboxMessage(recipient=recipient, subject=subject, body=body)
    db.session.add(message)
    if current_app.config.get("MAIL_SERVER"):
        try:
            _deliver_by_smtp(message)
            message.delivered_at = utcnow()
        except (OSError, smtplib.SMTPException) as error:
            # The message stays in the outbox with the reason, for a coordinator to see.
            log.warning("SMTP delivery to %s failed: %s", recipient, error)
            message.delivery_error = str(error)
    db.session.flush()
    return message


def send_templated_email(user, template: str, subject: str, **context) -> OutboxMessage:
    """Render templates/emails/<template>.txt in the user's language and send it to them."""
    with force_locale(user.preferred_language.value):
        body = render_template(f"emails/{template}.txt", user=user, **context)
        # `subject` is a lazy string: resolving it here puts it in the recipient's language.
        subject_text = str(subject)
    return send_email(user.email, subject_text, body)


def _deliver_by_smtp(message: OutboxMessage) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_DEFAULT_SENDER"]
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email.set_content(message.body)
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
