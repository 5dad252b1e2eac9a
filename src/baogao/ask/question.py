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
from baogao.ask.years import base_years
from baogao.text.normalize import normalize

NUMBER = "number"
LIST = "list"
COMPARISON = "comparison"
DEFINITION = "definition"
SUMMARY = "summary"
PASSAGE = "passage"

# Words that ask, not words the answer contains, synonyms and cue words: data, in
# baogao/data/ask_words.yaml (extendable, see baogao.ask.words).
def stopwords() -> frozenset[str]:
    from baogao.ask.words import load_words

    return load_words().question_words


# "占地多大": an area, stated in any of these units
AREA = "面积"
_AREA_UNITS = ("平方公里", "平方米", "公顷", "亩")


def measure_in(measure: str, text: str) -> bool:
    """Is ``text`` (a figure with what follows it) in the measure a question asks for?"""
    if measure == AREA:
        return any(u in text for u in _AREA_UNITS)
    return measure in text or any(u in text for u in _SAME_MEASURE.get(measure, ()))


# measures the reports write in more than one way (电量: 345亿度 or 1116亿千瓦时)
_SAME_MEASURE = {"度": ("千瓦时",), "千瓦时": ("度",)}


# Measure words that say which number answers a "多少X" question.
MEASURES = "台家个项户人套张所座条次场名亿万元公里平方米公顷米亩吨斤辆架起件批处度"
# "…的目标人数？" / "投资金额是多少": the word names the answer's measure, not a word of the passage
_ASKED_AS = re.compile(r"(人数|金额|资金量|户数|套数|台数|电量|发电量)(?:是|为|有)?(?:多少|几何)?[？?]?$")
_ASKED_AS_MEASURE = {"人数": "人", "金额": "元", "资金量": "元", "户数": "户", "套数": "套", "台数": "台", "电量": "度",
                     "发电量": "度"}
_LONG_MEASURES = "平方公里|平方米|公里|公顷|千米|标箱"  # 多少公里 asks for 公里, not any 公…

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
    # longest first, ties in a fixed order (a set's order changes with PYTHONHASHSEED, and so did answers)
    return {k: sorted(set(v), key=lambda a: (-len(a), a)) for k, v in aliases.items()}


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
    # "1964年政府工作报告中，1965年计划…": the report's year when the question names another year
    # as the figure's (then ``years`` holds the figure's years only)
    report_of: int | None = None
    superlative: str | None = None  # "max" | "min": 最高 / 最低 across regions
    duration: bool = False  # 多长时间 / 多久: the answer is a length of time (三年)
    plan_period: str | None = None  # 十四五: the five-year plan the question is about
    location: bool = False  # "X在什么地方": a definition question answered by any passage too
    subterm: str | None = None  # "A中的“B”是哪些": B, a part of the term A whose definition explains it
    mentions: bool = False  # "哪些省份提到了X": a list of the regions whose reports mention X
    parts: list[str] = field(default_factory=list)  # 是多少？增长了多少？: the parts that each ask something
    # "X包括哪些", or a definition question naming the report's year: without a definition of X the
    # passages may still answer (重点工作包括哪些, 1975年报告里“两步设想”的第一步是什么)
    soft_definition: bool = False
    # 厦门机场…: a place the library has no report for, asked in the report of the region it is in
    # (``regions``); the answer's sentence must name it
    place: str | None = None

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
            "superlative": self.superlative,
            "plan_period": self.plan_period,
            "mentions": self.mentions,
            "place": self.place,
        }


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:年|年度)?(?!\d)")
_CN_YEAR = re.compile(r"(?<![一二三四五六七八九〇○零十])([一二][九〇○零][〇○零一二三四五六七八九]{2})(?=年)")
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")


def arabic_years(norm: str) -> str:
    """一九五四年 -> 1954年 (the same length, so offsets stay): a question may write a year as the
    old reports do."""
    return _CN_YEAR.sub(lambda m: m.group(1).translate(_CN_DIGIT), norm)


_MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})  # 北京 天津 上海 重庆
_ALL_PROVINCES = re.compile(r"各省|哪些省|省级地区|省级行政区|哪几个省|哪个省|省份|各地区|各个省|全国各地|31个省|各省区市|哪些地方|哪几个地方|哪些地区|哪几个地区")
_NATIONAL = re.compile(r"全国|国务院|国家|我国|中国|中央政府|中华人民共和国")
_DEFINITION = [
    re.compile(r"^(?:请问)?(?:什么是|何为|何谓|什么叫|什么叫做)[“\"「]?(?P<t>.+?)[”\"」]?[？?。]*$"),
    re.compile(r"^(?:请问)?[“\"「]?(?P<t>.+?)[”\"」]?(?:是什么意思|是指什么|指的是什么|具体指什么|指什么|什么意思|的含义是什么|的含义|的定义"
               r"|是干什么的|是做什么的|是干嘛的|有什么作用|是什么机构|是怎么回事|是什么|是啥|的名词解释)[？?。]*$"),
    re.compile(r"^(?:名词解释|解释一下|解释)[:：\s]*[“\"「]?(?P<t>.+?)[”\"」]?[？?。]*$"),
]
# "X在什么地方": where a named thing is; its glossary entry says it (位于…), else a passage
_LOCATION = re.compile(r"^(?:请问)?[“\"「]?(?P<t>.+?)[”\"」]?(?:具体)?(?:在什么地方|在什么位置|在哪个位置|在哪个地方|在哪个街道|在哪里|在哪儿|在哪|位于哪里|位于何处|位于什么地方|的位置在哪"
                       # "X设在什么地址", "X的地址是什么": an address is a location too
                       r"|(?:设在|位于|坐落在|落户在?|建在)(?:什么地址|哪个地址|什么位置|哪个位置|哪里|哪儿|何处|哪)"
                       r"|的?地址(?:是什么|是哪里|在哪里?|是?多少)?|在什么地址)[？?。]*$")
# "X指的是哪两条路", "X是指哪些": a definition that lists the members of X
_WHICH_MEMBERS = re.compile(r"^(?:请问)?[“\"「]?(?P<t>.+?)[”\"」]?(?:指的是|是指|具体指|具体是指|指|分别是|分别指|具体包括|包括|包含)"
                            r"(?:哪些|哪几[个条项种类家所座方面部分]?|哪[一二两三四五六七八九十]+[个条项种类家所座方面部分]|什么)\S{0,4}[？?。]*$")
# "四大主导产业是哪四个": a numbered name asks for its members with a bare 是
_NUMBERED_MEMBERS = re.compile(r"^(?:请问)?(?P<t>.+?)是(?:哪些|哪几[个条项种类家所座方面部分]?|哪[一二两三四五六七八九十]+[个条项种类家所座方面部分])\S{0,4}[？?。]*$")
_NUMBERED_NAME = re.compile(r"[一二两三四五六七八九十\d][大项个类张条种]")
# "X包括哪些" may ask for a named list (“10种有色金属”包括哪些) or for a topic's measures (重点工作
# 包括哪些): it is a definition question, but without a definition the passages still answer
# 具体是指什么 / 是什么意思: the meaning is asked, which a sentence that only uses the term does not give
_MEANING = re.compile(r"是指|指的是|指什么|什么意思|含义|意思是")
_MEMBERS_SOFT = re.compile(r"(?:具体包括|包括|包含)(?:哪些|哪几|什么)")
# "A中的“B”具体是哪几个库", "A说的“B”是哪五个“边”", "A，其中的“1”指什么": a part of a named
# thing (B), which the definition of the whole (A) explains
_PART_OF = re.compile(r"^(?:请问)?(?P<a>.+?)(?:(?:中|里|当中)?(?:的|说的|所说的|提到的)|[，,]\s*其中(?:的)?)[“\"「](?P<b>[^”\"」]{1,12})[”\"」]"
                      r"(?:具体|分别)?(?:是指|指的是|指|是|包括|包含)(?:什么|哪些|哪几\S{0,4}|哪[一二两三四五六七八九十]\S{0,6})[？?。]*$")
# "江西报告里的“三通一码”是哪几个平台", "注释中的“四库”指的是什么": a quoted name followed, at most a
# few characters on (“四新”产业), by a what/which ask is the thing asked about, whatever words
# (a report, its notes, a region) stand before it
_QUOTED = re.compile(r"[“\"「]([^”\"」“「]{1,16})[”\"」]")
_QUOTED_ASK = re.compile(r"^(?P<gap>[^，,？?。“”\"「」]{0,6}?[，,]?)(?:具体|分别|到底|究竟)?"
                         r"(?:(?:是指|指的是|指|是|包括|包含|涵盖)(?:个|一个|一种|一项|种|项)?(?:什么意思|什么\S{0,4}|哪些\S{0,4}|哪几\S{0,4}|哪[一二两三四五六七八九十]\S{0,6}|啥)"
                         r"|是什么意思|什么意思|的含义是什么|的含义)[？?。]*$")


def _names_quoted(term: str | None, norm: str) -> bool:
    """Is a term found by the other patterns a quoted name of the question with at most a few
    words after it (“1+N”零工市场), rather than the words before one (提到的“两非两资”)?"""
    bare = re.sub(r"[“”\"「」]", "", term or "")
    return any(bare.startswith(m.group(1)) and len(bare) <= len(m.group(1)) + 6 for m in _QUOTED.finditer(norm))


