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
    _print_stats(stats)
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


ParamOpt = Annotated[list[str], typer.Option("--param", "-p", help="A parameter as key=value (repeatable).")]
EndpointOpt = Annotated[str | None, typer.Option("--endpoint", help="Run on this SPARQL 1.1 endpoint instead of the embedded graph.")]
UserOpt = Annotated[str | None, typer.Option("--user", envvar="PARKGRAPH_USER", help="User for HTTP Basic auth (or PARKGRAPH_USER).")]
PasswordOpt = Annotated[str | None, typer.Option("--password", envvar="PARKGRAPH_PASSWORD", show_envvar=True, help="Password for HTTP Basic auth (or PARKGRAPH_PASSWORD); never printed.")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a server.")]


def _credentials(user: str | None, password: str | None):
    from parkgraph.queries.remote import Credentials
    return Credentials(user, password or "") if user else None


def _params(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        out[key.strip()] = value
    return out


@app.command("queries")
def queries_cmd() -> None:
    """List the saved queries with their titles and parameters."""
    from parkgraph.queries import list_queries
    table = Table(title="Saved queries 已保存的查询")
    for col in ("name", "标题", "title", "parameters (default)"):
        table.add_column(col)
    for q in list_queries():
        params = ", ".join(f"{p.name}:{p.type}={p.default}" for p in q.params)
        table.add_row(q.name, q.title_zh, q.title_en, params)
    out.print(table)


@app.command("query")
def query_cmd(
    name: Annotated[str | None, typer.Argument(help="Saved query name (see `parkgraph queries`), or '-' to read SPARQL from standard input.")] = None,
    param: ParamOpt = [],  # noqa: B006 - typer reads the default, it is never mutated
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the result to this file.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Run the SPARQL in this file instead of a saved query.")] = None,
    endpoint: EndpointOpt = None,
    allow_update: Annotated[bool, typer.Option("--allow-update", help="Allow SPARQL Update (INSERT, DELETE …).")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Return at most this many rows.")] = None,
    timeout: TimeoutOpt = 30.0,
    user: UserOpt = None,
    password: PasswordOpt = None,
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    engine: EngineOpt = DEFAULT_ENGINE,
    store: StoreOpt = None,
) -> None:
    """Run a saved or ad-hoc SPARQL query on the embedded graph or on a SPARQL endpoint."""
    from parkgraph.queries import load_query, parse_query, prepare, run_local
    from parkgraph.queries.catalog import labels_query
    from parkgraph.queries.output import FORMATS as OUT_FORMATS
    from parkgraph.queries.output import iris_of
    if fmt not in OUT_FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(OUT_FORMATS)}", param_hint="--format")
    try:
        if file is not None:
            try:
                query = parse_query(file.stem, file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError) as exc:
                raise typer.BadParameter(f"cannot read {file}: {exc}", param_hint="--file") from exc
        elif name == "-" or (name is None and not sys.stdin.isatty()):
            query = parse_query("(stdin)", sys.stdin.read())
        elif name is None:
            raise typer.BadParameter("give a saved query name, --file FILE, or '-' for standard input")
        else:
            query = load_query(name)
        prepared = prepare(query, _params(param), allow_update=allow_update, limit=limit)
        def run(p):
            if endpoint:
                from parkgraph.queries.remote import run_remote
                return run_remote(endpoint, p, timeout, _credentials(user, password))
            return run_local(kg, p)

        kg = None if endpoint else _graph(extracts, sources, engine, store)
        result = run(prepared)
        labels = {}
        if fmt == "table" and output is None:
            iris = iris_of(result)
            if iris and not prepared.is_update:
                rows = run(prepare(labels_query(iris)))
                labels = {r["iri"]: r.get("zhLabel") or r.get("anyLabel") for r in rows}
        _write_rows(result, fmt, output, query.title_zh or query.name, labels)
    except ParkgraphError as exc:
        raise _fail(exc) from exc


def _write_rows(result, fmt: str, output: Path | None, title: str, labels: dict[str, str] | None = None) -> None:
    """Print rows as a table, or write them as CSV/TSV/JSON to standard output or a file (atomically)."""
    from parkgraph.queries.output import to_table, to_text
    if fmt == "table" and output is None:
        out.print(to_table(result, title, labels))
        out.print(f"{len(result)} row(s)")
        return
    text = to_text(result, "csv" if fmt == "table" else fmt)
    if output is None:
        sys.stdout.write(text)
        return
    data = text.encode("utf-8")
    try:
        atomic_write(output, lambda f: f.write(data))
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    err.print(f"wrote {output} ({len(result)} rows)")


@app.command("push")
def push_cmd(
    endpoint: Annotated[str, typer.Option("--endpoint", help="Graph Store endpoint of the server (Oxigraph: http://HOST:PORT/store; Fuseki: http://HOST:PORT/DATASET/data).")],
    user: UserOpt = None,
    password: PasswordOpt = None,
    timeout: TimeoutOpt = 60.0,
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    store: StoreOpt = None,
) -> None:
    """Load the dataset into a SPARQL server, replacing each named graph whole (repeatable, no duplicates)."""
    from parkgraph.queries.remote import push
    kg = _graph(extracts, sources, DEFAULT_ENGINE, store)
    try:
        report = push(kg, endpoint, timeout, _credentials(user, password))
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    for graph, n in report.graphs:
        out.print(f"{graph}  {n} triples")
    out.print(f"pushed {len(report.graphs)} named graphs, {report.triples} triples to {endpoint}")


@app.command("serve")
def serve_cmd(
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port).")] = 7878,
    host: Annotated[str, typer.Option("--host", help="Address to bind; only loopback unless you say otherwise.")] = "127.0.0.1",
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    store: StoreOpt = None,
) -> None:
    """Serve the graph as a SPARQL endpoint (Oxigraph) until Ctrl-C; the first line printed is its query URL."""
    from parkgraph.queries.server import serve
    kg = _graph(extracts, sources, DEFAULT_ENGINE, store)
    try:
        server, report = serve(kg, host, port)
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    with server:
        out.print(server.query_url)
        out.print(f"SPARQL query: {server.query_url}  update: {server.update_url}  graph store: {server.store_url}")
        out.print(f"{report.triples} triples in {len(report.graphs)} named graphs; press Ctrl-C to stop")
        sys.stdout.flush()
        try:
            server.process.wait()
        except KeyboardInterrupt:
            out.print("stopping")
    if server.process.returncode not in (0, -15, None):
        err.print(f"error: the server stopped with exit code {server.process.returncode}")
        raise typer.Exit(3)


@app.command("viz")
def viz_cmd(
    park: Annotated[str | None, typer.Option("--park", help="Focus on one park: Chinese name, alias or id.")] = None,
    chain: Annotated[str | None, typer.Option("--chain", help="One chain's parks and enterprises: name, alias or id.")] = None,
    query: Annotated[str | None, typer.Option("--query", help="Draw the rows of a saved query as a graph.")] = None,
    shared_chains: Annotated[bool, typer.Option("--shared-chains", help="Parks linked by the chains they share (产业同构).")] = False,
    hops: Annotated[int, typer.Option("--hops", help="With --park: how many steps out from the park.")] = 1,
    budget: Annotated[int, typer.Option("--budget", help="Most nodes to draw; above it the view aggregates and says so.")] = 400,
    param: ParamOpt = [],  # noqa: B006 - typer reads the default, it is never mutated
    rollup: Annotated[bool, typer.Option("--rollup", help="With --shared-chains: roll chains up the SKOS hierarchy.")] = False,
    min_shared: Annotated[int | None, typer.Option("--min-shared", help="With --shared-chains: least shared chains per edge.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="HTML file to write.")] = None,
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    store: StoreOpt = None,
) -> None:
    """Write one self-contained interactive HTML view (opens offline); with no focus, the overview."""
    from parkgraph.viz.commands import viz_command
    kg = _graph(extracts, sources, DEFAULT_ENGINE, store)
    try:
        out.print(viz_command(kg, output, park=park, chain=chain, query=query, shared_chains=shared_chains,
                              hops=hops, budget=budget, params=param, rollup=rollup, min_shared=min_shared),
                  markup=False)
    except ParkgraphError as exc:
        raise _fail(exc) from exc


@app.command("analyze")
def analyze_cmd(
    rollup: Annotated[bool, typer.Option("--rollup", help="Roll chains up the SKOS hierarchy first.")] = False,
    min_shared: Annotated[int, typer.Option("--min-shared", help="Least shared chains for a pair to be listed.")] = 2,
    top: Annotated[int, typer.Option("--top", help="Rows to print per table.")] = 20,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Also write every table as CSV into this folder.")] = None,
    graphml: Annotated[Path | None, typer.Option("--graphml", help="Write the graph as GraphML (for Gephi, yEd …).")] = None,
    gexf: Annotated[Path | None, typer.Option("--gexf", help="Write the graph as GEXF (Gephi).")] = None,
    export_graph: Annotated[str, typer.Option("--graph", help="Which graph to export: entities, bipartite or similarity.")] = "entities",
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    store: StoreOpt = None,
) -> None:
    """Network analytics: most similar park pairs, chains connecting most parks, communities, centrality."""
    from parkgraph.viz.commands import analyze_command
    kg = _graph(extracts, sources, DEFAULT_ENGINE, store)
    try:
        report = analyze_command(kg, rollup, min_shared, csv_dir, graphml, gexf, export_graph)
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    out.print(report.text(top), markup=False)


@app.command("similar")
def similar_cmd(
    park: Annotated[str | None, typer.Argument(help="Only this park's pairs (an id such as park/changsha-etdz, or an IRI); all pairs without it.")] = None,
    top: Annotated[int, typer.Option("--top", help="Return the best this many pairs.")] = 20,
    min_shared: Annotated[int, typer.Option("--min-shared", help="Least shared chains for a pair.")] = 1,
    min_jaccard: Annotated[float, typer.Option("--min-jaccard", help="Least Jaccard index (0 to 1) for a pair.")] = 0.0,
    rollup: Annotated[bool, typer.Option("--rollup", help="Roll chains up the SKOS hierarchy first.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the result to this file.")] = None,
    extracts: ExtractsOpt = DEFAULT_EXTRACTS,
    sources: SourcesOpt = DEFAULT_SOURCES,
    store: StoreOpt = None,
) -> None:
    """产业同构: the park pairs with the most alike chain portfolios (Jaccard), computed as a sparse matrix product, fast on national graphs."""
    from parkgraph.queries.output import FORMATS as OUT_FORMATS
    from parkgraph.viz.similarity import similar_result
    if fmt not in OUT_FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(OUT_FORMATS)}", param_hint="--format")
    if top < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--top")
    if min_shared < 1:
        raise typer.BadParameter("must be at least 1", param_hint="--min-shared")
    if not 0.0 <= min_jaccard <= 1.0:
        raise typer.BadParameter("must be between 0 and 1", param_hint="--min-jaccard")
    kg = _graph(extracts, sources, DEFAULT_ENGINE, store)
    try:
        result = similar_result(kg, park, rollup, min_shared, min_jaccard, top)
    except ParkgraphError as exc:
        raise _fail(exc) from exc
    _write_rows(result, fmt, output, "产业同构：最相似的园区对 Most similar park pairs")


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
