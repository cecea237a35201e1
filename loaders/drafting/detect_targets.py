"""Numeric targets and planned or reported figures, in running text and in flattened tables.

Every figure with a unit (see numbers.py) becomes a target unless target_rules.py says it
is not one; its reading (level/growth/share, qualifier, year) comes from figures.py and its
indicator from target_links.py. Table rows 'figure | count | park names' give one target
per park and one count target.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.figures import Reading, reading
from parkgraph.loaders.drafting.indicators import IndicatorIndex
from parkgraph.loaders.drafting.model import Evidence, Hit, Item
from parkgraph.loaders.drafting.numbers import Quantity, find_quantities
from parkgraph.loaders.drafting.tables import Cell, Table
from parkgraph.loaders.drafting.target_links import Context, Figure, choose_indicators, core_phrase
from parkgraph.loaders.drafting.target_rules import (
    about_enterprise,
    in_note,
    in_title,
    is_threshold,
    per_unit,
)
from parkgraph.loaders.drafting.vocab import COMPATIBLE_DIMENSIONS, UNIT_DIMENSION

_LIST_OF_CHAINS = re.compile(r"等\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:个|大)?\s*(?:产业集群|集群|产业)")


def detect_targets(ctx: DocContext) -> list[Item]:
    """Every target of the document: body figures first, then table rows.

    A figure stated twice (the same measure, value and year) is drafted once; a masked one is
    kept each time it appears, since the masks may hide different values.
    """
    table_items, covered = _table_targets(ctx)
    body = _body_targets(ctx, covered)
    return _dedupe(body, with_subject=False) + _dedupe(table_items, with_subject=True)


def _dedupe(items: list[Item], with_subject: bool) -> list[Item]:
    seen: set[tuple] = set()
    out: list[Item] = []
    for item in items:
        f = item.fields
        key = (f.get("subject") if with_subject else None, f["indicator"], f.get("value"),
               f.get("value_max"), f["unit"], f.get("year"), f.get("kind"), f.get("chain"),
               item.anchor if f.get("masked") else None)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ------------------------------------------------------------------ body text
def _body_targets(ctx: DocContext, covered: list[tuple[int, int]]) -> list[Item]:
    text = ctx.text
    index = IndicatorIndex.of(ctx.lexicon)
    quantities = [q for q in find_quantities(text)
                  if not any(a <= q.start < b for a, b in covered) and not in_title(text, q.start)]
    out: list[Item] = []
    last: Figure | None = None        # the last figure read (any kind), not in parentheses
    last_level: Figure | None = None  # the last level figure read
    for i, q in enumerate(quantities):
        clause = ctx.seg.clause(q.start)
        sent = ctx.seg.sentence(q.start)
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        line = ctx.seg.line(q.start)
        prev_fig = last if last is not None and last.q.start >= sent.start else None
        level_fig = last_level if last_level is not None and last_level.q.start >= sent.start else None
        orphan = last_level if last_level is not None and last_level.q.start >= line.start and \
            text[clause.start:q.start].lstrip().startswith("占") else None
        left_start = clause.start
        if prev_fig is not None and prev_fig.q.end > clause.start:
            left_start = prev_fig.q.end + len(prev_fig.q.qualifier or "")
        after = q.end + len(q.qualifier or "")
        item_end = _item_end(text, after, clause.end, nxt)
        right_end = min(item_end, nxt.start) if nxt is not None and nxt.start < item_end else item_end
        if in_note(ctx, q) or is_threshold(ctx, q, nxt, clause.end) or about_enterprise(ctx, q, sent.start):
            continue
        read = reading(ctx, q, text[clause.start:q.start], text[after:right_end])
        between = text[prev_fig.q.end:q.start] if prev_fig else ""
        context = Context(
            raw=text[left_start:q.start], core=core_phrase(ctx, left_start, q.start),
            right=core_phrase(ctx, after, right_end), rest=core_phrase(ctx, after, item_end),
            tail=text[after:item_end], prev=prev_fig, level=level_fig, orphan=orphan,
            joined=prev_fig is not None and "、" in between and not re.search(r"[,;。]", between),
            between=between,
            chains=[h.surface for h in ctx.hits_in(sent.start, q.start, ("chain",)) if not h.proposed])
        links = choose_indicators(ctx, index, q, read, context)
        if links and prev_fig is not None and links[0][0] == prev_fig.indicator and prev_fig.kind == "growth" \
                and read.kind == "level" and q.unit == prev_fig.q.unit == "%":
            read = replace(read, kind="growth")  # 税收增长10%,力争12%: the second is a growth too
        if per_unit(ctx, q, sent.start):
            if links and links[0][0] in ctx.lexicon.entries:  # context for a growth rate that follows
                keep = last_level if last_level is not None and links[0][0] == last_level.indicator else None
                last = last_level = keep or Figure(q, links[0][0], links[0][1] or context.right)
            continue
        if not links or (read.year is None and not q.masked):
            continue  # no measure, or an unmasked figure of unknown year (the format needs one)
        aside = text.rfind("(", clause.start, q.start) > text.rfind(")", clause.start, q.start)
        subject = _subject(ctx, q.start, clause.start, sent.start)
        evidence = _evidence(ctx, q, after)
        chains = _listed_chains(ctx, sent.start, q.start)
        for ident, phrase, score in links:
            if not aside:
                head = prev_fig.head if context.joined and prev_fig is not None else (phrase or context.right)
                last = Figure(q, ident, phrase or context.right, read.kind, head)
                if read.kind == "level":
                    last_level = last
            for chain in chains or [_chain(ctx, left_start, q.start)]:
                item = _item(ctx, q, read, ident, subject, chain, [evidence], score)
                item.anchor = q.start
                out.append(item)
    return out


def _item_end(text: str, start: int, clause_end: int, nxt: Quantity | None) -> int:
    """Where the words after a figure stop belonging to it: the 、 before the next figure."""
    if nxt is None or nxt.start >= clause_end:
        return clause_end
    cut = text.rfind("、", start, nxt.start)
    return clause_end if cut < 0 else cut


def _listed_chains(ctx: DocContext, sent_start: int, pos: int) -> list[str]:
    """Chains listed before 等N个产业集群 in front of the figure: the first chain of each list item."""
    window = ctx.text[sent_start:pos]
    m = _LIST_OF_CHAINS.search(window)
    if not m:
        return []
    out: list[str] = []
    start = sent_start
    for item in re.split(r"[、,，]", window[: m.start()]):
        hits = ctx.hits_in(start, start + len(item), ("chain",))
        if hits and hits[0].id not in out:
            out.append(hits[0].id)
        start += len(item) + 1
    return out


def _subject(ctx: DocContext, pos: int, clause_start: int, sent_start: int) -> str | None:
    """The park or region a figure is about: named in its clause, else in its sentence, else the document's."""
    for start, kinds in ((clause_start, ("park", "region")), (sent_start, ("park",))):
        hits = [h for h in ctx.hits_in(start, pos, kinds) if h.end <= pos]
        for h in reversed(hits):
            entry = ctx.lexicon.entries.get(h.id)
            if h.kind == "region" and entry is not None and entry.data.get("level") == "country":
                continue
            return h.id
    if ctx.meta.subject_parks:
        return ctx.meta.subject_parks[0]
    return ctx.meta.subject_region


