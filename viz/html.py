"""One self-contained, offline HTML page for a vis-network view.

Everything is inline: vis-network's JavaScript and CSS come from the copy bundled in the pyvis
package (pyvis's own template still links Bootstrap from a CDN, so it is not used). Text is data:
the page title and notices are HTML-escaped, and nodes, edges, tooltips and the legend travel as
JSON in a ``<script type="application/json">`` block (with ``<``, ``>`` and ``&`` escaped) and
become DOM text nodes through ``textContent``, never ``innerHTML``. A Content-Security-Policy
allows only the page's own two scripts (by hash) and no network access at all.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from parkgraph.errors import ParkgraphError
from parkgraph.viz.style import FONT_STACK

VIS_VERSION = "9.1.2"
_ICON_RULE = re.compile(r"[^{}]*\{[^{}]*url\([^)]*data:[^}]*\}")


class AssetError(ParkgraphError):
    """vis-network's files are missing from the installed pyvis package."""


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's (JavaScript, CSS) as bundled by pyvis under templates/lib/."""
    lib = files("pyvis").joinpath("templates", "lib", f"vis-{VIS_VERSION}")
    try:
        js = lib.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = lib.joinpath("vis-network.css").read_text(encoding="utf-8")
    except OSError as exc:
        raise AssetError(f"pyvis does not ship vis-network {VIS_VERSION} under templates/lib: {exc}") from exc
    # The navigation and manipulation buttons (off in every view) carry 200 KB of base64 icons.
    css = _ICON_RULE.sub("", css)
    if "</script" in js.lower() or "</style" in css.lower():
        raise AssetError("vis-network's files cannot be inlined (they contain a closing tag)")
    return js, css


@dataclass
class Page:
    """What a view shows: vis nodes and edges (with structured ``tip`` tooltips) and page text."""

    title: str
    subtitle: str
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: list[dict[str, str]] = field(default_factory=list)  # {kind: node|edge, label, color, shape}
    notices: list[str] = field(default_factory=list)
    physics: bool = False
    options: dict[str, Any] = field(default_factory=dict)


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>', '&' or line separators left raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


APP_JS = r"""(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function tip(t) {
    if (!t) { return undefined; }
    var box = el("div", "pg-tip");
    box.appendChild(el("div", "pg-tip-title", t.title));
    if (t.cls) { box.appendChild(el("div", "pg-tip-cls", t.cls)); }
    if (t.rows && t.rows.length) {
      var table = el("table");
      t.rows.forEach(function (r) {
        var tr = el("tr");
        tr.appendChild(el("th", null, r[0]));
        tr.appendChild(el("td", null, r[1]));
        table.appendChild(tr);
      });
      box.appendChild(table);
    }
    if (t.evidence && t.evidence.length) {
      box.appendChild(el("div", "pg-tip-h", "证据 Evidence"));
      t.evidence.forEach(function (ev) {
        box.appendChild(el("blockquote", null, "\u201c" + ev[0] + "\u201d"));
        box.appendChild(el("div", "pg-tip-doc", "\u2014 " + ev[1]));
      });
    }
    return box;
  }
  var legend = document.getElementById("pg-legend");
  data.legend.forEach(function (item) {
    var row = el("div", "pg-legend-row");
    var mark = el("span", "pg-mark pg-" + item.kind + (item.kind === "node" ? " pg-shape-" + item.shape : ""));
    mark.style.setProperty("--c", item.color);
    row.appendChild(mark);
    row.appendChild(el("span", null, item.label));
    legend.appendChild(row);
  });
  data.nodes.forEach(function (n) { n.title = tip(n.tip); delete n.tip; });
  data.edges.forEach(function (e) { e.title = tip(e.tip); delete e.tip; });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("pg-network"), {}, data.options);
  window.pgNetwork = network; window.pgNodes = nodes; window.pgEdges = edges;
  function ready() {
    network.setOptions({ physics: false });
    network.fit();
    document.body.setAttribute("data-ready", "1");
    window.pgReady = true;
  }
  if (data.physics) {
    network.once("stabilizationIterationsDone", ready);
  } else if (data.nodes.length) {
    network.once("afterDrawing", ready);
  }
  network.setData({ nodes: nodes, edges: edges });
  if (!data.nodes.length) { ready(); }
})();
"""

