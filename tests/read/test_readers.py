"""Each input kind gives the documents it holds, with their title, date, id and origin."""
from __future__ import annotations

import io
import json
import sys
from datetime import date

import pytest

from dragoman.errors import ConfigError
from dragoman.read import from_html, from_text, parse_date, read_inputs
from dragoman.record import content_id

from .conftest import read_all

ARTICLE = """Site icon Example Wire

Lavrov and Kuleba meet in Antalya

ANTALYA, March 10, 2022 — The foreign ministers of Russia and Ukraine met in Turkey.

Turkey hosted the talks.
"""

PAGE = """<!DOCTYPE html>
<html><head>
<title>Ministers meet in Antalya | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2022-03-10T14:30:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers meet in Antalya</h1>
<p>Russian Foreign Minister Sergei Lavrov met Ukrainian Foreign Minister Dmytro Kuleba in the
Turkish city of Antalya on Thursday, the first talks between the two since the invasion began.</p>
<figure><img src="talks.jpg" alt=""><figcaption>Lavrov and Kuleba sit down for talks in Antalya.
Photo: Example Wire</figcaption></figure>
<p>Kuleba said after the meeting that no progress had been made towards a ceasefire and that
Lavrov had not committed to a humanitarian pause for the city of Mariupol.</p>
<p>Turkish Foreign Minister Mevlut Cavusoglu, who hosted the meeting, said Turkey would keep
working for a lasting ceasefire between the two countries.</p>
</article>
<footer>All rights reserved</footer>
</body></html>
"""


def test_text_file_is_one_article(write):
    path = write("a.txt", ARTICLE)
    docs, rejects = read_all(path, default_date=date(2022, 3, 11))
    assert rejects == []
    [doc] = docs
    assert doc.title == "Lavrov and Kuleba meet in Antalya"
    assert doc.date == date(2022, 3, 10)  # the article's dateline wins over the default date
    assert doc.id == content_id(ARTICLE)
    assert doc.origin == str(path) and doc.format == "text"
    assert "Turkey hosted the talks." in doc.text


def test_text_without_a_title_line_has_none():
    doc = from_text("ANKARA, March 10, 2022 — Turkey hosted talks.\n", "x")
    assert doc.title is None and doc.date == date(2022, 3, 10)


def test_text_without_dateline_takes_the_default_date():
    doc = from_text("Turkey hosted talks on Thursday.\n", "x", date(2022, 3, 11))
    assert doc.date == date(2022, 3, 11)
    assert from_text("Turkey hosted talks on Thursday.\n", "x").date is None


def test_same_content_same_id_across_calls_and_line_endings(write):
    first = from_text(ARTICLE, "a")
    again = from_text(ARTICLE, "b")
    windows = from_text(ARTICLE.replace("\n", "\r\n"), "c")
    other = from_text(ARTICLE + "More.\n", "d")
    assert first.id == again.id == windows.id
    assert other.id != first.id
    a, b = write("one/a.txt", ARTICLE), write("two/b.txt", ARTICLE)
    assert read_all(a)[0][0].id == read_all(b)[0][0].id == first.id


def test_utf8_bom_and_cp1252_text_are_read(write):
    bom = write("bom.txt", b"\xef\xbb\xbf" + "Erdoğan met Putin.".encode("utf-8"))
    western = write("west.txt", b"Talks in M\xfcnchen, \x93calm\x94 and short \x96 said the "
                                b"minister.")
    docs, rejects = read_all(bom, western)
    assert rejects == []
    assert docs[0].text == "Erdoğan met Putin."
    assert docs[1].text == "Talks in München, “calm” and short – said the minister."


def test_html_page(write):
    path = write("page.html", PAGE)
    docs, rejects = read_all(path, default_date=date(2000, 1, 1))
    assert rejects == []
    [doc] = docs
    assert doc.format == "html"
    assert doc.title == "Ministers meet in Antalya"
    assert doc.date == date(2022, 3, 10)       # the page's date wins over default_date
    assert doc.site == "Example Wire"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[1].startswith("Russian Foreign Minister Sergei Lavrov met")
    # trafilatura drops the figcaption; it is put back after the paragraph before the figure
    assert paragraphs[2] == "Lavrov and Kuleba sit down for talks in Antalya. Photo: Example Wire"
    assert paragraphs[3].startswith("Kuleba said after the meeting")
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_html_without_date_uses_default_date():
    page = "<html><head><title>Talks</title></head><body><article><p>" + \
           "Officials from both countries met in Geneva for a second round of talks. " * 4 + \
           "</p></article></body></html>"
    doc = from_html(page, "p.html", date(2021, 5, 1))
    assert doc.date == date(2021, 5, 1)
    assert doc.id == content_id(doc.text)


