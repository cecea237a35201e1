"""Remote servers that fail: a real Oxigraph server (stopped, killed, slow, asked the wrong thing,
killed in the middle of a push) and small misbehaving loopback servers written here (refusing,
slow, silent, stalling, HTTP errors, truncated, not HTTP, not SPARQL). Every case goes through
the CLI in-process and must end with exit code 3 (2 for a malformed URL) and exactly one line
on stderr; an interrupted push, repeated, leaves exactly one copy of every graph.

Every server listens on 127.0.0.1 only, every wait has a timeout.
"""

from __future__ import annotations

import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.graph.build import Build, build
from parkgraph.queries import prepare
from parkgraph.queries.remote import RemoteError, graph_payloads, push, run_remote
from parkgraph.queries.server import Server, free_port, start_server

from .reliability import RECORD, reliability_table  # noqa: F401 - autouse: writes docs/reliability.md

TIMEOUT = "1"  # seconds the client waits in the slow cases
IO_TIMEOUT = 10.0  # bound on every socket operation of the test servers
COUNT_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def cli(*args: str, input: str | None = None):  # noqa: A002 - mirrors CliRunner
    return CliRunner().invoke(app, list(args), input=input)


def corpus(mini: Path) -> list[str]:
    return ["--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]


def read_request(conn: socket.socket) -> bytes:
    """One whole HTTP request (head and Content-Length body), or what arrived before EOF."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"\r\ncontent-length:\s*(\d+)", head, re.I)
    want = int(m.group(1)) if m else 0
    while len(body) < want:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


class LoopbackServer:
    """A TCP server on 127.0.0.1 that handles each connection with ``behave(conn, stopping)`` in a
    thread (``stopping`` is set when the server closes: waits use it, so no thread outlives the test)."""

    def __init__(self, behave: Callable[[socket.socket, threading.Event], None], accept: bool = True) -> None:
        self.behave, self.accept = behave, accept
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(IO_TIMEOUT)
            t = threading.Thread(target=self._handle, args=(conn,), daemon=True)
            t.start()
            self._threads.append(t)

    def _handle(self, conn: socket.socket) -> None:
        try:
            self.behave(conn, self._stop)
        except OSError:
            pass
        finally:
            conn.close()

    def __enter__(self) -> LoopbackServer:
        if self.accept:  # otherwise: connections wait in the backlog, never read, never answered
            t = threading.Thread(target=self._loop, daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.sock.close()
        for t in self._threads:
            t.join(timeout=IO_TIMEOUT)


def answer(raw: bytes, delay: float = 0.0, then: Callable[[socket.socket, threading.Event], None] | None = None):
    def behave(conn: socket.socket, stopping: threading.Event) -> None:
        read_request(conn)
        if stopping.wait(delay):
            return
        conn.sendall(raw)
        if then:
            then(conn, stopping)
    return behave


def http(status: str, body: bytes = b"", content_type: str = "application/sparql-results+json",
         length: int | None = None) -> bytes:
    size = len(body) if length is None else length
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {size}\r\n"
            "Connection: close\r\n\r\n").encode() + body


def close_without_answer(conn: socket.socket, stopping: threading.Event) -> None:
    read_request(conn)


def reset(conn: socket.socket, stopping: threading.Event) -> None:
    read_request(conn)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close sends RST


def stall(conn: socket.socket, stopping: threading.Event) -> None:
    stopping.wait(4)


CHUNKED_CUT = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n40\r\n{\"head\": {\"vars\"")
SSH = b"SSH-2.0-OpenSSH_9.6\r\n"
JSON_OK_HEAD = b'{"head": {"vars": ["s"]}, "results": {"bindings": [{"s": {"type": "uri", "value": "urn:x"}}]}}'

# name -> (behaviour, expected message for a query; for a push, or None when the case is about answers)
# "{url}" is the endpoint given to the command.
FAULTS: dict[str, tuple[Callable[[socket.socket, threading.Event], None], str, str | None]] = {
    "slow answer past the timeout": (answer(http("200 OK", JSON_OK_HEAD), delay=4),
                                     "{url} did not answer in time", "{url} did not answer in time"),
    "headers then a stalled body": (answer(http("200 OK", b'{"head": {', length=500), then=stall),
                                    "{url} did not answer in time", "{url} did not answer in time"),
    "HTTP 401": (answer(http("401 Unauthorized", b"no")), "{url} answered HTTP 401 Unauthorized",
                 "{url} answered HTTP 401 Unauthorized"),
    "HTTP 403": (answer(http("403 Forbidden", b"no")), "{url} answered HTTP 403 Forbidden",
                 "{url} answered HTTP 403 Forbidden"),
    "HTTP 404": (answer(http("404 Not Found", b"no")), "{url} answered HTTP 404 Not Found",
                 "{url} answered HTTP 404 Not Found"),
    "HTTP 500": (answer(http("500 Internal Server Error", b"oops")), "{url} answered HTTP 500 Internal Server Error",
                 "{url} answered HTTP 500 Internal Server Error"),
    "HTTP 503": (answer(http("503 Service Unavailable", b"later")), "{url} answered HTTP 503 Service Unavailable",
                 "{url} answered HTTP 503 Service Unavailable"),
    "connection closed without an answer": (close_without_answer, "connection to {url} failed: RemoteDisconnected",
                                            "connection to {url} failed: RemoteDisconnected"),
    "truncated body (Content-Length)": (answer(http("200 OK", b'{"head": {"vars"', length=1000)),
                                        "{url} closed the connection before the answer was complete",
                                        "{url} closed the connection before the answer was complete"),
    "truncated body (chunked)": (answer(CHUNKED_CUT), "{url} closed the connection before the answer was complete",
                                 "{url} closed the connection before the answer was complete"),
    "not HTTP at all": (answer(SSH), "{url} did not answer with HTTP", "{url} did not answer with HTTP"),
    "HTML login page": (answer(http("200 OK", b"<html>login</html>", "text/html")),
                        "{url} did not return SPARQL JSON results (got 18 bytes that are not JSON)", None),
    "empty body": (answer(http("200 OK", b"")), "{url} did not return SPARQL JSON results (got 0 bytes that are not JSON)", None),
    "JSON that is not SPARQL": (answer(http("200 OK", b'{"status": "ok"}')),
                                "{url} did not return SPARQL JSON results (no 'head')", None),
    "JSON whose head is not an object": (answer(http("200 OK", b'{"head": 1}')),
                                         "{url} did not return SPARQL JSON results (no 'head')", None),
    "JSON whose vars are not a list": (answer(http("200 OK", b'{"head": {"vars": 5}, "results": {"bindings": []}}')),
                                       "{url} returned malformed SPARQL JSON results", None),
    "JSON whose bindings are not objects": (answer(http("200 OK", b'{"head": {"vars": ["s"]}, "results": {"bindings": [5]}}')),
                                            "{url} returned malformed SPARQL JSON results", None),
}


def assert_one_line(result, expected: str, code: int = 3) -> None:
    assert result.exit_code == code, f"exit {result.exit_code} instead of {code} ({result.exception!r})"
    assert "Traceback" not in result.output
    assert result.stderr == f"error: {expected}\n", f"stderr {result.stderr!r}"


@pytest.mark.parametrize("name", list(FAULTS))
def test_query_against_a_misbehaving_server(name: str, mini: Path) -> None:
    behave, expected, _ = FAULTS[name]
    with RECORD.case("faults", f"query, loopback server: {name}"), LoopbackServer(behave) as srv:
        url = f"{srv.base}/query"
        start = time.monotonic()
        result = cli("query", "-", "--endpoint", url, "--timeout", TIMEOUT, input="SELECT * WHERE { ?s ?p ?o }")
        assert_one_line(result, expected.format(url=url))
        assert time.monotonic() - start < 3.5  # the timeout bounds the wait, not the server


@pytest.mark.parametrize("name", [n for n, (_, _, p) in FAULTS.items() if p is not None])
def test_push_against_a_misbehaving_server(name: str, mini: Path) -> None:
    behave, _, expected = FAULTS[name]
    with RECORD.case("faults", f"push, loopback server: {name}"), LoopbackServer(behave) as srv:
        url = f"{srv.base}/store"
        result = cli("push", "--endpoint", url, "--timeout", TIMEOUT, *corpus(mini))
        assert_one_line(result, expected.format(url=url))  # type: ignore[union-attr]


def test_connection_refused(mini: Path) -> None:
    with RECORD.case("faults", "connection refused (query and push)", cases=2):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        assert_one_line(cli("query", "-", "--endpoint", f"{url}/query", input="ASK {}"),
                        f"cannot connect to {url}/query: connection refused")
        assert_one_line(cli("push", "--endpoint", f"{url}/store", *corpus(mini)),
                        f"cannot connect to {url}/store: connection refused")


def test_connection_reset(mini: Path) -> None:
    with RECORD.case("faults", "connection reset by the server (query and push)", cases=2), LoopbackServer(reset) as srv:
        for args, url in ((["query", "-", "--endpoint", f"{srv.base}/query"], f"{srv.base}/query"),
                          (["push", "--endpoint", f"{srv.base}/store", *corpus(mini)], f"{srv.base}/store")):
            result = cli(*args, "--timeout", TIMEOUT, input="ASK {}")
            assert result.exit_code == 3 and "Traceback" not in result.output, (result.output, result.exception)
            assert result.stderr in (f"error: cannot reach {url}: Connection reset by peer\n",
                                     f"error: connection to {url} failed: ConnectionResetError\n"), result.stderr


def test_silent_server_that_never_accepts(mini: Path) -> None:
    with RECORD.case("faults", "server accepts TCP but never reads or answers (query and push)", cases=2), \
            LoopbackServer(close_without_answer, accept=False) as srv:
        start = time.monotonic()
        assert_one_line(cli("query", "-", "--endpoint", f"{srv.base}/query", "--timeout", TIMEOUT, input="ASK {}"),
                        f"{srv.base}/query did not answer in time")
        assert_one_line(cli("push", "--endpoint", f"{srv.base}/store", "--timeout", TIMEOUT, *corpus(mini)),
                        f"{srv.base}/store did not answer in time")
        assert time.monotonic() - start < 8


@pytest.mark.parametrize("url", ["notaurl", "ftp://127.0.0.1/store", "file:///etc/hostname", "127.0.0.1:7878/query"])
def test_endpoint_that_is_not_an_http_url(url: str, mini: Path) -> None:
    with RECORD.case("faults", f"endpoint not an http(s) URL: {url}", cases=2):
        expected = f"--endpoint must be an http:// or https:// URL, not {url!r}"
        assert_one_line(cli("query", "-", "--endpoint", url, input="ASK {}"), expected, code=2)
        assert_one_line(cli("push", "--endpoint", url, *corpus(mini)), expected, code=2)


# --- a real Oxigraph server -----------------------------------------------------------------------------

@pytest.fixture()
def oxigraph(mini: Path) -> Iterator[Server]:
    with start_server() as srv:
        push(build(mini / "extracts", mini / "sources").graph, srv.store_url, timeout=30)
        yield srv


def test_real_server_stopped_and_killed(mini: Path) -> None:
    with RECORD.case("faults", "real Oxigraph: stopped (SIGTERM) / killed (SIGKILL) then queried", cases=2):
        for how in ("stop", "kill"):
            srv = start_server()
            try:
                assert run_remote(srv.query_url, prepare("ASK {}"), timeout=10) == [{"ask": True}]
                if how == "stop":
                    srv.stop()
                else:
                    srv.process.kill()
                    srv.process.wait(timeout=10)
            finally:
                srv.stop()
            assert_one_line(cli("query", "-", "--endpoint", srv.query_url, input="ASK {}"),
                            f"cannot connect to {srv.query_url}: connection refused")
            assert_one_line(cli("push", "--endpoint", srv.store_url, *corpus(mini)),
                            f"cannot connect to {srv.store_url}: connection refused")


def test_real_server_slow_query_times_out(oxigraph: Server) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with RECORD.case("faults", "real Oxigraph: query slower than --timeout 1"):
        start = time.monotonic()
        assert_one_line(cli("query", "-", "--endpoint", oxigraph.query_url, "--timeout", "1", input=heavy),
                        f"{oxigraph.query_url} did not answer in time")
        assert time.monotonic() - start < 5


def test_real_server_asked_the_wrong_thing(oxigraph: Server, mini: Path) -> None:
    with RECORD.case("faults", "real Oxigraph: push to the query URL / query the Graph Store URL", cases=2):
        assert_one_line(cli("push", "--endpoint", oxigraph.query_url, *corpus(mini)),
                        f"{oxigraph.query_url} answered HTTP 404 Not Found")
        result = cli("query", "-", "--endpoint", oxigraph.store_url, input="SELECT * WHERE { ?s ?p ?o }")
        assert result.exit_code == 3 and "Traceback" not in result.output
        assert re.fullmatch(rf"error: {re.escape(oxigraph.store_url)} did not return SPARQL JSON results "
                            r"\((got \d+ bytes that are not JSON|no 'head')\)\n", result.stderr), result.stderr


def test_serve_on_a_port_in_use(mini: Path) -> None:
    with RECORD.case("faults", "parkgraph serve on a port already in use"), \
            socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = cli("serve", "--port", str(port), *corpus(mini))
        assert result.exit_code == 3 and "Traceback" not in result.output, (result.output, result.exception)
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: the oxigraph server did not start on 127.0.0.1:{port}: ")


# --- a server that dies during a push ---------------------------------------------------------------------

class KillingProxy:
    """Forwards each HTTP request to ``upstream``; the ``kill_at``-th request (1-based) gets only half
    its body forwarded, then ``kill()`` runs (SIGKILL of the server) and the client's connection is
    closed unanswered — a server dying in the middle of receiving a graph."""

    def __init__(self, upstream: int, kill_at: int | None, kill: Callable[[], None]) -> None:
        self.upstream, self.kill_at, self.kill, self.count = upstream, kill_at, kill, 0
        self.server = LoopbackServer(self._relay)
        self.base = self.server.base

    def _relay(self, conn: socket.socket, stopping: threading.Event) -> None:
        request = read_request(conn)
        self.count += 1
        with socket.create_connection(("127.0.0.1", self.upstream), timeout=IO_TIMEOUT) as up:
            if self.count == self.kill_at:
                up.sendall(request[: len(request) - (len(request) - request.index(b"\r\n\r\n")) // 2])
                time.sleep(0.2)
                self.kill()
                return
            up.sendall(request)
            while chunk := up.recv(65536):
                conn.sendall(chunk)

    def __enter__(self) -> KillingProxy:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)


def graph_counts(srv: Server) -> dict[str, int]:
    return {r["g"]: r["n"] for r in run_remote(srv.query_url, prepare(COUNT_PER_GRAPH), timeout=30)}


def kill(srv: Server) -> Callable[[], None]:
    def do() -> None:
        srv.process.kill()
        srv.process.wait(timeout=10)
    return do


def test_push_killed_midway_then_repeated_leaves_one_copy_of_every_graph(mini: Path, tmp_path: Path) -> None:
    with RECORD.case("faults", "CLI push: server SIGKILLed while receiving graph 2 of 3, restarted, pushed again"):
        expected = {g: body.count(b"\n") for g, body in graph_payloads(build(mini / "extracts", mini / "sources").graph).items()}
        names = list(expected)
        store = tmp_path / "oxigraph"
        first = start_server(location=store)
        try:
            with KillingProxy(first.port, kill_at=2, kill=kill(first)) as proxy:
                url = f"{proxy.base}/store"
                assert_one_line(cli("push", "--endpoint", url, "--timeout", "10", *corpus(mini)),
                                f"connection to {url} failed: RemoteDisconnected")
        finally:
            first.stop()
        with start_server(location=store) as second:
            after_crash = graph_counts(second)
            assert names[1] not in after_crash  # the graph being received when it died: not there at all
            assert after_crash.get(names[0], expected[names[0]]) == expected[names[0]]  # before it: whole or absent
            with KillingProxy(second.port, kill_at=None, kill=lambda: None) as proxy:
                for _ in range(2):
                    result = cli("push", "--endpoint", f"{proxy.base}/store", "--timeout", "30", *corpus(mini))
                    assert result.exit_code == 0, (result.output, result.exception)
                    assert graph_counts(second) == expected


def test_library_push_of_the_real_corpus_killed_midway(built: Build, tmp_path: Path) -> None:
    with RECORD.case("faults", "push of the real corpus: server SIGKILLed at graph 4 of 7, restarted, pushed again"):
        expected = {g: body.count(b"\n") for g, body in graph_payloads(built.graph).items()}
        assert len(expected) == 7
        store = tmp_path / "oxigraph"
        first = start_server(location=store)
        try:
            with KillingProxy(first.port, kill_at=4, kill=kill(first)) as proxy, pytest.raises(RemoteError) as info:
                push(built.graph, f"{proxy.base}/store", timeout=10)
            assert str(info.value) == f"connection to {proxy.base}/store failed: RemoteDisconnected"
        finally:
            first.stop()
        with start_server(location=store) as second:
            partial = graph_counts(second)
            assert all(partial[g] == expected[g] for g in partial)  # every graph there is whole
            assert list(expected)[3] not in partial
            report = push(built.graph, second.store_url, timeout=30)
            assert graph_counts(second) == expected == dict(report.graphs)
