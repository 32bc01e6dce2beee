"""dragoman: news in, political event data out (CAMEO and PLOVER), offline, with evidence.

    >>> import dragoman
    >>> events = dragoman.code_text("Russia's president met Turkey's president in Sochi.", date="2021-09-29")
    >>> store = dragoman.open("events.duckdb")          # a database written by `dragoman ingest`
    >>> store.events(country="SYR", plover="PROTEST")   # a pandas DataFrame
"""
from .api import EventStore, code_documents, code_file, code_paths, code_text, open, read_csv, resolve
from .errors import (CodingError, ConfigError, DictionaryError, DragomanError, InputError, ModelError, OutputError,
                     StoreError)
from .record import Actor, Document, Event, Evidence, Location, Provenance, Reject

__version__ = "0.1.0"

__all__ = [
    "Actor", "CodingError", "ConfigError", "DictionaryError", "Document", "DragomanError", "Event", "EventStore",
    "Evidence", "InputError", "Location", "ModelError", "OutputError", "Provenance", "Reject", "StoreError",
    "__version__", "code_documents", "code_file", "code_paths", "code_text", "open", "read_csv", "resolve",
]
