"""Typed, frozen records used end to end: Document, Segment, Sentence, Actor, Location,
Evidence, Provenance, Event, Reject.

Records are plain data. `to_dict()` gives the JSON shape of ../CONTRACT (the event fields
outside scripts rely on); nothing else in the package builds those dicts by hand.
"""
from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

# Segment kinds: the title line, a body paragraph, a photo caption.
TITLE, BODY, CAPTION = "title", "body", "caption"

# The factualities told as having happened or being planned: what the coder outputs by default
# and what a database keeps (the others are labelled only with --factuality all).
OUTPUT = frozenset({"asserted", "planned"})


def content_id(text: str, prefix: str = "") -> str:
    """A stable id from content: the same text gives the same id on every run and machine."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"{prefix}{digest}"


@dataclass(frozen=True)
class Document:
    """One input article, as read (before clean-up)."""

    id: str
    text: str
    date: date | None = None
    title: str | None = None
    url: str | None = None
    site: str | None = None
    origin: str = ""          # where it came from: a path, path:line, or <stdin>
    format: str = "text"      # text | html | jsonl | csv

    def publisher(self) -> str | None:
        """The source that published it: the name the input gave (a `source` field, the page's
        site name), else the web address's host."""
        if self.site:
            return self.site
        host = urlsplit(self.url).hostname if self.url else None
        return host.removeprefix("www.") if host else None


@dataclass(frozen=True)
class Segment:
    """A cleaned piece of a document: its title, a body paragraph or a photo caption."""

    kind: str
    text: str


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int                # 0-based, over the whole cleaned document
    text: str
    kind: str = BODY          # the segment kind it came from


@dataclass(frozen=True)
class Actor:
    text: str                        # the mention as written
    name: str | None = None          # canonical name
    country: str | None = None       # ISO 3166-1 alpha-3, None for international/non-state
    sector: str | None = None        # GOV MIL COP REB OPP CVL MED ...
    code: str | None = None          # CAMEO actor code: RUSGOV, IGOWSTNAT, NGOHRIAMN ...
    start: int | None = None         # character span in the sentence
    end: int | None = None
    # How the code was found: "dictionary" (an entry: a country, person, organisation), "agent"
    # (built from words: a country's agent, "Turkish police", or a sector placed by context);
    # an actor without a code is "text" whatever found it.
    found: str | None = None

    @property
    def how(self) -> str:
        return (self.found or "dictionary") if self.code else "text"

    def to_dict(self) -> dict:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code, "found": self.how}

    def identity(self) -> str:
        """What tells actors apart in an event's id and in deduplication: the code, else the
        country, else (an actor of no code, "coalition forces") its sector and words."""
        return self.code or self.country or f"~{self.sector or ''}:{' '.join(self.text.lower().split())}"

    @property
    def key(self) -> str | None:
        """What identifies the actor for scoring and dyads: country, else code prefix."""
        return self.country or (self.code[:3] if self.code else None)


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


# The source_rule of a source named in a sentence before the event's (learn/earlier.py): it has
# no source_span.
EARLIER = "earlier"


@dataclass(frozen=True)
class Evidence:
    """Why the event exists: enough for an analyst to audit and fix it."""

    trigger: str                      # trigger words as written
    trigger_span: tuple[int, int]     # character span in the sentence
    pattern: str                      # pattern id in the pattern dictionary
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    target_rule: str | None = None    # how the target was chosen (dobj, prep:on, possessor ...)
    source_rule: str | None = None    # how the source was chosen (subject, passive-by, pronoun, earlier ...)
    date_text: str | None = None      # the expression the date was read from
    date_rule: str | None = None
    notes: tuple[str, ...] = ()
    decided: str = "pattern"          # what made the event: a pattern, the model, or both

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("trigger_span", "source_span", "target_span", "notes"):
            d[key] = list(d[key]) if d[key] is not None else None
        return d


@dataclass(frozen=True)
class Provenance:
    """Where an event was reported: its document's publisher, web address, title and date, and
    where dragoman read it (a path, path:line, <stdin>). The document's own id is `Event.doc_id`."""

    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None      # the document's date, YYYY-MM-DD
    origin: str = ""

    @classmethod
    def of(cls, doc: Document) -> "Provenance":
        return cls(doc.publisher(), doc.url, doc.title, doc.date.isoformat() if doc.date else None, doc.origin)

    def to_dict(self) -> dict:
        return asdict(self)


# An event dated (at its own precision) more than this many days before its article is background,
# not news of the article: "Russia annexed Crimea in 2014" in a report of 2022.
NEWS_DAYS = 7


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def period_day(value: str, end: bool = False) -> date:
    """The first day of a date written as YYYY-MM-DD, YYYY-MM or YYYY (its last day when `end`);
    ValueError for anything else."""
    match = _PERIOD.match(value)
    if not match:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(part) if part else None for part in match.groups())
    if day is not None:
        return date(year, month, day)
    if month is not None:
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    return date(year, 12, 31) if end else date(year, 1, 1)


@dataclass(frozen=True)
class Event:
    event_id: str
    doc_id: str
    sentence_id: int
    sentence: str
    date: str | None
    source: Actor | None
    target: Actor | None
    cameo: str
    plover: str
    plover_mode: str | None
    plover_context: tuple[str, ...]
    goldstein: float | None
    quad_class: int | None
    evidence: Evidence
    confidence: float
    location: Location | None = None
    date_precision: str | None = None   # day | month | year
    future: bool = False                 # planned or intended, not yet happened
    negated: bool = False
    segment: str = BODY
    provenance: Provenance | None = None
    # asserted or planned (output by default); negated, hypothetical, requested, denied or alleged
    # (output only with the FACTUALITY setting 'all', "--factuality all")
    factuality: str = "asserted"

    @property
    def background(self) -> bool:
        """Not news of its article: undated (the coder leaves background it cannot date undated), or
        dated more than NEWS_DAYS before the article's date."""
        if self.date is None:
            return True
        published = self.provenance.published if self.provenance else None
        if not published:
            return False
        return period_day(self.date, end=True) < date.fromisoformat(published) - timedelta(days=NEWS_DAYS)

    def to_dict(self) -> dict:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_id": self.sentence_id,
            "sentence": self.sentence,
            "date": self.date,
            "date_precision": self.date_precision,
            "future": self.future,
            "factuality": self.factuality,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "plover_context": list(self.plover_context),
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
            "segment": self.segment,
            "provenance": self.provenance.to_dict() if self.provenance else None,
        }


@dataclass(frozen=True)
class Reject:
    """A document that could not be read, and why. Printed as one line on stderr."""

    origin: str
    reason: str
    code: str = "E100"
    doc_id: str | None = None

    def line(self) -> str:
        return f"dragoman: rejected {self.origin}: {self.reason} [{self.code}]"
