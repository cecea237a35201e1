"""Add a reviewed draft to the curated extracts: its document file and its proposed entities.

Nothing curated is overwritten. The merge is refused, with a message naming what clashes, when

* the source is already curated (a document file exists for it, or another extract cites it),
* a proposed id is already used by a different entity,
* a proposed name or alias is already claimed by another entity of the same kind,
* the source file is not in the sources folder, or
* the merged extracts would not load (every problem of ``load_extracts`` is reported).

The result is checked with ``load_extracts`` on a temporary copy before the real folder is
touched; then registry files (appended to, never rewritten) and the document are written
atomically, registry first, so an interruption never leaves a document citing missing ids.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from parkgraph.errors import ExtractError, ParkgraphError
from parkgraph.graph.export import atomic_write
from parkgraph.loaders.drafting.lexicon import Entry, read_registry
from parkgraph.loaders.drafting.matcher import name_key
from parkgraph.loaders.drafting.model import DRAFT_ONLY_FIELDS, PROPOSED_NOTE, SECTIONS
from parkgraph.loaders.drafting.yamlout import dump_document, dump_yaml
from parkgraph.loaders.extracts import load_extracts
from parkgraph.loaders.schema import REGISTRY, REGISTRY_ORDER


class MergeConflict(ParkgraphError):
    """A draft cannot be merged without overwriting or contradicting curated data."""

    exit_code = 2


@dataclass
class MergeResult:
    """What a merge wrote: the document file and the registry ids added per registry file."""

    document: Path
    added: dict[str, list[str]] = field(default_factory=dict)
    already_known: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line per file written."""
        lines = [f"added {self.document}"]
        for stem, ids in self.added.items():
            lines.append(f"added {len(ids)} {stem}: {', '.join(ids)}")
        if self.already_known:
            lines.append(f"already in the registry (kept as curated): {', '.join(self.already_known)}")
        return "\n".join(lines)


