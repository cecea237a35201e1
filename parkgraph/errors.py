"""Typed errors. Library code raises these; only the CLI turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ParkgraphError(Exception):
    """Base class of every error parkgraph raises on purpose."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an input file, located by file and line."""

    path: Path
    line: int | None
    message: str

    def __post_init__(self) -> None:
        # one problem, one line: control characters from file names or values are shown escaped
        clean = self.message.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
        object.__setattr__(self, "message", clean)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


class ExtractError(ParkgraphError):
    """The curated extracts are wrong; carries every problem found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line or 0, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class ValidationFailed(ParkgraphError):
    """The built graph does not conform to the SHACL shapes."""

    exit_code = 1

    def __init__(self, report: object) -> None:
        self.report = report
        super().__init__("the graph does not conform to the SHACL shapes")


class OutputError(ParkgraphError):
    """An output file cannot be written where the user asked."""
