"""parkgraph benchmark: build, memory, exports, parsing and saved queries at chosen sizes.

    python bench/run.py --sizes 10k,100k,1M [--rdflib-max 1M] [--out docs/benchmarks.md]

Each (size, engine) runs in its own process (so peak memory is its own), on a
synthetic corpus written by ``parkgraph synth``. The default engine (Oxigraph
beneath rdflib) is compared with rdflib's Memory store side by side, as ratios,
at the sizes up to --rdflib-max. A worker streams one JSON line per measurement,
so a worker stopped by --worker-timeout still reports what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

TRIPLES_PER_PARK = 735  # measured: one synthetic park (20 enterprises, 3 years of figures)
ONTOLOGY_TRIPLES = 1400
QUERY_LIMIT = 100
QUERY_BUDGET = float(os.environ.get("PGBENCH_QUERY_BUDGET", "60"))  # seconds per saved query
FORMATS = ("turtle", "ntriples", "trig", "nquads", "jsonld")


def parse_size(text: str) -> int:
    text = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * mult)


def parks_for(triples: int) -> int:
    return max(1, round((triples - ONTOLOGY_TRIPLES) / TRIPLES_PER_PARK))


def _emit(metric: str, value: float, unit: str) -> None:
    sys.stdout.write(json.dumps({"metric": metric, "value": value, "unit": unit}) + "\n")
    sys.stdout.flush()


def _timed(metric: str, fn):
    start = time.perf_counter()
    result = fn()
    _emit(metric, time.perf_counter() - start, "s")
    return result


def worker(corpus: Path, engine: str, store: Path | None) -> None:
    """Measure one engine on one corpus; prints JSON lines."""
    from rdflib import Graph

    from parkgraph.graph.build import build
    from parkgraph.graph.export import export
    from parkgraph.queries import list_queries, run_query

    b = _timed("build", lambda: build(corpus / "extracts", corpus / "sources", engine, store,
                                      keep_documents=False))
    _emit("triples", len(b.graph), "quads")
    out = Path(tempfile.mkdtemp(prefix="pgbench-"))
    if engine == "oxigraph":
        for fmt in FORMATS:
            _timed(f"export {fmt}", lambda f=fmt: export(b.graph, f, out / f"x.{f}"))
        ttl = out / "x.turtle"
        _timed("parse turtle", lambda: Graph(store="Oxigraph").parse(ttl, format="ox-turtle"))
        g = Graph(store="Oxigraph").parse(ttl, format="ox-turtle")
        _timed("serialise turtle", lambda: g.serialize(format="ox-turtle"))
    else:
        ttl = Path(os.environ["PGBENCH_TURTLE"])
        g = _timed("parse turtle", lambda: Graph().parse(ttl, format="turtle"))
        _timed("serialise turtle", lambda: g.serialize(format="turtle"))
        del g
    # all-pairs and unbound-predicate queries last: if one overruns, the others are already measured
    expensive = ("parks-sharing-chains", "parks-similar-to", "dq-entities-without-evidence")
    for q in sorted(list_queries(), key=lambda q: (q.name in expensive, q.name)):
        if not _bounded(f"query {q.name}", lambda n=q.name: run_query(b.graph, n, limit=QUERY_LIMIT)):
            break  # the stuck query still holds the CPU: stop measuring this engine
    _emit("peak memory", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB")
    sys.stdout.flush()
    os._exit(0)  # do not wait for a query thread that overran its budget


def _bounded(metric: str, fn) -> bool:
    """Time fn in a thread; past QUERY_BUDGET seconds report it as not finished (a bound, not a kill)."""
    done = threading.Event()

    def run() -> None:
        fn()
        done.set()

    start = time.perf_counter()
    threading.Thread(target=run, daemon=True).start()
    if done.wait(QUERY_BUDGET):
        _emit(metric, time.perf_counter() - start, "s")
        return True
    _emit(metric, QUERY_BUDGET, "s>")
    return False


def run_worker(corpus: Path, engine: str, timeout: float, env: dict[str, str], store: Path | None = None) -> dict[str, tuple[float, str]]:
    cmd = [sys.executable, __file__, "--worker", str(corpus), "--engine", engine]
    if store is not None:
        cmd += ["--store-dir", str(store)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env={**os.environ, **env})
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, _ = proc.communicate()
    results: dict[str, tuple[float, str]] = {}
    for line in stdout.splitlines():
        if line.startswith("{"):
            rec = json.loads(line)
            results[rec["metric"]] = (rec["value"], rec["unit"])
    return results


def _fmt(value: float, unit: str) -> str:
    if unit == "s>":
        return f"> {value:.0f} s"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:,.0f} {unit}"


def table(results: dict[str, dict[str, dict[str, tuple[float, str]]]]) -> str:
    """Markdown: one row per metric, per size the default engine, rdflib Memory and the ratio."""
    sizes = list(results)
    metrics: list[str] = []
    for per_engine in results.values():
        for res in per_engine.values():
            metrics += [m for m in res if m not in metrics]
    head = ["metric"]
    for size in sizes:
        head += [f"{size} oxigraph", f"{size} rdflib", f"{size} ratio"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in metrics:
        row = [m]
        for size in sizes:
            ox_ = results[size].get("oxigraph", {}).get(m)
            rd = results[size].get("memory", {}).get(m)
            row.append(_fmt(*ox_) if ox_ else "—")
            if rd:
                row.append(_fmt(*rd))
            elif "memory" not in results[size] or m.startswith("export"):
                row.append("—")  # not run at this size / parkgraph's own exporter only
            else:
                row.append("not reached")
            ratio = "—"
            if ox_ and rd and ox_[1] in ("s", "MB") and ox_[0] > 0:
                ratio = f"{'> ' if rd[1] == 's>' else ''}{rd[0] / ox_[0]:.1f}×"
            row.append(ratio)
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="parkgraph benchmark")
    parser.add_argument("--sizes", default="10k,100k,1M", help="comma-separated triple counts (10k, 1M …)")
    parser.add_argument("--rdflib-max", default="1M", help="largest size at which to also run rdflib's Memory store")
    parser.add_argument("--store", action="store_true", help="also build into an on-disk store (sizes above 1M use it always)")
    parser.add_argument("--worker-timeout", type=float, default=1800.0)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "parkgraph-bench")
    parser.add_argument("--out", type=Path, help="also write the table (with the command) to this Markdown file")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="oxigraph", help=argparse.SUPPRESS)
    parser.add_argument("--store-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.engine, args.store_dir)
        return 0
    from parkgraph.graph.synth import synthesize

    rdflib_max = parse_size(args.rdflib_max)
    results: dict[str, dict[str, dict[str, tuple[float, str]]]] = {}
    for label in args.sizes.split(","):
        size = parse_size(label)
        corpus = args.workdir / f"corpus-{label.strip()}"
        if not (corpus / "extracts").exists():
            start = time.perf_counter()
            synthesize(parks_for(size), seed=size, out_dir=corpus)
            sys.stderr.write(f"{label}: synthetic corpus in {time.perf_counter() - start:.1f} s\n")
        per: dict[str, dict[str, tuple[float, str]]] = {}
        store = corpus / "store" if args.store or size > 1_000_000 else None
        per["oxigraph"] = run_worker(corpus, "oxigraph", args.worker_timeout, {}, store)
        if size <= rdflib_max:
            per["memory"] = run_worker(corpus, "memory", args.worker_timeout,
                                       {"PGBENCH_TURTLE": str(_turtle(corpus))})
        results[label.strip()] = per
        sys.stderr.write(f"{label}: done\n")
    text = table(results)
    sys.stdout.write(text)
    if args.out:
        cmd = "python bench/run.py " + " ".join(argv)
        args.out.write_text(f"Command: `{cmd}`\n\n{text}", encoding="utf-8")
    return 0


def _turtle(corpus: Path) -> Path:
    """The corpus as one Turtle file (written once, with the default engine), for parse benchmarks."""
    path = corpus / "corpus.ttl"
    if not path.exists():
        from parkgraph.graph.build import build
        from parkgraph.graph.export import export
        export(build(corpus / "extracts", corpus / "sources").graph, "turtle", path)
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
