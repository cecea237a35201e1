"""Counts that summarise a built graph: entities per class, facts per document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.namespace import RDF

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import PG, REGISTRY_GRAPH

# The classes a summary reports, in the order users think of them.
CLASSES: list[tuple[str, URIRef]] = [
    ("Park", PG.Park), ("SubZone", PG.SubZone), ("IndustrialBase", PG.IndustrialBase),
    ("IndustryChain", PG.IndustryChain), ("Enterprise", PG.Enterprise), ("Policy", PG.Policy),
    ("Target", PG.Target), ("Statistic", PG.Statistic), ("Indicator", PG.Indicator),
    ("Region", PG.Region), ("IssuingBody", PG.IssuingBody), ("SourceDocument", PG.SourceDocument),
    ("Evidence", PG.Evidence), ("Mention", PG.Mention), ("ChainMembership", PG.ChainMembership),
    ("EnterpriseRole", PG.EnterpriseRole), ("ParkRelationship", PG.ParkRelationship),
    ("PolicyApplication", PG.PolicyApplication), ("PolicyLineage", PG.PolicyLineage),
]
FACT_CLASSES = ["Mention", "ChainMembership", "EnterpriseRole", "ParkRelationship",
                "PolicyApplication", "PolicyLineage", "Target", "Statistic", "Evidence"]


@dataclass
class Stats:
    """Entities per class, triples, quads, named graphs and per-document fact counts."""

    classes: dict[str, int]
    triples: int
    quads: int
    graphs: list[str]
    documents: dict[str, dict[str, int]] = field(default_factory=dict)
    # entities named per document (distinct, by class of the named entity)
    named: dict[str, dict[str, int]] = field(default_factory=dict)


def compute_stats(kg: KnowledgeGraph) -> Stats:
    """Count everything from the graph itself (not from the extracts), so it reflects what was built."""
    types_union: dict[URIRef, set[URIRef]] = {}
    per_graph: dict[str, Counter[URIRef]] = {}
    mentions: dict[str, set[URIRef]] = {}
    triples = set()
    quads = 0
    for q in kg.ox_quads():
        quads += 1
        s, p, o, g = (URIRef(q.subject.value) if hasattr(q.subject, "value") else q.subject,
                      q.predicate.value, q.object, q.graph_name)
        triples.add((str(q.subject), p, str(o)))
        gname = str(g.value) if hasattr(g, "value") else ""
        if p == str(RDF.type):
            types_union.setdefault(URIRef(str(o.value)), set()).add(s)
            per_graph.setdefault(gname, Counter())[URIRef(str(o.value))] += 1
        elif p == str(PG.mentions):
            mentions.setdefault(gname, set()).add(URIRef(str(o.value)))
    classes = {name: len(types_union.get(cls, ())) for name, cls in CLASSES}
    graphs = sorted(k for k in per_graph if k)
    documents: dict[str, dict[str, int]] = {}
    named: dict[str, dict[str, int]] = {}
    entity_class: dict[URIRef, str] = {}
    for name, cls in CLASSES[:12]:  # the first (most general) class listed wins: a SubZone is a Park
        for s in types_union.get(cls, ()):
            entity_class.setdefault(s, name)
    for gname in graphs:
        if "/graph/doc/" not in gname:
            continue
        doc = gname.rsplit("/", 1)[-1]
        counts = per_graph[gname]
        documents[doc] = {name: counts.get(cls, 0) for name, cls in CLASSES if name in FACT_CLASSES}
        named[doc] = dict(sorted(Counter(entity_class.get(e, "Other") for e in mentions.get(gname, ())).items()))
    return Stats(classes, len(triples), quads, graphs, documents, named)


__all__ = ["Stats", "compute_stats", "REGISTRY_GRAPH"]
