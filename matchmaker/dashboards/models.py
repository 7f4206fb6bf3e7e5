"""Coordinators' private notes on a proposal: read by coordinators only, never by the people on it."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, utcnow


class CoordinatorNote(db.Model):
    """A note a coordinator keeps on a proposal while reviewing it. Only coordinators read it, on any page."""

    __tablename__ = "coordinator_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821
