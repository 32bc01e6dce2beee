"""Request bodies as documents, read by the readers `dragoman code` uses: plain text, HTML, one
JSON document (`{"id", "text" or "html", "date", "title", "url"}`), a JSON list of them, or
JSON lines. What cannot be read is a Reject naming the request and why, as a file's would be."""
from __future__ import annotations

import io
import json
from datetime import date

from ..errors import BAD_REQUEST, MALFORMED, InputError, RequestError
from ..read.corpus import document, read_jsonl
from ..read.files import one_document, sniff
from ..record import Document, Reject

ORIGIN = "<request>"
# Documents one request may hold: a larger batch goes in several requests.
MAX_DOCUMENTS = 1000
_KINDS = {"application/json": "json", "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
          "application/x-jsonlines": "jsonl", "text/html": "html", "text/plain": "text"}


def kind_of(content_type: str | None, body: bytes) -> str:
    """json, jsonl, html or text: from the media type, else from the first bytes."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media in _KINDS:
        return _KINDS[media]
    sniffed = sniff(body)
    return "json" if sniffed == "jsonl" else sniffed


def documents(body: bytes, content_type: str | None, default_date: date | None) -> list[Document | Reject]:
    """The documents of a request body, in order, with a Reject for each one that cannot be read."""
    kind = kind_of(content_type, body)
    if kind == "jsonl":
        items = list(read_jsonl(io.BytesIO(body), ORIGIN, default_date))
    elif kind == "json":
        items = _json_documents(body, default_date)
    else:
        items = [one_document(body, ORIGIN, kind, default_date)]
    if len(items) > MAX_DOCUMENTS:
        raise RequestError(f"{len(items)} documents in one request; at most {MAX_DOCUMENTS}", code=BAD_REQUEST,
                           status=413, hint="send them in several requests")
    return items


def _json_documents(body: bytes, default_date: date | None) -> list[Document | Reject]:
    try:
        value = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise RequestError("the body is not UTF-8", code=BAD_REQUEST) from None
    except (ValueError, RecursionError) as exc:
        raise RequestError(f"the body is not JSON ({str(exc)[:80]})", code=BAD_REQUEST) from None
    fields = value if isinstance(value, list) else [value]
    out: list[Document | Reject] = []
    for n, item in enumerate(fields, 1):
        where = f"{ORIGIN}:{n}" if isinstance(value, list) else ORIGIN
        if not isinstance(item, dict):
            out.append(Reject(where, "not a JSON object", MALFORMED))
            continue
        try:
            out.append(document(item, where, default_date, "jsonl"))
        except InputError as err:
            out.append(Reject(where, err.reason, err.code))
    return out
