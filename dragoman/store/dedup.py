"""Which stored reports are reports of one event: the copies of a wire story, the same detention
told by Reuters, AP and the BBC.

Reports are of one event when their CAMEO roots agree (173 and 172 are both root 17, COERCE),
their sources and targets have the same codes, and their dates fall within a day of each other
(a report dated by "on Tuesday" and one filed the next morning). The place is optional: a report
that names none, or names only the country, joins the event of the one that does; two reports
that name different places (Kyiv, Lviv) stay two events.

Days are grouped from the earliest: a window is a report's day and the day after, and the next
window starts at the first report after it, so that daily protests over a week do not chain into
one event. A report dated to a month or a year is one event with the reports of the same month or
year; an undated report only with the undated reports of its own document (two documents saying
the same thing without a date may speak of different events).

The assignment depends on the reports alone, never on the order they were stored in: the store
assigns again every group a write touches.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from ..record import Actor, Event
from .countries import is_country_place


def _hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:16]


def _code(actor: Actor | None) -> str:
    return actor.identity() if actor else "-"   # no source ("two people were killed") is one of its own


def group_of(e: Event) -> str:
    """The reports that may be of one event: same CAMEO root, source and target codes (and, for
    an undated report, the same document)."""
    undated = "" if e.date else f"undated:{e.doc_id}"
    return _hash(e.cameo[:2], _code(e.source), _code(e.target), undated)


def place_of(e: Event) -> str | None:
    """The report's place when more precise than a country, as a key; else None."""
    loc = e.location
    if loc is None or is_country_place(loc.name, loc.country, loc.geonameid):
        return None
    return f"{loc.country or ''}|{loc.name}"


class Report(NamedTuple):
    """A stored report, as the assignment sees it."""

    mention_id: str
    group_id: str
    date: str | None
    place: str | None
    doc_date: date | None
    doc_id: str
    sentence_id: int


def _order(r: Report) -> tuple:
    # the order of the store's representative report: earliest document first
    return (r.doc_date or date.max, r.doc_id, r.sentence_id, r.mention_id)


def assign(reports: Iterable[Report]) -> dict[str, str]:
    """{mention_id: event_id} for stored reports (of any groups)."""
    groups: dict[str, list[Report]] = {}
    for r in reports:
        groups.setdefault(r.group_id, []).append(r)
    found: dict[str, str] = {}
    for group, members in groups.items():
        for anchor, window in _windows(members):
            found.update(_by_place(group, anchor, window))
    return found


def _windows(reports: list[Report]) -> list[tuple[str, list[Report]]]:
    """The reports cut into date windows, each with the date that names it."""
    days = sorted((r for r in reports if r.date and len(r.date) == 10), key=lambda r: (r.date, _order(r)))
    windows: list[tuple[str, list[Report]]] = []
    for r in days:
        if windows and date.fromisoformat(r.date) <= date.fromisoformat(windows[-1][0]) + timedelta(days=1):
            windows[-1][1].append(r)
        else:
            windows.append((r.date, [r]))
    coarser: dict[str, list[Report]] = {}
    for r in reports:
        if not (r.date and len(r.date) == 10):
            coarser.setdefault(r.date or "undated", []).append(r)
    return windows + sorted(coarser.items())


def _by_place(group: str, anchor: str, window: list[Report]) -> dict[str, str]:
    """One event per place named in the window; the reports naming none join the earliest place's."""
    window = sorted(window, key=_order)
    places = list(dict.fromkeys(r.place for r in window if r.place))
    first = places[0] if places else ""
    return {r.mention_id: _hash(group, anchor, r.place or first) for r in window}
