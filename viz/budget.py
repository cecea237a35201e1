"""Keep a view under its node budget: read only what it can show, merge the rest into aggregates.

:func:`reduce_to_budget` cuts a graph already read, merging the least important nodes into one
node per class. On a national graph a view must not even read what it cannot show, so it first
chooses what to read within the budget, and adds what it left out as :class:`Aggregate` nodes
counted in the store, never read entity by entity:

* :func:`expand` — a neighbourhood, hop by hop; a hub (a node with more links than the budget,
  such as a popular chain) contributes a bounded sample of its neighbours, not all of them;
* :func:`chain_selection` — a chain's narrower chains, then its parks, then its enterprises,
  ranked by how many of the chains each has, read only while they fit;
* :func:`overview_selection` — on a large graph, the park–chain skeleton ranked by its links,
  the other classes only counted.

Each returns what the page must say about what it left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.viz.network import (
    chain_firm_counts,
    chain_links,
    class_members,
    class_sizes,
    link_counts,
    narrower,
    neighbours,
    sample_neighbours,
    short_id,
    skeleton_edges,
)
from parkgraph.viz.style import CLASS_ORDER, class_style

WHOLE_MAX = 5000  # the overview of a graph with at most this many entities reads and ranks all of it
ROW_CAP = 200_000  # member rows a chain view reads at most (beyond, its counts are lower bounds)
SKELETON_CLASSES = ("pg:SubZone", "pg:IndustrialBase", "pg:Park", "pg:IndustryChain")


@dataclass
class Reduced:
    """A view's graph after the budget, and what the page must say about it."""

    graph: nx.MultiDiGraph
    notice: str | None
    total_nodes: int
    total_edges: int
    merged: int  # nodes folded into aggregate nodes


@dataclass(frozen=True)
class Aggregate:
    """Nodes a view counted but does not draw: one box, linked to the drawn nodes they link to.

    ``links`` are (source, target, count) with the aggregate's own ``key`` standing for it;
    ``rows`` go to its tooltip. ``label``/``label_en`` name it on the page.
    """

    key: str
    label: str
    label_en: str
    rows: tuple[tuple[str, str], ...] = ()
    links: tuple[tuple[str, str, int], ...] = ()
    link_text: str = "聚合 ×{}"


def reduce_to_budget(g: nx.MultiDiGraph, budget: int, distance: dict[str, int] | None = None,
                     partial: bool = False, reserve: int = 0) -> Reduced:
    """``g`` itself when it fits; else the ``budget`` most important nodes plus aggregates.

    Importance: closeness to the focus (``distance``), then class (parks and chains first), then
    degree. Dropped nodes are merged into one ``pg:Aggregate`` node per class, linked to the kept
    nodes they were linked to, with the number of merged edges as the edge label. ``partial``:
    ``g`` is what the view read, not all there is, and the notice says so. ``reserve``: room
    kept free for aggregates the caller adds afterwards.
    """
    n, m = g.number_of_nodes(), g.number_of_edges()
    if n <= budget - reserve:
        return Reduced(g, None, n, m, 0)
    distance = distance or {}
    degree = dict(g.degree())

    def importance(v: str) -> tuple:
        d = g.nodes[v]
        return (distance.get(v, 1 << 20), class_style(d["cls"]).rank, -degree[v], d["label"], v)

    ordered = sorted(g.nodes, key=importance)
    classes = {g.nodes[v]["cls"] for v in g}
    room = max(budget - reserve - len(classes), 1)
    kept, dropped = ordered[:room], ordered[room:]
    out = nx.MultiDiGraph(g.subgraph(kept))
    groups: dict[str, list[str]] = defaultdict(list)
    for v in dropped:
        groups[g.nodes[v]["cls"]].append(v)
    merged_into: dict[str, str] = {}
    for cls, members in sorted(groups.items()):
        names = sorted(g.nodes[v]["label"] for v in members)
        add_class_aggregate(out, cls, len(members), names)
        for v in members:
            merged_into[v] = f"aggregate:{cls}"
    counts: Counter[tuple[str, str]] = Counter()
    for u, v in g.edges():
        a, b = merged_into.get(u, u), merged_into.get(v, v)
        if (u in merged_into or v in merged_into) and a != b:
            counts[(a, b)] += 1
    for (a, b), c in sorted(counts.items()):
        add_aggregate_edge(out, a, b, c)
    detail = "、".join(f"{class_style(c).zh} {len(v)}" for c, v in sorted(groups.items()))
    scope, scope_en = ("已读取", f"{n} nodes read") if partial else ("本视图共", f"{n}")
    notice = (f"节点过多：{scope} {n} 个节点、{m} 条边，超过上限 {budget}。已把 {len(dropped)} 个次要节点按类别合并为 "
              f"{len(groups)} 个聚合节点（{detail}），显示 {out.number_of_nodes()} 个节点。"
              f" Over the node budget ({scope_en} > {budget}): {len(dropped)} nodes merged into {len(groups)} "
              "aggregate nodes by class; raise --budget to see them all.")
    return Reduced(out, notice, n, m, len(dropped))


