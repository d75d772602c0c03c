"""Frozen entry point of the command line (govperf)."""

from govperf_desktop.cli.main import main

raise SystemExit(main())
