"""The committed corpus in gold/: its texts still match, every mention is valid under the
guidelines, no reserved article is in it, folds are as fixed, and the gate holds."""
from __future__ import annotations

from collections import Counter

import pytest

from dragoman import evaluate
from dragoman.gold import annotate, corpus, score, texts
from dragoman.gold.adjudicate import to_working

from ..conftest import ROOT, SHARED, need_shared

GOLD = ROOT / "gold"


@pytest.fixture(scope="module")
def docs():
    need_shared(SHARED / texts.GUARDIAN)
    return corpus.load(GOLD, SHARED)


def test_the_corpus_is_large_enough(docs):
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)) and len(ids) >= 101
    assert sum(i.startswith("guardian-") for i in ids) >= 100
    assert "seed-000_c22179350bfb85e7" in ids and sum(i.startswith("gigaword-") for i in ids) == 76
    assert sum(len(d.events) for d in docs) >= 1500


def test_no_reserved_article_and_folds_of_equal_size(docs):
    assert not [d.id for d in docs if texts.reserved(d.id)]
    for name in ("guardian", "gigaword"):
        sizes = Counter(d.fold for d in docs if d.id.startswith(name))
        assert set(sizes) == set(range(corpus.FOLDS)) and max(sizes.values()) - min(sizes.values()) <= 1


def test_every_mention_passes_the_annotators_checks(docs):
    problems = annotate.Problems([])
    for doc in docs:
        again = annotate.to_standoff(doc.id, [to_working(e, doc.text) for e in doc.events], SHARED, problems)
        assert [e.trigger for e in again.events] == [e.trigger for e in doc.events]
    assert problems.lines == []


def test_the_passes_cover_the_corpus():
    need_shared(SHARED / texts.GUARDIAN)
    final = {d.id for d in corpus.load(GOLD, with_text=False)}
    for name in ("A", "B"):
        assert {d.id for d in corpus.load(GOLD / "passes" / f"{name}.jsonl", with_text=False)} == final


def test_the_gate_holds_on_the_corpus(docs):
    report = score.evaluate(docs, score.code_documents(docs, root=SHARED))
    report["gold"] = "gold"
    baseline = evaluate.load_baseline(ROOT / score.DEFAULT_BASELINE)
    failures = evaluate.below_floor(report, baseline["floors"]) + evaluate.above_ceiling(report, baseline.get("ceilings", {}))
    assert failures == []