def add_class_aggregate(g: nx.MultiDiGraph, cls: str, count: int, names: list[str]) -> str:
    """Add the aggregate node of ``count`` nodes of class ``cls`` (``names``: theirs, sorted)."""
    style = class_style(cls)
    agg = f"aggregate:{cls}"
    g.add_node(agg, id=agg, cls="pg:Aggregate", label=f"其余 {count} 个{style.zh}", label_en=f"{count} more {style.en}",
               aliases=[], evidence=[],
               facts=[("合并的类 class", f"{style.zh} ({cls})"), ("节点数 nodes", str(count)),
                      ("成员 members", "、".join(names[:40]) + ("…" if len(names) > 40 else ""))])
    return agg


def add_aggregate_edge(g: nx.MultiDiGraph, a: str, b: str, count: int, text: str = "聚合 ×{}") -> None:
    """Link ``a`` and ``b`` (one an aggregate) by the ``count`` edges merged into the link."""
    g.add_edge(a, b, key="pg:aggregate", relation="pg:aggregate", label="聚合", text=text.format(count), roles=[],
               evidence=[], rows=[("合并的边 merged edges", str(count))])


def add_aggregates(g: nx.MultiDiGraph, aggregates: list[Aggregate]) -> None:
    """Add counted-but-unread groups as aggregate nodes, linked to the nodes of ``g`` they name."""
    for agg in aggregates:
        g.add_node(agg.key, id=agg.key, cls="pg:Aggregate", label=agg.label, label_en=agg.label_en,
                   aliases=[], evidence=[], facts=list(agg.rows))
    for agg in aggregates:
        for a, b, count in agg.links:
            if a in g and b in g:
                add_aggregate_edge(g, a, b, count, agg.link_text)


@dataclass(frozen=True)
class Hub:
    """A node whose neighbours were sampled, not all read: its links by (relation, direction)."""

    node: str
    distance: int
    links: tuple[tuple[str, str, int], ...]  # (relation CURIE, "in"/"out", triples in the store)
    read: int  # neighbours read from it

    @property
    def total(self) -> int:
        return sum(k for _, _, k in self.links)


@dataclass
class Expansion:
    """A neighbourhood read within a budget: distances from the focus, hubs sampled, where it stopped."""

    distance: dict[str, int]
    hubs: list[Hub]
    stopped: int | None = None  # the first hop not read because the budget was full before it


def expand(kg: KnowledgeGraph, focus: str, hops: int, budget: int) -> Expansion:
    """The nodes within ``hops`` of ``focus``, read from the store within ``budget``.

    Hop by hop, the frontier's links are counted in the store; nodes with at most ``budget``
    links are read whole, in one query; the others (hubs) share the room still left and each
    gives that many neighbours, the first the store lists (bounded, and the same every time).
    Once ``budget`` nodes are known the next hops are not read: a view keeps the nodes closest
    to its focus first, so they could not be shown.
    """
    distance = {focus: 0}
    frontier = [focus]
    hubs: list[Hub] = []
    for hop in range(1, hops + 1):
        if not frontier:
            break
        if len(distance) >= budget:
            return Expansion(distance, hubs, hop)
        counts = link_counts(kg, frontier)
        small = [v for v in frontier if sum(counts[v].values()) <= budget]
        large = [v for v in frontier if sum(counts[v].values()) > budget]
        new = (neighbours(kg, small) if small else set()) - distance.keys()
        share = max(budget - len(distance) - len(new), 0) // len(large) if large else 0
        for v in large:
            limit = share + len(distance)  # some of its first neighbours may be known already
            sample = sample_neighbours(kg, v, limit) if share else []
            fresh = [n for n in sample if n not in distance and n not in new]
            if share and len(sample) < limit:  # fewer neighbours than that: it was read whole
                new.update(fresh)
                continue
            new.update(fresh[:share])
            hubs.append(Hub(v, hop - 1, tuple((r, d, k) for (r, d), k in sorted(counts[v].items())), len(sample)))
        frontier = sorted(new)
        distance.update((v, hop) for v in frontier)
    return Expansion(distance, hubs)


