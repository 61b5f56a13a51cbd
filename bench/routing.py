"""Benchmark: routing decisions with 2,000 advisors and 20,000 waiting conversations.

Prints one JSON line (``--json``) or a short table: per-decision ``p50_ms``/``p99_ms``,
``assignments_per_second``, the number of ``decisions``, and a ``baseline`` measured in the
same run (a scan over all advisors and waiting items, same rules, fewer decisions), with the
machine it ran on. Target on 2 cores: p99 < 2 ms and >= 5,000 assignments/s.

Run: ``.venv/bin/python bench/routing.py --agents 2000 --waiting 20000 --json``
"""

from __future__ import annotations

import argparse
import json

from tawasol.routing.bench import run_benchmark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=2000)
    parser.add_argument("--waiting", type=int, default=20000)
    parser.add_argument("--decisions", type=int, default=20000)
    parser.add_argument("--baseline-decisions", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--json", action="store_true", help="one JSON line on stdout")
    args = parser.parse_args()
    result = run_benchmark(
        args.agents,
        args.waiting,
        decisions=args.decisions,
        baseline_decisions=args.baseline_decisions,
        seed=args.seed,
    )
    if args.json:
        print(json.dumps(result, separators=(",", ":")))
        return
    base = result["baseline"]
    print(f"routing: {result['agents']} advisors, {result['waiting']} waiting")
    print(f"{'':10}{'decisions':>10}{'p50 ms':>10}{'p99 ms':>10}{'assign/s':>10}")
    for name, row in (("engine", result), ("baseline", base)):
        print(
            f"{name:10}{row['decisions']:>10}{row['p50_ms']:>10.3f}{row['p99_ms']:>10.3f}"
            f"{row['assignments_per_second']:>10}"
        )
    print(f"target met: {result['meets_target']} (p99 < 2 ms, >= 5000 assignments/s)")


if __name__ == "__main__":
    main()
