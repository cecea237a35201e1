"""A dictionary matcher: leftmost-longest, non-overlapping matches of many names in one pass.

The names live in an Aho-Corasick automaton (pyahocorasick), so a scan costs time in
proportion to the text and the matches in it, not to the number of names: a national
registry has hundreds of thousands. The automaton reports every occurrence; the
leftmost-longest choice is made here, because pyahocorasick's own ``iter_long`` has
known misses (WojciechMula/pyahocorasick#133, #185). A matcher built once can be shared by
views that leave some values out (``without``), so each held-out lexicon does not build
its own automaton.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Generic, TypeVar

import ahocorasick

V = TypeVar("V")

# quote marks are folded to one so that 放管服 written with mismatched quotes still matches
_QUOTES = str.maketrans({c: "“" for c in "“”\"'‘’「」『』〝〞"})


def fold_quotes(text: str) -> str:
    """``text`` with every quote mark replaced by “ (same length, so offsets are kept)."""
    return text.translate(_QUOTES)


def name_key(name: str) -> str:
    """How a registry name is compared with a cleaned text: NFKC, quote marks folded."""
    return fold_quotes(unicodedata.normalize("NFKC", name).strip())


class Matcher(Generic[V]):
    """Names (NFKC, quote marks folded), each carrying one or more values, in an automaton."""

    def __init__(self) -> None:
        self._values: dict[str, list[V]] = {}
        self._automaton: ahocorasick.Automaton | None = None
        self._drop: frozenset[V] = frozenset()

    @classmethod
    def of_values(cls, values: dict[str, list[V]]) -> Matcher[V]:
        """A matcher of ready name keys (as ``name_key`` makes them) and their values.

        ``values`` is used as it is, not copied: it must not change afterwards.
        """
        made: Matcher[V] = cls()
        made._values = values
        return made

    @property
    def size(self) -> int:
        """How many (name, value) pairs were registered."""
        return sum(len(values) for values in self._values.values())

    def add(self, name: str, value: V) -> None:
        """Register ``name`` (NFKC, quote marks folded) with ``value``."""
        key = name_key(name)
        if not key:
            return
        self._values.setdefault(key, []).append(value)
        self._automaton = None

    def without(self, drop: frozenset[V]) -> Matcher[V]:
        """A view of this matcher that never reports the values in ``drop`` (same automaton).

        It matches as a matcher built without those values would: a name whose values are
        all dropped is not a name at all, so a shorter name at the same place wins. The view
        shares this matcher's names: add to neither afterwards.
        """
        view: Matcher[V] = Matcher()
        view._values = self._values
        view._automaton = self._index()
        view._drop = self._drop | drop
        return view

    def build(self) -> None:
        """Build the automaton now rather than on the first search."""
        self._index()

    def _index(self) -> ahocorasick.Automaton | None:
        """The automaton of every name, built on first use (None when there are no names)."""
        if self._automaton is None and self._values:
            automaton = ahocorasick.Automaton()
            for key, values in self._values.items():
                automaton.add_word(key, (len(key), values))
            automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def _longest(self, text: str, whole: int = -1) -> dict[int, tuple[int, list[V]]]:
        """For each start in ``text``: (end, values) of the longest name there.

        A match of length ``whole`` at position 0 (the whole of a name) is ignored.
        """
        automaton = self._index()
        best: dict[int, tuple[int, list[V]]] = {}
        if automaton is None:
            return best
        drop = self._drop
        for last, (length, values) in automaton.iter(text):
            start = last - length + 1
            if start == 0 and length == whole:
                continue
            if drop:
                values = [v for v in values if v not in drop]
                if not values:
                    continue
            known = best.get(start)
            if known is None or known[0] <= last:
                best[start] = (last + 1, values)
        return best

    @staticmethod
    def _greedy(best: dict[int, tuple[int, list[V]]]) -> Iterator[tuple[int, int, list[V]]]:
        pos = 0
        for start in sorted(best):
            if start >= pos:
                end, values = best[start]
                yield start, end, values
                pos = end

    def finditer(self, text: str) -> Iterator[tuple[int, int, list[V]]]:
        """(start, end, values) of leftmost-longest non-overlapping matches in ``text``."""
        return self._greedy(self._longest(fold_quotes(text)))

    def inside(self, name: str) -> Iterator[tuple[int, int, list[V]]]:
        """Matches strictly inside ``name`` (not the whole of it), leftmost-longest from each start."""
        text = name_key(name)
        return self._greedy(self._longest(text, whole=len(text)))

    def lookup(self, name: str) -> list[V]:
        """Values registered for exactly ``name`` (empty when unknown)."""
        values = self._values.get(name_key(name), [])
        return [v for v in values if v not in self._drop] if self._drop else list(values)
