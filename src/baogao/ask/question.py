"""Understand a question: its scope (region, year, document), what it asks about, and what kind
of answer it wants (a number, a list across regions, a comparison, a definition, a summary,
or a passage).

    parse_question(session, "黄浦区2025年地区生产总值增长目标是多少？")
    -> Question(kind="number", regions=[黄浦区], years=[2025], indicator="gdp_growth",
                fact_kind="target", keywords=[...])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.services.library import NATIONAL_CODE, Region, known_regions
from baogao.store.schema import Document
from baogao.text.normalize import normalize

NUMBER = "number"
LIST = "list"
COMPARISON = "comparison"
DEFINITION = "definition"
SUMMARY = "summary"
PASSAGE = "passage"

# Words that ask, not words the answer contains.
STOPWORDS = set(
    """
    什么 是 是不是 多少 哪些 哪个 哪 哪里 哪儿 如何 怎么 怎样 怎么样 怎么说 吗 呢 吧 啊 的 地 得 了 和 与 及 以及 或 在 有 有没有
    年 年度 报告 政府 工作 政府工作报告 中 里 提出 提到 讲 说 说到 关于 请问 几 几个 为 对 将 要 这份 该 这 那 其 请 告诉 我 我们
    一下 目前 多 少 谁 何时 什么时候 意思 含义 定义 名词解释 解释 指 是否 具体 情况 方面 主要 内容 介绍 简述 概括 总结 谈谈
    全国 国家 国务院 我国 中国 各省 省份 各地 各省份 哪些省份 哪些省 各个 省 市 区 县 个 多大 多高 多快 怎么办 如何看待
    部署 举措 措施 作出 做出 所 被 把 从 到 至 由 上 下 其中 一共 共 总共 分别 都 也 还 又 就 并 等 等等 方面 问题 为什么 哪几个 哪几 相比 比较 对比
    高于 低于 超过 大于 小于 不低于 不高于 以上 以下 之间 最高 最低 ？ ? ， , 。 、 ： : ； ; “ ” " ' ‘ ’ （ ） ( ) ！ ! 《 》
    """.split()
)

# Measure words that say which number answers a "多少X" question.
MEASURES = "台家个项户人套张所座条次场名亿万元公里平方米公顷米亩吨斤辆架起件批处"

# Indicators (ids as in the facts catalog) and the words a question uses for them. The facts
# catalog's own aliases are used when the facts module is installed (see ``indicator_aliases``).
_FALLBACK_INDICATORS: dict[str, list[str]] = {
    "gdp_growth": ["GDP增长", "GDP增速", "经济增长", "地区生产总值增长", "生产总值增长", "国内生产总值增长", "经济增速", "区生产总值可比增长"],
    "gdp": ["地区生产总值", "国内生产总值", "生产总值", "GDP", "经济总量"],
    "cpi": ["居民消费价格", "CPI", "物价涨幅", "消费价格涨幅"],
    "new_urban_jobs": ["城镇新增就业", "新增就业"],
    "unemployment": ["城镇调查失业率", "调查失业率", "失业率"],
    "deficit_ratio": ["赤字率"],
    "general_budget_revenue": ["一般公共预算收入", "财政收入", "预算收入"],
    "fixed_asset_investment": ["固定资产投资"],
    "retail_sales": ["社会消费品零售总额", "社零", "消费品零售总额"],
    "grain_output": ["粮食产量", "粮食总产量"],
}


@lru_cache(maxsize=1)
def indicator_aliases() -> dict[str, list[str]]:
    """Indicator id -> aliases, longest first: the facts catalog when available."""
    aliases: dict[str, list[str]] = {k: list(v) for k, v in _FALLBACK_INDICATORS.items()}
    try:  # the facts catalog (data file) is the authority when installed
        from baogao.facts import catalog  # type: ignore

        for ind in catalog.load_catalog():
            names = [ind.name, *ind.aliases]
            merged = aliases.setdefault(ind.id, [])
            for n in names:
                if n and n not in merged:
                    merged.append(n)
    except Exception:
        pass
    return {k: sorted(set(v), key=len, reverse=True) for k, v in aliases.items()}


@lru_cache(maxsize=1)
def indicator_types() -> dict[str, str]:
    """Indicator id -> growth | level | rate."""
    types = {"gdp_growth": "growth", "gdp": "level", "retail_sales": "growth", "fixed_asset_investment": "growth",
             "general_budget_revenue": "growth"}
    try:
        from baogao.facts import catalog

        types.update({ind.id: ind.type for ind in catalog.load_catalog()})
    except Exception:
        pass
    return types


@dataclass
class Question:
    text: str
    norm: str
    kind: str = PASSAGE
    regions: list[Region] = field(default_factory=list)
    all_provinces: bool = False
    years: list[int] = field(default_factory=list)
    doc_id: str | None = None
    indicator: str | None = None
    indicator_words: list[str] = field(default_factory=list)
    fact_kind: str | None = None  # target | outcome | None
    comparator: str | None = None  # ">" ">=" "<" "<=" for list questions
    threshold: float | None = None
    term: str | None = None  # the term a definition question asks about
    keywords: list[str] = field(default_factory=list)  # content words, question order
    measure: str | None = None  # 台 in 多少台
    scope_error: str | None = None  # "库中没有杭州市的报告" ...
    missing_years: list[int] = field(default_factory=list)  # years asked about with no report
    context: str | None = None  # a passage the user selected (the reader's 问答 action)
    report_year: bool = False  # "2025年政府工作报告": the year is the report's, not the figure's

    def scope_dict(self) -> dict:
        return {
            "regions": [{"code": r.code, "name": r.name, "level": r.level} for r in self.regions],
            "all_provinces": self.all_provinces,
            "years": self.years,
            "doc_id": self.doc_id,
            "indicator": self.indicator,
            "fact_kind": self.fact_kind,
            "kind": self.kind,
            "term": self.term,
            "keywords": self.keywords,
            "comparator": self.comparator,
            "threshold": self.threshold,
        }


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|年度)?(?!\d)")
_ALL_PROVINCES = re.compile(r"各省|哪些省|哪几个省|哪个省|省份|各地区|各个省|全国各地|31个省|各省区市")
_NATIONAL = re.compile(r"全国|国务院|国家|我国|中国|中央政府|中华人民共和国")
_DEFINITION = [
    re.compile(r"^(?:请问)?(?:什么是|何为|何谓|什么叫|什么叫做)[“\"「]?(?P<t>.+?)[”\"」]?[？?。]*$"),
    re.compile(r"^(?:请问)?[“\"「]?(?P<t>.+?)[”\"」]?(?:是什么意思|是指什么|指的是什么|指什么|什么意思|的含义是什么|的含义|的定义|是什么|是啥|的名词解释)[？?。]*$"),
    re.compile(r"^(?:名词解释|解释一下|解释)[:：\s]*[“\"「]?(?P<t>.+?)[”\"」]?[？?。]*$"),
]
_LIST = re.compile(r"哪些|哪几个|列出|列举|各省|名单|分别是")
_COMPARATORS = [
    (re.compile(r"(?:高于|超过|大于|多于|超出)\s*(\d+(?:\.\d+)?)"), ">"),
    (re.compile(r"(?:不低于|不少于|至少)\s*(\d+(?:\.\d+)?)"), ">="),
    (re.compile(r"(?:低于|小于|少于|不到)\s*(\d+(?:\.\d+)?)"), "<"),
    (re.compile(r"(?:不高于|不超过|至多)\s*(\d+(?:\.\d+)?)"), "<="),
    (re.compile(r"(\d+(?:\.\d+)?)%?\s*(?:以上|及以上)"), ">="),
    (re.compile(r"(\d+(?:\.\d+)?)%?\s*(?:以下|及以下)"), "<="),
]
_COMPARISON = re.compile(r"比较|对比|相比|哪个更|谁更|哪个高|哪个低|谁高|谁低|差距|高还是|低还是|和.+?哪个")
_NUMBER = re.compile(r"多少|几[个台家项户人套张所座条次场名年]|多大|多高|多快|多长|多少亿|比重|比例|增速|增长率|涨幅|目标是|预期目标|百分之|%|率是|规模|总量|总额")
_SUMMARY = re.compile(r"怎么说|怎样说|如何说|主要内容|概括|总结|有哪些(?:举措|措施|任务|工作|部署|安排)|采取了哪些|怎么做|如何做|部署|重点工作|主要任务|说了什么|提到了什么|哪些方面")
_TARGET = re.compile(r"目标|预期|计划|力争|拟|将要|今年要|安排")
_OUTCOME = re.compile(r"完成|实现|达到|实际|增长了|去年|回顾|取得|完工|建成|新增")


def _tokens(text: str) -> list[str]:
    import rjieba

    return [t.strip() for t in rjieba.cut(text) if t.strip()]


def content_words(text: str, drop: set[str] | None = None) -> list[str]:
    """Jieba tokens minus question words, numbers, years and single characters; order kept."""
    drop = drop or set()
    out: list[str] = []
    for tok in _tokens(text):
        if tok in STOPWORDS or tok in drop:
            continue
        if re.fullmatch(r"[\d.%％,]+|[\W_]+|几.|多少.*|哪.", tok):
            continue
        if len(tok) < 2 and not re.fullmatch(r"[A-Za-z]", tok):
            continue
        if tok not in out:
            out.append(tok)
    return out


def library_years(session: Session) -> set[int]:
    return {y for (y,) in session.execute(select(Document.year).distinct()) if y is not None}


def _region_names(region: Region) -> list[str]:
    from baogao.services.library import _short

    names = {region.name}
    short = _short(region.name)
    if len(short) >= 2:
        names.add(short)
    return sorted(names, key=len, reverse=True)


_REGIONS: dict[tuple, list[Region]] = {}


def _known_regions(session: Session) -> list[Region]:
    """``known_regions``, kept per process while the search index's generation (bumped by every
    document write) stays the same; read afresh when the index is not there or has changes."""
    from sqlalchemy import func

    from baogao.ask.passages import stamp

    gen = stamp(session)
    if gen[0] is None or session.new or session.dirty or session.deleted:
        return known_regions(session)
    bind = session.get_bind()
    key = (repr(bind.url), id(bind), gen, session.scalar(select(func.count()).select_from(Document)))
    hit = _REGIONS.get(key)
    if hit is None:
        hit = known_regions(session)
        _REGIONS.clear()
        _REGIONS[key] = hit
    return hit


def find_regions(session: Session, norm: str) -> tuple[list[Region], list[tuple[int, int]], bool]:
    """Known regions named in the question (most specific when nested), their offsets, and
    whether the question is about the whole country."""
    hits: list[tuple[int, int, Region]] = []
    for region in _known_regions(session):
        if region.code == NATIONAL_CODE:
            continue
        for name in _region_names(region):
            for m in re.finditer(re.escape(name), norm):
                hits.append((m.start(), m.end(), region))
    # longest first, non-overlapping
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    taken: list[tuple[int, int, Region]] = []
    for s, e, r in hits:
        if any(s < te and ts < e for ts, te, _ in taken):
            continue
        taken.append((s, e, r))
    taken.sort(key=lambda h: h[0])
    regions: list[Region] = []
    for _, _, r in taken:
        if r not in regions:
            regions.append(r)
    # 上海市黄浦区: keep the district, drop its parent province
    specific = [r for r in regions if not any(o is not r and o.code != r.code and r.prefix and o.code.startswith(r.prefix) and o.level != r.level for o in regions)]
    national = bool(_NATIONAL.search(norm)) and not specific
    return specific, [(s, e) for s, e, _ in taken], national


def find_unknown_region(norm: str, known_spans: list[tuple[int, int]]) -> str | None:
    """A real place name (checked with the cpca gazetteer) the library has no report for."""
    import rjieba

    pos = 0
    candidates: list[str] = []
    for word, tag in rjieba.tag(norm):
        start = norm.find(word, pos)
        pos = start + len(word) if start >= 0 else pos
        if tag == "ns" and len(word) >= 2 and not any(s <= start < e for s, e in known_spans):
            candidates.append(word)
    if not candidates:
        return None
    try:
        import cpca

        records = cpca.transform(candidates).to_dict("records")
    except Exception:  # the gazetteer is a help, not a requirement
        return None
    for word, rec in zip(candidates, records):
        if rec.get("adcode") and any(rec.get(k) and str(rec[k]).startswith(word[:2]) for k in ("省", "市", "区")):
            return word
    return None


def _definition_term(norm: str) -> str | None:
    text = norm.strip()
    for pat in _DEFINITION:
        m = pat.match(text)
        if m:
            term = m.group("t").strip(" “”\"「」'‘’")
            term = re.sub(r"^(?:报告中的?|报告里的?|文中的?|所说的|提到的)", "", term)
            term = re.sub(r"^(?:(?:19|20)\d{2}年)?[^，,]{0,6}?(?:政府工作报告|报告)(?:中|里)?(?:的|提到的|所说的)?", "", term)
            if "”" in term and "“" not in term:  # “四库五课”教育资源体系: keep the quotes balanced
                term = "“" + term
            return term or None
    return None


def parse_question(
    session: Session,
    text: str,
    *,
    doc_id: str | None = None,
    region: str | None = None,
    year: int | str | None = None,
    context: str | None = None,
) -> Question:
    from baogao.services.library import resolve_region

    norm = normalize(text).strip()
    q = Question(text=text, norm=norm, doc_id=doc_id, context=context)

    # -- scope: regions ---------------------------------------------------------------------
    regions, spans, national = find_regions(session, norm)
    if region:
        q.regions = [resolve_region(session, region)]
    elif regions:
        q.regions = regions
    elif national or re.search(r"国内生产总值|全国城镇|国务院", norm) or (
        re.search(r"政府工作报告", norm) and not _ALL_PROVINCES.search(norm) and not doc_id):
        q.regions = [Region(NATIONAL_CODE, "全国", "national")]
    if _ALL_PROVINCES.search(norm) and not doc_id and not region:
        q.all_provinces = True
        q.regions = [r for r in q.regions if r.level != "national"]
    if not q.regions and not q.all_provinces and not doc_id and not region:
        unknown = find_unknown_region(norm, spans)
        if unknown:
            q.scope_error = f"库中没有“{unknown}”的报告（该地区不在文库中）"

    # -- scope: years -----------------------------------------------------------------------
    if year is not None and str(year).strip():
        q.years = [int(str(year).strip()[:4])]
    else:
        for m in _YEAR.finditer(norm):
            y = int(m.group(1))
            if y not in q.years:
                q.years.append(y)

    if q.years and re.search(rf"{q.years[0]}年(?:的)?(?:国务院|全国|[^，,。？?]{{0,8}}?)?(?:政府工作报告|报告)", norm):
        q.report_year = True

    # -- indicator ----------------------------------------------------------------------------
    growth_words = bool(re.search(r"增长|增速|涨幅|提高|下降", norm))
    best_len, candidates = 0, []
    for ind, names in indicator_aliases().items():
        for name in names:
            if normalize(name) in norm:
                if len(name) > best_len:
                    best_len, candidates = len(name), [(ind, name)]
                elif len(name) == best_len:
                    candidates.append((ind, name))
                break
    if candidates:
        types = indicator_types()
        pick = [c for c in candidates if (types.get(c[0]) == "growth") == growth_words] or candidates
        q.indicator, q.indicator_words = pick[0][0], [pick[0][1]]
    if _TARGET.search(norm):
        q.fact_kind = "target"
    elif _OUTCOME.search(norm):
        q.fact_kind = "outcome"

    # -- comparator (列表: 高于5.5%) ------------------------------------------------------------
    for pat, op in _COMPARATORS:
        m = pat.search(norm)
        if m:
            q.comparator, q.threshold = op, float(m.group(1))
            break

    # -- kind ----------------------------------------------------------------------------------
    term = _definition_term(norm)
    if term and not q.years and not q.indicator and not _NUMBER.search(term) and len(term) <= 30:
        q.kind, q.term = DEFINITION, term
    elif q.all_provinces and (q.indicator or q.comparator is not None) and _LIST.search(norm) or (q.all_provinces and q.indicator and not q.regions):
        q.kind = LIST
    elif (len(q.regions) >= 2 or len(q.years) >= 2) and (_COMPARISON.search(norm) or q.indicator):
        q.kind = COMPARISON
    elif _NUMBER.search(norm) or (q.indicator and re.search(r"目标|是多少|增长", norm)):
        q.kind = NUMBER
    elif _SUMMARY.search(norm):
        q.kind = SUMMARY
    m = re.search(rf"(?:多少|几)([{MEASURES}])", norm)
    if m:
        q.measure = m.group(1)

    # -- keywords -------------------------------------------------------------------------------
    drop: set[str] = set()
    for r in q.regions:
        drop.update(_region_names(r))
    stripped = norm
    for s, e in sorted(spans, reverse=True):
        stripped = stripped[:s] + " " + stripped[e:]
    stripped = _YEAR.sub(" ", stripped)
    if q.kind == DEFINITION and q.term:
        q.keywords = [q.term] + [w for w in content_words(q.term, drop) if w != q.term]
    else:
        q.keywords = content_words(stripped, drop)
    return q
