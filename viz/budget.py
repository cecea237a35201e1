"""Keep a view under its node budget by merging the least important nodes into one node per class."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from parkgraph.viz.style import class_style


@dataclass
class Reduced:
    """A view's graph after the budget, and what the page must say about it."""

    graph: nx.MultiDiGraph
    notice: str | None
    total_nodes: int
    total_edges: int
    merged: int  # nodes folded into aggregate nodes


def reduce_to_budget(g: nx.MultiDiGraph, budget: int, distance: dict[str, int] | None = None) -> Reduced:
    """``g`` itself when it fits; else the ``budget`` most important nodes plus aggregates.

    Importance: closeness to the focus (``distance``), then class (parks and chains first), then
    degree. Dropped nodes are merged into one ``pg:Aggregate`` node per class, linked to the kept
    nodes they were linked to, with the number of merged edges as the edge label.
    """
    n, m = g.number_of_nodes(), g.number_of_edges()
    if n <= budget:
        return Reduced(g, None, n, m, 0)
    distance = distance or {}
    degree = dict(g.degree())

    def importance(v: str) -> tuple:
        d = g.nodes[v]
        return (distance.get(v, 1 << 20), class_style(d["cls"]).rank, -degree[v], d["label"], v)

    ordered = sorted(g.nodes, key=importance)
    classes = {g.nodes[v]["cls"] for v in g}
    room = max(budget - len(classes), 1)
    kept, dropped = ordered[:room], ordered[room:]
    out = nx.MultiDiGraph(g.subgraph(kept))
    groups: dict[str, list[str]] = defaultdict(list)
    for v in dropped:
        groups[g.nodes[v]["cls"]].append(v)
    merged_into: dict[str, str] = {}
    for cls, members in sorted(groups.items()):
        style = class_style(cls)
        agg = f"aggregate:{cls}"
        names = sorted(g.nodes[v]["label"] for v in members)
        out.add_node(agg, id=agg, cls="pg:Aggregate", label=f"其余 {len(members)} 个{style.zh}",
                     label_en=f"{len(members)} more {style.en}", aliases=[], evidence=[],
                     facts=[("合并的类 class", f"{style.zh} ({cls})"), ("节点数 nodes", str(len(members))),
                            ("成员 members", "、".join(names[:40]) + ("…" if len(names) > 40 else ""))])
        for v in members:
            merged_into[v] = agg
    counts: Counter[tuple[str, str]] = Counter()
    for u, v in g.edges():
        a, b = merged_into.get(u, u), merged_into.get(v, v)
        if (u in merged_into or v in merged_into) and a != b:
            counts[(a, b)] += 1
    for (a, b), c in sorted(counts.items()):
        out.add_edge(a, b, key="pg:aggregate", relation="pg:aggregate", label="聚合", text=f"聚合 ×{c}", roles=[],
                     evidence=[], rows=[("合并的边 merged edges", str(c))])
    detail = "、".join(f"{class_style(c).zh} {len(v)}" for c, v in sorted(groups.items()))
    notice = (f"节点过多：本视图共 {n} 个节点、{m} 条边，超过上限 {budget}。已把 {len(dropped)} 个次要节点按类别合并为 "
              f"{len(groups)} 个聚合节点（{detail}），显示 {out.number_of_nodes()} 个节点。"
              f" Over the node budget ({n} > {budget}): {len(dropped)} nodes merged into {len(groups)} "
              "aggregate nodes by class; raise --budget to see them all.")
    return Reduced(out, notice, n, m, len(dropped))
