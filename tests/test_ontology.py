"""The ontology parses, documents every term in Chinese and English, and stays OWL-lite."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from parkgraph.namespaces import PG
from parkgraph.ontology import ontology_graph, shapes_graph, units, vocabularies
from parkgraph.ontology.docs import ontology_markdown

NS = str(PG._NS)
REQUIRED_CLASSES = ["Park", "IndustryChain", "Enterprise", "Policy", "Target", "Region",
                    "SourceDocument", "Indicator", "Unit", "Evidence"]


def own_terms(kind: URIRef) -> list[URIRef]:
    g = ontology_graph()
    return [s for s in g.subjects(RDF.type, kind) if str(s).startswith(NS)]


def test_required_classes_exist() -> None:
    classes = {str(c)[len(NS):] for c in own_terms(OWL.Class)}
    assert set(REQUIRED_CLASSES) <= classes


def test_every_term_has_zh_en_label_and_comment() -> None:
    g = ontology_graph()
    terms = own_terms(OWL.Class) + own_terms(OWL.ObjectProperty) + own_terms(OWL.DatatypeProperty)
    assert len(terms) > 80
    for t in terms:
        langs = {o.language for o in g.objects(t, RDFS.label) if isinstance(o, Literal)}
        assert {"zh", "en"} <= langs, t
        assert g.value(t, RDFS.comment) is not None, t


def test_every_property_has_domain_and_range() -> None:
    g = ontology_graph()
    for p in own_terms(OWL.ObjectProperty) + own_terms(OWL.DatatypeProperty):
        assert g.value(p, RDFS.domain) is not None, p
        assert g.value(p, RDFS.range) is not None, p


def test_aligned_with_standard_vocabularies() -> None:
    g = ontology_graph()
    sup = {str(o) for c in own_terms(OWL.Class) for o in g.objects(c, RDFS.subClassOf)}
    assert "http://www.w3.org/2004/02/skos/core#Concept" in sup
    assert "http://www.w3.org/ns/prov#Entity" in sup
    assert "http://www.w3.org/ns/org#Organization" in sup
    assert "https://schema.org/Place" in sup
    assert "http://qudt.org/schema/qudt/Unit" in sup


# OWL constructs outside OWL Lite (OWL 1): class expressions built with boolean
# operators or enumerations, value restrictions, disjointness, and cardinalities other than 0/1.
NOT_OWL_LITE = [OWL.unionOf, OWL.complementOf, OWL.oneOf, OWL.hasValue, OWL.disjointWith,
                OWL.DataRange, OWL.hasSelf, OWL.disjointUnionOf, OWL.AllDisjointClasses,
                OWL.propertyChainAxiom, OWL.hasKey]


def test_stays_owl_lite() -> None:
    g = ontology_graph()
    for term in NOT_OWL_LITE:
        assert not list(g.triples((None, term, None))), term
        assert not list(g.triples((None, RDF.type, term))), term
    for card in (OWL.cardinality, OWL.minCardinality, OWL.maxCardinality):
        for value in g.objects(None, card):
            assert int(value) in (0, 1), (card, value)
    # intersectionOf is allowed in OWL Lite only over named classes and restrictions
    for node in g.objects(None, OWL.intersectionOf):
        for member in g.items(node):
            assert isinstance(member, URIRef) or (member, RDF.type, OWL.Restriction) in g


def test_closed_namespace_matches_ontology() -> None:
    g = ontology_graph()
    used = {str(t)[len(NS):] for t in g.all_nodes() if isinstance(t, URIRef) and str(t).startswith(NS)}
    for name in used:
        assert str(PG[name]) == NS + name
    try:
        PG.Prak  # noqa: B018 - a misspelling must fail loudly
    except AttributeError:
        pass
    else:
        raise AssertionError("PG should be a closed namespace")


def test_vocabularies_and_units() -> None:
    vocab = vocabularies()
    assert {"leading", "characteristic", "emerging"} <= set(vocab["chain-role"])
    assert "anchor" in vocab["enterprise-role"]
    assert units()["亿元"].multiplier == 100_000_000
    assert str(units()["万美元"].base).endswith("currency/USD")


def test_shapes_parse() -> None:
    assert len(shapes_graph()) > 50


def test_ontology_doc_is_current(root) -> None:
    text = (root / "docs" / "ontology.md").read_text(encoding="utf-8")
    assert text == ontology_markdown(), "docs/ontology.md is stale: run `parkgraph docs`"
