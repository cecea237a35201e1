"""Chinese document numbers (文号), e.g. 湘政发〔2011〕25号.

Kept as written, and parsed into issuer code, year and sequence number with the
variants real texts use (〔〕, [], ［］, 【】, (), full-width digits) normalised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_PATTERN = re.compile(
    r"^(?P<code>[\u4e00-\u9fffA-Za-z]+?)\s*[〔\[【(]\s*(?P<year>\d{4})\s*[〕\]】)]\s*"
    r"(?:第\s*)?(?P<seq>\d+)\s*号$"
)


@dataclass(frozen=True)
class DocNumber:
    """A parsed 文号."""

    code: str
    year: int
    sequence: int

    @property
    def normalised(self) -> str:
        return f"{self.code}〔{self.year}〕{self.sequence}号"


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a 文号, or return None when it does not have the usual shape."""
    folded = unicodedata.normalize("NFKC", text).strip()
    folded = folded.replace("〔", "〔").replace("﹝", "〔").replace("﹞", "〕")
    m = _PATTERN.match(folded)
    if not m:
        return None
    return DocNumber(m.group("code"), int(m.group("year")), int(m.group("seq")))
