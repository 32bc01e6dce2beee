"""Whole-document scoring: the coder's events against every gold mention of every article.

A produced event is placed in its document by its sentence (found in the text as the reader gave
it) and compared with the gold mentions of the sentences it overlaps, at three strictness levels:

- `type`:   its PLOVER type is one the gold mention accepts (its own; the one the 2021 CAMEO table
            gives its CAMEO code; for a planned event also PLOVER's future reading: AGREE for
            planned cooperation, CONCEDE for a planned retreat, THREATEN for planned conflict);
- `source`: and its source fits a gold source (same country or international prefix; an actor
            with no code by overlapping text; no source where the gold has none);
- `full`:   and its target fits a gold target (no target where the gold has none).

Symmetric gold mentions accept either direction. Only mentions the coder should output count for
recall (asserted, and planned); an event that fits nothing but a mention of another factuality
(negated, hypothetical, requested, denied, alleged) is a factuality error. An event is counted
right once per gold mention and dyad: "Britain and France condemned Russia" may be coded as two
events, both right.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .. import fs
from ..errors import ConfigError
from ..evaluate import cell, matrix_lines, ratio
from ..read.corpus import document
from ..read.text import from_text
from ..record import Document
from . import schema
from .align import overlaps
from .corpus import GoldActor, GoldDoc, GoldEvent, load
from .texts import text_of

LEVELS = ("type", "source", "full")
COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID"})
_WORD = re.compile(r"\w+")


# ---------------------------------------------------------------- coding the gold documents

def reader_document(doc: GoldDoc, root=None) -> Document:
    """The document as `dragoman code` reads it from where it lives: the seed as a scraped text
    file, a Guardian article as a CSV row, a GigaWord sentence as a JSONL line."""
    item = text_of(doc.id, root)
    if item.format == "text":
        return replace(from_text(item.text, item.id, _day(item.date)), id=doc.id)
    return document({"id": doc.id, "text": item.text, "date": item.date}, item.id, None, item.format)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def code_documents(docs: list[GoldDoc], coder=None, root=None) -> list[dict]:
    from ..pipeline import Coder
    coder = coder or Coder.default()
    read = [reader_document(d, root) for d in docs]
    return [e.to_dict() for _, events in coder.code_many(read) for e in events]


# ---------------------------------------------------------------- placing produced events

@dataclass(frozen=True)
class Placed:
    """A produced event with its spans in the document's text (None where it was not found)."""

    event: dict
    sentence: tuple[int, int] | None
    trigger: tuple[int, int] | None
    source: tuple[int, int] | None
    target: tuple[int, int] | None

    @property
    def type(self) -> str | None:
        return self.event.get("plover")

    def key(self, role: str) -> str | None:
        actor = self.event.get(role)
        if not actor:
            return None
        return actor.get("country") or schema.key_of(actor.get("code"))


def place_events(text: str, events: list[dict]) -> list[Placed]:
    """Find each event's sentence in the text (whitespace and invisible characters aside), in
    sentence order, and turn its spans within the sentence into spans within the text."""
    flat, where = _flatten(text)
    found: dict[int, tuple[int, int] | None] = {}
    cursor = 0
    for sid in sorted({e["sentence_id"] for e in events}):
        sentence = next(e["sentence"] for e in events if e["sentence_id"] == sid)
        target, _ = _flatten(sentence)
        at = flat.find(target, cursor)
        at = flat.find(target) if at < 0 else at
        if at < 0 or not target:
            found[sid] = None
            continue
        cursor = at + len(target)
        found[sid] = (where[at], where[at + len(target) - 1] + 1)
    return [_placed(e, found[e["sentence_id"]]) for e in events]


