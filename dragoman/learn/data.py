"""The labelled examples of each model, from gold sentences: candidate triggers and their type,
the factuality and time of gold mentions, and the choices of each gold mention's source (among the
actor phrases of its sentence and the actors named before it) and target (among its phrases)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy

from ..gold.align import overlaps
from . import features
from .choice import ChoiceSets
from .examples import Sentence
from .view import able

NONE = "NONE"


@dataclass
class Examples:
    sparse: list[list[str]] = field(default_factory=list)
    dense: list[numpy.ndarray] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    folds: list[int] = field(default_factory=list)

    def add(self, sparse: list[str], dense: numpy.ndarray, label: str, fold: int) -> None:
        self.sparse.append(sparse)
        self.dense.append(dense)
        self.labels.append(label)
        self.folds.append(fold)

    def matrix(self) -> numpy.ndarray:
        return numpy.vstack(self.dense) if self.dense else numpy.zeros((0, 0), dtype=numpy.float32)


def gold_heads(sentence: Sentence) -> dict[int, list]:
    """The gold mentions of a sentence by the token that heads their trigger."""
    out: dict[int, list] = {}
    for gold in sentence.golds:
        out.setdefault(sentence.head_of(gold.trigger), []).append(gold)
    return out


def triggers(sentences: list[Sentence]) -> Examples:
    """Every candidate token with its label (trigger_labels)."""
    out = Examples()
    for s in sentences:
        for token, label in trigger_labels(s):
            out.add(features.trigger_features(s.view, token), features.dense(s.view, token.i), label, s.doc.fold)
    return out


def trigger_labels(sentence: Sentence) -> list[tuple[object, str]]:
    """Each candidate token and the type of the gold mention it heads, or NONE. Tokens inside a
    gold trigger that do not head it ("an" in "launched an attack") are left out."""
    heads = gold_heads(sentence)
    inside = {i for g in sentence.golds for i in sentence.tokens_in(g.trigger)}
    return [(token, heads[token.i][0].type if token.i in heads else NONE) for token in sentence.view.trigger_tokens()
            if token.i in heads or token.i not in inside]


def contexts(sentences: list[Sentence], what: str) -> Examples:
    """The factuality (what="factuality") or time (what="time") of each gold mention."""
    out = Examples()
    for s in sentences:
        for head, golds in gold_heads(s).items():
            token = s.view.tokens[head]
            read = (features.factuality_features(s.view, token, golds[0].type) if what == "factuality"
                    else features.time_features(s.view, token))
            out.add(read, features.dense(s.view, head), getattr(golds[0], what), s.doc.fold)
    return out


def role_of(gold, span, key, extent) -> str:
    """An actor phrase is the mention's source (target) when it overlaps a source (target) span;
    or, where that span lies in another sentence (a pronoun's antecedent), when it is the same
    actor by its code."""
    for role, actors in (("source", gold.source), ("target", gold.target)):
        if any(span and overlaps(a.span, span) for a in actors):
            return role
    for role, actors in (("source", gold.source), ("target", gold.target)):
        if key and any(a.key == key and not overlaps(a.span, extent) for a in actors):
            return role
    return NONE


def targets(sentences: list[Sentence]) -> ChoiceSets:
    """For each gold mention, the choice of its target given its source: the actor phrases of the
    sentence other than the source, and no target; the right ones are the gold target's phrases
    (for a symmetric event, the other party's), or no target where gold has none."""
    out = ChoiceSets()
    for s in sentences:
        extent = s.extent()
        for head, golds in gold_heads(s).items():
            gold, token = golds[0], s.view.tokens[head]
            actors = s.view.actor_candidates
            labels = [role_of(gold, s.span_of(a), a.key, extent) for a in actors]
            wanted = ("source", "target") if gold.symmetric else ("target",)
            choice = _target_choice(s.view, token, gold.type, actors, labels, wanted,
                                    no_target=len(gold.source + gold.target) < 2 if gold.symmetric else not gold.target)
            if choice:
                out.add(*choice, s.doc.fold)
    return out


def sources(sentences: list[Sentence]) -> ChoiceSets:
    """For each gold mention, the choice of its source: the actor phrases of the sentence that may
    have done it (view.able), the actors named before it (earlier.offered), and no source; the
    right ones are the gold source's phrases, or the earlier actor that is the gold source by its
    code (for a symmetric event, either party's), or no source where gold has none. A mention
    whose gold source is no option teaches nothing and is left out."""
    out = ChoiceSets()
    for s in sentences:
        extent = s.extent()
        before = s.view.earlier_actors
        for head, golds in gold_heads(s).items():
            gold, token = golds[0], s.view.tokens[head]
            wanted = ("source", "target") if gold.symmetric else ("source",)
            actors = able(s.view, token)
            labels = [role_of(gold, s.span_of(a), a.key, extent) for a in actors]
            labels += [_earlier_role(gold, b, extent) for b in before]
            choice = _source_choice(s.view, token, gold.type, actors, labels, wanted, no_source=not gold.source,
                                    before=before)
            if choice:
                out.add(*choice, s.doc.fold)
    return out


def _earlier_role(gold, actor, extent) -> str:
    """An earlier actor's role: that of the gold actor outside the sentence that it is by its code
    (role_of with no span here); a doer the sentence names but the finder missed or coded
    otherwise is no earlier actor's."""
    return role_of(gold, None, actor.key, extent)


def _source_choice(view, token, kind, actors, labels, wanted, no_source: bool, before: Sequence = ()):
    """The options of a source choice and the right ones (None where no option is right)."""
    options = features.source_options(view, token, actors, kind, before)
    right = {n for n, label in enumerate(labels) if label in wanted}
    if no_source:
        right.add(len(actors) + len(before))
    return (options, right) if right else None


def _target_choice(view, token, kind, actors, labels, wanted, no_target: bool):
    """The options of a target choice and the right ones (None where no option is right: the gold
    target is no actor phrase the dictionaries find)."""
    source = next((a for a, label in zip(actors, labels) if label == "source"), None)
    others = [(a, label) for a, label in zip(actors, labels) if a is not source]
    options = features.target_options(view, token, [a for a, _ in others], source, kind)
    right = {n for n, (_, label) in enumerate(others) if label in wanted}
    if no_target:
        right.add(len(others))
    return (options, right) if right else None


def paired(items, locate) -> tuple[Examples, ChoiceSets, ChoiceSets]:
    """Trigger, target and source examples from PLOVER-coded sentences, whose event has a type but no
    trigger: the trigger is the word the `locate` models find likeliest to report an event of that
    type (YIELD, a merged type there, as CONCEDE or RETREAT). The other words of the sentence are
    left out: the coding names one event, not every one. No factuality examples: the sentences
    were chosen for events that took place or were planned, so they would teach that every
    hedged verb is asserted."""
    triggers, targets, sources = Examples(), ChoiceSets(), ChoiceSets()
    classes = locate.trigger.classes
    for item in items:
        view = item.view
        tokens = view.trigger_tokens()
        kinds = [k for k in (("CONCEDE", "RETREAT") if item.root == "YIELD" else (item.root,)) if k in classes]
        if not tokens or not kinds:
            continue
        probs = locate.trigger.scores([features.trigger_features(view, t) for t in tokens],
                                      numpy.vstack([features.dense(view, t.i) for t in tokens]))
        _, token, kind = max((probs[j, classes.index(k)], j, k) for j in range(len(tokens)) for k in kinds)
        token = tokens[token]
        triggers.add(features.trigger_features(view, token), features.dense(view, token.i), kind, item.fold)
        labels = [_paired_role(view, actor, item) for actor in view.actor_candidates]
        choice = _target_choice(view, token, kind, view.actor_candidates, labels, ("target",),
                                no_target=not (item.target or "").strip())
        if choice:
            targets.add(*choice, item.fold)
        actors = able(view, token)
        choice = _source_choice(view, token, kind, actors, [_paired_role(view, a, item) for a in actors], ("source",),
                                no_source=not (item.source or "").strip())
        if choice:
            sources.add(*choice, item.fold)
    return triggers, targets, sources


def _paired_role(view, actor, item) -> str:
    """An actor phrase is the coded sentence's source (target) when its words and the coded
    source's (target's) hold one another."""
    words = view.parsed[actor.found.start:actor.found.end].text.lower()
    return "source" if _within(words, item.source) else "target" if _within(words, item.target) else NONE


def _within(words: str, phrase: str) -> bool:
    phrase = (phrase or "").lower()
    return bool(phrase and words) and (words in phrase or phrase in words)


def merged(*sets: Examples) -> Examples:
    out = Examples()
    for examples in sets:
        for i, label in enumerate(examples.labels):
            out.add(examples.sparse[i], examples.dense[i], label, examples.folds[i])
    return out
