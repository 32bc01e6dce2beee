"""Training examples from the gold corpus: each gold document is coded as it would be at run time
(same reading, splitting, parsing and actors), every parsed sentence is kept as the models see it,
and the gold mentions are laid on its tokens."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..gold.align import overlaps
from ..gold.corpus import GoldDoc, GoldEvent
from ..gold.score import reader_document
from .view import SentenceView, priors


@dataclass
class Sentence:
    """A parsed sentence of a gold document, its tokens placed in the document's text."""

    doc: GoldDoc
    view: SentenceView
    spans: list[tuple[int, int] | None]          # each token's characters in doc.text
    golds: list[GoldEvent] = field(default_factory=list)   # the mentions whose trigger is here

    def extent(self) -> tuple[int, int]:
        covered = [s for s in self.spans if s]
        return (covered[0][0], covered[-1][1]) if covered else (0, 0)

    def span_of(self, actor) -> tuple[int, int] | None:
        """The characters of an actor phrase."""
        spans = [sp for sp in self.spans[actor.found.start:actor.found.end] if sp]
        return (spans[0][0], spans[-1][1]) if spans else None

    def tokens_in(self, span: tuple[int, int]) -> list[int]:
        return [i for i, s in enumerate(self.spans) if s and overlaps(s, span)]

    def head_of(self, span: tuple[int, int]) -> int | None:
        """The token of a span that governs the others (its head lies outside the span)."""
        inside = self.tokens_in(span)
        tokens = self.view.tokens
        for i in inside:
            head = tokens[i].head.i
            if head == i or head not in inside:
                return i
        return None


class Recorder:
    """A decider that decides nothing: it keeps every parsed sentence of the documents it is given."""

    reads_every_sentence = True

    def __init__(self, priors: dict | None = None):
        self.views: dict[str, list[SentenceView]] = {}
        self.priors = priors or {}

    def decide(self, doc, sentence, parsed, actors, candidates):
        view = SentenceView(parsed, actors, candidates, self.priors, sentence.index, doc.date)
        view.actor_candidates  # noqa: B018 -- resolved now: the document's memory moves on
        view.rules_at  # noqa: B018
        self.views.setdefault(doc.id, []).append(view)
        return candidates


def sentences(docs: Iterable[GoldDoc], coder=None, root=None) -> list[Sentence]:
    """Every parsed sentence of the documents, with the gold mentions whose trigger it holds."""
    from dataclasses import replace

    from ..pipeline import Coder

    coder = coder or Coder.default()
    recorder = Recorder(priors(coder.dictionary))
    coder = replace(coder, decider=recorder)
    docs = list(docs)
    for _ in coder.code_many([reader_document(d, root) for d in docs]):
        pass
    out = []
    for doc in docs:
        placed = _place(doc.text, recorder.views.get(doc.id, []))
        for view, spans in placed:
            sentence = Sentence(doc, view, spans)
            extent = sentence.extent()
            sentence.golds = [g for g in doc.events if overlaps(g.trigger, extent)
                              and sentence.head_of(g.trigger) is not None]
            out.append(sentence)
    return out


def _place(text: str, views: list[SentenceView]) -> list[tuple[SentenceView, list]]:
    """Each token's characters in the document: searched in order, from where the last one ended
    (the reader may have changed what lies between tokens, never the tokens themselves)."""
    out, cursor = [], 0
    for view in views:
        spans = []
        for token in view.tokens:
            at = text.find(token.text, cursor)
            if at < 0 or (spans and at - cursor > 200):
                spans.append(None)
                continue
            spans.append((at, at + len(token.text)))
            cursor = at + len(token.text)
        out.append((view, spans))
    return out
