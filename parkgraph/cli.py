"""The ``parkgraph`` command: each command parses, makes one library call, prints.

Library errors are typed (parkgraph.errors); only here do they become messages
and exit codes: 0 success, 1 the graph does not conform, 2 bad input or usage.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from parkgraph import __version__
from parkgraph.errors import ExtractError, ParkgraphError
from parkgraph.graph.build import DEFAULT_EXTRACTS, DEFAULT_SOURCES, Build, build
from parkgraph.graph.export import FORMATS, SUFFIXES, atomic_write, export
from parkgraph.graph.stats import Stats, compute_stats
from parkgraph.graph.store import DEFAULT_ENGINE, ENGINES
from parkgraph.graph.validate import ValidationReport, validate

app = typer.Typer(
    name="parkgraph",
    help="A knowledge graph of Chinese development zones, industry chains, enterprises, policies and targets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console(highlight=False, soft_wrap=True, emoji=False)
if not out.is_terminal:  # piped or captured: wide enough for the summary tables
    out.width = 132
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

ExtractsOpt = Annotated[Path, typer.Option("--extracts", help="Folder of curated extracts (registry/ and documents/).")]
SourcesOpt = Annotated[Path, typer.Option("--sources", help="Folder of source documents the evidence quotes come from.")]
EngineOpt = Annotated[str, typer.Option("--engine", help=f"Storage engine: {', '.join(ENGINES)}.")]


def _fail(exc: ParkgraphError) -> typer.Exit:
    if isinstance(exc, ExtractError):
        for problem in exc.problems:
            err.print(f"error: {problem}", markup=False)
        err.print(f"{len(exc.problems)} problem(s) in the extracts; nothing was written.", markup=False)
    else:
        err.print(f"error: {exc}", markup=False)
    return typer.Exit(exc.exit_code)


def _build(extracts: Path, sources: Path, engine: str) -> Build:
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose from {', '.join(ENGINES)}", param_hint="--engine")
    try:
        return build(extracts, sources, engine)
    except ParkgraphError as exc:
        raise _fail(exc) from exc


_NAMED = [("parks", "Park"), ("chains", "IndustryChain"), ("firms", "Enterprise"),
          ("policies", "Policy"), ("regions", "Region")]
_FACTS = [("targets", "Target"), ("stats", "Statistic"), ("chain links", "ChainMembership"),
          ("firm roles", "EnterpriseRole"), ("park rels", "ParkRelationship"),
          ("policy facts", "PolicyApplication"), ("quotes", "Evidence")]


def _print_stats(stats: Stats) -> None:
    table = Table(title="Entities per class 各类实体数")
    table.add_column("class")
    table.add_column("count", justify="right")
    for name, n in stats.classes.items():
        table.add_row(name, str(n))
    out.print(table)
    docs = Table(title="Per source document: entities named, facts stated 各文件")
    docs.add_column("doc")
    for header, _ in _NAMED + _FACTS:
        docs.add_column(header, justify="right")
    for doc, counts in stats.documents.items():
        named = stats.named.get(doc, {})
        docs.add_row(doc.split("-")[0], *(str(named.get(c, 0)) for _, c in _NAMED),
                     *(str(counts.get(c, 0)) for _, c in _FACTS))
    out.print(docs)
    out.print(f"triples (union): {stats.triples}   quads: {stats.quads}   named graphs: {len(stats.graphs)}")


def _print_report(report: ValidationReport) -> None:
    for finding in report.findings:
        (out if finding.severity != "Violation" else err).print(str(finding), markup=False)
    verdict = "conforms" if report.conforms else "DOES NOT CONFORM"
    out.print(f"SHACL validation: {verdict} "
              f"({report.count('Violation')} violations, {report.count('Warning')} warnings)")


@app.command("build")
def build_cmd(
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder the exports are written to.")] = Path("dist"),
    formats: Annotated[str, typer.Option("--formats", help="Comma-separated export formats.")] = ",".join(FORMATS),
    engine: EngineOpt = DEFAULT_ENGINE,
) -> None:
    """Build the knowledge graph from the extracts, validate it, print a summary and write the exports."""
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise typer.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}",
                                 param_hint="--formats")
    start = time.perf_counter()
    result = _build(extracts, sources, engine)
    built = time.perf_counter() - start
    stats = compute_stats(result.graph)
    _print_stats(stats)
    report = validate(result.graph)
    _print_report(report)
    if not report.conforms:
        err.print("error: the graph does not conform to the SHACL shapes; nothing was written.")
        raise typer.Exit(1)
    out_dir.mkdir(parents=True, exist_ok=True)
    for fmt in wanted:
        path = out_dir / f"parkgraph{SUFFIXES[fmt]}"
        size = export(result.graph, fmt, path)
        out.print(f"wrote {path} ({size:,} bytes)")
    out.print(f"built in {built:.2f} s on the {engine} engine")


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "turtle",
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for standard output).")] = Path("-"),
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    engine: EngineOpt = DEFAULT_ENGINE,
) -> None:
    """Export the graph: turtle and ntriples give the union of all graphs, trig/nquads/jsonld keep named graphs."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    result = _build(extracts, sources, engine)
    try:
        if str(output) == "-":
            from parkgraph.graph.export import serialize
            serialize(result.graph, fmt, sys.stdout.buffer)
        else:
            size = export(result.graph, fmt, output)
            err.print(f"wrote {output} ({size:,} bytes)")
    except ParkgraphError as exc:
        raise _fail(exc) from exc


@app.command("stats")
def stats_cmd(extracts: ExtractsOpt = DEFAULT_EXTRACTS, sources: SourcesOpt = DEFAULT_SOURCES,
              engine: EngineOpt = DEFAULT_ENGINE) -> None:
    """Print entity counts per class and fact counts per source document."""
    _print_stats(compute_stats(_build(extracts, sources, engine).graph))


@app.command("validate")
def validate_cmd(extracts: ExtractsOpt = DEFAULT_EXTRACTS, sources: SourcesOpt = DEFAULT_SOURCES,
                 engine: EngineOpt = DEFAULT_ENGINE) -> None:
    """Validate the built graph against the SHACL shapes (exit 0 conforms, 1 violations, 2 bad input)."""
    report = validate(_build(extracts, sources, engine).graph)
    _print_report(report)
    if not report.conforms:
        raise typer.Exit(1)


@app.command("docs")
def docs_cmd(output: Annotated[Path, typer.Option("--output", "-o", help="Markdown file to write.")] = Path("docs/ontology.md")) -> None:
    """Regenerate the ontology reference (docs/ontology.md) from the ontology itself."""
    from parkgraph.ontology.docs import ontology_markdown
    text = ontology_markdown().encode("utf-8")
    try:
        atomic_write(output, lambda f: f.write(text))
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    out.print(f"wrote {output}")


@app.command("version")
def version_cmd() -> None:
    """Print parkgraph's version."""
    out.print(f"parkgraph {__version__}")


def main() -> None:
    """Console-script entry point."""
    app()
