"""PETRARCH/TABARI actor and agent dictionaries (the Phoenix format), layered over the built-ins.

This module builds on the knowledge base (`kb.py`): `build` layers these dictionaries over the
built-in index, and `kb.py` never imports this module.

Actor files hold records: a primary phrase with optional code blocks, `+synonym` lines, then
restriction lines, one `[CODE DATES]` block each:

    ALAN_GARCIA_
    +GARCIA_PEREZ
        [PERGOV 850728-900728]
        [PERGOV >060728]
        [PERELI]

Dates are YYMMDD (YY 00-30 is 20YY, else 19YY) or YYYYMMDD; `A-B` holds from A up to B (B
excluded), `<B` before B, `>A` from A on; a block with no dates holds on any day. The record's
blocks are tried in file order and the first that holds on the day gives the code; if none does,
the phrase names no actor on that day. `---` is the null code (a known phrase, no actor).

Agent files hold `PHRASE [~CODE]` (CODE appended to the actor's: "Russian" + "president" =
RUSGOV) or `PHRASE [CODE~]` (put before it: IGO~). Regular plurals are generated; `{A B}` gives
irregular ones and `{}` none. `!NAME! = A, B` defines a substitution set; `POLICE!PERSON!` stands
for POLICEMAN, POLICEWOMAN ... (no plurals generated for those).

Both: `_` joins words; `#` starts a comment; `<!-- -->` comments may span lines. A file is read
only if it is a regular file of at most MAX_DICT_BYTES, and may define at most MAX_DICT_PHRASES
phrases, substitutions expanded (a few nested sets in a short file would otherwise make millions:
the count is known before any is made). A phrase the
layer defines loses its built-in meanings of the same family (actor or agent), and a later
definition of a phrase replaces an earlier one, as in PETRARCH. Malformed lines raise
DictionaryError(path, line, reason).

Slips found in PETRARCH's own files are read as PETRARCH reads them, so that Phoenix loads
(seven- or nine-digit dates, "> 140608", a bare date, a reversed range, a note after the last
block, "[~ENV}"). Departures on purpose: CAMEO-era country codes become ISO 3166-1 (TMP -> TLS,
ROM -> ROU ...) and plurals follow English spelling (ATTORNEY -> ATTORNEYS, not ATTORNEIES).
All of it is described in actors/data/README.md.
"""
from __future__ import annotations

import errno
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import product
from pathlib import Path

from .. import fs, settings
from ..errors import DictionaryError
from . import kb as kbmod
from .kb import AGENT, COUNTRY, INTERNATIONAL, KB, NULL, ORG, PERSON, Entry, Named, Role, phrase_key, plural

# CAMEO-era country codes and their ISO 3166-1 alpha-3 (Kosovo: the code countries.tsv uses).
LEGACY = {"TMP": "TLS", "ROM": "ROU", "MTN": "MNE", "KSV": "XKX", "KOS": "XKX"}
# Sectors that mark a dated record as a person (who can be "he" or "she" later in a document).
_PERSON_SECTORS = frozenset({"GOV", "ELI", "MIL", "OPP", "JUD", "LEG", "SPY", "COP", "REB"})

_BLOCK = re.compile(r"\[([^\[\]]*)\]")
_CODE = re.compile(r"[A-Z][A-Z0-9]{2,}")
_SUBSTITUTION = re.compile(r"(![A-Za-z0-9_]+!)\s*=(.*)")
_MARKER = re.compile(r"![A-Za-z0-9_]+!")


@dataclass
class Record:
    """One actor: its phrases (the primary one first) and its code blocks in file order."""

    phrases: list[str]
    blocks: list[Role] = field(default_factory=list)


# ---------------------------------------------------------------- lines

