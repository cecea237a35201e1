"""One regression test per bug fixed."""

from __future__ import annotations

import io
from pathlib import Path

from rdflib import Dataset

from parkgraph.graph.build import build
from parkgraph.graph.export import serialize


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
