"""Reading the project's tab-separated data files (actors, gazetteer, lemma fixes): one reader,
so that every file has the same rules and every error names file:line.

A file has `#` comment lines and blank lines anywhere, one header line (exactly the expected
column names), then rows with exactly as many tab-separated cells; cells are stripped.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from . import fs
from .errors import DictionaryError


def rows(path: Path, header: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column: cell}) for each data row; DictionaryError on a bad header or row."""
    name, header = str(path), list(header)
    seen_header = False
    with io.StringIO(_text(path), newline="") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))]
            if not seen_header:
                if cells != header:
                    raise DictionaryError(name, number, f"header must be {'<TAB>'.join(header)}")
                seen_header = True
                continue
            if len(cells) != len(header):
                raise DictionaryError(name, number, f"expected {len(header)} tab-separated columns, got {len(cells)}")
            yield number, dict(zip(header, cells))
    if not seen_header:
        raise DictionaryError(name, 1, "no header line")


def _text(path: Path) -> str:
    name = str(path)
    try:
        data = fs.read_bytes(path)
    except OSError as exc:
        raise DictionaryError(name, 0, f"cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise DictionaryError(name, line, "not UTF-8 text (save the file as UTF-8)") from None
