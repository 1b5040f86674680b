"""Turtle terms as text, with the project's known prefixes.

The graph is written as already-rendered terms (kg.graph.write_rendered);
rdflib terms, such as the ontology's, are rendered here.  rdflib's own Turtle
serializer spent most of its time inventing prefixes.
"""

from __future__ import annotations

import re

from rdflib import BNode, Literal, URIRef

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESC_RE = re.compile(r'[\\"\n\r\t]')
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def escape(s: str) -> str:
    # most literals need nothing: a search is cheaper than a sub with a callback
    return _ESC_RE.sub(lambda m: _ESC[m.group(0)], s) if _ESC_RE.search(s) else s


class TurtleWriter:
    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so kgr: wins over a shorter overlapping one
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self._cache: dict[URIRef, str] = {}

    def iri(self, u: URIRef) -> str:
        out = self._cache.get(u)
        if out is None:
            s = str(u)
            out = None
            for p, ns in self.prefixes:
                if s.startswith(ns) and _LOCAL.fullmatch(s[len(ns):]):
                    out = f"{p}:{s[len(ns):]}"
                    break
            if out is None:
                out = "<" + _IRI_BAD.sub(lambda m: f"%{ord(m.group(0)):02X}", s) + ">"
            self._cache[u] = out
        return out

    def term(self, t) -> str:
        if isinstance(t, URIRef):
            return self.iri(t)
        if isinstance(t, Literal):
            body = f'"{escape(str(t))}"'
            if t.language:
                return f"{body}@{t.language}"
            if t.datatype is not None and str(t.datatype) != "http://www.w3.org/2001/XMLSchema#string":
                return f"{body}^^{self.iri(t.datatype)}"
            return body
        if isinstance(t, BNode):
            return f"_:{t}"
        raise TypeError(f"cannot write {t!r}")
