"""Network analytics of the park–chain graph: 产业同构 (industrial isomorphism) and what connects parks.

The bipartite graph links each park to the industry chains it has (pg:hasIndustryChain, the
shortcut of its ChainMembership facts). Its projection on the parks links two parks when they
share chains: ``weight`` = number of shared chains, ``jaccard`` = shared / union of the two chain
portfolios (the 产业同构 index). With ``rollup`` every chain is first replaced by the top concepts
it falls under along skos:broader, so 锂电池 and 储能材料 meet at their common top concept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.viz.network import rows, short_id, skeleton
from parkgraph.viz.style import PARK_CLASSES

SEED = 20240601  # Louvain is randomised: a fixed seed gives the same communities every run
BETWEENNESS_EXACT = 2000



@dataclass(frozen=True)
class Pair:
    """Two parks and the chains they share."""

    park1: str
    park1_label: str
    park2: str
    park2_label: str
    shared: int
    jaccard: float
    chains: tuple[str, ...]


@dataclass(frozen=True)
class ChainReach:
    """A chain and the parks it connects."""

    chain: str
    label: str
    parks: int
    pairs: int  # park pairs it links: parks * (parks - 1) / 2
    park_labels: tuple[str, ...]


@dataclass(frozen=True)
class Centrality:
    """Centrality of a park or a chain in the bipartite graph (and a park's similarity strength)."""

    node: str
    label: str
    kind: str  # "park" or "chain"
    degree: int
    degree_centrality: float
    betweenness: float
    strength: float  # parks: sum of Jaccard over similar parks; chains: 0


@dataclass
class Analysis:
    """Everything ``parkgraph analyze`` prints, plus the graphs it was computed on."""

    rollup: bool
    bipartite: nx.Graph
    similarity: nx.Graph
    pairs: list[Pair]
    chains: list[ChainReach]
    communities: list[list[str]]
    modularity: float
    centrality: list[Centrality]
    labels: dict[str, str] = field(default_factory=dict)

    def community_of(self) -> dict[str, int]:
        """Park IRI -> community number (1 = largest)."""
        return {p: i for i, members in enumerate(self.communities, 1) for p in members}


def roots(broader: dict[str, set[str]], chain: str) -> set[str]:
    """The top concepts above ``chain`` (itself when it has no broader chain); cycles are cut."""
    found: set[str] = set()
    seen: set[str] = set()
    stack = [chain]
    while stack:
        c = stack.pop()
        if c in seen:
            continue
        seen.add(c)
        parents = broader.get(c, set())
        if not parents:
            found.add(c)
        stack.extend(parents)
    return found or {chain}


def park_chains(kg: KnowledgeGraph, rollup: bool = False) -> dict[str, set[str]]:
    """Each park's set of chains (rolled up to top concepts if asked)."""
    broader: dict[str, set[str]] = defaultdict(set)
    if rollup:
        for c, b in rows(kg, "_viz-broader"):
            broader[str(c)].add(str(b))
    chains: dict[str, set[str]] = defaultdict(set)
    for p, c in rows(kg, "_viz-membership"):
        chains[str(p)] |= roots(broader, str(c)) if rollup else {str(c)}
    return dict(chains)


def bipartite_graph(portfolios: dict[str, set[str]], g: nx.MultiDiGraph) -> nx.Graph:
    """Parks (bipartite=0) linked to their chains (bipartite=1), labelled from the entity graph."""
    b = nx.Graph()
    for park, chains in sorted(portfolios.items()):
        b.add_node(park, bipartite=0, kind="park", **_node_attrs(g, park))
        for c in sorted(chains):
            b.add_node(c, bipartite=1, kind="chain", **_node_attrs(g, c))
            b.add_edge(park, c, relation="pg:hasIndustryChain")
    return b


def _node_attrs(g: nx.MultiDiGraph, node: str) -> dict[str, str]:
    data = g.nodes.get(node, {})
    return {"id": short_id(node), "label": data.get("label", short_id(node)), "cls": data.get("cls", "pg:Other")}


def similarity_graph(portfolios: dict[str, set[str]], b: nx.Graph, min_shared: int = 1) -> nx.Graph:
    """The weighted projection on parks: weight = shared chains, jaccard = 产业同构 index; only pairs
    sharing at least ``min_shared`` chains (pairs come from the sparse product in viz.similarity)."""
    from parkgraph.viz.similarity import similar_pairs  # scipy: imported when used

    s = nx.Graph()
    for park in sorted(portfolios):
        s.add_node(park, **{k: b.nodes[park][k] for k in ("id", "label", "cls")})
    for pair in sorted(similar_pairs(portfolios, min_shared), key=lambda x: (x.park1, x.park2)):
        common = portfolios[pair.park1] & portfolios[pair.park2]
        chain_labels = sorted(b.nodes[c]["label"] for c in common)
        s.add_edge(pair.park1, pair.park2, weight=pair.shared, jaccard=pair.jaccard, chains=chain_labels,
                   relation="pg:sharesChains")
    return s


def analyze(kg: KnowledgeGraph, rollup: bool = False, seed: int = SEED,
            graph: nx.MultiDiGraph | None = None, min_shared: int = 1) -> Analysis:
    """Pairs, chain reach, Louvain communities and centrality of the park–chain graph.

    ``min_shared`` thresholds the similarity graph before clustering: on national graphs popular
    chains link nearly every pair, and Louvain on that finds a handful of giant communities.
    """
    g = graph if graph is not None else skeleton(kg)  # labels and classes are all it needs
    portfolios = {p: c for p, c in park_chains(kg, rollup).items()
                  if g.nodes.get(p, {}).get("cls", "pg:Park") in PARK_CLASSES}
    b = bipartite_graph(portfolios, g)
    s = similarity_graph(portfolios, b, min_shared)
    labels = {n: d["label"] for n, d in b.nodes(data=True)}
    pairs = [Pair(p1, labels[p1], p2, labels[p2], d["weight"], d["jaccard"], tuple(d["chains"]))
             for p1, p2, d in s.edges(data=True)]
    pairs.sort(key=lambda x: (-x.jaccard, -x.shared, x.park1_label, x.park2_label))
    chains = []
    for c, d in b.nodes(data=True):
        if d["kind"] == "chain":
            parks = sorted(labels[p] for p in b[c])
            chains.append(ChainReach(c, d["label"], len(parks), len(parks) * (len(parks) - 1) // 2, tuple(parks)))
    chains.sort(key=lambda x: (-x.parks, x.label))
    found = nx.community.louvain_communities(s, weight="jaccard", seed=seed) if s.number_of_nodes() else []
    communities = sorted((sorted(c, key=lambda n: (labels[n], n)) for c in found),
                         key=lambda c: (-len(c), labels[c[0]]))
    modularity = nx.community.modularity(s, found, weight="jaccard") if s.number_of_edges() else 0.0
    return Analysis(rollup, b, s, pairs, chains, communities, modularity, _centrality(b, s), labels)


def _centrality(b: nx.Graph, s: nx.Graph) -> list[Centrality]:
    if b.number_of_nodes() == 0:
        return []
    parks = {n for n, d in b.nodes(data=True) if d["kind"] == "park"}
    degree = nx.bipartite.degree_centrality(b, parks)
    # Exact up to BETWEENNESS_EXACT nodes; above, estimated from a fixed sample of sources (same seed).
    n = b.number_of_nodes()
    between = nx.betweenness_centrality(b, k=None if n <= BETWEENNESS_EXACT else BETWEENNESS_EXACT // 2, seed=SEED)
    rows = [Centrality(n, d["label"], d["kind"], b.degree(n), degree[n], between[n],
                       sum(e["jaccard"] for _, _, e in s.edges(n, data=True)) if n in parks else 0.0)
            for n, d in b.nodes(data=True)]
    rows.sort(key=lambda r: (-r.betweenness, -r.degree, r.label))
    return rows
