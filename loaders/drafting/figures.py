"""How a figure is meant: level, growth or share; its qualifier; its year, baseline and status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.numbers import Quantity
from parkgraph.loaders.drafting.vocab import (
    ACTUAL_MARKERS,
    ACTUAL_SECTIONS,
    GROWTH_DOWN,
    GROWTH_UP,
    LEVEL_AFTER_GROWTH,
    PREFIX_QUALIFIERS,
    SCOPE_QUALIFIERS,
)

_YEAR = re.compile(r"(?:(\d{4})\s*[-—~至到]\s*)?(\d{4}|\*)\s*年(?!代|龄|限|薪|均)")
_BASELINE_BEFORE = ("比", "较", "由", "从", "与", "同", "相比", "对比")
_SHARE_BEFORE = re.compile(r"占[^,;。占]{0,16}?(?:的)?(?:比重|比例)?(?:为|达|达到|接近|超过|约|近|在)?$")
_GROWTH_AFTER = re.compile(r"^(?:以上|以下|左右|的)?(?:的)?(?:增长|增幅|增速|的增长)")


@dataclass(frozen=True)
class Reading:
    """A figure's reading: kind, sign, qualifier, year (None when unknown), baseline, status."""

    kind: str
    negative: bool
    qualifier: str | None
    year: int | None
    year_source: str          # explicit / context / plan / masked / none
    baseline_year: int | None
    status: str


def figure_kind(left: str, after: str, q: Quantity) -> tuple[str, bool]:
    """(level | growth | share, negative) from the words just before and after the figure."""
    near = left[-10:]
    if q.unit in ("%", "个百分点") or q.times:
        if _SHARE_BEFORE.search(left) or re.search(r"(?:比重|占比|比例)(?:为|达|达到|接近|超过|约|近|在)?$", near):
            return "share", False
        for word in GROWTH_DOWN + GROWTH_UP:
            i = near.rfind(word)
            if i >= 0:
                rest = near[i + len(word):]
                if rest.startswith(LEVEL_AFTER_GROWTH):
                    return "level", False
                if len(rest) <= 4 and not re.search(r"率", word):
                    return "growth", word in GROWTH_DOWN
                if word == "降低率":
                    return "growth", True
        if _GROWTH_AFTER.match(after):
            return "growth", False
        if q.unit == "个百分点" or q.times:
            return "growth", False
        return "level", False
    if re.search(r"比\s*(?:\d{4}|上)年(?:底|末)?(?:增加|增长|新增|减少|下降)了?$", near):
        return "growth", bool(re.search(r"(减少|下降)了?$", near))
    if re.search(r"占[^,;。]{0,10}$", near) and q.unit in ("个", "家"):
        return "level", False
    return "level", False


def qualifier_of(left: str, sentence_left: str, q: Quantity) -> str | None:
    """The qualifier: written after the figure, else the nearest word before it, else 力争/确保 in scope."""
    if q.qualifier:
        return q.qualifier
    if q.approx:
        return "多"
    near = left[-6:]
    for word, qual in PREFIX_QUALIFIERS:  # in order of precedence: 力争达到 is 力争
        if word in near:
            return qual
    for word, qual in SCOPE_QUALIFIERS:
        if word in sentence_left:
            return qual
    return None


