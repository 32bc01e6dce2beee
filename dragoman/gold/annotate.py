"""The annotators' side: packets of numbered sentences to read, and their files checked and turned
into standoff gold.

An annotator writes JSONL, one document a line, pointing at sentences by number and quoting words
(docs/annotation.md describes every field):

    {"doc": "guardian-514", "events": [
      {"s": 2, "trigger": "blast", "type": "ASSAULT", "cameo": "1833", "mode": "explosives",
       "source": [], "target": [{"text": "Five others", "code": "---MIL"}],
       "factuality": "asserted", "time": "news", "date": "2018-03-29",
       "place": {"text": "Manbij", "country": "SYR"}}]}

A quote is found in its sentence (the event's `s`, or the quote's own `s`); `occ` picks the n-th
occurrence (from 1) when it occurs more than once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import fs
from ..events.ontology import PLOVER_TYPES
from . import schema, texts
from .corpus import GoldActor, GoldDoc, GoldEvent, GoldPlace, fold_of, sha1


@dataclass
class Problems:
    """Every problem found in an annotator's file, each naming the document and event."""

    lines: list[str]

    def add(self, where: str, reason: str) -> None:
        self.lines.append(f"{where}: {reason}")


# ---------------------------------------------------------------- packets

def packet(doc_id: str, root: str | Path | None = None) -> str:
    """One document as annotators read it: a header, then its sentences numbered from 0."""
    if texts.reserved(doc_id):
        raise ValueError(f"{doc_id} is reserved for judging the coder and is never annotated")
    item = texts.text_of(doc_id, root)
    spans = texts.sentences(item.text)
    lines = [f"=== DOCUMENT {doc_id} | date {item.date or 'unknown'} | {len(spans)} sentences ==="]
    lines += [f"[{n}] {item.text[a:b]}" for n, (a, b) in enumerate(spans)]
    return "\n".join(lines) + "\n"


def batches(doc_ids: list[str], root: str | Path | None, max_chars: int) -> list[list[str]]:
    """Documents in order, cut into batches of at most `max_chars` of text (a longer document
    makes a batch of its own)."""
    out: list[list[str]] = [[]]
    size = 0
    for doc_id in doc_ids:
        length = len(texts.text_of(doc_id, root).text)
        if out[-1] and size + length > max_chars:
            out.append([])
            size = 0
        out[-1].append(doc_id)
        size += length
    return [b for b in out if b]


# ---------------------------------------------------------------- annotators' files -> standoff

