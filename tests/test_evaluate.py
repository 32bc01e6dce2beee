"""`dragoman eval`: the scorer's figures, per-type scores, the confusion matrix, actor accuracy,
and the gate of pinned floors (eval/baseline.json)."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dragoman import evaluate as ev
from dragoman.cli import main
from dragoman.errors import ConfigError

from .conftest import ROOT, SHARED, need_shared

DEV_GOLD = SHARED / "data" / "plover" / "gsr_dev.gold.jsonl"
SCORER = SHARED / "tools" / "eval_events.py"
BASELINE = ROOT / "eval" / "baseline.json"


def entry(types, source, target=None, **more):
    return {"events": types, "source": source, "target": target, "must": True, **more}


def event(doc, plover, source, target=None, date=None):
    return {"doc_id": doc, "plover": plover, "source": {"country": source},
            "target": {"country": target} if target else None, "date": date,
            "evidence": {"trigger": "t", "pattern": "000/t"}}


DOCS = [
    {"id": "a", "text": "A", "gold": [entry(["AGREE"], ["JOR", "GBR"], ["JOR", "GBR"], symmetric=True)]},
    {"id": "b", "text": "B", "gold": [entry(["FIGHT"], ["ISR"], ["LBN"], date="2001-05")]},
    {"id": "c", "text": "C", "gold": [entry(["DEMAND"], ["RUS"], ["SDN"], must=False)],
     "allowed": [entry(["COERCE"], ["SDN"])]},
    {"id": "d", "text": "D", "gold": [entry(["REJECT"], ["IRN"], ["USA"], target_required=True)]},
]
EVENTS = [
    event("a", "AGREE", "GBR", "JOR"),                    # symmetric: the other way round is right
    event("b", "ASSAULT", "ISR", "LBN", "2001-05-03"),    # FIGHT is ASSAULT in the 2021 names
    event("b", "ACCUSE", "ISR", "LBN"),                   # wrong type: matches nothing
    event("c", "COERCE", "SDN"),                          # allowed, not required
    event("c", "REQUEST", "SDN", "RUS"),                  # right type, actors the wrong way round
    event("d", "REJECT", "IRN"),                          # the target is required
]


def test_headline_figures_follow_the_scorer_rules():
    figures = ev.headline(DOCS, EVENTS)
    assert figures["gold_events"] == 4 and figures["produced_events"] == 6
    assert figures["type_recall"] == 1.0            # every gold type was produced somewhere in its document
    assert figures["full_recall"] == 0.5            # a and b
    assert figures["must_recall"] == round(2 / 3, 3)
    assert figures["precision"] == 0.5             # a, b's ASSAULT and c's allowed COERCE
    assert figures["date_accuracy"] == 1.0


def test_per_type_scores_and_macro_f1():
    types = ev.per_type(DOCS, EVENTS)
    assert types["ASSAULT"] == {"gold": 1, "found": 1, "produced": 1, "correct": 1,
                                "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert types["REQUEST"]["recall"] == 0.0 and types["REQUEST"]["precision"] == 0.0
    assert types["ACCUSE"]["gold"] == 0 and types["ACCUSE"]["recall"] is None
    assert ev.macro_f1(types) == 0.5                # AGREE 1, ASSAULT 1, REQUEST 0, REJECT 0


def test_confusion_matrix_rows_are_gold_types():
    table = ev.confusion(DOCS, EVENTS)
    assert table["AGREE"] == {"AGREE": 1} and table["ASSAULT"] == {"ASSAULT": 1}
    assert table["REJECT"] == {"-": 1}              # right type, but no target where one is required
    assert table["REQUEST"] == {"-": 1}
    assert table["-"] == {"ACCUSE": 1, "REJECT": 1, "REQUEST": 1}   # events that match nothing


def test_actor_accuracy_counts_events_of_the_right_type():
    actors = ev.actor_accuracy(DOCS, EVENTS)
    assert (actors["typed"], actors["source_right"], actors["targeted"], actors["target_right"]) == (4, 3, 4, 2)


def test_report_and_details_name_what_went_wrong():
    report = ev.evaluate(DOCS, EVENTS, with_details=True)
    missed = {m["doc"] for m in report["details"]["missed"]}
    stray = {(s["doc"], s["type"]) for s in report["details"]["spurious"]}
    assert missed == {"c", "d"} and stray == {("b", "ACCUSE"), ("c", "REQUEST"), ("d", "REJECT")}
    text = ev.format_report({**report, "gold": "g.jsonl"})
    assert "type_recall" in text and "confusion" in text and "missed gold events" in text


def test_floors_are_raised_never_lowered(tmp_path):
    report = {"gold": "g.jsonl", "type_recall": 0.8, "precision": 0.6, "date_accuracy": None}
    baseline = {"gold": "g.jsonl", "floors": {"type_recall": 0.7, "precision": 0.65}}
    raised = ev.raise_floors(report, baseline)["floors"]
    assert raised["type_recall"] == 0.8 and raised["precision"] == 0.65 and "date_accuracy" not in raised
    assert ev.below_floor(report, baseline["floors"]) == ["precision = 0.6 is below its floor 0.65"]


def test_gate_creates_updates_and_still_reports_a_drop(tmp_path):
    path = tmp_path / "eval" / "baseline.json"
    with pytest.raises(ConfigError, match="no baseline file"):
        ev.gate({"gold": "g.jsonl"}, path)
    failures, raised = ev.gate({"gold": "g.jsonl", "precision": 0.7}, path, update=True)
    assert failures == [] and raised == {"precision": (None, 0.7)}
    failures, raised = ev.gate({"gold": "g.jsonl", "precision": 0.6}, path, update=True)
    assert failures == ["precision = 0.6 is below its floor 0.7"] and raised == {}
    assert json.loads(path.read_text())["floors"] == {"precision": 0.7}
    with pytest.raises(ConfigError, match="holds floors for g.jsonl"):
        ev.gate({"gold": "other.jsonl", "precision": 0.9}, path)


def test_cli_eval_json_and_baseline(tmp_path, monkeypatch):
    gold = tmp_path / "tiny.gold.jsonl"
    gold.write_text(json.dumps({"id": "t1", "date": "2022-03-10", "text": "The European Union imposed new sanctions on Belarus.",
                                "gold": [entry(["SANCTION"], ["EUR", "IGO"], ["BLR"])]}) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(gold), "--json", "--update-baseline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["per_type"]["SANCTION"]["gold"] == 1 and "confusion" in report
    floors = json.loads((tmp_path / "eval" / "baseline.json").read_text())["floors"]
    assert floors["type_recall"] == report["type_recall"]
    # A floor above what the coder reaches makes the gate fail with exit status 1.
    (tmp_path / "eval" / "baseline.json").write_text(json.dumps({"gold": gold.name, "floors": {"precision": 1.1}}))
    failed = runner.invoke(main, ["eval", str(gold), "--baseline", "eval/baseline.json"], catch_exceptions=False)
    assert failed.exit_code == 1 and "below its floor 1.1" in failed.output


@pytest.fixture(scope="module")
def dev_report():
    return ev.evaluate_file(need_shared(DEV_GOLD))


def test_in_process_figures_equal_the_reference_scorer(dev_report):
    need_shared(SCORER)
    run = subprocess.run([sys.executable, str(SCORER), str(need_shared(DEV_GOLD)), "--cmd", f"{sys.executable} -m dragoman"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    reference = json.loads(run.stdout[:run.stdout.rindex("}") + 1])
    for name in ev.HEADLINE + ("gold_events", "produced_events"):
        assert dev_report[name] == reference[name], name


def test_dev_figures_stay_above_the_pinned_floors(dev_report):
    """The evaluation gate (also `make eval`): no change may lower a pinned figure silently;
    raise the floors with `dragoman eval GOLD --update-baseline` when figures improve."""
    failures, _ = ev.gate(dev_report, BASELINE)
    assert not failures, failures
