"""Source metadata a text gives: title, date, issuer, kind, plan year or period, subject parks."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection

from parkgraph.loaders.drafting.context import DocContext, Meta
from parkgraph.loaders.drafting.detect_policies import find_doc_numbers, is_own_number
from parkgraph.loaders.drafting.naming import place_and_rest, unique_id
from parkgraph.loaders.drafting.vocab import FIVE_YEAR_PLANS

_TITLE_END = re.compile(r"(工作计划|工作要点|工作安排|计划|规划|纲要|方案|意见|报告|汇报|通知|总结|办法|细则|决定|目标)$")
_LABELLED_DATE = re.compile(
    r"(?:发布时间|发布日期|公开日期|成文日期|印发日期|日期|时间)\s*:?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_CN_DATE_LINE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")
_ISSUER_LABEL = re.compile(r"(?:来源|发布单位|发文机关|发布机构|来源单位|信息来源)\s*:\s*([^\s:]{2,40})")
_INDEX_NO = re.compile(r"索引号\s*:\s*(\S+)")
_PLAN_YEAR = re.compile(r"(\d{4})\s*(?:年度|度年|年)?\s*(?:工作计划|工作要点|工作安排|计划|工作报告)")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、,.]|\(?[一二三四五六七八九十]+\)|\d+[、.]|第[一二三四五六七八九十]+)")
_STRONG_SELF = re.compile(r"我区|本区|我园|本园|我开发区|本开发区")
_WEAK_SELF = re.compile(r"园区|开发区|我们")


def detect_metadata(ctx: DocContext) -> Meta:
    """Read the metadata of ``ctx`` (needs the registry hits already set)."""
    meta = Meta()
    text = ctx.text
    _title(ctx, meta)
    m = _LABELLED_DATE.search(text[:2000])
    if m:
        meta.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    else:
        for line in ctx.seg.lines[-6:]:
            d = _CN_DATE_LINE.match(text[line.start:line.end])
            if d:
                meta.date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    idx = _INDEX_NO.search(text[:2000])
    if idx:
        meta.notes.append(f"索引号 {idx.group(1)}")
    for n in find_doc_numbers(text[:3000]):
        if is_own_number(ctx, n):
            meta.notes.append(f"文号 {n.written}")
            break
    _plan_period(ctx, meta)
    _kind(ctx, meta)
    _subjects(ctx, meta)
    _issuer(ctx, meta)
    _self_policy(ctx, meta)
    return meta


def _title(ctx: DocContext, meta: Meta) -> None:
    """The title: a short line ending in a document-type word, above the first paragraph of prose."""
    text = ctx.text
    for line in ctx.seg.lines[:15]:
        body = text[line.start:line.end].strip()
        if "。" in body and len(body) > 60:
            return  # the body has started
        if _HEADING.match(body):
            continue
        if 6 <= len(body) <= 60 and "。" not in body and ":" not in body and _TITLE_END.search(body):
            meta.title, meta.title_span = body, (line.start, line.end)
            return


def _plan_period(ctx: DocContext, meta: Meta) -> None:
    title = meta.title or ""
    m = _PLAN_YEAR.search(title)
    if m:
        meta.plan_year = int(m.group(1))
    for head in (title, ctx.text[:300]):
        found = [(head.find(name), period) for name, period in FIVE_YEAR_PLANS.items() if name in head]
        if found:
            if meta.plan_year is None:
                meta.period = min(found)[1]
            break
    if meta.plan_year is None and meta.period is None:
        y = re.search(r"(?:到|至)(\d{4})年", ctx.text[:400])
        if y:
            meta.plan_year = int(y.group(1))


def _kind(ctx: DocContext, meta: Meta) -> None:
    title = meta.title or ""
    opening = ctx.text[:400]
    if re.search(r"工作计划|工作要点|工作安排|年度计划", title):
        meta.kind = "work-plan"
    elif re.search(r"规划|纲要", title):
        meta.kind = "plan"
    elif re.search(r"报告|汇报|总结", title) or "汇报" in opening:
        meta.kind = "report"
    elif "定位" in opening[:100]:
        meta.kind = "positioning"
    elif title:
        meta.kind = "other"


def _subjects(ctx: DocContext, meta: Meta) -> None:
    lex = ctx.lexicon
    if meta.title_span:
        a, b = meta.title_span
        title_region = place_and_rest(ctx.text[a:b], lex, provinces=True)[0]
        parks = [h.id for h in ctx.hits_in(a, b, ("park",))]
        orgs = [h.id for h in ctx.hits_in(a, b, ("org",))]
        parks += [o[: -len("-committee")] for o in orgs if o.endswith("-committee")
                  and ctx.kind_of(o[: -len("-committee")]) == "park"]
        regions = [h.id for h in ctx.hits_in(a, b, ("region",))] + ([title_region] if title_region else [])
        if parks:
            meta.subject_parks = list(dict.fromkeys(parks))
        if regions:
            meta.subject_region = regions[0]
        if parks or regions:
            if not meta.subject_region and parks:
                meta.subject_region = _region_of(ctx, parks[0])
            return
    label = _ISSUER_LABEL.search(ctx.text[:2000])
    if label:
        a = label.start(1)
        parks = [h.id for h in ctx.hits_in(a, a + len(label.group(1)), ("park",))]
        if parks:
            meta.subject_parks = parks[:1]
            meta.subject_region = _region_of(ctx, parks[0])
            return
    strong = len(_STRONG_SELF.findall(ctx.text))
    weak = len(_WEAK_SELF.findall(ctx.text))
    if strong + weak < 3:
        return
    counts: Counter[str] = Counter()
    for h in ctx.hits:
        if h.kind != "park" or h.proposed:
            continue
        parent = lex.parent_park(h.id)
        top = parent or h.id
        while lex.parent_park(top):
            top = lex.parent_park(top) or top
        if lex.is_top_level_park(top):
            counts[top] += 2 if parent else 1
    if counts and (strong or counts.most_common(1)[0][1] >= 2):
        best = counts.most_common(1)[0][0]
        meta.subject_parks = [best]
        meta.subject_region = _region_of(ctx, best)
        return
    if strong:
        regions = Counter(h.id for h in ctx.hits if h.kind == "region")
        for region, _n in regions.most_common(3):
            local = list(lex.top_level_parks_in(region))
            if len(local) == 1:
                meta.subject_parks = local
                meta.subject_region = region
                meta.notes.append(f"the park never names itself; read as {local[0]} from the region "
                                  f"it names most ({lex.entries[region].name})")
                return


def _region_of(ctx: DocContext, park: str) -> str | None:
    entry = ctx.lexicon.entries.get(park)
    if entry is not None:
        return str(entry.data.get("region") or "") or None
    prop = ctx.proposals.get(park)
    return str(prop.record.get("region") or "") or None if prop else None


def _issuer(ctx: DocContext, meta: Meta) -> None:
    if meta.title_span:
        a, b = meta.title_span
        orgs = [h.id for h in ctx.hits_in(a, b, ("org",))]
        if orgs:
            meta.issuer = orgs[0]
            return
    label = _ISSUER_LABEL.search(ctx.text[:2000])
    if label:
        a = label.start(1)
        found = ctx.hits_in(a, a + len(label.group(1)), ("org", "park"))
        for h in found:
            if h.kind == "org":
                meta.issuer = h.id
                return
        for h in found:
            committee = _committee_of(ctx, h.id)
            if committee:
                meta.issuer = committee
                return
    if meta.subject_parks and (meta.kind in ("work-plan", "positioning") or _STRONG_SELF.search(ctx.text)):
        meta.issuer = _committee_of(ctx, meta.subject_parks[0])


def _committee_of(ctx: DocContext, park: str) -> str | None:
    """The registry management committee of a park (id convention ``<park>-committee``), or a proposal."""
    ident = f"{park}-committee"
    if ctx.lexicon.kind_of(ident) == "org":
        return ident
    if ctx.kind_of(park) != "park":
        return None
    name = ctx.name_of(park) + "管理委员会"
    region = _region_of(ctx, park)

    def build(taken: Collection[str]) -> dict:
        rec = {"id": unique_id(ident, taken), "name": name, "level": "park", "region": region,
               "note": "Proposed by the drafter: the management committee of the park the document is about."}
        return {k: v for k, v in rec.items() if v}

    return ctx.propose("org", name, build, 0.5)


def _self_policy(ctx: DocContext, meta: Meta) -> None:
    if not meta.title:
        return
    found = [i for i in ctx.lexicon.matcher.lookup(meta.title) if ctx.lexicon.kind_of(i) == "policy"]
    if found:
        meta.self_policy = found[0]
