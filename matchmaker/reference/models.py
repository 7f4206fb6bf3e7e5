"""Departments, SDGs and the shared vocabulary of the two sides of the market."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

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
    # The goal's statement ("End poverty in all its forms everywhere"), empty until `flask load-sdgs` reads it.
    statement_it: Mapped[str] = mapped_column(sa.Text, server_default="")
    statement_en: Mapped[str] = mapped_column(sa.Text, server_default="")

    # Read only where shown (a goal's page): every list of challenges loads their goals, never their targets.
    targets: Mapped[list["SDGTarget"]] = relationship(order_by="SDGTarget.position", lazy="select", viewonly=True)

    def name_in(self, language: str) -> str:
        return self.name_it if language == "it" else self.name_en

    def statement_in(self, language: str) -> str:
        return (self.statement_it if language == "it" else self.statement_en) or self.statement_en

    def __repr__(self) -> str:
        return f"<SDG {self.number}>"


class SDGTarget(db.Model):
    """One of the 169 targets under the goals ("1.1", "11.7", "3.a"), in both languages."""

    __tablename__ = "sdg_targets"

    code: Mapped[str] = mapped_column(sa.String(8), primary_key=True)
    goal: Mapped[int] = mapped_column(sa.ForeignKey("sdgs.number"), index=True)
    text_it: Mapped[str] = mapped_column(sa.Text)
    text_en: Mapped[str] = mapped_column(sa.Text)
    position: Mapped[int] = mapped_column(default=0)  # its order under the goal: 1.1 ... 1.5, 1.a, 1.b

    def text_in(self, language: str) -> str:
        return (self.text_it if language == "it" else self.text_en) or self.text_en


class SDGIndicator(db.Model):
    """One of the UN's indicators under a target ("1.1.1"), in English: what the suggester reads besides the
    targets."""

    __tablename__ = "sdg_indicators"

    code: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    target: Mapped[str] = mapped_column(sa.ForeignKey("sdg_targets.code"), index=True)
    text_en: Mapped[str] = mapped_column(sa.Text)


class SDGQueryPhrase(db.Model):
    """A phrase of the Aurora Universities Network's SDG queries (CC BY 4.0) that marks a text as addressing a goal,
    or a target of it."""

    __tablename__ = "sdg_query_phrases"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal: Mapped[int] = mapped_column(sa.ForeignKey("sdgs.number"), index=True)
    target: Mapped[str | None] = mapped_column(sa.String(8))
    phrase: Mapped[str] = mapped_column(sa.String(300))
    language: Mapped[str] = mapped_column(sa.String(2), default="en")


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
