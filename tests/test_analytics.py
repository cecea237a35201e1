"""Network analytics on the real graph, checked against values computed independently: set
arithmetic on the curated extracts, and SPARQL over the qualified ChainMembership facts (the
analytics read the pg:hasIndustryChain shortcut). The curated data is still being reviewed, so
expected values are computed, never typed in, except for facts the sources state plainly."""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import networkx as nx
import pytest

from parkgraph.errors import ParkgraphError
from parkgraph.graph.build import Build
from parkgraph.namespaces import ID
from parkgraph.queries import run_query
from parkgraph.viz.analytics import Analysis, analyze, roots
from parkgraph.viz.commands import analyze_command
from parkgraph.viz.export import write_network
from parkgraph.viz.layout import force_layout
from parkgraph.viz.network import entity_graph
from parkgraph.viz.resolve import UnknownNameError, resolve

SHANGYU = str(ID["park/hangzhouwan-shangyu-etdz"])
CHANGSHA_HIDZ = str(ID["park/changsha-hidz"])
NEW_MATERIALS = str(ID["chain/new-materials"])


@pytest.fixture(scope="module")
def analysis(built: Build) -> Analysis:
    return analyze(built.graph)


@pytest.fixture(scope="module")
def portfolios(built: Build) -> dict[str, set[str]]:
    """Each park's chains from the extracts themselves (park_chains records), as IRIs."""
    found: dict[str, set[str]] = defaultdict(set)
    for doc in built.extracts.documents:
        for rec in doc.sections.get("park_chains", []):
            found[str(ID["park/" + rec["park"]])].add(str(ID["chain/" + rec["chain"]]))
    return dict(found)


def expected_pairs(portfolios: dict[str, set[str]]) -> dict[frozenset[str], tuple[int, float, set[str]]]:
    pairs = {}
    for p1, p2 in combinations(sorted(portfolios), 2):
        shared = portfolios[p1] & portfolios[p2]
        if shared:
            pairs[frozenset((p1, p2))] = (len(shared), len(shared) / len(portfolios[p1] | portfolios[p2]), shared)
    return pairs


def test_bipartite_graph_is_exactly_the_extracts(analysis: Analysis, portfolios: dict[str, set[str]]) -> None:
    b = analysis.bipartite
    parks = {n for n, d in b.nodes(data=True) if d["bipartite"] == 0}
    assert parks == set(portfolios)
    assert {n for n, d in b.nodes(data=True) if d["bipartite"] == 1} == set().union(*portfolios.values())
    assert all(set(b[p]) == portfolios[p] for p in parks)
    assert nx.is_bipartite(b)


def test_projection_weights_and_jaccard_match_set_arithmetic(analysis: Analysis,
                                                             portfolios: dict[str, set[str]]) -> None:
    expected = expected_pairs(portfolios)
    s = analysis.similarity
    assert {frozenset(e) for e in s.edges()} == set(expected)
    labels = analysis.labels
    for u, v, d in s.edges(data=True):
        shared, jaccard, chains = expected[frozenset((u, v))]
        assert d["weight"] == shared
        assert d["jaccard"] == pytest.approx(jaccard)
        assert sorted(d["chains"]) == sorted(labels[c] for c in chains)
    assert len(analysis.pairs) == len(expected)
    keys = [(-p.jaccard, -p.shared) for p in analysis.pairs]
    assert keys == sorted(keys)


def test_parks_sharing_new_materials(built: Build, analysis: Analysis, portfolios: dict[str, set[str]]) -> None:
    """杭州湾上虞经开区 (浙江) and 长沙高新区 (湖南) both have 新材料: they are a pair, with their exact overlap."""
    rows = built.graph.dataset.query(
        "PREFIX pg: <https://w3id.org/parkgraph/ontology#> SELECT DISTINCT ?p WHERE "
        f"{{ ?m a pg:ChainMembership ; pg:park ?p ; pg:chain <{NEW_MATERIALS}> }}")
    sharing = {str(r[0]) for r in rows}  # type: ignore[index]
    assert {SHANGYU, CHANGSHA_HIDZ} <= sharing
    reach = next(c for c in analysis.chains if c.chain == NEW_MATERIALS)
    assert reach.label == "新材料"
    assert reach.parks == len(sharing) and reach.pairs == len(sharing) * (len(sharing) - 1) // 2
    assert set(reach.park_labels) >= {"杭州湾上虞经济技术开发区", "长沙高新技术产业开发区"}
    pair = next(p for p in analysis.pairs if {p.park1, p.park2} == {SHANGYU, CHANGSHA_HIDZ})
    common = portfolios[SHANGYU] & portfolios[CHANGSHA_HIDZ]
    assert pair.shared == len(common) and "新材料" in pair.chains
    assert pair.jaccard == pytest.approx(len(common) / len(portfolios[SHANGYU] | portfolios[CHANGSHA_HIDZ]))
    for a, b in combinations(sorted(sharing), 2):  # every two parks having 新材料 are linked
        assert analysis.similarity.has_edge(a, b)


def test_chain_reach_is_sorted_and_counts_parks(analysis: Analysis, portfolios: dict[str, set[str]]) -> None:
    parks_of: dict[str, int] = defaultdict(int)
    for chains in portfolios.values():
        for c in chains:
            parks_of[c] += 1
    assert {c.chain: c.parks for c in analysis.chains} == dict(parks_of)
    assert [c.parks for c in analysis.chains] == sorted(parks_of.values(), reverse=True)


