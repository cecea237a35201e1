"""Each kind of bad input stops the build with file, line, a plain message, exit 2, nothing written.

Data-driven: each case edits one file of a copy of the tiny valid corpus
(tests/fixtures/mini) and names the exact message the curator must see.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app

DOC = "extracts/documents/mini.yaml"
PARKS = "extracts/registry/parks.yaml"
CHAINS = "extracts/registry/chains.yaml"

# (case id, file, old text, new text, expected error line)
CASES = [
    ("bad-yaml", DOC, "  - park: demo-etdz\n    chain: new-materials", "  - park: [demo-etdz\n    chain: new-materials",
     "error: {d}/extracts/documents/mini.yaml:14: invalid YAML: expected ',' or ']', but got ':'"),
    ("unknown-id", DOC, "chain: new-materials", "chain: new-material",
     "error: {d}/extracts/documents/mini.yaml:14: park_chains[1]: chain: unknown chain id 'new-material'"),
    ("duplicate-id", CHAINS, "{id: automotive,", "{id: new-materials,",
     "error: {d}/extracts/registry/chains.yaml:2: duplicate id 'new-materials' (already used at {d}/extracts/registry/chains.yaml:1)"),
    ("unknown-unit", DOC, "unit: 亿元\n    year: 2020\n    evidence: 实现", "unit: 亿块\n    year: 2020\n    evidence: 实现",
     "error: {d}/extracts/documents/mini.yaml:30: targets[1]: unit: unknown unit '亿块' (known: 元 万元 亿元 万亿元 美元 万美元 亿美元 平方米 平方公里 公顷 亩 万亩 % 个百分点 个 家 项 只 座 人 万人 名 吨 万吨 千瓦 万千瓦 千瓦时 万千瓦时 吨标准煤 万吨标准煤)"),
    ("evidence-not-in-source", DOC, "evidence: 其中规模工业总产值800亿元", "evidence: 其中规模工业总产值900亿元",
     "error: {d}/extracts/documents/mini.yaml:38: targets[2]: evidence not found in mini.txt: '其中规模工业总产值900亿元'"),
    ("impossible-year", DOC, "    year: 2020\n    evidence: 实现", "    year: 20200\n    evidence: 实现",
     "error: {d}/extracts/documents/mini.yaml:31: targets[1]: year: impossible year 20200 (expected 1949–2100)"),
    ("unknown-role", DOC, "role: anchor", "role: boss",
     "error: {d}/extracts/documents/mini.yaml:24: enterprise_roles[1]: role: 'boss' is not one of: anchor, key, member, project, partner"),
    ("alias-claimed-twice", CHAINS, "{id: automotive, name: 汽车,", "{id: automotive, name: 汽车, aliases: [新材料],",
     "error: {d}/extracts/registry/chains.yaml:2: chain 'automotive': name '新材料' is already claimed by 'new-materials' ({d}/extracts/registry/chains.yaml:1)"),
    ("circular-broader", CHAINS, "{id: new-materials, name: 新材料,", "{id: new-materials, broader: [automotive], name: 新材料,",
     None),
    ("missing-source", DOC, "file: mini.txt", "file: gone.txt",
     "error: {d}/extracts/documents/mini.yaml:2: source file not found: {d}/sources/gone.txt"),
    ("masked-with-value", DOC, "    value: 800\n", "    value: 800\n    masked: true\n",
     "error: {d}/extracts/documents/mini.yaml:35: targets[2]: a masked figure has no value (use value: null)"),
    ("unknown-field", PARKS, "  kind: etdz", "  kind: etdz\n  colour: red",
     "error: {d}/extracts/registry/parks.yaml:4: park 'demo-etdz': unknown field 'colour' (allowed: id, name, kind, level, name_en, aliases, note, region)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case, mini: Path) -> None:
    _id, rel, old, new, expected = case
    path = mini / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, "the fixture changed; update the case"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if _id == "circular-broader":  # needs both directions
        path.write_text(path.read_text(encoding="utf-8").replace(
            "{id: automotive, name: 汽车,", "{id: automotive, broader: [new-materials], name: 汽车,"), encoding="utf-8")
        expected = ("error: {d}/extracts/registry/chains.yaml:1: chain 'new-materials': "
                    "circular broader links: new-materials -> automotive -> new-materials")
    out_dir = mini / "dist"
    result = CliRunner().invoke(app, ["build", "--extracts", str(mini / "extracts"),
                                      "--sources", str(mini / "sources"), "--out", str(out_dir)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert expected.format(d=mini) in lines, result.stderr
    assert lines[-1].endswith("problem(s) in the extracts; nothing was written.")
    assert not out_dir.exists()


def test_empty_extracts_folder(tmp_path: Path) -> None:
    (tmp_path / "extracts" / "registry").mkdir(parents=True)
    result = CliRunner().invoke(app, ["build", "--extracts", str(tmp_path / "extracts"),
                                      "--sources", str(tmp_path), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 2
    assert f"error: {tmp_path}/extracts/documents: no document extracts (*.yaml) found" in result.stderr.splitlines()


def test_source_not_utf8_or_gb18030(mini: Path) -> None:
    (mini / "sources" / "mini.txt").write_bytes(b"\xff\xfe\x00\x81\x30\x81")
    result = CliRunner().invoke(app, ["validate", "--extracts", str(mini / "extracts"),
                                      "--sources", str(mini / "sources")])
    assert result.exit_code == 2
    assert "is neither UTF-8 nor GB18030 text" in result.stderr


def test_gb18030_source_is_read(mini: Path) -> None:
    src = mini / "sources" / "mini.txt"
    src.write_bytes(src.read_text(encoding="utf-8").encode("gb18030"))
    result = CliRunner().invoke(app, ["validate", "--extracts", str(mini / "extracts"),
                                      "--sources", str(mini / "sources")])
    assert result.exit_code == 0, result.output
