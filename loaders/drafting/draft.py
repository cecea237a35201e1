"""Draft the extract of one source document in the curated format (see docs/extracts.md)."""

from __future__ import annotations

import re
from pathlib import Path

from parkgraph.loaders.drafting.clean import clean, decode
from parkgraph.loaders.drafting.context import DocContext
from parkgraph.loaders.drafting.detect_chains import propose_chains
from parkgraph.loaders.drafting.detect_enterprises import propose_enterprises
from parkgraph.loaders.drafting.detect_parks import propose_parks
from parkgraph.loaders.drafting.detect_policies import detect_policies
from parkgraph.loaders.drafting.detect_targets import detect_targets
from parkgraph.loaders.drafting.lexicon import load_lexicon
from parkgraph.loaders.drafting.metadata import detect_metadata
from parkgraph.loaders.drafting.model import PROPOSED_NOTE, Draft, Hit, Item
from parkgraph.loaders.drafting.recognise import embedded_hits, registry_hits
from parkgraph.loaders.drafting.relations import (
    enterprise_roles,
    park_chains,
    park_relations,
    policies,
    policy_relations,
)
from parkgraph.loaders.drafting.segment import Segments
from parkgraph.loaders.evidence import NormalisedText

MENTION_KINDS = ("park", "chain", "enterprise", "policy", "region", "org")
_STRONG_SELF = re.compile(r"我区|本区|我园|本园")


def draft_document(path: Path | str, extracts_dir: Path | str,
                   exclude: frozenset[str] = frozenset()) -> Draft:
    """Draft the extract of the text file ``path`` with the registry of ``extracts_dir``.

    ``exclude`` leaves registry ids out of the lexicon (to measure how the drafter does on
    entities it has never seen).
    """
    path = Path(path)
    text, encoding = decode(path.read_bytes(), str(path))
    return draft_text(text, path.name, extracts_dir, exclude, encoding)


def draft_text(text: str, file_name: str, extracts_dir: Path | str,
               exclude: frozenset[str] = frozenset(), encoding: str = "utf-8") -> Draft:
    """Draft the extract of ``text`` (already decoded), recorded as source ``file_name``."""
    cleaned = clean(text)
    ctx = DocContext(file_name, text, encoding, cleaned, Segments(cleaned.text),
                     load_lexicon(Path(extracts_dir), exclude))
    hits = registry_hits(ctx)
    for stage in (propose_parks, propose_enterprises, propose_chains, detect_policies):
        ctx.set_hits(hits)
        hits = hits + stage(ctx)
        if stage is propose_chains:
            hits += embedded_hits(ctx, hits)
    ctx.set_hits(_dedupe(hits))
    ctx.meta = detect_metadata(ctx)

    draft = Draft(source=_source(ctx), encoding=encoding)
    draft.sections["mentions"] = _mentions(ctx)
    draft.sections["park_chains"] = park_chains(ctx)
    draft.sections["enterprise_roles"] = enterprise_roles(ctx)
    draft.sections["park_relations"] = park_relations(ctx)
    draft.sections["policies"] = policies(ctx)
    draft.sections["policy_relations"] = policy_relations(ctx)
    draft.sections["targets"] = detect_targets(ctx)
    _keep_findable(draft, text)
    used = _referenced(draft)
    draft.proposals = [p for p in ctx.proposals.values() if p.id in used]
    return draft


def _dedupe(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end, h.proposed)):
        key = (h.id, h.start, h.end)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


def _mentions(ctx: DocContext) -> list[Item]:
    out: list[Item] = []
    seen: set[tuple[str, str]] = set()
    for h in ctx.hits:
        if h.kind not in MENTION_KINDS or (h.id, h.surface) in seen:
            continue
        seen.add((h.id, h.surface))
        note = h.note
        if h.proposed:
            note = PROPOSED_NOTE
        out.append(Item("mentions", {"entity": h.id, "as": h.surface},
                        [ctx.sentence_evidence(h.start, h.end)], h.confidence, note))
    if ctx.meta.subject_parks:
        m = _STRONG_SELF.search(ctx.text)
        if m:
            subject = ctx.meta.subject_parks[0]
            out.append(Item("mentions", {"entity": subject, "as": m.group()},
                            [ctx.sentence_evidence(m.start(), m.end())], 0.6,
                            f"{m.group()} is the park the document speaks for, read as {ctx.name_of(subject)} "
                            "(inferred)."))
    return out


def _source(ctx: DocContext) -> dict:
    meta = ctx.meta
    title = meta.title
    notes = list(meta.notes)
    if not title:
        first = ctx.text[: ctx.seg.sentence(0).end].strip(" 。\n")
        title = (first[:40] + "…") if len(first) > 40 else first or Path(ctx.file).stem
        notes.append("The text has no title: the first words stand in for one.")
    cleaning = []
    if ctx.cleaned.dropped_lines:
        cleaning.append(f"{ctx.cleaned.dropped_lines} navigation/spam line(s) dropped")
    if ctx.cleaned.repeated_lines:
        cleaning.append(f"{ctx.cleaned.repeated_lines} line(s) of a repeated body dropped")
    if ctx.encoding != "utf-8":
        cleaning.append(f"decoded as {ctx.encoding}")
    origin = "drafted by parkgraph extract" + (f" ({'; '.join(cleaning)})" if cleaning else "")
    source = {
        "file": ctx.file, "title": title, "issuer": meta.issuer, "date": meta.date, "kind": meta.kind,
        "plan_year": meta.plan_year, "period": list(meta.period) if meta.period else None,
        "subject_parks": meta.subject_parks or None, "origin": origin,
        "notes": " ".join(notes) if notes else None,
    }
    return source


def _keep_findable(draft: Draft, text: str) -> None:
    """Drop any item whose quote the loader could not find (a safety net; it should not happen)."""
    norm = NormalisedText.of(text)
    for name, items in draft.sections.items():
        draft.sections[name] = [i for i in items if all(norm.find(e.quote) for e in i.evidence)]


def _referenced(draft: Draft) -> set[str]:
    used: set[str] = set()
    src = draft.source
    used.update(src.get("subject_parks") or [])
    if src.get("issuer"):
        used.add(src["issuer"])
    for items in draft.sections.values():
        for item in items:
            for v in item.fields.values():
                if isinstance(v, str):
                    used.add(v)
                elif isinstance(v, list):
                    used.update(x for x in v if isinstance(x, str))
    return used
