"""SPARQL results as bytes on the wire: SELECT/ASK in JSON, CSV, TSV, XML and
CONSTRUCT/DESCRIBE graphs in Turtle, N-Triples, JSON-LD or RDF/XML.

Two hygiene rules live here because every writer must follow them: XML output
stays well-formed whatever the data holds (XML 1.0 cannot carry most control
characters, so they become U+FFFD), and CSV cells that a spreadsheet would run
as a formula are neutralised with a leading apostrophe.
"""

from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape as xml_escape

RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_ALIASES = {
    "application/json": "json", "application/xml": "xml", "text/xml": "xml",
    "text/plain": "ntriples", "application/x-turtle": "turtle",
}

# characters XML 1.0 forbids (tab, newline and carriage return are allowed)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def xml_clean(s: str) -> str:
    """``s`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_BAD.sub("\ufffd", s)


def neutralise_cell(s: str) -> str:
    """A CSV/TSV cell a spreadsheet will not run: text starting with ``= + - @``
    (or tab, CR) gets a leading ``'``; plain numbers such as ``-3.5`` are kept."""
    if s.startswith(_FORMULA_START) and not _NUMBER.fullmatch(s):
        return "'" + s
    return s


def _nt(t: dict) -> str:
    if t["type"] == "uri":
        return f"<{t['value']}>"
    if t["type"] == "bnode":
        return f"_:{t['value']}"
    v = t["value"].replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    if "xml:lang" in t:
        return f'"{v}"@{t["xml:lang"]}'
    if "datatype" in t:
        return f'"{v}"^^<{t["datatype"]}>'
    return f'"{v}"'


def _csv_field(s: str) -> str:
    s = neutralise_cell(s)
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\n\r') else s


def _xml_term(t: dict) -> str:
    if t["type"] == "uri":
        return f"<uri>{xml_escape(t['value'])}</uri>"
    if t["type"] == "bnode":
        return f"<bnode>{xml_escape(t['value'])}</bnode>"
    attrs = f' xml:lang="{xml_escape(t["xml:lang"])}"' if "xml:lang" in t else (
        f' datatype="{xml_escape(t["datatype"])}"' if "datatype" in t else "")
    return f"<literal{attrs}>{xml_escape(t['value'])}</literal>"


def serialize_select(variables: list[str], rows: list[dict], fmt: str) -> str:
    """SELECT results in SPARQL 1.1 results format ``fmt`` (a RESULT_FORMATS key)."""
    if fmt == "json":
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}, ensure_ascii=False)
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_csv_field(r[v]["value"]) if v in r else "" for v in variables)
                                         for r in rows]
        return "\r\n".join(lines) + "\r\n"
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)] + ["\t".join(_nt(r[v]) if v in r else "" for v in variables)
                                                          for r in rows]
        return "\n".join(lines) + "\n"
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{xml_escape(v)}"/>' for v in variables] + ["</head>", "<results>"]
    for r in rows:
        out.append("<result>")
        out += [f'<binding name="{xml_escape(v)}">{_xml_term(t)}</binding>' for v, t in r.items()]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return xml_clean("\n".join(out) + "\n")


def serialize_ask(value: bool, fmt: str) -> tuple[str, str]:
    """(body, format key) of an ASK answer: XML if asked for, else JSON."""
    if fmt == "xml":
        return ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
                f"<boolean>{str(value).lower()}</boolean></sparql>"), "xml"
    return json.dumps({"head": {}, "boolean": value}), "json"


def negotiate(accept: str, explicit: str | None, table: dict[str, str], default: str) -> str | None:
    """The key of ``table`` a client asked for: ``format=`` first, then the
    Accept header in the client's order of preference; ``*/*`` or nothing gives
    ``default``; None when the client accepts none of them."""
    if explicit:
        key = _ALIASES.get(explicit.lower(), explicit.lower())
        for k, mime in table.items():
            if key in (k, mime):
                return k
        return None
    if not accept or not accept.strip():
        return default
    choices = []
    for i, part in enumerate(accept.split(",")):
        fields = part.split(";")
        mime = fields[0].strip().lower()
        q = 1.0
        for f in fields[1:]:
            name, _, val = f.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(val)
                except ValueError:
                    q = 0.0
        if q > 0:
            choices.append((-q, i, mime))
    for _, _, mime in sorted(choices):
        if mime in ("*/*", "application/*", "text/*"):
            return default
        key = _ALIASES.get(mime)
        if key in table:
            return key
        for k, m in table.items():
            if mime == m:
                return k
    return None
