"""Drafting extracts from new documents (issue 5): the cleaner, the parsers, drafts, scores, merges."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from parkgraph.graph.build import build
from parkgraph.graph.validate import validate
from parkgraph.loaders.docnumber import parse_doc_number
from parkgraph.loaders.drafting import (
    MergeConflict,
    Report,
    clean,
    decode,
    draft_document,
    draft_text,
    dump_draft,
    eval_extract_command,
    evaluate,
    extract_command,
    merge_draft,
    registry_cache,
)
from parkgraph.loaders.drafting import lexicon as lexicon_module
from parkgraph.loaders.drafting.detect_policies import find_doc_numbers
from parkgraph.loaders.drafting.figures import figure_kind, qualifier_of
from parkgraph.loaders.drafting.lexicon import build_lexicon, load_lexicon
from parkgraph.loaders.drafting.matcher import Matcher, fold_quotes, name_key
from parkgraph.loaders.drafting.numbers import find_quantities, parse_number
from parkgraph.loaders.drafting.registry import Entry
from parkgraph.loaders.drafting.tables import find_tables
from parkgraph.loaders.evidence import NormalisedText

UNSEEN = "qinglan_2022_workplan.txt"


@pytest.fixture(scope="module")
def report(root: Path) -> Report:
    return evaluate(root / "extracts", root / "sources")


@pytest.fixture()
def corpus(tmp_path: Path, root: Path) -> Path:
    """A writable copy of the real extracts and sources, with the unseen document among the sources."""
    shutil.copytree(root / "extracts", tmp_path / "extracts")
    shutil.copytree(root / "sources", tmp_path / "sources")
    shutil.copy(root / "tests" / "fixtures" / "unseen" / UNSEEN, tmp_path / "sources" / UNSEEN)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ------------------------------------------------------------------ eval-extract on the real sources
def test_eval_extract_meets_the_thresholds(report: Report) -> None:
    targets, policies, parks = report.total("targets"), report.total("policies"), report.total("parks")
    assert targets.recall >= 0.85 and targets.precision >= 0.8, targets
    assert policies.recall >= 0.9 and policies.precision >= 0.9, policies
    assert parks.recall >= 0.8 and parks.precision >= 0.8, parks
    assert set(report.documents) == {p.name for p in (Path(__file__).parent.parent / "sources").glob("*.txt")}


def test_eval_extract_prints_a_table_and_json(root: Path) -> None:
    table = eval_extract_command(root / "extracts", root / "sources", False, held_out=False)
    for kind in ("parks", "chains", "enterprises", "policies", "targets"):
        assert f"{kind:<17}ALL" in table
    data = json.loads(eval_extract_command(root / "extracts", root / "sources", True, held_out=False))
    assert data["mode"] == "registry"
    assert set(data["totals"]) >= {"parks", "chains", "enterprises", "policies", "targets"}
    assert {"precision", "recall", "f1", "tp", "fp", "fn"} <= set(data["totals"]["targets"])
    assert len(data["documents"]) == 5


def test_held_out_mode_drafts_without_the_documents_own_entities(root: Path) -> None:
    held = evaluate(root / "extracts", root / "sources", held_out=True)
    assert held.held_out and held.total("targets").tp > 0
    assert held.total("parks").recall < 1.0  # it really had to find unknown parks on its own


# ------------------------------------------------------------------ cleaning
def test_cleaner_offsets_point_into_the_original() -> None:
    original = ("长沙经济技术开发区-世界杯正规买球\n\n欢迎访问长沙经济技术开发区!\n官方微信 | | | |\n"
                "**1** **、招商引资成效显著。**\n实现技工贸总收入３９０８亿元，增长１０％。\n"
                "---|---|---\n|\n")
    body = ("第一段正文内容很长很长，足够长以便被识别为重复的正文段落，而不是表格里的一个单元格。"
            "全年实现目标，网页把正文贴了两遍。")
    original += body + "\n\n" + body + "\n"
    cleaned = clean(original)
    assert "买球" not in cleaned.text and "欢迎访问" not in cleaned.text and "官方微信" not in cleaned.text
    assert "**" not in cleaned.text and "|" not in cleaned.text and "---" not in cleaned.text
    assert "3908亿元" in cleaned.text and "10%" in cleaned.text  # full-width folded
    assert cleaned.text.count("第一段正文") == 1 and cleaned.repeated_lines == 1
    for i, ch in enumerate(cleaned.text):
        if ch != "\n":
            assert ch in __import__("unicodedata").normalize("NFKC", original[cleaned.offsets[i]])
    start = cleaned.text.index("3908")
    a, b = cleaned.orig_span(start, start + 6)
    assert original[a:b] == "３９０８亿元"


def test_masked_place_is_not_taken_for_markdown() -> None:
    cleaned = clean("投融资机构*家（**循环经济产业园区经济发展投资有限公司）\n")
    assert "**循环" in cleaned.text


def test_gb18030_is_detected(root: Path, tmp_path: Path) -> None:
    text = (root / "tests" / "fixtures" / "unseen" / UNSEEN).read_text(encoding="utf-8")
    path = tmp_path / UNSEEN
    path.write_bytes(text.encode("gb18030"))
    assert decode(path.read_bytes()) == (text, "gb18030")
    a = draft_document(path, root / "extracts")
    b = draft_text(text, UNSEEN, root / "extracts")
    assert a.encoding == "gb18030"
    assert a.as_dict()["targets"] == b.as_dict()["targets"]


def test_every_drafted_quote_is_at_its_offsets(root: Path) -> None:
    for source in sorted((root / "sources").glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        norm = NormalisedText.of(text)
        draft = draft_document(source, root / "extracts")
        n = 0
        for items in draft.sections.values():
            for item in items:
                for ev in item.evidence:
                    assert text[ev.start:ev.end] == ev.quote
                    assert norm.find(ev.quote) is not None
                    n += 1
                assert 0 < item.confidence <= 1
        assert n > 20, source.name


# ------------------------------------------------------------------ parsers
@pytest.mark.parametrize("written, normalised", [
    ("湘政发〔2011〕25号", "湘政发〔2011〕25号"),
    ("湘政发[2011]25号", "湘政发〔2011〕25号"),
    ("湘政发【2011】25号", "湘政发〔2011〕25号"),
    ("湘发（2009）第4号", "湘发〔2009〕4号"),
    ("赣府发﹝2021﹞8号", "赣府发〔2021〕8号"),
])
def test_doc_numbers_with_bracket_variants(written: str, normalised: str) -> None:
    found = find_doc_numbers(f"按照《某某意见》（{written}）等文件的要求")
    assert [n.normalised for n in found] == [normalised]
    assert parse_doc_number(found[0].written) is not None


@pytest.mark.parametrize("text, value, value_max, unit, masked", [
    ("实现技工贸总收入3908亿元", "3908", None, "亿元", False),
    ("创造技工贸总收入9596。44亿元。", "9596.44", None, "亿元", False),   # OCR decimal point
    ("新增绿地面积32万平方米以上", "320000", None, "平方米", False),
    ("完成建筑1万平米以上", "10000", None, "平方米", False),
    ("常住人口8000-10000人", "8000", "10000", "人", False),
    ("500亿元—\n1000亿元", "500", "1000", "亿元", False),
    ("培育1一2个集团公司", "1", "2", "个", False),                        # OCR dash
    ("降低8%—10%", "8", "10", "%", False),
    ("已完成政府性投资*多亿元", None, None, "亿元", True),
    ("总人口*万。", None, None, "万人", True),
    ("承接转化两项以上成果", "2", None, "项", False),
    ("陶瓷千亿级优势产业集群", "1000", None, "亿元", False),
    ("安全事故零死亡", "0", None, "人", False),
    ("比2005年增加了4.6倍", "460", None, "%", False),
    ("提高3个点以上", "3", None, "个百分点", False),
    ("经济总量突破2000亿", "2000", None, "亿元", False),
    ("100万以上游客", "100", None, "万人", False),
])
def test_numbers_units_ranges_and_masks(text: str, value: str | None, value_max: str | None, unit: str,
                                        masked: bool) -> None:
    (q,) = find_quantities(text)
    assert (q.value, q.value_max, q.unit, q.masked) == (
        None if value is None else Decimal(value), None if value_max is None else Decimal(value_max), unit, masked)


@pytest.mark.parametrize("text", ["2019-03-01", "00259077X/2018-45108", "湘政发〔2011〕25号", "2017年",
                                  "500亩产值", "350件", "压缩至1个工作日以内", "G*为轴心", "*千伏变电站"])
def test_things_that_are_not_figures(text: str) -> None:
    assert find_quantities(text) == []


def test_parse_number() -> None:
    assert parse_number("1,200") == Decimal(1200)
    assert parse_number("三百五十") == Decimal(350)
    assert parse_number("两") == Decimal(2)
    assert parse_number("abc") is None


@pytest.mark.parametrize("left, after, text, kind, negative", [
    ("单位工业总产值能耗下降", "", "2%", "growth", True),
    ("同比增长", "", "15%", "growth", False),
    ("完成工业增加值2693.82亿元,占全省的", "", "42.9%", "share", False),
    ("工业固体废物综合利用率提高到", "", "85%", "level", False),
    ("主要经济指标保持", "增长", "10%", "growth", False),
    ("实现技工贸总收入", "", "3908亿元", "level", False),
    ("比2005年增加", "", "34个", "growth", False),
])
def test_level_growth_share(left: str, after: str, text: str, kind: str, negative: bool) -> None:
    (q,) = find_quantities(text)
    assert figure_kind(left, after, q) == (kind, negative)


@pytest.mark.parametrize("text, sentence_left, qualifier", [
    ("固定资产投资增长12%以上", "", "以上"),
    ("全省开发区数量达到120个左右", "", "左右"),
    ("技工贸总收入力争达到3.2万亿元", "", "力争"),
    ("经济总量突破2000亿", "", "突破"),
    ("设立不少于*亿元的创业投资引导基金", "", "不少于"),
    ("计划完成投资约12.86亿元", "", "约"),
    ("高新技术企业3家", "力争每年新认定省级工程技术研究中心3个,", "力争"),
    ("30多家世界500强企业", "", "多"),
])
def test_qualifiers(text: str, sentence_left: str, qualifier: str) -> None:
    q = find_quantities(text)[0]
    assert qualifier_of(text[:q.start], sentence_left + text[:q.start], q) == qualifier


def test_flattened_tables(root: Path) -> None:
    tables = find_tables((root / "sources" / "004_f3ce70ae6de362ad.txt").read_text(encoding="utf-8"))
    assert [len(t.rows) for t in tables] == [3, 3, 41]
    first = tables[0]
    assert [h.text for h in first.headers] == ["技工贸总收入", "开发区个数", "开发区名称"]
    assert first.rows[1][0].text.replace("\n", "") == "500亿元—1000亿元"
    assert tables[2].rows[1][0].text == "先进装备制造产业"  # a merged cell continues downwards


# ------------------------------------------------------------------ drafts of real documents
def test_draft_of_a_work_plan_reads_its_metadata_and_targets(root: Path) -> None:
    draft = draft_document(root / "sources" / "002_4861e98785948616.txt", root / "extracts")
    src = draft.source
    assert src["title"] == "长沙经济技术开发区管委会2019年工作计划"
    assert (src["date"], src["plan_year"], src["kind"]) == ("2019-03-01", 2019, "work-plan")
    assert src["subject_parks"] == ["changsha-etdz"] and src["issuer"] == "changsha-etdz-committee"
    targets = {(t.fields["indicator"], t.fields["value"], t.fields["unit"]) for t in draft.items("targets")}
    assert ("total-revenue", 3908, "亿元") in targets
    assert ("new-green-space", 320000, "平方米") in targets


def test_table_rows_give_one_target_per_park(root: Path) -> None:
    draft = draft_document(root / "sources" / "004_f3ce70ae6de362ad.txt", root / "extracts")
    rows = [t.fields for t in draft.items("targets") if isinstance(t.as_record()["evidence"], list)]
    over = [f for f in rows if f["indicator"] == "total-revenue" and f["value"] == 1000]
    assert len(over) == 10 and {f["year"] for f in over} == {2015} and {f["qualifier"] for f in over} == {"以上"}
    assert {f["subject"] for f in over} >= {"changsha-hidz", "changsha-etdz", "loudi-ez"}


# ------------------------------------------------------------------ an unseen document
def test_unseen_document_draft(root: Path) -> None:
    draft = draft_document(root / "tests" / "fixtures" / "unseen" / UNSEEN, root / "extracts")
    data = draft.as_dict()
    src = data["source"]
    assert src["title"] == "江西青岚经济开发区管委会2022年工作要点"
    assert (src["plan_year"], src["date"]) == (2022, "2022-02-15")
    assert "文号 青开管发〔2022〕3号" in src["notes"]
    registry = data["registry"]
    parks = {p["name"]: p for p in registry["parks"]}
    assert parks["江西青岚经济开发区"]["kind"] == "ez" and "青岚经开区" in parks["江西青岚经济开发区"]["aliases"]
    assert src["subject_parks"] == [parks["江西青岚经济开发区"]["id"]]
    assert "青岚经济开发区城南片区" in parks
    policies = {p["title"]: p for p in registry["policies"]}
    assert policies["江西省人民政府关于促进开发区高质量发展的意见"]["doc_number"] == "赣府发〔2021〕8号"
    assert {e["name"] for e in registry["enterprises"]} >= {"华瑞电子", "青岚锂能科技有限公司"}
    assert any(r["entity"] == "byd" for r in data["mentions"])
    targets = {(t["indicator"], t.get("kind"), t.get("value"), t.get("value_max"), t["unit"], t.get("year"))
               for t in data["targets"]}
    assert ("total-revenue", "level", 520, None, "亿元", 2022) in targets
    assert ("total-revenue", "growth", 12, None, "%", 2022) in targets
    assert ("total-revenue", "level", 800, None, "亿元", 2025) in targets
    assert ("high-level-talent", "level", 300, 500, "人", 2022) in targets
    chains = {(c["chain"], c["role"]) for c in data["park_chains"]}
    assert {("new-energy-vehicles", "leading"), ("biomedicine", "emerging")} <= chains


def test_unseen_draft_merges_builds_and_validates(corpus: Path) -> None:
    extracts, sources = corpus / "extracts", corpus / "sources"
    parks_before = (extracts / "registry" / "parks.yaml").read_text(encoding="utf-8")
    draft_path = corpus / "draft.yaml"
    message = extract_command(sources / UNSEEN, draft_path, False, extracts, sources)
    assert message.startswith(f"wrote draft {draft_path}")
    reviewed = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    assert all("offsets" in t and "confidence" in t for t in reviewed["targets"])
    message = extract_command(sources / UNSEEN, draft_path, True, extracts, sources)
    assert "added" in message
    doc = yaml.safe_load((extracts / "documents" / "qinglan_2022_workplan.yaml").read_text(encoding="utf-8"))
    assert "registry" not in doc and all("offsets" not in t and "confidence" not in t for t in doc["targets"])
    parks = (extracts / "registry" / "parks.yaml").read_text(encoding="utf-8")
    assert parks.startswith(parks_before) and len(parks) > len(parks_before)  # appended, never rewritten
    result = build(extracts, sources)
    assert len(result.extracts.documents) == 6
    assert validate(result.graph).conforms


def test_extract_prints_the_draft_without_output(corpus: Path) -> None:
    text = extract_command(corpus / "sources" / UNSEEN, None, False, corpus / "extracts", corpus / "sources")
    assert text.startswith("# Draft extract") and yaml.safe_load(text)["source"]["file"] == UNSEEN


# ------------------------------------------------------------------ merge refusals
def _draft_with(corpus: Path, stem: str, record: dict) -> str:
    draft = draft_document(corpus / "sources" / UNSEEN, corpus / "extracts")
    data = yaml.safe_load(dump_draft(draft))
    data.setdefault("registry", {}).setdefault(stem, []).append(record)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_merge_refuses_a_document_already_curated(corpus: Path) -> None:
    before = _snapshot(corpus / "extracts")
    draft = dump_draft(draft_document(corpus / "sources" / "003_509121fd7d564b7b.txt", corpus / "extracts"))
    with pytest.raises(MergeConflict) as exc:
        merge_draft(draft, corpus / "extracts", corpus / "sources")
    path = corpus / "extracts" / "documents" / "003_509121fd7d564b7b.yaml"
    assert str(exc.value) == (f"003_509121fd7d564b7b.txt is already curated in {path}: edit that file instead "
                              "of merging a new draft")
    assert _snapshot(corpus / "extracts") == before


def test_merge_refuses_an_id_reused_for_another_entity(corpus: Path) -> None:
    before = _snapshot(corpus / "extracts")
    text = _draft_with(corpus, "parks", {"id": "changsha-etdz", "name": "青岚物流园", "kind": "ip",
                                         "level": "unknown"})
    with pytest.raises(MergeConflict) as exc:
        merge_draft(text, corpus / "extracts", corpus / "sources")
    parks = corpus / "extracts" / "registry" / "parks.yaml"
    assert str(exc.value) == (f"id 'changsha-etdz' is already used by park '长沙经济技术开发区' ({parks}): "
                              "give the proposed park '青岚物流园' another id")
    assert _snapshot(corpus / "extracts") == before


def test_merge_refuses_a_name_claimed_by_another_entity(corpus: Path) -> None:
    before = _snapshot(corpus / "extracts")
    text = _draft_with(corpus, "parks", {"id": "qinglan-logistics-ip", "name": "青岚物流园", "kind": "ip",
                                         "level": "unknown", "aliases": ["长沙经开区"]})
    with pytest.raises(MergeConflict) as exc:
        merge_draft(text, corpus / "extracts", corpus / "sources")
    parks = corpus / "extracts" / "registry" / "parks.yaml"
    assert str(exc.value) == (f"name '长沙经开区' of the proposed park 'qinglan-logistics-ip' is already claimed by "
                              f"'changsha-etdz' ({parks}): use 'changsha-etdz' in the draft or drop the name")
    assert _snapshot(corpus / "extracts") == before


def test_merge_refuses_a_source_outside_the_sources_folder(corpus: Path) -> None:
    (corpus / "sources" / UNSEEN).unlink()
    draft = dump_draft(draft_document(Path(__file__).parent / "fixtures" / "unseen" / UNSEEN, corpus / "extracts"))
    with pytest.raises(MergeConflict) as exc:
        merge_draft(draft, corpus / "extracts", corpus / "sources")
    assert str(exc.value) == (f"source file {UNSEEN} is not in {corpus / 'sources'}: copy it there before merging")


def test_merge_refuses_a_draft_that_would_not_load(corpus: Path) -> None:
    before = _snapshot(corpus / "extracts")
    draft = yaml.safe_load(dump_draft(draft_document(corpus / "sources" / UNSEEN, corpus / "extracts")))
    draft["targets"][0]["evidence"] = "这句话不在原文里"
    with pytest.raises(MergeConflict) as exc:
        merge_draft(yaml.safe_dump(draft, allow_unicode=True), corpus / "extracts", corpus / "sources")
    message = str(exc.value)
    assert message.startswith("the merged extracts would not load; nothing was written:\n")
    assert "targets[1]: evidence not found in qinglan_2022_workplan.txt: '这句话不在原文里'" in message
    assert _snapshot(corpus / "extracts") == before


def test_merge_keeps_a_proposal_the_registry_already_has(corpus: Path) -> None:
    text = _draft_with(corpus, "parks", {"id": "changsha-etdz", "name": "长沙经济技术开发区", "kind": "etdz",
                                         "level": "national"})
    result = merge_draft(text, corpus / "extracts", corpus / "sources")
    assert "changsha-etdz" in result.already_known
    assert "changsha-etdz" not in result.added.get("parks", [])


# ------------------------------------------------------------------ the name index at national scale
# few characters, so names nest and overlap; full-width and half-width forms of the same letters
# and digits, quote marks of every kind, and a character beyond the BMP
_NAME_CHARS = "长沙经开区产业园高新AＡBＢ1１“”\"'「」𠀀"


def _plain_values(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Each name's key and the values filed under it, in order (the reference lexicon)."""
    values: dict[str, list[str]] = {}
    for name, value in pairs:
        if name_key(name):
            values.setdefault(name_key(name), []).append(value)
    return values


