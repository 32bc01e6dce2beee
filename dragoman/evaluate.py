"""Score coded events against human-coded gold data, and gate on pinned floors.

A gold file is JSONL, one document a line (the format of the PLOVER gold-standard sentences):

    {"id", "text", "date", "gold": [ENTRY...], "allowed": [ENTRY...]}
    ENTRY = {"source": [KEY...], "target": [KEY...] | null, "events": [TYPE...], "must": bool,
             "date": "YYYY[-MM[-DD]]" | null, "symmetric": bool, "target_required": bool}

KEY is an ISO 3166 alpha-3 country or the first three letters of a non-state CAMEO code (IGO,
NGO ...). `gold` entries are the events to find; `allowed` ones may be produced without being
required. The headline figures follow the rules of the reference scorer exactly
(../shared/tools/eval_events.py): an event matches an entry when its PLOVER type is one of the
entry's types and its actors fit (source in the entry's sources, target in its targets unless the
event has no target; either way round when the entry is symmetric).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import fs
from .errors import ConfigError, InputError
from .pipeline import Coder
from .read.corpus import document

NONE = "-"  # the confusion matrix's row and column for "no event"
DEFAULT_BASELINE = "eval/baseline.json"
# Pre-2021 PLOVER names still found in gold files.
OLD_TO_NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
HEADLINE = ("type_recall", "full_recall", "must_recall", "precision", "date_accuracy")
GATED = (*HEADLINE, "macro_f1", "source_accuracy", "target_accuracy")


# ---------------------------------------------------------------- reading and coding

def load_gold(path: str | Path) -> list[dict]:
    docs = []
    for number, line in enumerate(fs.read_lines(path), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise ConfigError(f"{path}:{number}: not valid JSON ({exc})") from None
        if not isinstance(doc, dict) or "id" not in doc or "text" not in doc:
            raise ConfigError(f"{path}:{number}: not a gold document",
                              hint='each line needs "id", "text" and "gold"')
        docs.append(doc)
    return docs


def code_gold(docs: Iterable[dict], coder: Coder | None = None) -> list[dict]:
    """Code each gold document in-process, read as `dragoman code` reads a JSONL line, and return
    the events as the JSON dicts that command prints. A document the reader rejects has none."""
    coder = coder or Coder.default()
    read = []
    for doc in docs:
        fields = {"id": doc["id"], "text": doc["text"], "date": doc.get("date")}
        try:
            read.append(document(fields, str(doc["id"]), None, "jsonl"))
        except InputError:
            continue
    return [e.to_dict() for _, events in coder.code_many(read) for e in events]


# ---------------------------------------------------------------- matching (the scorer's rules)

def norm_type(value) -> str | None:
    if not value:
        return None
    value = str(value).upper()
    return OLD_TO_NEW.get(value, value)


def actor_key(actor) -> str | None:
    if not actor or not isinstance(actor, dict):
        return None
    if actor.get("country"):
        return str(actor["country"]).upper()[:3]
    return str(actor.get("code") or "").upper()[:3] or None


def event_type(event: dict) -> str | None:
    plover = event.get("plover")
    if isinstance(plover, dict):
        plover = plover.get("event") or plover.get("type")
    return norm_type(plover or event.get("event"))


def gold_types(entry: dict) -> set[str | None]:
    return {norm_type(t) for t in entry["events"]}


def actors_fit(event: dict, entry: dict) -> bool:
    """Source and target fit the entry, whatever the event type."""
    source, target = actor_key(event.get("source")), actor_key(event.get("target"))
    sources, targets = set(entry.get("source") or []), set(entry.get("target") or [])

    def fit(s, t) -> bool:
        if sources and s not in sources:
            return False
        if targets and t is not None and t not in targets:
            return False
        return not (targets and t is None and entry.get("target_required"))

    return fit(source, target) or bool(entry.get("symmetric") and fit(target, source))


def matches(event: dict, entry: dict) -> bool:
    return event_type(event) in gold_types(entry) and actors_fit(event, entry)


def _date_ok(event: dict, entry: dict) -> bool | None:
    want = entry.get("date")
    return None if not want else str(event.get("date") or "").startswith(want)


# ---------------------------------------------------------------- figures

def ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _by_doc(events: Iterable[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for event in events:
        out.setdefault(str(event.get("doc_id")), []).append(event)
    return out


def _documents(docs: list[dict], events: list[dict]) -> Iterator[tuple[dict, list[dict], list[dict], list[dict]]]:
    """(gold document, events produced for it, its gold entries, the entries an event may match:
    gold and allowed)."""
    by_doc = _by_doc(events)
    for doc in docs:
        golds = doc.get("gold", [])
        yield doc, by_doc.get(str(doc["id"]), []), golds, golds + doc.get("allowed", [])


def headline(docs: list[dict], events: list[dict]) -> dict:
    """The reference scorer's figures, computed the same way."""
    n_gold = n_must = hit_type = hit_full = hit_must = good = date_checks = date_right = 0
    for _, found, golds, allowed in _documents(docs, events):
        good += sum(any(matches(e, g) for g in allowed) for e in found)
        for entry in golds:
            n_gold += 1
            hit_type += any(event_type(e) in gold_types(entry) for e in found)
            full = [e for e in found if matches(e, entry)]
            hit_full += bool(full)
            checks = [_date_ok(e, entry) for e in full]
            if checks and checks[0] is not None:
                date_checks += 1
                date_right += any(checks)
            if entry.get("must", True):
                n_must += 1
                hit_must += bool(full)
    return {"docs": len(docs), "gold_events": n_gold, "produced_events": len(events),
            "type_recall": ratio(hit_type, n_gold), "full_recall": ratio(hit_full, n_gold),
            "must_recall": ratio(hit_must, n_must),
            "precision": ratio(good, len(events)) if events else 0.0,
            "date_accuracy": ratio(date_right, date_checks)}


