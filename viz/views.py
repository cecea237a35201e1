"""The interactive views: overview, parks sharing chains, a park's neighbourhood, a chain, a query.

From Python::

    from parkgraph.viz.views import view, write_view
    info = write_view(kg, Path("changsha.html"), park="长沙经开区", hops=1)
    view(kg, chain="新材料")          # in Jupyter: displays inline

Every page is one self-contained file that works offline (see :mod:`parkgraph.viz.html`).
"""

from __future__ import annotations

import html as htmllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np

from parkgraph.errors import ParkgraphError
from parkgraph.graph.export import atomic_write
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.viz.analytics import SEED, park_chains
from parkgraph.viz.budget import (
    Reduced,
    add_aggregates,
    chain_selection,
    expand,
    expansion_notice,
    hub_aggregates,
    overview_selection,
    reduce_to_budget,
)
from parkgraph.viz.convert import to_page
from parkgraph.viz.html import Page, render
from parkgraph.viz.network import add_details, predicate_labels, skeleton
from parkgraph.viz.querygraph import query_graph
from parkgraph.viz.resolve import resolve, resolve_in_store
from parkgraph.viz.similarity import Similar, labels_of, similar_pairs

DEFAULT_BUDGET = 400
EDGE_BUDGET = 400  # the shared-chains view keeps the strongest links up to about this many
PAIR_BLOCK = 512  # distinct portfolios per block of the pair product: bounds memory by 512 × portfolios
HUB_SHARE = 20  # at most one in this many of a view's nodes is a hub's "more neighbours" aggregate


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

    Each view reads only the part of the graph it shows, within its budget (a park's
    neighbourhood, a chain's members, a query's rows, the park–chain skeleton), so views stay
    quick on national graphs; what a view leaves out it counts in the store, and the page says
    so. ``graph``: the whole entity graph if already built
    (:func:`parkgraph.viz.network.entity_graph`), to take node details from; which nodes to
    show is still chosen by asking the store, so the page is the same either way.
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
        page = _overview_page(kg, graph, budget)
    return View(page, render(page))


def write_view(kg: KnowledgeGraph, path: Path, park: str | None = None, chain: str | None = None,
               query: str | None = None, shared_chains: bool = False, hops: int = 1,
               budget: int = DEFAULT_BUDGET, params: dict[str, str] | None = None, rollup: bool = False,
               min_shared: int | None = None, graph: nx.MultiDiGraph | None = None) -> ViewInfo:
    """Build a view (see :func:`view`) and write it to ``path`` as one self-contained HTML file."""
    return view(kg, park, chain, query, shared_chains, hops, budget, params, rollup, min_shared, graph).save(path)


def _notes(*notices: str | None) -> list[str]:
    return [n for n in notices if n]


def _reduce(kg: KnowledgeGraph, g: nx.MultiDiGraph, budget: int, distance: dict[str, int] | None,
            details: bool, partial: bool = False, reserve: int = 0) -> Reduced:
    """Cut ``g`` to the budget (less ``reserve`` nodes for aggregates added later), then (for a
    skeleton) fetch tooltip details for the nodes kept."""
    reduced = reduce_to_budget(g, budget, distance, partial, reserve)
    if details:
        add_details(kg, reduced.graph, list(reduced.graph))
    return reduced


def _subgraph(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, nodes: dict[str, int]) -> nx.MultiDiGraph:
    """The chosen nodes and the edges among them, from the built graph or else from the store."""
    return nx.MultiDiGraph(graph.subgraph(nodes)) if graph is not None else skeleton(kg, iris=nodes)


def _resolve(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, name: str, kind: str) -> str:
    return resolve(graph, name, kind) if graph is not None else resolve_in_store(kg, name, kind)


def _overview_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, budget: int) -> Page:
    """The whole graph cut to the budget; on a large graph, the park–chain skeleton first."""
    title = "园区知识图谱总览 · Overview"
    subtitle = "开发区、产业链、企业、政策、地区及其关系 — parks, chains, enterprises, policies, regions"
    chosen = overview_selection(kg, budget, None if graph is None else graph.number_of_nodes())
    if chosen is None:
        g = graph if graph is not None else skeleton(kg)
        reduced = _reduce(kg, g, budget, None, graph is None)
        return to_page(reduced.graph, title, subtitle, _notes(reduced.notice))
    reduced = _reduce(kg, _subgraph(kg, graph, chosen.kept), budget, None, graph is None,
                      reserve=len(chosen.aggregates))
    add_aggregates(reduced.graph, chosen.aggregates)
    return to_page(reduced.graph, title, subtitle, _notes(chosen.notice, reduced.notice))


