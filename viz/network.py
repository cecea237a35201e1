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
from typing import Any

import networkx as nx

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.queries import load_query
from parkgraph.viz.style import CLASS_ORDER, curie

# Predicates that are bookkeeping or inverses, not relations to draw.
SKIPPED = {"rdf:type", "skos:narrower", "skos:inScheme", "skos:topConceptOf", "skos:hasTopConcept",
           "pg:evidence", "pg:inDocument"}
RELATION_FALLBACK = {"skos:broader": "上位产业链", "pg:sharesChains": "共享产业链", "pg:aggregate": "聚合"}


def short_id(iri: str) -> str:
    """The readable id of an entity IRI (park/changsha-etdz), or the IRI itself."""
    marker = "/parkgraph/id/"
    return iri.split(marker, 1)[1] if marker in iri else iri


def rows(kg: KnowledgeGraph, query: str) -> list[tuple[Any, ...]]:
    """Solutions of a query as tuples of strings (None for unbound); ``query`` is a saved query
    name (the views' own live in queries/_viz-*.rq) or query text built by parkgraph.queries."""
    text = load_query(query).text if query.startswith("_") else query
    return [tuple(None if t is None else str(t) for t in row) for row in kg.dataset.query(text)]  # type: ignore[union-attr]


def predicate_labels(kg: KnowledgeGraph) -> dict[str, str]:
    """Chinese labels of the ontology's properties by CURIE (plus skos:broader and view relations)."""
    labels = dict(RELATION_FALLBACK)
    for p, zh in rows(kg, "_viz-predicate-labels"):
        labels[curie(p)] = zh
    return labels


def entity_graph(kg: KnowledgeGraph, mentions: bool = False) -> nx.MultiDiGraph:
    """The typed entity graph (see the module docstring); ``mentions`` adds document→entity edges."""
    g = nx.MultiDiGraph()
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    for e, type_iri, zh, en in rows(kg, "_viz-nodes"):
        cls = curie(type_iri)
        node = g.nodes.get(e)
        if node is None:
            g.add_node(e, id=short_id(e), cls=cls, label=zh or en or short_id(e), label_en=en or "",
                       aliases=[], facts=[], evidence=[])
        elif rank[cls] < rank[node["cls"]]:
            node["cls"] = cls
    for e, alt in sorted(rows(kg, "_viz-aliases")):
        if e in g:
            g.nodes[e]["aliases"].append(alt)
    labels = predicate_labels(kg)
    for e, p, v in sorted(rows(kg, "_viz-facts")):
        if e in g:
            g.nodes[e]["facts"].append((labels.get(curie(p), curie(p)), g.nodes[v]["label"] if v in g else v))
    doc_label = {n: d["label"] for n, d in g.nodes(data=True) if d["cls"] == "pg:SourceDocument"}
    for e, quote, doc in sorted(rows(kg, "_viz-mentions")):
        if e in g and (quote, doc_label.get(doc, doc)) not in g.nodes[e]["evidence"]:
            g.nodes[e]["evidence"].append((quote, doc_label.get(doc, doc)))
    qualified: dict[frozenset[str], dict[str, list[Any]]] = defaultdict(lambda: {"roles": [], "evidence": []})
    for s, o, role, quote, doc in sorted(rows(kg, "_viz-qualified"), key=lambda r: tuple(x or "" for x in r)):
        facts = qualified[frozenset((s, o))]
        if role and role not in facts["roles"]:
            facts["roles"].append(role)
        if quote and (quote, doc_label.get(doc, doc)) not in facts["evidence"]:
            facts["evidence"].append((quote, doc_label.get(doc, doc)))
    skipped = SKIPPED if mentions else SKIPPED | {"pg:mentions"}
    for s, p, o in sorted(rows(kg, "_viz-edges")):
        rel = curie(p)
        if rel in skipped or s not in g or o not in g:
            continue
        facts = qualified.get(frozenset((s, o)), {"roles": [], "evidence": []})
        g.add_edge(s, o, key=rel, relation=rel, label=labels.get(rel, rel),
                   roles=list(facts["roles"]), evidence=list(facts["evidence"]))
    return g


def neighbourhood(g: nx.MultiDiGraph, focus: str, hops: int) -> dict[str, int]:
    """Nodes within ``hops`` of ``focus`` (edges in either direction) with their distance."""
    return dict(nx.single_source_shortest_path_length(g.to_undirected(as_view=True), focus, cutoff=hops))
