"""The doer a sentence leaves unnamed: the actors of the sentences before it, as options of the
source choice.

News tells an episode over several sentences and names its doer once: "Islamic State claimed the
bombing in Manbij. As many as 16 people were killed in the attack." Gold gives about one mention in
ten a source outside its sentence (annotation.md: the doer the text makes plain). So the source
choice (decide.Decider._source) is offered, beside the sentence's own phrases and no source, the
actors of the document's sentences 0 and 1 (the headline and the lead, where it has a headline),
where the coder read them, and of the last three it read before this one: one per actor (by what scoring compares, its
country or international block), none the sentence names itself. What the model reads of each is
here: how far back and how often it was named, whether as a subject, and whether the events told
there had it as their source (view.told: the models' own events at run time, the gold mentions in
training).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..actors.mentions import THING, Found
from ..record import EARLIER

if TYPE_CHECKING:
    from .view import SentenceView

# How far back the source choice looks: the last sentences read, and the document's first two
# (its headline and lead, where it has a headline).
BACK = 3
LEAD = 2

# Phrases that stand for an actor named elsewhere: the text shown for an earlier actor is a name
# where the sentences before hold one ("Islamic State", not the "it" that followed).
_REFERRING = frozenset({"pronoun", "possessive-pronoun", "definite-reference"})


@dataclass(frozen=True)
class EarlierActor:
    """An actor of the sentences before, as a source of no span in the sentence, and what the
    text did with it there."""

    found: Found                # its phrase's actor, without a span (rule EARLIER)
    back: int                   # sentences back to its nearest phrase
    lead: bool                  # named in the headline or lead
    mentions: int               # its phrases over the sentences looked at
    subject: bool               # the subject of a clause somewhere there
    source_of: frozenset[str]   # the types of the patterns' events it is the source of there
    told: frozenset[str]        # the types of the events told with it as their source (view.told)

    @property
    def key(self) -> str | None:
        return self.found.actor.key


@dataclass
class _Seen:
    """What the sentences before tell of one actor, gathered."""

    found: Found
    back: int
    lead: bool = False
    mentions: int = 0
    subject: bool = False
    source_of: set[str] = field(default_factory=set)
    told: set[str] = field(default_factory=set)

    def take(self, found: Found, back: int) -> None:
        """The phrase shown: a name before a pronoun, then the nearest."""
        if (found.rule in _REFERRING, back) < (self.found.rule in _REFERRING, self.back):
            self.found = found
        self.back = min(self.back, back)


def offered(view: "SentenceView") -> list[EarlierActor]:
    """The actors of the sentences before `view` (view.before) that it does not name itself,
    nearest first, one per key."""
    here = {a.key for a in view.actor_candidates}
    seen: dict[str, _Seen] = {}
    for before in view.before:
        back = view.position - before.position
        sources = _pattern_sources(before)
        for candidate in before.actor_candidates:
            key = candidate.key
            if key is None or key in here or candidate.found.rule == THING:
                continue
            slot = seen.setdefault(key, _Seen(candidate.found, back))
            slot.take(candidate.found, back)
            slot.lead |= before.position < LEAD
            slot.mentions += 1
            slot.subject |= before.tokens[candidate.head].dep_ == "nsubj"
            slot.source_of |= sources.get(key, set())
            slot.told |= {kind for kind, told in before.told if told == key}
    out = [EarlierActor(_spanless(s.found), s.back, s.lead, s.mentions, s.subject, frozenset(s.source_of),
                        frozenset(s.told)) for s in seen.values()]
    return sorted(out, key=lambda a: a.back)


def _spanless(found: Found) -> Found:
    """An actor named in another sentence: no span in this one, and its name where the sentences
    before only referred to it ("it", "the group")."""
    actor = found.actor
    text = actor.name if found.rule in _REFERRING and actor.name else actor.text
    return Found(replace(actor, text=text, start=None, end=None), -1, -1, found.is_person, rule=EARLIER)


def _pattern_sources(view: "SentenceView") -> dict[str, set[str]]:
    """The keys of the patterns' sources in a sentence, with the types of their events."""
    out: dict[str, set[str]] = {}
    for c in view.candidates:
        for found in c.sources:
            out.setdefault(found.actor.key, set()).add(c.kind or "other")
    return out


def features(a: EarlierActor, rank: int, kind: str | None) -> list[str]:
    """An earlier actor as an option of the source choice (named apart from the phrases' features)."""
    actor = a.found.actor
    block = "country" if actor.country else (actor.code or "")[:3]
    marks = [f"back={min(a.back, BACK + 1)}", f"rank={min(rank, 2)}", f"block={block}",
             f"sector={actor.sector}", f"mentions={min(a.mentions, 3)}"]
    marks += ["lead"] * a.lead + ["subject"] * a.subject + ["person"] * a.found.is_person
    marks += ["source"] * bool(a.source_of) + ["source_same"] * (kind in a.source_of)
    marks += ["told"] * bool(a.told) + ["told_same"] * (kind in a.told)
    return ["E:bias", f"E:type={kind}"] + [f"E:{m}" for m in marks] + [f"E:{kind}|{m}" for m in marks]
