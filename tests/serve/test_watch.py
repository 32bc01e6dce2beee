"""`dragoman watch` against a local HTTP server on 127.0.0.1 serving fixture feeds and pages."""
from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from dragoman.cli import main
from dragoman.serve.watch import Watch
from dragoman.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"


class Site:
    """The fixture files at http://127.0.0.1:PORT/NAME (HOST in them replaced by that address), the
    Antalya story again at /antalya-copy.html, a page that fails on its first request (/flaky.html),
    a redirect to a local file (/redirect), and a count of the requests for each path."""

    def __init__(self):
        self.requests: Counter[str] = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests[self.path] += 1
                site.answer(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.host = f"127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://{self.host}/{name}"

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        name = handler.path.lstrip("/")
        if name == "redirect":
            handler.send_response(302)
            handler.send_header("Location", "file:///etc/passwd")
            handler.end_headers()
            return
        if name == "flaky.html":
            if self.requests[handler.path] == 1:
                handler.send_error(500)
                return
            name = "kharkiv.html"
        name = "antalya.html" if name == "antalya-copy.html" else name   # the same story at another address
        path = FIXTURES / name
        if "/" in name or not path.is_file():
            handler.send_error(404)
            return
        body = path.read_text(encoding="utf-8").replace("HOST", self.host).encode()
        kind = {".rss": "application/rss+xml", ".atom": "application/atom+xml"}.get(path.suffix, "text/html")
        handler.send_response(200)
        handler.send_header("Content-Type", f"{kind}; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def site():
    site = Site()
    yield site
    site.close()


def stored(db) -> list[dict]:
    store = open_store(db, read_only=True)
    try:
        return list(store.records("SELECT doc_id, url, date, title FROM documents ORDER BY url"))
    finally:
        store.close()


def run(*args):
    return CliRunner().invoke(main, ["watch", *args])


def test_once_over_feeds_ingests_each_article_once_even_run_twice(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    feeds = [site.url("world.rss"), site.url("world.atom")]
    first = run(*feeds, "--db", str(db), "--once")
    assert first.exit_code == 1, first.output   # missing.html could not be fetched: said, not fatal
    assert "missing.html: could not fetch it: HTTP 404" in first.output
    rows = stored(db)
    # antalya.html is in both feeds (once with a #fragment); antalya-copy.html is the same text elsewhere
    assert [r["url"] for r in rows] == [site.url("antalya.html"), site.url("kharkiv.html")]
    assert [str(r["date"]) for r in rows] == ["2022-03-10", "2022-03-07"]   # the feeds' publication dates
    assert "stored 2 documents" in first.output and "1 already there" in first.output
    second = run(*feeds, "--db", str(db), "--once")
    assert "stored 0 documents" in second.output
    assert len(stored(db)) == 2
    assert site.requests["/kharkiv.html"] == 1 and site.requests["/antalya.html"] == 1   # not fetched again
    assert site.requests["/world.rss"] == 2


def test_a_failed_fetch_is_tried_again_in_the_next_round(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    watch = Watch([site.url("flaky.html")], str(db))
    first = watch.round()
    assert first.failed == [site.url("flaky.html")] and first.report.documents == 0
    second = watch.round()
    assert second.failed == [] and second.report.documents == 1
    assert [r["url"] for r in stored(db)] == [site.url("flaky.html")]
    third = watch.round()
    assert site.requests["/flaky.html"] == 2 and third.report.documents == 0


def test_a_page_given_by_its_address_is_one_article(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    result = run(site.url("kharkiv.html"), "--db", str(db), "--once")
    assert result.exit_code == 0, result.output
    [row] = stored(db)
    assert row["url"] == site.url("kharkiv.html") and row["title"] == "Russian troops shell Kharkiv"


def test_unreachable_sources_and_redirects_off_the_web_are_warnings(site, tmp_path):
    db = tmp_path / "watch.duckdb"
    closed = Site()
    closed.close()   # a port nobody listens on any more
    result = run(closed.url("world.rss"), site.url("redirect"), site.url("kharkiv.html"), "--db", str(db), "--once")
    assert result.exit_code == 1
    assert "could not fetch it" in result.output and "redirect" in result.output
    assert [r["url"] for r in stored(db)] == [site.url("kharkiv.html")]


@pytest.mark.parametrize("source", ["file:///etc/passwd", "ftp://127.0.0.1/feed", "feed.xml", "http://"])
def test_only_web_addresses_are_watched(source, tmp_path):
    result = run(source, "--db", str(tmp_path / "w.duckdb"), "--once")
    assert result.exit_code == 2 and "not an http or https address" in result.output
    assert not (tmp_path / "w.duckdb").exists()
