"""General dictionaries of the field: the drafter's only knowledge besides the registry.

Nothing here names a park, an enterprise, a figure or a sentence of any source: these
are the words Chinese development-zone documents use for units, park types, roles,
qualifiers, growth and shares, and the vocabulary of industries.
"""

from __future__ import annotations

from decimal import Decimal

# ---------------------------------------------------------------- units
# surface form -> (unit notation of the ontology, multiplier to apply to the written value)
UNIT_WORDS: dict[str, tuple[str, Decimal]] = {
    "万亿元": ("万亿元", Decimal(1)), "亿美元": ("亿美元", Decimal(1)), "万美元": ("万美元", Decimal(1)),
    "美元": ("美元", Decimal(1)), "亿元": ("亿元", Decimal(1)), "万元": ("万元", Decimal(1)),
    "元": ("元", Decimal(1)),
    "万平方公里": ("平方公里", Decimal(10000)), "平方公里": ("平方公里", Decimal(1)),
    "平方千米": ("平方公里", Decimal(1)), "万平方米": ("平方米", Decimal(10000)),
    "万平米": ("平方米", Decimal(10000)), "平方米": ("平方米", Decimal(1)), "平米": ("平方米", Decimal(1)),
    "万公顷": ("公顷", Decimal(10000)), "公顷": ("公顷", Decimal(1)), "万亩": ("万亩", Decimal(1)),
    "亩": ("亩", Decimal(1)),
    "个百分点": ("个百分点", Decimal(1)), "百分点": ("个百分点", Decimal(1)), "%": ("%", Decimal(1)),
    "万吨标准煤": ("万吨标准煤", Decimal(1)), "吨标准煤": ("吨标准煤", Decimal(1)),
    "万千瓦时": ("万千瓦时", Decimal(1)), "千瓦时": ("千瓦时", Decimal(1)),
    "万千瓦": ("万千瓦", Decimal(1)), "千瓦": ("千瓦", Decimal(1)),
    "万吨": ("万吨", Decimal(1)), "吨": ("吨", Decimal(1)),
    "万人": ("万人", Decimal(1)), "万名": ("万人", Decimal(1)), "人": ("人", Decimal(1)),
    "名": ("名", Decimal(1)), "个": ("个", Decimal(1)), "家": ("家", Decimal(1)),
    "项": ("项", Decimal(1)), "只": ("只", Decimal(1)), "座": ("座", Decimal(1)),
    "万家": ("家", Decimal(10000)), "万个": ("个", Decimal(10000)), "万项": ("项", Decimal(10000)),
}

# A unit word followed by one of these is part of another word (项目, 家电, 人才, 亩产值 …).
UNIT_BLOCKERS: dict[str, tuple[str, ...]] = {
    "项": ("目",), "家": tuple("电庭属具乡族园居"), "人": tuple("次才员口民群工类们大均力文居气事性格体物"),
    "名": tuple("单称牌录额字义优品校企"), "个": ("人", "体", "性", "别", "工作日", "月", "小时", "季度", "星期", "周"), "座": ("谈",), "元": tuple("宵素旦首"),
    "只": tuple("是要有能"), "吨": ("位",), "亩": ("产值", "产量", "产税", "产出", "均"),
}

# unit notation -> dimension of the indicators it can measure at level
UNIT_DIMENSION: dict[str, str] = {
    "元": "money", "万元": "money", "亿元": "money", "万亿元": "money",
    "美元": "money", "万美元": "money", "亿美元": "money",
    "平方米": "area", "平方公里": "area", "公顷": "area", "亩": "area", "万亩": "area",
    "%": "ratio", "个百分点": "ratio",
    "个": "count", "家": "count", "项": "count", "只": "count", "座": "count",
    "人": "people", "万人": "people", "名": "people",
    "吨": "mass", "万吨": "mass",
    "千瓦": "energy", "万千瓦": "energy", "千瓦时": "energy", "万千瓦时": "energy",
    "吨标准煤": "energy", "万吨标准煤": "energy",
}

# which indicator dimensions a unit's dimension may stand for (people are also counted in 个/名)
COMPATIBLE_DIMENSIONS: dict[str, set[str]] = {
    "money": {"money", "other"}, "area": {"area", "other"}, "ratio": {"ratio", "other"},
    "count": {"count", "people", "other"}, "people": {"people", "count"},
    "mass": {"mass", "energy", "other"}, "energy": {"energy", "other"},
}

# nouns after a bare 万 that make it 万人 (100万以上游客, 3万常住人口)
PEOPLE_NOUNS = ("游客", "常住人口", "人口", "居民", "就业", "职工", "人才", "员工", "市民")

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                  "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}

