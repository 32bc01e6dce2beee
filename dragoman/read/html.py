"""HTML: a saved web page. trafilatura finds the main text, title, date and site name.

trafilatura drops photo captions (<figcaption>); they are put back as paragraphs of their
own, after the paragraph that precedes their figure, so clean() can see their credits.
No network is used.

The page is parsed once, as trafilatura parses it but without libxml2's limit of 256 levels of
nesting (pages built of nested <div>s pass it); a page nested deeper than libxml2 can read at
all is rejected as such, not as a page without text.
"""
from __future__ import annotations

from datetime import date

import trafilatura
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring, fromstring
from trafilatura.utils import is_dubious_html, repair_faulty_html

from dragoman.clean import dateline_date, normalise
from dragoman.errors import MALFORMED, NO_TEXT, InputError
from dragoman.read.decode import parse_date
from dragoman.record import Document, content_id

# Figures in these parts of a page belong to other stories or to the site.
OUTSIDE_ARTICLE = ("aside", "nav", "footer", "header")


def from_html(html: str, origin: str, default_date: date | None = None) -> Document:
    """One Document; the page's own date (its metadata, else its dateline) wins over `default_date`."""
    tree = load(html, origin)
    if tree is None:
        raise InputError(origin, "no main text found in the page", code=NO_TEXT)
    page = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, date_extraction_params={"extensive_search": False,
                                                      "original_date": True})
    lines = [normalise(line) for line in (page.text or "").split("\n")] if page else []
    lines = [line for line in lines if line]
    structured = blocks(tree)
    if len(lines) <= 1 < len(structured):
        # On short pages trafilatura falls back to one run of text with headings, captions and
        # credits glued together; the page's own blocks keep them apart.
        lines = structured
    if not lines:
        raise InputError(origin, "no main text found in the page", code=NO_TEXT)
    text = "\n\n".join(with_captions(lines, tree))
    return Document(id=content_id(text), text=text, date=page_date(page.date) or dateline_date(text) or default_date,
                    title=page.title or None, url=page.url or None, site=page.sitename or None,
                    origin=origin, format="html")


def page_date(value: str | None) -> date | None:
    try:
        return parse_date(value, "")
    except InputError:
        return None      # a page date trafilatura could not read well is no date


# trafilatura's parser options, with deep pages allowed (libxml2's HUGE option: 2048 levels).
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                     remove_pis=True, huge_tree=True)


def load(html: str, origin: str) -> HtmlElement | None:
    """The page's tree, read as trafilatura's load_html reads it (None: not HTML at all);
    InputError when it is nested too deep for libxml2 to read."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree = _parse(html, origin)
    if tree is None or len(tree) < 1:   # a string with an encoding declaration: lxml wants its bytes
        tree = _parse(html.encode("utf-8", "surrogatepass"), origin)
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        return None
    if tree.getparent() is not None or tree.tag != "html":
        # A fragment: lxml hands back its one element. Put in a page of its own, as the cleaners
        # expect: dropping it (a lone <script>) would otherwise fail.
        page = document_fromstring("<html><body></body></html>", parser=_PARSER)
        page.body.append(tree)
        tree = page
    return tree


def _parse(html: str | bytes, origin: str) -> HtmlElement | None:
    try:
        tree = fromstring(html, parser=_PARSER)
    except (ValueError, etree.LxmlError):   # nothing to parse; an encoding declaration in a string
        return None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _PARSER.error_log):
        raise InputError(origin, "HTML nested deeper than the parser can read (2048 levels)", code=MALFORMED)
    return tree


BLOCKS = ("h1", "h2", "h3", "h4", "p", "li", "blockquote", "figcaption")


def blocks(tree: HtmlElement) -> list[str]:
    """The text blocks of the page's article (or main, or body), in order, outside site parts."""
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")
    if not roots:
        return []
    found = []
    for element in roots[0].iter(*BLOCKS):
        if _within(element, OUTSIDE_ARTICLE) or _within(element, BLOCKS):
            continue
        text = normalise(" ".join(element.itertext()))
        if text:
            found.append(text)
    return found


def _within(element: HtmlElement, tags: tuple[str, ...]) -> bool:
    """Whether one of the element's ancestors is one of these tags."""
    return next(element.iterancestors(*tags), None) is not None


def captions(tree: HtmlElement) -> list[tuple[str, str]]:
    """(caption, text of the paragraph before its figure) for each figcaption in the article."""
    found = []
    for caption in tree.iter("figcaption"):
        if _within(caption, OUTSIDE_ARTICLE):
            continue
        text = normalise(" ".join(caption.itertext()))
        before = caption.xpath("preceding::p[1]")
        anchor = normalise(" ".join(before[0].itertext())) if before else ""
        if text:
            found.append((text, anchor))
    return found


def with_captions(lines: list[str], tree: HtmlElement) -> list[str]:
    """The extracted lines with the captions trafilatura dropped put back in place."""
    result = list(lines)
    for caption, anchor in captions(tree):
        if any(caption in line for line in result):
            continue
        at = next((i + 1 for i, line in enumerate(result) if anchor and line == anchor),
                  len(result))
        result.insert(at, caption)
    return result
