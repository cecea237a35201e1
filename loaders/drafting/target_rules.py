"""Which figures are not targets of the park or region a document is about.

* thresholds: 投资10亿元以上产业项目8只, 过1000亿元的开发区19个, 对投资2亿元以上…的项目 (the amount
  says which projects or zones are counted);
* ratios per unit of land: 250万元/亩, 每公顷…*万元 (kept as context for a growth rate that follows);
* figures about one enterprise: 其中，某公司…实现销售收入*亿元 (the sentence's topic is the company);
* symbol notes of a table: 注：*表示10个千亿园区.
"""

from __future__ import annotations

import re

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.numbers import Quantity

_PRONOUN_TOPIC = re.compile(r"^\s*(?:该公司|该企业|他们|她们|其产品|该项目)")
_PER_UNIT = re.compile(r"^\s*(?:/|／|每)\s*(?:亩|公顷|平方|人|户|吨)")
_PER_UNIT_BEFORE = re.compile(r"每(?:亩|公顷|平方米|平方公里)[^,;。]{0,12}$")
_SENTENCE_OPENERS = re.compile(r"^\s*(?:其中|同时|此外|另外)\s*[,，]?\s*")


def per_unit(ctx: DocContext, q: Quantity, sent_start: int) -> bool:
    """True for a value per unit of land or people (万元/亩, 每公顷…为*亿元)."""
    return bool(_PER_UNIT.match(ctx.text[q.end:q.end + 4]) or _PER_UNIT_BEFORE.search(ctx.text[sent_start:q.start]))


def is_threshold(ctx: DocContext, q: Quantity, nxt: Quantity | None, clause_end: int) -> bool:
    """True when the amount only qualifies what another figure counts."""
    text = ctx.text
    if q.is_count:
        return False
    if nxt is not None and nxt.is_count and nxt.start < clause_end:
        between = text[q.end:nxt.start]
        if len(between) <= 16 and not re.search(r"[,;。]", between):
            return True
    tail = text[q.end:clause_end]
    if q.unit in ("亿元", "万元", "亿美元", "万美元") and re.match(r"^(?:以上|以下)?(?:的)?(?:产业|工业|重大|重点)?项目\d", tail):
        return True
    # 对投资3000万美元或2亿元以上且符合…的项目: a criterion for projects
    return bool(re.search(r"以上", tail[:12]) and re.search(r"的(?:重大|产业|工业)?项目", tail)
                and "投资" in text[max(0, q.start - 12):q.start])


def in_note(ctx: DocContext, q: Quantity) -> bool:
    """True inside a table's note line (注：…表示…)."""
    line = ctx.seg.line(q.start)
    return bool(re.match(r"^\s*注\s*[:：]", ctx.text[line.start:line.end])) or \
        "表示" in ctx.text[max(line.start, q.start - 4):q.start]


def about_enterprise(ctx: DocContext, q: Quantity, sent_start: int) -> bool:
    """True for a figure of one enterprise: its sentence (or the one before) opens with it."""
    text = ctx.text
    if _PRONOUN_TOPIC.match(text[sent_start:sent_start + 12]):
        return True
    if q.unit == "家":
        return False  # counting enterprises is about the park, not about one of them
    if re.search(r"等$", text[max(sent_start, q.start - 3):q.start]):
        return False  # 甲“…”、乙“…”等*个商标: a count over a list
    prev = ctx.seg.previous_sentence(q.start)
    for start in (sent_start, prev.start if prev else None):
        if start is None:
            continue
        opener = _SENTENCE_OPENERS.match(text[start:start + 8])
        begin = start + (opener.end() if opener else 0)
        head = ctx.hits_in(begin, begin + 1, ("enterprise", "park", "region", "org"))
        if head and head[0].kind == "enterprise":
            between = text[head[0].end:q.start]
            if not ctx.hits_in(head[0].end, q.start, ("park",)) and \
                    not re.search(r"园区|开发区|全省|全市|全区|我们", between):
                return True
        if start == sent_start and ctx.hits_in(begin, begin + 1):
            break  # the figure's own sentence opens with another name: that is its topic
    return False


def in_title(text: str, pos: int) -> bool:
    """True inside a 《title》."""
    left = text.rfind("《", max(0, pos - 80), pos)
    return left >= 0 and text.rfind("》", left, pos) < 0 and text.find("》", pos, pos + 80) >= 0
