"""SPARQL over a build's graph (Oxigraph), with the project's prefixes predeclared,
and the bundled questions of ``queries/``."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from .prefixes import PREFIX_IRIS

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
# rdflib's parser recurses about ten frames per triple: a query of a few
# thousand triples needs a deeper stack than Python's default
_PARSE_RECURSION = 200_000
_PARSE_STACK = 512 * 2**20


class QueryError(ValueError):
    """A query that cannot run: syntax error (with line:column), update, SERVICE."""


class QueryRefused(QueryError):
    """A well-formed request this endpoint does not serve: SPARQL Update, SERVICE."""


def prefixes() -> dict[str, str]:
    return dict(PREFIX_IRIS)


def _deep(fn, arg):
    """``fn(arg)`` on a thread with a large stack and recursion limit."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = fn(arg)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            out["error"] = e

    old_stack, old_limit = threading.stack_size(), sys.getrecursionlimit()
    threading.stack_size(_PARSE_STACK)
    try:
        t = threading.Thread(target=run, name="sparql-parse", daemon=True)
        t.start()
    finally:
        threading.stack_size(old_stack)
    sys.setrecursionlimit(max(old_limit, _PARSE_RECURSION))
    try:
        t.join()
    finally:
        sys.setrecursionlimit(old_limit)
    if "error" in out:
        raise out["error"]
    return out["value"]


def _nodes(tree):
    """Every parse-tree node (rdflib ``CompValue``) under ``tree``."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack, seen = [tree], set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, ParseResults):
            stack.extend(n)
            stack.extend(n.values())  # named results too
        elif isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, set)):
            stack.extend(n)


@lru_cache(maxsize=1)
def _sparql_parser():
    """rdflib's SPARQL parser, with one repair.  To keep the text of a SERVICE
    clause, rdflib searches the whole query again for the first thing that looks
    like one, skipping anything after a ``#`` as a comment, even a ``#`` inside a
    string: ``BIND(" #" AS ?c) SERVICE <...> {...}`` then fails to parse at all.
    The text is only needed to evaluate SERVICE, which kg never does: when the
    search finds nothing the clause is kept without it."""
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.parserutils import Comp, CompValue, ParamValue

    sgp = parser.ServiceGraphPattern

    def post_parse(instring, loc, tokens):
        try:
            return Comp.postParse(sgp, instring, loc, tokens)
        except IndexError:
            res = CompValue("ServiceGraphPattern", service_string=None)
            for t in tokens:
                if isinstance(t, ParamValue):
                    if t.isList:
                        res.setdefault(t.name, []).append(t.tokenList)
                    else:
                        res[t.name] = t.tokenList
            return res

    sgp.postParse = post_parse
    return parser.parseQuery, parser.parseUpdate


def check_read_only(query: str) -> None:
    """Refuse SPARQL Update and federated SERVICE calls (the endpoint must not
    fetch URLs), deciding on the parsed query: a SERVICE pattern anywhere in the
    parse tree (sub-queries, EXISTS, OPTIONAL, a variable endpoint) is refused,
    and so is anything that parses as an Update.  A query the parser cannot
    read is a syntax error: what is not understood does not run."""
    from pyparsing import ParseBaseException

    parse_query, parse_update = _sparql_parser()
    if not query.strip():
        raise QueryError("syntax error: empty query")
    try:
        tree = _deep(parse_query, query)
    except ParseBaseException as e:
        try:
            update = _deep(parse_update, query)
        except (ParseBaseException, RecursionError):
            update = None
        if update is not None and "request" in update:
            ops = sorted({op.name for op in update["request"]})
            raise QueryRefused(f"SPARQL Update ({', '.join(ops)}) is not allowed: the graph is read-only") from None
        raise QueryError(f"syntax error at line {e.lineno}, column {e.col}: {e.msg}") from None
    except RecursionError:
        raise QueryError("query too long or too deeply nested to check; split it up") from None
    if any(n.name == "ServiceGraphPattern" for n in _nodes(tree)):
        raise QueryRefused("SERVICE (federated query) is not allowed: this endpoint is read-only and fetches nothing")


# Every SPARQL Update operation and SERVICE needs one of these words (keywords
# are case-insensitive; a \\u escape could spell one, so it counts too)
_RISKY = re.compile(r"service|insert|delete|load|clear|create|drop|copy|move|add|\\u", re.IGNORECASE)


def cannot_write_or_fetch(query: str) -> bool:
    """True when the text holds none of the words an Update or a SERVICE is
    written with: whatever a parser makes of it, it can neither change the
    graph nor fetch a URL.  Such a query skips the parse (rdflib's parser costs
    ~0.1 s to import, twice a trivial query); if Oxigraph cannot read it, the
    full check still gives the syntax error."""
    return bool(query.strip()) and _RISKY.search(query) is None


@lru_cache(maxsize=512)
def _checked(query: str) -> tuple[type[QueryError], str] | None:
    try:
        check_read_only(query)
    except QueryError as e:
        return type(e), str(e)
    return None


def run_query(store: ox.Store, query: str, base_iri: str | None = None, substitutions: dict | None = None):
    """The one way queries reach the engine: checked, then run (Oxigraph's
    ``Store.query`` runs no Update; it would follow SERVICE, hence the check).
    The check's verdict is cached by query text: a server sees the same queries
    again and again, and parsing costs more than running a simple one.
    ``base_iri`` resolves relative IRIs (an endpoint passes its own URL)."""
    if cannot_write_or_fetch(query):
        try:
            return store.query(query, prefixes=prefixes(), base_iri=base_iri, substitutions=substitutions)
        except SyntaxError:
            refused = _checked(query)  # rdflib's message, with line and column, when it agrees
            if refused is not None:
                raise refused[0](refused[1]) from None
            raise
    refused = _checked(query)
    if refused is not None:
        raise refused[0](refused[1])
    return store.query(query, prefixes=prefixes(), base_iri=base_iri, substitutions=substitutions)


class QueryTimeout(QueryError):
    """A query still running at its time limit."""


def within(fn, timeout: float | None):
    """``fn()`` on a daemon thread, waited for at most ``timeout`` seconds.
    Oxigraph releases the GIL while it evaluates, so the waiting thread stays
    responsive: Ctrl-C (KeyboardInterrupt) or the time limit returns at once and
    the abandoned query dies with the process (a running Oxigraph query cannot
    be cancelled)."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            out["error"] = e

    t = threading.Thread(target=run, name="kg-query", daemon=True)
    t.start()
    end = None if timeout is None else time.monotonic() + timeout
    while t.is_alive():
        left = 0.1 if end is None else min(0.1, end - time.monotonic())
        if left <= 0:
            raise QueryTimeout(f"query timed out after {timeout:g} s (--timeout)")
        t.join(left)
    if "error" in out:
        raise out["error"]
    return out["value"]


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
    params = params or {}
    subs = {ox.Variable(k): ox.Literal(v) for k, v in params.items()}
    try:
        res = run_query(store, query, substitutions=subs or None)
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
        from .results import neutralise_cell

        rows = [[neutralise_cell(c) for c in r] for r in rows]
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
