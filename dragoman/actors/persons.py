"""One resolution per person per document.

Each mention of an actor is resolved alone, so one person can come out with two codes in one
article: the headline's "Istanbul mayor" (TURGOV, from the agent word) and the body's "Istanbul
Mayor Ekrem Imamoglu" (TUROPP, from the dictionary); "Mayor X" and a bare "X" on a day the
dictionary gives X no role. After a document is coded, every mention of a person takes one
resolution:
- a person the dictionaries know keeps the code of his fullest mention (the most words: the one
  whose title the text spells out), in every mention;
- a description without a name ("Istanbul mayor", "the mayor") is the person whose fuller
  mention holds all its words with the same head word (the title before the name: "Istanbul
  Mayor Ekrem Imamoglu"), when exactly one person of the document fits and no country tells
  them apart.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..record import Actor, Event
from .kb import KB, PERSON, norm, phrase_key

_WORD = re.compile(r"[^\W\d_]+")
# Pronouns that stand for a person named earlier (mentions.py gives them his resolution).
_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
# Words that do not describe: articles, determiners, the possessive.
_EMPTY = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their", "s"})


@dataclass
class _Person:
    fullest: Actor                        # the mention whose resolution every mention takes
    titles: list[tuple[str, ...]]         # the words before or around the name, mention by mention


def one_code_each(events: list[Event], kb: KB) -> list[Event]:
    """The events with every mention of a person resolved as one (see the module's doc)."""
    people = _people(events, kb)
    if not people:
        return events
    out = []
    for event in events:
        source, target = _resolved(event.source, people, kb), _resolved(event.target, people, kb)
        notes = [f"'{new.text}' resolved as {new.name} in the whole document: {old.code} -> {new.code}"
                 for old, new in ((event.source, source), (event.target, target))
                 if new is not None and (new.code, new.name) != (old.code, old.name)]
        if notes:
            event = replace(event, source=source, target=target,
                            evidence=replace(event.evidence, notes=(*event.evidence.notes, *notes)))
        out.append(event)
    return out


def _people(events: list[Event], kb: KB) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    for event in events:
        for actor in (event.source, event.target):
            if actor is None or not _is_person(actor, kb):
                continue
            titles = _words(actor.text, drop=_words(actor.name))
            known = people.get(actor.name)
            if known is None:
                people[actor.name] = _Person(actor, [titles])
                continue
            known.titles.append(titles)
            if len(_words(actor.text)) > len(_words(known.fullest.text)):
                known.fullest = actor
    return people


def _resolved(actor: Actor | None, people: dict[str, _Person], kb: KB) -> Actor | None:
    if actor is None:
        return None
    if _is_person(actor, kb):
        person = people.get(actor.name)
    elif actor.name in people:
        return actor   # someone of his ("his troops"): not him, and no description of anyone
    else:
        person = _described(actor, people)
    if person is None:
        return actor
    chosen = person.fullest
    return replace(actor, name=chosen.name, country=chosen.country, sector=chosen.sector, code=chosen.code)


def _described(actor: Actor, people: dict[str, _Person]) -> _Person | None:
    """The one person whose title holds every word of this description, with the same head word."""
    if not actor.sector:
        return None   # a place, a country: no description of a person
    words = _words(actor.text)
    if not words:
        return None
    fits = [p for p in people.values()
            if any(title and title[-1] == words[-1] and set(words) <= set(title) for title in p.titles)
            and (actor.country is None or p.fullest.country in (None, actor.country))]
    return fits[0] if len(fits) == 1 else None


def _is_person(actor: Actor, kb: KB) -> bool:
    """A mention of a person the dictionaries know under the actor's canonical name: one that
    names him ("Mayor Imamoglu") or a pronoun that stands for him; not his people ("his troops",
    "his foreign minister" carry his name as their owner's)."""
    if not actor.name or not (actor.text.lower() in _PRONOUNS or set(_words(actor.text)) & set(_words(actor.name))):
        return False
    return any(e.kind == PERSON and e.value.name == actor.name for e in kb.lookup(phrase_key(actor.name)))


def _words(text: str | None, drop: tuple[str, ...] = ()) -> tuple[str, ...]:
    found = (norm(w) for w in _WORD.findall(text or ""))
    return tuple(w for w in found if w not in _EMPTY and w not in drop)
