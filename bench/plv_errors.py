"""What the default coder gets wrong on the PLOVER-coded sentences (issue 12's plv figures), by kind.

    .venv/bin/python bench/plv_errors.py            # writes bench/reports/plv_errors.md (about 5 minutes)

The sentences of ../shared/data/plover/plv_dev.jsonl, each fold coded by models trained on gold/
and the other folds (as `make train` cross-validates them, so the type and pair recall are its
figures), sorted by what went wrong:
- type missed: no event at all, or events of other types only (and which: gold type -> coded);
- type right, pair wrong: the source right and the target wrong (none, or another phrase), the
  target right and the source wrong, the two swapped, or both wrong; "right" as eval_plv.py
  matches (a shared word of three letters or more).
Counts only: the sentences are ../shared's and are not copied into the report.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dragoman.gold import corpus  # noqa: E402
from dragoman.learn.examples import plv, sentences  # noqa: E402
from dragoman.learn.train import GOLD, coded_paired, typed_events, words_overlap  # noqa: E402
from dragoman.pipeline import Coder  # noqa: E402


def verdict(item, events) -> str:
    """What went wrong with one sentence ("right" where its pair was found)."""
    typed = typed_events(item, events)
    if not typed:
        return "type missed: no event" if not events else "type missed: other types only"
    if any(words_overlap(e.source, item.source) and words_overlap(e.target, item.target) for e in typed):
        return "right"
    if any(words_overlap(e.source, item.target) and words_overlap(e.target, item.source) for e in typed):
        return "pair wrong: swapped"
    source = any(words_overlap(e.source, item.source) for e in typed)
    target = any(words_overlap(e.target, item.target) for e in typed)
    if source:
        return "pair wrong: target " + ("none" if all(e.target is None for e in typed) else "another phrase")
    if target:
        return "pair wrong: source " + ("none" if all(e.source is None for e in typed) else "another phrase")
    return "pair wrong: both"


def tally(coded) -> tuple[Counter, Counter, Counter]:
    """(verdicts, verdicts by gold type, confusions gold type -> coded type where the type was missed)."""
    kinds, by_root, confusions = Counter(), Counter(), Counter()
    for item, events in coded:
        kind = verdict(item, events)
        kinds[kind] += 1
        by_root[(item.root, kind)] += 1
        if kind == "type missed: other types only":
            confusions.update((item.root, e.plover) for e in events)
    return kinds, by_root, confusions


def report(kinds: Counter, by_root: Counter, confusions: Counter) -> str:
    n = sum(kinds.values())
    typed = n - kinds["type missed: no event"] - kinds["type missed: other types only"]
    lines = ["# The PLOVER-coded sentences, cross-validated: what the default coder gets wrong", "",
             "Made by `bench/plv_errors.py`; what the kinds mean is in its docstring.", "",
             f"{n} sentences: type recall {typed / n:.3f}, pair recall {kinds['right'] / n:.3f}.", "",
             "| kind | sentences |", "| --- | --- |"]
    lines += [f"| {kind} | {count} |" for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1])]
    lines += ["", "By gold type:", "", "| gold type | sentences | type recall | pair recall |", "| --- | --- | --- | --- |"]
    for root in sorted({root for root, _ in by_root}, key=lambda r: -sum(c for (x, _), c in by_root.items() if x == r)):
        total = sum(c for (x, _), c in by_root.items() if x == root)
        missed = by_root[(root, "type missed: no event")] + by_root[(root, "type missed: other types only")]
        lines.append(f"| {root} | {total} | {(total - missed) / total:.3f} | {by_root[(root, 'right')] / total:.3f} |")
    lines += ["", "Types coded where the sentence's type was missed (the 15 most frequent):", "",
              "| gold type | coded | events |", "| --- | --- | --- |"]
    lines += [f"| {gold} | {made} | {count} |" for (gold, made), count in confusions.most_common(15)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", default=None, help="the shared folder (default: ../shared)")
    parser.add_argument("-o", "--out", default=str(ROOT / "bench" / "reports" / "plv_errors.md"))
    args = parser.parse_args(argv)
    coder = Coder.default(rules_only=True)
    paired = plv(args.texts, coder)
    if not paired:
        print("no plv_dev.jsonl in the shared folder", file=sys.stderr)
        return 1
    found = sentences(corpus.load(str(GOLD), args.texts), coder, args.texts)
    text = report(*tally(coded_paired(found, paired, coder)))
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
