"""The spaCy backbone: one load per process, a clear error when the model is missing, cheap
sentence splitting."""
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# Sentences that reach the attribute ruler's rarer rules: multi-word rules ("gonna", "ain't",
# "y'all", "let's", existential "there are"), pronouns by dependency, auxiliaries, determiners
# used as pronouns, and a document with whitespace tokens (which the model's own steps handle).
_TRICKY = [
    "Let's go, they're gonna say there are many. He ain't right; but y'all got ta see it.",
    "That is what I told you: it gets worse, and those who did it had done it before.",
    "There were protests in Kyiv while the president, who has said nothing, did not attend.",
    "C'mon, nothin' doin', we're goin' to fight 'em, said the commander of the rebels.",
    "The Kremlin  said\n\nit would respond.",
    "Erdoğan’s visit to Kyiv, U.S.-backed talks, and NATO's 2022 summit were postponed.",
    "", "   ", "a",  # empty, blank and one-word documents among the others in a parser batch
]


def _sentences_to_compare() -> list[str]:
    import json

    from tests.conftest import SHARED

    gold = SHARED / "data" / "plover" / "gsr_dev.gold.jsonl"
    extra = [json.loads(line)["text"] for line in gold.read_text().splitlines() if line.strip()] if gold.exists() else []
    return _TRICKY + extra


def test_remembered_attributes_and_openblas_give_the_models_own_annotation():
    """The pipeline's speed-ups change nothing: the model loaded as published (thinc's BLIS,
    spaCy's own parsing loop, its attribute ruler and lemmatizer) annotates every token the
    same."""
    import spacy
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    from dragoman import settings

    ours = nlp.pipeline()
    assert "dragoman_remembered_attributes" in ours.pipe_names
    ops = get_current_ops()
    set_current_ops(NumpyOps(use_blis=True))
    try:
        reference = spacy.load(settings.get("SPACY_MODEL"), exclude=["ner"])
    finally:
        set_current_ops(ops)
    texts = _sentences_to_compare()
    theirs_all = list(reference.pipe(texts))
    for tensors in (True, False):  # the token vectors' first step remembered (RememberedEmbed) or not
        for mine, theirs in zip(nlp.parse(texts, tensors=tensors), theirs_all):
            assert [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in mine] == \
                   [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in theirs], mine.text


@pytest.mark.parametrize("text", [
    "Hello world.  This is U.S. news! Is it?! Yes...",
    'He said: "No." Then he left. (Reuters) Officials confirmed it.',
    "Mr. Smith went to Washington. Gen. Milley met him on Sept. 3.\n\nA new paragraph starts here",
    "no capital after this. and this continues. But This Does Not.",
    "", "   ", "...", "A. B. c.",
])
def test_sentences_split_as_spacys_sentencizer_does(text):
    import spacy

    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    pieces = [s.text.strip() for s in sentencizer(text).sents]
    expected: list[str] = []
    for piece in filter(None, pieces):
        if expected and (nlp._NO_BREAK.search(expected[-1]) or piece[0].islower()):
            expected[-1] = f"{expected[-1]} {piece}"
        else:
            expected.append(piece)
    assert nlp.split_sentences(text) == expected
    for split in nlp.split_tokenized(text):
        assert split.words == nlp.tokenize(split.text)
        assert [(t.text, bool(t.whitespace_)) for t in nlp.parse([split])[0]] == \
               [(t.text, bool(t.whitespace_)) for t in nlp.parse([split.text])[0]]


def test_remembered_attributes_start_afresh_past_their_limit(monkeypatch):
    remembered = nlp.pipeline().get_pipe("dragoman_remembered_attributes")
    before = [(t.lemma_, t.pos_) for t in nlp.pipeline()("Russia attacked Ukraine on Thursday.")]
    monkeypatch.setattr(type(remembered), "LIMIT", 0)
    assert [(t.lemma_, t.pos_) for t in nlp.pipeline()("Russia attacked Ukraine on Thursday.")] == before
    assert len(remembered.answers) <= len("Russia attacked Ukraine on Thursday .".split())



