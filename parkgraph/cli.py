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
from parkgraph.graph.store import DEFAULT_ENGINE, ENGINES, KnowledgeGraph, open_graph
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


StoreOpt = Annotated[Path | None, typer.Option("--store", help="Use the graph built earlier into this on-disk store (parkgraph build --store DIR) instead of rebuilding.")]


def _build(extracts: Path, sources: Path, engine: str, store: Path | None = None,
           show_progress: bool = False) -> Build:
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose from {', '.join(ENGINES)}", param_hint="--engine")
    try:
        if not show_progress:
            return build(extracts, sources, engine, store, keep_documents=False)
        from rich.progress import Progress as Bar
        with Bar(console=err, transient=True) as bar:
            task = bar.add_task("loading documents", total=None)
            return build(extracts, sources, engine, store, keep_documents=False,
                         progress=lambda _stage, done, total: bar.update(task, completed=done, total=total))
    except ParkgraphError as exc:
        raise _fail(exc) from exc


def _graph(extracts: Path, sources: Path, engine: str, store: Path | None) -> KnowledgeGraph:
    """The graph a command works on: an existing on-disk store, or a fresh build of the extracts."""
    if store is None:
        return _build(extracts, sources, engine).graph
    try:
        return open_graph(store)
    except ParkgraphError as exc:
        raise _fail(exc) from exc


_NAMED = [("parks", "Park"), ("chains", "IndustryChain"), ("firms", "Enterprise"),
          ("policies", "Policy"), ("regions", "Region")]
_FACTS = [("targets", "Target"), ("stats", "Statistic"), ("chain links", "ChainMembership"),
          ("firm roles", "EnterpriseRole"), ("park rels", "ParkRelationship"),
          ("policy facts", "PolicyApplication"), ("quotes", "Evidence")]


SUMMARY_DOCUMENTS = 20  # documents listed in the build summary; `parkgraph stats` lists every one


