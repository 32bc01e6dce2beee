"""MiniLM in context, per parsed token: MiniLM run over the sentence, each spaCy token given the mean
of the MiniLM states of the word pieces it overlaps (384 wide), as bench/bench_encoders.py measured
it. The learned models read it beside the parser's own token vectors when they were trained with
it (`--model large`). One forward pass a sentence; many sentences at once run in padded batches of
similar length, much faster than one by one, and may be kept on disk keyed by the sentence's text
(training refits the same sentences many times)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy

WIDTH = 384
# Word pieces a sentence may have (MiniLM's positions); the coder's sentences are shorter.
MAX_PIECES = 512
BATCH = 32


class Contexts:
    """The MiniLM states of sentences' tokens, computed once (and cached on disk when `cache` is a folder)."""

    def __init__(self, minilm=None, cache: str | Path | None = None):
        from .minilm import MiniLM

        self.minilm = minilm or MiniLM()
        self.minilm.tokenizer.enable_truncation(MAX_PIECES)
        self.cache = Path(cache) if cache else None
        if self.cache:
            self.cache.mkdir(parents=True, exist_ok=True)

    def of(self, parsed) -> numpy.ndarray:
        """One parsed sentence's token states (tokens x 384)."""
        return align(parsed, *self.pieces([parsed.text])[0])

    def attach(self, views) -> None:
        """Each sentence view's `context`, the states of many sentences computed in batches."""
        views = [v for v in views if v is not None and v.context is None]
        found = self.pieces([v.parsed.text for v in views])
        for view, (offsets, states) in zip(views, found):
            view.context = align(view.parsed, offsets, states)

    def pieces(self, texts: list[str]) -> list[tuple[numpy.ndarray, numpy.ndarray]]:
        """(word piece character offsets, word piece states) of each text, from the cache or computed."""
        out: dict[int, tuple] = {}
        missing = []
        for n, text in enumerate(texts):
            kept = self._read(text)
            if kept is None:
                missing.append(n)
            else:
                out[n] = kept
        # Texts of similar length together: little padding in each batch.
        missing.sort(key=lambda n: len(texts[n]))
        for start in range(0, len(missing), BATCH):
            batch = missing[start:start + BATCH]
            for n, found in zip(batch, self._forward([texts[n] for n in batch])):
                out[n] = found
                self._write(texts[n], *found)
        return [out[n] for n in range(len(texts))]

    def _forward(self, texts: list[str]) -> list[tuple[numpy.ndarray, numpy.ndarray]]:
        encodings, states, _ = self.minilm.run(texts)
        return [(numpy.array(e.offsets, dtype=numpy.int32).reshape(-1, 2), states[row, :len(e.ids)].astype(numpy.float16))
                for row, e in enumerate(encodings)]

    def _path(self, text: str) -> Path:
        return self.cache / (hashlib.sha1(text.encode("utf-8")).hexdigest()[:20] + ".npz")

    def _read(self, text: str):
        if not self.cache:
            return None
        path = self._path(text)
        if not path.exists():
            return None
        with numpy.load(path, allow_pickle=False) as kept:
            return kept["offsets"], kept["states"]

    def _write(self, text: str, offsets: numpy.ndarray, states: numpy.ndarray) -> None:
        if self.cache:
            numpy.savez(self._path(text), offsets=offsets, states=states)


def align(parsed, offsets: numpy.ndarray, states: numpy.ndarray) -> numpy.ndarray:
    """Each token's state: the mean of the word pieces its characters overlap (zeros where none
    does: a token past the pieces MiniLM reads)."""
    out = numpy.zeros((len(parsed), WIDTH), dtype=numpy.float32)
    real = offsets[:, 1] > offsets[:, 0]   # [CLS] and [SEP] cover no characters
    starts, ends = offsets[:, 0], offsets[:, 1]
    for token in parsed:
        begin, end = token.idx, token.idx + len(token)
        pieces = real & (starts < end) & (ends > begin)
        if pieces.any():
            out[token.i] = states[pieces].astype(numpy.float32).mean(0)
    return out
