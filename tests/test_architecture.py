"""No import cycle between the modules of kg/ (imports inside functions count too)."""

import ast
from pathlib import Path

import networkx as nx

KG = Path(__file__).resolve().parent.parent / "kg"


def import_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for path in sorted(KG.glob("*.py")):
        mod = path.stem
        g.add_node(mod)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                targets = [node.module] if node.module else [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg."):
                targets = [node.module.split(".")[1]]
            elif isinstance(node, ast.Import):
                targets = [a.name.split(".")[1] for a in node.names if a.name.startswith("kg.")]
            else:
                continue
            for t in targets:
                if (KG / f"{t.split('.')[0]}.py").exists():
                    g.add_edge(mod, t.split(".")[0])
    return g


def test_no_import_cycle_in_kg():
    g = import_graph()
    assert g.has_edge("build", "graph") and g.has_edge("graph", "html")  # the walk sees real imports
    assert list(nx.simple_cycles(g)) == []


def test_light_modules_do_not_pull_in_the_build():
    g = import_graph()
    for mod in ("analytics", "export", "query", "store", "html", "vocab", "files"):
        assert "build" not in nx.descendants(g, mod), mod


def test_identity_cube_and_terms_stand_apart_from_rendering():
    """Identity resolution, the Data Cube and the Turtle terms are their own
    modules: none of them reaches the graph writer or the build."""
    g = import_graph()
    assert {"identity", "cube", "turtle", "block"} <= set(g.successors("graph"))
    for mod in ("identity", "cube", "turtle", "block"):
        assert not {"graph", "build", "html"} & nx.descendants(g, mod), mod
