"""Property-based and fuzz tests (hypothesis), each bounded (max_examples, no deadline, no database).

* the extract loader: random text, mutated documents and registries, and schema-shaped random
  documents never crash with a traceback: they build, or raise ExtractError whose problems all
  have a path in the corpus, a line (or none) and a one-line message;
* the 文号 parser: the normalised form parses back to itself, and the bracket / full-width variants
  of one number agree;
* numbers and units: a figure written in the YAML reaches the graph exactly, normalised by its
  unit's multiplier; the drafter's number reader reads digits, separators, OCR decimal points,
  full-width digits and Chinese numerals;
* evidence offsets: the offset map's text is the documented normalisation, every verbatim quote is
  found, its span covers it (and no more), whitespace and full-width variants find the same span;
* a loaded-then-exported extract round-trips in every export format;
* the text extractor (parkgraph.loaders.drafting): random documents never crash it, every quote is
  verbatim at its offsets and findable by the loader, the draft is valid YAML.
"""

from __future__ import annotations

import io
import json
import random
import re
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parkgraph.errors import ExtractError, ParkgraphError
from parkgraph.graph.build import build
from parkgraph.graph.export import FORMATS, serialize
from parkgraph.ids import is_valid_id
from parkgraph.loaders.docnumber import DocNumber, parse_doc_number
from parkgraph.loaders.evidence import NormalisedText, normalise
from parkgraph.ontology import units

from .reliability import RECORD, reliability_table  # noqa: F401 - autouse: writes docs/reliability.md

DOC = "extracts/documents/mini.yaml"
REGISTRY_FILES = ["extracts/registry/parks.yaml", "extracts/registry/chains.yaml",
                  "extracts/registry/regions.yaml", "extracts/registry/indicators.yaml"]


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck))


@pytest.fixture()
def corpus(tmp_path: Path, root: Path) -> Path:
    dest = tmp_path / "mini"
    shutil.copytree(root / "tests" / "fixtures" / "mini", dest)
    return dest


def built_or_refused(mini: Path) -> str:
    """Build; a refusal must be an ExtractError whose problems are all well formed."""
    try:
        build(mini / "extracts", mini / "sources")
    except ExtractError as exc:
        assert exc.problems
        for p in exc.problems:
            assert isinstance(p.path, Path) and str(p.path).startswith(str(mini)), p
            assert p.line is None or (isinstance(p.line, int) and p.line >= 1), p
            assert p.message.strip() and "\n" not in str(p), repr(str(p))
        return "refused"
    return "built"


class Swap:
    """Write new text into one corpus file for one example, then put the original back."""

    def __init__(self, path: Path) -> None:
        self.path, self.original = path, path.read_bytes()

    def run(self, text: str | bytes, mini: Path) -> str:
        try:
            self.path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
            return built_or_refused(mini)
        finally:
            self.path.write_bytes(self.original)


# --- the extract loader ----------------------------------------------------------------------------------

YAMLISH = st.lists(st.sampled_from(list("abc:-[]{}#&*!|>'\"%@`,? \n\t12.示例") + ["\u3000", "  - ", ": "]),
                   max_size=120).map("".join)
SCALAR_SOURCES = st.one_of(
    st.sampled_from([".nan", "-.inf", ".inf", "~", "null", "true", "no", "yes", "[]", "{}", "[a, b]", "{a: 1}",
                     "'2020'", "2019-13-45", "2020-02-30", "0x1F", "0o17", "1_000", "1e3", "1.5e300", "2020.0",
                     "*anchor", "&a x", "!!binary aGk=", "!!python/object:os.system ls", "? [k]\n  : v",
                     "9" * 5000, "demo-etdz", "new-materials", "hunan", "亿元", "%", "leading", "anchor",
                     "|\n  block\n  text", ">-\n  folded", "'it''s'", '"\\u0000"', "- item"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.integers(min_value=1900, max_value=2150).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(max_size=30).map(json.dumps),
)
KEY = re.compile(r"^(\s*(?:- )?)([A-Za-z_]+):(.*)$")


@st.composite
def mutated(draw, text: str) -> str:
    """The text with 1–4 random edits: values replaced, lines dropped, doubled, swapped, re-indented,
    random characters inserted, or the file cut short."""
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["value", "value", "value", "drop", "double", "swap", "indent", "insert", "cut"]))
        i = draw(st.integers(0, len(lines) - 1)) if lines else 0
        if not lines:
            lines = [draw(YAMLISH)]
        elif op == "value":
            m = KEY.match(lines[i])
            if m:
                lines[i] = f"{m.group(1)}{m.group(2)}: {draw(SCALAR_SOURCES)}"
        elif op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 6)) + lines[i].lstrip()
        elif op == "insert":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(min_size=1, max_size=5)) + lines[i][pos:]
        else:
            joined = "\n".join(lines)
            lines = joined[:draw(st.integers(0, len(joined)))].splitlines()
    return "\n".join(lines) + "\n"


