"""SHACL validation of the built graph with pySHACL, reported readably."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from parkgraph.graph.store import KnowledgeGraph
from parkgraph.namespaces import PREFIXES
from parkgraph.ontology import ontology_graph, shapes_graph


@dataclass(frozen=True)
class Finding:
    """One SHACL result: severity, the focus node (IRI and label), path and message."""

    severity: str
    focus: str
    label: str
    path: str
    message: str

    def __str__(self) -> str:
        name = f"{self.label} <{self.focus}>" if self.label else f"<{self.focus}>"
        return f"{self.severity}: {name} {self.path}: {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph: it conforms when no finding is a Violation."""

    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        return not any(f.severity == "Violation" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def validate(kg: KnowledgeGraph) -> ValidationReport:
    """Validate the union graph against the shapes, with RDFS inference over the ontology."""
    data = Graph()
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns)
    for s, p, o in kg.dataset.triples((None, None, None)):
        data.add((s, p, o))
    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="rdfs",
        allow_warnings=True,
    )
    findings = []
    for r in results.subjects(SH.resultSeverity, None):
        sev = results.value(r, SH.resultSeverity)
        focus = results.value(r, SH.focusNode)
        path = results.value(r, SH.resultPath)
        msg = results.value(r, SH.resultMessage)
        label = _label(data, focus)
        findings.append(Finding(
            str(sev).rsplit("#", 1)[-1], str(focus), label,
            data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else str(path or ""),
            str(msg or ""),
        ))
    findings.sort(key=lambda f: (f.severity, f.focus, f.path, f.message))
    return ValidationReport(tuple(findings))


def _label(g: Graph, node: object) -> str:
    labels = [o for o in g.objects(node, RDFS.label) if isinstance(o, Literal)]  # type: ignore[arg-type]
    zh = [str(o) for o in labels if o.language == "zh"]
    return zh[0] if zh else (str(labels[0]) if labels else "")
