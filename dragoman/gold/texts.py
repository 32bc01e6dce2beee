"""The texts behind the gold documents, read where they live (../shared), never copied.

A gold document names its text by corpus and key: `guardian-514` is row 514 of the Guardian
sample, `seed-000_c22179350bfb85e7` the seed article, `gigaword-AFP0808020625_4` a sentence of
PETRARCH's GigaWord sample (`gigaword-GOLD_9~2` the second of two sentences with one id). Standoff offsets count characters of the text exactly as returned
here (the CSV cell as is; the file as is; a GigaWord sentence with its whitespace runs made one
space; the nine sentences whose text the file leaves empty rebuilt from the words of their parse).
"""
from __future__ import annotations

import csv
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from .. import settings
from ..errors import ConfigError

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

GUARDIAN = "data/ngec/guardian_sample.csv"
SEEDS = "seeds"
GIGAWORD = "data/petrarch2/GigaWord.sample.PETR.xml"
# The seed article carries no date of its own: the day the page was scraped (its caption says
# the meeting was on 2021-09-29 and its text "on Wednesday", 2022-01-26).
SEED_DATES = {"000_c22179350bfb85e7": "2022-01-28"}


@dataclass(frozen=True)
class Text:
    """One gold document's text and what a reader of it is told: its date and its format."""

    id: str
    corpus: str
    key: str
    text: str
    date: str | None
    format: str          # how `dragoman code` would read it: text | csv | jsonl


def shared_dir(path: str | Path | None = None) -> Path:
    """Where the texts live: the given path, else the SHARED_DIR setting (../shared)."""
    root = Path(path or settings.get("SHARED_DIR"))
    if not root.is_dir():
        raise ConfigError(f"no folder {root} holding the gold texts",
                          hint="give --texts DIR (the shared data folder) or set DRAGOMAN_SHARED_DIR")
    return root


def reserved(doc_id: str) -> bool:
    """Guardian articles with an odd id are kept for judging the coder: never annotated or tuned on."""
    corpus, _, key = doc_id.partition("-")
    return corpus == "guardian" and key.isdigit() and int(key) % 2 == 1


def text_of(doc_id: str, root: str | Path | None = None) -> Text:
    corpus, _, key = doc_id.partition("-")
    texts = corpus_texts(corpus, str(shared_dir(root)))
    if key not in texts:
        raise ConfigError(f"gold document {doc_id}: no such text in the {corpus} corpus")
    return texts[key]


def corpus_texts(corpus: str, root: str) -> dict[str, Text]:
    readers = {"guardian": _guardian, "seed": _seeds, "gigaword": _gigaword}
    if corpus not in readers:
        raise ConfigError(f"unknown gold corpus {corpus!r}", hint=f"one of {', '.join(readers)}")
    return readers[corpus](root)


@cache
def _guardian(root: str) -> dict[str, Text]:
    with open(Path(root) / GUARDIAN, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {row[""]: Text(f"guardian-{row['']}", "guardian", row[""], row["text"], row["date"] or None, "csv")
                for row in rows}


@cache
def _seeds(root: str) -> dict[str, Text]:
    out = {}
    for path in sorted((Path(root) / SEEDS).glob("*.txt")):
        out[path.stem] = Text(f"seed-{path.stem}", "seed", path.stem, path.read_text(encoding="utf-8"),
                              SEED_DATES.get(path.stem), "text")
    return out


@cache
def _gigaword(root: str) -> dict[str, Text]:
    out: dict[str, Text] = {}
    for node in ET.parse(Path(root) / GIGAWORD).getroot().iter("Sentence"):
        key, raw = node.get("id"), node.get("date")
        if key in out:  # the file gives one id to two sentences: the second is KEY~2
            key = f"{key}~{sum(k.split('~')[0] == key for k in out) + 1}"
        text = " ".join((node.findtext("Text") or "").split()) or _from_parse(node.findtext("Parse") or "")
        day = date(int(raw[:4]), int(raw[4:6]), int(raw[6:8])).isoformat() if raw else None
        out[key] = Text(f"gigaword-{key}", "gigaword", key, text, day, "jsonl")
    return out


# Tokens of a Penn Treebank parse as they are written in running text.
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
             "``": '"', "''": '"'}
_LEAF = re.compile(r"\(([^\s()]+) ([^\s()]+)\)")
_NO_SPACE_BEFORE = re.compile(r" (?=[.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")


def _from_parse(parse: str) -> str:
    """A sentence whose <Text> the file leaves empty, rebuilt from the words of its parse."""
    words = [_BRACKETS.get(word, word) for _, word in _LEAF.findall(parse)]
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", " ".join(words)))


# ---------------------------------------------------------------- sentences for annotators

# Words whose final period does not end a sentence.
ABBREVIATIONS = frozenset("""mr mrs ms dr st gen col lt sgt capt maj cmdr adm gov sen rep rev prof jr sr
no vs etc inc ltd co corp dept jan feb mar apr aug sept sep oct nov dec u.s u.n u.k e.u a.m p.m""".split())
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n")


@lru_cache(maxsize=32)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans for annotators to point at: a plain splitter (end punctuation before a
    capital, or a line break), independent of the coder's own. Finer or coarser splits do not
    matter to scoring, which aligns by characters. Split once per text (each event of a document
    asks for its sentence)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group() != "\n" and _abbreviation(text, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return tuple(s for s in (_strip(text, a, b) for a, b in spans) if s)


def _abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"(\S+)$", text[:dot])
    token = word.group(1).lower().lstrip("(\"“‘") if word else ""
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
