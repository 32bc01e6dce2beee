"""The actor knowledge base: the TSV dictionaries in actors/data, loaded, validated and indexed.

Every phrase (names, aliases, adjectives, capitals, agent nouns) is tokenized the way the
parser tokenizes text and normalised (case, diacritics, dots), so a mention matches whether it
is written "Erdoğan" or "Erdogan", "U.S." or "US".
"""
from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import DictionaryError
from ..nlp import tokenize

# Prefixes of CAMEO codes that name no country (international and non-state generic codes).
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "ISM"})
# Codes of states that no longer exist: still countries for coding older news.
HISTORICAL = frozenset({"SUN", "USR", "CSK", "YUG", "SCG", "DDR"})

_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3}){0,4}$")
_SECTOR = re.compile(r"^[A-Z]{3}$")

COUNTRY, ADJECTIVE, CAPITAL, METONYM, CITY = "country", "adjective", "capital", "metonym", "city"
PERSON, ORG, AGENT = "person", "org", "agent"


def norm(token: str) -> str:
    """Case-, diacritic- and dot-insensitive form of one token."""
    text = unicodedata.normalize("NFKD", token)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("ı", "i")
    return text.lower().replace(".", "") or token


def phrase_key(phrase: str) -> tuple[str, ...]:
    tokens = [norm(t) for t in tokenize(phrase) if t.strip()]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return tuple(tokens)


@dataclass(frozen=True)
class Role:
    code: str
    role: str
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def distance(self, day: date) -> int:
        if self.covers(day):
            return 0
        if self.start and day < self.start:
            return (self.start - day).days
        return (day - self.end).days if self.end else 0


