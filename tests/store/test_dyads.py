from datetime import date

import pytest

from dragoman.errors import ConfigError
from dragoman.record import Actor, Document, Event, Evidence
from dragoman.store import open_store
from dragoman.store.dyads import dyads, plot, write_table

RUS = Actor("Russia", country="RUS", code="RUS")
UKR = Actor("Ukraine", country="UKR", code="UKR")
NATO = Actor("NATO", code="IGOWSTNAT")


def _event(n, day, source, target, cameo="190", goldstein=-10.0):
    return Event(event_id=f"e{n}", doc_id="d", sentence_id=n, sentence="s", date=day, source=source, target=target,
                 cameo=cameo, plover="ASSAULT", plover_mode=None, plover_context=(), goldstein=goldstein,
                 quad_class=4, evidence=Evidence("t", (0, 1), "p"), confidence=0.5)


@pytest.fixture
def store(tmp_path):
    store = open_store(tmp_path / "x.duckdb")
    store.write(Document(id="d", text="t", date=date(2022, 3, 1)), [
        _event(0, "2022-03-01", RUS, UKR), _event(1, "2022-03-02", RUS, UKR, "173", -5.0),
        _event(2, "2022-04-09", RUS, UKR), _event(3, "2022-03-05", NATO, UKR, "070", 7.0),
        _event(4, "2022", RUS, UKR), _event(5, "2022-03-05", RUS, None)])
    yield store
    store.close()


def test_dyads_count_and_sum_per_period(store):
    rows, left_out = dyads(store, "month")
    assert [(d.period, d.source, d.target, d.events, d.goldstein) for d in rows] == [
        ("2022-03", "RUS", "UKR", 2, -15.0), ("2022-03", "IGO", "UKR", 1, 7.0), ("2022-04", "RUS", "UKR", 1, -10.0)]
    assert left_out == 2   # no target; dated to the year only
    year, left_out = dyads(store, "year")
    assert [(d.period, d.source, d.events) for d in year] == [("2022", "RUS", 4), ("2022", "IGO", 1)]
    assert left_out == 1


def test_dyad_table_and_plot(store, tmp_path, capsys):
    import sys

    rows, _ = dyads(store, "day")
    write_table(rows, sys.stdout)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["period", "|", "source", "|", "target", "|", "events", "|", "goldstein"]
    assert lines[2].split("|")[0].strip() == "2022-03-01" and len(lines) == 2 + len(rows)
    plot(rows, tmp_path / "dyads.png")
    assert (tmp_path / "dyads.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_period_is_a_config_error(store):
    with pytest.raises(ConfigError):
        dyads(store, "week")
