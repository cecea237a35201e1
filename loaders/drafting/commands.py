"""Plain functions behind ``parkgraph extract`` and ``parkgraph eval-extract`` (the CLI prints what they return)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from parkgraph.errors import OutputError, ParkgraphError
from parkgraph.graph.export import atomic_write
from parkgraph.loaders.drafting.draft import draft_document
from parkgraph.loaders.drafting.evaluate import evaluate
from parkgraph.loaders.drafting.merge import MergeConflict, merge_draft
from parkgraph.loaders.drafting.yamlout import dump_draft


def extract_command(file: Path, output: Path | None, merge: bool, extracts_dir: Path,
                    sources_dir: Path) -> str:
    """Draft ``file`` (a UTF-8 or GB18030 text) and return or write the draft; merge it with ``merge``.

    * ``extract FILE.txt`` returns the draft YAML (to print);
    * ``extract FILE.txt -o draft.yaml`` writes it and returns a summary;
    * ``extract FILE.txt -o draft.yaml --merge`` merges draft.yaml when it exists (the reviewed
      draft; it is never overwritten), else drafts, writes and merges in one go;
    * ``extract draft.yaml --merge`` merges a reviewed draft file.
    """
    file, extracts_dir, sources_dir = Path(file), Path(extracts_dir), Path(sources_dir)
    if file.suffix.lower() in (".yaml", ".yml"):
        if not merge:
            raise ParkgraphError(f"{file} is a draft, not a source text: add --merge to merge it")
        return merge_draft(file, extracts_dir, sources_dir).summary()
    if not file.is_file():
        raise ParkgraphError(f"{file}: no such file")
    if merge and output is not None and Path(output).is_file():
        _same_source(Path(output), file)
        return merge_draft(Path(output), extracts_dir, sources_dir).summary()
    draft = draft_document(file, extracts_dir)
    text = dump_draft(draft)
    if output is None and not merge:
        return text
    lines = []
    if output is not None:
        output = Path(output)
        if not output.parent.is_dir() and str(output.parent):
            raise OutputError(f"cannot write {output}: folder {output.parent} does not exist")
        atomic_write(output, lambda f: f.write(text.encode("utf-8")))
        counts = ", ".join(f"{len(v)} {k}" for k, v in draft.sections.items() if v)
        lines.append(f"wrote draft {output}: {counts}; {len(draft.proposals)} proposed entities")
    if merge:
        lines.append(merge_draft(text, extracts_dir, sources_dir).summary())
    return "\n".join(lines)


def _same_source(draft_path: Path, file: Path) -> None:
    data = yaml.safe_load(draft_path.read_text(encoding="utf-8")) or {}
    src = (data.get("source") or {}).get("file") if isinstance(data, dict) else None
    if src and src != file.name:
        raise MergeConflict(f"{draft_path} is the draft of {src}, not of {file.name}")


def eval_extract_command(extracts_dir: Path, sources_dir: Path, as_json: bool = False,
                         held_out: bool = True) -> str:
    """Draft every curated source and score the drafts: a table (or JSON) per kind and document.

    The scores are against the registry the extracts were curated with; with ``held_out`` a
    second run drafts each document without the registry entities only it refers to (how the
    drafter does on a new document), and its totals are added.
    """
    report = evaluate(Path(extracts_dir), Path(sources_dir))
    other = evaluate(Path(extracts_dir), Path(sources_dir), held_out=True) if held_out else None
    if as_json:
        data = report.as_dict()
        if other is not None:
            data["held_out_totals"] = other.as_dict()["totals"]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    text = report.table()
    if other is not None:
        text += "\nheld-out totals (each document drafted without the registry entities only it cites):\n"
        text += "\n".join(line for line in other.table().splitlines() if " ALL " in line) + "\n"
    return text
