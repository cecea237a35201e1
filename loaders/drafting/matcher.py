"""A dictionary matcher: leftmost-longest, non-overlapping matches of many names in one pass."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Generic, TypeVar

V = TypeVar("V")
_END = ""

# quote marks are folded to one so that 放管服 written with mismatched quotes still matches
_QUOTES = str.maketrans({c: "“" for c in "“”\"'‘’「」『』〝〞"})


def fold_quotes(text: str) -> str:
    """``text`` with every quote mark replaced by “ (same length, so offsets are kept)."""
    return text.translate(_QUOTES)


def name_key(name: str) -> str:
    """How a registry name is compared with a cleaned text: NFKC, quote marks folded."""
    return fold_quotes(unicodedata.normalize("NFKC", name).strip())


class Matcher(Generic[V]):
    """A character trie of names, each carrying one or more values."""

    def __init__(self) -> None:
        self._root: dict[str, dict] = {}
        self.size = 0

    def add(self, name: str, value: V) -> None:
        """Register ``name`` (NFKC, quote marks folded) with ``value``."""
        key = name_key(name)
        if not key:
            return
        node = self._root
        for ch in key:
            node = node.setdefault(ch, {})
        node.setdefault(_END, []).append(value)  # type: ignore[arg-type]
        self.size += 1

    def finditer(self, text: str) -> Iterator[tuple[int, int, list[V]]]:
        """(start, end, values) of leftmost-longest non-overlapping matches in ``text``."""
        text = fold_quotes(text)
        n, i, root = len(text), 0, self._root
        while i < n:
            node = root.get(text[i])
            if node is None:
                i += 1
                continue
            best: tuple[int, list[V]] | None = None
            j = i + 1
            while True:
                if _END in node:
                    best = (j, node[_END])  # type: ignore[assignment]
                if j >= n:
                    break
                node = node.get(text[j])  # type: ignore[assignment]
                if node is None:
                    break
                j += 1
            if best is None:
                i += 1
                continue
            yield i, best[0], best[1]
            i = best[0]

    def inside(self, name: str) -> Iterator[tuple[int, int, list[V]]]:
        """Matches strictly inside ``name`` (not the whole of it), leftmost-longest from each start."""
        text = name_key(name)
        n, i = len(text), 0
        while i < n:
            node = self._root
            best: tuple[int, list[V]] | None = None
            j = i
            while j < n:
                node = node.get(text[j])  # type: ignore[assignment]
                if node is None:
                    break
                j += 1
                if _END in node and not (i == 0 and j == n):
                    best = (j, node[_END])  # type: ignore[assignment]
            if best is None:
                i += 1
                continue
            yield i, best[0], best[1]
            i = best[0]

    def lookup(self, name: str) -> list[V]:
        """Values registered for exactly ``name`` (empty when unknown)."""
        node = self._root
        for ch in name_key(name):
            node = node.get(ch)  # type: ignore[assignment]
            if node is None:
                return []
        return list(node.get(_END, []))  # type: ignore[arg-type]
