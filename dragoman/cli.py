"""The command line: thin wrappers over the public functions in dragoman.api.

Exit status: 0 all went well; 1 some documents were rejected (the others were coded);
2 bad usage; 3 dragoman could not run (a missing model, a broken dictionary, a bad setting, a
database or an output it cannot use); 4 dragoman crashed (a bug); 130 interrupted (Ctrl-C);
141 standard output's reader went away (`| head`). Every error is one line on stderr.
"""
from __future__ import annotations

import json
import os
import sys
import traceback
from datetime import date

import click

from . import api, fs, output, settings
from .errors import ConfigError, DragomanError, show_warnings
from .record import Reject

EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED, EXIT_CRASHED = 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141   # 128 + SIGINT, 128 + SIGPIPE, as a shell reports them

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


RULES_ONLY = click.option("--rules-only", is_flag=True,
                          help="Code with the rule patterns alone, without the learned models and the "
                               "entity recognizer (the RULES_ONLY setting): the fastest path.")
MODEL = click.option("--model", type=click.Choice(["events", "large"]), default=None,
                     help="The learned models: 'events' (the default) or 'large', which reads MiniLM's states in "
                          "context beside the parser's vectors (more events found at a little less precision, about 15 "
                          "times slower; the MODEL setting; needs the `encoders` extra and MiniLM's weights).")
FOLLOW_LINKS = click.option("--follow-links", is_flag=True,
                            help="In a folder, also read links to files outside it (by default rejected).")


def _rules_only(flag: bool) -> None:
    # Through the environment, so that worker processes code the same way.
    if flag:
        os.environ["DRAGOMAN_RULES_ONLY"] = "1"


def _model(name: str | None) -> None:
    # Likewise through the environment, for the worker processes.
    if name:
        os.environ["DRAGOMAN_MODEL"] = name


def _run(body) -> None:
    """Run a command's body and exit with its status: every way it can end is one line on stderr
    and a status of its own (see the module's docstring)."""
    show_warnings()
    stdout, sys.stdout = sys.stdout, fs.Guarded(sys.stdout, "<stdout>")
    try:
        settings.check()
        code = body()
        sys.stdout.flush()   # here: an output that cannot be written fails this run
    except (click.ClickException, click.exceptions.Exit, click.Abort):
        raise
    except BadUsage as exc:
        code = _fail(str(exc), EXIT_USAGE)
    except DragomanError as exc:
        code = _fail(str(exc), EXIT_FAILED)
    except MemoryError:
        code = _fail("out of memory (a document or a dictionary too large for this machine: lower "
                     "MAX_DOC_BYTES or MAX_DICT_BYTES)", EXIT_FAILED)
    except KeyboardInterrupt:
        code = _fail("interrupted (what was committed to a database is kept)", EXIT_INTERRUPTED)
    except BrokenPipeError:
        code = EXIT_BROKEN_PIPE   # the reader of standard output went away (| head): nothing to say
    except Exception as exc:   # a bug: one line, and the traceback only when asked for
        code = _fail(f"crashed: {type(exc).__name__}: {' '.join(str(exc).split())[:300]} (a bug: please "
                     "report it with the command; DRAGOMAN_TRACEBACK=1 prints the traceback)", EXIT_CRASHED)
        if _wants_traceback():
            traceback.print_exc(file=sys.stderr)
    finally:
        sys.stdout = stdout
        _discard_if_broken(stdout)
    sys.exit(code or 0)


def _fail(message: str, status: int) -> int:
    click.echo(f"dragoman: {message}", err=True)
    return status


def _wants_traceback() -> bool:
    try:
        return settings.get("TRACEBACK")
    except DragomanError:
        return False


def _discard_if_broken(stream) -> None:
    """A standard output that cannot be written is pointed at /dev/null: the interpreter would
    flush what is left in it on its way out, and fail again, with a traceback."""
    try:
        stream.flush()
    except OSError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError, AttributeError):   # not a file (a test's runner)
            pass


