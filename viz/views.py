"""The interactive views: overview, parks sharing chains, a park's neighbourhood, a chain, a query.

From Python::

    from parkgraph.viz.views import view, write_view
    info = write_view(kg, Path("changsha.html"), park="长沙经开区", hops=1)
    view(kg, chain="新材料")          # in Jupyter: displays inline

Every page is one self-contained file that works offline (see :mod:`parkgraph.viz.html`).
"""

from __future__ import annotations

import html as htmllib
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from parkgraph.errors import ParkgraphError
from parkgraph.graph.export import atomic_write
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.viz.analytics import SEED, park_chains
from parkgraph.viz.budget import Reduced, reduce_to_budget
from parkgraph.viz.convert import to_page
from parkgraph.viz.html import Page, render
from parkgraph.viz.network import (
    add_details,
    chain_members,
    name_graph,
    neighbourhood,
    neighbourhood_of,
    skeleton,
)
from parkgraph.viz.querygraph import query_graph
from parkgraph.viz.resolve import resolve
from parkgraph.viz.similarity import labels_of, shared_counts, similar_pairs

DEFAULT_BUDGET = 400
EDGE_BUDGET = 400  # the shared-chains view keeps the strongest links up to about this many


class ViewError(ParkgraphError):
    """The options given for a view do not make sense together."""


@dataclass(frozen=True)
class ViewInfo:
    """What was written: the file, the counts on the page, the HTML size in bytes."""

    path: Path | None
    nodes: int
    edges: int
    size: int
    title: str
    notices: tuple[str, ...] = ()


@dataclass
class View:
    """A rendered view; displays inline in Jupyter (an iframe holding the whole page)."""

    page: Page
    html: str = field(repr=False)
    height: int = 720

    @property
    def info(self) -> ViewInfo:
        return ViewInfo(None, len(self.page.nodes), len(self.page.edges), len(self.html.encode("utf-8")),
                        self.page.title, tuple(self.page.notices))

    def save(self, path: Path) -> ViewInfo:
        """Write the page atomically to ``path``."""
        data = self.html.encode("utf-8")
        atomic_write(path, lambda f: f.write(data))
        info = self.info
        return ViewInfo(path, info.nodes, info.edges, len(data), info.title, info.notices)

    def _repr_html_(self) -> str:
        doc = htmllib.escape(self.html, quote=True)
        return (f'<iframe srcdoc="{doc}" sandbox="allow-scripts" title="{htmllib.escape(self.page.title)}" '
                f'style="width: 100%; height: {self.height}px; border: 1px solid #ddd"></iframe>')


def check_options(park: str | None, chain: str | None, query: str | None, shared_chains: bool,
                  hops: int, budget: int, rollup: bool = False, min_shared: int | None = None) -> None:
    """Raise ViewError unless at most one focus is given and the other options fit it."""
    chosen = [name for name, on in (("--park", park), ("--chain", chain), ("--query", query),
                                    ("--shared-chains", shared_chains)) if on]
    if len(chosen) > 1:
        raise ViewError(f"choose one focus, not {' and '.join(chosen)}")
    if hops < 1:
        raise ViewError(f"--hops must be at least 1, not {hops}")
    if budget < 10:
        raise ViewError(f"--budget must be at least 10 nodes, not {budget}")
    if hops != 1 and not park:
        raise ViewError("--hops applies only to --park")
    if (rollup or min_shared is not None) and not shared_chains:
        raise ViewError("--rollup and --min-shared apply only to --shared-chains")
    if min_shared is not None and min_shared < 1:
        raise ViewError(f"--min-shared must be at least 1, not {min_shared}")


def view(kg: KnowledgeGraph, park: str | None = None, chain: str | None = None, query: str | None = None,
         shared_chains: bool = False, hops: int = 1, budget: int = DEFAULT_BUDGET,
         params: dict[str, str] | None = None, rollup: bool = False, min_shared: int | None = None,
         graph: nx.MultiDiGraph | None = None) -> View:
    """Build one view: the overview, or the one focus given (park, chain, query or shared chains).

    Each view reads only the part of the graph it shows (a park's neighbourhood, a chain's
    members, a query's rows), so views stay quick on national graphs. ``graph``: the whole
    entity graph if already built (:func:`parkgraph.viz.network.entity_graph`), to reuse it.
    """
    check_options(park, chain, query, shared_chains, hops, budget, rollup, min_shared)
    if park:
        page = _park_page(kg, graph, park, hops, budget)
    elif chain:
        page = _chain_page(kg, graph, chain, budget)
    elif query:
        sub, title, subtitle = query_graph(kg, graph, query, params or {})
        reduced = reduce_to_budget(sub, budget)
        page = to_page(reduced.graph, title, subtitle, _notes(reduced.notice))
    elif shared_chains:
        page = _shared_page(kg, graph, budget, rollup, min_shared)
    else:
        g = graph if graph is not None else skeleton(kg)
        reduced = _reduce(kg, g, budget, None, graph is None)
        page = to_page(reduced.graph, "园区知识图谱总览 · Overview",
                       "开发区、产业链、企业、政策、地区及其关系 — parks, chains, enterprises, policies, regions",
                       _notes(reduced.notice))
    return View(page, render(page))


def write_view(kg: KnowledgeGraph, path: Path, park: str | None = None, chain: str | None = None,
               query: str | None = None, shared_chains: bool = False, hops: int = 1,
               budget: int = DEFAULT_BUDGET, params: dict[str, str] | None = None, rollup: bool = False,
               min_shared: int | None = None, graph: nx.MultiDiGraph | None = None) -> ViewInfo:
    """Build a view (see :func:`view`) and write it to ``path`` as one self-contained HTML file."""
    return view(kg, park, chain, query, shared_chains, hops, budget, params, rollup, min_shared, graph).save(path)


