"""`govperf indicator ...`: decomposition tables (指标分解表), Excel import and export."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's commands (none yet)."""
