"""The registry and the SKOS taxonomy of an extracts folder, as the drafter's lexicon.

Every name and alias (OCR variants included) of every registry entity is put in one
dictionary matcher, so one pass over a text finds parks, chains, enterprises, policies,
regions, organizations and indicators, longest name first. The registry is read and its
names indexed once per registry content (``load_lexicon``); a lexicon that leaves some ids
out (held-out drafting) is a view of that index, not a second one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from parkgraph.loaders.drafting import registry_cache
from parkgraph.loaders.drafting.matcher import Matcher
from parkgraph.loaders.drafting.registry import Entries, Entry, RegistryIndex, read_registry
from parkgraph.loaders.yamlio import collector_paused

__all__ = ["KIND_PRIORITY", "TOP_LEVEL_PARK_KINDS", "Entry", "Lexicon", "build_lexicon", "load_lexicon",
           "read_registry"]

# when one surface form names entities of several kinds, the first kind here is preferred
KIND_PRIORITY = ("park", "enterprise", "policy", "chain", "org", "region", "indicator")
TOP_LEVEL_PARK_KINDS = {"etdz", "hidz", "ez", "iz", "ip", "epz"}


@dataclass(eq=False)
class Lexicon:
    """Registry entries by id, a matcher over all their names, and the chain hierarchy."""

    entries: Entries
    matcher: Matcher[str]
    excluded: frozenset[str] = frozenset()
    _by_kind: dict[str, tuple[Entry, ...]] = field(default_factory=dict, init=False, repr=False)

    @cached_property
    def _top_parks_by_region(self) -> dict[str, tuple[str, ...]]:
        """Top-level park ids by region id, in registry order."""
        groups: dict[str, list[str]] = {}
        for entry in self.of_kind("park"):
            region = entry.data.get("region")
            if isinstance(region, str) and self.is_top_level_park(entry.id):
                groups.setdefault(region, []).append(entry.id)
        return {region: tuple(ids) for region, ids in groups.items()}

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        """Entries of one kind, in registry order (grouped once per kind: asked per figure)."""
        found = self._by_kind.get(kind)
        if found is None:
            found = self._by_kind[kind] = self.entries.of_kind(kind)
        return found

    def top_level_parks_in(self, region: str) -> tuple[str, ...]:
        """Ids of the top-level parks whose ``region`` is ``region``, in registry order."""
        return self._top_parks_by_region.get(region, ())

    def kind_of(self, ident: str) -> str | None:
        """The kind of a registry id, or None."""
        return self.entries.kind_of(ident)

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


def _matcher(index: RegistryIndex) -> Matcher[str]:
    return Matcher.of_values(index.names)


def build_lexicon(entries: list[Entry], exclude: frozenset[str] = frozenset()) -> Lexicon:
    """A lexicon of ``entries`` minus the ids in ``exclude``."""
    return lexicon_of(RegistryIndex.of(entries), exclude)


def lexicon_of(index: RegistryIndex, exclude: frozenset[str] = frozenset(),
               matcher: Matcher[str] | None = None) -> Lexicon:
    """The lexicon of a registry index minus the ids in ``exclude``.

    ``matcher`` is the index's matcher when the caller already has one: excluded ids are
    then left out by a view of it rather than by a new automaton.
    """
    base = matcher if matcher is not None else _matcher(index)
    entries = Entries.of(index)
    if exclude:
        entries, base = entries.without(exclude), base.without(exclude)
    return Lexicon(entries, base, exclude)


def load_lexicon(extracts_dir: Path, exclude: frozenset[str] = frozenset()) -> Lexicon:
    """The lexicon of an extracts folder (cached until a registry file changes)."""
    registry_dir = Path(extracts_dir) / "registry"
    stamp = tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(registry_dir.glob("*.yaml")) if p.is_file()
    )
    return _cached(os.path.abspath(registry_dir), stamp, exclude)


def read_index(registry_dir: Path) -> RegistryIndex:
    """The index of a registry folder: from the on-disk cache when its files are known, else read.

    A registry large enough to be worth it is written to the cache, unless a file changed while
    it was read (the digest is taken again after reading).
    """
    directory = registry_cache.cache_dir()
    digest: str | None = None
    if directory is not None:
        try:
            digest, size = registry_cache.registry_digest(registry_dir)
        except OSError:
            digest = None  # read_registry will say what is wrong with the file
        else:
            if size < registry_cache.MIN_BYTES:
                digest = None
            else:
                cached = registry_cache.load(directory, digest)
                if cached is not None:
                    return cached
    index = RegistryIndex.of(read_registry(registry_dir))
    if directory is not None and digest is not None:
        try:
            unchanged = registry_cache.registry_digest(registry_dir)[0] == digest
        except OSError:
            unchanged = False
        if unchanged:
            registry_cache.store(directory, digest, index)
    return index


@lru_cache(maxsize=4)
def _registry(registry_dir: str, stamp: tuple) -> tuple[RegistryIndex, Matcher[str]]:
    """A registry's index and the matcher of all its names: made once per registry state."""
    with collector_paused():
        index = read_index(Path(registry_dir))
        matcher = _matcher(index)
        matcher.build()
    return index, matcher


@lru_cache(maxsize=16)
def _cached(registry_dir: str, stamp: tuple, exclude: frozenset[str]) -> Lexicon:
    index, matcher = _registry(registry_dir, stamp)
    return lexicon_of(index, exclude, matcher)


def forget_registries() -> None:
    """Drop the registries this process has indexed: the next draft reads its registry again
    (from the on-disk copy when there is one), as a new process would (for benchmarks)."""
    _cached.cache_clear()
    _registry.cache_clear()
