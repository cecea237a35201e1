"""Deterministic exports: the same input gives byte-identical files.

Quads are sorted before serialisation (Oxigraph's fast serialisers keep the
order they are given), the union formats drop duplicate triples, and every
write goes through a temporary file and an atomic rename.
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable
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


def _graph_of(line: bytes) -> bytes:
    """The graph term of an N-Quads line (parkgraph's graphs are always IRIs, written last)."""
    return line[line.rindex(b" <"):]


def canonical_nquads(kg: KnowledgeGraph) -> list[bytes]:
    """Every quad as an N-Quads line (Oxigraph's canonical lexical forms), sorted bytewise."""
    lines = kg.nquads().splitlines()
    lines.sort()
    return lines


def _union_triples(lines: list[bytes]) -> list[bytes]:
    """N-Triples lines of the union graph, sorted: a triple stated in several graphs once.
    (In sorted N-Quads the copies of one triple are adjacent: terms are self-delimiting.)"""
    out: list[bytes] = []
    last = b""
    for line in lines:
        triple = line[:line.rindex(b" <")] + b" ."
        if triple != last:
            out.append(triple)
            last = triple
    return out


def serialize(kg: KnowledgeGraph, fmt: str, out: IO[bytes]) -> None:
    """Write the graph to a binary stream in ``fmt`` (turtle, ntriples, trig, nquads, jsonld).

    Statements are sorted first, so the bytes depend only on the graph's content,
    never on load order or engine; the serialisers are Oxigraph's (fast, streaming).
    """
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    rdf_format, named = FORMATS[fmt]
    lines = canonical_nquads(kg)
    if fmt == "nquads":
        _write_lines(out, lines)
        return
    if not named:
        lines = _union_triples(lines)
        if fmt == "ntriples":
            _write_lines(out, lines)
            return
        source_format = ox.RdfFormat.N_TRIPLES
    else:
        lines.sort(key=lambda line: (_graph_of(line), line))
        source_format = ox.RdfFormat.N_QUADS
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    # Oxigraph re-reads the sorted lines from a temporary file: no second in-memory copy of the dataset
    with tempfile.TemporaryFile() as sorted_file:
        _write_lines(sorted_file, lines)
        del lines
        sorted_file.seek(0)
        ox.serialize(ox.parse(sorted_file, format=source_format), out, format=rdf_format, prefixes=prefixes)


def _write_lines(out: IO[bytes], lines: list[bytes]) -> None:
    """Write lines with newlines in bounded chunks (never one joined copy of everything)."""
    for i in range(0, len(lines), 100_000):
        out.write(b"\n".join(lines[i:i + 100_000]) + b"\n")


def export(kg: KnowledgeGraph, fmt: str, path: Path) -> int:
    """Write the graph to ``path`` atomically (streamed into the temporary file); returns its size."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    atomic_write(path, lambda f: serialize(kg, fmt, f))
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
