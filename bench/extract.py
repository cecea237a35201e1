"""Drafting speed: characters per second over the five sources, and over GB18030 copies of them.

Usage: python bench/extract.py [--repeat N]
Prints a Markdown table: file, encoding, characters, median ms per draft, characters per second.

       python bench/extract.py --corpus DIR [--documents 20] [--cache default|off|fresh] [--runs 3]
Times what bench/run.py times on a synthetic corpus (``parkgraph synth``): the first draft,
which loads the registry, then the drafting throughput over the first documents. ``--cache``
chooses the registry cache: the user's (warm once written), none, or a new empty one (cold).
``--runs N`` times N fresh processes and prints the medians (JSON, one line).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
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


def corpus_speed(corpus: Path, documents: int) -> dict[str, float]:
    """As bench/run.py's _extraction: the first draft timed as loading the registry, then chars/s."""
    sources = sorted((corpus / "sources").glob("*.txt"))[:documents]
    start = time.perf_counter()
    draft_document(sources[0], corpus / "extracts")
    load = time.perf_counter() - start
    chars = sum(len(p.read_text(encoding="utf-8")) for p in sources)
    start = time.perf_counter()
    for path in sources:
        draft_document(path, corpus / "extracts")
    return {"load_registry_s": round(load, 3), "chars_per_s": round(chars / (time.perf_counter() - start)),
            "chars": chars, "documents": len(sources),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def _median_runs(args: argparse.Namespace) -> dict[str, object]:
    """Medians over ``args.runs`` fresh processes (each loads the registry anew)."""
    cmd = [sys.executable, __file__, "--corpus", str(args.corpus), "--documents", str(args.documents),
           "--cache", args.cache]
    runs = [json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            for _ in range(args.runs)]
    out: dict[str, object] = {"corpus": str(args.corpus), "cache": args.cache, "runs": len(runs)}
    for key in ("load_registry_s", "chars_per_s", "peak_rss_mb"):
        out[key] = statistics.median(r[key] for r in runs)
        out[f"{key}_all"] = [r[key] for r in runs]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="drafts per file (the median is kept)")
    parser.add_argument("--corpus", type=Path, help="a synthetic corpus (extracts/ and sources/) to time instead")
    parser.add_argument("--documents", type=int, default=20, help="documents of --corpus to draft")
    parser.add_argument("--cache", choices=("default", "off", "fresh"), default="default",
                        help="registry cache for --corpus (fresh: a new empty folder, so a cold load)")
    parser.add_argument("--runs", type=int, default=1, help="fresh processes for --corpus (medians)")
    args = parser.parse_args(argv)
    if args.corpus is not None and args.runs > 1:
        print(json.dumps(_median_runs(args)))
        return 0
    if args.corpus is not None:
        with tempfile.TemporaryDirectory() as tmp:
            if args.cache != "default":
                os.environ["PARKGRAPH_CACHE_DIR"] = tmp if args.cache == "fresh" else "off"
            print(json.dumps({"corpus": str(args.corpus), "cache": args.cache,
                              **corpus_speed(args.corpus, args.documents)}))
        return 0
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
