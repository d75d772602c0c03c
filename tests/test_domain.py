"""Pure domain rules, tested without a database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govperf_desktop.domain.dependencies import find_cycle
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.ids import is_record_id, uuid7_hex, uuid7_unix_ms
from govperf_desktop.domain.timesheets import validate_day_total, validate_entry_hours


@given(st.integers(0, 2**48 - 1), st.integers(0, 2**74 - 1))
def test_uuid7_carries_its_time_and_version(unix_ms: int, bits: int) -> None:
    record_id = uuid7_hex(unix_ms, bits)
    assert is_record_id(record_id)
    assert uuid7_unix_ms(record_id) == unix_ms
    assert record_id[12] == "7"  # version nibble
    assert record_id[16] in "89ab"  # RFC 9562 variant


@given(st.integers(0, 2**48 - 2), st.integers(0, 2**74 - 1), st.integers(0, 2**74 - 1))
def test_uuid7_sorts_by_time(unix_ms: int, bits_a: int, bits_b: int) -> None:
    assert uuid7_hex(unix_ms, bits_a) < uuid7_hex(unix_ms + 1, bits_b)


def test_uuid7_is_the_standard_layout() -> None:
    import uuid

    parsed = uuid.UUID(uuid7_hex(1_700_000_000_000, 12345))
    assert parsed.version == 7 and parsed.variant == uuid.RFC_4122


@pytest.mark.parametrize("hours", [0.25, 8, 24])
def test_possible_hours_pass(hours: float) -> None:
    validate_entry_hours(hours, 0, date(2026, 11, 2))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_hours_outside_0_to_24_are_always_refused(hours: float) -> None:
    if 0 < hours <= 24:
        validate_entry_hours(hours, 0, date(2026, 11, 2))
    else:
        with pytest.raises(ValidationError):
            validate_entry_hours(hours, 0, date(2026, 11, 2))


def test_day_total_allows_exactly_24_and_refuses_more() -> None:
    validate_day_total("张伟", date(2026, 11, 2), 16, 8)
    with pytest.raises(ValidationError, match=r"张伟 would have 24\.5 hours"):
        validate_day_total("张伟", date(2026, 11, 2), 16, 8.5)


def test_cycle_detection() -> None:
    assert find_cycle({"a": ["b"], "b": ["c"], "c": []}) is None
    assert find_cycle({"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": []}) is None  # diamond
    cycle = find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]})
    assert cycle is not None and cycle[0] == cycle[-1] and set(cycle) == {"a", "b", "c"}
    assert find_cycle({"a": ["a"]}) == ["a", "a"]


def test_long_chains_do_not_hit_the_recursion_limit() -> None:
    chain = {str(i): [str(i + 1)] for i in range(20_000)}
    assert find_cycle(chain) is None
    chain["19999"] = ["0"]
    assert find_cycle(chain) is not None
