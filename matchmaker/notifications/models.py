"""The outbox (every e-mail sent or that would have been, its secret links removed), the notifications under the
bell, how each person wants them, and the reminders already sent."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, enum_column, utcnow


class OutboxMessage(db.Model):
    """One e-mail. `delivered_at` is set when an SMTP server accepted it; without SMTP it stays here only."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(sa.String(254), index=True)
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivery_error: Mapped[str | None] = mapped_column(sa.Text)


class NotificationKind(enum.Enum):
    """What a notification tells: each person chooses, per kind, how it reaches them."""

    INVITATION = "invitation"      # a proposal was started with them on it
    MOVE = "move"                  # a proposal they are on changed stage
    MESSAGE = "message"            # someone wrote on a proposal they are on
    REMINDER = "reminder"          # a proposal has waited for their answer too long
    STALLED = "stalled"            # (coordinators) a proposal has waited far too long


class DeliveryMode(enum.Enum):
    IMMEDIATE = "immediate"  # in the app and by e-mail at once
    DIGEST = "digest"        # in the app at once, by e-mail in the next digest
    OFF = "off"              # not at all (decisions about one's own proposal still arrive)


class Notification(db.Model):
    """Something that happened, for one person: shown under the bell until read, e-mailed as their preference says.

    `payload` holds codes and names, never sentences: each page and e-mail words it in the reader's language.
    """

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind, "notification_kind"))
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    in_digest: Mapped[bool] = mapped_column(default=False)  # waits for the person's next digest

    __table_args__ = (sa.Index("ix_notifications_user_unread", "user_id", "read_at"),)


class NotificationPreference(db.Model):
    """How one kind of notification reaches one person. Without a row: immediately."""

    __tablename__ = "notification_preferences"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[NotificationKind] = mapped_column(enum_column(NotificationKind, "notification_kind"),
                                                   primary_key=True)
    mode: Mapped[DeliveryMode] = mapped_column(enum_column(DeliveryMode, "delivery_mode"))


class DigestState(db.Model):
    """When a person's last digest went out: the next one holds what arrived since then."""

    __tablename__ = "notification_digests"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    last_digest_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReminderKind(enum.Enum):
    REMINDER = "reminder"  # to the people whose answer is awaited
    STALLED = "stalled"    # to the coordinators


class Reminder(db.Model):
    """A reminder sent about one stay of a proposal in a stage: the unique key keeps it from going twice."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind, "reminder_kind"))
    stage_entered_at: Mapped[datetime] = mapped_column(UTCDateTime())  # which stay in the stage it is about
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (sa.UniqueConstraint("proposal_id", "user_id", "kind", "stage_entered_at",
                                          name="once_per_stay"),)
