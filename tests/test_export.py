"""Exports round-trip, are byte-identical across runs and engines, and are written atomically."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from parkgraph.graph.build import Build, build
from parkgraph.graph.export import FORMATS, atomic_write, export, serialize


def _bytes(b: Build, fmt: str) -> bytes:
    buf = io.BytesIO()
    serialize(b.graph, fmt, buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def reference(root: Path) -> Build:
    """The same graph on rdflib's own store: the reference terms exports must round-trip to
    (oxrdflib reports plain literals as xsd:string, which RDF 1.1 equates but rdflib does not)."""
    return build(root / "extracts", root / "sources", engine="memory")


def test_turtle_round_trips_to_isomorphic_union(built: Build, reference: Build) -> None:
    union = Graph()
    for s, p, o in reference.graph.dataset.triples((None, None, None)):
        union.add((s, p, o))
    back = Graph().parse(data=_bytes(built, "turtle"), format="turtle")
    assert len(back) == len(union) > 1000
    assert isomorphic(back, union)


def test_trig_round_trips_with_named_graphs(built: Build, reference: Build) -> None:
    back = Dataset()
    back.parse(data=_bytes(built, "trig"), format="trig")
    original = {str(g.identifier): g for g in reference.graph.dataset.graphs() if len(g)}
    restored = {str(g.identifier): g for g in back.graphs() if len(g)}
    assert set(restored) == set(original)
    assert len(original) == 7  # ontology, registry and five documents
    for name, g in original.items():
        assert isomorphic(Graph() + g, Graph() + restored[name]), name


def test_jsonld_and_nquads_parse(built: Build) -> None:
    ds = Dataset()
    ds.parse(data=_bytes(built, "nquads"), format="nquads")
    assert sum(1 for _ in ds.quads((None, None, None, None))) == len(built.graph)
    js = Dataset()
    js.parse(data=_bytes(built, "jsonld"), format="json-ld")
    assert sum(1 for _ in js.quads((None, None, None, None))) == len(built.graph)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_byte_identical_across_engines(fmt: str, reference: Build, built: Build) -> None:
    assert _bytes(reference, fmt) == _bytes(built, fmt)


def test_byte_identical_across_processes(root: Path, tmp_path: Path) -> None:
    outs = []
    for i in range(2):
        out = tmp_path / f"run{i}"
        subprocess.run([sys.executable, "-m", "parkgraph", "build", "--out", str(out)],
                       cwd=root, check=True, capture_output=True)
        outs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outs[0] == outs[1]
    assert len(outs[0]) == len(FORMATS)


def test_failed_write_keeps_old_file(tmp_path: Path, built: Build) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("old content", encoding="utf-8")

    def explode(f) -> None:
        f.write(b"partial")
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C midway

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, explode)
    assert path.read_text(encoding="utf-8") == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    export(built.graph, "turtle", path)
    assert path.read_bytes().startswith(b"@prefix")
