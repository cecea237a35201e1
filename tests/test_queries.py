"""Saved queries on the embedded graph: headers, parameters bound safely, formats, refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.graph.build import Build
from parkgraph.queries import QueryError, list_queries, load_query, prepare, run_local, run_query

QUERIES = [q.name for q in list_queries()]


def test_at_least_fifteen_documented_queries() -> None:
    assert len(QUERIES) >= 15
    for q in list_queries():
        assert q.title_zh and q.title_en and q.description, q.name
        for p in q.params:
            assert p.help, (q.name, p.name)


@pytest.mark.parametrize("name", QUERIES)
def test_every_saved_query_runs_with_defaults(name: str, built: Build) -> None:
    result = run_query(built.graph, name)
    assert result.vars
    for row in result:
        assert set(row) <= set(result.vars)


def test_parameter_carrying_sparql_cannot_change_the_query(built: Build) -> None:
    evil = '长沙经开区"@zh } UNION { ?entity ?type ?label } #'
    prepared = prepare(load_query("find-entity"), {"name": evil})
    assert evil not in prepared.text  # the value is escaped, not pasted
    assert run_local(built.graph, prepared) == []
    iri_evil = "https://w3id.org/parkgraph/id/park/x> ?p ?o } #"
    with pytest.raises(QueryError, match="is not an IRI"):
        prepare(load_query("park-chains"), {"park": iri_evil})


def test_parameter_of_wrong_type_is_refused() -> None:
    with pytest.raises(QueryError, match="parameter year: 'next year' is not a year such as 2019"):
        prepare(load_query("park-targets"), {"year": "next year"})
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        prepare(load_query("park-targets"), {"colour": "red"})


def test_updates_are_refused_unless_allowed(built: Build) -> None:
    update = "INSERT DATA { <urn:x> <urn:y> <urn:z> }"
    with pytest.raises(QueryError, match="refusing to run an update"):
        prepare(update)
    assert prepare(update, allow_update=True).is_update


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(QueryError, match=r"syntax error in query \(ad hoc\) at line 1, column"):
        prepare("SELECT ?x WHERE { ?x ?y }")


def test_rollup_changes_the_similarity(built: Build) -> None:
    plain = run_query(built.graph, "parks-sharing-chains")
    rolled = run_query(built.graph, "parks-sharing-chains", {"rollup": "true"})
    assert len(rolled) >= len(plain) > 0
    for row in plain:
        assert 0 < row["jaccard"] <= 1
        assert row["shared"] == len(row["sharedChains"].split("、"))


def _cli(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def test_cli_lists_queries() -> None:
    result = _cli("queries")
    assert result.exit_code == 0
    assert "parks-sharing-chains" in result.stdout and "产业同构" in result.stdout


def test_cli_json_rows_keyed_by_variable(root: Path) -> None:
    result = _cli("query", "park-chains", "--param", "park=park/changsha-etdz", "--format", "json",
                  "--extracts", str(root / "extracts"), "--sources", str(root / "sources"))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"chain", "chainLabel", "role", "roleLabel", "document"} == set(rows[0])
    assert "集成电路" in {r["chainLabel"] for r in rows}


def test_cli_table_shows_labels_not_iris(root: Path) -> None:
    result = _cli("query", "park-chains", "--extracts", str(root / "extracts"), "--sources", str(root / "sources"))
    assert result.exit_code == 0
    assert "工程机械" in result.stdout and "主导产业" in result.stdout
    assert "https://" not in result.stdout


def test_cli_ad_hoc_query_from_stdin_and_file(root: Path, tmp_path: Path) -> None:
    q = "PREFIX pg: <https://w3id.org/parkgraph/ontology#>\nSELECT (COUNT(*) AS ?n) WHERE { ?d a pg:SourceDocument }\n"
    common = ["--format", "csv", "--extracts", str(root / "extracts"), "--sources", str(root / "sources")]
    result = _cli("query", "-", *common, input=q)
    assert result.exit_code == 0, result.output
    assert result.stdout == "n\n5\n"
    path = tmp_path / "my.rq"
    path.write_text(q, encoding="utf-8")
    result = _cli("query", "--file", str(path), *common)
    assert result.stdout == "n\n5\n"


def test_cli_refuses_update_and_bad_params(root: Path) -> None:
    common = ["--extracts", str(root / "extracts"), "--sources", str(root / "sources")]
    result = _cli("query", "-", *common, input="DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert result.stderr.strip() == ("error: refusing to run an update (INSERT/DELETE/LOAD/CLEAR/DROP …); "
                                     "pass --allow-update if you mean to change the data")
    result = _cli("query", "nope", *common)
    assert result.exit_code == 2 and result.stderr.startswith("error: no saved query named 'nope' (known: ")


def test_cli_writes_output_file(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.tsv"
    result = _cli("query", "policies-with-doc-number", "-f", "tsv", "-o", str(out),
                  "--extracts", str(root / "extracts"), "--sources", str(root / "sources"))
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t")[:3] == ["policy", "title", "docNumber"]
    assert len(lines) == 3
