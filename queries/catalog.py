"""Saved queries: reading their headers and binding their parameters safely.

Header lines a program reads (before the first non-comment line)::

    # title: 中文标题 | English title
    # description: what it answers
    # param: name type default -- what it is      (type: iri, zh, text, year, integer, boolean;
                                                    default "-" leaves the parameter unbound)
    # native: parkgraph.module:function           (optional; shipped queries only: the same
                                                    rows computed natively on the embedded graph)

Parameters become RDF terms written in N3 form (escaped by rdflib) into a VALUES
block, placed where the query has a ``# @params`` line (or right after the first
``WHERE {``). Raw parameter text never reaches the query, so a value carrying
SPARQL syntax cannot change its structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from parkgraph.errors import ParkgraphError
from parkgraph.namespaces import ID

_PARAM = re.compile(
    r"^#\s*param:\s*(\w+)\s+(iri|zh|text|year|integer|boolean)\s+(\S+)\s*(?:--\s*(.*))?$")
_IRI = re.compile(r'^https?://[^\s<>"{}|^`\\]+$')
_ID = re.compile(r"^[a-z]+/[a-z0-9]+(-[a-z0-9]+)*$")
_NATIVE = re.compile(r"^#\s*native:\s*(parkgraph(?:\.\w+)+:\w+)\s*$")
_MARKER = re.compile(r"^[ \t]*# @params[ \t]*$", re.M)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


class QueryError(ParkgraphError):
    """A query is unknown, malformed, refused, or given a bad parameter."""


@dataclass(frozen=True)
class Param:
    """A parameter of a saved query."""

    name: str
    type: str
    default: str
    help: str


@dataclass(frozen=True)
class SavedQuery:
    """A saved query and what its header says about it."""

    name: str
    title_zh: str
    title_en: str
    description: str
    params: tuple[Param, ...]
    text: str
    native: str | None = None  # "module:function" answering it on the embedded graph (shipped queries only)


def parse_query(name: str, text: str, shipped: bool = False) -> SavedQuery:
    """Read the header of a query text (saved or ad hoc).

    A ``# native:`` line is honoured only in the queries shipped with parkgraph (``shipped``),
    and only for a function inside parkgraph: an ad hoc query file cannot name code to run.
    """
    title_zh = title_en = description = ""
    native = None
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
        elif shipped and (m := _NATIVE.match(line)):
            native = m.group(1)
    return SavedQuery(name, title_zh, title_en, description, tuple(params), text, native)


def list_queries() -> list[SavedQuery]:
    """Every saved query shipped with parkgraph, sorted by name."""
    root = files("parkgraph.queries")
    return [parse_query(p.name[:-3], p.read_text(encoding="utf-8"), shipped=True)
            for p in sorted(root.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".rq") and not p.name.startswith("_")]


def load_query(name: str) -> SavedQuery:
    """The saved query ``name`` (the .rq file's stem; internal ones start with ``_``)."""
    path = files("parkgraph.queries").joinpath(f"{name}.rq")
    if not re.match(r"^_?[a-z0-9-]+$", name) or not path.is_file():
        known = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no saved query named {name!r} (known: {known})")
    return parse_query(name, path.read_text(encoding="utf-8"), shipped=True)


_CODEPOINT = re.compile(r"\\[uU][0-9A-Fa-f]{4}")


def to_term(param: Param, value: str) -> URIRef | Literal:
    """Turn a parameter value into the RDF term it stands for, checking its type."""
    if _CODEPOINT.search(value):
        # SPARQL decodes \uXXXX anywhere in a query's text before parsing, so such a value
        # could not be bound exactly as given: refuse it rather than change it.
        raise QueryError(f"parameter {param.name}: values containing a \\uXXXX escape are not supported "
                         "(SPARQL would decode it); write the character itself")
    bad = f"parameter {param.name}: {value!r} is not "
    if param.type == "iri":
        if _IRI.match(value):
            return URIRef(value)
        if _ID.match(value):
            return ID[value]
        raise QueryError(bad + "an IRI or an id such as park/changsha-etdz")
    if param.type == "zh":
        return Literal(value, lang="zh")
    if param.type == "text":
        return Literal(value)
    if param.type == "year":
        if not re.match(r"^\d{4}$", value):
            raise QueryError(bad + "a year such as 2019")
        return Literal(value, datatype=XSD.gYear)
    if param.type == "boolean":
        if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise QueryError(bad + "true or false")
        return Literal(value.lower() in ("true", "1", "yes"))
    if not re.match(r"^-?\d+$", value):
        raise QueryError(bad + "an integer")
    return Literal(int(value))


def bind(query: SavedQuery, params: dict[str, str]) -> str:
    """The query text with its parameters bound (see the module docstring)."""
    known = {p.name for p in query.params}
    for key in params:
        if key not in known:
            raise QueryError(f"query {query.name!r} has no parameter {key!r} "
                             f"(it takes: {', '.join(sorted(known)) or 'none'})")
    if not query.params:
        return query.text
    names, cells = [], []
    for p in query.params:
        value = params.get(p.name, p.default)
        names.append(f"?{p.name}")
        cells.append("UNDEF" if value == "-" else to_term(p, value).n3())
    values = f"VALUES ({' '.join(names)}) {{ ({' '.join(cells)}) }}"
    if _MARKER.search(query.text):
        return _MARKER.sub(lambda _m: "  " + values, query.text)
    m = _WHERE.search(query.text)
    if m is None:
        raise QueryError(f"query {query.name!r} has parameters but no WHERE clause to bind them in")
    return f"{query.text[:m.end()]}\n  {values}\n{query.text[m.end():]}"


def arguments(query: SavedQuery, params: dict[str, str]) -> dict[str, object]:
    """The parameters as Python values (bool, int, str …; None when unbound), for a native
    implementation of the query (after :func:`bind` has refused unknown names)."""
    out: dict[str, object] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        out[p.name] = None if value == "-" else to_term(p, value).toPython()
    return out


def with_iris(name: str, iris: Iterable[str] | None, var: str = "iri") -> str:
    """An internal query whose ``# @iris`` line becomes ``VALUES ?var { … }`` of these IRIs
    (each checked, written in N3; values that are not plain http(s) IRIs are dropped).
    ``iris=None`` leaves the query unrestricted (the marker is a comment)."""
    text = load_query(name).text
    if iris is None:
        return text
    rows = " ".join(URIRef(i).n3() for i in iris if _IRI.match(i))
    return text.replace("  # @iris", f"  VALUES ?{var} {{ {rows} }}")


def labels_query(iris: list[str]) -> str:
    """The internal labels query for these IRIs."""
    return with_iris("_labels", iris)
