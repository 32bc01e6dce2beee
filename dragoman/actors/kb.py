"""The actor knowledge base: the TSV dictionaries in actors/data, loaded, validated and indexed.

Every phrase (names, aliases, adjectives, capitals, agent nouns) is tokenized the way the
parser tokenizes text and normalised (case, diacritics, dots), so a mention matches whether it
is written "Erdoğan" or "Erdogan", "U.S." or "US".

Phrases are tokenized by spaCy's rules without importing spaCy (`tokenizer.py`; spaCy itself only
for the odd phrase those rules leave to it), so a fresh build of the built-in dictionaries takes a
fraction of a second. The built index is cached besides (see `cached`): keyed on the content of
every input file and of the code that builds it, it is never stale, and a fresh process loads the
built-in dictionaries in a few tens of milliseconds. The cache is plain JSON, read only from files
the user owns: a file planted in the cache folder can at worst be ignored, never run code.
PETRARCH/TABARI dictionaries are layered over the built-ins by `petrarch.py`, which builds on
this module; this module never imports it (tests/actors/test_import_direction.py).
"""
from __future__ import annotations

import gc
import hashlib
import importlib.util
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from .. import datafiles, fs, settings
from ..errors import DictionaryError, OutputError
from ..nlp import tokenize
from . import tokenizer

# Prefixes of CAMEO codes that name no country (international and non-state generic codes).
INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS", "ISM"})
# CAMEO's regions, whose codes open the code of a region's states or people together ("Europe",
# "Western nations": EUR, WST).
REGIONS = frozenset("AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM SAS SEA "
                    "SAF WAF WST".split())
# Codes of states that no longer exist: still countries for coding older news.
HISTORICAL = frozenset({"SUN", "USR", "CSK", "YUG", "SCG", "DDR"})
# The null code of PETRARCH dictionaries: the phrase is known and names no actor.
NULL = "---"

_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3}){0,4}$")
_SECTOR = re.compile(r"^[A-Z]{3}$")

COUNTRY, ADJECTIVE, CAPITAL, METONYM, CITY = "country", "adjective", "capital", "metonym", "city"
PERSON, ORG, AGENT = "person", "org", "agent"


@lru_cache(maxsize=65536)
def norm(token: str) -> str:
    """Case-, diacritic- and dot-insensitive form of one token."""
    if token.isascii():  # most tokens: nothing to decompose or replace
        return token.lower().replace(".", "") or token
    text = unicodedata.normalize("NFKD", token)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("ı", "i")
    return text.lower().replace(".", "") or token


def phrase_key(phrase: str) -> tuple[str, ...]:
    tokens = [norm(t) for t in phrase_tokens(phrase) if t.strip()]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    return tuple(tokens)


def phrase_tokens(phrase: str) -> list[str]:
    """The phrase's tokens as the parser's tokenizer splits them. Most phrases are split by its
    rules without importing spaCy, whose import alone takes most of a second; spaCy splits the rest."""
    tokens = tokenizer.split(phrase)
    return tokenize(phrase) if tokens is None else tokens


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
    """A person or organisation with date-bounded roles.

    Built-in roles are sorted by start; on a day several cover, the one begun last holds; on a
    day none covers, a person is a former (or future) official: ELI. A PETRARCH record (`petrarch=True`) keeps its code blocks in file order and
    follows PETRARCH's rule: the first block whose range holds the day wins; none, no code.
    """

    name: str
    kind: str
    roles: tuple[Role, ...]
    petrarch: bool = False

    def code_on(self, day: date | None) -> tuple[str | None, str]:
        """(code, rule) on the day: the covering role; else the nearest state role as ELI."""
        if not self.roles:
            return None, "no-role"
        if day is None:
            undated = [r for r in self.roles if r.start is None and r.end is None]
            # Without a date, the role held last: the one that ends last (an open one: still
            # held), of those the one begun last ("Zulu leader Buthelezi" is the party's leader,
            # not the minister he was for ten years inside his forty as its leader).
            role = undated[0] if undated else max(self.roles, key=lambda r: (r.end or date.max, r.start or date.min))
            return _code(role), "latest-role"
        if self.petrarch:
            role = next((r for r in self.roles if r.covers(day)), None)
            return (_code(role), f"block:{role.role}") if role else (None, "no-block")
        # Of the roles that hold on the day, the one taken last: a chair of parliament made acting
        # president is the acting president, a party leader made minister the minister.
        holding = [role for role in self.roles if role.covers(day)]
        if holding:
            role = max(holding, key=lambda r: r.start or date.min)
            return role.code, f"role:{role.role}"
        nearest = min(self.roles, key=lambda r: r.distance(day))
        prefix = nearest.code[:3]
        if self.kind == PERSON and prefix not in INTERNATIONAL:
            return prefix + "ELI", "former-or-future-role"
        return nearest.code, "nearest-role"


