"""Every view opened in a real headless Chromium with the network off (DevTools over a pipe):
no console errors, no request beyond the file, vis-network holds the counts the page reports,
Chinese labels, injected markup shown as text and never run, a screenshot written."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from parkgraph.errors import ParkgraphError
from parkgraph.graph.build import Build, build
from parkgraph.graph.synth import synthesize
from parkgraph.namespaces import ID
from parkgraph.viz import budget as budget_module
from parkgraph.viz.browser import CHROMIUM, Chromium, PageReport
from parkgraph.viz.commands import viz_command
from parkgraph.viz.convert import PHYSICS_LIMIT, STABILISATION_ITERATIONS
from parkgraph.viz.network import entity_graph
from parkgraph.viz.resolve import UnknownNameError
from parkgraph.viz.views import ViewError, ViewInfo, view, write_view

CHANGSHA = str(ID["park/changsha-etdz"])
SCRIPT = "<script>window.__pwned=1</script>"
IMG = "<img src=x onerror=window.__pwned=1>"
REMOTE = re.compile(r"""(?:\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:|wss?:|//))"""
                    r"""|(?:url\(\s*["']?\s*(?:https?:|//))|@import""", re.IGNORECASE)
REAL_VIEWS: dict[str, dict] = {
    "overview": {},
    "shared-chains": {"shared_chains": True},
    "park": {"park": "长沙经开区"},
    "park-2-hops": {"park": "changsha-etdz", "hops": 2},
    "chain": {"chain": "新材料"},
    "query": {"query": "chain-parks", "params": {"chain": "chain/new-materials"}},
    "overview-budget-60": {"budget": 60},
}
SETTLED = {"stabilisation": "pgNetwork.physics.options.stabilization.iterations",
           "positioned": "pgNodes.get().every(n => typeof n.x === 'number' && typeof n.y === 'number')",
           "changsha": f"pgNodes.get({json.dumps(CHANGSHA)})"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if not shutil.which(CHROMIUM):  # a missing browser is a failure, never a skip: .ci/run installs it
        pytest.fail(f"headless Chromium not installed at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    with Chromium(timeout=90) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def real(built: Build, browser: Chromium, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[ViewInfo, PageReport]]:
    out = tmp_path_factory.mktemp("views")
    g = entity_graph(built.graph)
    results = {}
    for name, options in REAL_VIEWS.items():
        info = write_view(built.graph, out / f"{name}.html", graph=g, **options)
        results[name] = (info, browser.open(info.path, screenshot=out / f"{name}.png", extra=SETTLED))
    return results


def assert_clean(info: ViewInfo, report: PageReport) -> None:
    assert report.errors == []
    assert [u for u in report.requests if not u.startswith(("file:", "data:"))] == []
    text = info.path.read_text(encoding="utf-8")
    assert REMOTE.findall(text) == []
    assert "default-src 'none'" in html.unescape(text[:2000])  # the CSP: nothing may be fetched even if something tried
    probe = report.probe
    assert probe["ready"] and probe["pwned"] is False
    assert (probe["nodes"], probe["edges"]) == (info.nodes, info.edges)
    assert (probe["countsNodes"], probe["countsEdges"]) == (info.nodes, info.edges)
    assert probe["drawnNodes"] == info.nodes
    assert probe["physics"] is False  # settled, then frozen
    assert probe["images"] == 0 and probe["scripts"] == 3  # vis-network, the data block, the app
    assert report.screenshot is not None and report.screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert report.screenshot.stat().st_size > 10_000
    assert info.size == info.path.stat().st_size


@pytest.mark.parametrize("name", list(REAL_VIEWS))
def test_real_view_opens_offline_and_shows_what_it_says(real: dict, name: str) -> None:
    info, report = real[name]
    assert_clean(info, report)
    assert info.nodes > 0 and info.edges > 0
    assert report.load_seconds < 30
    if info.nodes <= PHYSICS_LIMIT:
        assert report.values["stabilisation"] == STABILISATION_ITERATIONS
    else:
        assert report.values["positioned"] is True  # laid out beforehand, physics off from the start
    changsha = report.values["changsha"]
    assert changsha is not None and changsha["label"] == "长沙经济技术开发区"


def test_large_views_are_cut_to_the_budget_and_say_so(real: dict, built: Build) -> None:
    total = entity_graph(built.graph).number_of_nodes()
    info, report = real["overview-budget-60"]
    assert info.nodes <= 60 < total
    assert any("超过上限 60" in n and f"{total} 个节点" in n for n in report.probe["notices"])
    assert any("聚合节点" in row for row in report.probe["legend"])
    full, _ = real["overview"]
    assert full.nodes <= 400


def test_views_have_a_legend_and_relation_labels(real: dict) -> None:
    _, report = real["chain"]
    legend = report.probe["legend"]
    assert any("开发区/园区" in row for row in legend) and any("产业链" in row for row in legend)
    assert any("pg:hasIndustryChain" in row for row in legend)
    text = real["chain"][0].path.read_text(encoding="utf-8")
    assert "拥有产业链" in text and "Noto Sans CJK SC" in text


@pytest.fixture()
def hostile(mini: Path) -> Build:
    """The mini corpus with markup in a park's name, an alias, a chain's name and a quote."""
    registry, documents = mini / "extracts" / "registry", mini / "extracts" / "documents"
    parks = registry / "parks.yaml"
    parks.write_text(parks.read_text(encoding="utf-8")
                     .replace("  name: 示例经济技术开发区\n", f"  name: '示例经济技术开发区{SCRIPT}'\n")
                     .replace("aliases: [示范经开区]", f"aliases: [示范经开区, '{IMG}']"), encoding="utf-8")
    chains = registry / "chains.yaml"
    chains.write_text(chains.read_text(encoding="utf-8").replace("name: 新材料,", f"name: '新材料{IMG}',"),
                      encoding="utf-8")
    source = mini / "sources" / "mini.txt"
    source.write_text(source.read_text(encoding="utf-8") + f"示范经开区{IMG}与{SCRIPT}是注入测试。\n", encoding="utf-8")
    doc = documents / "mini.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("park_chains:\n", (
        f"  - entity: demo-etdz\n    as: 示范经开区\n    evidence: '示范经开区{IMG}与{SCRIPT}是注入测试'\n"
        "park_chains:\n")), encoding="utf-8")
    return build(mini / "extracts", mini / "sources")


