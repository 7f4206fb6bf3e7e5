"""The demo's indicator values look like five real years of the centre: most public initiatives have a few, over
the catalogue's indicators, in every verification state, with custom indicators too; loading twice adds nothing."""
import json

import pytest
import sqlalchemy as sa

from matchmaker.demo import DATA, DemoDataError, load_demo_content, seed_demo
from matchmaker.extensions import db
from matchmaker.impact import figures
from matchmaker.impact.models import IndicatorValue, ValueEvent, Verification
from matchmaker.initiatives.models import Initiative


def seeded() -> None:
    seed_demo()
    db.session.commit()
    db.session.expire_all()


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_demo_values_come_in_every_verification_state_across_the_catalogue_and_the_years(app):
    seeded()
    values = list(db.session.scalars(sa.select(IndicatorValue)))
    assert {value.state for value in values} == set(Verification)
    confirmed = [value for value in values if value.state is Verification.CONFIRMED]
    assert any(value.state_by_id is not None for value in confirmed), "some are confirmed by a coordinator"
    assert any(value.state_by_id is None and value.state_by_name for value in confirmed), "some by a partner"
    assert all(value.state_reason for value in values if value.state is Verification.DISPUTED)
    assert {value.year for value in values} >= {2022, 2023, 2024, 2025, 2026}
    assert len({value.indicator.code for value in values if not value.indicator.custom}) >= 10
    assert len({value.indicator.code for value in values if value.indicator.custom}) >= 2
    public = [i for i in db.session.scalars(sa.select(Initiative)) if i.is_public]
    with_values = [i for i in public if 2 <= len(i.values) <= 5]
    assert len(with_values) >= 0.8 * len(public)
    assert count(ValueEvent) >= len(values)
    # The published figures count them: the dashboard has something to show, with part of it confirmed.
    shares = figures.confirmed_share()
    assert figures.totals()["people_reached"] > 0 and 0 < shares["people_reached"] < 1


def test_a_second_demo_load_adds_no_value(app):
    seeded()
    before = (count(IndicatorValue), count(ValueEvent))
    seeded()
    assert (count(IndicatorValue), count(ValueEvent)) == before


@pytest.mark.parametrize(("change", "message"), [
    (lambda row: row.update(code="smiles"), "not a standard indicator's code"),
    (lambda row: row.update(state="confirmed", confirmed_by=None, dispute_reason=None), "who confirmed"),
    (lambda row: row.update(state="disputed", confirmed_by=None, dispute_reason=None), "disputed"),
    (lambda row: row.update(value=-1), "a number, 0 or more"),
    (lambda row: row.update(year=1990), "outside the initiative's years"),
])
def test_a_wrong_demo_value_is_refused_before_anything_is_written(app, tmp_path, change, message):
    for source in DATA.iterdir():
        if source.name.endswith(".json"):
            (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    entries = json.loads((tmp_path / "initiatives.json").read_text(encoding="utf-8"))
    change(next(entry for entry in entries if entry["indicators"])["indicators"][0])
    (tmp_path / "initiatives.json").write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DemoDataError, match=message):
        load_demo_content(tmp_path)
