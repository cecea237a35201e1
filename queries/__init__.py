"""Saved SPARQL queries (``*.rq`` files shipped with the package) and a runner.

Each file starts with a header that a program reads::

    # title: 中文标题 | English title
    # description: what it answers
    # param: name type default  -- what it is   (type: iri, zh, text, year, integer)

Parameters are bound as RDF terms in a trailing ``VALUES`` block written from
the terms' escaped N3 forms (never by pasting raw text into the query), so a
value carrying SPARQL syntax cannot change the query, and the same bound text
runs on the embedded engine and on any SPARQL 1.1 server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from importlib.resources import files
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from parkgraph.errors import ParkgraphError
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import ID

_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s+(iri|zh|text|year|integer)\s+(\S+)\s*(?:--\s*(.*))?$")


class QueryError(ParkgraphError):
    """A saved query is unknown, malformed or given a bad parameter."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str
    help: str


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title_zh: str
    title_en: str
    description: str
    params: tuple[Param, ...]
    text: str


def _parse(name: str, text: str) -> SavedQuery:
    title_zh = title_en = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# title:"):
            zh, _, en = line[len("# title:"):].partition("|")
            title_zh, title_en = zh.strip(), en.strip()
        elif line.startswith("# description:"):
            description = line[len("# description:"):].strip()
        elif (m := _PARAM.match(line)):
            params.append(Param(m.group(1), m.group(2), m.group(3), (m.group(4) or "").strip()))
    return SavedQuery(name, title_zh, title_en, description, tuple(params), text)


def list_queries() -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    root = files(__name__)
    return [_parse(p.name[:-3], p.read_text(encoding="utf-8"))
            for p in sorted(root.iterdir(), key=lambda p: p.name) if p.name.endswith(".rq")]


def load_query(name: str) -> SavedQuery:
    """The saved query ``name`` (the file's stem)."""
    path = files(__name__).joinpath(f"{name}.rq")
    if not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no saved query named {name!r} (known: {known})")
    return _parse(name, path.read_text(encoding="utf-8"))


def to_term(param: Param, value: str) -> URIRef | Literal:
    """Turn a parameter value into the RDF term it stands for."""
    if param.type == "iri":
        if re.match(r'^https?://[^\s<>"{}|^`\\]+$', value):
            return URIRef(value)
        if re.match(r"^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$", value):
            return ID[value]
        raise QueryError(f"parameter {param.name}: {value!r} is not an IRI or an id such as park/changsha-etdz")
    if param.type == "zh":
        return Literal(value, lang="zh")
    if param.type == "text":
        return Literal(value)
    if param.type == "year":
        if not re.match(r"^\d{4}$", value):
            raise QueryError(f"parameter {param.name}: {value!r} is not a year")
        return Literal(value, datatype=XSD.gYear)
    if not re.match(r"^-?\d+$", value):
        raise QueryError(f"parameter {param.name}: {value!r} is not an integer")
    return Literal(int(value))


def bind(query: SavedQuery, params: dict[str, str]) -> str:
    """The query text with its parameters bound by a trailing VALUES block of escaped terms."""
    if not query.params:
        return query.text
    terms = [to_term(p, params.get(p.name, p.default)) for p in query.params]
    names = " ".join(f"?{p.name}" for p in query.params)
    row = " ".join(t.n3() for t in terms)
    return f"{query.text.rstrip()}\nVALUES ({names}) {{ ({row}) }}\n"


def run_query(kg: KnowledgeGraph, name: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Run a saved query with parameters (defaults from its header); rows as plain dicts."""
    params = params or {}
    query = load_query(name)
    known = {p.name: p for p in query.params}
    for key in params:
        if key not in known:
            raise QueryError(f"query {name!r} has no parameter {key!r} (it takes: {', '.join(known) or 'none'})")
    result = kg.dataset.query(bind(query, params))
    return [{str(v): _plain(row[v]) for v in result.vars if row[v] is not None} for row in result]  # type: ignore[union-attr,index]


def _plain(term: Any) -> Any:
    """RDF term -> plain Python value a notebook can use."""
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return value
        return value if not isinstance(value, Literal) else str(value)
    return str(term)
