"""Start the desktop application: arguments, QApplication, translations, fonts, store, window.

    govperf-desktop [--data-dir DIR] [--demo] [--lang zh_CN|en] [--self-test]

Exit codes: 0 normal end, 1 the self-test failed, 2 the store (or the demonstration data)
could not be opened; the user sees the one-line reason, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from govperf_desktop import __version__
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.paths import APP_NAME, data_dir
from govperf_desktop.services.admin import Store, open_installation
from govperf_desktop.ui.fonts import setup_matplotlib_fonts, setup_qt_fonts
from govperf_desktop.ui.i18n import (
    LANGUAGE_SETTING,
    LANGUAGES,
    install_translators,
    remove_translators,
    resolve_language,
)
from govperf_desktop.ui.main_window import PAGE_KEYS, MainWindow

ORGANIZATION_NAME = "govperf"

EXIT_OK = 0
EXIT_SELF_TEST_FAILED = 1
EXIT_STORE_ERROR = 2

# Sub-folder of the data directory for files derived at run time (compiled translations).
CACHE_DIR = "cache"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="Cross-department performance work, traceable and scored with evidence.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the store (default: $GOVPERF_DATA_DIR or the user data folder)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="create and fill a demonstration store in the folder if it has none",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="UI language (default: the one chosen in the menu, else the system's)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open every page off screen and exit: 0 if all went well, 1 if not",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def show_error(message: str) -> None:
    """Tell the user why the application cannot start (a hook tests may replace)."""
    title = QCoreApplication.translate("App", "govperf cannot start")
    QMessageBox.critical(None, title, message)


def _print_line(message: str) -> None:
    if sys.stderr is not None:  # None under pythonw, where there is no console
        print(message, file=sys.stderr)


def create_application(offscreen: bool = False) -> QApplication:
    """The QApplication (the existing one if any), named so QSettings finds its place."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qt_argv = [sys.argv[0] if sys.argv and sys.argv[0] else APP_NAME]
    if offscreen:
        qt_argv += ["-platform", "offscreen"]
    return QApplication(qt_argv)


def translation_cache_dir(directory: Path) -> Path | None:
    """Where translations compiled at run time go: under the data directory, if it exists.

    The directory is never created just for them: a mistyped --data-dir must leave nothing.
    """
    return directory / CACHE_DIR / "i18n" if directory.is_dir() else None


def open_data_store(directory: Path, *, demo: bool) -> Store:
    """Open the store in `directory`; with `demo`, first let the demo service fill it."""
    if demo:
        try:
            from govperf_desktop.services.demo_store import ensure_demo_store
        except ModuleNotFoundError as error:
            if error.name != "govperf_desktop.services.demo_store":
                raise
            raise GovperfError("The demonstration data is not available in this build.") from None
        ensure_demo_store(directory)
    return open_installation(directory)


@contextmanager
def _collect_slot_errors() -> Iterator[list[BaseException]]:
    """Exceptions raised in Qt slots are printed, not propagated: collect them instead."""
    errors: list[BaseException] = []
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        errors.append(error)

    sys.excepthook = hook
    try:
        yield errors
    finally:
        sys.excepthook = previous


def run_self_test(app: QApplication, store: Store, settings: QSettings, language: str) -> int:
    """Open the window, show every page and process its events.

    Returns 0 if nothing failed, else prints one line and returns 1.
    """
    window: MainWindow | None = None
    try:
        with _collect_slot_errors() as slot_errors:
            window = MainWindow(store, settings, language=language)
            window.show()
            for key in PAGE_KEYS:
                window.show_page(key)
                app.processEvents()
                if window.current_page_key() != key:
                    raise RuntimeError(f"page {key} did not open")
            window.dashboard.refresh()
            app.processEvents()
        if slot_errors:
            raise slot_errors[0]
    except Exception as error:
        _print_line(f"self-test failed: {type(error).__name__}: {error}")
        return EXIT_SELF_TEST_FAILED
    finally:
        if window is not None:
            window.hide()  # not close(): a self-test must not overwrite the saved layout
            window.deleteLater()
    return EXIT_OK


def run_window(app: QApplication, store: Store, settings: QSettings, language: str) -> int:
    """Show the main window until the user quits; returns the event loop's exit code."""
    window = MainWindow(store, settings, language=language)
    try:
        window.show()
        return app.exec()
    finally:
        window.deleteLater()


def main(argv: list[str] | None = None) -> int:
    """Run the desktop application; returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    directory = data_dir(args.data_dir)
    app = create_application(offscreen=args.self_test)
    setup_qt_fonts(app)
    setup_matplotlib_fonts()
    settings = QSettings()
    language = resolve_language(args.lang, settings.value(LANGUAGE_SETTING))

    # The store is opened before the translators are installed: a source checkout compiles
    # its translation into the data directory, which exists once the store is open (or the
    # demo service has made it), and a mistyped --data-dir is never created.
    store: Store | None = None
    refusal: GovperfError | None = None
    try:
        store = open_data_store(directory, demo=args.demo)
    except GovperfError as error:
        refusal = error
    if refusal is not None and args.self_test:
        _print_line(str(refusal))
        return EXIT_STORE_ERROR

    translators = install_translators(app, language, translation_cache_dir(directory))
    try:
        if store is None:
            show_error(str(refusal))
            return EXIT_STORE_ERROR
        if args.self_test:
            return run_self_test(app, store, settings, language)
        return run_window(app, store, settings, language)
    except GovperfError as error:  # e.g. the store became unreadable while the window opened
        show_error(str(error))
        return EXIT_STORE_ERROR
    finally:
        if store is not None:
            store.close()
        remove_translators(app, translators)