def _print_stats(stats: Stats, max_documents: int | None = None) -> None:
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
    shown = list(stats.documents.items())[:max_documents]
    cut = len(shown) < len(stats.documents)  # a national corpus: the first ones, then the sums
    for doc, counts in shown:
        named = stats.named.get(doc, {})
        docs.add_row(doc.split("-")[0], *(str(named.get(c, 0)) for _, c in _NAMED),
                     *(str(counts.get(c, 0)) for _, c in _FACTS))
    if cut:
        docs.add_row("…", *(["…"] * (len(_NAMED) + len(_FACTS))))
        docs.add_row("sum", *(f"{sum(n.get(c, 0) for n in stats.named.values()):,}" for _, c in _NAMED),
                     *(f"{sum(n.get(c, 0) for n in stats.documents.values()):,}" for _, c in _FACTS))
    out.print(docs)
    if cut:
        out.print(f"({len(shown)} of {len(stats.documents):,} documents shown; `parkgraph stats` lists every one)")
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
    store: Annotated[Path | None, typer.Option("--store", help="Build into an on-disk store in this folder, to query later without rebuilding.")] = None,
    check: Annotated[bool, typer.Option("--validate/--no-validate", help="Validate with SHACL (slow on millions of triples).")] = True,
) -> None:
    """Build the knowledge graph from the extracts, validate it, print a summary and write the exports."""
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise typer.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from {', '.join(FORMATS)}",
                                 param_hint="--formats")
    start = time.perf_counter()
    result = _build(extracts, sources, engine, store, show_progress=True)
    built = time.perf_counter() - start
    stats = compute_stats(result.graph)
    _print_stats(stats, SUMMARY_DOCUMENTS)
    if check:
        report = validate(result.graph)
        _print_report(report)
        if not report.conforms:
            err.print("error: the graph does not conform to the SHACL shapes; nothing was written.")
            raise typer.Exit(1)
    else:
        out.print("SHACL validation: skipped (--no-validate)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err.print(f"error: cannot create folder {out_dir}: {exc.strerror}", markup=False)
        raise typer.Exit(2) from exc
    for fmt in wanted:
        path = out_dir / f"parkgraph{SUFFIXES[fmt]}"
        try:
            size = export(result.graph, fmt, path)
        except ParkgraphError as exc:
            raise _fail(exc) from exc
        out.print(f"wrote {path} ({size:,} bytes)")
    where = f"on-disk store {store}" if store else f"{engine} engine"
    out.print(f"built in {built:.2f} s on the {where}")


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "turtle",
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write ('-' for standard output).")] = Path("-"),
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    engine: EngineOpt = DEFAULT_ENGINE,
    store: StoreOpt = None,
) -> None:
    """Export the graph: turtle and ntriples give the union of all graphs, trig/nquads/jsonld keep named graphs."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    kg = _graph(extracts, sources, engine, store)
    try:
        if str(output) == "-":
            from parkgraph.graph.export import serialize
            serialize(kg, fmt, sys.stdout.buffer)
        else:
            size = export(kg, fmt, output)
            err.print(f"wrote {output} ({size:,} bytes)")
    except ParkgraphError as exc:
        raise _fail(exc) from exc


@app.command("stats")
def stats_cmd(extracts: ExtractsOpt = DEFAULT_EXTRACTS, sources: SourcesOpt = DEFAULT_SOURCES,
              engine: EngineOpt = DEFAULT_ENGINE, store: StoreOpt = None) -> None:
    """Print entity counts per class and fact counts per source document."""
    _print_stats(compute_stats(_graph(extracts, sources, engine, store)))


@app.command("validate")
def validate_cmd(extracts: ExtractsOpt = DEFAULT_EXTRACTS, sources: SourcesOpt = DEFAULT_SOURCES,
                 engine: EngineOpt = DEFAULT_ENGINE, store: StoreOpt = None) -> None:
    """Validate the built graph against the SHACL shapes (exit 0 conforms, 1 violations, 2 bad input)."""
    report = validate(_graph(extracts, sources, engine, store))
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


# the SPARQL and view commands live in their own modules; imported here so that
# `parkgraph --help` lists them in this order
from parkgraph import cli_sparql, cli_views  # noqa: E402, F401, I001  (registers their commands)


@app.command("extract")
def extract_cmd(
    file: Annotated[Path, typer.Argument(help="A plain-text document (UTF-8 or GB18030), or a reviewed draft .yaml with --merge.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the draft here (YAML in the curated format).")] = None,
    merge: Annotated[bool, typer.Option("--merge", help="Add the (reviewed) draft to extracts/ and the registry; refuses conflicts.")] = False,
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
) -> None:
    """Draft an extract of a new document: parks, chains, enterprises, policies, targets, each with evidence."""
    from parkgraph.loaders.drafting.commands import extract_command
    try:
        text = extract_command(file, output, merge, extracts, sources)
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("eval-extract")
def eval_extract_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    held_out: Annotated[bool, typer.Option("--held-out/--no-held-out", help="Also score drafts made without the registry entities only that document cites.")] = True,
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
) -> None:
    """Draft every curated source and score the drafts against the curated extracts (P/R/F1 per kind)."""
    from parkgraph.loaders.drafting.commands import eval_extract_command
    try:
        sys.stdout.write(eval_extract_command(extracts, sources, as_json, held_out))
    except ParkgraphError as exc:
        raise _fail(exc) from exc


@app.command("synth")
def synth_cmd(
    parks: Annotated[int, typer.Option("--parks", min=1, help="How many parks to generate.")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed writes the same corpus.")] = 1,
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write extracts/ and sources/ into.")] = Path("synth"),
    enterprises: Annotated[int, typer.Option("--enterprises-per-park", min=1, help="Enterprises per park.")] = 20,
) -> None:
    """Write a synthetic national park graph in the curated format (for testing at scale)."""
    from parkgraph.graph.synth import synthesize
    try:
        report = synthesize(parks, seed, output, enterprises)
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    out.print(f"wrote {report.parks} parks, {report.enterprises} enterprises, {report.facts} facts to {output}")
    out.print(f"build it with: parkgraph build --extracts {output / 'extracts'} --sources {output / 'sources'}")


@app.command("version")
def version_cmd() -> None:
    """Print parkgraph's version."""
    out.print(f"parkgraph {__version__}")


def main() -> None:
    """Console-script entry point."""
    app()
