"""产业同构 at national scale: park similarity from a sparse park × chain matrix.

Which parks share chains is all-pairs by nature: a chain held by k parks links k²/2 pairs,
so a SPARQL self-join enumerates every pair before any LIMIT applies (minutes at a thousand
parks). Here the park portfolios become a sparse 0/1 matrix A (parks × chains); A·Aᵀ gives
every pair's shared-chain count at once, computed a block of rows at a time so memory stays
bounded, and only the pairs that pass the thresholds (or the best ``top``) are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

import numpy as np
from scipy import sparse

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.queries.catalog import Param, QueryError, labels_query, to_term
from parkgraph.queries.run import QueryResult
from parkgraph.viz.analytics import park_chains
from parkgraph.viz.network import rows, short_id

MAX_PAIRS = 5_000_000  # pairs listed without a top: beyond, a list no one reads and gigabytes of memory
BLOCK = 1024  # parks per block of A·Aᵀ: bounds memory by BLOCK × parks shared counts


@dataclass(frozen=True)
class Portfolios:
    """Parks and chains in a fixed (sorted) order and the park × chain incidence matrix."""

    parks: list[str]
    chains: list[str]
    matrix: sparse.csr_matrix  # int32, 1 where the park has the chain

    @classmethod
    def of(cls, portfolios: dict[str, set[str]]) -> Portfolios:
        parks = sorted(portfolios)
        chains = sorted({c for cs in portfolios.values() for c in cs})
        col = {c: j for j, c in enumerate(chains)}
        indptr, indices = [0], []
        for p in parks:
            indices.extend(sorted(col[c] for c in portfolios[p]))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.int32)
        matrix = sparse.csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
                                   shape=(len(parks), len(chains)))
        return cls(parks, chains, matrix)


@dataclass(frozen=True)
class Similar:
    """Two parks, how many chains each has, how many they share, and the Jaccard index of the two."""

    park1: str
    park2: str
    shared: int
    n1: int
    n2: int
    jaccard: float


def similar_pairs(portfolios: dict[str, set[str]], min_shared: int = 1, min_jaccard: float = 0.0,
                  park: str | None = None, top: int | None = None) -> list[Similar]:
    """Park pairs sharing at least ``min_shared`` chains with Jaccard ≥ ``min_jaccard``, best first
    (Jaccard, then shared count, then park IRIs: a total, deterministic order).

    With ``park`` only that park's pairs (``park1`` is always that park); with ``top`` only the
    best ``top`` pairs are kept, block by block, so the full pair list never exists in memory.
    """
    if min_shared < 1:
        raise ValueError("min_shared must be at least 1")
    pf = Portfolios.of(portfolios)
    a = pf.matrix
    sizes = np.asarray(a.sum(axis=1)).ravel()
    if park is not None:
        if park not in portfolios:
            return []
        blocks: Iterable[tuple[int, int]] = [(pf.parks.index(park), pf.parks.index(park) + 1)]
    else:
        blocks = _blocks(len(pf.parks))

    def with_jaccard(r: np.ndarray, c: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, ...]:
        jac = s / (sizes[r] + sizes[c] - s)
        keep = jac >= min_jaccard
        return r[keep], c[keep], s[keep], jac[keep]

    kept = _keep_best((with_jaccard(*part) for part in _block_pairs(a, blocks, min_shared, park is not None)),
                      _best, top, f"more than {MAX_PAIRS:,} park pairs share at least {min_shared} chain(s): "
                      "ask for the best ones (top) or raise min_shared / min_jaccard")
    if kept is None:
        return []
    r, c, s, jac = _best(kept, top)
    return [Similar(pf.parks[i], pf.parks[j], int(n), int(sizes[i]), int(sizes[j]), float(x))
            for i, j, n, x in zip(r.tolist(), c.tolist(), s.tolist(), jac.tolist(), strict=True)]


def _blocks(rows: int) -> Iterator[tuple[int, int]]:
    return ((i, min(i + BLOCK, rows)) for i in range(0, rows, BLOCK))


def _block_pairs(a: sparse.csr_matrix, blocks: Iterable[tuple[int, int]], min_shared: int,
                 one_park: bool = False) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(row, column, shared count) of the pairs sharing at least ``min_shared`` columns, from A·Aᵀ
    a block of rows at a time (memory bounded by BLOCK × rows); each unordered pair once, or, for
    ``one_park``, every other park of that one row; never a park with itself."""
    at = a.T.tocsc()
    for start, stop in blocks:
        shared = (a[start:stop] @ at).tocoo()
        r, c, s = shared.row + start, shared.col, shared.data
        mask = (c != r) if one_park else (c > r)
        mask &= s >= min_shared
        yield r[mask], c[mask], s[mask]


