"""Time every saved query on the embedded graph and on a local Oxigraph server (medians).

Usage: python bench/queries.py [--repeat N]
Prints a Markdown table: query, rows, embedded ms, server ms, ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from parkgraph.graph.build import build
from parkgraph.queries import list_queries, load_query, prepare, run_local
from parkgraph.queries.remote import push, run_remote
from parkgraph.queries.server import start_server


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    kg = build().graph
    lines = ["| query | rows | embedded (ms) | server (ms) | server / embedded |", "|---|---:|---:|---:|---:|"]
    with start_server() as server:
        push(kg, server.store_url)
        for q in list_queries():
            prepared = prepare(load_query(q.name))
            rows = len(run_local(kg, prepared))
            local = _median_ms(lambda p=prepared: run_local(kg, p), args.repeat)
            remote = _median_ms(lambda p=prepared: run_remote(server.query_url, p), args.repeat)
            lines.append(f"| {q.name} | {rows} | {local:.1f} | {remote:.1f} | {remote / local:.2f} |")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
