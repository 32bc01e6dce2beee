"""Paths to documents: files, directories (walked recursively) and `-` for standard input.

The input kind comes from the file extension (or from the first character of the content
for standard input and unknown extensions), unless the caller names it.
"""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from dragoman import settings
from dragoman.errors import NOT_FOUND, ConfigError, InputError
from dragoman.read.corpus import read_csv, read_jsonl
from dragoman.read.decode import check_not_empty, check_size, decode
from dragoman.read.html import from_html
from dragoman.read.text import from_text
from dragoman.record import Document, Reject

FORMATS = ("auto", "text", "html", "jsonl", "csv")
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
              ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
STDIN = "<stdin>"
SNIFF_BYTES = 4096


def read_inputs(paths: Iterable[str], *, input_format: str = "auto",
                default_date: date | None = None) -> Iterator[Document | Reject]:
    """Every document of the inputs, in order, with a Reject for each one that cannot be read."""
    if input_format not in FORMATS:
        raise ConfigError(f"unknown input format {input_format!r}",
                          hint=f"use one of: {', '.join(FORMATS)}")
    for path in paths:
        if path == "-":
            yield from read_stdin(input_format, default_date)
        elif os.path.isdir(path):
            for file in walk(path):
                yield from read_file(file, input_format, default_date)
        elif os.path.isfile(path):
            yield from read_file(path, input_format, default_date)
        else:
            reason = "no such file or directory" if not os.path.exists(path) else "not a file"
            yield Reject(path, reason, NOT_FOUND)


def walk(root: str) -> list[str]:
    """The input files under a directory, sorted by path (see is_input)."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [os.path.join(folder, name) for name in names if is_input(name)]
    return sorted(found, key=lambda file: Path(file).relative_to(root).parts)


def is_input(name: str) -> bool:
    """A document in a walked folder: a known extension, not hidden, not a README."""
    path = Path(name)
    return (not name.startswith(".") and path.suffix.lower() in EXTENSIONS
            and path.stem.upper() != "README")


def read_file(path: str, input_format: str,
              default_date: date | None) -> Iterator[Document | Reject]:
    try:
        with open(path, "rb") as stream:
            kind = input_format
            if kind == "auto":
                kind = EXTENSIONS.get(Path(path).suffix.lower()) or sniff(stream.peek(SNIFF_BYTES))
            yield from read_stream(stream, path, kind, default_date)
    except OSError as err:
        yield Reject(path, f"cannot read: {err.strerror or err}")


def read_stdin(input_format: str, default_date: date | None) -> Iterator[Document | Reject]:
    stdin = getattr(sys.stdin, "buffer", None)
    data = stdin.read() if stdin is not None else sys.stdin.read().encode("utf-8")
    kind = sniff(data) if input_format == "auto" else input_format
    yield from read_stream(io.BytesIO(data), STDIN, kind, default_date)


def sniff(head: bytes) -> str:
    """The kind of a content without a telling name: `{` starts JSONL, `<` HTML, else text."""
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return {b"{": "jsonl", b"<": "html"}.get(first, "text")


def read_stream(stream: BinaryIO, origin: str, kind: str,
                default_date: date | None) -> Iterator[Document | Reject]:
    if kind == "jsonl":
        yield from read_jsonl(stream, origin, default_date)
    elif kind == "csv":
        yield from read_csv(stream, origin, default_date)
    else:
        # Read one byte past the limit: enough to know the document is too large.
        yield one_document(stream.read(settings.get("MAX_DOC_BYTES") + 1), origin, kind,
                           default_date)


def one_document(data: bytes, origin: str, kind: str,
                 default_date: date | None) -> Document | Reject:
    """A text or HTML document, or the Reject saying why it cannot be read."""
    try:
        check_size(data, origin)
        text = decode(data, origin)
        check_not_empty(text, origin)
        reader = from_html if kind == "html" else from_text
        return reader(text, origin, default_date)
    except InputError as err:
        return Reject(origin, err.reason, err.code)
