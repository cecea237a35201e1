"""Enterprise names the registry does not know.

Two patterns: a company suffix (集团, 股份, 有限公司 …) after a proper name, and the items of an
enterprise list (X、Y、Z等一批龙头企业; 以X为龙头; 德国博世，意大利菲亚特…等世界500强企业).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.detect_parks import name_head, strip_verbs
from parkgraph.loaders.drafting.model import Hit
from parkgraph.loaders.drafting.naming import entity_id
from parkgraph.loaders.drafting.vocab import (
    BRAND_ENDINGS,
    ENTERPRISE_GENERIC,
    ENTERPRISE_LIST_MARKERS,
    ENTERPRISE_SUFFIXES,
    INDUSTRY_WORDS,
    VERB_HEADS,
)

_SUFFIX = re.compile("|".join(map(re.escape, ENTERPRISE_SUFFIXES)))
_LIST_END = re.compile(
    r"等(?:\*?\d*多?家|[一二两三四五六七八九十]+家)?(?:一批)?(?:世界500强|龙头|骨干|重点|本土|知名|优势|大|领军)?(?:企业|公司)|"
    + "|".join(map(re.escape, sorted(ENTERPRISE_LIST_MARKERS, key=len, reverse=True))))
_LEADER = re.compile(r"以([\u4e00-\u9fffA-Za-z]{2,10})为(?:龙头|核心企业|链主)")
_COUNTRY = re.compile(r"^(?:德国|意大利|美国|日本|台湾|香港|澳门|韩国|英国|法国|新加坡|荷兰|瑞士|瑞典|丹麦|芬兰|"
                      r"加拿大|澳大利亚|以色列|中国)")
_BRAND = re.compile(
    r"(?:(?<=[、,，(（“\s和与及以由对向将等])|(?<=推动|鼓励|支持|引进|依托|引导|推进|力促|加快))"
    r"([\u4e00-\u9fff]{2,4}(?:" + "|".join(BRAND_ENDINGS) + r"))"
    r"(?=[、,，)）”\s等和与及的在为将]|项目|公司|集团|有限|股份|进军|做强|做大|扩能|投资|落户|上市)")
_ITEM = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9]{2,12}$")
_NOT_NAME = ("产业", "行业", "领域", "项目", "平台", "基地", "园区", "中心", "集群", "板块", "工程", "企业", "市场",
             "事业", "运输", "环境", "服务", "制造", "加工", "分公司", "子公司", "路", "街", "大道", "高速", "开发区",
             "区", "县", "市", "省")


def _generic(name: str) -> bool:
    if any(name.startswith(g) for g in ENTERPRISE_GENERIC) or any(v for v in VERB_HEADS if name.startswith(v)):
        return True
    return name.endswith(_NOT_NAME) or name.isdigit() or bool(re.search(r"\d|[路街]", name))


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def propose_enterprises(ctx: DocContext) -> list[Hit]:
    """Proposed enterprises found by company suffix or in enterprise lists, where ctx.hits has no name."""
    text = ctx.text
    spans: list[tuple[int, int]] = []
    out: list[Hit] = []

    def add(start: int, end: int, name: str, conf: float, why: str) -> None:
        name = strip_verbs(name)  # no verb in front: 启动某某光电
        start = end - len(name)
        if _covered(start, end, spans) or len(name) < 2 or _generic(name) or \
                any(h.end > start for h in ctx.hits_in(max(0, start - 40), end)):
            return
        if any(w == name for w in INDUSTRY_WORDS):
            return

        def build(taken: Collection[str]) -> dict:
            return {"id": entity_id(name, taken), "name": name,
                    "note": f"Proposed by the drafter ({why})."}

        ident = ctx.propose("enterprise", name, build, conf)
        out.append(Hit("enterprise", ident, start, end, name, True, conf))
        spans.append((start, end))

    for m in _SUFFIX.finditer(text):
        start, head = name_head(text, m.start(), 12)
        if len(head) >= 2 and not _generic(head):
            add(start, m.end(), head + m.group(), 0.55, "company suffix")
    for m in _BRAND.finditer(text):  # 推动某某科技、某某电子等: a brand name in running text
        add(m.start(1), m.end(1), m.group(1), 0.45, "brand-like name")
    for m in _LEADER.finditer(text):
        start, head = name_head(text, m.end(1), 10)
        add(start, m.end(1), head, 0.5, "以…为龙头")
    for m in _LIST_END.finditer(text):
        clause_start = ctx.seg.sentence(m.start()).start
        body = text[clause_start:m.start()]
        pos = clause_start
        parts: list[tuple[int, str]] = []
        for part in re.split(r"([、,])", body):
            if part not in ("、", ","):
                parts.append((pos, part))
            pos += len(part)
        items: list[tuple[int, str]] = []
        for s, part in reversed(parts[-12:]):
            item = part.strip()
            name = _COUNTRY.sub("", strip_verbs(item))
            first = name != _COUNTRY.sub("", item)  # a verb before the name: the list starts here
            if first or not _ITEM.match(name):
                _s2, head = name_head(text, s + len(part), 12)
                name = _COUNTRY.sub("", head) if not _ITEM.match(name) else name
                first = True
            if _ITEM.match(name):
                items.append((s + len(part.rstrip()) - len(name), name))
            if first:
                break
        for offset, name in items:
            conf = 0.55 if name.endswith(BRAND_ENDINGS) else 0.45
            add(offset, offset + len(name), name, conf, "listed as an enterprise")
    return out
