"""The CLI, in-process: every command has help, build writes exports, errors are one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from parkgraph.cli import app

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert get_command(app).commands[command].help  # type: ignore[attr-defined]


def test_build_writes_all_exports(mini: Path) -> None:
    out = mini / "dist"
    result = CliRunner().invoke(app, ["build", "--extracts", str(mini / "extracts"),
                                      "--sources", str(mini / "sources"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "SHACL validation: conforms" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "parkgraph.jsonld", "parkgraph.nq", "parkgraph.nt", "parkgraph.trig", "parkgraph.ttl"]


def test_export_into_missing_folder_fails_cleanly(mini: Path) -> None:
    target = mini / "nope" / "out.ttl"
    result = CliRunner().invoke(app, ["export", "--extracts", str(mini / "extracts"),
                                      "--sources", str(mini / "sources"), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: cannot write {target}: folder {mini / 'nope'} does not exist"


def test_unknown_format_is_a_usage_error(mini: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "rdfxml", "--extracts", str(mini / "extracts"),
                                      "--sources", str(mini / "sources")])
    assert result.exit_code == 2
    flat = " ".join(result.output.replace("│", " ").split())  # typer draws errors in a box
    assert "Invalid value for --format: choose from turtle, ntriples, trig, nquads, jsonld" in flat


def test_only_parkgraph_is_installed_at_top_level() -> None:
    """The card's folders map into parkgraph.*; nothing claims `graph`, `viz` … in site-packages."""
    from importlib.metadata import distribution

    assert distribution("parkgraph").read_text("top_level.txt").split() == ["parkgraph"]


def test_build_summary_of_a_large_corpus_lists_the_first_documents_and_the_sums(tmp_path: Path) -> None:
    from parkgraph.graph.synth import synthesize

    synthesize(25, 2, tmp_path / "c")
    args = ["--extracts", str(tmp_path / "c" / "extracts"), "--sources", str(tmp_path / "c" / "sources")]
    result = CliRunner().invoke(app, ["build", *args, "--out", str(tmp_path / "out"), "--formats", "nquads",
                                      "--no-validate"])
    assert result.exit_code == 0, result.output
    assert "(20 of 25 documents shown; `parkgraph stats` lists every one)" in result.stdout
    rows = [line for line in result.stdout.splitlines() if line.startswith("│ park ")]
    assert len(rows) == 20
    assert any(line.startswith("│ sum ") and " 25 " in line for line in result.stdout.splitlines())
    full = CliRunner().invoke(app, ["stats", *args])
    assert full.exit_code == 0 and "documents shown" not in full.stdout
    assert len([line for line in full.stdout.splitlines() if line.startswith("│ park ")]) == 25
