"""The `govperf` command line. Never imports PySide6 or `ui/`."""