CSS = """
html, body { margin: 0; height: 100%; font-family: FONTS; color: #222; background: #fafafa; }
body { display: flex; flex-direction: column; }
header { padding: 8px 16px; border-bottom: 1px solid #ddd; background: #fff; }
header h1 { font-size: 18px; margin: 0 0 2px 0; font-weight: 600; }
header .pg-sub { font-size: 13px; color: #555; margin: 0; }
#pg-counts { font-size: 13px; color: #333; margin: 4px 0 0 0; }
.pg-notice { font-size: 13px; margin: 4px 0 0 0; padding: 4px 8px; background: #fff4d6; border: 1px solid #f0d890; border-radius: 4px; }
#pg-main { flex: 1; display: flex; min-height: 0; }
#pg-network { flex: 1; min-width: 0; background: #fff; }
#pg-legend { width: 190px; padding: 8px 12px; border-left: 1px solid #ddd; font-size: 12px; overflow-y: auto; background: #fff; }
#pg-legend h2 { font-size: 13px; margin: 4px 0 6px 0; }
.pg-legend-row { display: flex; align-items: center; gap: 6px; margin: 3px 0; }
.pg-mark { display: inline-block; flex: none; width: 12px; height: 12px; background: var(--c); }
.pg-node.pg-shape-dot { border-radius: 50%; }
.pg-node.pg-shape-diamond { transform: rotate(45deg) scale(0.8); }
.pg-node.pg-shape-triangle { clip-path: polygon(50% 0, 100% 100%, 0 100%); }
.pg-node.pg-shape-triangleDown { clip-path: polygon(0 0, 100% 0, 50% 100%); }
.pg-node.pg-shape-star { clip-path: polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%); }
.pg-node.pg-shape-hexagon { clip-path: polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%); }
.pg-node.pg-shape-box { border: 1px solid #888; border-radius: 2px; }
.pg-edge { height: 3px; width: 18px; }
div.vis-tooltip { white-space: normal; max-width: 420px; font-family: FONTS; font-size: 12px; padding: 6px 8px; }
.pg-tip-title { font-weight: 600; font-size: 13px; }
.pg-tip-cls { color: #666; margin-bottom: 4px; }
.pg-tip table { border-collapse: collapse; margin: 2px 0; }
.pg-tip th { text-align: left; font-weight: normal; color: #666; padding: 0 8px 0 0; vertical-align: top; white-space: nowrap; }
.pg-tip td { padding: 0; }
.pg-tip-h { margin-top: 4px; color: #666; }
.pg-tip blockquote { margin: 2px 0 0 0; padding-left: 6px; border-left: 3px solid #ccc; }
.pg-tip-doc { color: #666; font-size: 11px; }
""".replace("FONTS", FONT_STACK)


def render(page: Page) -> str:
    """The page as one HTML string with vis-network, the data and the app inlined."""
    vis_js, vis_css = vis_assets()
    data = {"nodes": page.nodes, "edges": page.edges, "legend": page.legend,
            "physics": page.physics, "options": page.options}
    csp = ("default-src 'none'; " f"script-src {_hash(vis_js)} {_hash(APP_JS)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; connect-src 'none'; "
           "base-uri 'none'; form-action 'none'")
    esc = html.escape
    counts = f"节点 {len(page.nodes)} 个 · 边 {len(page.edges)} 条 — {len(page.nodes)} nodes, {len(page.edges)} edges"
    notices = "".join(f'<p class="pg-notice" role="status">{esc(n)}</p>' for n in page.notices)
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="parkgraph (vis-network {VIS_VERSION} via pyvis)">
<title>{esc(page.title)}</title>
<style>{vis_css}</style>
<style>{CSS}</style>
<script>{vis_js}</script>
</head>
<body>
<header>
<h1>{esc(page.title)}</h1>
<p class="pg-sub">{esc(page.subtitle)}</p>
<p id="pg-counts" data-nodes="{len(page.nodes)}" data-edges="{len(page.edges)}">{esc(counts)}</p>
{notices}
</header>
<div id="pg-main">
<div id="pg-network"></div>
<aside id="pg-legend"><h2>图例 Legend</h2></aside>
</div>
<script type="application/json" id="pg-data">{script_json(data)}</script>
<script>{APP_JS}</script>
</body>
</html>
"""