def _keep_best(parts: Iterable[tuple[np.ndarray, ...]], cut: Callable[[tuple[np.ndarray, ...], int | None], tuple[np.ndarray, ...]],
               top: int | None, too_many: str) -> tuple[np.ndarray, ...] | None:
    """The columns of every part cut to what can be among the best ``top`` (all of them without a
    top, up to MAX_PAIRS, past which ``too_many`` is the error), merged block by block so the full
    pair list never exists in memory; None when there are no parts."""
    kept: list[tuple[np.ndarray, ...]] = []
    for part in parts:
        kept.append(cut(part, top))
        if top is None and sum(len(k[0]) for k in kept) > MAX_PAIRS:
            raise QueryError(too_many)
        if top is not None and len(kept) > 1:
            kept = [cut(_concat(kept), top)]
    return _concat(kept) if kept else None


def _concat(parts: list[tuple[np.ndarray, ...]]) -> tuple[np.ndarray, ...]:
    return tuple(np.concatenate(cols) for cols in zip(*parts, strict=True))


def shared_counts(portfolios: dict[str, set[str]]) -> dict[int, int]:
    """How many park pairs share exactly k chains, for every k ≥ 1 (to pick a threshold that
    keeps a view within its edge budget without listing the pairs)."""
    pf = Portfolios.of(portfolios)
    counts = np.zeros(len(pf.chains) + 1, dtype=np.int64)
    for _, _, shared in _block_pairs(pf.matrix, _blocks(len(pf.parks)), 1):
        counts += np.bincount(shared, minlength=len(counts))[:len(counts)]
    return {k: int(n) for k, n in enumerate(counts.tolist()) if k >= 1 and n}


def _best(cols: tuple[np.ndarray, ...], top: int | None) -> tuple[np.ndarray, ...]:
    """Sort pairs best first (Jaccard desc, shared desc, row, column) and keep ``top`` of them."""
    r, c, s, jac = cols
    if top is not None and len(jac) > top:  # cheap cut first: the top-th best Jaccard, ties all kept
        cut = len(jac) - top
        near = jac >= np.partition(jac, cut)[cut]
        r, c, s, jac = r[near], c[near], s[near], jac[near]
    order = np.lexsort((c, r, -s, -jac))
    if top is not None:
        order = order[:top]
    return r[order], c[order], s[order], jac[order]


@dataclass(frozen=True)
class SimilarParks:
    """A pair of :func:`similar_parks`, with labels and the chains the two share."""

    park1: str
    park1_label: str
    park2: str
    park2_label: str
    shared: int
    n1: int
    n2: int
    jaccard: float
    shared_chains: tuple[str, ...]


def similar_parks(kg: KnowledgeGraph, park: str | None = None, rollup: bool = False, min_shared: int = 1,
                  min_jaccard: float = 0.0, top: int | None = 100) -> list[SimilarParks]:
    """The parks most alike in their chain portfolios (产业同构), from the graph: all pairs, or one
    park's; chains rolled up the SKOS hierarchy first with ``rollup``. Scales to national graphs."""
    portfolios = park_chains(kg, rollup)
    if park is not None and park not in portfolios:
        raise QueryError(f"{short_id(park)} has no industry chains in the graph (or is not a park)")
    pairs = similar_pairs(portfolios, min_shared, min_jaccard, park, top)
    wanted = sorted({p for pair in pairs for p in (pair.park1, pair.park2)}
                    | {c for pair in pairs for c in portfolios[pair.park1] & portfolios[pair.park2]})
    labels = labels_of(kg, wanted)
    out = []
    for p in pairs:
        common = sorted(labels.get(c, c) for c in portfolios[p.park1] & portfolios[p.park2])
        out.append(SimilarParks(p.park1, labels.get(p.park1, p.park1), p.park2, labels.get(p.park2, p.park2),
                                p.shared, p.n1, p.n2, p.jaccard, tuple(common)))
    return out


