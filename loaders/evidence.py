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


def _interacts(unit: str, ch: str) -> bool:
    """Whether NFKC would combine ``ch`` with the text before it (a combining mark, a Hangul
    jamo, or any other composition): then they are normalised together."""
    code = ord(ch)
    if (code < 0x80 or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x3029
            or 0x3030 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E):
        return False  # ASCII, CJK ideographs and punctuation, full-width ASCII never compose backwards
    if unicodedata.combining(ch) or unicodedata.combining(unicodedata.normalize("NFKD", ch)[:1] or " "):
        return True  # a combining mark, or a compatibility character that decomposes into one (ﾞ → ゙)
    return unicodedata.normalize("NFKC", unit + ch) != unicodedata.normalize("NFKC", unit) + unicodedata.normalize("NFKC", ch)


def _units(text: str) -> list[tuple[int, str]]:
    """The text cut into (offset, unit) where NFKC of the whole equals the NFKC of each unit joined."""
    units: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if units and _interacts(units[-1][1], ch):
            units[-1] = (units[-1][0], units[-1][1] + ch)
        else:
            units.append((i, ch))
    return units


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
        for start, unit in _units(original):
            for out in unicodedata.normalize("NFKC", unit):
                if out.isspace():
                    if chars and pending_space is None:
                        pending_space = start
                    continue
                if pending_space is not None:
                    chars.append(" ")
                    offsets.append(pending_space)
                    pending_space = None
                chars.append(out)
                offsets.append(start)
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