def test_jsonl_corpus(write):
    lines = [
        {"id": "a1", "text": "Israel and the UAE signed an accord.", "date": "2020-09-15",
         "title": "Accord signed", "url": "https://example.org/a1"},
        {"text": "China and India held talks.", "date": "2020-06-20T08:00:00Z"},
        {"id": 7, "text": "Turkey hosted talks."},
    ]
    path = write("c.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    docs, rejects = read_all(path, default_date=date(2022, 1, 1))
    assert rejects == []
    assert [d.id for d in docs] == ["a1", content_id("China and India held talks."), "7"]
    assert [d.date for d in docs] == [date(2020, 9, 15), date(2020, 6, 20), date(2022, 1, 1)]
    assert docs[0].title == "Accord signed" and docs[0].url == "https://example.org/a1"
    assert [d.origin for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert all(d.format == "jsonl" for d in docs)


def test_jsonl_html_field_goes_through_the_html_reader(write):
    line = {"id": "h", "text": "", "html": PAGE, "date": "2022-03-11"}
    docs, rejects = read_all(write("h.ndjson", json.dumps(line)))
    assert rejects == []
    [doc] = docs
    assert doc.text.startswith("Ministers meet in Antalya")
    assert doc.title == "Ministers meet in Antalya"
    assert doc.date == date(2022, 3, 11)        # the line's date wins over the page's
    assert doc.id == "h"


def test_csv_corpus(write):
    body = ("id,date,title,text\n"
            "r1,2022-06-28,Memorandum signed,\"Turkey, Finland and Sweden signed a memorandum.\"\n"
            ",,,\"A long text\nover two lines.\"\n"
            "r3,2022-11-02,,\"" + "x" * 200_000 + "\"\n")
    path = write("c.csv", body)
    docs, rejects = read_all(path, default_date=date(2023, 1, 1))
    assert rejects == []
    assert [d.id for d in docs] == ["r1", content_id("A long text\nover two lines."), "r3"]
    assert docs[0].text == "Turkey, Finland and Sweden signed a memorandum."
    assert docs[0].title == "Memorandum signed"
    assert [d.date for d in docs] == [date(2022, 6, 28), date(2023, 1, 1), date(2022, 11, 2)]
    assert [d.origin for d in docs] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert len(docs[2].text) == 200_000          # beyond the csv module's default field limit


def test_directory_is_walked_recursively_and_sorted(write, tmp_path):
    write("b.txt", "Second article text.")
    write("a/z.md", "First article text.")
    write("c/d/e.jsonl", json.dumps({"id": "deep", "text": "Deep article."}))
    write("c/notes.json", '{"id": "skipped"}')
    write("c/image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(".hidden.txt", "Hidden.")
    write(".git/x.txt", "Hidden folder.")
    write("README.md", "About this folder.")
    docs, rejects = read_all(tmp_path)
    assert rejects == []
    assert [d.text for d in docs] == ["First article text.", "Second article text.",
                                      "Deep article."]


def test_explicit_input_format_wins_over_the_extension(write):
    path = write("page.txt", PAGE)
    [as_text] = read_all(path)[0]
    [as_html] = read_all(path, input_format="html")[0]
    assert as_text.format == "text" and "<article>" in as_text.text
    assert as_html.format == "html" and "<article>" not in as_html.text


def test_unknown_extension_given_by_name_is_sniffed(write):
    path = write("feed", json.dumps({"id": "f", "text": "Sniffed."}))
    [doc] = read_all(path)[0]
    assert doc.id == "f" and doc.format == "jsonl"


def test_unknown_input_format_is_a_config_error():
    with pytest.raises(ConfigError):
        list(read_inputs(["x"], input_format="pdf"))


def stdin_with(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize("data, kind", [
    (b"Talks held\n\nThe ministers met in Antalya.\n", "text"),
    (PAGE.encode("utf-8"), "html"),
    (b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n', "jsonl"),
])
def test_stdin_kind_is_sniffed(monkeypatch, data, kind):
    stdin_with(monkeypatch, data)
    docs, rejects = read_all("-")
    assert rejects == [] and docs
    assert {d.format for d in docs} == {kind}


def test_stdin_jsonl_origins_and_rejects(monkeypatch):
    stdin_with(monkeypatch, b'{"id": "s1", "text": "One."}\n[1, 2]\n'
                            b'{"id": "s3", "text": "Three."}\n')
    docs, rejects = read_all("-")
    assert [d.origin for d in docs] == ["<stdin>:1", "<stdin>:3"]
    assert [r.origin for r in rejects] == ["<stdin>:2"]


def test_stdin_text_origin(monkeypatch):
    stdin_with(monkeypatch, "Erdoğan spoke.".encode("utf-8"))
    [doc] = read_all("-", default_date=date(2022, 1, 26))[0]
    assert doc.origin == "<stdin>" and doc.text == "Erdoğan spoke."
    assert doc.date == date(2022, 1, 26)


@pytest.mark.parametrize("value, expected", [
    ("2022-03-10", date(2022, 3, 10)),
    ("2022-03-10T23:30:00Z", date(2022, 3, 10)),
    ("2022-03-10T23:30:00-05:00", date(2022, 3, 10)),     # the date as written is kept
    ("2022-03-10 08:00", date(2022, 3, 10)),
    (None, None),
    ("", None),
])
def test_parse_date(value, expected):
    assert parse_date(value, "x") == expected


SHORT_PAGE = """<html><head><title>Turkey and Ukraine sign deal | Example News</title>
<meta property="article:published_time" content="2022-02-03T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Turkey and Ukraine sign deal</h1>
<p>Erdogan and Zelensky signed a trade agreement in Kyiv on Thursday.</p>
<figure><img src="x.jpg"><figcaption>Erdogan meets Zelensky in Kyiv. Jane DOE / POOL / AFP</figcaption></figure>
<p>Russia criticized the agreement.</p></article><footer>Subscribe to our newsletter</footer></body></html>"""


def test_short_page_keeps_its_blocks_apart():
    from dragoman.clean import clean
    from dragoman.read import from_html
    from dragoman.record import BODY, CAPTION

    segments = clean(from_html(SHORT_PAGE, "page.html"))
    kinds = [(s.kind, s.text) for s in segments if s.kind != "title"]
    assert kinds == [(BODY, "Erdogan and Zelensky signed a trade agreement in Kyiv on Thursday."),
                     (CAPTION, "Erdogan meets Zelensky in Kyiv."),
                     (BODY, "Russia criticized the agreement.")]
