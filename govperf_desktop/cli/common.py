"""What every command shares: exit codes, output for a person or a script, opening the store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import UTC, date, datetime
from typing import Any

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


def open_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from govperf_desktop.store.store import open_store

    return open_store(data_dir(args.data_dir))


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
    """The person acting (--as), for commands that record who did something."""
    if not args.actor:
        from govperf_desktop.domain.errors import ValidationError

        raise ValidationError(
            "This action is done by a person; say who with --as PERSON (name, "
            "NAME@DEPARTMENT or id)."
        )
    return args.actor
