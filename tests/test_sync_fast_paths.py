"""The import's shortcuts give exactly what the plain definitions give.

`oplog.hash_of` (a prebuilt C encoder) against `domain.ophash.op_hash`; `bundle.parse_objects`
(a batch of JSON texts in one `json.loads`) against `json.loads` per text, including texts
made to fool the batch (a "}," inside a string, whitespace between values, several values in
one text); the staging file's round trip of ops and their parsed `after` values.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from govperf_desktop.services.org import add_department
from govperf_desktop.store.store import Store
from govperf_desktop.sync.apply import Applier
from govperf_desktop.sync.bundle import parse_objects
from govperf_desktop.sync.oplog import OP_KEYS, hash_of, reference_hash_of
from govperf_desktop.sync.staging import Staging

_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_objects = st.dictionaries(_text, _json_values, max_size=4)


def _op(seq: int, before: str | None, after: str | None, note: str) -> dict[str, Any]:
    return {
        "id": f"change-{seq}-{note}",
        "node": "node\u6c11\u653f",
        "seq": seq,
        "hlc": "0001795904452523-0026",
        "actor": None if seq % 2 else f"actor {note}",
        "table": "timesheet_entries",
        "record": note,
        "action": "update",
        "before": before,
        "after": after,
        "at": "2026-11-02 01:00:00.000000",
        "prev": "0" * 64,
        "hash": "",
    }


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=1, max_value=2**62),
    st.one_of(st.none(), _objects.map(json.dumps)),
    st.one_of(st.none(), _objects.map(lambda value: json.dumps(value, ensure_ascii=False))),
    _text,
)
def test_the_fast_op_hash_is_the_defined_one(
    seq: int, before: str | None, after: str | None, note: str
) -> None:
    op = _op(seq, before, after, note)
    assert hash_of(op) == reference_hash_of(op)


def _per_text(texts: list[Any]) -> list[Any]:
    return [None if text is None else json.loads(text) for text in texts]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            _objects.map(json.dumps),
            _objects.map(lambda value: json.dumps(value, ensure_ascii=False, indent=1)),
            _objects.map(lambda value: json.dumps(value, separators=(",", ":"))),
        ),
        max_size=12,
    )
)
def test_a_batch_parse_gives_what_parsing_each_text_gives(texts: list[str | None]) -> None:
    parsed = parse_objects(texts)
    if parsed is not None:
        assert parsed == _per_text(texts)
        assert [type(value) for value in parsed] == [type(value) for value in _per_text(texts)]


def test_texts_that_could_fool_a_batch_parse_are_parsed_one_by_one() -> None:
    assert parse_objects(['{"a":1},{"b":2', '{"c":3}']) is None  # two values in one text
    assert parse_objects(['{"a":"x},"}', '{"b":1}']) is None  # "}," inside a string
    assert parse_objects(['{"a":1} ,{"b":2}']) is None
    assert parse_objects(['{"a":[1', "2]}"]) is None  # one value over two texts
    assert parse_objects(['{"a":1}', "[1]"]) is None  # not an object
    assert parse_objects(['{"a":1}', ""]) is None  # empty text
    assert parse_objects(['{"a":1}', 5]) is None  # not text
    assert parse_objects([None, None]) is None
    assert parse_objects(['{"a":1}', None, '{"a":{"b":[]}}']) == [{"a": 1}, None, {"a": {"b": []}}]
    assert parse_objects(['{"a":1,"a":2}']) == [json.loads('{"a":1,"a":2}')]


def test_staged_ops_come_back_in_order_with_their_after_values(tmp_path: Path) -> None:
    texts = ['{"note":"x},y","hours":1.5}', None, '{"id":"r2"}', "{}"]
    ops = [_op(seq, None, after, f"r{seq}") for seq, after in enumerate(texts * 1500, start=1)]
    with Staging(tmp_path) as staging:
        for op in ops:
            staging.add(op)
        staging.seal()
        back = list(staging.ops())
    assert len(back) == len(ops)
    for op, staged in zip(ops, back, strict=True):
        assert {key: staged[key] for key in OP_KEYS} == op
        assert staged["_row"] == tuple(op[key] for key in OP_KEYS)
        assert staged["_after"] == (json.loads(op["after"]) if op["after"] else {})
    assert not list(tmp_path.iterdir())


def test_new_rows_already_in_a_table_end_as_the_upsert_would_write_them(store: Store) -> None:
    """The batched path inserts plainly; a row already there (a record this store got before
    it kept a log) sends the batch row by row through the upsert and the clash rules: the
    same end as the upsert for the whole batch (the code before the plain insert)."""
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    kept = add_department(store, "Finance", now=now)
    add_department(store, "Audit", now=now)
    stamp = "2026-11-02 09:00:00.000000"
    rows = [
        (kept.id, "Finance renamed", stamp),  # already there
        ("f" * 32, "Statistics", stamp),
        ("e" * 32, "Audit", stamp),  # the name of another record: a clash
    ]

    def upsert_all(applier: Applier) -> None:
        try:
            applier.db.executemany(applier._upsert("departments"), rows)
        except sqlite3.IntegrityError:
            for row in rows:
                applier._write("departments", row)

    ends = []
    for write in (lambda applier: applier._insert_rows("departments", rows), upsert_all):
        connection = store.engine.raw_connection()
        try:
            db = connection.driver_connection
            db.execute("BEGIN")
            write(Applier(db, {}, "test.govperf", now, root_key=""))
            ends.append(
                (
                    db.execute("SELECT * FROM departments ORDER BY id").fetchall(),
                    db.execute("SELECT table_name, record_id FROM sync_conflicts").fetchall(),
                )
            )
            db.execute("ROLLBACK")
        finally:
            connection.close()
    assert ends[0] == ends[1]
    names = {name for _, name, _ in ends[0][0]}
    assert {"Finance renamed", "Statistics"} <= names
