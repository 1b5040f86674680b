"""SPARQL over a build's graph, with the project's prefixes predeclared."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from .graph import PREFIXES


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


def load(out_dir: Path) -> Graph:
    ttl = out_dir / "graph.ttl"
    if not ttl.exists():
        raise FileNotFoundError(f"{ttl}: no graph; run `kg build` first")
    return Graph().parse(ttl, format="turtle")


def run(g: Graph, query: str) -> tuple[list[str], list[list[str]]]:
    res = g.query(prologue() + query)
    cols = [str(v) for v in res.vars]
    rows = [[_term(r[v]) for v in res.vars] for r in res]
    return cols, rows


def _term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, URIRef):
        s = str(t)
        for p, ns in PREFIXES.items():
            if s.startswith(str(ns)):
                return f"{p}:{s[len(str(ns)):]}"
        return s
    if isinstance(t, Literal):
        return str(t)
    return str(t)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def format_rows(cols: list[str], rows: list[list[str]], fmt: str = "table") -> str:
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(cols)
        w.writerows(rows)
        return buf.getvalue()
    if fmt == "json":
        return json.dumps({"head": {"vars": cols}, "results": {"bindings": [
            {c: {"type": "literal", "value": v} for c, v in zip(cols, r, strict=True) if v} for r in rows]}},
            ensure_ascii=False, indent=1) + "\n"
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(cols)]

    def line(vals: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(cols), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    return "\n".join(out) + "\n"
