"""Filters: which stored events a question is about, checked once and turned into SQL with bound
parameters (no value given by a user is ever written into the SQL text).

    Filters(since="2018", country="SYR", plover="PROTEST").where()
    -> ("day >= ? AND (source_country IN (?) OR target_country IN (?)) AND plover IN (?)",
        [date(2018, 1, 1), "SYR", "SYR", "PROTEST"])

Dates are event dates. An event dated to a month or a year matches `since` and `until` when the
whole month or year lies within them (`--since 2021-06-15` leaves out an event dated "2021-06",
which may have happened before); an undated event matches neither. Codes are compared in upper
case; `actor` and `cameo` are prefixes (`--actor RUS` is RUSGOV, RUSMIL ..., `--cameo 14` every
protest code, `--cameo 145` the violent ones).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from ..errors import ConfigError
from ..record import period_day

_ACTOR = re.compile(r"^[A-Z0-9]{3,15}$")
_CAMEO = re.compile(r"^\d{2,4}$")

# The last day of an event's date, which is written YYYY-MM-DD, YYYY-MM or YYYY.
PERIOD_END_SQL = ("CASE length(date) WHEN 10 THEN day WHEN 7 THEN last_day(day) "
                  "WHEN 4 THEN make_date(year(day), 12, 31) END")


def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-3 codes of the countries and territories dragoman codes as actors."""
    from ..gold.schema import countries   # the data file alone, not the whole knowledge base

    return countries()


def plover_types() -> frozenset[str]:
    from ..events.ontology import PLOVER_TYPES

    return PLOVER_TYPES


