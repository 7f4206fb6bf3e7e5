"""An academic's profile, one per academic user."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.reference.models import Department
from matchmaker.types import UTCDateTime, utcnow


class AcademicProfile(db.Model):
    """What the platform knows of an academic beyond the account: for now, the department."""

    __tablename__ = "academic_profiles"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(sa.ForeignKey("departments.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped["User"] = relationship(back_populates="academic_profile")  # noqa: F821
    department: Mapped[Department] = relationship(lazy="joined")
