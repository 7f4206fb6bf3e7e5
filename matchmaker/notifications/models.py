"""The outbox: every e-mail the platform has sent or would have sent, with its secret links removed."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, utcnow


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
