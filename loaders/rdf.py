"""Turn checked extracts into RDF quads with deterministic IRIs.

The registry goes into one named graph, each source document's facts into their
own, and every fact is a node linked to the evidence (quote and offsets) that
supports it, besides the direct triple (park pg:hasIndustryChain chain) that
simple queries use.

Terms are written straight in N-Triples syntax (strings), because the build
bulk-loads N-Quads text: no per-triple rdflib objects on the hot path.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from parkgraph.loaders.docnumber import parse_doc_number
from parkgraph.loaders.extracts import Document, Entity, Extracts
from parkgraph.loaders.fields import as_decimal
from parkgraph.loaders.yamlio import LineDict
from parkgraph.namespaces import ID, PG, REGISTRY_GRAPH, doc_graph, entity_iri
from parkgraph.ontology import units, vocabularies

Quad = tuple[str, str, str, str]  # subject, predicate, object, graph in N-Triples syntax

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _N3:
    """A namespace whose terms come out as N-Triples IRIs (``<…>``), cached; closed like its source."""

    def __init__(self, ns: Any) -> None:
        self._ns = ns
        self._cache: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> str:
        out = self._cache.get(name)
        if out is None:
            out = self._cache[name] = f"<{self._ns[name]}>"
        return out


pg, rdf, rdfs, skos, dcterms, prov = (_N3(n) for n in (PG, RDF, RDFS, SKOS, DCTERMS, PROV))


def iri(value: object) -> str:
    """An IRI in N-Triples syntax."""
    return f"<{value}>"


def literal(text: str, suffix: str = "") -> str:
    """A literal in N-Triples syntax; ``suffix`` is ``@lang`` or ``^^<datatype>``."""
    return f'"{str(text).translate(_ESCAPES)}"{suffix}'


def plain_literal(text: str) -> str:
    return literal(text)


def zh(text: str) -> str:
    return literal(text, "@zh")


def en(text: str) -> str:
    return literal(text, "@en")


def year(value: int) -> str:
    return literal(f"{value:04d}", f"^^<{XSD.gYear}>")


def integer(value: int) -> str:
    return literal(str(int(value)), f"^^<{XSD.integer}>")


def boolean(value: bool) -> str:
    return literal("true" if value else "false", f"^^<{XSD.boolean}>")


def decimal(value: Decimal) -> str:
    return literal(_plain(value), f"^^<{XSD.decimal}>")


def _plain(value: Decimal) -> str:
    """Canonical lexical form (as Oxigraph writes it), so every engine exports the same bytes."""
    return format(value.normalize(), "f")


def date_literal(text: str) -> str:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text), XSD.date)
    return literal(text, f"^^<{datatype}>")


INDUSTRY_SCHEME = iri(ID["scheme/industries"])
INDICATOR_SCHEME = iri(ID["scheme/indicators"])

_CLASS = {"region": pg.Region, "org": pg.IssuingBody, "park": pg.Park, "chain": pg.IndustryChain,
          "enterprise": pg.Enterprise, "policy": pg.Policy, "indicator": pg.Indicator}
_PARK_SUBCLASS = {"sub-zone": pg.SubZone, "base": pg.IndustrialBase}
_PARK_RELATION = {"part-of": pg.partOf, "branch-of": pg.branchOf, "co-built-with": pg.coBuiltWith,
                  "enclave-of": pg.enclaveOf, "hosted-by": pg.hostedBy}
_POLICY_RELATION = {"based-on": pg.basedOn, "implements": pg.implements, "replaces": pg.replaces}


def _vocab() -> dict[str, dict[str, str]]:
    return {name: {k: iri(v) for k, v in terms.items()} for name, terms in vocabularies().items()}


def entity_iris(extracts: Extracts | dict[str, Entity]) -> dict[str, str]:
    """The IRI (N-Triples syntax) of every registry entity, by id."""
    entities = extracts.entities if isinstance(extracts, Extracts) else extracts
    return {e.id: iri(entity_iri(e.kind, e.id)) for e in entities.values()}


def registry_quads(extracts: Extracts, iris: dict[str, str] | None = None) -> Iterator[Quad]:
    """The quads of the registry graph."""
    yield from _registry(extracts, iris or entity_iris(extracts))


def document_quads(doc: Document, extracts: Extracts, iris: dict[str, str] | None = None) -> Iterator[Quad]:
    """The quads of one document's named graph."""
    yield from _document(doc, iris or entity_iris(extracts))


