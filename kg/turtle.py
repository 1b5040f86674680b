"""A small deterministic Turtle writer.

rdflib's Turtle serializer spends most of its time inventing prefixes (minutes
for a corpus of a thousand reports); the graph here has a known set of
namespaces and no blank nodes, so subjects, predicates and objects are simply
sorted and written out.  Same triples, same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, BNode, Literal, URIRef

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESC_RE = re.compile(r'[\\"\n\r\t]')
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def escape(s: str) -> str:
    return _ESC_RE.sub(lambda m: _ESC[m.group(0)], s)


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

    def write(self, triples: Iterable[tuple], prefixes: bool = True) -> str:
        by_subject: dict = defaultdict(lambda: defaultdict(list))
        for s, p, o in triples:
            by_subject[s][p].append(o)
        lines = [f"@prefix {p}: <{ns}> ." for p, ns in sorted(self.prefixes)] + [""] if prefixes else []
        for s in sorted(by_subject, key=lambda x: (isinstance(x, BNode), str(x))):
            preds = by_subject[s]
            parts = []
            for p in sorted(preds, key=lambda x: (x != RDF.type, str(x))):
                objs = sorted({self.term(o) for o in preds[p]})
                verb = "a" if p == RDF.type else self.iri(p)
                parts.append(f"{verb} " + ", ".join(objs))
            lines.append(f"{self.term(s)} " + " ;\n    ".join(parts) + " .\n")
        return "\n".join(lines)