def _gold_type(entry: dict) -> str:
    return sorted(t or NONE for t in gold_types(entry))[0]


def _answer(entry: dict, found: list[dict]) -> str:
    """The type produced for a gold entry: the entry's own if an event matches it, else the type
    of an event with the right actors, else NONE."""
    if any(matches(e, entry) for e in found):
        return _gold_type(entry)
    fitting = [event_type(e) or NONE for e in found if actors_fit(e, entry)]
    return Counter(fitting).most_common(1)[0][0] if fitting else NONE


def confusion(docs: list[dict], events: list[dict]) -> dict[str, dict[str, int]]:
    """Gold type (rows) against produced type (columns). A missed entry counts under column NONE;
    a produced event that matches nothing in its document counts under row NONE."""
    table: dict[str, Counter] = {}
    for _, found, golds, allowed in _documents(docs, events):
        for entry in golds:
            table.setdefault(_gold_type(entry), Counter())[_answer(entry, found)] += 1
        for event in found:
            if not any(matches(event, g) for g in allowed):
                table.setdefault(NONE, Counter())[event_type(event) or NONE] += 1
    return {row: dict(sorted(cols.items())) for row, cols in sorted(table.items())}


def per_type(docs: list[dict], events: list[dict]) -> dict[str, dict]:
    """Precision, recall and F1 per PLOVER type. Recall: gold entries of the type that some event
    matches in full; precision: events of the type that match a gold or allowed entry."""
    counts: dict[str, Counter] = {}
    for _, found, golds, allowed in _documents(docs, events):
        for entry in golds:
            row = counts.setdefault(_gold_type(entry), Counter())
            row["gold"] += 1
            row["found"] += any(matches(e, entry) for e in found)
        for event in found:
            row = counts.setdefault(event_type(event) or NONE, Counter())
            row["produced"] += 1
            row["correct"] += any(matches(event, g) for g in allowed)
    out = {}
    for name, row in sorted(counts.items()):
        precision, recall = ratio(row["correct"], row["produced"]), ratio(row["found"], row["gold"])
        f1 = (round(2 * precision * recall / (precision + recall), 3) if precision and recall else
              (0.0 if precision is not None and recall is not None else None))
        out[name] = {"gold": row["gold"], "found": row["found"], "produced": row["produced"],
                     "correct": row["correct"], "precision": precision, "recall": recall, "f1": f1}
    return out


def macro_f1(types: dict[str, dict]) -> float | None:
    """Mean F1 over the types that have gold entries (a type never produced counts 0)."""
    scores = [row["f1"] or 0.0 for row in types.values() if row["gold"]]
    return round(sum(scores) / len(scores), 3) if scores else None


def actor_accuracy(docs: list[dict], events: list[dict]) -> dict:
    """Of the gold entries whose type was produced, the share where an event of that type has the
    right source, and (for entries with targets) the right target."""
    typed = source_ok = targeted = target_ok = 0
    for _, found, golds, _ in _documents(docs, events):
        for entry in golds:
            same = [e for e in found if event_type(e) in gold_types(entry)]
            if not same:
                continue
            typed += 1
            source_ok += any(_source_right(e, entry) for e in same)
            if entry.get("target"):
                targeted += 1
                target_ok += any(_target_right(e, entry) for e in same)
    return {"typed": typed, "source_right": source_ok, "targeted": targeted, "target_right": target_ok,
            "source_accuracy": ratio(source_ok, typed), "target_accuracy": ratio(target_ok, targeted)}


