"""Checks on every actor data file other than countries.tsv (see test_countries_data.py), read
directly rather than through the loader so that every problem is listed at once, each as
`file:LINE: reason`."""
from __future__ import annotations

import csv
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from dragoman.actors import kb as kbmod

DATA = Path(__file__).resolve().parents[2] / "dragoman" / "actors" / "data"
NAMED_FILES = sorted((DATA / "people").glob("*.tsv")) + [DATA / "organisations.tsv"]
NAMED_HEADER = ["name", "aliases", "code", "role", "start", "end"]
AGENT_HEADER = ["phrase", "sector", "plural"]
CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3}){0,4}")
# CAMEO sectors (primary, party, secondary, tertiary roles) and the religious one PETRARCH uses.
SECTORS = frozenset("GOV MIL REB INS SEP OPP COP JUD SPY UAF PTY AGR BUS CRM CVL DEV EDU ELI ENV HLH "
                    "HRI LAB LEG MED REF MOD RAD REL".split())

Line = tuple[Path, int, list[str]]


def lines(path: Path) -> list[Line]:
    """(file, line number, cells) for the header and every data line."""
    found = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        for cells in reader:
            if "".join(cells).strip() and not cells[0].lstrip().startswith("#"):
                found.append((path, reader.line_num, cells))
    return found


def where(path: Path, number: int) -> str:
    return f"{path.relative_to(DATA)}:{number}"


