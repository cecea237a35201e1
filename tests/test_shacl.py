"""The built graph conforms to the shapes, and the shapes do catch what they are for."""

from __future__ import annotations

from rdflib.namespace import RDFS

from parkgraph.graph.build import Build, build
from parkgraph.graph.validate import validate
from parkgraph.namespaces import PG, entity_iri


def test_real_graph_conforms(built: Build) -> None:
    report = validate(built.graph)
    assert report.conforms, "\n".join(str(f) for f in report.findings)


def test_missing_park_kind_and_label_are_violations(mini) -> None:
    b = build(mini / "extracts", mini / "sources")
    park = entity_iri("park", "demo-etdz")
    for g in b.graph.dataset.graphs():
        g.remove((park, PG.parkKind, None))
        g.remove((park, RDFS.label, None))
    report = validate(b.graph)
    assert not report.conforms
    messages = {(f.focus, f.path, f.message) for f in report.findings if f.severity == "Violation"}
    assert (str(park), "pg:parkKind", "needs exactly one park kind") in messages
    assert (str(park), "rdfs:label", "needs exactly one Chinese label (rdfs:label @zh)") in messages