def test_fuzz_loader_random_text(corpus: Path) -> None:
    seen = {"built": 0, "refused": 0}
    with RECORD.case("fuzz", "extract loader: random text and YAML-ish noise as a document", cases=0) as case:
        swap = Swap(corpus / DOC)

        @fuzz(200)
        @given(st.one_of(st.text(max_size=300), YAMLISH, st.binary(max_size=200)))
        def prop(text) -> None:
            seen[swap.run(text, corpus)] += 1
            case.cases += 1

        prop()
        case.note = f"{seen['built']} built, {seen['refused']} refused with located problems"


def test_fuzz_loader_mutated_documents(corpus: Path) -> None:
    seen = {"built": 0, "refused": 0}
    with RECORD.case("fuzz", "extract loader: mutated document YAML", cases=0) as case:
        swap = Swap(corpus / DOC)
        original = swap.original.decode("utf-8")

        @fuzz(300)
        @given(mutated(original))
        def prop(text: str) -> None:
            seen[swap.run(text, corpus)] += 1
            case.cases += 1

        prop()
        case.note = f"{seen['built']} built, {seen['refused']} refused with located problems"


def test_fuzz_loader_mutated_registry(corpus: Path) -> None:
    seen = {"built": 0, "refused": 0}
    with RECORD.case("fuzz", "extract loader: mutated registry YAML (parks, chains, regions, indicators)",
                     cases=0) as case:
        swaps = {rel: Swap(corpus / rel) for rel in REGISTRY_FILES}
        # block style, so that line edits reach single fields
        block = {rel: yaml.safe_dump(yaml.safe_load(s.original), allow_unicode=True, sort_keys=False)
                 for rel, s in swaps.items()}

        @fuzz(200)
        @given(st.sampled_from(REGISTRY_FILES).flatmap(lambda rel: st.tuples(st.just(rel), mutated(block[rel]))))
        def prop(pair) -> None:
            rel, text = pair
            seen[swaps[rel].run(text, corpus)] += 1
            case.cases += 1

        prop()
        case.note = f"{seen['built']} built, {seen['refused']} refused with located problems"


ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.integers(1940, 2110),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["demo-etdz", "new-materials", "automotive", "demo-group", "total-revenue", "hunan",
                     "demo-committee", "亿元", "%", "leading", "anchor", "level", "planned", "以上",
                     "2020-01-01", "2019-02-30", "实现技工贸总收入1200亿元", "围绕新材料和汽车两大主导产业"]),
    st.lists(st.sampled_from(["demo-etdz", "hunan", "x", "新材料"]), max_size=3),
)
FIELDS = ["entity", "as", "evidence", "note", "park", "chain", "role", "enterprise", "other", "relation",
          "policy", "parks", "chains", "regions", "subject", "indicator", "status", "kind", "value",
          "value_max", "unit", "year", "baseline_year", "qualifier", "masked", "colour"]
SECTION_NAMES = ["mentions", "park_chains", "enterprise_roles", "park_relations", "policies",
                 "policy_relations", "targets", "extra"]
RECORDS = st.dictionaries(st.sampled_from(FIELDS), ANY_VALUE, max_size=8)
SOURCE_BLOCK = st.fixed_dictionaries(
    {"file": st.one_of(st.sampled_from(["mini.txt", "mini.txt", "gone.txt", "../sources/mini.txt", "/", "."]),
                       st.text(max_size=12)),
     "title": st.one_of(st.just("示例"), ANY_VALUE)},
    optional={"issuer": ANY_VALUE, "date": ANY_VALUE, "kind": ANY_VALUE, "plan_year": ANY_VALUE,
              "period": ANY_VALUE, "subject_parks": ANY_VALUE})
