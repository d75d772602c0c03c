"""What an op may say: the shared tables, their columns and keys, and how values are stored.

Ops name tables and columns that end up in SQL, so only the captured tables of
`store.models` and their own columns pass. Values travel as the capture encoded them
(dates and datetimes as ISO text) and are stored exactly as SQLAlchemy stores them, so a row
applied from a bundle and the same row written locally are identical byte for byte.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, partial
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, inspect

from govperf_desktop.store.models import CAPTURED_TABLES, Base
from govperf_desktop.sync.bundle import BundleError

ACTIONS = ("insert", "update", "delete")
OP_TEXT_FIELDS = ("id", "node", "hlc", "table", "record", "action", "at", "prev", "hash")
_CLOCK = re.compile(r"[0-9]{16}-[0-9]{4,}")
_TEXT_FIELDS = itemgetter(*OP_TEXT_FIELDS)
_TEXT_ONLY = {str}


@dataclass(frozen=True)
class TableInfo:
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    kinds: dict[str, str]  # column -> "datetime" | "date" | "bool" | "plain"


@cache
def table_info(name: str) -> TableInfo:
    for mapper in Base.registry.mappers:
        table = mapper.class_.__tablename__
        if table == name:
            kinds = {}
            for column in mapper.columns:
                if isinstance(column.type, DateTime):
                    kinds[column.key] = "datetime"
                elif isinstance(column.type, Date):
                    kinds[column.key] = "date"
                elif isinstance(column.type, Boolean):
                    kinds[column.key] = "bool"
                else:
                    kinds[column.key] = "plain"
            key = tuple(column.key for column in inspect(mapper.class_).primary_key)
            return TableInfo(name, tuple(kinds), key, kinds)
    raise KeyError(name)


def stored_value(kind: str, value: Any, postgresql: bool = False) -> Any:
    """A JSON value as SQLAlchemy's SQLite dialect stores it; `postgresql`: as psycopg
    binds it (the same text for datetimes and dates, which the server parses; a boolean)."""
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M:%S.%f")
    if kind == "bool":
        if postgresql:
            return bool(value)
        return 1 if value else 0
    return value


def _stored_datetime(value: Any) -> Any:
    if value is None:
        return None
    if type(value) is str and value[10:11] == "T":  # the capture's isoformat, the usual case
        if len(value) == 26:
            return f"{value[:10]} {value[11:]}"
        if len(value) == 19:
            return f"{value[:10]} {value[11:]}.000000"
    return stored_value("datetime", value)


@cache
def row_converter(table: str, postgresql: bool = False) -> Callable[[dict[str, Any]], tuple]:
    """A function from an op's complete `after` to the row's values as stored, in column
    order (the same values as `stored_value`, without a call per plain column)."""
    info = table_info(table)
    if len(info.columns) == 1:
        only = info.columns[0]
        return lambda after: (stored_value(info.kinds[only], after[only], postgresql),)
    get = itemgetter(*info.columns)
    special = [
        (
            index,
            _stored_datetime
            if kind == "datetime"
            else partial(stored_value, kind, postgresql=postgresql),
        )
        for index, kind in enumerate(info.kinds.values())
        if kind != "plain"
    ]
    if not special:
        return get  # type: ignore[return-value]

    def convert(after: dict[str, Any]) -> tuple:
        values = list(get(after))
        for index, function in special:
            values[index] = function(values[index])
        return tuple(values)

    return convert


def record_key_of(info: TableInfo, row: dict[str, Any]) -> str:
    if len(info.key) == 1:
        return str(row.get(info.key[0]))
    return "/".join(str(row.get(column)) for column in info.key)


def safe_file_name(name: Any) -> bool:
    """An attachment name is a plain file name: no folders, no drive, no control characters."""
    if not isinstance(name, str) or not name.strip() or len(name) > 255:
        return False
    if name in (".", "..") or any(ch in name for ch in "/\\:\0") or name.startswith("~"):
        return False
    return all(ord(ch) >= 32 for ch in name)


def _values(op: dict[str, Any], key: str, name: str) -> dict[str, Any] | None:
    text = op.get(key)
    if text is None:
        return None
    if not isinstance(text, str):
        raise BundleError(f"{name}: op {op.get('seq')} is malformed.")
    try:
        values = json.loads(text)
    except ValueError:
        raise BundleError(f"{name}: op {op.get('seq')} is malformed.") from None
    if not isinstance(values, dict):
        raise BundleError(f"{name}: op {op.get('seq')} is malformed.")
    return values


@cache
def _column_sets(table: str) -> tuple[frozenset[str], frozenset[str]]:
    info = table_info(table)
    return frozenset(info.columns), frozenset(info.key)


UNPARSED: Any = object()


def check_op_shape(op: dict[str, Any], name: str, parsed_after: Any = UNPARSED) -> None:
    """Refuse an op naming an unknown table or column, or carrying an unsafe file name.
    Leaves the parsed `after` values in op["_after"]. `parsed_after`: op["after"] already
    parsed by the caller (a dict, or None when the op has none), as `json.loads` gives it."""
    seq = op.get("seq")
    try:
        kinds = set(map(type, _TEXT_FIELDS(op)))
    except KeyError:
        kinds = set()
    if type(seq) is not int or kinds != _TEXT_ONLY:
        raise BundleError(f"{name}: op {seq} is malformed.")
    if not _CLOCK.fullmatch(op["hlc"]):
        raise BundleError(f"{name}: op {seq} is malformed (its clock {op['hlc']!r}).")
    if op["action"] not in ACTIONS:
        raise BundleError(f"{name}: op {seq} has an unknown action {op['action']!r}.")
    if op["table"] not in CAPTURED_TABLES:
        raise BundleError(f"{name}: op {seq} writes {op['table']!r}, which is not shared data.")
    info = table_info(op["table"])
    columns, key = _column_sets(op["table"])
    before = _values(op, "before", name)
    after = _values(op, "after", name) if parsed_after is UNPARSED else parsed_after
    for values in (before, after):
        if values and not columns.issuperset(values):
            unknown = sorted(set(values) - columns)
            raise BundleError(f"{name}: op {seq} names unknown columns {unknown} of {op['table']}.")
    if op["action"] == "insert" and (
        not after or len(after) != len(columns) or record_key_of(info, after) != op["record"]
    ):
        raise BundleError(f"{name}: op {seq} inserts an incomplete {op['table']} row.")
    if op["action"] == "update" and (not after or not key.isdisjoint(after)):
        raise BundleError(f"{name}: op {seq} changes the key of a {op['table']} row.")
    if op["action"] == "delete" and (not before or record_key_of(info, before) != op["record"]):
        raise BundleError(f"{name}: op {seq} deletes an unnamed {op['table']} row.")
    if (
        op["table"] == "submission_files"
        and after
        and "name" in after
        and not safe_file_name(after["name"])
    ):
        raise BundleError(
            f"{name}: op {seq} names an attached file {after['name']!r}, which is not a plain "
            "file name; refused."
        )
    if op["actor"] is not None and not isinstance(op["actor"], str):
        raise BundleError(f"{name}: op {seq} is malformed.")
    op["_after"] = after or {}  # parsed once: the import applies it from here
