"""What the trigger model reads of a word's arguments: the same verb names an event with one
argument and none with another ("warned Russia of consequences" against "warned that famine was
near"); a kind of word (a verb of saying, an intent) is read with its arguments so that a rare
member learns from its class; a noun is read with its determiner and whether anything qualifies it."""
from dragoman.learn import features

from .test_targets import read as read_word, view


def read(text: str, word: str) -> list[str]:
    return read_word(features.trigger_features, text, word)


def test_a_verb_is_read_with_its_arguments():
    said = read("The minister warned that the harvest would fail this year.", "warned")
    threat = read("The minister warned of grave consequences for the rebels.", "warned")
    assert "l|arg=warn|ccomp" in said and "l|arg=warn|ccomp" not in threat
    assert "l|arg=warn|prep:of" in threat and "l|args=warn|nsubj+prep:of" in threat


def test_a_verb_of_saying_is_read_as_one_with_its_clause():
    assert "kind|arg=say|ccomp" in read("The spokesman stressed that the talks had gone well.", "stressed")


def test_an_intent_is_read_as_one_with_its_infinitive():
    f = read("The governor sought to calm the farmers before the vote.", "sought")
    assert "kind|arg=intent|xcomp" in f and "l|args=seek|nsubj+xcomp" in f


def test_a_word_of_no_kind_has_no_kind_features():
    assert not [x for x in read("Rebels attacked an army convoy near the city.", "attacked") if x.startswith("kind")]


def test_a_noun_is_read_with_its_determiner_and_what_qualifies_it():
    bare = read("Farmers spoke for hours about the campaign.", "campaign")
    told = read("Farmers joined a campaign against the new tax.", "campaign")
    assert "det=the" in bare and "noun_told=False" in bare and "noun|dep=False|pobj" in bare
    assert "det=a" in told and "noun_told=True" in told
    assert "det=poss" in read("The army ended its campaign in the valley.", "campaign")


def test_a_word_no_pattern_codes_needs_a_type_that_stands_out():
    """P(no event) below alone_none_max is not enough where the rest is spread over several types
    (Thresholds.type_min); a word a pattern codes is left to none_max."""
    from types import SimpleNamespace

    import numpy

    from dragoman.learn import decide
    from dragoman.pipeline import Coder

    v = view("The farmers talked about the harvest in the valley.")
    words = [t for t in v.trigger_tokens() if t.i not in v.rules_at]
    spread, sure = words[0], words[1]
    trigger = SimpleNamespace(classes=["NONE", "CONSULT", "ACCUSE", "AID"])
    models = SimpleNamespace(trigger=trigger, thresholds=decide.Thresholds(alone_none_max=0.45, type_min=0.45),
                             encoder="spacy")
    decider = decide.Decider(models, Coder.default(rules_only=True).dictionary)
    scores = {t.i: numpy.array([0.9, 0.05, 0.03, 0.02]) for t in v.trigger_tokens()}
    scores[spread.i] = numpy.array([0.4, 0.2, 0.2, 0.2])
    scores[sure.i] = numpy.array([0.4, 0.5, 0.05, 0.05])
    found = decider._found(v, scores, decider._model_limit)
    assert [(token.i, kind) for token, kind, _ in found] == [(sure.i, "CONSULT")]
