"""Benchmark: archival citations parsed per second, on one core.

Parses every Source line of the citation table (tests/data/citations/cases.json: real DA strings and
the formats of issue 3) over and over, and prints the rate beside a baseline run side by side on the
same strings: rdfkit's normalise() alone (NFC, dashes, spaces), the floor any citation parser must pay.
The ratio says how many normalise-passes one full parse costs.

    python bench/citations.py                 # 200 rounds of the table (about 18,000 parses)
    python bench/citations.py --rounds 1000

Target (issue 3): over 20,000 citations per second on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from rdfkit.citations import normalise, parse_source

TARGET = 20_000
CASES = Path(__file__).resolve().parent.parent / "tests" / "data" / "citations" / "cases.json"


def rate(func, strings: list[str], repeats: int) -> tuple[float, float]:
    """Median and best rate (items per second) over ``repeats`` timed passes."""
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        for s in strings:
            func(s)
        rates.append(len(strings) / (time.perf_counter() - start))
    return statistics.median(rates), max(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200, help="copies of the table per timed pass")
    parser.add_argument("--repeats", type=int, default=5, help="timed passes (the median is reported)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    table = [c["input"] for c in json.loads(CASES.read_text(encoding="utf-8"))]
    strings = table * args.rounds
    for s in table:  # warm the caches (compiled grammars, repository matcher) before timing
        parse_source(s)
    base_median, base_best = rate(normalise, strings, args.repeats)
    median, best = rate(parse_source, strings, args.repeats)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one core")
    print(f"strings: {len(table)} distinct Source lines x {args.rounds} = {len(strings)} per pass, {args.repeats} passes")
    print(f"{'':28}{'median/s':>12}{'best/s':>12}")
    print(f"{'baseline: normalise() only':28}{base_median:>12,.0f}{base_best:>12,.0f}")
    print(f"{'rdfkit parse_source()':28}{median:>12,.0f}{best:>12,.0f}")
    print(f"ratio: one parse costs {base_median / median:.1f} normalise passes")
    verdict = "meets" if median > TARGET else "MISSES"
    print(f"target: > {TARGET:,} citations/s on one core: {verdict} ({median / TARGET:.2f}x the target)")


if __name__ == "__main__":
    main()
