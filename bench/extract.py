"""Drafting speed: characters per second over the five sources, and over GB18030 copies of them.

Usage: python bench/extract.py [--repeat N]
Prints a Markdown table: file, encoding, characters, median ms per draft, characters per second.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from parkgraph.loaders.drafting import draft_document

ROOT = Path(__file__).resolve().parent.parent


def _median_seconds(path: Path, extracts: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        draft_document(path, extracts)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="drafts per file (the median is kept)")
    args = parser.parse_args(argv)
    extracts = ROOT / "extracts"
    sources = sorted((ROOT / "sources").glob("*.txt"))
    draft_document(sources[0], extracts)  # load the registry once
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for encoding in ("utf-8", "gb18030"):
            for src in sources:
                text = src.read_text(encoding="utf-8")
                path = src
                if encoding != "utf-8":
                    path = Path(tmp) / src.name
                    path.write_bytes(text.encode(encoding))
                seconds = _median_seconds(path, extracts, args.repeat)
                rows.append((src.name, encoding, len(text), seconds))
    print("| file | encoding | chars | ms | chars/s |")
    print("|---|---|---:|---:|---:|")
    for name, encoding, chars, seconds in rows:
        print(f"| {name} | {encoding} | {chars} | {seconds * 1000:.1f} | {chars / seconds:,.0f} |")
    for encoding in ("utf-8", "gb18030"):
        chars = sum(r[2] for r in rows if r[1] == encoding)
        seconds = sum(r[3] for r in rows if r[1] == encoding)
        print(f"| **all five** | {encoding} | {chars} | {seconds * 1000:.1f} | {chars / seconds:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
