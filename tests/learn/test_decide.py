"""The learned models at run time: shipped, stamped with their data, checking the patterns' events
and adding their own, each event saying what decided it."""
import json
import shutil

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.gold import annotate, corpus
from dragoman.learn import decide, examples, train
from dragoman.pipeline import Coder
from dragoman.read.text import from_text

from ..conftest import ROOT, SHARED, need_shared
from ..gold.test_annotate import CONDEMNED, SHELLED

HYPOTHETICAL = "Russia could attack Ukraine next year, analysts said."


@pytest.fixture(scope="module")
def models():
    found = decide.builtin()
    assert found is not None, "no models in dragoman/learn/models/events: run `make train`"
    return found


def test_the_shipped_models_were_trained_on_this_gold(models):
    assert models.meta["data"] == decide.data_hash(corpus.files(ROOT / "gold")), "gold/ changed: run `make train`"
    assert models.meta["cross_validated"]["docs"] == len(corpus.load(ROOT / "gold", with_text=False))


def test_and_on_these_plover_coded_sentences(models):
    need_shared(SHARED)
    assert models.meta["plv"] == decide.data_hash([SHARED / examples.PLV]), "plv_dev.jsonl changed: run `make train`"
    figures = models.meta["plv_cross_validated"]
    assert figures["sentences"] > 1000 and 0.0 < figures["pair_recall"] <= figures["type_recall"] <= 1.0


def test_calibration_is_a_rising_map_into_0_1(models):
    xs, ys = zip(*models.calibration)
    assert list(xs) == sorted(xs) and list(ys) == sorted(ys)
    assert all(0.0 <= models.calibrated(x / 10) <= 1.0 for x in range(11))


def code(text: str, rules_only: bool):
    return Coder.default(rules_only=rules_only).code(from_text(text, "<test>", None))


def test_a_pattern_event_the_models_find_hypothetical_is_dropped():
    assert [e.plover for e in code(HYPOTHETICAL, rules_only=True)] == ["ASSAULT"]
    assert code(HYPOTHETICAL, rules_only=False) == []


def test_every_event_says_what_decided_it():
    text = "Police arrested 20 protesters in Minsk on Friday. Turkish forces shelled Afrin on Sunday."
    default, rules = code(text, False), code(text, True)
    assert default and {e.evidence.decided for e in default} <= {"pattern", "both", "model"}
    assert all(0.0 <= e.confidence <= 1.0 for e in default)
    assert {e.evidence.decided for e in rules} == {"pattern"}
    assert json.loads(json.dumps(default[0].to_dict()))["evidence"]["decided"] in ("pattern", "both", "model")


def test_the_policy_setting_chooses_who_decides(monkeypatch):
    """'hybrid': the patterns' events stand (none is re-typed or given other actors) and the models
    add only what no pattern coded; 'model': the models decide each event."""
    text = ("Police arrested 20 protesters in Minsk on Friday. Turkish forces shelled Afrin on Sunday, "
            "and Russia's president met Turkey's president in Sochi on Monday.")
    rules = {(e.sentence_id, e.cameo, e.source.code) for e in code(text, True)}
    monkeypatch.setenv("DRAGOMAN_POLICY", "hybrid")
    hybrid = code(text, False)
    assert Coder.default(rules_only=False).decider.policy == "hybrid"
    assert rules <= {(e.sentence_id, e.cameo, e.source.code) for e in hybrid}
    assert all(e.evidence.decided == "model" for e in hybrid
               if (e.sentence_id, e.cameo, e.source.code) not in rules)
    monkeypatch.setenv("DRAGOMAN_POLICY", "model")
    assert Coder.default(rules_only=False).decider.policy == "model"
    assert all(e.evidence.decided in ("model", "both") for e in code(text, False))


def test_an_event_a_pattern_decided_alone_is_as_sure_as_such_events_were_on_the_folds(models):
    """A frame's reading ("said it would be unwise to attack": THREATEN) is the pattern's, not the
    trigger word's: its confidence is how often such events were right, not the models' score."""
    assert models.pattern_share is not None and 0.0 < models.pattern_share < 1.0
    text = "Erdogan said on Wednesday that it would be unwise for Russia to attack Ukraine."
    warning = [e for e in code(text, rules_only=False) if e.plover == "THREATEN"]
    assert warning and warning[0].evidence.decided == "pattern"
    assert warning[0].confidence == models.pattern_share


