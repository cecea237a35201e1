"""The parkgraph ontology and SHACL shapes, shipped as package data.

The controlled vocabularies the loader checks extracts against (roles, park
kinds, levels, qualifiers, figure kinds, units) are SKOS concept schemes in the
ontology itself, so there is one source of truth for what a curator may write.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from parkgraph.namespaces import PG

ONTOLOGY_FILE = "parkgraph.ttl"
SHAPES_FILE = "shapes.ttl"


def resource_text(name: str) -> str:
    """The text of a file shipped in this package (``parkgraph.ttl``, ``shapes.ttl``)."""
    return files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def ontology_graph() -> Graph:
    """The ontology as an rdflib graph (parsed once, do not mutate)."""
    return Graph().parse(data=resource_text(ONTOLOGY_FILE), format="turtle")


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes as an rdflib graph (parsed once, do not mutate)."""
    return Graph().parse(data=resource_text(SHAPES_FILE), format="turtle")


@dataclass(frozen=True)
class UnitInfo:
    """A unit as written in sources, and how to reach its base unit."""

    iri: URIRef
    notation: str
    multiplier: Decimal
    base: URIRef


def vocabulary(scheme: URIRef) -> dict[str, URIRef]:
    """Map each concept's skos:notation to its IRI for one concept scheme."""
    g = ontology_graph()
    out: dict[str, URIRef] = {}
    for concept in g.subjects(SKOS.inScheme, scheme):
        notation = g.value(concept, SKOS.notation)
        if isinstance(concept, URIRef) and isinstance(notation, Literal):
            out[str(notation)] = concept
    return out


@cache
def units() -> dict[str, UnitInfo]:
    """The units a curator may write, keyed by their Chinese notation."""
    g = ontology_graph()
    out: dict[str, UnitInfo] = {}
    for notation, iri in vocabulary(PG.Units).items():
        mult = g.value(iri, PG.conversionMultiplier)
        base = g.value(iri, PG.baseUnit)
        if isinstance(mult, Literal) and isinstance(base, URIRef):
            out[notation] = UnitInfo(iri, notation, Decimal(str(mult)), base)
    return out


@cache
def vocabularies() -> dict[str, dict[str, URIRef]]:
    """All closed vocabularies by name: chain-role, enterprise-role, park-kind, level, …"""
    return {
        "chain-role": vocabulary(PG.ChainRoles),
        "enterprise-role": vocabulary(PG.EnterpriseRoles),
        "park-kind": vocabulary(PG.ParkKinds),
        "level": vocabulary(PG.Levels),
        "qualifier": vocabulary(PG.Qualifiers),
        "figure-kind": vocabulary(PG.FigureKinds),
    }
