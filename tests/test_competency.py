"""Competency questions answered by SPARQL on the real graph, with exact answers from the sources."""

from __future__ import annotations

from decimal import Decimal

from parkgraph.graph.build import Build
from parkgraph.queries import run_query


def labels(rows: list[dict], key: str) -> set[str]:
    return {r[key] for r in rows}


def test_four_leading_chains_of_changsha_etdz(built: Build) -> None:
    rows = run_query(built.graph, "park-chains", {"park": "park/changsha-etdz"})
    leading = {r["chainLabel"] for r in rows if r["role"].endswith("role-leading")}
    assert leading == {"工程机械", "汽车", "先进轨道交通装备", "集成电路"}
    assert {r["document"].rsplit("/", 1)[-1] for r in rows if r["chainLabel"] == "集成电路"} >= {"002-4861e98785948616"}


def test_alias_and_full_name_are_one_park(built: Build) -> None:
    a = run_query(built.graph, "find-entity", {"name": "长沙经开区"})
    b = run_query(built.graph, "find-entity", {"name": "长沙经济技术开发区"})
    parks_a = {r["entity"] for r in a if r["type"].endswith("#Park")}
    parks_b = {r["entity"] for r in b if r["type"].endswith("#Park")}
    assert parks_a == parks_b == {"https://w3id.org/parkgraph/id/park/changsha-etdz"}


def test_ocr_slip_finds_the_right_park(built: Build) -> None:
    rows = run_query(built.graph, "find-entity", {"name": "株洲商新技术产业开发区"})
    assert {r["label"] for r in rows} == {"株洲高新技术产业开发区"}


def test_changsha_etdz_2019_total_revenue_in_yuan(built: Build) -> None:
    rows = run_query(built.graph, "park-targets", {"park": "park/changsha-etdz", "year": "2019"})
    revenue = [r for r in rows if r["indicatorLabel"] == "技工贸总收入"]
    assert {(r["value"], r["unitLabel"], r["normalisedValue"]) for r in revenue} == {
        (Decimal("3908"), "亿元", Decimal("390800000000"))}
    assert revenue[0]["baseUnit"] == "http://qudt.org/vocab/currency/CNY"
    assert "3908亿元" in revenue[0]["quote"]


def test_parks_sharing_new_materials_across_provinces(built: Build) -> None:
    rows = run_query(built.graph, "chain-parks", {"chain": "chain/new-materials"})
    by_province = {(r.get("provinceLabel"), r["parkLabel"]) for r in rows}
    assert by_province == {
        ("浙江省", "杭州湾上虞经济技术开发区"),
        ("湖南省", "长沙高新技术产业开发区"), ("湖南省", "长沙经济技术开发区"),
        ("湖南省", "株洲高新技术产业开发区"), ("湖南省", "湘潭高新技术产业开发区"),
        ("湖南省", "湘潭经济技术开发区"), ("湖南省", "湖南湘潭双马工业园区"),
        ("湖南省", "湖南郴州有色金属产业园区"), ("湖南省", "湖南醴陵经济开发区"),
        ("湖南省", "湖南汨罗循环经济产业园区"), ("湖南省", "长沙新材料产业园"),
        ("湖南省", "株洲新材料产业园"), ("湖南省", "湘潭新材料产业园"),
        ("湖南省", "湖南省新材料产业郴州基地"),
    }


def test_shangyu_biomedicine_enterprises(built: Build) -> None:
    rows = run_query(built.graph, "park-chain-enterprises",
                     {"park": "park/hangzhouwan-shangyu-etdz", "chain": "chain/biomedicine"})
    assert {r["enterpriseLabel"] for r in rows} == {"康龙化成", "美诺华", "博腾", "京新"}
    anchors = {r["enterpriseLabel"] for r in rows if r["roleLabel"] == "龙头企业"}
    assert anchors == {"康龙化成", "美诺华", "博腾", "京新"}


def test_policies_with_doc_numbers_and_issuers(built: Build) -> None:
    rows = run_query(built.graph, "policies-with-doc-number")
    assert {(r["docNumber"], r["normalised"], r["issuerLabel"], r["levelLabel"]) for r in rows} == {
        ("湘发〔2009〕4号", "湘发〔2009〕4号", "中共湖南省委", "省级"),
        ("湘政发〔2011〕25号", "湘政发〔2011〕25号", "湖南省人民政府", "省级"),
    }


def test_parks_of_the_1000_yi_tier(built: Build) -> None:
    rows = run_query(built.graph, "targets-by-indicator", {"indicator": "indicator/total-revenue", "year": "2015"})
    tier = {r["subjectLabel"] for r in rows
            if r.get("value") == Decimal("1000") and "valueMax" not in r and r["unitLabel"] == "亿元"}
    assert tier == {
        "长沙高新技术产业开发区", "长沙经济技术开发区", "株洲高新技术产业开发区", "益阳高新技术产业开发区",
        "湘潭高新技术产业开发区", "湖南衡阳高新技术产业园区", "湘潭经济技术开发区", "湖南岳阳云溪工业园区",
        "湖南郴州有色金属产业园区", "湖南娄底经济开发区",
    }


def test_data_quality_checks(built: Build) -> None:
    assert run_query(built.graph, "dq-parks-without-region") == []
    assert run_query(built.graph, "dq-entities-without-evidence") == []
    masked = run_query(built.graph, "dq-masked-figures")
    assert masked and {r["subjectLabel"] for r in masked} >= {"湖南汨罗循环经济产业园区"}
    assert all("*" in r["quote"] for r in masked)


def test_cooperation_with_regions(built: Build) -> None:
    rows = run_query(built.graph, "park-cooperation",
                     {"relation": "https://w3id.org/parkgraph/ontology#coBuiltWith"})
    pairs = {(r["parkLabel"], r["otherLabel"], r.get("parkCityLabel"), r.get("otherCityLabel")) for r in rows}
    assert ("汨罗循环经济产业园弼时片区", "长沙经济技术开发区", "岳阳市", "长沙市") in pairs
