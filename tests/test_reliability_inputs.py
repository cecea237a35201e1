"""Bad input beyond tests/test_bad_input.py: every case exits 2 with the exact ``file:line: message``
and leaves every byte of the corpus and of the output folder as it was; writes killed midway
leave the old file intact and no temporary file behind.

Data-driven like test_bad_input.py: each case edits one file of a copy of the tiny valid corpus
(tests/fixtures/mini). ``{d}`` in an expected line stands for the copy's folder.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.graph.export import atomic_write

from .reliability import RECORD, reliability_table  # noqa: F401 - autouse: writes docs/reliability.md

DOC = "extracts/documents/mini.yaml"
PARKS = "extracts/registry/parks.yaml"
CHAINS = "extracts/registry/chains.yaml"
REGIONS = "extracts/registry/regions.yaml"
ENTERPRISES = "extracts/registry/enterprises.yaml"
CHAIN_ROLES = "leading, characteristic, emerging, future, cluster, base, key, traditional"
PARK_KINDS = "etdz, hidz, ez, iz, ip, epz, base, sub-zone, other"
LEVELS = "country, national, province, provincial, area, city, municipal, county, district, park, unknown"
SUBPROCESS_TIMEOUT = 60

# (case id, kind for the table, file, old text, new text, expected error line)
CASES = [
    # wrong types
    ("plan-year-as-text", "wrong type: year written as text", DOC, "  plan_year: 2020\n", "  plan_year: 二〇二〇年\n",
     "error: {d}/extracts/documents/mini.yaml:6: source: plan_year: expected a year such as 2019, got '二〇二〇年'"),
    ("year-as-boolean", "wrong type: year written as true", DOC, "    year: 2020\n    evidence: 实现", "    year: true\n    evidence: 实现",
     "error: {d}/extracts/documents/mini.yaml:31: targets[1]: year: expected a year such as 2019, got True"),
    ("value-as-text", "wrong type: value written in words", DOC, "    value: 800\n", "    value: 八百\n",
     "error: {d}/extracts/documents/mini.yaml:35: targets[2]: value: expected a number, got '八百'"),
    ("masked-as-text", "wrong type: masked not true/false", DOC, "    value: 800\n", "    value: null\n    masked: 'no'\n",
     "error: {d}/extracts/documents/mini.yaml:36: targets[2]: masked: expected true or false, got 'no'"),
    ("evidence-as-number", "wrong type: evidence a number", DOC, "evidence: 其中规模工业总产值800亿元", "evidence: 800",
     "error: {d}/extracts/documents/mini.yaml:38: targets[2]: evidence: expected a quote or a list of quotes"),
    ("subject-parks-not-a-list", "wrong type: id list written as one id", DOC, "subject_parks: [demo-etdz]", "subject_parks: demo-etdz",
     "error: {d}/extracts/documents/mini.yaml:7: source: subject_parks: expected a list of ids"),
    ("aliases-not-a-list", "wrong type: aliases not a list", PARKS, "aliases: [示范经开区]", "aliases: 示范经开区",
     "error: {d}/extracts/registry/parks.yaml:6: park 'demo-etdz': aliases: expected a list of names"),
    ("name-as-list", "wrong type: name a list", CHAINS, "{id: automotive, name: 汽车,", "{id: automotive, name: [汽, 车],",
     "error: {d}/extracts/registry/chains.yaml:2: chain 'automotive': name: expected text, got a list"),
    ("section-not-a-list", "wrong type: section not a list", DOC,
     "enterprise_roles:\n  - enterprise: demo-group\n    park: demo-etdz\n    role: anchor\n    evidence: 支持龙头企业示例集团做大做强\n",
     "enterprise_roles: 示例集团\n",
     "error: {d}/extracts/documents/mini.yaml:21: enterprise_roles: expected a list"),
    ("record-not-a-mapping", "wrong type: record not a mapping (line of its section)", DOC,
     "mentions:\n  - entity: demo-etdz\n    as: 示范经开区\n    evidence: 2020年,示范经开区将实现技工贸总收入1200亿元\n",
     "mentions:\n  - demo-etdz\n",
     "error: {d}/extracts/documents/mini.yaml:8: mentions[1]: expected a mapping of fields, got text"),
    ("unknown-section", "unknown section", DOC, "mentions:\n", "mention:\n",
     "error: {d}/extracts/documents/mini.yaml:8: unknown section 'mention' (allowed: enterprise_roles, mentions, "
     "park_chains, park_relations, policies, policy_relations, source, targets)"),
    ("duplicate-key", "duplicate key in a record", DOC, "    role: anchor\n", "    role: anchor\n    role: key\n",
     "error: {d}/extracts/documents/mini.yaml:25: invalid YAML: duplicate key 'role'"),
    ("unhashable-key", "YAML key that is a list", DOC, "    role: anchor\n", "    role: anchor\n    ? [a, b]\n    : c\n",
     "error: {d}/extracts/documents/mini.yaml:25: invalid YAML: found unhashable key"),
    ("control-character", "control character (U+001F) in the YAML", DOC, "mentions:\n", "mentions:\n  # \x1f\n",
     "error: {d}/extracts/documents/mini.yaml:9: invalid YAML: unacceptable character #x001f: special characters are not allowed"),
    ("surrogate-escape", "JSON-style surrogate escapes (\\ud83d\\ude00) in a quoted string", DOC,
     "  title: 示例经济技术开发区2020年工作计划\n", '  title: "示例经济技术开发区2020年工作计划\\ud83d\\ude00"\n',
     "error: {d}/extracts/documents/mini.yaml:3: invalid YAML: surrogate code point U+D83D is not a character "
     "(write the character itself, or an 8-digit \\U escape)"),
    ("blank-name", "blank text where a name is required", CHAINS, "{id: automotive, name: 汽车,", "{id: automotive, name: ' ',",
     "error: {d}/extracts/registry/chains.yaml:2: chain 'automotive': name: expected text, got blank text"),
    ("integer-too-long", "number with 5000 digits", DOC, "    value: 800\n", "    value: " + "9" * 5000 + "\n",
     "error: {d}/extracts/documents/mini.yaml:35: invalid YAML: integer too long (5000 digits)"),
    # impossible or missing years and values
    ("missing-year", "missing year", DOC, "    year: 2020\n    evidence: 实现", "    evidence: 实现",
     "error: {d}/extracts/documents/mini.yaml:27: targets[1]: missing year (only a masked figure may omit it)"),
    ("year-1800", "impossible year (before 1949)", DOC, "  plan_year: 2020\n", "  plan_year: 1800\n",
     "error: {d}/extracts/documents/mini.yaml:6: source: plan_year: impossible year 1800 (expected 1949–2100)"),
    ("baseline-after-year", "baseline year after the year", DOC, "    value: 1200\n", "    value: 1200\n    baseline_year: 2025\n",
     "error: {d}/extracts/documents/mini.yaml:30: targets[1]: baseline_year 2025 is after year 2020"),
    ("period-reversed", "period last year before first", DOC, "  plan_year: 2020\n", "  period: [2025, 2021]\n",
     "error: {d}/extracts/documents/mini.yaml:6: source: period: expected [first year, last year], got [2025, 2021]"),
    ("impossible-date", "impossible date 2019-13-45", DOC, "  kind: work-plan\n", "  kind: work-plan\n  date: 2019-13-45\n",
     "error: {d}/extracts/documents/mini.yaml:6: source: date: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got '2019-13-45'"),
    ("value-nan", "value .nan (not a number)", DOC, "    value: 800\n", "    value: .nan\n",
     "error: {d}/extracts/documents/mini.yaml:35: targets[2]: value: expected a number, got nan"),
    ("value-infinite", "value .inf (not a finite number)", DOC, "    value: 800\n", "    value: -.inf\n",
     "error: {d}/extracts/documents/mini.yaml:35: targets[2]: value: expected a number, got -inf"),
    ("value-max-nan", "value_max .nan", DOC, "    value: 800\n", "    value: 800\n    value_max: .nan\n",
     "error: {d}/extracts/documents/mini.yaml:36: targets[2]: value_max: expected a number, got nan"),
    ("value-max-below-value", "range upper bound below value", DOC, "    value: 800\n", "    value: 800\n    value_max: 700\n",
     "error: {d}/extracts/documents/mini.yaml:36: targets[2]: value_max 700 is below value 800"),
    # aliases, roles, vocabularies
    ("alias-of-two-parks", "alias claimed by two parks", PARKS, "  aliases: [示范经开区]\n",
     "  aliases: [示范经开区]\n- {id: other-etdz, name: 其他经开区, kind: etdz, level: national, region: hunan-demo, aliases: [示范经开区]}\n",
     "error: {d}/extracts/registry/parks.yaml:7: park 'other-etdz': name '示范经开区' is already claimed by "
     "'demo-etdz' ({d}/extracts/registry/parks.yaml:1)"),
    ("alias-of-park-and-enterprise", "alias claimed by a park and an enterprise", ENTERPRISES,
     "{id: demo-group, name: 示例集团}", "{id: demo-group, name: 示例集团, aliases: [示范经开区]}",
     "error: {d}/extracts/registry/enterprises.yaml:1: enterprise 'demo-group': name '示范经开区' is already "
     "claimed by 'demo-etdz' ({d}/extracts/registry/parks.yaml:1)"),
    ("unknown-chain-role", "unknown chain role", DOC, "    chain: new-materials\n    role: leading", "    chain: new-materials\n    role: main",
     f"error: {{d}}/extracts/documents/mini.yaml:15: park_chains[1]: role: 'main' is not one of: {CHAIN_ROLES}"),
    ("unknown-park-kind", "unknown park kind", PARKS, "  kind: etdz", "  kind: science-city",
     f"error: {{d}}/extracts/registry/parks.yaml:3: park 'demo-etdz': kind: 'science-city' is not one of: {PARK_KINDS}"),
    ("unknown-level", "unknown region level", REGIONS, "level: province}", "level: state}",
     f"error: {{d}}/extracts/registry/regions.yaml:1: region 'hunan': level: 'state' is not one of: {LEVELS}"),
    ("unknown-region-reference", "registry entry naming an unknown region", PARKS, "  region: hunan-demo", "  region: nowhere",
     "error: {d}/extracts/registry/parks.yaml:5: park 'demo-etdz': region: unknown region id 'nowhere'"),
    ("circular-within", "circular region links", REGIONS, "level: province}", "level: province, within: hunan-demo}",
     "error: {d}/extracts/registry/regions.yaml:1: region 'hunan': circular within links: hunan -> hunan-demo -> hunan"),
    ("self-broader", "chain broader than itself", CHAINS, "{id: automotive, name: 汽车,", "{id: automotive, broader: [automotive], name: 汽车,",
     "error: {d}/extracts/registry/chains.yaml:2: chain 'automotive': circular broader links: automotive -> automotive"),
    # sources
    ("source-is-a-folder", "source file is a folder", DOC, "file: mini.txt", "file: notes",
     "error: {d}/extracts/documents/mini.yaml:2: source file not found: {d}/sources/notes"),
]


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under ``folder``, by relative path."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def cli(*args: str, input: str | None = None):  # noqa: A002 - mirrors CliRunner
    return CliRunner().invoke(app, list(args), input=input)


def corpus(mini: Path) -> list[str]:
    return ["--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def assert_build_refused(mini: Path, expected: str) -> None:
    """``parkgraph build`` exits 2 with ``expected`` among its lines and changes no byte anywhere."""
    (mini / "sources" / "notes").mkdir(exist_ok=True)
    before = snapshot(mini)
    out = mini / "dist"
    result = cli("build", *corpus(mini), "--out", str(out))
    lines = result.stderr.splitlines()
    assert result.exit_code == 2, f"exit {result.exit_code} instead of 2 ({result.exception!r}) {result.stderr.strip()[-300:]}"
    assert expected.format(d=mini) in lines, f"missing {expected.format(d=mini)!r}; got {lines}"
    assert lines[-1].endswith("problem(s) in the extracts; nothing was written.")
    assert "Traceback" not in result.output
    assert snapshot(mini) == before
    assert not out.exists()


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_extract(case, mini: Path) -> None:
    _id, kind, rel, old, new, expected = case
    with RECORD.case("inputs", kind):
        path = mini / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, "the fixture changed; update the case"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert_build_refused(mini, expected)


def test_source_not_utf8_nor_gb18030_exact_message(mini: Path) -> None:
    with RECORD.case("inputs", "source file neither UTF-8 nor GB18030"):
        (mini / "sources" / "mini.txt").write_bytes(b"\xff\xfe\x00\x81\x30\x81")
        assert_build_refused(mini, "error: {d}/extracts/documents/mini.yaml:2: source file "
                                   "{d}/sources/mini.txt is neither UTF-8 nor GB18030 text")


def test_extract_yaml_not_utf8(mini: Path) -> None:
    with RECORD.case("inputs", "extract YAML saved as GB18030"):
        doc = mini / DOC
        data = doc.read_text(encoding="utf-8").encode("gb18030")
        doc.write_bytes(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            first_bad = exc.start
        assert_build_refused(mini, f"error: {{d}}/extracts/documents/mini.yaml: not UTF-8 text "
                                   f"(invalid start byte at byte {first_bad})")


def test_source_file_missing_while_another_is_fine(mini: Path) -> None:
    with RECORD.case("inputs", "source file missing (second document)"):
        doc = mini / DOC
        (mini / "extracts" / "documents" / "other.yaml").write_text(
            doc.read_text(encoding="utf-8").replace("file: mini.txt", "file: other.txt"), encoding="utf-8")
        assert_build_refused(mini, "error: {d}/extracts/documents/other.yaml:2: source file not found: "
                                   "{d}/sources/other.txt")


def test_nul_character_in_the_source_file_name(mini: Path) -> None:
    """A YAML escape can put a NUL into a file name, which no file system accepts: the curator gets one
    located line naming it (written with repr, so no raw NUL reaches the terminal), not a traceback."""
    with RECORD.case("inputs", "NUL character in source.file (\"mini\\0.txt\")"):
        doc = mini / DOC
        doc.write_text(doc.read_text(encoding="utf-8").replace("file: mini.txt", 'file: "mini\\0.txt"'),
                       encoding="utf-8")
        before = snapshot(mini)
        result = cli("build", *corpus(mini), "--out", str(mini / "dist"))
        assert result.exit_code == 2, f"exit {result.exit_code} instead of 2 ({result.exception!r})"
        lines = [line for line in result.stderr.splitlines() if line]
        assert "\0" not in result.stderr
        assert any(line.startswith(f"error: {mini}/extracts/documents/mini.yaml:2: ") and "'mini\\x00.txt'" in line
                   for line in lines), lines
        assert snapshot(mini) == before


def test_empty_and_missing_extracts_folders(tmp_path: Path) -> None:
    with RECORD.case("inputs", "empty extracts folder / no extracts folder", cases=2):
        empty = tmp_path / "extracts"
        empty.mkdir()
        before = snapshot(tmp_path)
        result = cli("build", "--extracts", str(empty), "--sources", str(tmp_path), "--out", str(tmp_path / "dist"))
        assert result.exit_code == 2
        assert [line for line in result.stderr.splitlines() if line] == [
            f"error: {empty}/documents: no document extracts (*.yaml) found",
            f"error: {empty}/registry: registry folder not found",
            "2 problem(s) in the extracts; nothing was written."]
        missing = tmp_path / "nowhere"
        result = cli("build", "--extracts", str(missing), "--sources", str(tmp_path), "--out", str(tmp_path / "dist"))
        assert result.exit_code == 2
        assert [line for line in result.stderr.splitlines() if line] == [f"error: {missing}: extracts folder not found",
                                              "1 problem(s) in the extracts; nothing was written."]
        assert snapshot(tmp_path) == before


def test_empty_document_and_missing_registry_file(mini: Path) -> None:
    with RECORD.case("inputs", "empty document file / registry file missing", cases=2):
        (mini / DOC).write_text("", encoding="utf-8")
        assert_build_refused(mini, "error: {d}/extracts/documents/mini.yaml: expected a mapping with a "
                                   "'source' block and fact sections")
        (mini / CHAINS).unlink()
        assert_build_refused(mini, "error: {d}/extracts/registry/chains.yaml: registry file chains.yaml is missing")


# --- outputs: a folder that does not exist, a folder where a file should be, a full disk --------------

def test_outputs_into_a_missing_folder_write_nothing(mini: Path) -> None:
    missing = mini / "no" / "such"
    commands = {
        "export": ["export", "-f", "turtle", "-o", str(missing / "x.ttl")],
        "query": ["query", "find-entity", "-f", "csv", "-o", str(missing / "rows.csv")],
        "viz": ["viz", "-o", str(missing / "view.html")],
        "analyze --graphml": ["analyze", "--graphml", str(missing / "g.graphml")],
    }
    with RECORD.case("inputs", "output path in a folder that does not exist (export, query, viz, analyze)",
                     cases=len(commands)):
        before = snapshot(mini)
        for args in commands.values():
            result = cli(*args, *corpus(mini))
            assert result.exit_code == 2, f"exit {result.exit_code} instead of 2 ({result.exception!r}): {args}"
            target = Path(args[-1])
            assert result.stderr == f"error: cannot write {target}: folder {target.parent} does not exist\n"
        assert snapshot(mini) == before


def test_export_onto_a_folder_is_a_clean_error(mini: Path) -> None:
    with RECORD.case("inputs", "export -o names an existing folder"):
        target = mini / "dist"
        target.mkdir()
        before = snapshot(mini)
        result = cli("export", "-f", "turtle", "-o", str(target), *corpus(mini))
        assert result.exit_code == 2, f"exit {result.exit_code} instead of 2 ({result.exception!r})"
        assert result.stderr == f"error: cannot write {target}: Is a directory\n"
        assert snapshot(mini) == before


def test_build_out_is_a_file_is_a_clean_error(mini: Path) -> None:
    with RECORD.case("inputs", "build --out names an existing file"):
        target = mini / "dist"
        target.write_text("not a folder", encoding="utf-8")
        before = snapshot(mini)
        result = cli("build", *corpus(mini), "--out", str(target))
        assert result.exit_code == 2, f"exit {result.exit_code} instead of 2 ({result.exception!r})"
        assert result.stderr.splitlines()[-1] == f"error: cannot create folder {target}: File exists"
        assert snapshot(mini) == before


# parkgraph's CLI in a child whose writes fail beyond 4 KB with EFBIG, as on a full disk
FULL_DISK = ("import resource, runpy, sys; resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); "
             "sys.argv = ['parkgraph', *sys.argv[1:]]; runpy.run_module('parkgraph', run_name='__main__')")


def test_full_disk_during_export_is_one_line_and_keeps_the_old_file(mini: Path, root: Path) -> None:
    with RECORD.case("inputs", "disk full during export (EFBIG in a subprocess)"):
        out = mini / "dist"
        out.mkdir()
        target = out / "parkgraph.nq"
        target.write_bytes(b"OLD EXPORT\n")
        proc = subprocess.run(
            [sys.executable, "-c", FULL_DISK, "export", "-f", "nquads", "-o", str(target), *corpus(mini)],
            cwd=root, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        assert target.read_bytes() == b"OLD EXPORT\n"
        assert temporaries(out) == []
        assert "Traceback" not in proc.stderr, f"traceback: {proc.stderr.strip().splitlines()[-1]}"
        assert proc.returncode == 2
        assert proc.stderr.splitlines()[-1] == f"error: cannot write {target}: File too large"


def test_written_files_get_ordinary_permissions(mini: Path, tmp_path: Path) -> None:
    """A new export is readable like any new file (0666 minus the umask), a replaced one keeps its mode
    (mkstemp creates 0600 files: renamed into place, they would lock everyone else out)."""
    with RECORD.case("inputs", "atomic writes: new file mode follows the umask, a replaced file keeps its mode",
                     cases=2):
        umask = os.umask(0o022)
        os.umask(umask)
        new, old = tmp_path / "new.ttl", tmp_path / "old.ttl"
        old.write_text("old", encoding="utf-8")
        old.chmod(0o640)
        for target in (new, old):
            result = cli("export", "-f", "turtle", "-o", str(target), *corpus(mini))
            assert result.exit_code == 0, (result.output, result.exception)
        assert (oct(new.stat().st_mode & 0o777), oct(old.stat().st_mode & 0o777)) == (oct(0o666 & ~umask), oct(0o640))


# --- saved and ad-hoc queries ----------------------------------------------------------------------------

QUERY_CASES = [
    ("year-not-a-year", ["park-targets", "-p", "year=next"], "error: parameter year: 'next' is not a year such as 2019"),
    ("integer-not-integer", ["parks-sharing-chains", "-p", "min_shared=two"], "error: parameter min_shared: 'two' is not an integer"),
    ("boolean-not-boolean", ["parks-sharing-chains", "-p", "rollup=maybe"], "error: parameter rollup: 'maybe' is not true or false"),
    ("iri-not-iri", ["park-chains", "-p", "park=长沙经开区"],
     "error: parameter park: '长沙经开区' is not an IRI or an id such as park/changsha-etdz"),
    ("unknown-parameter", ["park-targets", "-p", "colour=red"],
     "error: query 'park-targets' has no parameter 'colour' (it takes: park, year)"),
    ("limit-zero", ["find-entity", "--limit", "0"], "error: --limit must be a positive integer"),
]


@pytest.mark.parametrize("case", QUERY_CASES, ids=[c[0] for c in QUERY_CASES])
def test_query_parameter_of_wrong_type(case, mini: Path) -> None:
    _id, args, expected = case
    with RECORD.case("inputs", f"query parameter: {_id}"):
        out = mini / "rows.csv"
        out.write_text("old rows\n", encoding="utf-8")
        before = snapshot(mini)
        result = cli("query", *args, "-f", "csv", "-o", str(out), *corpus(mini))
        assert result.exit_code == 2, f"exit {result.exit_code} instead of 2 ({result.exception!r})"
        assert result.stderr == expected + "\n"
        assert snapshot(mini) == before


def test_ad_hoc_query_with_a_syntax_error(mini: Path) -> None:
    with RECORD.case("inputs", "ad-hoc query file (--file) with a syntax error"):
        bad = mini / "bad.rq"
        bad.write_text("# title: broken | broken\nPREFIX pg: <https://w3id.org/parkgraph/ontology#>\n"
                       "SELECT ?x WHERE {\n  ?x a pg:Park .\n  FILTER(?x = )\n}\n", encoding="utf-8")
        before = snapshot(mini)
        result = cli("query", "--file", str(bad), "-f", "csv", "-o", str(mini / "rows.csv"), *corpus(mini))
        assert result.exit_code == 2
        assert result.stderr == "error: syntax error in query bad at line 5, column 3: Expected SelectQuery\n"
        assert snapshot(mini) == before


def test_ad_hoc_query_file_missing_or_not_utf8(mini: Path) -> None:
    with RECORD.case("inputs", "ad-hoc query file missing / not UTF-8", cases=2):
        gbk = mini / "gbk.rq"
        gbk.write_bytes("# 标题\nSELECT * WHERE { ?s ?p ?o }\n".encode("gb18030"))
        before = snapshot(mini)
        for path, why in ((mini / "none.rq", "No such file or directory"), (gbk, "can't decode byte 0xb1")):
            result = cli("query", "--file", str(path), *corpus(mini))
            assert result.exit_code == 2
            said = " ".join(result.stderr.replace("│", " ").split())
            assert f"Invalid value for --file: cannot read {path}" in said and why in said, said
        assert snapshot(mini) == before


def test_saved_query_name_cannot_reach_outside_the_catalogue(mini: Path) -> None:
    names = ["../../../etc/passwd", "/etc/passwd", "_labels/../find-entity", "FIND-ENTITY", "find-entity.rq"]
    with RECORD.case("inputs", "saved query names with paths (traversal)", cases=len(names)):
        for name in names:
            result = cli("query", name, *corpus(mini))
            assert result.exit_code == 2
            assert result.stderr.startswith(f"error: no saved query named {name!r} (known: ")


# --- writes killed midway ------------------------------------------------------------------------------

def test_writer_raising_keeps_the_old_file(tmp_path: Path) -> None:
    with RECORD.case("inputs", "atomic_write: the writer raises midway"):
        target = tmp_path / "export.nq"
        target.write_bytes(b"OLD\n")

        def half_then_fail(f) -> None:
            f.write(b"NEW" * 100_000)
            raise RuntimeError("disk on fire")

        with pytest.raises(RuntimeError, match="disk on fire"):
            atomic_write(target, half_then_fail)
        assert target.read_bytes() == b"OLD\n"
        assert temporaries(tmp_path) == []


WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from parkgraph.graph.export import atomic_write

    def writer(f):
        f.write(b"NEW" * 200_000)
        f.flush()
        print("half", flush=True)
        time.sleep(60)
        f.write(b"END")

    atomic_write(Path(sys.argv[1]), writer)
""")


