"""Verdicts on coded events, kept as annotations of the gold corpus (dragoman/gold/corpus.py).

A reviewer judges one report of an event (a mention: one sentence of one document) and accepts
it, corrects it (type, CAMEO code, source, target, date, place, factuality, time) or rejects it.
An accepted or corrected report becomes a gold event, standoff in the document's text as the
store keeps it; a rejected one is kept as the spans of what the coder wrongly output. The labels
are checked as an annotator's file is (`gold.annotate.check_labels`), so a review is gold data
like any other. `dragoman export --format gold` writes them a document a line, in the corpus's
format, with the text beside the offsets (a reviewed document does not live in ../shared).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone

from ..clean import normalise, same_title
from ..errors import BAD_REQUEST, UNKNOWN_ID, RequestError
from ..gold import schema
from ..gold.annotate import Problems, check_labels, occurrences
from ..gold.corpus import GoldActor, GoldEvent, GoldPlace, fold_of, sha1
from ..query.tables import mention_order
from ..gold.score import place_events
from ..query import Filters
from ..store.db import Store

VERDICTS = ("accept", "correct", "reject")


@dataclass(frozen=True)
class Mention:
    """One report of an event as the review needs it: its record, and its document's text."""

    mention_id: str
    event_id: str
    doc_id: str
    record: dict
    doc_date: date | None
    text: str | None
    background: bool = False   # the coder's reading (Event.background): not news of its article


def article(title: str | None, text: str | None) -> str | None:
    """The document as the coder read it: a title given apart from the text (a JSON field, a page's
    metadata) is read above it, unless the text opens with it. Offsets count in this text."""
    if not title or text is None:
        return text
    first = normalise(text.lstrip().split("\n", 1)[0])
    return text if first and same_title(first, normalise(title)) else f"{title}\n\n{text}"


def mention(store: Store, mention_id: str) -> Mention:
    rows = list(reports(store, "m.mention_id = ?", [mention_id]))
    if not rows:
        raise RequestError(f"no mention {mention_id!r}", code=UNKNOWN_ID, status=404)
    return of_row(rows[0])


def reports(store: Store, condition: str, params: list) -> Iterator[dict]:
    """The mentions (m) that meet a condition, in their documents' order, as rows for `of_row`
    with their document's title and url and their verdict and annotation (None where none)."""
    return store.records(
        "SELECT m.mention_id, m.event_id, m.doc_id, m.record, m.background, d.date AS doc_date, d.title, d.url, "
        "t.text, r.verdict, r.annotation "
        "FROM mentions m JOIN documents d USING (doc_id) LEFT JOIN texts t USING (doc_id) "
        f"LEFT JOIN reviews r USING (mention_id) WHERE {condition} "
        f"ORDER BY d.date NULLS LAST, {mention_order('m.')}", params=params)


def of_row(row: dict) -> Mention:
    """A Mention from a row of mention_id, event_id, doc_id, record, background, doc_date, title and text."""
    return Mention(row["mention_id"], row["event_id"], row["doc_id"], json.loads(row["record"]), row["doc_date"],
                   article(row["title"], row["text"]), bool(row["background"]))


def spans(m: Mention) -> dict | None:
    """The mention's sentence, trigger, source and target as offsets in its document's text (None
    when the text is not stored, or the sentence cannot be found in it)."""
    if m.text is None:
        return None
    placed = place_events(m.text, [m.record])[0]
    if placed.sentence is None:
        return None
    return {"sentence": list(placed.sentence), "trigger": _list(placed.trigger), "source": _list(placed.source),
            "target": _list(placed.target), "place": _list(_place_span(m.text, placed.sentence, m.record))}


def _list(span) -> list | None:
    return list(span) if span else None


