"""Industry chains the taxonomy does not have yet: X产业, X产业集群, X产业链, X集群, X行业, X板块.

X must carry a word of the industry vocabulary and not be a role word (传统, 新兴, 主导 …);
a place in front (长沙, 衡阳) is dropped. The proposal gets a broader chain when a taxonomy
name is part of it (高端陶瓷 → 陶瓷).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.detect_parks import name_head
from parkgraph.loaders.drafting.model import Hit
from parkgraph.loaders.drafting.naming import entity_id, place_and_rest
from parkgraph.loaders.drafting.vocab import CHAIN_HEADS, INDUSTRY_WORDS, VERB_HEADS

_HEAD = re.compile("|".join(map(re.escape, CHAIN_HEADS)))
_ROLE_ONLY = ("传统", "新兴", "战略性新兴", "主导", "特色", "优势", "重点", "相关", "配套", "上下游", "高新技术",
              "现代", "新", "支柱", "未来", "核心", "骨干", "龙头", "首位", "关联", "低端", "高端", "两型",
              "绿色", "高新", "全", "各", "本", "该", "千亿", "百亿", "制造", "服务", "工业", "农业", "实体")
_SPLIT = re.compile(r"[与和及、]")


def propose_chains(ctx: DocContext) -> list[Hit]:
    """Proposed chains named before 产业/集群/行业/板块 and not matched to the taxonomy (ctx.hits)."""
    text = ctx.text
    out: list[Hit] = []
    for m in _HEAD.finditer(text):
        start, head = name_head(text, m.start(), 10)
        if len(head) < 2 or ctx.hits_in(max(0, start - 40), m.start()) and any(
                h.end > start for h in ctx.hits_in(max(0, start - 40), m.start())) or \
                any(h.end > start for h in out[-2:]):
            continue
        _region, place, rest = place_and_rest(head, ctx.lexicon)
        rest = re.sub(r"^\([^)]*\)", "", rest).lstrip("*★◆")
        if place:
            start = m.start() - len(rest)
        if len(rest) < 2 or len(rest) > 8 or rest.startswith(_ROLE_ONLY) or rest in _ROLE_ONLY:
            continue
        if not any(w in rest for w in INDUSTRY_WORDS) or _SPLIT.search(rest):
            continue
        if len(rest) < 3 or rest.startswith(VERB_HEADS) or rest.endswith(("型", "化", "性")):
            continue  # 加工, 提高物流, 农副产品加工型: not a name of an industry
        broader = []
        for _s, _e, ids in ctx.lexicon.matcher.finditer(rest):
            broader += [i for i in ids if ctx.lexicon.kind_of(i) == "chain"]
        name = rest

        def build(taken: Collection[str], name: str = name, broader: list[str] = broader) -> dict:
            rec = {"id": entity_id(name, taken, 4), "name": name, "broader": list(dict.fromkeys(broader)),
                   "note": "Proposed by the drafter (an industry named in the text that the taxonomy lacks)."}
            return {k: v for k, v in rec.items() if v}

        conf = 0.45 if broader else 0.35
        ident = ctx.propose("chain", name, build, conf)
        out.append(Hit("chain", ident, start, m.start(), name, True, conf))
    return out