def _plain_scan(pairs: list[tuple[str, str]], text: str) -> list[tuple[int, int, list[str]]]:
    """The reference: at each place the longest name that starts there, else the next place."""
    values = _plain_values(pairs)
    text, out, i = fold_quotes(text), [], 0
    while i < len(text):
        longest = max((k for k in values if text.startswith(k, i)), key=len, default=None)
        if longest is None:
            i += 1
            continue
        out.append((i, i + len(longest), values[longest]))
        i += len(longest)
    return out


def _plain_inside(pairs: list[tuple[str, str]], name: str) -> list[tuple[int, int, list[str]]]:
    values = _plain_values(pairs)
    text, out, i = name_key(name), [], 0
    while i < len(text):
        found = [k for k in values if text.startswith(k, i) and not (i == 0 and len(k) == len(text))]
        if not found:
            i += 1
            continue
        longest = max(found, key=len)
        out.append((i, i + len(longest), values[longest]))
        i += len(longest)
    return out


def _matcher(pairs: list[tuple[str, str]]) -> Matcher[str]:
    m: Matcher[str] = Matcher()
    for name, value in pairs:
        m.add(name, value)
    return m


_names = st.text(alphabet=_NAME_CHARS, min_size=1, max_size=5)
_pairs = st.lists(st.tuples(_names, st.sampled_from(["p1", "p2", "e1", "e2", "c1"])), max_size=25)