def _chain(ctx: DocContext, start: int, pos: int) -> str | None:
    hits = [h for h in ctx.hits_in(start, pos, ("chain",)) if h.end <= pos]
    return hits[-1].id if hits else None


def _evidence(ctx: DocContext, q: Quantity, after: int) -> Evidence:
    """The clause of the figure (with the one before when it is too short to say what is counted)."""
    sent = ctx.seg.sentence(q.start)
    lo = ctx.seg.clause(q.start).start
    if q.start - lo < 4:
        lo = ctx.seg.clause(max(sent.start, lo - 1)).start
    hi = max(after, q.end)
    clause_end = ctx.seg.clause(q.start).end
    if clause_end - hi <= 24:
        hi = clause_end
    if hi - lo > 150:
        lo = max(lo, q.start - 100)
    return ctx.evidence(lo, hi)


def _item(ctx: DocContext, q: Quantity, read: Reading, indicator: str, subject: str | None,
          chain: str | None, evidence: list[Evidence], score: float) -> Item:
    value, vmax = q.value, q.value_max
    if read.negative and value is not None:
        value, vmax = (-vmax, -value) if vmax is not None else (-value, None)
    fields: dict[str, Any] = {
        "subject": subject, "indicator": indicator,
        "status": "actual" if read.status == "actual" else None,
        "kind": read.kind, "value": _num(value), "value_max": _num(vmax), "unit": q.unit,
        "year": read.year, "baseline_year": read.baseline_year, "qualifier": read.qualifier,
        "masked": True if q.masked else None, "chain": chain,
    }
    conf = 0.9
    if indicator in ctx.proposals:
        conf -= 0.25
    elif score < 2.0:
        conf -= 0.1
    if read.year_source in ("plan", "none"):
        conf -= 0.1
    if subject is None:
        conf -= 0.2
    note = None
    if read.year is None and not q.masked:
        note = "The year is not stated and the document has no plan year: fill it in."
    return Item("targets", fields, evidence, max(conf, 0.1), note)


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


