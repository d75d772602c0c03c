"""`govperf task ...` and `govperf alerts`: the task flow (流程固化), warnings and reminders."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands (none yet)."""
