"""The gold corpus: whole documents with every event mention, as standoff (offsets into texts that
stay where they live), with fixed folds for training and scoring learned models.

A corpus file is JSONL, one document a line:

    {"id": "guardian-514", "date": "2018-03-30", "sha1": SHA1 of the text, "fold": 0-4,
     "events": [EVENT...]}
    EVENT = {"id": "e1", "sentence": [START, END], "trigger": [START, END],
             "type": PLOVER type, "cameo": "183", "mode": PLOVER mode | null,
             "source": [ACTOR...], "target": [ACTOR...], "symmetric": bool,
             "factuality": asserted | planned | negated | hypothetical | requested | denied | alleged,
             "time": news | background, "date": "YYYY[-MM[-DD]]" | null,
             "place": {"span": [START, END] | null, "country": ISO3 | null} | null}
    ACTOR = {"span": [START, END], "code": CAMEO actor code | null, "name": str | null}

Offsets count characters of the text as `texts.text_of` returns it; `sha1` guards them.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import fs
from ..errors import ConfigError
from . import schema, texts

FOLDS = 5


@dataclass(frozen=True)
class GoldActor:
    span: tuple[int, int]
    code: str | None = None
    name: str | None = None

    @property
    def key(self) -> str | None:
        return schema.key_of(self.code)

    def to_dict(self) -> dict:
        return {"span": list(self.span), "code": self.code, "name": self.name}


@dataclass(frozen=True)
class GoldPlace:
    span: tuple[int, int] | None
    country: str | None

    def to_dict(self) -> dict:
        return {"span": list(self.span) if self.span else None, "country": self.country}


@dataclass(frozen=True)
class GoldEvent:
    id: str
    sentence: tuple[int, int]
    trigger: tuple[int, int]
    type: str
    cameo: str
    factuality: str
    time: str
    source: tuple[GoldActor, ...] = ()
    target: tuple[GoldActor, ...] = ()
    mode: str | None = None
    symmetric: bool = False
    date: str | None = None
    place: GoldPlace | None = None

    @property
    def output(self) -> bool:
        """Whether the coder should output it (asserted, or planned and flagged so)."""
        return self.factuality in schema.OUTPUT

    def to_dict(self) -> dict:
        return {"id": self.id, "sentence": list(self.sentence), "trigger": list(self.trigger), "type": self.type,
                "cameo": self.cameo, "mode": self.mode, "source": [a.to_dict() for a in self.source],
                "target": [a.to_dict() for a in self.target], "symmetric": self.symmetric,
                "factuality": self.factuality, "time": self.time, "date": self.date,
                "place": self.place.to_dict() if self.place else None}


@dataclass(frozen=True)
class GoldDoc:
    id: str
    date: str | None
    sha1: str
    fold: int
    events: tuple[GoldEvent, ...] = ()
    text: str | None = field(default=None, compare=False)   # attached by `load`, never written

    def to_dict(self) -> dict:
        return {"id": self.id, "date": self.date, "sha1": self.sha1, "fold": self.fold,
                "events": [e.to_dict() for e in self.events]}


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def fold_of(doc_id: str) -> int:
    """The fold of a document added to the corpus: from its id alone, so adding documents never
    moves one."""
    return _hash(doc_id) % FOLDS


def deal_folds(docs: list[GoldDoc]) -> list[GoldDoc]:
    """Folds of equal size: each corpus's documents, in the order of their ids' hashes, dealt out
    in turn. Done once, when the corpus was built; the folds are then written into its records
    and never dealt again (documents added later take `fold_of`)."""
    by_corpus: dict[str, list[GoldDoc]] = {}
    for doc in docs:
        by_corpus.setdefault(doc.id.partition("-")[0], []).append(doc)
    folds = {}
    for group in by_corpus.values():
        for n, doc in enumerate(sorted(group, key=lambda d: _hash(d.id))):
            folds[doc.id] = n % FOLDS
    return [GoldDoc(d.id, d.date, d.sha1, folds[d.id], d.events, d.text) for d in docs]


def _hash(doc_id: str) -> int:
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16)


# ---------------------------------------------------------------- reading and writing

def files(path: str | Path) -> list[Path]:
    """A corpus file, or every *.jsonl directly in a corpus folder (not its passes/ subfolder)."""
    path = Path(path)
    found = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not found or not all(p.is_file() for p in found):
        raise ConfigError(f"no gold corpus at {path}", hint="a JSONL file or a folder of them (gold/)")
    return found


def load(path: str | Path, root: str | Path | None = None, with_text: bool = True) -> list[GoldDoc]:
    """Every document of a corpus file or folder; with its text (checked against its sha1) unless
    `with_text` is false."""
    docs = []
    for file in files(path):
        for number, line in enumerate(fs.read_lines(file), 1):
            if line.strip():
                docs.append(_read_doc(line, f"{file}:{number}"))
    return [attach_text(d, root) for d in docs] if with_text else docs


def attach_text(doc: GoldDoc, root: str | Path | None = None) -> GoldDoc:
    text = texts.text_of(doc.id, root).text
    if sha1(text) != doc.sha1:
        raise ConfigError(f"gold document {doc.id}: its text has changed (sha1 differs), so its offsets no longer hold")
    return GoldDoc(doc.id, doc.date, doc.sha1, doc.fold, doc.events, text)


def save(docs: list[GoldDoc], path: str | Path) -> None:
    lines = [json.dumps(d.to_dict(), ensure_ascii=False) for d in sorted(docs, key=lambda d: d.id)]
    with fs.writing(path, "w", encoding="utf-8") as out:
        out.write("".join(line + "\n" for line in lines))


def save_by_corpus(docs: list[GoldDoc], folder: str | Path) -> list[Path]:
    """One file per corpus in `folder` (guardian.jsonl, seed.jsonl, gigaword.jsonl)."""
    groups: dict[str, list[GoldDoc]] = {}
    for doc in docs:
        groups.setdefault(doc.id.partition("-")[0], []).append(doc)
    Path(folder).mkdir(parents=True, exist_ok=True)
    paths = []
    for name, group in sorted(groups.items()):
        paths.append(Path(folder) / f"{name}.jsonl")
        save(group, paths[-1])
    return paths


def _read_doc(line: str, where: str) -> GoldDoc:
    try:
        raw = json.loads(line)
        return GoldDoc(raw["id"], raw.get("date"), raw["sha1"], int(raw["fold"]),
                       tuple(event_from_dict(e) for e in raw.get("events", [])))
    except (ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{where}: not a gold document ({type(exc).__name__}: {exc})") from None


def event_from_dict(raw: dict) -> GoldEvent:
    place = raw.get("place")
    return GoldEvent(
        id=raw["id"], sentence=tuple(raw["sentence"]), trigger=tuple(raw["trigger"]), type=raw["type"],
        cameo=raw["cameo"], factuality=raw["factuality"], time=raw["time"],
        source=tuple(_actor(a) for a in raw.get("source", [])), target=tuple(_actor(a) for a in raw.get("target", [])),
        mode=raw.get("mode"), symmetric=bool(raw.get("symmetric")), date=raw.get("date"),
        place=GoldPlace(tuple(place["span"]) if place.get("span") else None, place.get("country")) if place else None)


def _actor(raw: dict) -> GoldActor:
    return GoldActor(tuple(raw["span"]), raw.get("code"), raw.get("name"))
