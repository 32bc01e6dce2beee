"""HTML: a saved web page. trafilatura finds the main text, title, date and site name.

trafilatura drops photo captions (<figcaption>); they are put back as paragraphs of their
own, after the paragraph that precedes their figure, so clean() can see their credits.
No network is used.
"""
from __future__ import annotations

from datetime import date

import trafilatura
from trafilatura.utils import load_html

from dragoman.clean import dateline_date, normalise
from dragoman.errors import NO_TEXT, InputError
from dragoman.read.decode import parse_date
from dragoman.record import Document, content_id

# Figures in these parts of a page belong to other stories or to the site.
OUTSIDE_ARTICLE = ("aside", "nav", "footer", "header")


def from_html(html: str, origin: str, default_date: date | None = None) -> Document:
    """One Document; the page's own date (its metadata, else its dateline) wins over `default_date`."""
    page = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, date_extraction_params={"extensive_search": False,
                                                      "original_date": True})
    lines = [normalise(line) for line in (page.text or "").split("\n")] if page else []
    lines = [line for line in lines if line]
    structured = blocks(html)
    if len(lines) <= 1 < len(structured):
        # On short pages trafilatura falls back to one run of text with headings, captions and
        # credits glued together; the page's own blocks keep them apart.
        lines = structured
    if not lines:
        raise InputError(origin, "no main text found in the page", code=NO_TEXT)
    text = "\n\n".join(with_captions(lines, html))
    return Document(id=content_id(text), text=text, date=page_date(page.date) or dateline_date(text) or default_date,
                    title=page.title or None, url=page.url or None, site=page.sitename or None,
                    origin=origin, format="html")


def page_date(value: str | None) -> date | None:
    try:
        return parse_date(value, "")
    except InputError:
        return None      # a page date trafilatura could not read well is no date


BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "figcaption")


def blocks(html: str) -> list[str]:
    """The text blocks of the page's article (or main, or body), in order, outside site parts."""
    tree = load_html(html)
    if tree is None:
        return []
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    if not roots:
        return []
    found = []
    for element in roots[0].iter(*BLOCKS):
        if any(element.iterancestors(*OUTSIDE_ARTICLE)) or any(element.iterancestors(*BLOCKS)):
            continue
        text = normalise(" ".join(element.itertext()))
        if text:
            found.append(text)
    return found


def captions(html: str) -> list[tuple[str, str]]:
    """(caption, text of the paragraph before its figure) for each figcaption in the article."""
    tree = load_html(html)
    if tree is None:
        return []
    found = []
    for caption in tree.iter("figcaption"):
        if any(caption.iterancestors(*OUTSIDE_ARTICLE)):
            continue
        text = normalise(" ".join(caption.itertext()))
        before = caption.xpath("preceding::p[1]")
        anchor = normalise(" ".join(before[0].itertext())) if before else ""
        if text:
            found.append((text, anchor))
    return found


def with_captions(lines: list[str], html: str) -> list[str]:
    """The extracted lines with the captions trafilatura dropped put back in place."""
    result = list(lines)
    for caption, anchor in captions(html):
        if any(caption in line for line in result):
            continue
        at = next((i + 1 for i, line in enumerate(result) if anchor and line == anchor),
                  len(result))
        result.insert(at, caption)
    return result
