"""`govperf score`, `govperf explain`, `govperf attribution`: scores with their evidence."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands (none yet)."""
