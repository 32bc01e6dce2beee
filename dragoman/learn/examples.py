"""Training examples from the gold corpus: each gold document is coded as it would be at run time
(same reading, splitting, parsing and actors), every parsed sentence is kept as the models see it,
and the gold mentions are laid on its tokens."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..gold.align import overlaps
from ..gold.corpus import GoldDoc, GoldEvent
from ..gold.score import reader_document
from .view import Recent, SentenceView, priors


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
        self.recent = Recent()

    def decide(self, doc, sentence, parsed, actors, candidates):
        view = self.recent.view(doc, sentence, parsed, actors, candidates, self.priors)
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
            # what the sentences after read of it, as the models' own events at run time
            view.told = frozenset((g.type, a.key) for g in sentence.golds if g.output for a in g.source)
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


# ---------------------------------------------------------------- PLOVER-coded news sentences

PLV = "data/plover/plv_dev.jsonl"
PLV_DATE = "2000-01-01"   # the sentences carry no date; one far from any to keep dates out of it


@dataclass
class Paired:
    """A PLOVER-coded news sentence (plv_dev.jsonl): its one event's type, source and target as
    text, with no trigger; parsed as the coder parses it."""

    id: str
    text: str
    view: SentenceView
    root: str
    source: str
    target: str

    @property
    def fold(self) -> int:
        from ..gold.corpus import fold_of
        return fold_of(self.id)

    def document(self):
        """The sentence as `dragoman code` reads a JSONL line of it."""
        from ..read.corpus import document
        return document({"id": self.id, "text": self.text, "date": PLV_DATE}, self.id, None, "jsonl")


def plv(root=None, coder=None) -> list[Paired]:
    """The PLV sentences in the shared folder, parsed; none where the folder lacks them."""
    import json
    from dataclasses import replace
    from pathlib import Path

    from ..gold.texts import shared_dir
    from ..pipeline import Coder

    try:
        path = Path(shared_dir(root)) / PLV
    except Exception:  # no shared folder: train on gold/ alone
        return []
    if not path.exists():
        return []
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    coder = coder or Coder.default()
    recorder = Recorder(priors(coder.dictionary))
    items = [Paired(r["id"], r["text"], None, r["pairs"][0]["root"], r["pairs"][0]["source"],
                    r["pairs"][0]["target"]) for r in records]
    for _ in replace(coder, decider=recorder).code_many([item.document() for item in items]):
        pass
    out = []
    for item in items:
        views = recorder.views.get(item.id, [])
        if views:
            item.view = views[0]
            out.append(item)
    return out
