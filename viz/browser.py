"""Open a view in headless Chromium, offline, and report what the page did.

Drives Chromium through the DevTools protocol over a pipe (``--remote-debugging-pipe``: no
port, no websocket library, standard library only). The network is off three ways: Chromium's
own flags, DNS mapped to nothing, and DevTools' offline emulation; every request the page makes is
recorded anyway, so a test can assert there were none beyond the file itself. Every wait is
bounded by a deadline.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parkgraph.errors import ParkgraphError

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--host-resolver-rules=MAP * ~NOTFOUND", "--remote-debugging-pipe",
         "--hide-scrollbars", "--mute-audio"]

OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
PROBE = """(() => {
  const n = window.pgNetwork;
  return JSON.stringify({
    ready: !!window.pgReady,
    nodes: window.pgNodes ? window.pgNodes.length : -1,
    edges: window.pgEdges ? window.pgEdges.length : -1,
    drawnNodes: n ? Object.keys(n.body.nodes).length : -1,
    physics: n ? !!n.physics.physicsEnabled : null,
    countsNodes: Number(document.getElementById("pg-counts")?.dataset.nodes),
    countsEdges: Number(document.getElementById("pg-counts")?.dataset.edges),
    title: document.title,
    pwned: typeof window.__pwned !== "undefined",
    images: document.images.length,
    scripts: document.scripts.length,
    notices: Array.from(document.querySelectorAll(".pg-notice")).map(e => e.textContent),
    legend: Array.from(document.querySelectorAll(".pg-legend-row")).map(e => e.textContent),
  });
})()"""


class BrowserError(ParkgraphError):
    """Chromium is missing, did not start, or did not answer in time."""


@dataclass
class PageReport:
    """What happened when a page was opened."""

    url: str
    load_seconds: float
    probe: dict[str, Any]
    errors: list[str] = field(default_factory=list)  # console errors, exceptions, error log entries
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    screenshot: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)  # the results of ``extra`` expressions


def _above_nine(fd: int) -> int:
    """A duplicate of ``fd`` numbered 10 or more (the original is closed)."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Chromium:
    """A headless Chromium with its own fresh profile; use as a context manager."""

    def __init__(self, binary: str = CHROMIUM, timeout: float = 60.0, width: int = 1400, height: int = 900) -> None:
        if not shutil.which(binary):
            raise BrowserError(f"no Chromium at {binary} (Debian: apt-get install chromium fonts-noto-cjk)")
        self.binary, self.timeout, self.size = binary, timeout, (width, height)
        self._next = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []

    def __enter__(self) -> Chromium:
        self._profile = tempfile.TemporaryDirectory(prefix="parkgraph-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # The pipe protocol wants the browser to read fd 3 and write fd 4: bash puts them there, from
        # numbers above 9 so that moving one cannot overwrite the other (dash rejects fds above 9).
        to_browser_r, from_browser_w = (_above_nine(fd) for fd in (to_browser_r, from_browser_w))
        cmd = f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}'
        self.proc = subprocess.Popen(
            ["/bin/bash", "-c", cmd, self.binary, *FLAGS, f"--user-data-dir={self._profile.name}",
             f"--window-size={self.size[0]},{self.size[1]}", "about:blank"],
            pass_fds=(to_browser_r, from_browser_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.proc.poll() is None:
                self._send("Browser.close", wait=False)
                self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired, BrowserError):
            self.proc.kill()  # the process this object started, by its handle
            self.proc.wait(timeout=10)
        finally:
            os.close(self._to_browser)
            os.close(self._from_browser)
            self._profile.cleanup()

    def _send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
              wait: bool = True, timeout: float | None = None) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        if not wait:
            return {}
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise BrowserError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0] and b"\0" not in self._buffer:
                return
            self.events.append(self._read(deadline + 1))

    def open(self, path: Path, screenshot: Path | None = None, hover: str | None = None,
             extra: dict[str, str] | None = None, in_frame: bool = False) -> PageReport:
        """Load ``path`` offline, wait (bounded) until the view is drawn, probe it, screenshot it.

        ``hover``: a node id to move the mouse onto, so that its tooltip is built and shown.
        ``extra``: named JavaScript expressions (returning JSON-able values) to evaluate at the end.
        ``in_frame``: the view is inside the page's iframe (as Jupyter shows it): wait and probe there.
        """
        target = self._send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self._send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self._send(f"{domain}.enable", session=session)
        self._send("Network.emulateNetworkConditions", OFFLINE, session=session)
        self._send("Emulation.setDeviceMetricsOverride", {"width": self.size[0], "height": self.size[1],
                                                          "deviceScaleFactor": 1, "mobile": False}, session=session)
        if in_frame:
            self._send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True,
                                                "flatten": True}, session=session)
        self.events.clear()
        url = path.resolve().as_uri()
        start = time.monotonic()
        self._send("Page.navigate", {"url": url}, session=session)
        if in_frame:
            probe = self._wait_frame_ready(start + self.timeout)
        else:
            probe = self._wait_ready(session, start + self.timeout)
        load = time.monotonic() - start
        if hover:
            self._hover(session, hover)
            probe = self._evaluate(session, PROBE)
            probe["tooltip"] = self._evaluate(session, """JSON.stringify((() => {
              const t = document.querySelector("div.vis-tooltip");
              return t ? {text: t.textContent, visible: t.style.visibility !== "hidden",
                          elements: t.querySelectorAll("script, img, iframe").length} : null; })())""")
        values = {name: self._evaluate(session, f"JSON.stringify({expr})") for name, expr in (extra or {}).items()}
        # let the tasks the page queued run first (a timer set when the view was drawn): its errors
        # are reported before this reply, whatever the machine's load; then a short drain
        self._send("Runtime.evaluate", {"expression": "new Promise(r => setTimeout(r, 50))",
                                        "awaitPromise": True}, session=session)
        self._drain(0.2)
        report = PageReport(url, load, probe, *self._collect(url), values=values)
        if screenshot:
            shot = self._send("Page.captureScreenshot", {"format": "png"}, session=session)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            report.screenshot = screenshot
        self._send("Target.closeTarget", {"targetId": target})
        return report

    def _evaluate(self, session: str, expression: str) -> Any:
        result = self._send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
        value = result.get("result", {}).get("value")
        return json.loads(value) if isinstance(value, str) else value

    def _wait_ready(self, session: str, deadline: float) -> dict[str, Any]:
        while True:
            probe = self._evaluate(session, PROBE)
            if probe and probe.get("ready"):
                return probe
            if time.monotonic() > deadline:
                raise BrowserError(f"the view was not drawn within {self.timeout:.0f} s: {probe}")
            time.sleep(0.05)

    def _wait_frame_ready(self, deadline: float) -> dict[str, Any]:
        """Wait for the view in the page's iframe: a sandboxed frame runs as its own target, which
        auto-attach hands over paused, so its console is watched from its first line."""
        frame = None
        while True:
            if frame is None:
                attached = [e["params"] for e in self.events if e.get("method") == "Target.attachedToTarget"
                            and e["params"]["targetInfo"]["type"] == "iframe"]
                if attached:
                    frame = attached[0]["sessionId"]
                    for domain in ("Runtime", "Log", "Network"):
                        self._send(f"{domain}.enable", session=frame)
                    self._send("Network.emulateNetworkConditions", OFFLINE, session=frame)
                    self._send("Runtime.runIfWaitingForDebugger", session=frame)
            if frame is not None:
                probe = self._evaluate(frame, PROBE)
                if probe and probe.get("ready"):
                    return probe
            if time.monotonic() > deadline:
                raise BrowserError(f"the framed view was not drawn within {self.timeout:.0f} s")
            self._drain(0.05)

    def _hover(self, session: str, node: str) -> None:
        where = self._evaluate(session, "JSON.stringify((() => { const n = window.pgNetwork;"
                               f" const p = n.getPositions([{json.dumps(node)}])[{json.dumps(node)}];"
                               " const d = n.canvasToDOM(p); const r = document.getElementById('pg-network')"
                               ".getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; })())")
        for dx in (0, 1, 0):
            self._send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": where["x"] + dx, "y": where["y"]},
                       session=session)
            self._drain(0.4)

    def _collect(self, url: str) -> tuple[list[str], list[str]]:
        errors, requests = [], []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                errors.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                errors.append("exception: " + str(details.get("exception", {}).get("description") or details.get("text")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append("log: " + params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                requests.append(params.get("request", {}).get("url", ""))
        return errors, [r for r in requests if r != url]