@main.command(epilog=CODE_EXAMPLES)
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "date_", help="Document date (YYYY-MM-DD) where the input carries none.")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default="jsonl", show_default=True)
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "csv"]), default="auto",
              show_default=True, help="How to read the inputs; auto goes by file extension.")
@click.option("--db", type=click.Path(dir_okay=False), help="Also store documents and events in this DuckDB file.")
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A PETRARCH/TABARI actor dictionary layered over the built-in ones (repeatable).")
@click.option("--agents", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A PETRARCH/TABARI agent dictionary layered over the built-in ones (repeatable).")
@click.option("--factuality", type=click.Choice(["output", "all"]), default=None,
              help="'all': also the events told as negated, hypothetical, requested, denied or alleged, each "
                   "labelled in `factuality` (the FACTUALITY setting; not with --db).")
@RULES_ONLY
@MODEL
@FOLLOW_LINKS
def code(paths, date_, fmt, input_format, db, actors, agents, factuality, rules_only, model, follow_links):
    """Code news documents into events: files, directories, or - for stdin."""
    _rules_only(rules_only)
    _model(model)
    if factuality:
        os.environ["DRAGOMAN_FACTUALITY"] = factuality
    _run(lambda: _code(paths, _date_option(date_), fmt, input_format, db, actors, agents, follow_links))


def _code(paths, day, fmt, input_format, db, actors=(), agents=(), follow_links=False) -> int:
    from .store import open_store

    store = open_store(db) if db else None
    out = sys.stdout
    csv_writer = output.CsvWriter(out) if fmt == "csv" else None
    table_events = []
    rejected = n_docs = n_events = 0
    try:
        for item in api.code_paths(paths, date=day, input_format=input_format, actors=actors, agents=agents,
                                   follow_links=follow_links):
            if store and not isinstance(item, Reject):
                item = store.conflict(item[0]) or item   # an id stored with another text is not replaced
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
@click.option("--actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A PETRARCH/TABARI actor dictionary layered over the built-in ones (repeatable).")
@click.option("--agents", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A PETRARCH/TABARI agent dictionary layered over the built-in ones (repeatable).")
def resolve(mentions, date_, jsonl_path, actors, agents):
    """Resolve actor mentions to country, sector and CAMEO code on a date.

    \b
    Examples:
      dragoman resolve --date 2010-06-01 "Putin" "Turkish police" NATO
      dragoman resolve --jsonl mentions.jsonl
      dragoman resolve --actors Phoenix.Countries.actors.txt --date 1987-01-01 "Alan Garcia"
    """
    _run(lambda: _resolve(mentions, _date_option(date_), jsonl_path, actors, agents))


def _resolve(mentions, day, jsonl_path, actors=(), agents=()) -> int:
    items = [(m, day) for m in mentions]
    if jsonl_path:
        lines = _stdin_lines() if jsonl_path == "-" else fs.read_lines(jsonl_path)
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                items.append((record["text"], _date_option(record.get("date")) or day))
            except (ValueError, KeyError, TypeError, RecursionError, click.BadParameter) as exc:
                raise click.BadParameter(f"{jsonl_path}:{number}: {exc}") from None
    if not items:
        raise click.UsageError("give mentions as arguments or with --jsonl")
    for mention, when in items:
        actor = api.resolve(mention, date=when, actors=actors, agents=agents)
        click.echo(json.dumps(actor.to_dict(), ensure_ascii=False))
    return 0


def _stdin_lines() -> list[str]:
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig").split("\n")
    except UnicodeDecodeError as exc:
        raise click.BadParameter(f"<stdin>: not UTF-8 text (byte {data[exc.start]:#04x} at offset "
                                 f"{exc.start})") from None


@main.command(name="settings")
def show_settings():
    """Print every setting with its value and meaning."""
    _run(_settings)


def _settings() -> int:
    for s in settings.TABLE:
        click.echo(f"{s.name:<20} {settings.get(s.name)!s:<26} {s.meaning}")
    return 0


INGEST_EXAMPLES = """
\b
Examples:
  dragoman ingest news/ corpus.jsonl --db events.duckdb
  dragoman ingest corpus.csv --db events.duckdb --workers 2
  dragoman ingest corpus.jsonl --db events.duckdb --engine dask --scheduler tcp://scheduler-host:8786
"""


@main.command(epilog=INGEST_EXAMPLES)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True))
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="The DuckDB database to code into (created if missing).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that code documents (each loads the pipeline once).")
@click.option("--engine", "engine_name", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786); without it a local cluster "
                                  "of --workers processes.")
