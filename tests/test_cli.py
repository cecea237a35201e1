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
