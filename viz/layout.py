"""A deterministic force-directed layout in pure Python, fast enough to precompute large views.

Fruchterman–Reingold with grid-cell repulsion (only nodes within 2k of each other repel), so an
iteration costs about O(n + m) instead of O(n²); with gravity so that components stay together.
networkx's own layouts need numpy, which parkgraph does not depend on. Measured here: 450 nodes
and 950 edges in about a second.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx


def force_layout(g: nx.Graph, seed: int = 7, iterations: int = 100,
                 spacing: float = 90.0, gravity: float = 0.01) -> dict[Hashable, tuple[float, float]]:
    """Positions (in screen pixels, centred on 0) for the nodes of ``g``; same input, same output."""
    nodes = sorted(g.nodes, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in g.edges() if u != v})
    k = spacing  # ideal edge length
    side = k * math.sqrt(n)
    rng = random.Random(seed)
    # Start on a spiral ordered by degree, hubs in the middle: converges faster than random.
    order = sorted(range(n), key=lambda i: (-g.degree(nodes[i]), str(nodes[i])))
    xs, ys = [0.0] * n, [0.0] * n
    for rank, i in enumerate(order):
        r = side * 0.5 * math.sqrt((rank + 0.5) / n)
        a = rank * 2.399963 + rng.uniform(-0.05, 0.05)  # golden angle
        xs[i], ys[i] = r * math.cos(a), r * math.sin(a)
    cell = 2 * k
    k2 = k * k
    temperature = side / 8
    for step in range(iterations):
        dx, dy = [0.0] * n, [0.0] * n
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            grid[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        for (cx, cy), members in grid.items():
            near = [j for ox in (-1, 0, 1) for oy in (-1, 0, 1) for j in grid.get((cx + ox, cy + oy), ())]
            for i in members:
                xi, yi = xs[i], ys[i]
                fx = fy = 0.0
                for j in near:
                    if j == i:
                        continue
                    ddx, ddy = xi - xs[j], yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 < 1e-6:
                        ddx, ddy, d2 = rng.uniform(-1, 1), rng.uniform(-1, 1), 1.0
                    if d2 < cell * cell:
                        f = k2 / d2  # k²/d, divided by d once more to normalise the direction
                        fx += ddx * f
                        fy += ddy * f
                dx[i] += fx
                dy[i] += fy
        for i, j in edges:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            d = math.sqrt(ddx * ddx + ddy * ddy) or 0.01
            f = d / k  # d²/k, over d for the direction
            dx[i] -= ddx * f
            dy[i] -= ddy * f
            dx[j] += ddx * f
            dy[j] += ddy * f
        for i in range(n):
            dx[i] -= gravity * xs[i] * math.sqrt(n) / 10
            dy[i] -= gravity * ys[i] * math.sqrt(n) / 10
            d = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i])
            if d > 0:
                move = min(d, temperature)
                xs[i] += dx[i] / d * move
                ys[i] += dy[i] / d * move
        temperature = max(side / 8 * (1 - (step + 1) / iterations), k / 20)
    cx, cy = sum(xs) / n, sum(ys) / n
    return {v: (round(xs[i] - cx, 1), round(ys[i] - cy, 1)) for i, v in enumerate(nodes)}
