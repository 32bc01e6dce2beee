"""Bytes to text, with the checks every input kind shares: size, binary, encoding, empty.

Each check raises InputError with the code of errors.py; the reader turns it into a Reject.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from dragoman import settings
from dragoman.errors import BINARY, EMPTY, MALFORMED, OVERSIZED, UNDECODABLE, InputError, warn

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# A UTF-8 lead byte followed by a continuation byte: such bytes are (broken) UTF-8, and
# reading them as cp1252 would only produce mojibake ("Ã©").
UTF8_PAIR = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
CONTROL_SHARE = 0.05     # more control characters than this: binary, not text
CP1252_SHARE = 0.10      # more non-ASCII characters than this: not cp1252 text
# Control characters other than the whitespace ones (tab, newlines, form feed).
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
BYTE_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
# Half of a UTF-16 pair alone ("\ud800" in JSON): no character, and no UTF-8 for it.
SURROGATE = re.compile("[\ud800-\udfff]")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_size(data: bytes, origin: str) -> None:
    limit = settings.get("MAX_DOC_BYTES")
    if len(data) > limit:
        raise InputError(origin, f"larger than {limit} bytes (MAX_DOC_BYTES)", code=OVERSIZED)


def check_not_empty(text: str, origin: str) -> None:
    if len("".join(text.split())) < settings.get("MIN_DOC_CHARS"):
        raise InputError(origin, "empty document", code=EMPTY)


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM); cp1252 only when the bytes clearly are cp1252 text."""
    if data.startswith(UTF16_BOMS):
        raise InputError(origin, "UTF-16 text; convert it to UTF-8", code=UNDECODABLE)
    if b"\x00" in data:
        raise InputError(origin, "binary data (NUL bytes)", code=BINARY)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        text = _cp1252(data)
        if text is None:
            if _byte_control_share(data) > CONTROL_SHARE:
                raise InputError(origin, "binary data", code=BINARY) from None
            raise InputError(origin, f"not valid UTF-8 (byte {data[err.start]:#04x} at offset "
                             f"{err.start}); convert it to UTF-8", code=UNDECODABLE) from None
        warn(origin, "not UTF-8, read as cp1252")
    check_text(text, origin)
    return text


def check_text(text: str, origin: str) -> None:
    """Text, not binary data: no NUL, few control characters, only characters UTF-8 can write."""
    if "\x00" in text or _control_share(text) > CONTROL_SHARE:
        raise InputError(origin, "binary data (control characters)", code=BINARY)
    check_unicode(text, origin)


def check_unicode(text: str, origin: str, field: str = "text") -> None:
    """Characters only: a lone surrogate (a JSON "\\ud800" escape) is none, and would break every
    step that writes the text out (a hash, the database, the output)."""
    bad = SURROGATE.search(text)
    if bad:
        raise InputError(origin, f"{field} holds a lone surrogate \\u{ord(bad.group()):04x} at character "
                         f"{bad.start()}, which is no Unicode character", code=UNDECODABLE)


def _control_share(text: str) -> float:
    return len(CONTROL.findall(text)) / max(len(text), 1)


def _byte_control_share(data: bytes) -> float:
    """The share of C0 control bytes: high in binary data, nil in text of any encoding."""
    return len(BYTE_CONTROL.findall(data)) / max(len(data), 1)


def _cp1252(data: bytes) -> str | None:
    """The text, when the bytes decode cleanly as cp1252 and read as Western text."""
    if UTF8_PAIR.search(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 127]
    readable = all(c.isalpha() or unicodedata.category(c)[0] in "PSZ" for c in wide)
    return text if readable and len(wide) <= CP1252_SHARE * len(text) else None


def parse_date(value: object, origin: str) -> date | None:
    """A date from `YYYY-MM-DD` or a full ISO timestamp (its date kept as written)."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(origin, f"bad date {value!r}: expected YYYY-MM-DD", code=MALFORMED)
    text = value.strip()
    try:
        if DAY.fullmatch(text):
            return date.fromisoformat(text)
        if DAY.match(text) and text[10] in "T ":
            return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    raise InputError(origin, f"bad date {value!r}: expected YYYY-MM-DD", code=MALFORMED)
