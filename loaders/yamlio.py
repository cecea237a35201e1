"""YAML reading that remembers line numbers, so errors can name file and line."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from parkgraph.errors import ExtractError, Problem


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available: ~10x faster


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """SafeLoader whose mappings are LineDicts and whose timestamps stay strings."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "found unhashable key", key_node.start_mark) from None
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[str(key)] = key_node.start_mark.line + 1
    return out


class _PureLoader(yaml.SafeLoader):
    """The pure-Python twin, re-run on a syntax error for the same message on every platform."""


MAX_DIGITS = 1000  # a curated figure never has more; Python refuses int() past 4300 digits anyway


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    digits = sum(c.isdigit() for c in str(node.value))
    if digits > MAX_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"integer too long ({digits} digits)", node.start_mark)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _construct_str(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    text = loader.construct_scalar(node)
    if (m := _SURROGATE.search(text)):  # a JSON-style \ud83d escape: not a character in UTF-8
        raise yaml.constructor.ConstructorError(
            None, None, f"surrogate code point U+{ord(m.group()):04X} is not a character "
            "(write the character itself, or an 8-digit \\U escape)", node.start_mark)
    return text


for _cls in (_Loader, _PureLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.add_constructor("tag:yaml.org,2002:str", _construct_str)
    _cls.add_constructor("tag:yaml.org,2002:int", _construct_int)
    # Dates stay text: curators write 2019-03-01 and we validate it ourselves.
    _cls.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while data is loaded.

    Loading makes millions of small containers, none of them in a cycle; the collector would
    rescan the growing heap again and again (measured: half the time of reading a national
    registry). One collection of the young generations at the end moves what was loaded to
    the oldest one, which the work that follows would otherwise pay for.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(1)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file; syntax and encoding errors become an ExtractError at file:line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ExtractError([Problem(path, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from exc
    except OSError as exc:
        raise ExtractError([Problem(path, None, f"cannot read file: {exc.strerror}")]) from exc
    try:
        with collector_paused():
            return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.YAMLError:
        pass
    try:
        return yaml.load(text, Loader=_PureLoader)  # noqa: S506 - a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or str(exc)
        raise ExtractError([Problem(path, line, f"invalid YAML: {what}")]) from exc
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters …)
        line = text.count("\n", 0, exc.position) + 1
        what = f"unacceptable character #x{exc.character:04x}: {exc.reason}" if isinstance(exc.character, int) else exc.reason
        raise ExtractError([Problem(path, line, f"invalid YAML: {what}")]) from exc
    except yaml.YAMLError as exc:
        raise ExtractError([Problem(path, None, f"invalid YAML: {exc}")]) from exc
