"""One regression test per bug fixed."""

from __future__ import annotations

import io
import math
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from rdflib import Dataset, URIRef

from parkgraph.errors import OutputError
from parkgraph.graph import export as export_module
from parkgraph.graph.build import build
from parkgraph.graph.export import export, serialize
from parkgraph.viz.layout import force_layout, repulsion


def test_quote_spanning_lines_builds_and_exports(mini: Path) -> None:
    """Bug: quotes across a flattened table's line breaks were written to N-Quads unescaped,
    and the bulk load rejected them ('Line jumps are not allowed in string literals')."""
    doc = mini / "extracts" / "documents" / "mini.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "evidence: 其中规模工业总产值800亿元", "evidence: 其中规模工业总产值800亿元。 围绕新材料"), encoding="utf-8")
    b = build(mini / "extracts", mini / "sources")
    quotes = [str(o) for o in b.graph.dataset.objects(None, None) if "800亿元。\n围绕" in str(o)]
    assert quotes == ["其中规模工业总产值800亿元。\n围绕新材料"]
    buf = io.BytesIO()
    serialize(b.graph, "nquads", buf)
    back = Dataset()
    back.parse(data=buf.getvalue(), format="nquads")
    assert any("800亿元。\n围绕" in str(q[2]) for q in back.quads((None, None, None, None)))


def test_two_masked_figures_of_one_indicator_stay_two(mini: Path) -> None:
    """Bug: facts were identified by their fields without the evidence, so two masked figures of
    the same indicator (value and year both masked) collapsed into one node."""
    doc = mini / "extracts" / "documents" / "mini.yaml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("    value: 1200\n    unit: 亿元\n    year: 2020\n", "    value: null\n    masked: true\n    unit: 亿元\n")
    text = text.replace("    indicator: industrial-output\n    value: 800\n    unit: 亿元\n    year: 2020\n",
                        "    indicator: total-revenue\n    value: null\n    masked: true\n    unit: 亿元\n")
    doc.write_text(text, encoding="utf-8")
    b = build(mini / "extracts", mini / "sources")
    rows = list(b.graph.dataset.query(
        "SELECT ?f WHERE { ?f <https://w3id.org/parkgraph/ontology#masked> true }"))
    assert len(rows) == 2


def test_exports_get_normal_file_modes(mini: Path, tmp_path: Path) -> None:
    """Bug: atomic writes went through mkstemp and left every export readable by its owner only."""
    import os

    from parkgraph.graph.export import export

    b = build(mini / "extracts", mini / "sources")
    new = tmp_path / "new.ttl"
    export(b.graph, "turtle", new)
    umask = os.umask(0)
    os.umask(umask)
    assert new.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.ttl"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    export(b.graph, "turtle", kept)
    assert kept.stat().st_mode & 0o777 == 0o640


def test_problem_messages_stay_on_one_line() -> None:
    """Bug (found by fuzzing): a source file name with a newline broke the one-line message."""
    from parkgraph.errors import Problem

    p = Problem(Path("doc.yaml"), 2, "source file not found: sources/0\n")
    assert str(p) == "doc.yaml:2: source file not found: sources/0\\n"


def test_offsets_with_a_compatibility_combining_mark() -> None:
    """Bug (found by fuzzing): ﾞ (half-width voiced mark) decomposes into a combining mark, so
    NFKC composes across it; the offset map must agree with normalise()."""
    from parkgraph.loaders.evidence import NormalisedText, normalise

    for text in ("A\uff9e\u0301", "\u2103\u0301", "\u0301\uff9e"):
        assert NormalisedText.of(text).text == normalise(text)


@pytest.mark.parametrize("engine", ["oxigraph", "memory"])
def test_a_triple_in_the_default_graph_is_refused_not_mangled(mini: Path, tmp_path: Path, engine: str) -> None:
    """Found in review: the union export strips the last term of each line as its graph, so a
    default-graph triple would have lost its object. Exports now refuse such a dataset."""
    kg = build(mini / "extracts", mini / "sources", engine=engine).graph
    kg.dataset.add((URIRef("http://example.org/s"), URIRef("http://example.org/p"), URIRef("http://example.org/o")))
    assert not kg.default_graph_is_empty()
    out = tmp_path / "out"
    out.mkdir()
    for fmt in ("turtle", "nquads"):
        with pytest.raises(OutputError, match="the default graph holds triples"):
            export(kg, fmt, out / f"x.{fmt}")
    assert list(out.iterdir()) == []  # nothing half-written, no temporary left


def test_exports_sorted_externally_are_byte_identical(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Large dumps are sorted in runs merged from disk: the bytes must not change."""
    kg = build(mini / "extracts", mini / "sources").graph
    for fmt in ("turtle", "nquads", "trig", "ntriples", "jsonld"):
        export(kg, fmt, tmp_path / f"memory.{fmt}")
    monkeypatch.setattr(export_module, "RUN_BYTES", 0)
    monkeypatch.setattr(export_module, "RUN_LINES", 97)
    for fmt in ("turtle", "nquads", "trig", "ntriples", "jsonld"):
        export(kg, fmt, tmp_path / f"external.{fmt}")
        assert (tmp_path / f"external.{fmt}").read_bytes() == (tmp_path / f"memory.{fmt}").read_bytes(), fmt


def test_coincident_nodes_are_pushed_apart() -> None:
    """Found in review: two nodes on one spot got the same push and never separated."""
    pos = np.array([[5.0, 5.0], [5.0, 5.0], [300.0, 0.0]])
    push = repulsion(pos, 0, 3, cell2=180.0 ** 2, k2=90.0 ** 2)
    assert push[0] @ push[1] < 0  # opposite directions
    assert np.allclose(push[2], 0.0)  # beyond the cut-off
    assert np.array_equal(repulsion(pos, 1, 3, 180.0 ** 2, 90.0 ** 2), push[1:])  # blocks agree
    positions = force_layout(nx.Graph([(0, 1), (0, 2)]), iterations=60)
    assert math.dist(positions[1], positions[2]) > 10
