"""How well the actor finder covers the actors of gold/'s events (issue 13): a table by kind.

    .venv/bin/python bench/actor_recall.py                 # writes bench/reports/actor_recall.md
    .venv/bin/python bench/actor_recall.py --folds 3,4 -o report.md

For every event of gold/ that a coder should output, the first source and the first target the
annotators marked are looked for among the actors the coder finds in its sentence (over any token,
before any event is chosen; every sentence is parsed, as the default coder does):
- found: an actor over the gold span with the gold actor's country (or, for an actor the gold
  gives no country, any actor over its span);
- wrong country: an actor over the span, of another country or of none;
- missing: no actor over the span; of them, "elsewhere": the gold actor is named in another
  sentence only (the event's sentence leaves it implicit: "16 people were killed in the attack"
  after a sentence that names Isis), which no actor of the sentence can be; and of those,
  "offered from before": the gold actor's country (or international block) is among the actors
  named before the sentence that the models' source choice is offered (learn/earlier.py: the
  headline's, the lead's and the last three sentences'), so that the choice could take it (a
  source only: the target choice is offered no such actor; a gold actor without a country is never
  counted so, nor one whose country the sentence names itself, as none of the sentence's own is
  offered again). The last column counts them found.
Rows: the gold actor's kind (one with a country, one without, a pronoun). Columns of found
actors: how their code was found (`Actor.how`): `dictionary` (an entry: a country, person or
organisation), `agent` (built from words: a country's agent, "Turkish police"; an agent word alone
placed as the pipeline places it when the sentence names no place: local actors in the country
of the report's dateline, local actors, rebels and refugees where the story is, the others in the
country the document is about; the event's place is not known here) or `text` (no code: found only for gold actors without a
country); and, of all found, how many through a reference back (a pronoun, a surname or
description met earlier in the document). The actor finder alone: nothing here is learned, so
every fold may be read.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dragoman.gold import corpus, score  # noqa: E402
from dragoman.gold.align import overlaps  # noqa: E402
from dragoman.learn.examples import Recorder  # noqa: E402
from dragoman.pipeline import _WHERE_SECTORS, Coder, _locals_of_dateline, _placed  # noqa: E402

PRONOUNS = frozenset("i we us our my me he she it they him her them his its their".split())
REFERENCES = frozenset({"pronoun", "name-in-document", "definite-reference", "possessive-pronoun"})
HOWS = ("dictionary", "agent", "text")


@dataclass(frozen=True)
class Spy(Coder):
    """The rule coder, keeping every actor it finds in each sentence it codes."""

    seen: dict = field(default_factory=dict)   # document id -> [(sentence, [actor found], {key offered})]

    def _code_sentence(self, doc, sentence, parsed, actors, *args):
        # coded first: the event matcher tells the actors its verbs of saying, which the speaker
        # of a pronoun is found by (and what the actors find is kept)
        events = super()._code_sentence(doc, sentence, parsed, actors, *args)
        found, focus, where = [], actors.memory.focus(), actors.memory.where()
        for token in parsed:
            for f in actors.at(token):
                span = parsed[f.start:f.end]
                # placed as the pipeline places it (Coder._event): the dateline's local actors,
                # then where the story is, then the document's country
                actor = _locals_of_dateline(doc, f.actor, None, [])[0]
                actor = _placed(_placed(actor, where, "", [], _WHERE_SECTORS), focus, "", [])
                how = f.actor.how if actor is f.actor else "agent"
                found.append((span.start_char, span.end_char, actor.key, how, f.rule in REFERENCES))
        view = self.decider.views[doc.id][-1]   # the Recorder's view of this sentence
        offered = {a.key for a in view.earlier_actors}
        self.seen.setdefault(doc.id, []).append((sentence.text, found, offered))
        return events


def tally(docs, root=None) -> Counter:
    base = Coder.default(rules_only=True)
    spy = Spy(base.kb, base.dictionary, Recorder())   # every sentence parsed, as the default coder does
    for _ in spy.code_many([score.reader_document(d) for d in docs]):
        pass
    counts: Counter = Counter()
    for doc in docs:
        coded = [(score.place_events(doc.text, [{"sentence_id": i, "sentence": text, "evidence": {}}])[0].sentence,
                  (acts, offered)) for i, (text, acts, offered) in enumerate(spy.seen.get(doc.id, []))]
        for event in doc.events:
            if not event.output:
                continue
            here = [(span, seen) for span, seen in coded if span and overlaps(span, event.sentence)]
            if not here:
                counts[("sentence not parsed",)] += 1
                continue
            for role, actors in (("source", event.source), ("target", event.target)):
                if actors:
                    sentence, seen = _holding(here, actors[0].span, event.sentence)
                    counts[(role, *_judge(doc.text, actors[0], sentence, seen, role == "source"))] += 1
    return counts


def _holding(here: list, span: tuple[int, int], sentence: tuple[int, int]):
    """The coded sentence that holds the gold actor, else the one most of the gold sentence lies
    in (the splitter may cut a gold sentence in two, or leave a quotation's opening mark at the end
    of the sentence before)."""
    holding = [h for h in here if h[0][0] <= span[0] < h[0][1]]
    return holding[0] if holding else max(here, key=lambda h: min(h[0][1], sentence[1]) - max(h[0][0], sentence[0]))


def _judge(text: str, actor, sentence: tuple[int, int], seen, source: bool) -> tuple[str, str, str, bool]:
    """(kind of gold actor, verdict, how the actor found was found, whether by reference); for one
    missing, the third says "elsewhere" where the gold actor lies outside the coded sentence, and
    "offered" where it does and is among the actors named before that the sentence offers its
    source choice (`source`: only a source is chosen so)."""
    acts, offered = seen
    written = text[actor.span[0]:actor.span[1]]
    pronoun = written.lower() in PRONOUNS and written != "US"   # "US" is the country, "us" the pronoun
    kind = "pronoun" if pronoun else ("with a country" if actor.key else "without a country")
    start = sentence[0]
    over = [a for a in acts if overlaps((start + a[0], start + a[1]), actor.span)]
    right = [a for a in over if actor.key is None or a[2] == actor.key]
    if right:
        return kind, "found", right[0][3], right[0][4]
    if over:
        return kind, "wrong country", "", False
    if overlaps(sentence, actor.span):
        return kind, "missing", "", False
    return kind, "missing", "offered" if source and actor.key is not None and actor.key in offered else "elsewhere", False


def report(counts: Counter, label: str) -> str:
    lines = [f"# Actor recall on gold/ ({label}), the actor finder", "",
             "Made by `bench/actor_recall.py`; what the columns mean is in its docstring.", "",
             f"Gold events to output in sentences not parsed: {counts[('sentence not parsed',)]}", "",
             "| role | gold actor | gold | found | " + " | ".join(f"found: {h}" for h in HOWS)
             + " | of them by reference | wrong country | missing | of them elsewhere | of those offered from before"
             " | recall | recall, with those offered |",
             "| --- | --- | --- | --- | " + " | ".join("---" for _ in HOWS) + " | --- | --- | --- | --- | --- | --- | --- |"]
    for role in ("source", "target"):
        for kind in ("with a country", "without a country", "pronoun"):
            found = {h: counts[(role, kind, "found", h, False)] + counts[(role, kind, "found", h, True)]
                     for h in HOWS}
            referred = sum(counts[(role, kind, "found", h, True)] for h in HOWS)
            wrong = counts[(role, kind, "wrong country", "", False)]
            offered = counts[(role, kind, "missing", "offered", False)]
            elsewhere = counts[(role, kind, "missing", "elsewhere", False)] + offered
            missing = counts[(role, kind, "missing", "", False)] + elsewhere
            total = sum(found.values()) + wrong + missing
            if total:
                lines.append(f"| {role} | {kind} | {total} | {sum(found.values())} | "
                             + " | ".join(str(found[h]) for h in HOWS)
                             + f" | {referred} | {wrong} | {missing} | {elsewhere} | {offered}"
                             f" | {sum(found.values()) / total:.3f} | {(sum(found.values()) + offered) / total:.3f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "gold"))
    parser.add_argument("--texts", default=None, help="the shared folder (default: ../shared)")
    parser.add_argument("--folds", default=None, help="comma-separated folds (default: all)")
    parser.add_argument("-o", "--out", default=str(ROOT / "bench" / "reports" / "actor_recall.md"))
    args = parser.parse_args(argv)
    docs = corpus.load(args.gold, args.texts)
    if args.folds:
        wanted = {int(f) for f in args.folds.split(",")}
        docs = [d for d in docs if d.fold in wanted]
    text = report(tally(docs), f"folds {args.folds}" if args.folds else "all folds")
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
