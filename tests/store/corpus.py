"""A small made-up corpus for store tests: short articles that code to known events."""
from __future__ import annotations

import json
from pathlib import Path

COUNTRIES = ["France", "Germany", "Japan", "Brazil", "India", "Turkey", "Egypt", "Kenya", "Canada", "Mexico",
             "Spain", "Chile"]


def article(i: int) -> dict:
    """Article i: three events between a pair of countries, dated in May 2021."""
    a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 5 + 1) % len(COUNTRIES)]
    if a == b:
        b = COUNTRIES[(i + 3) % len(COUNTRIES)]
    day = 1 + i % 28
    text = (f"Talks between {a} and {b}\n"
            f"The foreign ministers of {a} and {b} met in Geneva. "
            f"{a} sent humanitarian aid to {b}. "
            f"Officials in {b} said that visit number {i + 1} went well.")
    return {"text": text, "date": f"2021-05-{day:02d}"}


def write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def old_schema_db(path: Path) -> Path:
    """A database file of schema version 1, which this dragoman refuses."""
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    return path
