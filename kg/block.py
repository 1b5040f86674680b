"""One report's part of the graph, as rendered Turtle.

A report's block is written once and reused while the report and the IRIs it
points to are unchanged, so it is kept apart from the triples on entity nodes,
which are shared by every report naming the entity.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .turtle import A, K, R, Triples, lit, render_subjects, rid

if TYPE_CHECKING:
    from .extract import DocFacts


class Block:
    """One report's triples: its own nodes (mentions, sentences, amounts ...)
    as subject -> {(predicate, object)}, written together; and the triples it
    adds to entity nodes, which are written once for the whole corpus.

    Mentions and sentences, most of the nodes, come with their (predicate,
    object) pairs already in output order (:meth:`ordered`) and skip the set
    and the sort."""

    __slots__ = ("subjects", "ordered_nodes", "glob", "sentence_starts", "sentence_nodes")

    def __init__(self, sentences: Iterable[tuple[int, int]] = ()) -> None:
        self.subjects: dict[str, set[tuple[str, str]]] = {}
        self.ordered_nodes: dict[str, tuple[tuple[str, str], ...]] = {}
        self.glob: Triples = set()
        self.sentence_starts = [a for a, _ in sentences]
        self.sentence_nodes: dict[int, str] = {}  # sentence index -> its node, once used

    def node(self, s: str) -> set[tuple[str, str]]:
        """The (predicate, object) set of the report's own node ``s``."""
        pairs = self.subjects.get(s)
        if pairs is None:
            pairs = self.subjects[s] = set(self.ordered_nodes.pop(s, ()))
        return pairs

    def ordered(self, s: str, pairs: tuple[tuple[str, str], ...]) -> None:
        """Node ``s`` with ``pairs`` sorted as render_subjects sorts them, no two equal."""
        if s in self.subjects or s in self.ordered_nodes:
            self.node(s).update(pairs)
        else:
            self.ordered_nodes[s] = pairs

    def render(self) -> str:
        return render_subjects(self.subjects, self.ordered_nodes)

    def triples(self) -> int:
        return sum(map(len, self.subjects.values())) + sum(map(len, self.ordered_nodes.values()))

    def statements(self) -> int:
        return sum(1 for pairs in self.subjects.values() if (A, "rdf:Statement") in pairs)

    def sentence(self, d: DocFacts, report: str, pos: int) -> str | None:
        """The sentence node around character ``pos`` (added on first use)."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        if i < 0 or pos >= d.sentences[i][1]:
            return None
        node = self.sentence_nodes.get(i)
        if node is None:
            s0, s1 = d.sentences[i]
            node = self.sentence_nodes[i] = R(f"sentence/{rid(d.doc_id)}/{s0}-{s1}")
            self.ordered(node, ((A, K.Sentence), (K.endOffset, str(s1)), (K.inDocument, report),
                             (K.startOffset, str(s0)), (K.text, lit(d.text[s0:s1], "zh"))))
        return node
