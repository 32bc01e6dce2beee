"""One parsed sentence as the models see it: its tokens, the actors the dictionaries find in it
(whole phrases, not their parts), and what the rule patterns made of it."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .. import dates
from ..actors.mentions import THING, Found, SentenceActors, backer
from ..events.match import Candidate, _is_passive, _lemma, passive_subjects, shared_passive
from ..events.patterns import Dictionary, builtin
from .earlier import BACK, LEAD, offered

# Dependencies by which a token modifies the phrase it belongs to: the phrase's actor is its head's.
_INSIDE = frozenset({"compound", "amod", "flat", "npadvmod", "nummod", "nmod", "appos"})
# Parts of speech that can name an event.
TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "PROPN"})


@dataclass(frozen=True)
class ActorCandidate:
    found: Found
    head: int                    # the token whose phrase it is

    @property
    def key(self) -> str | None:
        return self.found.actor.key


@dataclass
class SentenceView:
    parsed: object                       # the sentence's spaCy Doc
    actors: SentenceActors
    candidates: list[Candidate] = field(default_factory=list)   # the rule patterns' events
    priors: dict[str, frozenset[str]] = field(default_factory=dict)  # lemma -> CAMEO roots its patterns give
    position: int = 0                    # the sentence's index in its document
    day: object = None                   # the document's date
    earlier: tuple = ()                  # the dates of the sentences just before it (Recent)
    before: tuple = ()                   # the views of the headline, the lead and the sentences just before it
    # (type, source key) of each event told in the sentence: the models' decisions at run time, the
    # gold mentions in training (earlier.py reads them in the sentences after)
    told: frozenset = frozenset()
    context: object = None               # MiniLM's states of its tokens (context.Contexts), where the models read them
    tuned: object = None                 # tuned MiniLM's class probabilities of its tokens (tune.Tagger), likewise

    @cached_property
    def tokens(self) -> list:
        return self.actors.tokens if self.actors.doc is self.parsed else list(self.parsed)

    @cached_property
    def actor_candidates(self) -> list[ActorCandidate]:
        """Every actor phrase once: found at its head token (a token inside a larger phrase that
        names an actor itself, "Russian" in "Russian President Putin", is not a phrase of its own)."""
        out, seen = [], set()
        for token in self.tokens:
            found = self.actors.at(token)
            if not found:
                continue
            if token.dep_ in _INSIDE and token.head.i != token.i and self.actors.at(token.head):
                continue
            if backer(token):
                continue   # "US-backed rebels": the US is not an actor of the rebels' events
            for item in found:
                span = (item.start, item.end, item.actor.code, item.actor.text)
                if span not in seen:
                    seen.add(span)
                    out.append(ActorCandidate(item, token.i))
        return out

    @cached_property
    def earlier_actors(self) -> list:
        """The actors named before the sentence that it does not name itself (earlier.offered)."""
        return offered(self)

    @cached_property
    def heads(self) -> list[int]:
        """Each token's head, by index (a root its own)."""
        return [t.head.i for t in self.tokens]

    @cached_property
    def path_labels(self) -> list[str]:
        """Each token as a step of a dependency path: its label, and a preposition's own word."""
        return [f"{t.dep_}:{t.lower_}" if t.dep_ in ("prep", "agent") else t.dep_ for t in self.tokens]

    @cached_property
    def paths(self) -> dict:
        """The paths between pairs of tokens (features.path), found once."""
        return {}

    @cached_property
    def actor_heads(self) -> frozenset[int]:
        return frozenset(a.head for a in self.actor_candidates)

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(t.lower_ for t in self.tokens)

    @cached_property
    def dates(self) -> list:
        """The dates the date rules read in the sentence, against the document's date; not a year
        that only qualifies a noun ("the 1994 genocide"), which the models were not trained to read."""
        return [when for when in dates.event_dates(self.parsed.text, self.day) if when.rule != dates.QUALIFIER]

    @cached_property
    def rules_at(self) -> dict[int, Candidate]:
        """The rule candidate whose trigger is each token."""
        return {c.trigger.i: c for c in self.candidates}

    def roots(self, lemma: str) -> frozenset[str]:
        return self.priors.get(lemma, frozenset())

    def trigger_tokens(self) -> list:
        return [t for t in self.tokens if t.pos_ in TRIGGER_POS]