def _kill_midway(tmp_path: Path, sig: int) -> tuple[Path, list[str]]:
    """Run atomic_write in a child, stop it with ``sig`` while half the file is written."""
    target = tmp_path / "export.nq"
    target.write_bytes(b"OLD\n")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        ready, _, _ = select.select([proc.stdout], [], [], SUBPROCESS_TIMEOUT)
        assert ready and proc.stdout.readline().strip() == "half"  # type: ignore[union-attr]
        during = temporaries(tmp_path)
        assert len(during) == 1  # the half-written temporary file exists: we really are midway
        proc.send_signal(sig)
        proc.wait(timeout=SUBPROCESS_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=SUBPROCESS_TIMEOUT)
    return target, during


def test_interrupt_midway_keeps_the_old_file(tmp_path: Path) -> None:
    with RECORD.case("inputs", "write interrupted midway (SIGINT)"):
        target, _ = _kill_midway(tmp_path, signal.SIGINT)
        assert target.read_bytes() == b"OLD\n"
        assert temporaries(tmp_path) == []


def test_sigkill_midway_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    """SIGKILL cannot be caught: the old file must be intact, and the next write of the same
    file must not leave the killed write's temporary file behind."""
    with RECORD.case("inputs", "write killed midway (SIGKILL), then written again"):
        target, during = _kill_midway(tmp_path, signal.SIGKILL)
        assert target.read_bytes() == b"OLD\n"
        atomic_write(target, lambda f: f.write(b"NEW\n"))
        assert target.read_bytes() == b"NEW\n"
        assert temporaries(tmp_path) == [], f"the killed write's temporary file is still there: {during}"