def read_file(path: str | Path, root: str | Path | None = None,
              expected: list[str] | None = None) -> tuple[list[GoldDoc], list[str]]:
    """The documents of an annotator's file as standoff gold, and every problem found (an event
    with a problem is left out; a file with no problems gives every event)."""
    problems = Problems([])
    docs: dict[str, GoldDoc] = {}
    for number, line in enumerate(fs.read_lines(path), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            doc_id = raw["doc"]
            events = raw["events"]
            assert isinstance(events, list)
        except (ValueError, KeyError, TypeError, AssertionError):
            problems.add(f"line {number}", 'not {"doc": ID, "events": [...]}')
            continue
        if doc_id in docs:
            problems.add(f"line {number}", f"{doc_id} is given twice")
            continue
        if texts.reserved(doc_id):
            problems.add(f"line {number}", f"{doc_id} is reserved and may not be annotated")
            continue
        docs[doc_id] = to_standoff(doc_id, events, root, problems)
    for doc_id in expected or []:
        if doc_id not in docs:
            problems.add(doc_id, "missing: the batch holds it (give it with an empty events list if it has none)")
    for doc_id in docs:
        if expected is not None and doc_id not in expected:
            problems.add(doc_id, "not in this batch")
    return list(docs.values()), problems.lines


def to_standoff(doc_id: str, events: list, root: str | Path | None, problems: Problems) -> GoldDoc:
    item = texts.text_of(doc_id, root)
    spans = texts.sentences(item.text)
    out = []
    for n, raw in enumerate(events, 1):
        where = f"{doc_id} event {n}"
        before = len(problems.lines)
        event = _event(raw, f"e{n}", item.text, spans, where, problems)
        if event is not None and len(problems.lines) == before:
            out.append(event)
    return GoldDoc(doc_id, item.date, sha1(item.text), fold_of(doc_id), tuple(out), item.text)


def _event(raw, eid: str, text: str, spans, where: str, problems: Problems) -> GoldEvent | None:
    if not isinstance(raw, dict):
        problems.add(where, "not a JSON object")
        return None
    s = raw.get("s")
    if not isinstance(s, int) or not 0 <= s < len(spans):
        problems.add(where, f"s={s!r} is not a sentence number (0..{len(spans) - 1})")
        return None
    trigger = _find(text, spans, s, raw.get("trigger"), raw.get("trigger_occ", 1), where, "trigger", problems)
    kind, cameo = raw.get("type"), raw.get("cameo")
    check_labels(raw, kind, cameo, where, problems)
    source = _actors(raw.get("source"), text, spans, s, where, "source", problems)
    target = _actors(raw.get("target"), text, spans, s, where, "target", problems)
    if not source and not target:
        problems.add(where, "an event needs a source or a target (an actor the text names)")
    place = _place(raw.get("place"), text, spans, s, where, problems)
    if trigger is None:
        return None
    return GoldEvent(id=eid, sentence=spans[s], trigger=trigger, type=kind, cameo=cameo,
                     factuality=raw.get("factuality"), time=raw.get("time"), source=source, target=target,
                     mode=raw.get("mode") or None, symmetric=bool(raw.get("symmetric", False)),
                     date=raw.get("date"), place=place)


def check_labels(raw: dict, kind, cameo, where: str, problems: Problems) -> None:
    if kind not in PLOVER_TYPES:
        problems.add(where, f"type {kind!r} is not a PLOVER type")
    else:
        reason = schema.cameo_problem(cameo, kind)
        if reason:
            problems.add(where, reason)
        mode = raw.get("mode")
        if mode and mode not in schema.MODES.get(kind, set()):
            problems.add(where, f"mode {mode!r} is not a mode of {kind} ({sorted(schema.MODES.get(kind, [])) or 'none'})")
    if raw.get("factuality") not in schema.FACTUALITY:
        problems.add(where, f"factuality {raw.get('factuality')!r} is not one of {', '.join(schema.FACTUALITY)}")
    if raw.get("time") not in schema.TIME:
        problems.add(where, f"time {raw.get('time')!r} is not news or background")
    reason = schema.date_problem(raw.get("date"))
    if reason:
        problems.add(where, reason)
    if not isinstance(raw.get("symmetric", False), bool):
        problems.add(where, "symmetric must be true or false")


def _actors(items, text, spans, s, where, role, problems) -> tuple[GoldActor, ...]:
    if items is None:
        return ()
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        problems.add(where, f"{role} must be a list of actors")
        return ()
    out = []
    for item in items:
        if not isinstance(item, dict):
            problems.add(where, f"{role} {item!r} is not an object with text and code")
            continue
        span = _find(text, spans, item.get("s", s), item.get("text"), item.get("occ", 1), where, role, problems)
        reason = schema.code_problem(item.get("code"))
        if reason:
            problems.add(where, f"{role}: {reason}")
        if span is not None:
            out.append(GoldActor(span, item.get("code"), item.get("name") or None))
    return tuple(out)


def _place(item, text, spans, s, where, problems) -> GoldPlace | None:
    if item is None:
        return None
    if not isinstance(item, dict):
        problems.add(where, "place must be an object with text and country, or null")
        return None
    country = item.get("country")
    if country is not None and country not in schema.countries():
        problems.add(where, f"place country {country!r} is not an ISO 3166 alpha-3 code")
    span = None
    if item.get("text"):
        span = _find(text, spans, item.get("s", s), item["text"], item.get("occ", 1), where, "place", problems)
    return GoldPlace(span, country)


def _find(text, spans, s, quote, occ, where, what, problems) -> tuple[int, int] | None:
    """The span of the `occ`-th occurrence of `quote` in sentence `s`. Occurrences are counted as
    plain substrings ("he" occurs in "the"); an occurrence that falls inside a word is taken to
    mean the `occ`-th whole-word one, which is what an annotator counting words meant."""
    if not isinstance(s, int) or not 0 <= s < len(spans):
        problems.add(where, f"{what}: s={s!r} is not a sentence number")
        return None
    if not isinstance(quote, str) or not quote.strip():
        problems.add(where, f"{what}: no text quoted")
        return None
    start, end = spans[s]
    sentence = text[start:end]
    occ = occ if isinstance(occ, int) and occ > 0 else 1
    found = occurrences(sentence, quote)
    if len(found) < occ:
        problems.add(where, f"{what} {quote!r} is not in sentence [{s}]"
                            + (f" {len(found)} time(s) only" if found else " (quote it exactly, same case)"))
        return None
    at = found[occ - 1]
    if _inside_word(sentence, at, quote):
        whole = [i for i in found if not _inside_word(sentence, i, quote)]
        at = whole[occ - 1] if len(whole) >= occ else at
    return (start + at, start + at + len(quote))


def occurrences(sentence: str, quote: str) -> list[int]:
    """Where `quote` starts in `sentence`, overlapping occurrences included."""
    out, at = [], sentence.find(quote)
    while at >= 0:
        out.append(at)
        at = sentence.find(quote, at + 1)
    return out


def _inside_word(sentence: str, at: int, quote: str) -> bool:
    before = sentence[at - 1] if at > 0 else " "
    after = sentence[at + len(quote)] if at + len(quote) < len(sentence) else " "
    return (quote[0].isalnum() and before.isalnum()) or (quote[-1].isalnum() and after.isalnum())
