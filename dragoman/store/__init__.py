"""The embedded DuckDB store: documents, events and rejected inputs, with a schema version."""
from .db import SCHEMA_VERSION, Store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
