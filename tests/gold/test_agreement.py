import json

from dragoman.gold import adjudicate, agreement, annotate
from dragoman.gold.align import kappa, max_matching, tiered_matching

from .test_annotate import CONDEMNED, SHELLED


def doc(shared, *events, doc_id="guardian-4"):
    return annotate.to_standoff(doc_id, list(events), shared, annotate.Problems([]))


def test_matching_is_maximal_and_tiered():
    # A greedy pass would pair 0-0 and leave 1 alone.
    assert max_matching([0, 1], [0, 1], lambda a, b: (a, b) in {(0, 0), (0, 1), (1, 0)}) == [(0, 1), (1, 0)]
    tiers = [lambda a, b: a == b, lambda a, b: abs(a - b) == 1]
    assert tiered_matching([1, 5], [2, 5], tiers) == [(0, 0), (1, 1)]


def test_kappa():
    assert kappa([("a", "a"), ("b", "b")]) == 1.0
    assert kappa([("a", "b"), ("b", "a")]) == -1.0
    assert kappa([("a", "a"), ("a", "b"), ("b", "b"), ("b", "a")]) == 0.0
    assert kappa([]) is None


def test_passes_pair_by_trigger_else_by_type_in_the_sentence(shared):
    a = doc(shared, SHELLED, CONDEMNED)
    b = doc(shared, dict(SHELLED, trigger="Kharkiv", target=[]), dict(CONDEMNED, factuality="alleged"))
    assert agreement.pair_events(a.events, b.events) == [(0, 0), (1, 1)]
    report = agreement.compare([a], [b])
    assert report["event_f1"] == 1.0 and report["full_f1"] == 0.0
    assert report["paired_agree"]["target"] == 0.5 and report["paired_agree"]["factuality"] == 0.5
    assert report["kappa"]["type"] == 1.0


def test_agreed_mentions_are_kept_and_the_rest_decided(shared, tmp_path):
    threat = dict(CONDEMNED, trigger="attack", type="ASSAULT", cameo="190", source=[],
                  target=[{"text": "Ukraine", "code": "UKR"}])
    a = doc(shared, SHELLED, CONDEMNED)
    b = doc(shared, SHELLED, dict(CONDEMNED, factuality="alleged"), threat)
    agreed, items = adjudicate.disputes(a, b)
    assert [e.trigger for e in agreed] == [a.events[0].trigger]
    assert [(it["item"], it["differ"]) for it in items] == [(1, ["factuality"]), (2, ["only in B"])]
    text = adjudicate.render(a.id, a.text, items)
    assert "item 1 (factuality) in [1]" in text and '  B: {"s": 1, "trigger": "attack"' in text

    merged = adjudicate.merge(a, b, {"decisions": [{"item": 1, "keep": "A"}, {"item": 2, "drop": True}]}, shared)
    assert merged.events == a.events
    added = dict(CONDEMNED, trigger="condemned", cameo="112", mode="allege")
    merged = adjudicate.merge(a, b, {"decisions": [{"item": 1, "event": added}, {"item": 2, "keep": "B"}]}, shared)
    assert [(e.type, e.cameo) for e in merged.events] == [("ASSAULT", "194"), ("ACCUSE", "112"), ("ASSAULT", "190")]

    problems = annotate.Problems([])
    adjudicate.merge(a, b, {"decisions": [{"item": 1, "keep": "C"}]}, shared, problems)
    assert problems.lines == ["guardian-4: item 1: decide with keep A|B (that side exists), drop, or event",
                              "guardian-4: item 2 has no decision"]


def test_decision_files_are_read_by_document(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"doc": "guardian-4", "decisions": []}) + "\n\n")
    assert adjudicate.read_decisions(path) == {"guardian-4": {"doc": "guardian-4", "decisions": []}}
