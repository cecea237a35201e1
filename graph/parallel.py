"""Read, check and emit document extracts on every core: the hot path of a national-scale build.

YAML parsing, checking and locating evidence are pure Python and dominate a large
build, while documents are independent of one another once the registry is read.
Worker processes (forked, so they inherit the checked registry without copying it)
turn each document into N-Quads bytes; the parent only bulk-loads them, in file order,
with a bounded number of documents in flight so memory stays flat.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from parkgraph.errors import Problem
from parkgraph.loaders.extracts import ExtractReader, Extracts
from parkgraph.loaders.rdf import document_quads

PER_TASK = 4  # documents per task: amortises inter-process overhead, keeps the pipeline full
IN_FLIGHT = 4  # tasks queued per worker: bounds memory whatever the corpus size
MIN_DOCUMENTS = 32  # below this, starting processes costs more than it saves


@dataclass(frozen=True)
class Emitted:
    """One document's result: its N-Quads (empty if it had problems), its problems, its source."""

    path: Path
    nquads: bytes
    problems: list[Problem]
    source_file: str | None = None
    source_line: int | None = None


_worker_state: tuple[ExtractReader, Extracts, dict[str, str]] | None = None


def emit_document(reader: ExtractReader, registry: Extracts, iris: dict[str, str], path: Path) -> Emitted:
    """Load, check and emit one document extract (no quads if it has any problem: the build fails anyway)."""
    doc, problems = reader.load_document(path)
    if doc is None:
        return Emitted(path, b"", problems)
    file, line = str(doc.source["file"]), doc.source.line_of("file")
    if problems:
        return Emitted(path, b"", problems, file, line)
    text = "".join(f"{s} {p} {o} {g} .\n" for s, p, o, g in document_quads(doc, registry, iris))
    return Emitted(path, text.encode("utf-8"), problems, file, line)


def default_workers(documents: int) -> int:
    """Worker processes for a corpus: one per usable core, none for a small corpus or where fork is missing."""
    if documents < MIN_DOCUMENTS or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores if cores > 1 else 0


class DocumentEmitter:
    """Worker processes that read, check and emit the documents of ``reader``; iterate for the
    results in file order. Create it before opening a store or starting threads: the workers
    are forked here, at once (they then touch nothing the parent's threads may hold).
    A worker that dies (killed, out of memory) fails the build (BrokenProcessPool), never hangs it.
    """

    def __init__(self, reader: ExtractReader, registry: Extracts, iris: dict[str, str], workers: int) -> None:
        paths = reader.document_paths
        self._tasks = iter([paths[i:i + PER_TASK] for i in range(0, len(paths), PER_TASK)])
        self._window = workers * IN_FLIGHT
        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                         initializer=_init, initargs=(reader, registry, iris))
        self._pending: deque[Future[list[Emitted]]] = deque(
            self._pool.submit(_emit_task, task) for task in itertools.islice(self._tasks, self._window))

    def __iter__(self) -> Iterator[Emitted]:
        while self._pending:
            yield from self._pending.popleft().result()
            task = next(self._tasks, None)
            if task is not None:
                self._pending.append(self._pool.submit(_emit_task, task))

    def close(self) -> None:
        """Stop the workers (also when the build failed midway)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _init(reader: ExtractReader, registry: Extracts, iris: dict[str, str]) -> None:
    global _worker_state
    _worker_state = (reader, registry, iris)


def _emit_task(paths: Sequence[Path]) -> list[Emitted]:
    assert _worker_state is not None, "worker used before its initializer ran"
    reader, registry, iris = _worker_state
    return [emit_document(reader, registry, iris, path) for path in paths]
