"""`dragoman watch`: news feeds (RSS, Atom) and article pages fetched and coded into the store as
they come, every few minutes or once (for cron).

Each round reads every source given: a feed's entries are the article pages it links to, dated
by their publication date (the feed's, else the page's own); a page is one article. A page whose
address is stored already is not fetched again, and a page whose text is stored already (the
same article at another address) is skipped as `ingest` skips it. A fetch that fails (no answer,
an HTTP error, not a page) is logged as a warning and tried again in the next round; it never
stops the watch.

The only command that goes to the network: to the addresses it is given and the pages their
feeds link to, over http or https only (no file:, ftp: or data: address, nor a redirect to one),
each answer bounded in size (MAX_DOC_BYTES) and time. The database is opened for each round
and closed after it, so that other commands can use it between rounds.
"""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urldefrag, urlsplit

import feedparser

from .. import settings
from ..engines import LocalEngine
from ..errors import UNFETCHED, ConfigError, InputError, warn
from ..read.files import one_document
from ..record import Document, Reject
from ..store import Store, open_store
from ..store.ingest import Report, ingest_documents

TIMEOUT = 20.0
USER_AGENT = "dragoman-watch/0.1 (news event coder)"
_FEED_TYPES = ("xml", "rss", "atom")


def check_source(url: str) -> str:
    """An http(s) address, without its #fragment; ConfigError for anything else."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{url!r} is not an http or https address", hint="give a feed's or a page's web address")
    return urldefrag(url).url


class Fetcher:
    """HTTP and HTTPS only: the opener knows no other scheme, so a redirect to file: or ftp: fails."""

    def __init__(self, timeout: float = TIMEOUT):
        self.timeout = timeout
        self.opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.HTTPHandler, urllib.request.HTTPSHandler, urllib.request.HTTPRedirectHandler,
                        urllib.request.HTTPDefaultErrorHandler, urllib.request.HTTPErrorProcessor):
            self.opener.add_handler(handler())

    def fetch(self, url: str) -> tuple[bytes, str]:
        """The body of the answer and its media type; InputError (E110) saying why there is none."""
        limit = settings.get("MAX_DOC_BYTES")
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with self.opener.open(request, timeout=self.timeout) as answer:
                data = answer.read(limit + 1)
                kind = answer.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            raise InputError(url, f"could not fetch it: HTTP {exc.code} {exc.reason}", code=UNFETCHED) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise InputError(url, f"could not fetch it: {reason}", code=UNFETCHED) from None
        if len(data) > limit:
            raise InputError(url, f"could not fetch it: larger than MAX_DOC_BYTES ({limit} bytes)", code=UNFETCHED)
        return data, kind


@dataclass
class Round:
    """What one round did: the ingest's report, and the addresses that could not be fetched."""

    report: Report
    failed: list[str] = field(default_factory=list)


@dataclass
class Watch:
    sources: list[str]
    db: str
    fetcher: Fetcher = field(default_factory=Fetcher)

    def __post_init__(self):
        self.sources = [check_source(url) for url in self.sources]

    def round(self) -> Round:
        """Fetch every source once and ingest what is new."""
        failed: list[str] = []
        store = open_store(self.db)
        try:
            report = ingest_documents(store, self._documents(store, failed), LocalEngine(1))
        finally:
            store.close()
        return Round(report, failed)

    def _documents(self, store: Store, failed: list[str]) -> Iterator[Document | Reject]:
        seen = stored_urls(store)
        for source in self.sources:
            if source in seen:   # a page given by its address, stored in an earlier round
                continue
            for url, day, data in self._articles(source, failed):
                if url in seen:
                    continue
                seen.add(url)
                page = self._page(url, day, data, failed)
                if page is not None:
                    yield page

    def _articles(self, source: str, failed: list[str]) -> Iterator[tuple[str, date | None, bytes | None]]:
        """(address, publication date, body if fetched already) of the articles a source gives: a
        feed's entries, or the page itself."""
        try:
            data, kind = self.fetcher.fetch(source)
        except InputError as exc:
            _failed(exc, failed)
            return
        feed = as_feed(data, kind)
        if feed is None:
            yield source, None, data
            return
        for entry in feed.entries:
            link = entry.get("link")
            if link and urlsplit(link).scheme in ("http", "https"):
                yield urldefrag(link).url, published(entry), None

    def _page(self, url: str, day: date | None, data: bytes | None, failed: list[str]) -> Document | Reject | None:
        if data is None:
            try:
                data, _ = self.fetcher.fetch(url)
            except InputError as exc:
                _failed(exc, failed)
                return None
        item = one_document(data, url, "html", day)
        if isinstance(item, Reject):
            return item
        # The feed's publication date is the document's date; the page's own where the feed gives none.
        return replace(item, url=url, date=day or item.date)


def _failed(exc: InputError, failed: list[str]) -> None:
    warn(exc.origin, f"{exc.reason} (tried again in the next round)")
    failed.append(exc.origin)


def stored_urls(store: Store) -> set[str]:
    return {row["url"] for row in store.records("SELECT url FROM documents WHERE url IS NOT NULL")}


def as_feed(data: bytes, kind: str):
    """The parsed feed, or None when the answer is a page. feedparser reads the bytes given: it
    fetches nothing."""
    head = data.lstrip()[:200].lower()
    looks = any(word in kind for word in _FEED_TYPES) or head.startswith((b"<?xml", b"<rss", b"<feed"))
    if not looks:
        return None
    feed = feedparser.parse(data)
    return feed if feed.get("version") or feed.entries else None


def published(entry) -> date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return date(*stamp[:3]) if stamp else None
    except (TypeError, ValueError):
        return None


def watch(sources: list[str], db: str, *, every: float = 15.0, once: bool = False, log=print) -> Round:
    """Rounds every `every` minutes (one with `once`); returns the last round."""
    watcher = Watch(sources, db)
    while True:
        done = watcher.round()
        r = done.report
        log(f"dragoman: watch: stored {r.documents} documents ({r.mentions} event reports) in {db}; "
            f"{r.skipped} already there, {r.rejected} rejected, {len(done.failed)} not fetched")
        if once:
            return done
        time.sleep(every * 60)
