"""Network analytics of the graph on networkx: centrality, communities,
components, shortest paths, the enterprise-program projection.

The analysed graph is the entities and their contract relations (the six
``RELATIONS``; one edge per relation triple).  Everything is deterministic:
nodes and edges enter networkx sorted, Louvain is seeded, betweenness is exact
up to ``EXACT_BETWEENNESS`` nodes and sampled with a fixed seed above, and
communities are numbered by size then by their first label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from .vocab import ENTITY_TYPES, RELATIONS

EXACT_BETWEENNESS = 1000  # linked nodes; above, estimated from SAMPLED_SOURCES (seeded): it runs in every build
SAMPLED_SOURCES = 250
SEED = 0


@dataclass(frozen=True)
class Scores:
    """What the analytics say of one node (also written to the RDF graph)."""

    degree: int  # contract-relation edges, in and out
    betweenness: float  # normalised, on the undirected graph
    community: int  # 0 is the largest community
    component: int  # 0 is the largest connected component


def entity_graph(entities: Iterable[tuple[str, str, str]], relations: Iterable[tuple[str, str, str]],
                 aliases: dict[str, list[str]] | None = None) -> nx.MultiDiGraph:
    """A MultiDiGraph of (id, type, label) entities and (id, relation, id) edges
    between them; edges to unknown nodes are dropped."""
    g = nx.MultiDiGraph()
    aliases = aliases or {}
    for node, type_, label in sorted(entities):
        g.add_node(node, type=type_, label=label, aliases=sorted(aliases.get(node, ())))
    for s, rel, o in sorted(set(relations)):
        if s in g and o in g and s != o:
            g.add_edge(s, o, key=rel, relation=rel)
    return g


def _simple(g: nx.MultiDiGraph) -> nx.Graph:
    """The undirected simple graph, nodes and edges in sorted order."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes))
    h.add_edges_from(sorted({tuple(sorted((s, o))) for s, o in g.edges()}))
    return h


def _label(g: nx.MultiDiGraph, node: str) -> str:
    return g.nodes[node].get("label", node)


