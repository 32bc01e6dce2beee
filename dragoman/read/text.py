"""Plain text: the whole file is one article (title line, body, captions, site chrome)."""
from __future__ import annotations

from datetime import date

from dragoman.clean import dateline_date, guess_title
from dragoman.record import Document, content_id


def from_text(text: str, origin: str, default_date: date | None = None) -> Document:
    """One Document; its id comes from the text, so the same text always has the same id."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # A dateline ("ANKARA, March 10, 2022 —") is the article's own date and wins over --date.
    return Document(id=content_id(text), text=text, date=dateline_date(text) or default_date, title=guess_title(text),
                    origin=origin, format="text")
