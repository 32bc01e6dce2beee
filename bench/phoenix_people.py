"""The built-in people and their dated roles checked against Phoenix's (issue 13, item 5).

    .venv/bin/python bench/phoenix_people.py                      # writes bench/reports/phoenix_people.md
    .venv/bin/python bench/phoenix_people.py --shared ../shared -o report.md

Phoenix (PETRARCH2's actor dictionaries, in ../shared/data/petrarch2, read where they live and
never copied) gives many people date-bounded code blocks. A built-in person and a Phoenix record
are the same person when they share a name of two words or more (a surname alone is shared by
too many) and no other record or person claims it. They are compared on every day that both
cover with a dated role, up to the day the Phoenix file was written (its "Generated at" line,
else the latest date its blocks name: an open block, ">140101", says nothing about later years):
- the built-in code on a day is what resolution gives when one of the person's roles holds (of
  several, the one begun last); a day no role covers is no claim;
- Phoenix's is the first block in file order that holds on the day (PETRARCH's rule), counted
  only when that block is dated (an undated block is a catch-all such as [USAELI]).
Codes are compared on country and sector (the first six letters: "TURELIMUS" is TURELI).
A disagreement of 31 days or less at a role's edge is a matter of dates' precision (Phoenix
writes many starts as the 1st of January) and is counted apart from the others.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dragoman.actors import kb as kbmod            # noqa: E402
from dragoman.actors import petrarch               # noqa: E402
from dragoman.dates import MONTHS                  # noqa: E402

FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
EDGE = 31          # days: a disagreement this short at a role's edge is one of date precision
GENERATED = re.compile(r"Generated at: \w+ (\w+) +(\d+) [\d:]+ (\d{4})")


@dataclass(frozen=True)
class Record:
    file: str
    line: int                  # the line of the record's first block (or its name)
    name: str
    phrases: tuple[str, ...]   # the primary phrase and its synonyms
    blocks: tuple              # kb.Role, in file order
    horizon: date


@dataclass(frozen=True)
class Stretch:
    person: str
    record: Record
    ours: str
    theirs: str
    start: date
    end: date                  # exclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def horizon_of(path: Path, records: list) -> date:
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(3000)
    found = GENERATED.search(head)
    if found:
        month, day, year = found.groups()
        return date(int(year), MONTHS[month[:3].lower()], int(day))
    dates = [d for r in records for b in r.blocks for d in (b.start, b.end) if d]
    return max(dates)


def read_phoenix(folder: Path) -> list[Record]:
    out = []
    for name in FILES:
        path = folder / name
        raw = list(petrarch.read_actors(path))
        horizon = horizon_of(path, raw)
        for record in raw:
            if any(b.start or b.end for b in record.blocks):
                line = int(record.blocks[0].role.rpartition(":")[2])
                out.append(Record(name, line, record.phrases[0], tuple(record.phrases), tuple(record.blocks), horizon))
    return out


def long_keys(phrases) -> set[tuple[str, ...]]:
    return {key for phrase in phrases for key in petrarch.keys(phrase) if len(key) >= 2}


def builtin_people(kb: kbmod.KB) -> tuple[dict[str, kbmod.Named], dict[tuple[str, ...], set[str]]]:
    people: dict[str, kbmod.Named] = {}
    owners: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for key, entries in kb.phrases.items():
        for entry in entries:
            if entry.kind == kbmod.PERSON and not entry.value.petrarch:
                people[entry.value.name] = entry.value
                if len(key) >= 2:
                    owners[key].add(entry.value.name)
    return people, owners


def pairs(kb: kbmod.KB, records: list[Record]):
    """(built-in person, Phoenix record) pairs that share a name of two words or more, each side
    claimed by no other."""
    people, owners = builtin_people(kb)
    claimed: dict[str, set[int]] = defaultdict(set)
    by_record: dict[int, set[str]] = defaultdict(set)
    for index, record in enumerate(records):
        for key in long_keys(record.phrases):
            for person in owners.get(key, ()):
                claimed[person].add(index)
                by_record[index].add(person)
    for person, indexes in sorted(claimed.items()):
        unique = [i for i in indexes if by_record[i] == {person}]
        if len(unique) == 1 and len(indexes) == 1:
            yield people[person], records[unique[0]]


def compare(person: kbmod.Named, record: Record) -> list[Stretch]:
    """The stretches of days on which both give a code and the codes differ, merged."""
    out: list[Stretch] = []
    for start, end in _stretches(person, record):
        ours, theirs = _ours(person, start), _theirs(record, start)
        if ours is None or theirs is None or ours[:6] == theirs[:6]:
            continue
        last = out[-1] if out else None
        if last and last.end == start and (last.ours, last.theirs) == (ours, theirs):
            out[-1] = Stretch(person.name, record, ours, theirs, last.start, end)
        else:
            out.append(Stretch(person.name, record, ours, theirs, start, end))
    return out


def overlap_days(person: kbmod.Named, record: Record) -> int:
    """Days both cover with a dated role, up to the horizon."""
    return sum((end - start).days for start, end in _stretches(person, record)
               if _ours(person, start) and _theirs(record, start))


def _edges(person: kbmod.Named, record: Record) -> set[date]:
    return ({d for r in person.roles for d in (r.start, r.end) if d}
            | {d for b in record.blocks for d in (b.start, b.end) if d})


def _stretches(person: kbmod.Named, record: Record) -> list[tuple[date, date]]:
    """The spans between consecutive role edges of either side, up to the horizon: on each, both
    sides give one code."""
    edges = sorted(d for d in _edges(person, record) if d < record.horizon) + [record.horizon]
    return list(zip(edges, edges[1:]))


def _ours(person: kbmod.Named, day: date) -> str | None:
    """The built-in code on the day, when one of the person's roles holds (resolution's rule)."""
    code, rule = person.code_on(day)
    return code if rule.startswith("role:") else None


def _theirs(record: Record, day: date) -> str | None:
    """Phoenix's code on the day, when the block that holds (the first in file order) is dated."""
    block = next((b for b in record.blocks if b.covers(day)), None)
    if block is None or not (block.start or block.end) or block.code == kbmod.NULL:
        return None
    return block.code


