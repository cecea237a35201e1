"""Decode a source and clean its text, keeping a map from each cleaned character to the original.

Cleaning folds full-width/half-width variants (NFKC, one character at a time), drops web
navigation and spam lines, table debris (``|``, ``---``, markdown ``**``, image links) and a
body pasted a second time, and folds runs of spaces. Every cleaned character remembers the
index of the original character it came from, so quotes and offsets always point into the
text exactly as received.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from parkgraph.errors import ParkgraphError

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\xad"}
_NAV_WORDS = (
    "欢迎访问", "官方微信", "扫一扫", "当前位置", "您的位置", "您现在的位置", "首页", "打印本页", "关闭窗口",
    "收藏本站", "设为首页", "加入收藏", "分享到", "字号", "浏览次数", "阅读次数", "点击数", "访问量",
    "上一篇", "下一篇", "返回顶部", "版权所有", "主办单位", "承办单位", "ICP备", "网站地图", "联系我们",
    "【打印】", "【关闭】", "在手机打开", "微信扫描", "【大】", "【中】", "【小】", "[打印]", "[关闭]",
)
_SPAM_WORDS = (
    "买球", "博彩", "彩票", "娱乐城", "棋牌", "真人视讯", "赌", "投注", "百家乐", "老虎机", "下注",
    "开户送", "体育直播", "澳门", "威尼斯人", "葡京", "时时彩", "六合彩", "世界杯", "线上娱乐", "电子游艺",
)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_RULE = re.compile(r"^[\s|:\-]*-{3,}[\s|:\-]*$")
_DEBRIS_ONLY = re.compile(r"^[\s|*#>_=~\-]*$")
_BOLD_PAIR = re.compile(r"\*\*")
_SPACES = re.compile(r"[ \t\u3000]+")
_REPEAT_MIN = 50     # a paragraph this long seen before starts a repeated body
_REMEMBER_MIN = 6    # shorter lines are never treated as repeats (table cells repeat legitimately)


class EncodingError(ParkgraphError):
    """A file that is neither UTF-8 nor GB18030 text."""


def decode(data: bytes, name: str = "the file") -> tuple[str, str]:
    """Text and encoding of a source file: UTF-8 (with or without BOM), else GB18030."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name} is neither UTF-8 nor GB18030 text (byte {exc.start})") from exc


@dataclass(frozen=True)
class Cleaned:
    """A cleaned text, its original, and ``offsets[i]`` = original index of cleaned character i."""

    original: str
    text: str
    offsets: tuple[int, ...]
    dropped_lines: int = 0
    repeated_lines: int = 0

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the cleaned span [start, end)."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def orig_quote(self, start: int, end: int) -> str:
        """The original text behind the cleaned span [start, end)."""
        a, b = self.orig_span(start, end)
        return self.original[a:b]

    def clean_pos(self, orig: int) -> int:
        """Index of the first cleaned character at or after original index ``orig``."""
        return bisect_left(self.offsets, orig)


def clean(original: str) -> Cleaned:
    """Clean ``original`` line by line (see the module docstring)."""
    chars: list[str] = []
    offsets: list[int] = []
    seen: set[str] = set()
    in_repeat = False
    dropped = repeated = 0
    for m in re.finditer(r"[^\n]*\n?", original):
        if not m.group():
            continue
        line_chars, line_offsets = _clean_line(original, m.start(), m.end())
        line = "".join(line_chars)
        if not line:
            continue
        if _is_boilerplate(line):
            dropped += 1
            continue
        key = line
        if len(key) >= _REMEMBER_MIN:
            if key in seen:
                if len(key) >= _REPEAT_MIN:
                    in_repeat = True
                if in_repeat:
                    repeated += 1
                    continue
            else:
                in_repeat = False
                seen.add(key)
        if chars:  # a line break stands for the original text between the two lines
            chars.append("\n")
            offsets.append(offsets[-1] + 1)
        chars.extend(line_chars)
        offsets.extend(line_offsets)
    return Cleaned(original, "".join(chars), tuple(offsets), dropped, repeated)


def _clean_line(original: str, start: int, end: int) -> tuple[list[str], list[int]]:
    """NFKC-fold one line, remove inline debris and fold spaces; returns chars and offsets."""
    raw = original[start:end].rstrip("\n")
    if _DEBRIS_ONLY.match(raw) or _RULE.match(raw):
        return [], []
    remove = [False] * len(raw)
    for im in _IMAGE.finditer(raw):
        for k in range(im.start(), im.end()):
            remove[k] = True
    bolds = [b.start() for b in _BOLD_PAIR.finditer(raw)]
    markdown = len(bolds) % 2 == 0 or any(_is_edge(raw, b) for b in bolds)
    if bolds and markdown:
        for b in bolds:
            remove[b] = remove[b + 1] = True
    for k, ch in enumerate(raw):
        if ch in "|｜":
            remove[k] = True
    chars: list[str] = []
    offs: list[int] = []
    for k, ch in enumerate(raw):
        if remove[k] or ch in _ZERO_WIDTH:
            continue
        for out in unicodedata.normalize("NFKC", ch):
            if out in "\t\u3000\xa0" or (out.isspace() and out != " "):
                out = " "
            if out == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(out)
            offs.append(start + k)
    while chars and chars[-1] == " ":
        chars.pop()
        offs.pop()
    line = "".join(chars)
    if not line or _DEBRIS_ONLY.match(line):
        return [], []
    return chars, offs


def _is_edge(raw: str, pos: int) -> bool:
    """A ``**`` at the edge of a line or next to a space is markdown bold, not a masked figure."""
    before = raw[:pos].strip()
    after = raw[pos + 2:].strip()
    return not before or not after or raw[pos - 1:pos] == " " or raw[pos + 2:pos + 3] == " "


def _is_boilerplate(line: str) -> bool:
    """A short navigation or spam line (never a sentence of the body)."""
    if len(line) > 60 or "。" in line:
        return False
    return any(w in line for w in _NAV_WORDS) or any(w in line for w in _SPAM_WORDS)


def fold_spaces(text: str) -> str:
    """Collapse runs of spaces (used for names read from table cells)."""
    return _SPACES.sub(" ", text).strip()
