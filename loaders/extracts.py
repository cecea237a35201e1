"""Load and check the curated extracts: the registry and one file per document.

Every problem found is collected (file, line, plain message) and raised together
as one ExtractError, so a curator fixes a batch at once instead of one per run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parkgraph.errors import ExtractError, Problem
from parkgraph.loaders.evidence import NormalisedText
from parkgraph.loaders.fields import as_decimal, check_record, kind_name
from parkgraph.loaders.schema import DOCUMENT_KEYS, REGISTRY, REGISTRY_ORDER, SECTIONS, SOURCE
from parkgraph.loaders.yamlio import LineDict, read_yaml


@dataclass
class Entity:
    """A registry entry: its kind (``park``, ``chain`` …), id, fields and where it was written."""

    kind: str
    id: str
    data: LineDict
    path: Path

    @property
    def name(self) -> str:
        return str(self.data.get("name") or self.data.get("title"))

    @property
    def aliases(self) -> list[str]:
        return list(self.data.get("aliases") or [])


@dataclass(frozen=True)
class Quote:
    """An evidence quote and where it stands in the original source text."""

    text: str
    start: int
    end: int


@dataclass
class Document:
    """One document extract, checked, with each record's quotes located."""

    path: Path
    doc_id: str
    source: LineDict
    text: str
    sections: dict[str, list[LineDict]]
    quotes: dict[int, list[Quote]] = field(default_factory=dict)  # id(record) -> quotes

    def quotes_of(self, rec: LineDict) -> list[Quote]:
        return self.quotes.get(id(rec), [])


@dataclass
class Extracts:
    """The whole curated corpus, ready for the RDF loader."""

    entities: dict[str, Entity]
    documents: list[Document]

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]


def doc_id_for(source_file: str) -> str:
    """Document id from its file name: ``002_4861e.txt`` -> ``002-4861e``."""
    stem = Path(source_file).stem.lower()
    return "".join(c if c.isalnum() else "-" for c in stem).strip("-")


