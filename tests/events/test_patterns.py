"""The pattern and frame dictionaries: the built-in files load, and every kind of mistake is
reported with file:line."""
import pytest

from dragoman.errors import DictionaryError
from dragoman.events import ontology
from dragoman.events import patterns as patmod


def test_builtin_patterns_load_and_use_known_codes():
    dictionary = patmod.build()
    all_patterns = [p for group in (dictionary.verbs, dictionary.nouns) for ps in group.values() for p in ps]
    assert len(all_patterns) > 250
    for pattern in all_patterns:
        assert ontology.is_code(pattern.code), pattern.id
        assert pattern.id.startswith(pattern.code + "/")
    roots = {p.code[:2] for p in all_patterns}
    assert {f"{r:02d}" for r in range(3, 21)} <= roots  # every cooperative and conflictual root has patterns


def test_more_specific_patterns_come_first():
    accept = patmod.builtin().verbs["accept"]
    assert [p.specificity for p in accept] == sorted((p.specificity for p in accept), reverse=True)


def test_pattern_grammar():
    p = patmod.parse_pattern("impose sanction|sanctions > on, against", "163", "verb", ("f", 1))
    assert (p.lemma, p.objects, p.targets) == ("impose", frozenset({"sanction", "sanctions"}), ("on", "against"))
    p = patmod.parse_pattern("call+off strike", "082", "verb", ("f", 1))
    assert (p.lemma, p.particle) == ("call", "off")
    p = patmod.parse_pattern("call for:release > of, poss", "1052", "verb", ("f", 1))
    assert (p.prep, p.prep_objects) == ("for", frozenset({"release"}))


@pytest.mark.parametrize("body,line,reason", [
    ('"999":\n  verbs: [attack]\n', 1, "unknown CAMEO code"),
    ('"190":\n  verbs: [attack]\n  adverbs: [x]\n', 1, "may only have"),
    ('"190":\n  verbs: ["attack > on, @@"]\n', 2, "bad target"),
    ('"190":\n  verbs: ["Attack"]\n', 2, "bad trigger word"),
    ('"190":\n  plover: FIGHT\n  verbs: [attack]\n', 1, "unknown PLOVER type"),
    ('"190":\n  verbs: [attack\n', 3, "not valid YAML"),
])
def test_bad_pattern_files_name_file_and_line(tmp_path, body, line, reason):
    path = tmp_path / "patterns.yaml"
    path.write_text("# test\n" + body, encoding="utf-8")
    with pytest.raises(DictionaryError) as caught:
        patmod.load_patterns(path)
    assert reason in caught.value.reason
    assert caught.value.line == line + 1
    assert f"{path}:{line + 1}:" in str(caught.value)


def test_frames_transform_by_full_code_then_root():
    frames = patmod.builtin().frames
    intent = frames.governing_frame("agree")
    assert intent.name == "intent" and intent.future
    assert intent.transform("042") == "036" and intent.transform("0612") is None or intent.transform("062") == "0312"
    assert frames.governing_frame("threaten").transform("194") == "138"
    assert frames.negation.transform("054") == "120"
    assert frames.negation.transform("190") is None  # negated violence is no event
    assert "say" in frames.speech


def test_frames_with_unknown_codes_are_rejected(tmp_path):
    text = (patmod._data("frames.yaml")).read_text(encoding="utf-8").replace('"04": "036"', '"04": "0369"')
    path = tmp_path / "frames.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError, match="unknown CAMEO code '0369'"):
        patmod.load_frames(path)
