"""Memory over a long run: the same articles coded again and again in one process.

    .venv/bin/python bench/bench_memory.py [CSV] [--rounds N]

CSV defaults to ../shared/data/ngec/guardian_sample.csv. Prints the resident memory (RSS)
after each round: after the first round (model, dictionaries, caches warm) it should stay
flat; a steady climb is a leak.
"""
from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
from pathlib import Path

from dragoman.engines import coder
from dragoman.read import read_inputs
from dragoman.record import Document

GUARDIAN = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ngec" / "guardian_sample.csv"


def rss_mb() -> float:
    """The current resident set size (Linux /proc; the peak where /proc is absent)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", default=str(GUARDIAN))
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    if not Path(args.csv).exists():
        sys.exit(f"bench_memory: {args.csv} not found (give the CSV of articles as the first argument)")
    docs = [d for d in read_inputs([args.csv]) if isinstance(d, Document)]
    print(f"{len(docs)} articles; RSS before loading: {rss_mb():.0f} MB")
    for number in range(1, args.rounds + 1):
        start = time.perf_counter()
        events = sum(len(found) for _, found in coder().code_many(docs))
        gc.collect()
        print(f"round {number}: {events} events in {time.perf_counter() - start:.1f} s, RSS {rss_mb():.0f} MB")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