def read_source(path: Path) -> str:
    """A source text: UTF-8, or GB18030 as Chinese government sites often serve."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


class ExtractReader:
    """Reads extracts in two steps so that a large corpus streams through memory:
    the registry first (checked at once), then the documents one at a time.

    Problems are collected as it goes; :meth:`finish` raises them all together.
    """

    def __init__(self, extracts_dir: Path, sources_dir: Path) -> None:
        if not extracts_dir.is_dir():
            raise ExtractError([Problem(extracts_dir, None, "extracts folder not found")])
        self.sources_dir = sources_dir
        self.problems: list[Problem] = []
        self._seen_sources: dict[str, Path] = {}
        self.entities = _load_registry(extracts_dir / "registry", self.problems)
        self._resolve = _resolver(self.entities)
        for ent in self.entities.values():
            spec = REGISTRY[_file_key(ent.kind)][1]
            self.problems += check_record(ent.data, spec, ent.path, f"{ent.kind} {ent.id!r}", self._resolve)
        self.problems += _cycles(self.entities, "chain", "broader") + _cycles(self.entities, "region", "within")
        self.problems += _alias_clashes(self.entities)
        documents_dir = extracts_dir / "documents"
        self.document_paths = sorted(documents_dir.glob("*.yaml")) if documents_dir.is_dir() else []
        if not self.document_paths:
            self.problems.append(Problem(documents_dir, None, "no document extracts (*.yaml) found"))

    def documents(self) -> Iterator[Document]:
        """Each document that checks out, in file order (the others add to ``problems``)."""
        for path in self.document_paths:
            doc, problems = self.load_document(path)
            self.problems += problems
            if doc is None:
                continue
            self.note_source(path, str(doc.source["file"]), doc.source.line_of("file"))
            yield doc

    def load_document(self, path: Path) -> tuple[Document | None, list[Problem]]:
        """Read and check one document extract against the registry (safe to call in a worker
        process: it changes nothing in the reader). The document is None if it cannot be used."""
        problems: list[Problem] = []
        try:
            return _load_document(path, self.sources_dir, self._resolve, problems), problems
        except ExtractError as exc:
            return None, problems + exc.problems

    def note_source(self, path: Path, source_file: str, line: int | None) -> None:
        """Record that ``path`` curates ``source_file``: a second extract of one source is a problem."""
        first = self._seen_sources.setdefault(source_file, path)
        if first != path:
            self.problems.append(Problem(path, line, f"source {source_file} is already curated in {first}"))

    def finish(self) -> None:
        """Raise every problem found, if any."""
        if self.problems:
            raise ExtractError(self.problems)


def load_extracts(extracts_dir: Path, sources_dir: Path) -> Extracts:
    """Read and check ``extracts_dir`` (registry/ and documents/) against ``sources_dir``."""
    reader = ExtractReader(extracts_dir, sources_dir)
    documents = list(reader.documents())
    reader.finish()
    return Extracts(reader.entities, documents)


def _file_key(kind: str) -> str:
    return next(k for k, (kd, _) in REGISTRY.items() if kd == kind)


def _load_registry(registry_dir: Path, problems: list[Problem]) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    if not registry_dir.is_dir():
        problems.append(Problem(registry_dir, None, "registry folder not found"))
        return entities
    for stem in REGISTRY_ORDER:
        kind = REGISTRY[stem][0]
        path = registry_dir / f"{stem}.yaml"
        if not path.exists():
            problems.append(Problem(path, None, f"registry file {stem}.yaml is missing"))
            continue
        try:
            data = read_yaml(path)
        except ExtractError as exc:
            problems += exc.problems
            continue
        if data is None:
            continue
        if not isinstance(data, list):
            problems.append(Problem(path, None, "expected a list of entries"))
            continue
        for rec in data:
            if not isinstance(rec, LineDict) or not isinstance(rec.get("id"), str):
                line = rec.line if isinstance(rec, LineDict) else None
                problems.append(Problem(path, line, f"{kind} entry without an id"))
                continue
            ident = rec["id"]
            if ident in entities:
                first = entities[ident]
                problems.append(Problem(path, rec.line, f"duplicate id {ident!r} "
                                        f"(already used at {first.path}:{first.data.line})"))
                continue
            entities[ident] = Entity(kind, ident, rec, path)
    for path in sorted(registry_dir.glob("*.yaml")):
        if path.stem not in REGISTRY:
            problems.append(Problem(path, None, f"unknown registry file (expected one of: "
                                    f"{', '.join(s + '.yaml' for s in REGISTRY_ORDER)})"))
    return entities


def _resolver(entities: dict[str, Entity]):
    def resolve(kinds: tuple[str, ...], ident: str) -> str | None:
        ent = entities.get(ident)
        if ent is None:
            return None
        return ent.kind if kinds == ("*",) or ent.kind in kinds else None
    return resolve


def _cycles(entities: dict[str, Entity], kind: str, key: str) -> list[Problem]:
    problems: list[Problem] = []
    parents = {}
    for e in entities.values():
        if e.kind == kind:
            raw = e.data.get(key) or []
            parents[e.id] = [p for p in (raw if isinstance(raw, list) else [raw]) if isinstance(p, str)]
    for start in sorted(parents):
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for parent in parents.get(node, []):
                if parent == start:
                    ent = entities[start]
                    problems.append(Problem(ent.path, ent.data.line_of(key),
                                            f"{kind} {start!r}: circular {key} links: "
                                            f"{' -> '.join(trail + [start])}"))
                    stack = []
                    break
                if parent not in seen:
                    seen.add(parent)
                    stack.append((parent, trail + [parent]))
    return problems


def _alias_clashes(entities: dict[str, Entity]) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, Entity] = {}  # across kinds too: a name must lead to one entity
    for ent in entities.values():
        names = [ent.name, *ent.aliases]
        for name in dict.fromkeys(names):
            key = name
            other = owner.get(key)
            if other is not None and other.id != ent.id:
                problems.append(Problem(ent.path, ent.data.line_of("aliases"),
                                        f"{ent.kind} {ent.id!r}: name {name!r} is already "
                                        f"claimed by {other.id!r} ({other.path}:{other.data.line})"))
            else:
                owner[key] = ent
    return problems


def _load_document(path: Path, sources_dir: Path, resolve, problems: list[Problem]) -> Document | None:
    data = read_yaml(path)
    if not isinstance(data, LineDict):
        problems.append(Problem(path, None, "expected a mapping with a 'source' block and fact sections"))
        return None
    for key in data:
        if key not in DOCUMENT_KEYS:
            problems.append(Problem(path, data.line_of(str(key)), f"unknown section {key!r} "
                                    f"(allowed: {', '.join(sorted(DOCUMENT_KEYS))})"))
    source = data.get("source")
    if not isinstance(source, LineDict):
        problems.append(Problem(path, data.line_of("source"), "missing 'source' block"))
        return None
    own = check_record(source, SOURCE, path, "source", resolve)
    problems += own
    if own:
        return None
    name = str(source["file"])
    if "\0" in name:
        problems.append(Problem(path, source.line_of("file"), f"source file {name!r} is not a valid file name"))
        return None
    src_path = sources_dir / name
    # lexical containment: no ../ or absolute paths out of sources/ (resolve() trips on symlink loops)
    if not Path(os.path.normpath(src_path)).is_relative_to(os.path.normpath(sources_dir)):
        problems.append(Problem(path, source.line_of("file"),
                                f"source file {source['file']!r} is not inside {sources_dir}"))
        return None
    if not src_path.is_file():
        problems.append(Problem(path, source.line_of("file"), f"source file not found: {src_path}"))
        return None
    try:
        text = read_source(src_path)
    except UnicodeDecodeError:
        problems.append(Problem(path, source.line_of("file"),
                                f"source file {src_path} is neither UTF-8 nor GB18030 text"))
        return None
    norm = NormalisedText.of(text)
    sections: dict[str, list[LineDict]] = {}
    doc = Document(path, doc_id_for(str(source["file"])), source, text, sections)
    for name, spec in SECTIONS.items():
        items = data.get(name) or []
        if not isinstance(items, list):
            problems.append(Problem(path, data.line_of(name), f"{name}: expected a list"))
            continue
        good: list[LineDict] = []
        for i, rec in enumerate(items, 1):
            what = f"{name}[{i}]"
            if not isinstance(rec, LineDict):
                problems.append(Problem(path, data.line_of(name),
                                        f"{what}: expected a mapping of fields, got {kind_name(rec)}"))
                continue
            found = check_record(rec, spec, path, what, resolve)
            if not found and name == "targets":
                found = _check_target(rec, path, what)
            if not found:
                quotes, found = _locate(rec, norm, path, what, src_path.name)
                doc.quotes[id(rec)] = quotes
            problems += found
            if not found:
                good.append(rec)
        sections[name] = good
    return doc


def _locate(rec: LineDict, norm: NormalisedText, path: Path, what: str, src_name: str):
    raw = rec["evidence"]
    quotes: list[Quote] = []
    problems: list[Problem] = []
    for q in raw if isinstance(raw, list) else [raw]:
        span = norm.find(q)
        if span is None:
            short = q if len(q) <= 60 else q[:57] + "…"
            problems.append(Problem(path, rec.line_of("evidence"),
                                    f"{what}: evidence not found in {src_name}: {short!r}"))
        else:
            quotes.append(Quote(q, *span))
    return quotes, problems


def _check_target(rec: LineDict, path: Path, what: str) -> list[Problem]:
    problems: list[Problem] = []
    masked = bool(rec.get("masked"))
    value: Any = rec.get("value")
    if masked and value is not None:
        problems.append(Problem(path, rec.line_of("value"), f"{what}: a masked figure has no value (use value: null)"))
    if not masked and value is None:
        problems.append(Problem(path, rec.line, f"{what}: missing value (or set masked: true)"))
    if rec.get("year") is None and not masked:
        problems.append(Problem(path, rec.line, f"{what}: missing year (only a masked figure may omit it)"))
    vmax = rec.get("value_max")
    if vmax is not None and value is not None and as_decimal(vmax) < as_decimal(value):  # type: ignore[operator]
        problems.append(Problem(path, rec.line_of("value_max"), f"{what}: value_max {vmax} is below value {value}"))
    base = rec.get("baseline_year")
    if base is not None and rec.get("year") is not None and base > rec["year"]:
        problems.append(Problem(path, rec.line_of("baseline_year"),
                                f"{what}: baseline_year {base} is after year {rec['year']}"))
    return problems