def _source_right(event: dict, entry: dict) -> bool:
    sources, targets = set(entry.get("source") or []), set(entry.get("target") or [])
    key = actor_key(event.get("source"))
    return not sources or key in sources or bool(entry.get("symmetric") and key in targets)


def _target_right(event: dict, entry: dict) -> bool:
    sources, targets = set(entry.get("source") or []), set(entry.get("target") or [])
    key = actor_key(event.get("target"))
    return key in targets or bool(entry.get("symmetric") and actor_key(event.get("source")) in sources
                                  and key in sources)


def details(docs: list[dict], events: list[dict]) -> dict:
    """What went wrong, for an analyst: every missed gold entry and every unmatched event, with
    the sentence, the events produced and their evidence."""
    missed, spurious = [], []
    for doc, found, golds, allowed in _documents(docs, events):
        for entry in golds:
            if not any(matches(e, entry) for e in found):
                missed.append({"doc": doc["id"], "text": doc["text"], "gold": entry["events"],
                               "source": entry.get("source"), "target": entry.get("target"),
                               "produced": [_brief(e) for e in found]})
        for event in found:
            if not any(matches(event, g) for g in allowed):
                spurious.append({"doc": doc["id"], "text": doc["text"], **_brief(event),
                                 "gold": [f"{'/'.join(g['events'])} {g.get('source')}>{g.get('target')}"
                                          for g in golds]})
    return {"missed": missed, "spurious": spurious}


def _brief(event: dict) -> dict:
    evidence = event.get("evidence") or {}
    return {"type": event_type(event), "cameo": event.get("cameo"), "source": actor_key(event.get("source")),
            "target": actor_key(event.get("target")), "trigger": evidence.get("trigger"),
            "pattern": evidence.get("pattern"), "notes": evidence.get("notes") or []}


def evaluate(docs: list[dict], events: list[dict], with_details: bool = False) -> dict:
    """Every figure for one gold set and the events coded from it."""
    report = headline(docs, events)
    types = per_type(docs, events)
    report["macro_f1"] = macro_f1(types)
    actors = actor_accuracy(docs, events)
    report.update({"source_accuracy": actors["source_accuracy"], "target_accuracy": actors["target_accuracy"],
                   "actors": actors, "per_type": types, "confusion": confusion(docs, events)})
    if with_details:
        report["details"] = details(docs, events)
    return report


def evaluate_file(path: str | Path, with_details: bool = False, coder: Coder | None = None) -> dict:
    docs = load_gold(path)
    report = evaluate(docs, code_gold(docs, coder), with_details)
    report["gold"] = Path(path).name
    return report


# ---------------------------------------------------------------- the gate

def load_baseline(path: str | Path) -> dict:
    if not Path(path).exists():
        raise ConfigError(f"no baseline file {path}", hint="create one with: dragoman eval GOLD --update-baseline")
    try:
        baseline = json.loads(fs.read_text(path))
    except ValueError as exc:
        raise ConfigError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(baseline, dict) or not isinstance(baseline.get("floors"), dict):
        raise ConfigError(f"{path}: no \"floors\" object", hint='expected {"gold": FILE, "floors": {FIGURE: VALUE}}')
    return baseline


def below_floor(report: dict, floors: dict) -> list[str]:
    """One line per figure that dropped below its pinned floor."""
    out = []
    for name, floor in sorted(floors.items()):
        value = report.get(name)
        if floor is not None and (value is None or value < floor):
            out.append(f"{name} = {value} is below its floor {floor}")
    return out


def above_ceiling(report: dict, ceilings: dict) -> list[str]:
    """One line per figure where lower is better (an error rate) that rose above its pinned ceiling."""
    out = []
    for name, ceiling in sorted(ceilings.items()):
        value = report.get(name)
        if ceiling is not None and value is not None and value > ceiling:
            out.append(f"{name} = {value} is above its ceiling {ceiling}")
    return out