def at_edge(stretch: Stretch, person: kbmod.Named) -> bool:
    edges = _edges(person, stretch.record)
    return stretch.days <= EDGE and (stretch.start in edges or stretch.end in edges)


# The disagreements no rule of thumb explains, read one by one (person, Phoenix's code): what
# was found. Where the built-in was wrong it was fixed, and such a pair no longer shows.
REVIEWED = {
    ("Raimundo Pereira", "GINGOV"): "Phoenix writes GIN (Guinea) for Guinea-Bissau's interim president",
    ("Václav Havel", "CZEGOV"): "the built-in codes Czechoslovakia CSK until 1993 (ISO 3166-3), by convention",
    ("Akbar Hashemi Rafsanjani", "IRNGOV"): "Phoenix: the provisional presidential council; built-in: his office, speaker",
    ("Alexander Bortnikov", "RUSGOVMIL"): "the FSB is an intelligence service: SPY (CAMEO)",
    ("Charles Taylor", "LBRGOV"): "a rebel leader claiming power after Doe's death: REB kept",
    ("Prince Johnson", "LBRGOV"): "a rebel leader claiming power after Doe's death: REB kept",
    ("Guillaume Soro", "CIVGOVMED"): "a rebel leader holding a ministry in the unity government: REB kept, as the news named him",
    ("Jalal Talabani", "IRQGOV"): "Phoenix: Governing Council member; built-in: only his month as its president",
    ("Mangosuthu Buthelezi", "ZAFGOV"): "Phoenix's block ends two months after he left office (April 2004)",
    ("Nino Burjanadze", "GEOGOV"): "she was chair of parliament (LEG); Phoenix's block spans her acting presidencies",
    ("Sharif Sheikh Ahmed", "SOMGOV"): "the Islamic Courts' leader before he held office: REB kept",
    ("Yulia Tymoshenko", "UKRGOV"): "her premiership ended on 2010-03-04; Phoenix's block runs on",
    ("David Johnston", "CANGOV"): "two men: the built-in has Australia's defence minister, Phoenix Canada's governor general",
}


