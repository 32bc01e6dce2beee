"""A document that cannot be read gives a Reject naming it, and reading goes on."""
from __future__ import annotations

import json
import os

import pytest

from dragoman.errors import (BINARY, EMPTY, MALFORMED, NO_TEXT, NOT_FOUND, OUTSIDE, OVERSIZED,
                             UNDECODABLE, InputError)
from dragoman.read import parse_date

from .conftest import read_all

GOOD = "Turkey hosted talks between Russia and Ukraine."


def only_reject(path):
    docs, rejects = read_all(path)
    assert docs == []
    [reject] = rejects
    assert reject.origin == str(path)
    return reject


@pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"\xef\xbb\xbf\n"],
                         ids=["zero", "spaces", "bom"])
def test_empty_file(write, content):
    assert only_reject(write("empty.txt", content)).code == EMPTY


def test_binary_file(write):
    assert only_reject(write("blob.txt", bytes(range(256)) * 4)).code == BINARY


def test_control_characters_are_binary(write):
    assert only_reject(write("ctl.txt", b"\x01\x02\x03\x04abc\x05\x06\x07\x08")).code == BINARY


@pytest.mark.parametrize("content", [
    b"Stra\xc3\x9fe and caf\xe9 mixed in one file",      # UTF-8 and Latin-1 mixed
    b"Talks \x81\x8d in Antalya",                        # bytes cp1252 does not define
    "Talks in Antalya".encode("utf-16"),                  # UTF-16 with its BOM
], ids=["mixed", "cp1252-undefined", "utf-16"])
def test_undecodable_file(write, content):
    reject = only_reject(write("bad.txt", content))
    assert reject.code == UNDECODABLE
    assert "UTF-8" in reject.reason


def test_oversized_file(write, monkeypatch):
    monkeypatch.setenv("DRAGOMAN_MAX_DOC_BYTES", "100")
    big, small = write("big.txt", "word " * 50), write("small.txt", GOOD)
    docs, rejects = read_all(big, small)
    assert [d.text for d in docs] == [GOOD]
    assert [(r.origin, r.code) for r in rejects] == [(str(big), OVERSIZED)]


def test_oversized_jsonl_line(write, monkeypatch):
    monkeypatch.setenv("DRAGOMAN_MAX_DOC_BYTES", "100")
    path = write("c.jsonl", json.dumps({"text": "x " * 100}) + "\n" + json.dumps({"text": GOOD}))
    docs, rejects = read_all(path)
    assert [d.text for d in docs] == [GOOD]
    assert [(r.origin, r.code) for r in rejects] == [(f"{path}:1", OVERSIZED)]


def test_missing_path(tmp_path):
    missing = tmp_path / "nope.txt"
    docs, rejects = read_all(missing)
    assert docs == [] and [(r.origin, r.code) for r in rejects] == [(str(missing), NOT_FOUND)]


def test_malformed_jsonl_line_between_two_good_ones(write):
    path = write("c.jsonl", "\n".join([json.dumps({"id": "a", "text": GOOD}), "{not json",
                                       json.dumps({"id": "b", "text": GOOD})]))
    docs, rejects = read_all(path)
    assert [d.id for d in docs] == ["a", "b"]
    [reject] = rejects
    assert reject.origin == f"{path}:2" and reject.code == MALFORMED
    assert reject.line() == f"dragoman: rejected {path}:2: {reject.reason} [{MALFORMED}]"


@pytest.mark.parametrize("line, code", [
    ("[1, 2, 3]", MALFORMED),                                   # not an object
    ('"just a string"', MALFORMED),
    ('{"id": "x", "title": "No text"}', MALFORMED),             # no text field
    ('{"text": 42}', MALFORMED),
    ('{"text": "Talks.", "date": "10/03/2022"}', MALFORMED),    # bad date
    ('{"text": "Talks.", "date": "2022-02-30"}', MALFORMED),
    ('{"text": "Talks.", "date": 20220310}', MALFORMED),
    ('{"text": "Talks.", "id": ["a"]}', MALFORMED),
    ('{"text": "   "}', EMPTY),
    ('{"text": "", "html": "<html><body></body></html>"}', NO_TEXT),
])
def test_bad_jsonl_lines(write, line, code):
    path = write("c.jsonl", json.dumps({"text": GOOD}) + "\n" + line + "\n")
    docs, rejects = read_all(path)
    assert len(docs) == 1
    assert [(r.origin, r.code) for r in rejects] == [(f"{path}:2", code)]


def test_bad_utf8_jsonl_line_is_rejected_alone(write):
    path = write("c.jsonl", json.dumps({"text": GOOD}).encode() + b"\n"
                 + b'{"text": "caf\xc3\xa9 \xe9"}\n' + json.dumps({"text": GOOD}).encode())
    docs, rejects = read_all(path)
    assert len(docs) == 2
    assert [(r.origin, r.code) for r in rejects] == [(f"{path}:2", UNDECODABLE)]


def test_empty_jsonl_file(write):
    assert only_reject(write("c.jsonl", "\n\n")).code == EMPTY


def test_csv_without_text_column(write):
    path = write("c.csv", "id,body\n1,Talks.\n")
    docs, rejects = read_all(path)
    assert docs == [] and [(r.origin, r.code) for r in rejects] == [(f"{path}:1", MALFORMED)]