def quoted_term(norm: str) -> tuple[str, str | None] | None:
    """(term, part) when the question asks what a quoted name is or which members it has: the last
    quoted name, or, when it is a part of an earlier quoted name (“四库五课”…“四库”是哪四个库,
    “五边颐养”，“五边”是哪五边), the earlier name and the part."""
    found = list(_QUOTED.finditer(norm))
    if not found or "多少" in norm:
        return None
    last = found[-1]
    if not _QUOTED_ASK.match(norm[last.end() :].strip()):
        return None
    part = last.group(1)
    for m in found[:-1]:
        whole = m.group(1)
        if whole != part and (part in whole or whole[:2] == part[:2]):
            return whole, part
    return part, None


_ONE_OF = re.compile(r"第[\d一二三四五六七八九十]+[个项批座家]|首个|首批|唯一|最大的|最高的|最早的|最长的")
_AGAINST_BASE = re.compile(r"(?:比|较|快于|高于|低于|慢于)(?:19|20)\d{2}年[^，,。？?]{0,8}?(?:多少|几)")
_LIST = re.compile(r"哪些|哪几个|哪[两三四五六七八九十]个|列出|列举|各省|名单|分别是")
_COMPARATORS = [
    (re.compile(r"(?:高于|超过|大于|多于|超出)\s*(\d+(?:\.\d+)?)"), ">"),
    (re.compile(r"(?:不低于|不少于|至少)\s*(\d+(?:\.\d+)?)"), ">="),
    (re.compile(r"(?:低于|小于|少于|不到)\s*(\d+(?:\.\d+)?)"), "<"),
    (re.compile(r"(?:不高于|不超过|至多)\s*(\d+(?:\.\d+)?)"), "<="),
    (re.compile(r"(?:定在|定为|设为|设定为|是|为|在)\s*(\d+(?:\.\d+)?)%?\s*(?:左右|的)"), "="),
    (re.compile(r"(?:都是|均为|都为|同为)\s*(\d+(?:\.\d+)?)\s*(?:%|万人|万吨|亿元|万亿元|亿斤)?(?:[？?。]|$)"), "="),
    (re.compile(r"(\d+(?:\.\d+)?)%?\s*(?:以上|及以上)"), ">="),
    (re.compile(r"(\d+(?:\.\d+)?)%?\s*(?:以下|及以下|以内)"), "<="),
]
_COMPARISON = re.compile(r"比较|对比|相比|哪个更|谁更|哪个高|哪个低|谁高|谁低|差距|高还是|低还是|和.+?哪个")
# "哪个指标", "什么方针": the answer is a thing, not a number, unless a quantity is asked too
_ENTITY = re.compile(r"哪个|哪些|哪项|哪一|哪几|什么|谁|哪里|哪儿|哪年|何时")
_QUANTITY = re.compile(r"什么水平|排第几|第几位|第几名|居第几|多少|几[个台家项户人套张所座条次场名年]|多大|多高|多快|多长|多久|百分之|比重|比例|增速|增长率|涨幅|%")
_MENTION = re.compile(r"提到|提及|提出了|说到|谈到|涉及|出现|写进|写入|点名")
_SUPERLATIVE = [(re.compile(r"最高|最快|最多|最大"), "max"), (re.compile(r"最低|最慢|最少|最小"), "min")]
_DURATION = re.compile(r"多长时间|多少时间|多久|几年|多少年(?!代)")
_PLAN_PERIOD = re.compile(r"[“\"]?(十[一二三四五六七八九]?五)(?:[”\"]|(?=规划|计划|时期|期间|末|初|以来))")
_NUMBER = re.compile(r"什么水平|排第几|第几位|第几名|居第几|多少|几[个台家项户人套张所座条次场名年]|多大|多高|多快|多长|多少亿|比重|比例|增速|增长率|涨幅|目标是|预期目标|百分之|%|率是|规模|总量|总额")
_SUMMARY = re.compile(r"怎么说|怎样说|如何说|主要内容|概括|总结|有哪些(?:举措|措施|任务|工作|部署|安排)|采取了哪些|怎么做|如何做|部署|重点工作|主要任务|说了什么|提到了什么|哪些方面")
_TARGET = re.compile(r"目标|预期|计划|力争|拟|将要|今年要|安排|要(?:达到|实现|完成|新增|建成|降低|减少|增长|提高|控制|稳定|保持|确保)|控制在|打算")
_OUTCOME = re.compile(r"完成|实现|达到|实际|增长了|去年|回顾|取得|完工|建成|新增|截至|截止")


