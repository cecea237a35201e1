"""Choose the indicator of a figure from the words around it and the figures before it.

The rules, in order:

1. ``A、B均达到*%``: one figure, one target per listed measure.
2. a share ``X占Y的Z%``: the measure X (or the figure before), or a ratio of its own when
   the whole phrase names one (研发经费占主营业务收入比重); a dedicated share indicator
   (…产值占比) when Y is another measure rather than a place.
3. the same measure again: ``税收增长10%,力争12%``, ``由*公顷调整至*公顷``.
4. a bare growth rate (``年均增长25%``) is the growth of the last level figure of its sentence.
5. otherwise the best registry name for the words before the figure, the words after it
   (5家企业…完成整体改造 → 完成整体改造企业数), the measure a size word implies (千亿园区 →
   技工贸总收入), or a phrase borrowed from the figure before (规模工业总产值*亿元、增加值*亿元).
6. a list continues its head: ``50亿元以上产业项目1只、10亿元以上产业项目8只、5亿元以上工业项目10只``.
7. else a new indicator is proposed, named from the words before the figure.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.figures import Reading
from parkgraph.loaders.drafting.indicators import (
    IndicatorIndex,
    core_of,
    indicator_phrase,
    lcs_length,
)
from parkgraph.loaders.drafting.naming import entity_id
from parkgraph.loaders.drafting.numbers import Quantity
from parkgraph.loaders.drafting.vocab import (
    COMPATIBLE_DIMENSIONS,
    COUNTED_NOUNS,
    SIZE_MEASURES,
    UNIT_DIMENSION,
    VERB_SYNONYMS,
)

_DISTRIBUTIVE = re.compile(r"(?:均|都|分别|各)(?:达到|达|为|超过|在)?$")
_SHARE_NAME = re.compile(r"占比|比重|率|比例")
_SHARE_OF = re.compile(r"占([^,;。]{0,16}?)(?:的)?(?:比重|比例)?(?:为|达|达到|接近|超过|约|近|在)?$")
_MEASURE_WORD = re.compile(r"产值|收入|增加值|总额|投资|GDP|生产总值|总量|利润|税收|产量")
_CHANGE_TO = re.compile(r"(?:/\S{1,3})?(?:以上|以下)?(?:调整|增加|提高|提升|扩大|下降|降低|减少|发展|增长)(?:至|到)"
                        r"(?:\d{4}年的?)?")
_GROWTH_ONLY = re.compile(r"近\S?年|年均|同比|比上年|较上年|比年|较年|比|较|增幅|增速|增长|增加|减少|提高|下降|降低|"
                          r"了|都|均|在|保持|实现|平均")
_CUMULATIVE = re.compile(r"历年累计|五年累计|累计|期末|历年")
_BARE_MONEY = ("投资", "投入", "总投资", "完成投资", "资金")
_AREA_UNITS = ("平方米", "平方公里", "公顷", "亩", "万亩")
_LEAD_WORDS = re.compile(
    r"^(?:(?:到|至|截至)?(?:\d{4}|\*)年(?:底|末|度)?|其中|全年|当年|今年|每年|年内|期末|期间|同比|力争|确保|争取|预计|"
    r"计划|要|将|共|还|并|及|和|与|以及|同时|实现|完成了|达到|创造|拥有|建成|有|的|在|对|使|让|推动|努力|积极|"
    r"实施|安排|铺排|推进|开展|组织|进一步|继续|加快|大力|全面|重点|着力|“|”|,|、|:)+")
_TRAIL_WORDS = re.compile(r"(?:保持|达到|达|突破|超过|增长|增幅|提高|提升|下降|降低|减少|为|是|在|有|约|近|"
                          r"年均|同比|比\d{4}年|比上年|力争|确保|争取|累计|总计|合计|共计|由|从|的|均|都|分别|"
                          r"不少于|不低于|不超过|接近|大约|以上|发展到|提高到|增加到|控制在|总量|总额)+$")


@dataclass
class Figure:
    """A figure already read: its quantity, indicator, the phrase that named it, its kind."""

    q: Quantity
    indicator: str
    phrase: str
    kind: str = "level"
    head: str = ""          # the phrase of the first figure of a 、-list this one continues


@dataclass
class Context:
    """The words around a figure and the figures before it in its sentence."""

    raw: str                 # text from the clause start (or the previous figure) to the figure
    core: str                # the same without names, numbers, time and verb words
    right: str               # words after the figure up to the next figure
    rest: str                # words after the figure up to the next list item
    tail: str                # raw text after the figure up to the next list item
    prev: Figure | None = None
    level: Figure | None = None
    orphan: Figure | None = None  # the last level figure of the paragraph (for 。占…的比重 after an OCR 。)
    joined: bool = False     # the figure continues a 、-list started by ``prev``
    between: str = ""        # raw text between ``prev`` and this figure
    chains: list[str] = field(default_factory=list)  # chain names written earlier in the sentence


def core_phrase(ctx: DocContext, start: int, end: int) -> str:
    """The words between ``start`` and ``end`` without names of parks, places, bodies or enterprises."""
    text = ctx.text
    keep = [True] * (end - start)
    for h in ctx.hits_in(max(0, start - 30), end, ("park", "region", "org", "enterprise")):
        for k in range(max(h.start, start), min(h.end, end)):
            keep[k - start] = False
    return tidy_phrase("".join(ch for k, ch in enumerate(text[start:end]) if keep[k]))


def tidy_phrase(phrase: str) -> str:
    """Drop numbers (500强 stays), parentheses, and leading/trailing time and verb words."""
    phrase = re.sub(r"(?:到|至|截至)?(?:\d{4}|\*)年(?:底|末|度)?", "", phrase)
    phrase = re.sub(r"\*+|\d+(?:[.,]\d+)*(?!强)%?|\([^)]*\)|\([^)]*$", "", phrase)
    phrase = _LEAD_WORDS.sub("", phrase.strip())
    return _TRAIL_WORDS.sub("", phrase).strip(" ,、:;“”")


def _dims(q: Quantity, read: Reading) -> set[str] | None:
    if read.kind in ("growth", "share"):
        return None
    if q.unit in ("%", "个百分点"):
        return COMPATIBLE_DIMENSIONS["ratio"]
    return COMPATIBLE_DIMENSIONS.get(UNIT_DIMENSION.get(q.unit, ""), None)


def _synonyms(phrase: str) -> str:
    """``phrase`` with field verbs replaced by the ones indicator names use (吸引 → 引进)."""
    for word, same in VERB_SYNONYMS.items():
        if word in phrase and same not in phrase:
            phrase = phrase.replace(word, same)
    return phrase


def _without_chains(ctx: DocContext, phrase: str) -> str:
    """``phrase`` with the taxonomy's chain names taken out (医药产业 → '')."""
    out = phrase
    for s, e, ids in ctx.lexicon.matcher.finditer(phrase):
        if any(ctx.lexicon.kind_of(i) == "chain" for i in ids):
            out = out.replace(phrase[s:e], "")
    return re.sub(r"^[及和与、]+|[及和与、]+$", "", out)


