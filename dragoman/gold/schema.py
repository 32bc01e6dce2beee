"""What a gold event may hold: the labels of the annotation guidelines (docs/annotation.md) and the
checks of actor codes, CAMEO codes, modes and dates shared by the annotators' files and the corpus."""
from __future__ import annotations

import re
from functools import cache

from ..actors import kb
from ..datafiles import rows
from ..events import ontology
from ..record import OUTPUT  # noqa: F401 (the gold corpus's name for it)

FACTUALITY = ("asserted", "planned", "negated", "hypothetical", "requested", "denied", "alleged")
# The coder should output OUTPUT (planned ones flagged as such); the rest are annotated so that a
# model can learn what not to output.
TIME = ("news", "background")

# PLOVER modes by type (PLOVER manual 2024 and the NGEC codebook).
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign", "ease"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "rights", "expel", "territory", "violence", "political"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "assassinate", "execute", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "cleansing", "massacre", "unconventional"},
}
# First blocks of an actor code that are not countries (CAMEO's international and regional codes,
# historical states) and the role blocks after it (CAMEO sectors, PLOVER's additions).
NON_STATE = kb.INTERNATIONAL | kb.HISTORICAL | kb.REGIONS | frozenset("UNO KSV KOS TMP".split())
ROLES = frozenset("GOV MIL REB INS SEP OPP COP JUD SPY UAF PTY AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED "
                  "REF MOD RAD REL PPL JRN PRM SOC UNK".split())
UNKNOWN_COUNTRY = "---"
_CODE = re.compile(r"^(?:[A-Z]{3}|---)(?:[A-Z]{3})*$")
_DATE = re.compile(r"^\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


@cache
def countries() -> frozenset[str]:
    return frozenset(row["iso3"] for _, row in rows(kb.data_dir() / "countries.tsv", kb.COUNTRY_HEADER))


def code_problem(code: str | None) -> str | None:
    """Why an actor code is not one the guidelines allow, or None. None itself is allowed (an
    actor the text names but no code can be given)."""
    if code is None:
        return None
    if not isinstance(code, str) or not _CODE.match(code):
        return f"actor code {code!r} is not 3-letter blocks (e.g. RUSGOV, IGOUNO, ---CVL)"
    first = code[:3]
    if first != UNKNOWN_COUNTRY and first not in countries() and first not in NON_STATE:
        return f"actor code {code!r} starts with {first}, not an ISO 3166 country, ---, or IGO/NGO/IMG/MNC ..."
    if first in {UNKNOWN_COUNTRY} | countries() and len(code) > 3 and code[3:6] not in ROLES:
        return f"actor code {code!r}: {code[3:6]} is not a sector (GOV MIL COP JUD LEG REB OPP CVL ...)"
    return None


def key_of(code: str | None) -> str | None:
    """What scoring compares (as the reference scorer does): the country, else the first block
    (IGO, NGO, IMG ...); None for an actor with no code or an unknown country."""
    if not code or code.startswith(UNKNOWN_COUNTRY):
        return None
    return code[:3]


def cameo_problem(cameo: str, kind: str) -> str | None:
    """A CAMEO code must exist, be kept by PLOVER, and have the type's root (the PLOVER manual and the
    2021 mapping disagree on a few codes, so any type that some code of the root maps to is allowed)."""
    if not isinstance(cameo, str) or not ontology.is_code(cameo):
        return f"CAMEO code {cameo!r} does not exist (a string such as '036' or '1823')"
    if ontology.lookup(cameo).plover is None:
        return f"CAMEO code {cameo} ({ontology.lookup(cameo).name}) is not a PLOVER event (roots 01 and 02 are dropped)"
    if kind not in root_types(cameo[:2]):
        return f"CAMEO code {cameo} has root {cameo[:2]}, whose PLOVER types are {sorted(root_types(cameo[:2]))}, not {kind}"
    return None


@cache
def root_types(root: str) -> frozenset[str]:
    found = {ontology.lookup(c).plover for c in ontology.codes() if c[:2] == root}
    extra = {"16": {"SANCTION"}, "17": {"COERCE", "ASSAULT"}, "19": {"ASSAULT", "COERCE"}, "08": {"CONCEDE", "RETREAT"}}
    return frozenset(t for t in found | extra.get(root, set()) if t)


def accepted_types(kind: str, cameo: str | None) -> frozenset[str]:
    """The types a coder may give a gold event: its own, and the one the CAMEO-to-PLOVER mapping of
    2021 gives its CAMEO code where the manual differs (163 sanctions: SANCTION or COERCE)."""
    mapped = ontology.lookup(cameo).plover if cameo and ontology.is_code(cameo) else None
    return frozenset({kind} | ({mapped} if mapped else set()))


def date_problem(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        return f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
    return None
