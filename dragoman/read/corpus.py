"""Corpora: JSONL (one document a line) and CSV (one document a row, a `text` column).

Each line or row is read on its own: a bad one gives a Reject naming `path:LINE` and
reading goes on with the next.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from typing import BinaryIO

from dragoman.clean import dateline_date
from dragoman.errors import EMPTY, MALFORMED, UNDECODABLE, InputError
from dragoman.read.decode import check_not_empty, check_size, check_text, check_unicode, decode, parse_date
from dragoman.read.html import from_html
from dragoman.record import Document, Reject, content_id

# Articles are long: lift the csv module's 128 KiB field limit (sizes are checked per row).
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_jsonl(stream: BinaryIO, origin: str,
               default_date: date | None = None) -> Iterator[Document | Reject]:
    """`{"id", "text", "date", "title"?, "url"?, "source"?, "html"?}` a line; blank lines are skipped."""
    seen = False
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        seen = True
        where = f"{origin}:{number}"
        try:
            check_size(raw, where)
            yield jsonl_document(decode(raw, where), where, default_date)
        except InputError as err:
            yield Reject(where, err.reason, err.code)
    if not seen:
        yield Reject(origin, "empty document", EMPTY)


def jsonl_document(line: str, where: str, default_date: date | None) -> Document:
    try:
        fields = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"not valid JSON ({err.msg}, column {err.colno})",
                         code=MALFORMED) from None
    except (ValueError, RecursionError) as err:   # a number of 5000 digits, arrays nested 10000 deep
        raise InputError(where, f"not JSON dragoman can read ({str(err)[:80]})", code=MALFORMED) from None
    if not isinstance(fields, dict):
        raise InputError(where, "not a JSON object", code=MALFORMED)
    return document(fields, where, default_date, "jsonl")


def read_csv(stream: BinaryIO, origin: str,
             default_date: date | None = None) -> Iterator[Document | Reject]:
    """A header with a `text` column (optional: id, date, title, url, source), then a document a row."""
    rows = csv.reader(io.TextIOWrapper(stream, encoding="utf-8-sig", newline=""))
    header: list[str] | None = None
    rows_seen = False
    while True:
        where = f"{origin}:{rows.line_num + 1}"
        try:
            row = next(rows)
        except StopIteration:
            break
        except UnicodeDecodeError:
            yield Reject(where, "not valid UTF-8 (the rest of the file is skipped)", UNDECODABLE)
            return
        except csv.Error as err:
            rows_seen = header is not None
            yield Reject(where, f"bad CSV row: {err}", MALFORMED)
            continue
        if not row:
            continue
        if header is None:
            header = csv_header(row)
            if "text" not in header:
                yield Reject(where, "no `text` column in the CSV header", MALFORMED)
                return
            continue
        rows_seen = True
        try:
            yield csv_document(dict(zip(header, row)), where, default_date)
        except InputError as err:
            yield Reject(where, err.reason, err.code)
    if header is None:
        yield Reject(origin, "empty document", EMPTY)
    elif not rows_seen:
        yield Reject(origin, "a CSV header and no rows: no documents", EMPTY)


def csv_header(row: list[str]) -> list[str]:
    """The column names, lower case. A first column without a name is the rows' id when no column
    is called `id`: pandas and R write a frame's index so (`df.to_csv()`)."""
    header = [name.strip().lower() for name in row]
    if header and header[0] == "" and "id" not in header:
        header[0] = "id"
    return header


def csv_document(fields: dict[str, str], where: str, default_date: date | None) -> Document:
    check_size("".join(fields.values()).encode("utf-8"), where)
    return document(fields, where, default_date, "csv")


def document(fields: Mapping, where: str, default_date: date | None, kind: str) -> Document:
    """A Document from the fields of a line or row; its date (else its dateline's) wins over `default_date`."""
    text, html = string(fields, "text", where), string(fields, "html", where)
    if text is None and html is None:
        raise InputError(where, "no `text` field", code=MALFORMED)
    day = parse_date(fields.get("date"), where)
    title, url, site = string(fields, "title", where), string(fields, "url", where), string(fields, "source", where)
    if not (text or "").strip() and (html or "").strip():
        page = from_html(html, where)
        text, title, url, site = page.text, title or page.title, url or page.url, site or page.site
        day = day or page.date
    check_not_empty(text or "", where)
    check_text(text, where)
    return Document(id=given_id(fields, where) or content_id(text), text=text,
                    date=day or dateline_date(text) or default_date, title=title or None, url=url or None,
                    site=(site or "").strip() or None,
                    origin=where, format=kind)


def given_id(fields: Mapping, where: str) -> str | None:
    """The line's own id (a string or a whole number), or None when it has none."""
    value = fields.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(where, f"bad id {value!r}: expected a string", code=MALFORMED)
    if isinstance(value, str):
        check_unicode(value, where, "id")
    return str(value).strip() or None


def string(fields: Mapping, name: str, where: str) -> str | None:
    """A text field of a line or row: a string of characters, or None when absent."""
    value = fields.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(where, f"field `{name}` is not a string", code=MALFORMED)
    if value:
        check_unicode(value, where, f"field `{name}`")
    return value