# ---------------------------------------------------------------- qualifiers and figure kinds
# after the figure
SUFFIX_QUALIFIERS = (("以上", "以上"), ("以下", "以下"), ("以内", "以内"), ("左右", "左右"),
                     ("之内", "以内"), ("上下", "左右"))
# directly before the figure, in order of precedence (力争达到 is 力争)
PREFIX_QUALIFIERS = (("不少于", "不少于"), ("不低于", "不少于"), ("不超过", "以内"), ("突破", "突破"),
                     ("超过", "超过"), ("大于", "超过"), ("高于", "超过"), ("接近", "近"), ("近", "近"),
                     ("大约", "约"), ("约", "约"), ("力争", "力争"), ("争取", "力争"), ("确保", "确保"),
                     ("达到", "达到"), ("达", "达到"))
# anywhere earlier in the sentence
SCOPE_QUALIFIERS = (("力争", "力争"), ("争取", "力争"), ("确保", "确保"))

GROWTH_UP = ("年均增长", "同比增长", "增长", "增幅", "增速", "提高", "提升", "增加", "上升", "扩大")
GROWTH_DOWN = ("年均下降", "下降", "降低率", "降低", "减少", "削减", "压减", "降")
LEVEL_AFTER_GROWTH = ("到", "至")  # 提高到85% is a level, 提高85% a growth

# ---------------------------------------------------------------- years and plan periods
FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
    "十四五": (2021, 2025), "十五五": (2026, 2030),
}
ACTUAL_MARKERS = ("已经", "已", "巳", "现有", "拥有", "累计完成", "截至目前", "截至", "近年来", "先后",
                  "发展到", "实现了", "完成了", "达到了", "建成了")
ACTUAL_SECTIONS = ("成就", "基础", "回顾", "成绩", "现状", "优势", "情况")

# what a count counts (the noun after 50家以上 …): an indicator naming it is preferred
COUNTED_NOUNS = ("企业", "项目", "平台", "机构", "基地", "园区", "中心", "工地", "工程", "人才", "专利",
                 "商标", "标准", "成果", "团队", "站", "厂", "场", "工作站", "院士", "集群", "开发区")
# what the size of a thing is measured by (千亿园区: a park of 1000亿 total revenue)
SIZE_MEASURES = (("产业集群", "产业集群产值"), ("集群", "产业集群产值"), ("园区", "技工贸总收入"),
                 ("开发区", "技工贸总收入"), ("产业", "产业规模"))
# verbs of the field that name the same act in indicator names (吸引30家企业 = 引进企业数)
VERB_SYNONYMS = {"吸引": "引进", "招引": "引进", "引入": "引进", "招商引进": "引进", "落户": "引进",
                 "新认定": "认定", "获批": "认定", "培育": "培育", "打造": "建设", "建成": "建设",
                 "新建": "建设", "完成投资": "投资", "投入": "投资", "拆除": "拆违"}

# ---------------------------------------------------------------- parks
# suffix -> park kind (ontology vocabulary), longest first when matching
PARK_SUFFIXES: dict[str, str] = {
    "经济技术开发区": "etdz", "经开区": "etdz",
    "高新技术产业开发区": "hidz", "高新技术产业园区": "hidz", "高新技术开发区": "hidz", "高新区": "hidz",
    "经济开发区": "ez", "工业园区": "iz", "工业集中区": "iz", "工业园": "iz",
    "产业园区": "ip", "产业园": "ip", "科技园": "ip", "生态园": "ip", "示范园": "ip", "创业园": "ip",
    "出口加工区": "epz", "综合保税区": "epz", "保税区": "epz",
    "产业基地": "base", "示范基地": "base", "制造基地": "base", "生产基地": "base",
    "片区": "sub-zone", "开发区": "other", "园区": "other", "新区": "other", "新城": "other",
    "小镇": "other", "科技城": "other", "物流园区": "ip", "物流园": "ip", "商务区": "other",
    "保税港区": "epz", "产业区": "sub-zone",
}
# suffixes too generic to name a park on their own: the head must carry a place name
WEAK_PARK_SUFFIXES = {"开发区", "园区", "新区", "新城", "小镇", "示范园", "生态园", "创业园", "片区", "商务区",
                      "科技城", "产业区"}
PARK_KIND_CODES = {"etdz": "etdz", "hidz": "hidz", "ez": "ez", "iz": "iz", "ip": "ip", "epz": "epz",
                   "base": "base", "sub-zone": "", "other": "park"}