def annotate(m: Mention, verdict: dict) -> dict:
    """The annotation a verdict makes: a gold event (accept, correct), or the spans of a rejected
    report (reject). RequestError (E806) says what is wrong with a verdict."""
    kind = verdict.get("verdict")
    if kind not in VERDICTS:
        raise RequestError(f"verdict {kind!r} is not one of {', '.join(VERDICTS)}", code=BAD_REQUEST)
    where = spans(m)
    if where is None:
        raise RequestError(f"the text of document {m.doc_id} is not stored, or its sentence {m.record['sentence_id']} "
                           "is not in it: this report cannot be annotated", code=BAD_REQUEST, status=409,
                           hint="documents ingested by this version keep their text")
    if kind == "reject":
        return {"id": _gold_id(m), "sentence": where["sentence"], "trigger": where["trigger"] or where["sentence"],
                "type": m.record["plover"], "cameo": m.record["cameo"]}
    labels = _labels(m, verdict if kind == "correct" else {})
    problems = Problems([])
    check_labels(labels, labels["type"], labels["cameo"], "verdict", problems)
    event = _gold_event(m, where, labels, problems)
    if problems.lines:
        raise RequestError("; ".join(line.removeprefix("verdict: ") for line in problems.lines), code=BAD_REQUEST)
    return event.to_dict()


def _labels(m: Mention, correction: dict) -> dict:
    """The coder's labels for the report, with the reviewer's corrections over them."""
    r = m.record
    labels = {"type": r["plover"], "cameo": r["cameo"], "mode": r.get("plover_mode"), "date": r.get("date"),
              "factuality": "planned" if r.get("future") else "asserted",
              "time": "background" if m.background else "news",
              "source": _coded_actor(r, "source"), "target": _coded_actor(r, "target"),
              "place": _coded_place(r)}
    for key in ("type", "cameo", "date", "factuality", "time", "source", "target", "place"):
        if key in correction:
            labels[key] = correction[key] or None
    if labels["type"] != r["plover"] and "mode" not in correction:
        labels["mode"] = None   # the coder's mode belongs to its type
    if labels["mode"] not in schema.MODES.get(labels["type"], set()):
        labels["mode"] = None
    return labels


def _coded_actor(record: dict, role: str) -> dict | None:
    """The coder's actor as a correction would give it; None for one the text does not name (an
    unnamed perpetrator has no words to point at: the gold corpus leaves such a role empty)."""
    actor = record.get(role)
    span = (record.get("evidence") or {}).get(f"{role}_span")
    if not actor or not (actor.get("text") or span):
        return None
    return {"text": actor.get("text"), "code": actor.get("code") or actor.get("country"), "name": actor.get("name"),
            "span": span}


def _coded_place(record: dict) -> dict | None:
    place = record.get("location")
    return {"text": place.get("name"), "country": place.get("country")} if place else None


def _gold_event(m: Mention, where: dict, labels: dict, problems: Problems) -> GoldEvent:
    sentence = tuple(where["sentence"])
    actors = {role: _gold_actor(m, sentence, role, labels[role], where[role], problems) for role in ("source", "target")}
    if not actors["source"] and not actors["target"]:
        problems.add("verdict", "an event needs a source or a target (an actor the text names)")
    return GoldEvent(id=_gold_id(m), sentence=sentence, trigger=tuple(where["trigger"] or sentence),
                     type=labels["type"], cameo=labels["cameo"], factuality=labels["factuality"], time=labels["time"],
                     source=actors["source"], target=actors["target"], mode=labels["mode"], date=labels["date"],
                     place=_gold_place(m, sentence, labels["place"], problems))


def _gold_id(m: Mention) -> str:
    return f"r{m.mention_id}"


def _gold_actor(m: Mention, sentence: tuple[int, int], role: str, actor, coded_span, problems: Problems
                ) -> tuple[GoldActor, ...]:
    """The actor as the gold corpus holds it: its words' span and its code. The coder's span is
    kept where the reviewer left the words as they were; other words are looked for in the
    sentence, then in the document."""
    if not actor:
        return ()
    if not isinstance(actor, dict):
        problems.add("verdict", f"{role} must be an object with text and code, or null")
        return ()
    code = (actor.get("code") or "").strip().upper() or None
    reason = schema.code_problem(code)
    if reason:
        problems.add("verdict", f"{role}: {reason}")
    words = (actor.get("text") or "").strip()
    coded = m.record.get(role) or {}
    span = tuple(coded_span) if coded_span and words in ("", coded.get("text")) else None
    if span is None and words:
        span = find(m.text, sentence, words)
    if span is None:
        problems.add("verdict", f"{role} {words!r} is not in the text (quote the words as written)" if words
                     else f"{role}: quote the words that name it")
        return ()
    return (GoldActor(span, code, actor.get("name") or None),)


