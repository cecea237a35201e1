"""The SPARQL commands of ``parkgraph``: queries, query, push, serve (see parkgraph.cli)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from parkgraph.cli import (
    DEFAULT_ENGINE,
    DEFAULT_EXTRACTS,
    DEFAULT_SOURCES,
    EngineOpt,
    ExtractsOpt,
    SourcesOpt,
    StoreOpt,
    _fail,
    _graph,
    app,
    err,
    out,
)
from parkgraph.errors import ParkgraphError
from parkgraph.graph.export import atomic_write

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
