"""Scale features: the synthetic corpus, the on-disk store, streaming builds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.errors import ExtractError
from parkgraph.graph.build import build
from parkgraph.graph.export import canonical_nquads
from parkgraph.graph.parallel import MIN_DOCUMENTS, default_workers
from parkgraph.graph.store import StoreError, open_graph
from parkgraph.graph.synth import synthesize
from parkgraph.queries import run_query


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + p.read_bytes())
    return h.hexdigest()


def test_synth_is_reproducible_and_builds(tmp_path: Path) -> None:
    a = synthesize(12, 7, tmp_path / "a")
    synthesize(12, 7, tmp_path / "b")
    assert a.parks == 12 and a.enterprises == 240
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(synthesize(12, 8, tmp_path / "c").folder)
    built = build(tmp_path / "a" / "extracts", tmp_path / "a" / "sources")
    rows = run_query(built.graph, "parks-by-region")
    assert len(rows) == 12 and all(r.get("provinceLabel") for r in rows)


def test_store_build_then_query_without_rebuilding(tmp_path: Path) -> None:
    synthesize(5, 1, tmp_path)
    store = tmp_path / "store"
    first = build(tmp_path / "extracts", tmp_path / "sources", store=store)
    expected = run_query(first.graph, "parks-sharing-chains")
    del first
    again = open_graph(store)  # read-only, no extracts needed
    assert run_query(again, "parks-sharing-chains") == expected
    runner = CliRunner()
    result = runner.invoke(app, ["query", "parks-by-region", "--store", str(store), "-f", "csv"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 6


def test_failed_build_leaves_the_existing_store_intact(tmp_path: Path) -> None:
    synthesize(3, 1, tmp_path)
    store = tmp_path / "store"
    build(tmp_path / "extracts", tmp_path / "sources", store=store)
    before = len(open_graph(store))
    doc = sorted((tmp_path / "extracts" / "documents").glob("*.yaml"))[0]
    doc.write_text(doc.read_text(encoding="utf-8").replace("role: leading", "role: boss", 1)
                   .replace("role: emerging", "role: boss", 1).replace("role: characteristic", "role: boss", 1),
                   encoding="utf-8")
    with pytest.raises(ExtractError, match="is not one of"):
        build(tmp_path / "extracts", tmp_path / "sources", store=store)
    assert len(open_graph(store)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["extracts", "sources", "store"]


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no parkgraph store at"):
        open_graph(tmp_path / "nothing")
    result = CliRunner().invoke(app, ["stats", "--store", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: no parkgraph store at {tmp_path / 'nothing'} "
                                     f"(build one with: parkgraph build --store {tmp_path / 'nothing'})")


def test_streaming_build_can_drop_documents(tmp_path: Path) -> None:
    synthesize(4, 2, tmp_path)
    kept = build(tmp_path / "extracts", tmp_path / "sources")
    lean = build(tmp_path / "extracts", tmp_path / "sources", keep_documents=False)
    assert len(kept.extracts.documents) == 4 and lean.extracts.documents == []
    assert len(lean.graph) == len(kept.graph)


def test_parallel_build_gives_the_same_graph_as_a_serial_one(tmp_path: Path) -> None:
    synthesize(40, 3, tmp_path)
    serial = build(tmp_path / "extracts", tmp_path / "sources", keep_documents=False, workers=0)
    parallel = build(tmp_path / "extracts", tmp_path / "sources", keep_documents=False, workers=2)
    assert canonical_nquads(parallel.graph) == canonical_nquads(serial.graph)
    assert default_workers(40) >= 0 and default_workers(MIN_DOCUMENTS - 1) == 0


def test_parallel_build_reports_the_same_problems_as_a_serial_one(tmp_path: Path) -> None:
    synthesize(40, 3, tmp_path)
    docs = sorted((tmp_path / "extracts" / "documents").glob("*.yaml"))
    docs[3].write_text(docs[3].read_text(encoding="utf-8").replace("role: anchor", "role: boss", 1), encoding="utf-8")
    text = docs[20].read_text(encoding="utf-8")
    docs[20].write_text(text.replace("evidence: ", "evidence: 不在原文中的句子", 1), encoding="utf-8")
    (docs[0].parent / "zz-copy.yaml").write_text(docs[7].read_text(encoding="utf-8"), encoding="utf-8")
    (docs[0].parent / "bad-yaml.yaml").write_text("source: [unclosed\n", encoding="utf-8")
    with pytest.raises(ExtractError) as serial:
        build(tmp_path / "extracts", tmp_path / "sources", keep_documents=False, workers=0)
    with pytest.raises(ExtractError) as parallel:
        build(tmp_path / "extracts", tmp_path / "sources", keep_documents=False, workers=2)
    assert str(parallel.value) == str(serial.value)
    messages = str(serial.value)
    assert "is not one of" in messages and "evidence not found" in messages
    assert "is already curated in" in messages and "invalid YAML" in messages