def test_injected_markup_is_shown_as_text_and_never_runs(hostile: Build, browser: Chromium, tmp_path: Path) -> None:
    park = str(ID["park/demo-etdz"])
    views = {"overview": {}, "park": {"park": "示范经开区"}, "chain": {"chain": "new-materials"},
             "shared-chains": {"shared_chains": True},
             "query": {"query": "park-chains", "params": {"park": "park/demo-etdz"}}}
    for name, options in views.items():
        info = write_view(hostile.graph, tmp_path / f"{name}.html", **options)
        text = info.path.read_text(encoding="utf-8")
        assert SCRIPT not in text and IMG not in text and "<img" not in text
        hover = park if name != "shared-chains" else None
        report = browser.open(info.path, screenshot=tmp_path / f"{name}.png", hover=hover,
                              extra={"label": f"pgNodes.get({json.dumps(park)})?.label"})
        assert_clean(info, report)
        if hover:
            assert report.values["label"] == f"示例经济技术开发区{SCRIPT}"  # the canvas draws the text
            tooltip = report.probe["tooltip"]
            assert tooltip is not None and tooltip["visible"], name
            assert SCRIPT in tooltip["text"] and IMG in tooltip["text"]  # name, alias and quote as text
            assert tooltip["elements"] == 0
    assert report.probe["title"].startswith("查询")
    park_page = browser.open(tmp_path / "park.html")
    assert SCRIPT in park_page.probe["title"]  # the <title> shows the markup as text
    assert park_page.probe["pwned"] is False


