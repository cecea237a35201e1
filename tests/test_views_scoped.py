"""Views read only what they show from the store (a park's neighbourhood, a chain's members, a
query's rows), and the page is the same as one cut from the whole entity graph."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from parkgraph.graph.build import Build, build
from parkgraph.graph.synth import synthesize
from parkgraph.namespaces import ID
from parkgraph.queries import load_query
from parkgraph.queries.catalog import with_iris
from parkgraph.viz import budget as budget_module
from parkgraph.viz import resolve as resolve_module
from parkgraph.viz.analytics import park_chains
from parkgraph.viz.budget import SKELETON_CLASSES, expand
from parkgraph.viz.network import (
    chain_members,
    entity_graph,
    name_graph,
    neighbourhood,
    neighbourhood_of,
    neighbours,
    rows,
    short_id,
)
from parkgraph.viz.resolve import UnknownNameError, resolve, resolve_in_store
from parkgraph.viz.similarity import shared_counts, similar_pairs
from parkgraph.viz.style import class_style
from parkgraph.viz.views import _pair_counts, _pairs_sharing, view

SAME_PAGE = {
    "overview": {},
    "overview-budget-60": {"budget": 60},
    "park": {"park": "长沙经开区"},
    "park-2-hops": {"park": "changsha-etdz", "hops": 2},
    "park-3-hops-small-budget": {"park": "株洲高新区", "hops": 3, "budget": 40},
    "chain": {"chain": "新材料"},
    "chain-top": {"chain": "先进制造业", "budget": 50},
    "query": {"query": "chain-parks", "params": {"chain": "chain/new-materials"}},
    "query-profile": {"query": "park-profile", "params": {"park": "park/changsha-etdz"}},
    "shared-chains": {"shared_chains": True},
    "shared-chains-rollup": {"shared_chains": True, "rollup": True, "min_shared": 2},
}


@pytest.fixture(scope="module")
def whole(built: Build):
    return entity_graph(built.graph)


@pytest.mark.parametrize("name", sorted(SAME_PAGE))
def test_scoped_view_equals_the_view_cut_from_the_whole_graph(built: Build, whole, name: str) -> None:
    options = SAME_PAGE[name]
    scoped = view(built.graph, **options).page
    full = view(built.graph, graph=whole, **options).page
    assert scoped.title == full.title and scoped.subtitle == full.subtitle
    assert scoped.notices == full.notices
    assert scoped.nodes == full.nodes
    assert scoped.edges == full.edges
    assert len(scoped.nodes) > 1


def test_neighbourhood_from_the_store_matches_networkx(built: Build, whole) -> None:
    names = name_graph(built.graph)
    parks = sorted(n for n, d in names.nodes(data=True) if d["cls"] == "pg:Park")
    assert len(parks) > 50
    for park in parks[::7]:
        for hops in (1, 2):
            assert neighbourhood_of(built.graph, park, hops) == neighbourhood(whole, park, hops), (park, hops)


def test_chain_members_are_the_chain_its_narrower_chains_parks_and_firms(built: Build, whole) -> None:
    chain = "https://w3id.org/parkgraph/id/chain/new-materials"
    members = chain_members(built.graph, chain)
    assert members[chain] == 0
    kinds = {d: {whole.nodes[n]["cls"] for n, dist in members.items() if dist == d and n in whole} for d in (1, 2, 3)}
    assert kinds[1] == {"pg:IndustryChain"}
    assert kinds[2] <= {"pg:Park", "pg:SubZone", "pg:IndustrialBase"} and kinds[2]
    assert kinds[3] == {"pg:Enterprise"}


# National scale: views read within their budget from a synthetic corpus whose popular chains
# link most of its parks and hundreds of enterprises (hubs), and say on the page what they left out.

FOCUS = str(ID["park/park-00000"])
CHANGSHA = str(ID["park/changsha-etdz"])
SKELETON_RELATIONS = {"pg:hasIndustryChain", "skos:broader", "pg:partOf", "pg:branchOf", "pg:hostedBy",
                      "pg:enclaveOf", "pg:coBuiltWith"}
MANUFACTURING = str(ID["chain/manufacturing"])


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Build:
    out = tmp_path_factory.mktemp("national")
    synthesize(60, 3, out)
    return build(out / "extracts", out / "sources", keep_documents=False)


@pytest.fixture(scope="module")
def national_whole(national: Build):
    return entity_graph(national.graph)


def _aggregates(page) -> dict[str, dict[str, str]]:
    """Aggregate nodes of a page: id -> their tooltip rows."""
    return {n["id"]: dict(n["tip"]["rows"]) for n in page.nodes if n["cls"] == "pg:Aggregate"}


def test_expansion_reads_the_whole_neighbourhood_when_it_fits(national: Build) -> None:
    full = neighbourhood_of(national.graph, FOCUS, 2)
    assert len(full) > 400  # the two hops pass through chains that link most parks
    wide = expand(national.graph, FOCUS, 2, 10 * len(full))
    assert wide.distance == full and wide.hubs == [] and wide.stopped is None


def test_a_two_hop_neighbourhood_is_read_within_the_budget(national: Build) -> None:
    full = neighbourhood_of(national.graph, FOCUS, 2)
    for budget in (60, 150, 400):
        bounded = expand(national.graph, FOCUS, 2, budget)
        assert len(bounded.distance) <= 2 * budget < len(full) * 2
        assert all(full[v] == d for v, d in bounded.distance.items())  # a subset, at the same distances
        hubs = {h.node: h for h in bounded.hubs}
        assert MANUFACTURING in hubs and hubs[MANUFACTURING].total > budget
        assert all(h.read <= budget + len(bounded.distance) for h in bounded.hubs)
        assert {v for v, d in full.items() if d <= 1} <= set(bounded.distance)  # the first hop is whole
    assert expand(national.graph, FOCUS, 3, 60).stopped == 3  # the budget was full after two hops


def test_the_bounded_two_hop_view_keeps_the_budget_and_says_so(national: Build, national_whole) -> None:
    for budget in (60, 400):
        page = view(national.graph, park="park/park-00000", hops=2, budget=budget).page
        assert len(page.nodes) <= budget
        hub_notice = next(n for n in page.notices if n.startswith("邻域按上限读取"))
        assert "先进制造业" in hub_notice and "chain/manufacturing" in hub_notice
        aggregates = _aggregates(page)
        hub_box = f"aggregate:{short_id(MANUFACTURING)}"
        assert hub_box in aggregates and aggregates[hub_box]["关系三元组 links (triples)"].isdigit()
        assert any(e["from"] == MANUFACTURING and e["to"] == hub_box for e in page.edges)
        assert view(national.graph, graph=national_whole, park="park/park-00000", hops=2, budget=budget).page == page
    again = view(national.graph, park="park/park-00000", hops=2).html
    assert again == view(national.graph, park="park/park-00000", hops=2).html


def test_the_hub_sample_is_the_same_on_a_rebuilt_store(national: Build, tmp_path: Path) -> None:
    synthesize(60, 3, tmp_path)
    rebuilt = build(tmp_path / "extracts", tmp_path / "sources", keep_documents=False)
    assert view(rebuilt.graph, park="park/park-00000", hops=2).html == \
        view(national.graph, park="park/park-00000", hops=2).html


def test_a_large_chain_shows_its_best_parks_and_counts_the_rest(national: Build, national_whole) -> None:
    members = chain_members(national.graph, MANUFACTURING)
    parks = {v for v, d in members.items() if d == 2}
    firms = {v for v, d in members.items() if d == 3}
    page = view(national.graph, chain="chain/manufacturing", budget=60).page
    assert len(page.nodes) <= 60
    shown = {n["id"] for n in page.nodes}
    aggregates = _aggregates(page)
    assert int(aggregates["aggregate:pg:Park"]["节点数 nodes"]) == len(parks - shown)
    assert int(aggregates["aggregate:pg:Enterprise"]["节点数 nodes"]) == len(firms)  # none read: counted
    assert any(f"{len(parks)} 个园区、{len(firms)} 个企业" in n for n in page.notices)
    chains = {v for v, d in members.items() if d <= 1}
    held = {p: len({c for c in chains if national_whole.has_edge(p, c, key="pg:hasIndustryChain")}) for p in parks}
    assert min(held[p] for p in parks & shown) >= max(held[p] for p in parks - shown)
    into = {e["from"]: int(e["label"].split("×")[1]) for e in page.edges if e["to"] == MANUFACTURING
            and e["from"] == "aggregate:pg:Enterprise"}
    assert into["aggregate:pg:Enterprise"] == sum(1 for f in firms if national_whole.has_edge(f, MANUFACTURING))
    assert view(national.graph, graph=national_whole, chain="chain/manufacturing", budget=60).page == page


def test_a_large_overview_ranks_the_park_chain_skeleton_and_counts_the_rest(
        national: Build, national_whole, monkeypatch: pytest.MonkeyPatch) -> None:
    total = national_whole.number_of_nodes()
    monkeypatch.setattr(budget_module, "WHOLE_MAX", total // 2)  # this corpus stands for a national one
    page = view(national.graph, budget=60).page
    assert len(page.nodes) <= 60
    assert any("超过上限 60" in n and f"{total} 个节点" in n and "骨架" in n for n in page.notices)
    aggregates = _aggregates(page)
    counted = sum(int(rows["节点数 nodes"]) for rows in aggregates.values())
    assert counted + len(page.nodes) - len(aggregates) == total  # every entity shown or counted once
    enterprises = sum(1 for _, d in national_whole.nodes(data=True) if d["cls"] == "pg:Enterprise")
    assert int(aggregates["aggregate:pg:Enterprise"]["节点数 nodes"]) == enterprises
    skeleton = {v for v, d in national_whole.nodes(data=True) if d["cls"] in SKELETON_CLASSES}
    degree: Counter[str] = Counter()
    for u, w, k in national_whole.edges(keys=True):
        if u in skeleton and w in skeleton and k in SKELETON_RELATIONS:
            degree[u] += 1
            degree[w] += 1
    ranked = sorted(skeleton, key=lambda v: (class_style(national_whole.nodes[v]["cls"]).rank, -degree[v], v))
    shown = [n["id"] for n in page.nodes if n["id"] in skeleton]
    assert set(shown) == set(ranked[:len(shown)]) and MANUFACTURING in shown  # the best connected, by rank
    assert view(national.graph, graph=national_whole, budget=60).page == page


def test_fast_shared_chain_counts_match_the_matrix_product(built: Build, national: Build) -> None:
    for kg in (built.graph, national.graph):
        for rollup in (False, True):
            portfolios = park_chains(kg, rollup)
            assert _pair_counts(portfolios) == shared_counts(portfolios)
            for k in (1, 2, 3, 5):
                assert _pairs_sharing(portfolios, k) == similar_pairs(portfolios, k)


def test_names_are_resolved_in_the_store_as_in_the_name_list(built: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    names = name_graph(built.graph)
    asked = 0
    for node, d in sorted(names.nodes(data=True)):
        kind = "chain" if d["cls"] == "pg:IndustryChain" else "park"
        for name in {node, short_id(node), short_id(node).split("/", 1)[-1], d["label"], d["label_en"],
                     d["label_en"].upper(), *d["aliases"]} - {""}:
            try:
                expected = resolve(names, name, kind)
            except UnknownNameError as error:
                with pytest.raises(UnknownNameError, match=re.escape(str(error))):
                    resolve_in_store(built.graph, name, kind)
                continue
            assert resolve_in_store(built.graph, name, kind) == expected, name
            asked += 1
    assert asked > 500
    with monkeypatch.context() as m:  # ids and Chinese names never list every name of the graph
        m.setattr(resolve_module, "name_graph", None)
        assert resolve_in_store(built.graph, "长沙经开区", "park") == CHANGSHA
        assert resolve_in_store(built.graph, "changsha-etdz", "park") == CHANGSHA
        assert resolve_in_store(built.graph, "新材料", "chain") == str(ID["chain/new-materials"])
    for name, kind in (("不存在的园区", "park"), ("新材料", "park"), ("长沙经开区 ", "chain")):
        with pytest.raises(UnknownNameError) as error:
            resolve(names, name, kind)
        with pytest.raises(UnknownNameError, match=re.escape(str(error.value))):
            resolve_in_store(built.graph, name, kind)


def test_restricted_detail_queries_return_the_rows_of_the_unrestricted_ones(built: Build, whole) -> None:
    """The view queries rewritten for national scale (FILTER for a second VALUES block, a facts'
    branch started from its other end, objects kept inside the store) answer as before."""
    nodes = sorted(whole)[::3]
    chosen = set(nodes)
    for query, var, columns in (("_viz-facts", "e", (0,)), ("_viz-qualified", "s", (1, 2)),
                                ("_viz-edges-of", "s", (0, 2))):
        restricted = set(rows(built.graph, with_iris(query, nodes, var)))
        everything = rows(built.graph, load_query(query).text if query != "_viz-edges-of" else "_viz-edges")
        expected = {r for r in everything if all(r[c] in chosen for c in columns)}
        if query == "_viz-facts":
            assert restricted == expected
        else:
            assert {r for r in restricted if all(r[c] in chosen for c in columns)} == expected
    for node in nodes[:40]:
        assert neighbours(built.graph, [node]) == set(neighbourhood(whole, node, 1)) - {node}
