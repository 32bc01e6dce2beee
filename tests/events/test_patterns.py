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


def test_the_harm_a_warning_threatens_is_read_by_kind(tmp_path):
    frames = patmod.load_frames(patmod._data("frames.yaml"))
    assert "consequence" in frames.harm["suffered"] and "crush" in frames.harm["inflicted"]
    assert "analyst" in frames.harm["bystanders"] and "death" in frames.undergone
    text = (patmod._data("frames.yaml")).read_text(encoding="utf-8").replace("  suffered:", "  endured:")
    path = tmp_path / "frames.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DictionaryError, match="harm may only have"):
        patmod.load_frames(path)


def test_required_target_marker():
    p = patmod.parse_pattern("return > obj!", "084", "verb", ("f", 1))
    assert p.required and p.targets == ("obj",)
    with pytest.raises(DictionaryError, match="needs target places"):
        patmod.parse_pattern("return > !", "084", "verb", ("f", 1))


def test_required_target_decides_the_sense():
    from dragoman.events.match import matching_pattern
    from dragoman.nlp import pipeline

    pattern = patmod.parse_pattern("return > obj!", "084", "verb", ("f", 1))
    gives_back = pipeline()("Sudan returned the helicopter.")[1]
    travels = pipeline()("The negotiators returned to Geneva.")[2]
    assert matching_pattern(gives_back, (pattern,)) is pattern
    assert matching_pattern(travels, (pattern,)) is None


# ---------------------------------------------------------------- coverage and consistency of the dictionary

def _all_patterns():
    dictionary = patmod.builtin()
    return [p for index in (dictionary.verbs, dictionary.nouns) for group in index.values() for p in group]


def test_every_code_from_03_to_20_has_a_construction():
    """A pattern of its own, or a frame that makes it ("threatened to quit as mediator" -> 135)."""
    frames = patmod.builtin().frames
    made = {p.code for p in _all_patterns()} | {c for f in (*frames.governing, frames.negation) for c in f.codes.values()}
    wanted = [c for c in ontology.codes() if 3 <= int(c[:2]) <= 20 and len(c) > 2]
    assert [c for c in wanted if c not in made] == []
    with_patterns = {p.code for p in _all_patterns()}
    assert len([c for c in wanted if c in with_patterns]) >= len(wanted) - 2


def _covers(first, later) -> bool:
    """Whether `first` matches wherever `later` does (same trigger word), so that `later`, written
    after it at the same specificity, would never be used."""
    def objects_cover(a, b):
        return all(any(x.split("_")[-1] == y.split("_")[-1] and set(x.split("_")[:-1]) <= set(y.split("_")[:-1])
                       for x in a) for y in b) if a else True
    if first.particle and first.particle != later.particle:
        return False
    if first.required and not later.required:
        return False
    if first.subjects and not (later.subjects and later.subjects <= first.subjects):
        return False
    if first.prep and (first.prep != later.prep or not objects_cover(first.prep_objects, later.prep_objects)):
        return False
    return not first.objects or (bool(later.objects) and any(objects_cover(first.objects, {o}) for o in later.objects))


def test_no_pattern_is_hidden_behind_an_earlier_one_of_another_code():
    """Patterns of a trigger are tried most specific first, then in file order: an object word
    listed under two codes at the same specificity would silently always go to the first."""
    dictionary = patmod.builtin()
    hidden = []
    for index in (dictionary.verbs, dictionary.nouns):
        for group in index.values():
            for i, first in enumerate(group):
                hidden += [f"{later.id} is hidden by {first.id}" for later in group[i + 1:]
                           if (first.code, first.plover) != (later.code, later.plover) and _covers(first, later)]
    assert hidden == []


def test_plover_overrides_say_why():
    """A block that overrides the 2021 mapping (`plover:`) is introduced by a comment."""
    lines = patmod._data("patterns.yaml").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip().startswith("plover:"):
            key = max(i for i in range(number) if lines[i].startswith('"'))
            assert lines[key - 1].startswith("#"), f"patterns.yaml:{key + 1}: override without a comment"


# ---------------------------------------------------------------- the dictionary on news English
# Sentences written for these tests (not from any gold file): one general construction each.

