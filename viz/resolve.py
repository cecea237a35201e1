"""Find the entity a user means: a Chinese name, an alias (skos:altLabel), an English name or an id."""

from __future__ import annotations

import difflib
import re

import networkx as nx

from parkgraph.errors import ParkgraphError
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import ID
from parkgraph.queries import load_query
from parkgraph.queries.catalog import QueryError, bind, with_iris
from parkgraph.viz.network import name_graph, rows, short_id
from parkgraph.viz.style import curie

_ID_LIKE = re.compile(r"^[a-z0-9][a-z0-9/-]*$")


class UnknownNameError(ParkgraphError):
    """A name given for a park or chain matches no entity of that kind (or several)."""


KINDS = {"park": ("pg:Park", "pg:SubZone", "pg:IndustrialBase"), "chain": ("pg:IndustryChain",)}
_KIND_ZH = {"park": "园区", "chain": "产业链"}


def _names(data: dict) -> list[str]:
    return [data["label"], data.get("label_en", ""), *data.get("aliases", [])]


def resolve(g: nx.Graph, name: str, kind: str) -> str:
    """The IRI of the ``kind`` ("park" or "chain") entity called ``name`` in the entity graph ``g``.

    Accepts the Chinese name, any alias, the English name (any case), the id (changsha-etdz or
    park/changsha-etdz) or the full IRI. Raises UnknownNameError, with close names, otherwise.
    """
    classes = KINDS[kind]
    wanted = name.strip()
    candidates = {n: d for n, d in g.nodes(data=True) if d.get("cls") in classes}
    if wanted in candidates:
        return wanted
    exact = sorted(n for n, d in candidates.items()
                   if wanted in (short_id(n), short_id(n).split("/", 1)[-1]) or wanted in _names(d))
    if not exact:
        folded = wanted.casefold()
        exact = sorted(n for n, d in candidates.items() if folded in (x.casefold() for x in _names(d) if x))
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        listed = ", ".join(f"{candidates[n]['label']} ({short_id(n)})" for n in exact)
        raise UnknownNameError(f"{_KIND_ZH[kind]} name {name!r} is ambiguous: it names {listed}; give the id")
    index = {x: n for n, d in candidates.items() for x in [*_names(d), short_id(n).split('/', 1)[-1]] if x}
    close = difflib.get_close_matches(wanted, list(index), n=12, cutoff=0.5)
    entities = list(dict.fromkeys(index[c] for c in close))[:5]
    hint = ("; did you mean " + ", ".join(f"{candidates[n]['label']} ({short_id(n)})" for n in entities) + "?"
            if entities else "")
    raise UnknownNameError(f"no {kind} ({_KIND_ZH[kind]}) named {name!r} in the graph{hint}")


def resolve_in_store(kg: KnowledgeGraph, name: str, kind: str) -> str:
    """Like :func:`resolve`, asked of the store: an IRI, an id, or an exact Chinese name or alias
    is looked up directly (milliseconds on a national graph, where listing every park's names
    takes a second); anything else (English names, other letter cases, ambiguous or unknown
    names) falls back to :func:`resolve` over the names of every park and chain."""
    found = _exact(kg, name.strip(), kind)
    if len(found) == 1:
        return found[0]
    return resolve(name_graph(kg), name, kind)


def _exact(kg: KnowledgeGraph, wanted: str, kind: str) -> list[str]:
    """The ``kind`` entities whose IRI, id or Chinese name or alias is ``wanted`` (an IRI alone if given)."""
    classes = KINDS[kind]
    iris = [wanted] if wanted.startswith(("http://", "https://")) else []
    if _ID_LIKE.match(wanted):
        iris += [str(ID[wanted]), str(ID[f"{kind}/{wanted}"])]
    hits = set()
    if iris:
        hits = {s for s, t, _ in rows(kg, with_iris("_viz-lookup", iris)) if t is not None and curie(t) in classes}
    if wanted in hits:
        return [wanted]
    try:
        text = bind(load_query("_viz-find-name"), {"zh": wanted, "plain": wanted})
    except QueryError:  # a value SPARQL cannot carry exactly (a \uXXXX escape): the full list decides
        return []
    hits |= {e for e, t in rows(kg, text) if curie(t) in classes}
    return sorted(hits)
