"""The indicator catalogue, each initiative's values per period with their source and verification state, the
record of every change of state, and the single-use links that let a partner confirm a value without an account."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Timestamps
from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, enum_column, utcnow


class OutcomeKind(enum.Enum):
    """The kind of outcome an indicator measures: one standard indicator of the catalogue per kind, plus custom
    indicators of any kind."""

    ENGAGEMENT = "engagement"
    PEOPLE_REACHED = "people_reached"
    VULNERABLE_REACHED = "vulnerable_reached"
    STUDENTS = "students"
    ACADEMIC_HOURS = "academic_hours"
    PARTNER_ORGANISATIONS = "partner_organisations"
    EVENTS = "events"
    PUBLICATIONS = "publications"
    POLICY = "policy"
    PRODUCTS = "products"
    FUNDING = "funding"
    VOLUNTEERS = "volunteers"
    OTHER = "other"


class Verification(enum.Enum):
    """Who stands behind a value: the academic who declared it, the partner or a coordinator who confirmed it, or
    someone who disputed it (with a reason). Disputed values are never counted in a published figure."""

    DECLARED = "declared"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


class Indicator(db.Model):
    """An indicator of the catalogue: a stable code, its name and unit in both languages, and the kind of outcome
    it measures. Standard ones are seeded by the migration; custom ones are added as initiatives need them."""

    __tablename__ = "impact_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(80), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(200))
    name_it: Mapped[str] = mapped_column(sa.String(200))
    unit_en: Mapped[str] = mapped_column(sa.String(60))
    unit_it: Mapped[str] = mapped_column(sa.String(60))
    outcome: Mapped[OutcomeKind] = mapped_column(enum_column(OutcomeKind, "outcome_kind"), index=True)
    custom: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=100)  # the catalogue's order; custom ones come last

    def name_in(self, language: str) -> str:
        return self.name_it if language == "it" else self.name_en

    def unit_in(self, language: str) -> str:
        return self.unit_it if language == "it" else self.unit_en

    def __repr__(self) -> str:
        return f"<Indicator {self.code}>"


class IndicatorValue(Timestamps, db.Model):
    """One indicator's value for one initiative and one period (a calendar year), never without its source: how it
    was measured, by whom, and optionally an evidence link or document."""

    __tablename__ = "impact_values"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("impact_indicators.id"), index=True)
    year: Mapped[int] = mapped_column(index=True)
    value: Mapped[float] = mapped_column(sa.Float)
    method: Mapped[str] = mapped_column(sa.Text)  # how it was measured
    measured_by: Mapped[str] = mapped_column(sa.String(200))  # by whom
    evidence_url: Mapped[str | None] = mapped_column(sa.String(500))
    # An evidence document, stored like the initiatives' images, under a random key.
    evidence_key: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    evidence_filename: Mapped[str | None] = mapped_column(sa.String(200))
    evidence_content_type: Mapped[str | None] = mapped_column(sa.String(80))
    state: Mapped[Verification] = mapped_column(enum_column(Verification, "verification_state"),
                                                default=Verification.DECLARED, index=True)
    state_reason: Mapped[str | None] = mapped_column(sa.Text)  # why it was disputed
    state_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    state_by_name: Mapped[str | None] = mapped_column(sa.String(200))  # a partner confirming from a link
    state_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The proposal indicator it was carried from, when the initiative was born of a completed proposal.
    proposal_indicator_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("proposal_indicators.id", ondelete="SET NULL"))

    initiative: Mapped["Initiative"] = relationship(back_populates="values")  # noqa: F821
    indicator: Mapped[Indicator] = relationship(lazy="joined")
    state_by: Mapped["User | None"] = relationship(foreign_keys=[state_by_id])  # noqa: F821

    __table_args__ = (
        sa.UniqueConstraint("initiative_id", "indicator_id", "year", name="once_per_period"),
        sa.CheckConstraint("value >= 0", name="not_negative"),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200", name="year_range"),
        sa.CheckConstraint("state <> 'disputed' OR state_reason IS NOT NULL", name="disputed_says_why"),
    )

    def __repr__(self) -> str:
        return f"<IndicatorValue {self.id} {self.value} {self.state.value}>"


class ValueAction(enum.Enum):
    DECLARED = "declared"
    EDITED = "edited"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    LINK_SENT = "link_sent"


class ValueEvent(db.Model):
    """One step in a value's life: declared, edited (back to declared), confirmed, disputed, or a confirmation
    link sent. Never changed."""

    __tablename__ = "impact_value_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    value_id: Mapped[int] = mapped_column(sa.ForeignKey("impact_values.id", ondelete="CASCADE"), index=True)
    action: Mapped[ValueAction] = mapped_column(enum_column(ValueAction, "value_action"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    actor_name: Mapped[str | None] = mapped_column(sa.String(200))  # a partner without an account
    reason: Mapped[str | None] = mapped_column(sa.Text)
    value: Mapped[float | None] = mapped_column(sa.Float)  # the value at that step
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821


class ConfirmationLink(db.Model):
    """A link e-mailed to a partner to confirm (or dispute) one value without an account. The e-mailed token is
    signed and names this row's nonce; the row makes it single-use (used_at) and expiring (expires_at), and ties it
    to the value as it was when sent (value_updated_at): an edit since makes the link stale."""

    __tablename__ = "impact_confirmation_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    value_id: Mapped[int] = mapped_column(sa.ForeignKey("impact_values.id", ondelete="CASCADE"), index=True)
    nonce: Mapped[str] = mapped_column(sa.String(64), unique=True)
    email: Mapped[str] = mapped_column(sa.String(254))
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    value_updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
