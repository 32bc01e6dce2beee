"""The command line: thin wrappers over the public functions in dragoman.api.

Exit status: 0 all went well; 1 some documents were rejected (the others were coded);
2 bad usage; 3 dragoman itself could not run (a missing model, a broken dictionary).
"""
from __future__ import annotations

import json
import sys
from datetime import date

import click

from . import api, output, settings
from .errors import DragomanError
from .record import Reject

EXIT_REJECTED, EXIT_FAILED = 1, 3

CODE_EXAMPLES = """
\b
Examples:
  dragoman code article.txt --date 2022-01-28
  dragoman code saved_page.html --format table
  dragoman code corpus.jsonl --format csv > events.csv
  dragoman code news/ --format jsonl --db events.duckdb
  cat article.txt | dragoman code - --date 2022-01-28
"""


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date: use YYYY-MM-DD") from None


@click.group()
@click.version_option(package_name="dragoman")
def main() -> None:
    """dragoman: political event data (CAMEO, PLOVER) from news, offline, with evidence."""


def _run(body) -> None:
    try:
        code = body()
    except DragomanError as exc:
        click.echo(f"dragoman: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    sys.exit(code or 0)


@main.command(epilog=CODE_EXAMPLES)
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date_", help="Document date (YYYY-MM-DD) where the input carries none.")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="jsonl", show_default=True)
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "csv"]), default="auto",
              show_default=True, help="How to read the inputs; auto goes by file extension.")
@click.option("--db", type=click.Path(dir_okay=False), help="Also store documents and events in this DuckDB file.")
def code(paths, date_, fmt, input_format, db):
    """Code news documents into events: files, directories, or - for stdin."""
    _run(lambda: _code(paths, _date_option(date_), fmt, input_format, db))


def _code(paths, day, fmt, input_format, db) -> int:
    from .store import open_store

    store = open_store(db) if db else None
    out = sys.stdout
    csv_writer = output.CsvWriter(out) if fmt == "csv" else None
    table_events = []
    rejected = n_docs = n_events = 0
    try:
        for item in api.code_paths(paths, date=day, input_format=input_format):
            if isinstance(item, Reject):
                rejected += 1
                click.echo(item.line(), err=True)
                if store:
                    store.reject(item)
                continue
            doc, events = item
            n_docs += 1
            n_events += len(events)
            if store:
                store.write(doc, events)
            if fmt == "jsonl":
                output.write_jsonl(events, out)
                out.flush()
            elif csv_writer:
                csv_writer.write(events)
            else:
                table_events.extend(events)
    finally:
        if store:
            store.close()
    if fmt == "table":
        output.write_table(table_events, out)
    if store:
        click.echo(f"dragoman: stored {n_docs} documents and {n_events} events in {db}", err=True)
    if rejected:
        click.echo(f"dragoman: {rejected} input(s) rejected, {n_docs} coded", err=True)
        return EXIT_REJECTED
    return 0


@main.command()
@click.argument("mentions", nargs=-1)
@click.option("--date", "date_", help="The date the mention is resolved on (YYYY-MM-DD).")
@click.option("--jsonl", "jsonl_path", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help='Read mentions from a file of {"text", "date"} lines.')
def resolve(mentions, date_, jsonl_path):
    """Resolve actor mentions to country, sector and CAMEO code on a date.

    \b
    Examples:
      dragoman resolve --date 2010-06-01 "Putin" "Turkish police" NATO
      dragoman resolve --jsonl mentions.jsonl
    """
    _run(lambda: _resolve(mentions, _date_option(date_), jsonl_path))


def _resolve(mentions, day, jsonl_path) -> int:
    items = [(m, day) for m in mentions]
    if jsonl_path:
        stream = sys.stdin if jsonl_path == "-" else open(jsonl_path, encoding="utf-8")
        with stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    items.append((record["text"], _date_option(record.get("date")) or day))
                except (ValueError, KeyError, TypeError, click.BadParameter) as exc:
                    raise click.BadParameter(f"{jsonl_path}:{number}: {exc}") from None
    if not items:
        raise click.UsageError("give mentions as arguments or with --jsonl")
    for mention, when in items:
        actor = api.resolve(mention, date=when)
        click.echo(json.dumps(actor.to_dict(), ensure_ascii=False))
    return 0


@main.command(name="settings")
def show_settings():
    """Print every setting with its value and meaning."""
    for s in settings.TABLE:
        click.echo(f"{s.name:<20} {settings.get(s.name)!s:<26} {s.meaning}")