def test_events_told_as_not_having_happened_are_output_labelled_only_when_asked(monkeypatch, tmp_path):
    """FACTUALITY 'all' (--factuality all): the models' non-asserted events come out, labelled, and
    undated by the article; a database refuses them (its counts are of what happened)."""
    monkeypatch.setenv("DRAGOMAN_RULES_ONLY", "0")
    monkeypatch.setenv("DRAGOMAN_FACTUALITY", "output")   # the CLI's option sets it: undone after the test
    runner = CliRunner()
    told = runner.invoke(main, ["code", "-", "--format", "jsonl", "--factuality", "all"], input=HYPOTHETICAL)
    events = [json.loads(line) for line in told.stdout.splitlines()]
    assert told.exit_code == 0 and [(e["plover"], e["factuality"]) for e in events] == [("ASSAULT", "hypothetical")]
    default = runner.invoke(main, ["code", "-", "--format", "jsonl"], input="Police arrested 20 protesters in Minsk.")
    assert default.exit_code == 0 and {json.loads(line)["factuality"] for line in default.stdout.splitlines()} == {"asserted"}
    monkeypatch.setenv("DRAGOMAN_FACTUALITY", "all")
    stored = runner.invoke(main, ["code", "-", "--db", str(tmp_path / "e.duckdb")], input=HYPOTHETICAL)
    assert stored.exit_code != 0 and "--factuality all" in stored.stderr and not (tmp_path / "e.duckdb").exists()


def test_cli_rules_only(monkeypatch):
    monkeypatch.setenv("DRAGOMAN_RULES_ONLY", "0")
    runner = CliRunner()
    default = runner.invoke(main, ["code", "-", "--format", "jsonl"], input=HYPOTHETICAL)
    rules = runner.invoke(main, ["code", "-", "--format", "jsonl", "--rules-only"], input=HYPOTHETICAL)
    assert default.exit_code == 0 and rules.exit_code == 0
    assert default.stdout.strip() == "" and json.loads(rules.stdout)["plover"] == "ASSAULT"


def test_eval_refuses_to_score_the_models_on_their_own_training_data(monkeypatch):
    need_shared(SHARED)
    monkeypatch.setenv("DRAGOMAN_RULES_ONLY", "0")
    result = CliRunner().invoke(main, ["eval", str(ROOT / "gold"), "--texts", str(SHARED)])
    assert result.exit_code == 3 and "trained on" in result.output


MORE = [
    {"s": 0, "trigger": "met", "type": "CONSULT", "cameo": "040", "source": [{"text": "Mr. Smith", "code": "USAGOV"}],
     "target": [{"text": "Vladimir Putin", "code": "RUSGOV"}], "factuality": "asserted", "time": "background",
     "date": None, "place": {"text": "Moscow", "country": "RUS"}},
    {"s": 1, "trigger": "agreed", "type": "AGREE", "cameo": "036", "source": [{"text": "The two leaders", "code": None}],
     "target": [], "factuality": "asserted", "time": "news", "date": "2019-02-10", "place": None},
    {"s": 1, "trigger": "talks", "type": "CONSULT", "cameo": "040", "source": [{"text": "The two leaders", "code": None}],
     "target": [], "factuality": "planned", "time": "news", "date": "2019-05", "place": None},
    {"s": 2, "trigger": "arrested", "type": "COERCE", "cameo": "173", "source": [{"text": "Police", "code": "---COP"}],
     "target": [{"text": "20 protesters", "code": "---CVL"}], "factuality": "asserted", "time": "news",
     "date": "2019-02-10", "place": None},
]


def test_models_fitted_on_gold_decide_in_the_pipeline(shared):
    pytest.importorskip("sklearn", reason="training needs the test or train extra (scikit-learn)")
    docs = [annotate.to_standoff("guardian-4", [SHELLED, CONDEMNED], shared, annotate.Problems([])),
            annotate.to_standoff("guardian-6", MORE, shared, annotate.Problems([]))]
    base = Coder.default(rules_only=True)
    found = examples.sentences(docs, base, shared)
    models = train.fit(found)
    assert set(models.factuality.classes) == {"asserted", "planned"} and "NONE" in models.trigger.classes
    assert models.codes["COERCE"] == "173" and models.codes["arrest|COERCE"] == "173"
    assert models.target is not None and models.target.meta["sets"] > 0
    coder = Coder(base.kb, base.dictionary, decide.Decider(models, base.dictionary))
    events = coder.code(from_text("Police arrested 20 protesters.", "<test>", None))
    assert all(e.evidence.decided in ("pattern", "both", "model") for e in events)


