"""Saved SPARQL queries (``*.rq`` files shipped in this package) and how to run them.

Run one on the embedded graph::

    from parkgraph.graph.build import build
    from parkgraph.queries import run_query
    rows = run_query(build().graph, "park-chains", {"park": "park/changsha-etdz"})

or on any SPARQL 1.1 server with :func:`parkgraph.queries.remote.run_remote`.
"""

from parkgraph.queries.catalog import (
    Param,
    QueryError,
    SavedQuery,
    bind,
    list_queries,
    load_query,
    parse_query,
)
from parkgraph.queries.run import Prepared, QueryResult, plain, prepare, run_local, run_query

__all__ = [
    "Param", "Prepared", "QueryError", "QueryResult", "SavedQuery", "bind", "list_queries",
    "load_query", "parse_query", "plain", "prepare", "run_local", "run_query",
]
