"""Seeding and reading the reference data."""
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.reference.data import DEPARTMENTS, SDGS
from matchmaker.reference.models import SDG, Department


def seed_reference_data() -> None:
    """Insert any department or SDG that is missing and refresh the names of the rest. Flushes."""
    departments = {d.code: d for d in db.session.scalars(sa.select(Department))}
    for code, name_it, name_en in DEPARTMENTS:
        department = departments.get(code) or Department(code=code)
        department.name_it, department.name_en = name_it, name_en
        db.session.add(department)
    sdgs = {s.number: s for s in db.session.scalars(sa.select(SDG))}
    for number, name_it, name_en in SDGS:
        sdg = sdgs.get(number) or SDG(number=number)
        sdg.name_it, sdg.name_en = name_it, name_en
        db.session.add(sdg)
    db.session.flush()


def list_departments() -> list[Department]:
    return list(db.session.scalars(sa.select(Department).order_by(Department.code)))


def list_sdgs() -> list[SDG]:
    return list(db.session.scalars(sa.select(SDG).order_by(SDG.number)))


def department_by_code(code: str) -> Department | None:
    return db.session.scalar(sa.select(Department).where(Department.code == code.strip().upper()))
