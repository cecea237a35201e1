"""Run a query on the embedded graph or on a SPARQL 1.1 endpoint, with the same rows back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module
from typing import Any

from pyparsing import ParseException
from rdflib import BNode, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.queries.catalog import (
    QueryError,
    SavedQuery,
    arguments,
    bind,
    load_query,
    parse_query,
)


class QueryResult(list):  # type: ignore[type-arg]
    """Rows as plain dicts (one per solution, keyed by variable), plus ``vars`` in query order."""

    def __init__(self, vars: list[str], rows: list[dict[str, Any]]) -> None:  # noqa: A002
        super().__init__(rows)
        self.vars = vars


@dataclass(frozen=True)
class Prepared:
    """A query ready to send: its bound text and whether it is an update."""

    text: str
    is_update: bool
    kind: str = "SELECT"  # SELECT, ASK, CONSTRUCT, DESCRIBE, or UPDATE
    native: str | None = None  # a saved query's native implementation on the embedded graph
    arguments: tuple[tuple[str, object], ...] = ()  # its parameters as Python values, for ``native``
    limit: int | None = None


_KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
          "DescribeQuery": "DESCRIBE"}


def prepare(query: SavedQuery | str, params: dict[str, str] | None = None,
            allow_update: bool = False, limit: int | None = None) -> Prepared:
    """Bind parameters, check syntax, refuse updates unless allowed, apply a limit.

    The syntax check runs on the query's unbound text, once per process (rdflib's parser
    takes 10-90 ms a query, more than most queries take to answer): binding only adds a
    VALUES block of escaped RDF terms and a LIMIT, which cannot make a valid query invalid.
    """
    saved = query if isinstance(query, SavedQuery) else parse_query("(ad hoc)", query)
    text = bind(saved, params or {})
    is_update, kind = _classify(saved.name, saved.text)
    if is_update and not allow_update:
        raise QueryError("refusing to run an update (INSERT/DELETE/LOAD/CLEAR/DROP …); "
                         "pass --allow-update if you mean to change the data")
    if limit is not None and not is_update:
        if limit < 1:
            raise QueryError("--limit must be a positive integer")
        text = f"{text.rstrip()}\nLIMIT {int(limit)}\n"
    args = tuple(arguments(saved, params or {}).items()) if saved.native else ()
    return Prepared(text, is_update, kind, saved.native, args, limit)


@lru_cache(maxsize=512)
def _classify(name: str, text: str) -> tuple[bool, str]:
    """(is it an update, its kind) of a query text, or a QueryError naming where its syntax fails."""
    try:
        parsed = parseQuery(text)
        return False, _KINDS.get(parsed[1].name, "SELECT")
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError(f"syntax error in query {name} at line {query_error.lineno}, "
                             f"column {query_error.col}: {query_error.msg}") from query_error
        return True, "UPDATE"


def plain(term: Any) -> Any:
    """An RDF term as a plain Python value: IRIs and language strings as str, typed literals as
    their Python value (Decimal, int, bool, date …), so local and remote rows compare equal."""
    if isinstance(term, Literal):
        if term.language:
            return str(term)
        value = term.toPython()
        return value if not isinstance(value, Literal) else str(value)
    if isinstance(term, (URIRef, BNode)):
        return str(term)
    return term


def run_local(kg: KnowledgeGraph, prepared: Prepared) -> QueryResult:
    """Run on the embedded graph (SPARQL default graph = union of the named graphs).

    A saved query with a native implementation (an all-pairs question a SPARQL engine can
    only answer by enumerating every pair) is answered by it: the same columns, rows and order.
    """
    if prepared.native is not None:
        return _native(prepared.native)(kg, limit=prepared.limit, **dict(prepared.arguments))
    if prepared.is_update:
        if kg.ox_store is not None:
            kg.ox_store.update(prepared.text)  # Oxigraph's own SPARQL Update (oxrdflib's path mishandles the default graph)
        else:
            kg.dataset.update(prepared.text)
        return QueryResult([], [])
    result = kg.dataset.query(prepared.text)
    if result.type == "ASK":
        return QueryResult(["ask"], [{"ask": bool(result.askAnswer)}])
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rows = [{"subject": plain(s), "predicate": plain(p), "object": plain(o)}
                for s, p, o in sorted(result.graph)]  # type: ignore[union-attr]
        return QueryResult(["subject", "predicate", "object"], rows)
    names = [str(v) for v in result.vars or []]
    rows = [{n: plain(row[i]) for i, n in enumerate(names) if row[i] is not None} for row in result]  # type: ignore[index]
    return QueryResult(names, rows)


def _native(spec: str) -> Callable[..., QueryResult]:
    """The function a shipped query's ``# native: module:function`` header names (inside parkgraph)."""
    module, _, function = spec.partition(":")
    return getattr(import_module(module), function)  # type: ignore[no-any-return]


def run_query(kg: KnowledgeGraph, name: str, params: dict[str, str] | None = None,
              limit: int | None = None) -> QueryResult:
    """Run a saved query by name on the embedded graph; rows as plain dicts."""
    return run_local(kg, prepare(load_query(name), params, limit=limit))

