"""Save a screenshot of every page of the main window, for reviews and the documentation.

    xvfb-run -a python scripts/screenshots.py --data-dir DIR OUTDIR [--lang en] [--size 1100x720]

Starts the application the way `govperf-desktop` does (fonts, translations, the store in DIR)
on the real display (under Xvfb on a server), shows each page in turn and writes
OUTDIR/NN-<page>.png with QWidget.grab(). The window layout comes from a throw-away settings
file, so the user's saved layout is neither used nor changed. Exits 0, or 2 with one line.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.paths import data_dir
from govperf_desktop.ui.app import create_application, open_data_store, translation_cache_dir
from govperf_desktop.ui.fonts import setup_matplotlib_fonts, setup_qt_fonts
from govperf_desktop.ui.i18n import LANGUAGES, install_translators
from govperf_desktop.ui.main_window import PAGE_KEYS, MainWindow

SETTLE_MS = 150


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    return width, height


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", metavar="DIR", help="folder holding the store")
    parser.add_argument("--demo", action="store_true", help="fill a demonstration store first")
    parser.add_argument("--lang", choices=LANGUAGES, default="zh_CN", help="UI language")
    parser.add_argument("--size", type=_size, default=(1100, 720), help="window size WxH")
    parser.add_argument("outdir", type=Path, help="folder for the PNG files")
    return parser.parse_args(argv)


def settle(app: QApplication, milliseconds: int = SETTLE_MS) -> None:
    """Let layouts, paints and deferred work finish before a grab."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()
    app.processEvents()


