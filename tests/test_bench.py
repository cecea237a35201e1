"""The benchmark harness works end to end at a tiny size (it checks the harness, not the speed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_benchmark_harness_small(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    result = subprocess.run(
        [sys.executable, str(root / "bench" / "run.py"), "--sizes", "3k", "--rdflib-max", "3k",
         "--workdir", str(tmp_path / "work"), "--out", str(out), "--worker-timeout", "300"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PGBENCH_QUERY_BUDGET": "30"})
    assert result.returncode == 0, result.stderr
    table = out.read_text(encoding="utf-8")
    assert table.startswith("Command: `python bench/run.py --sizes 3k")
    rows = {line.split(" | ")[0].lstrip("| ") for line in table.splitlines() if line.startswith("| ")}
    assert {"build", "peak memory", "peak memory after build", "peak memory after exports", "parse turtle",
            "serialise turtle", "export turtle", "query park-chains", "query parks-sharing-chains",
            "similar parks: top 100 pairs (scipy)", "view park", "view chain", "view overview",
            "extract: load registry", "extract: load registry, cached", "extract: drafting throughput"} <= rows
    drafting = next(line for line in table.splitlines() if line.startswith("| extract: drafting throughput |"))
    assert drafting.split(" | ")[1].endswith("chars/s") and drafting.split(" | ")[2] == "—"
    build = next(line for line in table.splitlines() if line.startswith("| build |"))
    cells = [c.strip() for c in build.strip("|").split("|")]
    assert cells[1].endswith(("ms", " s")) and cells[2].endswith(("ms", " s")) and cells[3].endswith("×")
