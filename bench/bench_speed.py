"""Speed: dragoman against the plain spaCy model on the same articles.

    .venv/bin/python bench/bench_speed.py [CSV] [--workers N] [--runs R]   (N: one per core by default)

CSV defaults to ../shared/data/ngec/guardian_sample.csv (249 Guardian articles). Three runs
over the same texts, each in a fresh process:
- dragoman, as it codes by default (the patterns, checked and extended by the learned models);
- dragoman --rules-only (the patterns alone);
  each with every article coded to events (clean, split, prefilter, parse, actors, patterns,
  dates), with N worker processes (each loads the pipeline once, before the clock starts);
- plain: the same spaCy package, loaded with nothing disabled, over the same texts (nlp.pipe).
Prints the times (the best of R runs), their ratios to the plain run, documents per second, load
times and the peak resident memory of each run (for N workers: the largest process), and a digest
of every field of every event: a change meant only to be faster must leave it as it was.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUARDIAN = ROOT.parent / "shared" / "data" / "ngec" / "guardian_sample.csv"

DRAGOMAN = """
import hashlib, json, resource, sys, time
from dragoman.engines import LocalEngine, code_rows, coder
from dragoman.read import read_inputs
from dragoman.record import Document
from dragoman.store.db import Rows

if __name__ == "__main__":
    path, workers = sys.argv[1], int(sys.argv[2])
    docs = [d for d in read_inputs([path]) if isinstance(d, Document)]
    start = time.perf_counter()
    if workers == 1:
        coder()  # the pipeline, dictionaries, trigger words and gazetteer: before the clock
    else:
        engine = LocalEngine(workers)
        engine.pool.map(code_rows, [[]] * workers * 4)  # every worker has loaded the pipeline
    loaded = time.perf_counter()
    if workers == 1:
        mentions = list(coder().code_many(docs))
    else:
        mentions = engine.submit(docs)().mentions
    done = time.perf_counter()
    if workers == 1:
        mentions = Rows.of(mentions).mentions
    # Every field of every event, in a digest: two runs (or two versions) coded alike have the same.
    records = sorted(mentions.column("record").to_pylist())
    digest = hashlib.sha1("\\n".join(records).encode()).hexdigest()[:12]
    events = len(records)
    if workers > 1:
        engine.close()  # the workers end, and their peak memory is counted as the children's
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(json.dumps({"docs": len(docs), "events": events, "digest": digest, "load": loaded - start,
                      "seconds": done - loaded, "peak_mb": peak / 1024}))
"""

PLAIN = """
import json, resource, sys, time
import spacy
from dragoman import settings
from dragoman.read import read_inputs
from dragoman.record import Document

path = sys.argv[1]
texts = [d.text for d in read_inputs([path]) if isinstance(d, Document)]
start = time.perf_counter()
nlp = spacy.load(settings.get("SPACY_MODEL"))
loaded = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts))
done = time.perf_counter()
print(json.dumps({"docs": len(texts), "tokens": tokens, "components": nlp.pipe_names, "load": loaded - start,
                  "seconds": done - loaded, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, *args: str, env: dict | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True,
                         env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def best(code: str, runs: int, *args: str, env: dict | None = None) -> dict:
    return min((run(code, *args, env=env) for _ in range(runs)), key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv", nargs="?", default=str(GUARDIAN))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="worker processes (default: one per core; 1 codes in this process)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not Path(args.csv).exists():
        sys.exit(f"bench_speed: {args.csv} not found (give the CSV of articles as the first argument)")
    modes = {"default": best(DRAGOMAN, args.runs, args.csv, str(args.workers), env={"DRAGOMAN_RULES_ONLY": "0"}),
             "--rules-only": best(DRAGOMAN, args.runs, args.csv, str(args.workers), env={"DRAGOMAN_RULES_ONLY": "1"})}
    plain = best(PLAIN, args.runs, args.csv)
    print(f"articles: {plain['docs']} from {args.csv}")
    processes = f"{args.workers} process{'es' if args.workers > 1 else ''}"
    for mode, ours in modes.items():
        print(f"dragoman {mode} ({processes}): {ours['seconds']:.2f} s, {ours['docs'] / ours['seconds']:.1f} docs/s, "
              f"{ours['events']} events (digest {ours['digest']}); load {ours['load']:.2f} s; "
              f"peak RSS {ours['peak_mb']:.0f} MB; {plain['seconds'] / ours['seconds']:.2f}x as fast as plain spaCy")
    print(f"plain spaCy ({', '.join(plain['components'])}): {plain['seconds']:.2f} s, "
          f"{plain['docs'] / plain['seconds']:.1f} docs/s, {plain['tokens']} tokens; "
          f"load {plain['load']:.2f} s; peak RSS {plain['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
