"""Readable ids for proposed entities: pinyin words (via parkgraph.ids.slug), parks with a type code."""

from __future__ import annotations

import re
from collections.abc import Collection

from parkgraph.ids import is_valid_id, slug
from parkgraph.loaders.drafting.lexicon import Lexicon
from parkgraph.loaders.drafting.vocab import PARK_KIND_CODES

_CJK = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9]+")
_PLACE_ENDS = ("省", "市", "县", "区", "州", "自治州")


def pinyin_words(name: str, max_words: int = 6) -> str:
    """Pinyin of ``name`` in two-character words: 中丹生态 → zhongdan-shengtai."""
    words: list[str] = []
    for run in _CJK.findall(name):
        if run.isascii():
            words.append(run.lower())
            continue
        for i in range(0, len(run), 2):
            words.append(slug(run[i:i + 2]))
    words = [w for w in words if w]
    return "-".join(words[:max_words]) or "x"


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base-2``, ``base-3`` … whichever is not taken (and is a valid id)."""
    base = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-") or "x"
    if not is_valid_id(base):
        base = "x-" + base
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def place_and_rest(head: str, lexicon: Lexicon, provinces: bool = False) -> tuple[str | None, str, str]:
    """Split a name's head into (region id, place as written, rest): 湖南醴陵陶瓷 → (…liling, 醴陵, 陶瓷).

    A province in front is skipped (湖南) unless ``provinces`` is true or nothing else follows.
    """
    region_id, place = None, ""
    rest = head
    for _ in range(3):  # province, then city, then county
        found = False
        for start, end, ids in lexicon.matcher.finditer(rest[:8]):
            if start != 0:
                break
            regions = [i for i in ids if lexicon.kind_of(i) == "region"]
            if not regions:
                break
            entry = lexicon.entries[regions[0]]
            if provinces or entry.data.get("level") not in ("province", "country") or end == len(rest):
                region_id, place = regions[0], rest[:end]
            rest = rest[end:]
            found = True
            break
        if not found:
            break
    return region_id, place, rest


def park_id(name: str, kind: str, suffix: str, lexicon: Lexicon, taken: Collection[str]) -> str:
    """Id of a proposed park: place pinyin, further words, type code (长沙信息产业园 → changsha-xinxi-ip)."""
    head = name[: len(name) - len(suffix)] if suffix and name.endswith(suffix) else name
    _region, place, rest = place_and_rest(head, lexicon)
    if not place:  # a place the registry does not know: 衡阳市…, 某某县…
        m = re.match(r"^([\u4e00-\u9fff]{2,3})(?:省|市|县)(.*)$", rest)
        if m:
            place, rest = m.group(1), m.group(2)
    for end in _PLACE_ENDS:
        if place.endswith(end) and len(place) > len(end) + 1:
            place = place[: -len(end)]
            break
    parts = [slug(place)] if place else []
    if rest:
        parts.append(pinyin_words(rest, 3))
    code = PARK_KIND_CODES.get(kind, "park")
    if kind == "sub-zone":
        code = "pianqu"
    if code:
        parts.append(code)
    return unique_id("-".join(p for p in parts if p), taken)


def entity_id(name: str, taken: Collection[str], max_words: int = 5) -> str:
    """Id of any other proposed entity: the pinyin words of its name."""
    return unique_id(pinyin_words(name, max_words), taken)
