"""Link the words around a figure to a registry indicator, or name a new one.

Indicator names are compared by character bigrams: a figure's context "实现技工贸总收入"
covers every bigram of 技工贸总收入, while "组织50家以上企业开展智能制造实施水平评估" covers most of
开展智能制造实施水平评估企业数. The unit's dimension must fit the indicator's (亿元 → money),
except for growth rates and shares, which any indicator can have.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from parkgraph.loaders.drafting.lexicon import Lexicon

_STRIP_END = ("个数", "总数", "数量", "数", "总额", "额")
_NOISE = re.compile(r"[“”\"'《》()（）\s*、,.:;]")
_LEAD = re.compile(
    r"^(?:(?:到|至|截至)?(?:\d{4}|\*)年(?:底|末)?|其中|全年|当年|今年|每年|年内|期末|期间|同比|力争|确保|争取|预计|计划|"
    r"要|将|共|还|累计|实现|完成|达到|创造|拥有|建成|有|的|在|对|和|及|与|并|并且|使|让|推动|努力|积极|"
    r"\d{4}年|“|”)+")
_TRAIL = re.compile(r"(?:保持|达到|达|突破|超过|增长|增幅|提高|提升|下降|降低|减少|为|是|在|有|约|近|实现|完成|"
                    r"年均|同比|比\d{4}年|比上年|力争|确保|争取|新增|累计|总计|合计|共计|由|从|以上|以下|的)+$")


@dataclass(frozen=True)
class IndicatorName:
    """One name or alias of a registry indicator, with its comparison form."""

    id: str
    name: str
    core: str
    dimension: str
    bigrams: frozenset[str]


def core_of(name: str) -> str:
    """The comparison form of an indicator name: lower case, no quotes, without 数/个数."""
    core = _NOISE.sub("", unicodedata.normalize("NFKC", name)).lower()
    for end in _STRIP_END:
        if core.endswith(end) and len(core) > len(end) + 1:
            core = core[: -len(end)]
            break
    return core


def bigrams(text: str) -> frozenset[str]:
    """The set of character bigrams of ``text`` (one unigram for a single character)."""
    text = text.lower()
    if len(text) < 2:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


class IndicatorIndex:
    """Every registry indicator name, searchable by bigram overlap with a figure's context."""

    def __init__(self, names: list[IndicatorName]) -> None:
        self.names = names
        self._by_bigram: dict[str, list[int]] = {}
        for i, n in enumerate(names):
            for bg in n.bigrams:
                self._by_bigram.setdefault(bg, []).append(i)

    @classmethod
    def of(cls, lexicon: Lexicon) -> IndicatorIndex:
        """The index of a lexicon's indicators (cached per lexicon)."""
        return _index(lexicon)

    def dimension(self, ident: str) -> str | None:
        """The dimension of a registry indicator."""
        for n in self.names:
            if n.id == ident:
                return n.dimension
        return None

    def best(self, phrases: list[str], dims: set[str] | None, min_coverage: float = 0.6,
             prefer: str | None = None, outside: str | None = None) -> tuple[str, float, str, str] | None:
        """(indicator id, score, name matched, phrase that matched) of the best match for any of ``phrases``.

        Coverage is the mean of two measures of how much of a name the phrase holds: the
        longest common subsequence (工业产值 holds most of 工业总产值) and the shared bigrams.
        A name holding ``prefer`` (the noun counted: 企业 in 5家企业) scores higher; a name
        already inside ``outside`` (the phrase borrowed from the figure before) is skipped.
        """
        outside_low = outside.lower() if outside else None
        best: tuple[float, str, str, str] | None = None
        for phrase in phrases:
            low = phrase.lower()[-40:]
            grams = bigrams(low)
            if not grams:
                continue
            hits: dict[int, int] = {}
            for bg in grams:
                for i in self._by_bigram.get(bg, ()):
                    hits[i] = hits.get(i, 0) + 1
            for i, matched in hits.items():
                cand = self.names[i]
                if dims is not None and cand.dimension not in dims:
                    continue
                if outside_low is not None and lcs_length(cand.core, outside_low) >= len(cand.core) - 1:
                    continue
                if matched / len(cand.bigrams) < 2 * min_coverage - 1 and cand.core not in low:
                    continue  # too few bigrams in common to reach the coverage, whatever the LCS
                contained = cand.core in low and not _head_after(cand.core, low)
                if not contained and not _head_present(cand.core, low):
                    continue  # the head noun of a name (…利润, …税收) must be there
                common = len(cand.core) if contained else lcs_length(cand.core, low)
                if common < 2:
                    continue
                coverage = 1.0 if contained else (common / len(cand.core) + matched / len(cand.bigrams)) / 2
                if coverage < min_coverage:
                    continue
                # specific names (much in common) beat short ones; a contiguous name wins ties;
                # a name near the end of the phrase (next to the figure) beats one far away
                tail = low.rfind(cand.core[-2:])
                closeness = 0.0 if tail < 0 else (tail + 2) / (len(low) + 2)
                score = coverage * (1 + 0.25 * min(common, 12)) + (0.5 if contained else 0.0) \
                    + 0.3 * closeness + (0.6 if prefer and prefer in cand.core else 0.0)
                if best is None or score > best[0]:
                    best = (score, cand.id, cand.name, phrase)
        if best is None:
            return None
        return best[1], best[0], best[2], best[3]


_SHARE_TAIL = re.compile(r"(?:占比|比重|比例|率)$")
_TRAILING = re.compile(r"(?:保持|达到|达|突破|超过|增长|增幅|增速|提高|提升|下降|降低|减少|为|是|在|有|约|近|力争|确保|"
                       r"争取|的|均|都|同比|年均|控制在|不少于|不低于|比|较|上年|以上|以下)+$")


def _head_after(core: str, phrase: str) -> bool:
    """True when the phrase goes on past the name with a noun of its own (工业增加值能耗 ≠ 工业增加值)."""
    end = phrase.rfind(core) + len(core)
    tail = _TRAILING.sub("", re.sub(r"[^\u4e00-\u9fff]", "", phrase[end:]))
    return len(tail) >= 2


def _head_present(core: str, phrase: str) -> bool:
    """True when the head of a name (its last two characters, before 占比/率) is in ``phrase``."""
    head = _SHARE_TAIL.sub("", core) or core
    return any(ch in phrase for ch in head[-2:])


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence of ``a`` and ``b`` (bit-parallel, Hyyrö 2004)."""
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")


@lru_cache(maxsize=16)
def _index(lexicon: Lexicon) -> IndicatorIndex:
    names: list[IndicatorName] = []
    for entry in lexicon.of_kind("indicator"):
        dim = str(entry.data.get("dimension") or "other")
        for name in entry.names:
            core = core_of(name)
            if core:
                names.append(IndicatorName(entry.id, name, core, dim, bigrams(core)))
    return IndicatorIndex(names)


def indicator_phrase(left: str, right: str) -> str:
    """A readable name for a new indicator from the words before (or after) a figure."""
    phrase = _LEAD.sub("", left.strip(" ,、:;"))
    phrase = _TRAIL.sub("", phrase)
    phrase = re.sub(r"[*\d.%]+", "", phrase).strip(" ,、:;“”")
    if len(phrase) >= 2:
        return phrase[-16:]
    m = re.match(r"[\u4e00-\u9fffA-Za-z]{2,12}", right)
    return m.group() if m else ""