DOCUMENTS = st.fixed_dictionaries(
    {"source": st.one_of(SOURCE_BLOCK, SOURCE_BLOCK, ANY_VALUE)},
    optional={name: st.one_of(st.lists(st.one_of(RECORDS, RECORDS, RECORDS, ANY_VALUE), max_size=4), ANY_VALUE)
              for name in SECTION_NAMES})


def test_fuzz_loader_schema_shaped_documents(corpus: Path) -> None:
    seen = {"built": 0, "refused": 0}
    with RECORD.case("fuzz", "extract loader: random documents shaped like the schema", cases=0) as case:
        swap = Swap(corpus / DOC)

        @fuzz(300)
        @given(DOCUMENTS)
        def prop(data) -> None:
            seen[swap.run(yaml.safe_dump(data, allow_unicode=True), corpus)] += 1
            case.cases += 1

        prop()
        case.note = f"{seen['built']} built, {seen['refused']} refused with located problems"


# --- 文号 -------------------------------------------------------------------------------------------------

BRACKETS = [("〔", "〕"), ("[", "]"), ("［", "］"), ("【", "】"), ("(", ")"), ("（", "）"), ("﹝", "﹞")]
CODE = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@st.composite
def doc_number_variant(draw, code: str, year: int, seq: int) -> str:
    left, right = draw(st.sampled_from(BRACKETS))
    digits = full_width if draw(st.booleans()) else str
    gap = draw(st.sampled_from(["", " ", "\u3000"]))
    di = "第" if draw(st.booleans()) else ""
    return f"{code}{gap}{left}{digits(str(year))}{right}{gap}{di}{digits(str(seq))}号"


def test_fuzz_doc_numbers() -> None:
    with RECORD.case("fuzz", "文号 parser: normalised form round-trips, bracket/full-width variants agree",
                     cases=0) as case:
        @fuzz(300)
        @given(st.tuples(CODE, st.integers(1949, 2100), st.integers(1, 99999)).flatmap(
            lambda t: st.tuples(st.just(t), st.lists(doc_number_variant(*t), min_size=1, max_size=4))))
        def prop(data) -> None:
            (code, year, seq), variants = data
            expected = DocNumber(code, year, seq)
            assert parse_doc_number(expected.normalised) == expected
            for v in variants:
                assert parse_doc_number(v) == expected, v
            case.cases += 1

        prop()


def test_fuzz_doc_number_on_any_text() -> None:
    with RECORD.case("fuzz", "文号 parser: any text parses or returns None; a parse re-parses to itself",
                     cases=0) as case:
        @fuzz(300)
        @given(st.one_of(st.text(max_size=40),
                         st.text(alphabet=st.sampled_from(list("湘政发办〔〕[]【】()（）第号0123456789０１２ ")), max_size=20)))
        def prop(text: str) -> None:
            parsed = parse_doc_number(text)
            if parsed is not None:
                assert parse_doc_number(parsed.normalised) == parsed, (text, parsed)
            case.cases += 1

        prop()


# --- numbers and units ---------------------------------------------------------------------------------

DECIMALS = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e12"), allow_nan=False,
                       allow_infinity=False, places=4).filter(lambda d: len(d.normalize().as_tuple().digits) <= 15)


def test_fuzz_figures_reach_the_graph_exactly(corpus: Path) -> None:
    unit_names = sorted(units())
    with RECORD.case("fuzz", "numbers and units: YAML value/unit → pg:value and pg:normalisedValue exactly",
                     cases=0) as case:
        doc = corpus / DOC
        original = doc.read_text(encoding="utf-8")

        @fuzz(120)
        @given(DECIMALS, st.sampled_from(unit_names), st.one_of(st.none(), DECIMALS))
        def prop(value: Decimal, unit: str, extra: Decimal | None) -> None:
            vmax = None if extra is None else value + abs(extra)
            assume(vmax is None or len(vmax.normalize().as_tuple().digits) <= 15)  # YAML floats: 15 digits exact
            written = format(value, "f")
            text = original.replace("    value: 800\n    unit: 亿元\n",
                                    f"    value: {written}\n" + (f"    value_max: {format(vmax, 'f')}\n" if vmax is not None else "")
                                    + f"    unit: '{unit}'\n")
            try:
                doc.write_text(text, encoding="utf-8")
                kg = build(corpus / "extracts", corpus / "sources").graph
            finally:
                doc.write_text(original, encoding="utf-8")
            rows = list(kg.dataset.query(
                "PREFIX pg: <https://w3id.org/parkgraph/ontology#> SELECT ?v ?n ?m ?nm WHERE { "
                "?f pg:indicator <https://w3id.org/parkgraph/id/indicator/industrial-output> ; pg:value ?v ; "
                "pg:normalisedValue ?n . OPTIONAL { ?f pg:valueMax ?m ; pg:normalisedValueMax ?nm } }"))
            assert len(rows) == 1
            v, n, m, nm = (Decimal(str(t)) if t is not None else None for t in rows[0])
            mult = units()[unit].multiplier
            assert v == Decimal(written)
            assert n == Decimal(written) * mult
            if vmax is not None:
                assert m == vmax and nm == vmax * mult
            case.cases += 1

        prop()