@settings(max_examples=300, deadline=None)
@given(pairs=_pairs, data=st.data(), drop=st.sets(st.sampled_from(["p1", "p2", "e1", "e2", "c1"])))
def test_name_index_matches_a_plain_scan(pairs: list[tuple[str, str]], data: st.DataObject,
                                         drop: set[str]) -> None:
    # a text made of the names themselves (and their prefixes), with other characters between
    pieces = [n[:k] for n, _ in pairs for k in range(1, len(n) + 1)] or ["长"]
    text = "".join(data.draw(st.lists(st.one_of(st.sampled_from(pieces), st.text(_NAME_CHARS + "，。的",
                                                                                  max_size=2)), max_size=12)))
    m = _matcher(pairs)
    assert list(m.finditer(text)) == _plain_scan(pairs, text)
    assert list(m.inside(text)) == _plain_inside(pairs, text)
    for name, _value in pairs:
        assert m.lookup(name) == _matcher(pairs).lookup(name) == _plain_scan(pairs, name_key(name))[0][2]
    # a view without some values matches as a matcher built without them
    kept = [(n, v) for n, v in pairs if v not in drop]
    view = m.without(frozenset(drop))
    assert list(view.finditer(text)) == _plain_scan(kept, text)
    assert list(view.inside(text)) == _plain_inside(kept, text)
    assert [view.lookup(n) for n, _ in pairs] == [_matcher(kept).lookup(n) for n, _ in pairs]


