"""Readable, stable identifiers for registry entities.

Ids are ASCII so that IRIs stay legible in any tool; Chinese names are turned
into pinyin slugs with pypinyin (which ships its dictionary).
"""

from __future__ import annotations

import re
import sys

from pypinyin import lazy_pinyin

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slug(name: str) -> str:
    """Return the pinyin slug of a Chinese name: ``长沙`` -> ``changsha``."""
    words = lazy_pinyin(name, errors=lambda chars: list(chars))
    text = "".join(w.lower() for w in words)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text


def is_valid_id(value: str) -> bool:
    """True when ``value`` is a well-formed registry id."""
    return bool(ID_PATTERN.match(value))


if __name__ == "__main__":  # pragma: no cover - tiny curator helper
    for arg in sys.argv[1:]:
        sys.stdout.write(slug(arg) + "\n")
