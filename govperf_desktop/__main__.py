"""`python -m govperf_desktop` opens the desktop application."""

from govperf_desktop.ui.app import main

raise SystemExit(main())
