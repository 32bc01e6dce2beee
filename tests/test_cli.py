"""The command line of ../shared/CONTRACT.md: code, resolve, formats, rejects and exit status."""
import csv
import io
import json

from click.testing import CliRunner

from dragoman.cli import main

TEXT = "Israeli soldiers arrested more than 100 Palestinians on Saturday in a security sweep."


def _run(*args, stdin=None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_code_jsonl_from_stdin(tmp_path):
    result = _run("code", "-", "--date", "2022-05-10", stdin=TEXT)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events[0]["plover"] == "COERCE" and events[0]["cameo"] == "173"
    assert events[0]["source"]["country"] == "ISR" and events[0]["target"]["country"] == "PSE"
    assert events[0]["date"] == "2022-05-07"
    assert events[0]["quad_class"] == 4 and events[0]["goldstein"] < 0


def test_code_csv_and_table(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(_run("code", str(path), "--format", "csv", "--date", "2022-05-10").stdout)))
    assert rows[0]["cameo"] == "173" and rows[0]["source_code"].startswith("ISR")
    table = _run("code", str(path), "--format", "table", "--date", "2022-05-10").stdout
    assert "173 COERCE" in table and "(1 event)" in table


def test_jsonl_date_wins_over_option(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "x1", "text": TEXT, "date": "2020-01-06"}) + "\n", encoding="utf-8")
    events = [json.loads(line) for line in _run("code", str(path), "--date", "2022-05-10").stdout.splitlines()]
    assert events[0]["doc_id"] == "x1" and events[0]["date"] == "2020-01-04"


def test_rejects_are_one_line_each_and_set_the_exit_status(tmp_path):
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x00" * 50)
    result = _run("code", str(tmp_path), "--date", "2022-05-10")
    assert result.exit_code == 1
    rejected = [line for line in result.stderr.splitlines() if "rejected" in line and ":" in line]
    assert any("empty.txt" in line for line in rejected) and any("binary.txt" in line for line in rejected)
    assert [json.loads(line)["plover"] for line in result.stdout.splitlines()] == ["COERCE"]


def test_code_stores_into_duckdb(tmp_path):
    import duckdb

    path, db = tmp_path / "a.txt", tmp_path / "out.duckdb"
    path.write_text(TEXT, encoding="utf-8")
    for _ in range(2):  # coding the same document again replaces, never doubles
        assert _run("code", str(path), "--date", "2022-05-10", "--db", str(db)).exit_code == 0
    con = duckdb.connect(str(db))
    assert con.execute("select count(*) from documents").fetchone()[0] == 1
    assert con.execute("select cameo, source_country from events").fetchall() == [("173", "ISR")]


def test_bad_date_is_a_usage_error():
    result = CliRunner().invoke(main, ["code", "-", "--date", "28/01/2022"], input=TEXT)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_help_has_examples():
    assert "Examples:" in _run("code", "--help").output
    assert "Examples:" in _run("resolve", "--help").output


def test_resolve_arguments_and_jsonl(tmp_path):
    out = _run("resolve", "--date", "2022-01-28", "Moscow", "nobody in particular").stdout.splitlines()
    assert json.loads(out[0])["code"] == "RUSGOV"
    assert json.loads(out[1]) == {"text": "nobody in particular", "name": None, "country": None, "sector": None,
                                  "code": None, "found": "text"}
    path = tmp_path / "m.jsonl"
    path.write_text('{"text": "Barack Obama", "date": "2014-01-01"}\n{"text": "Barack Obama", "date": "2020-01-01"}\n')
    codes = [json.loads(line)["code"] for line in _run("resolve", "--jsonl", str(path)).stdout.splitlines()]
    assert codes == ["USAGOV", "USAELI"]
