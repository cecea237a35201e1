"""Render query rows as a table (labels, not bare IRIs), CSV, TSV or JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

from rich.table import Table

from parkgraph.namespaces import PREFIXES
from parkgraph.queries.run import QueryResult

FORMATS = ("table", "csv", "tsv", "json")


def curie(value: str) -> str:
    """Shorten an IRI with the project's prefixes (pgid:park/changsha-etdz)."""
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if value.startswith(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _json(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float):
        return value
    return _text(value)


def table_columns(result: QueryResult) -> list[str]:
    """Columns a person reads: an IRI column is hidden when its ``…Label`` column exists."""
    names = set(result.vars)
    return [v for v in result.vars if f"{v}Label" not in names]


def iris_of(result: QueryResult) -> list[str]:
    """The IRIs a table would show (to look their labels up)."""
    cols = table_columns(result)
    return sorted({row[c] for row in result for c in cols
                   if isinstance(row.get(c), str) and row[c].startswith(("http://", "https://"))})


def to_table(result: QueryResult, title: str = "", labels: dict[str, str] | None = None) -> Table:
    """A rich table: IRIs shown as their Chinese label when known, else as a short CURIE."""
    labels = labels or {}
    table = Table(title=title or None)
    cols = table_columns(result)
    for c in cols:
        table.add_column(c)
    for row in result:
        cells = []
        for c in cols:
            value = row.get(c, "")
            if isinstance(value, str) and value.startswith(("http://", "https://")):
                cells.append(labels.get(value) or curie(value))
            elif isinstance(value, Decimal) and value.as_tuple().exponent < -6:  # type: ignore[operator]
                cells.append(_text(round(value, 4)))  # ratios such as Jaccard: 4 places are plenty to read
            else:
                cells.append(_text(value))
        table.add_row(*cells)
    return table


def to_text(result: QueryResult, fmt: str) -> str:
    """CSV, TSV or JSON text (full values: IRIs stay IRIs)."""
    if fmt == "json":
        rows = [{k: _json(v) for k, v in row.items()} for row in result]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
    writer.writerow(result.vars)
    for row in result:
        writer.writerow([_text(row[v]) if v in row else "" for v in result.vars])
    return buf.getvalue()
