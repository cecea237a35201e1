"""Build the knowledge graph from the curated extracts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from parkgraph.graph.store import DEFAULT_ENGINE, KnowledgeGraph, new_graph
from parkgraph.loaders.extracts import Extracts, load_extracts
from parkgraph.loaders.rdf import Quad, extracts_quads
from parkgraph.namespaces import ONTOLOGY_GRAPH, PREFIXES
from parkgraph.ontology import ontology_graph

DEFAULT_EXTRACTS = Path("extracts")
DEFAULT_SOURCES = Path("sources")


@dataclass
class Build:
    """A built graph and the extracts it came from."""

    graph: KnowledgeGraph
    extracts: Extracts


def ontology_quads(onto: Graph | None = None) -> list[Quad]:
    """The ontology's triples placed in its own named graph."""
    onto = onto if onto is not None else ontology_graph()
    return [(s, p, o, ONTOLOGY_GRAPH) for s, p, o in onto]  # type: ignore[misc]


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples syntax (rdflib's ``n3()`` writes multi-line literals with triple quotes,
    which N-Quads does not allow: quotes spanning lines of a flattened table need escapes)."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return f"<{term}>"


def nquads_lines(quads: list[Quad]) -> list[str]:
    """Sorted, de-duplicated N-Quads lines: the canonical text of a dataset."""
    return sorted({f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(g)} .\n" for s, p, o, g in quads})


def build(
    extracts_dir: Path = DEFAULT_EXTRACTS,
    sources_dir: Path = DEFAULT_SOURCES,
    engine: str = DEFAULT_ENGINE,
) -> Build:
    """Check the extracts, emit RDF and bulk-load it. Raises ExtractError on bad input."""
    extracts = load_extracts(extracts_dir, sources_dir)
    quads = ontology_quads() + list(extracts_quads(extracts))
    kg = new_graph(engine)
    kg.load_nquads("".join(nquads_lines(quads)).encode("utf-8"))
    for prefix, ns in PREFIXES.items():
        kg.dataset.bind(prefix, ns, override=True)
    return Build(kg, extracts)
