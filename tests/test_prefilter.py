"""The prefilter: only sentences with an actor and a word that can trigger an event are parsed,
and what is coded for a parsed sentence does not change."""
from datetime import date
from pathlib import Path

import pytest

from dragoman import nlp
from dragoman.actors import kb as kbmod
from dragoman.events import patterns as patmod
from dragoman.pipeline import Coder, TriggerWords
from dragoman.read import read_inputs
from dragoman.record import Document

ROOT = Path(__file__).resolve().parent.parent

PATTERNS = """
"036":
  verbs: ["accept invitation > from", "propose"]
"042":
  verbs: ["travel > to", "call+off > obj"]
  nouns: ["visit > to"]
"""


@pytest.fixture(scope="module")
def coder(tmp_path_factory) -> Coder:
    path = tmp_path_factory.mktemp("dictionary") / "patterns.yaml"
    path.write_text(PATTERNS, encoding="utf-8")
    return Coder(kbmod.builtin(), patmod.build(path))


def test_word_forms_cover_inflections_irregular_forms_and_contractions():
    forms = nlp.word_forms(["meet", "go", "agree", "talk"])
    assert {"meet", "meets", "meeting", "met"} <= forms["meet"]
    assert {"go", "goes", "going", "went", "gone", "gonna"} <= forms["go"]
    assert {"agree", "agrees", "agreed", "agreeing"} <= forms["agree"]
    assert {"talk", "talks", "talked"} <= forms["talk"]


def test_trigger_words_need_what_the_pattern_needs(coder):
    triggers = TriggerWords.build(coder.dictionary)

    def found(text: str) -> bool:
        return triggers.found(nlp.words(text))

    assert found("Putin accepted the invitation from Erdogan")
    assert not found("Putin accepted the result")              # "accept" needs one of its objects
    assert found("The minister travelled to Kyiv") and found("a visit to Kyiv")
    assert found("They called off the strike") and not found("They called the president")
    assert not found("The weather was fine in Paris")
    warning = sorted(coder.dictionary.frames.warning_words)[0]
    assert found(f"it would be {warning} for Russia to act") and not found(f"a {warning} idea")
    assert found("Russia said Sudan must return the helicopter") and not found("Sudan must return it")


def test_only_sentences_with_an_actor_and_a_trigger_are_worth_parsing(coder):
    assert coder._worth_parsing("Russia proposed a ceasefire.")
    assert coder._worth_parsing("He proposed a ceasefire.")
    assert not coder._worth_parsing("Russia blamed the weather.")           # no trigger word
    assert coder._worth_parsing("The police proposed a ceasefire.")          # an agent word
    assert not coder._worth_parsing("The committee proposed a new budget.")  # no actor



def test_the_models_read_sentences_whose_actor_only_a_reference_or_an_unknown_name_gives(coder):
    """The rules need a dictionary's actor; the models also read a pronoun that refers back and
    a name no dictionary knows."""
    class _Reads:
        reads_every_sentence = True

    reading = Coder(coder.kb, coder.dictionary, _Reads())
    for text in ("We trained them and supplied them with arms.", "His sister Jessica appealed for contact."):
        assert not coder._worth_parsing(text)
        assert reading._worth_parsing(text)
    assert not reading._worth_parsing("the committee proposed a new budget.")

def test_sentences_a_pronoun_may_refer_to_are_parsed_but_not_coded(coder):
    doc = Document(id="d", text="Russia blamed the weather for the delay.\n\nIt proposed new talks with Ukraine.\n\n"
                                "Officials left.\n\nGermany proposed a meeting.")
    plan = [(s.index, coded) for s, coded, _ in coder._plan(doc)]
    assert plan == [(0, False), (1, True), (3, True)]
    events = coder.code(doc)
    assert [(e.sentence_id, e.source.code) for e in events] == [(1, "RUS"), (3, "DEU")]


def test_the_rules_remember_the_actors_of_a_sentence_they_do_not_code_without_parsing_it(coder, monkeypatch):
    """The fast path reads the dictionary actors of a sentence a pronoun may refer to from its
    words: the first one named is its subject, whom "he" stands for, not the one named after."""
    doc = Document(id="d", text="Vladimir Putin was in Ankara with Recep Tayyip Erdogan on Monday.\n\n"
                                "He proposed new talks with the United States.", date=date(2020, 1, 1))
    parsed = []
    real = nlp.parse
    monkeypatch.setattr(nlp, "parse", lambda texts, **options: parsed.extend(texts) or real(texts, **options))
    assert [(s.index, coded) for s, coded, _ in coder._plan(doc)] == [(0, False), (1, True)]
    events = coder.code(doc)
    assert [split.text for split in parsed] == ["He proposed new talks with the United States."]
    assert [(e.source.text, e.source.code) for e in events] == [("He", "RUSGOV")]


class _ParseEverything(Coder):
    """The coder without the trigger test: every sentence that may name an actor is parsed."""

    def _worth_parsing(self, text: str, split=None, words=None) -> bool:
        return self._may_name_actor(text, split.words or None if split else None, agents=True)


def test_the_prefilter_does_not_change_what_a_parsed_sentence_codes():
    docs = [d for d in read_inputs([str(ROOT / "examples")]) if isinstance(d, Document)]
    fast, full = Coder.default(), _ParseEverything(Coder.default().kb, Coder.default().dictionary)
    parsed = skipped = 0
    for doc in docs:
        coded = {s.index for s, is_coded, _ in fast._plan(doc) if is_coded}
        parsed += len(coded)
        skipped += len(fast.sentences(doc)) - len(coded)
        expected = [e.to_dict() for e in full.code(doc) if e.sentence_id in coded]
        assert [e.to_dict() for e in fast.code(doc)] == expected
    assert parsed and skipped