def take_screenshots(window: MainWindow, app: QApplication, outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    for number, key in enumerate(PAGE_KEYS, start=1):
        window.show_page(key)
        settle(app)
        path = outdir / f"{number:02d}-{key}.png"
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        saved.append(path)
    return saved


def settle_operations(app: QApplication, timeout_ms: int = 15_000) -> None:
    """Let background operations (ui/operations.py) deliver, then let the window paint."""
    from govperf_desktop.ui import operations

    waited = 0
    while operations.pending_count() and waited < timeout_ms:
        settle(app, 50)
        waited += 50
    settle(app)


def _grab(window: MainWindow, app: QApplication, path: Path) -> Path:
    settle_operations(app)
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def take_detail_screenshots(window: MainWindow, app: QApplication, outdir: Path) -> list[Path]:
    """Sub-views: an indicator's decomposition table, its timeline, a task, a record's history.

    Skipped for pages that are not built yet (a placeholder has none of these parts).
    """
    saved: list[Path] = []
    window.show_page("indicators")
    page = window.pages.currentWidget()
    if hasattr(page, "select_indicator"):
        settle_operations(app)
        page.acting.select_person("吴敏@市场监管局")
        if page.select_indicator("企业开办时间压缩"):
            saved.append(_grab(window, app, outdir / "02a-indicator-table.png"))
            page.tabs.setCurrentIndex(1)
            saved.append(_grab(window, app, outdir / "02b-indicator-timeline.png"))
            page.tabs.setCurrentIndex(0)
            index = page.decomposition.find("QK-02")
            page.open_task(index.data(page.decomposition.TaskIdRole))
            saved.append(_grab(window, app, outdir / "02c-task.png"))
            task_view = page.task_view
            task_view.flow_tabs.setCurrentIndex(1)  # the submissions and their missing items
            saved.append(_grab(window, app, outdir / "02d-task-submissions.png"))
            task_view.flow_tabs.setCurrentIndex(0)
            page.show_browser()
    window.show_page("history")
    page = window.pages.currentWidget()
    if hasattr(page, "open_record"):
        page.recent_kind.setCurrentIndex(page.recent_kind.findData("comments"))
        settle_operations(app)
        if page.recent.rowCount():
            # A comment marked resolved: two versions, the older one restorable.
            updated = [
                row
                for row in range(page.recent.rowCount())
                if page.recent.row_at(row).action == "update"
            ]
            page.recent_view.selectRow(updated[0] if updated else 0)
            settle_operations(app)
            if page.versions.rowCount() > 1:
                page.versions_view.selectRow(0)
            saved.append(_grab(window, app, outdir / "07a-history-record.png"))
    return saved


def take_timesheet_screenshots(window: MainWindow, app: QApplication, outdir: Path) -> list[Path]:
    """Sub-views of the timesheets and communication pages: a clerk's week, the ledger, a
    Chinese search with its matches highlighted. Skipped while the pages are placeholders."""
    saved: list[Path] = []
    window.show_page("timesheets")
    page = window.pages.currentWidget()
    if hasattr(page, "week") and hasattr(page, "ledger"):
        settle_operations(app)
        if page.week.select_acting("李晓明@住建局"):
            saved.append(_grab(window, app, outdir / "03a-timesheets-week.png"))
        page.tabs.setCurrentIndex(1)
        saved.append(_grab(window, app, outdir / "03b-timesheets-ledger.png"))
        page.tabs.setCurrentIndex(0)
        saved += _import_wizard_screenshots(page, app, outdir)
    window.show_page("communication")
    page = window.pages.currentWidget()
    if hasattr(page, "query") and hasattr(page, "search"):
        settle_operations(app)
        page.query.setText("清单")
        page.search()
        saved.append(_grab(window, app, outdir / "04a-communication-search.png"))
    return saved


_BAD_HOURS = (
    "姓名,部门,任务编号,指标,日期,工时\n"
    "李晓明,住建局,GZ-06,老旧小区改造项目推进率,2026-11-23,3\n"
    "李晓明,住建局,GZ-06,老旧小区改造项目推进率,2026-11-24,25\n"
    "无此人,住建局,GZ-06,老旧小区改造项目推进率,2026-11-24,2\n"
)


def _import_wizard_screenshots(page, app: QApplication, outdir: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The import wizard's column mapping and its bad-row report, on a small bad file."""
    from PySide6.QtWidgets import QWizard

    saved: list[Path] = []
    wizard = page.open_import()
    if wizard is None:
        return saved
    with tempfile.TemporaryDirectory() as scratch:
        file = Path(scratch) / "工时.csv"
        file.write_text(_BAD_HOURS, encoding="utf-8")
        wizard.file_page.path.setText(str(file))
        for name in ("03c-import-mapping.png", "03d-import-bad-rows.png"):
            wizard.button(QWizard.WizardButton.NextButton).click()
            settle_operations(app)
            path = outdir / name
            if not wizard.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            saved.append(path)
    wizard.close()
    return saved


def take_scores_screenshots(window: MainWindow, app: QApplication, outdir: Path) -> list[Path]:
    """Sub-views of the scores page: the radar charts, what-if weights, the deductions, and
    the evidence dialog of a total. Skipped while the page is a placeholder."""
    saved: list[Path] = []
    window.show_page("scores")
    page = window.pages.currentWidget()
    if not hasattr(page, "open_evidence"):
        return saved
    settle_operations(app)
    if not page.select_indicator("企业开办时间压缩"):
        return saved
    settle_operations(app)
    page.tabs.setCurrentIndex(1)
    saved.append(_grab(window, app, outdir / "05a-scores-radar.png"))
    page.weights.boxes["input"].setValue(40)
    page.weights.boxes["collaboration"].setValue(10)
    settle(app, 500)
    page.tabs.setCurrentIndex(3)
    saved.append(_grab(window, app, outdir / "05b-scores-what-if.png"))
    page.weights.reset()
    settle_operations(app)
    page.tabs.setCurrentIndex(2)
    saved.append(_grab(window, app, outdir / "05c-scores-detail.png"))
    results = page.totals.rows()
    if results:
        dialog = page.open_evidence(results[-1], "total", "")
        settle_operations(app)
        path = outdir / "05d-scores-evidence.png"
        if not dialog.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        saved.append(path)
        dialog.close()
    page.tabs.setCurrentIndex(0)
    return saved


def take_dashboard_screenshots(window: MainWindow, app: QApplication, outdir: Path) -> list[Path]:
    """The dashboard of a department head (open tasks, warnings, mentions), its installation
    tab, and the sync page with a folder typed in. Skipped for pages not built yet."""
    saved: list[Path] = []
    window.show_page("dashboard")
    page = window.pages.currentWidget()
    if hasattr(page, "acting"):
        settle_operations(app)
        if page.acting.select_person("魏红@卫健委"):
            saved.append(_grab(window, app, outdir / "01a-dashboard-head.png"))
        page.tabs.setCurrentIndex(1)
        saved.append(_grab(window, app, outdir / "01b-dashboard-installation.png"))
        page.tabs.setCurrentIndex(0)
    window.show_page("sync")
    page = window.pages.currentWidget()
    if hasattr(page, "set_folder"):
        settle_operations(app)
        page.folder.setText(str(outdir))  # shown only: the user's remembered folder is kept
        saved.append(_grab(window, app, outdir / "06a-sync-folder.png"))
    return saved


def take_login_screenshots(store, app: QApplication, outdir: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """The login dialog, the idle-lock dialog and the first-run set-up dialog (both modes)."""
    from govperf_desktop.ui.first_run import FirstRunDialog
    from govperf_desktop.ui.login import LoginDialog

    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as scratch:
        dialogs = [
            ("00a-login.png", LoginDialog(store, node_name="考核办")),
            ("00b-idle-lock.png", LoginDialog(store, account="clerk")),
            ("00c-first-run.png", FirstRunDialog(Path(scratch) / "new")),
        ]
        for name, dialog in dialogs:
            dialog.show()
            settle(app, SETTLE_MS)
            path = outdir / name
            if not dialog.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            saved.append(path)
            if isinstance(dialog, FirstRunDialog):
                dialog.join_mode.setChecked(True)
                dialog.adjustSize()
                settle(app, SETTLE_MS)
                path = outdir / "00d-first-run-join.png"
                dialog.grab().save(str(path))
                saved.append(path)
            dialog.hide()
            dialog.deleteLater()
    return saved


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    directory = data_dir(args.data_dir)
    app = create_application()
    setup_qt_fonts(app)
    setup_matplotlib_fonts()
    translators = install_translators(app, args.lang, translation_cache_dir(directory))
    if args.lang != "en" and len(translators) < 2:
        print(f"warning: the {args.lang} translation is not (fully) installed", file=sys.stderr)
    try:
        store = open_data_store(directory, demo=args.demo)
    except GovperfError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        with tempfile.TemporaryDirectory() as scratch:
            settings = QSettings(str(Path(scratch) / "layout.ini"), QSettings.Format.IniFormat)
            window = MainWindow(store, settings, language=args.lang)
            window.resize(*args.size)
            window.show()
            settle(app, 3 * SETTLE_MS)
            for path in take_screenshots(window, app, args.outdir):
                print(path)
            for path in take_detail_screenshots(window, app, args.outdir):
                print(path)
            for path in take_timesheet_screenshots(window, app, args.outdir):
                print(path)
            for path in take_dashboard_screenshots(window, app, args.outdir):
                print(path)
            for path in take_scores_screenshots(window, app, args.outdir):
                print(path)
            for path in take_login_screenshots(store, app, args.outdir):
                print(path)
            window.hide()
            window.deleteLater()
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
