"""`govperf hours ...`: timesheets (项目工时台账), periods, import and export."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands (none yet)."""
