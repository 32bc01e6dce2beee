"""Paths to documents: files, directories (walked recursively) and `-` for standard input.

The input kind comes from the file extension (or from the first character of the content
for standard input and unknown extensions), unless the caller names it.

Only regular files are read (a named pipe or a device in a folder is rejected, never waited on).
In a walked folder, a symbolic link whose file lies outside the folder is not followed unless
the caller asks (`follow_links`): `ln -s /etc/passwd news/p.txt` is rejected, not read; links to
folders are never walked into.
"""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from dragoman import fs, settings
from dragoman.errors import NOT_FOUND, OUTSIDE, ConfigError, InputError
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


def read_inputs(paths: Iterable[str], *, input_format: str = "auto", default_date: date | None = None,
                follow_links: bool = False) -> Iterator[Document | Reject]:
    """Every document of the inputs, in order, with a Reject for each one that cannot be read."""
    if input_format not in FORMATS:
        raise ConfigError(f"unknown input format {input_format!r}",
                          hint=f"use one of: {', '.join(FORMATS)}")
    for path in paths:
        if path == "-":
            yield from read_stdin(input_format, default_date)
        elif os.path.isdir(path):
            for file in walk(path):
                if not follow_links and leaves(path, file):
                    yield Reject(printable(file), "a symbolic link to a file outside the folder: not followed "
                                 "(name the file itself, or ask to follow links)", OUTSIDE)
                else:
                    yield from read_file(file, input_format, default_date)
        elif os.path.lexists(path):
            yield from read_file(path, input_format, default_date)
        else:
            yield Reject(printable(path), "no such file or directory", NOT_FOUND)


def walk(root: str) -> list[str]:
    """The input files under a directory, sorted by path (see is_input); links to folders are
    not walked into."""
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [os.path.join(folder, name) for name in names if is_input(name)]
    return sorted(found, key=lambda file: Path(file).relative_to(root).parts)


def leaves(root: str, file: str) -> bool:
    """A symbolic link whose file is outside `root`."""
    if not os.path.islink(file):
        return False
    return not Path(os.path.realpath(file)).is_relative_to(os.path.realpath(root))


def printable(path: str) -> str:
    """A path as it can be printed and stored: bytes of a file name that are not UTF-8 as \\x escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_input(name: str) -> bool:
    """A document in a walked folder: a known extension, not hidden, not a README."""
    path = Path(name)
    return (not name.startswith(".") and path.suffix.lower() in EXTENSIONS
            and path.stem.upper() != "README")


def read_file(path: str, input_format: str,
              default_date: date | None) -> Iterator[Document | Reject]:
    origin = printable(path)
    try:
        with fs.open_regular(path) as stream:
            yield from read_stream(stream, origin, kind_of(path, stream, input_format), default_date)
    except OSError as err:
        yield Reject(origin, f"cannot read: {err.strerror or err}", NOT_FOUND)


def kind_of(path: str, stream: BinaryIO, input_format: str = "auto") -> str:
    """The input kind of an open file: as asked, else by its extension, else by its first bytes."""
    if input_format != "auto":
        return input_format
    return EXTENSIONS.get(Path(path).suffix.lower()) or sniff(stream.peek(SNIFF_BYTES))


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
