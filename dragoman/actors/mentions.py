"""Actors on the dependency parse: the noun phrase around a token, resolved on the event's date.

A `SentenceActors` holds one parsed sentence's dictionary matches and answers "which actors
does this token stand for?" — splitting coordinations ("Hungarian and Romanian officials"),
and resolving pronouns from the document's memory of recent actors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..record import Actor
from .kb import ADJECTIVE, COUNTRY, KB, PERSON, norm
from .resolve import APPOS, FORMER, HEAD, MOD, Match, compose, find_matches

# Dependents that belong to a noun phrase's own description.
_NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "nummod", "quantmod", "flat", "det", "case",
                      "npadvmod", "advmod", "cc", "conj", "punct", "prep", "pobj", "appos"})
_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat", "npadvmod", "nummod"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
_GROUP_PRONOUNS = frozenset({"it", "its", "itself", "they", "them", "their", "itself"})
_PERSON_SECTORS = frozenset({"GOV", "ELI", "MIL", "OPP", "JUD", "LEG"})


@dataclass
class Memory:
    """The document's recent actors, for pronouns: last person, last group (state, organisation)."""

    person: Actor | None = None
    group: Actor | None = None

    def remember(self, actor: Actor, is_person: bool) -> None:
        if is_person:
            self.person = actor
        elif (actor.country or actor.code) and actor.sector != "MED":
            # News outlets are cited, rarely referred back to: "it"/"they" skip them.
            self.group = actor


@dataclass
class Found:
    actor: Actor
    start: int               # token span of the phrase
    end: int
    is_person: bool
    rule: str = "phrase"


@dataclass
class SentenceActors:
    doc: object                      # a spaCy Doc of one sentence
    kb: KB
    day: date | None
    memory: Memory
    matches: list[Match] = field(init=False)
    by_token: dict[int, Match] = field(init=False)

    def __post_init__(self):
        self.matches = find_matches([t.text for t in self.doc], self.kb)
        self.by_token = {i: m for m in self.matches for i in range(m.start, m.end)}

    # ------------------------------------------------------------------ phrases
    def _modifier_tokens(self, head) -> list:
        tokens = []
        for child in head.children:
            if child.dep_ in _MOD_DEPS:
                tokens.extend(t for t in child.subtree if t.dep_ not in ("relcl", "acl"))
            elif child.dep_ == "prep" and self._describes(head, child):
                tokens.extend(child.subtree)
        return tokens

    def _describes(self, head, prep) -> bool:
        """Prepositional phrases that say who a noun is: "the president of Armenia", "rebels in
        the Ivory Coast", "thousands of Nigerians", "members of the Syrian parliament"."""
        word = prep.lower_
        if word == "of":
            return self._is_agentish(head) or head.i not in self.by_token
        if word in ("in", "from"):
            # "rebels in the Ivory Coast", "opposition groups in Zimbabwe": only when the phrase
            # names no country of its own ("Russian troops in Ukraine" stay Russian).
            own = [t for t in head.subtree if t.i < prep.i or t.i == head.i]
            return self._names_place(prep) and not any(self._is_place(t) for t in own)
        return False

    def _is_place(self, token) -> bool:
        match = self.by_token.get(token.i)
        return match is not None and any(e.kind not in ("agent",) for e in match.entries)

    def _names_place(self, prep) -> bool:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        return bool(objects) and any(
            e.kind in ("country", "capital", "city") for t in objects[0].subtree
            if (m := self.by_token.get(t.i)) for e in m.entries)

    def _is_agentish(self, token) -> bool:
        match = self.by_token.get(token.i)
        return match is not None and any(e.kind == "agent" for e in match.entries)

    def _parts(self, head) -> tuple[list[tuple[str, Match]], list]:
        parts: list[tuple[str, Match]] = []
        seen: set[int] = set()

        def add(place: str, tokens) -> None:
            for token in tokens:
                match = self.by_token.get(token.i)
                if match and match.start not in seen:
                    seen.add(match.start)
                    parts.append((place, match))

        add(HEAD, [head])
        mods = self._modifier_tokens(head)
        add(MOD, mods)
        span_tokens = [head, *mods]
        for child in head.children:
            if child.dep_ == "appos":
                appos = [child, *self._modifier_tokens(child)]
                add(APPOS, appos)
                span_tokens.extend(appos)
        return parts, span_tokens

    def _split_coordinated(self, parts):
        """'Hungarian and Romanian officials' -> one parts list per coordinated place."""
        places = [(p, m) for p, m in parts if p == MOD and any(e.kind in (ADJECTIVE, COUNTRY) for e in m.entries)]
        conjoined = [pm for pm in places if self.doc[pm[1].start].dep_ == "conj"]
        if not conjoined or any(p == HEAD and _names_actor(m) for p, m in parts):
            return [parts]
        others = [pm for pm in parts if pm not in places]
        return [[*others, pm] for pm in places]

    # ------------------------------------------------------------------ public
    def at(self, head) -> list[Found]:
        """The actors a noun (or pronoun) token stands for; coordinated heads included."""
        found = []
        for token in [head, *head.conjuncts]:
            found.extend(self._at_one(token))
        return found

    def _at_one(self, head) -> list[Found]:
        if head.pos_ == "PRON" or head.lower_ in _PERSON_PRONOUNS | _GROUP_PRONOUNS:
            return self._pronoun(head)
        parts, span_tokens = self._parts(head)
        if not parts:
            return []
        former = any(norm(t.text) in FORMER for t in span_tokens)
        start = min(t.i for t in span_tokens)
        end = max(t.i for t in span_tokens) + 1
        out = []
        for group in self._split_coordinated(parts):
            text = self.doc[start:end].text
            actor = compose(group, self.day, self.kb, text=text, former=former)
            if actor is None:
                continue
            span = self.doc[start:end]
            actor = Actor(actor.text, actor.name, actor.country, actor.sector, actor.code,
                          span.start_char, span.end_char)
            out.append(Found(actor, start, end, _is_person(group, actor)))
        return out

    def _pronoun(self, token) -> list[Found]:
        lower = token.lower_
        actor = self.memory.person if lower in _PERSON_PRONOUNS else self.memory.group
        if actor is None:
            return []
        moved = Actor(token.text, actor.name, actor.country, actor.sector, actor.code, token.idx,
                      token.idx + len(token.text))
        return [Found(moved, token.i, token.i + 1, lower in _PERSON_PRONOUNS, rule="pronoun")]

    def remember_all(self) -> None:
        """After the sentence: the subjects it named become the memory for the next ones."""
        for token in self.doc:
            if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON":
                for found in self._at_one(token):
                    self.memory.remember(found.actor, found.is_person)


def _names_actor(match: Match) -> bool:
    return any(e.kind in ("person", "org", "country", "capital", "metonym", "city") for e in match.entries)


def _is_person(parts, actor: Actor) -> bool:
    if any(e.kind == PERSON for _, m in parts for e in m.entries):
        return True
    head_agents = [e for p, m in parts if p == HEAD for e in m.entries if e.kind == "agent"]
    return bool(head_agents) and actor.sector in _PERSON_SECTORS and not actor.text.endswith("s")