def _flatten(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs as one space and invisible characters dropped, and for each
    character kept its offset in the original."""
    out, where, space = [], [], False
    for i, ch in enumerate(text):
        if ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            continue
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out).rstrip(), where


def _placed(event: dict, sentence: tuple[int, int] | None) -> Placed:
    evidence = event.get("evidence") or {}

    def shift(span) -> tuple[int, int] | None:
        if sentence is None or not span:
            return None
        # The spans count characters of the sentence as the coder saw it; runs of whitespace in
        # the original can only make them drift a little, which overlap tests tolerate.
        return (sentence[0] + span[0], sentence[0] + span[1])

    return Placed(event, sentence, shift(evidence.get("trigger_span")), shift(evidence.get("source_span")),
                  shift(evidence.get("target_span")))


# ---------------------------------------------------------------- fitting one event to one mention

def accepted_types(gold: GoldEvent) -> frozenset[str]:
    types = set(schema.accepted_types(gold.type, gold.cameo))
    if gold.factuality == "planned":
        if gold.type in COOPERATION:
            types.add("AGREE")
        elif gold.type == "RETREAT":
            types.add("CONCEDE")
        elif gold.type not in {"CONCEDE"}:
            types.add("THREATEN")
    return frozenset(types)


def _actor_fits(placed: Placed, role: str, span, actors: Iterable[GoldActor]) -> bool:
    key = placed.key(role)
    return any((a.key is not None and a.key == key) or (a.key is None and overlaps(a.span, span)) for a in actors)


def fits(placed: Placed, gold: GoldEvent, level: str) -> bool:
    if not overlaps(placed.sentence, gold.sentence) or placed.type not in accepted_types(gold):
        return False
    if level == "type":
        return True
    if gold.symmetric:
        both = gold.source + gold.target
        ok_source = _actor_fits(placed, "source", placed.source, both)
        if level == "source":
            return ok_source
        return ok_source and (placed.event.get("target") is None and len(both) < 2
                              or _actor_fits(placed, "target", placed.target, both))
    ok_source = (_actor_fits(placed, "source", placed.source, gold.source) if gold.source
                 else placed.event.get("source") is None)
    if level == "source":
        return ok_source
    ok_target = (_actor_fits(placed, "target", placed.target, gold.target) if gold.target
                 else placed.event.get("target") is None)
    return ok_source and ok_target


def target_fits(placed: Placed, gold: GoldEvent) -> bool:
    actors = gold.source + gold.target if gold.symmetric else gold.target
    return _actor_fits(placed, "target", placed.target, actors)


# ---------------------------------------------------------------- the figures

def _f1(p: float | None, r: float | None) -> float | None:
    return round(2 * p * r / (p + r), 3) if p and r else (0.0 if p is not None and r is not None else None)


@dataclass
class _Tally:
    gold: int = 0
    produced: int = 0
    found: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)


@dataclass
class _Scores:
    """The counts behind every figure, filled document by document."""

    total: _Tally = field(default_factory=_Tally)
    per_type: dict = field(default_factory=dict)
    state: Counter = field(default_factory=Counter)
    dates: dict = field(default_factory=lambda: {"news": Counter(), "background": Counter()})
    confusion: dict = field(default_factory=dict)
    factuality: dict = field(default_factory=dict)
    details: dict | None = None

    def row(self, kind) -> _Tally:
        return self.per_type.setdefault(kind, _Tally())

    def add(self, doc: GoldDoc, placed: list[Placed]) -> None:
        golds = [g for g in doc.events if g.output]
        self.state["unplaced"] += sum(p.sentence is None for p in placed)
        self._precision(golds, placed)
        for gold in golds:
            self._recall(doc, gold, placed)
        self._strays(doc, golds, placed)
        for gold in doc.events:
            if not gold.output:
                self.factuality.setdefault(gold.factuality, Counter())["gold"] += 1

    def _precision(self, golds: list[GoldEvent], placed: list[Placed]) -> None:
        """An event is right at a level when it fits a mention there, once per mention and dyad."""
        self.total.produced += len(placed)
        for p in placed:
            self.row(p.type).produced += 1
        for level in LEVELS:
            counted: set = set()
            for p in placed:
                dyad = (p.key("source"), p.key("target"))
                fresh = [n for n, g in enumerate(golds) if fits(p, g, level) and (n, dyad) not in counted]
                if fresh:
                    counted.add((fresh[0], dyad))
                    self.total.right[level] += 1
                    self.row(p.type).right[level] += 1

    def _recall(self, doc: GoldDoc, gold: GoldEvent, placed: list[Placed]) -> None:
        self.total.gold += 1
        self.row(gold.type).gold += 1
        matched = {level: [p for p in placed if fits(p, gold, level)] for level in LEVELS}
        for level in LEVELS:
            self.total.found[level] += bool(matched[level])
            self.row(gold.type).found[level] += bool(matched[level])
        if gold.target:
            self.state["targeted"] += 1
            self.state["target_found"] += any(target_fits(p, gold) for p in matched["type"])
        best = matched["full"] or matched["source"] or matched["type"]
        if best:
            _score_date(doc, gold, best, self.dates)
            _score_place(doc, gold, best, self.state)
        elif self.details is not None:
            self.details["missed"].append(_describe_gold(doc, gold, placed))
        _confuse(gold, placed, self.confusion)

    def _strays(self, doc: GoldDoc, golds: list[GoldEvent], placed: list[Placed]) -> None:
        """Events that fit no mention to output: factuality errors where they fit another one."""
        others = [g for g in doc.events if not g.output]
        for p in placed:
            if any(fits(p, g, "type") for g in golds):
                continue
            wrong = [g for g in others if fits(p, g, "type")]
            if wrong:
                self.state["not_asserted"] += 1
                self.factuality.setdefault(wrong[0].factuality, Counter())["output"] += 1
            if not any(overlaps(p.trigger, g.trigger) for g in golds):
                self.confusion.setdefault("-", Counter())[p.type] += 1
            if self.details is not None:
                self.details["wrong"].append(_describe_event(doc, p, wrong))


def evaluate(docs: list[GoldDoc], events: list[dict], with_details: bool = False) -> dict:
    """Every whole-document figure for gold documents (with their texts) and the coder's events."""
    by_doc: dict[str, list[dict]] = {}
    for event in events:
        by_doc.setdefault(str(event.get("doc_id")), []).append(event)
    scores = _Scores(details={"missed": [], "wrong": []} if with_details else None)
    for doc in docs:
        scores.add(doc, place_events(doc.text, by_doc.get(doc.id, [])))
    report = _report(len(docs), scores)
    if with_details:
        report["details"] = scores.details
    return report


def _score_date(doc: GoldDoc, gold: GoldEvent, best: list[Placed], dates: dict) -> None:
    tally = dates[gold.time]
    tally["checked"] += 1
    tally["right"] += any(_date_right(gold.date, p.event.get("date")) for p in best)
    if gold.time == "background":
        tally["given_doc_date"] += all(p.event.get("date") == doc.date for p in best)


def _date_right(want: str | None, got: str | None) -> bool:
    if want is None:
        return got is None
    return bool(got) and str(got).startswith(want)


def _score_place(doc: GoldDoc, gold: GoldEvent, best: list[Placed], state: Counter) -> None:
    if not gold.place or not gold.place.country:
        state["place_none"] += 1
        state["place_none_given"] += all((p.event.get("location") or None) is not None for p in best)
        return
    state["place_checked"] += 1
    locations = [p.event.get("location") or {} for p in best]
    state["place_country"] += any(loc.get("country") == gold.place.country for loc in locations)
    name = _words(doc.text[gold.place.span[0]:gold.place.span[1]]) if gold.place.span else set()
    state["place_right"] += any(loc.get("country") == gold.place.country and (not name or name & _words(loc.get("name")))
                                for loc in locations)


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def _confuse(gold: GoldEvent, placed: list[Placed], confusion: dict) -> None:
    """Gold type against the type produced at the same trigger (or fitting it elsewhere in the sentence)."""
    same = [p for p in placed if fits(p, gold, "type")]
    at_trigger = [p for p in placed if overlaps(p.trigger, gold.trigger)]
    column = gold.type if same else (at_trigger[0].type if at_trigger else "-")
    confusion.setdefault(gold.type, Counter())[column] += 1


def _report(n_docs: int, scores: _Scores) -> dict:
    total, state, dates = scores.total, scores.state, scores.dates
    report: dict = {"docs": n_docs, "gold_events": total.gold, "produced_events": total.produced}
    for level in LEVELS:
        p, r = ratio(total.right[level], total.produced), ratio(total.found[level], total.gold)
        report.update({f"{level}_precision": p, f"{level}_recall": r, f"{level}_f1": _f1(p, r)})
    report["target_recall"] = ratio(state["target_found"], state["targeted"])
    report["not_asserted_share"] = ratio(state["not_asserted"], total.produced)
    report["unplaced_events"] = state["unplaced"]
    for time, tally in dates.items():
        report[f"date_accuracy_{time}"] = ratio(tally["right"], tally["checked"])
    report["background_given_doc_date"] = ratio(dates["background"]["given_doc_date"], dates["background"]["checked"])
    report["place_country_accuracy"] = ratio(state["place_country"], state["place_checked"])
    report["place_accuracy"] = ratio(state["place_right"], state["place_checked"])
    report["place_given_when_none"] = ratio(state["place_none_given"], state["place_none"])
    report["per_type"] = {name: _type_row(row) for name, row in sorted(scores.per_type.items(), key=lambda kv: str(kv[0]))}
    report["macro_f1_full"] = _macro([row["full_f1"] for row in report["per_type"].values() if row["gold"]])
    report["confusion"] = {row: dict(sorted(cols.items())) for row, cols in sorted(scores.confusion.items())}
    report["factuality"] = {label: {"gold": c["gold"], "output": c["output"]}
                            for label, c in sorted(scores.factuality.items())}
    return report


def _type_row(row: _Tally) -> dict:
    out = {"gold": row.gold, "produced": row.produced}
    for level in ("type", "full"):
        p, r = ratio(row.right[level], row.produced), ratio(row.found[level], row.gold)
        out.update({f"{level}_precision": p, f"{level}_recall": r, f"{level}_f1": _f1(p, r)})
    return out


def _macro(values: list) -> float | None:
    return round(sum(v or 0.0 for v in values) / len(values), 3) if values else None


# ---------------------------------------------------------------- details for an analyst

def _describe_gold(doc: GoldDoc, gold: GoldEvent, placed: list[Placed]) -> dict:
    text = doc.text
    near = [p for p in placed if overlaps(p.sentence, gold.sentence)]
    return {"doc": doc.id, "sentence": text[gold.sentence[0]:gold.sentence[1]], "type": gold.type,
            "trigger": text[gold.trigger[0]:gold.trigger[1]], "factuality": gold.factuality,
            "source": [_gold_actor(text, a) for a in gold.source], "target": [_gold_actor(text, a) for a in gold.target],
            "produced": [_brief(p) for p in near]}


def _describe_event(doc: GoldDoc, placed: Placed, wrong: list[GoldEvent]) -> dict:
    text = doc.text
    sentence = text[placed.sentence[0]:placed.sentence[1]] if placed.sentence else placed.event.get("sentence")
    golds = [g for g in doc.events if overlaps(placed.sentence, g.sentence)]
    return {"doc": doc.id, "sentence": sentence, **_brief(placed),
            "not_asserted": wrong[0].factuality if wrong else None,
            "gold": [f"{g.type} {'+'.join(_gold_actor(text, a) for a in g.source) or '-'}>"
                     f"{'+'.join(_gold_actor(text, a) for a in g.target) or '-'} ({g.factuality})" for g in golds]}


def _gold_actor(text: str, actor: GoldActor) -> str:
    return f"{actor.code or '?'}({text[actor.span[0]:actor.span[1]]})"


def _brief(placed: Placed) -> dict:
    e = placed.event
    evidence = e.get("evidence") or {}
    return {"type": e.get("plover"), "cameo": e.get("cameo"), "source": placed.key("source"),
            "target": placed.key("target"), "trigger": evidence.get("trigger"), "pattern": evidence.get("pattern")}


# ---------------------------------------------------------------- a corpus, its gate and its text report

DEFAULT_BASELINE = "eval/gold_baseline.json"
# The figures `make eval` pins: floors for these ...
GATED = ("type_f1", "source_f1", "full_f1", "type_recall", "full_recall", "type_precision", "full_precision",
         "target_recall", "date_accuracy_news", "date_accuracy_background", "place_country_accuracy", "macro_f1_full")
# ... and ceilings for these error rates.
LOWER = ("not_asserted_share", "background_given_doc_date")


# How much of a file `is_corpus` reads: a corpus line names its sha1 and events in its first hundred
# characters (the text, which may be long, comes after them).
SNIFF_BYTES = 16_384


def is_corpus(path) -> bool:
    """A gold corpus (folder, or JSONL of standoff documents) rather than a file of gold sentences."""
    path = Path(path)
    if path.is_dir():
        return True
    first = next((line for line in fs.read_head(path, SNIFF_BYTES).split("\n") if line.strip()), "")
    return '"sha1"' in first and '"events"' in first


def evaluate_corpus(path, folds: Iterable[int] | None = None, root=None, coder=None, with_details: bool = False,
                    cross_validate: bool = False) -> dict:
    """Load a corpus (the documents of the given folds), code it, and score it. The learned
    models are scored on the corpus they were trained on only by cross-validation."""
    from ..pipeline import Coder

    docs = load(path, root)
    if folds is not None:
        wanted = set(folds)
        docs = [d for d in docs if d.fold in wanted]
    coder = coder or Coder.default()
    if cross_validate:
        from ..learn import train
        events = train.cross_validate(docs, train.sentences(docs, coder, root), coder, root=root)[1]
    else:
        _refuse_training_data(coder, path)
        events = code_documents(docs, coder, root)
    report = evaluate(docs, events, with_details)
    report["gold"] = Path(path).name
    report["folds"] = sorted(set(folds)) if folds is not None else "all"
    return report


def _refuse_training_data(coder, path) -> None:
    models = getattr(coder.decider, "models", None)
    if models is None:
        return
    from ..learn.decide import data_hash
    from .corpus import files
    if models.meta.get("data") == data_hash(files(path)):
        raise ConfigError(f"the learned models were trained on {path}: scoring them there says nothing",
                          hint="use --cross-validate (each fold coded by models trained on the others), "
                               "or --rules-only")


def format_report(report: dict) -> str:
    lines = [f"{report['gold']} (folds {report['folds']}): {report['docs']} documents, {report['gold_events']} gold "
             f"events to output, {report['produced_events']} produced", "",
             f"  {'level':<8} {'P':>6} {'R':>6} {'F1':>6}"]
    for level in LEVELS:
        lines.append(f"  {level:<8} " + " ".join(f"{cell(report[f'{level}_{m}']):>6}" for m in ("precision", "recall", "f1")))
    lines.append("")
    for name in ("target_recall", "not_asserted_share", "date_accuracy_news", "date_accuracy_background",
                 "background_given_doc_date", "place_country_accuracy", "place_accuracy", "place_given_when_none",
                 "macro_f1_full", "unplaced_events"):
        lines.append(f"  {name:<26} {report.get(name)}")
    lines += ["", "  factuality of gold mentions not to output: gold / output by the coder"]
    lines += [f"    {label:<13} {row['gold']:>5} {row['output']:>5}" for label, row in report["factuality"].items()]
    lines += ["", f"  {'type':<10} {'gold':>5} {'made':>5} {'P':>6} {'R':>6} {'F1':>6} {'fullP':>6} {'fullR':>6} {'fullF1':>6}"]
    for name, row in report["per_type"].items():
        lines.append(f"  {str(name):<10} {row['gold']:>5} {row['produced']:>5} "
                     + " ".join(f"{cell(row[k]):>6}" for k in ("type_precision", "type_recall", "type_f1",
                                                                  "full_precision", "full_recall", "full_f1")))
    lines += ["", "  confusion: gold type (rows) x type produced at its trigger or sentence (columns); '-' = none", ""]
    lines += matrix_lines(report["confusion"])
    if "details" in report:
        lines += ["", "missed gold events:"]
        for m in report["details"]["missed"]:
            made = "; ".join(f"{p['type']} {p['source']}>{p['target']} '{p['trigger']}'" for p in m["produced"]) or "nothing"
            lines.append(f"  {m['doc']}: {m['type']} '{m['trigger']}' {'+'.join(m['source']) or '-'} > "
                         f"{'+'.join(m['target']) or '-'}  produced: {made}")
            lines.append(f"      {m['sentence']}")
        lines += ["", "events matching no gold mention to output:"]
        for w in report["details"]["wrong"]:
            lines.append(f"  {w['doc']}: {w['type']} {w['source']}>{w['target']} '{w['trigger']}' ({w['pattern']})"
                         + (f" [gold says {w['not_asserted']}]" if w["not_asserted"] else "")
                         + f"  gold: {'; '.join(w['gold']) or 'none'}")
            lines.append(f"      {w['sentence']}")
    return "\n".join(lines)

