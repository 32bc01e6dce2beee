"""Wire datelines: where, and maybe when, a report was filed.

    ISTANBUL (AP) —                  KYIV, Ukraine (AP) —            MINSK, May 3, 2024 —
    LONDON (Reuters) -               Beijing, March 3 (Reuters) -    WASHINGTON —
    ANTALYA, Turkey, March 10, 2022 —                                ISTANBUL (Reuters), 3 May 2021 –
    GAZA CITY, Palestinian Territories:                              LYON:

A dateline opens one of the first paragraphs of the story: a place, maybe the state or country
it lies in, maybe a date, maybe the agency in brackets, then a dash with spaces around it, or a
colon (as AFP's copy writes it: then the place in capitals, maybe its region, no agency and no
date). The place is written in capitals unless an agency is named ("Beijing, March 3 (Reuters)
-"); a bare "CITY —" counts only when the city is a known place ("BREAKING —", "UPDATE —" are
not), a bare "CITY:" only when it is a large one (a speaker's label, "CLINTON:", is not).

A dateline is never part of the first sentence and never an actor (clean.py cuts it); its full
date dates the document when the input gives none (read/); its place is where events happen when
their sentence names no place, and its country that of the unnamed local actors of the report
(pipeline.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from .dates import MONTHS, WEEKDAYS, find_dates
from .places import geocoder
from .record import Location

# How many paragraphs from the top a dateline may open (a byline or a standfirst may come first).
WITHIN_PARAGRAPHS = 3
# The people of a place a dateline may name alone in a short name in capitals or before a colon
# (_big_place): Lyon, Gaza, Doha, Homs; not Obama (Japan), Mena (Ethiopia), Warren (Michigan).
BIG = 250_000

# The head of a dateline, up to the first dash that has spaces around it (a hyphen needs them
# on both sides: "WINSTON-SALEM" is one name, "UPDATE 2-Turkey says" no dateline).
_OPENING = re.compile(r"(?P<head>[^\n—–]{2,100}?)(?:\s*[—–]{1,2}\s*|\s+-{1,2}\s+)(?=\S)")
# ... or up to a colon and a space ("GAZA CITY, Palestinian Territories: Four children ...").
_COLON = re.compile(r"(?P<head>[^\n:—–]{2,60}?):\s+(?=\S)")
_AGENCY = re.compile(r"\(\s*(?P<agency>[A-Za-z][^()\n\d]{0,29}?)\s*\)")
# A place or region as datelines write it: "ISTANBUL", "ST. LOUIS", "Calif.", "N'DJAMENA".
_NAME = re.compile(r"[A-ZÀ-Ý][\w.'’ -]{0,40}")
_MAX_WORDS = 5
_DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)


@dataclass(frozen=True)
class Dateline:
    text: str                  # as written, up to and with the dash and the spaces after it
    place: str                 # "ISTANBUL", "Beijing"
    region: str | None = None  # the state or country the place is said to lie in: "Ukraine", "California"
    agency: str | None = None  # "AP", "Reuters"
    date: date | None = None   # a full date written in it ("May 3, 2024"); a day without a year gives none

    def location(self, hints: Sequence[str] = ()) -> Location | None:
        """Where the report was filed, looked up inside its stated region ("PARIS, Texas"), and
        among same-named places by the countries the context points to (ISO3, strongest first)."""
        if self.region:
            return geocoder.geocode_in(self.place, self.region, hints=hints)
        return geocoder.geocode(self.place, hints=hints)


def parse(paragraph: str) -> Dateline | None:
    """The dateline that opens the paragraph, if one does (and text follows it)."""
    opening = _OPENING.match(paragraph)
    colon = opening is None
    if colon:
        opening = _COLON.match(paragraph)
        if opening is None:
            return None
    head = opening["head"].strip()
    agencies = [m["agency"] for m in _AGENCY.finditer(head)]
    if colon and agencies:
        return None
    parts = [part.strip() for part in _AGENCY.sub(",", head).split(",") if part.strip()]
    if not parts or not _is_name(parts[0]):
        return None
    place, region, written = parts[0], None, []
    for part in parts[1:]:
        if _is_date(part):
            written.append(part)
        elif region is None and not written and _is_name(part):
            region = part
        else:
            return None   # "Russia, China and Iran - the axis": a list, no dateline
    agency = agencies[0] if agencies else None
    if not (_in_capitals(place) or agency) or colon and written:
        return None
    if not (agency or region or written) and not (_big_place(place) if colon else _known_place(place)):
        return None   # "BREAKING — ...", "NATO — ...", a speaker's "CLINTON: ..."
    return Dateline(opening.group(), place, region, agency, _full_date(", ".join(written)))


def first(paragraphs: Iterable[str]) -> tuple[int, Dateline] | None:
    """(index, dateline) of the first of the opening paragraphs that starts with a dateline."""
    for index, paragraph in enumerate(paragraphs):
        if index >= WITHIN_PARAGRAPHS:
            break
        found = parse(paragraph)
        if found is not None:
            return index, found
    return None


def _is_name(text: str) -> bool:
    return bool(_NAME.fullmatch(text)) and len(text.split()) <= _MAX_WORDS and not any(c.isdigit() for c in text)


def _is_date(text: str) -> bool:
    return any(c.isdigit() for c in text) or any(w.strip(".").lower() in _DATE_WORDS for w in text.split())


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _known_place(name: str) -> bool:
    """A place under its name, not a short form in capitals ("US", "UK", "EU"); a short name in
    capitals only if it is a city's own ("LYON", "PARIS": _big_place), as names of people and
    agencies are ("OBAMA", "MENA" are small towns too)."""
    if geocoder.is_short_caps(name):
        return _big_place(name)
    return bool(geocoder.candidates(name))


def _big_place(name: str) -> bool:
    """Whether the name is a city's or country's own (not an alias) with at least BIG people: what
    a dateline names without its region, where a speaker's label ("OBAMA:", "WARREN:") may name a
    small namesake."""
    return any(n.main and n.place.name.lower() == name.lower() and (n.place.population or 0) >= BIG
               for n in geocoder.candidates(name))


def _full_date(text: str) -> date | None:
    for when in find_dates(text, None):
        if when.precision == "day":
            return date.fromisoformat(when.value)
    return None
