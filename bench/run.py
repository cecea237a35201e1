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
import shutil
import statistics
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
DEFAULT_ONLY = ("export", "peak memory after exports", "extract:", "open store")  # not run on rdflib's store
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


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_params(corpus: Path) -> dict[str, str]:
    """Parameters that name real entities of a synthetic corpus (its first park), so queries and
    views answer about something instead of an id the corpus does not have."""
    park_id = name = ""
    for line in (corpus / "extracts" / "registry" / "parks.yaml").read_text(encoding="utf-8").splitlines():
        if line.startswith("- id: ") and not park_id:
            park_id = line[6:].strip()
        elif line.startswith("  name: ") and park_id:
            name = line[8:].strip()
            break
    return {"park": f"park/{park_id}", "entity": f"park/{park_id}", "name": name, "year": "2020"}


def worker(corpus: Path, engine: str, store: Path | None) -> None:
    """Measure one engine on one corpus; prints JSON lines."""
    from rdflib import Graph

    from parkgraph.graph.build import build
    from parkgraph.graph.export import export
    from parkgraph.graph.store import open_graph
    from parkgraph.queries import list_queries, run_query
    from parkgraph.viz.similarity import similar_parks
    from parkgraph.viz.views import view

    if store is not None and os.environ.get("PGBENCH_REUSE_STORE") and (store / "CURRENT").exists():
        kg = _timed("open store", lambda: open_graph(store))  # built by an earlier run: not timed again
        _emit("triples", len(kg), "quads")
    else:
        b = _timed("build", lambda: build(corpus / "extracts", corpus / "sources", engine, store,
                                          keep_documents=False))
        _emit("triples", len(b.graph), "quads")
        _emit("peak memory after build", _rss_mb(), "MB")
        _emit("peak memory of a build worker", _rss_mb(resource.RUSAGE_CHILDREN), "MB")
        kg = b.graph
        if store is not None:
            del b, kg
            kg = _timed("open store", lambda: open_graph(store))
    skip = set(filter(None, os.environ.get("PGBENCH_SKIP", "").split(",")))
    if engine == "oxigraph":
        out = Path(tempfile.mkdtemp(prefix="pgbench-"))
        if "exports" not in skip:
            formats = os.environ.get("PGBENCH_FORMATS") or ",".join(FORMATS)
            for fmt in formats.split(","):
                _timed(f"export {fmt}", lambda f=fmt: export(kg, f, out / f"x.{f}"))
            _emit("peak memory after exports", _rss_mb(), "MB")
        if "parse" not in skip and "exports" not in skip:
            ttl = out / "x.turtle"
            g = _timed("parse turtle", lambda: Graph(store="Oxigraph").parse(ttl, format="ox-turtle"))
            _timed("serialise turtle", lambda: g.serialize(format="ox-turtle"))
            del g
        shutil.rmtree(out, ignore_errors=True)
        if "extract" not in skip:
            _extraction(corpus)
    elif "parse" not in skip:
        ttl = Path(os.environ["PGBENCH_TURTLE"])
        g = _timed("parse turtle", lambda: Graph().parse(ttl, format="turtle"))
        _timed("serialise turtle", lambda: g.serialize(format="turtle"))
        del g
    params = bench_params(corpus)
    park_iri = "https://w3id.org/parkgraph/id/" + params["park"]
    # all-pairs and unbound-predicate queries last: if one overruns, the others are already measured
    expensive = ("parks-sharing-chains", "parks-similar-to", "dq-entities-without-evidence")
    queries = sorted(list_queries(), key=lambda q: (q.name in expensive, q.name))
    steps = [(f"query {q.name}", lambda q=q: run_query(kg, q.name, _params_for(q, params), limit=QUERY_LIMIT))
             for q in queries if q.name not in expensive and "queries" not in skip]
    steps += [(name, fn) for name, fn in [
        ("similar parks: top 100 pairs (scipy)", lambda: similar_parks(kg, top=QUERY_LIMIT)),
        ("similar parks: one park (scipy)", lambda: similar_parks(kg, park=park_iri, top=QUERY_LIMIT)),
        ("view park", lambda: view(kg, park=params["park"])),
        ("view park, 2 hops", lambda: view(kg, park=params["park"], hops=2)),
        ("view chain", lambda: view(kg, chain="chain/biomedicine")),
        ("view query park-profile", lambda: view(kg, query="park-profile", params={"park": params["park"]})),
        ("view shared chains", lambda: view(kg, shared_chains=True)),
        ("view overview", lambda: view(kg)),
    ] if not (name.startswith("view") and "views" in skip) and not (name.startswith("similar") and "similarity" in skip)]
    steps += [(f"query {q.name}", lambda q=q: run_query(kg, q.name, _params_for(q, params), limit=QUERY_LIMIT))
              for q in queries if q.name in expensive and "queries" not in skip]
    order = json.loads(os.environ.get("PGBENCH_ORDER", "{}"))
    if order:  # queries, then views, each fastest first as the default engine measured them: the most
        # steps before a first overrun (on rdflib's store a view reads the whole entity graph)
        steps.sort(key=lambda step: (step[0].startswith("view"), order.get(step[0], float("inf"))))
    for metric, fn in steps:
        if not _bounded(metric, fn):
            break  # the stuck step still holds the CPU: stop measuring this engine
    _emit("peak memory", _rss_mb(), "MB")
    sys.stdout.flush()
    os._exit(0)  # do not wait for a query thread that overran its budget


