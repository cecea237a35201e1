"""Evidence quotes: the documented normalisation and the substring check.

Sources are messy (full-width punctuation, tables flattened over many lines),
so quotes and sources are compared after Unicode NFKC and with every run of
whitespace folded to one space. Offsets are reported into the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, then fold each run of whitespace to a single space, then strip."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip()


@dataclass(frozen=True)
class NormalisedText:
    """A source text in normalised form with a map back to original offsets."""

    original: str
    text: str
    offsets: tuple[int, ...]  # offsets[i] = index in original of normalised char i

    @classmethod
    def of(cls, original: str) -> NormalisedText:
        chars: list[str] = []
        offsets: list[int] = []
        pending_space: int | None = None
        for i, ch in enumerate(original):
            for out in unicodedata.normalize("NFKC", ch):
                if out.isspace():
                    if chars and pending_space is None:
                        pending_space = i
                    continue
                if pending_space is not None:
                    chars.append(" ")
                    offsets.append(pending_space)
                    pending_space = None
                chars.append(out)
                offsets.append(i)
        return cls(original, "".join(chars), tuple(offsets))

    def find(self, quote: str) -> tuple[int, int] | None:
        """Original (start, end) offsets of the first occurrence of ``quote``, or None."""
        needle = normalise(quote)
        if not needle:
            return None
        pos = self.text.find(needle)
        if pos < 0:
            return None
        start = self.offsets[pos]
        end = self.offsets[pos + len(needle) - 1] + 1
        return start, end
