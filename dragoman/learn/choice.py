"""A choice among a set of options (a conditional logit): each option is scored by one linear
function of its named sparse features and a dense vector, and the option chosen is the one of the
set with the highest score; the probabilities are a softmax within the set. Fitted on sets whose
right options are known (the likelihood of the set's right options, regularised), with scipy
(training only); run with numpy; saved as a directory of plain files like LinearModel's.

The target of an event is such a choice: among the actor phrases of the sentence other than the
source, and "no target". Scored one by one (LinearModel), each phrase is judged alone; chosen
from the set, each is judged against the others, and "no target" is an option with its own
features (the event's type, its word, the slots the word fills) rather than a threshold."""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from .linear import feature_matrix, vocabulary


@dataclass
class ChoiceSets:
    """Training sets: the options of each set (named features, dense vector) and which are right."""

    sparse: list[list[str]] = field(default_factory=list)
    dense: list[numpy.ndarray] = field(default_factory=list)
    set_of: list[int] = field(default_factory=list)
    right: list[bool] = field(default_factory=list)
    folds: list[int] = field(default_factory=list)
    count: int = 0

    def add(self, options: Sequence[tuple[list[str], numpy.ndarray]], right: set[int], fold: int) -> None:
        for n, (sparse, dense) in enumerate(options):
            self.sparse.append(sparse)
            self.dense.append(dense)
            self.set_of.append(self.count)
            self.right.append(n in right)
            self.folds.append(fold)
        self.count += 1

    def extend(self, other: "ChoiceSets") -> "ChoiceSets":
        self.sparse += other.sparse
        self.dense += other.dense
        self.set_of += [n + self.count for n in other.set_of]
        self.right += other.right
        self.folds += other.folds
        self.count += other.count
        return self


@dataclass
class ChoiceModel:
    vocab: dict[str, int]                 # feature name -> column
    weights: numpy.ndarray                # len(vocab) + dense width
    dense_width: int = 0
    meta: dict = field(default_factory=dict)

    # ------------------------------------------------------------ use
    def scores(self, sparse: Sequence[Sequence[str]], dense: numpy.ndarray | None = None) -> numpy.ndarray:
        """Each option's score (a logit: only differences within a set mean anything)."""
        sparse_w = self.weights[:len(self.vocab)]
        out = numpy.array([sparse_w[[self.vocab[n] for n in set(names) if n in self.vocab]].sum()
                           for names in sparse], dtype=numpy.float32)
        if self.dense_width and dense is not None and len(out):
            out += dense @ self.weights[len(self.vocab):]
        return out

    def probabilities(self, sparse, dense=None) -> numpy.ndarray:
        """The softmax of the scores: the options of one set."""
        scores = self.scores(sparse, dense)
        exp = numpy.exp(scores - scores.max()) if len(scores) else scores
        return exp / exp.sum() if len(scores) else exp

    # ------------------------------------------------------------ fit
    @classmethod
    def fit(cls, sets: ChoiceSets, *, c: float = 1.0, dense_scale: float = 0.3, min_count: int = 2,
            meta: dict | None = None) -> "ChoiceModel":
        from scipy import sparse as sp
        from scipy.optimize import minimize

        vocab = vocabulary(sets.sparse, min_count)
        matrix = feature_matrix(sets.sparse, vocab).astype(numpy.float64)
        width = sets.dense[0].shape[0] if sets.dense else 0
        if width:
            matrix = sp.hstack([matrix, sp.csr_matrix(numpy.vstack(sets.dense).astype(numpy.float64) * dense_scale)])
        matrix = matrix.tocsr()
        set_of = numpy.asarray(sets.set_of)
        right = numpy.asarray(sets.right, dtype=numpy.float64)
        n_sets = int(set_of.max()) + 1 if len(set_of) else 0
        members = sp.csr_matrix((numpy.ones(len(set_of)), (set_of, numpy.arange(len(set_of)))),
                                shape=(n_sets, len(set_of)))

        def loss(w):
            # -log P(a right option) per set: log-sum-exp of the right options' scores against all
            s = matrix @ w
            top = numpy.full(n_sets, -numpy.inf)
            numpy.maximum.at(top, set_of, s)
            exp = numpy.exp(s - top[set_of])
            every, good = members @ exp, members @ (exp * right)
            value = -(numpy.log(good) - numpy.log(every)).sum() + 0.5 / c * (w @ w)
            gradient = matrix.T @ (exp / every[set_of] - exp * right / good[set_of]) + w / c
            return value, gradient

        result = minimize(loss, numpy.zeros(matrix.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 2000})
        weights = result.x.astype(numpy.float32)
        if width:
            weights[len(vocab):] *= dense_scale
        return cls(vocab, weights, width, dict(meta or {}))

    # ------------------------------------------------------------ files
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.vocab, key=self.vocab.get)
        config = {"kind": "choice", "dense_width": self.dense_width, "meta": self.meta, "features": names}
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        numpy.savez_compressed(folder / "weights.npz", weights=self.weights.astype(numpy.float16))

    @classmethod
    def load(cls, folder: str | Path) -> "ChoiceModel":
        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with numpy.load(folder / "weights.npz", allow_pickle=False) as arrays:
            weights = arrays["weights"].astype(numpy.float32)
        vocab = {name: i for i, name in enumerate(config["features"])}
        return cls(vocab, weights, config["dense_width"], config.get("meta", {}))
