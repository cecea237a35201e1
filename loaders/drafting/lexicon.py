"""The registry and the SKOS taxonomy of an extracts folder, as the drafter's lexicon.

Every name and alias (OCR variants included) of every registry entity is put in one
dictionary matcher, so one pass over a text finds parks, chains, enterprises, policies,
regions, organizations and indicators, longest name first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from parkgraph.loaders.drafting.matcher import Matcher
from parkgraph.loaders.schema import REGISTRY, REGISTRY_ORDER
from parkgraph.loaders.yamlio import read_yaml

# when one surface form names entities of several kinds, the first kind here is preferred
KIND_PRIORITY = ("park", "enterprise", "policy", "chain", "org", "region", "indicator")
TOP_LEVEL_PARK_KINDS = {"etdz", "hidz", "ez", "iz", "ip", "epz"}


@dataclass(frozen=True)
class Entry:
    """One registry entity: its kind (``park``, ``chain`` …), id, canonical name and aliases."""

    kind: str
    id: str
    name: str
    aliases: tuple[str, ...]
    data: dict[str, Any] = field(hash=False, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


@dataclass(eq=False)
class Lexicon:
    """Registry entries by id, a matcher over all their names, and the chain hierarchy."""

    entries: dict[str, Entry]
    matcher: Matcher[str]
    excluded: frozenset[str] = frozenset()

    def of_kind(self, kind: str) -> list[Entry]:
        """Entries of one kind, in registry order."""
        return [e for e in self.entries.values() if e.kind == kind]

    def kind_of(self, ident: str) -> str | None:
        """The kind of a registry id, or None."""
        entry = self.entries.get(ident)
        return entry.kind if entry else None

    def parent_park(self, ident: str) -> str | None:
        """The park a sub-zone belongs to, by the registry convention (parent id + part)."""
        parts = ident.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            cand = "-".join(parts[:cut])
            if self.kind_of(cand) == "park":
                return cand
        return None

    def is_top_level_park(self, ident: str) -> bool:
        """True for a development zone or park proper (not a sub-zone, base or other)."""
        entry = self.entries.get(ident)
        return bool(entry and entry.kind == "park" and entry.data.get("kind") in TOP_LEVEL_PARK_KINDS
                    and self.parent_park(ident) is None)

    def region_chain(self, ident: str) -> list[str]:
        """A region id and every region it lies within, most specific first."""
        out: list[str] = []
        while ident and ident not in out:
            out.append(ident)
            entry = self.entries.get(ident)
            ident = str(entry.data.get("within") or "") if entry else ""
        return out

    def broader(self, chain: str) -> list[str]:
        """The broader chains of a chain (SKOS broader), direct ones only."""
        entry = self.entries.get(chain)
        raw = entry.data.get("broader") if entry else None
        return [b for b in (raw or []) if isinstance(b, str)]


def _entry(kind: str, rec: dict[str, Any]) -> Entry | None:
    ident = rec.get("id")
    name = rec.get("name") or rec.get("title")
    if not isinstance(ident, str) or not isinstance(name, str):
        return None
    aliases = tuple(a for a in (rec.get("aliases") or []) if isinstance(a, str) and a.strip())
    return Entry(kind, ident, name, aliases, dict(rec))


def read_registry(registry_dir: Path) -> list[Entry]:
    """Every entry of the registry files that exist in ``registry_dir`` (unchecked)."""
    out: list[Entry] = []
    for stem in REGISTRY_ORDER:
        path = registry_dir / f"{stem}.yaml"
        if not path.is_file():
            continue
        data = read_yaml(path) or []
        kind = REGISTRY[stem][0]
        for rec in data if isinstance(data, list) else []:
            if isinstance(rec, dict):
                entry = _entry(kind, rec)
                if entry is not None:
                    out.append(entry)
    return out


def build_lexicon(entries: list[Entry], exclude: frozenset[str] = frozenset()) -> Lexicon:
    """A lexicon of ``entries`` minus the ids in ``exclude``."""
    kept = {e.id: e for e in entries if e.id not in exclude}
    matcher: Matcher[str] = Matcher()
    for entry in kept.values():
        names = set(entry.names)
        if entry.kind == "policy" and isinstance(entry.data.get("doc_number"), str):
            names.add(entry.data["doc_number"])
        for name in names:
            if len(name) >= 2:
                matcher.add(name, entry.id)
    return Lexicon(kept, matcher, exclude)


def load_lexicon(extracts_dir: Path, exclude: frozenset[str] = frozenset()) -> Lexicon:
    """The lexicon of an extracts folder (cached until a registry file changes)."""
    registry_dir = Path(extracts_dir) / "registry"
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(registry_dir.glob("*.yaml")) if p.is_file()
    )
    return _cached(os.path.abspath(registry_dir), stamp, exclude)


@lru_cache(maxsize=16)
def _cached(registry_dir: str, stamp: tuple, exclude: frozenset[str]) -> Lexicon:
    return build_lexicon(read_registry(Path(registry_dir)), exclude)
