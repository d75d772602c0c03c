"""Runs one benchmark function in a fresh process: `python -m tests.benchmarks.child SPEC`.

SPEC is JSON: {"case": name, "part": "case"|"baseline", "repeat": n, "context": {...}}.
Prints one JSON line: the wall times of each repeat, the process's peak RSS, extra figures.
"""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> int:
    spec = json.loads(sys.argv[1])
    from tests.benchmarks import Skip
    from tests.benchmarks.cases import CASES

    case = CASES[spec["case"]]
    function = case.run if spec["part"] == "case" else case.baseline
    context = spec["context"]
    state = case.prepare(context) if case.prepare else None
    times, extra = [], {}
    for attempt in range(spec["repeat"]):
        started = time.perf_counter()
        try:
            result = function(context, state, attempt)
        except Skip as reason:  # reported as skipped, not as an error
            print(json.dumps({"skipped": str(reason)}))
            return 0
        times.append(time.perf_counter() - started)
        if isinstance(result, dict):
            extra = result
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"times": times, "peak_rss_mb": peak_kib / 1024, "extra": extra}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