def extracts_quads(extracts: Extracts) -> Iterator[Quad]:
    """Every quad of the registry and the document graphs (the ontology is added by the build)."""
    iris = entity_iris(extracts)
    yield from _registry(extracts, iris)
    for doc in extracts.documents:
        yield from _document(doc, iris)


def _registry(extracts: Extracts, iris: dict[str, str]) -> Iterator[Quad]:
    g = iri(REGISTRY_GRAPH)
    vocab = _vocab()
    yield INDUSTRY_SCHEME, rdf.type, skos.ConceptScheme, g
    yield INDUSTRY_SCHEME, skos.prefLabel, zh("产业分类"), g
    yield INDUSTRY_SCHEME, skos.prefLabel, en("Industry taxonomy"), g
    yield INDUSTRY_SCHEME, rdfs.label, zh("产业分类"), g
    yield INDICATOR_SCHEME, rdf.type, skos.ConceptScheme, g
    yield INDICATOR_SCHEME, skos.prefLabel, zh("指标"), g
    yield INDICATOR_SCHEME, skos.prefLabel, en("Indicators"), g
    yield INDICATOR_SCHEME, rdfs.label, zh("指标"), g
    for ent in extracts.entities.values():
        s, d = iris[ent.id], ent.data
        yield s, rdf.type, _CLASS[ent.kind], g
        yield s, rdfs.label, zh(ent.name), g
        if d.get("name_en"):
            yield s, rdfs.label, en(d["name_en"]), g
        for alias in ent.aliases:
            if alias != ent.name:
                yield s, skos.altLabel, zh(alias), g
        if d.get("note"):
            yield s, skos.note, zh(d["note"]), g
        yield from _registry_fields(ent, s, iris, vocab, g)


def _registry_fields(ent: Entity, s: str, iris: dict[str, str], vocab, g: str) -> Iterator[Quad]:
    d = ent.data
    if ent.kind == "region":
        yield s, pg.regionLevel, vocab["level"][d["level"]], g
        if d.get("within"):
            yield s, pg.within, iris[d["within"]], g
        for m in d.get("members") or []:
            yield s, pg.memberRegion, iris[m], g
    elif ent.kind == "org":
        yield s, pg.bodyLevel, vocab["level"][d["level"]], g
        if d.get("region"):
            yield s, pg.locatedIn, iris[d["region"]], g
    elif ent.kind == "park":
        yield s, pg.parkKind, vocab["park-kind"][d["kind"]], g
        yield s, pg.parkLevel, vocab["level"][d["level"]], g
        if d["kind"] in _PARK_SUBCLASS:
            yield s, rdf.type, _PARK_SUBCLASS[d["kind"]], g
        if d.get("region"):
            yield s, pg.locatedIn, iris[d["region"]], g
    elif ent.kind in ("chain", "indicator"):
        scheme = INDUSTRY_SCHEME if ent.kind == "chain" else INDICATOR_SCHEME
        yield s, rdf.type, skos.Concept, g
        yield s, skos.inScheme, scheme, g
        yield s, skos.prefLabel, zh(ent.name), g
        if d.get("name_en"):
            yield s, skos.prefLabel, en(d["name_en"]), g
        broader = d.get("broader") or []
        for b in broader:
            yield s, skos.broader, iris[b], g
            yield iris[b], skos.narrower, s, g
        if not broader:
            yield s, skos.topConceptOf, scheme, g
            yield scheme, skos.hasTopConcept, s, g
        if d.get("definition"):
            yield s, skos.definition, zh(d["definition"]), g
    elif ent.kind == "enterprise":
        if d.get("region"):
            yield s, pg.locatedIn, iris[d["region"]], g
    elif ent.kind == "policy":
        yield s, dcterms.title, zh(d["title"]), g
        if d.get("doc_number"):
            yield s, pg.docNumber, plain_literal(d["doc_number"]), g
            parsed = parse_doc_number(d["doc_number"])
            if parsed:
                yield s, pg.docNumberNormalised, plain_literal(parsed.normalised), g
                yield s, pg.docNumberCode, plain_literal(parsed.code), g
                yield s, pg.docNumberYear, year(parsed.year), g
                yield s, pg.docNumberSequence, integer(parsed.sequence), g
        if d.get("issuer"):
            yield s, pg.issuedBy, iris[d["issuer"]], g
        if d.get("level"):
            yield s, pg.policyLevel, vocab["level"][d["level"]], g
        if d.get("date"):
            yield s, dcterms.issued, date_literal(str(d["date"])), g
        if d.get("kind"):
            yield s, pg.policyKind, plain_literal(d["kind"]), g


