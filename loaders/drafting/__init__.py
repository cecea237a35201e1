"""Drafting extracts from new documents (issue 5), and measuring how good the drafts are.

Public API::

    draft_document(path, extracts_dir) -> Draft          # read, clean, detect, draft
    dump_draft(draft) -> str                             # the draft as YAML (curated format + draft fields)
    evaluate(extracts_dir, sources_dir) -> Report        # precision / recall / F1 per kind and document
    merge_draft(draft_yaml, extracts_dir) -> MergeResult # add a reviewed draft, refusing conflicts
    extract_command(...), eval_extract_command(...)      # what the CLI calls
"""

from __future__ import annotations

from parkgraph.loaders.drafting.clean import Cleaned, clean, decode
from parkgraph.loaders.drafting.commands import eval_extract_command, extract_command
from parkgraph.loaders.drafting.draft import draft_document, draft_text
from parkgraph.loaders.drafting.evaluate import Report, Score, evaluate
from parkgraph.loaders.drafting.merge import MergeConflict, MergeResult, merge_draft
from parkgraph.loaders.drafting.model import Draft, Evidence, Item, Proposal
from parkgraph.loaders.drafting.yamlout import dump_draft

__all__ = [
    "Cleaned", "Draft", "Evidence", "Item", "MergeConflict", "MergeResult", "Proposal", "Report", "Score",
    "clean", "decode", "draft_document", "draft_text", "dump_draft", "eval_extract_command", "evaluate",
    "extract_command", "merge_draft",
]