# words that cannot be inside a park or enterprise name: a name starts after the last of them
NAME_BREAKERS = (
    "建设", "建成", "推进", "推动", "打造", "加快", "发展", "培育", "支持", "依托", "形成", "成为", "创建",
    "申报", "完成", "实施", "实现", "落实", "引导", "鼓励", "做大", "做强", "做优", "提升", "壮大",
    "围绕", "重点", "着力", "积极", "大力", "进一步", "全面", "加强", "规划", "承接", "设立", "设立",
    "扩大", "启动", "开工", "入驻", "落户", "进驻", "引进", "对接", "融入", "参与", "争取", "力争",
    "确保", "成功", "优先", "以及", "包括", "其中", "部分在", "位于", "分别", "利用", "按照", "根据",
    "拥有", "目前", "主要", "已经", "已", "聚集", "集聚", "覆盖", "带动", "面向", "瞄准",
    "的", "和", "与", "及", "在", "为", "是", "等", "由", "将", "把", "被", "从", "向", "对", "以", "于",
    "各", "该", "本", "我", "其", "这", "一批", "一个", "一座", "一园", "两", "多个", "若干", "首个",
    "两大", "三大", "四大", "五大", "六大", "七大", "八大", "九大", "十大", "建设好", "做好", "抓好", "办好",
    "“", "”", "‘", "’", "《", "》",
)
# a park name may not begin with these (they make a generic phrase, not a name)
GENERIC_NAME_HEADS = (
    "国家级", "省级", "市级", "县级", "区级", "国家", "全国", "全省", "全市", "各类", "各级", "现代",
    "特色", "专业", "重点", "新兴", "战略性", "高新技术", "工业", "产业", "示范", "两型", "生态型",
    "绿色", "低碳", "综合", "大型", "中小", "新型", "相关", "周边", "其他", "所有", "主要", "优势",
    "一般", "合作", "对口", "联动", "承接", "沿线", "城市", "农业", "物流", "服务", "创新", "创业",
    "科技", "开放", "循环", "国际", "境外", "海外", "园中", "区中", "上述", "以上", "下列", "特殊",
    "功能", "附属", "配套", "千亿", "百亿", "万亿", "全省", "全市", "全国", "全区", "全县",
    "产城", "城乡", "农村", "一批", "若干", "这些", "有关", "上下游", "关联", "红色", "蓝色", "金色", "其他", "他省", "外省", "本省", "本市", "各省", "各市", "各县", "核心", "地区",
    "跨", "飞地", "省", "市", "县", "区",
)

# verbs and adverbs that open a clause: a head starting with one is not a name
VERB_HEADS = (
    "完善", "健全", "建立", "强化", "优化", "推行", "提高", "加大", "促进", "保障", "维护", "组织", "贯彻",
    "切实", "充分", "发挥", "持续", "不断", "科学", "编制", "制定", "构建", "拓宽", "配合", "享受", "避免",
    "统筹", "整合", "运营", "合理", "严格", "规范", "鼓励", "支持", "指导", "协调", "管理", "深化", "深入",
    "全力", "努力", "加速", "稳步", "有序", "逐步", "大力", "积极", "着力", "扎实", "认真", "坚持", "继续",
    "研究", "探索", "开展", "做好", "抓好", "办好", "用好", "建好", "管好", "促使", "带动", "引领", "拓展",
    "提质", "升级", "改造", "调整", "扩区", "调区", "申请", "批准", "审核", "考核", "评价", "评估", "清理",
    "整治", "治理", "保护", "开发", "利用", "完成", "新建", "新增", "改建", "扩建", "筹建", "组建", "打通",
    "共同", "联合", "相互", "各自", "自身", "现有", "已有", "原有", "所在", "所属", "全体", "广大", "有关",
    "伙伴", "示范", "试点", "争创", "创新", "转型", "服务", "保税", "对外", "对内", "招商", "入驻", "进入",
    "有", "无", "在", "是", "为", "把", "使", "让", "向", "对", "给", "跟", "同",
)
# words after a place that still make a generic phrase (长株潭地区开发区, 湘南各开发区)
GENERIC_REST = ("地区", "区域", "境内", "范围", "辖区", "城区", "市区", "县域", "全域", "各", "所有", "周边",
                "沿线", "沿海", "发达", "中部", "西部", "东部", "北部", "南部", "城市群", "城市")

# ---------------------------------------------------------------- enterprises
ENTERPRISE_SUFFIXES = ("有限责任公司", "股份有限公司", "有限公司", "集团公司", "集团", "股份", "公司")
# weaker brand-like endings: need a list or role context to count
BRAND_ENDINGS = ("科技", "电子", "电气", "制药", "药业", "实业", "重工", "精密", "高科", "光电", "电器",
                 "控股", "日化", "农机", "制塑", "塑业", "纸业", "新材", "智能", "机械", "化成", "汽车")
