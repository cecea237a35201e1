"""Counts are computed from the built graph, and agree with what the extracts say."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from parkgraph.graph.build import build
from parkgraph.graph.stats import compute_stats


def test_stats_of_the_tiny_corpus(mini: Path) -> None:
    b = build(mini / "extracts", mini / "sources")
    stats = compute_stats(b.graph)
    assert {k: v for k, v in stats.classes.items() if v} == {
        "Park": 1, "IndustryChain": 2, "Enterprise": 1, "Target": 2, "Indicator": 2, "Region": 2,
        "IssuingBody": 1, "SourceDocument": 1, "Evidence": 5, "Mention": 1, "ChainMembership": 2,
        "EnterpriseRole": 1}
    assert stats.documents["mini"]["Target"] == 2 and stats.documents["mini"]["Evidence"] == 5
    assert stats.named == {"mini": {"Park": 1}}
    union = Graph()
    for t in b.graph.dataset.triples((None, None, None)):
        union.add(t)
    assert stats.triples == len(union)
    assert stats.quads == len(b.graph) and len(stats.graphs) == 3
