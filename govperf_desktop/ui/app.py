"""Start the desktop application: arguments, QApplication, translations, fonts, store, login,
window.

    govperf-desktop [--data-dir DIR] [--demo] [--lang zh_CN|en] [--idle-minutes N] [--self-test]

Who uses the window: a data folder without a store opens the first-run dialog (create a store
with its administrator, or join an organisation). An installation with accounts asks for a
login; the logged-in account's person is then the acting person of every page and the window
locks after the idle time (ui/idle.py). The demonstration store (`--demo`) opens without a
login and lets the user act as any seed person, to show each role's view: its data is fictional
(its accounts, for trying the login, are listed in the README). An installation that has no
account yet (made by `govperf init` without --admin-user) opens as before, with a reminder.

Start-up speed: the first window (the login dialog, or the main window's frame with an
"opening" note) is on screen before the store layer is imported. What chooses it (accounts?
the demo store?) is read with `services.startup.peek_store`, and the store is opened on a
background thread (`ui/startup.PendingStore`) while the user looks at the window or types the
password; the pages are built once it is open. When the facts cannot be read that way (no
store file yet, a server database, --self-test, a --demo store still to be filled), the store
is opened first, as before. No service module is imported here at import time.

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
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from govperf_desktop import __version__
from govperf_desktop.domain.errors import GovperfError
from govperf_desktop.paths import APP_NAME, data_dir, db_url, store_path
from govperf_desktop.services.startup import StorePeek, peek_store
from govperf_desktop.ui.fonts import setup_qt_fonts
from govperf_desktop.ui.i18n import (
    LANGUAGE_SETTING,
    LANGUAGES,
    install_translators,
    remove_translators,
    resolve_language,
)
from govperf_desktop.ui.main_window import PAGE_KEYS, MainWindow
from govperf_desktop.ui.operations import drain
from govperf_desktop.ui.startup import PendingStore

if TYPE_CHECKING:
    from govperf_desktop.services.accounts import LoggedIn
    from govperf_desktop.services.admin import Store

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
        "--db-url",
        metavar="URL",
        help="a PostgreSQL database (postgresql+psycopg://…) instead of the SQLite file in "
        "the data folder (default: $GOVPERF_DB_URL); see docs/central-office.md",
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
        "--idle-minutes",
        type=float,
        metavar="N",
        help="lock the window after N minutes without input (default: the setting, else 10)",
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
    from govperf_desktop.ui.feedback import error_message  # the catalog loads on first use

    title = QCoreApplication.translate("App", "govperf cannot start")
    QMessageBox.critical(None, title, error_message(message))


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


def open_data_store(directory: Path, *, demo: bool, url: str | None = None) -> Store:
    """Open the store in `directory` (or the server database `url`); with `demo`, first let
    the demo service fill the folder's store."""
    from govperf_desktop.services.admin import open_installation

    if url is not None:
        if demo:
            raise GovperfError("--demo makes a store in the data folder; leave out --db-url.")
        return open_installation(directory, url)
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
            if not drain():  # the pages' background reads must end, and their outcomes show
                raise RuntimeError("background operations did not finish within 30 s")
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


def ask_login(store: Store | PendingStore) -> LoggedIn | None:
    """The login dialog at start (a hook tests replace); None when the user quits.

    With a store still opening, the dialog shows at once (the password is checked once the
    store is open) and closes if the store cannot be opened (`store.error` says why).
    """
    from govperf_desktop.ui.login import LoginDialog

    node_name = store.node_name if isinstance(store, PendingStore) else None
    if node_name is None and (not isinstance(store, PendingStore) or store.ready):
        from govperf_desktop.services.admin import local_node

        node = local_node(store.result() if isinstance(store, PendingStore) else store)
        node_name = node.name if node else None
    dialog = LoginDialog(store, node_name=node_name)
    if isinstance(store, PendingStore):
        store.signals.failed.connect(dialog.reject)
        QTimer.singleShot(0, store.start)  # opened once the dialog is on screen
    try:
        return dialog.logged_in if dialog.exec() == LoginDialog.DialogCode.Accepted else None
    finally:
        if isinstance(store, PendingStore):
            store.signals.failed.disconnect(dialog.reject)
        dialog.deleteLater()