def _params_for(query, params: dict[str, str]) -> dict[str, str]:
    declared = {p.name for p in query.params}
    return {k: v for k, v in params.items() if k in declared}


def _extraction(corpus: Path, documents: int = 20) -> None:
    """Drafting on the corpus's own sources and registry: loading the registry (parsing its YAML
    into a new, empty on-disk cache; then from that cache, as a later process would) and the
    throughput in characters per second."""
    from parkgraph.loaders.drafting import draft_document
    from parkgraph.loaders.drafting.lexicon import forget_registries

    sources = sorted((corpus / "sources").glob("*.txt"))[:documents]
    with tempfile.TemporaryDirectory(prefix="pgbench-cache-") as cache:
        os.environ["PARKGRAPH_CACHE_DIR"] = cache
        _timed("extract: load registry", lambda: draft_document(sources[0], corpus / "extracts"))
        forget_registries()
        _timed("extract: load registry, cached", lambda: draft_document(sources[0], corpus / "extracts"))
        chars = sum(len(p.read_text(encoding="utf-8")) for p in sources)
        start = time.perf_counter()
        for path in sources:
            draft_document(path, corpus / "extracts")
        _emit("extract: drafting throughput", chars / (time.perf_counter() - start), "chars/s")
        del os.environ["PARKGRAPH_CACHE_DIR"]


def _bounded(metric: str, fn, runs: int = 3) -> bool:
    """Median of up to ``runs`` timings of fn, each in a thread, within QUERY_BUDGET seconds in
    all; a first run past the budget is reported as not finished (a bound, not a kill)."""
    times: list[float] = []
    spent = 0.0
    while len(times) < runs and (not times or spent + times[-1] < QUERY_BUDGET):
        done = threading.Event()

        def run(done: threading.Event = done) -> None:
            fn()
            done.set()

        start = time.perf_counter()
        threading.Thread(target=run, daemon=True).start()
        if not done.wait(QUERY_BUDGET - spent):
            if times:  # a later run overran what was left: report the runs that finished, then stop
                _emit(metric, statistics.median(times), "s")
            else:
                _emit(metric, QUERY_BUDGET, "s>")
            return False
        times.append(time.perf_counter() - start)
        spent += times[-1]
    _emit(metric, statistics.median(times), "s")
    return True


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
    if unit == "chars/s":
        return f"{value:,.0f} chars/s"
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
            elif "memory" not in results[size] or m.startswith(DEFAULT_ONLY):
                row.append("—")  # not run at this size / parkgraph's own exporter, drafter or store only
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
    parser.add_argument("--formats", default=",".join(FORMATS), help="export formats to time (turtle is needed for the parse test)")
    parser.add_argument("--reuse-store", action="store_true",
                        help="open an on-disk store an earlier run built for the corpus instead of building it again")
    parser.add_argument("--skip", default="", help="comma-separated groups to leave out: exports, parse, extract, queries, similarity, views")
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
        if not (corpus / "extracts" / "registry" / "indicators.yaml").exists():  # written last: a complete corpus
            start = time.perf_counter()
            synthesize(parks_for(size), seed=size, out_dir=corpus)
            sys.stderr.write(f"{label}: synthetic corpus in {time.perf_counter() - start:.1f} s\n")
        per: dict[str, dict[str, tuple[float, str]]] = {}
        store = corpus / "store" if args.store or size > 1_000_000 else None
        skip = {"PGBENCH_SKIP": args.skip, "PGBENCH_FORMATS": args.formats,
                "PGBENCH_REUSE_STORE": "1" if args.reuse_store else ""}
        per["oxigraph"] = run_worker(corpus, "oxigraph", args.worker_timeout, skip, store)
        if size <= rdflib_max:
            order = {m: v for m, (v, unit) in per["oxigraph"].items() if unit == "s"}
            turtle = {} if "parse" in args.skip.split(",") else {"PGBENCH_TURTLE": str(_turtle(corpus))}
            per["memory"] = run_worker(corpus, "memory", args.worker_timeout,
                                       {**skip, **turtle, "PGBENCH_ORDER": json.dumps(order)})
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
