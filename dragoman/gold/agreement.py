"""Agreement between two independent annotation passes of the same documents: event-level F1,
Cohen's kappa on type, factuality and time, and how often the actors, dates and places agree."""
from __future__ import annotations

from collections import Counter

from .align import kappa, overlaps, same_actors, tiered_matching
from .corpus import GoldDoc, GoldEvent


def pair_events(a: list[GoldEvent] | tuple, b: list[GoldEvent] | tuple) -> list[tuple[int, int]]:
    """Mentions of the same event by two annotators: same sentence and overlapping triggers, else
    same sentence and same type (one took "killed", the other "attack")."""
    a, b = list(a), list(b)
    return tiered_matching(a, b, [
        lambda x, y: x.sentence == y.sentence and overlaps(x.trigger, y.trigger),
        lambda x, y: overlaps(x.sentence, y.sentence) and x.type == y.type,
    ])


def agrees(x: GoldEvent, y: GoldEvent) -> dict[str, bool]:
    """Field by field, whether two paired mentions say the same thing."""
    return {"type": x.type == y.type, "cameo_root": x.cameo[:2] == y.cameo[:2],
            "factuality": x.factuality == y.factuality, "time": x.time == y.time,
            "source": same_actors(x.source, y.source), "target": same_actors(x.target, y.target),
            "date": x.date == y.date,
            "place": (x.place.country if x.place else None) == (y.place.country if y.place else None)}


def compare(a_docs: list[GoldDoc], b_docs: list[GoldDoc]) -> dict:
    """The agreement figures over the documents both passes hold."""
    b_by_id = {d.id: d for d in b_docs}
    n_a = n_b = matched = full = 0
    fields: Counter = Counter()
    labels: dict[str, list[tuple[str, str]]] = {"type": [], "factuality": [], "time": []}
    docs = 0
    for doc in a_docs:
        other = b_by_id.get(doc.id)
        if other is None:
            continue
        docs += 1
        n_a, n_b = n_a + len(doc.events), n_b + len(other.events)
        for i, j in pair_events(doc.events, other.events):
            x, y = doc.events[i], other.events[j]
            matched += 1
            same = agrees(x, y)
            fields.update(k for k, v in same.items() if v)
            full += all(same[k] for k in ("type", "factuality", "source", "target"))
            for name in labels:
                labels[name].append((getattr(x, name), getattr(y, name)))
    f1 = lambda m: round(2 * m / (n_a + n_b), 3) if n_a + n_b else None  # noqa: E731
    return {"documents": docs, "events_a": n_a, "events_b": n_b, "paired": matched,
            "event_f1": f1(matched), "full_f1": f1(full),
            "kappa": {name: kappa(pairs) for name, pairs in labels.items()},
            "paired_agree": {k: round(fields[k] / matched, 3) if matched else None
                             for k in ("type", "cameo_root", "factuality", "time", "source", "target", "date", "place")}}


def format_report(report: dict) -> str:
    lines = [f"{report['documents']} documents: {report['events_a']} mentions in pass A, {report['events_b']} in pass B, "
             f"{report['paired']} paired",
             f"  event F1 (same mention found by both)         {report['event_f1']}",
             f"  full F1 (and same type, factuality, actors)    {report['full_f1']}",
             "  Cohen's kappa on paired mentions: " + ", ".join(f"{k} {v}" for k, v in report["kappa"].items()),
             "  paired mentions agreeing on: " + ", ".join(f"{k} {v}" for k, v in report["paired_agree"].items())]
    return "\n".join(lines)
