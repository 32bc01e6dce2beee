import json

import numpy
import pytest

from dragoman.learn.linear import LinearModel

pytest.importorskip("sklearn", reason="training needs the test or train extra (scikit-learn)")

SPARSE = [["w=attack", "p=VERB"], ["w=meet", "p=VERB"], ["w=attack", "p=NOUN"], ["w=talks", "p=NOUN"],
          ["w=bomb", "p=VERB"], ["w=meet", "p=NOUN"]] * 5
LABELS = ["ASSAULT", "CONSULT", "ASSAULT", "CONSULT", "ASSAULT", "CONSULT"] * 5
DENSE = numpy.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.1], [0.1, 1.0], [0.9, 0.0], [0.0, 0.9]] * 5, dtype=numpy.float32)


def test_fit_predicts_what_it_learned():
    model = LinearModel.fit(SPARSE, DENSE, LABELS, min_count=1, dense_scale=0.5)
    assert [label for label, _ in model.predict([["w=attack"], ["w=meet"]], DENSE[:2])] == ["ASSAULT", "CONSULT"]
    probs = model.scores([["w=unknown"]], DENSE[:1])
    assert probs.shape == (1, 2) and abs(probs.sum() - 1) < 1e-6
    assert model.top_features("ASSAULT", 1)[0][0] == "w=attack"


def test_saved_and_loaded_without_pickle(tmp_path):
    model = LinearModel.fit(SPARSE, DENSE, LABELS, min_count=1, meta={"data": "abc"})
    model.save(tmp_path / "m")
    config = json.loads((tmp_path / "m" / "config.json").read_text())
    assert config["classes"] == ["ASSAULT", "CONSULT"] and config["meta"] == {"data": "abc"}
    with numpy.load(tmp_path / "m" / "weights.npz", allow_pickle=False) as arrays:
        assert set(arrays.files) == {"weights", "bias"}
    again = LinearModel.load(tmp_path / "m")
    sparse = [["w=attack", "p=NOUN"], ["w=talks"]]
    assert numpy.allclose(again.scores(sparse, DENSE[:2]), model.scores(sparse, DENSE[:2]), atol=2e-3)


def test_rare_features_are_left_out():
    model = LinearModel.fit(SPARSE + [["w=once"]], numpy.vstack([DENSE, DENSE[:1]]), LABELS + ["ASSAULT"], min_count=2)
    assert "w=once" not in model.vocab and "w=attack" in model.vocab


def test_three_classes():
    labels = ["A", "B", "C"] * 10
    sparse = [[f"x={label}"] for label in labels]
    model = LinearModel.fit(sparse, None, labels, min_count=1)
    assert [p for p, _ in model.predict([["x=A"], ["x=B"], ["x=C"]])] == ["A", "B", "C"]
