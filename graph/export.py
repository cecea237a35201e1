"""Deterministic exports: the same input gives byte-identical files.

Quads are sorted before serialisation (Oxigraph's fast serialisers keep the
order they are given), the union formats drop duplicate triples, and every
write goes through a temporary file and an atomic rename.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from parkgraph.errors import OutputError
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import PREFIXES

FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {  # name -> (format, keeps named graphs)
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
}
SUFFIXES = {"turtle": ".ttl", "ntriples": ".nt", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}


def _key(term: object) -> str:
    return str(term)


def sorted_statements(kg: KnowledgeGraph, named_graphs: bool) -> list[ox.Quad] | list[ox.Triple]:
    """All quads sorted by graph, subject, predicate, object; or the union's triples, sorted."""
    if named_graphs:
        quads = list(kg.ox_quads())
        quads.sort(key=lambda q: (_key(q.graph_name), _key(q.subject), _key(q.predicate), _key(q.object)))
        return quads
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in kg.ox_quads()}
    return sorted(triples, key=lambda t: (_key(t.subject), _key(t.predicate), _key(t.object)))


def serialize(kg: KnowledgeGraph, fmt: str, out: IO[bytes]) -> None:
    """Write the graph to a binary stream in ``fmt`` (turtle, ntriples, trig, nquads, jsonld)."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, named = FORMATS[fmt]
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    ox.serialize(sorted_statements(kg, named), out, format=rdf_format, prefixes=prefixes)


def export(kg: KnowledgeGraph, fmt: str, path: Path) -> int:
    """Write the graph to ``path`` atomically; returns the number of bytes written."""
    buf = io.BytesIO()
    serialize(kg, fmt, buf)
    data = buf.getvalue()
    atomic_write(path, lambda f: f.write(data))
    return len(data)


def atomic_write(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through a temporary file in the same folder and an atomic rename.

    A failure midway leaves any existing file untouched and no temporary file behind.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def iter_formats() -> Iterator[str]:
    return iter(FORMATS)
