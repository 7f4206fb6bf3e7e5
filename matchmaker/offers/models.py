"""An offer posted by an academic, with its SDGs."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.reference.models import SDG, HelpKind
from matchmaker.types import UTCDateTime, enum_column, utcnow


class OfferStatus(enum.Enum):
    """open ⇄ paused; either → closed; closed → open."""

    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


offer_sdgs = sa.Table(
    "offer_sdgs",
    db.metadata,
    sa.Column("offer_id", sa.ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sdg_number", sa.ForeignKey("sdgs.number"), primary_key=True, index=True),
)


class Offer(db.Model):
    """Something an academic can do with and for the community: research-action, a thesis, a course..."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    academic_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(150))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    kind: Mapped[HelpKind] = mapped_column(enum_column(HelpKind, "offer_kind"), index=True)
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    capacity: Mapped[int] = mapped_column(default=1)
    available_from: Mapped[date | None] = mapped_column(sa.Date)
    available_until: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[OfferStatus] = mapped_column(
        enum_column(OfferStatus, "offer_status"), default=OfferStatus.OPEN, index=True)
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    academic: Mapped["User"] = relationship(foreign_keys=[academic_id], lazy="joined", innerjoin=True)  # noqa: F821
    sdgs: Mapped[list[SDG]] = relationship(secondary=offer_sdgs, order_by=SDG.number, lazy="selectin")

    __table_args__ = (sa.CheckConstraint("capacity BETWEEN 1 AND 100", name="capacity_range"),)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    def __repr__(self) -> str:
        return f"<Offer {self.id} {self.title!r}>"
