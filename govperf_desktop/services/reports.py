"""Reports as files: the department input report, the score report and the period summary.

    input_report(store, "企业开办时间压缩", now=..., period="2026-10")    # InputReport
    score_report(store, "企业开办时间压缩", now=...)                      # ScoreReport
    summary_report(store, now=..., period="2026-Q4")                     # SummaryReport
    write_report(store, "score", indicator=..., fmt="pdf", out=Path("x.pdf"), now=...)

The data comes from SQL aggregates (hours per person summed in SQL, `store/metrics.py`
through the score service) into the frozen dataclasses of `reports/report_data.py`;
`reports/` turns them into a document and writes it as PDF (fpdf2) or xlsx (openpyxl).
Reading only: nothing in the store changes. A refused request (unknown indicator, bad
period, unknown kind or format, a place that cannot be written, no Chinese font for a PDF)
raises before any file exists, and a failure while writing leaves no partial file: the
report is written next to `out` under a temporary name and renamed over it at the end.
"""

from __future__ import annotations

import os
import time as clock
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from govperf_desktop.domain.calendar import OFFICE_ZONE
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.reports.report_data import (
    InputReport,
    ReportHeader,
    ScoreReport,
    SummaryReport,
)
from govperf_desktop.services.admin import LOCAL_NODE_KEY
from govperf_desktop.services.report_builders import HeaderMaker, input_data, score_data
from govperf_desktop.services.report_summary import summary_data
from govperf_desktop.store.models import Node, Setting
from govperf_desktop.store.store import Store

KINDS = {"input": "部门投入度报告", "score": "考核评分报告", "summary": "期间汇总报告"}
FORMATS = ("pdf", "xlsx")
ORGANISATION_KEY = "organisation_name"
NODE_ROLE_ZH = {"central": "中心节点", "department": "部门节点", "evaluator": "考核人员节点"}

__all__ = [
    "FORMATS",
    "KINDS",
    "ReportFile",
    "ReportPreview",
    "input_report",
    "preview_report",
    "report_header",
    "score_report",
    "summary_report",
    "write_report",
]


@dataclass(frozen=True)
class ReportFile:
    path: str
    kind: str
    format: str
    title: str
    bytes: int
    seconds: float  # gathering and writing


def _organisation(session: Session, given: str | None) -> str:
    """The organisation named on the report: given, else the stored name, else the centre."""
    if given and given.strip():
        return given.strip()
    stored = session.scalar(select(Setting.value).where(Setting.key == ORGANISATION_KEY))
    if stored:
        return stored
    central = session.scalar(select(Node.name).where(Node.role == "central").order_by(Node.name))
    return central or "(未设置组织名称)"


def _installation(session: Session) -> str:
    node_id = session.scalar(select(Setting.value).where(Setting.key == LOCAL_NODE_KEY))
    row = session.execute(select(Node.name, Node.role).where(Node.id == node_id)).first()
    return f"{row[0]}({NODE_ROLE_ZH.get(row[1], row[1])})" if row else "(未登记的安装)"


def report_header(
    store: Store,
    *,
    title: str,
    subject: str,
    period: str,
    now: datetime,
    organisation: str | None = None,
) -> ReportHeader:
    """Who produced a report, where and when (`now` aware UTC, shown in office time)."""
    with store.read() as session:
        return ReportHeader(
            title=title,
            organisation=_organisation(session, organisation),
            subject=subject,
            period=period,
            generated_at=now.astimezone(OFFICE_ZONE),
            installation=_installation(session),
        )


def _header(store: Store, kind: str, now: datetime, organisation: str | None) -> HeaderMaker:
    def make(subject: str, period: str) -> ReportHeader:
        return report_header(
            store, title=KINDS[kind], subject=subject, period=period, now=now,
            organisation=organisation,
        )  # fmt: skip

    return make


def input_report(
    store: Store,
    indicator: str,
    *,
    now: datetime,
    period: str | None = None,
    organisation: str | None = None,
) -> InputReport:
    """部门投入度报告: hours by department and person, overtime, timeliness, response times."""
    return input_data(store, indicator, now=now, period=period,
                      header=_header(store, "input", now, organisation))  # fmt: skip


def score_report(
    store: Store,
    indicator: str,
    *,
    now: datetime,
    period: str | None = None,
    organisation: str | None = None,
) -> ScoreReport:
    """考核评分报告: totals, dimensions, deductions, attribution and evidence summaries."""
    return score_data(store, indicator, now=now, period=period,
                      header=_header(store, "score", now, organisation))  # fmt: skip


def summary_report(
    store: Store, *, now: datetime, period: str | None = None, organisation: str | None = None
) -> SummaryReport:
    """期间汇总: every indicator of the period, departments × indicators, trends."""
    return summary_data(store, now=now, period=period,
                        header=_header(store, "summary", now, organisation))  # fmt: skip


def _check_kind(kind: str, indicator: str | None) -> None:
    if kind not in KINDS:
        raise ValidationError(f"Unknown report {kind!r}; choose input, score or summary.")
    if kind != "summary" and not (indicator and indicator.strip()):
        raise ValidationError(
            f"The {kind} report is about one indicator: name it with --indicator."
        )


