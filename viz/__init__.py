"""parkgraph.viz: interactive offline views of the graph, and network analytics.

The main entry points (imported on first use, so ``import parkgraph.viz`` stays cheap)::

    from parkgraph.viz import analyze, view, write_view, entity_graph
    a = analyze(kg, rollup=False)            # pairs, chain reach, communities, centrality
    write_view(kg, Path("v.html"), park="长沙经开区", hops=2)
    view(kg, chain="新材料")                 # displays inline in Jupyter

Modules: ``network`` (RDF -> networkx), ``analytics``, ``export`` (GraphML/GEXF), ``views``,
``convert`` (networkx -> pyvis -> page), ``html`` (the self-contained page), ``layout``,
``budget``, ``querygraph``, ``resolve``, ``browser`` (headless Chromium check), ``commands``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "analyze": "analytics", "Analysis": "analytics",
    "entity_graph": "network",
    "write_network": "export",
    "view": "views", "write_view": "views", "View": "views", "ViewInfo": "views", "ViewError": "views",
    "UnknownNameError": "resolve", "resolve": "resolve",
    "viz_command": "commands", "analyze_command": "commands",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(f"parkgraph.viz.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module 'parkgraph.viz' has no attribute {name!r}")
