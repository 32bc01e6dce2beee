"""A small shared folder of our own, laid out as ../shared is: the gold modules read their texts
from it, so these tests do not need ../shared."""
from __future__ import annotations

import csv

import pytest

GUARDIAN_ROWS = [
    ("4", "2018-03-30", "Russian forces shelled Kharkiv on Thursday. Ukraine's president condemned the attack."),
    ("5", "2018-03-30", "An odd-numbered article, reserved for judging the coder."),
    ("6", "2019-02-10", "Mr. Smith met Vladimir Putin in Moscow. The two leaders agreed to hold talks in May.\n"
                        "Police arrested 20 protesters."),
]
SEED = "Site icon Example News\n\nTurkey condemns Russia\n\nTurkey condemned Russia on Wednesday.\n"
GIGAWORD = """<Sentences>
<Sentence date = "20080804" id ="AFP1" source = "AFP" sentence = "True">
<Text>
Israel   attacked
Gaza on Monday.
</Text>
</Sentence>
<Sentence date = "20150609" id ="GOLD_9" source = "AFP" sentence = "True">
<Text>The Philippines and the EU agree.</Text>
</Sentence>
<Sentence date = "20150609" id ="GOLD_9" source = "AFP" sentence = "True">
<Text>Syrian rebels engaged Filipino peacekeepers.</Text>
</Sentence>
</Sentences>
"""


@pytest.fixture
def shared(tmp_path):
    root = tmp_path / "shared"
    (root / "data" / "ngec").mkdir(parents=True)
    (root / "data" / "petrarch2").mkdir(parents=True)
    (root / "seeds").mkdir()
    with open(root / "data" / "ngec" / "guardian_sample.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["", "date", "text", "source"])
        for key, day, text in GUARDIAN_ROWS:
            writer.writerow([key, day, text, "Guardian"])
    (root / "seeds" / "000_c22179350bfb85e7.txt").write_text(SEED, encoding="utf-8")
    (root / "data" / "petrarch2" / "GigaWord.sample.PETR.xml").write_text(GIGAWORD, encoding="utf-8")
    return root
