"""Fuzzing `code` and `ingest` (issue 16): random bytes, random JSONL and CSV records, random HTML.

Whatever the input, a run ends without a traceback and with status 0 or 1, every document is
either coded or rejected with a reason, and the store is consistent afterwards (and ingesting the
same input again changes nothing). Bounded: EXAMPLES examples a test (DRAGOMAN_FUZZ_EXAMPLES
raises it for a longer hunt), about a minute in all on a laptop.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dragoman
from dragoman.cli import main
from dragoman.store import open_store

EXAMPLES = int(os.environ.get("DRAGOMAN_FUZZ_EXAMPLES", "25"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])

SENTENCES = ["Russia attacked Ukraine on Monday.", "Turkey hosted talks between Russia and Ukraine in Istanbul.",
             "The foreign ministers of France and Germany met in Geneva.", "Israeli police arrested 12 protesters.",
             "NATO condemned the missile strike.", "Officials said the talks went well."]
# Characters that have broken readers: lone surrogates, NUL and controls, BOMs, line separators.
ODD = ["\ud800", "\udfff", "\x00", "\x01", "\x1b", "\ufeff", "\u2028", "\r", "\n", "\t", "<", "&", '"', "é", "Ş",
       "中"]

words = st.one_of(st.sampled_from(SENTENCES), st.text(alphabet=st.one_of(st.characters(), st.sampled_from(ODD)),
                                                    max_size=40))
texts = st.lists(words, max_size=6).map(" ".join)
values = st.one_of(texts, st.none(), st.integers(), st.booleans(), st.floats(allow_nan=True),
                   st.lists(st.integers(), max_size=3), st.sampled_from(["2022-01-28", "2022-02-30", "yesterday", ""]))
records = st.dictionaries(st.sampled_from(["id", "text", "date", "title", "url", "html", "other"]), values, max_size=6)


@st.composite
def jsonl_files(draw) -> bytes:
    lines = []
    for record in draw(st.lists(records, max_size=6)):
        line = json.dumps(record, ensure_ascii=draw(st.booleans()), allow_nan=True)
        lines.append(line.encode("utf-8", "surrogatepass"))
    lines += draw(st.lists(st.binary(max_size=60), max_size=2))   # and a line or two of anything
    return b"\n".join(draw(st.permutations(lines)))


@st.composite
def csv_files(draw) -> bytes:
    columns = draw(st.lists(st.sampled_from(["id", "text", "date", "title", "url", "Text", "x"]), max_size=5,
                            unique=True))
    out = io.StringIO()
    writer = csv.writer(out)
    if columns:
        writer.writerow(columns)
    for _ in range(draw(st.integers(0, 5))):
        writer.writerow(draw(st.lists(texts, min_size=len(columns), max_size=len(columns) + 1)))
    return out.getvalue().encode("utf-8", "surrogatepass") + draw(st.sampled_from([b"", b'"unclosed\n', b"\xff\xfe"]))


TAGS = ["div", "p", "article", "main", "aside", "nav", "figure", "figcaption", "h1", "li", "span", "table",
        "script", "b", "x-custom"]
html_nodes = st.recursive(texts.map(lambda t: t.replace("<", " ")),
                          lambda inner: st.tuples(st.sampled_from(TAGS), st.lists(inner, max_size=4)).map(
                              lambda node: f"<{node[0]}>{''.join(node[1])}</{node[0]}>"), max_leaves=20)


@st.composite
def html_files(draw) -> bytes:
    body = draw(html_nodes)
    depth = draw(st.sampled_from([0, 0, 0, 300, 3000]))   # beyond libxml2's limits too
    body = "<div>" * depth + body + "</div>" * depth
    head = draw(st.sampled_from(["<!DOCTYPE html><html><head><title>News</title></head>", "<html>", "",
                                 "<?xml version='1.0' encoding='utf-8'?><html>"]))
    return (head + f"<body>{body}</body></html>").encode("utf-8", "surrogatepass")


NAMES = ["a.txt", "b.html", "c.jsonl", "d.csv", "e.md", "f.htm", "g.ndjson"]
files = st.one_of(st.tuples(st.sampled_from(NAMES), st.binary(max_size=3000)),
                  st.tuples(st.just("r.jsonl"), jsonl_files()), st.tuples(st.just("r.csv"), csv_files()),
                  st.tuples(st.just("r.html"), html_files()))
corpora = st.lists(files, min_size=1, max_size=4, unique_by=lambda f: f[0])


def _invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def _ended_cleanly(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr
    assert all(line.startswith("dragoman: ") for line in result.stderr.splitlines() if line.strip()), result.stderr


def _expected_origins(folder: Path) -> dict[str, set[str]]:
    """Per file, the origins its documents or rejects may have: a corpus file's every non-blank
    line (its name alone, if it has none); another file's name."""
    expected = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in (".jsonl", ".ndjson"):
            lines = [n for n, line in enumerate(path.read_bytes().split(b"\n"), 1) if line.strip()]
            expected[str(path)] = {f"{path}:{n}" for n in lines} or {str(path)}
        else:
            expected[str(path)] = {str(path)}
    return expected


