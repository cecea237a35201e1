"""Turn checked extracts into RDF quads with deterministic IRIs.

The registry goes into one named graph, each source document's facts into their
own, and every fact is a node linked to the evidence (quote and offsets) that
supports it, besides the direct triple (park pg:hasIndustryChain chain) that
simple queries use.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from parkgraph.loaders.docnumber import parse_doc_number
from parkgraph.loaders.extracts import Document, Entity, Extracts
from parkgraph.loaders.fields import as_decimal
from parkgraph.loaders.yamlio import LineDict
from parkgraph.namespaces import ID, PG, REGISTRY_GRAPH, doc_graph, entity_iri
from parkgraph.ontology import units, vocabularies

Quad = tuple[URIRef, URIRef, URIRef | Literal, URIRef]

INDUSTRY_SCHEME = ID["scheme/industries"]
INDICATOR_SCHEME = ID["scheme/indicators"]

_CLASS = {"region": PG.Region, "org": PG.IssuingBody, "park": PG.Park, "chain": PG.IndustryChain,
          "enterprise": PG.Enterprise, "policy": PG.Policy, "indicator": PG.Indicator}
_PARK_SUBCLASS = {"sub-zone": PG.SubZone, "base": PG.IndustrialBase}
_PARK_RELATION = {"part-of": PG.partOf, "branch-of": PG.branchOf, "co-built-with": PG.coBuiltWith,
                  "enclave-of": PG.enclaveOf, "hosted-by": PG.hostedBy}
_POLICY_RELATION = {"based-on": PG.basedOn, "implements": PG.implements, "replaces": PG.replaces}


def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def year(value: int) -> Literal:
    return Literal(f"{value:04d}", datatype=XSD.gYear)


def decimal(value: Decimal) -> Literal:
    return Literal(_plain(value), datatype=XSD.decimal)


def _plain(value: Decimal) -> str:
    """Canonical lexical form (as Oxigraph writes it), so every engine exports the same bytes."""
    return format(value.normalize(), "f")


def date_literal(text: str) -> Literal:
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text), XSD.date)
    return Literal(text, datatype=datatype)


def extracts_quads(extracts: Extracts) -> Iterator[Quad]:
    """Every quad of the registry and the document graphs (the ontology is added by the build)."""
    iri = {e.id: entity_iri(e.kind, e.id) for e in extracts.entities.values()}
    yield from _registry(extracts, iri)
    for doc in extracts.documents:
        yield from _document(doc, iri)


def _registry(extracts: Extracts, iri: dict[str, URIRef]) -> Iterator[Quad]:
    g = REGISTRY_GRAPH
    vocab = vocabularies()
    yield INDUSTRY_SCHEME, RDF.type, SKOS.ConceptScheme, g
    yield INDUSTRY_SCHEME, SKOS.prefLabel, zh("产业分类"), g
    yield INDUSTRY_SCHEME, SKOS.prefLabel, en("Industry taxonomy"), g
    yield INDUSTRY_SCHEME, RDFS.label, zh("产业分类"), g
    yield INDICATOR_SCHEME, RDF.type, SKOS.ConceptScheme, g
    yield INDICATOR_SCHEME, SKOS.prefLabel, zh("指标"), g
    yield INDICATOR_SCHEME, SKOS.prefLabel, en("Indicators"), g
    yield INDICATOR_SCHEME, RDFS.label, zh("指标"), g
    for ent in extracts.entities.values():
        s, d = iri[ent.id], ent.data
        yield s, RDF.type, _CLASS[ent.kind], g
        yield s, RDFS.label, zh(ent.name), g
        if d.get("name_en"):
            yield s, RDFS.label, en(d["name_en"]), g
        for alias in ent.aliases:
            if alias != ent.name:
                yield s, SKOS.altLabel, zh(alias), g
        if d.get("note"):
            yield s, SKOS.note, zh(d["note"]), g
        yield from _registry_fields(ent, s, iri, vocab, g)


def _registry_fields(ent: Entity, s: URIRef, iri: dict[str, URIRef], vocab, g: URIRef) -> Iterator[Quad]:
    d = ent.data
    if ent.kind == "region":
        yield s, PG.regionLevel, vocab["level"][d["level"]], g
        if d.get("within"):
            yield s, PG.within, iri[d["within"]], g
        for m in d.get("members") or []:
            yield s, PG.memberRegion, iri[m], g
    elif ent.kind == "org":
        yield s, PG.bodyLevel, vocab["level"][d["level"]], g
        if d.get("region"):
            yield s, PG.locatedIn, iri[d["region"]], g
    elif ent.kind == "park":
        yield s, PG.parkKind, vocab["park-kind"][d["kind"]], g
        yield s, PG.parkLevel, vocab["level"][d["level"]], g
        if d["kind"] in _PARK_SUBCLASS:
            yield s, RDF.type, _PARK_SUBCLASS[d["kind"]], g
        if d.get("region"):
            yield s, PG.locatedIn, iri[d["region"]], g
    elif ent.kind in ("chain", "indicator"):
        scheme = INDUSTRY_SCHEME if ent.kind == "chain" else INDICATOR_SCHEME
        yield s, RDF.type, SKOS.Concept, g
        yield s, SKOS.inScheme, scheme, g
        yield s, SKOS.prefLabel, zh(ent.name), g
        if d.get("name_en"):
            yield s, SKOS.prefLabel, en(d["name_en"]), g
        broader = d.get("broader") or []
        for b in broader:
            yield s, SKOS.broader, iri[b], g
            yield iri[b], SKOS.narrower, s, g
        if not broader:
            yield s, SKOS.topConceptOf, scheme, g
            yield scheme, SKOS.hasTopConcept, s, g
        if d.get("definition"):
            yield s, SKOS.definition, zh(d["definition"]), g
    elif ent.kind == "enterprise":
        if d.get("region"):
            yield s, PG.locatedIn, iri[d["region"]], g
    elif ent.kind == "policy":
        yield s, DCTERMS.title, zh(d["title"]), g
        if d.get("doc_number"):
            yield s, PG.docNumber, Literal(d["doc_number"]), g
            parsed = parse_doc_number(d["doc_number"])
            if parsed:
                yield s, PG.docNumberNormalised, Literal(parsed.normalised), g
                yield s, PG.docNumberCode, Literal(parsed.code), g
                yield s, PG.docNumberYear, year(parsed.year), g
                yield s, PG.docNumberSequence, Literal(parsed.sequence), g
        if d.get("issuer"):
            yield s, PG.issuedBy, iri[d["issuer"]], g
        if d.get("level"):
            yield s, PG.policyLevel, vocab["level"][d["level"]], g
        if d.get("date"):
            yield s, DCTERMS.issued, date_literal(str(d["date"])), g
        if d.get("kind"):
            yield s, PG.policyKind, Literal(d["kind"]), g


def _fact_iri(doc: Document, section: str, rec: LineDict) -> URIRef:
    key = {k: v for k, v in rec.items() if k != "note"}  # two quotes of one figure stay two facts
    digest = hashlib.sha1(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
    kind = "figure" if section == "targets" else "fact"
    return ID[f"{kind}/{doc.doc_id}/{section.replace('_', '-')}-{digest}"]


def _document(doc: Document, iri: dict[str, URIRef]) -> Iterator[Quad]:
    g = doc_graph(doc.doc_id)
    d = ID[f"doc/{doc.doc_id}"]
    src = doc.source
    yield g, RDF.type, PROV.Bundle, g
    yield g, PROV.wasDerivedFrom, d, g
    yield d, RDF.type, PG.SourceDocument, g
    yield d, RDFS.label, zh(src["title"]), g
    yield d, DCTERMS.title, zh(src["title"]), g
    if src.get("title_en"):
        yield d, DCTERMS.title, en(src["title_en"]), g
        yield d, RDFS.label, en(src["title_en"]), g
    yield d, DCTERMS.language, Literal("zh"), g
    yield d, PG.sourceFile, Literal(src["file"]), g
    if src.get("issuer"):
        yield d, PG.issuedBy, iri[src["issuer"]], g
    if src.get("date"):
        yield d, DCTERMS.issued, date_literal(str(src["date"])), g
    if src.get("kind"):
        yield d, PG.documentKind, Literal(src["kind"]), g
    if src.get("plan_year"):
        yield d, PG.planYear, year(src["plan_year"]), g
    if src.get("period"):
        yield d, PG.periodStart, year(src["period"][0]), g
        yield d, PG.periodEnd, year(src["period"][1]), g
    for park in src.get("subject_parks") or []:
        yield d, PG.aboutPark, iri[park], g
    if src.get("origin"):
        yield d, PG.origin, zh(src["origin"]), g
    if src.get("notes"):
        yield d, SKOS.note, zh(src["notes"]), g
    vocab = vocabularies()
    for section, records in doc.sections.items():
        for rec in records:
            fact = _fact_iri(doc, section, rec)
            for q in doc.quotes_of(rec):
                ev = ID[f"evidence/{doc.doc_id}/{q.start}-{q.end}"]
                yield fact, PG.evidence, ev, g
                yield ev, RDF.type, PG.Evidence, g
                yield ev, PG.quote, zh(doc.text[q.start:q.end]), g
                yield ev, PG.startOffset, Literal(q.start), g
                yield ev, PG.endOffset, Literal(q.end), g
                yield ev, PG.inDocument, d, g
            yield fact, PG.inDocument, d, g
            if rec.get("note"):
                yield fact, SKOS.note, zh(rec["note"]), g
            yield from _fact(section, rec, fact, d, iri, vocab, g)


def _fact(section: str, r: LineDict, f: URIRef, d: URIRef, iri, vocab, g: URIRef) -> Iterator[Quad]:
    if section == "mentions":
        yield f, RDF.type, PG.Mention, g
        yield f, PG.entity, iri[r["entity"]], g
        yield f, PG.surfaceForm, zh(r["as"]), g
        yield d, PG.mentions, iri[r["entity"]], g
    elif section == "park_chains":
        yield f, RDF.type, PG.ChainMembership, g
        yield f, PG.park, iri[r["park"]], g
        yield f, PG.chain, iri[r["chain"]], g
        yield f, PG.role, vocab["chain-role"][r["role"]], g
        yield iri[r["park"]], PG.hasIndustryChain, iri[r["chain"]], g
    elif section == "enterprise_roles":
        e = iri[r["enterprise"]]
        yield f, RDF.type, PG.EnterpriseRole, g
        yield f, PG.enterprise, e, g
        yield f, PG.role, vocab["enterprise-role"][r["role"]], g
        if r.get("park"):
            yield f, PG.park, iri[r["park"]], g
            yield e, PG.locatedInPark, iri[r["park"]], g
            if r["role"] == "anchor":
                yield e, PG.anchorOf, iri[r["park"]], g
        if r.get("chain"):
            yield f, PG.chain, iri[r["chain"]], g
            yield e, PG.inChain, iri[r["chain"]], g
    elif section == "park_relations":
        rel = _PARK_RELATION[r["relation"]]
        yield f, RDF.type, PG.ParkRelationship, g
        yield f, PG.park, iri[r["park"]], g
        yield f, PG.otherPark, iri[r["other"]], g
        yield f, PG.relation, rel, g
        yield iri[r["park"]], rel, iri[r["other"]], g
    elif section == "policies":
        p = iri[r["policy"]]
        yield f, RDF.type, PG.PolicyApplication, g
        yield f, PG.policy, p, g
        for key in ("parks", "chains", "regions"):
            for target in r.get(key) or []:
                yield f, PG.appliesTo, iri[target], g
                yield p, PG.appliesTo, iri[target], g
    elif section == "policy_relations":
        rel = _POLICY_RELATION[r["relation"]]
        yield f, RDF.type, PG.PolicyLineage, g
        yield f, PG.policy, iri[r["policy"]], g
        yield f, PG.otherPolicy, iri[r["other"]], g
        yield f, PG.relation, rel, g
        yield iri[r["policy"]], rel, iri[r["other"]], g
    elif section == "targets":
        yield from _target(r, f, iri, vocab, g)


def _target(r: LineDict, f: URIRef, iri, vocab, g: URIRef) -> Iterator[Quad]:
    status = r.get("status") or "planned"
    unit = units()[r["unit"]]
    yield f, RDF.type, PG.Target if status == "planned" else PG.Statistic, g
    yield f, PG.figureOf, iri[r["subject"]], g
    yield f, PG.indicator, iri[r["indicator"]], g
    yield f, PG.unit, unit.iri, g
    if r.get("year") is not None:
        yield f, PG.year, year(r["year"]), g
    yield f, PG.figureKind, vocab["figure-kind"][r.get("kind") or "level"], g
    yield f, PG.masked, Literal(bool(r.get("masked"))), g
    for key, prop, norm in (("value", PG.value, PG.normalisedValue),
                            ("value_max", PG.valueMax, PG.normalisedValueMax)):
        v = as_decimal(r.get(key))
        if v is not None:
            yield f, prop, decimal(v), g
            yield f, norm, decimal(v * unit.multiplier), g
    if r.get("baseline_year"):
        yield f, PG.baselineYear, year(r["baseline_year"]), g
    if r.get("qualifier"):
        yield f, PG.qualifier, vocab["qualifier"][r["qualifier"]], g
    if r.get("chain"):
        yield f, PG.aboutChain, iri[r["chain"]], g
