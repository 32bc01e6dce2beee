"""The HTTP API on the examples' store, through FastAPI's test client."""
from __future__ import annotations

import asyncio
import json

from dragoman.serve.app import Limits

from .conftest import TOKEN, WRITE

ARTICLE = "Russian troops attacked Ukrainian soldiers in Kharkiv on Monday."


def error(response) -> str:
    return response.json()["error"]["code"]


def test_health_counts_what_the_store_holds(client, db):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["events"] > 20 and body["documents"] == 8 and body["reviews"] == 0


def test_events_are_paged_and_ordered(client):
    first = client.get("/events", params={"limit": 5}).json()
    second = client.get("/events", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(ids) == len(set(ids)) == 10
    queue = client.get("/events", params={"order": "confidence", "limit": 500}).json()["events"]
    confidences = [e["confidence"] for e in queue]
    assert confidences == sorted(confidences)


def test_events_are_filtered(client):
    everything = client.get("/events", params={"limit": 500}).json()["events"]
    kind = everything[0]["plover"]
    same = client.get("/events", params={"plover": kind, "limit": 500}).json()
    assert same["total"] == sum(e["plover"] == kind for e in everything)
    turkey = client.get("/events", params={"country": "tur", "limit": 500}).json()["events"]
    assert turkey and all("TUR" in (e["source_country"], e["target_country"]) for e in turkey)
    dated = client.get("/events", params={"since": "2022-01-01", "until": "2022-06", "limit": 500}).json()["events"]
    assert dated and all("2022-01-01" <= e["date"] and e["date"][:7] <= "2022-06" for e in dated)
    sure = client.get("/events", params={"min_confidence": 0.8, "limit": 500}).json()["events"]
    assert all(e["confidence"] >= 0.8 for e in sure)


def test_bad_filter_values_are_refused_and_touch_nothing(client):
    for params in ({"plover": "X' OR '1'='1"}, {"country": "'; DROP TABLE events; --"}, {"since": "yesterday"},
                   {"quad": "5"}, {"since": "2022-02-01", "until": "2022-01-01"}):
        response = client.get("/events", params=params)
        assert response.status_code == 400 and error(response) == "E400", params
    assert client.get("/health").json()["events"] > 0


def test_a_filter_may_be_given_several_times(client):
    both = client.get("/events", params={"plover": ["AGREE", "CONSULT"], "limit": 500}).json()["events"]
    assert {e["plover"] for e in both} == {"AGREE", "CONSULT"}


def test_events_as_csv(client):
    response = client.get("/events", params={"format": "csv", "limit": 3})
    lines = response.text.strip().splitlines()
    assert response.headers["content-type"].startswith("text/csv")
    assert lines[0].startswith("event_id,") and len(lines) == 4


def test_bad_parameters_are_json_errors(client):
    for params in ({"limit": 0}, {"limit": 100000}, {"order": "random"}, {"min_confidence": "high"}):
        response = client.get("/events", params=params)
        assert response.status_code == 400 and error(response) == "E806", params


def test_one_event_with_its_evidence_and_spans_in_its_article(client):
    event_id = client.get("/events", params={"limit": 1}).json()["events"][0]["event_id"]
    body = client.get(f"/events/{event_id}").json()
    assert body["event"]["event_id"] == event_id
    report = body["mentions"][0]
    evidence = report["record"]["evidence"]
    text = client.get(f"/documents/{report['doc_id']}").json()["text"]
    a, b = report["spans"]["trigger"]
    assert text[a:b] == evidence["trigger"]
    s, e = report["spans"]["sentence"]
    assert s <= a < b <= e


def test_unknown_ids_and_routes_are_404(client):
    for path in ("/events/0000", "/documents/nope", "/nowhere", "/static/../../../etc/passwd", "/static/index.py"):
        response = client.get(path)
        assert response.status_code == 404 and error(response) == "E802", path


def test_the_page_and_its_assets_come_from_the_package(client):
    page = client.get("/")
    assert page.status_code == 200 and "/static/review.js" in page.text
    assert "<script>" not in page.text   # no inline script: the policy allows none
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/review.js").headers["content-type"].startswith("text/javascript")
    assert "http" not in client.get("/static/review.css").text   # nothing fetched from elsewhere
    assert "/events" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_the_schema_lists_each_routes_parameters(client):
    filters = ["since", "until", "country", "source_country", "target_country", "actor", "plover", "cameo", "quad",
               "min_confidence", "news_only"]
    paths = client.get("/openapi.json").json()["paths"]

    def names(method: str, path: str) -> list[str]:
        return [p["name"] for p in paths[path][method].get("parameters", [])]

    assert names("get", "/events") == ["order", "unreviewed", "limit", "offset", "format", *filters]
    assert names("get", "/series") == ["by", "period", "format", *filters]
    assert names("get", "/dyads") == ["period", "format", *filters]
    assert names("get", "/reviews") == ["limit", "offset"]
    assert names("post", "/code") == names("post", "/documents") == ["date"]
    limits = {path: next(p["schema"] for p in paths[path]["get"]["parameters"] if p["name"] == "limit")
              for path in ("/events", "/reviews")}
    assert limits["/events"]["default"] == 50 and limits["/reviews"]["default"] == 100
    assert limits["/events"]["maximum"] == limits["/reviews"]["maximum"] == 500


def test_dyads_as_json_and_csv(client):
    body = client.get("/dyads", params={"period": "year"}).json()
    assert body["period"] == "year" and body["dyads"]
    assert set(body["dyads"][0]) == {"period", "source", "target", "events", "goldstein"}
    csv = client.get("/dyads", params={"period": "year", "format": "csv"}).text.splitlines()
    assert csv[0] == "period,source,target,events,goldstein" and len(csv) == len(body["dyads"]) + 1
    turkey = client.get("/dyads", params={"period": "year", "country": "TUR"}).json()
    assert turkey["dyads"] and all("TUR" in (d["source"], d["target"]) for d in turkey["dyads"])
    assert error(client.get("/dyads", params={"period": "fortnight"})) == "E806"


def test_series_on_a_calendar(client):
    body = client.get("/series", params={"by": "plover", "period": "year"}).json()
    assert body["by"] == "plover" and body["total"] > 0
    years = sorted({c["period"] for c in body["counts"]})
    assert years == [f"{y}-01-01" for y in range(int(years[0][:4]), int(years[-1][:4]) + 1)]   # no gap
    assert sum(c["events"] for c in body["counts"]) + sum(c["events"] for c in body["coarser"]) \
        + body["undated"] + body["unkeyed"] == body["total"]
    csv = client.get("/series", params={"by": "quad", "period": "month", "format": "csv"}).text.splitlines()
    assert csv[0] == "period,key,events,goldstein"
    assert error(client.get("/series", params={"by": "planet"})) == "E806"


# ---------------------------------------------------------------- coding


def test_code_a_text_needs_no_token_and_stores_nothing(client):
    before = client.get("/health").json()["documents"]
    response = client.post("/code", content=ARTICLE.encode(), params={"date": "2022-03-07"},
                           headers={"content-type": "text/plain"})
    events = response.json()["events"]
    assert response.status_code == 200
    assert [(e["plover"], e["source"]["country"], e["date"]) for e in events] == [("ASSAULT", "RUS", "2022-03-07")]
    assert client.get("/health").json()["documents"] == before


def test_code_json_documents_and_html(client):
    doc = {"id": "kh-1", "text": ARTICLE, "date": "2022-03-08", "url": "https://example.org/kh"}
    events = client.post("/code", json=doc).json()["events"]
    assert events and events[0]["doc_id"] == "kh-1" and events[0]["date"] == "2022-03-07"
    several = client.post("/code", json=[doc, {"id": "empty", "text": "   "}]).json()
    assert several["events"] and [r["code"] for r in several["rejected"]] == ["E101"]
    html = f"<html><head><title>Kharkiv</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    coded = client.post("/code", content=html.encode(), params={"date": "2022-03-08"},
                        headers={"content-type": "text/html"}).json()["events"]
    assert [e["plover"] for e in coded] == ["ASSAULT"]