CN = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """The usual written form: 10 → 十, 1005 → 一千零五, 120000000 → 一亿二千万."""
    def below_10k(k: int, leading: bool) -> str:
        out, gap = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = k // size % 10
            if d:
                if gap and out:
                    out += "零"
                out += ("" if (d == 1 and unit == "十" and leading and not out) else CN[d]) + unit
                gap = False
            elif out:
                gap = True
        return out

    if n == 0:
        return "零"
    parts, out = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")], ""
    for k, unit in parts:
        if k:
            if out and k < 1000:
                out += "零"
            out += below_10k(k, not out) + unit
    return out


def test_fuzz_drafting_number_reader() -> None:
    numbers = pytest.importorskip("parkgraph.loaders.drafting.numbers")
    vocab = pytest.importorskip("parkgraph.loaders.drafting.vocab")
    words = sorted(vocab.UNIT_WORDS)
    with RECORD.case("fuzz", "text extractor numbers: digits, 1,234, OCR 。 decimal point, full-width, 中文数字, "
                     "value+unit found in a sentence", cases=0) as case:
        @fuzz(300)
        @given(st.integers(0, 10**11), st.integers(0, 9999), st.sampled_from(["", ".", "。", "．", "·"]),
               st.booleans(), st.sampled_from(words))
        def prop(whole: int, frac: int, point: str, wide: bool, word: str) -> None:
            frac_text = f"{frac:04d}".rstrip("0") or "0"
            written = f"{whole:,}" + (f"{point}{frac_text}" if point else "")
            value = Decimal(f"{whole}" + (f".{frac_text}" if point else ""))
            assert numbers.parse_number(written) == value, written
            assert numbers.parse_number(str(whole)) == whole
            if wide:
                assert numbers.parse_number(full_width(str(whole))) == whole
            assert numbers.parse_chinese_number(chinese_numeral(whole)) == whole, chinese_numeral(whole)
            sentence = f"全年实现{written}{word}。"
            found = [q for q in numbers.find_quantities(sentence) if q.start == len("全年实现")]
            notation, mult = vocab.UNIT_WORDS[word]
            assert found, (sentence, numbers.find_quantities(sentence))
            assert (found[0].value, found[0].unit) == (value * mult, notation), (sentence, found[0])
            case.cases += 1

        prop()


# --- evidence offsets ------------------------------------------------------------------------------------

SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", "\u3000", "\xa0", "\u2028", "\x0b\x0c", " \n "])
EXPANDING = st.sampled_from(["㍿", "①", "⑴", "㎡", "℃", "ﬁ", "¼", "㈱", "Ⅻ", "…", "‥", "㊤"])
PLAIN = st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
                  st.characters(min_codepoint=0x21, max_codepoint=0x7E),
                  st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
                  st.sampled_from(list("，。、；：“”‘’（）《》〔〕—·")))
# combining marks, and half-width katakana with its separate voicing mark (ｶﾞ is ガ after NFKC)
COMBINING = st.sampled_from(["\u0301", "\u0304", "\u030c", "\u0300", "\u0308", "\u3099", "ｶ", "ﾞ"])
TEXTS = st.lists(st.one_of(PLAIN, PLAIN, PLAIN, SPACES, EXPANDING), min_size=1, max_size=80).map("".join)


def vary(quote: str, rng: random.Random) -> str:
    """The quote as a curator might retype it: other whitespace runs, ASCII <-> full-width swapped."""
    out = []
    for ch in re.split(r"(\s+)", quote):
        if ch and ch.isspace():
            out.append(rng.choice([" ", "\n", "\t ", "\u3000"]))
        else:
            out.append("".join(
                chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and rng.random() < 0.5 else
                chr(ord(c) - 0xFEE0) if "！" <= c <= "～" and rng.random() < 0.5 else c for c in ch))
    return "".join(out)