def content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of the lines that carry content: comments and blanks dropped."""
    try:
        raw = fs.read_bytes(path, settings.get("MAX_DICT_BYTES"))
    except OSError as exc:
        raise DictionaryError(str(path), 0, f"cannot read: {exc.strerror or exc} (MAX_DICT_BYTES)"
                              if exc.errno == errno.EFBIG else f"cannot read: {exc.strerror or exc}") from None
    in_comment = False
    for number, data in enumerate(raw.splitlines(), start=1):
        try:
            line = data.decode("utf-8").strip()
        except UnicodeDecodeError:
            raise DictionaryError(str(path), number, "not UTF-8 text (save the file as UTF-8)") from None
        if in_comment:
            in_comment = "-->" not in line
            continue
        if line.startswith("<!"):
            in_comment = line.startswith("<!--") and "-->" not in line
            continue
        line = line.partition("#")[0].strip()
        if line:
            yield number, line


def _phrase(text: str, path: Path, number: int) -> str:
    phrase = " ".join(text.replace("_", " ").split())
    if not phrase:
        raise DictionaryError(str(path), number, "empty phrase")
    return phrase


# ---------------------------------------------------------------- the layered index

def build(actors: Iterable[Path] = (), agents: Iterable[Path] = (), extra_dirs: Iterable[Path] = ()) -> KB:
    """The built-in dictionaries (and any extra folders: `kb.build`) with PETRARCH/TABARI actor
    and agent dictionaries layered over them, in the order given: their entries win over the
    built-ins for the same phrase. Cached like the built-ins, keyed on this module's code too."""
    actors, agents, extra_dirs = list(map(Path, actors)), list(map(Path, agents)), list(map(Path, extra_dirs))
    if not actors and not agents:
        return kbmod.build(extra_dirs)
    inputs = [*kbmod.source_files(extra_dirs), *(("actors", path) for path in actors),
              *(("agents", path) for path in agents)]
    return kbmod.cached(inputs, lambda: layer(kbmod.build(extra_dirs), actors, agents), code=[Path(__file__)])


def layer(kb: KB, actors: Iterable[Path] = (), agents: Iterable[Path] = ()) -> KB:
    """A new KB: `kb` with PETRARCH/TABARI dictionaries layered over it (`kb` is unchanged)."""
    layered = kb.copy()
    for path in actors:
        load_actors(layered, Path(path))
    for path in agents:
        load_agents(layered, Path(path))
    return layered


# ---------------------------------------------------------------- actors

def read_actors(path: Path) -> Iterator[Record]:
    """The records of an actor dictionary, in file order."""
    path = Path(path)
    budget = _Budget(path)
    record: Record | None = None
    for number, line in content_lines(path):
        if line[0] != "[":
            budget.spend(1, number)
        if line[0] in "+[" and record is None:
            raise DictionaryError(str(path), number, "a synonym or code line before any actor")
        if line[0] == "+":
            if _BLOCK.search(line):
                raise DictionaryError(str(path), number, "code block on a synonym line (give it its own line)")
            record.phrases.append(_phrase(line[1:], path, number))
        elif line[0] == "[":
            record.blocks.extend(blocks(line, path, number))
        else:
            if record is not None:
                yield record
            phrase, bracket, rest = line.partition("[")
            record = Record([_phrase(phrase, path, number)], blocks(bracket + rest, path, number))
    if record is not None:
        yield record


def blocks(text: str, path: Path, number: int) -> list[Role]:
    """The `[CODE DATES]` blocks of a line. Text after the last block is a note and ignored
    (Phoenix has notes there without a `#`); text before or between blocks is an error."""
    found = list(_BLOCK.finditer(text))
    end = found[-1].end() if found else 0
    stray = _BLOCK.sub(" ", text[:end]).strip()
    if stray or "[" in text[end:] or "]" in text[end:]:
        bad = stray or text[end:].strip()
        raise DictionaryError(str(path), number, f"unexpected text '{bad}' around the [code] blocks")
    return [_block(match.group(1), path, number) for match in found]


def _block(inner: str, path: Path, number: int) -> Role:
    parts = inner.split()
    if not parts:
        raise DictionaryError(str(path), number, "empty code block '[]'")
    # Spaces inside the dates are slips PETRARCH's files have ("> 140608"): the dates are the rest.
    code, dates = parts[0].upper(), "".join(parts[1:])
    if code != NULL and not _CODE.fullmatch(code):
        raise DictionaryError(str(path), number, f"bad code '{parts[0]}' (capital letters and digits, or ---)")
    if code[:3] in LEGACY:
        code = LEGACY[code[:3]] + code[3:]
    start, end = _range(dates, path, number) if dates else (None, None)
    # The file and line are the role's name: `resolve` rules then point at the block used.
    return Role(code, f"{path.name}:{number}", start, end)


