"""The README's test command is exactly what CI runs."""

from __future__ import annotations

import re
from pathlib import Path


def test_ci_runs_the_readme_test_command(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
    assert blocks[0] == "pip install . && parkgraph build"