def _check_request(kind: str, fmt: str | None, out: Path, indicator: str | None) -> str:
    _check_kind(kind, indicator)
    if fmt is None:
        fmt = out.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            raise ValidationError(
                f"Say which format to write with --format pdf or --format xlsx ({out.name} "
                "does not end in .pdf or .xlsx)."
            )
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValidationError(f"Unknown format {fmt!r}; choose pdf or xlsx.")
    if out.is_dir():
        raise ValidationError(f"{out} is a folder; give the name of the file to write.")
    if not out.parent.is_dir():
        raise ValidationError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if not os.access(out.parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ValidationError(f"Cannot write {out}: permission denied.")
    return fmt


def write_report(
    store: Store,
    kind: str,
    *,
    fmt: str | None,
    out: Path,
    now: datetime,
    indicator: str | None = None,
    period: str | None = None,
    organisation: str | None = None,
) -> ReportFile:
    """Gather one report and write it to `out` as PDF or xlsx (atomically)."""
    from govperf_desktop.reports.render import build_document, render

    started = clock.perf_counter()
    out = Path(out)
    fmt = _check_request(kind, fmt, out, indicator)
    if fmt == "pdf":
        from govperf_desktop.reports.cjk_font import find_cjk_font

        find_cjk_font()  # refuse before gathering anything when no Chinese font exists
    if kind == "summary":
        data = summary_report(store, now=now, period=period, organisation=organisation)
    elif kind == "input":
        data = input_report(store, indicator or "", now=now, period=period,
                            organisation=organisation)  # fmt: skip
    else:
        data = score_report(store, indicator or "", now=now, period=period,
                            organisation=organisation)  # fmt: skip
    document = build_document(data)
    temporary = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        render(document, fmt, temporary)
        os.replace(temporary, out)
    except OSError as error:
        raise ValidationError(f"Cannot write {out} ({error.strerror or error}).") from None
    finally:
        temporary.unlink(missing_ok=True)
    return ReportFile(
        path=str(out), kind=kind, format=fmt, title=KINDS[kind], bytes=out.stat().st_size,
        seconds=round(clock.perf_counter() - started, 3),
    )  # fmt: skip


@dataclass(frozen=True)
class ReportPreview:
    """What the save dialog shows before writing: the header, the first table, the page."""

    title: str
    lines: tuple[str, ...]  # the header: organisation, subject, period, time, installation
    table_title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # the first PREVIEW_ROWS rows, as printed
    page_png: bytes | None  # the PDF's first page (needs pdftoppm), else None


PREVIEW_ROWS = 20


def _first_page_png(document, dpi: int) -> bytes | None:  # type: ignore[no-untyped-def]
    """The first page of the document's PDF as PNG, when poppler's pdftoppm is installed."""
    import shutil
    import subprocess
    import tempfile

    from govperf_desktop.reports.cjk_font import NoCjkFontError, find_cjk_font
    from govperf_desktop.reports.render import render

    tool = shutil.which("pdftoppm")
    if tool is None:
        return None
    try:
        find_cjk_font()
    except NoCjkFontError:
        return None
    with tempfile.TemporaryDirectory(prefix="govperf-preview-") as folder:
        pdf = Path(folder) / "preview.pdf"
        render(document, "pdf", pdf)
        subprocess.run(
            [tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(Path(folder) / "page")],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        return (Path(folder) / "page.png").read_bytes()


def preview_report(
    store: Store,
    kind: str,
    *,
    now: datetime,
    indicator: str | None = None,
    period: str | None = None,
    organisation: str | None = None,
    dpi: int = 60,
) -> ReportPreview:
    """The header and first table of a report, and its first PDF page as an image if possible."""
    from govperf_desktop.reports.render import build_document

    _check_kind(kind, indicator)
    if kind == "summary":
        data = summary_report(store, now=now, period=period, organisation=organisation)
    elif kind == "input":
        data = input_report(store, indicator or "", now=now, period=period,
                            organisation=organisation)  # fmt: skip
    else:
        data = score_report(store, indicator or "", now=now, period=period,
                            organisation=organisation)  # fmt: skip
    document = build_document(data)
    header = document.header
    lines = (
        f"{header.title} · {header.organisation}",
        header.subject,
        f"期间 {header.period} | 生成时间 {header.generated_at:%Y-%m-%d %H:%M} | "
        f"生成节点 {header.installation}",
    )
    tables = document.tables()
    first = tables[0] if tables else None
    columns = tuple(c.title for c in first.columns) if first else ()
    rows = tuple(
        tuple(c.text(v) for c, v in zip(first.columns, row, strict=True))
        for row in first.rows[:PREVIEW_ROWS]
    ) if first else ()  # fmt: skip
    return ReportPreview(
        title=header.title, lines=lines, table_title=first.title if first else "",
        columns=columns, rows=rows, page_png=_first_page_png(document, dpi),
    )  # fmt: skip
