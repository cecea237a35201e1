"""The view and network-analysis commands of ``parkgraph``: viz, analyze, similar (see parkgraph.cli)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parkgraph.cli import (
    DEFAULT_ENGINE,
    DEFAULT_EXTRACTS,
    DEFAULT_SOURCES,
    ExtractsOpt,
    SourcesOpt,
    StoreOpt,
    _fail,
    _graph,
    app,
    out,
)
from parkgraph.cli_sparql import ParamOpt, _write_rows
from parkgraph.errors import ParkgraphError


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
