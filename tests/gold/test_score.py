import json

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.gold import corpus, score

from .test_agreement import doc
from .test_annotate import CONDEMNED, SHELLED

TEXT = "Russian forces shelled Kharkiv on Thursday. Ukraine's president condemned the attack."


def made(plover, source, target, sentence_id=0, date="2018-03-29", location=None, trigger=(15, 22), **extra):
    sentence = TEXT.split(". ")[sentence_id] + ("." if sentence_id == 0 else "")
    actor = lambda key: {"country": key, "code": key} if key else None  # noqa: E731
    return {"doc_id": "guardian-4", "sentence_id": sentence_id, "sentence": sentence, "plover": plover,
            "cameo": extra.get("cameo", "190"), "source": actor(source), "target": actor(target), "date": date,
            "location": location, "evidence": {"trigger_span": list(trigger), "trigger": "x", "pattern": "p"}}


def test_produced_sentences_are_found_whatever_the_whitespace():
    text = "Title\n\nRussian  forces\nshelled Kharkiv. Then\u00ad more."
    placed = score.place_events(text, [{"sentence_id": 3, "sentence": "Russian forces shelled Kharkiv.",
                                        "evidence": {"trigger_span": [15, 22]}},
                                       {"sentence_id": 9, "sentence": "Not there.", "evidence": {}}])
    assert text[slice(*placed[0].sentence)] == "Russian  forces\nshelled Kharkiv."
    assert text[slice(*placed[0].trigger)] == "\nshelle"   # spans drift with the whitespace they skip
    assert placed[1].sentence is None


def test_levels_of_fit(shared):
    gold = doc(shared, SHELLED).events[0]
    placed = score.place_events(TEXT, [made("ASSAULT", "RUS", "UKR"), made("ASSAULT", "RUS", None),
                                       made("ASSAULT", "UKR", "RUS"), made("COERCE", "RUS", "UKR"),
                                       made("ASSAULT", "RUS", "UKR", sentence_id=1)])
    fit = [[score.fits(p, gold, level) for level in score.LEVELS] for p in placed]
    assert fit == [[True, True, True], [True, True, False], [True, False, False],
                   [False, False, False], [False, False, False]]
    symmetric = doc(shared, dict(SHELLED, symmetric=True)).events[0]
    assert score.fits(placed[2], symmetric, "full")


def test_accepted_types_follow_the_cameo_table_and_plover_for_plans(shared):
    sanctions = doc(shared, dict(SHELLED, type="SANCTION", cameo="163", mode=None)).events[0]
    assert score.accepted_types(sanctions) == {"SANCTION", "COERCE"}
    visit = doc(shared, dict(SHELLED, type="CONSULT", cameo="042", mode="visit", factuality="planned")).events[0]
    assert score.accepted_types(visit) == {"CONSULT", "AGREE"}
    attack = doc(shared, dict(SHELLED, factuality="planned")).events[0]
    assert score.accepted_types(attack) == {"ASSAULT", "THREATEN"}


def test_a_gold_event_without_source_wants_none(shared):
    gold = doc(shared, dict(SHELLED, source=[])).events[0]
    with_source, without = score.place_events(TEXT, [made("ASSAULT", "RUS", "UKR"), made("ASSAULT", None, "UKR")])
    assert not score.fits(with_source, gold, "source") and score.fits(without, gold, "full")


def test_figures(shared):
    hypothetical = dict(CONDEMNED, trigger="attack", type="ASSAULT", cameo="190", factuality="hypothetical",
                        source=[], target=[{"text": "Ukraine", "code": "UKR"}], date=None)
    gold = doc(shared, SHELLED, CONDEMNED, hypothetical)
    events = [made("ASSAULT", "RUS", "UKR", location={"name": "Kharkiv", "country": "UKR"}),
              made("ASSAULT", "RUS", "UKR", date="2018-03-30"),                        # the same dyad again
              made("ASSAULT", None, "UKR", sentence_id=1, trigger=(43, 49)),           # the hypothetical attack
              made("ACCUSE", "UKR", None, sentence_id=1, date="2018-03-30", trigger=(22, 31), cameo="111")]
    report = score.evaluate([gold], events, with_details=True)
    assert (report["gold_events"], report["produced_events"]) == (2, 4)
    assert report["type_precision"] == 0.5 and report["type_recall"] == 1.0
    assert report["full_precision"] == 0.25 and report["full_recall"] == 0.5
    assert report["target_recall"] == 0.5                     # the condemnation's target is missing
    assert report["not_asserted_share"] == 0.25
    assert report["factuality"] == {"hypothetical": {"gold": 1, "output": 1}}
    assert report["date_accuracy_news"] == 1.0 and report["place_accuracy"] == 1.0
    assert report["confusion"]["ACCUSE"] == {"ACCUSE": 1} and report["confusion"]["-"] == {"ASSAULT": 1}
    wrong = report["details"]["wrong"]
    assert [w["not_asserted"] for w in wrong] == ["hypothetical"]      # a duplicate is not listed, only not counted
    assert "events matching no gold mention" in score.format_report({**report, "gold": "g", "folds": "all"})


def test_cli_scores_a_corpus_by_folds_and_gates_with_ceilings(shared, tmp_path, monkeypatch):
    folder = tmp_path / "gold"
    folder.mkdir()
    corpus.save([doc(shared, SHELLED, CONDEMNED)], folder / "guardian.jsonl")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    args = ["eval", str(folder), "--texts", str(shared), "--json"]
    result = runner.invoke(main, args + ["--update-baseline"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["gold_events"] == 2 and report["folds"] == "all"
    baseline = json.loads((tmp_path / "eval" / "gold_baseline.json").read_text())
    assert baseline["gold"] == "gold" and set(baseline["ceilings"]) <= set(score.LOWER)
    assert baseline["floors"]["type_recall"] == report["type_recall"]
    other = (corpus.fold_of("guardian-4") + 1) % corpus.FOLDS
    result = runner.invoke(main, args + ["--folds", str(other)], catch_exceptions=False)
    assert json.loads(result.stdout)["docs"] == 0
    baseline["ceilings"] = {"not_asserted_share": -1}
    (tmp_path / "eval" / "gold_baseline.json").write_text(json.dumps(baseline))
    failed = runner.invoke(main, args + ["--baseline", "eval/gold_baseline.json"], catch_exceptions=False)
    assert failed.exit_code == 1 and "above its ceiling -1" in failed.output
    bad = runner.invoke(main, ["eval", str(folder), "--folds", "x"])
    assert bad.exit_code == 2


def test_a_corpus_is_told_from_gold_sentences_by_the_head_of_its_file(tmp_path):
    line = json.dumps({"id": "seed-1", "date": None, "sha1": "0" * 40, "fold": 0, "events": []})
    corpus_file = tmp_path / "corpus.jsonl"
    # Past the head: a byte that is no UTF-8, which only a reader of the whole file would meet.
    corpus_file.write_bytes(f"\n{line}\n".encode() + b"x" * score.SNIFF_BYTES + b"\xff\n")
    assert score.is_corpus(corpus_file) and score.is_corpus(tmp_path)
    sentences = tmp_path / "sentences.jsonl"
    # A head that ends inside a character (an odd number of bytes before the é of two bytes each).
    sentences.write_bytes(json.dumps({"id": "s12", "text": "é" * score.SNIFF_BYTES}, ensure_ascii=False).encode())
    assert not score.is_corpus(sentences)
