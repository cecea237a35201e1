"""Counts that summarise a built graph: entities per class, facts per document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rdflib import URIRef

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import PG

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


def _rows(kg: KnowledgeGraph, name: str) -> list[tuple[str, ...]]:
    from parkgraph.queries import (
        load_query,  # queries import graph.store: import here, not at module load
    )
    return [tuple(str(t) for t in row) for row in kg.dataset.query(load_query(name).text)]  # type: ignore[union-attr]


def compute_stats(kg: KnowledgeGraph) -> Stats:
    """Count everything from the graph itself (not from the extracts), so it reflects what was built.

    The counting happens in SPARQL (internal queries/_stats-*.rq), so it streams in the engine
    instead of holding every triple in Python.
    """
    by_iri = {str(cls): name for name, cls in CLASSES}
    per_class = {by_iri[c]: int(n) for c, n in _rows(kg, "_stats-classes") if c in by_iri}
    classes = {name: per_class.get(name, 0) for name, _ in CLASSES}
    graphs = sorted(g for (g,) in _rows(kg, "_stats-graphs"))
    per_graph: dict[str, Counter[str]] = {}
    for g, c, n in _rows(kg, "_stats-graph-classes"):
        if c in by_iri:
            per_graph.setdefault(g, Counter())[by_iri[c]] += int(n)
    rank = {name: i for i, (name, _) in enumerate(CLASSES[:12])}  # a SubZone is named as a Park
    named_class: dict[tuple[str, str], str] = {}
    for g, e, c in _rows(kg, "_stats-mentions"):
        name = by_iri.get(c)
        if name in rank and rank[name] < rank.get(named_class.get((g, e), ""), len(rank)):
            named_class[(g, e)] = name
    documents: dict[str, dict[str, int]] = {}
    named: dict[str, dict[str, int]] = {}
    for g in graphs:
        if "/graph/doc/" not in g:
            continue
        doc = g.rsplit("/", 1)[-1]
        counts = per_graph.get(g, Counter())
        documents[doc] = {name: counts.get(name, 0) for name, _ in CLASSES if name in FACT_CLASSES}
        named[doc] = dict(sorted(Counter(c for (gg, _e), c in named_class.items() if gg == g).items()))
    triples = int(_rows(kg, "_stats-size")[0][0])
    return Stats(classes, triples, len(kg), graphs, documents, named)


__all__ = ["Stats", "compute_stats"]
