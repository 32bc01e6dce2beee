"""Turn a read Document into Segments: its title, body paragraphs and photo captions.

Scraped articles carry site chrome (share buttons, donation appeals, cookie notices),
photo credits and bylines. None of it is news, and a credit such as
"Vladimir SMIRNOV / POOL / AFP" would otherwise be coded as an actor. The patterns live as
data in `dragoman/read/data/` (chrome.txt, credits.txt); this module applies them.
"""
from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from dragoman import dateline as datelines
from dragoman.errors import DictionaryError
from dragoman.record import BODY, CAPTION, TITLE, Document, Segment

DATA = Path(__file__).parent / "read" / "data"

TITLE_MAX = 200     # a title is a short line ...
CAPTION_MAX = 300   # ... a caption a short paragraph (used when its credit stands alone)
CREDIT_MAX = 100    # a credit is a short tail: "Name SURNAME / POOL / AFP"
DATELINE_REACH = 3000  # the characters of an article read for its dateline (chrome lines may come first)

# Characters that carry no text and only break matching.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
BULLET = re.compile(r"\s+•\s+")
# Where a credit can start: after a sentence end, a separator, or before a bracket group.
CREDIT_START = re.compile(r"[.!?…][\"”’)\]]*\s+|\s+[|•—–]\s+|\s+(?=[(\[])")
CREDIT_LABEL = re.compile(
    r"(?:(?:photo(?:graph)?s?|pictures?|pics?|images?|video)(?:\s+credits?)?\s*(?::|\bby\b)"
    r"|credits?\s*:|courtesy(?:\s+of)?\b)\s*(?P<rest>\S.*)",
    re.IGNORECASE)
UNIT_SPLIT = re.compile(r"\s*/\s*|\s+via\s+", re.IGNORECASE)
# Lower-case words allowed inside a name ("Office of the President", "Ursula von der Leyen").
NAME_PARTICLES = {"of", "the", "and", "&", "de", "da", "del", "di", "du", "van", "von", "der",
                  "den", "al", "el", "bin", "la", "le", "for"}


def load_patterns(path: Path) -> list[re.Pattern]:
    """One regular expression a line, `#` comments; a bad line raises DictionaryError."""
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            pattern = re.compile(line, re.IGNORECASE)
        except re.error as err:
            raise DictionaryError(str(path), number, f"bad regular expression: {err}") from None
        if pattern.fullmatch(""):
            raise DictionaryError(str(path), number, "the expression matches an empty line")
        patterns.append(pattern)
    return patterns


@cache
def chrome_patterns() -> tuple[re.Pattern, ...]:
    return tuple(load_patterns(DATA / "chrome.txt"))


@cache
def agency_pattern() -> re.Pattern:
    """All credit words as one whole-word pattern."""
    parts = "|".join(f"(?:{p.pattern})" for p in load_patterns(DATA / "credits.txt"))
    return re.compile(rf"(?<!\w)(?:{parts})(?!\w)", re.IGNORECASE)


def normalise(line: str) -> str:
    """Collapse every kind of space (non-breaking, thin ...) to one; quotes are kept."""
    return re.sub(r"\s+", " ", INVISIBLE.sub("", line)).strip()


def is_chrome(line: str) -> bool:
    return any(p.fullmatch(line) for p in chrome_patterns())


def _bulleted(block: str) -> list[str]:
    """A bullet in running text starts a paragraph: the next letter of a letters page, the
    author's note after a column ("... for him. • Simon Jenkins is a Guardian columnist"); a short
    line of bullets is a menu ("Home • News • World"), left to the chrome test whole."""
    return BULLET.split(block) if len(block) > TITLE_MAX else [block]


