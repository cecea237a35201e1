"""Views read only what they show from the store (a park's neighbourhood, a chain's members, a
query's rows), and the page is the same as one cut from the whole entity graph."""

from __future__ import annotations

import pytest

from parkgraph.graph.build import Build
from parkgraph.viz.network import (
    chain_members,
    entity_graph,
    name_graph,
    neighbourhood,
    neighbourhood_of,
)
from parkgraph.viz.views import view

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