def _tokens(text: str) -> list[str]:
    import rjieba

    return [t.strip() for t in rjieba.cut(text) if t.strip()]


_FUNCTION_CHARS = set("的了在和与及或是有说讲对为把被从到将要也都还就并等个年之其该此这那哪吗呢吧啊上下中里多少几能让使令可")
# a question's description of the report it asks about: 2019年政府工作报告提到的…, 那篇发展报告里…
_REPORT_DESCRIPTION = re.compile(r"(?:的)?(?:国务院)?(?:政府工作报告|发展报告|工作报告|报告)(?:中|里|上)?"
                                 r"(?:说|提到|指出|称|提出|讲|写道|认为|表示|显示)?(?:的|了)?[，,]?")


_YEAR_DESCRIBED = re.compile(r"[\u4e00-\u9fff“”\"]{2,10}(?:那一?年|之年|当年)?\s*[（(]\s*(?:19|20)\d{2}年?\s*[）)]")


def _strip_question_phrases(text: str) -> str:
    from baogao.ask.words import load_words

    for phrase in load_words().question_phrases:
        if len(phrase) >= 2 and phrase in text:
            text = text.replace(phrase, " ")
    # the comparison's 比 stands apart (棉花产量比上年… is not 产量比 + 上年)
    text = re.sub(r"(?<=[\u4e00-\u9fff])比(?=上年|去年|前年|全国|全省|(?:19|20)\d{2}年)", " 比", text)
    # the measure word of 多少家 / 几个 stands apart (多少家长者餐厅 is not 家长 + 者餐厅)
    return re.sub(rf"(多少|几)(平方公里|平方米|公里|公顷|万元|亿元|万人|[{MEASURES}])", r"\1\2 ", text)


def _join_single_characters(tokens: list[str]) -> list[str]:
    """Runs of single CJK characters the segmenter could not place (电竞 -> 电 / 竞) are one word."""
    out: list[str] = []
    run: list[str] = []

    def flush():
        if len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run.clear()

    for tok in tokens:
        if len(tok) == 1 and "\u4e00" <= tok <= "\u9fff" and tok not in _FUNCTION_CHARS:
            run.append(tok)
            continue
        flush()
        out.append(tok)
    flush()
    return out


def content_words(text: str, drop: set[str] | None = None) -> list[str]:
    """Jieba tokens minus question words, numbers, years and single characters; order kept."""
    drop = drop or set()
    stop = stopwords()
    out: list[str] = []
    for tok in _join_single_characters(_tokens(_strip_question_phrases(text))):
        if tok in stop or tok in drop:
            continue
        if re.fullmatch(r"[\d.%％,]+|[\W_]+|几.|多少.*|多长.*|哪.|百分之(?:几|多少).*|(?:几|多少)个?百分点", tok):
            continue
        if len(tok) < 2 and not re.fullmatch(r"[A-Za-z]", tok):
            continue
        if tok not in out:
            out.append(tok)
    return out


def library_years(session: Session) -> set[int]:
    return {y for (y,) in session.execute(select(Document.year).distinct()) if y is not None}


def region_names(region: Region) -> list[str]:
    """The names a question may call a region by (上海市, 上海)."""
    return _region_names(region)


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


# a river or lake named after a place (黄浦江, 苏州河, 西湖): a feature, not the region
_FEATURE_NEXT = re.compile(r"[江河湖](?!区|县|市|省)")


def find_regions(session: Session, norm: str) -> tuple[list[Region], list[tuple[int, int]], bool]:
    """Known regions named in the question (most specific when nested), their offsets, and
    whether the question is about the whole country."""
    hits: list[tuple[int, int, Region]] = []
    for region in _known_regions(session):
        if region.code == NATIONAL_CODE:
            continue
        for name in _region_names(region):
            for m in re.finditer(re.escape(name), norm):
                if name != region.name and _FEATURE_NEXT.match(norm, m.end()):
                    continue  # 黄浦江 is a river, not 黄浦区; the full name (黄浦区江…) stays a region
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


_PLACE_SUFFIX = re.compile(r"(?:路|街|大街|大道|巷|弄|桥|广场|商圈|步行街|街道|社区|街坊)$")
_PLACE_NEXT = re.compile(r"路|街|大道|巷|弄|桥|广场|商圈|步行街|街道|社区")


# after a place named as a question's scope: its year, its report, its government (深圳市2025年…,
# 杭州的GDP…, 苏州市政府工作报告); a place in the middle of a sentence (从深圳开车到中山) is content
_SCOPE_NEXT = re.compile(r"(?:市|省|区|县|州)?(?:(?:19|20)\d{2}年|的|政府|报告|今年|去年|明年|全年|[，,]|$)")
_SCOPE_BEFORE = re.compile(r"^(?:请问)?(?:在)?$")


