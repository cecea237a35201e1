"""A real Oxigraph server on 127.0.0.1: push, the same answers remotely, and clear failures."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.graph.build import Build
from parkgraph.queries import list_queries, load_query, prepare, run_local
from parkgraph.queries.remote import Credentials, RemoteError, push, run_remote
from parkgraph.queries.server import Server, free_port, start_server

from .loopback import misbehaving_server

COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


@pytest.fixture(scope="module")
def server(built: Build) -> Iterator[Server]:
    with start_server() as srv:
        push(built.graph, srv.store_url)
        yield srv


def _canon(rows: list[dict]) -> list[str]:
    """Rows in a comparable order (ties in ORDER BY may come back in any order)."""
    out = []
    for row in rows:
        items = []
        for k, v in sorted(row.items()):
            if isinstance(v, str) and "、" in v:  # GROUP_CONCAT: order of parts is not defined
                v = "、".join(sorted(v.split("、")))
            items.append((k, repr(v)))
        out.append(repr(items))
    return sorted(out)


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_same_rows_locally_and_remotely(name: str, built: Build, server: Server) -> None:
    prepared = prepare(load_query(name))
    local = run_local(built.graph, prepared)
    remote = run_remote(server.query_url, prepared)
    assert remote.vars == local.vars
    assert _canon(remote) == _canon(local)


def test_repeated_push_leaves_one_copy_of_every_graph(built: Build, server: Server) -> None:
    before = run_remote(server.query_url, prepare(COUNT_PER_GRAPH))
    report = push(built.graph, server.store_url)
    after = run_remote(server.query_url, prepare(COUNT_PER_GRAPH))
    assert after == before
    assert {r["g"]: r["n"] for r in after} == dict(report.graphs)
    assert len(report.graphs) == 7


def test_partial_push_then_full_push_is_exact(built: Build) -> None:
    with start_server() as srv:
        import urllib.request
        first = "https://w3id.org/parkgraph/graph/registry"
        req = urllib.request.Request(f"{srv.store_url}?graph={first}", method="PUT",
                                     data=b"<urn:a> <urn:b> <urn:c> .\n",
                                     headers={"Content-Type": "application/n-triples"})
        urllib.request.urlopen(req, timeout=10).read()  # as if a push died after a stray write
        report = push(built.graph, srv.store_url)
        counts = {r["g"]: r["n"] for r in run_remote(srv.query_url, prepare(COUNT_PER_GRAPH))}
        assert counts == dict(report.graphs)


def test_refused_connection_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(RemoteError) as info:
        run_remote(url, prepare("ASK {}"), timeout=5)
    assert str(info.value) == f"cannot connect to {url}: connection refused"
    result = CliRunner().invoke(app, ["query", "-", "--endpoint", url], input="ASK {}")
    assert result.exit_code == 3
    assert result.stderr == f"error: cannot connect to {url}: connection refused\n"


@pytest.mark.parametrize(("status", "expected"), [
    (500, "answered HTTP 500 Internal Server Error"), (401, "answered HTTP 401 Unauthorized"),
    (403, "answered HTTP 403 Forbidden"), (404, "answered HTTP 404 Not Found")])
def test_http_errors(status: int, expected: str) -> None:
    with misbehaving_server(status=status, body=b"no") as base:
        with pytest.raises(RemoteError) as info:
            run_remote(f"{base}/query", prepare("ASK {}"), timeout=5)
        assert str(info.value) == f"{base}/query {expected}"


def test_non_sparql_body_is_refused() -> None:
    with misbehaving_server(body=b"<html>login page</html>") as base:
        with pytest.raises(RemoteError, match="did not return SPARQL JSON results"):
            run_remote(f"{base}/query", prepare("SELECT * WHERE { ?s ?p ?o }"), timeout=5)


def test_slow_server_times_out() -> None:
    with misbehaving_server(delay=3.0, body=b"{}") as base:
        start = time.monotonic()
        with pytest.raises(RemoteError, match="did not answer in time"):
            run_remote(f"{base}/query", prepare("ASK {}"), timeout=1)
        assert time.monotonic() - start < 3.0


def test_credentials_never_printed(built: Build) -> None:
    creds = Credentials("alice", "s3cret-pw")
    assert "s3cret-pw" not in repr(creds)
    with misbehaving_server(status=401, body=b"") as base:
        with pytest.raises(RemoteError) as info:
            push(built.graph, f"{base}/store", timeout=5, credentials=creds)
        assert "s3cret-pw" not in str(info.value) and "alice" not in str(info.value)


def test_serve_prints_query_url_first_and_stops_on_ctrl_c(root: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "parkgraph", "serve", "--port", str(port)], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        first = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert first == f"http://127.0.0.1:{port}/query"
        deadline = time.monotonic() + 20
        rows = None
        while time.monotonic() < deadline:
            try:
                rows = run_remote(first, prepare(load_query("find-entity")), timeout=5)
                break
            except RemoteError:
                time.sleep(0.2)
        assert rows and rows[0]["label"] == "长沙经济技术开发区"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)
    assert proc.returncode == 0