def test_fuzz_offset_map_is_the_documented_normalisation() -> None:
    with RECORD.case("fuzz", "evidence: offset map text == NFKC + whitespace folding of the source "
                     "(incl. combining marks)", cases=0) as case:
        @fuzz(300)
        @given(st.lists(st.one_of(PLAIN, SPACES, EXPANDING, COMBINING), min_size=1, max_size=60).map("".join))
        def prop(text: str) -> None:
            norm = NormalisedText.of(text)
            assert norm.text == normalise(text), \
                f"source {ascii(text)}: offset map text {ascii(norm.text)} != normalise() {ascii(normalise(text))}"
            assert len(norm.offsets) == len(norm.text)
            case.cases += 1

        prop()


def test_fuzz_verbatim_quotes_are_found_where_they_are() -> None:
    with RECORD.case("fuzz", "evidence: verbatim quotes found, span covers the quote and no more, "
                     "retyped variants give the same span", cases=0) as case:
        @fuzz(300)
        @given(TEXTS, st.data())
        def prop(text: str, data) -> None:
            i = data.draw(st.integers(0, len(text) - 1))
            j = data.draw(st.integers(i + 1, len(text)))
            quote = text[i:j]
            assume(normalise(quote))
            norm = NormalisedText.of(text)
            span = norm.find(quote)
            assert span is not None, (text, quote)
            start, end = span
            covered = NormalisedText.of(text[start:end]).text
            assert normalise(quote) in covered, (text, quote, span)
            assert normalise(quote) not in NormalisedText.of(text[start + 1:end]).text
            assert normalise(quote) not in NormalisedText.of(text[start:end - 1]).text
            variant = vary(quote, random.Random(data.draw(st.integers(0, 2**32))))
            assert norm.find(variant) == span, (text, quote, variant)
            case.cases += 1

        prop()


# --- loaded, exported, parsed back ----------------------------------------------------------------------

WILD = st.text(st.characters(blacklist_categories=("Cs", "Mn", "Mc", "Me", "Co", "Cn"),
                             blacklist_characters="\ufeff"), min_size=1, max_size=40).filter(str.strip)


def test_fuzz_loaded_then_exported_round_trips(corpus: Path) -> None:
    with RECORD.case("fuzz", "round trip: random valid extract → build → 5 export formats → parse → same quads",
                     cases=0) as case:
        doc, source = corpus / DOC, corpus / "sources" / "mini.txt"
        parks = corpus / "extracts" / "registry" / "parks.yaml"
        originals = {p: p.read_bytes() for p in (doc, source, parks)}
        unit_names = sorted(units())

        @fuzz(80)
        @given(st.lists(WILD, min_size=1, max_size=4), st.data())
        def prop(sentences: list[str], data) -> None:
            text = originals[source].decode("utf-8") + "\n" + "\n".join(sentences) + "\n"
            norm = NormalisedText.of(text)
            extract = yaml.safe_load(originals[doc])
            registry = yaml.safe_load(originals[parks])
            registry[0]["aliases"] = [a for a in dict.fromkeys(["示范经开区", data.draw(WILD)])]
            registry[0]["note"] = data.draw(WILD)
            extract["source"]["title_en"] = data.draw(WILD)
            for s in sentences:
                i = data.draw(st.integers(0, len(s) - 1))
                quote = s[i:data.draw(st.integers(i + 1, len(s)))]
                if not normalise(quote) or norm.find(quote) is None:
                    continue
                extract["targets"].append({
                    "subject": "demo-etdz", "indicator": data.draw(st.sampled_from(["total-revenue", "industrial-output"])),
                    "value": float(data.draw(DECIMALS)), "unit": data.draw(st.sampled_from(unit_names)),
                    "year": data.draw(st.integers(1949, 2100)), "evidence": quote,
                    "note": data.draw(WILD)})
            try:
                source.write_text(text, encoding="utf-8")
                doc.write_text(yaml.safe_dump(extract, allow_unicode=True), encoding="utf-8")
                parks.write_text(yaml.safe_dump(registry, allow_unicode=True), encoding="utf-8")
                kg = build(corpus / "extracts", corpus / "sources").graph
            finally:
                for p, b in originals.items():
                    p.write_bytes(b)
            quads = set(kg.ox_quads())
            triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
            for fmt, (rdf_format, named) in FORMATS.items():
                buf = io.BytesIO()
                serialize(kg, fmt, buf)
                back = list(ox.parse(buf.getvalue(), format=rdf_format))
                if named:
                    assert set(back) == quads, fmt
                else:
                    assert {ox.Triple(q.subject, q.predicate, q.object) for q in back} == triples, fmt
            case.cases += 1

        prop()


