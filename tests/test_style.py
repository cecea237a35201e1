"""The code passes ruff, which also bans bare imports of the card's folder names (TID251)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_ruff_passes(root: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=root,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
