"""reads.events against the query it replaced (kept here as the reference): the same page, the
same columns in the same order, the same counts of reviewed reports."""
from __future__ import annotations

import pytest

from dragoman.query import Filters
from dragoman.serve import reads
from dragoman.store import open_store
from dragoman.store.db import DERIVED

# The first /events query: every event joined to its mentions and their verdicts, grouped whole
# (with the columns the flat layout has since derived from the stored ones: factuality).
DERIVED_E = "".join(f"{sql.format('e.')} AS {name}, " for name, sql in DERIVED.items())
REFERENCE = """WITH kept AS (
                   SELECT e.*, """ + DERIVED_E + """count(r.mention_id) AS reviewed
                   FROM events e LEFT JOIN mentions m USING (event_id) LEFT JOIN reviews r USING (mention_id)
                   GROUP BY ALL)
               SELECT * FROM kept WHERE {where}"""


def reference(store, filters: Filters, order: str, unreviewed: bool, limit: int, offset: int) -> dict:
    where, params = filters.where()
    if unreviewed:
        where = f"({where}) AND reviewed = 0"
    kept = REFERENCE.format(where=where)
    total = next(store.records(f"SELECT count(*) AS n FROM ({kept})", params=params))["n"]
    rows = list(store.records(f"{kept} ORDER BY {reads.ORDERS[order]} LIMIT ? OFFSET ?",
                              params=[*params, limit, offset]))
    return {"total": total, "limit": limit, "offset": offset, "events": rows}


@pytest.fixture
def reviewed_store(db):
    """The examples' store with verdicts on: both reports of an event reported twice, one report of
    another event, and a report no longer stored."""
    store = open_store(str(db))
    twice = next(store.records("SELECT event_id FROM mentions GROUP BY event_id HAVING count(*) > 1 "
                               "ORDER BY event_id LIMIT 1"))["event_id"]
    chosen = [row["mention_id"] for row in store.records(
        "SELECT mention_id FROM mentions WHERE event_id = ? "
        "UNION ALL (SELECT mention_id FROM mentions WHERE event_id <> ? ORDER BY mention_id LIMIT 1)",
        params=[twice, twice])]
    for mention_id in [*chosen, "gone"]:
        store.con.execute("INSERT INTO reviews VALUES (?, NULL, NULL, 'reject', '{}', now())", [mention_id])
    yield store
    store.close()


@pytest.mark.parametrize("filters", [Filters(), Filters(plover="AGREE"), Filters(since="2022", min_confidence=0.5)])
@pytest.mark.parametrize("order,unreviewed,limit,offset", [("date", False, 500, 0), ("confidence", True, 500, 0),
                                                           ("date", True, 5, 3), ("confidence", False, 4, 2)])
def test_a_page_of_events_is_what_the_grouped_query_gave(reviewed_store, filters, order, unreviewed, limit, offset):
    new = reads.events(reviewed_store, filters, order=order, unreviewed=unreviewed, limit=limit, offset=offset)
    old = reference(reviewed_store, filters, order, unreviewed, limit, offset)
    assert new == old
    assert [list(row) for row in new["events"]] == [list(row) for row in old["events"]]   # the columns' order
    assert reads.as_csv(new["events"]) == reads.as_csv(old["events"])
    if not unreviewed and filters == Filters() and limit == 500:
        assert sorted(row["reviewed"] for row in new["events"] if row["reviewed"]) == [1, 2]
