"""The one place the flow is written: Document -> Segments -> Sentences -> Events.

    read -> clean -> split -> prefilter -> parse -> actors -> events -> dates -> Event records
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import dates, nlp, settings
from .actors import kb as kbmod
from .actors.mentions import Memory, SentenceActors
from .actors.resolve import find_matches
from .clean import clean
from .events import ontology
from .events import patterns as patmod
from .events.match import Candidate, Matcher
from .record import CAPTION, Document, Event, Evidence, Sentence

_PRONOUNS = frozenset({"he", "she", "it", "they", "He", "She", "It", "They"})


@dataclass(frozen=True)
class Coder:
    """The loaded dictionaries: build once, code many documents."""

    kb: kbmod.KB
    dictionary: patmod.Dictionary

    @classmethod
    def default(cls) -> "Coder":
        return cls(kbmod.builtin(), patmod.builtin())

    def code(self, doc: Document) -> list[Event]:
        sentences = self.sentences(doc)
        wanted = [s for s in sentences if self._worth_parsing(s.text)]
        memory = Memory()
        events: list[Event] = []
        for sentence, parsed in zip(wanted, nlp.parse(s.text for s in wanted)):
            day = doc.date
            actors = SentenceActors(parsed, self.kb, day, memory)
            candidates = Matcher(self.dictionary, actors).candidates(parsed)
            dating = SentenceDates(parsed, sentence, doc.date, [c.trigger for c in candidates])
            for candidate in candidates:
                when = dating.for_trigger(candidate.trigger, candidate.future)
                for source, target in _pairs(candidate):
                    event = self._event(doc, sentence, candidate, source, target, when)
                    if event and event.confidence >= settings.get("MIN_CONFIDENCE"):
                        events.append(event)
            actors.remember_all()
        return _dedup(events)

    def sentences(self, doc: Document) -> list[Sentence]:
        out: list[Sentence] = []
        for segment in clean(doc):
            for text in nlp.split_sentences(segment.text):
                out.append(Sentence(doc.id, len(out), text, segment.kind))
        return out

    def _worth_parsing(self, text: str) -> bool:
        """Cheap test before parsing: an actor or a pronoun that may stand for one."""
        if len(text) > settings.get("MAX_SENTENCE_CHARS"):
            return False
        tokens = nlp.tokenize(text)
        if any(t in _PRONOUNS for t in tokens):
            return True
        return any(e.kind != kbmod.AGENT for m in find_matches(tokens, self.kb) for e in m.entries)

    def _event(self, doc: Document, sentence: Sentence, c: Candidate, source_found, target_found,
               when: dates.When | None) -> Event | None:
        source = source_found.actor
        if not (source.country or source.code):
            return None
        info = ontology.lookup(c.code)
        plover = c.plover or info.plover
        if not plover:
            return None
        date_value, precision, date_rule = _date_of(when, doc.date, sentence)
        trigger = c.trigger
        target = target_found.actor if target_found else None
        evidence = Evidence(
            trigger=trigger.text, trigger_span=(trigger.idx, trigger.idx + len(trigger.text)),
            pattern=c.pattern,
            source_span=(source.start, source.end) if source.start is not None else None,
            target_span=(target.start, target.end) if target and target.start is not None else None,
            source_rule=c.source_rule, target_rule=c.target_rule,
            date_text=when.text if when else None, date_rule=date_rule, notes=tuple(c.notes))
        key = "|".join([doc.id, str(sentence.index), c.code, source.code or "", (target.code if target else "") or "",
                        str(trigger.idx)])
        return Event(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc.id, sentence_id=sentence.index,
            sentence=sentence.text, date=date_value, source=source, target=target, cameo=info.code,
            plover=plover, plover_mode=c.plover_mode if c.plover else info.plover_mode, plover_context=info.plover_context,
            goldstein=info.goldstein, quad_class=info.quad_class, evidence=evidence,
            confidence=_confidence(c, source_found, target_found), date_precision=precision,
            future=c.future or bool(when and when.future), negated=c.negated, segment=sentence.kind)


class SentenceDates:
    """Date expressions of one sentence, each owned by the innermost event trigger whose phrase
    holds it: in "It never recognized Russia's 2014 annexation ... and has signed contracts",
    2014 dates the annexation, not the signing. Expressions no trigger holds ("He said on
    Wednesday that ...") date every trigger that owns none."""

    def __init__(self, parsed, sentence: Sentence, ref: date | None, triggers: list):
        self.parsed, self.text, self.ref, self.triggers = parsed, sentence.text, ref, triggers

    def _owner(self, when: dates.When):
        span = self.parsed.char_span(when.start, when.end, alignment_mode="expand")
        if span is None:
            return None
        token = span[0]
        holders = [t for t in self.triggers if token in t.subtree]
        return min(holders, key=lambda t: len(list(t.subtree)), default=None)

    def for_trigger(self, trigger, future: bool) -> dates.When | None:
        found = dates.event_dates(self.text, self.ref, future_tense=future)
        owners = [self._owner(w) for w in found]
        own = [w for w, o in zip(found, owners) if o is trigger]
        free = [w for w, o in zip(found, owners) if o is None]
        return dates.best(own or free)


def _date_of(when, doc_date: date | None, sentence: Sentence) -> tuple[str | None, str | None, str]:
    if when is not None:
        return when.value, when.precision, when.rule
    if doc_date is not None and sentence.kind != CAPTION:
        return doc_date.isoformat(), "day", "document-date"
    return None, None, "unknown"


def _pairs(c: Candidate):
    """One event per actor pair: every source with every target; a compound subject with no
    target ("Jordan and Britain agreed") pairs its members with each other."""
    if c.targets:
        return [(s, t) for s in c.sources for t in c.targets if s.actor.code != t.actor.code or s.actor.code is None]
    if len(c.sources) > 1:
        return [(a, b) for i, a in enumerate(c.sources) for b in c.sources[i + 1:]]
    return [(s, None) for s in c.sources]


def _confidence(c: Candidate, source, target) -> float:
    """A plain, documented heuristic: a target, a specific pattern and direct actors raise it."""
    score = 0.5
    score += 0.2 if target else 0.0
    score += 0.1 if c.source_rule in ("subject", "passive-by") else 0.0
    score -= 0.1 if source.rule == "pronoun" else 0.0
    score += 0.1 if "/" in c.pattern and ">" in c.pattern else 0.0
    return round(min(max(score, 0.05), 0.95), 2)


def _dedup(events: list[Event]) -> list[Event]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.sentence_id, e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def code_documents(docs: Iterable[Document], coder: Coder | None = None) -> Iterator[tuple[Document, list[Event]]]:
    coder = coder or Coder.default()
    for doc in docs:
        yield doc, coder.code(doc)