def _numbered(g: nx.MultiDiGraph, groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """node -> group number: largest group first, ties by the least label in it."""
    ordered = sorted((sorted(grp, key=lambda n: (_label(g, n), n)) for grp in groups),
                     key=lambda grp: (-len(grp), _label(g, grp[0]), grp[0]))
    return {n: i for i, grp in enumerate(ordered) for n in grp}


def _linked(h: nx.Graph) -> nx.Graph:
    """The nodes with an edge: most entities have none, and they change no score of the others.

    Built, not copied from ``h.subgraph``: a subgraph view of fewer than half
    the nodes iterates them in the order of a set, which changes with the
    string hash seed, and with it the sampled betweenness and Louvain."""
    out = nx.Graph()
    out.add_nodes_from(n for n in h if h.degree(n) > 0)
    out.add_edges_from(h.edges())
    return out


def communities(g: nx.MultiDiGraph) -> dict[str, int]:
    """Louvain communities (seeded) of the undirected graph; an isolated node is its own."""
    h = _simple(g)
    linked = _linked(h)
    groups = nx.community.louvain_communities(linked, seed=SEED) if len(linked) else []
    return _numbered(g, [*groups, *({n} for n in h if n not in linked)])


def components(g: nx.MultiDiGraph) -> dict[str, int]:
    return _numbered(g, nx.connected_components(_simple(g)))


def betweenness(g: nx.MultiDiGraph) -> dict[str, float]:
    """Normalised betweenness of the undirected graph (computed on the linked
    nodes only, normalised by all nodes: the same values, much faster)."""
    h = _simple(g)
    linked = _linked(h)
    k = None if len(linked) <= EXACT_BETWEENNESS else SAMPLED_SOURCES
    raw = nx.betweenness_centrality(linked, k=k, seed=SEED, normalized=False) if len(linked) else {}
    n = len(h)
    scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 1.0  # networkx halves undirected sums and scales a sample
    return {v: raw.get(v, 0.0) * scale for v in h}


def scores(g: nx.MultiDiGraph) -> dict[str, Scores]:
    """Degree, betweenness, community and component of every node."""
    bc, comm, comp = betweenness(g), communities(g), components(g)
    return {n: Scores(g.degree(n), round(bc[n], 6), comm[n], comp[n]) for n in sorted(g.nodes)}


def find(g: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes whose label or alias is ``name``, else whose label contains it."""
    exact = [n for n, d in g.nodes(data=True) if d.get("label") == name or name in d.get("aliases", ())]
    return sorted(exact) or sorted(n for n, d in g.nodes(data=True) if name in d.get("label", ""))


class NotFound(LookupError):
    """A name no entity has."""


def shortest_path(g: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str | None]] | None:
    """A shortest path (ignoring direction) between the entities named ``a`` and
    ``b``, as (node, relation to the next node written as seen from this node:
    ``participatesIn`` forward, ``^participatesIn`` backward); None when they
    are not connected.  Of several equally short paths, the least by labels."""
    starts, ends = find(g, a), find(g, b)
    for name, found in ((a, starts), (b, ends)):
        if not found:
            raise NotFound(f"no entity named {name!r}")
    h = _simple(g)
    best = None
    for s in starts:
        for t in ends:
            try:
                for path in nx.all_shortest_paths(h, s, t):
                    key = (len(path), [_label(g, n) for n in path])
                    if best is None or key < best[0]:
                        best = (key, path)
            except nx.NetworkXNoPath:
                continue
    if best is None:
        return None
    path = best[1]
    out: list[tuple[str, str | None]] = []
    for x, y in zip(path, path[1:], strict=False):
        fwd = sorted(g.get_edge_data(x, y, default={}))
        rel = fwd[0] if fwd else "^" + sorted(g.get_edge_data(y, x))[0]
        out.append((x, rel))
    out.append((path[-1], None))
    return out


def program_projection(g: nx.MultiDiGraph) -> list[tuple[str, str, int, list[str]]]:
    """Programs that share enterprises (the bipartite enterprise-program
    projection): (program, program, shared enterprises, their labels), most first."""
    members: dict[str, set[str]] = {}
    for s, o, rel in g.edges(keys=True):
        if rel == "participatesIn" and g.nodes[s]["type"] == "Enterprise" and g.nodes[o]["type"] == "Program":
            members.setdefault(o, set()).add(s)
    out = []
    progs = sorted(members, key=lambda n: _label(g, n))
    for i, p in enumerate(progs):
        for q in progs[i + 1:]:
            shared = members[p] & members[q]
            if shared:
                out.append((_label(g, p), _label(g, q), len(shared), sorted(_label(g, n) for n in shared)))
    return sorted(out, key=lambda r: (-r[2], r[0], r[1]))


# --- the graph of a build ----------------------------------------------------------

_TYPES = " ".join(f"kgo:{t}" for t in ENTITY_TYPES)
_RELS = " ".join(f"kgo:{r}" for r in RELATIONS)
ENTITIES_QUERY = f"SELECT ?e ?t ?label WHERE {{ VALUES ?t {{ {_TYPES} }} ?e a ?t ; rdfs:label ?label }}"
ALIASES_QUERY = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
RELATIONS_QUERY = f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {_RELS} }} ?s ?p ?o }}"


REPORTS_QUERY = """SELECT ?e ?r ?title WHERE { ?e kgo:mentionedIn ?r . OPTIONAL { ?r dcterms:title ?title } }"""


def from_store(store, reports: bool = False) -> nx.MultiDiGraph:
    """The entity graph of an Oxigraph store holding a build; with ``reports``,
    also the reports as nodes (type ``Report``) and ``mentionedIn`` edges."""
    from .query import prefixes

    kgo = prefixes()["kgo"]
    ents: dict[str, tuple[str, str]] = {}
    aliases: dict[str, list[str]] = {}
    for row in store.query(ENTITIES_QUERY, prefixes=prefixes()):
        e, t = row["e"].value, row["t"].value.removeprefix(kgo)
        # a node typed twice keeps the first of its types in ENTITY_TYPES order
        if e not in ents or ENTITY_TYPES.index(t) < ENTITY_TYPES.index(ents[e][0]):
            ents[e] = (t, row["label"].value)
    for row in store.query(ALIASES_QUERY, prefixes=prefixes()):
        aliases.setdefault(row["e"].value, []).append(row["alias"].value)
    rels = [(r["s"].value, r["p"].value.removeprefix(kgo), r["o"].value)
            for r in store.query(RELATIONS_QUERY, prefixes=prefixes())]
    nodes = [(e, t, label) for e, (t, label) in ents.items()]
    if reports:
        seen = set()
        for row in store.query(REPORTS_QUERY, prefixes=prefixes()):
            r = row["r"].value
            if row["e"].value in ents:
                rels.append((row["e"].value, "mentionedIn", r))
            if r not in seen:
                seen.add(r)
                nodes.append((r, "Report", r.rsplit("/", 1)[-1]))
                if row["title"] is not None:
                    aliases.setdefault(r, []).append(row["title"].value)
    return entity_graph(nodes, rels, aliases)


def load(out_dir: Path, reports: bool = False) -> nx.MultiDiGraph:
    """The entity graph of the build in ``out_dir`` (through its query store)."""
    from .store import open_store

    return from_store(open_store(out_dir), reports)


# --- what `kg analyze` prints --------------------------------------------------------

def summary(g: nx.MultiDiGraph, top: int = 10) -> str:
    """Counts, the most central entities and the largest communities, as text."""
    sc = scores(g)
    n_comp = len(set(s.component for s in sc.values()))
    groups: dict[int, list[str]] = {}
    for n, s in sc.items():
        groups.setdefault(s.community, []).append(n)
    sizes = sorted(len(v) for v in groups.values())
    isolated = sum(1 for n in g if g.degree(n) == 0)
    lines = [f"entities: {g.number_of_nodes()}  contract relations: {g.number_of_edges()}  "
             f"isolated: {isolated}  components: {n_comp} (largest {sizes[-1] if sizes else 0})  "
             f"communities with 2+ members: {sum(1 for s in sizes if s > 1)}"]

    def table(title: str, key, fmt) -> None:
        lines.append("")
        lines.append(title)
        ranked = sorted(sc, key=lambda n: (key(sc[n]), _label(g, n), n))[:top]
        for n in ranked:
            lines.append(f"  {fmt(sc[n]):>10}  {_label(g, n)} ({g.nodes[n]['type']})")

    table("degree (contract relations):", lambda s: -s.degree, lambda s: str(s.degree))
    table("betweenness:", lambda s: -s.betweenness, lambda s: f"{s.betweenness:.6f}")
    lines.append("")
    lines.append("largest communities:")
    for c in sorted(groups)[:top]:
        members = sorted(groups[c], key=lambda n: (-g.degree(n), _label(g, n)))
        if len(members) < 2:
            break
        names = "、".join(_label(g, n) for n in members[:8]) + (" …" if len(members) > 8 else "")
        lines.append(f"  {c:>3}  {len(members):>3} members: {names}")
    return "\n".join(lines) + "\n"


def path_text(g: nx.MultiDiGraph, a: str, b: str, with_reports=None) -> str:
    """A shortest path between two named entities as text (raises NotFound).
    When contract relations do not connect them, ``with_reports()`` (the graph
    with reports as nodes) is searched and the answer says so."""
    path = shortest_path(g, a, b)
    head = ""
    if path is None and with_reports is not None:
        g = with_reports()
        path = shortest_path(g, a, b)
        head = "not connected by contract relations; through the reports that name them:\n"
    if path is None:
        return f"no path between {a} and {b}\n"
    lines = [f"{head}{len(path) - 1} step(s):"]
    for node, rel in path:
        lines.append(f"  {_label(g, node)} ({g.nodes[node]['type']})")
        if rel is not None:
            lines.append(f"    --{rel}-->" if not rel.startswith("^") else f"    <--{rel[1:]}--")
    return "\n".join(lines) + "\n"


def projection_text(g: nx.MultiDiGraph, top: int = 20) -> str:
    """Programs that share enterprises, most shared first, as text."""
    rows = program_projection(g)
    if not rows:
        return "no two programs share an enterprise\n"
    return "".join(f"{k:>3}  {p} — {q}: {'、'.join(names)}\n" for p, q, k, names in rows[:top])
