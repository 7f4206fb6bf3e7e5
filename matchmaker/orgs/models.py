"""Organisations, their verification status, and memberships."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, enum_column, utcnow


class OrganisationKind(enum.Enum):
    SOCIAL_ENTERPRISE = "social_enterprise"
    COOPERATIVE = "cooperative"
    NGO = "ngo"
    ASSOCIATION = "association"
    SCHOOL = "school"
    PUBLIC_BODY = "public_body"
    OTHER = "other"


class OrganisationStatus(enum.Enum):
    """Set by a coordinator: only verified organisations can publish."""

    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class MembershipStatus(enum.Enum):
    """Someone who asks to join an existing organisation waits for a coordinator's approval."""

    PENDING = "pending"
    ACTIVE = "active"


class Organisation(db.Model):
    """A social enterprise, NGO, cooperative, school or public body that brings challenges."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160))
    # The name folded to lower case: two organisations cannot differ only by case.
    name_key: Mapped[str] = mapped_column(sa.String(160), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind, "organisation_kind"))
    city: Mapped[str] = mapped_column(sa.String(120))
    website: Mapped[str | None] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[OrganisationStatus] = mapped_column(
        enum_column(OrganisationStatus, "organisation_status"), default=OrganisationStatus.PENDING, index=True
    )
    status_reason: Mapped[str | None] = mapped_column(sa.Text)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status_changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def is_verified(self) -> bool:
        return self.status is OrganisationStatus.VERIFIED

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name}>"


class Membership(db.Model):
    """A user's place in an organisation."""

    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    status: Mapped[MembershipStatus] = mapped_column(
        enum_column(MembershipStatus, "membership_status"), default=MembershipStatus.ACTIVE
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped["User"] = relationship(back_populates="memberships")  # noqa: F821
    organisation: Mapped[Organisation] = relationship(back_populates="memberships", lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.status is MembershipStatus.ACTIVE
