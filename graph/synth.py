"""A synthetic national park graph in the curated format, reproducible from a seed.

Writes ``DIR/extracts`` (registry + one document per park) and ``DIR/sources``
(the synthetic work plans the evidence quotes come from), so the whole
pipeline — checks, build, queries, views — can be exercised at any scale.
Chain popularity is skewed (Zipf-like), as in the real catalogue.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from parkgraph.graph.export import atomic_write

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

PROVINCES = ["湖南", "湖北", "江西", "浙江", "江苏", "安徽", "广东", "四川", "河南", "山东", "福建",
             "河北", "陕西", "广西", "云南", "贵州", "山西", "辽宁", "吉林", "重庆"]
SYLLABLES = list("安宝昌城德东丰福港海和华江金锦康兰乐丽临龙隆茂宁平庆泉瑞山盛水顺泰天通万文西祥新兴阳益永源云长正中")
KINDS = [("etdz", "经济技术开发区", "national"), ("hidz", "高新技术产业开发区", "national"),
         ("ez", "经济开发区", "provincial"), ("iz", "工业园区", "provincial")]
CHAINS = [  # id, name, broader
    ("manufacturing", "先进制造业", None), ("equipment", "装备制造", "manufacturing"),
    ("construction-machinery", "工程机械", "equipment"), ("rail-equipment", "轨道交通装备", "equipment"),
    ("automotive", "汽车", "manufacturing"), ("nev", "新能源汽车", "automotive"), ("auto-parts", "汽车零部件", "automotive"),
    ("electronics", "电子信息", "manufacturing"), ("ic", "集成电路", "electronics"), ("software", "软件和信息服务", "electronics"),
    ("new-materials", "新材料", None), ("advanced-metals", "先进金属材料", "new-materials"),
    ("biomedicine", "生物医药", None), ("medical-devices", "医疗器械", "biomedicine"),
    ("new-energy", "新能源", None), ("photovoltaics", "光伏", "new-energy"), ("energy-storage", "储能", "new-energy"),
    ("chemicals", "化工", None), ("fine-chemicals", "精细化工", "chemicals"), ("food", "食品加工", None),
    ("textiles", "纺织服装", None), ("logistics", "现代物流", None), ("ceramics", "陶瓷", None),
    ("nonferrous", "有色金属", None), ("steel", "钢铁", None), ("aerospace", "航空航天", "equipment"),
]
INDICATORS = [("total-revenue", "技工贸总收入", "money", "亿元"), ("industrial-output", "规模工业总产值", "money", "亿元"),
              ("fixed-asset-investment", "固定资产投资", "money", "亿元"), ("actual-fdi", "实际到位外资", "money", "亿美元"),
              ("tax-revenue", "税收", "money", "亿元"), ("enterprise-count", "规模以上工业企业数", "count", "家")]
ROLES = [("leading", "主导产业"), ("characteristic", "特色产业"), ("emerging", "新兴产业")]


@dataclass(frozen=True)
class SynthReport:
    """What a synthetic run wrote."""

    parks: int
    enterprises: int
    facts: int
    folder: Path


def _name(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def _unique(rng: random.Random, used: set[str], make) -> str:
    """A name not used yet (names and aliases must be unique in the registry); bounded retries."""
    for _ in range(1000):
        name = make(rng)
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("could not find an unused synthetic name; lower --parks")


def _yaml(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000).encode("utf-8")


def synthesize(parks: int, seed: int, out_dir: Path, enterprises_per_park: int = 20,
               years: tuple[int, ...] = (2019, 2020, 2021)) -> SynthReport:
    """Write a synthetic corpus of ``parks`` parks into ``out_dir`` (extracts/ and sources/)."""
    rng = random.Random(seed)
    ext, src = out_dir / "extracts", out_dir / "sources"
    (ext / "registry").mkdir(parents=True, exist_ok=True)
    (ext / "documents").mkdir(parents=True, exist_ok=True)
    src.mkdir(parents=True, exist_ok=True)
    regions = [{"id": "china", "name": "中国", "level": "country"}]
    cities: list[tuple[str, str]] = []
    used: set[str] = set()
    for i, prov in enumerate(PROVINCES):
        pid = f"p{i:02d}"
        regions.append({"id": pid, "name": f"{prov}省", "level": "province", "within": "china"})
        for j in range(8):
            cname = _unique(rng, used, lambda r: f"{_name(r, 2)}市")
            cid = f"{pid}-c{j}"
            regions.append({"id": cid, "name": cname, "level": "city", "within": pid, "aliases": [f"{prov}{cname}"]})
            cities.append((cid, cname))
    chains = [{"id": c, "name": n, **({"broader": [b]} if b else {})} for c, n, b in CHAINS]
    weights = [1.0 / (rank + 1) for rank in range(len(CHAINS))]  # Zipf-like popularity
    indicators = [{"id": i, "name": n, "dimension": d} for i, n, d, _ in INDICATORS]
    orgs = [{"id": "state-council", "name": "国务院", "level": "national", "region": "china"}]
    policies = [{"id": f"national-policy-{k}", "title": f"关于促进开发区{t}的若干意见", "issuer": "state-council",
                 "level": "national", "doc_number": f"国发〔{2015 + k}〕{10 + k}号", "kind": "opinion"}
                for k, t in enumerate(["高质量发展", "创新提升", "开放合作"])]
    park_rows, enterprise_rows = [], []
    facts = 0
    for n in range(parks):
        city_id, city = cities[rng.randrange(len(cities))]
        kind, kname, level = KINDS[rng.randrange(len(KINDS))]
        park_id = f"park-{n:05d}"
        abbrev = {"etdz": "经开区", "hidz": "高新区", "ez": "经开区", "iz": "工业园"}[kind]
        stem = _unique(rng, used, lambda r, c=city, a=abbrev: f"{c}{_name(r, 2)}|{a}")[:-len(abbrev) - 1]
        full, short = f"{stem}{kname}", f"{stem}{abbrev}"
        park_rows.append({"id": park_id, "name": full, "kind": kind, "level": level, "region": city_id,
                          "aliases": [short] if short != full else []})
        own_chains = sorted({CHAINS[i][0] for i in rng.choices(range(len(CHAINS)), weights, k=rng.randint(3, 7))})
        lines = [f"{full}{years[-1]}年工作计划", ""]
        doc: dict[str, Any] = {"source": {"file": f"{park_id}.txt", "title": lines[0], "kind": "work-plan",
                                          "plan_year": years[-1], "subject_parks": [park_id]},
                               "mentions": [], "park_chains": [], "enterprise_roles": [], "policies": [], "targets": []}
        s = f"{years[-1]}年,{short}将坚持高质量发展。"
        lines.append(s)
        doc["mentions"].append({"entity": park_id, "as": short, "evidence": s})
        for chain in own_chains:
            role, rname = ROLES[rng.randrange(len(ROLES))]
            cname = next(c["name"] for c in chains if c["id"] == chain)
            s = f"将{cname}作为{rname}加快培育(第{len(doc['park_chains']) + 1}项)。"
            lines.append(s)
            doc["park_chains"].append({"park": park_id, "chain": chain, "role": role, "evidence": s})
        for e in range(enterprises_per_park):
            eid = f"{park_id}-e{e:03d}"
            ename = f"{_name(rng, 2)}{rng.choice(['科技', '集团', '股份', '智能', '材料'])}有限公司{n}-{e}"
            enterprise_rows.append({"id": eid, "name": ename, "region": city_id})
            chain = own_chains[rng.randrange(len(own_chains))]
            role = "anchor" if e < 2 else rng.choice(["key", "member", "project"])
            cname = next(c["name"] for c in chains if c["id"] == chain)
            s = f"支持{ename}在{cname}领域做大做强({'龙头企业' if role == 'anchor' else '重点项目'})。"
            lines.append(s)
            doc["enterprise_roles"].append({"enterprise": eid, "park": park_id, "chain": chain, "role": role, "evidence": s})
        pol = policies[rng.randrange(len(policies))]
        s = f"认真贯彻《{pol['title']}》({pol['doc_number']})。"
        lines.append(s)
        doc["policies"].append({"policy": pol["id"], "parks": [park_id], "evidence": s})
        for year in years:
            for ind, iname, _dim, unit in INDICATORS:
                value = round(rng.lognormvariate(4, 1), 1)
                s = f"{year}年{iname}达到{value}{unit}。"
                if s in lines:
                    continue
                lines.append(s)
                doc["targets"].append({"subject": park_id, "indicator": ind, "value": value, "unit": unit,
                                       "year": year, "status": "planned" if year == years[-1] else "actual",
                                       "qualifier": "达到", "evidence": s})
        facts += sum(len(v) for k, v in doc.items() if k != "source")
        # plain writes: an atomic write looks for stale temporaries in the folder, which costs
        # a directory listing per file (quadratic past tens of thousands of documents); the
        # registry, written last and atomically, marks a complete corpus
        (src / f"{park_id}.txt").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
        (ext / "documents" / f"{park_id}.yaml").write_bytes(_yaml(doc))
    for stem, rows in [("regions", regions), ("organizations", orgs), ("parks", park_rows), ("chains", chains),
                       ("enterprises", enterprise_rows), ("policies", policies), ("indicators", indicators)]:
        data = _yaml(rows)
        atomic_write(ext / "registry" / f"{stem}.yaml", lambda f, d=data: f.write(d))
    return SynthReport(parks, len(enterprise_rows), facts, out_dir)
