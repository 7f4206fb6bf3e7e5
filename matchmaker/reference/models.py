"""Departments, SDGs and the shared vocabulary of the two sides of the market."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db


class Department(db.Model):
    """A department of Politecnico di Torino; every academic belongs to one."""

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    name_it: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))

    def name_in(self, language: str) -> str:
        return self.name_it if language == "it" else self.name_en

    def __repr__(self) -> str:
        return f"<Department {self.code}>"


class SDG(db.Model):
    """One of the 17 UN Sustainable Development Goals, identified by its number."""

    __tablename__ = "sdgs"
    __table_args__ = (sa.CheckConstraint("number BETWEEN 1 AND 17", name="number_range"),)

    number: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name_it: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))

    def name_in(self, language: str) -> str:
        return self.name_it if language == "it" else self.name_en

    def __repr__(self) -> str:
        return f"<SDG {self.number}>"


class HelpKind(enum.Enum):
    """The kind of help a challenge seeks, and the kind of help an offer gives: one list for both sides."""

    RESEARCH_ACTION = "research_action"
    TECHNICAL_SUPPORT = "technical_support"
    STUDENT_PROJECT = "student_project"
    TRAINING = "training"
    LAB_ACCESS = "lab_access"
    VOLUNTEERING = "volunteering"
    OTHER = "other"


class Scale(enum.Enum):
    """How far a challenge reaches."""

    NEIGHBOURHOOD = "neighbourhood"
    CITY = "city"
    REGION = "region"
    NATIONAL = "national"
    INTERNATIONAL = "international"