def labels_of(kg: KnowledgeGraph, iris: list[str], zh_only: bool = False) -> dict[str, str]:
    """Chinese labels (English, else none; only Chinese with ``zh_only``) of these IRIs, fetched in batches."""
    labels: dict[str, str] = {}
    for i in range(0, len(iris), 500):
        for iri, zh, en in rows(kg, labels_query(iris[i:i + 500])):
            label = zh if zh_only else zh or en
            if iri is not None and label:
                labels.setdefault(iri, label)
    return labels


SIX_PLACES = Decimal("0.000001")
SIMILAR_VARS = ["park1", "park1Label", "park2", "park2Label", "shared", "n1", "n2", "jaccard", "sharedChains"]


def similar_result(kg: KnowledgeGraph, park: str | None = None, rollup: bool = False, min_shared: int = 1,
                   min_jaccard: float = 0.0, top: int | None = 100) -> QueryResult:
    """:func:`similar_parks` as query rows, in the columns of the saved query ``parks-sharing-chains``
    (so the two are interchangeable in tables, CSV and JSON); ``park`` may be an id such as
    ``park/changsha-etdz`` or an IRI."""
    iri = None if park is None else str(to_term(Param("park", "iri", "-", ""), park))
    pairs = similar_parks(kg, iri, rollup, min_shared, min_jaccard, top)
    rows = [{"park1": p.park1, "park1Label": p.park1_label, "park2": p.park2, "park2Label": p.park2_label,
             "shared": p.shared, "n1": p.n1, "n2": p.n2,
             "jaccard": (Decimal(p.shared) / Decimal(p.n1 + p.n2 - p.shared)).quantize(SIX_PLACES).normalize(),
             "sharedChains": "、".join(p.shared_chains)} for p in pairs]
    return QueryResult(list(SIMILAR_VARS), rows)


OX_DECIMAL = Decimal(1).scaleb(-18)  # SPARQL engines' xsd:decimal division: Oxigraph keeps 18 places, truncated


def sharing_chains(kg: KnowledgeGraph, rollup: bool = False, min_shared: int = 1,
                   limit: int | None = None) -> QueryResult:
    """The saved query ``parks-sharing-chains`` answered by a sparse matrix product.

    Its header names this function, so the embedded graph answers it here instead of by the
    SPARQL self-join (55 s at 1M triples; its cost grows with the square of the parks). Same
    columns, rows and order as the SPARQL (shared count, then Jaccard, descending, then the two
    parks' Chinese labels; ``jaccard`` as the engine's decimal division); the shared chains'
    labels are listed sorted, where SPARQL's GROUP_CONCAT leaves the order to the engine.
    As in the SPARQL, only parks with a Chinese label are paired and only chains with one are
    counted as shared, while a park's chain count ``n`` counts all of them.
    """
    if min_shared < 1:
        min_shared = 1  # a pair shares at least one chain by definition (the SPARQL's join)
    portfolios, chain_labels = _portfolios(kg, rollup)
    park_labels = labels_of(kg, sorted(portfolios), zh_only=True)
    portfolios = {p: cs for p, cs in portfolios.items() if p in park_labels}
    pf = Portfolios.of(portfolios)
    sizes = np.asarray(pf.matrix.sum(axis=1)).ravel()
    labelled = np.array([c in chain_labels for c in pf.chains], dtype=bool)
    a = pf.matrix[:, np.flatnonzero(labelled)].tocsr()
    kept = _keep_best(_block_pairs(a, _blocks(len(pf.parks)), min_shared),
                      lambda part, lim: _leading(*part, sizes, lim), limit,
                      f"more than {MAX_PAIRS:,} park pairs share at least {min_shared} chain(s): "
                      "ask for the first ones (--limit) or raise min_shared")
    pairs = [] if kept is None else list(zip(*(col.tolist() for col in kept), strict=True))
    out = []
    for i, j, n in pairs:
        p1, p2 = pf.parks[i], pf.parks[j]
        out.append({"park1": p1, "park1Label": park_labels[p1], "park2": p2, "park2Label": park_labels[p2],
                    "shared": n, "n1": int(sizes[i]), "n2": int(sizes[j]),
                    "jaccard": _decimal_jaccard(n, int(sizes[i] + sizes[j] - n)),
                    "sharedChains": _shared_labels(portfolios[p1] & portfolios[p2], chain_labels)})
    out.sort(key=lambda row: (-row["shared"], -row["jaccard"], row["park1Label"], row["park2Label"]))
    return QueryResult(list(SIMILAR_VARS), out if limit is None else out[:limit])


