"""An initiative of the register, its people, partners, milestones, links and images, and the record of every
coordinator's curation. Its indicator values live in matchmaker.impact."""
import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Hideable, Timestamps, Versioned, sdg_link_table
from matchmaker.extensions import db
from matchmaker.reference.models import SDG, Department, Scale
from matchmaker.types import UTCDateTime, enum_column, utcnow


class InitiativeStatus(enum.Enum):
    """Where the work itself stands."""

    PLANNED = "planned"
    RUNNING = "running"
    CONCLUDED = "concluded"


class ReviewState(enum.Enum):
    """Whether a coordinator has approved the initiative for the public: a new one waits for review."""

    PENDING = "pending"
    APPROVED = "approved"


class InterventionKind(enum.Enum):
    """What kind of intervention the initiative is."""

    RESEARCH_ACTION = "research_action"
    SERVICE_LEARNING = "service_learning"
    TRAINING = "training"
    TECHNICAL_SUPPORT = "technical_support"
    CO_DESIGN = "co_design"
    PUBLIC_ENGAGEMENT = "public_engagement"
    VOLUNTEERING = "volunteering"
    OTHER = "other"


class CurationAction(enum.Enum):
    APPROVE = "approve"
    HIDE = "hide"
    UNHIDE = "unhide"
    MERGE = "merge"


initiative_sdgs = sdg_link_table("initiative_sdgs", "initiatives", "initiative_id")

initiative_departments = sa.Table(
    "initiative_departments",
    db.metadata,
    sa.Column("initiative_id", sa.ForeignKey("initiatives.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("department_id", sa.ForeignKey("departments.id"), primary_key=True, index=True),
)


class Initiative(Timestamps, Hideable, Versioned, db.Model):
    """Something the university does with and for society, born on the platform (from a completed proposal) or
    registered by the academics who lead it. Public once a coordinator approves it, unless hidden or merged."""

    __tablename__ = "initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(150))
    summary: Mapped[str] = mapped_column(sa.String(600))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    partner_story: Mapped[str] = mapped_column(sa.Text, default="")  # the partner organisation's own words
    kind: Mapped[InterventionKind] = mapped_column(enum_column(InterventionKind, "intervention_kind"), index=True)
    place: Mapped[str] = mapped_column(sa.String(120), default="")
    reach: Mapped[Scale] = mapped_column(enum_column(Scale, "initiative_reach"), default=Scale.CITY, index=True)
    starts_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    ends_on: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[InitiativeStatus] = mapped_column(
        enum_column(InitiativeStatus, "initiative_status"), default=InitiativeStatus.PLANNED, index=True)
    progress: Mapped[int | None] = mapped_column()  # percent, only where a progress figure is tracked
    review: Mapped[ReviewState] = mapped_column(
        enum_column(ReviewState, "initiative_review"), default=ReviewState.PENDING, index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The completed proposal it was born of: one initiative per proposal, however often the event arrives.
    proposal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("proposals.id", ondelete="SET NULL"),
                                                    unique=True)
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="SET NULL"))
    # The id it has in the register it was imported from: a re-import matches on it and updates, never duplicates.
    external_id: Mapped[str | None] = mapped_column(sa.String(80), unique=True)

    created_by: Mapped["User | None"] = relationship(foreign_keys=[created_by_id])  # noqa: F821
    sdgs: Mapped[list[SDG]] = relationship(secondary=initiative_sdgs, order_by=SDG.number, lazy="selectin")
    departments: Mapped[list[Department]] = relationship(secondary=initiative_departments,
                                                         order_by=Department.code, lazy="selectin")
    people: Mapped[list["InitiativePerson"]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan", lazy="selectin",
        order_by=lambda: [InitiativePerson.lead.desc(), InitiativePerson.position])
    partners: Mapped[list["InitiativePartner"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="InitiativePartner.position")
    milestones: Mapped[list["Milestone"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=lambda: [Milestone.due_on, Milestone.id])
    links: Mapped[list["InitiativeLink"]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="InitiativeLink.position")
    images: Mapped[list["InitiativeImage"]] = relationship(
        cascade="all, delete-orphan", order_by="InitiativeImage.id")
    values: Mapped[list["IndicatorValue"]] = relationship(  # noqa: F821
        back_populates="initiative", cascade="all, delete-orphan",
        order_by="[IndicatorValue.year, IndicatorValue.indicator_id]")

    __table_args__ = (
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on", name="dates_in_order"),
        sa.CheckConstraint("progress IS NULL OR progress BETWEEN 0 AND 100", name="progress_range"),
        sa.Index(None, "created_at"),
    )

    @property
    def is_public(self) -> bool:
        return self.review is ReviewState.APPROVED and not self.is_hidden and self.merged_into_id is None

    @property
    def lead_ids(self) -> set[int]:
        return {person.user_id for person in self.people if person.lead and person.user_id is not None}

    def __repr__(self) -> str:
        return f"<Initiative {self.id} {self.title!r}>"


class InitiativePerson(db.Model):
    """Someone behind an initiative: an account (a lead academic, or another person) or a name alone, for people
    without one."""

    __tablename__ = "initiative_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(120), default="")  # for people without an account
    lead: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    initiative: Mapped[Initiative] = relationship(back_populates="people")
    user: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821

    __table_args__ = (
        sa.CheckConstraint("user_id IS NOT NULL OR name <> ''", name="someone"),
        sa.UniqueConstraint("initiative_id", "user_id", name="once_per_initiative"),
    )


class InitiativePartner(db.Model):
    """A partner organisation: one registered on the platform, or a name alone."""

    __tablename__ = "initiative_partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id", ondelete="SET NULL"),
                                                        index=True)
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    position: Mapped[int] = mapped_column(default=0)

    organisation: Mapped["Organisation | None"] = relationship(lazy="joined")  # noqa: F821

    @property
    def display_name(self) -> str:
        return self.organisation.name if self.organisation is not None else self.name