def _gold_place(m: Mention, sentence: tuple[int, int], place, problems: Problems) -> GoldPlace | None:
    if not place:
        return None
    if not isinstance(place, dict):
        problems.add("verdict", "place must be an object with text and country, or null")
        return None
    country = (place.get("country") or "").strip().upper() or None
    if country is not None and country not in schema.countries():
        problems.add("verdict", f"place country {country!r} is not an ISO 3166 alpha-3 code")
    words = (place.get("text") or "").strip()
    return GoldPlace(find(m.text, sentence, words) if words else None, country)


def _place_span(text: str, sentence: tuple[int, int], record: dict) -> tuple[int, int] | None:
    place = record.get("location")
    return find(text, sentence, place["name"]) if place and place.get("name") else None


def find(text: str, sentence: tuple[int, int], words: str) -> tuple[int, int] | None:
    """Where the words are: in the sentence, else the last place before it, else the first after
    (annotation.md: an actor named in another sentence is quoted where the article names it)."""
    start, end = sentence
    inside = occurrences(text[start:end], words)
    if inside:
        return (start + inside[0], start + inside[0] + len(words))
    before = text.rfind(words, 0, start)
    at = before if before >= 0 else text.find(words, end)
    return (at, at + len(words)) if at >= 0 else None


# ---------------------------------------------------------------- storing and exporting

def record_verdict(store: Store, mention_id: str, verdict: dict) -> dict:
    """Check a verdict, store it (a later verdict on the same report replaces it) and return it."""
    m = mention(store, mention_id)
    annotation = annotate(m, verdict)
    row = {"mention_id": m.mention_id, "event_id": m.event_id, "doc_id": m.doc_id, "verdict": verdict["verdict"],
           "annotation": annotation, "reviewed_at": datetime.now(timezone.utc).replace(tzinfo=None)}
    with store.guarded():
        store.con.execute("INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?, ?)",
                          [row["mention_id"], row["event_id"], row["doc_id"], row["verdict"],
                           json.dumps(annotation, ensure_ascii=False), row["reviewed_at"]])
    return row


def reviews(store: Store, *, limit: int = 100, offset: int = 0) -> list[dict]:
    """The latest verdicts first."""
    query = ("SELECT mention_id, event_id, doc_id, verdict, annotation, reviewed_at FROM reviews "
             "ORDER BY reviewed_at DESC, mention_id LIMIT ? OFFSET ?")
    return [{**row, "annotation": json.loads(row["annotation"])}
            for row in store.records(query, params=[limit, offset])]


def gold_documents(store: Store, filters: Filters = Filters()) -> Iterator[dict]:
    """Every reviewed document as a record of the gold corpus: id, date, sha1 of its text, fold,
    its accepted and corrected reports as events; plus what a reader needs beside the standoff
    offsets (the text and the format it was read in) and the reports rejected (`rejected`).
    Events the coder output in it and nobody has reviewed are in none of the lists: score such a
    record as a partial annotation."""
    where, params = filters.where()
    query = f"""SELECT r.doc_id, d.date, d.format, d.title, t.text,
                      list(r.annotation ORDER BY r.mention_id) FILTER (WHERE r.verdict <> 'reject') AS events,
                      list(r.annotation ORDER BY r.mention_id) FILTER (WHERE r.verdict = 'reject') AS rejected
               FROM reviews r JOIN documents d USING (doc_id) JOIN texts t USING (doc_id)
               WHERE r.mention_id IN (SELECT mention_id FROM mentions WHERE event_id IN (
                   SELECT event_id FROM events WHERE {where}))
               GROUP BY ALL ORDER BY r.doc_id"""
    for row in store.records(query, params=params):
        text = article(row["title"], row["text"])
        yield {"id": row["doc_id"], "date": row["date"].isoformat() if row["date"] else None,
               "sha1": sha1(text), "fold": fold_of(row["doc_id"]),
               "events": [json.loads(a) for a in row["events"] or []],
               "rejected": [json.loads(a) for a in row["rejected"] or []],
               "text": text, "format": row["format"]}
