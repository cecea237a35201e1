"""Park names the registry does not know: a place or proper name followed by a park-type suffix.

长沙信息产业园, 中丹生态产业园, 新市片区 are proposed; 国家级开发区, 现代物流园区, “两型”示范工业园区
are not (a generic head), nor is any name already matched to the registry.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.model import Hit
from parkgraph.loaders.drafting.naming import park_id, pinyin_words, place_and_rest, unique_id
from parkgraph.loaders.drafting.vocab import (
    GENERIC_NAME_HEADS,
    GENERIC_REST,
    NAME_BREAKERS,
    PARK_SUFFIXES,
    VERB_HEADS,
    WEAK_PARK_SUFFIXES,
)

_SUFFIX = re.compile("|".join(sorted(map(re.escape, PARK_SUFFIXES), key=len, reverse=True)))
_NAME_CHAR = re.compile(r"[\u4e00-\u9fff()*\-]")
_PLACE_END = ("省", "市", "县", "区", "镇", "乡", "州")
_MAX_HEAD = 14


_BREAKERS = re.compile("|".join(map(re.escape, sorted(NAME_BREAKERS, key=len, reverse=True))))
_BREAKERS_KEEPING_AND = re.compile("|".join(map(re.escape, sorted(
    (w for w in NAME_BREAKERS if w not in ("及", "和", "与")), key=len, reverse=True))))


def name_head(text: str, end: int, max_len: int = _MAX_HEAD, keep: bool = False) -> tuple[int, str]:
    """Start and text of the name-like run that ends at ``end``, cut after the last breaker word
    (with ``keep``, 及/和/与 do not cut: 湘潭汽车及零部件产业基地)."""
    start = end
    while start > 0 and end - start < max_len and _NAME_CHAR.match(text[start - 1]):
        start -= 1
    head = text[start:end]
    breakers = _BREAKERS_KEEPING_AND if keep else _BREAKERS
    cut = max((m.end() for m in breakers.finditer(head)), default=0)
    for i in range(len(head)):  # a breaker may start inside another one: check each end
        m = breakers.match(head, i)
        if m and m.end() > cut:
            cut = m.end()
    head = head[cut:]
    depth, open_at = 0, -1
    for i, ch in enumerate(head):  # an unbalanced bracket ends the name before it: 机构*家(*某某公司
        if ch == "(":
            depth, open_at = depth + 1, i if depth == 0 else open_at
        elif ch == ")":
            depth -= 1
            if depth < 0:
                head, depth = head[i + 1:], 0
                return name_head_tail(end, head)
    if depth > 0:
        head = head[open_at + 1:]
    return name_head_tail(end, head)


_LONG_BREAKERS = re.compile("|".join(map(re.escape, sorted(
    (w for w in NAME_BREAKERS if len(w) >= 2), key=len, reverse=True))))


def strip_verbs(name: str) -> str:
    """``name`` after its last breaker word of two or more characters (今年确保康隆达 → 康隆达);
    single characters such as 和 may belong to a name (怡和洋行)."""
    cut = max((m.end() for m in _LONG_BREAKERS.finditer(name)), default=0)
    return name[cut:]


def name_head_tail(end: int, head: str) -> tuple[int, str]:
    """(start, head) once leading masks, brackets and dashes are dropped."""
    head = head.lstrip("*()-")
    return end - len(head), head


def _after_breaker(text: str, start: int) -> bool:
    """True when a breaker word (a verb, 的, 和 …) ends right before ``start``."""
    return any(text.endswith(word, max(0, start - len(word)), start) for word in NAME_BREAKERS)


def _generic(head: str) -> bool:
    core = head.strip("()")
    return (not core or core.isdigit() or "级" in core or any(core.startswith(g) for g in GENERIC_NAME_HEADS)
            or any(core.startswith(v) for v in VERB_HEADS) or any(w in core for w in _NOT_PARK))


# a park name does not hold these (全省开发区 is all of them; 师范学院附属经开区幼儿园 is a school)
_NOT_PARK = ("全省", "全市", "全国", "全区", "全县", "学院", "大学", "学校", "医院")
_FACILITY_AFTER = re.compile(r"^(?:幼儿园|学校|小学|中学|医院|大道|路|街|站|广场)")


# weak suffixes that may follow a bare proper name (新市片区, 株醴新城); 园区/开发区 need a place
_NAMED_WEAK = ("片区", "新城", "新区", "小镇", "商务区", "科技城", "产业区")


def _sub_zone(ctx: DocContext, out: list[Hit], parent: Hit, end: int, suffix: str) -> None:
    """A part of a named park: 某某经济开发区城南片区 (parent's id plus the part's pinyin)."""
    part = ctx.text[parent.end:end - len(suffix)]
    if not 2 <= len(part) <= 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", part):
        return
    name = parent.surface + part + suffix
    base = parent.id

    def build(taken: Collection[str]) -> dict:
        ident = unique_id(f"{base}-{pinyin_words(part, 2)}", taken)
        return {"id": ident, "name": name, "kind": PARK_SUFFIXES[suffix] if suffix != "片区" else "sub-zone",
                "level": "unknown", "note": f"Proposed by the drafter: a part of {ctx.name_of(base)}."}

    ident = ctx.propose("park", name, build, 0.55)
    ctx.parents[ident] = base
    out.append(Hit("park", ident, parent.start, end, name, True, 0.55))


def _same_park(ctx: DocContext, name: str, kind: str, suffix: str) -> str | None:
    """A registry or proposed park with the id this name would get (same place, same type), if any.

    经开区 may abbreviate 经济技术开发区 or 经济开发区, so both type codes are tried.
    """
    kinds = [kind] + (["ez"] if suffix == "经开区" else [])
    for k in kinds:
        base = park_id(name, k, suffix, ctx.lexicon, ())
        if ctx.lexicon.kind_of(base) == "park":
            return base
        ident = ctx.park_bases.get(base)
        if ident is not None:
            ctx.add_alias(ident, name)
            return ident
    return None


def _generic_rest(rest: str) -> bool:
    """The words after a place that do not make a name (湖南省各类开发区, 长沙城区园区); 国家 may follow a place."""
    core = rest.strip("()")
    return (not core or core.isdigit() or "级" in core or any(core.startswith(v) for v in VERB_HEADS)
            or any(w in core for w in _NOT_PARK)
            or any(core.startswith(g) for g in GENERIC_NAME_HEADS if g not in ("国家", "中国")))


def _only_industry(ctx: DocContext, head: str) -> bool:
    """True when ``head`` is nothing but taxonomy chain names."""
    rest = head
    for s, e, ids in ctx.lexicon.matcher.finditer(head):
        if any(ctx.lexicon.kind_of(i) == "chain" for i in ids):
            rest = rest.replace(head[s:e], "")
    return not rest.strip("及和与、")


def _province_only(ctx: DocContext, region: str | None) -> bool:
    entry = ctx.lexicon.entries.get(region or "")
    return entry is not None and entry.data.get("level") in ("province", "country")


def propose_parks(ctx: DocContext) -> list[Hit]:
    """Proposed parks found by suffix, skipping any span already matched to the registry (ctx.hits)."""
    text = ctx.text
    blocking = ("park", "org", "policy", "region")
    out: list[Hit] = []
    for m in _SUFFIX.finditer(text):
        suffix = m.group()
        if any(h.end > m.start() for h in ctx.hits_in(max(0, m.start() - 40), m.end(), blocking)) or \
                any(h.start < m.end() and m.start() < h.end for h in out[-3:]):
            continue
        kind = PARK_SUFFIXES[suffix]
        start, head = name_head(text, m.start())
        wide_start, wide = name_head(text, m.start(), keep=True)
        if wide != head and place_and_rest(wide, ctx.lexicon, provinces=True)[0]:
            start, head = wide_start, wide  # 湘潭汽车及零部件产业基地: 及 inside a placed name
        if len(re.findall(r"[\u4e00-\u9fff]", head)) < 2 or head.count("(") != head.count(")") \
                or _generic(head) or _FACILITY_AFTER.match(text[m.end():m.end() + 3]):
            continue
        inner = ctx.hits_in(start, m.start(), ("park",)) + [h for h in out if start <= h.start < m.start()]
        if inner:
            if kind == "sub-zone" or suffix in _NAMED_WEAK:
                _sub_zone(ctx, out, inner[-1], m.end(), suffix)
            continue  # 某高新区风电产业园配套产品生产基地: a project inside a known park
        if any(h.kind == "enterprise" for h in ctx.hits_in(start, m.start())):
            continue  # 某集团汽车小镇: a company's project
        region, place, rest = place_and_rest(head, ctx.lexicon)
        region = region or place_and_rest(head, ctx.lexicon, provinces=True)[0]
        prev = text[start - 1] if start > 0 else "\n"
        boundary = prev in "、,，。;；:：()（）“”《》 \n" or not re.match(r"[\u4e00-\u9fff]", prev) \
            or _after_breaker(text, start)
        placed = bool(region) or re.match(r"^[\u4e00-\u9fff]{2,4}[省市县州]", head) is not None
        weak = suffix in WEAK_PARK_SUFFIXES
        if placed:
            if rest and (len(rest) < 2 or rest.startswith(GENERIC_REST) or _generic_rest(rest)):
                continue
            if not rest and (weak or _province_only(ctx, region)):
                continue  # 长沙开发区 = the zones of a city, 湖南工业园 no park at all
        else:
            if not boundary or (weak and suffix not in _NAMED_WEAK):
                continue
            if weak and not 2 <= len(head) <= 6:
                continue
            if _only_industry(ctx, head):
                continue  # 打造…最大的玻璃产业基地: an industry, not a named park
        name = head + suffix
        kind = PARK_SUFFIXES[suffix]
        level = "national" if head.startswith(("国家", "中国")) else "unknown"
        conf = 0.6 if placed else 0.45
        if suffix in WEAK_PARK_SUFFIXES:
            conf -= 0.1
        same = _same_park(ctx, name, kind, suffix)
        if same is not None:
            out.append(Hit("park", same, start, m.end(), name, same in ctx.proposals, 0.5,
                           note=f"Read as {ctx.name_of(same)}: same place and type (a form the registry lacks)."))
            continue

        def build(taken_ids: Collection[str], name: str = name, kind: str = kind, suffix: str = suffix,
                  region: str | None = region, level: str = level) -> dict:
            rec = {"id": park_id(name, kind, suffix, ctx.lexicon, taken_ids), "name": name,
                   "kind": kind, "level": level, "region": region,
                   "note": "Proposed by the drafter from its name (type from the suffix; level and region "
                           "to be checked)."}
            return {k: v for k, v in rec.items() if v}

        ident = ctx.propose("park", name, build, conf)
        ctx.park_bases.setdefault(park_id(name, kind, suffix, ctx.lexicon, ()), ident)
        out.append(Hit("park", ident, start, m.end(), name, True, conf))
    return out
