"""Which indicator values a published figure counts: public initiatives only, never a disputed value, confirmed
ones only when asked, narrowed by year, SDG, department and kind; the sums computed here again, row by row."""
import itertools
import random

import pytest
import sqlalchemy as sa

from matchmaker.extensions import db
from matchmaker.impact import figures
from matchmaker.impact.figures import FigureFilters
from matchmaker.impact.models import Indicator, IndicatorValue, Verification
from matchmaker.initiatives.models import InterventionKind
from matchmaker.types import utcnow


def _indicator(code: str) -> Indicator:
    return db.session.scalar(sa.select(Indicator).where(Indicator.code == code))


def _value(initiative, code, year, value, state=Verification.DECLARED):
    row = IndicatorValue(initiative_id=initiative.id, indicator=_indicator(code), year=year, value=value,
                         method="Counted at the door", measured_by="The lead", state=state,
                         state_reason="Counted twice" if state is Verification.DISPUTED else None)
    db.session.add(row)
    db.session.commit()
    return row


@pytest.fixture
def register(make):
    """Public initiatives with values in every state, and initiatives the public does not see, each with values."""
    rng = random.Random(12)
    public = [make.initiative(sdgs=sdgs, departments=departments, kind=kind)
              for sdgs, departments, kind in [((11,), ("DIST",), InterventionKind.CO_DESIGN),
                                              ((4, 11), ("DAUIN", "DIST"), InterventionKind.TRAINING),
                                              ((3,), ("DAUIN",), InterventionKind.CO_DESIGN)]]
    pending = make.initiative(approved=False, sdgs=(11,))
    hidden = make.initiative(sdgs=(11,), hidden_at=utcnow(), hidden_reason="Spam")
    merged = make.initiative(sdgs=(11,))
    merged.merged_into_id = public[0].id
    db.session.commit()
    states = itertools.cycle(list(Verification))
    for initiative, code, year in itertools.product(public + [pending, hidden, merged],
                                                    ("people_reached", "events", "further_funding"),
                                                    (2023, 2024, 2025)):
        _value(initiative, code, year, float(rng.randint(0, 500)), next(states))
    return public


def _by_hand(rows, keep) -> dict[str, float]:
    sums: dict[str, float] = {}
    for row in rows:
        if keep(row):
            sums[row.indicator.code] = sums.get(row.indicator.code, 0.0) + row.value
    return sums


def _counted_by_hand(public, keep=lambda row: True, verified=False):
    rows = [row for initiative in public for row in initiative.values]
    return _by_hand(rows, lambda row: row.state is not Verification.DISPUTED
                    and (not verified or row.state is Verification.CONFIRMED) and keep(row))


def test_totals_count_public_initiatives_and_never_a_disputed_value(register):
    assert figures.totals() == pytest.approx(_counted_by_hand(register))


@pytest.mark.parametrize("filters, keep", [
    (FigureFilters(year=2024), lambda row: row.year == 2024),
    (FigureFilters(sdg=11), lambda row: 11 in {s.number for s in row.initiative.sdgs}),
    (FigureFilters(department="DAUIN"), lambda row: "DAUIN" in {d.code for d in row.initiative.departments}),
    (FigureFilters(kind="co_design"), lambda row: row.initiative.kind is InterventionKind.CO_DESIGN),
    (FigureFilters(year=2025, sdg=4), lambda row: row.year == 2025 and 4 in {s.number for s in row.initiative.sdgs}),
])
def test_totals_follow_each_filter(register, filters, keep):
    assert figures.totals(filters) == pytest.approx(_counted_by_hand(register, keep))
    verified = FigureFilters(**{**filters.__dict__, "verified": True})
    assert figures.totals(verified) == pytest.approx(_counted_by_hand(register, keep, verified=True))


def test_breakdowns_by_year_sdg_and_department_match_their_filters(register):
    for year, sums in figures.by_year().items():
        assert sums == pytest.approx(figures.totals(FigureFilters(year=year)))
    for number, sums in figures.by_sdg().items():
        assert sums == pytest.approx(figures.totals(FigureFilters(sdg=number)))
    assert set(figures.by_sdg()) == {3, 4, 11}
    for code, sums in figures.by_department().items():
        assert sums == pytest.approx(figures.totals(FigureFilters(department=code)))


def test_the_confirmed_share_is_the_confirmed_part_of_each_total(register):
    everything, confirmed = _counted_by_hand(register), _counted_by_hand(register, verified=True)
    for code, share in figures.confirmed_share().items():
        assert share == pytest.approx(confirmed.get(code, 0.0) / everything[code])


def test_an_empty_register_has_no_figures(app):
    assert figures.totals() == {} and figures.by_year() == {} and figures.confirmed_share() == {}