def test_jupyter_display_is_an_iframe_holding_the_whole_page(built: Build, browser: Chromium,
                                                             tmp_path: Path) -> None:
    shown = view(built.graph, chain="新材料")
    frame = shown._repr_html_()
    assert frame.startswith("<iframe srcdoc=\"") and 'sandbox="allow-scripts"' in frame
    srcdoc = frame.split('srcdoc="', 1)[1].split('" sandbox=', 1)[0]
    assert "<" not in srcdoc and html.unescape(srcdoc) == shown.html
    notebook = tmp_path / "notebook.html"  # what a notebook page does with _repr_html_
    notebook.write_text(f"<!DOCTYPE html><meta charset='utf-8'><title>cell</title>{frame}", encoding="utf-8")
    report = browser.open(notebook, screenshot=tmp_path / "notebook.png", in_frame=True)
    assert report.errors == [] and report.requests == []
    probe = report.probe
    assert (probe["nodes"], probe["edges"], probe["countsNodes"]) == (shown.info.nodes, shown.info.edges, shown.info.nodes)
    assert probe["title"] == shown.page.title and probe["pwned"] is False


def test_bad_focus_and_unknown_names_are_typed_errors(built: Build, tmp_path: Path) -> None:
    with pytest.raises(ViewError, match="choose one focus"):
        write_view(built.graph, tmp_path / "x.html", park="长沙经开区", chain="新材料")
    with pytest.raises(ViewError, match="--hops"):
        write_view(built.graph, tmp_path / "x.html", park="长沙经开区", hops=0)
    with pytest.raises(ViewError, match="--hops applies only to --park"):
        write_view(built.graph, tmp_path / "x.html", chain="新材料", hops=2)
    with pytest.raises(ViewError, match="only to --shared-chains"):
        write_view(built.graph, tmp_path / "x.html", rollup=True)
    with pytest.raises(UnknownNameError, match="no chain"):
        write_view(built.graph, tmp_path / "x.html", chain="不存在的产业")
    with pytest.raises(ParkgraphError):
        write_view(built.graph, tmp_path / "x.html", query="no-such-query")
    assert list(tmp_path.iterdir()) == []


def test_the_browser_check_itself_sees_errors_and_remote_loads(browser: Chromium, tmp_path: Path) -> None:
    """A control: a page that logs an error, throws, and asks for a remote image is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><meta charset='utf-8'><title>bad</title>"
                    "<img src='https://example.invalid/x.png'><script>console.error('boom');"
                    "window.pgReady = true; setTimeout(() => { throw new Error('late'); }, 0);</script>",
                    encoding="utf-8")
    report = browser.open(page)
    assert any("boom" in e for e in report.errors) and any("late" in e for e in report.errors)
    assert "https://example.invalid/x.png" in report.requests


def test_viz_command_names_the_file_after_the_focus(built: Build, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = viz_command(built.graph, park="长沙经开区", hops=2)
    assert text.startswith("wrote parkgraph-park-changsha-etdz.html (")
    assert (tmp_path / "parkgraph-park-changsha-etdz.html").is_file()
    text = viz_command(built.graph, output=tmp_path / "q.html", query="park-chains",
                       params=["park=park/changsha-hidz"])
    assert "wrote" in text and "长沙高新技术产业开发区" in (tmp_path / "q.html").read_text(encoding="utf-8")
    with pytest.raises(ViewError, match="name=value"):
        viz_command(built.graph, query="park-chains", params=["park"])


def test_views_read_within_the_budget_open_cleanly_and_say_what_they_left_out(
        browser: Chromium, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a synthetic national corpus (popular chains link most parks): the bounded 2-hop park
    view with its hub aggregates, a large chain and the skeleton overview, in a real browser."""
    synthesize(60, 3, tmp_path / "corpus")
    kg = build(tmp_path / "corpus" / "extracts", tmp_path / "corpus" / "sources", keep_documents=False).graph
    monkeypatch.setattr(budget_module, "WHOLE_MAX", 500)  # the overview treats it as a national graph
    views = {"park-2-hops": ({"park": "park/park-00000", "hops": 2}, "邻域按上限读取"),
             "chain": ({"chain": "chain/manufacturing", "budget": 60}, "其余合并为聚合节点"),
             "overview": ({"budget": 80}, "总览只读取园区与产业链的骨架")}
    for name, (options, says) in views.items():
        info = write_view(kg, tmp_path / f"{name}.html", **options)
        report = browser.open(info.path, screenshot=tmp_path / f"{name}.png")
        assert_clean(info, report)
        assert info.nodes <= options.get("budget", 400)
        assert any(says in n for n in report.probe["notices"]), name
        assert any("聚合节点" in row for row in report.probe["legend"])
