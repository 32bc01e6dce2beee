"""The Python API: the same operations as the command line, as plain functions."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from .actors import kb as kbmod
from .actors import petrarch
from .actors.resolve import resolve_text
from .errors import ConfigError
from .pipeline import Coder
from .read import from_text, read_inputs
from .record import Actor, Document, Event, Reject


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"bad date '{value}'", hint="use YYYY-MM-DD") from None


def code_text(text: str, *, date: date | str | None = None, doc_id: str | None = None,
              title: str | None = None) -> list[Event]:
    """Code one article given as text (as scraped: title line, body, captions)."""
    doc = from_text(text, "<text>", _day(date))  # a dateline dates it, as for a text file
    doc = replace(doc, id=doc_id or doc.id, title=title or doc.title)
    return Coder.default().code(doc)


def knowledge(actors: Iterable[str | Path] = (), agents: Iterable[str | Path] = ()) -> kbmod.KB:
    """The built-in actor dictionaries, with PETRARCH/TABARI actor and agent dictionaries
    layered over them (their entries win)."""
    actors, agents = [Path(p) for p in actors], [Path(p) for p in agents]
    if not actors and not agents:
        return kbmod.builtin()
    return petrarch.build(actors, agents)


def _coder(actors=(), agents=()) -> Coder:
    coder = Coder.default()
    if not actors and not agents:
        return coder
    return replace(coder, kb=knowledge(actors, agents))


def code_documents(docs: Iterable[Document], *, actors: Iterable[str | Path] = (),
                   agents: Iterable[str | Path] = ()) -> Iterator[tuple[Document, list[Event]]]:
    coder = _coder(tuple(actors), tuple(agents))
    for doc in docs:
        yield doc, coder.code(doc)


def code_paths(paths: Iterable[str | Path], *, date: date | str | None = None, input_format: str = "auto",
               actors: Iterable[str | Path] = (), agents: Iterable[str | Path] = ()
               ) -> Iterator[tuple[Document, list[Event]] | Reject]:
    """Code files, directories or '-' (stdin): yields (document, events) or a Reject, in input order.
    `actors`/`agents` layer PETRARCH/TABARI dictionaries over the built-in ones."""
    coder = _coder(tuple(actors), tuple(agents))
    waiting: list[Document] = []
    for item in read_inputs([str(p) for p in paths], input_format=input_format, default_date=_day(date)):
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


def code_file(path: str | Path, *, date: date | str | None = None, input_format: str = "auto") -> list[Event]:
    """All events of one file (a corpus file gives the events of all its documents)."""
    events: list[Event] = []
    for item in code_paths([path], date=date, input_format=input_format):
        if not isinstance(item, Reject):
            events.extend(item[1])
    return events


def resolve(mention: str, *, date: date | str | None = None, actors: Iterable[str | Path] = (),
            agents: Iterable[str | Path] = ()) -> Actor:
    """The actor a mention names on a date ("Putin", "Turkish police", "NATO")."""
    return resolve_text(mention, _day(date), knowledge(actors, agents))