@dataclass(frozen=True)
class Named:
    """A person or organisation with date-bounded roles."""

    name: str
    kind: str
    roles: tuple[Role, ...]

    def code_on(self, day: date | None) -> tuple[str | None, str]:
        """(code, rule) on the day: the covering role; else the nearest state role as ELI."""
        if not self.roles:
            return None, "no-role"
        if day is None:
            undated = [r for r in self.roles if r.start is None and r.end is None]
            role = undated[0] if undated else max(self.roles, key=lambda r: r.start or date.min)
            return role.code, "latest-role"
        for role in self.roles:
            if role.covers(day):
                return role.code, f"role:{role.role}"
        nearest = min(self.roles, key=lambda r: r.distance(day))
        prefix = nearest.code[:3]
        if self.kind == PERSON and prefix not in INTERNATIONAL:
            return prefix + "ELI", "former-or-future-role"
        return nearest.code, "nearest-role"


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase means."""

    kind: str                 # country adjective capital metonym city person org agent
    value: object             # iso3 (places), Named (person/org), sector (agent)
    phrase: str               # as written in the file
    caps: bool = False        # an all-caps short form ("US", "UN"): only matches capitalised text


@dataclass
class KB:
    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)      # iso3 -> name
    longest: int = 1

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        bucket = self.phrases.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.longest = max(self.longest, len(key))

    def lookup(self, key: tuple[str, ...]) -> list[Entry]:
        return self.phrases.get(key, [])

    def is_country(self, code: str | None) -> bool:
        return bool(code) and (code in self.countries or code in HISTORICAL)


# ---------------------------------------------------------------- reading the files

def _rows(path: Path, header: list[str]) -> Iterable[tuple[int, dict[str, str]]]:
    """Data rows with their line numbers; validates the header and the column count."""
    name = str(path)
    with open(path, encoding="utf-8", newline="") as handle:
        seen_header = False
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if not seen_header:
                if cells != header:
                    raise DictionaryError(name, number, f"header must be {'<TAB>'.join(header)}")
                seen_header = True
                continue
            if len(cells) != len(header):
                raise DictionaryError(name, number, f"expected {len(header)} tab-separated columns, got {len(cells)}")
            yield number, dict(zip(header, (c.strip() for c in cells)))
        if not seen_header:
            raise DictionaryError(name, 1, "no header line")


def _items(cell: str, path: Path, number: int) -> list[str]:
    if not cell:
        return []
    items = [i.strip() for i in cell.split("|")]
    if any(not i for i in items):
        raise DictionaryError(str(path), number, f"empty item in list '{cell}'")
    return items


def _date(cell: str, path: Path, number: int) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise DictionaryError(str(path), number, f"bad date '{cell}' (want YYYY-MM-DD)") from None


def _caps(phrase: str) -> bool:
    bare = phrase.replace(".", "").replace(" ", "")
    return bare.isupper() and len(bare) <= 5


COUNTRY_HEADER = ["iso3", "name", "aliases", "adjectives", "capital", "metonyms", "cities"]
NAMED_HEADER = ["name", "aliases", "code", "role", "start", "end"]
AGENT_HEADER = ["phrase", "sector", "plural"]


def load_countries(kb: KB, path: Path) -> None:
    for number, row in _rows(path, COUNTRY_HEADER):
        iso3 = row["iso3"]
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise DictionaryError(str(path), number, f"bad iso3 code '{iso3}'")
        kb.countries[iso3] = row["name"]
        columns = ((COUNTRY, [row["name"]] + _items(row["aliases"], path, number)),
                   (ADJECTIVE, _items(row["adjectives"], path, number)),
                   (CAPITAL, _items(row["capital"], path, number)),
                   (METONYM, _items(row["metonyms"], path, number)),
                   (CITY, _items(row["cities"], path, number)))
        for kind, phrases in columns:
            for phrase in phrases:
                kb.add(phrase, Entry(kind, iso3, phrase, _caps(phrase)))


def load_named(kb: KB, paths: Path | Iterable[Path], kind: str) -> None:
    """people/*.tsv and organisations.tsv: rows with the same name are one actor, across files
    (a prime minister in one file may head NATO in another)."""
    roles: dict[str, list[Role]] = {}
    aliases: dict[str, list[str]] = {}
    for path in [paths] if isinstance(paths, Path) else paths:
        for number, row in _rows(path, NAMED_HEADER):
            name, code = row["name"], row["code"]
            if not name:
                raise DictionaryError(str(path), number, "empty name")
            if not _CODE.match(code):
                raise DictionaryError(str(path), number, f"bad CAMEO code '{code}'")
            start, end = _date(row["start"], path, number), _date(row["end"], path, number)
            if start and end and end <= start:
                raise DictionaryError(str(path), number, f"role ends ({end}) before it starts ({start})")
            role = Role(code, row["role"], start, end)
            known = roles.setdefault(name, [])
            if not any(_same_role(role, other) for other in known):
                known.append(role)
            aliases.setdefault(name, []).extend(_items(row["aliases"], path, number))
    for name, its_roles in roles.items():
        named = Named(name, kind, tuple(sorted(its_roles, key=lambda r: r.start or date.min)))
        for phrase in dict.fromkeys([name] + aliases[name]):
            kb.add(phrase, Entry(kind, named, phrase, _caps(phrase)))


def _same_role(a: Role, b: Role) -> bool:
    """The same office given twice (in two files, ends a day apart): same code, same start
    within a month. Successive offices with the same code (foreign minister, then prime
    minister) are kept apart."""
    if a.code != b.code or (a.start is None) != (b.start is None):
        return False
    return a.start is None or abs((a.start - b.start).days) <= 31


def plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def load_agents(kb: KB, path: Path) -> None:
    for number, row in _rows(path, AGENT_HEADER):
        phrase, sector = row["phrase"], row["sector"]
        if not phrase:
            raise DictionaryError(str(path), number, "empty phrase")
        if not _SECTOR.match(sector):
            raise DictionaryError(str(path), number, f"bad sector '{sector}' (three capital letters)")
        forms = [phrase]
        if row["plural"] == "":
            head, _, last = phrase.rpartition(" ")
            forms.append(f"{head} {plural(last)}".strip())
        elif row["plural"] != "-":
            forms += _items(row["plural"], path, number)
        for form in forms:
            kb.add(form, Entry(AGENT, sector, phrase))


def data_dir() -> Path:
    return Path(str(resources.files("dragoman.actors") / "data"))


def build(extra_dirs: Iterable[Path] = ()) -> KB:
    """Load every built-in dictionary file (and any extra folders laid out the same way)."""
    kb = KB()
    for folder in [data_dir(), *extra_dirs]:
        if (folder / "countries.tsv").exists():
            load_countries(kb, folder / "countries.tsv")
        load_named(kb, sorted((folder / "people").glob("*.tsv")), PERSON)
        if (folder / "organisations.tsv").exists():
            load_named(kb, folder / "organisations.tsv", ORG)
        if (folder / "agents.tsv").exists():
            load_agents(kb, folder / "agents.tsv")
    return kb


@cache
def builtin() -> KB:
    """The built-in knowledge base, loaded once per process."""
    return build()