def _share_indicator(ctx: DocContext, ident: str) -> str:
    """A dedicated share indicator of a measure (…产值占比 for …产值), else the measure itself."""
    entry = ctx.lexicon.entries.get(ident)
    if entry is None:
        return ident
    cores = [core_of(n) for n in entry.names if len(core_of(n)) >= 3]
    for other in ctx.lexicon.of_kind("indicator"):
        if other.id != ident and _SHARE_NAME.search(other.name) and any(c in other.name for c in cores):
            return other.id
    return ident


def _relink(index: IndicatorIndex, fig: Figure, ctx: DocContext) -> str:
    """The flow behind a cumulative measure (累计到位外资 → 到位外资) for its growth rate."""
    plain = _CUMULATIVE.sub("", fig.phrase)
    if plain != fig.phrase and plain:
        best = index.best([plain], None, 0.6, outside=fig.phrase)
        if best and best[0] in ctx.lexicon.entries:
            return best[0]
    return fig.indicator


def choose_indicators(ctx: DocContext, index: IndicatorIndex, q: Quantity, read: Reading, c: Context
                      ) -> list[tuple[str, str, float]]:
    """[(indicator id, phrase, score)] for the figure ``q`` (rules in the module docstring)."""
    dims = _dims(q, read)
    core = c.core
    # 1. one figure for several measures
    if "、" in core:
        parts = [p for p in core.split("、") if p]
        if len(parts) >= 2 and (_DISTRIBUTIVE.search(c.raw.strip()) or len(parts) <= 3):
            last = parts[-1]
            found = []
            for part in parts:
                cands = [part] + [part + last[-k:] for k in (2, 3, 4) if len(last) > k and part != last]
                best = index.best(cands, dims, 0.75)
                if best:
                    found.append((best[0], part, best[1]))
            if len(found) >= 2 and len({f[0] for f in found}) == len(found):
                return found
    # 2. shares
    share_of = _SHARE_OF.search(c.raw)
    if read.kind == "share" and share_of:
        whole = index.best([core], dims, 0.8)
        if whole and _SHARE_NAME.search(ctx.name_of(whole[0])):
            return [(whole[0], core, whole[1])]
        measure = tidy_phrase(c.raw[: share_of.start()])
        base = index.best([measure], None) if measure else None
        fig = c.level or c.prev or c.orphan
        if base is not None:
            ident, phrase = base[0], measure
        elif fig is not None:
            ident, phrase = fig.indicator, fig.phrase
        else:
            ident, phrase = "", ""
        if ident:
            if _MEASURE_WORD.search(share_of.group(1)):
                ident = _share_indicator(ctx, ident)
            return [(ident, phrase, 2.0)]
    # 3. the same measure again
    if c.prev is not None and UNIT_DIMENSION.get(c.prev.q.unit) == UNIT_DIMENSION.get(q.unit) and (
            (not core and not re.search(r"[\u4e00-\u9fff]", c.right)) or _CHANGE_TO.fullmatch(c.between.strip())):
        return [(c.prev.indicator, c.prev.phrase, 2.0)]
    # 4. a bare growth rate
    if read.kind == "growth" and c.level is not None and not _GROWTH_ONLY.sub("", core):
        return [(_relink(index, c.level, ctx), c.level.phrase, 2.0)]
    # 5. the best registry name
    candidates = [c.raw, core, c.raw + c.rest, core + c.right]
    candidates += [_synonyms(x) for x in candidates if _synonyms(x) != x]
    if q.unit in ("亿元", "万元", "万亿元") and q.value is not None:
        for noun, measure in SIZE_MEASURES:
            if re.match(rf"^(?:元)?(?:级)?(?:的)?(?:[\u4e00-\u9fff]{{0,4}}?){noun}", c.tail):
                candidates.insert(0, measure)
                break
    if q.unit in _AREA_UNITS:
        candidates += [core + "面积", c.right + "面积", core + c.right + "面积"]
        if c.tail.startswith("的") and ctx.hits_in(q.end, q.end + 12, ("park",)):
            candidates.append("占地面积")
    if q.unit in ("人", "万人", "名"):
        candidates += [core + "人数", c.right + "人数"]
    if core in _BARE_MONEY or (core.endswith(_BARE_MONEY) and len(core) <= 4):
        candidates.append("项目投资")
    chain_free = _without_chains(ctx, core)
    if chain_free != core and len(chain_free) <= 3:
        candidates += [chain_free + "产业规模", "产业" + chain_free, chain_free + "规模"]
    if len(core) <= 4:
        candidates += [name + core for name in c.chains[-2:]]
    noun = None
    if q.is_count:
        noun = next((n for n in COUNTED_NOUNS if n in c.right[:10]), None)
        if noun is None and re.match(r"[\u4e00-\u9fff]{2}", c.right):
            noun = c.right[:2]
    if noun:
        i = c.rest.find(noun)
        candidates += [c.rest[2:] + noun, c.right[2:] + noun, c.rest[i + len(noun):] + noun,
                       _synonyms(core) + noun, _synonyms(core + c.right)]
    best = index.best([x for x in candidates if x], dims, prefer=noun)
    if c.prev is not None and len(core) <= 6:
        base = c.prev.head if c.joined and c.prev.head else c.prev.phrase
        borrowed = index.best([base[:k] + core for k in range(1, len(base) + 1)], dims, prefer=noun,
                              outside=base)
        if borrowed and (best is None or borrowed[1] > best[1]):
            best = borrowed
    if best is not None and best[3] in (c.raw, core, _synonyms(c.raw), _synonyms(core)) and \
            not _explains(ctx, best[0], core):
        best = None  # the name covers too little of what the text says: a different measure
    # 6. a list continues its head; 其中… breaks the figure before down
    breakdown = c.raw.lstrip(" ,").startswith("其中") and best is None
    if (breakdown or (c.joined and (best is None or best[1] < 2.0))) and c.prev is not None and \
            c.prev.indicator in ctx.lexicon.entries:
        return [(c.prev.indicator, c.prev.phrase, 2.0)]
    if best:
        return [(best[0], core, best[1])]
    # 7. a new indicator
    left = core.split("、")[-1]
    if noun and (not left or re.fullmatch(_VERBISH, left)):
        i = c.rest.find(noun)
        left = (c.rest[i + len(noun):] if i >= 0 else "") + noun  # 组织50家企业开展X评估 → 开展X评估企业
    elif not left or re.fullmatch(_VERBISH, left):
        left = c.right.lstrip("的")
    return _propose(ctx, q, read, left, c.right)


