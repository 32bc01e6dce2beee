"""Verdicts made through the API become gold annotations, exported by `export --format gold`."""
from __future__ import annotations

import json

from click.testing import CliRunner

from dragoman.cli import main
from dragoman.gold import corpus

from .conftest import WRITE


def a_report(client, **filters) -> dict:
    """The first report of the filtered events whose source the text names."""
    for event in client.get("/events", params={"limit": 100, **filters}).json()["events"]:
        report = client.get(f"/events/{event['event_id']}").json()["mentions"][0]
        if (report["record"]["source"] or {}).get("text"):
            return report
    raise AssertionError(f"no report of {filters} with a named source")


def export_gold(db, tmp_path) -> list[dict]:
    out = tmp_path / "reviews.jsonl"
    result = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "gold", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_accept_correct_and_reject_are_exported_as_gold(client, service, db, tmp_path):
    accepted = a_report(client, plover="AGREE")
    corrected = a_report(client, plover="ASSAULT")
    rejected = a_report(client, plover="CONSULT")
    assert client.post("/reviews", json={"mention_id": accepted["mention_id"], "verdict": "accept"},
                       headers=WRITE).status_code == 200
    source = corrected["record"]["source"]
    correction = {"mention_id": corrected["mention_id"], "verdict": "correct", "type": "COERCE", "cameo": "173",
                  "source": {"code": "CHNMIL", "text": source["text"]}, "date": "2020-06-15",
                  "factuality": "alleged", "time": "background"}
    saved = client.post("/reviews", json=correction, headers=WRITE).json()
    assert saved["annotation"]["type"] == "COERCE" and saved["annotation"]["mode"] is None
    assert client.post("/reviews", json={"mention_id": rejected["mention_id"], "verdict": "reject"},
                       headers=WRITE).status_code == 200
    service.close()   # the export opens the database itself

    records = export_gold(db, tmp_path)
    assert sum(len(r["events"]) for r in records) == 2 and sum(len(r["rejected"]) for r in records) == 1
    path = tmp_path / "reviews.jsonl"
    docs = {d.id: d for d in corpus.load(path, with_text=False)}   # the corpus's own reader takes it
    by_id = {e.id: (d, e) for d in docs.values() for e in d.events}
    texts = {r["id"]: r["text"] for r in records}
    doc, event = by_id["r" + corrected["mention_id"]]
    assert doc.sha1 == corpus.sha1(texts[doc.id])
    assert (event.type, event.cameo, event.factuality, event.time, event.date) == \
        ("COERCE", "173", "alleged", "background", "2020-06-15")
    a, b = event.source[0].span
    assert texts[doc.id][a:b] == source["text"] and event.source[0].code == "CHNMIL"
    doc, event = by_id["r" + accepted["mention_id"]]
    a, b = event.trigger
    assert texts[doc.id][a:b] == accepted["record"]["evidence"]["trigger"]
    assert event.type == "AGREE" and event.factuality in ("asserted", "planned")


def test_a_later_verdict_replaces_the_earlier(client):
    report = a_report(client)
    for verdict in ("reject", "accept"):
        client.post("/reviews", json={"mention_id": report["mention_id"], "verdict": verdict}, headers=WRITE)
    reviews = client.get("/reviews").json()
    assert [r["verdict"] for r in reviews] == ["accept"]
    shown = client.get(f"/events/{reviews[0]['event_id']}").json()["mentions"]
    assert [(m["verdict"], m["annotation"]["type"]) for m in shown if m["mention_id"] == report["mention_id"]] == \
        [("accept", report["record"]["plover"])]
    listed = client.get("/events", params={"limit": 500}).json()["events"]
    assert sum(e["reviewed"] for e in listed) == 1
    queue = client.get("/events", params={"limit": 500, "unreviewed": True}).json()
    assert queue["total"] == len(listed) - 1


def test_a_correction_is_checked_as_an_annotators_file_is(client):
    report = a_report(client)
    for fields, reason in (({"type": "ASSAULT", "cameo": "036"}, "root"),
                           ({"cameo": "999"}, "does not exist"),
                           ({"source": {"code": "XX1", "text": "Russia"}}, "actor code"),
                           ({"source": {"code": "RUSGOV", "text": "words nowhere in the article"}}, "not in the text"),
                           ({"date": "last week"}, "date"),
                           ({"factuality": "maybe"}, "factuality"),
                           ({"place": {"text": None, "country": "XYZ"}}, "ISO 3166")):
        response = client.post("/reviews", json={"mention_id": report["mention_id"], "verdict": "correct", **fields},
                               headers=WRITE)
        assert response.status_code == 400, fields
        assert response.json()["error"]["code"] == "E806" and reason in response.json()["error"]["message"], fields
    response = client.post("/reviews", json={"mention_id": report["mention_id"], "verdict": "maybe"}, headers=WRITE)
    assert response.status_code == 400
    response = client.post("/reviews", json={"mention_id": "nope", "verdict": "accept"}, headers=WRITE)
    assert response.status_code == 404 and response.json()["error"]["code"] == "E802"
    assert client.get("/health").json()["reviews"] == 0


def test_nothing_reviewed_exports_nothing(db, tmp_path):
    assert export_gold(db, tmp_path) == []