@click.option("--date", "date_", help="Document date (YYYY-MM-DD) where the input carries none.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "csv"]), default="auto",
              show_default=True, help="How to read the inputs; auto goes by file extension.")
@click.option("--batch", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents committed to the database at a time.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary line.")
@RULES_ONLY
@MODEL
@FOLLOW_LINKS
def ingest(paths, db, workers, engine_name, scheduler, date_, input_format, batch, quiet, rules_only, model,
           follow_links):
    """Code documents into a DuckDB database, idempotently: documents already stored are skipped,
    documents whose id is stored with another text are rejected, and a killed run, started again,
    ends as one clean run would."""
    _rules_only(rules_only)
    _model(model)
    _run(lambda: _ingest(paths, db, workers, engine_name, scheduler, _date_option(date_), input_format, batch,
                         quiet, follow_links))


def _ingest(paths, db, workers, engine_name, scheduler, day, input_format, batch, quiet, follow_links=False) -> int:
    from .engines import make_engine
    from .store.ingest import ingest as run

    if scheduler and engine_name != "dask":
        raise click.UsageError("--scheduler goes with --engine dask")
    # The engine is made once the database is open: a database refused starts no workers.
    engine = lambda: make_engine(engine_name, workers=workers, scheduler=scheduler, staging=f"{db}.parts")  # noqa: E731
    report = run(list(paths), db, engine, input_format=input_format, default_date=day, batch=batch,
                 progress=not quiet and sys.stderr.isatty(), follow_links=follow_links)
    if not quiet:
        click.echo(report.line(db), err=True)
    return EXIT_REJECTED if report.rejected else 0


def filter_options(command):
    """The options that choose stored events, the same on every command that reads them."""
    options = [
        click.option("--since", help="Events dated on or after this day (YYYY-MM-DD, or YYYY-MM, YYYY: its first "
                                     "day); a month or a year must lie within the range."),
        click.option("--until", help="Events dated on or before this day (YYYY-MM-DD, or YYYY-MM, YYYY: its last day)."),
        click.option("--country", multiple=True, help="Source or target of this country (ISO alpha-3: SYR; repeatable)."),
        click.option("--source-country", multiple=True, help="Source of this country (repeatable)."),
        click.option("--target-country", multiple=True, help="Target of this country (repeatable)."),
        click.option("--actor", multiple=True, help="Source or target with this CAMEO actor code or its beginning "
                                                    "(RUS, RUSGOV, IGO; repeatable)."),
        click.option("--plover", multiple=True, help="This PLOVER event type (PROTEST, ASSAULT ...; repeatable)."),
        click.option("--cameo", multiple=True, help="This CAMEO event code or root: 14 (every protest), 145, 0731 "
                                                    "(repeatable)."),
        click.option("--quad", multiple=True, help="This quad class: 1 verbal cooperation, 2 material cooperation, "
                                                   "3 verbal conflict, 4 material conflict (repeatable)."),
        click.option("--min-confidence", help="Events of this confidence or more (0 to 1)."),
        click.option("--news-only", is_flag=True, help="Leave out planned events and background (undated, or dated "
                                                       "more than a week before their article)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


FILTER_NAMES = ("since", "until", "country", "source_country", "target_country", "actor", "plover", "cameo", "quad",
                "min_confidence", "news_only")


class BadUsage(Exception):
    """A bad option value found by dragoman's own checks: one line, exit status 2."""


def _filters(options: dict):
    """The Filters of a command's options (removed from `options`); a bad value is bad usage."""
    from .query import Filters

    values = {name: options.pop(name) for name in FILTER_NAMES}
    try:
        return Filters(**values)
    except ConfigError as exc:
        raise BadUsage(str(exc)) from None


def _reading(db: str):
    """The store at `db`, opened to read."""
    from .store import open_store

    return open_store(db, read_only=True)


EXPORT_EXAMPLES = """
\b
Examples:
  dragoman export --db events.duckdb --format gdelt -o events.export.CSV
  dragoman export --db events.duckdb --format gdelt --header -o events.tsv
  dragoman export --db events.duckdb --format mentions -o events.mentions.CSV
  dragoman export --db events.duckdb --format parquet -o events.parquet
  dragoman export --db events.duckdb --format csv --country SYR --plover PROTEST --since 2018 -o protests.csv
  dragoman export --db events.duckdb --format gold -o reviews.jsonl          # the review page's verdicts
"""


@main.command(epilog=EXPORT_EXAMPLES)
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["gdelt", "mentions", "jsonl", "csv", "parquet", "gold"]),
              required=True,
              help="gdelt: GDELT 2.0 Event table (61 columns, tab-separated, no header unless --header); mentions: "
                   "GDELT 2.0 Mentions table; jsonl, csv, parquet: the events (or --table mentions), csv and "
                   "parquet in the flat row layout of `code --format csv`; gold: the verdicts of the review page "
                   "(dragoman serve) as gold-corpus annotations, a reviewed document a line.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="The file to write.")
@click.option("--table", type=click.Choice(["events", "mentions"]), default="events", show_default=True,
              help="What jsonl, csv and parquet hold: deduplicated events, or every report of them.")
@click.option("--header", is_flag=True, help="gdelt and mentions: a first line of GDELT's column names.")
@filter_options
def export(db, fmt, output, table, header, **options):
    """Export the events of a database (those the filters keep)."""
    _run(lambda: _export(db, fmt, output, table, header, _filters(options)))


def _export(db, fmt, output, table, header, filters) -> int:
    from .store.export import export as write

    store = _reading(db)
    try:
        count = write(store, fmt, output, table, filters, header=header)
    finally:
        store.close()
    click.echo(f"dragoman: wrote {count} records to {output}", err=True)
    return 0


TEXT_FORMATS = ("table", "csv", "json")
TOP = click.option("--top", type=click.IntRange(min=1), default=8, show_default=True,
                   help="Keys shown in the table and the plot, most events first (CSV and JSON have all).")


def _text_output(output: str | None, fmt: str | None) -> str:
    """The text format: as asked, else by the output's suffix (.csv, .json), else a table."""
    if fmt:
        return fmt
    suffix = os.path.splitext(output or "")[1].lower().lstrip(".")
    return suffix if suffix in ("csv", "json") else "table"


def _write_text(output: str | None, write) -> None:
    """Text to the file named by -o (written whole), else to standard output."""
    if output:
        with fs.writing(output, "w", encoding="utf-8", newline="\n") as stream:
            write(stream)
    else:
        write(sys.stdout)


SERIES_EXAMPLES = """
\b
Examples:
  dragoman series --db events.duckdb --by country --period month
  dragoman series --db events.duckdb --by plover --period week --country SYR --since 2019 --format csv
  dragoman series --db events.duckdb --by quad --period month --news-only -o quads.png
  dragoman series --db events.duckdb --by dyad --period year --format json -o dyads.json
"""


@main.command(epilog=SERIES_EXAMPLES)
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False))
@click.option("--by", type=click.Choice(["country", "dyad", "quad", "plover"]), default="country", show_default=True,
              help="country: either side's (an event counts for both); dyad: source → target.")
