"""Everything the detectors share about one document: texts, segments, lexicon, names found."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from parkgraph.loaders.drafting.clean import Cleaned
from parkgraph.loaders.drafting.lexicon import Lexicon
from parkgraph.loaders.drafting.model import Evidence, Hit, Proposal
from parkgraph.loaders.drafting.segment import Segments
from parkgraph.loaders.drafting.tables import Table, find_tables

_TRIM = " \n,，。;；:：、"
QUOTE_LIMIT = 150


class TakenIds(Collection[str]):
    """The ids of the registry, the excluded ids and a draft's proposals, without copying them.

    A national registry has hundreds of thousands of ids; a proposal only asks whether a few
    candidate ids are free.
    """

    def __init__(self, *parts: Collection[str] | Mapping[str, object]) -> None:
        self._parts = parts

    def __contains__(self, ident: object) -> bool:
        return any(ident in part for part in self._parts)

    def __iter__(self) -> Iterator[str]:
        seen: set[str] = set()
        for part in self._parts:
            for ident in part:
                if ident not in seen:
                    seen.add(ident)
                    yield ident

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass
class Meta:
    """Source metadata found in the text."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    date: str | None = None
    issuer: str | None = None
    kind: str | None = None
    plan_year: int | None = None
    period: tuple[int, int] | None = None
    subject_parks: list[str] = field(default_factory=list)
    subject_region: str | None = None
    self_policy: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(eq=False)
class DocContext:
    """One document being drafted."""

    file: str
    original: str
    encoding: str
    cleaned: Cleaned
    seg: Segments
    lexicon: Lexicon
    hits: list[Hit] = field(default_factory=list)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    meta: Meta = field(default_factory=Meta)
    park_bases: dict[str, str] = field(default_factory=dict)  # id a park name would get -> proposal
    parents: dict[str, str] = field(default_factory=dict)     # proposed sub-zone -> its park
    _by_name: dict[tuple[str, str], str] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cleaned text."""
        return self.cleaned.text

    @cached_property
    def tables(self) -> list[Table]:
        """The flattened tables of the original text (parsed once)."""
        return find_tables(self.original)

    # ------------------------------------------------------------ evidence
    def evidence(self, start: int, end: int) -> Evidence:
        """The original quote behind cleaned span [start, end), trimmed of edge punctuation."""
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        a, b = self.cleaned.orig_span(start, end)
        return Evidence(self.original[a:b], a, b)

    def sentence_evidence(self, start: int, end: int, limit: int = QUOTE_LIMIT) -> Evidence:
        """The sentence around [start, end), cut to the clauses near it when longer than ``limit``."""
        sent = self.seg.sentence(start)
        if sent.end - sent.start <= limit and end <= sent.end:
            return self.evidence(sent.start, sent.end)
        a = self.seg.clause(start)
        lo, hi = a.start, max(a.end, end)
        while True:
            grown = False
            if lo > sent.start:
                prev = self.seg.clause(lo - 1)
                if hi - prev.start <= limit:
                    lo, grown = prev.start, True
            if hi < sent.end:
                nxt = self.seg.clause(hi)
                if nxt.end - lo <= limit:
                    hi, grown = nxt.end, True
            if not grown:
                break
        if hi - lo > limit:
            lo = max(lo, start - limit // 2)
            hi = min(hi, max(end, lo + limit))
        return self.evidence(lo, hi)

    # ------------------------------------------------------------ names found
    def set_hits(self, hits: list[Hit]) -> None:
        """Replace the recognised names (kept sorted by position)."""
        self.hits = sorted(hits, key=lambda h: (h.start, -h.end))
        self._starts = [h.start for h in self.hits]

    def hits_in(self, start: int, end: int, kinds: tuple[str, ...] | None = None) -> list[Hit]:
        """Names that start within [start, end), optionally of some kinds only."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.hits) and self.hits[i].start < end:
            h = self.hits[i]
            if kinds is None or h.kind in kinds:
                out.append(h)
            i += 1
        return out

    def kind_of(self, ident: str) -> str | None:
        """Kind of a registry id or of a proposed id."""
        if ident in self.proposals:
            return self.proposals[ident].kind
        return self.lexicon.kind_of(ident)

    def name_of(self, ident: str) -> str:
        """Canonical name of a registry or proposed entity."""
        if ident in self.proposals:
            return self.proposals[ident].name
        entry = self.lexicon.entries.get(ident)
        return entry.name if entry else ident

    # ------------------------------------------------------------ proposals
    def taken_ids(self) -> TakenIds:
        """Ids used by the registry or by this draft's proposals (a view: no copy of the registry)."""
        return TakenIds(self.lexicon.entries, self.proposals, self.lexicon.excluded)

    def add_alias(self, ident: str, name: str) -> None:
        """Record ``name`` as another form of the proposed entity ``ident``."""
        prop = self.proposals[ident]
        if name != prop.name and name not in prop.record.setdefault("aliases", []):
            prop.record["aliases"].append(name)
        self._by_name[(prop.kind, name)] = ident

    def propose(self, kind: str, name: str, build: Callable[[Collection[str]], dict[str, Any]],
                confidence: float) -> str:
        """Id of the proposed entity called ``name`` (made by ``build(taken ids)`` the first time)."""
        key = (kind, name)
        if key in self._by_name:
            ident = self._by_name[key]
            prop = self.proposals[ident]
            prop.confidence = max(prop.confidence, confidence)
            return ident
        record = build(self.taken_ids())
        prop = Proposal(kind, record, confidence)
        self.proposals[prop.id] = prop
        self._by_name[key] = prop.id
        return prop.id
