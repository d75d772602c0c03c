"""From a report's data to a file: pick the document builder, then the PDF or xlsx writer."""

from __future__ import annotations

from pathlib import Path

from govperf_desktop.reports.document import Document
from govperf_desktop.reports.report_data import InputReport, ScoreReport, SummaryReport

Report = InputReport | ScoreReport | SummaryReport


def build_document(report: Report) -> Document:
    """The blocks (headings, tables, figures) of a report."""
    if isinstance(report, InputReport):
        from govperf_desktop.reports.input_report import input_document

        return input_document(report)
    if isinstance(report, ScoreReport):
        from govperf_desktop.reports.score_report import score_document

        return score_document(report)
    from govperf_desktop.reports.summary_report import summary_document

    return summary_document(report)


def render(document: Document, fmt: str, path: Path) -> None:
    """Write `document` to `path` as 'pdf' or 'xlsx'."""
    if fmt == "pdf":
        from govperf_desktop.reports.pdf_writer import write_pdf

        write_pdf(document, path)
    else:
        from govperf_desktop.reports.xlsx_writer import write_xlsx

        write_xlsx(document, path)
