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
from parkgraph.viz.style import CLASS_ORDER, ENTITY_CLASSES, curie

PREFIXES = """PREFIX pg: <https://w3id.org/parkgraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

# Predicates that are bookkeeping or inverses, not relations to draw.
SKIPPED = {"rdf:type", "skos:narrower", "skos:inScheme", "skos:topConceptOf", "skos:hasTopConcept",
           "pg:evidence", "pg:inDocument"}
RELATION_FALLBACK = {"skos:broader": "上位产业链", "pg:sharesChains": "共享产业链", "pg:aggregate": "聚合"}

_FACT_PREDICATES = ("pg:parkKind pg:parkLevel pg:locatedIn pg:regionLevel pg:policyKind pg:policyLevel "
                    "pg:docNumber pg:issuedBy pg:documentKind pg:planYear pg:periodStart pg:periodEnd "
                    "dcterms:issued skos:broader")

_NODES = PREFIXES + """SELECT DISTINCT ?e ?type ?zh ?en WHERE {
  VALUES ?type { %s }
  ?e a ?type .
  OPTIONAL { ?e rdfs:label ?zh FILTER(LANG(?zh) = "zh") }
  OPTIONAL { ?e rdfs:label ?en FILTER(LANG(?en) = "en") }
}"""
_ALIASES = PREFIXES + "SELECT DISTINCT ?e ?alt WHERE { ?e skos:altLabel ?alt }"
# Only the triples of typed entities (not of facts, evidence, figures): 7x faster on 700k quads.
_EDGES = PREFIXES + """SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?t { %s }
  ?s a ?t ; ?p ?o . FILTER(isIRI(?o) && ?s != ?o && ?p != rdf:type)
}"""
_PREDICATE_LABELS = PREFIXES + """SELECT DISTINCT ?p ?zh WHERE {
  ?p a ?kind ; rdfs:label ?zh . FILTER(LANG(?zh) = "zh")
  VALUES ?kind { <http://www.w3.org/2002/07/owl#ObjectProperty> <http://www.w3.org/2002/07/owl#DatatypeProperty> }
}"""
_FACTS = PREFIXES + """SELECT DISTINCT ?e ?p ?v WHERE {
  VALUES ?p { FACT_PREDICATES }
  ?e ?p ?o .
  OPTIONAL { ?o rdfs:label ?ol FILTER(LANG(?ol) = "zh") }
  BIND(COALESCE(?ol, ?o) AS ?v)
}""".replace("FACT_PREDICATES", _FACT_PREDICATES)
_MENTIONS = PREFIXES + """SELECT DISTINCT ?e ?quote ?doc WHERE {
  ?m a pg:Mention ; pg:entity ?e ; pg:evidence ?ev .
  ?ev pg:quote ?quote ; pg:inDocument ?doc .
}"""
# The qualified facts behind the shortcut edges: (class, subject slot, object slot).
_QUALIFIED = PREFIXES + """SELECT DISTINCT ?s ?o ?role ?quote ?doc WHERE {
  VALUES (?cls ?sp ?op) {
    (pg:ChainMembership pg:park pg:chain) (pg:EnterpriseRole pg:enterprise pg:park)
    (pg:EnterpriseRole pg:enterprise pg:chain) (pg:ParkRelationship pg:park pg:otherPark)
    (pg:PolicyApplication pg:policy pg:appliesTo) (pg:PolicyLineage pg:policy pg:otherPolicy)
  }
  ?f a ?cls ; ?sp ?s ; ?op ?o .
  OPTIONAL { ?f pg:role/rdfs:label ?role FILTER(LANG(?role) = "zh") }
  OPTIONAL { ?f pg:evidence ?ev . ?ev pg:quote ?quote ; pg:inDocument ?doc }
}"""


def short_id(iri: str) -> str:
    """The readable id of an entity IRI (park/changsha-etdz), or the IRI itself."""
    marker = "/parkgraph/id/"
    return iri.split(marker, 1)[1] if marker in iri else iri


def _rows(kg: KnowledgeGraph, query: str) -> list[tuple[Any, ...]]:
    return [tuple(None if t is None else str(t) for t in row) for row in kg.dataset.query(query)]  # type: ignore[union-attr]


def predicate_labels(kg: KnowledgeGraph) -> dict[str, str]:
    """Chinese labels of the ontology's properties by CURIE (plus skos:broader and view relations)."""
    labels = dict(RELATION_FALLBACK)
    for p, zh in _rows(kg, _PREDICATE_LABELS):
        labels[curie(p)] = zh
    return labels


def entity_graph(kg: KnowledgeGraph, mentions: bool = False) -> nx.MultiDiGraph:
    """The typed entity graph (see the module docstring); ``mentions`` adds document→entity edges."""
    g = nx.MultiDiGraph()
    rank = {c: i for i, c in enumerate(CLASS_ORDER)}
    values = " ".join(f"<{iri}>" for iri in ENTITY_CLASSES.values())
    for e, type_iri, zh, en in _rows(kg, _NODES % values):
        cls = curie(type_iri)
        node = g.nodes.get(e)
        if node is None:
            g.add_node(e, id=short_id(e), cls=cls, label=zh or en or short_id(e), label_en=en or "",
                       aliases=[], facts=[], evidence=[])
        elif rank[cls] < rank[node["cls"]]:
            node["cls"] = cls
    for e, alt in sorted(_rows(kg, _ALIASES)):
        if e in g:
            g.nodes[e]["aliases"].append(alt)
    labels = predicate_labels(kg)
    for e, p, v in sorted(_rows(kg, _FACTS)):
        if e in g:
            g.nodes[e]["facts"].append((labels.get(curie(p), curie(p)), g.nodes[v]["label"] if v in g else v))
    doc_label = {n: d["label"] for n, d in g.nodes(data=True) if d["cls"] == "pg:SourceDocument"}
    for e, quote, doc in sorted(_rows(kg, _MENTIONS)):
        if e in g and (quote, doc_label.get(doc, doc)) not in g.nodes[e]["evidence"]:
            g.nodes[e]["evidence"].append((quote, doc_label.get(doc, doc)))
    qualified: dict[frozenset[str], dict[str, list[Any]]] = defaultdict(lambda: {"roles": [], "evidence": []})
    for s, o, role, quote, doc in sorted(_rows(kg, _QUALIFIED), key=lambda r: tuple(x or "" for x in r)):
        facts = qualified[frozenset((s, o))]
        if role and role not in facts["roles"]:
            facts["roles"].append(role)
        if quote and (quote, doc_label.get(doc, doc)) not in facts["evidence"]:
            facts["evidence"].append((quote, doc_label.get(doc, doc)))
    skipped = SKIPPED if mentions else SKIPPED | {"pg:mentions"}
    for s, p, o in sorted(_rows(kg, _EDGES % values)):
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
