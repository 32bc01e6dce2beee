"""MiniLM tuned to find the words that report events: low-rank adapters trained on gold/ with torch
(training only), run with numpy.

The trigger model reads MiniLM's states as they come (`--model large`); tuned, MiniLM itself
learns which words report an event of which PLOVER type. Tuning every weight would make a second
MiniLM of 45 MB to ship; low-rank adapters (LoRA: each adapted matrix W becomes W + s·B·A, A and B
of rank 16) reach nearly the same and weigh about a megabyte. When the decider is built, the
adapters are merged into a copy of MiniLM's weights, so a tuned forward pass costs what a plain one
costs (the decider runs both: the plain states for the other models, the tuned ones for the
tagger); a word's probabilities are read from its first word piece. bench/bench_encoders.py --tune measures it
against the linear trigger model, alone and averaged with it, on the fixed folds;
`python -m dragoman.learn.train --encoder minilm --tune` builds `--model large` with it. It gains on
gold/ and loses on gsr_dev and plv_dev (README, "MiniLM tuned"): make train does not tune."""
from __future__ import annotations

import json
import random
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from ..errors import EncoderError
from . import data
from .context import MAX_PIECES
from .minilm import MiniLM

# The matrices of each layer that get adapters: attention's four and the feed-forward pair.
ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")
IGNORED = -100   # a token the trigger model does not read (not a candidate word): no loss


@dataclass
class Settings:
    """How the adapters are trained, chosen on gold/ fold 0 alone (trained on folds 1-4; F1 of typed
    trigger words at the best threshold): rank 16, learning rate 1e-3, 5 epochs 0.518, against rank
    8, 5e-4, 3 epochs 0.478, and every weight of MiniLM tuned (5e-5, 3 epochs) 0.521."""

    rank: int = 16
    alpha: float = 32.0
    epochs: int = 5
    rate: float = 1e-3          # the adapters'
    head_rate: float = 1e-3     # the classifier's over the states
    batch: int = 16
    dropout: float = 0.1
    seed: int = 13


