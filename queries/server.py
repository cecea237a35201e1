"""A local SPARQL endpoint over the built graph: Oxigraph's server, on 127.0.0.1 by default."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.queries.remote import PushReport, RemoteError, push

START_TIMEOUT = 20.0


@dataclass
class Server:
    """A running Oxigraph server process and its URLs."""

    process: subprocess.Popen[bytes]
    host: str
    port: int

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"

    def stop(self) -> None:
        """Stop the server and wait for it (bounded)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the PyPI package ``oxigraph`` (next to this Python, or on PATH)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RemoteError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def start_server(host: str = "127.0.0.1", port: int = 0, location: Path | None = None) -> Server:
    """Start an empty Oxigraph server whose default graph is the union of its named graphs."""
    port = port or free_port(host)
    cmd = [oxigraph_binary(), "serve", "--bind", f"{host}:{port}", "--union-default-graph"]
    if location is not None:
        cmd += ["--location", str(location)]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = Server(process, host, port)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = (process.stderr.read() if process.stderr else b"").decode(errors="replace").strip()
            raise RemoteError(f"the oxigraph server did not start on {host}:{port}: {err.splitlines()[-1] if err else 'exited'}")
        try:
            with urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=1) as r:  # noqa: S310
                r.read()
            return server
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    server.stop()
    raise RemoteError(f"the oxigraph server did not answer on {host}:{port} within {START_TIMEOUT:.0f} s")


def serve(kg: KnowledgeGraph, host: str = "127.0.0.1", port: int = 0) -> tuple[Server, PushReport]:
    """Start a server and load the graph into it; the caller stops it (``with`` or ``.stop()``)."""
    server = start_server(host, port)
    try:
        report = push(kg, server.store_url)
    except BaseException:
        server.stop()
        raise
    return server, report
