"""Stored match results (read by the pages), dismissed suggestions (kept as feedback) and matching runs."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, enum_column, utcnow


class MatchTarget(enum.Enum):
    """What a challenge is matched with."""

    OFFER = "offer"
    ACADEMIC = "academic"


class DismissalSide(enum.Enum):
    """Who dismissed a suggestion: the challenge's organisation, or the academic (or offer) suggested."""

    CHALLENGE = "challenge"
    TARGET = "target"


class RunKind(enum.Enum):
    FULL = "full"
    ITEM = "item"


class Match(db.Model):
    """A scored pair (challenge, offer) or (challenge, academic), with the score's parts and the reasons.

    One row answers both directions: the challenge's page reads its rows; an academic's or an offer's page
    reads the rows that name them.
    """

    __tablename__ = "matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"))
    target_type: Mapped[MatchTarget] = mapped_column(enum_column(MatchTarget, "match_target"))
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    academic_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    score: Mapped[float] = mapped_column(sa.Float)
    components: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    shared_terms: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    shared_sdgs: Mapped[list[int]] = mapped_column(sa.JSON, default=list)
    reasons: Mapped[list] = mapped_column(sa.JSON, default=list)  # [[code, value], ...]
    supporting: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    challenge: Mapped["Challenge"] = relationship()  # noqa: F821
    offer: Mapped["Offer | None"] = relationship()  # noqa: F821
    academic: Mapped["User | None"] = relationship()  # noqa: F821

    __table_args__ = (
        # NULLs are distinct in a unique constraint: each pair is unique on its own target column.
        sa.UniqueConstraint("challenge_id", "offer_id", name="challenge_offer"),
        sa.UniqueConstraint("challenge_id", "academic_id", name="challenge_academic"),
        sa.CheckConstraint("(target_type = 'offer' AND offer_id IS NOT NULL AND academic_id IS NULL) OR "
                           "(target_type = 'academic' AND academic_id IS NOT NULL AND offer_id IS NULL)",
                           name="one_target"),
    )

    @property
    def target_id(self) -> int:
        return self.offer_id if self.target_type is MatchTarget.OFFER else self.academic_id


class Dismissal(db.Model):
    """A suggestion someone dismissed: not shown again to their side, and kept as feedback for the engine."""

    __tablename__ = "match_dismissals"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    side: Mapped[DismissalSide] = mapped_column(enum_column(DismissalSide, "dismissal_side"))
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    target_type: Mapped[MatchTarget] = mapped_column(enum_column(MatchTarget, "match_target"))
    target_id: Mapped[int]  # the offer's id, or the academic's user id
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("side", "challenge_id", "target_type", "target_id", name="one_per_pair"),
        sa.Index("ix_match_dismissals_target", "target_type", "target_id"),
    )


class MatchingRun(db.Model):
    """One recomputation of stored matches: all of them, or those of one changed item."""

    __tablename__ = "matching_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[RunKind] = mapped_column(enum_column(RunKind, "matching_run_kind"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    items: Mapped[int] = mapped_column(default=0)
    matches: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(sa.Text)


class TextEmbedding(db.Model):
    """A text's sentence embedding (int8), made once when the text is saved; the index reads them at build time."""

    __tablename__ = "text_embeddings"

    key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)  # "challenge:12", "publication:40"
    model: Mapped[str] = mapped_column(sa.String(60))
    digest: Mapped[str] = mapped_column(sa.String(32))  # of the text it was made from (stale when it differs)
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