def _leading(r: np.ndarray, c: np.ndarray, n: np.ndarray, sizes: np.ndarray,
             limit: int | None) -> tuple[np.ndarray, ...]:
    """The pairs that can be among the first ``limit`` by (shared, Jaccard) descending: the
    ``limit`` best and every pair tied with the last of them (labels break those ties later)."""
    if limit is None or len(n) <= limit:
        return r, c, n
    score = n + 0.5 * n / (sizes[r] + sizes[c] - n)  # orders as (shared, Jaccard): Jaccard is in (0, 1]
    cut = len(score) - limit
    keep = score >= np.partition(score, cut)[cut]
    return r[keep], c[keep], n[keep]


SIMILAR_TO_VARS = ["other", "otherLabel", "shared", "n1", "n2", "jaccard", "sharedChains"]


def similar_to(kg: KnowledgeGraph, park: str | None = None, rollup: bool = False,
               limit: int | None = None) -> QueryResult:
    """The saved query ``parks-similar-to`` answered from the park's portfolio, for the same reason
    and on the same terms as :func:`sharing_chains` (4 s at 10M triples as SPARQL, which counts
    every park's chains): the same columns, rows and order (Jaccard, then shared count,
    descending, then the other park's Chinese label). A park with no chains has no rows."""
    if park is None:
        raise QueryError("parks-similar-to needs a park (-p park=park/…)")
    portfolios, chain_labels = _portfolios(kg, rollup)
    if park not in portfolios:
        return QueryResult(list(SIMILAR_TO_VARS), [])
    mine = {c for c in portfolios[park] if c in chain_labels}
    sharing = {other: len(cs & mine) for other, cs in portfolios.items() if other != park and not mine.isdisjoint(cs)}
    labels = labels_of(kg, sorted(sharing), zh_only=True)
    n1 = len(portfolios[park])
    out = [{"other": other, "otherLabel": labels[other], "shared": n, "n1": n1, "n2": len(portfolios[other]),
            "jaccard": _decimal_jaccard(n, n1 + len(portfolios[other]) - n),
            "sharedChains": _shared_labels(portfolios[park] & portfolios[other], chain_labels)}
           for other, n in sharing.items() if other in labels]
    out.sort(key=lambda row: (-row["jaccard"], -row["shared"], row["otherLabel"]))
    return QueryResult(list(SIMILAR_TO_VARS), out if limit is None else out[:limit])


def _portfolios(kg: KnowledgeGraph, rollup: bool) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Each park's chains (rolled up with ``rollup``) and the chains' Chinese labels."""
    portfolios = park_chains(kg, rollup)
    return portfolios, labels_of(kg, sorted({c for cs in portfolios.values() for c in cs}), zh_only=True)


def _decimal_jaccard(shared: int, union: int) -> Decimal:
    """shared / union as a SPARQL engine divides xsd:integers (Oxigraph: 18 places, truncated)."""
    return (Decimal(shared) / Decimal(union)).quantize(OX_DECIMAL, rounding=ROUND_DOWN).normalize()


def _shared_labels(chains: set[str], chain_labels: dict[str, str]) -> str:
    """GROUP_CONCAT(DISTINCT label; separator="、") of the labelled chains, sorted."""
    return "、".join(dict.fromkeys(sorted(chain_labels[c] for c in chains if c in chain_labels)))
