"""Node positions for the view, computed at build time with networkx.

A browser laying out 16,000 nodes itself takes minutes with its main thread
blocked; the page instead draws the positions written here.  A spring layout
is O(n^2) per iteration, so it only ever runs on small pieces: nodes with one
neighbour are set around it (a sunflower), the rest is split into Louvain
communities, recursively, until a piece has at most ``LEAF`` nodes; the
communities are laid out as nodes of their quotient graph (sized by what they
hold) and each piece is laid out inside its place.  Components are tiled in
rows.  Seeded and rounded to whole pixels: the same graph gives the same bytes.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

LEAF = 250  # a piece this small gets a spring layout of its own (dense, 50 iterations: ~15 ms)
UNIT = 110.0  # pixels per square root of a node: a piece of weight w spans about UNIT * sqrt(w)
SEED = 7
_GOLDEN = math.pi * (3 - math.sqrt(5))

Pos = dict[int, tuple[float, float]]


def layout(node_ids: Iterable[int], edges: Iterable[tuple[int, int]], seed: int = SEED) -> dict[int, tuple[int, int]]:
    """Whole-pixel (x, y) of every node of the graph ``node_ids`` / ``edges``."""
    import networkx as nx

    adj: dict[int, set[int]] = {n: set() for n in sorted(set(node_ids))}
    for a, b in edges:
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    # nodes with a single neighbour are set around it, not laid out
    satellites: dict[int, list[int]] = defaultdict(list)
    for n, near in adj.items():
        if len(near) == 1:
            (parent,) = near
            if len(adj[parent]) > 1:
                satellites[parent].append(n)
    placed = {s for group in satellites.values() for s in group}
    core = {n: sorted(near - placed) for n, near in adj.items() if n not in placed}
    weight = {n: 1.0 + len(satellites.get(n, ())) for n in core}
    g = _graph(core, sorted(core))
    pieces = []
    for comp in sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c))):
        nodes = sorted(comp)
        levels: list[dict[int, int]] = []
        if len(nodes) > LEAF:  # Louvain once per component; its levels, coarse to fine, split it recursively
            for partition in nx.community.louvain_partitions(_graph(core, nodes), seed=seed):
                levels.insert(0, {n: i for i, part in enumerate(partition) for n in part})
        pos = _cluster(nodes, 0, levels, core, weight, seed)
        for parent in nodes:
            for k, s in enumerate(sorted(satellites.get(parent, ()))):
                r = UNIT * 0.55 * math.sqrt(k + 1)
                pos[s] = (pos[parent][0] + r * math.cos(k * _GOLDEN), pos[parent][1] + r * math.sin(k * _GOLDEN))
        pieces.append(pos)
    out: dict[int, tuple[int, int]] = {}
    for pos in _tile(pieces):
        out.update({n: (round(x), round(y)) for n, (x, y) in pos.items()})
    return out


def _graph(adj: dict[int, list[int]], nodes: list[int]):
    """The networkx graph of ``nodes`` (sorted) and the edges among them, built in a fixed order."""
    import networkx as nx

    keep = set(nodes)
    g = nx.Graph()
    g.add_nodes_from(nodes)
    g.add_edges_from((a, b) for a in nodes for b in adj[a] if a < b and b in keep)
    return g


def _cluster(nodes: list[int], k: int, levels: list[dict[int, int]], adj: dict[int, list[int]], weight: dict,
             seed: int) -> Pos:
    """Positions of a connected cluster: a spring layout when small, else its
    parts at Louvain level ``k`` (or further down; breadth-first chunks below
    the finest level) placed as the nodes of their quotient graph."""
    import networkx as nx

    if len(nodes) <= LEAF:
        return _spring(_graph(adj, nodes), nodes, sum(weight[n] for n in nodes), seed)
    while k < len(levels) and len({levels[k][n] for n in nodes}) == 1:
        k += 1
    if k < len(levels):
        groups: dict[int, list[int]] = defaultdict(list)
        for n in nodes:
            groups[levels[k][n]].append(n)
        parts = sorted(groups.values())
    else:  # no finer community: chunks in breadth-first order, so neighbours stay together
        order = list(nx.bfs_tree(_graph(adj, nodes), nodes[0]))
        order += [n for n in nodes if n not in set(order)]
        parts = sorted(sorted(order[i:i + LEAF]) for i in range(0, len(order), LEAF))
    part_of = {n: i for i, p in enumerate(parts) for n in p}
    q = nx.Graph()
    q.add_nodes_from(range(len(parts)))
    q.add_edges_from(sorted({(part_of[a], part_of[b]) for a in nodes for b in adj[a]
                             if b in part_of and part_of[a] < part_of[b]}))
    q_weight = {i: sum(weight[n] for n in p) for i, p in enumerate(parts)}
    centres: Pos = {}
    comps = [sorted(c) for c in sorted(nx.connected_components(q), key=lambda c: (-len(c), min(c)))]
    for placed in _tile([_place(q.subgraph(c).copy(), q_weight, seed) for c in comps]):
        centres.update(placed)
    out: Pos = {}
    for i, p in enumerate(parts):
        cx, cy = centres[i]
        inner = _cluster(p, k + 1, levels, adj, weight, seed)
        out.update({n: (cx * 1.4 + x, cy * 1.4 + y) for n, (x, y) in inner.items()})
    return out


def _place(g, weight: dict, seed: int) -> Pos:
    """Positions of a connected graph whose nodes take ``weight`` room each,
    centred on (0, 0), spanning about UNIT * sqrt(total weight)."""
    import networkx as nx

    nodes = sorted(g)
    total = sum(weight[n] for n in nodes)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) <= LEAF:
        return _spring(g, nodes, total, seed)
    parts = [sorted(p) for p in nx.community.louvain_communities(g, weight=None, seed=seed)]
    if len(parts) == 1:  # no community structure: pieces in breadth-first order, so neighbours stay together
        order = list(nx.bfs_tree(g, nodes[0]))
        parts = [order[i:i + LEAF] for i in range(0, len(order), LEAF)]
    parts.sort(key=lambda p: p[0])
    part_of = {n: i for i, p in enumerate(parts) for n in p}
    q = nx.Graph()
    q.add_nodes_from(range(len(parts)))
    q.add_edges_from(sorted({(min(part_of[a], part_of[b]), max(part_of[a], part_of[b]))
                             for a, b in g.edges() if part_of[a] != part_of[b]}))
    q_weight = {i: sum(weight[n] for n in p) for i, p in enumerate(parts)}
    centres: Pos = {}
    for comp in sorted(nx.connected_components(q), key=lambda c: (-len(c), min(c))):
        centres.update(_place(q.subgraph(comp).copy(), q_weight, seed))  # louvain parts are connected: one component
    out: Pos = {}
    for i, p in enumerate(parts):
        cx, cy = centres[i]
        sub = g.subgraph(p)
        for comp in sorted(nx.connected_components(sub), key=min):
            inner = _place(sub.subgraph(comp).copy(), weight, seed)
            out.update({n: (cx * 1.4 + x, cy * 1.4 + y) for n, (x, y) in inner.items()})
    return out


def _spring(g, nodes: list, total: float, seed: int) -> Pos:
    """A seeded Fruchterman-Reingold layout of a small graph (a circle below
    four nodes; fewer iterations below 30: an iteration costs about the same
    whatever the size, and most pieces are tiny), scaled to its weight."""
    import networkx as nx

    radius = UNIT * math.sqrt(total) * 0.6
    if len(nodes) < 4:
        return {n: (radius * 0.5 * math.cos(2 * math.pi * i / len(nodes)), radius * 0.5 * math.sin(2 * math.pi * i / len(nodes)))
                if len(nodes) > 1 else (0.0, 0.0) for i, n in enumerate(nodes)}
    pos = nx.spring_layout(g, seed=seed, iterations=50 if len(nodes) > 30 else 25, method="force")
    return {n: (float(pos[n][0]) * radius, float(pos[n][1]) * radius) for n in nodes}


def _tile(pieces: list[Pos]) -> list[Pos]:
    """Components side by side in rows (largest first), each centred in its box."""
    if not pieces:
        return []
    boxes = []
    for pos in pieces:
        xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + UNIT, max(ys) - min(ys) + UNIT))
    width = max(max(b[2] for b in boxes), math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.2)
    out, x, y, row = [], 0.0, 0.0, 0.0
    for pos, (x0, y0, w, h) in zip(pieces, boxes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out.append({n: (px - x0 + x, py - y0 + y) for n, (px, py) in pos.items()})
        x += w
        row = max(row, h)
    return out
