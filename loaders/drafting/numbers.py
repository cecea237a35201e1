"""Numbers, units, ranges and masked figures as Chinese development-zone documents write them.

``find_quantities`` returns every number (or ``*`` mask) that carries a unit of the ontology:
3908亿元, 9596。44亿元 (OCR decimal point), 32万平方米 (→ 320000 平方米), 8000-10000人,
500亿—1000亿元, 1一2个 (OCR dash), *多亿元, 两项, 千亿级, 零死亡, 增加了4.6倍 (→ 460 %).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from parkgraph.loaders.drafting.vocab import (
    CHINESE_DIGITS,
    CHINESE_MULTIPLIERS,
    GROWTH_DOWN,
    GROWTH_UP,
    PEOPLE_NOUNS,
    SUFFIX_QUALIFIERS,
    UNIT_BLOCKERS,
    UNIT_WORDS,
)

_NUM = r"\d+(?:,\d{3})*(?:[.。．·]\d+)?"
_VALUE = re.compile(rf"{_NUM}|\*+")
_UNITS = sorted(UNIT_WORDS, key=len, reverse=True)
_DASH = re.compile(r"\s*(?:[-—–~～]+|至)\s*")
_CN_COUNT = re.compile(r"(?<![第一二两三四五六七八九十百千万])([两二三四五六七八九十]|十[一二三四五六七八九])"
                       r"(项|家|名|座)(?=(?:以上|以下|左右)?(?:企业|公司|成果|机构|单位|平台|人才|基地|园区|项目|以上))")
_CN_BIG = re.compile(r"(?<![\d一二两三四五六七八九十百千万个])([百千万])亿(元)?")
_ZERO = re.compile(r"零(死亡|伤亡)")
_PERCENT_WORDS = re.compile(r"百分之([\d.]+|[零一二两三四五六七八九十百]+)")


@dataclass(frozen=True)
class Quantity:
    """A figure as written: cleaned span, value (None when masked), optional upper bound, unit."""

    start: int
    end: int
    value: Decimal | None
    value_max: Decimal | None
    unit: str
    masked: bool
    approx: bool = False             # 多/余: "more than"
    qualifier: str | None = None     # 以上 / 以下 / 左右 … written right after the figure
    times: bool = False              # written as N倍 (value converted to percent)
    written: str = ""

    @property
    def is_count(self) -> bool:
        """True for counts of things (个 家 项 只 座)."""
        return self.unit in ("个", "家", "项", "只", "座")


def parse_number(text: str) -> Decimal | None:
    """A written number as a Decimal: 3908, 9596。44, 1,200, 两, 十二, 三百五十; None if not a number."""
    s = text.strip()
    if not s:
        return None
    if re.fullmatch(_NUM, s):
        s = re.sub(r"[。．·]", ".", s).replace(",", "")
        try:
            return Decimal(s)
        except InvalidOperation:
            return None
    return parse_chinese_number(s)


def parse_chinese_number(text: str) -> Decimal | None:
    """Chinese numerals: 两 → 2, 十二 → 12, 三百五十 → 350, 一千二百万 → 12000000."""
    if not text or any(c not in CHINESE_DIGITS and c not in CHINESE_MULTIPLIERS for c in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
            continue
        mult = CHINESE_MULTIPLIERS[ch]
        if mult >= 10000:
            section = (section + (digit or 0)) * mult if (section or digit) else mult
            total += section
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * mult
            digit = None
    return Decimal(total + section + (digit or 0))


def _unit_at(text: str, pos: int) -> tuple[str, int] | None:
    """The longest unit word at ``pos`` (not the start of another word), and where it ends."""
    for word in _UNITS:
        if text.startswith(word, pos):
            end = pos + len(word)
            if text.startswith(UNIT_BLOCKERS.get(word[-1], ()), end):
                continue
            if word in ("吨", "万吨") and text.startswith("标准煤", end):
                continue
            return word, end
    return None


def _bare_unit(text: str, pos: int, before: str) -> tuple[str, Decimal, int] | None:
    """Units written without their noun: 400亿 (亿元), 100万游客 (万人), 3个点 (个百分点), 4.6倍."""
    if text.startswith("亿", pos) and not text.startswith("亿人", pos):
        return "亿元", Decimal(1), pos + 1
    if text.startswith("万", pos):
        rest = text[pos + 1:pos + 10]
        rest = rest[2:] if rest.startswith(("以上", "多人")) else rest
        if rest.startswith(PEOPLE_NOUNS) or before.endswith(("人口", "人数", "人口约", "人口达")):
            return "万人", Decimal(1), pos + 1
        return None
    if text.startswith("个点", pos) and before.endswith(GROWTH_UP + GROWTH_DOWN):
        return "个百分点", Decimal(1), pos + 2
    if text.startswith("倍", pos) and re.search(r"(增长|增加|提高|扩大)了?$", before):
        return "%", Decimal(100), pos + 1
    return None


def _read_part(text: str, pos: int) -> tuple[str, int, bool] | None:
    m = _VALUE.match(text, pos)
    if not m:
        return None
    end = m.end()
    approx = text[end:end + 1] in ("多", "余")
    return m.group(), end + (1 if approx else 0), approx


def _value(raw: str) -> Decimal | None:
    return None if raw.startswith("*") else parse_number(raw)


def find_quantities(text: str) -> list[Quantity]:
    """Every figure with a unit in ``text`` (cleaned), left to right, non-overlapping."""
    out: list[Quantity] = []
    pos = 0
    n = len(text)
    while pos < n:
        m = _VALUE.search(text, pos)
        if not m:
            break
        start = m.start()
        if start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum() or text[start - 1] in "./:-"):
            pos = m.end()  # part of a code, a date or an identifier
            continue
        q = _quantity_at(text, start)
        if q is None:
            pos = m.end()
            continue
        out.append(q)
        pos = q.end
    out += _word_quantities(text, out)
    out.sort(key=lambda q: q.start)
    return out


def _quantity_at(text: str, start: int) -> Quantity | None:
    first = _read_part(text, start)
    if first is None:
        return None
    raw1, pos, approx1 = first
    before = text[max(0, start - 6):start]
    bare1 = _bare_unit(text, pos, before) if text.startswith("个点", pos) else None
    unit1 = None if bare1 else _unit_at(text, pos)
    bare1 = bare1 or (None if unit1 else _bare_unit(text, pos, before))
    after1 = unit1[1] if unit1 else (bare1[2] if bare1 else pos)
    # a range: 8000-10000人, 500亿—1000亿元, 1一2个 (OCR), 35—45个
    dash = _DASH.match(text, after1)
    second = None
    if dash and dash.end() > after1:
        second = _read_part(text, dash.end())
    elif text[after1:after1 + 1] == "一" and raw1[-1:].isdigit() and text[after1 + 1:after1 + 2].isdigit():
        second = _read_part(text, after1 + 1)
    if second is not None and second[0].startswith("*") != raw1.startswith("*"):
        second = None
    if second is not None:
        raw2, pos2, approx2 = second
        unit2 = _unit_at(text, pos2)
        bare2 = None if unit2 else _bare_unit(text, pos2, "")
        if unit2 or bare2:
            word2, mult2, end = (UNIT_WORDS[unit2[0]][0], UNIT_WORDS[unit2[0]][1], unit2[1]) if unit2 \
                else (bare2[0], bare2[1], bare2[2])  # type: ignore[index]
            if unit1:
                notation1, mult1 = UNIT_WORDS[unit1[0]]
            elif bare1:
                notation1, mult1 = bare1[0], bare1[1]
            else:
                notation1, mult1 = word2, mult2
            if notation1 == word2 or (unit1 is None and bare1 is None) or bare1 is not None:
                v1, v2 = _value(raw1), _value(raw2)
                if v1 is not None:
                    v1 *= mult1 if notation1 == word2 else mult2
                if v2 is not None:
                    v2 *= mult2
                if v1 is None or v2 is None or v2 >= v1:
                    return _finish(text, start, end, v1, v2, word2, raw1.startswith("*"),
                                   approx1 or approx2, False)
    if unit1:
        notation, mult = UNIT_WORDS[unit1[0]]
        v = _value(raw1)
        return _finish(text, start, unit1[1], None if v is None else v * mult, None, notation,
                       raw1.startswith("*"), approx1, False)
    if bare1:
        v = _value(raw1)
        return _finish(text, start, bare1[2], None if v is None else v * bare1[1], None, bare1[0],
                       raw1.startswith("*"), approx1, bare1[1] == 100)
    return None


def _finish(text: str, start: int, end: int, value: Decimal | None, vmax: Decimal | None, unit: str,
            masked: bool, approx: bool, times: bool) -> Quantity:
    qualifier = None
    for word, qual in SUFFIX_QUALIFIERS:
        if text.startswith(word, end):
            qualifier = qual
            break
    value = _tidy(value)
    vmax = _tidy(vmax)
    return Quantity(start, end, value, vmax, unit, masked, approx, qualifier, times, text[start:end])


def _tidy(value: Decimal | None) -> Decimal | None:
    """1607.70 → 1607.7, 3.2E+4 → 32000: the plain form a curator writes."""
    if value is None:
        return None
    return Decimal(int(value)) if value == value.to_integral() else value.normalize()


def _word_quantities(text: str, found: list[Quantity]) -> list[Quantity]:
    """Figures written in words: 两家, 千亿(元), 零死亡, 百分之五."""
    taken = [(q.start, q.end) for q in found]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    out: list[Quantity] = []
    for m in _CN_COUNT.finditer(text):
        v = parse_chinese_number(m.group(1))
        if v is not None and free(m.start(), m.end()):
            out.append(_finish(text, m.start(), m.end(), v, None, m.group(2), False, False, False))
    for m in _CN_BIG.finditer(text):
        v = parse_chinese_number(m.group(1))
        if v is not None and free(m.start(), m.end()):
            out.append(_finish(text, m.start(), m.end(), v, None, "亿元", False, False, False))
    for m in _ZERO.finditer(text):
        if free(m.start(), m.end()):
            out.append(Quantity(m.start(), m.end(), Decimal(0), None, "人", False, written=m.group()))
    for m in _PERCENT_WORDS.finditer(text):
        v = parse_number(m.group(1))
        if v is not None and free(m.start(), m.end()):
            out.append(_finish(text, m.start(), m.end(), v, None, "%", False, False, False))
    return out
