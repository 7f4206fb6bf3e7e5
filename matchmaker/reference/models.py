"""Departments and SDGs: small tables seeded once and read everywhere."""
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
