"""Namespaces used by parkgraph.

``PG`` is a closed namespace: a misspelled term raises at import or first use,
instead of silently minting a new IRI. A test checks it matches the ontology.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/parkgraph/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
CUR = Namespace("http://qudt.org/vocab/currency/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")


class PG(DefinedNamespace):
    """The parkgraph ontology (classes, properties and vocabulary concepts)."""

    ChainMembership: URIRef
    ChainRoles: URIRef
    Enterprise: URIRef
    EnterpriseRole: URIRef
    EnterpriseRoles: URIRef
    Evidence: URIRef
    Fact: URIRef
    Figure: URIRef
    FigureKind: URIRef
    FigureKinds: URIRef
    Indicator: URIRef
    IndustrialBase: URIRef
    IndustryChain: URIRef
    IssuingBody: URIRef
    Level: URIRef
    Levels: URIRef
    Mention: URIRef
    Park: URIRef
    ParkKind: URIRef
    ParkKinds: URIRef
    ParkRelationship: URIRef
    Policy: URIRef
    PolicyApplication: URIRef
    PolicyLineage: URIRef
    Qualifier: URIRef
    Qualifiers: URIRef
    Region: URIRef
    Role: URIRef
    SourceDocument: URIRef
    Statistic: URIRef
    SubZone: URIRef
    Target: URIRef
    Unit: URIRef
    Units: URIRef
    aboutChain: URIRef
    aboutPark: URIRef
    anchorOf: URIRef
    appliesTo: URIRef
    baseUnit: URIRef
    basedOn: URIRef
    baselineYear: URIRef
    bodyLevel: URIRef
    branchOf: URIRef
    chain: URIRef
    coBuiltWith: URIRef
    conversionMultiplier: URIRef
    docNumber: URIRef
    docNumberCode: URIRef
    docNumberNormalised: URIRef
    docNumberSequence: URIRef
    docNumberYear: URIRef
    documentKind: URIRef
    enclaveOf: URIRef
    endOffset: URIRef
    enterprise: URIRef
    entity: URIRef
    evidence: URIRef
    figureKind: URIRef
    figureOf: URIRef
    hasIndustryChain: URIRef
    hostedBy: URIRef
    implements: URIRef
    inChain: URIRef
    inDocument: URIRef
    indicator: URIRef
    issuedBy: URIRef
    locatedIn: URIRef
    locatedInPark: URIRef
    masked: URIRef
    memberRegion: URIRef
    mentions: URIRef
    normalisedValue: URIRef
    normalisedValueMax: URIRef
    origin: URIRef
    otherPark: URIRef
    otherPolicy: URIRef
    park: URIRef
    parkKind: URIRef
    parkLevel: URIRef
    partOf: URIRef
    periodEnd: URIRef
    periodStart: URIRef
    planYear: URIRef
    policy: URIRef
    policyKind: URIRef
    policyLevel: URIRef
    qualifier: URIRef
    quote: URIRef
    regionLevel: URIRef
    relation: URIRef
    replaces: URIRef
    role: URIRef
    sourceFile: URIRef
    startOffset: URIRef
    surfaceForm: URIRef
    unit: URIRef
    value: URIRef
    valueMax: URIRef
    within: URIRef
    year: URIRef

    _NS = Namespace(BASE + "ontology#")
    _fail = True
    _underscore_num = True
    _extras = [
        "erole-anchor",
        "erole-key",
        "erole-member",
        "erole-partner",
        "erole-project",
        "fkind-growth",
        "fkind-level",
        "fkind-share",
        "kind-base",
        "kind-epz",
        "kind-etdz",
        "kind-ez",
        "kind-hidz",
        "kind-ip",
        "kind-iz",
        "kind-other",
        "kind-sub-zone",
        "level-area",
        "level-city",
        "level-country",
        "level-county",
        "level-district",
        "level-municipal",
        "level-national",
        "level-park",
        "level-province",
        "level-provincial",
        "level-unknown",
        "qual-approximately",
        "qual-around",
        "qual-at-least",
        "qual-at-most",
        "qual-ensure",
        "qual-exceed",
        "qual-more-than",
        "qual-nearly",
        "qual-no-less-than",
        "qual-over",
        "qual-reach",
        "qual-strive",
        "qual-within",
        "role-base",
        "role-characteristic",
        "role-cluster",
        "role-emerging",
        "role-future",
        "role-key",
        "role-leading",
        "role-traditional",
        "unit-ge",
        "unit-hectare",
        "unit-jia",
        "unit-km2",
        "unit-kw",
        "unit-kwh",
        "unit-m2",
        "unit-ming",
        "unit-mu",
        "unit-percent",
        "unit-percentage-point",
        "unit-ren",
        "unit-tce",
        "unit-tonne",
        "unit-usd",
        "unit-wan-kw",
        "unit-wan-kwh",
        "unit-wan-mu",
        "unit-wan-ren",
        "unit-wan-tce",
        "unit-wan-tonne",
        "unit-wan-usd",
        "unit-wan-yi-yuan",
        "unit-wan-yuan",
        "unit-xiang",
        "unit-yi-usd",
        "unit-yi-yuan",
        "unit-yuan",
        "unit-zhi",
        "unit-zuo",
    ]



def entity_iri(kind: str, ident: str) -> URIRef:
    """The IRI of a registry entity: ``entity_iri("park", "changsha-etdz")``."""
    return ID[f"{kind}/{ident}"]


def doc_graph(doc_id: str) -> URIRef:
    """The named graph that holds one source document's facts."""
    return GRAPH[f"doc/{doc_id}"]


ONTOLOGY_GRAPH = GRAPH["ontology"]
REGISTRY_GRAPH = GRAPH["registry"]

PREFIXES: dict[str, str] = {
    "pg": str(PG._NS),
    "pgid": str(ID),
    # one prefix per kind of entity, so Turtle and tables read park:changsha-etdz
    **{kind: f"{ID}{kind}/" for kind in (
        "park", "chain", "enterprise", "policy", "region", "indicator", "doc", "fact", "figure",
        "evidence", "scheme")},
    "body": f"{ID}org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "schema": str(SCHEMA),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "cur": str(CUR),
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
