"""Registry names in a text: every name and alias of the registry, with sanity checks for short ones."""

from __future__ import annotations

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.lexicon import KIND_PRIORITY
from parkgraph.loaders.drafting.model import Hit

# a two-character enterprise name must follow one of these (or punctuation): 北京新区 is not 京新
_LEFT_OK = set("、,，;；:：(（“”‘’ \n和与及以由对向将等如为在了励持托进动括是同给取快好导促抓")
_PUNCT = set("、,，。;；:：!?！？()（）“”‘’《》 \n*")


def registry_hits(ctx: DocContext) -> list[Hit]:
    """Every registry name found in the cleaned text, one Hit per matched entity."""
    text = ctx.text
    out: list[Hit] = []
    for start, end, ids in ctx.lexicon.matcher.finditer(text):
        surface = text[start:end]
        kinds = {ctx.lexicon.kind_of(i) for i in ids}
        for ident in sorted(ids, key=lambda i: KIND_PRIORITY.index(ctx.lexicon.kind_of(i) or "indicator")):
            kind = ctx.lexicon.kind_of(ident) or ""
            entry = ctx.lexicon.entries[ident]
            if kind == "enterprise" and len(surface) <= 2 and start > 0 and text[start - 1] not in _LEFT_OK \
                    and text[start - 1] not in _PUNCT:
                continue
            if kind == "indicator" and len(kinds) > 1:
                continue  # a name that is also a chain or park is not read as an indicator
            exact = surface == entry.name
            conf = 0.95 if exact else 0.9
            if len(surface) <= 2:
                conf -= 0.2
            out.append(Hit(kind, ident, start, end, surface, False, conf))
    return out


def embedded_hits(ctx: DocContext, hits: list[Hit]) -> list[Hit]:
    """Chains and enterprises named inside a park's name (长沙光伏产业园, 中南源品生物科技园)."""
    out: list[Hit] = []
    for h in hits:
        if h.kind != "park":
            continue
        for s, e, ids in ctx.lexicon.matcher.inside(h.surface):
            for ident in ids:
                kind = ctx.lexicon.kind_of(ident)
                if kind in ("chain", "enterprise"):
                    out.append(Hit(kind, ident, h.start + s, h.start + e, h.surface[s:e], False, 0.7,
                                   inside=h.id))
    return out
