"""产业同构 at scale: the sparse similarity gives exactly the pairs, counts and Jaccard indexes a
brute-force comparison gives, and the same pairs as the saved SPARQL query."""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from itertools import combinations
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.graph.build import Build, build
from parkgraph.graph.store import KnowledgeGraph
from parkgraph.graph.synth import synthesize
from parkgraph.queries import QueryError, load_query, parse_query, prepare, run_local, run_query
from parkgraph.viz import similarity
from parkgraph.viz.similarity import shared_counts, similar_pairs, similar_result


def brute(portfolios: dict[str, set[str]]) -> dict[tuple[str, str], tuple[int, float]]:
    out = {}
    for a, b in combinations(sorted(portfolios), 2):
        shared = len(portfolios[a] & portfolios[b])
        if shared:
            out[(a, b)] = (shared, shared / len(portfolios[a] | portfolios[b]))
    return out


def random_portfolios(seed: int, parks: int = 60, chains: int = 25) -> dict[str, set[str]]:
    rng = random.Random(seed)
    names = [f"c{i:02d}" for i in range(chains)]
    weights = [1 / (i + 1) for i in range(chains)]  # skewed popularity, as in real portfolios
    return {f"p{i:03d}": set(rng.choices(names, weights, k=rng.randint(1, 8))) for i in range(parks)}


@pytest.mark.parametrize("seed", range(6))
def test_all_pairs_match_brute_force(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "BLOCK", 7)  # several blocks, one ragged
    portfolios = random_portfolios(seed)
    expected = brute(portfolios)
    got = similar_pairs(portfolios)
    found = {(p.park1, p.park2): (p.shared, p.jaccard) for p in got}
    assert found.keys() == expected.keys()
    assert all(found[k][0] == expected[k][0] and abs(found[k][1] - expected[k][1]) < 1e-12 for k in expected)
    assert all(p.n1 == len(portfolios[p.park1]) and p.n2 == len(portfolios[p.park2]) for p in got)
    keys = [(-p.jaccard, -p.shared, p.park1, p.park2) for p in got]
    assert keys == sorted(keys)
    counts: dict[int, int] = {}
    for shared, _ in expected.values():
        counts[shared] = counts.get(shared, 0) + 1
    assert shared_counts(portfolios) == counts


@pytest.mark.parametrize("seed", range(4))
def test_top_thresholds_and_one_park(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "BLOCK", 5)
    portfolios = random_portfolios(seed)
    everything = similar_pairs(portfolios)
    assert similar_pairs(portfolios, top=17) == everything[:17]  # the best 17 kept block by block
    assert similar_pairs(portfolios, min_shared=3) == [p for p in everything if p.shared >= 3]
    assert similar_pairs(portfolios, min_jaccard=0.5) == [p for p in everything if p.jaccard >= 0.5]
    park = sorted(portfolios)[seed]
    mine = similar_pairs(portfolios, park=park)
    assert all(p.park1 == park for p in mine)
    expected = {tuple(sorted((p.park1, p.park2))) for p in everything if park in (p.park1, p.park2)}
    assert {tuple(sorted((p.park1, p.park2))) for p in mine} == expected
    assert similar_pairs(portfolios, park="nowhere") == []
    with pytest.raises(ValueError, match="min_shared must be at least 1"):
        similar_pairs(portfolios, min_shared=0)


def test_same_pairs_as_the_saved_sparql_query(built: Build) -> None:
    sparql = run_query(built.graph, "parks-sharing-chains")
    fast = similar_result(built.graph, top=None)
    assert fast.vars == sparql.vars
    def key(r: dict) -> tuple:
        return (r["park1"], r["park2"], r["shared"], r["n1"], r["n2"])
    assert sorted(map(key, fast)) == sorted(map(key, sparql))
    by_pair = {(r["park1"], r["park2"]): r for r in sparql}
    for row in fast:
        other = by_pair[(row["park1"], row["park2"])]
        assert abs(row["jaccard"] - Decimal(other["jaccard"])) < Decimal("0.000001")
        assert set(row["sharedChains"].split("、")) == set(other["sharedChains"].split("、"))
        assert row["park1Label"] == other["park1Label"] and row["park2Label"] == other["park2Label"]


def test_one_park_and_rollup_match_the_per_park_query(built: Build) -> None:
    for rollup in (False, True):
        sparql = run_query(built.graph, "parks-similar-to", {"park": "park/changsha-etdz", "rollup": str(rollup).lower()})
        fast = similar_result(built.graph, "park/changsha-etdz", rollup=rollup, top=None)
        assert {(r["park2"], r["shared"]) for r in fast} == {(r["other"], r["shared"]) for r in sparql}
        assert all(r["park1"].endswith("/park/changsha-etdz") for r in fast)


def test_unknown_park_is_a_clear_error(built: Build) -> None:
    with pytest.raises(QueryError, match=r"^park/nowhere has no industry chains in the graph \(or is not a park\)$"):
        similar_result(built.graph, "park/nowhere")


