"""Seeding and reading the reference data."""
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.impact.catalogue import STANDARD_INDICATORS
from matchmaker.impact.models import Indicator, OutcomeKind
from matchmaker.reference.data import DEPARTMENTS, SDGS
from matchmaker.reference.models import SDG, Department


def seed_reference_data() -> None:
    """Insert any department, SDG or standard indicator that is missing and refresh the names of the rest (the
    migrations seed the same; the tests and the demo build their schema without them). Flushes."""
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
    indicators = {i.code: i for i in db.session.scalars(sa.select(Indicator).where(Indicator.custom.is_(False)))}
    for position, (code, outcome, name_en, name_it, unit_en, unit_it) in enumerate(STANDARD_INDICATORS):
        indicator = indicators.get(code) or Indicator(code=code, custom=False)
        indicator.outcome, indicator.position = OutcomeKind(outcome), position
        indicator.name_en, indicator.name_it, indicator.unit_en, indicator.unit_it = name_en, name_it, unit_en, unit_it
        db.session.add(indicator)
    db.session.flush()


def list_departments() -> list[Department]:
    return list(db.session.scalars(sa.select(Department).order_by(Department.code)))


def list_sdgs() -> list[SDG]:
    return list(db.session.scalars(sa.select(SDG).order_by(SDG.number)))


def department_by_code(code: str) -> Department | None:
    return db.session.scalar(sa.select(Department).where(Department.code == code.strip().upper()))
