"""Load time and memory of the actor dictionaries, each measured in a fresh process.

    .venv/bin/python bench/bench_dictionaries.py [--runs 3] [--phoenix ../shared/data/petrarch2]

Four cases: the built-in dictionaries and the built-ins with the Phoenix PETRARCH dictionaries
layered in, each from a cold cache (the index is built: each phrase is tokenized by spaCy's rules
without importing spaCy, or by spaCy for the few phrases those rules leave to it) and from a warm
one (the index is read from the cache a previous run left). A throw-away cache directory is used, so
the user's own cache is left alone.

Figures, medians: `load s` is the wall time of the loading call alone (package imports excluded);
`+import s` adds the import of the package (what a fresh process waits for, less Python's own
start); `peak RSS MB` is the process's peak resident memory; `+MB` its growth during the load.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHOENIX = ROOT.parent / "shared" / "data" / "petrarch2"

CHILD = """
import time
begun = time.perf_counter()
import json, resource, sys
from pathlib import Path
from dragoman.actors import petrarch

phoenix = [Path(p) for p in sys.argv[1:]]
actors = [p for p in phoenix if p.name.endswith(".actors.txt")]
agents = [p for p in phoenix if p.name.endswith(".agents.txt")]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
index = petrarch.build(actors, agents)
seconds = time.perf_counter() - started
with_imports = time.perf_counter() - begun
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "with_imports": with_imports, "peak_kb": peak,
                  "grew_kb": peak - before,
                  "phrases": len(index.phrases), "spacy": "spacy" in sys.modules}))
"""


def measure(files: list[Path], cache: Path) -> dict:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHILD, *map(str, files)], env=environment, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def case(name: str, files: list[Path], runs: int) -> list[str]:
    """Cold then warm figures for one set of dictionaries."""
    rows = []
    colds, warms = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as cache:
            colds.append(measure(files, Path(cache)))
            warms.append(measure(files, Path(cache)))
    for label, results in (("cold", colds), ("warm", warms)):
        middle = sorted(results, key=lambda r: r["seconds"])[len(results) // 2]
        rows.append(f"{name:<22} {label:<5} {statistics.median(r['seconds'] for r in results):>7.3f} "
                    f"{statistics.median(r['with_imports'] for r in results):>9.3f} "
                    f"{middle['peak_kb'] / 1024:>12.0f} {middle['grew_kb'] / 1024:>6.0f} {middle['phrases']:>8} "
                    f"{'yes' if middle['spacy'] else 'no':>6}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--phoenix", type=Path, default=PHOENIX, help="folder with Phoenix.*.actors.txt")
    args = parser.parse_args()
    print(f"{'dictionaries':<22} {'cache':<5} {'load s':>7} {'+import s':>9} {'peak RSS MB':>12} {'+MB':>6} "
          f"{'phrases':>8} {'spaCy':>6}")
    for row in case("built-in", [], args.runs):
        print(row)
    phoenix = sorted(args.phoenix.glob("Phoenix.*.actors.txt")) + sorted(args.phoenix.glob("Phoenix.agents.txt"))
    if not phoenix:
        print(f"# no Phoenix dictionaries in {args.phoenix}: layered cases skipped")
        return
    lines = sum(len(path.read_bytes().splitlines()) for path in phoenix)
    for row in case(f"+ Phoenix ({lines:,} l.)", phoenix, args.runs):
        print(row)


if __name__ == "__main__":
    main()
