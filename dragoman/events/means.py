"""One event told twice in a clause: a verb and the noun of the act it was done by ("killed in a
Russian airstrike", "the bombing killed four Americans") are merged into one event."""
from __future__ import annotations

from ..actors.mentions import THING
from . import ontology
from .match import Candidate

# The words that join a verb to the act it was done by: "killed in an airstrike", "hit by a
# surprise attack", "destroyed with barrel bombs"; "during" for violence alone ("died during the
# shelling"), as "held talks during a visit" tells two meetings.
MEANS = frozenset({"in", "by", "with"})
_VIOLENT_MEANS = MEANS | {"during"}
_DOER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_TOWNS = frozenset({"city", "capital"})


def merged(candidates: list[Candidate], actors) -> list[Candidate]:
    """The sentence's candidates with each act told by a verb and by the noun of its means kept
    once (docs/annotation.md: a second mention of one event in one sentence is none). The verb's
    word stays. It takes the doer the noun's own phrase names ("a Russian airstrike", "a US-led
    coalition strike", "a bombing claimed by the Islamic State"; _doers, with `actors`, the
    SentenceActors): in place of its own where the noun is its subject (the bombing's doer is the
    killing's), else where it has none ("Israel killed a commander in a Gaza airstrike" stays
    Israel's). Its target, else the noun's; the code of the more specific word (killed 190,
    airstrike 195)."""
    dropped: set[int] = set()
    for verb in candidates:
        for noun in candidates:
            if noun is verb or id(noun) in dropped or id(verb) in dropped or not _means_of(noun, verb):
                continue
            _take(verb, noun, actors)
            dropped.add(id(noun))
    return [c for c in candidates if id(c) not in dropped]


def _means_of(noun: Candidate, verb: Candidate) -> bool:
    """Whether `noun` tells the act by which `verb`'s event was done: one type, one reading, the
    noun the object of "in", "by", "during" or "with" on the verb, or its active subject (a
    passive's subject underwent the act: "an attack by rebels was repulsed by troops")."""
    n, v = noun.trigger, verb.trigger
    if v.pos_ != "VERB" or noun.kind != verb.kind or noun.kind is None:
        return False
    if (noun.factuality, noun.future, noun.negated) != (verb.factuality, verb.future, verb.negated):
        return False
    if n.dep_ == "nsubj":
        return n.pos_ == "NOUN" and n.head.i == v.i
    # "in Israeli tank shelling": the parser may call the object's -ing word a verb
    means = _VIOLENT_MEANS if ontology.violent(noun.code) else MEANS
    return n.dep_ == "pobj" and n.head.lower_ in means and n.head.head.i == v.i


def _take(verb: Candidate, noun: Candidate, actors) -> None:
    doers, rule = _doers(noun, actors, verb.targets or noun.targets)
    if doers and (noun.trigger.dep_ == "nsubj" or not verb.sources):
        verb.sources, verb.source_rule = doers, rule
    if not verb.targets:
        verb.targets, verb.target_rule = noun.targets, noun.target_rule
    if ontology.depth(noun.code) > ontology.depth(verb.code):
        verb.code, verb.pattern = noun.code, noun.pattern
        verb.plover, verb.plover_mode = noun.plover, noun.plover_mode
    verb.notes.append(f"one event with '{noun.trigger.text}' ({noun.code}), the act it was done by")


def _doers(noun: Candidate, actors, targets) -> tuple[list, str]:
    """Who the noun's own phrase says did the act, and how that was found: the noun's sources in
    its phrase, else the actors its modifiers name ("means"); never the place's."""
    def doer(found) -> bool:
        return not _names_place(found, noun.trigger, actors, targets)
    own = [s for s in noun.sources if _in_phrase(s, noun.trigger) and doer(s)]
    if own:
        return own, noun.source_rule
    return [f for f in _named_by(noun.trigger, actors) if doer(f)], "means"


def _named_by(noun, actors) -> list:
    """The actors the noun's own words name as the doer: "Russian" (a Russian airstrike),
    "coalition" (coalition airstrikes), "Isis's" (Isis's attacks), "Isis" (an attack by Isis)."""
    words = [c for c in noun.children if c.dep_ in _DOER_DEPS and c.i < noun.i]
    words += [o for p in _by_phrases(noun) for o in p.children if o.dep_ == "pobj"]
    return [f for w in words if w.i in actors.by_token for f in actors.at(w) if f.rule != THING]


def _names_place(found, noun, actors, targets) -> bool:
    """Whether the actor phrase is named by where the act happened, not by who did it: a town's
    name before the noun ("a Kabul bombing"), or a country's that is its victims' ("two children
    killed in a Gaza airstrike"), but not a possessive ("Moscow's airstrikes": Russia's) nor
    another country ("a US airstrike")."""
    victims = {t.actor.country for t in targets if t.actor.country}
    for word in noun.doc[found.start:found.end]:
        match = actors.by_token.get(word.i)
        if word.i == noun.i or match is None or word.dep_ not in ("compound", "nmod"):
            continue
        kinds = {e.kind for e in match.entries}
        if kinds & _TOWNS or "country" in kinds and found.actor.country in victims:
            return True
    return False


def _by_phrases(noun) -> list:
    """The "by" phrases of the noun's own phrase: its own ("an attack by Isis") and its
    participle's ("a bombing claimed by the Islamic State"), not one deeper ("an attack on a
    base run by US forces")."""
    heads = [noun] + [c for c in noun.children if c.dep_ == "acl"]
    return [p for h in heads for p in h.children if p.dep_ in ("prep", "agent") and p.lower_ == "by"]


def _in_phrase(found, noun) -> bool:
    """Whether an actor phrase names the noun's doer in the noun's own phrase: before it ("Russian"
    or "Russian airstrike" in "a Russian airstrike") or after its "by" ("a bombing claimed by the
    Islamic State"), not a place it is told in ("a drone strike in Raqqa") nor the noun alone."""
    if noun.left_edge.i <= found.start and found.end - 1 <= noun.i:
        return found.start < noun.i
    return any(p.i < found.start and found.end - 1 <= p.right_edge.i for p in _by_phrases(noun))
