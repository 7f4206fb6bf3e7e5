"""Published figures: the one definition of which indicator values count, and their sums by indicator, year, SDG
and department. The dashboard, the annual report, open data and the API all count from here, so their numbers
agree. A value counts when its initiative is public and the value is not disputed; `verified` keeps confirmed
values only."""
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.initiatives.models import Initiative, initiative_departments, initiative_sdgs
from matchmaker.permissions import public_initiatives
from matchmaker.reference.models import Department


@dataclass(frozen=True)
class FigureFilters:
    """What a published figure is narrowed to; None (or False) leaves that side open."""

    year: int | None = None
    sdg: int | None = None
    department: str | None = None  # a department's code
    kind: str | None = None  # an InterventionKind value
    verified: bool = False  # confirmed values only


def counted_values(filters: FigureFilters = FigureFilters()) -> sa.Select:
    """SELECT of the IndicatorValue rows that count under `filters` (joined to their initiative and indicator)."""
    query = (sa.select(IndicatorValue)
             .join(Initiative, Initiative.id == IndicatorValue.initiative_id)
             .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
             .where(public_initiatives(), IndicatorValue.state != Verification.DISPUTED))
    return narrowed(query, filters)


def narrowed(query: sa.Select, filters: FigureFilters) -> sa.Select:
    """`query` (which joins Initiative and IndicatorValue) narrowed to `filters`."""
    if filters.verified:
        query = query.where(IndicatorValue.state == Verification.CONFIRMED)
    if filters.year is not None:
        query = query.where(IndicatorValue.year == filters.year)
    if filters.kind is not None:
        query = query.where(Initiative.kind == filters.kind)
    if filters.sdg is not None:
        query = query.where(Initiative.id.in_(sa.select(initiative_sdgs.c.initiative_id)
                                              .where(initiative_sdgs.c.sdg_number == filters.sdg)))
    if filters.department is not None:
        query = query.where(Initiative.id.in_(
            sa.select(initiative_departments.c.initiative_id)
            .join(Department, Department.id == initiative_departments.c.department_id)
            .where(Department.code == filters.department)))
    return query


def totals(filters: FigureFilters = FigureFilters()) -> dict[str, float]:
    """{indicator code: sum of its counted values}."""
    values = counted_values(filters).subquery()
    query = (sa.select(Indicator.code, sa.func.sum(values.c.value)).select_from(values)
             .join(Indicator, Indicator.id == values.c.indicator_id).group_by(Indicator.code).order_by(Indicator.code))
    return {code: total for code, total in db.session.execute(query)}


def by_year(filters: FigureFilters = FigureFilters()) -> dict[int, dict[str, float]]:
    """{year: {indicator code: sum}}."""
    values = counted_values(filters).subquery()
    query = (sa.select(values.c.year, Indicator.code, sa.func.sum(values.c.value)).select_from(values)
             .join(Indicator, Indicator.id == values.c.indicator_id)
             .group_by(values.c.year, Indicator.code).order_by(values.c.year, Indicator.code))
    return _nested(db.session.execute(query))


def by_sdg(filters: FigureFilters = FigureFilters()) -> dict[int, dict[str, float]]:
    """{SDG number: {indicator code: sum}}. A value of an initiative under two goals counts under each, so these
    do not add up to the totals."""
    values = counted_values(filters).subquery()
    query = (sa.select(initiative_sdgs.c.sdg_number, Indicator.code, sa.func.sum(values.c.value))
             .select_from(values).join(Indicator, Indicator.id == values.c.indicator_id)
             .join(initiative_sdgs, initiative_sdgs.c.initiative_id == values.c.initiative_id)
             .group_by(initiative_sdgs.c.sdg_number, Indicator.code)
             .order_by(initiative_sdgs.c.sdg_number, Indicator.code))
    return _nested(db.session.execute(query))


def by_department(filters: FigureFilters = FigureFilters()) -> dict[str, dict[str, float]]:
    """{department code: {indicator code: sum}}; like by_sdg, a value counts under each of its departments."""
    values = counted_values(filters).subquery()
    query = (sa.select(Department.code, Indicator.code, sa.func.sum(values.c.value))
             .select_from(values).join(Indicator, Indicator.id == values.c.indicator_id)
             .join(initiative_departments, initiative_departments.c.initiative_id == values.c.initiative_id)
             .join(Department, Department.id == initiative_departments.c.department_id)
             .group_by(Department.code, Indicator.code).order_by(Department.code, Indicator.code))
    return _nested(db.session.execute(query))


def confirmed_share(filters: FigureFilters = FigureFilters()) -> dict[str, float]:
    """{indicator code: the part (0..1) of its counted total that is confirmed}: what the dashboard says beside
    every figure."""
    everything = totals(FigureFilters(**{**filters.__dict__, "verified": False}))
    confirmed = totals(FigureFilters(**{**filters.__dict__, "verified": True}))
    return {code: (confirmed.get(code, 0.0) / total if total else 0.0) for code, total in everything.items()}


def _nested(rows) -> dict:
    nested: dict = defaultdict(dict)
    for outer, code, total in rows:
        nested[outer][code] = total
    return dict(nested)
