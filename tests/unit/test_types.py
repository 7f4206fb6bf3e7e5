"""Timestamps come back in UTC, whatever the database."""
from datetime import UTC, datetime

import pytest

from matchmaker.types import UTCDateTime, utcnow


class _Dialect:
    def __init__(self, name):
        self.name = name


def test_the_clock_is_timezone_aware_utc():
    assert utcnow().tzinfo is UTC


def test_a_naive_timestamp_is_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), _Dialect("postgresql"))


def test_sqlite_round_trip_keeps_the_instant_in_utc():
    column = UTCDateTime()
    rome = datetime.fromisoformat("2026-06-01T12:00:00+02:00")
    stored = column.process_bind_param(rome, _Dialect("sqlite"))
    assert stored == datetime(2026, 6, 1, 10, 0)
    assert column.process_result_value(stored, _Dialect("sqlite")) == rome