class Milestone(db.Model):
    __tablename__ = "initiative_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    due_on: Mapped[date] = mapped_column(sa.Date)
    done: Mapped[bool] = mapped_column(default=False)


class InitiativeLink(db.Model):
    __tablename__ = "initiative_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(sa.String(120))
    url: Mapped[str] = mapped_column(sa.String(500))
    position: Mapped[int] = mapped_column(default=0)


class InitiativeImage(db.Model):
    """A picture of the initiative, stored under instance/initiative-images/ by a random key, with its alt text."""

    __tablename__ = "initiative_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    uploader_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    alt_text: Mapped[str] = mapped_column(sa.String(300))
    content_type: Mapped[str] = mapped_column(sa.String(40))
    size: Mapped[int]
    storage_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class InitiativeCuration(db.Model):
    """One coordinator's curation of an initiative: who, when, what, why. Never changed."""

    __tablename__ = "initiative_curations"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[CurationAction] = mapped_column(enum_column(CurationAction, "curation_action"))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("initiatives.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor: Mapped["User | None"] = relationship(lazy="joined")  # noqa: F821


class ImportAction(enum.Enum):
    """What an import run does with its file: only check it, import it whole, or import its valid rows only."""

    CHECK = "check"
    IMPORT = "import"
    VALID_ONLY = "valid_only"


class ImportStatus(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class ImportRun(db.Model):
    """A coordinator's import of a large file, run as a background job: its progress, counts and problems."""

    __tablename__ = "initiative_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    file_name: Mapped[str] = mapped_column(sa.String(255))
    upload_key: Mapped[str] = mapped_column(sa.String(64))  # the kept file, under IMPORT_UPLOADS_DIR
    action: Mapped[ImportAction] = mapped_column(enum_column(ImportAction, "import_action"))
    status: Mapped[ImportStatus] = mapped_column(enum_column(ImportStatus, "import_status"),
                                                 default=ImportStatus.QUEUED)
    total_rows: Mapped[int] = mapped_column(default=0)
    rows_done: Mapped[int] = mapped_column(default=0)  # rows checked so far
    created: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)  # rows that read exactly like their initiative already
    skipped: Mapped[int] = mapped_column(default=0)  # rows with problems, left out
    mapping: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {"columns": [[header, field]], "ignored": …}
    problems: Mapped[list] = mapped_column(sa.JSON, default=list)  # [[row, column, message]]
    error: Mapped[str | None] = mapped_column(sa.Text)  # why a failed run failed
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped["User | None"] = relationship()  # noqa: F821

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
