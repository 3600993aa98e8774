"""The dossier's modules import one another in one direction: no circle between the
export, the pages, the API and the app (the dossier itself is rendered by one module,
claimtrail.web.dossier, that the page and the export both use)."""
from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MODULES = sorted([*(SRC / "claimtrail" / "web").glob("*.py"), SRC / "claimtrail" / "export.py"])


def _name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


def imports(path: Path) -> set[str]:
    """Every claimtrail.web / claimtrail.export module this file imports, at any depth
    of the file (function-level imports included)."""
    wanted = {_name(p) for p in MODULES}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found |= {n for n in names if n in wanted}
    return found - {_name(path)}


def test_no_import_circle_between_export_and_web() -> None:
    graph = {_name(p): imports(p) for p in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != 1, " -> ".join(path[path.index(nxt):] + [nxt])
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    assert "claimtrail.web.dossier" in graph["claimtrail.export"]
    assert "claimtrail.web.dossier" in graph["claimtrail.web.pages"]
    assert not graph["claimtrail.export"] & {"claimtrail.web.pages", "claimtrail.web.app",
                                             "claimtrail.web.api"}
