"""The HTTP layer of `dragoman serve` (FastAPI): routes that read a request, call the plain
functions of service.py, reads.py and review.py, and write the response. Errors are JSON,
`{"error": {"code", "message", "hint"}}`, with the codes of dragoman/errors.py.

Limits: a request body larger than the service's `max_body` is refused (413, E803) before it is
read whole, and a request that takes longer than its `timeout` is answered 504 (E804). The
review page's assets come from this package (static/), named in a fixed table: no path from a
request reaches the file system.
"""

import asyncio
import json
import logging
from datetime import date
from importlib import resources
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import (BAD_REQUEST, TOO_LARGE, TOO_SLOW, UNKNOWN_ID, ConfigError, DragomanError, InputError,
                      RequestError, StoreError)
from ..query import PERIODS, SERIES_BY, Filters
from ..store import SCHEMA_VERSION
from . import reads, review
from .service import Service

LOG = logging.getLogger("dragoman.serve")
# The review page's files: name -> media type. Only these are served.
ASSETS = {"review.js": "text/javascript", "review.css": "text/css"}
# Security headers of every response: the page loads nothing from elsewhere and runs no inline script.
HEADERS = {"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                      "base-uri 'none'; frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


def error_body(code: str, message: str, hint: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "hint": hint or None}}


def _status(exc: DragomanError) -> int:
    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, ConfigError):
        return 400
    if isinstance(exc, StoreError):
        return 503
    return 500