def test_similar_command(root: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["similar", "park/changsha-etdz", "--top", "2", "-f", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "park1,park1Label,park2,park2Label,shared,n1,n2,jaccard,sharedChains"
    assert len(lines) == 3 and all(line.startswith("https://w3id.org/parkgraph/id/park/changsha-etdz,") for line in lines[1:])
    table = runner.invoke(app, ["similar", "--top", "3"])
    assert table.exit_code == 0 and "3 row(s)" in table.stdout and "产业同构" in table.stdout
    bad = runner.invoke(app, ["similar", "park/nowhere"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "error: park/nowhere has no industry chains in the graph (or is not a park)"
    assert runner.invoke(app, ["similar", "--top", "0"]).exit_code == 2
    assert runner.invoke(app, ["similar", "--min-jaccard", "1.5"]).exit_code == 2


def test_listing_every_pair_has_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    portfolios = random_portfolios(1)
    monkeypatch.setattr(similarity, "MAX_PAIRS", 10)
    with pytest.raises(QueryError, match=r"^more than 10 park pairs share at least 1 chain\(s\): ask for the best"):
        similar_pairs(portfolios)
    assert len(similar_pairs(portfolios, top=5)) == 5  # a top never hits the bound


NATIVE_CASES = [({}, None), ({}, 1), ({}, 7), ({"rollup": "true"}, None), ({"rollup": "true"}, 5),
                ({"min_shared": "2"}, None), ({"min_shared": "2"}, 3), ({"rollup": "true", "min_shared": "3"}, 10),
                ({"min_shared": "0"}, 4)]


def _native_and_sparql(kg: KnowledgeGraph, params: dict[str, str], limit: int | None,
                       name: str = "parks-sharing-chains") -> tuple[list, list]:
    prepared = prepare(load_query(name), params, limit=limit)
    assert prepared.native is not None and prepared.native.startswith("parkgraph.viz.similarity:")
    native = run_local(kg, prepared)
    sparql = run_local(kg, dataclasses.replace(prepared, native=None))  # the SPARQL text itself
    assert native.vars == sparql.vars

    def comparable(rows: list) -> list:  # GROUP_CONCAT's order is the engine's: compare the chains as sets
        return [{**r, "sharedChains": sorted(r["sharedChains"].split("、"))} for r in rows]
    return comparable(native), comparable(sparql)


@pytest.mark.parametrize(("params", "limit"), NATIVE_CASES)
def test_native_parks_sharing_chains_gives_the_sparql_rows_in_order(built: Build, params: dict[str, str],
                                                                     limit: int | None) -> None:
    native, sparql = _native_and_sparql(built.graph, params, limit)
    assert native == sparql and len(native) > 0


def test_native_parks_sharing_chains_on_a_synthetic_corpus(tmp_path: Path) -> None:
    synthesize(40, 3, tmp_path)  # skewed chain popularity: many ties on (shared, Jaccard) at any limit
    kg = build(tmp_path / "extracts", tmp_path / "sources").graph
    for params, limit in NATIVE_CASES:
        native, sparql = _native_and_sparql(kg, params, limit)
        assert native == sparql, (params, limit)


def test_run_query_answers_parks_sharing_chains_natively(built: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = similarity.sharing_chains
    monkeypatch.setattr(similarity, "sharing_chains", lambda *a, **k: calls.append(k) or real(*a, **k))
    rows = run_query(built.graph, "parks-sharing-chains", {"min_shared": "2"}, limit=3)
    assert calls == [{"limit": 3, "rollup": False, "min_shared": 2}] and len(rows) == 3


def test_an_ad_hoc_query_cannot_name_native_code() -> None:
    text = "# native: parkgraph.viz.similarity:sharing_chains\nSELECT ?s WHERE { ?s ?p ?o }"
    assert parse_query("(ad hoc)", text).native is None
    assert prepare(text).native is None
    outside = "# native: os:system\nSELECT ?s WHERE { ?s ?p ?o }"
    assert parse_query("x", outside, shipped=True).native is None  # only functions inside parkgraph


SIMILAR_TO_CASES = [({}, None), ({"rollup": "true"}, None), ({}, 3), ({"park": "park/hangzhouwan-shangyu-etdz"}, None),
                    ({"park": "park/hangzhouwan-shangyu-etdz", "rollup": "true"}, 5), ({"park": "park/nowhere"}, None)]


@pytest.mark.parametrize(("params", "limit"), SIMILAR_TO_CASES)
def test_native_parks_similar_to_gives_the_sparql_rows_in_order(built: Build, params: dict[str, str],
                                                                limit: int | None) -> None:
    native, sparql = _native_and_sparql(built.graph, params, limit, "parks-similar-to")
    assert native == sparql
    assert (len(native) > 0) == (params.get("park") != "park/nowhere")


def test_native_parks_similar_to_on_a_synthetic_corpus(tmp_path: Path) -> None:
    synthesize(40, 5, tmp_path)
    kg = build(tmp_path / "extracts", tmp_path / "sources").graph
    for n in (0, 7, 39):
        for rollup in ("false", "true"):
            params = {"park": f"park/park-{n:05d}", "rollup": rollup}
            native, sparql = _native_and_sparql(kg, params, None, "parks-similar-to")
            assert native == sparql and native, params


def test_native_parks_similar_to_needs_a_park(built: Build) -> None:
    with pytest.raises(QueryError, match=r"^parks-similar-to needs a park"):
        run_query(built.graph, "parks-similar-to", {"park": "-"})
