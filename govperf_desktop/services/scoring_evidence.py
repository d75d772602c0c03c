"""The drill-down from a score to every row behind one of its values (`govperf evidence`).

A score tree lists, per value, the first ids of its rows and their count. `evidence_page`
pages through all of them: timesheet entries straight from SQL (a department can have
thousands on one indicator), the other rows (events, submissions, comments, support records:
a few per task) from the same computation as the score.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.domain.scoring import Evidence
from govperf_desktop.domain.scoring_config import METRICS
from govperf_desktop.services import lookup
from govperf_desktop.services.scoring import window_of
from govperf_desktop.services.scoring_facts import load_batch, participants, raw_metrics
from govperf_desktop.services.workdays import load_work_calendar
from govperf_desktop.store import evidence as rows_of
from govperf_desktop.store import metrics as sql
from govperf_desktop.store.store import Store

MAX_PAGE = 1_000
_ALL = 1_000_000  # "no cap" for the few rows per task of the other tables
_ENTRY_METRICS = {"hours_share": False, "overtime_count": True}  # metric -> overtime only


@dataclass(frozen=True)
class EvidenceRowView:
    table: str
    id: str
    at: datetime | date | None
    summary: str


@dataclass(frozen=True)
class EvidencePage:
    indicator: str
    department: str
    metric: str
    table: str
    role: str
    total: int
    offset: int
    rows: tuple[EvidenceRowView, ...]
    tables: tuple[str, ...]  # every table behind this value (choose one with `table`)


def _check(metric: str, offset: int, limit: int) -> None:
    if metric not in METRICS:
        raise ValidationError(f"Unknown sub-metric {metric!r}; choose from: {', '.join(METRICS)}.")
    if offset < 0:
        raise ValidationError("The offset cannot be negative.")
    if not 1 <= limit <= MAX_PAGE:
        raise ValidationError(f"A page holds 1 to {MAX_PAGE} rows, not {limit}.")


def _choose(groups: tuple[Evidence, ...], table: str | None, metric: str) -> Evidence:
    if table is None:
        return groups[0]
    for group in groups:
        if group.table == table:
            return group
    listed = ", ".join(g.table for g in groups) or "none"
    raise ValidationError(f"{metric} has no rows in {table!r}; its tables are: {listed}.")


def evidence_page(
    store: Store,
    *,
    indicator: str,
    department: str,
    metric: str,
    now: datetime,
    table: str | None = None,
    period: str | None = None,
    offset: int = 0,
    limit: int = 50,
) -> EvidencePage:
    """One page of the rows behind `metric` of `department` on `indicator`."""
    _check(metric, offset, limit)
    with store.read() as session:
        found = lookup.indicator(session, indicator)
        home = lookup.department(session, department)
        row = sql.indicators(session, [found.id])[0]
        window = window_of(row, period)
        names = sql.department_names(session)
        facts = load_batch(session, [found.id], window, 0, with_returned_ids=True)[found.id]
        if home.id not in participants(facts):
            raise ValidationError(f"{home.name} does not take part in indicator {found.name}.")
        if metric in _ENTRY_METRICS:
            if table not in (None, "timesheet_entries"):
                raise ValidationError(
                    f"{metric} has no rows in {table!r}; its table is timesheet_entries."
                )
            total, entries = rows_of.entry_page(
                session, found.id, home.id, (window.start, window.end),
                overtime_only=_ENTRY_METRICS[metric], offset=offset, limit=limit,
            )  # fmt: skip
            views = tuple(
                EvidenceRowView(
                    "timesheet_entries", e.id, e.work_date,
                    f"{e.person} on {e.task_code}: {e.hours:g} h"
                    + (f", overtime {e.overtime:g} h" if e.overtime else ""),
                )
                for e in entries
            )  # fmt: skip
            role = (
                "entries with overtime" if _ENTRY_METRICS[metric] else "this department's entries"
            )
            return EvidencePage(
                found.name, home.name, metric, "timesheet_entries", role, total, offset, views,
                ("timesheet_entries",),
            )  # fmt: skip
        inputs = raw_metrics(facts, names, window, now, _ALL, load_work_calendar())
        raw = next(i for i in inputs if i.department_id == home.id).metrics[metric]
        if not raw.evidence:
            return EvidencePage(found.name, home.name, metric, table or "", "", 0, offset, (), ())
        group = _choose(raw.evidence, table, metric)
        page = group.ids[offset : offset + limit]
        described = rows_of.describe(session, group.table, page)
    return EvidencePage(
        indicator=found.name,
        department=home.name,
        metric=metric,
        table=group.table,
        role=group.role,
        total=group.count,
        offset=offset,
        rows=tuple(EvidenceRowView(r.table, r.id, r.at, r.summary) for r in described),
        tables=tuple(g.table for g in raw.evidence),
    )