def test_csv_bad_rows(write):
    path = write("c.csv", f"id,text,date\na,{GOOD},2022-01-01\nb,,2022-01-01\n"
                          f"c,{GOOD},yesterday\nd,{GOOD},\n")
    docs, rejects = read_all(path)
    assert [d.id for d in docs] == ["a", "d"]
    assert [(r.origin, r.code) for r in rejects] == [(f"{path}:3", EMPTY), (f"{path}:4", MALFORMED)]


def test_reading_goes_on_after_rejects(write, tmp_path):
    write("1.txt", b"")
    write("2.txt", GOOD)
    write("3.txt", b"\x00\x01binary")
    write("4.txt", GOOD + " Again.")
    docs, rejects = read_all(tmp_path, tmp_path / "missing.txt")
    assert [d.text for d in docs] == [GOOD, GOOD + " Again."]
    assert [r.code for r in rejects] == [EMPTY, BINARY, NOT_FOUND]


@pytest.mark.parametrize("value", ["2022-3-10", "March 10, 2022", "2022-03", "2022-W10-4",
                                   "2022-13-01"])
def test_bad_dates(value):
    with pytest.raises(InputError) as caught:
        parse_date(value, "x:1")
    assert caught.value.code == MALFORMED and caught.value.origin == "x:1"


# ---------------------------------------------------------------- hardening (issue 16)

@pytest.mark.parametrize("field", ["text", "title", "id", "url", "html"])
def test_a_lone_surrogate_in_a_jsonl_field_rejects_that_line_only(write, field):
    """A JSON escape of half a UTF-16 pair is no character: the line is rejected with its reason,
    the lines around it are read (it used to end the run with a UnicodeEncodeError)."""
    bad = {"id": "b", "text": "Talks in Ankara.", field: "\ud800 x"}
    path = write("s.jsonl", json.dumps({"id": "a", "text": GOOD}) + "\n" + json.dumps(bad) + "\n"
                 + json.dumps({"id": "c", "text": GOOD + " Again."}) + "\n")
    docs, rejects = read_all(path)
    assert [d.id for d in docs] == ["a", "c"]
    [reject] = rejects
    assert (reject.origin, reject.code) == (f"{path}:2", UNDECODABLE) and "surrogate" in reject.reason
    reject.line().encode("utf-8")   # printable


@pytest.mark.parametrize("line", ["[" * 100_000, '{"text": ' + "1" * 5000 + "}"], ids=["nested", "long-number"])
def test_json_python_cannot_read_is_a_reject(write, line):
    path = write("c.jsonl", line + "\n" + json.dumps({"text": GOOD}) + "\n")
    docs, rejects = read_all(path)
    assert len(docs) == 1 and [(r.origin, r.code) for r in rejects] == [(f"{path}:1", MALFORMED)]


def test_a_named_pipe_in_a_folder_is_rejected_not_waited_on(write, tmp_path):
    write("a.txt", GOOD)
    os.mkfifo(tmp_path / "x.txt")   # no writer: opening it for reading would block for ever
    docs, rejects = read_all(tmp_path)
    assert [d.text for d in docs] == [GOOD]
    assert [(r.origin, r.code) for r in rejects] == [(str(tmp_path / "x.txt"), NOT_FOUND)]
    assert "not a regular file" in rejects[0].reason


def test_a_named_pipe_given_by_name_is_rejected(tmp_path):
    os.mkfifo(tmp_path / "x.txt")
    docs, rejects = read_all(tmp_path / "x.txt")
    assert docs == [] and "not a regular file" in rejects[0].reason


def test_a_link_out_of_a_walked_folder_is_not_followed(write, tmp_path):
    secret = write("outside/secret.txt", "Turkey hosted secret talks.")
    write("news/a.txt", GOOD)
    write("news/sub/b.txt", GOOD + " Again.")
    os.symlink(secret, tmp_path / "news" / "p.txt")
    os.symlink(tmp_path / "news" / "sub" / "b.txt", tmp_path / "news" / "inside.txt")   # stays in the folder
    docs, rejects = read_all(tmp_path / "news")
    assert sorted(d.text for d in docs) == sorted([GOOD, GOOD + " Again.", GOOD + " Again."])
    assert [(r.origin, r.code) for r in rejects] == [(str(tmp_path / "news" / "p.txt"), OUTSIDE)]
    followed, none = read_all(tmp_path / "news", follow_links=True)
    assert none == [] and "Turkey hosted secret talks." in [d.text for d in followed]
    named, _ = read_all(tmp_path / "news" / "p.txt")   # a link named by the user is read
    assert [d.text for d in named] == ["Turkey hosted secret talks."]


def test_a_csv_with_a_header_and_no_rows_is_rejected(write):
    path = write("h.csv", "id,text\n")
    assert only_reject(path).code == EMPTY and "no rows" in only_reject(path).reason


def test_html_nested_beyond_256_levels_is_read(write):
    depth = 600
    page = "<html><body>" + "<div>" * depth + f"<p>{GOOD} Officials said so on Monday.</p>" + "</div>" * depth
    docs, rejects = read_all(write("deep.html", page + "</body></html>"))
    assert rejects == [] and GOOD in docs[0].text


def test_html_nested_too_deep_to_parse_says_so(write):
    depth = 5000
    page = "<html><body>" + "<div>" * depth + f"<p>{GOOD}</p>" + "</div>" * depth + "</body></html>"
    reject = only_reject(write("deeper.html", page))
    assert reject.code == MALFORMED and "nested deeper" in reject.reason
