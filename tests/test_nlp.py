"""The spaCy backbone: one load per process, a clear error when the model is missing, cheap
sentence splitting."""
import subprocess
import sys

import pytest

from dragoman import nlp
from dragoman.errors import ModelError


def test_pipeline_is_loaded_once():
    assert nlp.pipeline() is nlp.pipeline()
    assert "parser" in nlp.pipeline().pipe_names and "ner" not in nlp.pipeline().pipe_names


def test_missing_model_says_how_to_install(monkeypatch):
    monkeypatch.setenv("DRAGOMAN_SPACY_MODEL", "en_core_web_nonexistent")
    nlp.pipeline.cache_clear()
    try:
        with pytest.raises(ModelError) as caught:
            nlp.pipeline()
        assert "en_core_web_nonexistent" in str(caught.value) and "requirements/model.txt" in str(caught.value)
    finally:
        monkeypatch.delenv("DRAGOMAN_SPACY_MODEL")
        nlp.pipeline.cache_clear()


def test_cli_reports_a_missing_model_in_one_line_and_exit_3():
    env = {"DRAGOMAN_SPACY_MODEL": "en_core_web_nonexistent", "PATH": ""}
    run = subprocess.run([sys.executable, "-m", "dragoman", "code", "-", "--date", "2022-01-01"],
                         input="Russia attacked Ukraine.", capture_output=True, text=True, env=env)
    assert run.returncode == 3
    assert run.stderr.count("\n") == 1 and "not installed" in run.stderr


@pytest.mark.parametrize("text,count", [
    ("Russia attacked Ukraine. Turkey condemned it.", 2),
    ("U.S. Secretary of State Antony Blinken met Lavrov. They talked.", 2),
    ("Gen. Valery Gerasimov visited the front on Sept. 3. He left.", 2),
])
def test_split_sentences_keeps_abbreviations(text, count):
    assert len(nlp.split_sentences(text)) == count


def test_tokenize_matches_the_parser():
    text = "Erdoğan’s visit to Kyiv, U.S.-backed talks."
    assert nlp.tokenize(text) == [t.text for t in nlp.pipeline()(text)]