# ------------------------------------------------------------------ tables
def _table_targets(ctx: DocContext) -> tuple[list[Item], list[tuple[int, int]]]:
    """Targets of table rows 'figure | count | park names', and the cleaned spans they cover."""
    items: list[Item] = []
    covered: list[tuple[int, int]] = []
    index = IndicatorIndex.of(ctx.lexicon)
    for table in ctx.tables:
        found = _value_table(ctx, table, index)
        if found is None:
            continue
        items += found
        first, last = table.rows[0][0], table.rows[-1][-1]
        covered.append((ctx.cleaned.clean_pos(first.start), ctx.cleaned.clean_pos(last.end)))
    return items, covered


def _cell_quantity(cell_text: str) -> Quantity | None:
    flat = re.sub(r"\s+", "", cell_text)
    qs = find_quantities(flat)
    if len(qs) == 1 and qs[0].end + len(qs[0].qualifier or "") >= len(flat) - 1 and qs[0].start <= 1:
        return qs[0]
    return None


def _value_table(ctx: DocContext, table: Table, index: IndicatorIndex) -> list[Item] | None:
    width = table.width
    value_col = park_col = count_col = None
    for j in range(width):
        cells = [row[j] for row in table.rows]
        if value_col is None and sum(1 for c in cells if _cell_quantity(c.text)) >= 0.6 * len(cells):
            value_col = j
        elif count_col is None and all(re.fullmatch(r"\d{1,4}", c.text.strip()) for c in cells):
            count_col = j
        elif park_col is None and sum(1 for c in cells if _parks_in(ctx, c)) >= 0.6 * len(cells):
            park_col = j
    if value_col is None or park_col is None:
        return None
    caption = table.caption.text
    ym = re.search(r"(\d{4})\s*年", caption)
    year = int(ym.group(1)) if ym else (ctx.meta.plan_year or (ctx.meta.period[1] if ctx.meta.period else None))
    header = table.headers[value_col].text
    out: list[Item] = []
    cap_ev = _cell_evidence(ctx, table.caption)
    subject = ctx.meta.subject_region or (ctx.meta.subject_parks[0] if ctx.meta.subject_parks else None)
    for row in table.rows:
        q = _cell_quantity(row[value_col].text)
        if q is None:
            continue
        dims = COMPATIBLE_DIMENSIONS.get(UNIT_DIMENSION.get(q.unit, ""), None)
        best = index.best([header, caption + header], dims)
        if not best:
            continue
        read = Reading("level", False, q.qualifier, year, "explicit" if ym else "plan", None, "planned")
        value_ev = _cell_evidence(ctx, row[value_col])
        for hit in _parks_in(ctx, row[park_col]):
            evidence = [e for e in (cap_ev, value_ev, ctx.evidence(hit.start, hit.end)) if e is not None]
            out.append(_item(ctx, q, read, best[0], hit.id, None, evidence, best[1]))
        if count_col is not None:
            count_q = Quantity(0, 0, Decimal(int(row[count_col].text.strip())), None, "个", False)
            value_text = re.sub(r"\s+", "", row[value_col].text)
            phrase = f"{header}{value_text}的{table.headers[park_col].text}{table.headers[count_col].text}"
            link = index.best([phrase, table.headers[count_col].text], COMPATIBLE_DIMENSIONS["count"])
            if link:
                count_read = Reading("level", False, None, year, read.year_source, None, "planned")
                evidence = [e for e in (cap_ev, value_ev, _cell_evidence(ctx, row[count_col])) if e]
                out.append(_item(ctx, count_q, count_read, link[0], subject, None, evidence, link[1]))
    return out


def _parks_in(ctx: DocContext, cell: Cell) -> list[Hit]:
    hits: list[Hit] = []
    for a, b in cell.spans:
        hits += ctx.hits_in(ctx.cleaned.clean_pos(a), ctx.cleaned.clean_pos(b), ("park",))
    return hits


def _cell_evidence(ctx: DocContext, cell: Cell) -> Evidence | None:
    if not cell.spans:
        return None
    return Evidence(ctx.original[cell.start:cell.end], cell.start, cell.end)