def _load_draft(draft_yaml: Path | str) -> tuple[dict[str, Any], str]:
    if isinstance(draft_yaml, Path):
        try:
            text = draft_yaml.read_text(encoding="utf-8")
        except OSError as exc:
            raise MergeConflict(f"cannot read draft {draft_yaml}: {exc.strerror}") from exc
        where = str(draft_yaml)
    else:
        text, where = draft_yaml, "the draft"
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MergeConflict(f"{where} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("source"), dict):
        raise MergeConflict(f"{where} is not a draft extract (no 'source' block)")
    return data, where


def _strip(rec: Any) -> Any:
    if isinstance(rec, dict):
        return {k: v for k, v in rec.items()
                if k not in DRAFT_ONLY_FIELDS and not (k == "note" and v == PROPOSED_NOTE)}
    return rec


def split_draft(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The curated document (draft-only fields removed) and the proposed registry entries by file."""
    doc: dict[str, Any] = {"source": {k: v for k, v in data["source"].items() if v not in (None, "", [])}}
    for name in SECTIONS:
        doc[name] = [_strip(r) for r in data.get(name) or []]
    registry = {stem: [_strip(r) for r in recs or []] for stem, recs in (data.get("registry") or {}).items()}
    return doc, registry


def merge_draft(draft_yaml: Path | str, extracts_dir: Path | str,
                sources_dir: Path | str | None = None) -> MergeResult:
    """Merge a reviewed draft (a YAML file, or YAML text) into ``extracts_dir``.

    ``sources_dir`` defaults to the ``sources`` folder next to ``extracts_dir``; the draft's
    source file must already be there. Raises MergeConflict (nothing written) on any clash.
    """
    extracts_dir = Path(extracts_dir)
    sources_dir = Path(sources_dir) if sources_dir is not None else extracts_dir.parent / "sources"
    data, where = _load_draft(draft_yaml)
    doc, proposals = split_draft(data)
    source_file = str(doc["source"].get("file") or "")
    if not source_file:
        raise MergeConflict(f"{where}: the source block has no 'file'")
    if not (sources_dir / source_file).is_file():
        raise MergeConflict(f"source file {source_file} is not in {sources_dir}: copy it there before merging")
    doc_path = extracts_dir / "documents" / f"{Path(source_file).stem}.yaml"
    _check_not_curated(extracts_dir, source_file, doc_path)
    entries = read_registry(extracts_dir / "registry")
    additions, known = _check_proposals(proposals, entries, extracts_dir / "registry")

    texts = {stem: _appended(extracts_dir / "registry" / f"{stem}.yaml", recs)
             for stem, recs in additions.items() if recs}
    doc_text = dump_document(doc)
    _validate_copy(extracts_dir, sources_dir, texts, doc_path, doc_text)
    for stem, text in texts.items():
        atomic_write(extracts_dir / "registry" / f"{stem}.yaml", lambda f, t=text: f.write(t.encode("utf-8")))
    atomic_write(doc_path, lambda f: f.write(doc_text.encode("utf-8")))
    return MergeResult(doc_path, {stem: [str(r["id"]) for r in recs] for stem, recs in additions.items() if recs},
                       known)


def _check_not_curated(extracts_dir: Path, source_file: str, doc_path: Path) -> None:
    if doc_path.exists():
        raise MergeConflict(f"{source_file} is already curated in {doc_path}: edit that file instead of "
                            "merging a new draft")
    for other in sorted((extracts_dir / "documents").glob("*.yaml")):
        try:
            data = yaml.safe_load(other.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("source"), dict) and \
                data["source"].get("file") == source_file:
            raise MergeConflict(f"{source_file} is already curated in {other}: edit that file instead of "
                                "merging a new draft")


def _check_proposals(proposals: dict[str, list[dict[str, Any]]], entries: list[Entry], registry_dir: Path
                     ) -> tuple[dict[str, list[dict[str, Any]]], list[str]]:
    by_id = {e.id: e for e in entries}
    owners: dict[tuple[str, str], Entry] = {}
    for e in entries:
        for n in e.names:
            owners.setdefault((e.kind, name_key(n)), e)
    additions: dict[str, list[dict[str, Any]]] = {}
    known: list[str] = []
    new_names: dict[tuple[str, str], str] = {}
    for stem, recs in proposals.items():
        if stem not in REGISTRY:
            raise MergeConflict(f"unknown registry file {stem!r} in the draft's registry block "
                                f"(expected one of: {', '.join(REGISTRY_ORDER)})")
        kind = REGISTRY[stem][0]
        for rec in recs:
            ident = rec.get("id") if isinstance(rec, dict) else None
            if not isinstance(ident, str):
                raise MergeConflict(f"a proposed {kind} in the draft has no id")
            name = str(rec.get("name") or rec.get("title") or "")
            names = [name, *[a for a in rec.get("aliases") or [] if isinstance(a, str)]]
            existing = by_id.get(ident)
            if existing is not None:
                if existing.kind == kind and name_key(name) in {name_key(n) for n in existing.names}:
                    known.append(ident)
                    continue
                raise MergeConflict(
                    f"id {ident!r} is already used by {existing.kind} {existing.name!r} "
                    f"({registry_dir / (_stem(existing.kind) + '.yaml')}): give the proposed {kind} {name!r} "
                    "another id")
            if any(r.get("id") == ident for rs in additions.values() for r in rs):
                raise MergeConflict(f"id {ident!r} is proposed twice in the draft")
            for n in names:
                owner = owners.get((kind, name_key(n)))
                if owner is not None:
                    raise MergeConflict(
                        f"name {n!r} of the proposed {kind} {ident!r} is already claimed by {owner.id!r} "
                        f"({registry_dir / (_stem(kind) + '.yaml')}): use {owner.id!r} in the draft or drop "
                        "the name")
                other = new_names.get((kind, name_key(n)))
                if other is not None and other != ident:
                    raise MergeConflict(f"name {n!r} is claimed by two proposed {kind}s: {other!r} and {ident!r}")
                new_names[(kind, name_key(n))] = ident
            additions.setdefault(stem, []).append(rec)
    return additions, known


def _stem(kind: str) -> str:
    return next(stem for stem, (k, _spec) in REGISTRY.items() if k == kind)


def _appended(path: Path, records: list[dict[str, Any]]) -> str:
    """The registry file's text with ``records`` appended as block entries (the rest untouched)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = "\n".join(dump_yaml([rec]) for rec in records)
    sep = "" if not old or old.endswith("\n\n") else ("\n" if old.endswith("\n") else "\n\n")
    return old + sep + new


def _validate_copy(extracts_dir: Path, sources_dir: Path, registry_texts: dict[str, str],
                   doc_path: Path, doc_text: str) -> None:
    """Load the merged extracts from a temporary copy; raise MergeConflict with every problem."""
    with tempfile.TemporaryDirectory(prefix="parkgraph-merge-") as tmp:
        copy = Path(tmp) / "extracts"
        shutil.copytree(extracts_dir, copy)
        for stem, text in registry_texts.items():
            (copy / "registry" / f"{stem}.yaml").write_text(text, encoding="utf-8")
        (copy / "documents").mkdir(exist_ok=True)
        (copy / "documents" / doc_path.name).write_text(doc_text, encoding="utf-8")
        try:
            load_extracts(copy, sources_dir)
        except ExtractError as exc:
            lines = [str(p).replace(str(copy), str(extracts_dir)) for p in exc.problems]
            raise MergeConflict("the merged extracts would not load; nothing was written:\n"
                                + "\n".join(lines)) from exc
