"""A challenge posted by an organisation, with its SDGs."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Hideable, Timestamps, Versioned, sdg_link_table
from matchmaker.extensions import db
from matchmaker.orgs.models import Organisation
from matchmaker.reference.models import SDG, HelpKind, Scale
from matchmaker.types import UTCDateTime, enum_column


class ChallengeStatus(enum.Enum):
    """draft → open ⇄ paused; open → in partnership → closed; any published state → closed."""

    DRAFT = "draft"
    OPEN = "open"
    PAUSED = "paused"
    IN_PARTNERSHIP = "in_partnership"
    CLOSED = "closed"


class Visibility(enum.Enum):
    """Who may read a published challenge."""

    PUBLIC = "public"
    ACADEMICS = "academics"


challenge_sdgs = sdg_link_table("challenge_sdgs", "challenges", "challenge_id")


class Challenge(Timestamps, Hideable, Versioned, db.Model):
    """A need of the local society, described by an organisation for the university to answer."""

    __tablename__ = "challenges"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(150))
    summary: Mapped[str] = mapped_column(sa.String(600))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    kind: Mapped[HelpKind] = mapped_column(enum_column(HelpKind, "help_kind"), index=True)
    place: Mapped[str] = mapped_column(sa.String(120), default="")
    scale: Mapped[Scale] = mapped_column(enum_column(Scale, "scale"), default=Scale.CITY)
    resources: Mapped[str] = mapped_column(sa.Text, default="")
    deadline: Mapped[date | None] = mapped_column(sa.Date)
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility, "visibility"), default=Visibility.PUBLIC)
    status: Mapped[ChallengeStatus] = mapped_column(
        enum_column(ChallengeStatus, "challenge_status"), default=ChallengeStatus.DRAFT, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    sdgs: Mapped[list[SDG]] = relationship(secondary=challenge_sdgs, order_by=SDG.number, lazy="selectin")

    # Lists show the newest first.
    __table_args__ = (sa.Index(None, "created_at"),)

    @property
    def is_published(self) -> bool:
        return self.status is not ChallengeStatus.DRAFT

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.title!r}>"