def _range(text: str, path: Path, number: int) -> tuple[date | None, date | None]:
    if text[0] == "<":
        return None, _date(text[1:], path, number)
    if text[0] == ">":
        return _date(text[1:], path, number), None
    first, dash, second = text.partition("-")
    if not dash:   # a bare date, a slip for ">A" in Phoenix (PETRARCH lets it hold on any day)
        return _date(first, path, number), None
    # A range that ends before it starts never holds, as in PETRARCH (Phoenix has one, from a
    # seven-digit slip); it is kept rather than refused so that such files still load.
    return _date(first, path, number), _date(second, path, number)


def _date(text: str, path: Path, number: int) -> date:
    """YYYYMMDD, or YYMMDD (00-30 -> 2000s). Slips in the digit count are read as PETRARCH reads
    them: more than seven digits, the first eight; seven, the first six (9008223 is 1990-08-22)."""
    if not text.isdigit() or len(text) < 6:
        raise DictionaryError(str(path), number, f"bad date '{text}' (want YYMMDD or YYYYMMDD)")
    if len(text) > 7:
        year, rest = int(text[:4]), text[4:8]
    else:
        short = int(text[:2])
        year, rest = (2000 + short if short <= 30 else 1900 + short), text[2:6]
    try:
        return date(year, int(rest[:2]), int(rest[2:4]))
    except ValueError:
        raise DictionaryError(str(path), number, f"bad date '{text}' (no such day)") from None


def actor_entry(record: Record, kb: KB) -> Entry:
    """A single undated country code is a place; anything else is a named actor whose roles are
    the record's blocks, kept in file order for PETRARCH's first-match rule."""
    phrase = record.phrases[0]
    only = record.blocks[0] if len(record.blocks) == 1 else None
    if only and only.start is None and only.end is None and len(only.code) == 3 and kb.is_country(only.code):
        return Entry(COUNTRY, only.code, phrase)
    kind = PERSON if _looks_personal(record.blocks) else ORG
    return Entry(kind, Named(phrase, kind, tuple(record.blocks), petrarch=True), phrase)


def _looks_personal(roles: list[Role]) -> bool:
    """PETRARCH does not say what is a person: dated roles in a state office, or a bare ELI, are
    taken as one (used only for pronouns)."""
    dated = any(r.start or r.end for r in roles)
    return any(r.code == "ELI" or (dated and r.code[:3] not in INTERNATIONAL and r.code[3:6] in _PERSON_SECTORS)
               for r in roles)


def load_actors(kb: KB, path: Path) -> None:
    """Layer an actor dictionary over `kb` (changed in place)."""
    for record in read_actors(Path(path)):
        entry = actor_entry(record, kb)
        for phrase in record.phrases:
            for key in keys(phrase):
                kb.override(key, entry)


# ---------------------------------------------------------------- agents

def read_agents(path: Path) -> Iterator[tuple[list[str], str | None, bool]]:
    """(phrases, code, prefix) for each agent line: the phrase with its plurals and substitutions
    expanded, the code without its `~` (None: no code), and whether it goes before the actor's."""
    path = Path(path)
    budget = _Budget(path)
    sets: dict[str, list[str]] = {}
    for number, line in content_lines(path):
        definition = _SUBSTITUTION.fullmatch(line)
        if definition:
            items = [item.strip() for item in definition.group(2).split(",")]
            if not all(items):
                raise DictionaryError(str(path), number, f"empty item in substitution set {definition.group(1)}")
            sets[definition.group(1)] = items
            continue
        if re.search(r"\[[^\]]*\}$", line):
            line = line[:-1] + "]"   # a slip Phoenix has: "[~ENV}" closed with a brace
        words, bracket, rest = line.partition("[")
        code, prefix = _agent_code(bracket + rest, path, number)
        phrase, plurals = _plurals(words, path, number)
        # Counted before they are made: the plural made for a plain phrase is the one more.
        budget.spend(sum(_variants(form, sets, path, number) for form in [phrase, *(plurals or [])]) + 1, number)
        yield _expand(phrase, plurals, sets, path, number), code, prefix


