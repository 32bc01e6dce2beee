"""The Python API: the same operations as the command line, as plain functions.

Arguments are checked here, at the edge, and a wrong one raises dragoman's own errors: an
argument of the wrong type or a bad date is a ConfigError; a text that is not text (binary, a lone
surrogate, larger than MAX_DOC_BYTES) is an InputError naming it, as a file's would be. A
single path, as a str or a Path, is one path, never a sequence of characters.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from .actors import kb as kbmod
from .actors import petrarch
from .actors.resolve import resolve_text
from .errors import ConfigError, InputError
from .pipeline import Coder
from .read import from_text, read_inputs
from .read.decode import check_size, check_text
from .record import Actor, Document, Event, Reject

PathLike = str | os.PathLike


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    _expect(value, str, "the date", "a str (YYYY-MM-DD), a datetime.date or None")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"bad date '{value}'", hint="use YYYY-MM-DD") from None


def _expect(value: object, kinds: type | tuple[type, ...], what: str, wanted: str) -> None:
    if not isinstance(value, kinds):
        hint = "decode the bytes first: data.decode('utf-8')" if isinstance(value, (bytes, bytearray)) else None
        raise ConfigError(f"{what} must be {wanted}, not {type(value).__name__}", hint=hint)


def _text(value: object, origin: str) -> str:
    """A document's text as the readers accept one, or InputError saying why it is not. (An empty
    text is one: it has no events.)"""
    _expect(value, str, "the text", "a str")
    check_text(value, origin)
    check_size(value.encode("utf-8"), origin)
    return value


def _optional_str(value: object, name: str) -> str | None:
    _expect(value, (str, type(None)), name, "a str or None")
    return value


def _paths(value: PathLike | Iterable[PathLike], name: str = "paths") -> list[str]:
    """A list of path strings: one str or Path is one path."""
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    _expect(value, Iterable, name, "a path or an iterable of paths")
    items = list(value)
    for item in items:
        _expect(item, (str, os.PathLike), f"each of {name}", "a path (str or Path)")
    return [os.fspath(item) for item in items]


def _checked(doc: object) -> Document:
    _expect(doc, Document, "each document", "a dragoman.Document")
    _text(doc.text, doc.origin or doc.id)
    return doc


def code_text(text: str, *, date: date | str | None = None, doc_id: str | None = None,
              title: str | None = None, actors: PathLike | Iterable[PathLike] = (),
              agents: PathLike | Iterable[PathLike] = (), model: str | None = None) -> list[Event]:
    """Code one article given as text (as scraped: title line, body, captions). `actors`/`agents`
    layer PETRARCH/TABARI dictionaries over the built-in ones, as for code_paths; `model` names the
    learned models ("events", the default, or "large": the MODEL setting)."""
    doc = from_text(_text(text, "<text>"), "<text>", _day(date))  # a dateline dates it, as for a text file
    doc = replace(doc, id=_optional_str(doc_id, "doc_id") or doc.id, title=_optional_str(title, "title") or doc.title)
    return _coder(actors, agents, model).code(doc)


def knowledge(actors: PathLike | Iterable[PathLike] = (), agents: PathLike | Iterable[PathLike] = ()) -> kbmod.KB:
    """The built-in actor dictionaries, with PETRARCH/TABARI actor and agent dictionaries
    layered over them (their entries win)."""
    actors, agents = [Path(p) for p in _paths(actors, "actors")], [Path(p) for p in _paths(agents, "agents")]
    if not actors and not agents:
        return kbmod.builtin()
    return petrarch.build(actors, agents)


def _coder(actors=(), agents=(), model: str | None = None) -> Coder:
    coder = Coder.default(model=_optional_str(model, "model"))
    actors, agents = _paths(actors, "actors"), _paths(agents, "agents")
    if not actors and not agents:
        return coder
    return replace(coder, kb=knowledge(actors, agents))


def code_documents(docs: Iterable[Document], *, actors: PathLike | Iterable[PathLike] = (),
                   agents: PathLike | Iterable[PathLike] = (), model: str | None = None
                   ) -> Iterator[tuple[Document, list[Event]]]:
    coder = _coder(actors, agents, model)
    yield from coder.code_many(_checked(doc) for doc in docs)


def code_paths(paths: PathLike | Iterable[PathLike], *, date: date | str | None = None,
               input_format: str = "auto", actors: PathLike | Iterable[PathLike] = (),
               agents: PathLike | Iterable[PathLike] = (), follow_links: bool = False, model: str | None = None
               ) -> Iterator[tuple[Document, list[Event]] | Reject]:
    """Code files, directories or '-' (stdin): yields (document, events) or a Reject, in input order.
    `actors`/`agents` layer PETRARCH/TABARI dictionaries over the built-in ones. In a folder, a
    link to a file outside it is rejected unless `follow_links`. `model`: as for code_text."""
    paths = _paths(paths)
    coder = _coder(actors, agents, model)
    waiting: list[Document] = []
    for item in read_inputs(paths, input_format=input_format, default_date=_day(date), follow_links=follow_links):
        if isinstance(item, Reject):
            yield from coder.code_many(waiting)   # keep input order: documents read before it first
            waiting = []
            yield item
            continue
        waiting.append(item)
        if len(waiting) >= _CODE_BATCH:
            yield from coder.code_many(waiting)
            waiting = []
    yield from coder.code_many(waiting)


# Documents handed to the coder at a time: the parser batches their sentences together.
_CODE_BATCH = 32


def code_file(path: PathLike, *, date: date | str | None = None, input_format: str = "auto") -> list[Event]:
    """All events of one file (a corpus file gives the events of all its documents). A file, or a
    line or row of it, that cannot be read raises InputError naming it and why (code_paths yields
    such rejects and goes on)."""
    _expect(path, (str, os.PathLike), "the path", "a str or Path")
    events: list[Event] = []
    for item in code_paths(path, date=date, input_format=input_format):
        if isinstance(item, Reject):
            raise InputError(item.origin, item.reason, code=item.code)
        events.extend(item[1])
    return events


def resolve(mention: str, *, date: date | str | None = None, actors: PathLike | Iterable[PathLike] = (),
            agents: PathLike | Iterable[PathLike] = ()) -> Actor:
    """The actor a mention names on a date ("Putin", "Turkish police", "NATO")."""
    _expect(mention, str, "the mention", "a str")
    check_text(mention, "<mention>")
    return resolve_text(mention, _day(date), knowledge(actors, agents))



# ---------------------------------------------------------------- a store, asked questions


class EventStore:
    """A database written by `dragoman ingest` (or `code --db`), opened to read: its events as
    pandas DataFrames in the flat row layout of every CSV and Parquet file (codes as strings,
    `day` as a date), filtered by the keywords of dragoman.query.Filters:

        with dragoman.open("events.duckdb") as store:
            protests = store.events(country="SYR", plover="PROTEST", since="2018")
            monthly = store.series(by="country", period="month", news_only=True)
    """

    def __init__(self, path: PathLike):
        from .store import open_store

        _expect(path, (str, os.PathLike), "the path", "a str or Path")
        self.path = os.fspath(path)
        self._store = open_store(self.path, read_only=True)

    def events(self, *, limit: int | None = None, **filters) -> "pandas.DataFrame":
        """The stored events the filters keep, one row each."""
        from .query import events

        return _frame(events(self._store, _filters(filters), limit=limit))

    def mentions(self, *, limit: int | None = None, **filters) -> "pandas.DataFrame":
        """Every report of the events the filters keep (`dedup_id` is its event's `event_id`)."""
        from .query import mentions

        return _frame(mentions(self._store, _filters(filters), limit=limit))

    def series(self, by: str = "country", period: str = "month", **filters) -> "pandas.DataFrame":
        """Events and Goldstein sums per key (country, dyad, quad, plover) and period, every period
        of the range with zeros; events dated less precisely than the period as rows of their own
        `precision`. `attrs` holds the undated and unkeyed counts, the total and the filters."""
        import pandas

        from .query import series
        from .report.text import SERIES_CSV, series_rows

        found = series(self._store, by, period, _filters(filters))
        frame = pandas.DataFrame(list(series_rows(found)), columns=list(SERIES_CSV))
        frame["period"] = pandas.to_datetime(frame["period"])
        frame.attrs.update(undated=found.undated, unkeyed=found.unkeyed, total=found.total,
                           filters=found.filters.to_dict(), by=by, period=period)
        return frame

    def places(self, **filters) -> "pandas.DataFrame":
        """Each place with coordinates: its events and their Goldstein sum, most events first."""
        import pandas

        from .query import places

        found = places(self._store, _filters(filters))
        return pandas.DataFrame([vars(p) for p in found.rows],
                                columns=["name", "country", "lat", "lon", "events", "goldstein"])

    def to_polars(self, **filters) -> "polars.DataFrame":
        """The events the filters keep as a polars DataFrame (needs polars: pip install polars)."""
        try:
            import polars
        except ImportError:
            raise ConfigError("polars is not installed", hint="pip install polars, or use .events() for pandas") from None
        from .query import events

        return polars.from_arrow(events(self._store, _filters(filters)))

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> "EventStore":
        return self

    def __exit__(self, *_) -> None:
        self.close()


def open(path: PathLike) -> EventStore:  # noqa: A001 (dragoman.open, as the issue names it)
    """Open a database of stored events to read (a ConfigError if there is none at `path`)."""
    return EventStore(path)


def _filters(values: dict):
    from .query import Filters

    try:
        return Filters(**values)
    except TypeError:
        known = ", ".join(Filters.__dataclass_fields__)
        unknown = ", ".join(sorted(set(values) - set(Filters.__dataclass_fields__)))
        raise ConfigError(f"unknown filter {unknown}", hint=f"use: {known}") from None


def _frame(table) -> "pandas.DataFrame":
    # dates as datetime64 (not Python objects), so that `day` can be resampled and plotted
    return table.to_pandas(date_as_object=False)


def read_csv(path: PathLike) -> "pandas.DataFrame":
    """A CSV that dragoman wrote (`code --format csv`, `export --format csv`) as a DataFrame with
    the layout's types: codes stay strings ("072", not 72), `day` and `doc_date` are dates."""
    import pandas

    from .output import FLAT

    types = {"str": "str", "int": "Int64", "float": "float64", "bool": "boolean"}
    _expect(path, (str, os.PathLike), "the path", "a str or Path")
    dates = [name for name, kind in FLAT if kind == "date"]
    return pandas.read_csv(path, dtype={name: types[kind] for name, kind in FLAT if kind != "date"},
                           parse_dates=dates, keep_default_na=False, na_values=[""])