# --- the text extractor ---------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "示例经济技术开发区", "示范经开区", "新材料", "汽车", "示例集团", "湖南省", "示例市", "我区", "本园",
    "主导产业", "特色产业", "龙头企业", "重点企业", "力争", "以上", "左右", "实现", "技工贸总收入", "规模工业总产值",
    "亿元", "万元", "%", "个百分点", "增长", "下降", "比2015年", "年", "《", "》", "〔", "〕", "号", "湘政发",
    "关于", "意见", "通知", "园区", "经开区", "高新区", "工业园", "产业园", "片区", "共建", "飞地", "依托",
    "首页", "版权所有", "买球", "| 指标 | 2020 |", "---", "**", "![](x.png)", "*", "**亿元", "8000-10000人",
    "1一2个", "两项", "千亿级", "增加了4.6倍", "〇", "二〇二〇年", "2020年", "2019年3月1日", "第十三个五年规划",
    "，", "。", "；", "：", "、", "！", "\n", "\r\n", "  ", "\u3000", "\t", "\ufeff", "\u200b", "ﬁ", "①",
])
DRAFT_TEXTS = st.lists(st.one_of(FRAGMENTS, FRAGMENTS, FRAGMENTS, st.integers(0, 10**6).map(str),
                                 st.text(max_size=6)), min_size=1, max_size=60).map("".join)


def test_fuzz_text_extractor(corpus: Path) -> None:
    drafting = pytest.importorskip("parkgraph.loaders.drafting")
    extracts = corpus / "extracts"
    with RECORD.case("fuzz", "text extractor: random documents → no crash, quotes verbatim at their offsets "
                     "and findable, draft is YAML", cases=0) as case:
        @fuzz(200)
        @given(DRAFT_TEXTS)
        def prop(text: str) -> None:
            draft = drafting.draft_text(text, "fuzz.txt", extracts)
            norm = NormalisedText.of(text)
            for section, items in draft.sections.items():
                for item in items:
                    for ev in item.evidence:
                        assert text[ev.start:ev.end] == ev.quote, (section, ev)
                        assert norm.find(ev.quote) is not None, (section, ev)
            data = yaml.safe_load(drafting.dump_draft(draft))
            assert isinstance(data, dict) and data["source"]["file"] == "fuzz.txt"
            for prop_ in draft.proposals:
                assert is_valid_id(prop_.id), prop_
            case.cases += 1

        prop()


def test_fuzz_text_extractor_on_random_bytes(corpus: Path, tmp_path: Path) -> None:
    drafting = pytest.importorskip("parkgraph.loaders.drafting")
    extracts = corpus / "extracts"
    path = tmp_path / "random.txt"
    with RECORD.case("fuzz", "text extractor: random bytes as a file → a draft or a typed error", cases=0) as case:
        @fuzz(150)
        @given(st.one_of(st.binary(max_size=200),
                         DRAFT_TEXTS.map(lambda t: t.encode("gb18030")),
                         DRAFT_TEXTS.map(lambda t: t.encode("utf-8")),
                         st.tuples(DRAFT_TEXTS, st.binary(min_size=1, max_size=4)).map(
                             lambda p: p[0].encode("utf-8") + p[1])))
        def prop(data: bytes) -> None:
            path.write_bytes(data)
            try:
                drafting.draft_document(path, extracts)
            except ParkgraphError as exc:
                assert str(exc).strip() and "\n" not in str(exc)
            case.cases += 1

        prop()


def test_nfkc_helpers_agree_with_unicodedata() -> None:
    """A control for the properties above: the helpers are what the tests think they are."""
    with RECORD.case("fuzz", "control: full-width helper and NFKC agree", cases=94):
        for c in map(chr, range(0x21, 0x7F)):
            assert unicodedata.normalize("NFKC", full_width(c)) == c
