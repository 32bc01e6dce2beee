"""The pattern and frame dictionaries (events/data/*.yaml), parsed and validated.

Errors name file:line. Patterns are indexed by trigger lemma so that matching a token costs a
dictionary lookup.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import yaml

from .. import datafiles
from ..errors import DictionaryError
from . import ontology

_WORD = re.compile(r"^[a-z][a-z'\-]*(\+[a-z\-]+)?$")
_NOUNS = re.compile(r"^[a-z][a-z\-]*(_[a-z\-]+)*(\|[a-z][a-z\-]*(_[a-z\-]+)*)*$")
_TARGETS = frozenset({"obj", "poss", "iobj", "clause", "harm-clause"})
_BLOCK_KEYS = frozenset({"verbs", "nouns", "plover", "mode"})
PLOVER_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"})


@dataclass(frozen=True)
class Pattern:
    id: str                                   # "042/travel > to": code / pattern text
    code: str
    kind: str                                 # verb | noun
    lemma: str
    particle: str | None = None
    objects: frozenset[str] = frozenset()     # allowed direct-object lemmas ("" = any)
    prep: str | None = None                   # a required prepositional phrase: prep ...
    prep_objects: frozenset[str] = frozenset()  # ... whose object is one of these
    targets: tuple[str, ...] = ()             # where the target is, in order
    required: bool = False                    # "> obj!": no event without such a target
    subjects: frozenset[str] = frozenset()    # "subj:protester|crowd": the subject's head must be one
    plover: str | None = None                 # PLOVER type/mode where the construction is more
    plover_mode: str | None = None            # precise than its CAMEO code's 2021 mapping

    @property
    def specificity(self) -> int:
        modified = any("_" in o for o in self.objects | self.prep_objects)
        return (bool(self.particle) + 2 * bool(self.objects) + 2 * bool(self.prep) + bool(self.targets) + modified
                + self.required + bool(self.subjects))


def parse_pattern(text: str, code: str, kind: str, where: tuple[str, int]) -> Pattern:
    words, _, target_text = text.partition(">")
    parts = words.split()
    if not parts:
        raise DictionaryError(*where, f"empty pattern under {code}")
    head = parts[0]
    if not _WORD.match(head):
        raise DictionaryError(*where, f"bad trigger word '{head}' in '{text}'")
    lemma, _, particle = head.partition("+")
    objects: frozenset[str] = frozenset()
    prep, prep_objects = None, frozenset()
    subjects: frozenset[str] = frozenset()
    for part in parts[1:]:
        if part.startswith("subj:"):
            nouns = part[len("subj:"):]
            if not _NOUNS.match(nouns):
                raise DictionaryError(*where, f"bad subject '{part}' in '{text}'")
            subjects = frozenset(nouns.split("|"))
        elif ":" in part:
            prep, _, nouns = part.partition(":")
            if not prep.isalpha() or not _NOUNS.match(nouns):
                raise DictionaryError(*where, f"bad prepositional object '{part}' in '{text}'")
            prep_objects = frozenset(nouns.split("|"))
        elif _NOUNS.match(part):
            objects = objects | frozenset(part.split("|"))
        else:
            raise DictionaryError(*where, f"bad object '{part}' in '{text}'")
    target_text = target_text.strip()
    required = target_text.endswith("!")
    targets = tuple(t.strip() for t in target_text.rstrip("!").split(",") if t.strip())
    if required and not targets:
        raise DictionaryError(*where, f"'!' needs target places before it in '{text}'")
    for target in targets:
        if target not in _TARGETS and not target.isalpha():
            raise DictionaryError(*where, f"bad target '{target}' in '{text}'")
    return Pattern(f"{code}/{text.strip()}", code, kind, lemma, particle or None, objects,
                   prep, prep_objects, targets, required=required, subjects=subjects)


def _line_of(raw: str, needle: str) -> int:
    """Best-effort line number of a pattern string in the YAML source."""
    for number, line in enumerate(raw.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def load_patterns(path: Path) -> list[Pattern]:
    raw = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(raw) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DictionaryError(str(path), (mark.line + 1) if mark else 1, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DictionaryError(str(path), 1, "the file must map CAMEO codes to their patterns")
    patterns = []
    for key, block in data.items():
        key = str(key)
        code = key.split()[0]
        where = (str(path), _line_of(raw, f'"{key}":'))
        if not ontology.is_code(code):
            raise DictionaryError(*where, f"unknown CAMEO code '{code}' (codes are quoted strings, e.g. \"042\")")
        if not isinstance(block, dict) or set(block) - _BLOCK_KEYS:
            raise DictionaryError(*where, f"block {key} may only have {', '.join(sorted(_BLOCK_KEYS))}")
        plover = block.get("plover")
        if plover is not None and plover not in PLOVER_TYPES:
            raise DictionaryError(*where, f"unknown PLOVER type '{plover}' in block {key}")
        for kind in ("verbs", "nouns"):
            for text in block.get(kind) or []:
                if not isinstance(text, str):
                    raise DictionaryError(*where, f"pattern under {key} must be a string, got {text!r}")
                line = (str(path), _line_of(raw, text))
                pattern = parse_pattern(text, code, kind[:-1], line)
                patterns.append(replace(pattern, plover=plover, plover_mode=block.get("mode")))
    return patterns


@dataclass(frozen=True)
class Frame:
    name: str
    words: frozenset[str]
    codes: dict
    future: bool = False
    object_is_target: bool = False

    def transform(self, code: str) -> str | None:
        """The code a governed event takes under this frame: full code, then root; None = unchanged."""
        for key in (code, code[:3], code[:2]):
            if key in self.codes:
                return self.codes[key]
        return None


@dataclass(frozen=True)
class Frames:
    governing: tuple[Frame, ...]            # intent, threat, refusal, demand, plan (first match wins)
    negation: Frame
    warning_words: frozenset[str]
    warning_code: str
    speech: frozenset[str]
    aspect: frozenset[str] = frozenset()     # "resume", "continue": see through to their governor
    harm: dict = field(default_factory=dict)  # suffered / inflicted / bystanders: what a warning threatens (frames.yaml)
    undergone: frozenset[str] = frozenset()  # "death", "arrest": nouns whose possessor underwent them

    def governing_frame(self, lemma: str) -> Frame | None:
        """The frame a governing word opens; a frame's own name works too ("demand"), after the
        words ("plan" is a word of the intent frame)."""
        return next((f for f in self.governing if lemma in f.words or lemma == f.name), None)

    def named(self, name: str) -> Frame | None:
        """The governing frame of that name ("plan"), whatever words other frames hold."""
        return next((f for f in self.governing if f.name == name), None)

    @cached_property
    def demand_words(self) -> frozenset[str]:
        return self.named("demand").words


_GOVERNING = ("demand", "threat", "refusal", "intent", "preparation", "plan")
_HARM_KINDS = frozenset({"suffered", "inflicted", "bystanders"})


def load_frames(path: Path) -> Frames:
    raw = path.read_text(encoding="utf-8")
    data = yaml.safe_load(raw) or {}
    for name in (*_GOVERNING, "negation", "warning", "speech"):
        if name not in data:
            raise DictionaryError(str(path), 1, f"missing section '{name}'")
    frames = []
    for name in _GOVERNING:
        section = data[name]
        codes = {str(k): str(v) for k, v in (section.get("codes") or {}).items()}
        for target in codes.values():
            if not ontology.is_code(target):
                raise DictionaryError(str(path), _line_of(raw, f'"{target}"'), f"unknown CAMEO code '{target}' in {name}")
        frames.append(Frame(name, frozenset(section["words"]), codes, bool(section.get("future")),
                            bool(section.get("object_is_target"))))
    negation = Frame("negation", frozenset(), {str(k): str(v) for k, v in data["negation"]["codes"].items()})
    harm = data.get("harm") or {}
    if set(harm) - _HARM_KINDS:
        raise DictionaryError(str(path), _line_of(raw, "harm:"), f"harm may only have {', '.join(sorted(_HARM_KINDS))}")
    return Frames(tuple(frames), negation, frozenset(data["warning"]["words"]), str(data["warning"]["code"]),
                  frozenset(data["speech"]["words"]), frozenset((data.get("aspect") or {}).get("words", ())),
                  {kind: frozenset(words) for kind, words in harm.items()},
                  frozenset((data.get("undergone") or {}).get("words", ())))


@cache
def lemma_fixes() -> dict[str, str]:
    """form -> lemma corrections of the lemmatizer (data/lemmas.tsv)."""
    path = _data("lemmas.tsv")
    fixes: dict[str, str] = {}
    for number, row in datafiles.rows(path, ["form", "lemma"]):
        if not all(re.fullmatch(r"[a-z][a-z'\-]*", cell) for cell in row.values()):
            raise DictionaryError(str(path), number, "want two lowercase words: form<TAB>lemma")
        fixes[row["form"]] = row["lemma"]
    return fixes


def _data(name: str) -> Path:
    return Path(str(resources.files("dragoman.events") / "data" / name))


@dataclass(frozen=True)
class Dictionary:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    frames: Frames


def build(patterns_path: Path | None = None, frames_path: Path | None = None) -> Dictionary:
    verbs: dict[str, list[Pattern]] = {}
    nouns: dict[str, list[Pattern]] = {}
    for pattern in load_patterns(patterns_path or _data("patterns.yaml")):
        index = verbs if pattern.kind == "verb" else nouns
        index.setdefault(pattern.lemma, []).append(pattern)

    def ordered(index):
        return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in index.items()}

    return Dictionary(ordered(verbs), ordered(nouns), load_frames(frames_path or _data("frames.yaml")))


@cache
def builtin() -> Dictionary:
    return build()