def hub_aggregates(hubs: list[Hub], g: nx.MultiDiGraph, relation_labels: dict[str, str],
                   limit: int) -> list[Aggregate]:
    """An aggregate node for the unread neighbours of each hub still on the page (the first
    ``limit``), linked to its hub and listing the hub's links by relation."""
    out = []
    for h in [h for h in hubs if h.node in g][:limit]:
        d = g.nodes[h.node]
        key = f"aggregate:{short_id(h.node)}"
        rows = (("枢纽 hub", f"{d['label']} ({short_id(h.node)})"), ("关系三元组 links (triples)", str(h.total)),
                ("已读取的邻居 neighbours read", str(h.read)),
                *((f"{relation_labels.get(r, r)} {r} ({'入' if way == 'in' else '出'} {way})", str(k))
                  for r, way, k in h.links))
        out.append(Aggregate(key, f"「{d['label']}」的其余邻居", f"more neighbours of {d['label_en'] or d['label']}",
                             rows, ((h.node, key, h.total),), "关系 ×{}"))
    return out


def expansion_notice(exp: Expansion, g: nx.MultiDiGraph, hops: int, budget: int) -> str | None:
    """What the page must say about a neighbourhood read within a budget (None: all of it was read)."""
    parts = []
    if exp.hubs:
        def name(v: str) -> str:
            return g.nodes[v]["label"] if v in g else short_id(v)

        listed = "、".join(f"{name(h.node)}（{h.total} 条关系，读取 {h.read} 个邻居）" for h in exp.hubs[:8])
        listed_en = ", ".join(f"{short_id(h.node)} ({h.total} links, {h.read} read)" for h in exp.hubs[:8])
        more, more_en = (f"等 {len(exp.hubs)} 个", f" and {len(exp.hubs) - 8} more") if len(exp.hubs) > 8 else ("", "")
        parts.append(f"邻域按上限读取：{len(exp.hubs)} 个枢纽节点的关系超过 {budget} 条，只读取存储中列在最前的部分邻居"
                     f"（确定的取样，每次相同）：{listed}{more}；未读取的邻居不计入本页的节点数，以「其余邻居」聚合节点表示。"
                     f" Read within the budget: {len(exp.hubs)} hub(s) with more than {budget} links contribute only the "
                     f"first neighbours the store lists (a deterministic sample): {listed_en}{more_en}; the neighbours "
                     "not read are not counted on this page.")
    if exp.stopped is not None:
        zh, en = ((f"第 {hops} 跳", f"hop {hops} was") if exp.stopped == hops else
                  (f"第 {exp.stopped} 至 {hops} 跳", f"hops {exp.stopped} to {hops} were"))
        parts.append(f"已读取 {len(exp.distance)} 个节点，达到上限 {budget}，{zh}未展开。"
                     f" The budget was reached after hop {exp.stopped - 1}: {en} not read.")
    return " ".join(parts) or None


@dataclass
class Selection:
    """What a view reads and draws (with each node's distance from the focus), what it counted
    in the store but leaves out, and what the page must say about it."""

    kept: dict[str, int]
    aggregates: list[Aggregate]
    notice: str | None