@dataclass
class Tagger:
    """Tuned MiniLM: adapters over MiniLM's weights and a classifier over its last states."""

    classes: list[str]
    adapters: dict[str, tuple[numpy.ndarray, numpy.ndarray]]   # weight name -> (A: rank x in, B: out x rank)
    head: tuple[numpy.ndarray, numpy.ndarray]                  # (classes x 384, classes)
    scale: float
    meta: dict = field(default_factory=dict)

    def encoder(self, base: MiniLM | None = None) -> MiniLM:
        """A MiniLM whose weights have the adapters merged in (MiniLM's own arrays are not changed)."""
        base = base or MiniLM()
        tuned = copy(base)
        tuned.w = dict(base.w)
        for name, (a, b) in self.adapters.items():
            tuned.w[name] = (base.w[name] + self.scale * (b @ a)).astype(numpy.float32)
        return tuned

    def probabilities(self, encoder: MiniLM, parsed: list) -> list[numpy.ndarray]:
        """For each parsed sentence, each token's class probabilities (tokens x classes), from its
        first word piece; a token past the pieces MiniLM reads is given no event."""
        if not parsed:
            return []
        encodings, states, _ = encoder.run([doc.text for doc in parsed])
        logits = states @ self.head[0].T + self.head[1]
        logits = numpy.exp(logits - logits.max(-1, keepdims=True))
        probs = logits / logits.sum(-1, keepdims=True)
        none = numpy.eye(len(self.classes), dtype=numpy.float32)[self.classes.index(data.NONE)]
        out = []
        for row, (doc, e) in enumerate(zip(parsed, encodings)):
            first = first_pieces(doc, e.offsets)
            out.append(numpy.vstack([probs[row, p] if p >= 0 else none for p in first]).astype(numpy.float32))
        return out

    # ------------------------------------------------------------ files
    def save(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        names = sorted(self.adapters)
        config = {"kind": "tuned-minilm", "classes": self.classes, "scale": self.scale, "adapted": names,
                  "meta": self.meta}
        (folder / "config.json").write_text(json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        arrays = {"head_w": self.head[0], "head_b": self.head[1]}
        for n, name in enumerate(names):
            arrays[f"a{n}"], arrays[f"b{n}"] = self.adapters[name]
        numpy.savez_compressed(folder / "weights.npz", **{k: v.astype(numpy.float16) for k, v in arrays.items()})

    @classmethod
    def load(cls, folder: str | Path) -> "Tagger":
        folder = Path(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        with numpy.load(folder / "weights.npz", allow_pickle=False) as kept:
            arrays = {k: kept[k].astype(numpy.float32) for k in kept.files}
        adapters = {name: (arrays[f"a{n}"], arrays[f"b{n}"]) for n, name in enumerate(config["adapted"])}
        return cls(config["classes"], adapters, (arrays["head_w"], arrays["head_b"]), config["scale"],
                   config.get("meta", {}))


def first_pieces(doc, offsets) -> list[int]:
    """Each token's first word piece (its index in the encoding), -1 where none overlaps it."""
    out = []
    spans = [(n, s, e) for n, (s, e) in enumerate(offsets) if e > s]   # [CLS], [SEP] cover nothing
    for token in doc:
        begin, end = token.idx, token.idx + len(token)
        out.append(next((n for n, s, e in spans if s < end and e > begin), -1))
    return out


def labels(sentence) -> list[str | None]:
    """Each token's label as the trigger model learns it (data.trigger_labels), None for a word it
    does not read."""
    out: list[str | None] = [None] * len(sentence.view.tokens)
    for token, label in data.trigger_labels(sentence):
        out[token.i] = label
    return out


# ---------------------------------------------------------------- training (torch)

def needs_torch() -> None:
    """EncoderError where torch, which tunes MiniLM (training only), is missing."""
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        raise EncoderError("torch, which tunes MiniLM for the models of --model large, is not installed",
                           hint="install it with: pip install -e '.[encoders,tune]' (torch==2.13.0)")


def fit(sentences: list, settings: Settings = Settings(), base: MiniLM | None = None,
        meta: dict | None = None) -> Tagger:
    """Adapters and classifier trained on gold sentences (examples.Sentence): each candidate word's
    label as the trigger model's. Needs torch (training only)."""
    import torch

    torch.manual_seed(settings.seed)
    rng = random.Random(settings.seed)
    base = base or MiniLM()
    base.tokenizer.enable_truncation(MAX_PIECES)
    found = [labels(s) for s in sentences]
    classes = [data.NONE] + sorted({label for row in found for label in row if label and label != data.NONE})
    examples = [_example(base, s.view.parsed, row, classes) for s, row in zip(sentences, found)]
    model = _torch_model(base.w, base.layers, base.heads, len(classes), settings)
    _train(model, [e for e in examples if (e[1] != IGNORED).any()], settings, rng)
    adapters = {name: (a.detach().numpy().copy(), b.detach().numpy().copy()) for name, (a, b) in model.adapters()}
    head = (model.head.weight.detach().numpy().copy(), model.head.bias.detach().numpy().copy())
    info = {"rank": settings.rank, "epochs": settings.epochs, "rate": settings.rate, "sentences": len(sentences),
            **(meta or {})}
    return Tagger(classes, adapters, head, settings.alpha / settings.rank, info)


def _example(base: MiniLM, doc, row: list, classes: list[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """A sentence's word pieces and, at each token's first piece, its label's class (else IGNORED)."""
    encoding = base.tokenizer.encode(doc.text)
    target = numpy.full(len(encoding.ids), IGNORED, dtype=numpy.int64)
    for token, piece in zip(doc, first_pieces(doc, encoding.offsets)):
        if piece >= 0 and row[token.i] is not None:
            target[piece] = classes.index(row[token.i])
    return numpy.array(encoding.ids, dtype=numpy.int64), target


def _train(model, examples: list, settings: Settings, rng: random.Random) -> None:
    import torch

    parameters = [p for _, pair in model.adapters() for p in pair]
    optimiser = torch.optim.AdamW([{"params": parameters, "lr": settings.rate},
                                   {"params": model.head.parameters(), "lr": settings.head_rate}], weight_decay=0.01)
    steps = settings.epochs * -(-len(examples) // settings.batch)
    warm = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
    loss = torch.nn.CrossEntropyLoss(ignore_index=IGNORED)
    model.train()
    for _ in range(settings.epochs):
        for batch in _batches(examples, settings.batch, rng):
            ids, mask, target = _padded(batch)
            value = loss(model(ids, mask).reshape(-1, model.head.out_features), target.reshape(-1))
            optimiser.zero_grad()
            value.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimiser.step()
            schedule.step()
    model.eval()


def _batches(examples: list, size: int, rng: random.Random) -> list:
    """Batches of sentences of similar length (little padding), in a random order."""
    order = examples[:]
    rng.shuffle(order)
    out = []
    for start in range(0, len(order), size * 50):
        pool = sorted(order[start:start + size * 50], key=lambda e: len(e[0]))
        out += [pool[i:i + size] for i in range(0, len(pool), size)]
    rng.shuffle(out)
    return out


def _padded(batch: list):
    import torch

    width = max(len(ids) for ids, _ in batch)
    ids = torch.zeros(len(batch), width, dtype=torch.long)
    mask = torch.zeros(len(batch), width)
    target = torch.full((len(batch), width), IGNORED, dtype=torch.long)
    for row, (piece_ids, labels_) in enumerate(batch):
        ids[row, :len(piece_ids)] = torch.from_numpy(piece_ids)
        mask[row, :len(piece_ids)] = 1
        target[row, :len(labels_)] = torch.from_numpy(labels_)
    return ids, mask, target


def _torch_model(weights: dict, layers: int, heads: int, classes: int, settings: Settings):
    """MiniLM in torch, its weights frozen, with trainable adapters and a classifier: what MiniLM.forward
    computes, plus dropout while training."""
    import torch

    class Tuned(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.w = {k: torch.from_numpy(numpy.asarray(v, dtype=numpy.float32)) for k, v in weights.items()}
            self.scale = settings.alpha / settings.rank
            self.a = torch.nn.ParameterDict()
            self.b = torch.nn.ParameterDict()
            self.names = {}   # a parameter's key (no dots) -> the weight it adapts
            for n in range(layers):
                for part in ADAPTED:
                    name = f"encoder.layer.{n}.{part}.weight"
                    out, inp = self.w[name].shape
                    key = name.replace(".", "_")
                    self.names[key] = name
                    self.a[key] = torch.nn.Parameter(torch.randn(settings.rank, inp) * 0.01)
                    self.b[key] = torch.nn.Parameter(torch.zeros(out, settings.rank))
            self.head = torch.nn.Linear(self.w["embeddings.word_embeddings.weight"].shape[1], classes)
            self.drop = torch.nn.Dropout(settings.dropout)

        def adapters(self):
            return [(self.names[key], (self.a[key], self.b[key])) for key in self.a]

        def linear(self, x, name: str):
            y = x @ self.w[name + ".weight"].T + self.w[name + ".bias"]
            key = (name + ".weight").replace(".", "_")
            if key in self.a:
                y = y + (x @ self.a[key].T @ self.b[key].T) * self.scale
            return y

        def norm(self, x, name: str):
            return torch.nn.functional.layer_norm(x, x.shape[-1:], self.w[name + ".weight"], self.w[name + ".bias"], 1e-12)

        def forward(self, ids, mask):
            w = self.w
            x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:ids.shape[1]]
                 + w["embeddings.token_type_embeddings.weight"][0])
            x = self.drop(self.norm(x, "embeddings.LayerNorm"))
            bias = (1.0 - mask)[:, None, None, :] * -1e4
            for n in range(layers):
                x = self.layer(x, bias, f"encoder.layer.{n}.")
            return self.head(self.drop(x))

        def layer(self, x, bias, p: str):
            batch, length, width = x.shape
            size = width // heads

            def split(name):
                return self.linear(x, p + f"attention.self.{name}").reshape(batch, length, heads, size).transpose(1, 2)

            q, k, v = split("query"), split("key"), split("value")
            scores = torch.softmax(q @ k.transpose(-1, -2) / size ** 0.5 + bias, -1)
            context = (self.drop(scores) @ v).transpose(1, 2).reshape(batch, length, width)
            x = self.norm(x + self.drop(self.linear(context, p + "attention.output.dense")), p + "attention.output.LayerNorm")
            hidden = torch.nn.functional.gelu(self.linear(x, p + "intermediate.dense"))
            return self.norm(x + self.drop(self.linear(hidden, p + "output.dense")), p + "output.LayerNorm")

    return Tuned()