@click.option("--period", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--format", "fmt", type=click.Choice(TEXT_FORMATS), help="table (default), csv or json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file: a .png is a plot, other names get the text format.")
@TOP
@filter_options
def series(db, by, period, fmt, output, top, **options):
    """Events and Goldstein sums per country, dyad, quad class or PLOVER type, per day, week, month
    or year: every period of the range, empty ones as zeros; events dated less precisely than the
    period (a month in a weekly series) counted at their own precision and listed apart."""
    _run(lambda: _series(db, by, period, fmt, output, top, _filters(options)))


def _series(db, by, period, fmt, output, top, filters) -> int:
    from .query import series as count
    from .report import plot, text

    store = _reading(db)
    try:
        if output:
            store.refuse_as_output(output)
        found = count(store, by, period, filters)
    finally:
        store.close()
    if output and output.lower().endswith(".png"):
        plot.plot_series(found, output, top)
        click.echo(f"dragoman: plot written to {output}", err=True)
    else:
        _write_text(output, lambda out: text.write_series(found, _text_output(output, fmt), out, top))
    click.echo(text.summary(found), err=True)
    return 0


DYADS_EXAMPLES = """
\b
Examples:
  dragoman dyads --db events.duckdb
  dragoman dyads --db events.duckdb --period year --png dyads.png
  dragoman dyads --db events.duckdb --country UKR --quad 4 --format csv
"""


@main.command(epilog=DYADS_EXAMPLES)
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False))
@click.option("--period", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--format", "fmt", type=click.Choice(TEXT_FORMATS), help="table (default), csv or json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the text to this file.")
@click.option("--png", type=click.Path(dir_okay=False), help="Also plot the main dyads over time to this PNG file.")
@TOP
@filter_options
def dyads(db, period, fmt, output, png, top, **options):
    """Events and Goldstein sums per dyad (source country, target country) and period, for the
    periods with events; events without a source or a target, undated or dated less precisely than the
    period are counted on standard error."""
    _run(lambda: _dyads(db, period, fmt, output, png, top, _filters(options)))


def _dyads(db, period, fmt, output, png, top, filters) -> int:
    from .query import series as count
    from .query.series import dyads_of
    from .report import plot, text

    store = _reading(db)
    try:
        for name in (output, png):
            if name:
                store.refuse_as_output(name)
        over_time = count(store, "dyad", period, filters)   # one query: the table and the plot
        found = dyads_of(over_time)
    finally:
        store.close()
    _write_text(output, lambda out: text.write_dyads(found, _text_output(output, fmt), out))
    click.echo(f"dragoman: {len(found.rows)} dyad-{period}s ({filters.describe()}); left out: {found.no_target} "
               f"events without a source or a target, {found.coarser} dated less precisely than a {period}, "
               f"{found.undated} undated", err=True)
    if png:
        plot.plot_series(over_time, png, top)
        click.echo(f"dragoman: plot written to {png}", err=True)
    return 0


MAP_EXAMPLES = """
\b
Examples:
  dragoman map --db events.duckdb -o map.png
  dragoman map --db events.duckdb --plover PROTEST --since 2019 -o protests.html
"""


@main.command(name="map", epilog=MAP_EXAMPLES)
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="map.png (a picture) or map.html (one self-contained page: hover a point for its counts).")
@filter_options
def map_command(db, output, **options):
    """Where the events happened: each place a point sized by its events and coloured by their
    mean Goldstein score, over country outlines (Natural Earth, installed with dragoman)."""
    _run(lambda: _map(db, output, _filters(options)))


