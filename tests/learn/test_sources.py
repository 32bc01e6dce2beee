"""The source of an event chosen among the sentence's actor phrases and "no source": what the
choice reads of each phrase (its path to the event's word, the event's type, how it was found)
and of "no source" (a passive without its doer, the slots the word fills), the phrases offered,
and the sets it learns from."""
import shutil

import pytest

from dragoman.errors import ModelError
from dragoman.gold import annotate
from dragoman.learn import data, decide, examples, features, train
from dragoman.learn.view import able
from dragoman.pipeline import Coder
from dragoman.read.text import from_text

from ..gold.test_annotate import CONDEMNED, SHELLED
from .test_decide import MORE
from .test_targets import phrase, view


def test_a_phrase_is_read_with_the_type_of_event_and_how_it_was_found():
    v = view("Rebels ambushed a convoy of Nigerian soldiers near the border.")
    token = next(t for t in v.tokens if t.text == "ambushed")
    actors = {phrase(v, a): a for a in v.actor_candidates}
    rebels = features.source_features(v, token, actors["Rebels"], "ASSAULT")
    assert {"type=ASSAULT", "type|side=ASSAULT|before", "side=before"} <= set(rebels)
    assert any(f.startswith("how=") for f in rebels) and any(f.startswith("type|path=ASSAULT|") for f in rebels)


def test_no_source_reads_a_passive_without_its_doer():
    v = view("Two journalists were kidnapped near Aleppo on Sunday.")
    token = next(t for t in v.tokens if t.text == "kidnapped")
    none = features.no_source_features(v, token, "COERCE", 1)
    assert {"NOSRC", "NOSRC|type=COERCE", "NOSRC|pass=True", "NOSRC|type|pass=COERCE|True", "NOSRC|slot=nsubjpass"} <= set(none)
    v = view("The army arrested two journalists.")
    active = features.no_source_features(v, next(t for t in v.tokens if t.text == "arrested"), "COERCE", 2)
    assert "NOSRC|pass=False" in active and "NOSRC|slot=nsubj" in active


def test_who_undergoes_the_event_is_not_offered_as_its_source():
    v = view("French police detained protesters who had been beaten by the militia.")
    beaten = next(t for t in v.tokens if t.text == "beaten")
    offered = {phrase(v, a) for a in able(v, beaten)}
    assert "protesters" not in offered and offered


def test_the_subject_a_passive_shares_is_not_offered_as_its_source():
    v = view("Isis fighters had sneaked into a convoy and were later identified and arrested by Kurdish police.")
    arrested = next(t for t in v.tokens if t.text == "arrested")
    offered = {phrase(v, a) for a in able(v, arrested)}
    assert "Isis fighters" not in offered and "Kurdish police" in offered
    v = view("Mr Sultana is thought to have been killed by Russian troops in Syria.")
    killed = next(t for t in v.tokens if t.text == "killed")
    offered = {phrase(v, a) for a in able(v, killed)}
    assert "Mr Sultana" not in offered and "Russian troops" in offered


def test_a_mention_is_a_set_whose_right_option_is_its_source(shared):
    doc = annotate.to_standoff("guardian-4", [SHELLED, CONDEMNED], shared, annotate.Problems([]))
    found = examples.sentences([doc], Coder.default(rules_only=True), shared)
    choices = data.sources(found)
    # "Russian forces shelled Kharkiv": the forces are right among the phrases and "no source";
    # "Ukraine's president condemned ...": the president is right.
    assert choices.count == 2
    first = [r for r, n in zip(choices.right, choices.set_of) if n == 0]
    assert sum(first) == 1 and first[-1] is False
    assert any(f.startswith("NOSRC|type=ASSAULT") for f in choices.sparse[len(first) - 1])


def test_the_models_save_and_load_both_choices_and_refuse_a_missing_one(shared, tmp_path):
    """The source and target choices are parts of the models like the others: saved, loaded, and
    a folder without one is refused with the way to rebuild it."""
    pytest.importorskip("sklearn", reason="training needs the test or train extra (scikit-learn)")
    docs = [annotate.to_standoff("guardian-6", MORE, shared, annotate.Problems([]))]
    base = Coder.default(rules_only=True)
    models = train.fit(examples.sentences(docs, base, shared))
    assert models.source.meta["sets"] > 0 and models.target.meta["sets"] > 0
    models.save(tmp_path / "m")
    loaded = decide.Models.load(tmp_path / "m")
    coder = Coder(base.kb, base.dictionary, decide.Decider(loaded, base.dictionary))
    events = coder.code(from_text("Police arrested 20 protesters.", "<test>", None))
    assert all(e.evidence.decided in ("pattern", "both", "model") for e in events)
    shutil.rmtree(tmp_path / "m" / decide.SOURCE)
    with pytest.raises(ModelError, match="cannot be read"):
        decide.Models.load(tmp_path / "m")