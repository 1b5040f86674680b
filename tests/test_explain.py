"""kg explain reads the triples around an entity from the store: the same text as from the whole graph."""

from kg.explain import explain, explain_from_store, find_entities
from kg.store import load_graph, open_store


def test_explain_from_store_equals_explain_from_whole_graph(built):
    g, store = load_graph(built), open_store(built)
    for name in ("中晨机械", "小巨人", "XX县", "经信局", "天鹅集团"):
        expected = [explain(g, n) for n in find_entities(g, name)]
        assert expected and explain_from_store(store, name) == expected, name
    assert explain_from_store(store, 'x" } UNION { ?e ?p ?o') == []  # the name is bound, not pasted