def test_who_undergoes_an_event_is_never_its_source():
    from dragoman import nlp
    from dragoman.learn.view import undergoes

    doc = nlp.parse(["Rahimi was shot twice, detained and tortured, and the men detained by the militia were freed."])[0]
    by = {t.text: t for t in doc}
    rahimi, men = by["Rahimi"], [t for t in doc if t.text == "men"][0]
    for verb in ("shot", "tortured"):
        assert undergoes(by[verb], rahimi)
    assert undergoes([t for t in doc if t.text == "detained"][1], men)
    assert not undergoes(by["freed"], rahimi)
    # a passive with its auxiliary left out; who underwent it with its subject
    doc = nlp.parse(["One soldier was killed and two civilians wounded; an officer was killed alongside a US soldier."])[0]
    by = {t.text: t for t in doc}   # the last of each word
    assert undergoes(by["wounded"], by["civilians"])
    assert undergoes(by["killed"], by["soldier"]) and by["soldier"].head.text == "alongside"
    # who an act was done to, in the possessive or after "of"; not the doer of many, nor of one done to others
    doc = nlp.parse(["His death followed the release of the hostages, the group's executions and Turkey's arrest of Kurds."])[0]
    by = {t.text: t for t in doc}
    assert undergoes(by["death"], by["His"]) and undergoes(by["release"], by["hostages"])
    assert not undergoes(by["executions"], by["group"]) and not undergoes(by["arrest"], by["Turkey"])
    assert undergoes(by["arrest"], by["Kurds"])


def test_a_verb_of_attempt_is_not_the_event_its_infinitive_tells(models):
    """"sought to push back", "tried to convince": a model sure that every verb is a REQUEST finds
    none at the verb of attempt, which tells no event of its own, and finds the infinitive's."""
    import numpy

    from .test_targets import view

    decider = decide.Decider(models, Coder.default(rules_only=True).dictionary)
    rows = numpy.zeros((2, len(models.trigger.classes)))
    rows[0, models.trigger.classes.index("NONE")] = rows[1, models.trigger.classes.index("REQUEST")] = 1.0
    for text in ("Turkey sought to persuade Russia.", "Ankara tried to convince Moscow."):
        v = view(text)
        scores = {t.i: rows[int(t.pos_ == "VERB")] for t in v.tokens}
        found = {token.text for token, _, _ in decider._found(v, scores, lambda view, token: 0.5)}
        assert found == {t.text for t in v.tokens if t.dep_ == "xcomp"}, text
    # stopping is an act, a verb without its infinitive is itself, an attempt at violence is one (CAMEO 185)
    for text, word in (("The United States stopped supplying the rebels.", "stopped"),
                       ("Turkey sought asylum for the family.", "sought")):
        v = view(text)
        scores = {t.i: rows[int(t.pos_ == "VERB")] for t in v.tokens}
        assert word in {token.text for token, _, _ in decider._found(v, scores, lambda view, token: 0.5)}, text
    rows[1, models.trigger.classes.index("REQUEST")] = 0.0
    rows[1, models.trigger.classes.index("ASSAULT")] = 1.0
    v = view("Gunmen tried to kill the mayor of Kandahar.")
    scores = {t.i: rows[int(t.pos_ == "VERB")] for t in v.tokens}
    assert "tried" in {token.text for token, _, _ in decider._found(v, scores, lambda view, token: 0.5)}


def test_the_model_overrules_a_patterns_type_only_when_sure(models):
    """"imposed sanctions on the Taliban": the pattern reads a SANCTION; a model leaning to COERCE at
    0.48 does not overrule it, one sure of COERCE does."""
    import numpy

    from .test_targets import view

    decider = decide.Decider(models, Coder.default(rules_only=True).dictionary)
    v = view("The United States imposed sanctions on the Taliban.")
    imposed = next(t for t in v.tokens if t.text == "imposed")
    assert v.rules_at[imposed.i].kind == "SANCTION"
    classes = models.trigger.classes
    for coerce, expected in ((0.48, "SANCTION"), (0.8, "COERCE")):
        row = numpy.zeros(len(classes))
        row[classes.index("COERCE")], row[classes.index("SANCTION")] = coerce, (1 - coerce) * 0.9
        row[classes.index("NONE")] = (1 - coerce) * 0.1
        scores = {t.i: row if t.i == imposed.i else numpy.eye(len(classes))[classes.index("NONE")] for t in v.tokens}
        found = {token.text: kind for token, kind, _ in decider._found(v, scores, lambda view, token: 0.5)}
        assert found == {"imposed": expected}, coerce