class Recent:
    """What the models read of the sentences before: the dates of the last ones, for the time
    model (a past episode is often told over several sentences after the one that dates it: "In
    2014, Isis swept into Mosul. Its fighters executed ..."), and the views of the headline, the
    lead and the last few, for the doer a sentence leaves unnamed (earlier.py). Documents are read
    one after the other, each sentence in order: another document's id, or a sentence that does not
    come after the last, starts over."""

    reach = 2   # sentences back: on gold/ folds 0-2, 1 does worse (time accuracy -0.007), 3 no better

    def __init__(self):
        self.doc_id, self.index, self.seen, self.views = None, -1, [], []

    def view(self, doc, sentence, parsed, actors, candidates, priors) -> SentenceView:
        """The sentence's view, with what it reads of the sentences read before it in its document."""
        if doc.id != self.doc_id or sentence.index <= self.index:
            self.doc_id, self.seen, self.views = doc.id, [], []
        self.index = sentence.index
        view = SentenceView(parsed, actors, candidates, priors, sentence.index, doc.date,
                            tuple(w for found in self.seen for w in found), tuple(self.views))
        self.seen = (self.seen + [view.dates])[-self.reach:]
        views = self.views + [view]
        self.views = [v for v in views if v.position < LEAD] + [v for v in views if v.position >= LEAD][-BACK:]
        return view


def type_of(candidate: Candidate) -> str | None:
    """The PLOVER type of a rule pattern's event (None: a CAMEO code PLOVER drops)."""
    return candidate.kind


def priors(dictionary: Dictionary) -> dict[str, frozenset[str]]:
    """For each lemma the pattern dictionary knows, the CAMEO roots of its patterns: what the
    rules know of a word even where no pattern matches in full."""
    roots: dict[str, set[str]] = {}
    for index in (dictionary.verbs, dictionary.nouns):
        for lemma, patterns in index.items():
            roots.setdefault(lemma, set()).update(p.code[:2] for p in patterns)
    return {lemma: frozenset(r) for lemma, r in roots.items()}


# The prepositions that add who underwent a passive's event with its subject.
_ALONGSIDE = frozenset({"alongside", "with"})


def undergoes(trigger, head) -> bool:
    """Whether the actor whose phrase `head` heads undergoes the event told by `trigger`, and so
    cannot have done it: the passive subject of its verb, or of the passive verb it is coordinated
    with ("Srihini was shot twice, detained and tortured"), and who underwent it with them ("killed
    alongside an American soldier"); the "of" phrase or possessor of a noun of an act done to
    someone ("the release of the hostages", "his death": frames.yaml, undergone); the noun a
    passive participle or relative clause describes ("people detained by Isis", "Yaish, who had
    been arrested"); the object of the verb that tells it."""
    passive = shared_passive(trigger)
    if head.dep_ == "nsubjpass" and head.head.i in (trigger.i, passive.i if passive is not None else -1):
        return True
    if head.dep_ in ("nsubj", "nsubjpass") and any(s.i == head.i for s in passive_subjects(trigger)):
        return True   # "were later identified and arrested", "is thought to have been killed"
    if head.dep_ in ("dobj", "dative") and head.head.i == trigger.i and trigger.pos_ == "VERB":
        return True   # the object of the verb that tells it ("accused Syrian troops of torture")
    if (head.dep_ == "pobj" and head.head.lower_ in _ALONGSIDE and head.head.head.i == trigger.i
            and (_is_passive(trigger) or passive is not None)):
        return True   # "was killed alongside an American soldier": who underwent it with the subject
    if trigger.pos_ == "NOUN" and _lemma(trigger) in builtin().frames.undergone and (
            head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.i == trigger.i
            or head.dep_ == "poss" and head.head.i == trigger.i and _undergoer_possessive(trigger)):
        return True   # "his death", "their capture", "the release of the hostages"
    if trigger.head.i != head.i:
        return False
    if trigger.dep_ in ("acl", "amod") and trigger.tag_ == "VBN":
        return True
    return trigger.dep_ == "relcl" and any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)


def _undergoer_possessive(noun) -> bool:
    """Whether a noun of an act done to someone names who underwent it by its possessor: one act
    ("his arrest"), with no "of" phrase to name them ("Turkey's arrest of the journalist", where the
    possessor did it; "the group's executions" tell many, done by the group)."""
    return noun.tag_ == "NN" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)


def able(view: SentenceView, trigger) -> list[ActorCandidate]:
    """The actor phrases that may have done the event told by `trigger`: a thing does nothing ("the
    war in Syria"), and who undergoes the event did not do it."""
    return [a for a in view.actor_candidates
            if a.found.rule != THING and not undergoes(trigger, view.tokens[a.head])]
