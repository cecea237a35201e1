"""Write drafts and registry entries as YAML in the curated layout (block lists, flow id lists)."""

from __future__ import annotations

from typing import Any

import yaml

from parkgraph.loaders.drafting.model import Draft

HEADER = """\
# Draft extract written by `parkgraph extract` — review every item before merging.
# The format is the curated one (docs/extracts.md) plus three draft-only things, removed by
# `parkgraph extract --merge`: `confidence` (0–1) and `offsets` ([start, end] in the original
# text, one pair per quote) on every item, and a `registry:` block of proposed new entities.
# Delete what is wrong, fix what is close, then merge.
"""


class _Dumper(yaml.SafeDumper):
    """A SafeDumper that indents list items under their key, as the curated files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:  # noqa: ARG002
        """Never indentless: ``- item`` lines sit under their key."""
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list) -> yaml.Node:
    """Lists of plain values (ids, offsets, quotes) in flow style; lists of records in block style."""
    flow = all(not isinstance(x, (dict, list)) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, data: dict) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def dump_yaml(data: Any) -> str:
    """YAML text of plain data: UTF-8 characters kept, keys in order, no line wrapping."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000)


def dump_document(data: dict[str, Any]) -> str:
    """A document extract (or draft) as YAML, a blank line between its sections."""
    return "\n".join(dump_yaml({key: value}) for key, value in data.items())


def dump_draft(draft: Draft) -> str:
    """The draft as a YAML file (with a header comment explaining the draft-only fields)."""
    return HEADER + "\n" + dump_document(draft.as_dict())
