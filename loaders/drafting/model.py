"""What a draft is made of: evidence, recognised names, drafted facts and proposed entities."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# the sections of a document extract, in the curated order
SECTIONS = ("mentions", "park_chains", "enterprise_roles", "park_relations", "policies",
            "policy_relations", "targets")
# registry file stem of each entity kind a draft may propose
PROPOSAL_FILES = {"park": "parks", "chain": "chains", "enterprise": "enterprises",
                  "policy": "policies", "indicator": "indicators", "org": "organizations",
                  "region": "regions"}
# fields a draft adds to the curated format (removed when a draft is merged)
DRAFT_ONLY_FIELDS = ("confidence", "offsets")
# the note a draft puts on mentions of proposed entities (dropped at merge, when they are no longer new)
PROPOSED_NOTE = "New entity proposed by the drafter; see the registry block."


@dataclass(frozen=True)
class Evidence:
    """A quote copied verbatim from the original text, with its original offsets."""

    quote: str
    start: int
    end: int


@dataclass
class Hit:
    """A name recognised in the cleaned text: a registry entity or a proposed one."""

    kind: str            # park, chain, enterprise, policy, region, org, indicator
    id: str
    start: int           # cleaned offsets
    end: int
    surface: str         # the name as written (cleaned form)
    proposed: bool = False
    confidence: float = 0.9
    note: str | None = None
    inside: str | None = None  # the park whose name this chain or enterprise was read in


@dataclass
class Item:
    """One drafted fact of a document section, with its evidence and confidence."""

    section: str
    fields: dict[str, Any]
    evidence: list[Evidence]
    confidence: float
    note: str | None = None
    anchor: int | None = None   # where in the cleaned text the item was found (not written out)

    def as_record(self, draft_fields: bool = True) -> dict[str, Any]:
        """The record in the curated format (plus ``offsets`` and ``confidence`` for a draft)."""
        rec: dict[str, Any] = {k: v for k, v in self.fields.items() if v is not None and v != []}
        quotes = [e.quote for e in self.evidence]
        rec["evidence"] = quotes[0] if len(quotes) == 1 else quotes
        if self.note:
            rec["note"] = self.note
        if draft_fields:
            spans = [[e.start, e.end] for e in self.evidence]
            rec["offsets"] = spans[0] if len(spans) == 1 else spans
            rec["confidence"] = round(self.confidence, 2)
        return rec


@dataclass
class Proposal:
    """A new registry entity the draft proposes, in the registry's own format."""

    kind: str
    record: dict[str, Any]
    confidence: float

    @property
    def id(self) -> str:
        """The proposed id."""
        return str(self.record["id"])

    @property
    def name(self) -> str:
        """The proposed name (a policy's title)."""
        return str(self.record.get("name") or self.record.get("title"))

    def as_record(self, draft_fields: bool = True) -> dict[str, Any]:
        """The registry record (plus ``confidence`` for a draft)."""
        rec = {k: v for k, v in self.record.items() if v is not None and v != []}
        if draft_fields:
            rec["confidence"] = round(self.confidence, 2)
        return rec


@dataclass
class Draft:
    """A drafted extract: source metadata, facts by section, proposed registry entities."""

    source: dict[str, Any]
    sections: dict[str, list[Item]] = field(default_factory=lambda: {s: [] for s in SECTIONS})
    proposals: list[Proposal] = field(default_factory=list)
    encoding: str = "utf-8"

    def items(self, section: str) -> list[Item]:
        """The drafted items of one section."""
        return self.sections.setdefault(section, [])

    def as_dict(self, draft_fields: bool = True) -> dict[str, Any]:
        """The draft as plain data in the curated layout (``registry`` block last)."""
        out: dict[str, Any] = {"source": {k: v for k, v in self.source.items() if v not in (None, [], "")}}
        for name in SECTIONS:
            out[name] = [item.as_record(draft_fields) for item in self.sections.get(name, [])]
        if self.proposals:
            registry: dict[str, list[dict[str, Any]]] = {}
            for prop in self.proposals:
                registry.setdefault(PROPOSAL_FILES[prop.kind], []).append(prop.as_record(draft_fields))
            out["registry"] = registry
        return out
