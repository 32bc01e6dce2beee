"""Headline grammar, read as the prose it stands for.

A headline drops the auxiliaries of its passives and tells the past in the present:
"Istanbul mayor detained" means the mayor was detained (the mayor is the target, not the
source), "Israeli soldiers killed by Hamas" that they were killed by Hamas, and "Turkey detains
Istanbul mayor" what Turkey did. The parser reads a headline as it reads prose: a subject with
a past form and no object is an active subject ("the mayor detained ..."), a noun with a
participle is a noun phrase ("soldiers killed by Hamas"), a present tense is a present.

`read` mends the parse of a title in place, before anything else reads it, so that the actors,
the patterns and the learned models all see the prose the headline stands for:
- a past form or participle with a subject, no object and no auxiliary, of a verb whose patterns
  take an object: its subject is the subject of a passive ("Istanbul mayor detained");
- a headline that is a noun with a participle of such a verb ("Israeli soldiers killed by
  Hamas"): the participle is the clause's verb, the noun the subject of its passive;
- a present tense that no auxiliary governs ("detains", "arrest", "says"): a past.
"""
from __future__ import annotations

from collections.abc import Callable

from .events.match import _children

_OBJECTS = frozenset({"dobj", "obj", "attr", "oprd", "dative", "ccomp", "xcomp"})
_AUXILIARIES = frozenset({"aux", "auxpass"})


def read(doc, takes_object: Callable[[str], bool]) -> dict[int, str]:
    """Mend the parse of a title (a spaCy Doc) in place; returns, by token index, what was read
    differently. `takes_object`: whether a verb lemma's patterns read an object as the target."""
    mended: dict[int, str] = {}
    for token in list(doc):
        if _bare_passive(token, takes_object):
            for subject in _children(token, "nsubj"):
                subject.dep_ = "nsubjpass"
            token.tag_ = "VBN"
            mended[token.i] = f"headline: '{token.text}' read as a passive"
        elif _participle_headline(token, takes_object):
            noun = token.head
            token.head, token.dep_ = token, "ROOT"
            noun.head, noun.dep_ = token, "nsubjpass"
            mended[token.i] = f"headline: '{noun.text} {token.text}' read as a passive clause"
        elif token.tag_ in ("VBZ", "VBP") and token.pos_ == "VERB" and not _children(token, *_AUXILIARIES):
            token.tag_ = "VBD"
            mended[token.i] = f"headline: '{token.text}' read as a past"
    return mended


def _bare_passive(token, takes_object) -> bool:
    return (token.tag_ in ("VBD", "VBN") and token.pos_ == "VERB" and token.dep_ in ("ROOT", "conj")
            and bool(_children(token, "nsubj")) and not _children(token, *_OBJECTS, *_AUXILIARIES)
            and takes_object(token.lemma_.lower()))


def _participle_headline(token, takes_object) -> bool:
    noun = token.head
    return (token.tag_ == "VBN" and token.dep_ == "acl" and noun.dep_ == "ROOT"
            and noun.pos_ in ("NOUN", "PROPN", "NUM") and not _children(token, *_OBJECTS, *_AUXILIARIES)
            and takes_object(token.lemma_.lower()))
