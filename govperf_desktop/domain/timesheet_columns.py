"""Columns and cells of a timesheet file (data migration, 数据迁移): pure parsing.

A file's header row is mapped to the fields of an entry, automatically from Chinese or
English headers (姓名/person, 部门/department, 任务编号/task, 指标/indicator, 日期/date,
工时/hours, 加班/overtime, 备注/note, ...) or by an explicit mapping ("工时=hours,姓名=person")
that wins over the automatic one. Cells are parsed with a reason a clerk understands when
they cannot be: dates as 2026-11-03, 2026/11/3, 2026年11月3日 or Excel dates (a date cell or
a serial number), hours as numbers (full-width digits and a trailing "h"/"小时" accepted).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from govperf_desktop.domain.errors import ValidationError

FIELDS = (
    "person",
    "department",
    "task",
    "indicator",
    "period",
    "date",
    "hours",
    "overtime",
    "note",
)
REQUIRED = ("person", "task", "date", "hours")

# Headers as they appear in exported files and in the offices' own spreadsheets, normalised
# (see `normalise_header`).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "person": ("姓名", "人员", "员工", "员工姓名", "填报人", "person", "name", "employee"),
    "department": ("部门", "所属部门", "单位", "department", "dept"),
    "task": ("任务编号", "任务", "任务id", "任务代码", "task", "taskid", "taskcode", "task_id"),
    "indicator": ("指标", "指标名称", "绩效指标", "indicator", "indicatorname"),
    "period": ("指标周期", "考核周期", "period", "indicatorperiod"),
    "date": ("日期", "工作日期", "date", "workdate", "work_date", "day"),
    "hours": ("工时", "小时", "时长", "工时数", "hours", "hour"),
    "overtime": ("加班", "加班工时", "加班时长", "overtime", "overtimehours"),
    "note": ("备注", "说明", "工作内容说明", "note", "notes", "remark", "remarks", "comment"),
}
_ALIAS_TO_FIELD = {alias: field for field, aliases in HEADER_ALIASES.items() for alias in aliases}
_UNITS = re.compile(r"[（(][^）)]*[）)]")  # "工时（小时）" → "工时"
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 in Excel's (Lotus) count
_CHINESE_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$")
_NUMERIC_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def normalise_header(text: object) -> str:
    """A header as a lookup key: NFKC, lower case, no units in brackets, no spaces."""
    cleaned = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    cleaned = _UNITS.sub("", cleaned)
    return re.sub(r"[\s\-]+", "", cleaned)


def parse_mapping(text: str) -> dict[str, str]:
    """'工时=hours,姓名=person' → {header: field}; refuses unknown fields."""
    mapping: dict[str, str] = {}
    for part in text.replace("，", ",").split(","):
        if not part.strip():
            continue
        header, sep, field = part.partition("=")
        field = field.strip().lower()
        if not sep or not header.strip():
            raise ValidationError(
                f"Column mapping {part.strip()!r} is not HEADER=FIELD (e.g. 工时=hours)."
            )
        if field not in FIELDS:
            raise ValidationError(
                f"Column mapping {part.strip()!r} names unknown field {field!r}; fields are: "
                f"{', '.join(FIELDS)}."
            )
        mapping[header.strip()] = field
    return mapping


def map_columns(
    headers: list[str], explicit: dict[str, str] | None = None
) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field, and the headers that are ignored.

    `explicit` maps headers to fields and wins over the automatic detection.
    """
    explicit = explicit or {}
    columns: dict[str, int] = {}
    by_header = {str(header).strip(): index for index, header in enumerate(headers)}
    for index, header in enumerate(headers):  # "工时（小时）" typed as "工时(小时)" also matches
        by_header.setdefault(unicodedata.normalize("NFKC", str(header)).strip(), index)
    for header, field in explicit.items():
        header = header.strip()
        header = header if header in by_header else unicodedata.normalize("NFKC", header)
        if header not in by_header:
            raise ValidationError(
                f"The file has no column {header!r} to map to {field}; its columns are: "
                f"{', '.join(str(h) for h in headers)}."
            )
        if field in columns:
            raise ValidationError(f"Two columns are mapped to {field}; map one only.")
        columns[field] = by_header[header]
    ignored: list[str] = []
    for index, header in enumerate(headers):
        if index in columns.values():
            continue
        field = _ALIAS_TO_FIELD.get(normalise_header(header))
        if field is None or field in columns:
            if str(header or "").strip():
                ignored.append(str(header).strip())
            continue
        columns[field] = index
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        wanted = " / ".join(f"{HEADER_ALIASES[f][0]} ({f})" for f in missing)
        raise ValidationError(
            f"The file has no column for {wanted}; name the header or map it with "
            "--map HEADER=FIELD."
        )
    return columns, ignored


def cell_text(value: object) -> str:
    """A cell as trimmed text (numbers without a trailing .0; '' for empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.startswith("'") and text[1:2] in FORMULA_STARTS:
        return text[1:]  # written that way by our export so spreadsheets do not run it
    return text


def parse_date(value: object) -> date:
    """A work date from a cell; ValueError with the reason when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _excel_serial(float(value))
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if not text:
        raise ValueError("the date is empty")
    for pattern in (_NUMERIC_DATE, _CHINESE_DATE, _COMPACT_DATE):
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise ValueError(f"date {text!r} does not exist") from None
    try:
        return _excel_serial(float(text))
    except ValueError:
        raise ValueError(f"{text!r} is not a date like 2026-11-03") from None


def _excel_serial(serial: float) -> date:
    if not 20000 <= serial < 80000:  # 1954 .. 2119: anything else is not a work date
        raise ValueError(f"{serial:g} is not a date like 2026-11-03")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def parse_hours(value: object, what: str = "hours") -> float:
    """A number of hours from a cell; ValueError with the reason when it is not one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = unicodedata.normalize("NFKC", str(value or "")).strip().lower()
        text = re.sub(r"\s*(小时|hours|hour|hrs|h)$", "", text)
        if not text:
            raise ValueError(f"{what} are empty")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{what} {str(value).strip()!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{what} {value!r} is not a number")
    return number
