"""Writing impact: finding or adding catalogue indicators and carrying a completed proposal's indicators into its
initiative's values. Services flush; the request commits."""
import re
import unicodedata

import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.impact.catalogue import CUSTOM_PREFIX
from matchmaker.impact.models import Indicator, IndicatorValue, OutcomeKind, ValueAction, ValueEvent, Verification

CODE_MAX = 80


def catalogue() -> list[Indicator]:
    """Every indicator, standard ones first in the catalogue's order, then custom ones by name."""
    return list(db.session.scalars(sa.select(Indicator).order_by(Indicator.custom, Indicator.position,
                                                                Indicator.name_en)))


def custom_code(name: str, unit: str) -> str:
    """A stable code for a custom indicator, from its name and unit: the same words give the same code, so values of
    "Families supported (families)" from two initiatives add up under one code."""
    text = unicodedata.normalize("NFKD", f"{name} {unit}").encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "indicator"
    return (CUSTOM_PREFIX + slug)[:CODE_MAX].rstrip("-")


def custom_indicator(name: str, unit: str, outcome: OutcomeKind = OutcomeKind.OTHER) -> Indicator:
    """The custom indicator of that name and unit, added to the catalogue the first time. Flushes."""
    code = custom_code(name, unit)
    indicator = db.session.scalar(sa.select(Indicator).where(Indicator.code == code))
    if indicator is None:
        # A custom indicator is named in the words it was given, in both languages.
        indicator = Indicator(code=code, name_en=name[:200], name_it=name[:200], unit_en=unit[:60],
                              unit_it=unit[:60], outcome=outcome, custom=True, position=1000)
        db.session.add(indicator)
        db.session.flush()
    return indicator


def carry_indicators(initiative, proposal_indicators, year: int) -> list[IndicatorValue]:
    """A completed proposal's measured indicators as the initiative's declared values for the year it completed,
    measured by its academics. Rows naming the same indicator twice are kept once (the last). Flushes."""
    measured_by = ", ".join(person.user.name for person in initiative.people if person.user is not None)
    by_indicator: dict[int, IndicatorValue] = {}
    for row in proposal_indicators:
        indicator = custom_indicator(row.indicator, row.unit)
        by_indicator[indicator.id] = IndicatorValue(
            indicator=indicator, year=year, value=float(row.value), method=row.method,
            measured_by=(measured_by or "—")[:200], state=Verification.DECLARED, proposal_indicator_id=row.id,
            recorded_by_id=initiative.created_by_id)
    values = list(by_indicator.values())
    initiative.values.extend(values)
    db.session.flush()
    for value in values:
        db.session.add(ValueEvent(value_id=value.id, action=ValueAction.DECLARED, actor_id=value.recorded_by_id,
                                  value=value.value))
    db.session.flush()
    return values
