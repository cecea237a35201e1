"""What ``parkgraph viz`` and ``parkgraph analyze`` do, as plain functions the CLI calls.

Each takes the built graph and the command's options and returns what to print; files are
written atomically. Errors are typed (ParkgraphError subclasses) for the CLI to report.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from parkgraph.errors import OutputError
from parkgraph.graph.export import atomic_write
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.viz.analytics import Analysis, analyze
from parkgraph.viz.export import write_network
from parkgraph.viz.network import entity_graph, name_graph, short_id, skeleton
from parkgraph.viz.resolve import resolve
from parkgraph.viz.views import DEFAULT_BUDGET, ViewError, check_options, write_view

EXPORT_GRAPHS = ("entities", "bipartite", "similarity")


@dataclass
class Table:
    """A titled table: the CLI prints the first ``top`` rows; CSV files get all of them."""

    name: str
    title: str
    columns: list[str]
    rows: list[list[Any]]


@dataclass
class AnalyzeReport:
    """The tables of ``parkgraph analyze`` and the lines saying which files were written."""

    tables: list[Table]
    messages: list[str] = field(default_factory=list)

    def text(self, top: int = 20) -> str:
        """Plain-text rendering (tab-separated rows under each title)."""
        out = []
        for t in self.tables:
            out.append(f"{t.title}\n" + "\t".join(t.columns))
            out += ["\t".join(_cell(c) for c in row) for row in t.rows[:top]]
            out.append("")
        return "\n".join(out + self.messages)


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def parse_params(items: list[str] | None) -> dict[str, str]:
    """``["park=park/changsha-etdz", "year=2019"]`` -> dict; raises ViewError on a bad item."""
    params: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not re.match(r"^\w+$", key.strip()):
            raise ViewError(f"--param wants name=value, not {item!r}")
        params[key.strip()] = value.strip()
    return params


def default_output(kg: KnowledgeGraph, park: str | None, chain: str | None, query: str | None,
                   shared_chains: bool, graph: nx.Graph | None = None) -> Path:
    """parkgraph-overview.html, parkgraph-park-changsha-etdz.html, parkgraph-query-park-chains.html …"""
    if graph is None and (park or chain):
        graph = name_graph(kg)
    if park:
        stem = "park-" + short_id(resolve(graph, park, "park")).split("/", 1)[-1]
    elif chain:
        stem = "chain-" + short_id(resolve(graph, chain, "chain")).split("/", 1)[-1]
    elif query:
        stem = "query-" + re.sub(r"[^\w-]", "_", query)
    else:
        stem = "shared-chains" if shared_chains else "overview"
    return Path(f"parkgraph-{stem}.html")


def viz_command(kg: KnowledgeGraph, output: Path | None = None, park: str | None = None,
                chain: str | None = None, query: str | None = None, shared_chains: bool = False,
                hops: int = 1, budget: int = DEFAULT_BUDGET, params: list[str] | None = None,
                rollup: bool = False, min_shared: int | None = None) -> str:
    """Write one view (``parkgraph viz``); returns the lines to print."""
    check_options(park, chain, query, shared_chains, hops, budget, rollup, min_shared)
    path = output or default_output(kg, park, chain, query, shared_chains)
    info = write_view(kg, path, park=park, chain=chain, query=query, shared_chains=shared_chains, hops=hops,
                      budget=budget, params=parse_params(params), rollup=rollup, min_shared=min_shared)
    lines = [f"wrote {info.path} ({info.nodes} nodes, {info.edges} edges, {info.size:,} bytes; "
             "self-contained, opens offline)"]
    return "\n".join(lines + [f"note: {n}" for n in info.notices])


def analysis_tables(a: Analysis, min_shared: int = 2) -> list[Table]:
    """The four tables of ``parkgraph analyze``, every row (the CLI shows the top ones)."""
    rolled = ", chains rolled up" if a.rollup else ""
    pairs = [p for p in a.pairs if p.shared >= min_shared]
    community = a.community_of()
    return [
        Table("pairs", f"最相似的园区对 Most similar park pairs (产业同构, Jaccard; ≥{min_shared} shared{rolled})",
              ["park 1", "park 2", "shared", "jaccard", "shared chains"],
              [[p.park1_label, p.park2_label, p.shared, p.jaccard, "、".join(p.chains)] for p in pairs]),
        Table("chains", f"连接园区最多的产业链 Chains connecting the most parks{rolled}",
              ["chain", "parks", "park pairs", "parks"],
              [[c.label, c.parks, c.pairs, "、".join(c.park_labels)] for c in a.chains]),
        Table("communities", f"园区社区 Park communities (Louvain on Jaccard, modularity {a.modularity:.3f}){rolled}",
              ["community", "size", "parks"],
              [[i, len(m), "、".join(a.labels[p] for p in m)] for i, m in enumerate(a.communities, 1)]),
        Table("centrality", f"中心性 Centrality in the park–chain graph{rolled}",
              ["kind", "name", "degree", "degree centrality", "betweenness", "similarity strength", "community"],
              [[c.kind, c.label, c.degree, c.degree_centrality, c.betweenness, c.strength,
                community.get(c.node, "")] for c in a.centrality]),
    ]


def analyze_command(kg: KnowledgeGraph, rollup: bool = False, min_shared: int = 2, csv_dir: Path | None = None,
                    graphml: Path | None = None, gexf: Path | None = None,
                    export_graph: str = "entities") -> AnalyzeReport:
    """Run the analytics (``parkgraph analyze``); optionally write CSV tables and GraphML/GEXF."""
    if export_graph not in EXPORT_GRAPHS:
        raise OutputError(f"unknown graph {export_graph!r} to export (choose from {', '.join(EXPORT_GRAPHS)})")
    if min_shared < 1:
        raise OutputError(f"--min-shared must be at least 1, not {min_shared}")
    # tooltip details (aliases, facts, evidence) only matter in an exported entity graph
    graph = entity_graph(kg) if export_graph == "entities" and (graphml or gexf) else skeleton(kg)
    a = analyze(kg, rollup=rollup, graph=graph, min_shared=min_shared)
    report = AnalyzeReport(analysis_tables(a, min_shared))
    if csv_dir is not None:
        if not csv_dir.is_dir():
            raise OutputError(f"cannot write CSV files: folder {csv_dir} does not exist")
        for t in report.tables:
            path = csv_dir / f"{t.name}.csv"
            data = _csv(t).encode("utf-8")
            atomic_write(path, lambda f, d=data: f.write(d))
            report.messages.append(f"wrote {path} ({len(t.rows)} rows)")
    chosen = {"entities": graph, "bipartite": a.bipartite, "similarity": a.similarity}[export_graph]
    chosen = chosen.copy()
    for park, number in a.community_of().items():
        if park in chosen:
            chosen.nodes[park]["community"] = number
    for path, fmt in ((graphml, "graphml"), (gexf, "gexf")):
        if path is not None:
            size = write_network(chosen, path, fmt)
            report.messages.append(f"wrote {path} ({export_graph} graph, {chosen.number_of_nodes()} nodes, "
                                   f"{chosen.number_of_edges()} edges, {size:,} bytes)")
    return report


def _csv(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([[f"{c:.6f}" if isinstance(c, float) else c for c in row] for row in table.rows])
    return buf.getvalue()