def ask_first_run(directory: Path) -> LoggedIn | None:
    """The first-run dialog (a hook tests replace); the administrator, or None if cancelled."""
    from govperf_desktop.ui.first_run import FirstRunDialog

    dialog = FirstRunDialog(directory)
    try:
        accepted = dialog.exec() == FirstRunDialog.DialogCode.Accepted
        return dialog.logged_in if accepted else None
    finally:
        dialog.deleteLater()


def is_demo(store: Store, demo: bool) -> bool:
    if not demo:
        return False
    from govperf_desktop.services.demo_store import is_demo_store

    return is_demo_store(store)


def needs_login(store: Store | PendingStore, peek: StorePeek | None, demo: bool) -> bool:
    """Whether the user must log in first: the installation has accounts and is not the
    demonstration store opened with --demo. From `peek` when the store is still opening."""
    if peek is not None:
        from govperf_desktop.services.demo_store import DEMO_NODE_NAME

        return peek.has_accounts and not (demo and peek.node_name == DEMO_NODE_NAME)
    from govperf_desktop.services.accounts import has_accounts

    opened = store.result() if isinstance(store, PendingStore) else store
    return not is_demo(opened, demo) and has_accounts(opened)


def start_session(user: LoggedIn | None) -> None:
    """Who acts in this process: the logged-in person (or anyone, without a login) and the
    account the audit log names. Imports services: call it once the store is open."""
    from govperf_desktop.services.audit import set_current_account
    from govperf_desktop.ui.acting_person import free_acting_person, lock_to_person

    if user is not None:
        lock_to_person(user.person_id)
    else:
        free_acting_person()
    set_current_account(user.account if user else None)


def add_account_menu(
    window: MainWindow, store: Store | PendingStore, user: LoggedIn, lock: object
) -> None:
    """An "Account" menu: change the password, lock the window now."""
    from govperf_desktop.ui.login import ChangePasswordDialog

    menu = window.menuBar().addMenu(QCoreApplication.translate("App", "&Account"))
    change = menu.addAction(QCoreApplication.translate("App", "Change password…"))
    change.triggered.connect(lambda: ChangePasswordDialog(store, user.account, window).open())
    if lock is not None:
        lock_now = menu.addAction(QCoreApplication.translate("App", "Lock now"))
        lock_now.triggered.connect(lock.lock)  # type: ignore[attr-defined]


def run_window(
    app: QApplication,
    store: Store | PendingStore,
    settings: QSettings,
    language: str,
    user: LoggedIn | None = None,
    idle_minutes_override: float | None = None,
    *,
    accounts: bool | None = None,
) -> int:
    """Show the main window until the user quits; returns the event loop's exit code.

    A store still opening (`PendingStore`): the window shows its frame now and its page once
    the store is open; if it cannot be opened, the reason is shown and the exit code is 2.
    `accounts`: whether the installation has accounts, when known (else it is asked).
    """
    if isinstance(store, PendingStore) and store.ready:
        store = store.result()
    pending = store if isinstance(store, PendingStore) else None
    window = MainWindow(None if pending is not None else store, settings, language=language)
    lock = None
    if pending is not None:

        def on_opened() -> None:
            window.set_store(pending.result())

        def on_failed() -> None:
            window.hide()
            if isinstance(pending.error, GovperfError):
                show_error(str(pending.error))
            app.exit(EXIT_STORE_ERROR)

        pending.signals.opened.connect(on_opened)
        pending.signals.failed.connect(on_failed)
    try:
        if user is not None:
            from govperf_desktop.ui.idle import IdleLock, idle_minutes

            who = f"{user.account} ({user.person})" if user.person else user.account
            window.setWindowTitle(f"{window.windowTitle()} — {who}")
            minutes = idle_minutes(settings, idle_minutes_override)
            if minutes > 0:
                lock = IdleLock(app, window, store, user, int(minutes * 60_000))
                lock.quit_requested.connect(app.quit)
            add_account_menu(window, store, user, lock)
        elif not (accounts if accounts is not None else _has_accounts(store)):
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "App",
                    "This installation has no user accounts yet: create its administrator "
                    "with 'govperf account add'.",
                )
            )
        window.show()
        if pending is not None:  # opened once the window is on screen
            QTimer.singleShot(0, pending.start)
        from govperf_desktop.ui.error_hook import install_error_hook

        previous_hook = install_error_hook()  # an unexpected error: a message, no traceback
        try:
            code = app.exec()
        finally:
            sys.excepthook = previous_hook
        if pending is not None and pending.error is not None:
            if not isinstance(pending.error, GovperfError):
                raise pending.error  # a bug: as loud as it was when the store opened first
            return EXIT_STORE_ERROR
        return code
    finally:
        if lock is not None:
            lock.stop()
        window.deleteLater()


