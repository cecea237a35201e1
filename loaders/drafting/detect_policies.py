"""Policies: titles in 《》 and document numbers (文号), linked to the registry or proposed.

A title is looked up among the registry titles and aliases (quote marks folded); a 文号 right
after it (（湘政发〔2011〕25号）, [] or 【】 variants) is parsed with parkgraph.loaders.docnumber.
A short back-reference such as 《意见》 points to the last policy of that kind and is not new.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from parkgraph.loaders.docnumber import parse_doc_number
from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.model import Hit
from parkgraph.loaders.drafting.naming import entity_id
from parkgraph.loaders.drafting.vocab import (
    GENERIC_SHORT_TITLES,
    ISSUER_LEVEL_PREFIXES,
    POLICY_KIND_BY_ENDING,
)

_TITLE = re.compile(r"《([^《》\n]{2,80})》")
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,8})\s*[〔\[【(（［﹝]\s*(\d{4})\s*[〕\]】)）］﹞]\s*(?:第\s*)?(\d{1,4})\s*号")
_CODE_NOISE = ("根据", "按照", "依据", "印发", "文件", "转发", "关于", "的", "和", "及", "与", "见")


@dataclass(frozen=True)
class DocNumberHit:
    """A 文号 in the text: as written, normalised, and where."""

    written: str
    normalised: str
    start: int
    end: int


def find_doc_numbers(text: str) -> list[DocNumberHit]:
    """Every 文号 in ``text`` (variants with 〔〕, [], 【】, () and 第 … 号)."""
    out: list[DocNumberHit] = []
    for m in DOC_NUMBER.finditer(text):
        code, start = m.group(1), m.start(1)
        for noise in _CODE_NOISE:
            i = code.rfind(noise)
            if i >= 0:
                start += i + len(noise)
                code = code[i + len(noise):]
        if not code:
            continue
        written = text[start:m.end()]
        parsed = parse_doc_number(written)
        if parsed is not None:
            out.append(DocNumberHit(written, parsed.normalised, start, m.end()))
    return out


def is_own_number(ctx: DocContext, n: DocNumberHit) -> bool:
    """True for a 文号 standing alone on a line before the body: the number of the document itself."""
    line = ctx.seg.line(n.start)
    alone = re.sub(r"^\s*文号\s*[:：]?\s*|\s+$", "", ctx.text[line.start:line.end]) == n.written.strip()
    body = next((ln.start for ln in ctx.seg.lines if len(ln_text := ctx.text[ln.start:ln.end]) > 60
                 and "。" in ln_text), len(ctx.text))
    return alone and n.start < body


def _kind(title: str) -> str:
    for ending, kind in POLICY_KIND_BY_ENDING:
        if title.endswith(ending):
            return kind
    return "other"


def _subject_prefix(title: str, ctx: DocContext) -> bool:
    """True when the title starts with a name of the park the document is about."""
    for park in ctx.meta.subject_parks:
        entry = ctx.lexicon.entries.get(park)
        names = list(entry.names) if entry else []
        if park in ctx.proposals:
            prop = ctx.proposals[park]
            names += [prop.name, *prop.record.get("aliases", [])]
        if any(title.startswith(n) for n in names if len(n) >= 3):
            return True
    return False


def _level(title: str, ctx: DocContext) -> str | None:
    for start, _end, ids in ctx.lexicon.matcher.finditer(title[:12]):
        if start != 0:
            break
        for i in ids:
            entry = ctx.lexicon.entries[i]
            if entry.kind == "region":
                lvl = str(entry.data.get("level"))
                return {"province": "provincial", "city": "municipal", "county": "county",
                        "district": "county", "country": "national"}.get(lvl)
            if entry.kind == "org":
                return str(entry.data.get("level"))
            if entry.kind == "park":
                return "park"
    for prefix, level in ISSUER_LEVEL_PREFIXES:
        if title.startswith(prefix):
            return level
    return None


def _issuer(title: str, ctx: DocContext) -> str | None:
    for start, _end, ids in ctx.lexicon.matcher.finditer(title[:20]):
        if start != 0:
            break
        for i in ids:
            if ctx.lexicon.kind_of(i) == "org":
                return i
    return None


def detect_policies(ctx: DocContext) -> list[Hit]:
    """Policy hits for every 《title》 (registry or proposed) and every 文号 not already known (ctx.hits)."""
    text = ctx.text
    known = ctx.hits
    numbers = find_doc_numbers(text)
    used_numbers: set[int] = set()
    out: list[Hit] = []
    last_by_ending: dict[str, str] = {}
    known_spans = {(h.start, h.end): h for h in known if h.kind == "policy"}
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        number = next((n for n in numbers if 0 <= n.start - m.end() <= 2), None)
        found = [i for i in ctx.lexicon.matcher.lookup(title) if ctx.lexicon.kind_of(i) == "policy"]
        if not found and number is not None:
            found = [i for i in ctx.lexicon.matcher.lookup(number.written) if ctx.lexicon.kind_of(i) == "policy"]
        if found:
            ident = found[0]
            conf = 0.95
        elif title in GENERIC_SHORT_TITLES or len(title) <= 3:
            ident = next((v for k, v in last_by_ending.items() if k.endswith(title)), "")
            if not ident:
                continue
            conf = 0.5
        else:
            if (m.start(1), m.end(1)) in known_spans:
                continue
            ident = _propose(ctx, title, number)
            conf = 0.7
        if number is not None:
            used_numbers.add(number.start)
        last_by_ending[title] = ident
        out.append(Hit("policy", ident, m.start(1), m.end(1), title, ident in ctx.proposals, conf))
    for n in numbers:
        if n.start in used_numbers or any(h.start <= n.start < h.end for h in known):
            continue
        if is_own_number(ctx, n):
            continue  # the document's own 文号 (a line of its header), recorded in the source notes
        ident = _propose(ctx, n.written, n)
        out.append(Hit("policy", ident, n.start, n.end, n.written, True, 0.4,
                       note="Only the 文号 is given; the title is to be filled in."))
    return out


def _propose(ctx: DocContext, title: str, number: DocNumberHit | None) -> str:
    own = _subject_prefix(title, ctx)

    def build(taken: Collection[str]) -> dict:
        rec = {"id": entity_id(title, taken, 5), "title": title, "kind": _kind(title),
               "level": "park" if own else _level(title, ctx), "issuer": _issuer(title, ctx),
               "doc_number": number.written if number else None,
               "date": str(int(number.normalised.split("〔")[1][:4])) if number else None,
               "note": "Proposed by the drafter from a title in 《》." if number is None or title != number.written
               else "Proposed by the drafter from a 文号 alone: give it its title."}
        return {k: v for k, v in rec.items() if v}

    return ctx.propose("policy", title, build, 0.7 if number is None or title != number.written else 0.4)