def test_name_index_on_cjk_nested_names_and_width_variants() -> None:
    m = _matcher([("长沙", "region"), ("长沙经济技术开发区", "park"), ("长沙经开区", "park"),
                  ("开发区", "x"), ("ＡＢ公司", "ent"), ("“放管服”", "policy"), ("𠀀𠀀", "rare")])
    text = "长沙经济技术开发区与长沙经开区、长沙、AB公司，‘放管服’、𠀀𠀀。"
    got = [(text[s:e], v) for s, e, v in m.finditer(text)]
    assert got == [("长沙经济技术开发区", ["park"]), ("长沙经开区", ["park"]), ("长沙", ["region"]),
                   ("AB公司", ["ent"]), ("‘放管服’", ["policy"]), ("𠀀𠀀", ["rare"])]
    assert [(s, e) for s, e, _ in m.inside("长沙经济技术开发区")] == [(0, 2), (6, 9)]
    assert m.lookup("AB公司") == ["ent"] and m.lookup("长沙经") == []
    assert list(_matcher([]).finditer(text)) == [] and list(Matcher().without(frozenset({"x"})).inside("开发区")) == []


def _registry_entries(n: int) -> list[Entry]:
    out = [Entry("region", "cs", "长沙", ("长沙市",), {"id": "cs", "name": "长沙", "aliases": ["长沙市"]})]
    for i in range(n):
        rec = {"id": f"e{i}", "name": f"长沙华{i}有限公司", "aliases": [f"华{i}公司"]}
        out.append(Entry("enterprise", rec["id"], rec["name"], (rec["aliases"][0],), rec))
    return out