def cause(stretch: Stretch, person: kbmod.Named) -> str:
    """Why the two disagree, as read (REVIEWED) or told by a rule of thumb."""
    ours, theirs = stretch.ours, stretch.theirs
    if (stretch.person, theirs) in REVIEWED:
        return REVIEWED[stretch.person, theirs]
    block = next(b for b in stretch.record.blocks if b.covers(stretch.start))
    if theirs[:3] == "MUS" and ours[:3] == "MRT":
        return "Phoenix writes MUS (Mauritius) for Mauritania"
    if theirs.startswith("IGOEUREEC") and not ours.startswith("IGO"):
        return "Phoenix codes the rotating presidency of the EU Council as the EU"
    if ours[3:6] and ours[:3] == theirs[:3] and ours[3:6] in theirs[6:]:
        return f"Phoenix writes a compound sector ({theirs})"
    if block.end is None and any(r.start == stretch.start for r in person.roles):
        return "Phoenix's open block outlives the office: the built-in has the next role"
    if theirs[3:6] == "ELI" and block.start and (stretch.end - stretch.start).days > EDGE:
        return "Phoenix's dated ELI block spans an office the built-in records"
    return ""


def kind(stretch: Stretch) -> str:
    ours, theirs = stretch.ours, stretch.theirs
    if ours[:3] != theirs[:3]:
        return "country"
    if theirs[3:6] == "ELI" or ours[3:6] == "ELI":
        return "office or not"
    return "sector"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "bench" / "reports" / "phoenix_people.md")
    args = parser.parse_args(argv)
    folder = args.shared / "data" / "petrarch2"
    if not folder.is_dir():
        print(f"no Phoenix dictionaries in {folder}", file=sys.stderr)
        return 2
    records = read_phoenix(folder)
    kb = kbmod.builtin()
    compared = []
    for person, record in pairs(kb, records):
        days = overlap_days(person, record)
        if days:
            compared.append((person, record, days, compare(person, record)))
    report = render(compared, records)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    print(report.split("\n## ")[0])
    return 0


def render(compared, records) -> str:
    people = len(compared)
    days = sum(d for _, _, d, _ in compared)
    stretches = [(p, s) for p, _, _, found in compared for s in found]
    edge = [(p, s) for p, s in stretches if at_edge(s, p)]
    real = [(p, s) for p, s in stretches if not at_edge(s, p)]
    disagreeing = {p.name for p, _ in real}
    explained = [(p, s) for p, s in real if cause(s, p)]
    lines = [
        "# Built-in people against Phoenix's dated roles",
        "",
        "Written by `bench/phoenix_people.py` (how people are matched and compared: its docstring).",
        "",
        f"- Phoenix records with a dated block: {len(records)}",
        f"- people compared (same name, both dated on some common day): {people}",
        f"- person-days compared: {days:,}",
        f"- people who disagree for more than {EDGE} days at a time: {len(disagreeing)} "
        f"({len(real)} stretches, {sum(s.days for _, s in real):,} days)",
        f"- explained (the column 'likely cause', read or by a rule of thumb): {len(explained)} of {len(real)}",
        f"- disagreements of {EDGE} days or less at a role's edge (dates' precision): {len(edge)} "
        f"({sum(s.days for _, s in edge):,} days)",
        "",
    ]
    by_kind: dict[str, list] = defaultdict(list)
    for person, stretch in real:
        by_kind[kind(stretch)].append((person, stretch))
    for name, title in (("country", "Another country"), ("sector", "Another sector"),
                        ("office or not", "In office or not (one side says ELI)")):
        found = by_kind.get(name, [])
        lines += [f"## {title}: {len(found)}", "",
                  "| person | from | to | days | built-in | Phoenix | Phoenix record | likely cause |",
                  "| --- | --- | --- | ---: | --- | --- | --- | --- |"]
        for person, s in sorted(found, key=lambda ps: (ps[1].person, ps[1].start)):
            lines.append(f"| {s.person} | {s.start} | {s.end} | {s.days} | {s.ours} | {s.theirs} | "
                         f"{s.record.name} ({s.record.file}:{s.record.line}) | {cause(s, person)} |")
        lines.append("")
    lines += [f"## Dates' precision: {len(edge)} stretches of {EDGE} days or less at a role's edge", "",
              "| person | from | to | days | built-in | Phoenix |", "| --- | --- | --- | ---: | --- | --- |"]
    for person, s in sorted(edge, key=lambda ps: (ps[1].person, ps[1].start)):
        lines.append(f"| {s.person} | {s.start} | {s.end} | {s.days} | {s.ours} | {s.theirs} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