def raise_floors(report: dict, baseline: dict, names: Iterable[str] = GATED, lower: Iterable[str] = ()) -> dict:
    """The baseline with each floor raised to the new figure where that is higher, and each ceiling
    (the figures in `lower`) lowered where the new figure is lower; never the other way."""
    floors = dict(baseline.get("floors") or {})
    for name in names:
        value = report.get(name)
        if value is not None and (floors.get(name) is None or value > floors[name]):
            floors[name] = value
    out = {**baseline, "gold": baseline.get("gold") or report["gold"], "floors": dict(sorted(floors.items()))}
    ceilings = dict(baseline.get("ceilings") or {})
    for name in lower:
        value = report.get(name)
        if value is not None and (ceilings.get(name) is None or value < ceilings[name]):
            ceilings[name] = value
    if ceilings:
        out["ceilings"] = dict(sorted(ceilings.items()))
    return out


def gate_lines(failures: list[str], moved: dict[str, tuple], path) -> list[str]:
    """What a gate says, a line each: the bounds it moved, then the figures out of bounds."""
    return ([f"dragoman: bound of {name} moved from {old} to {new} in {path}" for name, (old, new) in moved.items()]
            + [f"dragoman: {line} ({path})" for line in failures])


def gate(report: dict, path: str | Path, update: bool = False, names: Iterable[str] = GATED,
         lower: Iterable[str] = ()) -> tuple[list[str], dict[str, tuple]]:
    """Compare the figures with the floors (and ceilings) pinned in `path`: the figures out of
    bounds, and (with `update`) the bounds moved, as {figure: (old, new)}. Updating writes the new
    bounds but still reports a drop, so that an update cannot hide one. A missing file is created
    only by an update."""
    if update and not Path(path).exists():
        baseline = {"gold": report["gold"], "floors": {}}
    else:
        baseline = load_baseline(path)
    if baseline.get("gold") and baseline["gold"] != report["gold"]:
        raise ConfigError(f"{path} holds floors for {baseline['gold']}, not {report['gold']}")
    failures = below_floor(report, baseline["floors"]) + above_ceiling(report, baseline.get("ceilings") or {})
    moved: dict[str, tuple] = {}
    if update:
        new = raise_floors(report, baseline, names, lower)
        for kind in ("floors", "ceilings"):
            old = baseline.get(kind) or {}
            moved.update({k: (old.get(k), v) for k, v in (new.get(kind) or {}).items() if v != old.get(k)})
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with fs.writing(path, "w", encoding="utf-8") as out:
            out.write(json.dumps(new, indent=2) + "\n")
    return failures, moved


# ---------------------------------------------------------------- text report

def format_report(report: dict) -> str:
    lines = [f"{report.get('gold', 'gold')}: {report['docs']} documents, {report['gold_events']} gold events, "
             f"{report['produced_events']} produced", ""]
    lines += [f"  {name:<16} {report.get(name)}" for name in GATED]
    lines += ["", f"  {'type':<10} {'gold':>5} {'found':>6} {'made':>5} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for name, row in report["per_type"].items():
        lines.append(f"  {name:<10} {row['gold']:>5} {row['found']:>6} {row['produced']:>5} {row['correct']:>6} "
                     f"{cell(row['precision']):>6} {cell(row['recall']):>6} {cell(row['f1']):>6}")
    lines += ["", "  confusion: gold type (rows) x produced type (columns); '-' = none", ""]
    lines += matrix_lines(report["confusion"])
    actors = report["actors"]
    lines += ["", f"  actors: source right in {actors['source_right']}/{actors['typed']} events of the right type, "
                  f"target right in {actors['target_right']}/{actors['targeted']}"]
    if "details" in report:
        lines += ["", "missed gold events:"]
        for m in report["details"]["missed"]:
            made = "; ".join(_brief_text(p) for p in m["produced"]) or "nothing"
            lines.append(f"  {m['doc']}: {'/'.join(m['gold'])} {m['source']}>{m['target']}  produced: {made}")
            lines.append(f"      {m['text']}")
        lines += ["", "events matching no gold entry:"]
        for s in report["details"]["spurious"]:
            lines.append(f"  {s['doc']}: {_brief_text(s)}  gold: {'; '.join(s['gold'])}")
            lines.append(f"      {s['text']}")
    return "\n".join(lines)


def cell(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def _brief_text(event: dict) -> str:
    return f"{event['type']} {event['source']}>{event['target']} ({event['cameo']} '{event['trigger']}' {event['pattern']})"


def matrix_lines(table: dict[str, dict[str, int]]) -> list[str]:
    """Columns are named by the first four letters of a type (unique among PLOVER's 16)."""
    columns = sorted({c for row in table.values() for c in row} | (set(table) - {NONE}))
    lines = ["  " + " " * 11 + " ".join(f"{c[:4]:>4}" for c in columns)]
    for row, cells in table.items():
        lines.append(f"  {row:<10} " + " ".join(f"{cells.get(c) or '.':>4}" for c in columns))
    return lines
