"""The rows of a saved query drawn as a graph.

Every IRI in the rows (and every IRI parameter of the query) is a node. In each row the first
IRI column is the row's head: the query's IRI parameters link to it, and it links to the row's
other IRIs; each edge is named after its column (in Chinese where the column is an ontology
property such as ``chain`` or ``role``). A column ``xLabel`` names the IRI of column ``x``; the
other literal columns go into the tooltips of the row's edges.
"""

from __future__ import annotations

import re
from typing import Any

import networkx as nx

from parkgraph.errors import ParkgraphError
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import ID
from parkgraph.queries import load_query, run_query
from parkgraph.queries.catalog import with_iris
from parkgraph.viz.network import entity_graph, predicate_labels, rows, short_id
from parkgraph.viz.style import CLASSES, curie

_IRI = re.compile(r"^https?://\S+$")



class QueryViewError(ParkgraphError):
    """A saved query's rows cannot be drawn (no IRIs to make nodes of)."""


def is_iri(value: Any) -> bool:
    return isinstance(value, str) and bool(_IRI.match(value))


def _param_iri(value: str) -> str:
    return value if is_iri(value) else str(ID[value])


def query_graph(kg: KnowledgeGraph, g: nx.MultiDiGraph | None, name: str,
                params: dict[str, str]) -> tuple[nx.MultiDiGraph, str, str]:
    """(graph, title, subtitle) of the saved query ``name`` run with ``params``; node details come
    from the entity graph ``g`` if given, else from the store for just the nodes drawn."""
    saved = load_query(name)
    rows = run_query(kg, name, params)
    columns = list(getattr(rows, "vars", None) or (rows[0].keys() if rows else []))
    iri_cols = [c for c in columns if any(is_iri(r.get(c)) for r in rows)]
    anchors = [(p.name, _param_iri(params.get(p.name, p.default))) for p in saved.params if p.type == "iri"]
    if not iri_cols and not anchors:
        raise QueryViewError(f"query {name!r} returns no IRIs, so there is nothing to draw as a graph; "
                             f"run it as a table instead")
    names = predicate_labels(kg)
    out = nx.MultiDiGraph()
    row_labels: dict[str, str] = {}
    for _, iri in anchors:
        out.add_node(iri)
    for row in rows:
        values = [(c, row[c]) for c in iri_cols if is_iri(row.get(c))]
        for c, iri in values:
            out.add_node(iri)
            if isinstance(row.get(f"{c}Label"), str):
                row_labels.setdefault(iri, row[f"{c}Label"])
        literals = [(c, str(row[c])) for c in columns
                    if c in row and c not in iri_cols and not (c.endswith("Label") and c[:-5] in iri_cols)]
        if not values:
            continue
        head_col, head = values[0]
        pairs = [(a, head, head_col) for _, a in anchors if a != head]
        pairs += [(head, iri, c) for c, iri in values[1:] if iri != head]
        for u, v, col in pairs:
            rel = f"?{col}"
            label = names.get(f"pg:{col}", col)
            if out.has_edge(u, v, key=rel):
                out[u][v][rel]["rows"] += [r for r in literals if r not in out[u][v][rel]["rows"]]
            else:
                out.add_edge(u, v, key=rel, relation=rel, label=label, roles=[], evidence=[], rows=list(literals))
        if not pairs:
            out.nodes[head].setdefault("row_facts", []).extend(r for r in literals)
    _describe(kg, g if g is not None else entity_graph(kg, iris=list(out)), out, row_labels)
    bound = ", ".join(f"{p.name}={params.get(p.name, p.default)}" for p in saved.params)
    title = f"查询：{saved.title_zh or name}"
    subtitle = f"{saved.title_en} — saved query {name}" + (f" ({bound})" if bound else "") + f", {len(rows)} row(s)"
    return out, title, subtitle


def _describe(kg: KnowledgeGraph, g: nx.MultiDiGraph, out: nx.MultiDiGraph, row_labels: dict[str, str]) -> None:
    """Give every node of ``out`` the attributes the page needs, from the entity graph or a lookup."""
    missing = [v for v in out if v not in g]
    found: dict[str, dict[str, Any]] = {}
    if missing:
        for s, t, zh in rows(kg, with_iris("_viz-lookup", missing)):
            entry = found.setdefault(str(s), {"types": set(), "zh": None})
            if t is not None:
                entry["types"].add(curie(str(t)))
            if zh is not None:
                entry["zh"] = str(zh)
    for v in out:
        facts = out.nodes[v].pop("row_facts", [])
        if v in g:
            out.nodes[v].update({**g.nodes[v], "facts": [*g.nodes[v]["facts"], *facts]})
            continue
        entry = found.get(v, {"types": set(), "zh": None})
        types = sorted(entry["types"])
        cls = next((t for t in types if t in CLASSES), "pg:Other")
        label = entry["zh"] or row_labels.get(v) or short_id(v).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        out.nodes[v].update(id=short_id(v), cls=cls, label=label, label_en="", aliases=[], evidence=[],
                            facts=facts, type_label=f"{', '.join(types) or 'IRI'}")