def test_a_body_that_is_not_json_is_refused(client):
    response = client.post("/code", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 400 and error(response) == "E806"


# ---------------------------------------------------------------- writes and the token


def test_writes_need_the_token(client):
    doc = {"id": "kh-1", "text": ARTICLE, "date": "2022-03-08"}
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = client.post("/documents", json=doc, headers=headers)
        assert response.status_code == 401 and error(response) == "E801", headers
        response = client.post("/reviews", json={"mention_id": "x", "verdict": "accept"}, headers=headers)
        assert response.status_code == 401 and error(response) == "E801", headers


def test_documents_are_ingested_once(client, db):
    doc = {"id": "kh-1", "text": ARTICLE, "date": "2022-03-08", "url": "https://example.org/kh"}
    first = client.post("/documents", json=doc, headers=WRITE).json()
    assert (first["doc_ids"], first["stored"], first["skipped"], first["events"]) == (["kh-1"], 1, 0, 1)
    again = client.post("/documents", json=doc, headers=WRITE).json()
    assert (again["stored"], again["skipped"]) == (0, 1)
    other = client.post("/documents", json={**doc, "text": "Another text."}, headers=WRITE).json()
    assert [r["code"] for r in other["rejected"]] == ["E108"]
    stored = client.get("/documents/kh-1").json()
    assert stored["text"] == ARTICLE and stored["url"] == "https://example.org/kh"


def test_reads_can_need_the_token_too(service, client):
    service.protect_reads = True
    assert error(client.get("/events")) == "E801"
    assert client.get("/events", headers=WRITE).status_code == 200
    assert client.get("/").status_code == 200   # the page itself holds no data


def test_a_body_over_the_limit_is_refused(service):
    from fastapi.testclient import TestClient

    from dragoman.serve.app import make_app
    from dragoman.serve.service import Service

    small = Service(service.store, TOKEN, max_body=100)
    with TestClient(make_app(small)) as client:
        response = client.post("/code", content=b"x" * 1000, headers={"content-type": "text/plain"})
        assert response.status_code == 413 and error(response) == "E803"
        chunks = iter([b"x" * 60, b"x" * 60])   # no Content-Length: counted as it comes
        response = client.post("/code", content=chunks, headers={"content-type": "text/plain"})
        assert response.status_code == 413 and error(response) == "E803"


def test_a_request_over_the_time_limit_is_answered_504():
    async def slow(scope, receive, send):
        await asyncio.sleep(5)

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    asyncio.run(Limits(slow, max_body=10, timeout=0.2)({"type": "http", "headers": []}, receive, send))
    assert sent[0]["status"] == 504 and json.loads(sent[1]["body"])["error"]["code"] == "E804"


def test_a_busy_database_is_503_not_a_hang(service, client):
    service.timeout = 0.2
    with service.write_lock:
        response = client.post("/reviews", json={"mention_id": "x", "verdict": "accept"}, headers=WRITE)
    assert response.status_code == 503 and error(response) == "E805"
