"""The suggester's goals for each item, kept apart from the goals people confirmed (the items' own SDG links, which
nothing here ever writes): what `flask suggest-sdgs` back-fills and the coordinators' page compares."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, utcnow

ITEM_KINDS = ("challenge", "offer", "profile", "initiative")


class SdgSuggestionRecord(db.Model):
    """One goal the suggester gave an item's text, with its confidence, targets and reasons, and the hash of the
    text it read (an item whose text hash is unchanged is not suggested again)."""

    __tablename__ = "sdg_suggestions"
    __table_args__ = (
        sa.UniqueConstraint("item_kind", "item_id", "goal"),
        sa.CheckConstraint("item_kind IN ('challenge', 'offer', 'profile', 'initiative')", name="item_kind"),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_kind: Mapped[str] = mapped_column(sa.String(12))
    item_id: Mapped[int] = mapped_column(sa.Integer)
    goal: Mapped[int] = mapped_column(sa.ForeignKey("sdgs.number"))
    confidence: Mapped[float] = mapped_column(sa.Float)
    targets: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    text_hash: Mapped[str] = mapped_column(sa.String(64))
    made_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