def chain_selection(kg: KnowledgeGraph, focus: str, budget: int) -> Selection:
    """A chain (0), its narrower chains (1), the parks having any of them (2) and their
    enterprises (3), within ``budget``: tiers in that order, each ranked by how many of the
    chains a member has (then by id); a tier that no longer fits is cut, later tiers are only
    counted in the store. Parks and enterprises left out become two aggregate nodes."""
    chains = narrower(kg, focus)
    room = budget - 3  # the aggregates of chains, parks and enterprises left out
    kept = {focus: 0}
    taxonomy = _take([(c, "") for c in chains if c != focus], kept, room, 1)
    park_rows, parks_all = chain_links(kg, chains, "_viz-chain-parks", ROW_CAP)
    parks = _take(park_rows, kept, room, 2)
    if parks.left_out or not parks_all:
        firm_total, per_chain = chain_firm_counts(kg, chains)
        firms = _Tier(0, firm_total, [], tuple((c, k) for c, k in sorted(per_chain.items()) if c in kept), False)
    else:
        firm_rows, firms_all = chain_links(kg, chains, "_viz-chain-firms", ROW_CAP)
        firms = _take(firm_rows, kept, room, 3, firms_all)
    held = "拥有的这些产业链数，并列按编号 chains held, then id"
    tiers = (("pg:IndustryChain", taxonomy, "编号 id"), ("pg:Park", parks, held), ("pg:Enterprise", firms, held))
    aggregates = [a for a in (_tier_aggregate(cls, tier, how) for cls, tier, how in tiers) if a]
    if not aggregates:
        return Selection(kept, [], None)
    narrower_n = taxonomy.total
    cut = (f"{taxonomy.taken} 条下位产业链、" if taxonomy.left_out else "") + f"{parks.taken} 个园区、{firms.taken} 个企业"
    cut_en = (f"{taxonomy.taken} narrower chains, " if taxonomy.left_out else "") + f"{parks.taken} parks and {firms.taken} enterprises"
    counted = "；企业未读取，只在存储中计数" if not firms.read else ""
    counted_en = ", the enterprises counted in the store, not read" if not firms.read else ""
    bound = "至少 " if not (parks.complete and firms.complete) else ""
    notice = (f"节点过多：该产业链与其 {narrower_n} 条下位产业链共有 {bound}{parks.total} 个园区、{firms.total} 个企业，"
              f"超过上限 {budget}。显示 {cut}（拥有其中产业链最多的，并列按编号），其余合并为聚合节点{counted}。"
              f" Over the node budget ({budget}): the chain and its {narrower_n} narrower chain(s) have {bound and 'at least '}"
              f"{parks.total} parks and {firms.total} enterprises; showing {cut_en} (those with the most of these "
              f"chains, then by id); the rest are merged into aggregate "
              f"nodes{counted_en}; raise --budget to see more.")
    return Selection(kept, aggregates, notice)


@dataclass(frozen=True)
class _Tier:
    """A tier of members: how many were taken, how many there are, the aggregate's links to the
    chains kept ((chain, links from members left out)), whether members were read and all listed."""

    taken: int
    total: int
    dropped: list[str]
    links: tuple[tuple[str, int], ...]
    read: bool = True
    complete: bool = True

    @property
    def left_out(self) -> int:
        return self.total - self.taken


def _take(pairs: list[tuple[str, str]], kept: dict[str, int], room: int, distance: int,
          complete: bool = True) -> _Tier:
    """Keep the members of ``pairs`` ((member, chain)) with the most chains, then by id, while
    ``kept`` has room; count the links of the others to the chains kept."""
    weight = Counter(m for m, _ in pairs)
    ranked = sorted(weight, key=lambda m: (-weight[m], m))
    free = max(room - len(kept), 0)
    for m in ranked[:free]:
        kept[m] = distance
    dropped = ranked[free:]
    out = set(dropped)
    links = Counter(c for m, c in pairs if m in out and c in kept)
    return _Tier(min(free, len(ranked)), len(ranked), dropped, tuple(sorted(links.items())), True, complete)


def _tier_aggregate(cls: str, tier: _Tier, ranked_by: str) -> Aggregate | None:
    """The aggregate of the members of ``tier`` left out (None when none was)."""
    if tier.left_out <= 0:
        return None
    style = class_style(cls)
    key = f"aggregate:{cls}"
    rows = [("合并的类 class", f"{style.zh} ({cls})"), ("节点数 nodes", str(tier.left_out)),
            ("排序 ranked by", ranked_by)]
    if tier.dropped:
        rows.append(("成员 members", "、".join(short_id(m) for m in tier.dropped[:40]) + ("…" if tier.left_out > 40 else "")))
    if not tier.read:
        rows.append(("未读取 not read", "只在存储中计数 counted in the store"))
    return Aggregate(key, f"其余 {tier.left_out} 个{style.zh}", f"{tier.left_out} more {style.en}", tuple(rows),
                     tuple((key, c, k) for c, k in tier.links))


