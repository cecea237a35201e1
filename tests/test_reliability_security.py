"""Security: document text never becomes markup or script in a view (checked in Chromium with 20
payloads), query parameters cannot change a query's structure, updates need --allow-update,
credentials are never printed, logged or written, and the local server binds to 127.0.0.1 only.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.graph.build import Build, build
from parkgraph.graph.store import open_graph
from parkgraph.namespaces import ID
from parkgraph.queries import QueryError, list_queries, load_query, prepare, run_local
from parkgraph.queries.catalog import to_term
from parkgraph.queries.remote import push, run_remote
from parkgraph.queries.server import free_port, start_server
from parkgraph.viz.browser import CHROMIUM, Chromium, PageReport
from parkgraph.viz.views import ViewInfo, write_view

from .reliability import RECORD, reliability_table  # noqa: F401 - autouse: writes docs/reliability.md

PARK = str(ID["park/demo-etdz"])
TIMEOUT = 60

# Each payload, if it ever ran, would set its own window.__pwnedN.
PAYLOADS = [
    "<script>window.__pwned{n}=1</script>",
    "<img src=x onerror=window.__pwned{n}=1>",
    "<svg onload=window.__pwned{n}=1>",
    "<svg><script>window.__pwned{n}=1</script></svg>",
    "javascript:window.__pwned{n}=1",
    '"><img src=x onerror=window.__pwned{n}=1>',
    "'><svg/onload=window.__pwned{n}=1>",
    "</script><script>window.__pwned{n}=1</script>",
    "&lt;script&gt;window.__pwned{n}=1&lt;/script&gt;",
    "\\u003cimg src=x onerror=window.__pwned{n}=1\\u003e",
    '<style>*{{background:url("javascript:window.__pwned{n}=1")}}</style><div style="width:expression(window.__pwned{n}=1)">',
    "</title><script>window.__pwned{n}=1</script>",
    '<iframe srcdoc="<script>parent.__pwned{n}=1</script>"></iframe>',
    '<a href="javascript:window.__pwned{n}=1">点我</a>',
    "<details open ontoggle=window.__pwned{n}=1>",
    "{{{{constructor.constructor('window.__pwned{n}=1')()}}}}",
    "<!--<script>window.__pwned{n}=1</script>--><![CDATA[<script>window.__pwned{n}=1</script>]]>",
    "＜script＞window.__pwned{n}=1＜/script＞\u2028\u2029<script>window.__pwned{n}=1</script>",
    "<body onload=window.__pwned{n}=1><meta http-equiv=refresh content='0;url=javascript:window.__pwned{n}=1'>",
    '<math><maction actiontype="statusline" xlink:href="javascript:window.__pwned{n}=1">x</maction></math>',
]
PWNED = "Object.keys(window).filter(k => k.startsWith('__pwned'))"
DOM = "Array.from(document.querySelectorAll('*')).map(e => e.tagName).join(' ')"
HANDLERS = ("Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
            ".map(a => a.name)).filter(n => n.startsWith('on'))")
TOOLTIP_DOM = ("(() => { const t = document.querySelector('div.vis-tooltip'); "
               "return t ? Array.from(t.querySelectorAll('*')).map(e => e.tagName).join(' ') : null; })()")
VIEWS: dict[str, dict[str, Any]] = {
    "overview": {}, "park": {"park": "demo-etdz"}, "chain": {"chain": "new-materials"},
    "shared-chains": {"shared_chains": True}, "query": {"query": "park-chains", "params": {"park": "park/demo-etdz"}},
}
HOVER = {"overview": PARK, "park": PARK, "chain": PARK, "query": PARK, "shared-chains": None}


def payload(i: int) -> str:
    return PAYLOADS[i].format(n=i)


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def hostile_corpus(root: Path, dest: Path, p: str) -> Path:
    """A copy of the mini corpus with ``p`` in every text a view can show: names, an alias, notes, a
    chain's name and definition, the enterprise, region, indicator, issuer, the document's titles, a
    quote (added to the source), plus a second park so the shared-chains view has something to draw."""
    shutil.copytree(root / "tests" / "fixtures" / "mini", dest)
    reg, docs = dest / "extracts" / "registry", dest / "extracts" / "documents"
    parks = yaml.safe_load((reg / "parks.yaml").read_text(encoding="utf-8"))
    parks[0].update(name=f"示例经济技术开发区{p}", name_en=f"Demo ETDZ {p}", note=f"备注{p}",
                    aliases=["示范经开区", f"示范{p}"])
    parks.append({"id": "other-etdz", "name": f"另一开发区{p}", "kind": "etdz", "level": "provincial",
                  "region": "hunan-demo"})
    _dump(reg / "parks.yaml", parks)
    chains = yaml.safe_load((reg / "chains.yaml").read_text(encoding="utf-8"))
    chains[0].update(name=f"新材料{p}", definition=f"定义{p}")
    _dump(reg / "chains.yaml", chains)
    for stem, field, prefix in (("enterprises", "name", "示例集团"), ("regions", "name", "示例市"),
                                ("indicators", "name", "技工贸总收入"), ("organizations", "name", "管委会")):
        rows = yaml.safe_load((reg / f"{stem}.yaml").read_text(encoding="utf-8"))
        target = rows[1] if stem == "regions" else rows[0]
        target[field] = f"{prefix}{p}"
        _dump(reg / f"{stem}.yaml", rows)
    sentence = f"示范{p}是注入测试"
    src = dest / "sources" / "mini.txt"
    src.write_text(src.read_text(encoding="utf-8") + f"\n{sentence}。\n", encoding="utf-8")
    doc = yaml.safe_load((docs / "mini.yaml").read_text(encoding="utf-8"))
    doc["source"].update(title=f"示例经济技术开发区2020年工作计划{p}", title_en=f"Work plan {p}", notes=f"说明{p}")
    doc["mentions"].append({"entity": "demo-etdz", "as": f"示范{p}", "evidence": sentence, "note": f"注{p}"})
    for chain in ("new-materials", "automotive"):
        doc["park_chains"].append({"park": "other-etdz", "chain": chain, "role": "leading",
                                   "evidence": "围绕新材料和汽车两大主导产业", "note": f"注{p}"})
    _dump(docs / "mini.yaml", doc)
    return dest


class Structure(HTMLParser):
    """Every start tag with its attribute names, in document order; and the page's <title> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(a for a, _ in attrs))))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def structure(html_text: str) -> Structure:
    s = Structure()
    s.feed(html_text)
    s.close()
    return s


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def page_data(html_text: str) -> Any:
    start = html_text.index('<script type="application/json" id="pg-data">') + len('<script type="application/json" id="pg-data">')
    return json.loads(html_text[start:html_text.index("</script>", start)])