class Limits:
    """ASGI middleware: bounded request bodies and time per request."""

    def __init__(self, app, max_body: int, timeout: float):
        self.app, self.max_body, self.timeout = app, max_body, timeout

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def sending(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.max_body:
            return await _answer(send, 413, error_body(TOO_LARGE, f"the request body is over {self.max_body} bytes"))
        received = 0

        async def receiving():
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_body:
                raise _TooLarge
            return message

        try:
            await asyncio.wait_for(self.app(scope, receiving, sending), self.timeout)
        except _TooLarge:
            if not started:
                await _answer(send, 413, error_body(TOO_LARGE, f"the request body is over {self.max_body} bytes"))
        except asyncio.TimeoutError:
            if not started:
                await _answer(send, 504, error_body(TOO_SLOW, f"the request took longer than {self.timeout:g} s",
                                                    "ask for less (a smaller page, a shorter text)"))


class _TooLarge(Exception):
    pass


async def _answer(send, status: int, body: dict) -> None:
    data = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


Many = Annotated[list[str] | None, Query()]
# The parameters several routes take, declared once.
Format = Annotated[str, Query(pattern="^(json|csv)$")]
Period = Annotated[str, Query(pattern=f"^({'|'.join(PERIODS)})$")]
Limit = Annotated[int, Query(ge=1, le=reads.MAX_PAGE)]
Offset = Annotated[int, Query(ge=0)]
DocDate = Annotated[date | None, Query(alias="date")]


def event_filters(since: str | None = None, until: str | None = None, country: Many = None,
                  source_country: Many = None, target_country: Many = None, actor: Many = None, plover: Many = None,
                  cameo: Many = None, quad: Many = None, min_confidence: float | None = None,
                  news_only: bool = False) -> Filters:
    """The filters of `export` (`dragoman.query.Filters`) from a request's parameters; a parameter may
    be given several times (`plover=PROTEST&plover=ASSAULT`). A bad value is a ConfigError (400)."""
    return Filters(since, until, country or (), source_country or (), target_country or (), actor or (),
                   plover or (), cameo or (), quad or (), min_confidence, news_only)


def make_app(service: Service) -> FastAPI:
    app = FastAPI(title="dragoman", version=__version__,
                  description="Political event data (CAMEO, PLOVER) from news: code texts, query the store, "
                              "review events. Writes need the server's token (Authorization: Bearer TOKEN).")
    app.add_middleware(Limits, max_body=service.max_body, timeout=service.timeout)
    bearer = HTTPBearer(auto_error=False)

    def token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str | None:
        return credentials.credentials if credentials else None

    def reader(given: Annotated[str | None, Depends(token)]) -> None:
        service.check(given, write=False)

    def writer(given: Annotated[str | None, Depends(token)]) -> None:
        service.check(given, write=True)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(HEADERS)
        return response

    @app.exception_handler(DragomanError)
    async def dragoman_error(request: Request, exc: DragomanError):
        return JSONResponse(error_body(exc.code, exc.message, exc.hint), status_code=_status(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        reasons = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        return JSONResponse(error_body(BAD_REQUEST, reasons), status_code=400)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = UNKNOWN_ID if exc.status_code == 404 else BAD_REQUEST
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        LOG.exception("crashed on %s %s", request.method, request.url.path)
        return JSONResponse(error_body("E000", f"crashed: {type(exc).__name__} (a bug: please report it)"),
                            status_code=500)

    # ------------------------------------------------------------ the page and its files

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        return Response(_asset("index.html"), media_type="text/html; charset=utf-8")

    @app.get("/static/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in ASSETS:
            raise RequestError(f"no file {name!r}", code=UNKNOWN_ID, status=404)
        return Response(_asset(name), media_type=f"{ASSETS[name]}; charset=utf-8")

    @app.get("/health", tags=["service"])
    def health() -> dict:
        """Whether the server runs, and what its database holds."""
        with service.reading() as store:
            counts = {table: store.count(table) for table in ("documents", "events", "mentions", "reviews")}
        return {"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION, **counts,
                "protect_reads": service.protect_reads}

    # ------------------------------------------------------------ coding and ingesting

    @app.post("/code", tags=["coding"])
    async def code(request: Request, date_: DocDate = None) -> dict:
        """Code a document (plain text, HTML, or JSON `{"id", "text" or "html", "date", "url"}`, a
        list of them, or JSON lines) into events, as `dragoman code` does; nothing is stored.
        `date` is the document date where the document gives none."""
        body = await request.body()
        events, rejects = await asyncio.to_thread(service.code, body, request.headers.get("content-type"), date_)
        return {"events": [e.to_dict() for e in events], "rejected": [vars(r) for r in rejects]}

    @app.post("/documents", tags=["coding"], dependencies=[Depends(writer)])
    async def add_documents(request: Request, date_: DocDate = None) -> dict:
        """Code documents into the store, as `dragoman ingest` does: a document already stored (by
        id or text) is skipped, one whose id is stored with another text is rejected."""
        body = await request.body()
        ids, report = await asyncio.to_thread(service.add_documents, body, request.headers.get("content-type"), date_)
        return {"doc_ids": ids, "stored": report.documents, "skipped": report.skipped, "events": report.mentions,
                "rejected": [vars(r) for r in report.rejects]}

    # ------------------------------------------------------------ reading

    @app.get("/events", tags=["events"], dependencies=[Depends(reader)])
    def events(filters: Annotated[Filters, Depends(event_filters)],
               order: Annotated[str, Query(pattern="^(date|confidence)$")] = "date", unreviewed: bool = False,
               limit: Limit = 50, offset: Offset = 0, format: Format = "json"):
        """A page of the events the filters keep (those of `export`); `order=confidence&unreviewed=true`
        is the review queue: the events the coder is least sure of that nobody has reviewed."""
        with service.reading() as store:
            page = reads.events(store, filters, order=order, unreviewed=unreviewed, limit=limit, offset=offset)
        return _as(format, page, page["events"])

    @app.get("/events/{event_id}", tags=["events"], dependencies=[Depends(reader)])
    def event(event_id: str) -> dict:
        """One event, every report of it with its evidence and spans in its document, and verdicts."""
        with service.reading() as store:
            return reads.event(store, event_id)

    @app.get("/documents/{doc_id}", tags=["events"], dependencies=[Depends(reader)])
    def document(doc_id: str) -> dict:
        """A stored document and its text."""
        with service.reading() as store:
            return reads.document(store, doc_id)

    @app.get("/series", tags=["analysis"], dependencies=[Depends(reader)])
    def series(filters: Annotated[Filters, Depends(event_filters)],
               by: Annotated[str, Query(pattern=f"^({'|'.join(SERIES_BY)})$")] = "country",
               period: Period = "month", format: Format = "json"):
        """Counts and Goldstein sums per country, dyad, quad class or PLOVER type and period, on a real
        calendar (empty periods as zeros; coarser dates and undated events counted apart)."""
        with service.reading() as store:
            result = reads.series(store, by, period, filters)
        return _as(format, result, result["counts"])

    @app.get("/dyads", tags=["analysis"], dependencies=[Depends(reader)])
    def dyads(filters: Annotated[Filters, Depends(event_filters)],
              period: Period = "month", format: Format = "json"):
        """Events and Goldstein sums per dyad (source, target) and period, for the events the filters keep."""
        with service.reading() as store:
            result = reads.dyads(store, period, filters)
        return _as(format, result, result["dyads"])

    # ------------------------------------------------------------ reviews

    @app.post("/reviews", tags=["reviews"], dependencies=[Depends(writer)])
    async def add_review(request: Request) -> dict:
        """A verdict on one report of an event: `{"mention_id", "verdict": accept|correct|reject}`,
        with, to correct it, any of `type`, `cameo`, `source` and `target` (`{"text", "code"}`),
        `date`, `place` (`{"text", "country"}`), `factuality`, `time`. Stored as a gold annotation."""
        verdict = _json_object(await request.body())
        mention_id = verdict.get("mention_id")
        if not isinstance(mention_id, str):
            raise RequestError("a verdict names its report: mention_id", code=BAD_REQUEST)
        row = await asyncio.to_thread(service.record_verdict, mention_id, verdict)
        return row

    @app.get("/reviews", tags=["reviews"], dependencies=[Depends(reader)])
    def list_reviews(limit: Limit = 100, offset: Offset = 0) -> list[dict]:
        """The verdicts given, latest first."""
        with service.reading() as store:
            return review.reviews(store, limit=limit, offset=offset)

    return app


def _as(format: str, result: dict, rows: list[dict]) -> dict | Response:
    """The result as JSON, or its rows as CSV (`format=csv`)."""
    if format == "csv":
        return Response(reads.as_csv(rows), media_type="text/csv; charset=utf-8")
    return result


def _json_object(body: bytes) -> dict:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        raise RequestError("the body is not JSON", code=BAD_REQUEST) from None
    if not isinstance(value, dict):
        raise RequestError("the body is not a JSON object", code=BAD_REQUEST)
    return value


def _asset(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()