def overview_selection(kg: KnowledgeGraph, budget: int, total: int | None = None) -> Selection | None:
    """On a graph of more than :data:`WHOLE_MAX` entities, the overview's nodes: the park–chain
    skeleton (parks, chains and the links among them) ranked by class, then by its links in
    the skeleton, then by id; the other classes are only counted. None: read the whole graph
    (``total``: its number of entities, if known, saves asking)."""
    if total is not None and total <= WHOLE_MAX:
        return None
    sizes = class_sizes(kg)
    total = sum(sizes.values())
    if total <= WHOLE_MAX:
        return None
    members = class_members(kg, SKELETON_CLASSES)
    edges = [(s, o) for s, _, o in skeleton_edges(kg) if s in members and o in members]
    degree: Counter[str] = Counter()
    for s, o in edges:
        degree[s] += 1
        degree[o] += 1
    others = [c for c in CLASS_ORDER if c not in SKELETON_CLASSES and sizes.get(c)]
    ranked = sorted(members, key=lambda v: (class_style(members[v]).rank, -degree[v], v))
    skeleton_classes = sorted({members[v] for v in members})
    room = max(budget - len(skeleton_classes) - len(others), 1)
    kept = {v: 0 for v in ranked[:room]}
    dropped: dict[str, list[str]] = defaultdict(list)
    for v in ranked[room:]:
        dropped[members[v]].append(v)
    merged = {v: f"aggregate:{cls}" for cls, vs in dropped.items() for v in vs}
    counts: Counter[tuple[str, str]] = Counter()
    for s, o in edges:
        a, b = merged.get(s, s), merged.get(o, o)
        if (s in merged or o in merged) and a != b:
            counts[(a, b)] += 1
    aggregates = []
    boxes = {f"aggregate:{cls}" for cls in dropped}
    for cls, vs in sorted(dropped.items()):
        key = f"aggregate:{cls}"  # each link listed once: by its source box, else by its target box
        links = tuple((a, b, c) for (a, b), c in sorted(counts.items()) if a == key or (b == key and a not in boxes))
        aggregates.append(_class_aggregate(cls, len(vs), vs, links, "按骨架中的连接数，并列按编号 skeleton links, then id"))
    for cls in others:
        aggregates.append(_class_aggregate(cls, sizes[cls], [], (), "未读取，只在存储中计数 not read, counted in the store"))
    detail = "、".join(f"{class_style(c).zh} {n}" for c, n in sorted([*((c, len(v)) for c, v in dropped.items()),
                                                                       *((c, sizes[c]) for c in others)]))
    unread = "、".join(class_style(c).zh for c in others)
    unread_en = ", ".join(class_style(c).en for c in others)
    notice = (f"节点过多：全图共 {total} 个节点，超过上限 {budget}。总览只读取园区与产业链的骨架（{len(members)} 个节点、"
              f"{len(edges)} 条关系：园区—产业链、产业链上下位、园区之间），显示其中连接最多的 {len(kept)} 个（并列按编号），"
              f"其余合并为 {len(aggregates)} 个聚合节点（{detail}）" + (f"；{unread}只在存储中计数，其关系未画出。" if others else "。")
              + f" Over the node budget ({total} nodes > {budget}): the overview reads only the park–chain skeleton "
              f"({len(members)} nodes, {len(edges)} links) and shows its {len(kept)} best-connected nodes (ties by id); the "
              f"rest are merged into {len(aggregates)} aggregate nodes by class"
              + (f" ({unread_en}: counted in the store, their links not drawn)" if others else "")
              + "; raise --budget to see more.")
    return Selection(kept, aggregates, notice)


def _class_aggregate(cls: str, count: int, members: list[str], links: tuple[tuple[str, str, int], ...],
                     how: str) -> Aggregate:
    style = class_style(cls)
    key = f"aggregate:{cls}"
    rows = [("合并的类 class", f"{style.zh} ({cls})"), ("节点数 nodes", str(count)), ("来源 selection", how)]
    if members:
        rows.append(("成员 members", "、".join(short_id(m) for m in members[:40]) + ("…" if count > 40 else "")))
    return Aggregate(key, f"其余 {count} 个{style.zh}", f"{count} more {style.en}", tuple(rows), links)