ENTERPRISE_LIST_MARKERS = ("等企业", "等龙头企业", "等骨干企业", "等重点企业", "等本土企业",
                           "等知名企业", "等优势企业", "等世界500强", "等大企业", "等企业集团")
ENTERPRISE_GENERIC = ("企业", "公司", "集团", "龙头", "骨干", "重点", "知名", "本土", "优势", "国企",
                      "央企", "民企", "外企", "大型", "中小", "小微", "高新技术", "科技型", "创新型",
                      "投资", "担保", "融资", "平台", "国有", "民营", "上市", "跨国", "世界500强", "海外", "国际",
                      "国内", "境外", "境内", "外资", "开发区", "园区", "专业", "相关", "一批", "各类")

# ---------------------------------------------------------------- roles
CHAIN_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("主导产业", "leading"), ("主导", "leading"), ("支柱产业", "leading"), ("首位产业", "leading"),
    ("特色产业", "characteristic"), ("特色", "characteristic"),
    ("未来产业", "future"), ("战略性新兴", "emerging"), ("新兴产业", "emerging"), ("新兴", "emerging"),
    ("培育", "emerging"), ("产业集群", "cluster"), ("集群", "cluster"), ("产业基地", "base"),
    ("基地", "base"), ("传统产业", "traditional"), ("传统", "traditional"),
    ("重点", "key"), ("聚焦", "key"), ("突出", "key"), ("做大做强", "key"), ("产业链", "key"),
)
ENTERPRISE_ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("龙头", "anchor"), ("领军", "anchor"), ("链主", "anchor"), ("骨干", "key"), ("重点企业", "key"),
    ("战略合作", "partner"), ("合作伙伴", "partner"), ("项目", "project"), ("投资", "project"),
    ("落户", "project"), ("入驻", "member"), ("进驻", "member"), ("入园", "member"),
)

# ---------------------------------------------------------------- policies
POLICY_KIND_BY_ENDING: tuple[tuple[str, str], ...] = (
    ("办法", "other"), ("细则", "other"), ("规定", "other"),
    ("行动计划", "action-plan"), ("行动方案", "action-plan"), ("行动指南", "action-plan"),
    ("规划", "plan"), ("纲要", "plan"), ("计划", "plan"), ("方案", "plan"), ("意见", "opinion"),
    ("通知", "notice"), ("法", "law"), ("条例", "law"),
)
# a short 《》 title that refers back to a policy named before (以《意见》精神为指导)
GENERIC_SHORT_TITLES = ("意见", "规划", "通知", "办法", "方案", "计划", "行动计划", "纲要", "决定",
                        "细则", "条例", "实施方案", "指导意见", "实施意见")
POLICY_VERBS_BASED_ON = ("根据", "依据", "按照", "依照", "立足于")
POLICY_VERBS_IMPLEMENTS = ("贯彻落实", "贯彻", "落实", "实施", "执行")
ISSUER_LEVEL_PREFIXES: tuple[tuple[str, str], ...] = (
    ("国务院", "national"), ("中共中央", "national"), ("国家", "national"), ("全国", "national"),
    ("中华人民共和国", "national"), ("省", "provincial"), ("市", "municipal"), ("县", "county"),
)

# ---------------------------------------------------------------- industries
# words that make a phrase an industry (used to propose new chains, never as chains themselves)
INDUSTRY_WORDS = (
    "制造", "装备", "材料", "医药", "医疗", "器械", "电子", "信息", "能源", "汽车", "化工", "食品",
    "纺织", "服装", "物流", "旅游", "金融", "软件", "芯片", "半导体", "集成电路", "机器人", "航空",
    "航天", "船舶", "钢", "铝", "铜", "稀土", "陶瓷", "玻璃", "建材", "家居", "家电", "光伏", "风电",
    "储能", "氢能", "锂电", "电池", "生物", "健康", "养老", "文化", "创意", "数字", "数据", "互联网",
    "电商", "电子商务", "农产品", "加工", "冶炼", "机械", "仪器", "仪表", "设备", "精细", "新能源",
    "光电", "显示", "通信", "智能", "云计算", "人工智能", "物联网", "区块链", "环保", "节能", "造纸",
    "印刷", "包装", "塑料", "橡胶", "皮革", "家具", "五金", "模具", "纸", "酒", "茶", "粮油", "果蔬",
    "水产", "中药", "制药", "检测", "研发", "设计", "会展", "商贸", "外包", "软件", "游戏", "动漫",
    "影视", "体育", "康养", "轨道", "交通", "电力", "输变电", "电机", "电气", "光学", "激光",
)
CHAIN_HEADS = ("产业集群", "产业链", "产业", "集群", "行业", "板块")
