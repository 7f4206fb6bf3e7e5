"""Sending e-mail (recorded in the outbox without its secret links, handed to SMTP by a job after the commit), and
the notifications under the bell: recording them, the preferences that decide how they travel, the digests.

A plain module every feature may use (the import rules allow it): sending mail is a side effect that already waits
for the commit, through the job.
"""
import logging
import smtplib
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from email.message import EmailMessage

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from matchmaker.extensions import db
from matchmaker.jobs import enqueue, job
from matchmaker.notifications.models import (
    DeliveryMode,
    DigestState,
    Notification,
    NotificationKind,
    NotificationPreference,
    OutboxMessage,
)
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


# --- notifications under the bell ----------------------------------------------------------------------------

PAGE_SIZE = 50
DIGEST_EVERY = timedelta(days=1)


def preferences_of(user_id: int) -> dict[NotificationKind, DeliveryMode]:
    """How each kind reaches the person: immediately unless they chose otherwise."""
    chosen = {row.kind: row.mode for row in db.session.scalars(
        sa.select(NotificationPreference).where(NotificationPreference.user_id == user_id))}
    return {kind: chosen.get(kind, DeliveryMode.IMMEDIATE) for kind in NotificationKind}


def save_preferences(user_id: int, modes: dict[NotificationKind, DeliveryMode]) -> None:
    """Record the person's choice per kind. Flushes."""
    for kind, mode in modes.items():
        row = db.session.get(NotificationPreference, (user_id, kind))
        if row is None:
            db.session.add(NotificationPreference(user_id=user_id, kind=kind, mode=mode))
        else:
            row.mode = mode
    db.session.flush()


def notify(user, kind: NotificationKind, payload: dict, email: Callable[[list[Notification]], None],
           proposal_id: int | None = None, always: bool = False, now: datetime | None = None
           ) -> Notification | None:
    """Tell `user` about something, as their preference for `kind` says (`always`: at once, whatever it says).

    `email(notifications)` sends the e-mail about them to the user; it runs now for "immediately" and at the
    next digest for "digest". "Off" records nothing. Flushes.
    """
    now = now or utcnow()
    mode = DeliveryMode.IMMEDIATE if always else preferences_of(user.id)[kind]
    if mode is DeliveryMode.OFF:
        return None
    notification = Notification(user_id=user.id, kind=kind, proposal_id=proposal_id, payload=payload,
                                created_at=now, in_digest=mode is DeliveryMode.DIGEST)
    db.session.add(notification)
    db.session.flush()
    if mode is DeliveryMode.IMMEDIATE:
        email([notification])
        notification.emailed_at = now
    return notification


def unread_count(user_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))) or 0


def notifications_of(user_id: int, unread_only: bool = False, limit: int = PAGE_SIZE) -> list[Notification]:
    """The person's notifications, newest first."""
    query = sa.select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(db.session.scalars(query.order_by(Notification.created_at.desc(), Notification.id.desc())
                                   .limit(limit)))


def mark_read(notification: Notification, now: datetime | None = None) -> None:
    if notification.read_at is None:
        notification.read_at = now or utcnow()
    db.session.flush()


def mark_all_read(user_id: int, now: datetime | None = None) -> int:
    """Mark every unread notification of the person as read; how many there were."""
    result = db.session.execute(sa.update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)).values(read_at=now or utcnow()))
    db.session.flush()
    return result.rowcount


# --- digests ---------------------------------------------------------------------------------------------------

def last_digest_at(user_id: int) -> datetime | None:
    state = db.session.get(DigestState, user_id)
    return state.last_digest_at if state else None


def digest_due(user_id: int, now: datetime) -> bool:
    """A day after the person's last digest (their own window, not the calendar's), or never sent one."""
    last = last_digest_at(user_id)
    return last is None or now - last >= DIGEST_EVERY


def waiting_for_digest(user_id: int, now: datetime) -> list[Notification]:
    """What arrived for the person's digest since their last one, oldest first."""
    query = sa.select(Notification).where(Notification.user_id == user_id, Notification.in_digest.is_(True),
                                          Notification.emailed_at.is_(None), Notification.created_at <= now)
    last = last_digest_at(user_id)
    if last is not None:
        query = query.where(Notification.created_at > last)
    return list(db.session.scalars(query.order_by(Notification.created_at, Notification.id)))


def people_with_digest_waiting(now: datetime) -> list[int]:
    return list(db.session.scalars(sa.select(Notification.user_id).where(
        Notification.in_digest.is_(True), Notification.emailed_at.is_(None), Notification.created_at <= now)
        .distinct().order_by(Notification.user_id)))


def close_digest(user_id: int, notifications: list[Notification], now: datetime) -> None:
    """The digest went out: its notifications are e-mailed, and the person's next window starts now. Flushes."""
    for notification in notifications:
        notification.emailed_at = now
        notification.in_digest = False
    state = db.session.get(DigestState, user_id)
    if state is None:
        db.session.add(DigestState(user_id=user_id, last_digest_at=now))
    else:
        state.last_digest_at = now
    db.session.flush()
