import csv
import dataclasses
from pathlib import Path

import pytest

from dragoman.errors import DictionaryError
from dragoman.events import ontology
from dragoman.events.ontology import HEADER, PLOVER_TYPES, codes, is_code, load, lookup

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REFERENCE = SHARED / "reference" / "cameo_event_codes.tsv"


def test_table_has_every_root_and_the_rejection_codes_only_some_sources_list():
    roots = [c for c in codes() if len(c) == 2]
    assert roots == [f"{n:02d}" for n in range(1, 21)]
    assert {"1213", "1214", "155", "176", "1834", "1951", "1952"} <= set(codes())
    assert 300 <= len(codes()) <= 330


def test_quad_class_follows_the_root():
    expected = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
                **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    for code in codes():
        entry = lookup(code)
        assert entry.root == code[:2]
        assert entry.quad_class == expected[int(entry.root)], code


def test_plover_types_are_the_sixteen_or_dropped():
    assert PLOVER_TYPES == {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "REQUEST",
                            "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
    for code in codes():
        entry = lookup(code)
        if entry.root in ("01", "02"):
            assert (entry.plover, entry.plover_mode, entry.plover_context) == (None, None, ()), code
        else:
            assert entry.plover in PLOVER_TYPES, code


@pytest.mark.parametrize("code, plover, mode, context, goldstein", [
    ("036", "AGREE", None, ("diplomatic",), 4.0),        # intent to meet or negotiate
    ("042", "CONSULT", "visit", (), 1.9),
    ("0231", None, None, (), 3.4),                       # root 02 (appeals) is dropped by the 2021 mapping
    ("010", None, None, (), 0.0),
    ("057", "SUPPORT", None, ("diplomatic",), 8.0),
    ("0813", "RETREAT", None, ("legal",), 5.0),          # the mapping moves easing curfews to RETREAT
    ("0874", "RETREAT", "disarm", ("military",), 10.0),
    ("094", "ACCUSE", "investigate", ("military", "legal"), -2.0),
    ("1041", "REQUEST", "change", ("executive",), -5.0),
    ("163", "COERCE", "restrict", ("diplomatic",), -8.0),
    ("173", "COERCE", "arrest", ("legal",), -5.0),
    ("175", "ASSAULT", "pro_autocracy", ("military",), -9.0),
    ("190", "ASSAULT", None, ("military",), -10.0),
    ("191", "COERCE", "restrict", ("military",), -9.5),
    ("20", "ASSAULT", "unconventional", (), -10.0),
])
def test_spot_checks(code, plover, mode, context, goldstein):
    entry = lookup(code)
    assert (entry.plover, entry.plover_mode, entry.plover_context, entry.goldstein) == (plover, mode, context, goldstein)


def test_lookup_and_is_code():
    assert lookup("036").name == "Express intent to meet or negotiate"
    assert is_code("0831") and is_code("20")
    assert not is_code("36") and not is_code("21") and not is_code("")
    with pytest.raises(KeyError, match="unknown CAMEO event code '36'"):
        lookup("36")
    with pytest.raises(dataclasses.FrozenInstanceError):
        lookup("036").goldstein = 0.0


ROOT = "03\tExpress intent to cooperate\t4.0\t1\tAGREE\t\t"
GOOD = "030\tExpress intent to cooperate\t4.0\t1\tAGREE\t\tdiplomatic"


@pytest.mark.parametrize("row, reason", [
    ("030\tExpress intent to cooperate\t4.0\t1\tAGREE", "columns"),
    ("30X\tBad code\t4.0\t1\tAGREE\t\t", "not a CAMEO event code"),
    ("21\tNo such root\t4.0\t4\tASSAULT\t\t", "not a CAMEO event code"),
    ("031\t\t5.2\t1\tAGREE\t\t", "no name"),
    ("031\tIntent\tfive\t1\tAGREE\t\t", "goldstein"),
    ("031\tIntent\t12.0\t1\tAGREE\t\t", "outside"),
    ("031\tIntent\t5.2\t2\tAGREE\t\t", "quad_class"),
    ("031\tIntent\t5.2\t1\tAGREEMENT\t\t", "not a PLOVER event type"),
    ("031\tIntent\t5.2\t1\tAGREE\tVisit\t", "plover_mode"),
    ("031\tIntent\t5.2\t1\tAGREE\t\tdiplomatic;economic", "plover_context"),
    ("031\tIntent\t5.2\t1\t-\t\tdiplomatic", "dropped"),
    ("030\tAgain\t4.0\t1\tAGREE\t\t", "already given on line 5"),
    ("0315\tOrphan\t5.2\t1\tAGREE\t\t", "no parent row 031"),
])
def test_malformed_line_names_file_and_line(tmp_path, row, reason):
    path = tmp_path / "cameo.tsv"
    path.write_text("# a comment\n" + "\t".join(HEADER) + "\n\n" + ROOT + "\n" + GOOD + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=reason) as caught:
        load(path)
    assert (caught.value.path, caught.value.line) == (str(path), 6)
    assert f"{path}:6:" in str(caught.value)


def test_bad_or_missing_header(tmp_path):
    path = tmp_path / "cameo.tsv"
    path.write_text("# only a comment\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="no header"):
        load(path)
    path.write_text("code\tname\n" + ROOT + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="header") as caught:
        load(path)
    assert caught.value.line == 1


def test_packaged_table_is_loaded_once():
    assert ontology._table() is ontology._table()


def _reference() -> dict[str, dict[str, str]]:
    if not REFERENCE.exists():
        pytest.skip(f"reference table {REFERENCE} is absent (../shared exists only beside the development checkout)")
    with REFERENCE.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["code"]: row for row in rows}


def test_matches_reference_goldstein_quad_class_and_plover_type():
    reference = _reference()
    assert set(codes()) == set(reference)
    for code, row in reference.items():
        entry = lookup(code)
        if row["goldstein"] != "NA":  # codes missing from GDELT's scale carry their parent's value here
            assert entry.goldstein == float(row["goldstein"]), code
        assert entry.quad_class == int(row["quad_class"]), code
        # "dropped" = left out of the 2021 mapping; root 08 maps to either CONCEDE or RETREAT
        allowed = {None} if row["plover_event"] == "dropped" else set(row["plover_event"].split("|"))
        assert entry.plover in allowed, code


def test_matches_reference_plover_mode_and_context():
    for code, row in _reference().items():
        entry = lookup(code)
        assert entry.plover_mode == (row["plover_mode"] or None), code
        assert entry.plover_context == tuple(c for c in row["plover_context"].split(";") if c), code
