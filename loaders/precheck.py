"""Quick curator check of one document extract: YAML parses, quotes are found.

Usage: python -m parkgraph.loaders.precheck extracts/documents/X.yaml [more.yaml]
The full checks run in ``parkgraph build``; this one is for fast feedback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from parkgraph.loaders.evidence import NormalisedText


def _quotes(node: object, where: str):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "evidence":
                items = value if isinstance(value, list) else [value]
                for q in items:
                    yield where, q
            else:
                yield from _quotes(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _quotes(item, f"{where}[{i}]")


def main(argv: list[str]) -> int:
    bad = 0
    for name in argv:
        path = Path(name)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        src_file = (data.get("source") or {}).get("file")
        if not src_file:
            sys.stderr.write(f"{path}: no source.file; pass --source\n")
            return 2
        src = NormalisedText.of((Path("sources") / src_file).read_text(encoding="utf-8"))
        n = 0
        for where, q in _quotes(data, path.stem):
            n += 1
            if not isinstance(q, str) or src.find(q) is None:
                bad += 1
                sys.stderr.write(f"{path}: {where}: quote not in source: {q!r}\n")
        sys.stdout.write(f"{path}: {n} quotes checked, {bad} missing\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
