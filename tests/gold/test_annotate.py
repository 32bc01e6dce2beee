import json

import pytest

from dragoman.errors import ConfigError
from dragoman.gold import annotate, corpus
from dragoman.gold.adjudicate import to_working


def write(tmp_path, *docs):
    path = tmp_path / "pass.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


SHELLED = {"s": 0, "trigger": "shelled", "type": "ASSAULT", "cameo": "194", "mode": "heavy-weapons",
           "source": [{"text": "Russian forces", "code": "RUSMIL"}], "target": [{"text": "Kharkiv", "code": "UKR"}],
           "factuality": "asserted", "time": "news", "date": "2018-03-29",
           "place": {"text": "Kharkiv", "country": "UKR"}}
CONDEMNED = {"s": 1, "trigger": "condemned", "type": "ACCUSE", "cameo": "111",
             "source": [{"text": "Ukraine's president", "code": "UKRGOV"}],
             "target": [{"text": "Russian forces", "s": 0, "code": "RUSMIL"}],
             "factuality": "asserted", "time": "news", "date": "2018-03-30", "place": None}


def test_packets_number_sentences_and_refuse_reserved_documents(shared):
    text = annotate.packet("guardian-4", shared)
    assert text.splitlines() == ["=== DOCUMENT guardian-4 | date 2018-03-30 | 2 sentences ===",
                                 "[0] Russian forces shelled Kharkiv on Thursday.",
                                 "[1] Ukraine's president condemned the attack."]
    with pytest.raises(ValueError, match="reserved"):
        annotate.packet("guardian-5", shared)


def test_batches_hold_at_most_the_given_text():
    sizes = {"a": 10, "b": 10, "c": 25, "d": 1}
    import dragoman.gold.annotate as mod
    real = mod.texts.text_of
    mod.texts.text_of = lambda doc_id, root=None: type("T", (), {"text": "x" * sizes[doc_id]})()
    try:
        assert annotate.batches(list(sizes), None, 20) == [["a", "b"], ["c"], ["d"]]
    finally:
        mod.texts.text_of = real


def test_quotes_become_offsets_into_the_text(shared, tmp_path):
    docs, problems = annotate.read_file(write(tmp_path, {"doc": "guardian-4", "events": [SHELLED, CONDEMNED]}), shared)
    assert problems == []
    doc = docs[0]
    text = doc.text
    shelled, condemned = doc.events
    assert text[shelled.trigger[0]:shelled.trigger[1]] == "shelled"
    assert [text[a.span[0]:a.span[1]] for a in condemned.target] == ["Russian forces"]
    assert shelled.place.country == "UKR" and text[slice(*shelled.place.span)] == "Kharkiv"
    assert doc.fold == corpus.fold_of("guardian-4") and doc.sha1 == corpus.sha1(text)
    assert shelled.output and shelled.mode == "heavy-weapons"


def test_the_nth_occurrence_is_found(shared, tmp_path):
    event = dict(CONDEMNED, s=0, trigger="Kharkiv", type="ASSAULT", cameo="190",
                 source=[{"text": "Russian forces", "code": "RUSMIL"}], target=[])
    docs, problems = annotate.read_file(write(tmp_path, {"doc": "guardian-4", "events": [event]}), shared)
    assert problems == []
    event["trigger_occ"] = 2
    _, problems = annotate.read_file(write(tmp_path, {"doc": "guardian-4", "events": [event]}), shared)
    assert problems == ["guardian-4 event 1: trigger 'Kharkiv' is not in sentence [0] 1 time(s) only"]


@pytest.mark.parametrize("change, reason", [
    ({"trigger": "bombed"}, "trigger 'bombed' is not in sentence [0]"),
    ({"type": "FIGHT"}, "type 'FIGHT' is not a PLOVER type"),
    ({"cameo": "036"}, "has root 03, whose PLOVER types are ['AGREE'], not ASSAULT"),
    ({"cameo": "020", "type": "REQUEST", "mode": None}, "not a PLOVER event"),
    ({"mode": "visit"}, "mode 'visit' is not a mode of ASSAULT"),
    ({"factuality": "maybe"}, "factuality 'maybe' is not one of"),
    ({"time": "old"}, "time 'old' is not news or background"),
    ({"date": "29 March"}, "date '29 March' is not YYYY"),
    ({"source": [{"text": "Russian forces", "code": "RUSFOO"}]}, "FOO is not a sector"),
    ({"source": [{"text": "Russian forces", "code": "XXX"}]}, "not an ISO 3166 country"),
    ({"source": [], "target": []}, "an event needs a source or a target"),
    ({"place": {"text": "Kharkiv", "country": "UKRAINE"}}, "not an ISO 3166 alpha-3 code"),
    ({"s": 7}, "s=7 is not a sentence number"),
])
def test_every_problem_names_the_document_and_event(shared, tmp_path, change, reason):
    docs, problems = annotate.read_file(write(tmp_path, {"doc": "guardian-4", "events": [dict(SHELLED, **change)]}), shared)
    assert len(problems) == 1 and problems[0].startswith("guardian-4 event 1: ") and reason in problems[0], problems
    assert docs[0].events == ()


def test_files_must_hold_every_document_once_and_no_reserved_one(shared, tmp_path):
    path = write(tmp_path, {"doc": "guardian-4", "events": []}, {"doc": "guardian-4", "events": []},
                 {"doc": "guardian-5", "events": []})
    _, problems = annotate.read_file(path, shared, expected=["guardian-4", "guardian-6"])
    assert problems == ["line 2: guardian-4 is given twice", "line 3: guardian-5 is reserved and may not be annotated",
                        "guardian-6: missing: the batch holds it (give it with an empty events list if it has none)"]


def test_standoff_turns_back_into_the_annotators_format(shared, tmp_path):
    docs, _ = annotate.read_file(write(tmp_path, {"doc": "guardian-4", "events": [SHELLED, CONDEMNED]}), shared)
    working = [to_working(e, docs[0].text) for e in docs[0].events]
    assert working[1]["target"] == [{"text": "Russian forces", "s": 0, "code": "RUSMIL"}]
    again = annotate.to_standoff("guardian-4", working, shared, annotate.Problems([]))
    assert again.events == docs[0].events


def test_corpus_files_round_trip_and_check_their_texts(shared, tmp_path):
    docs, _ = annotate.read_file(write(tmp_path, {"doc": "guardian-4", "events": [SHELLED, CONDEMNED]}), shared)
    folder = tmp_path / "gold"
    folder.mkdir()
    corpus.save(docs, folder / "guardian.jsonl")
    assert corpus.load(folder / "guardian.jsonl", shared) == docs
    assert corpus.load(folder, shared) == docs                      # a folder of corpus files
    changed = json.loads((folder / "guardian.jsonl").read_text())
    changed["sha1"] = "0" * 40
    (folder / "guardian.jsonl").write_text(json.dumps(changed) + "\n")
    with pytest.raises(ConfigError, match="its text has changed"):
        corpus.load(folder, shared)