def _check_every_document_is_coded_or_rejected(folder: Path) -> int:
    items = list(dragoman.code_paths(folder))
    origins: list[str] = []
    for item in items:
        if isinstance(item, dragoman.Reject):
            assert item.reason.strip() and re.fullmatch(r"E1\d\d", item.code), item
            item.line().encode("utf-8")   # printable
            origins.append(item.origin)
        else:
            doc, events = item
            assert all(e.doc_id == doc.id for e in events)
            origins.append(doc.origin)
    for file, allowed in _expected_origins(folder).items():
        mine = [o for o in origins if o == file or o.startswith(file + ":")]
        if file.endswith((".jsonl", ".ndjson")):
            assert sorted(mine) == sorted(allowed), (file, mine)   # each line once
        elif file.endswith(".csv"):
            assert mine, file   # rows span lines: at least one document or reject
        else:
            assert mine == [file], (file, mine)
    return len(items)


def _check_store(db: Path, read: int, summary: str) -> None:
    stored, mentions, skipped, rejected = map(int, re.search(
        r"stored (\d+) documents \((\d+) event reports\).*; (\d+) already there, (\d+) rejected", summary).groups())
    assert stored + skipped + rejected == read, summary
    store = open_store(db, read_only=True)
    try:
        one = lambda sql: store.con.execute(sql).fetchone()[0]   # noqa: E731
        assert one("SELECT count(*) FROM documents") == stored
        assert one("SELECT count(*) FROM rejects") == rejected
        assert one("SELECT count(*) FROM mentions") == mentions
        assert one("SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT doc_id FROM documents)") == 0
        assert one("SELECT count(*) FROM documents d WHERE n_events <> "
                   "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id)") == 0
        assert one("SELECT count(DISTINCT event_id) FROM mentions") == one("SELECT count(*) FROM events")
        assert one("SELECT coalesce(sum(num_mentions), 0) FROM events") == mentions
        assert one("SELECT count(*) FROM events WHERE event_id NOT IN (SELECT event_id FROM mentions)") == 0
    finally:
        store.close()


def _fuzz(corpus: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, data in corpus:
            (folder / name).write_bytes(data)
        read = _check_every_document_is_coded_or_rejected(folder)

        coded = _invoke("code", folder, "--format", "jsonl")
        _ended_cleanly(coded)
        for line in coded.stdout.split("\n")[:-1]:   # a line feed ends an event: U+2028 may be in one
            assert json.loads(line)["plover"]

        db = Path(tmp) / "x.duckdb"
        first = _invoke("ingest", folder, "--db", db)
        _ended_cleanly(first)
        _check_store(db, read, first.stderr)
        again = _invoke("ingest", folder, "--db", db)
        _ended_cleanly(again)
        assert "stored 0 documents" in again.stderr
        _check_store(db, read, first.stderr)   # unchanged


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(NAMES), st.binary(max_size=3000)), min_size=1, max_size=4,
                unique_by=lambda f: f[0]))
def test_random_bytes(corpus):
    _fuzz(corpus)


@FUZZ
@given(st.lists(st.one_of(st.tuples(st.sampled_from(["r.jsonl", "s.ndjson"]), jsonl_files()),
                          st.tuples(st.just("r.csv"), csv_files())), min_size=1, max_size=3, unique_by=lambda f: f[0]))
def test_random_records(corpus):
    _fuzz(corpus)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["r.html", "s.htm"]), html_files()), min_size=1, max_size=2,
                unique_by=lambda f: f[0]))
def test_random_html(corpus):
    _fuzz(corpus)


@FUZZ
@given(corpora)
def test_random_mixtures(corpus):
    _fuzz(corpus)
