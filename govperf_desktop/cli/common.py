"""What every command shares: exit codes, output for a person or a script, opening the store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import UTC, date, datetime
from typing import Any

from govperf_desktop import paths
from govperf_desktop.paths import data_dir

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


class Output:
    """Prints for a person, or JSON for a script, from the same data."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, data: Any, text: Callable[[], str]) -> None:
        if self.as_json:
            print(json.dumps(plain(data), ensure_ascii=False, indent=2, default=str))
        else:
            print(text())

    @staticmethod
    def progress(message: str) -> None:
        print(message, file=sys.stderr, flush=True)


def plain(data: Any) -> Any:
    if is_dataclass(data) and not isinstance(data, type):
        return asdict(data)
    if isinstance(data, list):
        return [plain(item) for item in data]
    return data


def db_url(args: argparse.Namespace) -> str | None:
    """The server database chosen with --db-url or $GOVPERF_DB_URL; None: the SQLite file."""
    return paths.db_url(getattr(args, "db_url", None))


def open_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from govperf_desktop.store.store import open_store

    return open_store(data_dir(args.data_dir), url=db_url(args))


def now_utc() -> datetime:
    """The moment a command runs; services take it as `now` (they never read the clock)."""
    return datetime.now(UTC)


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD dates, with a clear message for anything else."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-28") from None


def require_actor(args: argparse.Namespace) -> str:
    """The person acting, for commands that record who did something: the logged-in
    account's person (--user, see `authenticate`), else --as on an installation that has no
    accounts yet."""
    if not args.actor:
        from govperf_desktop.domain.errors import ValidationError

        raise ValidationError(
            "This action is done by a person; log in with --user NAME (or, on an installation "
            "without accounts, say who with --as PERSON)."
        )
    return args.actor


# Passwords come from these variables (scripted central-office runs) or a prompt, never from
# the command line, where `ps` would show them.
PASSWORD_ENV = "GOVPERF_PASSWORD"
NEW_PASSWORD_ENV = "GOVPERF_NEW_PASSWORD"


def read_password(env: str, prompt: str, *, confirm: bool = False) -> str:
    """A secret from the environment variable `env`, else typed at a prompt (not echoed)."""
    import getpass
    import os

    from govperf_desktop.domain.errors import ValidationError

    if os.environ.get(env):
        return os.environ[env]
    if not sys.stdin or not sys.stdin.isatty():
        raise ValidationError(f"A password is needed: type it at a terminal or set {env}.")
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != secret:
        raise ValidationError("The two passwords differ; nothing was changed.")
    return secret


def authenticate(args: argparse.Namespace) -> None:
    """The rule for who acts, applied before every command.

    - `--user NAME`: the password comes from $GOVPERF_PASSWORD or a prompt; the account's
      person becomes the acting person (`args.actor`) and `args.login` holds the login.
      A `--as` beside it must name that same person.
    - no `--user`: `--as PERSON` is accepted only while the installation has no accounts
      (stores made before accounts existed, tests, scripts); once it has one, every action
      by a person needs a login.
    """
    from govperf_desktop.domain.errors import ValidationError
    from govperf_desktop.services import accounts, audit

    args.login = None
    user = getattr(args, "user", None)
    if not user and not args.actor:
        return
    from govperf_desktop.paths import store_path

    if db_url(args) is None and not store_path(data_dir(args.data_dir)).exists():
        if user:
            raise ValidationError(f"No store here to log in to as {user}.")
        return
    store = open_from_args(args)
    try:
        if not user:
            if accounts.has_accounts(store):
                raise ValidationError(
                    "This installation has user accounts: log in with --user NAME "
                    f"(password from ${PASSWORD_ENV} or the prompt) instead of --as."
                )
            return
        password = read_password(PASSWORD_ENV, f"Password for {user}: ")
        login = accounts.login(store, user, password, now=now_utc())
        if args.actor and accounts.resolve_person(store, args.actor) != login.person_id:
            raise ValidationError(
                f"--as {args.actor} is not the person of account {user} ({login.person}); "
                "leave --as out when logged in."
            )
        args.login = login
        args.actor = login.person_id  # None: an administrator not linked to a person
        audit.set_current_account(login.account)
    finally:
        store.close()