def _map(db, output, filters) -> int:
    from .query import places
    from .report import maps

    if os.path.splitext(output)[1].lower() not in maps.FORMATS:
        raise BadUsage(f"cannot draw a map as {output}: name a .png or an .html file")
    store = _reading(db)
    try:
        store.refuse_as_output(output)
        found = places(store, filters)
    finally:
        store.close()
    maps.write_map(found, output)
    click.echo(f"dragoman: map written to {output}: {found.placed} events at {len(found.rows)} places; "
               f"{found.unplaced} without a place ({filters.describe()})", err=True)
    return 0


EVAL_EXAMPLES = """
\b
Examples:
  dragoman eval gold/                           # the whole-article corpus: every mention of every article
  dragoman eval gold/ --folds 3                 # only the documents of fold 3 (a learned model's held-out fold)
  dragoman eval gold/ --baseline eval/gold_baseline.json
  dragoman eval ../shared/data/plover/gsr_dev.gold.jsonl
  dragoman eval gold.jsonl --details            # every missed gold event and every stray event
  dragoman eval gold.jsonl --json > figures.json
  dragoman eval gold.jsonl --baseline eval/baseline.json     # exit 1 if a figure fell below its floor
  dragoman eval gold.jsonl --update-baseline                 # raise the floors (never lowers one)
"""


