"""Golden files, compared as RDF graphs (isomorphism), regenerated with ``pytest --regen-golden``.

They pin down the exact RDF the loader emits for the tiny corpus, so any change to
the model shows up as a reviewable diff of tests/golden/mini.trig.
"""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, isomorphic

from parkgraph.graph.build import build
from parkgraph.namespaces import ONTOLOGY_GRAPH, PREFIXES


def test_mini_corpus_matches_golden(mini: Path, root: Path, regen_golden: bool) -> None:
    golden = root / "tests" / "golden" / "mini.trig"
    b = build(mini / "extracts", mini / "sources", engine="memory")
    quads = sorted((q for q in b.graph.ox_quads() if q.graph_name != ox.NamedNode(str(ONTOLOGY_GRAPH))),
                   key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    # the ontology has its own tests; the golden file pins the loader's output
    buf = io.BytesIO()
    ox.serialize(quads, buf, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
    if regen_golden:
        golden.write_bytes(buf.getvalue())
    actual, expected = Dataset(), Dataset()
    actual.parse(data=buf.getvalue(), format="trig")
    expected.parse(data=golden.read_bytes(), format="trig")
    names = {str(g.identifier) for g in expected.graphs() if len(g)}
    assert names == {str(g.identifier) for g in actual.graphs() if len(g)}
    for name in sorted(names):
        a, e = Graph() + actual.graph(name), Graph() + expected.graph(name)  # type: ignore[arg-type]
        if not isomorphic(a, e):
            _, only_actual, only_expected = graph_diff(a, e)
            raise AssertionError(f"{name} differs from the golden file (run pytest --regen-golden "
                                 f"if intended):\n+ {sorted(only_actual)[:5]}\n- {sorted(only_expected)[:5]}")
