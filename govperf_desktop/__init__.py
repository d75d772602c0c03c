"""govperf-desktop: traceable cross-department performance work, scored with evidence, offline."""

__version__ = "0.1.0"