def test_a_held_out_lexicon_is_a_view_that_matches_as_a_rebuilt_one() -> None:
    entries = _registry_entries(50)
    exclude = frozenset({"e1", "e12", "cs"})
    view = build_lexicon(entries, exclude)
    rebuilt = build_lexicon([e for e in entries if e.id not in exclude])
    text = "长沙华1有限公司、长沙华12有限公司和长沙华2有限公司在长沙市。"
    assert list(view.matcher.finditer(text)) == list(rebuilt.matcher.finditer(text))
    assert list(view.entries) == list(rebuilt.entries) and len(view.entries) == len(rebuilt.entries) == 48
    assert "e1" not in view.entries and view.entries.get("e1") is None and view.kind_of("e1") is None
    assert view.entries["e2"] == rebuilt.entries["e2"] and view.kind_of("e2") == "enterprise"
    assert [e.id for e in view.of_kind("enterprise")] == [e.id for e in rebuilt.of_kind("enterprise")]
    with pytest.raises(KeyError):
        view.entries["cs"]


def test_a_registry_id_given_twice_is_named_by_its_last_record() -> None:
    first = Entry("park", "p", "旧名园区", (), {"id": "p", "name": "旧名园区"})
    last = Entry("park", "p", "新名园区", (), {"id": "p", "name": "新名园区"})
    lex = build_lexicon([first, _registry_entries(0)[0], last])
    assert lex.matcher.lookup("旧名园区") == [] and lex.matcher.lookup("新名园区") == ["p"]
    assert list(lex.entries) == ["p", "cs"] and lex.entries["p"].name == "新名园区"


