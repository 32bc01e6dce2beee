"""The CAMEO event ontology: every CAMEO 1.1b3 code with its Goldstein score, GDELT quad class
and PLOVER 2021 equivalent, read from data/cameo.tsv (the file's comments describe each column).

The table is loaded and validated once; a malformed line raises DictionaryError naming file:line.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import DictionaryError

HEADER = ("code", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context")

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence
# Besides violence, the types gold/ codes though the text names no doer (annotation.md): "hundreds
# were detained", "he was charged with spying" (when, see match.told_without_doer).
DOERLESS_TYPES = frozenset({"COERCE", "ACCUSE"})
DROPPED = "-"  # the plover cell of codes the 2021 mapping leaves out (roots 01 and 02)

_CODE = re.compile(r"^\d{2,4}$")
_SCORE = re.compile(r"^-?\d{1,2}\.\d$")  # one decimal, as GDELT writes it
_WORD = re.compile(r"^[a-z][a-z_-]*$")  # PLOVER mode and context names: "third-party", "rights_freedoms"


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None               # None where the 2021 mapping drops the code
    plover_mode: str | None
    plover_context: tuple[str, ...]
    root: str                        # the two-digit cue category, "01" .. "20"


def quad_of(root: str) -> int:
    """GDELT QuadClass of a root: 01-05 verbal coop, 06-09 material coop, 10-14 verbal conflict, rest material conflict."""
    number = int(root)
    if number <= 5:
        return 1
    if number <= 9:
        return 2
    return 3 if number <= 14 else 4


def depth(code: str) -> int:
    """How far down CAMEO's tree a code lies: a root's 0 code ("190", "120") says no more than its root."""
    return len(code) - (len(code) == 3 and code.endswith("0"))


def lookup(code: str) -> CameoCode:
    """The entry of a CAMEO event code given as a string with its leading zero ("036")."""
    try:
        return _table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO event code {code!r} (codes are strings such as '036' or '1823')") from None


def violent(code: str) -> bool:
    """Whether a CAMEO code is of violence: assault, fight, mass violence (VIOLENT_ROOTS)."""
    return code[:2] in VIOLENT_ROOTS


def codes() -> list[str]:
    """Every code, in table order (each root followed by its children)."""
    return list(_table())


def is_code(code: str) -> bool:
    return code in _table()


@cache
def _table() -> dict[str, CameoCode]:
    return load(resources.files("dragoman.events") / "data" / "cameo.tsv")


def load(path: Path | Traversable) -> dict[str, CameoCode]:
    """Read and validate a table in the cameo.tsv format; the first non-comment line is the header."""
    origin = str(path)
    table: dict[str, CameoCode] = {}
    lines: dict[str, int] = {}
    header_seen = False
    number = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(line.split("\t"))
        if not header_seen:
            if cells != HEADER:
                raise DictionaryError(origin, number, f"header must be {' / '.join(HEADER)} (tab-separated)")
            header_seen = True
            continue
        entry = _parse(cells, origin, number)
        if entry.code in table:
            raise DictionaryError(origin, number, f"code {entry.code} already given on line {lines[entry.code]}")
        table[entry.code] = entry
        lines[entry.code] = number
    if not header_seen:
        raise DictionaryError(origin, number, "no header line")
    _check_parents(table, lines, origin)
    return table


def _parse(cells: tuple[str, ...], origin: str, number: int) -> CameoCode:
    def fail(reason: str) -> DictionaryError:
        return DictionaryError(origin, number, reason)

    if len(cells) != len(HEADER):
        raise fail(f"expected {len(HEADER)} tab-separated columns, found {len(cells)}")
    code, name, goldstein, quad, plover, mode, context = (cell.strip() for cell in cells)
    if not _CODE.match(code) or not 1 <= int(code[:2]) <= 20:
        raise fail(f"code {code!r} is not a CAMEO event code (2-4 digits, root 01-20)")
    if not name:
        raise fail(f"code {code} has no name")
    score = _goldstein(goldstein, fail)
    if quad != str(quad_of(code[:2])):
        raise fail(f"quad_class of {code} must be {quad_of(code[:2])} (root {code[:2]}), not {quad!r}")
    if plover != DROPPED and plover not in PLOVER_TYPES:
        raise fail(f"plover {plover!r} is not a PLOVER event type nor {DROPPED!r}")
    if plover == DROPPED and (mode or context):
        raise fail(f"code {code} is dropped from PLOVER ({DROPPED!r}) but has a mode or context")
    if mode and not _WORD.match(mode):
        raise fail(f"plover_mode {mode!r} is not a lower-case name")
    contexts = tuple(context.split("|")) if context else ()
    for item in contexts:
        if not _WORD.match(item):
            raise fail(f"plover_context {item!r} is not a lower-case name (separate contexts with '|')")
    return CameoCode(code=code, name=name, goldstein=score, quad_class=int(quad),
                     plover=None if plover == DROPPED else plover, plover_mode=mode or None,
                     plover_context=contexts, root=code[:2])


def _goldstein(text: str, fail: Callable[[str], DictionaryError]) -> float:
    if not _SCORE.match(text):
        raise fail(f"goldstein {text!r} is not a number with one decimal (e.g. -7.2)")
    score = float(text)
    if not -10.0 <= score <= 10.0:
        raise fail(f"goldstein {text} is outside -10 .. 10")
    return score


def _check_parents(table: dict[str, CameoCode], lines: dict[str, int], origin: str) -> None:
    """Every 3-digit code needs its root and every 4-digit code its 3-digit parent, to catch mistyped codes."""
    for code in table:
        parent = code[:2] if len(code) == 3 else code[:3] if len(code) == 4 else None
        if parent and parent not in table:
            raise DictionaryError(origin, lines[code], f"code {code} has no parent row {parent}")
