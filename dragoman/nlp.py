"""The only module that imports spaCy: load the pipeline once, split sentences, parse.

Sentence splitting is cheap (a rule-based sentencizer on a blank pipeline) so that only the
sentences that can hold an event reach the statistical parser.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from . import settings
from .errors import ModelError

# Components the coder never uses: turning them off saves time and memory.
_UNUSED = ("ner",)


@cache
def pipeline():
    """The English pipeline, loaded once per process; a clear error if it is not installed."""
    import spacy

    name = settings.get("SPACY_MODEL")
    try:
        return spacy.load(name, exclude=list(_UNUSED))
    except OSError as exc:
        raise ModelError(f"the spaCy English pipeline '{name}' is not installed") from exc


@cache
def _splitter():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


# Abbreviations after which a period does not end a sentence (language data, not analyst data).
_NO_BREAK = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Pres|St|Jr|Sr|No|Vol|Sept?|Oct|Nov|"
                       r"Dec|Jan|Feb|Mar|Apr|Aug|U\.S|U\.N|U\.K|E\.U|Prof|Rev|Adm|Cmdr|Inc|Co|Corp|Ltd)\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, without parsing. Rejoins splits after known abbreviations."""
    pieces = [s.text.strip() for s in _splitter()(text).sents]
    merged: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if merged and (_NO_BREAK.search(merged[-1]) or piece[0].islower()):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def parse(texts: Iterable[str]) -> Iterator:
    """spaCy Docs for the texts, in order, batched."""
    nlp = pipeline()
    yield from nlp.pipe(texts, batch_size=settings.get("BATCH_SIZE"))


def model_info() -> dict:
    nlp = pipeline()
    return {"name": nlp.meta.get("name"), "version": nlp.meta.get("version"),
            "components": list(nlp.pipe_names)}


def tokenize(text: str) -> list[str]:
    """Token texts as the parser's tokenizer splits them (used to index dictionary phrases)."""
    return [t.text for t in _splitter().tokenizer(text)]