def test_remembered_embed_gives_the_models_own_vectors(monkeypatch):
    """Each token's first vector, remembered by kind of token, is the one the model's own first
    step computes (to the last bits a batch may change), in batches with empty documents too;
    and it is off unless a parse asks for it (the learned models read the vectors)."""
    import numpy

    remembered = nlp.pipeline().get_pipe("tok2vec").model.layers[0]
    assert remembered.name == "dragoman_remembered_embed" and not nlp._EMBED.on
    own = remembered.layers[0]
    monkeypatch.setattr(nlp._EMBED, "on", True)
    docs = [nlp.pipeline().make_doc(text) for text in ["Russia attacked Ukraine.", "", "Ukraine said Russia attacked."]]
    for _ in range(2):  # first computed, then remembered
        for mine, theirs in zip(remembered.predict(docs), own.predict(docs)):
            assert mine.shape == theirs.shape
            assert numpy.allclose(mine, theirs, atol=1e-5)
    assert [len(v) for v in remembered.predict([nlp.pipeline().make_doc("")])] == [0]


def test_remembered_embed_starts_afresh_past_its_limit(monkeypatch):
    before = [(t.dep_, t.head.i) for t in nlp.parse(["Russia attacked Ukraine on Thursday."], tensors=False)[0]]
    monkeypatch.setattr(nlp.RememberedEmbed, "LIMIT", 0)
    assert [(t.dep_, t.head.i) for t in nlp.parse(["Russia attacked Ukraine on Thursday."], tensors=False)[0]] == before
    assert len(nlp._EMBED.rows) <= len("Russia attacked Ukraine on Thursday .".split())


_WORDS = st.sampled_from(["Russia", "attacked", "Ukraine", "Mr.", "U.S.", "said", "“No.”", "(AFP)", "don’t", "can't",
                          "Kyiv's", "1,200", "3.5", "—", "Erdoğan", "Москва", "北京", "!", "?", "...", "e-mail", "'em"])
_GAPS = st.sampled_from([" ", "  ", "\n", "\t", " \n ", ""])


@given(st.lists(st.tuples(_WORDS, _GAPS), min_size=1, max_size=40))
@settings(max_examples=150, deadline=None)
def test_any_paragraph_splits_into_sentences_the_parser_reads_as_written(pieces):
    text = "".join(word + gap for word, gap in pieces)
    for split in nlp.split_tokenized(text):
        assert split.text and split.text == split.text.strip()
        doc = nlp.parse([split])[0]
        assert doc.text == split.text
        assert [t.text for t in doc] == (split.words or [t.text for t in doc])


def test_the_rule_index_finds_what_the_attribute_rulers_matcher_finds():
    """Every token of the dev sentences, alone and with its neighbours: the same matches."""
    from spacy.tokens import Doc

    ruler = nlp.pipeline().get_pipe("attribute_ruler")
    index = nlp.RuleIndex.of(ruler)
    assert index is not None
    checked = 0
    docs = nlp.parse(_sentences_to_compare())
    for doc in docs:
        for i in range(len(doc)):
            for lo, hi in ((i, i + 1), (max(0, i - 1), min(len(doc), i + 2))):
                window = doc[lo:hi]
                copy = Doc(doc.vocab, words=[t.text for t in window], spaces=[bool(t.whitespace_) for t in window],
                           tags=[t.tag_ for t in window], deps=[t.dep_ for t in window],
                           heads=list(range(len(window))))
                target = i - lo
                theirs = [(rule, key, start, end) for rule, key, start, end in ruler.match(copy)
                          if start + ruler.indices[rule] % (end - start) == target]
                assert index.matches(copy, target) == theirs, (window.text, target)
                checked += 1
    assert checked == 2 * sum(len(doc) for doc in docs) > 200


def test_a_terse_english_sentence_looks_english_and_french_does_not():
    terse = ("UN Security Council members on Wednesday overwhelmingly rejected Moscow's draft resolution "
             "about aid convoys crossing into rebel-held northern Syrian districts near Idlib and Aleppo.")
    french = ("Le président russe a attaqué l'Ukraine lundi, selon un porte-parole du gouvernement, et les "
              "négociations sont suspendues dans la capitale jusqu'à nouvel ordre pour des raisons de sécurité.")
    assert nlp.looks_english(terse) and not nlp.looks_english(french)
