from dragoman.errors import ConfigError
from dragoman.gold import texts

import pytest


def test_each_corpus_is_read_where_it_lives(shared):
    row = texts.text_of("guardian-4", shared)
    assert row.date == "2018-03-30" and row.format == "csv" and row.text.startswith("Russian forces")
    seed = texts.text_of("seed-000_c22179350bfb85e7", shared)
    assert seed.format == "text" and seed.date == "2022-01-28" and seed.text.startswith("Site icon")
    giga = texts.text_of("gigaword-AFP1", shared)
    assert giga.text == "Israel attacked Gaza on Monday." and giga.date == "2008-08-04" and giga.format == "jsonl"


def test_a_repeated_gigaword_id_is_told_apart(shared):
    assert texts.text_of("gigaword-GOLD_9", shared).text.startswith("The Philippines")
    assert texts.text_of("gigaword-GOLD_9~2", shared).text.startswith("Syrian rebels")


def test_unknown_documents_and_folders_are_config_errors(shared, tmp_path):
    with pytest.raises(ConfigError, match="no such text"):
        texts.text_of("guardian-999", shared)
    with pytest.raises(ConfigError, match="unknown gold corpus"):
        texts.text_of("reuters-1", shared)
    with pytest.raises(ConfigError, match="no folder"):
        texts.text_of("guardian-4", tmp_path / "absent")


def test_odd_guardian_ids_are_reserved():
    assert texts.reserved("guardian-5") and texts.reserved("guardian-513")
    assert not texts.reserved("guardian-4") and not texts.reserved("seed-5") and not texts.reserved("gigaword-GOLD_9")


def test_sentences_end_at_punctuation_before_a_capital_or_at_a_line_break():
    text = ("Mr. Smith met Gen. Jones in the U.S. capital. “We agreed,” he said. He left at 5 p.m. on Monday.\n"
            "Police arrested J. Doe! Then what?  Nothing")
    got = [text[a:b] for a, b in texts.sentences(text)]
    assert got == ["Mr. Smith met Gen. Jones in the U.S. capital.", "“We agreed,” he said.",
                   "He left at 5 p.m. on Monday.", "Police arrested J. Doe!", "Then what?", "Nothing"]


def test_sentences_cover_no_blank_space():
    text = "\n\nTitle line\n\nBody one. Body two.\n"
    assert [text[a:b] for a, b in texts.sentences(text)] == ["Title line", "Body one.", "Body two."]
