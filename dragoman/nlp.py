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


def tokenize(text: str) -> list[str]:
    """Token texts as the parser's tokenizer splits them (used to index dictionary phrases)."""
    return [t.text for t in _splitter().tokenizer(text)]


# Universal part-of-speech names, the keys of the lemmatizer's tables.
_POS = ("adj", "adp", "adv", "aux", "cconj", "det", "intj", "noun", "num", "part", "pron", "propn",
        "punct", "sconj", "sym", "verb", "x")
_LETTERS = re.compile(r"[^\W\d_]+")


def words(text: str) -> set[str]:
    """The lowercased letter runs of a text ("Russia's" -> "russia", "s")."""
    return set(_LETTERS.findall(text.lower()))


def letter_runs(form: str) -> list[str]:
    """The letter runs of a written form, in order: "let's" -> ["let", "s"], "goin'" -> ["goin"]."""
    return _LETTERS.findall(form.lower())


def word_forms(lemmas: Iterable[str]) -> dict[str, frozenset[str]]:
    """Every written form (lowercased) that the pipeline can lemmatize to each lemma.

    Inverts what the lemmatizer can do to a word: its exception tables, its suffix rules in
    reverse ("agree" <- "agrees", "agreed", "agreeing"), the attribute ruler's lemma overrides
    ("gon" -> "go") and the tokenizer's special cases ("gonna" -> "gon" "na"). The result is a
    superset of the real forms, so that a test on it never misses a word the parser would see.
    """
    nlp = pipeline()
    lookups = nlp.get_pipe("lemmatizer").lookups
    exceptions, rules = lookups.get_table("lemma_exc", {}), lookups.get_table("lemma_rules", {})
    wanted = set(lemmas)
    raw: dict[str, set[str]] = {lemma: {lemma} for lemma in wanted}
    for pos in _POS:
        for form, targets in exceptions.get(pos, {}).items():
            for lemma in wanted.intersection(targets):
                raw[lemma].add(form.lower())
        for old, new in rules.get(pos, []):
            for lemma in wanted:
                if lemma.endswith(new):
                    raw[lemma].add(lemma[:len(lemma) - len(new)] + old)
    for lemma, orths in _ruler_lemmas(nlp).items():
        if lemma in wanted:
            raw[lemma].update(orths)
    special = _special_cases(nlp)
    for forms in raw.values():
        forms.update(whole for piece in list(forms) for whole in special.get(piece, ()))
    return {lemma: frozenset(forms) for lemma, forms in raw.items()}


def _ruler_lemmas(nlp) -> dict[str, set[str]]:
    """Lemma -> the words the attribute ruler gives that lemma ("gon" in "gonna" -> "go")."""
    out: dict[str, set[str]] = {}
    if "attribute_ruler" not in nlp.pipe_names:
        return out
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        lemma = rule["attrs"].get("LEMMA")
        if not lemma:
            continue
        for pattern in rule["patterns"]:
            token = pattern[rule.get("index", 0)]  # the token the lemma is set on
            for key in ("ORTH", "LOWER", "TEXT"):
                value = token.get(key)
                values = value.get("IN", []) if isinstance(value, dict) else [value] if value else []
                out.setdefault(lemma.lower(), set()).update(v.lower() for v in values)
    return out


def _special_cases(nlp) -> dict[str, set[str]]:
    """Piece -> the strings the tokenizer splits into pieces including it ("gon" -> "gonna")."""
    from spacy.attrs import ORTH

    out: dict[str, set[str]] = {}
    for whole, pieces in nlp.tokenizer.rules.items():
        if len(pieces) > 1:
            for piece in pieces:
                out.setdefault(piece.get(ORTH, "").lower(), set()).add(whole.lower())
    return out
