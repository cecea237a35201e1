"""Lines, sentences, clauses and section headings of a cleaned text, found by position."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

SENTENCE_ENDS = "。!?;\n"
CLAUSE_ENDS = SENTENCE_ENDS + ",:"
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、,.．]|第[一二三四五六七八九十]+[章节部分篇])")
_SUB_HEADING = re.compile(r"^\s*(?:\(?[一二三四五六七八九十]+\)|\d+\s*[、.．]\D|[(（]\d+[)）]|——)")


@dataclass(frozen=True)
class Span:
    """A [start, end) span of the cleaned text."""

    start: int
    end: int


class Segments:
    """Positions of lines, sentences, clauses and top-level sections in one cleaned text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _split(text, "\n")
        self.sentences = _split(text, SENTENCE_ENDS)
        self.clauses = _split(text, CLAUSE_ENDS)
        self._line_starts = [s.start for s in self.lines]
        self._sentence_starts = [s.start for s in self.sentences]
        self._clause_starts = [s.start for s in self.clauses]
        self.sections: list[tuple[int, str]] = []   # (start, heading) of top-level sections
        self.subsections: list[tuple[int, str]] = []
        for line in self.lines:
            head = text[line.start:line.end]
            if _TOP_HEADING.match(head):
                self.sections.append((line.start, head[:40]))
            elif _SUB_HEADING.match(head) and len(head) < 60:
                self.subsections.append((line.start, head[:40]))

    def line(self, pos: int) -> Span:
        """The line (paragraph) containing ``pos``."""
        return self.lines[max(0, bisect_right(self._line_starts, pos) - 1)]

    def sentence(self, pos: int) -> Span:
        """The sentence containing ``pos`` (ends at 。!?; or a line break)."""
        return self.sentences[max(0, bisect_right(self._sentence_starts, pos) - 1)]

    def clause(self, pos: int) -> Span:
        """The clause containing ``pos`` (a sentence further cut at , and :)."""
        return self.clauses[max(0, bisect_right(self._clause_starts, pos) - 1)]

    def previous_sentence(self, pos: int) -> Span | None:
        """The sentence before the one containing ``pos``, if any."""
        i = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[i - 1] if i > 0 else None

    def section(self, pos: int) -> tuple[int, str]:
        """Start and heading of the top-level section containing ``pos`` ((0, '') before any)."""
        best = (0, "")
        for start, head in self.sections:
            if start > pos:
                break
            best = (start, head)
        return best

    def heading_context(self, pos: int) -> str:
        """The top-level and sub-level headings above ``pos``, joined (for section cues)."""
        top = self.section(pos)
        sub = ""
        for start, head in self.subsections:
            if start > pos:
                break
            if start >= top[0]:
                sub = head
        return f"{top[1]} {sub}".strip()


def _split(text: str, ends: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in ends:
            if i + 1 > start:
                spans.append(Span(start, i + 1))
            start = i + 1
    if start < len(text):
        spans.append(Span(start, len(text)))
    return spans or [Span(0, 0)]