def _code(role: Role) -> str | None:
    return None if role.code == NULL else role.code


@dataclass(frozen=True)
class Entry:
    """What a dictionary phrase means."""

    kind: str                 # country adjective capital metonym city person org agent
    value: object             # iso3 (places), Named (person/org), sector (agent; None: no code)
    phrase: str               # as written in the file
    caps: bool = False        # an all-caps short form ("US", "UN"): only matches capitalised text
    prefix: bool = False      # a PETRARCH "CODE~" agent: its code goes before the actor's (IGO~)

    @property
    def lower_case(self) -> bool:
        """Written in lower case in its file ("dpa", "state department", as papers write them): it
        matches lower-case text too, where other names need a capital. (A PETRARCH entry is
        written as its record's first phrase: Phoenix writes them in capitals.)"""
        return self.phrase.islower()


@dataclass
class KB:
    phrases: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)      # iso3 -> name
    # First word -> the longest phrase starting with it: most words of a text start none, and
    # the search for phrases skips them at once.
    reach: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.phrases and not self.reach:
            for key in self.phrases:
                self._reach(key)

    def _reach(self, key: tuple[str, ...]) -> None:
        if len(key) > self.reach.get(key[0], 0):
            self.reach[key[0]] = len(key)

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        bucket = self.phrases.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self._reach(key)

    def override(self, key: tuple[str, ...], entry: Entry) -> None:
        """Make the phrase mean `entry`, replacing the meanings it had of the same family (agent,
        or actor): a layered dictionary wins over the built-ins and over its own earlier lines."""
        if not key:
            return
        agent = entry.kind == AGENT
        kept = [e for e in self.phrases.get(key, ()) if (e.kind == AGENT) != agent]
        self.phrases[key] = [entry, *kept]   # a new list: copies share no bucket
        self._reach(key)

    def copy(self) -> KB:
        return KB({key: list(bucket) for key, bucket in self.phrases.items()}, dict(self.countries), dict(self.reach))

    def lookup(self, key: tuple[str, ...]) -> list[Entry]:
        return self.phrases.get(key, [])

    def is_country(self, code: str | None) -> bool:
        return bool(code) and (code in self.countries or code in HISTORICAL)


# ---------------------------------------------------------------- reading the files

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
    for number, row in datafiles.rows(path, COUNTRY_HEADER):
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
        for number, row in datafiles.rows(path, NAMED_HEADER):
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
    for number, row in datafiles.rows(path, AGENT_HEADER):
        phrase, sector = row["phrase"], row["sector"]
        if not phrase:
            raise DictionaryError(str(path), number, "empty phrase")
        # "NGO~": an international kind the phrase names whoever it belongs to, its code first
        # ("NGOs" NGO, "British charities" NGOGBR), as PETRARCH's prefix agents
        prefix = sector.endswith("~") and sector[:-1] in INTERNATIONAL | REGIONS
        sector = sector[:-1] if prefix else sector
        if not _SECTOR.match(sector):
            raise DictionaryError(str(path), number,
                                  f"bad sector '{row['sector']}' (three capital letters, or NGO~ ... for a prefix)")
        forms = [phrase]
        if row["plural"] == "":
            head, _, last = phrase.rpartition(" ")
            forms.append(f"{head} {plural(last)}".strip())
        elif row["plural"] != "-":
            forms += _items(row["plural"], path, number)
        for form in forms:
            kb.add(form, Entry(AGENT, sector, phrase, prefix=prefix))


def data_dir() -> Path:
    return Path(str(resources.files("dragoman.actors") / "data"))


def data_files(folder: Path) -> list[Path]:
    """A dictionary folder's files, in loading order."""
    files = [folder / "countries.tsv", *sorted((folder / "people").glob("*.tsv")),
             folder / "organisations.tsv", folder / "agents.tsv"]
    return [path for path in files if path.exists()]


def source_files(extra_dirs: Iterable[Path] = ()) -> list[tuple[str, Path]]:
    """The files a build of the built-ins (and of any extra folders) reads, each with its loader."""
    return [("tsv", path) for folder in [data_dir(), *map(Path, extra_dirs)] for path in data_files(folder)]


def build(extra_dirs: Iterable[Path] = ()) -> KB:
    """Load every built-in dictionary file, and any extra folders laid out the same way.
    Cached (see `cached`). PETRARCH/TABARI dictionaries are layered over the result by
    `petrarch.build`."""
    extra_dirs = [Path(folder) for folder in extra_dirs]   # read twice below: not a one-pass iterable
    folders = [data_dir(), *extra_dirs]
    return cached(source_files(extra_dirs), lambda: _load_folders(folders))


