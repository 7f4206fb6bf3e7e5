"""A challenge posted by an organisation, with its SDGs."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.orgs.models import Organisation
from matchmaker.reference.models import SDG, HelpKind, Scale
from matchmaker.types import UTCDateTime, enum_column, utcnow


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


challenge_sdgs = sa.Table(
    "challenge_sdgs",
    db.metadata,
    sa.Column("challenge_id", sa.ForeignKey("challenges.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sdg_number", sa.ForeignKey("sdgs.number"), primary_key=True, index=True),
)


class Challenge(db.Model):
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
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    sdgs: Mapped[list[SDG]] = relationship(secondary=challenge_sdgs, order_by=SDG.number, lazy="selectin")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_published(self) -> bool:
        return self.status is not ChallengeStatus.DRAFT

    def __repr__(self) -> str:
        return f"<Challenge {self.id} {self.title!r}>"
