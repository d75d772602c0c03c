"""The performance suite: `python -m tests.benchmarks --size smoke|full` (see docs/performance.md).

Every case runs in its own child process (so its peak memory is its own), repeated, and is
compared with a physical baseline measured in the same run: these machines are noisy, so the
figures that matter are the medians' ratios, never absolute times asserted in tests.
"""


class Skip(Exception):
    """Raised by a case's function that cannot run here (no PostgreSQL server, say): the child
    reports the case as skipped with this reason, and the run does not count it as failed."""
