"""Every way a command can end is one line on stderr and an exit status of its own (issue 16):
0 done, 1 inputs rejected, 2 bad usage, 3 dragoman could not run, 4 crashed, 130 interrupted."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dragoman import api
from dragoman.cli import main

TEXT = "Russia attacked Ukraine on Monday."


def _run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert "Traceback" not in stderr
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_lone_surrogate_in_a_jsonl_line_is_a_reject_and_the_rest_is_coded(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text('{"id":"a","text":"Russia attacked Ukraine."}\n{"id":"b","text":"\\ud800 x"}\n', encoding="utf-8")
    result = _run("code", path)
    assert result.exit_code == 1
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a"]
    assert f"rejected {path}:2" in result.stderr and "surrogate" in result.stderr


def test_a_crash_has_its_own_status_and_one_line(monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(api, "code_paths", broken)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _run("code", tmp_path / "a.txt")
    assert result.exit_code == 4
    line = _one_line(result.stderr)
    assert line.startswith("dragoman: crashed: RuntimeError: something unexpected") and "report" in line
    shown = _run("code", tmp_path / "a.txt", env={"DRAGOMAN_TRACEBACK": "1"})
    assert shown.exit_code == 4 and "Traceback" in shown.stderr and "RuntimeError" in shown.stderr


@pytest.mark.parametrize("error, status, said", [(MemoryError(), 3, "out of memory"),
                                                 (KeyboardInterrupt(), 130, "interrupted")])
def test_memory_and_interrupts_end_with_one_line(monkeypatch, tmp_path, error, status, said):
    def stop(*args, **kwargs):
        raise error

    monkeypatch.setattr(api, "code_paths", stop)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _run("code", tmp_path / "a.txt")
    assert result.exit_code == status and said in _one_line(result.stderr)


@pytest.mark.parametrize("name, value", [("MIN_CONFIDENCE", "high"), ("MIN_CONFIDENCE", "2"),
                                         ("MAX_DOC_BYTES", "abc"), ("RULES_ONLY", "maybe"), ("ON_ERROR", "ignore")])
def test_a_bad_setting_stops_the_run_with_one_line(tmp_path, name, value):
    """DRAGOMAN_MIN_CONFIDENCE=high used to make every sentence an [E500] and exit 0;
    DRAGOMAN_MAX_DOC_BYTES=abc a traceback."""
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    result = _run("code", tmp_path / "a.txt", env={f"DRAGOMAN_{name}": value})
    assert result.exit_code == 3 and result.stdout == ""
    line = _one_line(result.stderr)
    assert f"DRAGOMAN_{name}='{value}'" in line and "[E400]" in line
    assert _run("settings", env={f"DRAGOMAN_{name}": value}).exit_code == 3


def test_output_to_a_full_device_is_one_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "dragoman", "code", str(tmp_path / "a.txt")], stdout=full,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "DRAGOMAN_RULES_ONLY": "1"})
    assert done.returncode == 3
    assert "cannot write <stdout>: No space left on device" in _one_line(done.stderr)


def test_eval_of_a_binary_gold_file_is_one_line(tmp_path):
    gold = tmp_path / "bin.jsonl"
    gold.write_bytes(bytes(range(128, 256)) * 20)
    result = _run("eval", gold)
    assert result.exit_code == 3 and "not UTF-8 text" in _one_line(result.stderr)


def test_a_dictionary_that_is_a_device_is_refused_at_once(tmp_path):
    """`--actors /dev/zero` read for ever, until a MemoryError."""
    result = _run("resolve", "--actors", "/dev/zero", "Putin")
    assert result.exit_code == 3 and "not a regular file" in _one_line(result.stderr)


def test_a_named_pipe_as_a_dictionary_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "p.actors.txt")
    result = _run("resolve", "--actors", tmp_path / "p.actors.txt", "Putin")
    assert result.exit_code == 3 and "not a regular file" in _one_line(result.stderr)


def test_an_agents_file_that_expands_to_millions_of_phrases_is_refused_at_once(tmp_path):
    """221 bytes of nested substitutions took 95 s and 1.2 GB."""
    agents = tmp_path / "nested.agents.txt"
    agents.write_text("!A! = a,b,c,d,e,f,g,h,i,j\n!B! = k,l,m,n,o,p,q,r,s,t\n"
                      "X!A!!B!!A!!B!!A!!B!!A!!B! [~GOV]\n", encoding="utf-8")
    result = _run("resolve", "--agents", agents, "Putin")
    assert result.exit_code == 3
    line = _one_line(result.stderr)
    assert f"{agents}:3" in line and "MAX_DICT_PHRASES" in line


def test_a_dictionary_larger_than_the_limit_is_refused(tmp_path):
    agents = tmp_path / "big.agents.txt"
    agents.write_text("POLICEMAN [~COP]\n" * 100, encoding="utf-8")
    result = _run("resolve", "--agents", agents, "Putin", env={"DRAGOMAN_MAX_DICT_BYTES": "1000"})
    assert result.exit_code == 3 and "MAX_DICT_BYTES" in _one_line(result.stderr)


def test_warnings_for_what_cannot_give_events(tmp_path):
    """Non-English text and sentences too long to parse gave 0 events and no word."""
    german = ("Der russische Präsident hat am Montag die Ukraine angegriffen, sagte ein Sprecher der Regierung "
              "in Berlin. Die Verhandlungen werden fortgesetzt und die Minister treffen sich morgen in Genf.")
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    long = "Russia attacked Ukraine and " + "the town of Kharkiv, " * 100 + "officials said."
    (tmp_path / "long.txt").write_text(long, encoding="utf-8")
    (tmp_path / "en.txt").write_text(TEXT, encoding="utf-8")
    result = _run("code", tmp_path)
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines() if line.startswith("dragoman: warning:")]
    assert len(warnings) == 2, result.stderr
    assert any("de.txt" in line and "English" in line for line in warnings)
    assert any("long.txt" in line and "MAX_SENTENCE_CHARS" in line for line in warnings)


def test_resolve_of_a_binary_mentions_file_is_one_line(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_bytes(b"\xff\xfe\x00" * 50)
    result = _run("resolve", "--jsonl", path)
    assert result.exit_code == 3 and "not UTF-8" in _one_line(result.stderr)
    piped = CliRunner().invoke(main, ["resolve", "--jsonl", "-"], input=b"\xff\xfe", catch_exceptions=False)
    assert piped.exit_code == 2 and "not UTF-8" in piped.stderr
