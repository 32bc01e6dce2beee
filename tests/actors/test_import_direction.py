"""One direction of import: the PETRARCH reader builds on the knowledge base, never the other way
round (issue 13, item 6). Read from the source, so that an import hidden inside a function
counts too."""
from __future__ import annotations

import ast
from pathlib import Path

ACTORS = Path(__file__).resolve().parents[2] / "dragoman" / "actors"


def imported(path: Path) -> set[str]:
    """The modules of dragoman/actors that the file imports anywhere in its source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:                   # from .kb import ...
                found.add(node.module.split(".")[0])
            elif node.level == 1:                                   # from . import kb
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("dragoman.actors."):
                found.add(node.module.split(".")[2])
            elif node.module == "dragoman.actors":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[2] for alias in node.names
                         if alias.name.startswith("dragoman.actors."))
    return found


def test_the_petrarch_reader_builds_on_the_knowledge_base():
    assert "kb" in imported(ACTORS / "petrarch.py")


def test_the_knowledge_base_never_imports_the_petrarch_reader():
    assert "petrarch" not in imported(ACTORS / "kb.py")


def test_imports_inside_functions_count(tmp_path):
    """The lazy import kb.py once had (`from . import petrarch` in a function) is caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from . import petrarch\n    import dragoman.actors.resolve\n", encoding="utf-8")
    assert imported(probe) == {"petrarch", "resolve"}
