"""Files, touched one safe way: every file dragoman reads or writes for a user goes through here.

- Reading: regular files only. A named pipe, a device or a socket would block a run or never end
  (`/dev/zero` as a dictionary fills the memory), so it is refused without being waited on.
- Writing: whole or not at all. An output is written to a temporary file beside it and renamed
  into place when complete; a run that fails half-way leaves the old file as it was, and no
  half-written one. An output that is not a regular file (`/dev/null`, a pipe) is written in place.
- Paths: local ones only. A URL-like path (`s3://`, `https://`, `md:`) is refused: DuckDB would
  go to the network for it.
"""
from __future__ import annotations

import codecs
import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, BinaryIO

from .errors import NOT_FOUND, OVERSIZED, UNDECODABLE, ConfigError, InputError, OutputError

# A scheme before a colon (two letters at least: "C:" would be a drive).
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")


class NotRegularFile(OSError):
    """A path that names a pipe, a device, a socket or a folder, where a file's content is wanted."""


def open_regular(path: str | Path) -> BinaryIO:
    """A regular file, opened for reading in binary. Opened without blocking, so that a named pipe
    with no writer is refused at once rather than waited on."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file (a folder, a pipe or a device)", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """A regular file's content; OSError (EFBIG) when it is larger than `limit` bytes."""
    with open_regular(path) as stream:
        data = stream.read() if limit is None else stream.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit} bytes", str(path))
    return data


def read_text(path: str | Path, limit: int | None = None) -> str:
    """A regular file's UTF-8 text, or InputError naming the file and why it cannot be read."""
    return _text(path, lambda: read_bytes(path, limit), whole=True)


def read_head(path: str | Path, size: int) -> str:
    """The start of a regular file's UTF-8 text: its first `size` bytes, read alone (a character
    they cut short is left out); InputError as read_text gives."""
    def first() -> bytes:
        with open_regular(path) as stream:
            return stream.read(size)

    return _text(path, first, whole=False)


def _text(path: str | Path, read, whole: bool) -> str:
    try:
        data = read()
    except OSError as err:
        code = OVERSIZED if err.errno == errno.EFBIG else NOT_FOUND
        raise InputError(str(path), f"cannot read: {err.strerror or err}", code=code) from None
    try:
        # Incremental: a head may end inside a character, which is left out rather than refused.
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=whole)
    except UnicodeDecodeError as err:
        raise InputError(str(path), f"not UTF-8 text (byte {data[err.start]:#04x} at offset {err.start})",
                         code=UNDECODABLE) from None


def read_lines(path: str | Path, limit: int | None = None) -> list[str]:
    """A regular file's UTF-8 lines (split at line feeds only: a JSON line may hold U+2028)."""
    return read_text(path, limit).split("\n")


def local_path(path: str | Path, what: str = "path") -> str:
    """The path as a string, if it names a local file; ConfigError for a URL or a database in memory."""
    text = str(path)
    if _URL.match(text) or text.startswith(":memory:") or not text.strip():
        raise ConfigError(f"{what} {text!r} is not a local file: dragoman reads and writes local files only",
                          hint="name a file on this machine (a name with a colon as ./NAME)")
    return text


@contextmanager
def replacing(path: str | Path) -> Iterator[str]:
    """A temporary path beside `path`, for a writer that takes a path (DuckDB's COPY, a plot): it
    becomes `path` when the block ends, and is deleted if the block fails. OSError becomes
    OutputError naming `path`."""
    target = local_path(path, "output")
    if _special(target):
        with _as_output(target):
            yield target
        return
    folder, name = os.path.split(target)
    if not os.path.isdir(folder or "."):
        raise OutputError(target, f"no folder {folder}")
    stem, suffix = os.path.splitext(name)
    # The same suffix: some writers go by it (a plot's format).
    temporary = os.path.join(folder, f".{stem}.{secrets.token_hex(4)}.tmp{suffix}")
    try:
        with _as_output(target):
            yield temporary
            os.replace(temporary, target)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


@contextmanager
def writing(path: str | Path, mode: str = "w", **options) -> Iterator[IO]:
    """`path` opened for writing (as `open` takes `mode` and `options`), replaced whole when the block
    ends well, left as it was when it fails."""
    with replacing(path) as temporary, open(temporary, mode, **options) as stream:
        yield stream


@contextmanager
def _as_output(target: str) -> Iterator[None]:
    """OSError as OutputError naming the output; but a reader gone away (`| head`) stays a
    BrokenPipeError, which ends a run quietly."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as err:
        raise OutputError(target, err.strerror or str(err)) from None


def _special(path: str) -> bool:
    """An existing output that is not a regular file (/dev/null, /dev/stdout, a pipe): not replaceable."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


class Guarded:
    """A text stream (standard output) whose write errors are OutputErrors naming it: `dragoman
    code > /dev/full` ends with one line, not a traceback."""

    def __init__(self, stream: IO, name: str):
        self.stream, self.name = stream, name

    def write(self, text: str) -> int:
        with _as_output(self.name):
            return self.stream.write(text)

    def flush(self) -> None:
        with _as_output(self.name):
            self.stream.flush()

    def __getattr__(self, name: str):
        return getattr(self.stream, name)