def test_real_export_killed_at_any_moment_leaves_old_or_new_never_partial(mini: Path, root: Path) -> None:
    delays = [0.3, 0.8, 1.2, 1.6, 2.0, 2.5, 3.5]
    with RECORD.case("inputs", "parkgraph export killed (SIGKILL) at 7 moments", cases=len(delays)) as case:
        out = mini / "dist"
        out.mkdir()
        target = out / "parkgraph.nq"
        args = [sys.executable, "-m", "parkgraph", "export", "-f", "nquads", "-o", str(target), *corpus(mini)]
        fresh = mini / "fresh.nq"
        subprocess.run([*args[:-5], str(fresh), *corpus(mini)], cwd=root, check=True, capture_output=True,
                       timeout=SUBPROCESS_TIMEOUT)
        new = fresh.read_bytes()
        outcomes = []
        for delay in delays:
            target.write_bytes(b"OLD\n")
            proc = subprocess.Popen(args, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=SUBPROCESS_TIMEOUT)
            data = target.read_bytes()
            assert data in (b"OLD\n", new), f"partial file after a kill at {delay} s ({len(data)} bytes)"
            outcomes.append("old" if data == b"OLD\n" else "new")
            for name in temporaries(out):
                (out / name).unlink()  # a kill between mkstemp and rename leaves one (see the SIGKILL test)
        case.note = f"old kept {outcomes.count('old')}×, new complete {outcomes.count('new')}×"