def find_unknown_region(norm: str, known_spans: list[tuple[int, int]], scope_only: bool = False,
                        after: set[int] | None = None, before_year: bool = False) -> str | None:
    """A real place name (checked with the cpca gazetteer) the library has no report for; with
    ``scope_only``, only one the question names as its scope (at its start, or followed by a year,
    的, 政府, 报告); with ``after``, only one right after those offsets (上海|静安区: a place inside
    a region the library has, named as the narrower scope); with ``before_year``, only one right
    before a year (…报告，成都市2025年GDP: the city is what the figure is of) — with both, one
    of either."""
    import rjieba

    pos = 0
    candidates: list[str] = []
    tagged = list(rjieba.tag(norm))
    for k, (word, tag) in enumerate(tagged):
        start = norm.find(word, pos)
        pos = start + len(word) if start >= 0 else pos
        inside = next(((s, e) for s, e in known_spans if s <= start < e), None)
        if tag == "ns" and inside and start + len(word) - inside[1] >= 2:
            # 上海浦东新区 is one word to the segmenter: the known region, then the place inside it
            word, start = word[inside[1] - start :], inside[1]
            inside = None
        # the segmenter tags some districts as person names (徐汇区/nr): an admin suffix says it
        place = tag == "ns" or (len(word) >= 3 and word.endswith(("区", "县", "市", "州", "旗", "盟")))
        if place and len(word) >= 2 and not inside:
            # 南京路, 淮海中路, 五里桥街道: a road, a street or a place in a city is not a region
            if _PLACE_SUFFIX.search(word) or _PLACE_NEXT.match(norm, start + len(word)):
                continue
            if k + 1 < len(tagged) and tagged[k + 1][1] == "ns" or k and tagged[k - 1][1] == "ns" and not known_spans:
                continue  # 宁波|舟山|港: two place names in a row are one longer name (a port, an area)
            if scope_only and not (_SCOPE_BEFORE.match(norm[:start]) or _SCOPE_NEXT.match(norm, start + len(word))):
                continue
            right_after = after is not None and start in after
            year_next = before_year and re.match(r"(?:19|20)\d{2}年", norm[start + len(word) :])
            if (after is not None or before_year) and not (right_after or year_next):
                continue
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


def _parent_region(session: Session, place: str) -> Region | None:
    """The region of the library a place lies in (厦门 -> 福建省, per the cpca gazetteer), or None."""
    try:
        import cpca

        rec = cpca.transform([place]).to_dict("records")[0]
    except Exception:  # the gazetteer is a help, not a requirement
        return None
    province = rec.get("省")
    if not province or not rec.get("adcode"):
        return None
    return next((r for r in _known_regions(session) if r.level != "national" and r.name == province), None)


def clean_term(term: str, region_names: list[str] | None = None) -> str | None:
    """The term a definition question asks about, without the words around it (黄浦的“三美联动”具体
    -> “三美联动”): report references, a leading region name, leading or trailing question words."""
    from baogao.ask.words import load_words

    term = term.strip(" “”\"「」'‘’")
    reference = r"^(?:(?:名词解释|注释|报告|文中)(?:里|中)?(?:提到|所说|说)?的?|所说的|提到的)+"
    term = re.sub(reference, "", term)
    # 四川2025年政府工作报告里的EFlops: the report named by region and year, then the term
    term = re.sub(r"^[^，,“”\"]{0,12}?(?:政府工作报告|报告)(?:中|里)?(?:提出|提到|所说|说)?(?:的)?", "", term)
    term = re.sub(reference, "", term)  # 海南2026年报告注释里说的四大主导产业
    for name in sorted(region_names or [], key=len, reverse=True):
        # 黄浦的“三美联动” / 黄浦区“零距离家园”, not 上海国际珠宝时尚功能区 (a name that starts with one)
        if term.startswith(name) and len(term) > len(name) + 1 and term[len(name)] in "的“\"「":
            term = re.sub(r"^的", "", term[len(name):])
            break
        said = re.match(rf"{re.escape(name)}(?:所说|说|提出|提到|讲)的", term)
        if said and len(term) > said.end() + 1:  # 四川说的六大科技专项
            term = term[said.end():]
            break
    qwords = load_words().question_words
    changed = True
    while changed and term:
        changed = False
        for w in sorted(qwords, key=lambda x: (-len(x), x)):
            if len(w) >= 2 and term.endswith(w) and len(term) > len(w) + 1:
                term, changed = term[: -len(w)].rstrip("的 "), True
                break
    term = term.strip(" “”\"「」'‘’，,")
    if "”" in term and "“" not in term:  # “四库五课”教育资源体系: keep the quotes balanced
        term = "“" + term
    elif "“" in term and "”" not in term:
        term = term + "”"
    return term.strip() or None


