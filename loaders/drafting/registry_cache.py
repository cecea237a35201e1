"""An on-disk copy of a national registry's index, keyed on the content of the registry files.

Parsing the YAML is most of what loading a national registry costs (about 20 s for 272,000
enterprises), and a process that drafts one document pays it whole. The index it yields
(``RegistryIndex``) is stored with ``marshal`` (plain data: loading it runs no code) under a
digest of every registry file's bytes and of the code that shapes the index, so an edited
file or another parkgraph gives another key and a stale copy is never read. Small registries
parse in well under a second and are never written. ``PARKGRAPH_CACHE_DIR`` moves the cache;
``off`` (or empty) turns it off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from parkgraph.loaders import yamlio
from parkgraph.loaders.drafting import matcher, registry
from parkgraph.loaders.drafting.registry import RegistryIndex
from parkgraph.loaders.schema import REGISTRY, REGISTRY_ORDER

CACHE_ENV = "PARKGRAPH_CACHE_DIR"
MIN_BYTES = 1 << 20   # registries smaller than this are read from their YAML every time
KEEP = 4              # cached registries kept per cache folder (the most recently written)
FORMAT = 1
_PREFIX, _SUFFIX = "registry-", ".marshal"


def cache_dir() -> Path | None:
    """Where registry indexes are kept, or None when the cache is off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in ("", "off") else Path(value) / "drafting"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "parkgraph" / "drafting"


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """What, besides the files, decides the index: the code that reads and shapes it."""
    h = hashlib.blake2b(digest_size=20)
    for module in (yamlio, registry, matcher, sys.modules[__name__]):
        h.update(Path(str(module.__file__)).read_bytes())
    versions = (FORMAT, sys.version, marshal.version, unicodedata.unidata_version, yaml.__version__,
                getattr(yaml, "__with_libyaml__", False), [(s, REGISTRY[s][0]) for s in REGISTRY_ORDER])
    h.update(repr(versions).encode())
    return h.digest()


def registry_digest(registry_dir: Path) -> tuple[str, int]:
    """(digest, size in bytes) of the registry files ``read_registry`` reads (OSError if unreadable)."""
    h = hashlib.blake2b(_code_fingerprint(), digest_size=20)
    total = 0
    for stem in REGISTRY_ORDER:
        path = registry_dir / f"{stem}.yaml"
        if path.is_file():
            data = path.read_bytes()
            total += len(data)
            h.update(f"\0{stem}\0{len(data)}\0".encode())
            h.update(data)
        else:
            h.update(f"\0{stem}\0-\0".encode())
    return h.hexdigest(), total


def load(directory: Path, digest: str) -> RegistryIndex | None:
    """The index stored under ``digest``, or None (absent, unreadable, or not one of ours)."""
    try:
        data = (directory / f"{_PREFIX}{digest}{_SUFFIX}").read_bytes()
    except OSError:
        return None
    try:
        stored = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 5 and stored[0] == FORMAT
            and stored[1] == digest and all(isinstance(part, dict) for part in stored[2:])):
        return None
    return RegistryIndex(stored[2], stored[3], stored[4])


def store(directory: Path, digest: str, index: RegistryIndex) -> bool:
    """Write ``index`` under ``digest`` (atomically; False when it cannot be written)."""
    try:
        payload = marshal.dumps((FORMAT, digest, index.records, index.names, index.kinds))
    except ValueError:  # a value marshal cannot write (none a YAML registry gives)
        return False
    tmp: str | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{_PREFIX}", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, directory / f"{_PREFIX}{digest}{_SUFFIX}")
        tmp = None
        _prune(directory)
    except OSError:
        return False
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return True


def _prune(directory: Path) -> None:
    """Remove all but the KEEP most recently written indexes (another process may race us)."""
    def written(path: Path) -> int:
        try:
            return path.stat().st_mtime_ns
        except OSError:
            return 0

    files = sorted(directory.glob(f"{_PREFIX}*{_SUFFIX}"), key=written, reverse=True)
    for old in files[KEEP:]:
        try:
            old.unlink(missing_ok=True)
        except OSError:
            continue