def _fact_iri(doc: Document, section: str, rec: LineDict) -> str:
    key = {k: v for k, v in rec.items() if k != "note"}  # two quotes of one figure stay two facts
    digest = hashlib.sha1(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    kind = "figure" if section == "targets" else "fact"
    return iri(ID[f"{kind}/{doc.doc_id}/{section.replace('_', '-')}-{digest}"])


def _document(doc: Document, iris: dict[str, str]) -> Iterator[Quad]:
    g = iri(doc_graph(doc.doc_id))
    d = iri(ID[f"doc/{doc.doc_id}"])
    src = doc.source
    yield g, rdf.type, prov.Bundle, g
    yield g, prov.wasDerivedFrom, d, g
    yield d, rdf.type, pg.SourceDocument, g
    yield d, rdfs.label, zh(src["title"]), g
    yield d, dcterms.title, zh(src["title"]), g
    if src.get("title_en"):
        yield d, dcterms.title, en(src["title_en"]), g
        yield d, rdfs.label, en(src["title_en"]), g
    yield d, dcterms.language, plain_literal("zh"), g
    yield d, pg.sourceFile, plain_literal(src["file"]), g
    if src.get("issuer"):
        yield d, pg.issuedBy, iris[src["issuer"]], g
    if src.get("date"):
        yield d, dcterms.issued, date_literal(str(src["date"])), g
    if src.get("kind"):
        yield d, pg.documentKind, plain_literal(src["kind"]), g
    if src.get("plan_year"):
        yield d, pg.planYear, year(src["plan_year"]), g
    if src.get("period"):
        yield d, pg.periodStart, year(src["period"][0]), g
        yield d, pg.periodEnd, year(src["period"][1]), g
    for park in src.get("subject_parks") or []:
        yield d, pg.aboutPark, iris[park], g
    if src.get("origin"):
        yield d, pg.origin, zh(src["origin"]), g
    if src.get("notes"):
        yield d, skos.note, zh(src["notes"]), g
    vocab = _vocab()
    for section, records in doc.sections.items():
        for rec in records:
            fact = _fact_iri(doc, section, rec)
            for q in doc.quotes_of(rec):
                ev = iri(ID[f"evidence/{doc.doc_id}/{q.start}-{q.end}"])
                yield fact, pg.evidence, ev, g
                yield ev, rdf.type, pg.Evidence, g
                yield ev, pg.quote, zh(doc.text[q.start:q.end]), g
                yield ev, pg.startOffset, integer(q.start), g
                yield ev, pg.endOffset, integer(q.end), g
                yield ev, pg.inDocument, d, g
            yield fact, pg.inDocument, d, g
            if rec.get("note"):
                yield fact, skos.note, zh(rec["note"]), g
            yield from _fact(section, rec, fact, d, iris, vocab, g)


def _fact(section: str, r: LineDict, f: str, d: str, iris, vocab, g: str) -> Iterator[Quad]:
    if section == "mentions":
        yield f, rdf.type, pg.Mention, g
        yield f, pg.entity, iris[r["entity"]], g
        yield f, pg.surfaceForm, zh(r["as"]), g
        yield d, pg.mentions, iris[r["entity"]], g
    elif section == "park_chains":
        yield f, rdf.type, pg.ChainMembership, g
        yield f, pg.park, iris[r["park"]], g
        yield f, pg.chain, iris[r["chain"]], g
        yield f, pg.role, vocab["chain-role"][r["role"]], g
        yield iris[r["park"]], pg.hasIndustryChain, iris[r["chain"]], g
    elif section == "enterprise_roles":
        e = iris[r["enterprise"]]
        yield f, rdf.type, pg.EnterpriseRole, g
        yield f, pg.enterprise, e, g
        yield f, pg.role, vocab["enterprise-role"][r["role"]], g
        if r.get("park"):
            yield f, pg.park, iris[r["park"]], g
            yield e, pg.locatedInPark, iris[r["park"]], g
            if r["role"] == "anchor":
                yield e, pg.anchorOf, iris[r["park"]], g
        if r.get("chain"):
            yield f, pg.chain, iris[r["chain"]], g
            yield e, pg.inChain, iris[r["chain"]], g
    elif section == "park_relations":
        rel = _PARK_RELATION[r["relation"]]
        yield f, rdf.type, pg.ParkRelationship, g
        yield f, pg.park, iris[r["park"]], g
        yield f, pg.otherPark, iris[r["other"]], g
        yield f, pg.relation, rel, g
        yield iris[r["park"]], rel, iris[r["other"]], g
    elif section == "policies":
        p = iris[r["policy"]]
        yield f, rdf.type, pg.PolicyApplication, g
        yield f, pg.policy, p, g
        for key in ("parks", "chains", "regions"):
            for target in r.get(key) or []:
                yield f, pg.appliesTo, iris[target], g
                yield p, pg.appliesTo, iris[target], g
    elif section == "policy_relations":
        rel = _POLICY_RELATION[r["relation"]]
        yield f, rdf.type, pg.PolicyLineage, g
        yield f, pg.policy, iris[r["policy"]], g
        yield f, pg.otherPolicy, iris[r["other"]], g
        yield f, pg.relation, rel, g
        yield iris[r["policy"]], rel, iris[r["other"]], g
    elif section == "targets":
        yield from _target(r, f, iris, vocab, g)


def _target(r: LineDict, f: str, iris, vocab, g: str) -> Iterator[Quad]:
    status = r.get("status") or "planned"
    unit = units()[r["unit"]]
    yield f, rdf.type, pg.Target if status == "planned" else pg.Statistic, g
    yield f, pg.figureOf, iris[r["subject"]], g
    yield f, pg.indicator, iris[r["indicator"]], g
    yield f, pg.unit, iri(unit.iri), g
    if r.get("year") is not None:
        yield f, pg.year, year(r["year"]), g
    yield f, pg.figureKind, vocab["figure-kind"][r.get("kind") or "level"], g
    yield f, pg.masked, boolean(bool(r.get("masked"))), g
    for key, prop, norm in (("value", pg.value, pg.normalisedValue),
                            ("value_max", pg.valueMax, pg.normalisedValueMax)):
        v = as_decimal(r.get(key))
        if v is not None:
            yield f, prop, decimal(v), g
            yield f, norm, decimal(v * unit.multiplier), g
    if r.get("baseline_year"):
        yield f, pg.baselineYear, year(r["baseline_year"]), g
    if r.get("qualifier"):
        yield f, pg.qualifier, vocab["qualifier"][r["qualifier"]], g
    if r.get("chain"):
        yield f, pg.aboutChain, iris[r["chain"]], g
