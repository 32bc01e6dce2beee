"""The example inputs read cleanly: eight dated reports with titles, chrome and credits gone."""
from __future__ import annotations

import re
from pathlib import Path

from dragoman.clean import clean
from dragoman.record import BODY, CAPTION, TITLE

from .conftest import read_all

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DATELINE = re.compile(r"^[A-Z][A-Z ,.]+, (?:[A-Za-z]+, )?[A-Z][a-z]+ \d{1,2}, \d{4} — ")


def test_examples_read_and_clean():
    docs, rejects = read_all(EXAMPLES)
    assert rejects == []
    assert len(docs) == 8
    captions = 0
    for doc in docs:
        segments = clean(doc)
        assert segments[0].kind == TITLE
        body = [s for s in segments if s.kind == BODY]
        if doc.format == "text":  # each report has a dateline: it dates the document, and is cut from the text
            assert doc.date is not None, doc.origin
            assert any(DATELINE.match(line) for line in doc.text.splitlines()), doc.origin
            assert not DATELINE.match(body[0].text), doc.origin
        words = sum(len(s.text.split()) for s in segments)
        assert 80 <= words <= 260, (doc.origin, words)
        text = " ".join(s.text for s in segments)
        assert "Share" not in text and "newsletter" not in text and "POOL" not in text
        captions += sum(s.kind == CAPTION for s in segments)
    assert captions == 1
    assert all(d.date is not None for d in docs)            # datelines and JSONL dates