def parse_day(value: str | date, name: str, end: bool = False) -> date:
    """A date given as YYYY-MM-DD, YYYY-MM or YYYY: its first day (its last day when `end`)."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{name} must be a date (YYYY-MM-DD, YYYY-MM or YYYY), not {type(value).__name__}")
    try:
        return period_day(value.strip(), end)
    except ValueError:
        raise ConfigError(f"bad {name} '{value}': not a date",
                          hint="use YYYY-MM-DD, YYYY-MM or YYYY, e.g. 2018-01-31") from None


def _strings(value: str | Iterable[str] | None, name: str) -> tuple[str, ...]:
    """One value or several, as a tuple of stripped upper-case strings."""
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(f"{name} must be a string or a list of strings, not {type(item).__name__}")
    return tuple(item.strip().upper() for item in items)


def _check(values: tuple[str, ...], name: str, good, hint: str) -> None:
    for value in values:
        if not good(value):
            raise ConfigError(f"bad {name} '{value}'", hint=hint)


@dataclass(frozen=True)
class Filters:
    """Which events: all of them when every field is left empty. Each field with several values
    matches an event with any of them; the fields together match events that meet them all."""

    since: date | None = None                 # event dated on or after (YYYY-MM-DD, YYYY-MM, YYYY)
    until: date | None = None                 # event dated on or before
    country: tuple[str, ...] = ()             # ISO alpha-3 of the source's or the target's country
    source_country: tuple[str, ...] = ()
    target_country: tuple[str, ...] = ()
    actor: tuple[str, ...] = ()               # CAMEO actor code (prefix) of the source or the target
    plover: tuple[str, ...] = ()              # PLOVER event type
    cameo: tuple[str, ...] = ()               # CAMEO event code or root (prefix): "14", "145"
    quad: tuple[int, ...] = ()                # quad class, 1 to 4
    min_confidence: float | None = None       # 0 to 1
    news_only: bool = False                   # leave out planned and background events

    def __post_init__(self) -> None:
        set_ = object.__setattr__   # frozen: the checked values are set once, here
        set_(self, "since", parse_day(self.since, "since") if self.since is not None else None)
        set_(self, "until", parse_day(self.until, "until", end=True) if self.until is not None else None)
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"since ({self.since}) is after until ({self.until})", hint="swap them")
        countries = country_codes()
        for name in ("country", "source_country", "target_country"):
            values = _strings(getattr(self, name), name)
            _check(values, name, countries.__contains__, "use an ISO 3166-1 alpha-3 code such as SYR, GBR, USA")
            set_(self, name, values)
        actors = _strings(self.actor, "actor")
        _check(actors, "actor", _ACTOR.match, "use a CAMEO actor code or its beginning, such as RUS, RUSGOV, IGO")
        set_(self, "actor", actors)
        types = _strings(self.plover, "plover")
        _check(types, "plover", plover_types().__contains__, f"use one of: {', '.join(sorted(plover_types()))}")
        set_(self, "plover", types)
        codes = _strings(self.cameo, "cameo")
        _check(codes, "cameo", lambda c: bool(_CAMEO.match(c)) and 1 <= int(c[:2]) <= 20,
               "use a CAMEO event code or root of 2 to 4 digits, 01 to 20, such as 14 or 0731")
        set_(self, "cameo", codes)
        set_(self, "quad", _quads(self.quad))
        set_(self, "min_confidence", _confidence(self.min_confidence))
        if not isinstance(self.news_only, bool):
            raise ConfigError(f"news_only must be True or False, not {self.news_only!r}")

    def where(self) -> tuple[str, list]:
        """The SQL condition on the `events` table, and its parameters ("TRUE" for no filter)."""
        clauses: list[str] = []
        params: list = []

        def add(clause: str, *values) -> None:
            clauses.append(clause)
            params.extend(values)

        if self.since:
            add("day >= ?", self.since)
        if self.until:
            add(f"({PERIOD_END_SQL}) <= ?", self.until)
        if self.country:
            add(f"(source_country IN ({_marks(self.country)}) OR target_country IN ({_marks(self.country)}))",
                *self.country, *self.country)
        for column in ("source_country", "target_country", "plover", "quad"):
            values = getattr(self, column)
            if values:
                add(f"{'quad_class' if column == 'quad' else column} IN ({_marks(values)})", *values)
        if self.actor:
            add("(" + " OR ".join("starts_with(source_code, ?) OR starts_with(target_code, ?)" for _ in self.actor)
                + ")", *[code for code in self.actor for _ in (0, 1)])
        if self.cameo:
            add("(" + " OR ".join("starts_with(cameo, ?)" for _ in self.cameo) + ")", *self.cameo)
        if self.min_confidence is not None:
            add("confidence >= ?", self.min_confidence)
        if self.news_only:
            add("news")
        return (" AND ".join(clauses) or "TRUE"), params

    def describe(self) -> str:
        """The filters in a few words, for a title: "PROTEST, SYR, since 2018-01-01"."""
        parts = []
        for name, label in (("plover", ""), ("cameo", "CAMEO "), ("quad", "quad "), ("country", ""),
                            ("source_country", "source "), ("target_country", "target "), ("actor", "actor ")):
            values = getattr(self, name)
            if values:
                parts.append(label + "/".join(str(v) for v in values))
        if self.min_confidence is not None:
            parts.append(f"confidence ≥ {self.min_confidence:g}")
        if self.news_only:
            parts.append("news only")
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return ", ".join(parts) or "all events"

    def to_dict(self) -> dict:
        """The filters that are set, as JSON-ready values."""
        found = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in (None, (), False):
                found[f.name] = value.isoformat() if isinstance(value, date) else \
                    list(value) if isinstance(value, tuple) else value
        return found


def _marks(values: tuple) -> str:
    return ", ".join("?" for _ in values)


def _quads(value) -> tuple[int, ...]:
    items = [] if value is None else [value] if isinstance(value, (int, str)) else list(value)
    quads = []
    for item in items:
        try:
            number = int(item)
            if isinstance(item, bool) or str(number) != str(item).strip() or not 1 <= number <= 4:
                raise ValueError
        except (TypeError, ValueError):
            raise ConfigError(f"bad quad '{item}'", hint="use a quad class from 1 to 4 (1 verbal cooperation, "
                              "2 material cooperation, 3 verbal conflict, 4 material conflict)") from None
        quads.append(number)
    return tuple(quads)


def _confidence(value) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
        if isinstance(value, bool) or not 0 <= number <= 1:
            raise ValueError
    except (TypeError, ValueError):
        raise ConfigError(f"bad min_confidence '{value}'", hint="use a number from 0 to 1, e.g. 0.5") from None
    return number
