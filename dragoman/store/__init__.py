"""The embedded DuckDB store: documents, events (deduplicated across articles), their mentions
and rejected inputs, with a schema version; ingest, exports and dyads over it."""
from .db import SCHEMA_VERSION, Rows, Store, open_store

__all__ = ["SCHEMA_VERSION", "Rows", "Store", "open_store"]