def _agent_code(text: str, path: Path, number: int) -> tuple[str | None, bool]:
    if not text:
        return None, False
    found = _BLOCK.findall(text)
    if len(found) != 1 or _BLOCK.sub("", text).strip():
        raise DictionaryError(str(path), number, f"an agent line takes one [~CODE] or [CODE~] block, got '{text}'")
    inner = found[0].strip().upper()
    prefix = inner.endswith("~")
    code = inner[:-1] if prefix else inner[1:] if inner.startswith("~") else ""
    if not _CODE.fullmatch(code):
        raise DictionaryError(str(path), number, f"bad agent code '[{found[0]}]' (want [~CODE] or [CODE~])")
    return code, prefix


def _plurals(text: str, path: Path, number: int) -> tuple[str, list[str] | None]:
    """The phrase and its `{...}` plurals: None when not given (generate the regular one)."""
    phrase, brace, rest = text.partition("{")
    if not brace:
        if "}" in text:
            raise DictionaryError(str(path), number, "'}' without '{'")
        return phrase.strip(), None
    inside, close, after = rest.partition("}")
    if not close or after.strip() or "{" in inside:
        raise DictionaryError(str(path), number, "plurals must be one {...} group after the phrase")
    return phrase.strip(), inside.split()


def _expand(phrase: str, plurals: list[str] | None, sets: dict[str, list[str]], path: Path,
            number: int) -> list[str]:
    forms = [phrase] + (plurals or [])
    expanded = [form for text in forms for form in _substitute(text, sets)]
    if plurals is None and expanded == [phrase]:
        head, _, last = _phrase(phrase, path, number).rpartition(" ")
        expanded.append(f"{head} {plural(last.lower())}".strip())
    return [_phrase(form, path, number) for form in expanded]


class _Budget:
    """The phrases a dictionary file may still define (the MAX_DICT_PHRASES setting)."""

    def __init__(self, path: Path):
        self.path, self.limit = path, settings.get("MAX_DICT_PHRASES")
        self.left = self.limit

    def spend(self, count: int, number: int) -> None:
        if count > self.left:
            raise DictionaryError(str(self.path), number, f"the file defines more than {self.limit} phrases with "
                                  f"this line ({count} from it, substitutions expanded; MAX_DICT_PHRASES)")
        self.left -= count


def _variants(text: str, sets: dict[str, list[str]], path: Path, number: int) -> int:
    """How many phrases the text's substitution markers make of it."""
    markers = _MARKER.findall(text)
    for marker in markers:
        if marker not in sets:
            raise DictionaryError(str(path), number, f"unknown substitution set {marker}")
    return math.prod(len(sets[marker]) for marker in markers)


def _substitute(text: str, sets: dict[str, list[str]]) -> list[str]:
    markers = _MARKER.findall(text)
    if not markers:
        return [text]
    pieces = _MARKER.split(text)
    results = []
    for choice in product(*(sets[m] for m in markers)):
        words = [pieces[0]]
        for item, piece in zip(choice, pieces[1:]):
            words += [item, piece]
        results.append("".join(words))
    return results


def load_agents(kb: KB, path: Path) -> None:
    """Layer an agent dictionary over `kb` (changed in place)."""
    for phrases, code, prefix in read_agents(Path(path)):
        entry = Entry(AGENT, code, phrases[0], prefix=prefix)
        for phrase in phrases:
            for key in keys(phrase, phrase.lower()):
                kb.override(key, entry)


# ---------------------------------------------------------------- phrase keys

def keys(phrase: str, *more: str) -> set[tuple[str, ...]]:
    """The phrase's keys as written (capitals) and as news writes it ("St. Kitts", "Mr. Tsang"):
    spaCy's tokenizer is case-sensitive for abbreviations ("ST." splits, "St." does not)."""
    return {phrase_key(form) for form in (phrase, news_case(phrase), *more)}


def news_case(phrase: str) -> str:
    """Capitalised words; initialisms with inner dots ("U.K.", "A.P.J.") stay in capitals."""
    return " ".join(word if "." in word.rstrip(".") else word[:1].upper() + word[1:].lower()
                    for word in phrase.split())