def test_rollup_meets_the_saved_query_on_every_top_chain(built: Build) -> None:
    """Rolled up, a top chain's parks are exactly what chain-parks returns (it follows skos:broader*)."""
    rolled = analyze(built.graph, rollup=True)
    b = rolled.bipartite
    tops = [n for n, d in b.nodes(data=True) if d["bipartite"] == 1]
    assert tops
    for chain in tops:
        rows = run_query(built.graph, "chain-parks", {"chain": chain})
        assert set(b[chain]) == {r["park"] for r in rows}, b.nodes[chain]["label"]


def test_roots_follow_broader_and_survive_cycles() -> None:
    broader = {"a": {"b"}, "b": {"c", "d"}, "x": {"y"}, "y": {"x"}}
    assert roots(broader, "a") == {"c", "d"}
    assert roots(broader, "c") == {"c"}
    assert roots(broader, "x") == {"x"}  # a cycle has no top: the chain stands for itself


def test_louvain_communities_partition_the_parks_and_are_reproducible(built: Build, analysis: Analysis) -> None:
    members = [p for c in analysis.communities for p in c]
    assert sorted(members) == sorted(analysis.similarity.nodes)
    assert [len(c) for c in analysis.communities] == sorted((len(c) for c in analysis.communities), reverse=True)
    again = analyze(built.graph)
    assert again.communities == analysis.communities
    sets = [set(c) for c in analysis.communities]
    assert analysis.modularity == pytest.approx(nx.community.modularity(analysis.similarity, sets, weight="jaccard"))
    assert analysis.modularity > 0


def test_centrality_degrees_are_portfolio_sizes(analysis: Analysis, portfolios: dict[str, set[str]]) -> None:
    rows = {c.node: c for c in analysis.centrality}
    assert {n for n, c in rows.items() if c.kind == "park"} == set(portfolios)
    for park, chains in portfolios.items():
        assert rows[park].degree == len(chains)
        assert rows[park].degree_centrality == pytest.approx(len(chains) / sum(1 for c in rows.values() if c.kind == "chain"))
    assert all(0 <= c.betweenness <= 1 for c in rows.values())
    assert [c.betweenness for c in analysis.centrality] == sorted((c.betweenness for c in analysis.centrality), reverse=True)


def test_graphml_and_gexf_round_trip_with_labels_and_classes(built: Build, tmp_path: Path) -> None:
    g = entity_graph(built.graph)
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"entities.{fmt}"
        assert write_network(g, path) == path.stat().st_size
        back = read(path)
        assert back.number_of_nodes() == g.number_of_nodes()
        assert back.number_of_edges() == g.number_of_edges()
        park = back.nodes[str(ID["park/changsha-etdz"])]
        assert park["label"] == "长沙经济技术开发区"
        assert park["cls"] == "pg:Park" and park["class_zh"] == "开发区/园区"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.gexf", "entities.graphml"]  # no temp files


def test_analyze_command_prints_tables_and_writes_csv_and_networks(built: Build, tmp_path: Path) -> None:
    report = analyze_command(built.graph, csv_dir=tmp_path, graphml=tmp_path / "s.graphml",
                             gexf=tmp_path / "s.gexf", export_graph="similarity")
    assert [t.name for t in report.tables] == ["pairs", "chains", "communities", "centrality"]
    assert all(row[2] >= 2 for row in report.tables[0].rows)  # --min-shared 2 by default
    text = report.text(top=3)
    assert "Most similar park pairs" in text and "Louvain" in text
    with open(tmp_path / "chains.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["chain", "parks", "park pairs", "parks"]
    assert any(r[0] == "新材料" for r in rows[1:])
    back = nx.read_graphml(tmp_path / "s.graphml")
    assert all("community" in d for d in back.nodes.values())
    with pytest.raises(ParkgraphError, match="choose from entities, bipartite, similarity"):
        analyze_command(built.graph, export_graph="everything")


def test_names_resolve_by_label_alias_english_and_id(built: Build) -> None:
    g = entity_graph(built.graph)
    park = str(ID["park/changsha-etdz"])
    for name in ("长沙经济技术开发区", "长沙经开区", "changsha-etdz", "park/changsha-etdz", park,
                 "changsha economic and technological development zone"):
        assert resolve(g, name, "park") == park
    assert resolve(g, "新材料", "chain") == NEW_MATERIALS
    with pytest.raises(UnknownNameError, match="no park .* named '长沙经开'.*did you mean 长沙经济技术开发区"):
        resolve(g, "长沙经开", "park")
    with pytest.raises(UnknownNameError):
        resolve(g, "新材料", "park")  # a chain is not a park
    assert issubclass(UnknownNameError, ParkgraphError)


def test_an_alias_of_two_parks_is_ambiguous() -> None:
    g = nx.MultiDiGraph()
    for i in (1, 2):
        g.add_node(f"p{i}", cls="pg:Park", label=f"园区{i}", label_en="", aliases=["同名"])
    with pytest.raises(UnknownNameError, match="ambiguous"):
        resolve(g, "同名", "park")


def test_layout_is_deterministic_and_spreads_nodes(built: Build) -> None:
    g = nx.Graph(entity_graph(built.graph).to_undirected())
    first, second = force_layout(g), force_layout(g)
    assert first == second and set(first) == set(g)
    assert len({xy for xy in first.values()}) == len(first)  # no two nodes on one spot
