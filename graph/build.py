"""Build the knowledge graph from the curated extracts."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from parkgraph.graph.parallel import DocumentEmitter, default_workers
from parkgraph.graph.store import DEFAULT_ENGINE, KnowledgeGraph, new_graph, open_graph
from parkgraph.loaders.extracts import Document, ExtractReader, Extracts
from parkgraph.loaders.rdf import Quad, document_quads, entity_iris, iri, literal, registry_quads
from parkgraph.namespaces import ONTOLOGY_GRAPH, PREFIXES
from parkgraph.ontology import ontology_graph

DEFAULT_EXTRACTS = Path("extracts")
DEFAULT_SOURCES = Path("sources")


@dataclass
class Build:
    """A built graph and the extracts it came from."""

    graph: KnowledgeGraph
    extracts: Extracts


def ontology_quads(onto: Graph | None = None) -> list[Quad]:
    """The ontology's triples placed in its own named graph (N-Triples syntax)."""
    onto = onto if onto is not None else ontology_graph()
    g = nt_term(ONTOLOGY_GRAPH)
    return [(nt_term(s), nt_term(p), nt_term(o), g) for s, p, o in onto]  # type: ignore[arg-type]


def nt_term(term: URIRef | Literal) -> str:
    """An rdflib term in N-Triples syntax, written by the same helpers as the extracts' quads
    (rdflib's ``n3()`` writes multi-line literals with triple quotes, which N-Quads does not allow)."""
    if isinstance(term, Literal):
        if term.language:
            return literal(str(term), f"@{term.language}")
        if term.datatype is not None and term.datatype != XSD.string:
            return literal(str(term), f"^^<{term.datatype}>")
        return literal(str(term))
    return iri(term)


def nquads_lines(quads: Iterable[Quad]) -> list[str]:
    """Sorted, de-duplicated N-Quads lines: the canonical text of a dataset."""
    return sorted({f"{s} {p} {o} {g} .\n" for s, p, o, g in quads})


Progress = Callable[[str, int, int], None]  # (stage, done, total)

CHUNK = 200_000  # quads per bulk load: bounded memory whatever the size of the corpus
CHUNK_BYTES = 32 << 20  # the same bound for N-Quads emitted by worker processes (about 200k quads)


def build(
    extracts_dir: Path = DEFAULT_EXTRACTS,
    sources_dir: Path = DEFAULT_SOURCES,
    engine: str = DEFAULT_ENGINE,
    store: Path | None = None,
    progress: Progress | None = None,
    keep_documents: bool = True,
    workers: int | None = None,
) -> Build:
    """Check the extracts, emit RDF and bulk-load it in chunks. Raises ExtractError on bad input.

    Documents stream through one at a time (``keep_documents=False`` also frees each after
    loading, for national-scale corpora). ``store``: build into an on-disk Oxigraph store in
    that folder, written aside and swapped in only when the whole build succeeded; the
    returned graph is then opened read-only from it. ``progress(stage, done, total)`` is
    called as documents load. ``workers``: processes that read and emit documents while this
    one loads them (None: one per core for a large corpus built without keeping documents;
    0: all in this process). The result is the same whichever way it is built.
    """
    reader = ExtractReader(extracts_dir, sources_dir)
    if reader.problems:  # a broken registry: report every problem, document ones too, emit nothing
        for _ in reader.documents():
            pass
        reader.finish()
    work = store.with_name(f".{store.name}.building") if store is not None else None
    if work is not None and work.exists():
        shutil.rmtree(work)
    iris = entity_iris(reader.entities)
    registry = Extracts(reader.entities, [])
    if workers is None:
        workers = 0 if keep_documents else default_workers(len(reader.document_paths))
    # the registry is frozen out of the garbage collector while documents load: no process
    # rescans it, and forked workers do not copy its pages by touching it in collections
    with _frozen_heap():
        kg, kept = _load(reader, registry, iris, engine, work, progress, keep_documents, workers)
    if store is not None and work is not None:
        if kg.ox_store is not None:
            kg.ox_store.flush()
            # compact the bulk-loaded files: measured at 10M triples, 24 s once, then scans
            # (exports, whole-graph queries) read 5x faster, read-only opens most of all
            kg.ox_store.optimize()
        kg = None  # type: ignore[assignment]  # drop every handle so RocksDB closes before the move
        gc.collect()
        kg = _swap_in(work, store)
    for prefix, ns in PREFIXES.items():
        kg.dataset.bind(prefix, ns, override=True)
    return Build(kg, Extracts(reader.entities, kept))


def _load(reader: ExtractReader, registry: Extracts, iris: dict[str, str], engine: str, work: Path | None,
          progress: Progress | None, keep_documents: bool, workers: int) -> tuple[KnowledgeGraph, list[Document]]:
    """Emit and bulk-load the ontology, the registry and every document (see :func:`build`)."""
    total = len(reader.document_paths)
    # fork the workers before the store exists: no storage-engine threads in the parent yet
    emitter = DocumentEmitter(reader, registry, iris, workers) if workers > 0 and not keep_documents else None
    try:
        kg = new_graph(engine, work)
    except BaseException:
        if emitter is not None:
            emitter.close()
        raise
    batch: list[str] = []
    chunks: list[bytes] = []
    pending = 0  # bytes waiting in chunks

    def flush() -> None:
        nonlocal pending
        if batch:
            chunks.append("".join(batch).encode("utf-8"))
            batch.clear()
        if chunks:
            kg.load_nquads(b"".join(chunks))
            chunks.clear()
            pending = 0

    def add(quads: Iterable[Quad]) -> None:
        for s, p, o, g in quads:
            batch.append(f"{s} {p} {o} {g} .\n")
            if len(batch) >= CHUNK:
                flush()

    def add_bytes(data: bytes) -> None:
        nonlocal pending
        chunks.append(data)
        pending += len(data)
        if pending >= CHUNK_BYTES:
            flush()

    kept: list[Document] = []
    try:
        add(ontology_quads())
        add(registry_quads(registry, iris))
        flush()
        if emitter is not None:
            for done, emitted in enumerate(emitter, 1):
                reader.problems += emitted.problems
                if emitted.source_file is not None:
                    reader.note_source(emitted.path, emitted.source_file, emitted.source_line)
                if not reader.problems:
                    add_bytes(emitted.nquads)
                if progress:
                    progress("load", done, total)
        else:
            for done, doc in enumerate(reader.documents(), 1):
                add(document_quads(doc, registry, iris))
                if keep_documents:
                    kept.append(doc)
                if progress:
                    progress("load", done, total)
        flush()
        reader.finish()
    except BaseException:
        del kg
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        raise
    finally:
        if emitter is not None:
            emitter.close()
    return kg, kept


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Everything allocated so far (the checked registry) moves out of the collector's reach."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _swap_in(work: Path, store: Path) -> KnowledgeGraph:
    """Replace ``store`` by the finished build in ``work`` and reopen it (read-only)."""
    old = store.with_name(f".{store.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if store.exists():
        store.rename(old)
    work.rename(store)
    shutil.rmtree(old, ignore_errors=True)
    return open_graph(store)
