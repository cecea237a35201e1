"""Tables flattened to text (a web page's or an OCR'd table): caption, header cells, rows of cells.

The layout handled is the one converters write: cells separated by lines holding a single
``|``, rows separated by lines of blanks, a ``---|---`` rule under the header row. A row with
fewer cells than the header continues the first cell of the row above (a merged cell).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_RULE = re.compile(r"^\s*:?-{3,}:?(?:\s*\|\s*:?-{3,}:?)+\s*\|?\s*$")
_CELL_SEP = re.compile(r"^\s*\|\s*$")
_ROW_SEP = re.compile(r"^[ \t\u3000]+$")
_END = re.compile(r"^\s*(?:\*\*\s*)?(?:\d+[\s*]*[、.．]|[一二三四五六七八九十]+、|\(?[一二三四五六七八九十]+\)|注\s*[:：]|注：|专栏|附表|表\s*\d)")
_CAPTION = re.compile(r"^\s*(?:专栏|附表|表)\s*\d*")


@dataclass
class Cell:
    """A table cell: its text (NFKC, markup removed) and the original spans of its lines."""

    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)

    def add(self, line: str, start: int) -> None:
        """Append one original line (starting at ``start``) to the cell."""
        body = unicodedata.normalize("NFKC", line).replace("**", "").strip()
        if not body:
            return
        lead = len(line) - len(line.lstrip())
        self.spans.append((start + lead, start + len(line.rstrip())))
        self.text = f"{self.text}\n{body}" if self.text else body

    @property
    def start(self) -> int:
        """Original offset where the cell's text starts."""
        return self.spans[0][0] if self.spans else 0

    @property
    def end(self) -> int:
        """Original offset where the cell's text ends."""
        return self.spans[-1][1] if self.spans else 0


@dataclass
class Table:
    """A parsed table: caption line, header cells and body rows."""

    caption: Cell
    headers: list[Cell]
    rows: list[list[Cell]]

    @property
    def width(self) -> int:
        """Number of columns."""
        return len(self.headers)


def _lines(text: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"[^\n]*", text):
        out.append((m.start(), m.group()))
    return out


def find_tables(original: str) -> list[Table]:
    """Every table with a ``---|---`` header rule in ``original``."""
    lines = _lines(original)
    tables: list[Table] = []
    for idx, (_start, line) in enumerate(lines):
        if not _RULE.match(line):
            continue
        width = line.count("|") + 1 - (1 if line.rstrip().endswith("|") else 0)
        headers, cap_idx = _header(lines, idx, width)
        if not headers:
            continue
        caption = Cell()
        if cap_idx is not None:
            caption.add(lines[cap_idx][1], lines[cap_idx][0])
        rows = _body(lines, idx + 1, width)
        if rows:
            tables.append(Table(caption, headers, rows))
    return tables


def _header(lines: list[tuple[int, str]], rule: int, width: int) -> tuple[list[Cell], int | None]:
    cells: list[Cell] = [Cell()]
    i = rule - 1
    while i >= 0 and len(cells) <= width:
        start, line = lines[i]
        if _CELL_SEP.match(line):
            cells.append(Cell())
        elif line.strip().strip("*").strip():
            if len(cells) == width and cells[-1].text:
                break  # the line above the header row: the caption
            cells[-1].add(line, start)
            # header lines are read bottom-up; keep the cell text in reading order
            if "\n" in cells[-1].text:
                parts = cells[-1].text.split("\n")
                cells[-1].text = "\n".join([parts[-1], *parts[:-1]])
                cells[-1].spans.sort()
        i -= 1
    cells.reverse()
    cells = [c for c in cells if c.text]
    if len(cells) != width:
        return [], None
    cap = i if i >= 0 and lines[i][1].strip() else None
    while cap is not None and cap >= 0 and not lines[cap][1].strip():
        cap -= 1
    if cap is not None and cap >= 0 and (_CAPTION.match(lines[cap][1]) or len(lines[cap][1].strip()) < 60):
        return cells, cap
    return cells, None


def _body(lines: list[tuple[int, str]], first: int, width: int) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    row: list[Cell] = [Cell()]
    for start, line in lines[first:]:
        if _CELL_SEP.match(line):
            row.append(Cell())
            continue
        if _ROW_SEP.match(line) or not line.strip():
            if _ROW_SEP.match(line) and len(row) > 1 and row[-1].text:
                rows.append(row)
                row = [Cell()]
            continue
        if len(row) == 1 and not row[0].text and _END.match(line):
            break
        if len(row) == 1 and not row[0].text and "。" in line and len(line.strip()) > 60:
            break
        row[-1].add(line, start)
    if len(row) > 1 and row[-1].text:
        rows.append(row)
    # a short row continues the merged first cell of the row above
    out: list[list[Cell]] = []
    for r in rows:
        if len(r) < width and out:
            r = out[-1][: width - len(r)] + r
        if len(r) == width:
            out.append(r)
    return out