def fold(text: str) -> str:
    """The form the matcher compares: case, diacritics, dots and a leading "the" ignored."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = text.replace("’", "'").replace("ı", "i").replace(".", "").casefold().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] == "the" else words)


def shape_errors(found: list[Line], header: list[str]) -> list[str]:
    if not found:
        return ["no header line"]
    path, number, cells = found[0]
    errors = [] if cells == header else [f"{where(path, number)}: header must be {'<TAB>'.join(header)}"]
    for path, number, cells in found[1:]:
        if len(cells) != len(header):
            errors.append(f"{where(path, number)}: expected {len(header)} columns, got {len(cells)}")
            continue
        for column, cell in zip(header, cells):
            if cell != cell.strip():
                errors.append(f"{where(path, number)}: {column} has leading or trailing spaces")
            if "|" in cell and any(not item.strip() or item != item.strip() for item in cell.split("|")):
                errors.append(f"{where(path, number)}: empty item or spaces around '|' in {column}")
    return errors


def rows(found: list[Line], header: list[str]) -> list[tuple[Path, int, dict[str, str]]]:
    return [(path, number, dict(zip(header, cells))) for path, number, cells in found[1:] if len(cells) == len(header)]


@pytest.fixture(scope="module")
def places() -> frozenset[str]:
    """Codes that may open an actor code: countries, historical states, international types."""
    return frozenset(kbmod.builtin().countries) | kbmod.HISTORICAL | kbmod.INTERNATIONAL | kbmod.REGIONS


@pytest.fixture(scope="module")
def named() -> dict[Path, list[Line]]:
    return {path: lines(path) for path in NAMED_FILES}


def test_there_are_named_files():
    assert len(NAMED_FILES) >= 2 and all(path.exists() for path in NAMED_FILES)


def test_named_files_have_the_right_shape(named):
    errors = [error for found in named.values() for error in shape_errors(found, NAMED_HEADER)]
    assert not errors, "\n".join(errors)


def _date(cell: str) -> date | None:
    try:
        return date.fromisoformat(cell) if cell else None
    except ValueError:
        return None


def test_named_rows_have_valid_codes_and_dates(named, places):
    errors = []
    for found in named.values():
        for path, number, row in rows(found, NAMED_HEADER):
            at = where(path, number)
            if not row["name"]:
                errors.append(f"{at}: empty name")
            if not CODE.fullmatch(row["code"]):
                errors.append(f"{at}: bad CAMEO code '{row['code']}'")
            elif row["code"][:3] not in places:
                errors.append(f"{at}: code '{row['code']}' starts with neither a country nor IGO/NGO/IMG ...")
            start, end = _date(row["start"]), _date(row["end"])
            for column, value in (("start", start), ("end", end)):
                if row[column] and value is None:
                    errors.append(f"{at}: bad {column} date '{row[column]}' (want YYYY-MM-DD)")
            if start and end and end <= start:
                errors.append(f"{at}: role ends ({end}) before it starts ({start})")
            if not row["role"] and row["start"]:
                errors.append(f"{at}: a dated row needs a role")
    assert not errors, "\n".join(errors)


def test_no_row_is_given_twice_in_a_file(named):
    errors = []
    for found in named.values():
        seen: dict[tuple[str, str, str, str], int] = {}
        for path, number, row in rows(found, NAMED_HEADER):
            key = (row["name"], row["code"], row["role"], row["start"])
            if key in seen:
                errors.append(f"{where(path, number)}: same row as line {seen[key]}")
            seen.setdefault(key, number)
    assert not errors, "\n".join(errors)


def _claims(found: list[Line]) -> list[tuple[str, str, str, Path, int]]:
    """(folded phrase, phrase, actor name, file, line) for every name and alias."""
    out = []
    for path, number, row in rows(found, NAMED_HEADER):
        phrases = [row["name"]] + [item for item in row["aliases"].split("|") if item]
        out += [(fold(phrase), phrase, row["name"], path, number) for phrase in phrases]
    return out


def _offices(named) -> dict[str, list[tuple[str, date, date]]]:
    """Actor name -> (code, start, end) of each of its rows."""
    out: dict[str, list[tuple[str, date, date]]] = {}
    for found in named.values():
        for _, _, row in rows(found, NAMED_HEADER):
            start = date.fromisoformat(row["start"]) if row["start"] else date.min
            end = date.fromisoformat(row["end"]) if row["end"] else date.max
            out.setdefault(row["name"], []).append((row["code"], start, end))
    return out


def _told_apart_by_date(one: str, other: str, offices) -> bool:
    return all(code == code2 or end <= start2 or end2 <= start
               for code, start, end in offices.get(one, []) for code2, start2, end2 in offices.get(other, []))


def _clashes(claims, offices) -> list[str]:
    errors, owner = [], {}
    for key, phrase, name, path, number in claims:
        first = owner.setdefault(key, (name, path, number))
        if first[0] != name and not (_is_person_file(path) and _is_person_file(first[1])
                                     and _told_apart_by_date(name, first[0], offices)):
            errors.append(f"{where(path, number)}: '{phrase}' of {name} is also claimed by {first[0]} "
                          f"({where(first[1], first[2])})")
    return errors


def test_no_alias_is_claimed_by_two_names_in_a_file(named):
    offices = _offices(named)
    errors = [error for found in named.values() for error in _clashes(_claims(found), offices)]
    assert not errors, "\n".join(errors)


def test_no_alias_is_claimed_by_two_names_across_files(named):
    """People and organisations share one phrase index: a clash across files is as ambiguous.
    A name a family shares ("Bush") may be given to each of them when the date tells them apart:
    on no day do two of them hold offices with different codes."""
    errors = _clashes([claim for found in named.values() for claim in _claims(found)], _offices(named))
    assert not errors, "\n".join(errors)


def _is_person_file(path: Path) -> bool:
    return path.parent.name == "people"


# ---------------------------------------------------------------- agents.tsv

@pytest.fixture(scope="module")
def agents() -> list[Line]:
    return lines(DATA / "agents.tsv")


def test_agents_have_the_right_shape(agents):
    errors = shape_errors(agents, AGENT_HEADER)
    assert not errors, "\n".join(errors)


def test_agent_sectors_are_cameo_sectors(agents):
    errors = [f"{where(path, number)}: sector '{row['sector']}' is not a CAMEO sector"
              for path, number, row in rows(agents, AGENT_HEADER)
              if row["sector"] not in SECTORS and row["sector"] not in {f"{kind}~" for kind in kbmod.INTERNATIONAL}]
    assert not errors, "\n".join(errors)


def test_no_agent_form_has_two_sectors(agents):
    """A phrase or plural listed twice must not say two different things."""
    errors, owner, phrases = [], {}, {}
    for path, number, row in rows(agents, AGENT_HEADER):
        if not row["phrase"]:
            errors.append(f"{where(path, number)}: empty phrase")
            continue
        if fold(row["phrase"]) in phrases:
            errors.append(f"{where(path, number)}: '{row['phrase']}' is listed again (line {phrases[fold(row['phrase'])]})")
        phrases.setdefault(fold(row["phrase"]), number)
        forms = [row["phrase"]] + [item for item in row["plural"].split("|") if item not in ("", "-")]
        for form in forms:
            first = owner.setdefault(fold(form), (row["sector"], number))
            if first[0] != row["sector"]:
                errors.append(f"{where(path, number)}: '{form}' is {row['sector']} here and {first[0]} "
                              f"on line {first[1]}")
    assert not errors, "\n".join(errors)


# ---------------------------------------------------------------- seats of government

@pytest.mark.parametrize("metonym,country", [
    ("Kremlin", "RUS"), ("White House", "USA"), ("Pentagon", "USA"), ("Downing Street", "GBR"),
    ("Élysée", "FRA"), ("Zhongnanhai", "CHN"), ("Blue House", "KOR"), ("Bankova", "UKR"),
    ("Quai d'Orsay", "FRA"), ("Whitehall", "GBR"),
])
def test_seats_of_government_are_present(metonym, country):
    entries = kbmod.builtin().lookup(kbmod.phrase_key(metonym))
    assert (kbmod.METONYM, country) in {(e.kind, e.value) for e in entries}, metonym


# ---------------------------------------------------------------- homelands

HOMELAND_HEADER = ["word", "countries"]


def test_homelands_name_agent_words_and_countries(agents):
    """homelands.tsv: each word a people's word of agents.tsv, each code a country of countries.tsv."""
    found = lines(DATA / "homelands.tsv")
    errors = shape_errors(found, HOMELAND_HEADER)
    words = {fold(row["phrase"]) for _, _, row in rows(agents, AGENT_HEADER)}
    countries = frozenset(kbmod.builtin().countries)
    for path, number, row in rows(found, HOMELAND_HEADER):
        if fold(row["word"]) not in words:
            errors.append(f"{where(path, number)}: '{row['word']}' is not a phrase of agents.tsv")
        errors += [f"{where(path, number)}: '{code}' is not a country" for code in row["countries"].split("|")
                   if code not in countries]
    assert not errors, "\n".join(errors)


def test_the_homelands_loader_refuses_a_bad_code_or_a_word_twice(tmp_path, monkeypatch):
    from dragoman.actors import mentions
    from dragoman.errors import DictionaryError

    for rows in (["Kurd\tSYR|tur"], ["Kurd\tSYR", "Kurds\tIRQ"]):
        (tmp_path / "homelands.tsv").write_text("word\tcountries\n" + "\n".join(rows) + "\n", encoding="utf-8")
        monkeypatch.setattr(mentions, "data_dir", lambda: tmp_path)
        mentions.homelands.cache_clear()
        try:
            with pytest.raises(DictionaryError):
                mentions.homelands()
        finally:
            mentions.homelands.cache_clear()
