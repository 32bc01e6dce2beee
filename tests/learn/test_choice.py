"""The choice of one option of a set (the target of an event among the actor phrases and no
target): it learns what makes an option the right one of its set, and is saved without pickle."""
import json

import numpy
import pytest

from dragoman.learn.choice import ChoiceModel, ChoiceSets

pytest.importorskip("scipy", reason="fitting needs the test or train extra (scipy)")


def sets() -> ChoiceSets:
    """Sets of three phrases and 'none': the object is the right one where there is one; where
    the only phrase is the subject, none is."""
    out = ChoiceSets()
    zero = numpy.zeros(2, dtype=numpy.float32)
    for n in range(20):
        out.add([(["slot=subject"], zero), (["slot=object"], zero), (["slot=place"], zero), (["NONE"], zero)], {1}, 0)
        out.add([(["slot=subject"], zero), (["NONE"], zero)], {1}, 0)
    return out


def test_the_right_option_of_each_set_scores_highest():
    model = ChoiceModel.fit(sets(), c=10.0)
    zero = numpy.zeros((4, 2), dtype=numpy.float32)
    probs = model.probabilities([["slot=subject"], ["slot=object"], ["slot=place"], ["NONE"]], zero)
    assert int(probs.argmax()) == 1 and probs.sum() == pytest.approx(1.0)
    alone = model.probabilities([["slot=subject"], ["NONE"]], zero[:2])
    assert int(alone.argmax()) == 1


def test_a_set_may_have_several_right_options():
    """"Britain and France" both named as the target: either is right."""
    out = ChoiceSets()
    zero = numpy.zeros(1, dtype=numpy.float32)
    for _ in range(10):
        out.add([(["a"], zero), (["b"], zero), (["c"], zero)], {0, 1}, 0)
    model = ChoiceModel.fit(out, c=10.0)
    scores = model.scores([["a"], ["b"], ["c"]], numpy.zeros((3, 1), dtype=numpy.float32))
    assert scores[2] < min(scores[0], scores[1])


def test_saved_and_loaded_without_pickle(tmp_path):
    model = ChoiceModel.fit(sets(), c=10.0)
    model.save(tmp_path / "target")
    config = json.loads((tmp_path / "target" / "config.json").read_text())
    assert config["kind"] == "choice" and "slot=object" in config["features"]
    loaded = ChoiceModel.load(tmp_path / "target")
    options = [["slot=subject"], ["slot=object"], ["NONE"]]
    dense = numpy.zeros((3, 2), dtype=numpy.float32)
    assert numpy.allclose(loaded.scores(options, dense), model.scores(options, dense), atol=0.01)