def test_taken_ids_is_a_view_of_the_registry_and_the_proposals() -> None:
    from parkgraph.loaders.drafting.context import TakenIds

    taken = TakenIds({"a": 1, "b": 2}, {"c": 3}, frozenset({"b", "d"}))
    assert "a" in taken and "d" in taken and "z" not in taken
    assert sorted(taken) == ["a", "b", "c", "d"] and len(taken) == 4


@pytest.fixture()
def national_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every registry counts as national (cached on disk), in a fresh cache folder and fresh process caches."""
    monkeypatch.setenv(registry_cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(registry_cache, "MIN_BYTES", 0)
    lexicon_module._registry.cache_clear()
    lexicon_module._cached.cache_clear()
    yield tmp_path / "cache" / "drafting"
    lexicon_module._registry.cache_clear()
    lexicon_module._cached.cache_clear()


def test_the_registry_cache_gives_the_same_drafts_and_is_never_stale(corpus: Path, national_cache: Path) -> None:
    source = next(p for p in sorted((corpus / "sources").glob("*.txt"))
                  if "长沙经济技术开发区" in p.read_text(encoding="utf-8"))
    read = dump_draft(draft_document(source, corpus / "extracts"))  # parsed from YAML, then written
    assert len(list(national_cache.glob("registry-*.marshal"))) == 1
    lexicon_module._registry.cache_clear()
    lexicon_module._cached.cache_clear()
    assert dump_draft(draft_document(source, corpus / "extracts")) == read  # from the cache
    assert dump_draft(draft_document(source, corpus / "extracts", frozenset({"changsha-etdz"}))) != read

    # the same size and modification time, other content: another key, so the new name is found
    parks = corpus / "extracts" / "registry" / "parks.yaml"
    text, stat = parks.read_text(encoding="utf-8"), parks.stat()
    assert "长沙经济技术开发区" in text
    parks.write_text(text.replace("长沙经济技术开发区", "长沙经济技术开发园", 1), encoding="utf-8")
    os.utime(parks, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    lexicon_module._registry.cache_clear()
    lexicon_module._cached.cache_clear()
    lex = load_lexicon(corpus / "extracts")
    assert lex.matcher.lookup("长沙经济技术开发园") == ["changsha-etdz"]
    assert len(list(national_cache.glob("registry-*.marshal"))) == 2

    # a damaged cache file is not read
    for cached in national_cache.glob("registry-*.marshal"):
        cached.write_bytes(cached.read_bytes()[:100])
    parks.write_text(text, encoding="utf-8")
    lexicon_module._registry.cache_clear()
    lexicon_module._cached.cache_clear()
    assert dump_draft(draft_document(source, corpus / "extracts")) == read


def test_the_registry_cache_can_be_turned_off(corpus: Path, national_cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(registry_cache.CACHE_ENV, "off")
    assert registry_cache.cache_dir() is None
    draft_document(corpus / "sources" / UNSEEN, corpus / "extracts")
    assert not national_cache.exists()
