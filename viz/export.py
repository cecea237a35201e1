"""GraphML and GEXF (Gephi) exports of the networkx views, with labels and classes as attributes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from parkgraph.errors import OutputError
from parkgraph.graph.export import atomic_write
from parkgraph.viz.style import class_style

NETWORK_FORMATS = ("graphml", "gexf")


def _flat(key: str, value: Any) -> Any:
    """An attribute value GraphML and GEXF can hold: str, int, float or bool."""
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return " | ".join(_pair(key, v) for v in value)
    return str(value)


def _pair(key: str, v: Any) -> str:
    if isinstance(v, (list, tuple)) and len(v) == 2:
        return f"“{v[0]}” ({v[1]})" if key == "evidence" else f"{v[0]}: {v[1]}"
    return str(v)


def portable(g: nx.Graph) -> nx.Graph:
    """A copy of ``g`` whose attributes are all scalars, with ``label``, ``cls`` and ``class_zh``.

    The short id goes to ``pg_id``: GEXF writers take a node attribute ``id`` as the node's id.
    """
    out = g.__class__()
    for n, data in g.nodes(data=True):
        attrs = {("pg_id" if k == "id" else k): _flat(k, v) for k, v in data.items() if v is not None}
        attrs.setdefault("label", str(n))
        attrs.setdefault("cls", "pg:Other")
        attrs["class_zh"] = class_style(attrs["cls"]).zh
        attrs["iri"] = str(n)
        out.add_node(n, **attrs)
    if g.is_multigraph():
        for u, v, k, data in g.edges(keys=True, data=True):
            out.add_edge(u, v, key=k, **{a: _flat(a, x) for a, x in data.items() if x is not None})
    else:
        for u, v, data in g.edges(data=True):
            out.add_edge(u, v, **{a: _flat(a, x) for a, x in data.items() if x is not None})
    return out


def write_network(g: nx.Graph, path: Path, fmt: str | None = None) -> int:
    """Write ``g`` as GraphML or GEXF (from ``fmt`` or the file suffix), atomically; returns bytes."""
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in NETWORK_FORMATS:
        raise OutputError(f"unknown network format {fmt!r} for {path} (choose from {', '.join(NETWORK_FORMATS)})")
    flat = portable(g)
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    atomic_write(path, lambda f: writer(flat, f))
    return path.stat().st_size