def _notes(notice: str | None) -> list[str]:
    return [notice] if notice else []


def _reduce(kg: KnowledgeGraph, g: nx.MultiDiGraph, budget: int, distance: dict[str, int] | None,
            details: bool) -> Reduced:
    """Cut ``g`` to the budget, then (for a skeleton) fetch tooltip details for the nodes kept."""
    reduced = reduce_to_budget(g, budget, distance)
    if details:
        add_details(kg, reduced.graph, list(reduced.graph))
    return reduced


def _park_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, name: str, hops: int, budget: int) -> Page:
    focus = resolve(graph if graph is not None else name_graph(kg), name, "park")
    if graph is not None:
        distance = neighbourhood(graph, focus, hops)
        sub = nx.MultiDiGraph(graph.subgraph(distance))
    else:
        distance = neighbourhood_of(kg, focus, hops)
        sub = skeleton(kg, iris=distance)
    reduced = _reduce(kg, sub, budget, distance, graph is None)
    d = sub.nodes[focus]
    label = d["label"]
    return to_page(reduced.graph, f"园区邻域：{label}（{hops} 跳）",
                   f"{d['label_en'] or label} — neighbourhood within {hops} hop(s)",
                   _notes(reduced.notice), focus={focus},
                   node_extra={v: [("距离 hops", str(dist))] for v, dist in distance.items()})


def _chain_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, name: str, budget: int) -> Page:
    focus = resolve(graph if graph is not None else name_graph(kg), name, "chain")
    if graph is not None:
        broader = _broader(graph)
        chains = {focus} | (nx.ancestors(broader, focus) if focus in broader else set())  # narrower, any depth
        parks = {u for c in chains for u, _, k in graph.in_edges(c, keys=True) if k == "pg:hasIndustryChain"}
        firms = {u for c in chains for u, _, k in graph.in_edges(c, keys=True) if k == "pg:inChain"}
        distance = {**{f: 3 for f in firms}, **{p: 2 for p in parks}, **{c: 1 for c in chains}, focus: 0}
        sub = nx.MultiDiGraph(graph.subgraph(distance))
    else:
        distance = chain_members(kg, focus)
        sub = skeleton(kg, iris=distance)
        distance = {v: d for v, d in distance.items() if v in sub}
    narrower = sum(1 for d in distance.values() if d == 1)
    reduced = _reduce(kg, sub, budget, distance, graph is None)
    d = sub.nodes[focus]
    return to_page(reduced.graph, f"产业链：{d['label']} 的园区与企业",
                   f"{d['label_en'] or d['label']} — parks and enterprises of the chain and its {narrower} narrower chain(s)",
                   _notes(reduced.notice), focus={focus})


def _broader(g: nx.MultiDiGraph) -> nx.DiGraph:
    return nx.DiGraph([(u, v) for u, v, k in g.edges(keys=True) if k == "skos:broader"])


def _shared_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, budget: int, rollup: bool,
                 min_shared: int | None) -> Page:
    portfolios = park_chains(kg, rollup)
    counts = shared_counts(portfolios)
    total = sum(counts.values())
    if min_shared is None:  # the least threshold that keeps the edges within the edge budget
        min_shared = 1
        while sum(n for k, n in counts.items() if k >= min_shared) > EDGE_BUDGET:
            min_shared += 1
    pairs = similar_pairs(portfolios, min_shared)
    parks = sorted({p for pair in pairs for p in (pair.park1, pair.park2)})
    g = graph if graph is not None else skeleton(kg, iris=parks)
    chain_label = labels_of(kg, sorted({c for p in parks for c in portfolios[p]}))
    view_graph = nx.MultiDiGraph()
    for pair in sorted(pairs, key=lambda x: (x.park1, x.park2)):
        if pair.park1 not in g or pair.park2 not in g:
            continue
        for p in (pair.park1, pair.park2):
            view_graph.add_node(p, **g.nodes[p])
        common = sorted(chain_label.get(c, c) for c in portfolios[pair.park1] & portfolios[pair.park2])
        view_graph.add_edge(pair.park1, pair.park2, key="pg:sharesChains", relation="pg:sharesChains",
                            label="共享产业链", text=f"共享 {pair.shared} 条", roles=[], evidence=[],
                            width=1 + 1.5 * (pair.shared - 1), jaccard=pair.jaccard,
                            rows=[("共享产业链 shared chains", "、".join(common)),
                                  ("产业同构指数 Jaccard", f"{pair.jaccard:.3f}")])
    kept = view_graph.number_of_edges()
    notices = []
    if min_shared > 1:
        notices.append(f"仅显示共享至少 {min_shared} 条产业链的园区对：{total} 对中的 {kept} 对。"
                       f" Showing the {kept} of {total} park pairs that share at least {min_shared} chains.")
    if view_graph.number_of_nodes() == 0:
        notices.append("没有共享产业链的园区对。 No two parks share a chain.")
    found = nx.community.louvain_communities(nx.Graph(view_graph), weight="jaccard", seed=SEED) if kept else []
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    community = {p: i for i, members in enumerate(ordered, 1) for p in members}
    reduced = _reduce(kg, view_graph, budget, None, graph is None)
    notices += _notes(reduced.notice)
    extra = {p: [("产业链数 chains", str(len(portfolios[p]))), ("社区 community (Louvain)", str(community.get(p, "")))]
             for p in view_graph}
    rolled = "（产业链上卷至顶层概念）" if rollup else ""
    return to_page(reduced.graph, f"产业同构：共享产业链的园区网络{rolled}",
                   "Parks linked by the industry chains they share; edge width = shared chains, "
                   "tooltip lists them with the Jaccard index; communities are Louvain on the pairs shown",
                   notices, node_extra=extra)
