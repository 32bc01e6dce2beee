"""The target of an event chosen given its source: what the choice reads of each actor phrase
(how it stands to the source) and of "no target" (the kind of event, the slots its word fills),
and the sets it learns from."""
from dragoman.gold import annotate
from dragoman.learn import data, examples, features
from dragoman.pipeline import Coder
from dragoman.read.text import from_text

from ..gold.test_annotate import CONDEMNED, SHELLED


def view(text: str):
    """The sentence as the models see it."""
    coder = Coder.default(rules_only=True)
    recorder = examples.Recorder()
    from dataclasses import replace
    replace(coder, decider=recorder).code(from_text(text, "<test>", None))
    return next(iter(recorder.views.values()))[0]


def read(features_of, text: str, word: str) -> list[str]:
    """What `features_of(view, token)` reads of the first token `word` of the sentence."""
    v = view(text)
    return features_of(v, next(t for t in v.tokens if t.text == word))


def phrase(v, actor) -> str:
    return v.parsed[actor.found.start:actor.found.end].text


def test_the_sources_partner_is_told_from_the_other_side():
    """"X and Y attacked Z": Y is the source's partner, Z is not."""
    v = view("Hezbollah and Iran attacked Israeli troops on Monday.")
    actors = {phrase(v, a): a for a in v.actor_candidates}
    token = next(t for t in v.tokens if t.text == "attacked")
    source = actors["Hezbollah"]
    assert "src_partner=True" in features.target_features(v, token, actors["Iran"], source, "ASSAULT")
    troops = features.target_features(v, token, actors["Israeli troops"], source, "ASSAULT")
    assert "src_partner=False" in troops and "type=ASSAULT" in troops and "src_overlap=False" in troops


def test_no_target_reads_the_kind_of_event_and_the_slots_its_word_fills():
    v = view("Israel withdrew its troops from Gaza.")
    token = next(t for t in v.tokens if t.text == "withdrew")
    none = features.no_target_features(v, token, None, "RETREAT", 2)
    assert {"NONE", "NONE|type=RETREAT", "NONE|slot=dobj", "NONE|slot=prep:from", "NONE|src=False"} <= set(none)


def test_a_mention_is_a_set_whose_right_option_is_its_target(shared):
    doc = annotate.to_standoff("guardian-4", [SHELLED, CONDEMNED], shared, annotate.Problems([]))
    found = examples.sentences([doc], Coder.default(rules_only=True), shared)
    choices = data.targets(found)
    # "Russian forces shelled Kharkiv": Kharkiv among the phrases other than the source, and no
    # target; the condemnation's target lies in the sentence before, named by no phrase of its own
    # sentence: no set.
    assert choices.count == 1
    assert choices.right == [True, False]
    assert "NONE|type=ASSAULT" in choices.sparse[-1] and "src=none" not in choices.sparse[0]
