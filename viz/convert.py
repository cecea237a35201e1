"""Turn a networkx view into a pyvis Network and then a :class:`~parkgraph.viz.html.Page`.

Small views settle with vis-network's physics, bounded (a fixed number of stabilisation
iterations), then physics is switched off so the drawing stays still. Large views get a layout
computed here beforehand (:func:`parkgraph.viz.layout.force_layout`) and physics off from the
start: vis-network needs minutes to stabilise a thousand nodes in the browser.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from pyvis.network import Network

from parkgraph.viz.html import Page
from parkgraph.viz.layout import force_layout
from parkgraph.viz.style import (
    CLASSES,
    DEFAULT_EDGE_COLOR,
    FONT_STACK,
    RELATION_COLORS,
    class_style,
)

PHYSICS_LIMIT = 150  # views with more nodes than this get a precomputed layout, physics off
STABILISATION_ITERATIONS = 250
LABEL_MAX = 48
QUOTE_MAX = 160
EVIDENCE_MAX = 3
QUERY_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#e15759", "#76b7b2", "#edc948"]
UNDIRECTED = {"pg:sharesChains", "pg:coBuiltWith"}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def evidence_rows(evidence: list[tuple[str, str]], label: str = "") -> list[list[str]]:
    """At most three (quote, document) pairs, informative ones (longer than the name) first."""
    ranked = sorted(evidence, key=lambda e: len(e[0].strip()) <= len(label) + 2)
    return [[_cut(" ".join(q.split()), QUOTE_MAX), d] for q, d in ranked[:EVIDENCE_MAX]]


def node_tip(node: str, d: dict[str, Any], extra: list[tuple[str, str]] = ()) -> dict[str, Any]:
    """The tooltip of a node: name, class, key facts, evidence."""
    style = class_style(d.get("cls", "pg:Other"))
    rows = [["编号 id", d.get("id", node)]]
    if d.get("label_en"):
        rows.append(["英文名 English", d["label_en"]])
    if d.get("aliases"):
        rows.append(["别名 aliases", "、".join(d["aliases"])])
    rows += [[k, str(v)] for k, v in [*d.get("facts", []), *extra]]
    cls = d.get("type_label") or f"{style.zh} {style.en} ({d.get('cls', 'pg:Other')})"
    return {"title": d.get("label", node), "cls": cls, "rows": rows,
            "evidence": evidence_rows(d.get("evidence", []), d.get("label", ""))}


def relation_color(rel: str) -> str:
    """The colour of a relation; a query's columns (?chain) take their property's colour or a stable one."""
    if rel in RELATION_COLORS:
        return RELATION_COLORS[rel]
    if rel.startswith("?"):
        for prefix in ("pg:", "skos:"):
            if prefix + rel[1:] in RELATION_COLORS:
                return RELATION_COLORS[prefix + rel[1:]]
        return QUERY_COLORS[sum(map(ord, rel)) % len(QUERY_COLORS)]
    return DEFAULT_EDGE_COLOR


def edge_text(d: dict[str, Any]) -> str:
    """The edge's label: the relation's Chinese name, with the roles when the facts give them."""
    if d.get("text"):
        return str(d["text"])
    roles = d.get("roles") or []
    return d["label"] + (f"（{'、'.join(roles)}）" if roles else "")


def to_page(g: nx.MultiDiGraph, title: str, subtitle: str, notices: list[str],
            focus: set[str] = frozenset(), node_extra: dict[str, list[tuple[str, str]]] | None = None,
            physics: bool | None = None, seed: int = 7) -> Page:
    """Style, lay out and package the view ``g`` (nodes: cls, label …; edges: relation, label …)."""
    node_extra = node_extra or {}
    n = g.number_of_nodes()
    physics = 0 < n <= PHYSICS_LIMIT if physics is None else physics and n > 0
    positions = {} if physics else force_layout(nx.Graph(g.to_undirected(as_view=True)), seed=seed)
    net = Network(directed=True, cdn_resources="in_line")
    degree = dict(g.degree())
    boxes = {v for v, d in g.nodes(data=True) if d.get("cls") == "pg:Aggregate"}  # what a cut view left out
    sizes = _label_sizes(degree, positions, focus | boxes)
    for v, d in sorted(g.nodes(data=True), key=lambda x: str(x[0])):
        style = class_style(d.get("cls", "pg:Other"))
        attrs: dict[str, Any] = {
            "color": {"background": style.color, "border": "#333333" if v in focus else style.color,
                      "highlight": {"background": style.color, "border": "#000000"},
                      "hover": {"background": style.color, "border": "#000000"}},
            "value": degree[v] + (12 if v in focus else 1), "borderWidth": 4 if v in focus else 1,
            "tip": node_tip(v, d, node_extra.get(v, [])), "cls": d.get("cls", "pg:Other"),
        }
        if v in positions:  # large view: hubs get bigger labels, drawn before the others when zoomed out
            attrs["x"], attrs["y"] = positions[v]
            attrs["font"] = {"size": sizes[v]}
        net.add_node(str(v), label=_cut(d.get("label", str(v)), LABEL_MAX), shape=style.shape, **attrs)
    for i, (u, v, k, d) in enumerate(sorted(g.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))):
        rel = d.get("relation", k)
        color = relation_color(rel)
        rows = [["关系 relation", f"{d['label']} ({rel})"]]
        if d.get("roles"):
            rows.append(["角色 roles", "、".join(d["roles"])])
        rows += [[a, str(b)] for a, b in d.get("rows", [])]
        tip = {"title": f"{g.nodes[u].get('label', u)} → {g.nodes[v].get('label', v)}", "cls": edge_text(d),
               "rows": rows, "evidence": evidence_rows(d.get("evidence", []))}
        net.add_edge(str(u), str(v), id=f"e{i}", label=edge_text(d), tip=tip, relation=rel,
                     color={"color": color, "highlight": "#222222", "opacity": 0.8},
                     width=d.get("width", 1.5), arrows="" if rel in UNDIRECTED else "to",
                     dashes=rel in ("pg:aggregate", "skos:broader"))
    nodes, edges, *_ = net.get_network_data()
    return Page(title=title, subtitle=subtitle, nodes=list(nodes), edges=list(edges),
                legend=_legend(g), notices=notices, physics=physics, options=_options(physics, n))


def _label_sizes(degree: dict, positions: dict, focus: set[str]) -> dict:
    """Label sizes for a precomputed layout: seen fitted to a ~1150x700 canvas, the top tenth of the
    nodes by degree (and the ``focus``: the view's focus and its aggregate nodes) read at 15 px,
    the next fifth at 11.5 px, and the rest at 6.5 px, below vis-network's draw threshold
    (drawThreshold - 1 = 8 px), so they appear as the user zooms in."""
    if not positions:
        return {}
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    scale = min(1.0, 1150 / (max(xs) - min(xs) + 200), 700 / (max(ys) - min(ys) + 200))
    ranked = sorted(degree.values(), reverse=True)
    big, mid = ranked[len(ranked) // 10], ranked[len(ranked) * 3 // 10]
    return {v: round((15 if d >= big or v in focus else 11.5 if d >= mid else 6.5) / scale, 1)
            for v, d in degree.items()}


def _legend(g: nx.MultiDiGraph) -> list[dict[str, str]]:
    classes = {d.get("cls", "pg:Other") for _, d in g.nodes(data=True)}
    items = [{"kind": "node", "label": f"{s.zh} {s.en}", "color": s.color, "shape": s.shape}
             for c, s in CLASSES.items() if c in classes]
    relations = sorted({(d.get("relation", k), d["label"]) for _, _, k, d in g.edges(keys=True, data=True)})
    items += [{"kind": "edge", "label": f"{label} ({rel})", "color": relation_color(rel),
               "shape": "line"} for rel, label in relations]
    return items


def _options(physics: bool, n: int) -> dict[str, Any]:
    font = {"face": FONT_STACK, "size": 14, "color": "#222222", "strokeWidth": 3, "strokeColor": "#ffffff"}
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"font": font, "scaling": {"min": 8, "max": 34,
                                            "label": {"enabled": False, "drawThreshold": 5 if physics else 9}}},
        "edges": {"font": {**font, "size": 10 if physics else 8, "strokeWidth": 2, "align": "middle", "color": "#555555"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": 5 if physics else 7}},
                  "smooth": {"type": "continuous"} if physics else False,
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > PHYSICS_LIMIT,
                        "navigationButtons": False, "keyboard": False},
        "layout": {"improvedLayout": physics and n <= 100, "randomSeed": 7},
    }
    if physics:
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -70, "springLength": 110,
                                                   "avoidOverlap": 0.3},
                              "stabilization": {"enabled": True, "iterations": STABILISATION_ITERATIONS,
                                                "updateInterval": 50, "fit": True},
                              "minVelocity": 1.0}
    else:
        options["physics"] = {"enabled": False}
    return options