def year_of(ctx: DocContext, q: Quantity, actual_hint: bool) -> tuple[int | None, str, int | None]:
    """(year, how it was found, baseline year) for the figure ``q``.

    A year written earlier in the same full sentence (up to 。) applies (到2021年 … ; … ; …),
    else the last year that opens a sentence of the paragraph (2010年，…), else one that opens
    a paragraph of the same section, else the plan year (or the period's last year).
    """
    text = ctx.text
    full_start = max(text.rfind(c, 0, q.start) for c in "。!?\n") + 1
    before = text[full_start:q.start]
    baseline = None
    mb = re.search(r"(?:比|较|由|从|相比)\s*(\d{4})\s*年", before)
    if mb:
        baseline = int(mb.group(1))
    found = _last_year(before)
    if found is not None:
        return (None, "masked", baseline) if found == "*" else (int(found), "explicit", baseline)
    line = ctx.seg.line(q.start)
    para = text[line.start:full_start]
    opener = re.compile(r"(?:^|[。;!?])\s*(?:截至)?(\d{4}|\*)\s*年(?:底|末|度)?(?:[,。]|是|以来|上半年)")
    for m in reversed(list(opener.finditer(para))):
        y = m.group(1)
        return (None, "masked", baseline) if y == "*" else (int(y), "context", baseline)
    sec_start, _head = ctx.seg.section(q.start)
    for pline in reversed(ctx.seg.lines):
        if pline.start >= line.start or pline.start < sec_start:
            continue
        m = re.match(r"\s*(?:截至)?(\d{4})\s*年(?:底|末)?[,。]", text[pline.start:pline.start + 12])
        if m:
            return int(m.group(1)), "context", baseline
    meta = ctx.meta
    if actual_hint:
        if meta.period:
            return meta.period[0], "plan", baseline
        return meta.plan_year, "plan" if meta.plan_year else "none", baseline
    if meta.plan_year:
        return meta.plan_year, "plan", baseline
    if meta.period:
        return meta.period[1], "plan", baseline
    return None, "none", baseline


def _last_year(before: str) -> str | None:
    """The last year written in ``before`` that is not a baseline (比2005年, 由2010年的)."""
    for m in reversed(list(_YEAR.finditer(before))):
        pre = before[max(0, m.start() - 3):m.start()]
        if any(pre.endswith(b) for b in _BASELINE_BEFORE):
            continue
        tail = before[m.end():m.end() + 1]
        if tail == "的" and re.search(r"由\s*$", pre):
            continue
        y = m.group(2)
        if y != "*" and not 1949 <= int(y) <= 2100:
            continue
        return y
    return None  # 今年 / 全年 / 每年 and no year at all: the plan year applies


def is_actual(ctx: DocContext, q: Quantity, year: int | None) -> bool:
    """True when the figure reports what was achieved rather than a plan."""
    meta = ctx.meta
    if year is not None:
        if meta.plan_year and year < meta.plan_year:
            return True
        if meta.period and year < meta.period[0]:
            return True
        if (meta.plan_year and year >= meta.plan_year) or (meta.period and year >= meta.period[0]):
            return False
    sent = ctx.seg.sentence(q.start)
    before = ctx.text[sent.start:q.start]
    if any(w in before for w in ACTUAL_MARKERS):
        return True
    heading = ctx.seg.heading_context(q.start)
    return any(w in heading for w in ACTUAL_SECTIONS)


def reading(ctx: DocContext, q: Quantity, left: str, after: str) -> Reading:
    """Everything about how the figure ``q`` is meant."""
    sent = ctx.seg.sentence(q.start)
    sentence_left = ctx.text[sent.start:q.start]
    kind, negative = figure_kind(left, after, q)
    qual = qualifier_of(left, sentence_left, q)
    hint = any(w in sentence_left for w in ACTUAL_MARKERS)
    year, source, baseline = year_of(ctx, q, hint)
    status = "actual" if is_actual(ctx, q, year if source in ("explicit", "context") else None) \
        else "planned"
    if status == "actual" and source in ("plan", "none") and ctx.meta.period:
        # 已达 (reached): the plan's base year, the last year with statistics; 现有 (exists): now
        achieved = re.search(r"[已巳](?:经)?(?:达|达到|完成|实现|突破)", sentence_left)
        year = ctx.meta.period[0] - 1 if achieved else ctx.meta.period[0]
    if kind == "growth" and baseline is None and "年均" in left[-8:] and ctx.meta.period:
        baseline = ctx.meta.period[0] - 1
    if q.masked and source in ("plan", "none") and ctx.meta.plan_year is None and ctx.meta.period is None:
        year = None
    return Reading(kind, negative, qual, year, source, baseline, status)
