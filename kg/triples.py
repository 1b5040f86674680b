"""A plain set of triples with the few rdflib Graph methods the project uses.

rdflib's in-memory store keeps contexts and several indexes on every ``add``
(about 20 µs a triple); building the graph of a large corpus only needs a set,
and the few look-ups the HTML view and the summary make are served by indexes
built on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path


class TripleSet:
    def __init__(self) -> None:
        self._triples: set[tuple] = set()
        self._by_p: dict | None = None

    # -- building ----------------------------------------------------------------
    def add(self, triple: tuple) -> None:
        self._triples.add(triple)
        self._by_p = None

    def bind(self, *args, **kwargs) -> None:
        """Prefixes are the writer's business (kg.turtle)."""

    def parse(self, source: Path | str, format: str = "turtle") -> TripleSet:  # noqa: A002 - rdflib's name
        from rdflib import Graph

        for t in Graph().parse(source, format=format):
            self._triples.add(t)
        self._by_p = None
        return self

    # -- reading -------------------------------------------------------------------
    def __contains__(self, triple: tuple) -> bool:
        return triple in self._triples

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def _index(self) -> dict:
        if self._by_p is None:
            idx: dict = defaultdict(lambda: {"so": [], "s": defaultdict(list), "o": defaultdict(list)})
            for s, p, o in self._triples:
                e = idx[p]
                e["so"].append((s, o))
                e["s"][s].append(o)
                e["o"][o].append(s)
            self._by_p = idx
        return self._by_p

    def subjects(self, predicate=None, object=None) -> Iterator:  # noqa: A002 - rdflib's signature
        e = self._index().get(predicate)
        if e is None:
            return iter(())
        if object is None:
            return iter({s for s, _o in e["so"]})
        return iter(e["o"].get(object, ()))

    def objects(self, subject=None, predicate=None) -> Iterator:
        e = self._index().get(predicate)
        if e is None:
            return iter(())
        if subject is None:
            return iter([o for _s, o in e["so"]])
        return iter(e["s"].get(subject, ()))

    def subject_objects(self, predicate=None) -> Iterator:
        e = self._index().get(predicate)
        return iter(e["so"]) if e is not None else iter(())

    def value(self, subject=None, predicate=None, object=None):  # noqa: A002
        vals = list(self.objects(subject, predicate))
        return vals[0] if vals else None
