"""Adjudication: two passes of a document become one gold document. Mentions both annotators found
and labelled alike are kept; every other one (paired but differing, or found by one pass only)
is an item for the adjudicator, who keeps A's version, B's, a corrected one, or neither.

The adjudicator writes JSONL, one document a line:

    {"doc": ID, "decisions": [{"item": 1, "keep": "A"}, {"item": 2, "keep": "B"},
                              {"item": 3, "drop": true, "why": "a state, not an event"},
                              {"item": 4, "event": EVENT}],
     "add": [EVENT ...]}

EVENT is an event in the annotators' format (annotate.py), so a corrected version is checked as
theirs are.
"""
from __future__ import annotations

import json
from pathlib import Path

from .. import fs
from . import texts
from .agreement import agrees, pair_events
from .annotate import Problems, occurrences, to_standoff
from .corpus import GoldActor, GoldDoc, GoldEvent

KEY_FIELDS = ("type", "cameo_root", "factuality", "time", "source", "target", "date", "place")


def to_working(event: GoldEvent, text: str) -> dict:
    """A standoff event back in the annotators' format (sentence numbers and quotes)."""
    spans = texts.sentences(text)
    s = _sentence_of(spans, event.trigger)
    out = {"s": s, "trigger": text[event.trigger[0]:event.trigger[1]]}
    occ = _occurrence(text, spans[s], event.trigger)
    if occ > 1:
        out["trigger_occ"] = occ
    out.update({"type": event.type, "cameo": event.cameo})
    if event.mode:
        out["mode"] = event.mode
    out["source"] = [_actor(a, text, spans, s) for a in event.source]
    out["target"] = [_actor(a, text, spans, s) for a in event.target]
    if event.symmetric:
        out["symmetric"] = True
    out.update({"factuality": event.factuality, "time": event.time, "date": event.date})
    out["place"] = None
    if event.place:
        out["place"] = {"country": event.place.country}
        if event.place.span:
            out["place"].update(_quote(event.place.span, text, spans, s))
    return out


def _actor(actor: GoldActor, text: str, spans, s: int) -> dict:
    out = _quote(actor.span, text, spans, s)
    out["code"] = actor.code
    if actor.name:
        out["name"] = actor.name
    return out


def _quote(span: tuple[int, int], text: str, spans, s: int) -> dict:
    own = _sentence_of(spans, span)
    out: dict = {"text": text[span[0]:span[1]]}
    if own != s:
        out["s"] = own
    occ = _occurrence(text, spans[own], span)
    if occ > 1:
        out["occ"] = occ
    return out


def _sentence_of(spans, span: tuple[int, int]) -> int:
    return next(n for n, (a, b) in enumerate(spans) if a <= span[0] < b)


def _occurrence(text: str, sentence: tuple[int, int], span: tuple[int, int]) -> int:
    """Which occurrence of its own text a span is in its sentence, counted as annotate._find counts."""
    found = occurrences(text[sentence[0]:sentence[1]], text[span[0]:span[1]])
    return found.index(span[0] - sentence[0]) + 1 if span[0] - sentence[0] in found else 1


# ---------------------------------------------------------------- the items to decide

def disputes(a: GoldDoc, b: GoldDoc) -> tuple[list[GoldEvent], list[dict]]:
    """(mentions both passes agree on, taken from pass A; the items left to the adjudicator)."""
    agreed, items = [], []
    paired_a, paired_b = set(), set()
    for i, j in pair_events(a.events, b.events):
        paired_a.add(i)
        paired_b.add(j)
        same = agrees(a.events[i], b.events[j])
        if all(same[k] for k in KEY_FIELDS):
            agreed.append(a.events[i])
        else:
            items.append({"A": a.events[i], "B": b.events[j], "differ": [k for k in KEY_FIELDS if not same[k]]})
    items += [{"A": e, "B": None, "differ": ["only in A"]} for n, e in enumerate(a.events) if n not in paired_a]
    items += [{"A": None, "B": e, "differ": ["only in B"]} for n, e in enumerate(b.events) if n not in paired_b]
    items.sort(key=lambda it: (it["A"] or it["B"]).trigger)
    for n, item in enumerate(items, 1):
        item["item"] = n
    return agreed, items


def render(doc_id: str, text: str, items: list[dict], agreed: list[GoldEvent] = ()) -> str:
    """The items of one document as the adjudicator reads them, each with the mentions of its
    sentence that both passes agreed on (kept without a decision)."""
    spans = texts.sentences(text)
    lines = [f"=== DOCUMENT {doc_id} | {len(items)} items ==="]
    for item in items:
        some = item["A"] or item["B"]
        s = _sentence_of(spans, some.trigger)
        lines.append(f"item {item['item']} ({', '.join(item['differ'])}) in [{s}] {text[spans[s][0]:spans[s][1]]}")
        for side in ("A", "B"):
            if item[side]:
                lines.append(f"  {side}: {json.dumps(to_working(item[side], text), ensure_ascii=False)}")
        for event in agreed:
            if event.sentence == some.sentence:
                lines.append(f"  agreed, kept: {_brief(event, text)}")
    return "\n".join(lines) + "\n"


def _brief(event: GoldEvent, text: str) -> str:
    actors = lambda group: "+".join(f"{a.code}({text[a.span[0]:a.span[1]]})" for a in group) or "-"  # noqa: E731
    return (f"{event.type} {event.cameo} '{text[event.trigger[0]:event.trigger[1]]}' "
            f"{actors(event.source)} > {actors(event.target)} {event.factuality}")


# ---------------------------------------------------------------- applying the decisions

def merge(a: GoldDoc, b: GoldDoc, decision: dict, root=None, problems: Problems | None = None) -> GoldDoc:
    """The gold document: agreed mentions, the adjudicator's choices, and the mentions added."""
    problems = problems if problems is not None else Problems([])
    text = texts.text_of(a.id, root).text
    agreed, items = disputes(a, b)
    chosen = {d.get("item"): d for d in decision.get("decisions", []) if isinstance(d, dict)}
    events = [to_working(e, text) for e in agreed]
    for item in items:
        d = chosen.get(item["item"])
        if d is None:
            problems.add(a.id, f"item {item['item']} has no decision")
        elif d.get("drop"):
            continue
        elif d.get("keep") in ("A", "B") and item[d["keep"]] is not None:
            events.append(to_working(item[d["keep"]], text))
        elif isinstance(d.get("event"), dict):
            events.append(d["event"])
        else:
            problems.add(a.id, f"item {item['item']}: decide with keep A|B (that side exists), drop, or event")
    events += [e for e in decision.get("add", []) if isinstance(e, dict)]
    events.sort(key=lambda e: (e.get("s", 0), text.find(e.get("trigger") or "")))
    return to_standoff(a.id, events, root, problems)


def read_decisions(path: str | Path) -> dict[str, dict]:
    out = {}
    for line in fs.read_lines(path):
        if line.strip():
            raw = json.loads(line)
            out[raw["doc"]] = raw
    return out
