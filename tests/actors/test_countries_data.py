"""Checks on dragoman/actors/data/countries.tsv, read directly (not through the loader).

Every failure is reported as `countries.tsv:LINE: reason` so the analyst can go straight to it.
"""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pycountry
import pytest

TSV = Path(__file__).resolve().parents[2] / "dragoman" / "actors" / "data" / "countries.tsv"
HEADER = ["iso3", "name", "aliases", "adjectives", "capital", "metonyms", "cities"]
LIST_COLUMNS = HEADER[2:]
# Codes in use that ISO 3166-1 does not assign: Kosovo's user-assigned code.
NOT_IN_ISO = {"XKX"}
MIN_ROWS = 240

Row = tuple[int, list[str]]


def where(number: int) -> str:
    return f"{TSV.name}:{number}"


def read_lines() -> list[Row]:
    """(line number, cells) for the header and every data line; comments and blank lines skipped."""
    rows: list[Row] = []
    with TSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for cells in reader:
            if not "".join(cells).strip() or cells[0].lstrip().startswith("#"):
                continue
            rows.append((reader.line_num, cells))
    return rows


def fold(text: str) -> str:
    """The form the matcher compares: case, diacritics, dots and a leading "the" ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("ı", "i").replace(".", "").casefold()
    words = text.split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def strings(cells: list[str]) -> list[tuple[str, str]]:
    """(column, string) for the name and every list item of a well-formed row."""
    found = [("name", cells[1])] if cells[1] else []
    for column, cell in zip(LIST_COLUMNS, cells[2:]):
        found += [(column, item) for item in cell.split("|") if item] if cell else []
    return found


@pytest.fixture(scope="module")
def lines() -> list[Row]:
    assert TSV.exists(), f"{TSV} is missing"
    return read_lines()


@pytest.fixture(scope="module")
def rows(lines: list[Row]) -> list[Row]:
    """Data rows with exactly the expected number of columns (shape is checked separately)."""
    return [(number, cells) for number, cells in lines[1:] if len(cells) == len(HEADER)]


def test_header_is_exact(lines: list[Row]) -> None:
    assert lines, f"{TSV.name}: no header line"
    number, cells = lines[0]
    assert cells == HEADER, f"{where(number)}: header must be {'<TAB>'.join(HEADER)}, got {cells}"


def test_every_line_has_seven_columns(lines: list[Row]) -> None:
    errors = [f"{where(number)}: expected {len(HEADER)} columns, got {len(cells)}"
              for number, cells in lines[1:] if len(cells) != len(HEADER)]
    assert not errors, "\n".join(errors)


def test_iso3_codes_are_unique_and_known(rows: list[Row]) -> None:
    errors, seen = [], {}
    for number, cells in rows:
        iso3 = cells[0]
        if iso3 in seen:
            errors.append(f"{where(number)}: iso3 {iso3} already used on line {seen[iso3]}")
        seen.setdefault(iso3, number)
        if iso3 not in NOT_IN_ISO and pycountry.countries.get(alpha_3=iso3) is None \
                and pycountry.historic_countries.get(alpha_3=iso3) is None:
            errors.append(f"{where(number)}: iso3 {iso3!r} is not an ISO 3166-1 or 3166-3 alpha-3 code")
    assert not errors, "\n".join(errors)


def test_cells_are_clean(rows: list[Row]) -> None:
    """A name on every row; lists have no empty items and no stray spaces."""
    errors = []
    for number, cells in rows:
        if not cells[1].strip():
            errors.append(f"{where(number)}: empty name")
        for column, cell in zip(HEADER, cells):
            if cell != cell.strip():
                errors.append(f"{where(number)}: {column} has leading or trailing spaces")
        for column, cell in zip(LIST_COLUMNS, cells[2:]):
            items = cell.split("|") if cell else []
            if any(not item.strip() for item in items):
                errors.append(f"{where(number)}: empty item in {column} '{cell}'")
            elif len(items) > 1 and any(item != item.strip() for item in items):
                errors.append(f"{where(number)}: spaces around '|' in {column} '{cell}'")
    assert not errors, "\n".join(errors)


def test_no_string_names_two_countries(rows: list[Row]) -> None:
    errors, owner = [], {}
    for number, cells in rows:
        iso3 = cells[0]
        for column, text in strings(cells):
            key = fold(text)
            first = owner.setdefault(key, (iso3, number, text))
            if first[0] != iso3:
                errors.append(f"{where(number)}: {column} '{text}' of {iso3} is also "
                              f"'{first[2]}' of {first[0]} (line {first[1]})")
    assert not errors, "\n".join(errors)


def test_enough_rows(rows: list[Row]) -> None:
    assert len(rows) >= MIN_ROWS, f"{TSV.name}: {len(rows)} rows, expected at least {MIN_ROWS}"
