"""Deterministic exports: the same input gives byte-identical files.

Quads are sorted before serialisation (Oxigraph's fast serialisers keep the
order they are given), the union formats drop duplicate triples, and every
write goes through a temporary file and an atomic rename.
"""

from __future__ import annotations

import glob
import heapq
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
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


RUN_BYTES = 512 << 20  # a dump up to this size is sorted in memory at once (about 2.5M quads)
RUN_LINES = 1_000_000  # above it, lines are sorted in runs of this many and merged from disk


def _graph_of(line: bytes) -> bytes:
    """The graph term of an N-Quads line (parkgraph's graphs are always IRIs, written last)."""
    return line[line.rindex(b" <") + 1:].rstrip(b" .\n")


def canonical_lines(kg: KnowledgeGraph, by_graph: bool = False, tmp_dir: Path | None = None,
                    union: bool = False) -> Iterator[bytes]:
    """Every quad as an N-Quads line (with its newline, Oxigraph's canonical lexical forms),
    sorted bytewise, or by graph first with ``by_graph``; with ``union`` every triple of the
    union graph as an N-Triples line instead, sorted, each once.

    The store is dumped to a temporary file (in ``tmp_dir``, else the system's); a large dump
    is sorted externally, in runs of RUN_LINES lines merged from disk, so memory stays bounded
    however large the graph. (A newline sorts below every character N-Quads leaves unescaped,
    so lines order as they would without it; likewise a graph term ends with ``>``, so
    ``graph + line`` orders as the pair would.) Every statement must be in a named graph, as
    parkgraph's builds put them: a triple in the default graph is refused, not mangled.
    """
    if not kg.default_graph_is_empty():
        raise OutputError("cannot export: the default graph holds triples (parkgraph keeps every statement "
                          "in a named graph: a source document's, the registry's or the ontology's)")
    lines = _sorted_lines(kg, by_graph, tmp_dir, union)
    if union:  # the copies of a triple stated in several graphs are adjacent once sorted
        yield from (line for line, _ in itertools.groupby(lines))
    else:
        yield from lines


def _sorted_lines(kg: KnowledgeGraph, by_graph: bool, tmp_dir: Path | None, union: bool) -> Iterator[bytes]:
    runs: list[IO[bytes]] = []
    try:
        with tempfile.TemporaryFile(dir=tmp_dir) as dump:
            if union:  # graph by graph as N-Triples: Oxigraph drops the graph terms natively
                kg.dump_graph_triples(dump)
            else:
                kg.dump_nquads(dump)
            if dump.tell() <= RUN_BYTES:  # small enough to sort in memory at once (the common case)
                dump.seek(0)
                lines = dump.read().splitlines(keepends=True)
                lines.sort(key=(lambda line: (_graph_of(line), line)) if by_graph else None)
                yield from lines
                return
            dump.seek(0)
            while chunk := list(itertools.islice(dump, RUN_LINES)):
                if by_graph:
                    chunk = [_graph_of(line) + b" " + line for line in chunk]
                chunk.sort()
                runs.append(tempfile.TemporaryFile(dir=tmp_dir))
                runs[-1].writelines(chunk)
                runs[-1].seek(0)
                del chunk
        yield from _strip_keys(heapq.merge(*runs), by_graph)  # the dump is gone: only the runs remain
    finally:
        for run in runs:
            run.close()


def _strip_keys(lines: Iterable[bytes], by_graph: bool) -> Iterator[bytes]:
    if not by_graph:
        yield from lines
        return
    for line in lines:
        yield line[line.index(b"> ") + 2:]


def canonical_nquads(kg: KnowledgeGraph) -> list[bytes]:
    """Every quad as an N-Quads line (without newline), sorted bytewise: the dataset's canonical text."""
    return [line.rstrip(b"\n") for line in canonical_lines(kg)]


def serialize(kg: KnowledgeGraph, fmt: str, out: IO[bytes], tmp_dir: Path | None = None) -> None:
    """Write the graph to a binary stream in ``fmt`` (turtle, ntriples, trig, nquads, jsonld).

    Statements are sorted first, so the bytes depend only on the graph's content,
    never on load order or engine; the serialisers are Oxigraph's (fast, streaming).
    Temporary files go to ``tmp_dir`` (export puts them beside the output file).
    """
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, named = FORMATS[fmt]
    if fmt == "nquads":
        _write_lines(out, canonical_lines(kg, tmp_dir=tmp_dir))
        return
    if not named:
        lines = canonical_lines(kg, tmp_dir=tmp_dir, union=True)
        if fmt == "ntriples":
            _write_lines(out, lines)
            return
        source_format = ox.RdfFormat.N_TRIPLES
    else:
        lines = canonical_lines(kg, by_graph=True, tmp_dir=tmp_dir)
        source_format = ox.RdfFormat.N_QUADS
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    # Oxigraph re-reads the sorted lines from a temporary file: no in-memory copy of the dataset
    with tempfile.TemporaryFile(dir=tmp_dir) as sorted_file:
        _write_lines(sorted_file, lines)
        sorted_file.seek(0)
        ox.serialize(ox.parse(sorted_file, format=source_format), out, format=rdf_format, prefixes=prefixes)


def _write_lines(out: IO[bytes], lines: Iterable[bytes]) -> None:
    """Write newline-terminated lines in bounded batches (never one joined copy of everything)."""
    it = iter(lines)
    batch = list(itertools.islice(it, 100_000))
    while batch:
        out.write(b"".join(batch))
        batch = list(itertools.islice(it, 100_000))


def export(kg: KnowledgeGraph, fmt: str, path: Path) -> int:
    """Write the graph to ``path`` atomically (streamed into the temporary file); returns its size."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    atomic_write(path, lambda f: serialize(kg, fmt, f, path.parent if str(path.parent) else None))
    return path.stat().st_size


def atomic_write(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write ``path`` through a temporary file in the same folder and an atomic rename.

    A failure midway leaves any existing file untouched and no temporary file behind; the
    temporary file of a writer that was killed outright (SIGKILL) is removed by the next
    write of the same file (its name carries the writer's process id).
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"cannot write {path}: Is a directory")
    _remove_stale_temporaries(folder, path.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600; give the file the mode a plain write would
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete ``.NAME.PID.*.tmp`` files left by writers that no longer run."""
    for tmp in folder.glob(f".{glob.escape(name)}.*.tmp"):
        pid_text = tmp.name[len(name) + 2:].split(".", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except PermissionError:  # alive, another user's
            continue


def _mode_for(path: Path) -> int:
    """The existing file's mode, or 0666 less the process umask for a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