CONSTRUCTIONS = [
    ("China pledged $2 billion in loans to Pakistan.", "0331"),
    ("Germany offered to mediate between Serbia and Kosovo.", "039"),
    ("The EU called for a ceasefire in Gaza.", "0256"),
    ("Biden spoke by phone with Erdogan on Monday.", "041"),
    ("Egypt hosted a delegation from Hamas.", "043"),
    ("Israel and Lebanon resumed negotiations on the maritime border.", "046"),
    ("Saudi Arabia restored diplomatic relations with Iran.", "050"),
    ("Japan apologized to South Korea for its wartime conduct.", "055"),
    ("Egypt and Sudan held joint military exercises.", "062"),
    ("Spain extradited the suspect to France.", "063"),
    ("The United States supplied drones to Ukraine.", "072"),
    ("The EU delivered food and medicine to Gaza.", "073"),
    ("Sweden granted asylum to the dissident.", "075"),
    ("Nigerian teachers called off their strike after talks with the government.", "082"),
    ("Hamas released three Israeli hostages.", "0841"),
    ("The EU lifted sanctions on Iran.", "085"),
    ("Russia withdrew its troops from Kherson.", "087"),
    ("The UN launched an investigation into the killings in Myanmar.", "090"),
    ("Poland demanded the release of its citizens from Belarus.", "1053"),
    ("Pakistan's opposition called for the resignation of the prime minister.", "1041"),
    ("Iran accused Israel of sabotage at the Natanz site.", "1125"),
    ("China summoned the Japanese ambassador.", "114"),
    ("The United States vetoed a UN Security Council resolution on Gaza.", "129"),
    ("Iran threatened sanctions against Britain.", "1312"),
    ("Israel gave Hamas an ultimatum.", "139"),
    ("Greek workers went on strike over pension cuts.", "143"),
    ("French farmers blocked roads in Paris.", "144"),
    ("North Korea tested a ballistic missile.", "150"),
    ("China put its troops on high alert.", "152"),
    ("Russia mobilized 300,000 reservists.", "154"),
    ("Morocco severed ties with Iran.", "161"),
    ("The UN halted food aid to Yemen.", "1623"),
    ("The EU imposed sanctions on Russia.", "163"),
    ("Burundi expelled UN human rights monitors.", "1662"),
    ("Iran seized a British tanker in the Gulf.", "1711"),
    ("Myanmar declared a state of emergency.", "1724"),
    ("Kenyan police fired tear gas at protesters in Nairobi.", "175"),
    ("Russian hackers hacked the Ukrainian defence ministry.", "176"),
    ("Islamic State militants beheaded a Japanese journalist.", "1823"),
    ("Russia launched drone attacks on Kyiv.", "1952"),
    ("Iranian artillery pounded the Iraqi city of Basra.", "194"),
    ("Syrian forces used chemical weapons against civilians in Ghouta.", "2041"),
]


@pytest.mark.parametrize("text,code", CONSTRUCTIONS)
def test_construction_gives_its_code(text, code):
    from dragoman import code_text

    found = [e.cameo for e in code_text(text, date="2022-03-10")]
    assert any(c.startswith(code) for c in found), (text, found)


@pytest.mark.parametrize("text", [
    "Moscow released a statement on Tuesday.",          # a statement, not a release
    "The Israeli spokesman declined to comment.",
    "The Kremlin denied the report.",                    # a denial, not a rejection
    "Putin fired his defence minister.",                 # dismissal, not gunfire
    "Turkey struck a balance between Russia and Ukraine.",
])
def test_other_senses_give_no_event(text):
    from dragoman import code_text

    assert [e.cameo for e in code_text(text, date="2022-03-10")] == []


def test_subject_constraint():
    from dragoman import code_text

    p = patmod.parse_pattern("gather subj:protester|protesters > in", "141", "verb", ("f", 1))
    assert p.subjects == frozenset({"protester", "protesters"})
    protest = code_text("Protesters gathered outside parliament in Tbilisi on Thursday.", date="2023-03-10")
    assert [(e.plover, e.source.code, e.location.name if e.location else None) for e in protest] == \
        [("PROTEST", "GEOCVL", "Tbilisi")] or [(e.plover, e.source.country) for e in protest] == [("PROTEST", "GEO")]
    assert code_text("Foreign ministers gathered in Brussels on Thursday.", date="2023-03-10") == []
