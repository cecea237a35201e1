"""Checking one record against its Spec, collecting every problem with its line."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from parkgraph.errors import Problem
from parkgraph.ids import is_valid_id
from parkgraph.loaders.schema import YEAR_MAX, YEAR_MIN, Spec
from parkgraph.loaders.yamlio import LineDict
from parkgraph.ontology import units, vocabularies

_DATE = re.compile(r"^(\d{4})(-(\d{2}))?(-(\d{2}))?$")

# resolve(kind_alternatives, id) -> the kind it was found as, or None
Resolver = Callable[[tuple[str, ...], str], str | None]


def check_record(
    rec: Any, spec: Spec, path: Path, what: str, resolve: Resolver | None
) -> list[Problem]:
    """Problems of one record; ``resolve`` is None while references cannot be checked yet."""
    if not isinstance(rec, LineDict):
        return [Problem(path, None, f"{what}: expected a mapping of fields, got {kind_name(rec)}")]
    problems: list[Problem] = []
    allowed = spec.fields()
    for key in rec:
        if key not in allowed:
            problems.append(Problem(path, rec.line_of(str(key)),
                                    f"{what}: unknown field {key!r} (allowed: {', '.join(allowed)})"))
    for key in spec.required:
        if rec.get(key) in (None, "", []):
            problems.append(Problem(path, rec.line, f"{what}: missing required field {key!r}"))
    for key, ftype in allowed.items():
        value = rec.get(key)
        if value is None:
            continue
        msg = _check_value(value, ftype, resolve)
        if msg:
            problems.append(Problem(path, rec.line_of(key), f"{what}: {key}: {msg}"))
    return problems


def kind_name(value: Any) -> str:
    """How a YAML value reads in a message: 'a mapping', 'a list', 'text' …"""
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", str: "text",
            int: "a number", float: "a number", bool: "true/false"}.get(type(value), type(value).__name__)


def _check_value(value: Any, ftype: str, resolve: Resolver | None) -> str | None:
    if ftype == "text":
        if isinstance(value, str):
            return None if value.strip() else "expected text, got blank text"
        return f"expected text, got {kind_name(value)}"
    if ftype == "texts":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "expected a list of names"
        return None
    if ftype == "id":
        if not isinstance(value, str) or not is_valid_id(value):
            return f"{value!r} is not a valid id (lowercase ASCII words joined by '-')"
        return None
    if ftype == "year":
        if isinstance(value, bool) or not isinstance(value, int):
            return f"expected a year such as 2019, got {value!r}"
        if not YEAR_MIN <= value <= YEAR_MAX:
            return f"impossible year {value} (expected {YEAR_MIN}–{YEAR_MAX})"
        return None
    if ftype == "period":
        if (not isinstance(value, list) or len(value) != 2
                or any(_check_value(v, "year", None) for v in value) or value[0] > value[1]):
            return f"expected [first year, last year], got {value!r}"
        return None
    if ftype == "date":
        m = _DATE.match(str(value))
        if not m or not YEAR_MIN <= int(m.group(1)) <= YEAR_MAX or not _real_date(m):
            return f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
        return None
    if ftype == "number":
        return None if as_decimal(value) is not None else f"expected a number, got {value!r}"
    if ftype == "bool":
        return None if isinstance(value, bool) else f"expected true or false, got {value!r}"
    if ftype == "unit":
        if not isinstance(value, str) or value not in units():
            return f"unknown unit {value!r} (known: {' '.join(units())})"
        return None
    if ftype == "evidence":
        items = value if isinstance(value, list) else [value]
        if not items or not all(isinstance(q, str) and q.strip() for q in items):
            return "expected a quote or a list of quotes"
        return None
    if ftype.startswith("enum:"):
        choices = ftype[5:].split("|")
        return None if isinstance(value, str) and value in choices else f"{value!r} is not one of: {', '.join(choices)}"
    if ftype.startswith("vocab:"):
        vocab = vocabularies()[ftype[6:]]
        return None if isinstance(value, str) and value in vocab else f"{value!r} is not one of: {', '.join(vocab)}"
    if ftype.startswith("ref:") or ftype.startswith("refs:"):
        many = ftype.startswith("refs:")
        kinds = tuple(ftype.split(":", 1)[1].split("|"))
        values = value if many else [value]
        if many and not isinstance(value, list):
            return "expected a list of ids"
        for v in values:
            if not isinstance(v, str):
                return f"expected an id, got {v!r}"
            if resolve is not None and resolve(kinds, v) is None:
                want = "entity" if kinds == ("*",) else " or ".join(kinds)
                return f"unknown {want} id {v!r}"
        return None
    raise AssertionError(f"unknown field type {ftype}")


def as_decimal(value: Any) -> Decimal | None:
    """A YAML number as an exact, finite Decimal (None for non-numbers, booleans, inf and nan)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _real_date(m: re.Match[str]) -> bool:
    """The month and day of a YYYY[-MM[-DD]] match exist (no 2019-13-45, no 2019-02-30)."""
    year, month, day = int(m.group(1)), int(m.group(3) or 1), int(m.group(5) or 1)
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