def _load_folders(folders: list[Path]) -> KB:
    kb = KB()
    for folder in folders:
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


# ---------------------------------------------------------------- the cache of built indexes

# Bump when the cached structure changes in a way the hashed sources below do not show.
_CACHE_FORMAT = "2"   # 2: JSON (1 was a pickle)
# The code whose behaviour decides the index: this module and the tokenizers (a layer's own
# reader adds its file: `cached(..., code=...)`).
_SOURCES = ("kb.py", "tokenizer.py", "../nlp.py", "../datafiles.py")
_KEEP = 8   # cache files kept; older ones are removed


def cache_dir() -> Path:
    """Where built indexes are kept: $XDG_CACHE_HOME/dragoman, else ~/.cache/dragoman."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "dragoman"


def cached(inputs: list[tuple[str, Path]], make: Callable[[], KB], code: Iterable[Path] = ()) -> KB:
    """The index built from these files: from the cache when one was built from exactly the same
    file contents by exactly the same code (this module's sources and the files in `code`), else
    built now and stored for the next process. A cache that cannot be read or written is
    ignored; it never changes the result."""
    key = _cache_key(inputs, list(code))
    if key is None:
        return make()
    path = cache_dir() / f"kb-{key}.json"
    kb = _read_cache(path)
    if kb is None:
        kb = make()
        _write_cache(path, kb)
    return kb


def _cache_key(inputs: list[tuple[str, Path]], code: list[Path]) -> str | None:
    digest = hashlib.sha256(f"{_CACHE_FORMAT}|{sys.version}|{_spacy_version()}".encode())
    here = Path(__file__).parent
    try:
        for source in [*(here / name for name in _SOURCES), *code]:
            digest.update(source.read_bytes())
        for role, path in inputs:
            # Role and name matter too: which loader reads the file, and in which order.
            digest.update(f"|{role}|{path.name}|".encode())
            digest.update(hashlib.sha256(fs.read_bytes(path, settings.get("MAX_DICT_BYTES"))).digest())
    except OSError:
        return None   # a missing file, a pipe, a huge file: build, and let the loader report it
    return digest.hexdigest()[:40]


def _spacy_version() -> str:
    """spaCy's version (its tokenizer makes the phrase keys), read without importing spaCy."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        return "none"
    try:
        return (Path(spec.origin).parent / "about.py").read_text(encoding="utf-8")
    except OSError:
        return "unknown"


def _read_cache(path: Path) -> KB | None:
    try:
        with fs.open_regular(path) as handle:
            if os.fstat(handle.fileno()).st_uid != os.getuid():
                return None   # not written by this user: not trusted, even as data
            text = handle.read()
        # Loading allocates many small objects: collecting meanwhile triples the time.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return from_json(text)
        finally:
            if collecting:
                gc.enable()
    except Exception:   # missing, truncated, or written by other code: rebuild
        return None


def _write_cache(path: Path, kb: KB) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with fs.writing(path, "w", encoding="utf-8") as handle:   # whole: a reader never sees half a file
            handle.write(to_json(kb))
        old = sorted(path.parent.glob("kb-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[_KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, OutputError):
        return   # no cache this time: a read-only home, a full disk


def to_json(kb: KB) -> str:
    """The index as JSON: each person or organisation once (aliases share it), dates as day numbers."""
    named: list[list] = []
    at: dict[int, int] = {}

    def ref(value: Named) -> int:
        if id(value) not in at:
            at[id(value)] = len(named)
            roles = [[r.code, r.role, _day_number(r.start), _day_number(r.end)] for r in value.roles]
            named.append([value.name, value.kind, value.petrarch, roles])
        return at[id(value)]

    phrases = [[list(key), [[e.kind, ref(e.value) if isinstance(e.value, Named) else e.value, e.phrase, e.caps,
                             e.prefix] for e in bucket]] for key, bucket in kb.phrases.items()]
    return json.dumps({"countries": kb.countries, "named": named, "phrases": phrases}, ensure_ascii=False,
                      separators=(",", ":"))


def from_json(text: str) -> KB:
    """The index `to_json` wrote. Values are data only: a number names a person or organisation."""
    raw = json.loads(text)
    named = [Named(name, kind, tuple(Role(code, role, _day(start), _day(end)) for code, role, start, end in roles),
                   bool(petrarch)) for name, kind, petrarch, roles in raw["named"]]
    phrases = {tuple(key): [Entry(kind, named[value] if isinstance(value, int) else value, phrase, caps, prefix)
                            for kind, value, phrase, caps, prefix in bucket] for key, bucket in raw["phrases"]}
    return KB(phrases, dict(raw["countries"]))


def _day_number(day: date | None) -> int:
    return day.toordinal() if day else 0


def _day(number: int) -> date | None:
    return date.fromordinal(number) if number else None
