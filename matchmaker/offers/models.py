"""An offer posted by an academic, with its SDGs."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Hideable, Timestamps, Versioned, sdg_link_table
from matchmaker.extensions import db
from matchmaker.reference.models import SDG, HelpKind
from matchmaker.types import enum_column


class OfferStatus(enum.Enum):
    """open ⇄ paused; either → closed; closed → open."""

    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


offer_sdgs = sdg_link_table("offer_sdgs", "offers", "offer_id")


class Offer(Timestamps, Hideable, Versioned, db.Model):
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

    academic: Mapped["User"] = relationship(foreign_keys=[academic_id], lazy="joined", innerjoin=True)  # noqa: F821
    sdgs: Mapped[list[SDG]] = relationship(secondary=offer_sdgs, order_by=SDG.number, lazy="selectin")

    # Lists show the newest first.
    __table_args__ = (sa.CheckConstraint("capacity BETWEEN 1 AND 100", name="capacity_range"),
                      sa.Index(None, "created_at"))

    def __repr__(self) -> str:
        return f"<Offer {self.id} {self.title!r}>"