_PERIOD_WORDS = frozenset("时期 期间 以来 末 初".split())
_RELATIVE_YEAR = re.compile(r"去年|上一年|前年|今年|本年|明年")
_RELATIVE_YEAR_OFFSET = {"去年": -1, "上一年": -1, "前年": -2, "今年": 0, "本年": 0, "明年": 1}
_SCOPE_WORDS = frozenset("全区 全省 全市 全县 全州 全盟 全旗 全国 我省 我市 我区 我县 我州 本省 本市 本区 全区域".split())
_ASKS = re.compile(r"多少|几|多高|多快|多大|如何|怎样|怎么样|什么|哪|吗")
_PART_BREAK = re.compile(r"[？?；;]|[，,](?=[^，,？?]*(?:多少|几|如何|怎样|什么|哪))")


def question_parts(norm: str) -> list[str]:
    """The parts of a multi-part question that each ask something (是多少？比上年增长了多少？ /
    提出把物价涨幅降到多少？实际结果如何？); one part for an ordinary question."""
    parts = [p.strip() for p in _PART_BREAK.split(norm) if p.strip()]
    asking = [p for p in parts if _ASKS.search(p)]
    return asking if len(asking) >= 2 else [norm]


def _definition_term(norm: str, region_names: list[str] | None = None) -> str | None:
    text = norm.strip()
    for pat in _DEFINITION:
        m = pat.match(text)
        if m:
            return clean_term(m.group("t"), region_names)
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

    norm = arabic_years(normalize(text).strip())
    q = Question(text=text, norm=norm, doc_id=doc_id, context=context)

    # -- scope: regions ---------------------------------------------------------------------
    regions, spans, national = find_regions(session, norm)
    unknown = None
    if not region and not regions and not national and not doc_id and not _ALL_PROVINCES.search(norm):
        # a place the library has no report for, named as the question's scope (深圳市2025年…):
        # before the default to the State Council's report, which 政府工作报告 alone would pick
        unknown = find_unknown_region(norm, spans, scope_only=True)
        if unknown:
            q.scope_error = f"库中没有“{unknown}”的报告（该地区不在文库中）"
            # (深圳市2025年政府工作报告…: the place's own report, which no other report is)
            own_report = re.search(re.escape(unknown) + r"(?:市|区|县)?(?:(?:19|20)\d{2}年)?(?:的)?(?:政府工作报告|报告)", norm)
            parent = _parent_region(session, unknown) if not own_report else None
            if parent is not None:
                # 厦门机场…: the province's report may say it (福建: 厦门机场旅客吞吐量…); asked
                # there, a sentence must name the place, and the answer says whose report it is
                q.place, q.scope_error, regions = unknown, None, [parent]
    elif regions and not region and not doc_id:
        # 上海静安区…: the question's scope is the district, which the library has no report for,
        # not the city it belongs to (whose figures would answer a question nobody asked)
        below = find_unknown_region(norm, spans, after={e for _, e in spans}, before_year=True)
        if below:
            q.scope_error = f"库中没有“{below}”的报告（该地区不在文库中，库中有的是{regions[0].name}的报告）"
    if region:
        q.regions = [resolve_region(session, region)]
    elif regions:
        q.regions = regions
    elif unknown:
        pass
    elif national or re.search(r"国内生产总值|全国城镇|国务院", norm) or (
        re.search(r"政府工作报告", norm) and not _ALL_PROVINCES.search(norm) and not doc_id):
        q.regions = [Region(NATIONAL_CODE, "全国", "national")]
    if _ALL_PROVINCES.search(norm) and not doc_id and not region:
        q.all_provinces = True
        q.regions = [r for r in q.regions if r.level != "national"]
    elif "直辖市" in norm and not doc_id and not region and not regions:
        # 哪两个直辖市…: the four municipalities the library has, asked across as provinces are
        q.regions = [r for r in _known_regions(session) if r.code in _MUNICIPALITIES]
        q.all_provinces = bool(q.regions)

    # -- scope: years -----------------------------------------------------------------------
    if year is not None and str(year).strip():
        q.years = [int(str(year).strip()[:4])]
    else:
        for m in _YEAR.finditer(norm):
            y = int(m.group(1))
            if y not in q.years:
                q.years.append(y)

    if doc_id and not q.years:
        # 报告说去年…: relative years of an in-document question count from the report's year
        rel = _RELATIVE_YEAR.search(norm)
        doc_year = session.scalar(select(Document.year).where(Document.id == doc_id)) if rel else None
        if doc_year:
            q.years = [doc_year + _RELATIVE_YEAR_OFFSET[rel.group(0)]]

    named_report = re.search(rf"{q.years[0]}年(?:的)?(?:国务院|全国|[^，,。？?]{{0,8}}?)?(?:政府工作报告|报告|名词解释|注释)", norm) if q.years else None
    if named_report:
        q.report_year = True
        rel = _RELATIVE_YEAR.search(norm, named_report.end())
        if len(q.years) >= 2 and year is None and not set(q.years[1:]) <= base_years(norm):
            # 1988年报告说1987年国民生产总值达到了多少: the report is 1988's, the figure 1987's
            # (not 1954年的报告…相当于1949年的多少倍: 1949 is the comparison's base)
            q.report_of, q.years = q.years[0], q.years[1:]
        elif len(q.years) >= 2 and year is None:
            q.years = q.years[:1]  # the figure is of the report's year; the others are bases
        elif len(q.years) == 1 and year is None and rel and _RELATIVE_YEAR_OFFSET[rel.group(0)] < 0:
            # 2025年政府工作报告说，去年…: the report is 2025's, the figure 2024's
            q.report_of, q.years = q.years[0], [q.years[0] + _RELATIVE_YEAR_OFFSET[rel.group(0)]]

    # -- indicator ----------------------------------------------------------------------------
    growth_words = bool(re.search(r"增长|增速|涨幅|提高|下降", norm))
    if not growth_words and _TARGET.search(norm) and not re.search(r"总量|规模|突破|[万亿]元|亿|万|比例|比重|占|率|人均|能耗|单位", norm):
        growth_words = True  # GDP的预定目标: a year's GDP target is a growth rate (经济增长速度8％)
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
        q.indicator, q.indicator_words = pick[0][0], [normalize(pick[0][1])]
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
    region_names = [n for r in regions for n in _region_names(r)]
    term = _definition_term(norm, region_names)
    location = _LOCATION.match(norm.strip())
    if location and term:  # "X的地址是什么" asks where X is, not what
        term = None
    asks_quantity = bool(_QUANTITY.search(norm))
    entity = bool(_ENTITY.search(norm)) and not asks_quantity
    for pat, sup in _SUPERLATIVE:
        if pat.search(norm):
            q.superlative = sup
            break
    q.duration = bool(_DURATION.search(norm))
    m = _PLAN_PERIOD.search(norm)
    if m:
        q.plan_period = m.group(1)
    part_of = _PART_OF.match(norm.strip())
    if not term:
        which = _WHICH_MEMBERS.match(norm.strip())
        if not which:
            which = _NUMBERED_MEMBERS.match(norm.strip())
            which = which if which and _NUMBERED_NAME.search(which.group("t")) else None
        if which:
            term = clean_term(which.group("t"), region_names)
    whole = clean_term(part_of.group("a"), region_names) if part_of else None
    if whole and whole in region_names + [r.name for r in q.regions]:
        whole = None  # 黄浦的“三美联动”: a region's term, not a part of a term
    # a year that only names the report (四川2025年报告里的EFlops是什么意思) leaves a definition one
    no_years = not q.years or q.report_year
    subterm = part_of.group("b") if part_of else None
    quoted = quoted_term(norm) if no_years and not q.indicator else None
    if quoted and not _names_quoted(whole or term, norm):
        # the words before the quoted name say where it is written (报告注释中, 江西报告里), not
        # what it is: the quoted name is the term
        if quoted[1]:
            whole, subterm = quoted
        else:
            whole, subterm, term = None, None, quoted[0]
    if whole and no_years and not q.indicator and len(whole) <= 30:
        q.kind, q.term, q.subterm = DEFINITION, whole, subterm
    elif term and no_years and not q.indicator and not _NUMBER.search(term) and not _SUMMARY.search(norm) and len(term) <= 30:
        q.kind, q.term = DEFINITION, term  # (报告的主要内容是什么 asks for a summary)
        # (浙江第6个全球重要农业文化遗产是什么: an ordinal or a superlative picks out one thing the
        # passages name; it has no definition of its own)
        q.soft_definition = bool(_MEMBERS_SOFT.search(norm) or (q.years and not _MEANING.search(norm)) or _ONE_OF.search(term))
    elif location and no_years and not q.indicator and len(location.group("t")) <= 30:
        q.kind, q.term, q.location = DEFINITION, clean_term(location.group("t"), region_names), True
    elif q.all_provinces and (q.indicator or q.comparator is not None) and _LIST.search(norm) or (q.all_provinces and q.indicator and not q.regions):
        q.kind = LIST
    elif q.all_provinces and not q.indicator and q.comparator is None and _MENTION.search(norm) and re.search(r"哪些|哪几个|哪个|哪|列出", norm):
        q.kind, q.mentions = LIST, True
    elif (len(q.regions) >= 2 or (len(q.years) >= 2 and not _AGAINST_BASE.search(norm))) \
            and (_COMPARISON.search(norm) or q.indicator):
        q.kind = COMPARISON  # (GDP增长比2024年快了多少 asks one figure against its base year)
    elif not entity and (_NUMBER.search(norm) or (q.indicator and re.search(r"目标|是多少|增长", norm))):
        q.kind = NUMBER
    elif q.duration:
        q.kind = NUMBER
    elif _SUMMARY.search(norm):
        q.kind = SUMMARY
    # 多少万吨 asks for 吨 (万 is the size, 200万吨 or 1.4万亿斤 alike); 多少万 alone asks for 万
    m = re.search(rf"(?:多少|几)[十百千万亿]*({_LONG_MEASURES}|[{MEASURES}])", norm)
    if m:
        q.measure = m.group(1)
    if q.duration and not q.measure:
        q.measure = "年"
    asked_as = _ASKED_AS.search(norm)
    if not q.measure and asked_as:
        q.measure = _ASKED_AS_MEASURE[asked_as.group(1)]  # 目标人数是多少 / 的目标人数？ ask for 人
    money = r"资金|经费|收入|投资|税收|利润|营收|成交额|销售额|补贴|奖补"
    if not q.measure and re.search(rf"多少钱|多少(?:的)?(?:{money})|(?:{money})(?:是|有|为|达到|共)?多少(?!个|倍)", norm):
        q.measure = "元"  # money: 493亿元, 3562亿元
    if not q.measure and re.search(r"(?:占地|面积|用地)(?:有)?(?:多大|多少|多广)|多大(?:的)?面积|占地(?:有)?几", norm):
        q.measure = AREA  # an area, in whichever unit the report uses

    q.parts = question_parts(norm)

    # -- keywords -------------------------------------------------------------------------------
    drop: set[str] = set()
    for r in q.regions:
        drop.update(_region_names(r))
    if doc_id or region or regions:
        drop.update(_SCOPE_WORDS)  # 全区 / 我省 name the scoped report's region, not what it says
    stripped = norm
    for s, e in sorted(spans, reverse=True):
        stripped = stripped[:s] + " " + stripped[e:]
    # 大跃进那年（1958年）: the words before a year in brackets name that year, which the scope has
    stripped = _YEAR_DESCRIBED.sub(" ", stripped)
    stripped = _YEAR.sub(" ", stripped)
    desc = _REPORT_DESCRIPTION.search(stripped)
    if desc and q.kind != DEFINITION and len(stripped[: desc.start()].strip()) <= 16 \
            and content_words(stripped[desc.end():], drop):
        # "1975年四届人大的政府工作报告说，…": the words before 报告说 say which report (its year,
        # session, kind), which the scope has already chosen; they are not what the answer says
        stripped = " " + stripped[desc.end():]
    if q.kind == DEFINITION and q.term:
        q.keywords = [q.term] + [w for w in content_words(q.term, drop) if w != q.term]
    else:
        q.keywords = content_words(stripped, drop)
    for m in _QUOTED.finditer(norm):
        name = m.group(1).strip()
        if re.search(r"\d|[a-z]", name) and name not in q.keywords and 2 <= len(name) <= 12:
            # a quoted name with a figure in it (稳增长“16条”, “1+3+N”): the number reader would drop
            # its digits; it is a name, and the passage must hold it (“21”条 is another one)
            q.keywords.insert(0, name)
    asked_unit = re.search(rf"(?:多少|几)([十百千万亿]*[{MEASURES}][{MEASURES}]?)", norm)
    if asked_unit and len(q.keywords) > 1:
        # 多少万吨 / 多少亿元: the unit of the answer (q.measure), not a word the passage must hold
        q.keywords = [w for w in q.keywords if w != asked_unit.group(1)] or q.keywords
    if asked_as and len(q.keywords) > 1:
        q.keywords = [w for w in q.keywords if w != asked_as.group(1)] or q.keywords
    if q.plan_period:  # “十三五” is one word (the segmenter cuts it into 十三 / 五, and 十三 is 十三届 too)
        # 时期/期间 after it are part of the period's name (“十四五”时期), not words of their own
        q.keywords = [q.plan_period] + [w for w in q.keywords if w not in q.plan_period and w not in _PERIOD_WORDS]
    return q
