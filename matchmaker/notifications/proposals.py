"""Notifications about proposals: the subscribers to the workflow's events, the reminders of a proposal that waits
for someone, the coordinators' stalled flags, and the digests. Each e-mail in its recipient's language."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from matchmaker.auth.models import User
from matchmaker.extensions import db
from matchmaker.labels import label_for, move_label, reason_label
from matchmaker.links import public_url_for
from matchmaker.notifications import services
from matchmaker.notifications.models import Notification, NotificationKind, Reminder, ReminderKind
from matchmaker.types import utcnow
from matchmaker.workflow import services as workflow
from matchmaker.workflow.models import Proposal, ProposalEvent, ProposalMessage, waiting_since
from matchmaker.workflow.stages import COORDINATOR, WAITING_ON, Stage

# Decisions about one's own proposal: they arrive at once, whatever the person chose for moves.
DECISIONS = frozenset({"accept", "decline", "approve", "reject", "request_changes", "cancel"})
EXCERPT = 200


# --- words ---------------------------------------------------------------------------------------------------

def _stage_label(code: str | None) -> str:
    try:
        return str(label_for(Stage(code)))
    except ValueError:
        return code or ""


def describe(notification: Notification) -> str:
    """The notification in one sentence, in the current language (the payload holds codes and names only)."""
    data = notification.payload or {}
    challenge, actor = data.get("challenge", ""), data.get("actor") or _("Someone")
    kind = notification.kind
    if kind is NotificationKind.INVITATION:
        if data.get("excerpt"):
            return _("%(actor)s started a proposal on “%(challenge)s”: %(excerpt)s", actor=actor,
                     challenge=challenge, excerpt=data["excerpt"])
        return _("%(actor)s started a proposal on “%(challenge)s”.", actor=actor, challenge=challenge)
    if kind is NotificationKind.MESSAGE:
        return _("%(actor)s wrote on “%(challenge)s”: %(excerpt)s", actor=actor, challenge=challenge,
                 excerpt=data.get("excerpt", ""))
    if kind is NotificationKind.REMINDER:
        return _("“%(challenge)s” has waited %(days)s days for your answer (stage: %(stage)s).",
                 challenge=challenge, days=data.get("days", 0), stage=_stage_label(data.get("stage")))
    if kind is NotificationKind.STALLED:
        return _("Stalled: “%(challenge)s” has not moved for %(days)s days (stage: %(stage)s).",
                 challenge=challenge, days=data.get("days", 0), stage=_stage_label(data.get("stage")))
    sentence = _("%(actor)s: “%(move)s” on “%(challenge)s”. The proposal is now at the stage %(stage)s.",
                 actor=actor, move=move_label(data.get("move", "")), challenge=challenge,
                 stage=_stage_label(data.get("stage")))
    reason = " ".join(part for part in (reason_label(data["reason_code"]) if data.get("reason_code") else "",
                                        data.get("reason") or "") if part)
    return f"{sentence} {_('Reason:')} {reason}" if reason else sentence


def link_of(notification: Notification) -> str:
    if notification.proposal_id is None:
        return public_url_for("notifications.index")
    return public_url_for("workflow.detail", proposal_id=notification.proposal_id)


def email_notifications(user: User, notifications: list[Notification], digest: bool = False) -> None:
    """One e-mail to `user` about `notifications`, in their language, each with a link back to its page."""
    with force_locale(user.preferred_language.value):
        items = [{"text": describe(n), "link": link_of(n)} for n in notifications]
        if digest:
            subject = _("Your matchmaker digest: %(count)s new", count=len(items))
        else:
            subject = items[0]["text"] if len(items[0]["text"]) <= 150 else items[0]["text"][:149] + "…"
        body = render_template("emails/notifications.txt", user=user, items=items, digest=digest,
                               preferences_link=public_url_for("notifications.index") + "#preferences")
        marker = _("[link removed: sent only to the recipient]")  # no secret in it; send_email asks for one
    services.send_email(user.email, subject, body, secret_marker=marker)


def _notify(user_ids, kind: NotificationKind, proposal: Proposal, payload: dict, always: bool = False,
            now: datetime | None = None) -> list[Notification]:
    sent = []
    for user in db.session.scalars(sa.select(User).where(User.id.in_(user_ids), User.active.is_(True))
                                   .order_by(User.id)):
        notification = services.notify(
            user, kind, {"challenge": proposal.challenge.title} | payload,
            lambda ns, user=user: email_notifications(user, ns), proposal_id=proposal.id, always=always, now=now)
        if notification is not None:
            sent.append(notification)
    return sent


def _others_on(proposal: Proposal, actor_id: int | None) -> set[int]:
    people = workflow.people_on(proposal)
    return (set().union(*people.values())) - {actor_id}


def _name_of(user_id: int | None) -> str | None:
    user = db.session.get(User, user_id) if user_id else None
    return user.name if user else None


# --- the subscribers (create_app's register_subscribers) ---------------------------------------------------

def proposal_started(event) -> None:
    proposal = db.session.get(Proposal, event.proposal_id)
    if proposal is None:
        return
    first = proposal.events[0].payload.get("message", "") if proposal.events else ""
    _notify(_others_on(proposal, proposal.created_by_id), NotificationKind.INVITATION, proposal,
            {"actor": _name_of(proposal.created_by_id), "excerpt": _excerpt(first)}, now=proposal.created_at)


def proposal_moved(event) -> None:
    record = db.session.get(ProposalEvent, event.event_id)
    proposal = db.session.get(Proposal, event.proposal_id)
    if record is None or proposal is None:
        return
    payload = {"actor": _name_of(record.actor_id), "move": record.name, "stage": record.to_stage.value,
               "reason_code": record.reason_code, "reason": record.reason_text}
    recipients = _others_on(proposal, record.actor_id)
    if WAITING_ON.get(record.to_stage) == COORDINATOR:  # submitted for review or evaluation: their turn now
        recipients |= workflow.coordinator_ids() - {record.actor_id}
    _notify(recipients, NotificationKind.MOVE, proposal, payload, always=record.name in DECISIONS,
            now=record.created_at)


def proposal_message_posted(event) -> None:
    message = db.session.get(ProposalMessage, event.message_id)
    proposal = db.session.get(Proposal, event.proposal_id)
    if message is None or proposal is None:
        return
    _notify(_others_on(proposal, message.author_id), NotificationKind.MESSAGE, proposal,
            {"actor": _name_of(message.author_id), "excerpt": _excerpt(message.body)}, now=message.created_at)


def _excerpt(text: str) -> str:
    """The start of a message, short enough for the bell, the page and the e-mail's one line."""
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


