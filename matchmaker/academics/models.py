"""An academic's profile (their standing offer of expertise) and their publications."""
import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.db import Timestamps, Versioned, sdg_link_table
from matchmaker.extensions import db
from matchmaker.reference.models import SDG, Department
from matchmaker.types import UTCDateTime, enum_column, utcnow


class AcademicRole(enum.Enum):
    FULL_PROFESSOR = "full_professor"
    ASSOCIATE_PROFESSOR = "associate_professor"
    RESEARCHER = "researcher"
    POSTDOC = "postdoc"
    PHD_STUDENT = "phd_student"
    LAB_STAFF = "lab_staff"
    OTHER = "other"


profile_sdgs = sdg_link_table("profile_sdgs", "academic_profiles", "user_id", owner_key="user_id")


class AcademicProfile(Timestamps, Versioned, db.Model):
    """What an academic knows and how much they can take on; shown in the directory when they opt in, and
    suggested to organisations unless they decline."""

    __tablename__ = "academic_profiles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    academic_role: Mapped[AcademicRole | None] = mapped_column(enum_column(AcademicRole, "academic_role"))
    biography: Mapped[str] = mapped_column(sa.Text, default="")
    expertise: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    capacity_per_semester: Mapped[int] = mapped_column(default=1)
    available: Mapped[bool] = mapped_column(default=True)
    directory_opt_in: Mapped[bool] = mapped_column(default=False, index=True)
    # Its own choice, apart from the directory: being suggested to organisations is why academics join.
    suggest_to_organisations: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    user: Mapped["User"] = relationship(back_populates="academic_profile")  # noqa: F821
    department: Mapped[Department] = relationship(lazy="joined")
    sdgs: Mapped[list[SDG]] = relationship(secondary=profile_sdgs, order_by=SDG.number, lazy="selectin")
    publications: Mapped[list["Publication"]] = relationship(
        back_populates="profile", cascade="all, delete-orphan", order_by="Publication.year.desc()")

    __table_args__ = (sa.CheckConstraint("capacity_per_semester BETWEEN 0 AND 50", name="capacity_range"),)


class Publication(db.Model):
    """A paper or report of an academic: its title and abstract tell what they know."""

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("academic_profiles.user_id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(500))
    abstract: Mapped[str] = mapped_column(sa.Text, default="")
    year: Mapped[int | None]
    venue: Mapped[str] = mapped_column(sa.String(300), default="")
    url: Mapped[str | None] = mapped_column(sa.String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    profile: Mapped[AcademicProfile] = relationship(back_populates="publications")
