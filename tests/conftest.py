"""Shared fixtures: the real corpus built once per session, and a tiny valid corpus to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from parkgraph.graph.build import Build, build

# CI runs the property tests derandomised (same examples every run, so a red build is
# reproducible); local runs keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true",
                     help="rewrite tests/golden/* from the current code instead of comparing")


@pytest.fixture(scope="session")
def regen_golden(pytestconfig: pytest.Config) -> bool:
    return bool(pytestconfig.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def root(pytestconfig: pytest.Config) -> Path:
    return Path(pytestconfig.rootpath)


@pytest.fixture(scope="session")
def built(root: Path) -> Build:
    """The knowledge graph of the five real source documents, on the default engine."""
    return build(root / "extracts", root / "sources")


@pytest.fixture()
def mini(tmp_path: Path, root: Path) -> Path:
    """A writable copy of the tiny valid corpus in tests/fixtures/mini (extracts/ and sources/)."""
    dest = tmp_path / "mini"
    shutil.copytree(root / "tests" / "fixtures" / "mini", dest)
    return dest
