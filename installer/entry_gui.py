"""Frozen entry point of the desktop application (govperf-desktop)."""

from govperf_desktop.ui.app import main

raise SystemExit(main())
