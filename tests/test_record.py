import json
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from dragoman.record import Actor, Event, Evidence, Location, Reject, content_id, period_day

CONTRACT_FIELDS = {"event_id", "doc_id", "sentence_id", "sentence", "date", "source", "target", "cameo", "plover",
                   "plover_mode", "plover_context", "goldstein", "quad_class", "location", "evidence", "confidence"}


def _event(**changes):
    fields = dict(event_id="e1", doc_id="d1", sentence_id=0, sentence="Russia attacked Ukraine.", date="2022-02-24",
                  source=Actor("Russia", "Russia", "RUS", None, "RUS", 0, 6),
                  target=Actor("Ukraine", "Ukraine", "UKR", None, "UKR", 16, 23),
                  cameo="190", plover="ASSAULT", plover_mode=None, plover_context=("military",), goldstein=-10.0,
                  quad_class=4, evidence=Evidence("attacked", (7, 15), "190/attack > obj"), confidence=0.8)
    fields.update(changes)
    return Event(**fields)


def test_event_dict_has_every_contract_field_and_is_json():
    d = _event(location=Location("Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448)).to_dict()
    assert CONTRACT_FIELDS <= set(d)
    assert d["source"] == {"text": "Russia", "name": "Russia", "country": "RUS", "sector": None, "code": "RUS",
                           "found": "dictionary"}
    assert d["location"]["geonameid"] == 703448
    assert d["evidence"]["pattern"] == "190/attack > obj"
    assert json.loads(json.dumps(d)) == d


def test_records_are_frozen():
    with pytest.raises(FrozenInstanceError):
        _event().cameo = "010"


def test_actor_key_prefers_country_then_code_prefix():
    assert Actor("NATO", code="IGOWSTNAT").key == "IGO"
    assert Actor("Kremlin", country="RUS", code="RUSGOV").key == "RUS"
    assert Actor("someone").key is None


def test_content_id_is_stable_and_content_bound():
    assert content_id("abc") == content_id("abc")
    assert content_id("abc") != content_id("abd")
    assert len(content_id("x")) == 16


def test_reject_line_names_document_and_reason():
    line = Reject("news/a.jsonl:3", "not a JSON object", "E105").line()
    assert "news/a.jsonl:3" in line and "not a JSON object" in line and "E105" in line
    assert "\n" not in line


def test_a_date_of_any_precision_has_a_first_and_a_last_day():
    assert period_day("2024-02-10") == period_day("2024-02-10", end=True) == date(2024, 2, 10)
    assert (period_day("2024-02"), period_day("2024-02", end=True)) == (date(2024, 2, 1), date(2024, 2, 29))
    assert (period_day("2024"), period_day("2024", end=True)) == (date(2024, 1, 1), date(2024, 12, 31))
    for bad in ("2024-2", "2024-00", "2024-02-30", "24", ""):
        with pytest.raises(ValueError):
            period_day(bad)
