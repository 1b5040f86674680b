"""The build-time layout (kg.layout): every node placed, seeded, neighbours near each other."""

from __future__ import annotations

import math
import random
import time

from kg.layout import layout


def _dist(pos, a, b) -> float:
    return math.dist(pos[a], pos[b])


def _two_groups(n: int) -> tuple[list[int], list[tuple[int, int]]]:
    """Two dense groups of ``n`` nodes joined by one edge, each node with a leaf of its own."""
    rng = random.Random(3)
    edges = [(a, b) for g in (0, n) for a in range(g, g + n) for b in range(a + 1, g + n) if rng.random() < 0.3]
    edges.append((0, n))
    edges += [(i, 2 * n + i) for i in range(2 * n)]  # leaves
    return list(range(4 * n)), edges


def test_every_node_placed_in_whole_pixels_and_the_same_twice():
    nodes, edges = _two_groups(30)
    nodes.append(999)  # an isolated node
    pos = layout(nodes, edges)
    assert set(pos) == set(nodes)
    assert all(isinstance(c, int) for xy in pos.values() for c in xy)
    assert layout(list(reversed(nodes)), list(reversed(edges))) == pos  # input order does not matter
    assert len(set(pos.values())) > 0.95 * len(nodes)  # not piled on one point


def test_groups_and_leaves_stay_together():
    n = 30
    nodes, edges = _two_groups(n)
    pos = layout(nodes, edges)
    within = [_dist(pos, a, b) for a in range(1, n) for b in range(a + 1, n)]
    across = [_dist(pos, a, b) for a in range(1, n) for b in range(n + 1, 2 * n)]
    assert sum(within) / len(within) < 0.6 * sum(across) / len(across)
    # a leaf sits by its node, nearer than the node's group is wide
    assert max(_dist(pos, i, 2 * n + i) for i in range(2 * n)) < max(within)


def test_large_graph_is_laid_out_in_pieces_quickly():
    """20 communities of 150 nodes (3,000, above the spring layout's piece size): seconds, not minutes,
    and communities come out as places on the page."""
    rng = random.Random(5)
    size, groups = 150, 20
    edges = [(g * size + rng.randrange(size), g * size + rng.randrange(size)) for g in range(groups) for _ in range(600)]
    edges += [(rng.randrange(size * groups), rng.randrange(size * groups)) for _ in range(200)]
    t = time.process_time()
    pos = layout(range(size * groups), edges)
    assert time.process_time() - t < 20
    assert len(pos) == size * groups

    def spread(members):
        cx = sum(pos[m][0] for m in members) / len(members)
        cy = sum(pos[m][1] for m in members) / len(members)
        return sum(math.dist(pos[m], (cx, cy)) for m in members) / len(members)

    everything = spread(range(size * groups))
    assert max(spread(range(g * size, (g + 1) * size)) for g in range(groups)) < 0.5 * everything
