"""Measure drafts against the curated extracts: precision, recall and F1 per kind and document.

Matching rules (documented in docs/drafting.md):

* parks, chains, enterprises, policies: the set of distinct entities of that kind a document
  refers to anywhere (mentions, relations, policy scopes, target subjects, subject parks). A
  drafted registry id matches the same id; a proposed entity matches a curated one when one of
  its names (proposed name, or a form it was found as) is a name, alias or mention form of it.
* targets: one-to-one. A drafted target matches a curated one with the same year, the same
  value and upper bound after conversion to the base unit (8000万美元 = 0.8亿美元; 1万平米 =
  10000 平方米), and the same indicator. A masked figure matches a masked one on indicator, unit
  and year. The indicator is the same registry id, or, for an indicator the draft proposes, a
  name that equals, contains or is contained in a name or alias of the curated indicator.
  Pairs whose evidence overlaps are matched first.
* relations (information only): park_chains on (park, chain), enterprise_roles on
  (enterprise, role), park_relations on (park, relation, other), after mapping proposed ids.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from parkgraph.loaders.drafting.draft import draft_document
from parkgraph.loaders.drafting.indicators import core_of
from parkgraph.loaders.drafting.matcher import fold_quotes
from parkgraph.loaders.drafting.model import Draft
from parkgraph.loaders.extracts import load_extracts
from parkgraph.ontology import units

ENTITY_KINDS = ("park", "chain", "enterprise", "policy")
KIND_LABELS = {"park": "parks", "chain": "chains", "enterprise": "enterprises", "policy": "policies",
               "target": "targets"}
RELATION_KINDS = ("park_chains", "enterprise_roles", "park_relations")
REPORT_KINDS = ("parks", "chains", "enterprises", "policies", "targets")


@dataclass
class Score:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1 when nothing was drafted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1 when nothing was curated."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, Any]:
        """Counts and rates, rounded, as plain data."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Report:
    """Scores per document and kind, totals per kind, and the misses for inspection."""

    documents: dict[str, dict[str, Score]] = field(default_factory=dict)
    errors: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)
    held_out: bool = False
    chars: int = 0
    seconds: float = 0.0

    def total(self, kind: str) -> Score:
        """The micro-averaged score of one kind over all documents."""
        out = Score()
        for scores in self.documents.values():
            out.add(scores.get(kind, Score()))
        return out

    def kinds(self) -> list[str]:
        """The kinds scored, in report order."""
        return [k for k in (*REPORT_KINDS, *RELATION_KINDS)
                if any(k in s for s in self.documents.values())]

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (the JSON output)."""
        return {
            "mode": "held-out" if self.held_out else "registry",
            "totals": {k: self.total(k).as_dict() for k in self.kinds()},
            "documents": {d: {k: s.as_dict() for k, s in scores.items()}
                          for d, scores in self.documents.items()},
            "chars": self.chars, "seconds": round(self.seconds, 3),
        }

    def to_json(self) -> str:
        """The report as indented JSON."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)

    def table(self) -> str:
        """A plain-text table: one block per kind, a row per document and the total."""
        lines = [f"{'kind':<17}{'document':<26}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for kind in self.kinds():
            for doc, scores in self.documents.items():
                if kind in scores:
                    lines.append(_row(kind, doc, scores[kind]))
            lines.append(_row(kind, "ALL", self.total(kind)))
            lines.append("")
        mode = "held-out (entities of the document itself removed from the registry)" if self.held_out \
            else "registry"
        lines.append(f"mode: {mode}; {self.chars} characters drafted in {self.seconds:.2f} s")
        return "\n".join(lines).rstrip() + "\n"


def _row(kind: str, doc: str, s: Score) -> str:
    return (f"{kind:<17}{doc[:25]:<26}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
            f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")


# ------------------------------------------------------------------ names
def norm_name(name: str) -> str:
    """A name for comparison: NFKC, quote marks and spaces removed."""
    return "".join(ch for ch in fold_quotes(unicodedata.normalize("NFKC", name)) if ch not in "“ 《》")


def _referenced(source: dict[str, Any], sections: dict[str, list[dict[str, Any]]]) -> list[str]:
    ids: list[str] = list(source.get("subject_parks") or [])
    for recs in sections.values():
        for rec in recs:
            for key in ("entity", "park", "chain", "enterprise", "other", "policy", "subject"):
                v = rec.get(key)
                if isinstance(v, str):
                    ids.append(v)
            for key in ("parks", "chains", "regions"):
                ids += [x for x in rec.get(key) or [] if isinstance(x, str)]
    return list(dict.fromkeys(ids))


def _forms(sections: dict[str, list[dict[str, Any]]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for rec in sections.get("mentions", []):
        if isinstance(rec.get("entity"), str) and isinstance(rec.get("as"), str):
            out.setdefault(rec["entity"], set()).add(norm_name(rec["as"]))
    return out


# ------------------------------------------------------------------ evaluation
def evaluate(extracts_dir: Path | str, sources_dir: Path | str, held_out: bool = False) -> Report:
    """Draft every curated source of ``sources_dir`` and score it against ``extracts_dir``.

    With ``held_out``, each document is drafted with a registry that lacks the entities only
    that document refers to, as if it were new.
    """
    import time

    extracts_dir, sources_dir = Path(extracts_dir), Path(sources_dir)
    gold = load_extracts(extracts_dir, sources_dir)
    registry = {ident: e for ident, e in gold.entities.items()}
    users: dict[str, set[str]] = {}
    gold_docs = []
    for doc in gold.documents:
        sections = {name: [dict(r) for r in recs] for name, recs in doc.sections.items()}
        for name, recs in doc.sections.items():
            for rec, plain in zip(recs, sections[name], strict=True):
                plain["_spans"] = [(q.start, q.end) for q in doc.quotes_of(rec)]
        refs = _referenced(dict(doc.source), sections)
        refs += [r["indicator"] for r in sections.get("targets", [])]
        for ident in refs:
            users.setdefault(ident, set()).add(doc.doc_id)
        gold_docs.append((doc, sections))
    report = Report(held_out=held_out)
    started = time.perf_counter()
    for doc, sections in gold_docs:
        exclude = frozenset(i for i, u in users.items() if u == {doc.doc_id}) if held_out else frozenset()
        draft = draft_document(sources_dir / str(doc.source["file"]), extracts_dir, exclude)
        report.chars += len(doc.text)
        scores, errors = compare(draft, dict(doc.source), sections, registry)
        report.documents[str(doc.source["file"])] = scores
        report.errors[str(doc.source["file"])] = errors
    report.seconds = time.perf_counter() - started
    return report


def compare(draft: Draft, gold_source: dict[str, Any], gold_sections: dict[str, list[dict[str, Any]]],
            registry: dict[str, Any]) -> tuple[dict[str, Score], dict[str, dict[str, list[str]]]]:
    """Scores of one draft against one curated extract, and the misses (fp/fn lists) per kind."""
    data = draft.as_dict()
    d_sections = {k: v for k, v in data.items() if k not in ("source", "registry")}
    for name, items in draft.sections.items():
        for item, rec in zip(items, d_sections.get(name, []), strict=True):
            rec["_spans"] = [(e.start, e.end) for e in item.evidence]
    proposals = {p.id: p for p in draft.proposals}

    def kind_of(ident: str) -> str | None:
        if ident in proposals:
            return proposals[ident].kind
        ent = registry.get(ident)
        return ent.kind if ent is not None else None

    def names_of(ident: str, forms: dict[str, set[str]]) -> set[str]:
        names = set(forms.get(ident, set()))
        if ident in proposals:
            names.add(norm_name(proposals[ident].name))
            names |= {norm_name(a) for a in proposals[ident].record.get("aliases") or []}
        elif ident in registry:
            ent = registry[ident]
            names |= {norm_name(n) for n in [ent.name, *ent.aliases]}
        return names

    d_refs = _referenced(data["source"], d_sections)
    g_refs = _referenced(gold_source, gold_sections)
    d_forms, g_forms = _forms(d_sections), _forms(gold_sections)
    scores: dict[str, Score] = {}
    errors: dict[str, dict[str, list[str]]] = {}
    mapping: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        d_ids = [i for i in d_refs if kind_of(i) == kind]
        g_ids = [i for i in g_refs if kind_of(i) == kind]
        pairs = _match_entities(d_ids, g_ids, proposals,
                                lambda i: names_of(i, d_forms), lambda i: names_of(i, g_forms))
        mapping.update(pairs)
        label = KIND_LABELS[kind]
        scores[label] = Score(len(pairs), len(d_ids) - len(pairs), len(g_ids) - len(pairs))
        errors[label] = {"fp": [i for i in d_ids if i not in pairs],
                         "fn": [i for i in g_ids if i not in set(pairs.values())]}
    t_score, t_err = _match_targets(d_sections.get("targets", []), gold_sections.get("targets", []),
                                    proposals, registry)
    scores["targets"], errors["targets"] = t_score, t_err
    for rel in RELATION_KINDS:
        scores[rel] = _relations(rel, d_sections.get(rel, []), gold_sections.get(rel, []), mapping)
    return scores, errors


def _match_entities(d_ids: list[str], g_ids: list[str], proposals: dict[str, Any],
                    d_names: Any, g_names: Any) -> dict[str, str]:
    pairs: dict[str, str] = {}
    free = [g for g in g_ids if g not in d_ids]
    for d in d_ids:
        if d in g_ids:
            pairs[d] = d
    for d in d_ids:
        if d in pairs or d not in proposals:
            continue
        mine = d_names(d)
        for g in free:
            if mine & g_names(g):
                pairs[d] = g
                free.remove(g)
                break
    return pairs


def _base(value: Any, unit: str) -> tuple[Decimal, str] | None:
    info = units().get(unit)
    if info is None or value is None:
        return None
    return Decimal(str(value)) * info.multiplier, str(info.base)


def _indicator_ok(d: str, g: str, proposals: dict[str, Any], registry: dict[str, Any]) -> bool:
    if d == g:
        return True
    if d not in proposals or g not in registry:
        return False
    mine = core_of(proposals[d].name)
    ent = registry[g]
    for name in [ent.name, *ent.aliases]:
        theirs = core_of(name)
        if len(mine) >= 2 and len(theirs) >= 2 and (mine in theirs or theirs in mine):
            return True
    return False


def _target_ok(d: dict[str, Any], g: dict[str, Any], proposals: dict[str, Any],
               registry: dict[str, Any]) -> bool:
    if d.get("year") != g.get("year") or bool(d.get("masked")) != bool(g.get("masked")):
        return False
    if not _indicator_ok(d["indicator"], g["indicator"], proposals, registry):
        return False
    if g.get("masked"):
        ud, ug = units().get(d["unit"]), units().get(g["unit"])
        return ud is not None and ug is not None and ud.base == ug.base
    if _base(d.get("value"), d["unit"]) != _base(g.get("value"), g["unit"]):
        return False
    return _base(d.get("value_max"), d["unit"]) == _base(g.get("value_max"), g["unit"])


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _match_targets(drafted: list[dict[str, Any]], curated: list[dict[str, Any]], proposals: dict[str, Any],
                   registry: dict[str, Any]) -> tuple[Score, dict[str, list[str]]]:
    used_d: set[int] = set()
    used_g: set[int] = set()
    for near in (True, False):
        for i, d in enumerate(drafted):
            if i in used_d:
                continue
            for j, g in enumerate(curated):
                if j in used_g or not _target_ok(d, g, proposals, registry):
                    continue
                if near and not _overlap(d.get("_spans", []), g.get("_spans", [])):
                    continue
                used_d.add(i)
                used_g.add(j)
                break
    errors = {"fp": [_describe(d) for i, d in enumerate(drafted) if i not in used_d],
              "fn": [_describe(g) for j, g in enumerate(curated) if j not in used_g]}
    return Score(len(used_d), len(drafted) - len(used_d), len(curated) - len(used_g)), errors


def _describe(t: dict[str, Any]) -> str:
    ev = t.get("evidence")
    ev = ev if isinstance(ev, str) else " / ".join(ev or [])
    value = "*" if t.get("masked") else t.get("value")
    if t.get("value_max") is not None:
        value = f"{value}-{t['value_max']}"
    return f"{t.get('indicator')} {t.get('kind') or 'level'} {value} {t.get('unit')} {t.get('year')} | {ev[:60]}"


def _relations(kind: str, drafted: list[dict[str, Any]], curated: list[dict[str, Any]],
               mapping: dict[str, str]) -> Score:
    def key(rec: dict[str, Any], mapped: bool) -> tuple:
        m = (lambda x: mapping.get(x, x)) if mapped else (lambda x: x)
        if kind == "park_chains":
            return (m(rec.get("park")), m(rec.get("chain")))
        if kind == "enterprise_roles":
            return (m(rec.get("enterprise")), rec.get("role"))
        return (m(rec.get("park")), rec.get("relation"), m(rec.get("other")))

    d_keys = {key(r, True) for r in drafted}
    g_keys = {key(r, False) for r in curated}
    tp = len(d_keys & g_keys)
    return Score(tp, len(d_keys) - tp, len(g_keys) - tp)