def _park_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, name: str, hops: int, budget: int) -> Page:
    focus = _resolve(kg, graph, name, "park")
    expansion = expand(kg, focus, hops, budget)
    distance = expansion.distance
    sub = _subgraph(kg, graph, distance)
    reserve = min(len(expansion.hubs), max(budget // HUB_SHARE, 1))
    partial = bool(expansion.hubs) or expansion.stopped is not None
    reduced = _reduce(kg, sub, budget, distance, graph is None, partial, reserve)
    add_aggregates(reduced.graph, hub_aggregates(expansion.hubs, reduced.graph, predicate_labels(kg), reserve))
    d = sub.nodes[focus]
    label = d["label"]
    return to_page(reduced.graph, f"园区邻域：{label}（{hops} 跳）",
                   f"{d['label_en'] or label} — neighbourhood within {hops} hop(s)",
                   _notes(expansion_notice(expansion, sub, hops, budget), reduced.notice), focus={focus},
                   node_extra={v: [("距离 hops", str(dist))] for v, dist in distance.items()})


def _chain_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, name: str, budget: int) -> Page:
    focus = _resolve(kg, graph, name, "chain")
    chosen = chain_selection(kg, focus, budget)
    sub = _subgraph(kg, graph, chosen.kept)
    distance = {v: d for v, d in chosen.kept.items() if v in sub}
    narrower = sum(1 for d in distance.values() if d == 1)
    reduced = _reduce(kg, sub, budget, distance, graph is None, reserve=len(chosen.aggregates))
    add_aggregates(reduced.graph, chosen.aggregates)
    d = sub.nodes[focus]
    return to_page(reduced.graph, f"产业链：{d['label']} 的园区与企业",
                   f"{d['label_en'] or d['label']} — parks and enterprises of the chain and its {narrower} narrower chain(s)",
                   _notes(chosen.notice, reduced.notice), focus={focus})


def _shared_page(kg: KnowledgeGraph, graph: nx.MultiDiGraph | None, budget: int, rollup: bool,
                 min_shared: int | None) -> Page:
    portfolios = park_chains(kg, rollup)
    counts = _pair_counts(portfolios)
    total = sum(counts.values())
    if min_shared is None:  # the least threshold that keeps the edges within the edge budget
        min_shared = 1
        while sum(n for k, n in counts.items() if k >= min_shared) > EDGE_BUDGET:
            min_shared += 1
        pairs = _pairs_sharing(portfolios, min_shared)
    else:
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


def _distinct(portfolios: dict[str, set[str]], min_size: int = 1) -> tuple[np.ndarray, list[list[str]]]:
    """The distinct chain portfolios of at least ``min_size`` chains as rows of a 0/1 matrix
    (parks × chains, one row per portfolio), and the parks (sorted) holding each of them.

    Parks with the same chains share a row: at 10M triples 13,604 parks have 6,591 portfolios."""
    groups: dict[frozenset[str], list[str]] = defaultdict(list)
    for park in sorted(portfolios):
        if len(portfolios[park]) >= min_size:
            groups[frozenset(portfolios[park])].append(park)
    chains = sorted({c for cs in groups for c in cs})
    col = {c: j for j, c in enumerate(chains)}
    keys = sorted(groups, key=lambda k: groups[k][0])
    matrix = np.zeros((len(keys), len(chains)), dtype=np.float32)
    for i, key in enumerate(keys):
        matrix[i, [col[c] for c in key]] = 1.0
    return matrix, [groups[k] for k in keys]


def _pair_counts(portfolios: dict[str, set[str]]) -> dict[int, int]:
    """How many park pairs share exactly k chains, for every k ≥ 1: the same as
    :func:`parkgraph.viz.similarity.shared_counts`, computed once per pair of distinct
    portfolios (weighted by how many parks hold each) as a dense product, a block at a time."""
    matrix, holders = _distinct(portfolios)
    weight = np.array([len(h) for h in holders], dtype=np.float64)
    counts = np.zeros(matrix.shape[1] + 1, dtype=np.float64)
    for start in range(0, len(holders), PAIR_BLOCK):
        stop = min(start + PAIR_BLOCK, len(holders))
        shared = np.rint(matrix[start:stop] @ matrix.T).astype(np.int64)
        pairs = weight[start:stop, None] * weight[None, :]
        rows = np.arange(start, stop)[:, None]
        upper = np.arange(len(holders))[None, :] > rows  # two distinct portfolios, each pair once
        counts += np.bincount(shared[upper], weights=pairs[upper], minlength=len(counts))
        same = weight[start:stop] * (weight[start:stop] - 1) / 2  # two parks of one portfolio
        counts += np.bincount(shared[np.arange(stop - start), np.arange(start, stop)], weights=same,
                              minlength=len(counts))
    return {k: int(round(n)) for k, n in enumerate(counts.tolist()) if k >= 1 and n}


def _pairs_sharing(portfolios: dict[str, set[str]], min_shared: int) -> list[Similar]:
    """The park pairs sharing at least ``min_shared`` chains, as
    :func:`parkgraph.viz.similarity.similar_pairs` lists them (park1 < park2), found among the
    distinct portfolios of at least ``min_shared`` chains only."""
    matrix, holders = _distinct(portfolios, min_shared)
    out = []
    for start in range(0, len(holders), PAIR_BLOCK):
        shared = np.rint(matrix[start:start + PAIR_BLOCK] @ matrix.T).astype(np.int64)
        for i, j in zip(*np.nonzero(shared >= min_shared), strict=True):
            a, b = start + int(i), int(j)
            if b < a:
                continue
            k = int(shared[i, j])
            group = [(p, q) for x, p in enumerate(holders[a]) for q in holders[a][x + 1:]] if a == b \
                else [(p, q) for p in holders[a] for q in holders[b]]
            for p, q in group:
                p, q = min(p, q), max(p, q)
                n1, n2 = len(portfolios[p]), len(portfolios[q])
                out.append(Similar(p, q, k, n1, n2, k / (n1 + n2 - k)))
    return sorted(out, key=lambda x: (-x.jaccard, -x.shared, x.park1, x.park2))
