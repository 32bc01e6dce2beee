"""Which countries of the issue's list lack a leader, foreign minister or defence minister row
for some stretch of time since 2000 (issue 3, item 1).

    .venv/bin/python bench/people_coverage.py            # every gap longer than 30 days
    .venv/bin/python bench/people_coverage.py --since 2010-01-01 --office defence

Reads dragoman/actors/data/people/*.tsv directly. An office is recognised from the role column
(see OFFICES); a gap is a stretch of days between SINCE and today that no such row covers.
"""
from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

PEOPLE = Path(__file__).resolve().parents[1] / "dragoman" / "actors" / "data" / "people"

GROUPS = {
    "G20": "ARG AUS BRA CAN CHN DEU FRA GBR IDN IND ITA JPN KOR MEX RUS SAU TUR USA ZAF",
    "NATO": "ALB BEL BGR CAN CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN ISL ITA LTU LUX LVA MKD MNE NLD "
            "NOR POL PRT ROU SVK SVN SWE TUR USA",
    "EU": "AUT BEL BGR CYP CZE DEU DNK ESP EST FIN FRA GRC HRV HUN IRL ITA LTU LUX LVA MLT NLD POL PRT ROU "
          "SVK SVN SWE",
    # The five permanent members and the elected members of 2025 and 2026.
    "UNSC": "CHN FRA GBR RUS USA DZA DNK GRC GUY PAK PAN KOR SLE SVN SOM BHR COL COD LVA LBR",
    "Middle East": "ARE BHR EGY IRN IRQ ISR JOR KWT LBN OMN PSE QAT SAU SYR TUR YEM",
    "Caucasus": "ARM AZE GEO",
    "Central Asia": "KAZ KGZ TJK TKM UZB",
    "Horn": "DJI ERI ETH SOM",
    # The UN's integrated strategy for the Sahel names ten states; Sudan is added.
    "Sahel": "BFA CMR GIN GMB MLI MRT NER NGA SEN TCD SDN",
}
# No such office: Iceland, Panama have no armed forces; Palestine no defence ministry; in Malta
# the armed forces answer to the home affairs minister; in Algeria and Guyana the president holds
# defence, in Jordan the prime minister.
NO_OFFICE = {(code, "defence") for code in ("ISL", "PAN", "PSE", "MLT", "DZA", "GUY", "JOR")}

OFFICES = {
    "leader": re.compile(r"president|prime minister|premier|chancellor|king|queen|emir|sultan|head of state|"
                         r"head of government|supreme leader|junta|taoiseach|chairman|chief adviser|"
                         r"general secretary|president of the Confederation", re.I),
    "foreign": re.compile(r"foreign|external affairs|^secretary of state$", re.I),
    "defence": re.compile(r"defen[cs]e (minister|secretary)|minister of (national )?defen[cs]e|"
                          r"secretary of defen[cs]e|defen[cs]e agency|minister for defen[cs]e|defen[cs]e and|"
                          r"armed forces minister|minister of the armed forces", re.I),
}
# Roles that mention an office without holding it. A role may join offices ("deputy prime
# minister and defence minister"): each part is read on its own.
NOT_HOLDER = re.compile(r"deputy|vice|shadow|spokes|adviser to|chief of|commander|candidate", re.I)
PARTS = re.compile(r",? and |, then |; ", re.I)


def holds(office: str, role: str) -> bool:
    return any(OFFICES[office].search(part) and not NOT_HOLDER.search(part) for part in PARTS.split(role))


def countries() -> dict[str, list[str]]:
    """iso3 -> the groups it is in."""
    found: dict[str, list[str]] = defaultdict(list)
    for group, codes in GROUPS.items():
        for code in codes.split():
            found[code].append(group)
    return dict(found)


def spans(office: str) -> dict[str, list[tuple[date, date]]]:
    """iso3 -> (start, end) of every row holding the office."""
    found: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for path in sorted(PEOPLE.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader((line for line in handle if not line.startswith("#") and line.strip()),
                                  delimiter="\t", quoting=csv.QUOTE_NONE)
            for row in rows:
                role = row["role"] or ""
                if not row["code"].endswith("GOV") or not holds(office, role):
                    continue
                start = date.fromisoformat(row["start"]) if row["start"] else date.min
                end = date.fromisoformat(row["end"]) if row["end"] else date.max
                found[row["code"][:3]].append((start, end))
    return found


def gaps(held: list[tuple[date, date]], since: date, until: date, slack: int) -> list[tuple[date, date]]:
    """Stretches of [since, until) no span covers, longer than `slack` days."""
    out, cursor = [], since
    for start, end in sorted(held):
        if start > cursor:
            out.append((cursor, min(start, until)))
        cursor = max(cursor, end)
        if cursor >= until:
            break
    if cursor < until:
        out.append((cursor, until))
    return [(a, b) for a, b in out if a < b and (b - a).days > slack]


def report(since: date, until: date, slack: int, offices: list[str]) -> list[str]:
    lines = []
    members = countries()
    for office in offices:
        held = spans(office)
        for code in sorted(members):
            if (code, office) in NO_OFFICE:
                continue
            for start, end in gaps(held.get(code, []), since, until, slack):
                lines.append(f"{code}\t{office}\t{start}\t{end}\t{(end - start).days} days\t{','.join(members[code])}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--since", default="2000-01-01")
    parser.add_argument("--slack", type=int, default=30, help="ignore gaps of at most this many days")
    parser.add_argument("--office", choices=sorted(OFFICES), action="append")
    args = parser.parse_args()
    until = date.today() + timedelta(days=1)
    lines = report(date.fromisoformat(args.since), until, args.slack, args.office or sorted(OFFICES))
    print("country\toffice\tfrom\tto\tlength\tgroups")
    print("\n".join(lines))
    missing = {line.split("\t")[0] for line in lines}
    print(f"# {len(lines)} gaps in {len(missing)} of {len(countries())} countries")
    # Filling the middle of a long gap splits it in two: the share of office-days covered is the
    # figure that only grows as the data does.
    offices = args.office or sorted(OFFICES)
    since = date.fromisoformat(args.since)
    wanted = sum((until - since).days for office in offices for code in countries() if (code, office) not in NO_OFFICE)
    uncovered = sum(int(line.split("\t")[4].split()[0]) for line in lines)
    print(f"# {uncovered} of {wanted} office-days uncovered: {1 - uncovered / wanted:.1%} covered")


if __name__ == "__main__":
    main()