def paragraphs(text: str) -> list[str]:
    """Paragraphs split on blank lines (or on newlines when there are none), chrome dropped.

    Chrome is dropped line by line first: scraped pages often put two chrome lines, or a
    chrome line and a paragraph, under each other without a blank line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = BLANK_LINE.split(text) if BLANK_LINE.search(text) else text.split("\n")
    result = []
    for block in (piece for block in blocks for piece in _bulleted(block)):
        lines = [normalise(line) for line in block.split("\n")]
        kept = [line for line in lines if line and not is_chrome(line)]
        if kept:
            result.append(" ".join(kept))
    return result


def is_title(paragraph: str) -> bool:
    """A headline: short, one line, no final period, not a caption or a credit, and not the
    story's opening paragraph under a dateline that names an agency, region or date (a bare
    "CITY — " may open a headline: "UKRAINE — the war in maps")."""
    return (len(paragraph) <= TITLE_MAX
            and not paragraph.endswith((".", ":", ";", ","))
            and not paragraph[0].islower()
            and len(paragraph.split()) >= 2
            and split_credit(paragraph) is None
            and not _wire_opening(paragraph))


def _wire_opening(paragraph: str) -> bool:
    line = datelines.parse(paragraph)
    return line is not None and bool(line.agency or line.region or line.date)


def guess_title(text: str) -> str | None:
    """The title of a plain-text article: its first meaningful line when it looks like one."""
    found = paragraphs(text)
    return found[0] if found and is_title(found[0]) else None


def is_name_unit(unit: str) -> bool:
    """A part of a credit between slashes: capitalised words, particles, agency names."""
    words = agency_pattern().sub(" ", unit).split()
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in NAME_PARTICLES for w in words)


def is_photographer(unit: str) -> bool:
    """The agency style for a photographer: first names, then the surname in capitals."""
    words = unit.split()
    capitals = [w.isupper() and len(w) > 1 for w in words]
    if len(words) < 2 or not capitals[-1] or capitals[0]:
        return False
    first = capitals.index(True)
    return all(capitals[first:]) and all(w[0].isupper() for w in words[:first])


def is_credit(tail: str) -> bool:
    """Whether a short tail of a paragraph is a photo credit and nothing else."""
    text = tail.strip().rstrip(".").strip()
    bracketed = len(text) > 2 and text[0] in "([" and text[-1] in ")]"
    if bracketed:
        text = text[1:-1].strip()
    if not text or len(text) > CREDIT_MAX or len(text.split()) > 12:
        return False
    labelled = CREDIT_LABEL.fullmatch(text)
    if labelled:
        return len(labelled["rest"].split()) <= 10
    units = [u for u in UNIT_SPLIT.split(text) if u]
    if not units or not all(is_name_unit(u) for u in units):
        return False
    if any(agency_pattern().search(u) for u in units):
        # A lone agency name only when short and bare: "Getty Images", "Anadolu Agency";
        # "(Reuters)" at the end of a sentence cites a source, it is no credit.
        return len(units) > 1 or (len(text.split()) <= 4 and not bracketed)
    return len(units) > 1 and any(is_photographer(u) for u in units)


def split_credit(paragraph: str) -> tuple[str, str] | None:
    """(caption text, credit) when the paragraph ends with a photo credit, else None.

    The longest tail that is a credit wins, so "Photo: J. Smith/AP" is not cut at "J.".
    """
    near_end = len(paragraph) - CREDIT_MAX - 4      # room for brackets and spaces
    starts = [m.end() for m in CREDIT_START.finditer(paragraph, max(0, near_end - 8))]
    for start in [0] + starts:
        if start >= near_end and is_credit(paragraph[start:]):
            return paragraph[:start].rstrip(" |•—–-,;:"), paragraph[start:].strip()
    return None


def same_title(paragraph: str, title: str) -> bool:
    """Whether the first paragraph repeats the given title (maybe with the site name)."""
    a, b = paragraph.casefold().rstrip(" ."), title.casefold().rstrip(" .")
    return a == b or (is_title(paragraph) and (a in b or b in a))


def without_dateline(found: list[str]) -> list[str]:
    """'ANKARA, March 10, 2022 — Turkey said ...' -> 'Turkey said ...': the dateline gives the
    document's date and place (dateline.py); it is neither part of the first sentence nor an
    actor. Only the one that opens the story is cut (a later paragraph may start "NATO - ...")."""
    located = datelines.first(found)
    if located is None:
        return found
    index, line = located
    return [*found[:index], found[index][len(line.text):], *found[index + 1:]]


def dateline(text: str) -> datelines.Dateline | None:
    """The dateline of an article given as text: one that opens one of its first paragraphs
    after the title."""
    found = paragraphs(text[:DATELINE_REACH])
    if found and is_title(found[0]):
        found = found[1:]
    located = datelines.first(found)
    return located[1] if located else None


def dateline_date(text: str) -> date | None:
    """The full date of the article's dateline, if it has one ("MINSK, May 3, 2024 —")."""
    line = dateline(text)
    return line.date if line else None


def body_and_captions(found: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    for paragraph in without_dateline(found):
        credited = split_credit(paragraph)
        if credited is None:
            segments.append(Segment(BODY, paragraph))
        elif any(c.isalnum() for c in credited[0]):
            segments.append(Segment(CAPTION, credited[0]))
        elif segments and segments[-1].kind == BODY and len(segments[-1].text) <= CAPTION_MAX:
            # A credit on its own line: the short paragraph above it is the photo's caption.
            segments[-1] = Segment(CAPTION, segments[-1].text)
    return segments


def clean(doc: Document) -> list[Segment]:
    """The document as segments: TITLE first (if any), then BODY and CAPTION in text order."""
    found = paragraphs(doc.text)
    title = normalise(doc.title) if doc.title else ""
    if title:
        if found and same_title(found[0], title):
            found = found[1:]
    elif found and is_title(found[0]):
        title, found = found[0], found[1:]
    head = [Segment(TITLE, title)] if title else []
    return head + body_and_captions(found)
