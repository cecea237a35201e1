"""Talk to a SPARQL 1.1 server: run queries (SPARQLWrapper) and push the dataset (Graph Store protocol).

Every failure — connection refused, timeout, HTTP error, a body that is not a
SPARQL result — becomes one RemoteError with a one-line message. Credentials are
sent as HTTP Basic auth and never appear in messages.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from parkgraph import __version__
from parkgraph.errors import ParkgraphError
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.queries.run import Prepared, QueryResult, plain

USER_AGENT = f"parkgraph/{__version__} (+https://w3id.org/parkgraph; SPARQLWrapper)"
DEFAULT_TIMEOUT = 30.0


class RemoteError(ParkgraphError):
    """A SPARQL server could not be reached or did not answer as SPARQL 1.1 says."""

    exit_code = 3


class EndpointError(ParkgraphError):
    """An endpoint URL that is not an http(s) URL: a usage error (exit 2)."""


@dataclass(frozen=True)
class Credentials:
    """HTTP Basic credentials; ``repr`` hides the password."""

    user: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=***)"

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        return f"Basic {token}"


_WRAPPER_STATUS = {"QueryBadFormed": "400 Bad Request", "Unauthorized": "401 Unauthorized",
                   "EndPointNotFound": "404 Not Found", "URITooLong": "414 URI Too Long",
                   "EndPointInternalError": "500 Internal Server Error"}


def redact(url: str) -> str:
    """The URL without any user:password@ it carries, for messages."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_endpoint(url: str) -> None:
    """Refuse anything but an absolute http(s) URL (no file:, ftp:, bare host:port)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"--endpoint must be an http:// or https:// URL, not {redact(url)!r}")


def _describe(exc: BaseException, url: str) -> str:
    url = redact(url)
    if isinstance(exc, http.client.IncompleteRead):
        return f"{url} closed the connection before the answer was complete"
    if isinstance(exc, http.client.RemoteDisconnected):
        return f"connection to {url} failed: RemoteDisconnected"
    if isinstance(exc, http.client.BadStatusLine):
        return f"{url} did not answer with HTTP"
    if isinstance(exc, http.client.HTTPException):
        return f"{url} did not answer with valid HTTP: {exc.__class__.__name__}"
    if isinstance(exc, urllib.error.HTTPError):
        return f"{url} answered HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return f"{url} did not answer in time"
        if isinstance(reason, ConnectionRefusedError):
            return f"cannot connect to {url}: connection refused"
        return f"cannot reach {url}: {getattr(reason, 'strerror', None) or reason}"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"{url} did not answer in time"
    if isinstance(exc, ConnectionError):
        return f"connection to {url} failed: {exc.__class__.__name__}"
    if isinstance(exc, SPARQLWrapperException):
        status = _WRAPPER_STATUS.get(type(exc).__name__)
        if status:
            return f"{url} answered HTTP {status}"
        return f"{url} rejected the request: {type(exc).__name__}"
    return f"{url}: {exc}"


def _term(binding: dict[str, Any]) -> Any:
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return plain(URIRef(value))
    if kind == "bnode":
        return "_:" + value
    if binding.get("xml:lang"):
        return value
    datatype = binding.get("datatype")
    return plain(Literal(value, datatype=URIRef(datatype) if datatype else None))


def run_remote(endpoint: str, prepared: Prepared, timeout: float = DEFAULT_TIMEOUT,
               credentials: Credentials | None = None) -> QueryResult:
    """Run a prepared query on a SPARQL endpoint; rows equal to what run_local returns."""
    check_endpoint(endpoint)
    client = SPARQLWrapper(endpoint, updateEndpoint=endpoint, agent=USER_AGENT)
    client.setTimeout(int(max(1, timeout)))
    if credentials:
        client.setCredentials(credentials.user, credentials.password)
    client.setQuery(prepared.text)
    if not prepared.is_update:  # our parser knows; SPARQLWrapper's keyword guess can misfire on comments
        client.queryType = prepared.kind
    if prepared.is_update:
        client.setMethod(POST)
    client.setReturnFormat(JSON)
    try:
        response = client.query()
        if prepared.is_update:
            return QueryResult([], [])
        body = response.response.read()
    except (urllib.error.URLError, OSError, SPARQLWrapperException, http.client.HTTPException) as exc:
        raise RemoteError(_describe(exc, endpoint)) from exc
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RemoteError(f"{redact(endpoint)} did not return SPARQL JSON results "
                          f"(got {len(body)} bytes that are not JSON)") from exc
    where = redact(endpoint)
    if not isinstance(data, dict) or not isinstance(data.get("head"), dict):
        raise RemoteError(f"{where} did not return SPARQL JSON results (no 'head')")
    if "boolean" in data:
        return QueryResult(["ask"], [{"ask": bool(data["boolean"])}])
    try:
        names = [str(v) for v in data["head"].get("vars", [])]
        rows = [{str(k): _term(v) for k, v in b.items()} for b in data["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise RemoteError(f"{where} returned malformed SPARQL JSON results") from exc
    return QueryResult(names, rows)


@dataclass(frozen=True)
class PushReport:
    """What a push sent: one entry per named graph (IRI, triples)."""

    graphs: list[tuple[str, int]]

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def graph_payloads(kg: KnowledgeGraph) -> dict[str, bytes]:
    """N-Triples body of each named graph (sorted lines), keyed by graph IRI."""
    lines: dict[str, set[str]] = {}
    for q in kg.ox_quads():
        name = getattr(q.graph_name, "value", None)
        if name is None:  # the default graph holds nothing in a built dataset
            continue
        lines.setdefault(name, set()).add(f"{q.subject} {q.predicate} {q.object} .\n")
    return {name: "".join(sorted(ls)).encode("utf-8") for name, ls in sorted(lines.items())}


def push(kg: KnowledgeGraph, store_url: str, timeout: float = DEFAULT_TIMEOUT,
         credentials: Credentials | None = None) -> PushReport:
    """Replace each named graph on the server whole (HTTP PUT of the Graph Store protocol),
    so a repeated — or interrupted and repeated — push leaves exactly one copy of every graph."""
    check_endpoint(store_url)
    sent = []
    for name, body in graph_payloads(kg).items():
        url = f"{store_url}{'&' if '?' in store_url else '?'}graph={urllib.parse.quote(name, safe='')}"
        request = urllib.request.Request(url, data=body, method="PUT", headers={
            "Content-Type": "application/n-triples", "User-Agent": USER_AGENT})
        if credentials:
            request.add_header("Authorization", credentials.header())
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - user-given URL
                response.read()
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise RemoteError(_describe(exc, store_url)) from exc
        sent.append((name, body.count(b"\n")))
    return PushReport(sent)