def _has_accounts(store: Store | PendingStore) -> bool:
    from govperf_desktop.services.accounts import has_accounts

    return has_accounts(store.result() if isinstance(store, PendingStore) else store)


def main(argv: list[str] | None = None) -> int:
    """Run the desktop application; returns the process exit code."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    directory = data_dir(args.data_dir)
    app = create_application(offscreen=args.self_test)
    setup_qt_fonts(app)  # matplotlib's fonts are set up by the charts, when first drawn
    settings = QSettings()
    language = resolve_language(args.lang, settings.value(LANGUAGE_SETTING))

    # The store is opened before the translators are installed: a source checkout compiles
    # its translation into the data directory, which exists once the store is open (or the
    # demo service has made it), and a mistyped --data-dir is never created. When the first
    # window can be chosen without the store (`peek`: the store file exists), the store opens
    # in the background while that window is shown.
    refusal: GovperfError | None = None
    user: LoggedIn | None = None
    url = db_url(args.db_url)
    first_run = not (args.demo or args.self_test or url)
    if first_run and not store_path(directory).exists():
        translators = install_translators(app, language, None)
        try:
            user = ask_first_run(directory)
        finally:
            remove_translators(app, translators)
        if user is None:
            return EXIT_OK
    peek = None if (args.self_test or url or user is not None) else peek_store(directory)
    if peek is not None and args.demo and not peek.has_indicators:
        peek = None  # the demo service fills the store first
    store = PendingStore(
        lambda: open_data_store(directory, demo=args.demo, url=url),
        node_name=peek.node_name if peek else None,
    )
    if peek is None:  # the store is needed to choose the first window: wait for it
        try:
            store.result()  # starts the opening
        except GovperfError as error:
            refusal = error
    if refusal is not None and args.self_test:
        store.close()
        _print_line(str(refusal))
        return EXIT_STORE_ERROR

    translators = install_translators(app, language, translation_cache_dir(directory))
    try:
        if refusal is not None:
            show_error(str(refusal))
            return EXIT_STORE_ERROR
        if args.self_test:
            return run_self_test(app, store.result(), settings, language)
        if user is None and needs_login(store, peek, args.demo):
            user = ask_login(store)
            if user is None:
                if isinstance(store.error, GovperfError):
                    show_error(str(store.error))
                    return EXIT_STORE_ERROR
                return EXIT_OK
        if user is not None or store.ready:
            start_session(user)
        else:  # connected before the window's own handler: runs before the pages are built
            store.signals.opened.connect(lambda: start_session(None))
        accounts = peek.has_accounts if peek is not None else None
        return run_window(
            app, store, settings, language, user, args.idle_minutes, accounts=accounts
        )
    except GovperfError as error:  # e.g. the store became unreadable while the window opened
        show_error(str(error))
        return EXIT_STORE_ERROR
    finally:
        drain()  # no background job may still be using the store when it closes
        store.close()
        remove_translators(app, translators)
