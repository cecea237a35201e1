"""What each registry file and document section may contain, as data.

One table drives validation, so the rules a curator reads in docs/extracts.md
and the rules the loader enforces are the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Field types understood by parkgraph.loaders.validate:
#   text, id, year, date, number, bool, unit, evidence, period, texts (list of text),
#   enum:a|b|c, vocab:<name> (a closed SKOS vocabulary of the ontology),
#   ref:<kind>[|<kind>…] (an id of a registry kind), refs:<kind>… (a list of such ids), ref:* (any)


@dataclass(frozen=True)
class Spec:
    """The fields of one record type: which are required and their types."""

    required: dict[str, str]
    optional: dict[str, str] = field(default_factory=dict)

    def fields(self) -> dict[str, str]:
        return {**self.required, **self.optional}


_NAMES = {"name_en": "text", "aliases": "texts", "note": "text"}

# registry file stem -> (entity kind used in IRIs, spec)
REGISTRY: dict[str, tuple[str, Spec]] = {
    "regions": ("region", Spec(
        {"id": "id", "name": "text", "level": "vocab:level"},
        {**_NAMES, "within": "ref:region", "members": "refs:region"},
    )),
    "organizations": ("org", Spec(
        {"id": "id", "name": "text", "level": "vocab:level"},
        {**_NAMES, "region": "ref:region"},
    )),
    "parks": ("park", Spec(
        {"id": "id", "name": "text", "kind": "vocab:park-kind", "level": "vocab:level"},
        {**_NAMES, "region": "ref:region"},
    )),
    "chains": ("chain", Spec(
        {"id": "id", "name": "text"},
        {**_NAMES, "broader": "refs:chain", "definition": "text"},
    )),
    "enterprises": ("enterprise", Spec(
        {"id": "id", "name": "text"},
        {**_NAMES, "region": "ref:region"},
    )),
    "policies": ("policy", Spec(
        {"id": "id", "title": "text"},
        {**_NAMES, "doc_number": "text", "issuer": "ref:org", "level": "vocab:level",
         "date": "date", "kind": "enum:plan|opinion|notice|action-plan|law|other"},
    )),
    "indicators": ("indicator", Spec(
        {"id": "id", "name": "text", "dimension": "enum:money|area|count|ratio|people|mass|energy|other"},
        _NAMES,
    )),
}

REGISTRY_ORDER = list(REGISTRY)

SOURCE = Spec(
    {"file": "text", "title": "text"},
    {"title_en": "text", "issuer": "ref:org", "date": "date",
     "kind": "enum:work-plan|report|positioning|plan|other", "plan_year": "year",
     "period": "period", "subject_parks": "refs:park", "origin": "text", "notes": "text"},
)

_FACT = {"evidence": "evidence"}
_NOTE = {"note": "text"}

SECTIONS: dict[str, Spec] = {
    "mentions": Spec({"entity": "ref:*", "as": "text", **_FACT}, _NOTE),
    "park_chains": Spec(
        {"park": "ref:park", "chain": "ref:chain", "role": "vocab:chain-role", **_FACT}, _NOTE),
    "enterprise_roles": Spec(
        {"enterprise": "ref:enterprise", "role": "vocab:enterprise-role", **_FACT},
        {"park": "ref:park", "chain": "ref:chain", **_NOTE}),
    "park_relations": Spec(
        {"park": "ref:park", "other": "ref:park",
         "relation": "enum:part-of|branch-of|co-built-with|enclave-of|hosted-by", **_FACT}, _NOTE),
    "policies": Spec(
        {"policy": "ref:policy", **_FACT},
        {"parks": "refs:park", "chains": "refs:chain", "regions": "refs:region", **_NOTE}),
    "policy_relations": Spec(
        {"policy": "ref:policy", "other": "ref:policy",
         "relation": "enum:based-on|implements|replaces", **_FACT}, _NOTE),
    "targets": Spec(
        {"subject": "ref:park|region", "indicator": "ref:indicator", "unit": "unit", **_FACT},
        {"year": "year", "status": "enum:planned|actual", "kind": "vocab:figure-kind", "value": "number",
         "value_max": "number", "baseline_year": "year", "qualifier": "vocab:qualifier",
         "masked": "bool", "chain": "ref:chain", **_NOTE}),
}

DOCUMENT_KEYS = {"source", *SECTIONS}

YEAR_MIN, YEAR_MAX = 1949, 2100
