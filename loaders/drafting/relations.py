"""Relations a sentence supports: park–chain roles, enterprise roles, park–park links, policy scopes.

Every relation needs a cue word in its sentence (主导, 龙头, 共建, 分园 …, see vocab); a name
alone next to another is not enough.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.model import Hit, Item
from parkgraph.loaders.drafting.naming import place_and_rest
from parkgraph.loaders.drafting.vocab import (
    CHAIN_ROLE_WORDS,
    ENTERPRISE_ROLE_WORDS,
    POLICY_VERBS_BASED_ON,
    POLICY_VERBS_IMPLEMENTS,
)

_SELF = re.compile(r"我区|本区|我园|本园|园区|开发区|我们|全区")


def _sentences_with(ctx: DocContext, kind: str) -> dict[int, list[Hit]]:
    out: dict[int, list[Hit]] = {}
    for h in ctx.hits:
        if h.kind == kind:
            out.setdefault(ctx.seg.sentence(h.start).start, []).append(h)
    return out


def _parks_of_sentence(ctx: DocContext, start: int, end: int) -> list[str]:
    parks = [h.id for h in ctx.hits_in(start, end, ("park",))]
    return list(dict.fromkeys(parks))


def _role(text: str, words: tuple[tuple[str, str], ...]) -> str | None:
    for word, role in words:
        if word in text:
            return role
    return None


def park_chains(ctx: DocContext) -> list[Item]:
    """A chain and a park (named, or the document's subject) in one sentence with a role word."""
    out: list[Item] = []
    seen: set[tuple[str, str, str]] = set()
    subject = ctx.meta.subject_parks[0] if ctx.meta.subject_parks else None
    for sent_start, chains in _sentences_with(ctx, "chain").items():
        sent = ctx.seg.sentence(sent_start)
        in_sentence = _parks_of_sentence(ctx, sent.start, sent.end)
        for ch in chains:
            if ch.inside is not None:  # 长沙光伏产业园: the park's own industry, its base
                _add_chain(ctx, out, seen, ch.inside, ch, "base", [ctx.sentence_evidence(ch.start, ch.end)], 0.6)
                continue
            clause = ctx.seg.clause(ch.start)
            # the parks of the chain's own clause; else the sentence's only park; else the subject
            parks = _parks_of_sentence(ctx, clause.start, clause.end)
            if not parks:
                parks = in_sentence if len(in_sentence) == 1 else []
            if not parks and not in_sentence and subject and not ctx.hits_in(sent.start, sent.end, ("region",)):
                parks = [subject]
            if not parks:
                continue
            window = ctx.text[clause.start:min(clause.end, ch.end + 8)]
            role = _role(window, CHAIN_ROLE_WORDS)
            if role is None:
                continue
            for park in parks[:3]:
                key = (park, ch.id, role)
                if key in seen:
                    continue
                seen.add(key)
                conf = min(ch.confidence, 0.75) - (0.1 if park == subject else 0.0)
                out.append(Item("park_chains", {"park": park, "chain": ch.id, "role": role},
                                [ctx.sentence_evidence(ch.start, ch.end)], conf))
    out += _table_park_chains(ctx, seen)
    return out


def _add_chain(ctx: DocContext, out: list[Item], seen: set[tuple[str, str, str]], park: str, ch: Hit,
               role: str, evidence: list, conf: float) -> None:
    key = (park, ch.id, role)
    if key not in seen:
        seen.add(key)
        out.append(Item("park_chains", {"park": park, "chain": ch.id, "role": role}, evidence, conf))


def _table_park_chains(ctx: DocContext, seen: set[tuple[str, str, str]]) -> list[Item]:
    """Chains and parks of one table row. A cluster named with a place (长沙精细化工产业集群) goes
    with the row's parks in that place; the role comes from the cell (集群, 基地), else from the
    column header or the caption (战略性新兴产业布局表 → emerging), else key."""
    out: list[Item] = []
    for table in ctx.tables:
        context = " ".join(h.text for h in table.headers) + " " + table.caption.text
        table_role = _role(context, CHAIN_ROLE_WORDS) or "key"
        for row in table.rows:
            chains: list[Hit] = []
            parks: list[Hit] = []
            for cell in row:
                for a, b in cell.spans:
                    ca, cb = ctx.cleaned.clean_pos(a), ctx.cleaned.clean_pos(b)
                    chains += ctx.hits_in(ca, cb, ("chain",))
                    parks += ctx.hits_in(ca, cb, ("park",))
            for ch in chains:
                if ch.inside is not None:
                    _add_chain(ctx, out, seen, ch.inside, ch, "base",
                               [ctx.evidence(ch.start, ch.end)], 0.55)
                    hosts = [p for p in parks if p.id != ch.inside]
                    for p in hosts:
                        _add_chain(ctx, out, seen, p.id, ch, table_role,
                                   [ctx.evidence(ch.start, ch.end), ctx.evidence(p.start, p.end)], 0.5)
                    continue
                item = _list_item(ctx.text, ch.start, ch.end)
                place = place_and_rest(item, ctx.lexicon)[0]
                cell_text = ctx.text[ch.start:ch.end + 6]
                role = "cluster" if "集群" in cell_text else "base" if "基地" in cell_text else table_role
                for p in parks:
                    if place and not _in_place(ctx, p.id, place):
                        continue
                    _add_chain(ctx, out, seen, p.id, ch, role,
                               [ctx.evidence(ch.start, ch.end), ctx.evidence(p.start, p.end)], 0.5)
    return out


def _list_item(text: str, start: int, end: int) -> str:
    """The list item (between 、 ★ ◆ or line breaks) a name stands in."""
    lo = max(text.rfind(c, 0, start) for c in "、,★◆\n") + 1
    his = [i for i in (text.find(c, end) for c in "、,★◆\n") if i >= 0]
    return text[lo:min(his) if his else len(text)].strip("*★◆ ")


def _in_place(ctx: DocContext, park: str, region: str) -> bool:
    """True when the park lies in ``region`` (or in one of the regions an area groups)."""
    entry = ctx.lexicon.entries.get(park)
    where = str(entry.data.get("region") or "") if entry else str(
        ctx.proposals[park].record.get("region") or "") if park in ctx.proposals else ""
    if not where:
        return True
    chain = ctx.lexicon.region_chain(where)
    area = ctx.lexicon.entries.get(region)
    members = [m for m in (area.data.get("members") or []) if isinstance(m, str)] if area else []
    return region in chain or any(m in chain for m in members)


def enterprise_roles(ctx: DocContext) -> list[Item]:
    """An enterprise with its role (龙头 anchor, 骨干 key, 项目 project, 合作 partner, else member)."""
    out: list[Item] = []
    seen: set[tuple[str, str | None, str]] = set()
    subject = ctx.meta.subject_parks[0] if ctx.meta.subject_parks else None
    for h in ctx.hits:
        if h.kind != "enterprise":
            continue
        sent = ctx.seg.sentence(h.start)
        clause = ctx.seg.clause(h.start)
        # the role word of the enterprise's own clause (以X为龙头; A、B等骨干企业), else of its sentence
        role = _role(ctx.text[h.end:clause.end], ENTERPRISE_ROLE_WORDS) \
            or _role(ctx.text[clause.start:h.start], ENTERPRISE_ROLE_WORDS) \
            or _role(ctx.text[sent.start:sent.end], ENTERPRISE_ROLE_WORDS)
        parks = _parks_of_sentence(ctx, sent.start, sent.end)
        park = parks[0] if parks else subject
        if role is None and park is None:
            continue
        chains = [c.id for c in ctx.hits_in(clause.start, clause.end, ("chain",))]
        role = role or "member"
        key = (h.id, park, role)
        if key in seen:
            continue
        seen.add(key)
        fields = {"enterprise": h.id, "park": park, "chain": chains[0] if chains else None, "role": role}
        out.append(Item("enterprise_roles", fields, [ctx.sentence_evidence(h.start, h.end)],
                        min(h.confidence, 0.6)))
    return out


def park_relations(ctx: DocContext) -> list[Item]:
    """Sub-zones (part-of), branch parks (分园), co-built parks (共建), enclaves (飞地), hosts (依托/承载)."""
    out: list[Item] = []
    seen: set[tuple[str, str, str]] = set()
    lex = ctx.lexicon
    subject = ctx.meta.subject_parks[0] if ctx.meta.subject_parks else None

    def add(park: str, relation: str, other: str, start: int, end: int, conf: float) -> None:
        if park == other or (park, relation, other) in seen:
            return
        seen.add((park, relation, other))
        out.append(Item("park_relations", {"park": park, "relation": relation, "other": other},
                        [ctx.sentence_evidence(start, end)], conf))

    for h in ctx.hits:
        if h.kind != "park":
            continue
        sent = ctx.seg.sentence(h.start)
        sentence = ctx.text[sent.start:sent.end]
        parent = lex.parent_park(h.id) if not h.proposed else ctx.parents.get(h.id)
        if parent and (parent == subject or any(x.id == parent for x in ctx.hits)):
            add(h.id, "part-of", parent, h.start, h.end, 0.6)  # a sub-zone of a park the text names
        if h.proposed and h.id not in ctx.parents:
            host = [k for k in ctx.hits_in(h.start, h.end, ("park",)) if not k.proposed and k.id != h.id]
            for s, _e, ids in lex.matcher.finditer(h.surface):
                if s == 0:
                    host += [Hit("park", i, h.start, h.end, h.surface) for i in ids if lex.kind_of(i) == "park"]
                break
            if host:
                add(h.id, "part-of", host[0].id, h.start, h.end, 0.5)
        others = [x.id for x in ctx.hits_in(sent.start, sent.end, ("park",)) if x.id != h.id]
        if "分园" in sentence and subject and h.id != subject:
            add(h.id, "branch-of", subject, h.start, h.end, 0.5)
        if "共建" in sentence and others:
            left = ctx.text[sent.start:h.start]
            if _SELF.search(left) or re.search(r"与$|和$", left.strip()) is None:
                other = next((o for o in others if o != subject), None)
                if other and h.id != other:
                    add(h.id, "co-built-with", other, h.start, h.end, 0.5)
        elif "飞地" in sentence and others:
            add(h.id, "enclave-of", others[0], h.start, h.end, 0.4)
    out += _table_hosts(ctx, add)
    return out


def _table_hosts(ctx: DocContext, add: Callable[[str, str, str, int, int, float], None]) -> list[Item]:
    """hosted-by links of table rows whose header names the hosting zone (依托园区 | 主要承载开发区)."""
    for table in ctx.tables:
        host_cols = [j for j, h in enumerate(table.headers) if re.search(r"承载|依托|所在|托管", h.text)]
        if not host_cols:
            continue
        for row in table.rows:
            cells: list[list[Hit]] = []
            for cell in row:
                hits: list[Hit] = []
                for a, b in cell.spans:
                    hits += ctx.hits_in(ctx.cleaned.clean_pos(a), ctx.cleaned.clean_pos(b), ("park",))
                cells.append(hits)
            host_j = max(host_cols)
            hosts = cells[host_j]
            for j, hits in enumerate(cells):
                if j == host_j:
                    continue
                for h in hits:
                    for host in hosts[:1]:
                        add(h.id, "hosted-by", host.id, h.start, host.end, 0.55)
    return []


def policies(ctx: DocContext) -> list[Item]:
    """Each policy named, with the parks, chains and regions of its sentence."""
    out: list[Item] = []
    seen: set[tuple[str, int]] = set()
    for h in ctx.hits:
        if h.kind != "policy":
            continue
        sent = ctx.seg.sentence(h.start)
        key = (h.id, sent.start)
        if key in seen:
            continue
        seen.add(key)
        parks = _parks_of_sentence(ctx, sent.start, sent.end)
        chains = list(dict.fromkeys(c.id for c in ctx.hits_in(sent.start, sent.end, ("chain",))))
        regions = list(dict.fromkeys(r.id for r in ctx.hits_in(sent.start, sent.end, ("region",))))
        fields = {"policy": h.id, "parks": parks[:8], "chains": chains[:8], "regions": regions[:4]}
        out.append(Item("policies", fields, [ctx.sentence_evidence(h.start, h.end)], h.confidence, h.note))
    return out


def policy_relations(ctx: DocContext) -> list[Item]:
    """based-on (根据《X》) and implements (贯彻落实《X》) links of the document's own policy."""
    me = ctx.meta.self_policy
    if not me:
        return []
    out: list[Item] = []
    for h in ctx.hits:
        if h.kind != "policy" or h.id == me:
            continue
        before = ctx.text[max(ctx.seg.sentence(h.start).start, h.start - 12):h.start]
        relation = None
        if any(v in before for v in POLICY_VERBS_BASED_ON):
            relation = "based-on"
        elif any(v in before for v in POLICY_VERBS_IMPLEMENTS):
            relation = "implements"
        if relation:
            out.append(Item("policy_relations", {"policy": me, "relation": relation, "other": h.id},
                            [ctx.sentence_evidence(h.start, h.end)], 0.5))
    return out
