"""SPARQL over a build's graph (Oxigraph), with the project's prefixes predeclared,
and the bundled questions of ``queries/``."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .namespaces import PREFIXES

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
_UPDATE = re.compile(
    r"\b(?:(INSERT|DELETE)\s+(?:DATA\b|WHERE\b|\{)|(LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\s+(?:SILENT\s+)?(?:GRAPH\b|DEFAULT\b|NAMED\b|ALL\b|<|\"\")|(WITH)\s+<)",
    re.I,
)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


class QueryError(ValueError):
    """A query that cannot run: syntax error (with line:column), update, SERVICE."""


def prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


def _strip_comments(q: str) -> str:
    return "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in q.splitlines())


def check_read_only(query: str) -> None:
    """Refuse SPARQL Update and federated SERVICE calls (the server must not fetch URLs)."""
    body = re.sub(r'"(?:[^"\\\n]|\\.)*"|<[^>\s]*>', lambda m: '""' if m.group(0)[0] == '"' else "<>", _strip_comments(query))
    if _SERVICE.search(body):
        raise QueryError("SERVICE (federated query) is not allowed: this endpoint is read-only and fetches nothing")
    m = _UPDATE.search(body)
    if m:
        op = (m.group(1) or m.group(2) or m.group(3)).upper()
        raise QueryError(f"SPARQL Update ({op}) is not allowed: the graph is read-only")


@dataclass
class Result:
    kind: str  # select | ask | graph
    variables: list[str]
    rows: list[list[ox.Term | None]]
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None


def execute(store: ox.Store, query: str, limit: int | None = None, params: dict[str, str] | None = None) -> Result:
    """Run ``query``; ``params`` bind variables to string values through
    Oxigraph's substitutions (never pasted into the text) and are left out of
    the result's columns."""
    check_read_only(query)
    params = params or {}
    subs = {ox.Variable(k): ox.Literal(v) for k, v in params.items()}
    try:
        res = store.query(query, prefixes=prefixes(), substitutions=subs or None)
    except SyntaxError as e:
        raise QueryError(f"syntax {e.msg if hasattr(e, 'msg') else e}") from None
    except RuntimeError as e:  # a parameter the query does not select
        raise QueryError(f"parameter: {e}") from None
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables if v.value not in params]
        rows = []
        for sol in res:
            rows.append([sol[v] for v in variables])
            if limit is not None and len(rows) >= limit:
                break
        return Result("select", variables, rows)
    if isinstance(res, ox.QueryBoolean):
        return Result("ask", ["boolean"], [], boolean=bool(res))
    triples = list(res)
    return Result("graph", ["subject", "predicate", "object"], [], triples=triples)


def term_text(t: ox.Term | None) -> str:
    """Terms as an analyst reads them: prefixed IRIs, literal values."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        best = max(((p, ns) for p, ns in prefixes().items() if t.value.startswith(ns)), key=lambda kv: len(kv[1]), default=None)
        return f"{best[0]}:{t.value[len(best[1]):]}" if best else t.value
    return t.value


def json_term(t: ox.Term) -> dict:
    """A term in SPARQL 1.1 Query Results JSON form."""
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.language:
        d["xml:lang"] = t.language
    elif t.datatype and t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        d["datatype"] = t.datatype.value
    return d


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def render(res: Result, fmt: str = "table") -> str:
    if res.kind == "ask":
        return json.dumps({"head": {}, "boolean": res.boolean}) + "\n" if fmt == "json" else f"{str(res.boolean).lower()}\n"
    if res.kind == "graph":
        if fmt not in ("turtle", "table"):
            raise QueryError(f"--format {fmt} is for SELECT; CONSTRUCT/DESCRIBE give --format turtle")
        return ox.serialize(res.triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()).decode("utf-8")
    if fmt == "turtle":
        raise QueryError("--format turtle is for CONSTRUCT/DESCRIBE queries")
    if fmt == "json":
        return json.dumps({"head": {"vars": res.variables}, "results": {"bindings": [
            {v: json_term(t) for v, t in zip(res.variables, row, strict=True) if t is not None} for row in res.rows]}},
            ensure_ascii=False, indent=1) + "\n"
    rows = [[term_text(t) for t in row] for row in res.rows]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(res.variables)
        w.writerows(rows)
        return buf.getvalue()
    cols = res.variables
    widths = [max([_width(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(cols)]

    def line(vals: list[str]) -> str:
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths, strict=True)).rstrip()

    return "\n".join([line(cols), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]) + "\n"


_PARAM = re.compile(r"#\s*Parameter:\s*(\w+)(?:\s*=\s*(\S+))?")


def declared_params(query: str) -> dict[str, str]:
    """The ``# Parameter: NAME = DEFAULT …`` lines of a query: variables it
    takes as --param NAME=VALUE, with their defaults."""
    return {m.group(1): m.group(2) or "" for m in map(_PARAM.match, query.splitlines()) if m}


def bundled() -> dict[str, tuple[str, str]]:
    """name -> (question, query text) of every queries/*.rq."""
    out = {}
    for p in sorted(QUERIES_DIR.glob("*.rq")):
        text = p.read_text(encoding="utf-8")
        question = " ".join(ln.lstrip("# ").strip() for ln in text.splitlines()
                            if ln.startswith("#") and not _PARAM.match(ln))
        out[p.stem] = (question.removeprefix("Question: "), text)
    return out
