"""How the views look: one colour and shape per class, relation colours, the CJK font stack."""

from __future__ import annotations

from dataclasses import dataclass

PG = "https://w3id.org/parkgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# Canvas labels and page text: CJK faces first, so Chinese never falls back to empty boxes
# on a machine that has one of them (Debian: fonts-noto-cjk or fonts-wqy-zenhei).
FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", '
              '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Zen Hei", '
              '"WenQuanYi Micro Hei", "SimHei", "Droid Sans Fallback", sans-serif')


@dataclass(frozen=True)
class ClassStyle:
    """The look of one node class in every view and in the legend."""

    curie: str
    zh: str
    en: str
    color: str
    shape: str
    rank: int  # lower = kept first when a view is over its node budget


# Label-outside shapes only (dot, diamond …), so labels sit the same way for every class.
CLASSES: dict[str, ClassStyle] = {s.curie: s for s in (
    ClassStyle("pg:Park", "开发区/园区", "Park", "#e15759", "dot", 0),
    ClassStyle("pg:SubZone", "片区/分园", "Sub-zone", "#ff9d9a", "hexagon", 1),
    ClassStyle("pg:IndustrialBase", "产业基地/产业园", "Industrial base", "#f28e2b", "square", 1),
    ClassStyle("pg:IndustryChain", "产业链", "Industry chain", "#4e79a7", "diamond", 0),
    ClassStyle("pg:Enterprise", "企业", "Enterprise", "#59a14f", "triangle", 2),
    ClassStyle("pg:Policy", "政策文件", "Policy", "#b07aa1", "star", 3),
    ClassStyle("pg:Region", "行政区域", "Region", "#9c755f", "triangleDown", 4),
    ClassStyle("pg:IssuingBody", "发文机关", "Issuing body", "#bab0ac", "hexagon", 5),
    ClassStyle("pg:SourceDocument", "来源文件", "Source document", "#76b7b2", "square", 5),
    ClassStyle("pg:Other", "其他", "Other", "#a0a0a0", "dot", 6),
    ClassStyle("pg:Aggregate", "聚合节点", "Aggregate", "#d3d3d3", "box", 9),
)}

# Most specific first: an entity typed pg:Park and pg:SubZone is a SubZone.
CLASS_ORDER = ["pg:SubZone", "pg:IndustrialBase", "pg:Park", "pg:IndustryChain", "pg:Enterprise",
               "pg:Policy", "pg:Region", "pg:IssuingBody", "pg:SourceDocument"]
ENTITY_CLASSES = {c: PG + c[3:] for c in CLASS_ORDER}
PARK_CLASSES = ("pg:Park", "pg:SubZone", "pg:IndustrialBase")

RELATION_COLORS = {
    "pg:hasIndustryChain": "#4e79a7", "skos:broader": "#a0cbe8",
    "pg:locatedInPark": "#59a14f", "pg:anchorOf": "#2f7d32", "pg:inChain": "#8cd17d",
    "pg:partOf": "#e15759", "pg:branchOf": "#e15759", "pg:hostedBy": "#f28e2b",
    "pg:coBuiltWith": "#d37295", "pg:enclaveOf": "#d37295",
    "pg:appliesTo": "#b07aa1", "pg:issuedBy": "#bab0ac", "pg:basedOn": "#b07aa1",
    "pg:implements": "#b07aa1", "pg:replaces": "#b07aa1", "pg:aboutPark": "#76b7b2",
    "pg:mentions": "#76b7b2", "pg:locatedIn": "#9c755f", "pg:within": "#9c755f",
    "pg:memberRegion": "#9c755f", "pg:sharesChains": "#f28e2b", "pg:aggregate": "#bbbbbb",
}
DEFAULT_EDGE_COLOR = "#999999"


def class_style(curie: str) -> ClassStyle:
    """The style of a class CURIE; unknown classes look like pg:Other."""
    return CLASSES.get(curie, CLASSES["pg:Other"])


def curie(iri: str) -> str:
    """pg:/skos: CURIE of an IRI where possible, else the IRI itself."""
    if iri.startswith(PG):
        return "pg:" + iri[len(PG):]
    if iri.startswith(SKOS):
        return "skos:" + iri[len(SKOS):]
    return iri