def test_the_backer_of_a_backed_group_is_no_actor_of_its_events():
    """"US-backed rebels fought ...": the rebels fought, not the US, and the US is not their target."""
    from dragoman import nlp
    from dragoman.actors.mentions import Memory, SentenceActors
    from dragoman.learn.view import SentenceView

    coder = Coder.default(rules_only=True)
    for text, backer in (("Kremlin-backed separatists and Iranian-funded militias shelled the village.", {"Kremlin", "Iranian"}),
                         ("The army shelled US-backed fighters near the border.", {"US"})):
        doc = nlp.parse([text])[0]
        actors = SentenceActors(doc, coder.kb, None, Memory())
        names = {doc[a.head].text for a in SentenceView(doc, actors).actor_candidates}
        assert names and not names & backer


def test_planned_cooperation_is_coded_as_an_intent_to_cooperate(models):
    """As PLOVER and the patterns code it: "will visit China" is AGREE (CAMEO 036), not the visit
    (042); a planned retreat stays a retreat, as gold/ codes it."""
    from dragoman import code_text

    decider = decide.Decider(models, Coder.default().dictionary)
    assert decider._intended("042", "CONSULT", "visit") == ("036", "AGREE", None)
    assert decider._intended("070", "AID", None)[:2] == ("033", "AGREE")
    assert "RETREAT" not in decide._INTENDED and "CONCEDE" not in decide._INTENDED
    visit = [e for e in code_text("The president will visit China next month.", date="2018-12-20")
             if e.evidence.trigger == "visit"]
    assert visit and all((e.plover, e.cameo[:2], e.factuality) == ("AGREE", "03", "planned") for e in visit)


def test_coercion_and_accusation_told_in_the_passive_have_no_source(models):
    """Gold codes "thousands were detained" and "was accused of" without a source, as it codes
    unattributed violence; no police or prosecutor is made up for them (match.told_without_doer)."""
    events = code("Thousands of Kenyans were detained on Monday.", rules_only=False)
    assert [(e.source, e.plover, e.target.country) for e in events] == [(None, "COERCE", "KEN")]
    assert "no doer named: no source" in events[0].evidence.notes
    beaten = code("Dozens of Kenyan students were beaten and detained.", rules_only=False)
    assert ("COERCE", None) in {(e.plover, e.source) for e in beaten}
    accused = code("The minister has been accused of corruption.", rules_only=False)
    assert [(e.source, e.plover, e.target.text) for e in accused] == [(None, "ACCUSE", "minister")]


def test_a_doer_is_left_out_only_where_the_grammar_leaves_it_out():
    """Coercion and accusation without a doer are kept in the passive (their own, or the one they
    are coordinated with) or a participle after the victim; violence whatever its grammar; no other
    type."""
    from dragoman import nlp
    from dragoman.events.match import told_without_doer

    parsed = nlp.parse(["The minister was detained.", "Officials detained the minister.",
                        "Students were beaten and detained.", "Hundreds of protesters detained in Cairo were released."])
    passive, active, coordinated, participle = [t for doc in parsed for t in doc if t.lower_ == "detained"]
    for token in (passive, coordinated, participle):
        assert told_without_doer(token, "173", "COERCE")
    assert not told_without_doer(active, "173", "COERCE")
    assert told_without_doer(active, "190", "ASSAULT")
    assert not told_without_doer(passive, "042", "CONSULT")


def test_an_active_verb_gives_no_doerless_event_whoever_decides(monkeypatch):
    """Nor does the hybrid policy, which keeps the patterns' events: the grammar is read for them too."""
    monkeypatch.setenv("DRAGOMAN_POLICY", "hybrid")
    for text in ("The report accused the Kenyan minister of corruption.", "The operation detained thirty Kenyan students."):
        assert not [e for e in code(text, rules_only=False) if e.source is None]
    assert ("COERCE", None) in {(e.plover, e.source) for e in code("Thirty Kenyan students were detained.", rules_only=False)}


def test_the_rules_alone_keep_no_doerless_coercion():
    """Without the models nothing has read whether a passive arrest happened ("were allegedly
    detained"): the patterns' doerless events stay violence only, and the active arrest is coded."""
    assert not [e for e in code("Thousands of Kenyans were detained on Monday.", rules_only=True) if e.source is None]
    assert [(e.cameo, e.source.country) for e in code("Kenyan police detained thirty students.", rules_only=True)] == [("173", "KEN")]
