"""Turtle terms as text, with the project's known prefixes.

The graph is emitted as already-rendered Turtle terms (``K.label``,
``lit(...)``, ``R(...)``): creating and rendering rdflib terms cost more than
extracting the report.  rdflib terms, such as the ontology's, are rendered by
:class:`TurtleWriter`; rdflib's own serializer spent most of its time
inventing prefixes.
"""

from __future__ import annotations

import functools
import hashlib
import re

from rdflib import BNode, Literal, URIRef

from .namespaces import KGR, PREFIXES

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


class _Vocab:
    def __init__(self, prefix: str):
        self._prefix = prefix

    def __getattr__(self, name: str) -> str:
        term = f"{self._prefix}:{name}"
        setattr(self, name, term)  # later lookups are plain attribute reads
        return term

    def __getitem__(self, name: str) -> str:
        return f"{self._prefix}:{name}"


K, S, Q, PV, DC, RS, SK = (_Vocab(p) for p in ("kgo", "schema", "qb", "prov", "dcterms", "rdfs", "skos"))
SM, SD, SA = _Vocab("sdmx-measure"), _Vocab("sdmx-dimension"), _Vocab("sdmx-attribute")
A = "a"
_BASE = str(KGR)
# resource IRIs are written relative to this base: a third of the file's bytes were the base
BASE_DIRECTIVE = f"@base <{_BASE}> ."


def R(local: str) -> str:
    """A resource IRI, relative to :data:`BASE_DIRECTIVE` (its variable parts
    already passed through iri_part; the first segment is a fixed kind, so
    never a scheme)."""
    return f"<{local}>"


def lit(text: str, lang: str | None = None) -> str:
    body = '"' + escape(text) + '"'
    return f"{body}@{lang}" if lang else body


def dec(value) -> str:
    return f'"{value}"^^xsd:decimal'

Triples = set[tuple[str, str, str]]  # (subject, predicate, object) as Turtle terms
_IRI_UNSAFE = set(' <>"{}|\\^`#%?/[]')


@functools.lru_cache(maxsize=4096)
def rid(doc_id: str) -> str:
    return iri_part(doc_id)


def iri_part(s: str) -> str:
    """Readable IRI segment: Unicode kept, IRI-unsafe characters percent-encoded."""
    out = []
    for ch in s:
        if ch in _IRI_UNSAFE or ord(ch) < 0x21:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def date_lit(s: str | None) -> str | None:
    """An xsd:date literal for a real calendar date (report text can say 1-13月)."""
    import datetime

    try:
        datetime.date.fromisoformat(s or "")
    except ValueError:
        return None
    return f'"{s}"^^xsd:date'


def abs_iri(iri: str) -> str:
    return f"<{_BASE}{iri[1:]}" if not iri.startswith("<http") else iri


def short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def write_rendered(triples, header: bool = False) -> str:
    """Turtle text of already-rendered triples (see :func:`render_subjects`),
    after the base and prefix directives when ``header``."""
    by_subject: dict[str, set[tuple[str, str]]] = {}
    for s, p, o in triples:
        pairs = by_subject.get(s)
        if pairs is None:
            pairs = by_subject[s] = set()
        pairs.add((p, o))
    head = "\n".join([BASE_DIRECTIVE] + [f"@prefix {p}: <{ns}> ." for p, ns in sorted(PREFIXES.items())]) + "\n\n"
    return (head if header else "") + render_subjects(by_subject)


def render_subjects(subjects: dict[str, set[tuple[str, str]]],
                    ordered: dict[str, tuple[tuple[str, str], ...]] | None = None) -> str:
    """Turtle text of subject -> {(predicate, object)}: subjects sorted,
    predicates sorted with ``a`` first, objects sorted (``ordered``: subjects
    whose pairs are in that order already)."""
    ordered = ordered or {}
    out = []
    for s in sorted([*subjects, *ordered]):
        pairs = ordered.get(s)
        if pairs is None:
            pairs = sorted(subjects[s])
            if pairs[0][0] != A and any(p == A for p, _ in pairs):  # a predicate IRI written <…> sorts before "a"
                pairs.sort(key=lambda po: po[0] != A)
        parts: list[str] = []
        prev = None
        for p, o in pairs:
            if p == prev:
                parts[-1] += ", " + o
            else:
                parts.append(f"{p} {o}")
                prev = p
        out.append(f"{s} " + " ;\n    ".join(parts) + " .\n")
    return "\n".join(out)
