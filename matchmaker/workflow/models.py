"""Proposals, the academics on them, their audit events, messages, workspace revisions, documents and indicators."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Timestamps, Versioned
from matchmaker.extensions import db
from matchmaker.types import UTCDateTime, enum_column, utcnow
from matchmaker.workflow.stages import FINAL_STAGES, Side, Stage

PROPOSER_SIDES = (Side.ORGANISATION.value, Side.ACADEMIC.value)


class Proposal(Timestamps, Versioned, db.Model):
    """One challenge, one or more academics, and where their partnership stands. Only
    workflow.services.apply_transition changes `stage`; the version makes two moves at once fail for one of them."""

    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(sa.ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    stage: Mapped[Stage] = mapped_column(enum_column(Stage, "proposal_stage"), default=Stage.PROPOSED, index=True)
    proposer_side: Mapped[str] = mapped_column(sa.String(16))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    stage_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    problem_statement: Mapped[str] = mapped_column(sa.Text, default="")
    # objectives, activities, roles, timeline, resources, expected_indicators
    action_plan: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    challenge: Mapped["Challenge"] = relationship(lazy="joined", innerjoin=True)  # noqa: F821
    created_by: Mapped["User | None"] = relationship()  # noqa: F821
    academics: Mapped[list["ProposalAcademic"]] = relationship(
        back_populates="proposal", cascade="all, delete-orphan", lazy="selectin",
        order_by="ProposalAcademic.academic_id")
    events: Mapped[list["ProposalEvent"]] = relationship(
        back_populates="proposal", order_by="ProposalEvent.id", passive_deletes="all")

    __table_args__ = (
        sa.CheckConstraint("proposer_side IN ('organisation', 'academic')", name="proposer_side"),
    )

    @property
    def academic_ids(self) -> set[int]:
        return {row.academic_id for row in self.academics}

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.stage}>"


class ProposalAcademic(db.Model):
    """An academic on a proposal, with the offer they bring, if any."""

    __tablename__ = "proposal_academics"

    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True)
    academic_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offers.id", ondelete="SET NULL"))

    proposal: Mapped[Proposal] = relationship(back_populates="academics")
    academic: Mapped["User"] = relationship(lazy="joined", innerjoin=True)  # noqa: F821
    offer: Mapped["Offer | None"] = relationship()  # noqa: F821


class ProposalEvent(db.Model):
    """One move of a proposal (or its start): who, when, from, to, why, and what was submitted. Never changed."""

    __tablename__ = "proposal_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    from_stage: Mapped[Stage | None] = mapped_column(enum_column(Stage, "from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_column(Stage, "to_stage"), index=True)
    name: Mapped[str] = mapped_column(sa.String(32))  # the transition's name: "request_changes" reads as such
    reason_code: Mapped[str | None] = mapped_column(sa.String(32))
    reason_text: Mapped[str | None] = mapped_column(sa.Text)
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    proposal: Mapped[Proposal] = relationship(back_populates="events")
    actor: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821


class AuditRecordIsFinal(Exception):
    """A proposal event was about to be changed or deleted: the audit trail is append-only."""


@sa.event.listens_for(ProposalEvent, "before_update")
def _refuse_update(_mapper, _connection, event: ProposalEvent) -> None:
    raise AuditRecordIsFinal(f"Proposal event {event.id} cannot be changed")


@sa.event.listens_for(ProposalEvent, "before_delete")
def _refuse_delete(_mapper, _connection, event: ProposalEvent) -> None:
    raise AuditRecordIsFinal(f"Proposal event {event.id} cannot be deleted")


class ProposalMessage(db.Model):
    """A message in a proposal's thread: how its people talk, without e-mail addresses."""

    __tablename__ = "proposal_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821


class WorkspaceRevision(db.Model):
    """One saved version of the problem statement (text) or the action plan (an object): the workspace history."""

    __tablename__ = "workspace_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    field: Mapped[str] = mapped_column(sa.String(32))
    content: Mapped[dict | str] = mapped_column(sa.JSON)

    author: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821

    __table_args__ = (
        sa.CheckConstraint("field IN ('problem_statement', 'action_plan')", name="field"),
    )


class ProposalDocument(db.Model):
    """A file shared on a proposal, stored under instance/documents/ by a random key, never by its name or id."""

    __tablename__ = "proposal_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    uploader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    size: Mapped[int]
    storage_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    uploader: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821


class ProposalIndicator(db.Model):
    """A measured impact indicator of a proposal: what, how much, in what unit, and how it was measured."""

    __tablename__ = "proposal_indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("proposals.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(sa.String(200))
    value: Mapped[float] = mapped_column(sa.Float)
    unit: Mapped[str] = mapped_column(sa.String(60))
    method: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


def waiting_since(cutoff: datetime) -> sa.Select:
    """Open proposals (someone's answer awaited) whose stage has not changed since `cutoff`, the longest-waiting
    first: what reminders, stalled flags and the coordinators' dashboard all count."""
    open_stages = [stage for stage in Stage if stage not in FINAL_STAGES]
    return (sa.select(Proposal).where(Proposal.stage.in_(open_stages), Proposal.stage_changed_at <= cutoff)
            .order_by(Proposal.stage_changed_at, Proposal.id))
