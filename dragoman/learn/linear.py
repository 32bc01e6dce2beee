"""A multinomial logistic regression over named sparse features and a dense vector: fitted with
scikit-learn (training only), run with numpy, saved as a directory of plain files (config.json:
classes, feature names, the hash of the training data; weights.npz) that loads without pickle."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy


@dataclass
class LinearModel:
    classes: list[str]
    vocab: dict[str, int]                      # feature name -> column
    weights: numpy.ndarray                     # classes x (len(vocab) + dense width)
    bias: numpy.ndarray
    dense_width: int = 0
    meta: dict = field(default_factory=dict)   # data hash, sizes, scores: what a reader wants to know

    # ------------------------------------------------------------ use
    def scores(self, sparse: Sequence[Sequence[str]], dense: numpy.ndarray | None = None) -> numpy.ndarray:
        """Class probabilities, one row per example."""
        logits = numpy.tile(self.bias, (len(sparse), 1))
        lookup = self.vocab.get
        columns = [[c for c in map(lookup, names) if c is not None] for names in sparse]
        flat = [c for cols in columns for c in cols]
        if flat:
            gathered = self.weights[:, flat]   # one gather for all the examples, then each one's sum
            start = 0
            for row, cols in enumerate(columns):
                if cols:
                    logits[row] += gathered[:, start:start + len(cols)].sum(axis=1)
                    start += len(cols)
        if self.dense_width and dense is not None and len(sparse):
            logits += dense @ self.weights[:, len(self.vocab):].T
        return _softmax(logits)

    def predict(self, sparse, dense=None) -> list[tuple[str, float]]:
        probs = self.scores(sparse, dense)
        best = probs.argmax(axis=1)
        return [(self.classes[b], float(probs[i, b])) for i, b in enumerate(best)]

    def top_features(self, label: str, n: int = 20) -> list[tuple[str, float]]:
        """The named features that most favour a class: what the model has learned, readably."""
        row = self.weights[self.classes.index(label), :len(self.vocab)]
        names = sorted(self.vocab, key=self.vocab.get)
        order = numpy.argsort(-row)[:n]
        return [(names[i], round(float(row[i]), 3)) for i in order]

    # ------------------------------------------------------------ fit
    @classmethod
    def fit(cls, sparse: Sequence[Sequence[str]], dense: numpy.ndarray | None, labels: Sequence[str], *,
            c: float = 1.0, min_count: int = 2, dense_scale: float = 1.0, meta: dict | None = None) -> "LinearModel":
        from scipy import sparse as sp
        from sklearn.linear_model import LogisticRegression

        vocab = vocabulary(sparse, min_count)
        matrix = feature_matrix(sparse, vocab)
        width = 0
        if dense is not None and len(dense):
            width = dense.shape[1]
            matrix = sp.hstack([matrix, sp.csr_matrix(dense * dense_scale)]).tocsr()
        classes = sorted(set(labels))
        model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs")
        model.fit(matrix, [classes.index(y) for y in labels])
        weights, bias = model.coef_, model.intercept_
        if len(classes) == 2:  # scikit-learn keeps one row for two classes
            weights = numpy.vstack([-weights[0] / 2, weights[0] / 2])
            bias = numpy.array([-bias[0] / 2, bias[0] / 2])
        weights = weights.astype(numpy.float32)
        if width:
            weights[:, len(vocab):] *= dense_scale
        return cls(classes, vocab, weights, bias.astype(numpy.float32), width, dict(meta or {}))

    # ------------------------------------------------------------ files
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.get)
        config = {"classes": self.classes, "dense_width": self.dense_width, "meta": self.meta, "features": names}
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        numpy.savez_compressed(folder / "weights.npz", weights=self.weights.astype(numpy.float16), bias=self.bias)

    @classmethod
    def load(cls, folder: str | Path) -> "LinearModel":
        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with numpy.load(folder / "weights.npz", allow_pickle=False) as arrays:
            weights, bias = arrays["weights"].astype(numpy.float32), arrays["bias"].astype(numpy.float32)
        vocab = {name: i for i, name in enumerate(config["features"])}
        return cls(config["classes"], vocab, weights, bias, config["dense_width"], config.get("meta", {}))


def vocabulary(sparse: Sequence[Sequence[str]], min_count: int) -> dict[str, int]:
    """The features named in at least `min_count` examples, each with its column."""
    counts = Counter(name for names in sparse for name in set(names))
    return {name: i for i, name in enumerate(sorted(n for n, k in counts.items() if k >= min_count))}


def feature_matrix(sparse: Sequence[Sequence[str]], vocab: dict[str, int]):
    """The examples' named features as a sparse 0/1 matrix over the vocabulary's columns."""
    from scipy import sparse as sp
    rows, cols = [], []
    for r, names in enumerate(sparse):
        for col in {vocab[n] for n in names if n in vocab}:
            rows.append(r)
            cols.append(col)
    data = numpy.ones(len(rows), dtype=numpy.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(sparse), len(vocab)))


def _softmax(logits: numpy.ndarray) -> numpy.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    exp = numpy.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)
