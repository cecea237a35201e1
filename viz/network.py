"""A networkx view of the RDF graph: named entities as typed nodes, their relations as typed edges.

Nodes are the entities of the classes in :data:`parkgraph.viz.style.CLASS_ORDER` (parks, chains,
enterprises, policies, regions, issuing bodies, source documents), keyed by IRI, with ``label``
(Chinese), ``label_en``, ``cls`` (CURIE of the most specific class), ``aliases``, ``facts`` (key
facts as (name, value) pairs) and ``evidence`` ((quote, document label) pairs of the mentions).
Edges are the object-property triples between two such entities, keyed by the predicate's CURIE,
with ``relation``, ``label`` (the property's Chinese label), ``roles`` and ``evidence`` taken from
the qualified facts (ChainMembership, EnterpriseRole …) that state them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import networkx as nx

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.queries import load_query
from parkgraph.queries.catalog import with_iris
from parkgraph.viz.style import CLASS_ORDER, ENTITY_CLASSES, curie

# Predicates that are bookkeeping or inverses, not relations to draw.
SKIPPED = {"rdf:type", "skos:narrower", "skos:inScheme", "skos:topConceptOf", "skos:hasTopConcept",
           "pg:evidence", "pg:inDocument"}
DETAIL_BATCH = 2000  # facts per VALUES list when fetching roles and quotes
VIEW_RELATIONS = {"pg:sharesChains", "pg:aggregate"}  # edges views draw, not stated in the graph
RELATION_FALLBACK = {"skos:broader": "上位产业链", "pg:sharesChains": "共享产业链", "pg:aggregate": "聚合"}


def short_id(iri: str) -> str:
    """The readable id of an entity IRI (park/changsha-etdz), or the IRI itself."""
    marker = "/parkgraph/id/"
    return iri.split(marker, 1)[1] if marker in iri else iri


def rows(kg: KnowledgeGraph, query: str) -> list[tuple[Any, ...]]:
    """Solutions of a query as tuples of strings (None for unbound); ``query`` is a saved query
    name (the views' own live in queries/_viz-*.rq) or query text built by parkgraph.queries.

    On the Oxigraph engine the solutions are read straight from pyoxigraph: building rdflib
    terms for every cell costs more than the query itself on large graphs.
    """
    return list(_solutions(kg, query))


def first_rows(kg: KnowledgeGraph, query: str, n: int) -> list[tuple[Any, ...]]:
    """The first ``n`` solutions in the order the store gives them (deterministic for a given
    store); Oxigraph streams a query without ORDER BY or GROUP BY, so the rest is never computed."""
    return list(islice(_solutions(kg, query), n))


def _solutions(kg: KnowledgeGraph, query: str) -> Iterator[tuple[Any, ...]]:
    text = load_query(query).text if query.startswith("_") else query
    if kg.ox_store is not None:
        for sol in kg.ox_store.query(text, use_default_graph_as_union=True):
            yield tuple(None if t is None else t.value for t in sol)  # type: ignore[union-attr]
    else:
        for row in kg.dataset.query(text):
            yield tuple(None if t is None else str(t) for t in row)  # type: ignore[union-attr]


def predicate_labels(kg: KnowledgeGraph) -> dict[str, str]:
    """Chinese labels of the ontology's properties by CURIE (plus skos:broader and view relations)."""
    labels = dict(RELATION_FALLBACK)
    for p, zh in rows(kg, "_viz-predicate-labels"):
        labels[curie(p)] = zh
    return labels


def entity_graph(kg: KnowledgeGraph, mentions: bool = False, iris: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The typed entity graph (see the module docstring); ``mentions`` adds document→entity edges.

    ``iris``: only these entities and the edges among them (a view's neighbourhood), which
    on a national graph is far cheaper than the whole graph.
    """
    g = skeleton(kg, mentions, iris)
    add_details(kg, g)
    return g


def skeleton(kg: KnowledgeGraph, mentions: bool = False, iris: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The entity graph without the tooltip details (aliases, facts, evidence, roles): what a view
    needs to choose its nodes. :func:`add_details` fills them in for the nodes finally shown."""
    wanted = None if iris is None else sorted(set(iris))
    g = nx.MultiDiGraph(whole=wanted is None)
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    for e, type_iri, zh, en in rows(kg, with_iris("_viz-nodes", wanted, "e")):
        cls = curie(type_iri)
        node = g.nodes.get(e)
        if node is None:
            g.add_node(e, id=short_id(e), cls=cls, label=zh or en or short_id(e), label_en=en or "",
                       aliases=[], facts=[], evidence=[])
        elif rank[cls] < rank[node["cls"]]:
            node["cls"] = cls
    labels = predicate_labels(kg)
    skipped = SKIPPED if mentions else SKIPPED | {"pg:mentions"}
    edges = "_viz-edges" if wanted is None else with_iris("_viz-edges-of", list(g), "s")
    for s, p, o in sorted(rows(kg, edges)):
        rel = curie(p)
        if rel in skipped or s not in g or o not in g:
            continue
        g.add_edge(s, o, key=rel, relation=rel, label=labels.get(rel, rel), roles=[], evidence=[])
    return g


def add_details(kg: KnowledgeGraph, g: nx.MultiDiGraph, only: Iterable[str] | None = None) -> None:
    """Give the entity nodes of ``g`` (all, or ``only`` these) their aliases, key facts and
    evidence, and the edges among them the roles and quotes of the facts behind them."""
    nodes = [v for v in (g if only is None else only) if v in g and not str(v).startswith("aggregate:")]
    wanted = None if only is None and g.graph.get("whole") else nodes  # the whole graph: no VALUES list
    chosen = set(nodes)
    for e, alt in sorted(rows(kg, with_iris("_viz-aliases", wanted, "e"))):
        if e in chosen:
            g.nodes[e]["aliases"].append(alt)
    labels = predicate_labels(kg)
    for e, p, v in sorted(rows(kg, with_iris("_viz-facts", wanted, "e"))):
        if e in chosen:
            g.nodes[e]["facts"].append((labels.get(curie(p), curie(p)), g.nodes[v]["label"] if v in g else v))
    for e, quote, doc, doc_zh, doc_en in sorted(rows(kg, with_iris("_viz-mentions", wanted, "e")),
                                                key=_sort_key):
        item = (quote, doc_zh or doc_en or short_id(doc))
        if e in chosen and item not in g.nodes[e]["evidence"]:
            g.nodes[e]["evidence"].append(item)
    qualified: dict[frozenset[str], dict[str, list[Any]]] = defaultdict(lambda: {"roles": [], "evidence": []})
    for s, o, role, quote, doc_label in _qualified_rows(kg, wanted, chosen):
        facts = qualified[frozenset((s, o))]
        if role and role not in facts["roles"]:
            facts["roles"].append(role)
        item = (quote, doc_label) if quote else None
        if item and item not in facts["evidence"]:
            facts["evidence"].append(item)
    for s, o, key, data in g.edges(keys=True, data=True):
        found = qualified.get(frozenset((s, o)))
        if found is not None and key not in VIEW_RELATIONS:
            data["roles"] = list(found["roles"])
            data["evidence"] = list(found["evidence"])


def _qualified_rows(kg: KnowledgeGraph, wanted: list[str] | None, chosen: set[str]) -> list[tuple[Any, ...]]:
    """(subject, object, role, quote, document label) of the qualified facts between chosen nodes,
    sorted: the facts first (restricted to ``wanted``), then their roles and quotes by fact."""
    facts: dict[str, set[tuple[str, str]]] = defaultdict(set)  # a role links an enterprise to a park and a chain
    for f, s, o in rows(kg, with_iris("_viz-qualified", wanted, "s")):
        if s in chosen and o in chosen:
            facts[f].add((s, o))
    roles: dict[str, list[str]] = defaultdict(list)
    quotes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    listed = sorted(facts)
    for i in range(0, len(listed), DETAIL_BATCH):
        for f, role, quote, doc, doc_zh in rows(kg, with_iris("_viz-fact-details", listed[i:i + DETAIL_BATCH], "f")):
            if role is not None:
                roles[f].append(role)
            if quote is not None:
                quotes[f].append((quote, doc_zh or short_id(doc)))
    out = [(s, o, role, quote, doc) for f, pairs in facts.items() for s, o in pairs
           for role in (roles.get(f) or [None]) for quote, doc in (quotes.get(f) or [(None, None)])]
    return sorted(out, key=_sort_key)


def _sort_key(row: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(x or "" for x in row)


def neighbourhood(g: nx.MultiDiGraph, focus: str, hops: int) -> dict[str, int]:
    """Nodes within ``hops`` of ``focus`` (edges in either direction) with their distance."""
    return dict(nx.single_source_shortest_path_length(g.to_undirected(as_view=True), focus, cutoff=hops))


def neighbourhood_of(kg: KnowledgeGraph, focus: str, hops: int) -> dict[str, int]:
    """Like :func:`neighbourhood`, asked of the store one hop at a time instead of a built graph."""
    distance = {focus: 0}
    frontier = [focus]
    for hop in range(1, hops + 1):
        if not frontier:
            break
        found = {n for (n,) in rows(kg, with_iris("_viz-neighbours", frontier, "x"))}
        frontier = sorted(found - distance.keys())
        distance.update((n, hop) for n in frontier)
    return distance


def link_counts(kg: KnowledgeGraph, nodes: list[str]) -> dict[str, dict[tuple[str, str], int]]:
    """For each node, its IRI-valued triples by (relation CURIE, "in" or "out"), counted inside the
    store (cheap even for a chain with 100,000 links): whatever is at the other end, so an upper
    bound on its entity neighbours."""
    counts: dict[str, dict[tuple[str, str], int]] = {v: {} for v in nodes}
    for x, p, direction, k in rows(kg, with_iris("_viz-link-counts", nodes, "x")):
        counts[x][(curie(p), direction)] = int(k)
    return counts


def neighbours(kg: KnowledgeGraph, nodes: list[str]) -> set[str]:
    """Every entity linked to any of ``nodes`` by a relation the views draw."""
    return {n for (n,) in rows(kg, with_iris("_viz-neighbours", nodes, "x"))}


def sample_neighbours(kg: KnowledgeGraph, node: str, n: int) -> list[str]:
    """At most ``n`` of a node's neighbours, the first the store lists: a bounded, deterministic
    sample of a hub that never reads the rest."""
    return [v for (v,) in first_rows(kg, with_iris("_viz-neighbours", [node], "x"), n)]


def class_sizes(kg: KnowledgeGraph) -> dict[str, int]:
    """How many entities each class of :data:`CLASS_ORDER` has, each under its most specific class."""
    return {CLASS_ORDER[int(i)]: int(k) for i, k in rows(kg, "_viz-class-sizes")}


def class_members(kg: KnowledgeGraph, classes: Iterable[str]) -> dict[str, str]:
    """Every entity of these classes (CURIEs) with its most specific class among them."""
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    members: dict[str, str] = {}
    for e, t in rows(kg, with_iris("_viz-class-members", [ENTITY_CLASSES[c] for c in classes], "t")):
        cls = curie(t)
        if e not in members or rank[cls] < rank[members[e]]:
            members[e] = cls
    return members


def skeleton_edges(kg: KnowledgeGraph) -> list[tuple[str, str, str]]:
    """(subject, relation CURIE, object) of every park–chain, chain–chain and park–park link."""
    return sorted((s, curie(p), o) for s, p, o in rows(kg, "_viz-skeleton-edges"))


def narrower(kg: KnowledgeGraph, chain: str) -> list[str]:
    """The chain and every chain under it, at any depth."""
    return sorted(n for (n,) in rows(kg, with_iris("_viz-narrower", [chain], "x")))


def chain_links(kg: KnowledgeGraph, chains: list[str], query: str, cap: int) -> tuple[list[tuple[str, str]], bool]:
    """(member, chain) pairs of ``query`` (_viz-chain-parks or _viz-chain-firms) for these chains,
    at most ``cap`` of them (the first the store lists), and whether that is all of them."""
    found = first_rows(kg, with_iris(query, chains, "c"), cap + 1)
    return sorted((n, c) for n, c in found[:cap]), len(found) <= cap


def chain_firm_counts(kg: KnowledgeGraph, chains: list[str]) -> tuple[int, dict[str, int]]:
    """(distinct enterprises in any of the chains, pg:inChain links per chain), counted in the store."""
    per_chain = {c: int(k) for c, k in rows(kg, with_iris("_viz-chain-firm-counts", chains, "c"))}
    total = rows(kg, with_iris("_viz-chain-firm-total", chains, "c"))
    return int(total[0][0]) if total else 0, per_chain


def chain_members(kg: KnowledgeGraph, chain: str) -> dict[str, int]:
    """A chain (0), its narrower chains at any depth (1), the parks having any of them (2) and
    the enterprises in any of them (3): what a chain view shows, by distance from the chain."""
    distance: dict[str, int] = {}
    for n, d in rows(kg, with_iris("_viz-chain-members", [chain], "x")):
        distance[n] = min(int(d), distance.get(n, 9))
    distance[chain] = 0
    return distance


def name_graph(kg: KnowledgeGraph) -> nx.Graph:
    """Parks and chains with their names and aliases only: enough to resolve the name a user gives."""
    g = nx.Graph()
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    for e, type_iri, zh, en, alt in sorted(rows(kg, "_viz-names"), key=_sort_key):
        cls = curie(type_iri)
        node = g.nodes.get(e)
        if node is None:
            g.add_node(e, id=short_id(e), cls=cls, label=zh or en or short_id(e), label_en=en or "", aliases=[])
            node = g.nodes[e]
        elif rank[cls] < rank[node["cls"]]:
            node["cls"] = cls
        if alt and alt not in node["aliases"]:
            node["aliases"].append(alt)
    return g