# --- reminders and stalled proposals ---------------------------------------------------------------------------

def _days(setting: str) -> timedelta:
    return timedelta(days=current_app.config[setting])


def stalled_proposals(now: datetime | None = None) -> list[Proposal]:
    """Proposals that have waited at their stage longer than STALLED_AFTER_DAYS, the longest-waiting first."""
    now = now or utcnow()
    return list(db.session.scalars(waiting_since(now - _days("STALLED_AFTER_DAYS"))))


def _remind_once(proposal: Proposal, user_ids, kind: ReminderKind, now: datetime) -> int:
    """Record and send the reminder of this stay in the stage to each of `user_ids` who has not had it yet."""
    already = set(db.session.scalars(sa.select(Reminder.user_id).where(
        Reminder.proposal_id == proposal.id, Reminder.kind == kind,
        Reminder.stage_entered_at == proposal.stage_changed_at)))
    due = sorted(set(user_ids) - already)
    for user_id in due:
        db.session.add(Reminder(proposal_id=proposal.id, user_id=user_id, kind=kind,
                                stage_entered_at=proposal.stage_changed_at, sent_at=now))
    db.session.flush()
    payload = {"stage": proposal.stage.value, "days": (now - proposal.stage_changed_at).days}
    notification_kind = NotificationKind.REMINDER if kind is ReminderKind.REMINDER else NotificationKind.STALLED
    _notify(due, notification_kind, proposal, payload, now=now)
    return len(due)


def send_reminders(now: datetime | None = None) -> dict[str, int]:
    """Remind the people a proposal has waited for longer than REMINDER_AFTER_DAYS, and flag to the coordinators
    those waiting longer than STALLED_AFTER_DAYS: each once per stay in a stage. Flushes; the caller commits."""
    now = now or utcnow()
    counts = {"reminders": 0, "stalled": 0}
    for proposal in db.session.scalars(waiting_since(now - _days("REMINDER_AFTER_DAYS"))).all():
        counts["reminders"] += _remind_once(proposal, workflow.waiting_for(proposal), ReminderKind.REMINDER, now)
    for proposal in stalled_proposals(now):
        counts["stalled"] += _remind_once(proposal, workflow.coordinator_ids(), ReminderKind.STALLED, now)
    return counts


def send_digests(now: datetime | None = None) -> int:
    """Send each person whose digest is due one e-mail with what arrived since their last one. Flushes; how many
    digests went out."""
    now = now or utcnow()
    sent = 0
    for user_id in services.people_with_digest_waiting(now):
        user = db.session.get(User, user_id)
        if user is None or not user.active or not services.digest_due(user_id, now):
            continue
        notifications = services.waiting_for_digest(user_id, now)
        if notifications:
            email_notifications(user, notifications, digest=True)
            services.close_digest(user_id, notifications, now)
            sent += 1
    return sent