@main.command(name="eval", epilog=EVAL_EXAMPLES)
@click.argument("gold", type=click.Path(exists=True))
@click.option("--details", is_flag=True, help="Also list every missed gold event and every event that matches none.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="A file of pinned floors (and ceilings): exit 1 if a figure is out of bounds.")
@click.option("--update-baseline", is_flag=True,
              help="Raise the floors (lower the ceilings) in the baseline file to the new figures; never the "
                   "other way. Default file: eval/baseline.json, or eval/gold_baseline.json for a corpus.")
@click.option("--folds", help="A corpus only: score the documents of these folds (e.g. 3 or 0,1).")
@click.option("--texts", type=click.Path(file_okay=False),
              help="A corpus only: the folder holding its texts (default: the SHARED_DIR setting, ../shared).")
@click.option("--cross-validate", is_flag=True,
              help="A corpus only: code each fold with models trained on the others (the learned models "
                   "are trained on gold/, so only this scores them there honestly; needs the train extra).")
@RULES_ONLY
def eval_command(gold, details, as_json, baseline, update_baseline, folds, texts, cross_validate, rules_only):
    """Score the coder on human-coded gold data. GOLD is either the whole-article corpus (gold/, or
    one of its JSONL files: standoff mentions of every event; precision, recall and F1 at three
    strictness levels, target recall, factuality errors, dates, places, per type, confusion) or a
    file of gold sentences (the PLOVER gold-standard format: the figures of
    ../shared/tools/eval_events.py, per type, confusion, actor accuracy)."""
    _rules_only(rules_only)
    _run(lambda: _eval(gold, details, as_json, baseline, update_baseline, folds, texts, cross_validate))


def _eval(gold, details, as_json, baseline, update_baseline, folds=None, texts=None, cross_validate=False) -> int:
    from . import evaluate
    from .gold import score

    if score.is_corpus(gold):
        if cross_validate and folds:
            raise click.UsageError("--cross-validate scores every fold; leave out --folds")
        report = score.evaluate_corpus(gold, _folds(folds), texts, with_details=details, cross_validate=cross_validate)
        names, lower, default, text = score.GATED, score.LOWER, score.DEFAULT_BASELINE, score.format_report
    else:
        if folds or texts or cross_validate:
            raise click.UsageError("--folds, --texts and --cross-validate go with a gold corpus (gold/)")
        report = evaluate.evaluate_file(gold, with_details=details)
        names, lower, default, text = evaluate.GATED, (), evaluate.DEFAULT_BASELINE, evaluate.format_report
    path = baseline or (default if update_baseline else None)
    failures, moved = evaluate.gate(report, path, update_baseline, names, lower) if path else ([], {})
    click.echo(json.dumps(report, ensure_ascii=False) if as_json else text(report))
    for line in evaluate.gate_lines(failures, moved, path):
        click.echo(line, err=True)
    return 1 if failures else 0


def _folds(value: str | None) -> list[int] | None:
    if not value:
        return None
    try:
        return [int(x) for x in value.split(",")]
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a list of fold numbers such as 3 or 0,1") from None


SERVE_EXAMPLES = """
\b
Examples:
  dragoman serve --db events.duckdb                      # http://127.0.0.1:8765/ (review page), /docs (API)
  DRAGOMAN_TOKEN=secret dragoman serve --db events.duckdb --port 9000
  dragoman serve --db events.duckdb --host 0.0.0.0 --protect-reads   # reachable from elsewhere: reads need the token too
"""


@main.command(epilog=SERVE_EXAMPLES)
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="The DuckDB database to serve (created if missing); the server is its one writer.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on: this machine only, unless told otherwise.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="DRAGOMAN_TOKEN", show_envvar=True,
              help="What writes (POST /documents, verdicts) must send as 'Authorization: Bearer TOKEN'; "
                   "without it, one is made and printed.")