_VERBISH = r"(?:建立|拥有|组织|培育|引进|新增|完成|实现|建设|打造|推动|发展|形成|达到|突破|开展|创建|支持|鼓励|"
_VERBISH += r"吸引|争取|实施|推进|加快|新建|设立|安排|铺排)+"
_FLOW_MARKERS = ("新增", "新认定", "新引进", "新建", "新设", "累计")
_SUBJECT_WORDS = re.compile(r"^(?:全省|全市|全区|全县|全国|我省|我市|我区|本区|本市|各|全部)?(?:开发区|园区|经开区|高新区)?")


def _explains(ctx: DocContext, ident: str, core: str) -> bool:
    """True unless the words before the figure say much more than the indicator's name.

    新增规模以上工业企业 is not 规模以上企业数; 外贸进出口总额 is not 出口总额. Words naming the
    place or the zones themselves (全省开发区, 园区) do not count.
    """
    phrase = _SUBJECT_WORDS.sub("", core)
    entry = ctx.lexicon.entries.get(ident)
    if entry is None or len(phrase) < 2:
        return True
    names = [core_of(n) for n in entry.names]
    for marker in _FLOW_MARKERS:  # 新增企业 (a flow) is not 企业数 (a stock); 累计 is not a year's figure
        if marker in phrase and not any(marker in n for n in names):
            return False
    if len(phrase) < 4:
        return True
    best = max(lcs_length(n, phrase.lower()) for n in names)
    return best / len(phrase) >= 0.4


def _propose(ctx: DocContext, q: Quantity, read: Reading, left: str, right: str) -> list[tuple[str, str, float]]:
    name = left if len(left) >= 2 else indicator_phrase(left, right)
    name = _LEAD_WORDS.sub("", _SUBJECT_WORDS.sub("", name)) or name  # 全区实现技工贸总收入 → 技工贸总收入
    name = name[-16:]
    if len(name) < 2 or not re.search(r"[\u4e00-\u9fff]", name):
        return []
    dim = UNIT_DIMENSION.get(q.unit, "other") if read.kind == "level" else "other"
    if dim == "count" and not name.endswith(("数", "量")):
        name += "数"
    if dim == "ratio" and not re.search(r"率|比|占", name):
        dim = "other"
    existing = [i for i in ctx.lexicon.matcher.lookup(name) if ctx.lexicon.kind_of(i) == "indicator"]
    if existing:
        return [(existing[0], left, 1.0)]

    def build(taken: Collection[str]) -> dict:
        return {"id": entity_id(name, taken, 5), "name": name, "dimension": dim,
                "note": "Proposed by the drafter from the words before the figure."}

    ident = ctx.propose("indicator", name, build, 0.4)
    return [(ident, left, 0.5)]
