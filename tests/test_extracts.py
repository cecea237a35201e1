"""The curated extracts: every quote is in its source, every document curated, ids stable."""

from __future__ import annotations

from parkgraph.graph.build import Build
from parkgraph.ids import slug
from parkgraph.loaders.evidence import NormalisedText, normalise


def test_every_source_has_an_extract(built: Build, root) -> None:
    sources = sorted(p.name for p in (root / "sources").glob("*.txt"))
    curated = sorted(str(d.source["file"]) for d in built.extracts.documents)
    assert curated == sources


def test_every_quote_is_in_its_source(built: Build) -> None:
    n = 0
    for doc in built.extracts.documents:
        norm = NormalisedText.of(doc.text)
        for records in doc.sections.values():
            for rec in records:
                quotes = doc.quotes_of(rec)
                assert quotes, (doc.path, rec.line)
                for q in quotes:
                    n += 1
                    assert normalise(q.text) in norm.text
                    assert normalise(doc.text[q.start:q.end]) == normalise(q.text)
    assert n > 500


def test_offsets_map_back_to_original_text() -> None:
    text = "第一行\n  1000亿元以上\n|\n10\n"
    norm = NormalisedText.of(text)
    start, end = norm.find("1000亿元以上 | 10")
    assert text[start:end] == "1000亿元以上\n|\n10"


def test_slug_is_pinyin() -> None:
    assert slug("长沙") == "changsha"
    assert slug("汨罗") == "miluo"