@click.option("--protect-reads", is_flag=True, help="Reads need the token too.")
@click.option("--timeout", type=click.FloatRange(min=1), default=60.0, show_default=True,
              help="Seconds a request may take.")
@click.option("--max-body", type=click.IntRange(min=1), default=5_000_000, show_default=True,
              help="Bytes a request body may hold.")
@RULES_ONLY
def serve(db, host, port, token, protect_reads, timeout, max_body, rules_only):
    """Serve a database over HTTP: code texts (POST /code), add documents (POST /documents), read
    events, dyads and documents (GET /events, /events/ID, /dyads, /documents/ID), and review events
    in the browser at / (verdicts kept as gold annotations: export --format gold). API docs at /docs."""
    _rules_only(rules_only)
    _run(lambda: _serve(db, host, port, token, protect_reads, timeout, max_body))


def _serve(db, host, port, token, protect_reads, timeout, max_body) -> int:
    import uvicorn

    from .serve.app import make_app
    from .serve.service import Service

    service = Service.open(db, token, protect_reads=protect_reads, timeout=timeout, max_body=max_body)
    try:
        shown = f"#token={service.token}" if not token else ""
        click.echo(f"dragoman: serving {db} on http://{host}:{port}/{shown} (review page; API docs at /docs)", err=True)
        if not token:
            click.echo("dragoman: writes need the token made for this run (in the address above); give --token "
                       "or DRAGOMAN_TOKEN to choose one", err=True)
        if host not in ("127.0.0.1", "localhost", "::1"):
            click.echo(f"dragoman: warning: listening on {host}: other machines can reach this server "
                       + ("(reads need the token)" if protect_reads else "and read its events (--protect-reads)"),
                       err=True)
        uvicorn.run(make_app(service), host=host, port=port, log_level="warning", timeout_keep_alive=5)
    finally:
        service.close()
    return 0


WATCH_EXAMPLES = """
\b
Examples:
  dragoman watch https://example.org/world/rss --db events.duckdb             # every 15 minutes
  dragoman watch https://example.org/feed.atom https://example.org/a/story --db events.duckdb --once
"""


@main.command(epilog=WATCH_EXAMPLES)
@click.argument("sources", nargs=-1, required=True)
@click.option("--db", default="dragoman.duckdb", show_default=True, type=click.Path(dir_okay=False),
              help="The DuckDB database to code into (created if missing).")
@click.option("--every", type=click.FloatRange(min=0.1), default=15.0, show_default=True,
              help="Minutes between rounds.")
@click.option("--once", is_flag=True, help="One round, then exit (for cron): status 1 if a fetch failed.")
@RULES_ONLY
def watch(sources, db, every, once, rules_only):
    """Fetch RSS/Atom feeds and article pages (FEED_OR_URL...) and code what is new into a database:
    each article once (by address and by text), dated by its publication date. A failed fetch is a
    warning and is tried again in the next round."""
    _rules_only(rules_only)
    _run(lambda: _watch(list(sources), db, every, once))


def _watch(sources, db, every, once) -> int:
    from .errors import ConfigError
    from .serve.watch import check_source
    from .serve.watch import watch as run

    for source in sources:
        try:
            check_source(source)
        except ConfigError as exc:
            raise click.BadParameter(exc.message, param_hint="FEED_OR_URL") from None
    done = run(sources, db, every=every, once=once, log=lambda line: click.echo(line, err=True))
    return EXIT_REJECTED if done.failed or done.report.rejected else 0
