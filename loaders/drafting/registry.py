"""The registry files of an extracts folder as the drafter reads them: entries by id and a name index.

A national registry holds hundreds of thousands of enterprises, and a draft looks at a few
dozen of them. So the records are kept as parsed, and an ``Entry`` is made from a record
only when a detector asks for it; what must cover every entity (the names to match, the
ids of one kind) is computed once per registry in ``RegistryIndex``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parkgraph.loaders.drafting.matcher import name_key
from parkgraph.loaders.schema import REGISTRY, REGISTRY_ORDER
from parkgraph.loaders.yamlio import read_yaml

Record = tuple[str, dict[str, Any]]  # (kind, the registry record as parsed)


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


def entry_of(kind: str, rec: dict[str, Any]) -> Entry | None:
    """The entry of one registry record, or None when it has no id or no name."""
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
                entry = entry_of(kind, rec)
                if entry is not None:
                    out.append(entry)
    return out


def entry_names(entry: Entry) -> set[str]:
    """The names an entry is matched by: name, aliases and a policy's 文号 (two characters or more)."""
    names = set(entry.names)
    if entry.kind == "policy" and isinstance(entry.data.get("doc_number"), str):
        names.add(entry.data["doc_number"])
    return {n for n in names if len(n) >= 2}


def plain(value: Any) -> Any:
    """``value`` with every mapping a plain dict (YAML gives LineDicts), so it can be stored."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


@dataclass(frozen=True)
class RegistryIndex:
    """What the drafter needs of a whole registry, computed once.

    ``records``: id -> (kind, record), one per id (the last record of an id, at the place of
    its first), as a dict of the entries would keep them. ``names``: name key -> ids, every
    name of every record, ids in registry order. ``kinds``: kind -> ids in registry order.
    """

    records: dict[str, Record]
    names: dict[str, list[str]]
    kinds: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, entries: list[Entry]) -> RegistryIndex:
        """The index of ``entries`` (as ``read_registry`` returns them)."""
        unique = {e.id: e for e in entries}
        records = {ident: (e.kind, plain(e.data)) for ident, e in unique.items()}
        names: dict[str, list[str]] = {}
        for entry in unique.values():
            for name in entry_names(entry):
                key = name_key(name)
                if key:
                    names.setdefault(key, []).append(entry.id)
        return cls(records, names, kinds_of(records))


def kinds_of(records: dict[str, Record]) -> dict[str, tuple[str, ...]]:
    """Ids by kind, in registry order."""
    groups: dict[str, list[str]] = {}
    for ident, (kind, _rec) in records.items():
        groups.setdefault(kind, []).append(ident)
    return {kind: tuple(ids) for kind, ids in groups.items()}


class Entries(Mapping[str, Entry]):
    """Registry entries by id, less the excluded ids; each ``Entry`` made on first access.

    Views made by ``without`` share the records and the entries already made.
    """

    def __init__(self, records: dict[str, Record], kinds: dict[str, tuple[str, ...]],
                 exclude: frozenset[str] = frozenset(), made: dict[str, Entry] | None = None) -> None:
        self._records = records
        self._kinds = kinds
        self._exclude = exclude
        self._made: dict[str, Entry] = {} if made is None else made

    @classmethod
    def of(cls, index: RegistryIndex) -> Entries:
        """All the entries of a registry index."""
        return cls(index.records, index.kinds)

    def without(self, exclude: frozenset[str]) -> Entries:
        """A view without the ids in ``exclude``."""
        return Entries(self._records, self._kinds, self._exclude | exclude, self._made)

    def __getitem__(self, ident: str) -> Entry:
        if ident in self._exclude:
            raise KeyError(ident)
        entry = self._made.get(ident)
        if entry is None:
            kind, rec = self._records[ident]
            made = entry_of(kind, rec)
            if made is None:  # not kept by RegistryIndex.of; only a hand-made index has one
                raise KeyError(ident)
            entry = self._made[ident] = made
        return entry

    def get(self, ident: str, default: Any = None) -> Any:  # type: ignore[override]
        """The entry of ``ident``, or ``default`` (without raising for the many unknown ids)."""
        return self[ident] if ident in self else default

    def __contains__(self, ident: object) -> bool:
        return ident in self._records and ident not in self._exclude

    def __iter__(self) -> Iterator[str]:
        exclude = self._exclude
        return (i for i in self._records if i not in exclude) if exclude else iter(self._records)

    def __len__(self) -> int:
        return len(self._records) - sum(1 for i in self._exclude if i in self._records)

    def kind_of(self, ident: str) -> str | None:
        """The kind of an id (no entry is made), or None."""
        if ident in self._exclude:
            return None
        rec = self._records.get(ident)
        return rec[0] if rec else None

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        """Entries of one kind, in registry order."""
        return tuple(self[i] for i in self._kinds.get(kind, ()) if i not in self._exclude)