@pytest.fixture(scope="module")
def clean_views(root: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, ViewInfo]:
    """The same corpus shape with an empty payload: the structure every hostile page must have."""
    out = tmp_path_factory.mktemp("clean")
    mini = hostile_corpus(root, out / "mini", "")
    kg = build(mini / "extracts", mini / "sources").graph
    return {name: write_view(kg, out / f"{name}.html", **opts) for name, opts in VIEWS.items()}


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if not shutil.which(CHROMIUM):  # a missing browser is a failure, never a skip
        pytest.fail(f"headless Chromium not installed at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    with Chromium(timeout=90) as chromium:
        yield chromium


def open_page(browser: Chromium, info: ViewInfo, hover: str | None) -> PageReport:
    return browser.open(info.path, hover=hover, extra={"pwned": PWNED, "dom": DOM, "handlers": HANDLERS,
                                                       "tooltipDom": TOOLTIP_DOM})


@pytest.fixture(scope="module")
def clean_pages(browser: Chromium, clean_views: dict[str, ViewInfo]) -> dict[str, PageReport]:
    return {name: open_page(browser, info, HOVER[name]) for name, info in clean_views.items()}


def assert_static_safe(info: ViewInfo, clean: ViewInfo, p: str) -> None:
    """Same tags and attribute names as the clean page, the payload intact as data, title as text."""
    text = info.path.read_text(encoding="utf-8")
    assert structure(text).tags == structure(clean.path.read_text(encoding="utf-8")).tags, info.path.name
    assert structure(text).title == info.title
    if p:
        assert any(p in s for s in strings(page_data(text))), "the payload should travel as data, intact"


def assert_browser_safe(report: PageReport, clean: PageReport, info: ViewInfo, p: str, name: str) -> None:
    assert report.errors == [], report.errors  # a blocked injection would show as a CSP error here
    assert report.values["pwned"] == [] and report.probe["pwned"] is False
    assert report.values["handlers"] == []
    assert report.values["dom"] == clean.values["dom"], name
    assert report.values["tooltipDom"] == clean.values["tooltipDom"], name
    assert report.probe["title"] == info.title
    assert (report.probe["images"], report.probe["scripts"]) == (0, 3)
    assert report.requests == []
    if HOVER[name] and p:
        tooltip = report.probe["tooltip"]
        assert tooltip and tooltip["visible"] and tooltip["elements"] == 0
        assert f"示例经济技术开发区{p}" in tooltip["text"] and f"示范{p}" in tooltip["text"]


@pytest.mark.parametrize("i", range(len(PAYLOADS)), ids=[f"payload{i}" for i in range(len(PAYLOADS))])
def test_payload_never_becomes_markup(i: int, root: Path, tmp_path: Path, browser: Chromium,
                                      clean_views: dict[str, ViewInfo], clean_pages: dict[str, PageReport]) -> None:
    p = payload(i)
    with RECORD.case("security", f"payload {i}: {PAYLOADS[i].format(n='')[:60]} — 5 views, every text field, "
                     "park view in Chromium with tooltip", cases=len(VIEWS)):
        mini = hostile_corpus(root, tmp_path / "mini", p)
        kg = build(mini / "extracts", mini / "sources").graph
        infos = {name: write_view(kg, tmp_path / f"{name}.html", **opts) for name, opts in VIEWS.items()}
        for name, info in infos.items():
            assert_static_safe(info, clean_views[name], p)
        assert p in infos["park"].title and f"新材料{p}" in infos["chain"].title
        report = open_page(browser, infos["park"], HOVER["park"])
        assert_browser_safe(report, clean_pages["park"], infos["park"], p, "park")


def test_all_payloads_at_once_in_every_view(root: Path, tmp_path: Path, browser: Chromium,
                                            clean_pages: dict[str, PageReport]) -> None:
    every = "".join(payload(i) for i in range(len(PAYLOADS)))
    with RECORD.case("security", f"all {len(PAYLOADS)} payloads at once, every view opened in Chromium",
                     cases=len(VIEWS) * len(PAYLOADS)):
        mini = hostile_corpus(root, tmp_path / "mini", every)
        kg = build(mini / "extracts", mini / "sources").graph
        for name, opts in VIEWS.items():
            info = write_view(kg, tmp_path / f"{name}.html", **opts)
            assert_browser_safe(open_page(browser, info, HOVER[name]), clean_pages[name], info, every, name)


def test_graph_exports_keep_payloads_as_text(root: Path, tmp_path: Path) -> None:
    every = "".join(payload(i) for i in range(len(PAYLOADS)))
    with RECORD.case("security", "payloads in GraphML and GEXF exports stay text (XML parses, labels intact)", cases=2):
        mini = hostile_corpus(root, tmp_path / "mini", every)
        args = ["--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]
        result = CliRunner().invoke(app, ["analyze", "--graphml", str(tmp_path / "g.graphml"),
                                          "--gexf", str(tmp_path / "g.gexf"), *args])
        assert result.exit_code == 0, (result.output, result.exception)
        for name in ("g.graphml", "g.gexf"):
            tree = ET.parse(tmp_path / name)
            texts = [t for e in tree.iter() for t in [e.text or "", *e.attrib.values()]]
            assert f"示例经济技术开发区{every}" in texts, name
            assert not any(e.tag.rsplit("}", 1)[-1] in ("script", "img", "svg") for e in tree.iter())


# --- query parameters -------------------------------------------------------------------------------------

EVIL = [
    '长沙经开区"@zh } UNION { ?entity ?type ?label } #',
    "长沙经开区'@zh . ?s ?p ?o } #",
    '" . } ; DROP ALL ; SELECT * { "',
    '"""\n} INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    '\\" } UNION { ?s ?p ?o } #',
    "park/changsha-etdz> ?p ?o } #",
    "<https://w3id.org/parkgraph/id/park/changsha-etdz>",
    "https://w3id.org/parkgraph/id/park/changsha-etdz> . ?x ?y ?z . <urn:a",
    "https://w3id.org/parkgraph/id/park/changsha-etdz?q=1;DROP%20ALL",
    "2019 } UNION { ?s ?p ?o",
    "1) } UNION { ?s ?p ?o } #",
    "true } UNION {",
    "?s",
    "# comment\n?s ?p ?o",
    "\\u0022 } UNION { ?s ?p ?o } #",
    "长沙经开区\n} SERVICE <http://127.0.0.1:1/> { ?s ?p ?o",
]
CLEAN = {"iri": "park/no-such-park", "zh": "无此名称", "text": "no such text", "year": "1990",
         "integer": "7", "boolean": "false"}


def values_rows(text: str) -> list[dict]:
    """The rows of every VALUES block in the query's algebra."""
    found: list[dict] = []

    def walk(node: Any) -> None:
        if isinstance(node, CompValue):
            if node.name == "values" and "res" in node:
                found.extend(node["res"])
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(translateQuery(parseQuery(text)).algebra)
    return found


def test_parameters_carrying_sparql_cannot_change_a_query(built: Build) -> None:
    cases = [(q, p, evil) for q in list_queries() for p in q.params for evil in EVIL]
    with RECORD.case("security", f"SPARQL in parameters: {len(EVIL)} values × every parameter of every saved query",
                     cases=len(cases)) as case:
        refused = bound = 0
        for q, p, evil in cases:
            try:
                prepared = prepare(q, {p.name: evil})
            except QueryError as exc:
                assert str(exc).startswith(f"parameter {p.name}: ") and "\n" not in str(exc), exc
                refused += 1
                continue
            bound += 1
            clean = prepare(q, {p.name: CLEAN[p.type]})
            term, clean_term = to_term(p, evil), to_term(p, CLEAN[p.type])
            assert prepared.text.replace(term.n3(), "⟨value⟩") == clean.text.replace(clean_term.n3(), "⟨value⟩")
            rows, clean_rows = values_rows(prepared.text), values_rows(clean.text)
            assert len(rows) == len(clean_rows) >= 1, (q.name, p.name, evil)
            assert all(set(a) == set(b) and Variable(p.name) in a for a, b in zip(rows, clean_rows, strict=True))
            assert run_local(built.graph, prepared) == run_local(built.graph, clean), (q.name, evil)
        case.note = f"{refused} refused as the wrong type, {bound} bound as one term with the same results"
        assert bound and refused


def test_parameter_values_are_bound_exactly_as_given() -> None:
    """A value is bound as exactly the text given (or refused): ``\\u0022`` in a name stays those six
    characters and does not turn into a quote through SPARQL's codepoint-escape processing."""
    query = load_query("find-entity")
    param = query.params[0]
    values = [*EVIL, "C:\\u005C\\path", "\\U0001F600", "a\\\\u0022b"]
    with RECORD.case("security", "parameter values bound exactly as given (codepoint escapes)", cases=len(values)):
        for value in values:
            try:
                prepared = prepare(query, {param.name: value})
            except QueryError:
                continue
            bound = values_rows(prepared.text)[0][Variable(param.name)]
            assert bound == to_term(param, value), f"{value!r} was bound as {str(bound)!r}"


def test_parameter_injection_on_a_remote_endpoint(built: Build) -> None:
    with RECORD.case("security", "SPARQL in a parameter sent to a real Oxigraph server", cases=len(EVIL)), \
            start_server() as srv:
        push(built.graph, srv.store_url, timeout=30)
        query = load_query("find-entity")
        for evil in EVIL:
            try:
                prepared = prepare(query, {"name": evil})
            except QueryError:
                continue  # refused outright: nothing reaches the server
            assert run_remote(srv.query_url, prepared, timeout=30) == run_local(built.graph, prepared) == []
        assert run_remote(srv.query_url, prepare(query), timeout=30)  # a clean value does find something


# --- updates need --allow-update ---------------------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "CLEAR ALL", "CLEAR DEFAULT", "DROP ALL", "DROP GRAPH <https://w3id.org/parkgraph/graph/registry>",
    "CREATE GRAPH <urn:g>", "LOAD <http://127.0.0.1:1/x.ttl>", "ADD DEFAULT TO <urn:g>", "MOVE <urn:a> TO <urn:b>",
    "COPY <urn:a> TO <urn:b>", "drop all", "PREFIX x: <urn:x>\n# SELECT * WHERE { ?s ?p ?o }\nDROP ALL",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "INSERT DATA { <urn:a> <urn:b> <urn:c> } ; DROP ALL",
]
REFUSAL = ("error: refusing to run an update (INSERT/DELETE/LOAD/CLEAR/DROP …); "
           "pass --allow-update if you mean to change the data\n")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_updates_refused_without_the_flag_locally(mini: Path, tmp_path: Path) -> None:
    with RECORD.case("security", f"{len(UPDATES)} update forms refused without --allow-update (library, CLI, on-disk store)",
                     cases=3 * len(UPDATES)):
        store = tmp_path / "store"
        args = ["--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]
        result = CliRunner().invoke(app, ["build", *args, "--out", str(tmp_path / "dist"), "--store", str(store)])
        assert result.exit_code == 0, (result.output, result.exception)
        before = len(list(open_graph(store).ox_quads()))
        for update in UPDATES:
            with pytest.raises(QueryError, match="refusing to run an update"):
                prepare(update)
            for where in (args, ["--store", str(store)]):
                result = CliRunner().invoke(app, ["query", "-", *where], input=update)
                assert result.exit_code == 2 and result.stderr == REFUSAL, (update, result.output)
        assert len(list(open_graph(store).ox_quads())) == before
        result = CliRunner().invoke(app, ["query", "-", "--allow-update", *args],
                                    input="INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
        assert result.exit_code == 0, (result.output, result.exception)  # the flag is the only gate


def test_allowed_update_of_the_default_graph_runs_locally(mini: Path) -> None:
    with RECORD.case("security", "--allow-update: INSERT DATA into the default graph on the embedded engine"):
        args = ["--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]
        result = CliRunner().invoke(app, ["query", "-", "--allow-update", *args], input=UPDATES[0])
        assert result.exit_code == 0, f"exit {result.exit_code} ({result.exception!r})"


def test_updates_refused_without_the_flag_on_an_endpoint(mini: Path) -> None:
    with RECORD.case("security", f"{len(UPDATES)} update forms refused without --allow-update on a real server",
                     cases=len(UPDATES) + 1), start_server() as srv:
        push(build(mini / "extracts", mini / "sources").graph, srv.store_url, timeout=30)
        count = prepare(COUNT)
        before = run_remote(srv.query_url, count, timeout=30)
        for update in UPDATES:
            for url in (srv.update_url, srv.query_url):
                result = CliRunner().invoke(app, ["query", "-", "--endpoint", url], input=update)
                assert result.exit_code == 2 and result.stderr == REFUSAL, (update, result.output)
        assert run_remote(srv.query_url, count, timeout=30) == before


def test_allowed_update_reaches_the_endpoint(mini: Path) -> None:
    with RECORD.case("security", "--allow-update: INSERT DATA sent to a real server's update endpoint"), \
            start_server() as srv:
        count = prepare(COUNT)
        before = run_remote(srv.query_url, count, timeout=30)
        result = CliRunner().invoke(app, ["query", "-", "--endpoint", srv.update_url, "--allow-update"],
                                    input="INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr.strip()}"
        assert run_remote(srv.query_url, count, timeout=30)[0]["n"] == before[0]["n"] + 1


# --- credentials ------------------------------------------------------------------------------------------

USER, SECRET = "alice", "pw-S3cr3t-7x9q"
TOKEN = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()


class AuthRecorder:
    """A loopback HTTP server answering every request with ``status``; it records Authorization headers."""

    def __init__(self, status: int, body: bytes = b"") -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        seen = self.seen = []

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                seen.append(self.headers.get("Authorization"))
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> AuthRecorder:
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and TOKEN not in text and f"{USER}:" not in text, f"credentials shown: {text[:300]!r}"


def test_credentials_never_printed_logged_or_exported(mini: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    args = ["--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]
    by_option = ["--user", USER, "--password", SECRET]
    by_env = {"PARKGRAPH_USER": USER, "PARKGRAPH_PASSWORD": SECRET}
    runs = 0
    with RECORD.case("security", "credentials (option and env var) absent from stdout, stderr, logs, warnings, "
                     "help, exports and store", cases=0) as case:
        caplog.set_level(logging.DEBUG)
        runner = CliRunner()
        outputs: list[str] = []
        for status, body in ((401, b""), (403, b""), (500, b"oops"), (200, b"<html>not sparql</html>"), (204, b"")):
            with AuthRecorder(status, body) as srv:
                for extra, env in ((by_option, None), ([], by_env)):
                    for cmd in (["push", "--endpoint", f"{srv.base}/store", *args],
                                ["query", "-", "--endpoint", f"{srv.base}/query"]):
                        result = runner.invoke(app, [*cmd, *extra, "--timeout", "5"], env=env, input="ASK {}")
                        assert result.exit_code in (0, 3) and "Traceback" not in result.output, result.output
                        outputs += [result.stdout, result.stderr]
                        runs += 1
                assert srv.seen and all(h == f"Basic {TOKEN}" for h in srv.seen)  # sent to the server, only there
        refused = f"http://127.0.0.1:{free_port()}"
        for cmd in (["push", "--endpoint", f"{refused}/store", *args], ["query", "-", "--endpoint", f"{refused}/query"]):
            result = runner.invoke(app, [*cmd, *by_option], input="ASK {}")
            outputs += [result.stdout, result.stderr]
            runs += 1
        result = runner.invoke(app, ["push", "--help"], env=by_env)
        outputs.append(result.stdout)
        result = runner.invoke(app, ["build", *args, "--out", str(tmp_path / "dist"), "--store", str(tmp_path / "store")],
                               env=by_env)
        assert result.exit_code == 0
        outputs += [result.stdout, result.stderr, caplog.text]
        assert_no_secret(*outputs)
        for path in [*(tmp_path / "dist").iterdir(), *(p for p in (tmp_path / "store").rglob("*") if p.is_file())]:
            data = path.read_bytes()
            assert SECRET.encode() not in data and TOKEN.encode() not in data, path
        case.cases = runs + 2


def test_credentials_in_an_endpoint_url_are_not_echoed(mini: Path) -> None:
    with RECORD.case("security", "credentials written inside an endpoint URL are not echoed in errors", cases=2):
        port = free_port()
        for cmd in (["query", "-", "--endpoint", f"http://{USER}:{SECRET}@127.0.0.1:{port}/query"],
                    ["push", "--endpoint", f"http://{USER}:{SECRET}@127.0.0.1:{port}/store",
                     "--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]):
            result = CliRunner().invoke(app, cmd, input="ASK {}")
            assert result.exit_code in (2, 3) and "Traceback" not in result.output
            assert_no_secret(result.stdout, result.stderr)


def test_source_file_outside_the_sources_folder_is_refused(mini: Path) -> None:
    with RECORD.case("security", "extract naming a source file outside sources/ (../, absolute path)", cases=2):
        doc = mini / "extracts" / "documents" / "mini.yaml"
        text = doc.read_text(encoding="utf-8")
        (mini / "secret.txt").write_text((mini / "sources" / "mini.txt").read_text(encoding="utf-8"), encoding="utf-8")
        for name in ("../secret.txt", str(mini / "secret.txt")):
            doc.write_text(text.replace("file: mini.txt", f"file: {name}"), encoding="utf-8")
            result = CliRunner().invoke(app, ["validate", "--extracts", str(mini / "extracts"),
                                              "--sources", str(mini / "sources")])
            assert result.exit_code == 2, f"exit {result.exit_code}: the source file {name} outside sources/ was read"
            assert (f"error: {doc}:2: source file {name!r} is not inside {mini / 'sources'}"
                    in result.stderr.splitlines()), result.stderr


# --- the local server binds to 127.0.0.1 -------------------------------------------------------------------

def listening(port: int) -> list[str]:
    """Local addresses (hex, as in /proc/net/tcp*) of the sockets listening on ``port``."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table, encoding="ascii") as f:
            for line in f.read().splitlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                    out.append(local.rsplit(":", 1)[0])
    return out


LOOPBACK = "0100007F"  # 127.0.0.1 in /proc/net/tcp (little-endian hex)


def test_library_server_binds_loopback_only() -> None:
    with RECORD.case("security", "start_server() listens on 127.0.0.1 only"), start_server() as srv:
        assert listening(srv.port) == [LOOPBACK]


@pytest.mark.parametrize(("host", "expected"), [(None, LOOPBACK), ("127.0.0.2", "0200007F")])
def test_serve_binds_loopback_unless_told(host: str | None, expected: str, mini: Path, root: Path) -> None:
    with RECORD.case("security", f"parkgraph serve {'--host ' + host if host else '(default)'}: listening address"):
        port = free_port()
        cmd = [sys.executable, "-m", "parkgraph", "serve", "--port", str(port),
               "--extracts", str(mini / "extracts"), "--sources", str(mini / "sources")]
        if host:
            cmd += ["--host", host]
        proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            ready, _, _ = select.select([proc.stdout], [], [], TIMEOUT)
            assert ready, "serve printed nothing"
            first = proc.stdout.readline().strip()  # type: ignore[union-attr]
            assert first == f"http://{host or '127.0.0.1'}:{port}/query"
            assert listening(port) == [expected]
            assert run_remote(first, prepare("ASK {}"), timeout=10) == [{"ask": True}]
        finally:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=TIMEOUT)
        assert proc.returncode == 0
        assert listening(port) == []

