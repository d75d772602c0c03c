"""`govperf report` refusals: one line on stderr, exit 2, no file (not even a partial one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NOW, checkpoint, file_digest

from govperf_desktop.cli.main import main
from govperf_desktop.domain.errors import ValidationError
from govperf_desktop.paths import store_path
from govperf_desktop.reports import cjk_font
from govperf_desktop.services import reports
from govperf_desktop.services.indicators import IndicatorDraft, TaskDraft, create_indicator
from govperf_desktop.services.org import add_department


@pytest.fixture
def office(store, store_dir):  # type: ignore[no-untyped-def]
    from datetime import date

    add_department(store, "民政局", now=NOW)
    add_department(store, "公安局", now=NOW)
    create_indicator(
        store,
        IndicatorDraft(
            name="跨省通办", lead_department="民政局", target="按时办结",
            period="2026-11", period_start=date(2026, 11, 1), period_end=date(2026, 11, 30),
            cooperating=("公安局",),
            tasks=(TaskDraft("MZ-1", "民政局", "收集事项清单", deadline=date(2026, 11, 10)),),
        ),
        now=NOW,
    )  # fmt: skip
    checkpoint(store)
    return store_dir


def _refused(store_dir: Path, capsys, folder: Path, *argv: str, match: str) -> None:  # type: ignore[no-untyped-def]
    before = sorted(p.name for p in folder.iterdir())
    digest = file_digest(store_path(store_dir))
    code = main(["--data-dir", str(store_dir), "report", *argv])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.count("\n") == 0 and err.startswith("govperf: error: "), err
    assert match in err, err
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written, no temp file
    assert file_digest(store_path(store_dir)) == digest


@pytest.mark.parametrize(
    ("argv", "match"),
    [
        (["score", "--indicator", "不存在的指标"], "不存在的指标"),
        (["input", "--indicator", "跨省通办", "--period", "2026-13"], "'2026-13' is not a period"),
        (["summary", "--period", "next year"], "'next year' is not a period"),
        (["summary", "--period", "2030-01"], "No indicator's period overlaps 2030-01"),
        (["score", "--indicator", "跨省通办", "--format", "docx"], "Unknown format 'docx'"),
        (["ranking", "--indicator", "跨省通办"], "Unknown report 'ranking'"),
        (["score"], "name it with --indicator"),
    ],
)
def test_bad_requests_are_refused_without_a_file(office, capsys, tmp_path, argv, match) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _refused(office, capsys, out, *argv, "--out", str(out / "r.pdf"), match=match)


def test_no_format_and_no_known_suffix_is_refused(office, capsys, tmp_path) -> None:
    _refused(office, capsys, tmp_path, "score", "--indicator", "跨省通办",
             "--out", str(tmp_path / "r.doc"), match="--format pdf or --format xlsx")  # fmt: skip


def test_an_unwritable_place_is_refused(office, capsys, tmp_path) -> None:
    missing = tmp_path / "no-such-folder" / "r.xlsx"
    _refused(office, capsys, tmp_path, "score", "--indicator", "跨省通办", "--out", str(missing),
             match="the folder")  # fmt: skip
    _refused(office, capsys, tmp_path, "score", "--indicator", "跨省通办", "--format", "xlsx",
             "--out", str(tmp_path), match="is a folder")  # fmt: skip


def test_a_failure_while_writing_leaves_no_partial_file(office, tmp_path, monkeypatch) -> None:
    from govperf_desktop.reports import render
    from govperf_desktop.store.store import open_store

    def broken(document, fmt, path):  # type: ignore[no-untyped-def]
        path.write_bytes(b"%PDF-1.7 half a report")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "render", broken)
    out = tmp_path / "old.pdf"
    out.write_bytes(b"the previous report")
    store = open_store(office)
    try:
        with pytest.raises(ValidationError, match="No space left on device"):
            reports.write_report(store, "score", fmt="pdf", out=out, now=NOW, indicator="跨省通办")
    finally:
        store.close()
    assert out.read_bytes() == b"the previous report"  # the old file stays whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.pdf", "store"]


def test_no_chinese_font_is_one_clear_line(office, capsys, tmp_path, monkeypatch) -> None:
    from matplotlib import font_manager

    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(cjk_font, "resources_dir", lambda: tmp_path / "no-resources")
    cjk_font.find_cjk_font.cache_clear()
    try:
        pdf = str(tmp_path / "r.pdf")
        _refused(office, capsys, tmp_path, "score", "--indicator", "跨省通办", "--out", pdf,
                 match="No Chinese font is installed")  # fmt: skip
    finally:
        cjk_font.find_cjk_font.cache_clear()
    # The workbook needs no font.
    assert main(["--data-dir", str(office), "report", "score", "--indicator", "跨省通办",
                 "--out", str(tmp_path / "r.xlsx")]) == 0  # fmt: skip
