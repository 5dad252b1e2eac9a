"""Extract quantitative targets and results from a report's text.

    facts = extract_facts(text, year=2025, doc_id="...")

Pure: text in, :class:`Fact` list out. It reads the normalized view (same length as the text,
so every offset is an offset into the canonical text) one paragraph (line) at a time:

1. Headings set the *zone*: review (2024年工作回顾), plan (2025年工作安排 / 主要任务),
   five-year plan (“十五五”时期主要目标), or skip (名词解释, appendices).
2. Each sentence is scanned for indicator aliases from the catalog (longest first; blockers such
   as 海洋生产总值 or 人均地区生产总值 hide the alias inside them; a strict left context keeps
   sub-regions such as 县域/南疆五地州 out).
3. After an alias, a small grammar reads the figure: growth (增长/增速 … 5%), level (达到 134.9万亿元)
   or rate (城镇调查失业率 5.5%左右), with the modifier, basis (可比/同比/名义/实际) and
   qualifiers (预计, 在实际工作中争取更好结果, 力争…).
4. The kind and period come from cues in the sentence before the figure (年均/累计/十四五 ->
   five-year; 前三季度 -> partial year; 预期目标/力争/建议 -> target; 过去一年/预计/实现 ->
   outcome; an explicit 2024年; 到2030年 -> a multi-year target ending then), then from the zone.
   A review passage that opens on the five years (过去的五年极不寻常。/ 这五年，… / “十四五”时期是…的五年)
   goes on over the following paragraphs until one opens on the last year (刚刚过去的2025年 /
   一年来 / 过去一年): its figures are multi-year. There a level reached (国内生产总值达到39.8万亿元)
   or a rate where it stands (研发投入强度提高到3.3%) is the last year's outcome, while a bare total of
   an indicator the catalog marks ``period_total`` (城镇新增就业603.7万人) is the sum over the period.
5. Statements that no target is set (没有提出全年经济增速具体目标) become ``no_target`` facts,
   so "not stated" and "not found" differ.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from baogao.facts.catalog import Catalog, Indicator, load_catalog
from baogao.text.normalize import normalize
from baogao.text.numbers import AROUND, AT_LEAST, AT_MOST, POINT, RANGE, Quantity, parse_quantity

EXTRACTOR_VERSION = "facts-1.3"  # 1.3: names in a row before 分别 take one figure each (…失业率、…涨幅分别控制在5%和3%以内); 1.2: a multi-region area subject (川渝…) or a loss is not the region's figure

TARGET, OUTCOME, MULTI_YEAR_TARGET, CUMULATIVE, NO_TARGET = (
    "target", "outcome", "multi_year_target", "cumulative", "no_target")
KINDS = (TARGET, OUTCOME, MULTI_YEAR_TARGET, CUMULATIVE, NO_TARGET)


@dataclass
class Fact:
    indicator: str
    kind: str
    period: int | None  # the (last) year the figure is for
    period_start: int | None  # first year: = period for an annual figure, 2021 for 十四五
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    modifier: str | None
    start: int  # the stating sentence
    end: int
    num_start: int  # the figure itself (number + unit)
    num_end: int
    quote: str
    basis: str | None = None
    measure: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    primary: bool = False  # the first statement of this indicator/kind/period in the report
    doc_id: str | None = None
    extractor_version: str = EXTRACTOR_VERSION

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# Zones from headings

REVIEW, PLAN, PLAN_MULTI, SKIP = "review", "plan", "plan_multi", "skip"
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+部分)")
# 十四五 and, in quotes, the older plans (“十五” 2001-2005, “九五” …): a bare 十五 is a number
_FIVE = r"(?:十[一二三四五六]五|(?<=“)[六七八九十]五(?=”))"
_SKIP_HEAD = re.compile(r"^\s*(?:名词解释|附件|附表|注释|附：|说明：)")


MULTI_MIXED = "multi_mixed"  # “十四五”时期发展成就和“十五五”时期主要目标任务
_SUB = re.compile(r"^\s*[（(]")


def classify_heading(line: str, year: int | None) -> str | None:
    """The zone a heading opens, or None when it says nothing about periods."""
    t = line.strip()
    if "政府工作报告" in t or t.startswith(("——", "—")) or _SUB.match(t):
        return None
    if _SKIP_HEAD.match(t):
        return SKIP
    numbered = bool(_NUMBERED.match(t))
    review = re.search(r"回顾|成就|过去|工作总结|的工作$|一年来", t)
    five = re.search(rf"{_FIVE}|五年", t)
    now = bool(year and f"{year}年" in t) or "今年" in t
    plan = re.search(r"安排|任务|部署|要求|政策取向|计划|重点工作|目标|建议|考虑|展望", t) or (now and "工作" in t)
    if review and five and plan and not now:
        return MULTI_MIXED
    if review:
        return REVIEW
    if now and plan:
        return PLAN
    if five and plan:
        return PLAN_MULTI
    if year and not now and f"{year - 1}年" in t:
        return REVIEW
    if numbered and plan:
        return PLAN
    return None


def _is_heading(line: str) -> bool:
    t = line.strip()
    return 0 < len(t) <= 40 and "。" not in t and not re.search(r"\d+(?:\.\d+)?%", t)


# ---------------------------------------------------------------------------------------------
# Grammar around the figure

_SENT_END = re.compile(r"[。！？!?]")
_LEFT_OK = re.compile(
    r"(?:^|[，,；;：:、。（(“\s]|全省|全市|全区|全疆|全国|全县|我省|我市|我区|年|实现|完成|预计|建议|其中|力争"
    r"|确保|争取|是|为|和|及|与|了|在|按|将|使|让|共|总|同时|保持|推动|促进|带动|但|而|并|且|则)$"
)
_PRE_WORDS = "五年|预计|初步预计|初步核算|全年|当年|同比|可比|实际|名义|同口径|按|年均|平均|比上年|较上年|比去年|较去年|累计|已|也|将|要|力争|争取|继续|持续|仍|目标|预期|拟|分别|总体|首次|一直|进一步|均|约"
_PRE = rf"(?:{_PRE_WORDS})*"
_GROWTH_VERB = r"增长速度|增长|增速|增幅|上涨|涨幅|上升|提高|下降|降低|减少|回落|降幅"
_GROWTH_RX = re.compile(
    rf"(?P<pre>{_PRE})(?P<verb>{_GROWTH_VERB})"
    r"(?P<post>(?:目标)?(?:设定为|确定为|保持在|控制在|稳定在|预计|分别|为|达到|达|在|到|了|约|超过|高于|按)?)"
)
_IMPLICIT_RX = re.compile(rf"(?P<pre>{_PRE})(?P<verb>)(?P<post>(?:目标)?(?:设定为|确定为|为|达到|在|保持在|控制在)?)")
_LEVEL_RX = re.compile(
    rf"(?P<pre>(?:{_PRE_WORDS}|总量|总额|规模)*)(?P<verb>(?:达到|达|突破|超过|不低于|不少于|为|完成|实现|增加到|增至|迈上|迈过|跨过|保持在|稳定在|在)?)(?P<post>)"
)
_RATE_RX = re.compile(
    rf"(?P<pre>{_PRE})(?P<verb>(?:控制在|保持在|稳定在|下降到|下降至|降至|降到|提高到|提高至|上升到|达到|涨幅|上涨|增长|下降|降低|降幅"
    rf"|低于|不超过|不高于|高于|超过|不低于|为|在|拟按|按){{0,2}})(?P<post>)"
)
# 赤字率从去年的2.1%提高到2.3%: the figure after the change verb is the one stated for the year
_FROM_TO_RX = re.compile(r"(?:从|由)(?:去年|上年|\d{4}年)?的?\d+(?:\.\d+)?%(?:提高|上升|下降|降低|调整|调低|调高)(?:到|至)")
_NEG_VERBS = ("下降", "降低", "减少", "回落", "降幅")
_BASIS = ("可比", "同比", "名义", "实际", "同口径")

_TARGET_STRONG = re.compile(
    r"预期目标|主要目标(?:是|为)|目标(?:是|为|建议为)[：:]|目标设定|建议(?:今年|\d{4}年|全[省市区])?[^，。；]{0,20}目标|今年|明年|力争|拟|建议")
_TARGET_WEAK = re.compile(r"目标|安排|确保|争取|计划|要求|预期|努力|保持|控制在")
_PAST = re.compile(r"过去一年|一年来|去年|上年|初步统计|初步核算|预计|完成|实现了|取得|增长了|同比")
_MULTI_LOCAL = re.compile(r"年均|累计|平均每年|每年|五年")
_MULTI_SENT = re.compile(rf"{_FIVE}|五年来|过去(?:的)?五年|五年间|五年累计|这五年|本届政府|五年中|近五年")
# A sentence that opens a passage about the whole five-year period, or about the last year: in a
# review the passage goes on over the following paragraphs (2026 reports: 过去的五年极不寻常。 /
# 综合实力稳步提升。… / 民生福祉不断增进。…城镇新增就业603.7万人 / 刚刚过去的2025年很不平凡。…).
_OPENER_LEAD = re.compile(r"^[\s—\-]*(?:各位代表[！!，,：:]?)?[\s—\-]*(?:[（(][一二三四五六七八九十]+[）)])?\s*")
_MULTI_OPENER = re.compile(
    rf"^(?:(?:回望|回顾|回首)?过去(?:的)?五年|五年来|这五年|近五年|本届政府|“?{_FIVE}”?(?:时期|以来|期间)"
    r"|这是[^，。,]{0,30}的五年)")
_ANNUAL_OPENER = re.compile(r"^(?:刚刚过去的|过去(?:的)?一年|一年来|这一年|去年|今年以来)")
# Words that add up a period (a sum), as opposed to a level reached at its end (达到/突破 …)
_SUM_CUE = re.compile(r"累计|累积|合计|总计|共计|五年共|五年完成|五年实现")
_SUM_LEAD = re.compile(r"累计[，,：:]")  # 近三年累计，单位国内生产总值能耗下降10.08% (a clause of its own)
# Verbs that state where a rate stands at the end (研发投入强度从2.77%提高到3.3%)
_END_RATE_VERBS = ("", "为", "达到", "达", "提高到", "提高至", "上升到", "上升至", "下降到", "下降至", "降至", "降到", "到")
_END_LEVEL_VERBS = ("达到", "达", "突破", "超过", "增加到", "增至", "迈上", "迈过", "跨过", "保持在", "稳定在")
# 近三年累计 (national 2009): a sum over the last N years
_LAST_N_YEARS = re.compile(r"近([二三四两])年")
_CN_SMALL = {"两": 2, "二": 2, "三": 3, "四": 4}
# 到2030年…达到3.2%左右 (Shaanxi 2026): a target for a later year
_BY_YEAR = re.compile(r"到(\d{4})年")
_STRONG_BACK = re.compile(r"过去(?:的)?五年|五年来|五年间|这五年|本届政府|以来")
_CUMULATIVE_BASE = re.compile(rf"(?:比|较|相比)(?:“)?(?:(?:{_FIVE})”?末|(\d{{4}})年)|与(\d{{4}})年相比")
_PARTIAL = re.compile(r"前三季度|上半年|一季度|二季度|三季度|前\d+个月|\d+-\d+月|\d+至\d+月|1—\d+月")
_YEAR = re.compile(r"(?<![\d比较从于至到])(\d{4})年(?!以来|前|底|代|末)")
_QUALIFIERS = re.compile(r"在实际工作中[^，。；]{0,8}争取更好(?:的)?结果|[努力]*争取更好(?:的)?结果|力争更好结果|力争达到\d+(?:\.\d+)?%|努力跑赢全国")
_FORWARD = re.compile(r"目标|力争|提出|纲要|规划|建议|预期目标|设定|确保|到20\d\d年|努力实现|要")
_BACKWARD = re.compile(r"过去五年|五年来|五年间|这五年|本届政府|以来|实现了?|完成|达到|跨越|跨过|迈上|突破|增加到|提高到|成就|时期[，,]")
_FIVE_YEARS = {"六五": (1981, 1985), "七五": (1986, 1990), "八五": (1991, 1995), "九五": (1996, 2000),
               "十五": (2001, 2005), "十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
               "十五五": (2026, 2030), "十六五": (2031, 2035)}
_ABSENCE = re.compile(
    r"(?:没有|未|不再|不)(?:提出|设定|设置|设|确定|规定)(?P<what>[^。，；]{0,14}?)(?:具体|量化|的)*(?:增长|增速)?目标")


def _split_sentences(line: str, base: int):
    pos = 0
    for m in _SENT_END.finditer(line):
        yield base + pos, base + m.end()
        pos = m.end()
    if pos < len(line):
        yield base + pos, base + len(line)


def _quantity_after(norm: str, at: int, limit: int, units: tuple[str, ...], *, missing_ok: bool) -> Quantity | None:
    """The quantity right at ``at`` (a leading minus allowed) with a unit in ``units``."""
    sign = 1
    while at < limit and norm[at] == " ":
        at += 1
    if at < limit and norm[at] in "-−":
        sign, at = -1, at + 1
    q = parse_quantity(norm, at, allow_missing_unit=missing_ok)
    if q is None or q.end > limit:
        return None
    if q.unit is None:
        # 可比增长5, : a figure whose unit is missing (only when a delimiter follows at once)
        if not missing_ok or q.end >= limit or norm[q.end] not in ",，、；;。" or (q.value or 0) >= 50:
            return None
    elif units and q.unit not in units:
        return None
    if sign < 0:
        q.value = -q.value if q.value is not None else None
        q.flags.append("negative")
    return q


@dataclass
class _Reading:
    q: Quantity
    measure: str | None
    pre: str
    verb: str
    window_text: str


def _segments(norm: str, start: int, end: int):
    """Positions in ``norm[start:end]`` where a clause may start: the start and after 、，,."""
    yield start
    for i in range(start, end):
        if norm[i] in "、，," and not (0 < i < end - 1 and norm[i - 1].isdigit() and norm[i + 1].isdigit()):
            yield i + 1  # (not the comma of 3,680: a number does not start inside a number)


def _read_growth(norm, ind: Indicator, alias: str, start: int, end: int, verbs: dict[str, int]) -> _Reading | None:
    for n, seg in enumerate(_segments(norm, start, end)):
        if n > 3:
            break
        rx = _IMPLICIT_RX if (n == 0 and alias in ind.implicit_verb) else _GROWTH_RX
        m = rx.match(norm, seg, end)
        if m is None or (rx is _GROWTH_RX and not m.group("verb")):
            continue
        q = _quantity_after(norm, m.end(), end, ("%",), missing_ok=True)
        if q is None:
            if m.group("verb") in ("增速", "增幅") and n == 0:
                continue
            continue
        verb = m.group("verb")
        if verbs.get(verb, 1) < 0 and q.value is not None:
            q.value = -q.value
            q.flags.append("negative")
        return _Reading(q, "growth", m.group("pre"), verb, norm[start:end])
    return None


def _read_level(norm, ind: Indicator, start: int, end: int) -> _Reading | None:
    for n, seg in enumerate(_segments(norm, start, end)):
        if n > 2:
            break
        m = _LEVEL_RX.match(norm, seg, end)
        if m is None:
            continue
        q = _quantity_after(norm, m.end(), end, ind.units, missing_ok=False)
        if q is not None and q.unit in ind.units:
            return _Reading(q, "level", m.group("pre") or "", m.group("verb") or "", norm[start:end])
    return None


def _read_rate(norm, ind: Indicator, start: int, end: int, verbs: dict[str, int]) -> _Reading | None:
    m = _FROM_TO_RX.match(norm, start, end)
    if m is not None:
        q = _quantity_after(norm, m.end(), end, ind.units or ("%",), missing_ok=False)
        if q is not None:
            return _Reading(q, None, "", "到", norm[start:end])
    m = _RATE_RX.match(norm, start, end)
    if m is None:
        return None
    q = _quantity_after(norm, m.end(), end, ind.units or ("%",), missing_ok=True)
    if q is None:
        return None
    verb = m.group("verb") or ""
    if verb.endswith(_NEG_VERBS) and not any(v in verb for v in ind.rate_verbs) and q.value is not None:
        q.value = -q.value
        q.flags.append("negative")
    return _Reading(q, None, m.group("pre") or "", verb, norm[start:end])


def _five_year_span(text: str) -> tuple[int, int] | None:
    m = re.search(_FIVE, text)
    return _FIVE_YEARS.get(m.group(0)) if m else None


def _classify(norm: str, sent_start: int, alias_start: int, q: Quantity, reading: _Reading, zone: str | None,
              year: int | None, para_multi: bool = False, ind_total: bool = False) -> tuple[str, int | None, int | None, list[str], list[str]]:
    """kind, period, period_start, qualifiers, flags for one reading."""
    prefix = norm[sent_start:q.start]
    clause_start = max(prefix.rfind(c) for c in "；;") + 1 if any(c in prefix for c in "；;") else 0
    clause = prefix[clause_start:]
    local = norm[alias_start:q.start]
    if reading.measure == "level":
        # 货物进出口总额年均增长8.6%，突破40万亿元: the 年均 belongs to the growth before the comma
        cut = max(local.rfind(c) for c in "，,、；;")
        local = local[cut + 1:] if cut >= 0 else local
    qualifiers: list[str] = []
    flags: list[str] = []
    # the clause the alias sits in (after the last comma before it)
    alias_clause = norm[sent_start:alias_start]
    cut = max(alias_clause.rfind(c) for c in "，,；;：:")
    alias_clause = alias_clause[cut + 1:] if cut >= 0 else alias_clause

    if "预计" in prefix[-30:] or "预计" in local:
        qualifiers.append("预计")
    if "初步统计" in prefix or "初步核算" in prefix:
        qualifiers.append("初步统计")

    multi_local = _MULTI_LOCAL.search(local) or _MULTI_LOCAL.search(alias_clause)
    base = _CUMULATIVE_BASE.search(prefix[-40:])
    multi_sent = _MULTI_SENT.search(prefix)
    sum_clause = _SUM_LEAD.search(clause)
    annual_marker = year and re.search(rf"{year - 1}年|全年|过去一年|一年来|去年|今年|收官之年",
                                       prefix[multi_sent.end():] if multi_sent else prefix)
    span = _five_year_span(prefix)
    last_n = _LAST_N_YEARS.search(prefix)
    if last_n and year and span is None:
        n_years = _CN_SMALL[last_n.group(1)]
        span = (year - n_years, year - 1)
    by_year = [int(m.group(1)) for m in _BY_YEAR.finditer(prefix)]
    if by_year and year and by_year[-1] > year:  # 到2030年…: a multi-year target ending that year
        return MULTI_YEAR_TARGET, by_year[-1], year, qualifiers, flags
    plan_zone = zone in (PLAN, PLAN_MULTI, MULTI_MIXED)
    is_targety = bool(_TARGET_STRONG.search(clause) or _TARGET_STRONG.search(prefix)) or (
        plan_zone and bool(_TARGET_WEAK.search(prefix)))
    multi_zone = zone == PLAN_MULTI and not re.search(r"今年|\d{4}年|主要预期目标|预期目标(?:是|为)", prefix)
    if (multi_local or base or sum_clause or (multi_sent and not annual_marker) or (para_multi and not annual_marker)
            or multi_zone):
        if "年均" in local or "年均" in alias_clause:
            qualifiers.append("年均")
        elif "每年" in local or "每年" in alias_clause:
            qualifiers.append("每年")
        elif "累计" in local or "累计" in alias_clause or base or sum_clause:
            qualifiers.append("累计")
        fwd = [m.end() for m in _FORWARD.finditer(prefix)]
        bwd = [m.end() for m in _BACKWARD.finditer(prefix)]
        hedged = q.modifier in (AROUND, AT_LEAST, AT_MOST, RANGE)
        if fwd and bwd:
            forward = zone == PLAN_MULTI or hedged or max(fwd) > max(bwd)
        elif fwd:
            forward = True
        elif bwd:
            forward = False
        elif zone == PLAN_MULTI:
            forward = True
        elif zone == REVIEW:
            forward = False
        else:
            forward = hedged
        if zone == PLAN_MULTI and not _STRONG_BACK.search(prefix):
            forward = True  # the 十五五 goals: 研发经费投入强度提高到1.6%左右 is a goal, not a result
        if base:
            forward, span = False, None
        if forward:
            kind = MULTI_YEAR_TARGET
            if span is None or (year and span[1] < year):
                span = (year, year + 4) if year else None
        else:
            kind = CUMULATIVE
            if span is None or (year and span[0] >= year):
                span = (year - 5, year - 1) if year else None
            summed = multi_local or sum_clause or base or _SUM_CUE.search(local) or _SUM_CUE.search(alias_clause)
            at_end = (reading.measure == "level" and not ind_total and not summed) or (
                reading.measure is None and not summed and reading.verb in _END_RATE_VERBS
                and "一直" not in local and "一直" not in alias_clause)
            if at_end:
                # 国内生产总值达到39.8万亿元 / 研发投入强度提高到3.3% in a five-year review: where the
                # figure stands at the end of the period, the last year's outcome (not a sum)
                end = span[1] if span else (year - 1 if year else None)
                return OUTCOME, end, end, qualifiers, flags
        return kind, span[1] if span else None, span[0] if span else None, qualifiers, flags

    if (_PARTIAL.search(alias_clause) or _PARTIAL.search(clause[-40:])) and "全年" not in alias_clause:
        flags.append("partial_year")
        period = year - 1 if year else None
        return OUTCOME, period, period, qualifiers, flags

    explicit = None
    for m in _YEAR.finditer(prefix):
        explicit = int(m.group(1))
    past_cue = bool(_PAST.search(prefix))
    if explicit is not None and year and explicit < year and explicit >= year - 3:
        kind = TARGET if _TARGET_STRONG.search(clause) and "预期目标" in clause else OUTCOME
        return kind, explicit, explicit, qualifiers, flags
    if is_targety and not ("预计" in qualifiers and not re.search("预期目标|目标是|目标为", prefix)):
        period = explicit if (explicit and year and explicit >= year) else year
        return TARGET, period, period, qualifiers, flags
    if past_cue or zone == REVIEW:
        period = year - 1 if year else None
        return OUTCOME, period, period, qualifiers, flags
    if zone in (PLAN, PLAN_MULTI):
        return TARGET, year, year, qualifiers, flags
    # nothing tells: a hedged figure is a target, a plain one a result
    flags.append("kind_guessed")
    if q.modifier in (AROUND, AT_LEAST, AT_MOST, RANGE):
        return TARGET, year, year, qualifiers, flags
    period = year - 1 if year else None
    return OUTCOME, period, period, qualifiers, flags


def _qualifiers_after(norm: str, q: Quantity, limit: int) -> list[str]:
    out = []
    tail = norm[q.ext_end:limit]
    for m in _QUALIFIERS.finditer(tail):
        if m.start() > 40:
            break
        out.append(m.group(0))
    if norm[q.ext_end:q.ext_end + 2] == "安排":
        out.append("按…安排")
    return out


def extract_facts(text: str, year: int | None, doc_id: str | None = None, *, catalog: Catalog | None = None,
                  norm: str | None = None) -> list[Fact]:
    """Every fact in one report. ``norm`` (the stored normalized view) saves recomputing it."""
    catalog = catalog or load_catalog()
    norm = norm if norm is not None else normalize(text)
    if len(norm) != len(text):
        raise ValueError("the normalized view must have the same length as the text")
    rx = catalog.alias_regex
    facts: list[Fact] = []
    zone: str | None = None
    seen_review = False
    period_ctx: str | None = None  # "multi" / "annual": what the review passage is about
    pos = 0
    for line in norm.split("\n"):
        base, pos = pos, pos + len(line) + 1
        if not line.strip():
            continue
        if _is_heading(line):
            z = classify_heading(line, year)
            if z is None and _NUMBERED.match(line) and zone == REVIEW and seen_review:
                z = PLAN  # the numbered part after the review is the plan, even when it says so vaguely
            if z is not None:
                zone = z
                seen_review = seen_review or z == REVIEW
                period_ctx = None
            else:  # a sub-heading may open a passage too: （二）“十五”期间国民经济和社会发展主要情况
                period_ctx = _next_ctx(_opened(line, year), period_ctx)
            continue
        if zone == SKIP:
            continue
        for s, e in _split_sentences(line, base):
            period_ctx = _next_ctx(_opened(norm[s:e], year), period_ctx)
            facts.extend(_sentence_facts(text, norm, s, e, zone, year, doc_id, catalog, rx, period_ctx == "multi"))
            facts.extend(_absences(text, norm, s, e, year, doc_id, catalog))
    _mark_primary(facts)
    return facts


def _opened(sentence: str, year: int | None) -> str | None:
    """"multi" when a sentence opens a passage about the five-year period (这五年，… / “十四五”时期是…的五年 /
    过去的五年极不寻常), "annual" when it opens one about the last year (刚刚过去的2025年 / 过去一年 /
    2025年是…收官之年), else None (the passage goes on)."""
    t = _OPENER_LEAD.sub("", sentence, count=1)
    if _ANNUAL_OPENER.match(t) or (year and t.startswith(f"{year - 1}年")):
        return "annual"
    m = _MULTI_OPENER.match(t)
    if m:
        span = _five_year_span(m.group(0))
        if span and year and span[0] >= year:
            return "forward"  # “十五五”时期是…: the plan, not a review
        return "multi"
    return None


def _next_ctx(opened: str | None, ctx: str | None) -> str | None:
    if opened == "forward":
        return None
    return opened or ctx


# Areas spanning several regions: a clause about one of them right before a bare alias makes it
# the alias's subject (重庆 2026: 川渝一体化发展格局加速形成，地区生产总值五年…突破10万亿元 is
# 川渝's total, not 重庆's). Narrow on purpose: 县域/园区/片区 clauses before a figure of the
# region itself are common (新增11个全国县域商业领跑县，社会消费品零售总额增长6%).
_MULTI_REGION_AREA = re.compile(r"川渝|成渝|长三角|京津冀|粤港澳|大湾区|双城经济圈|都市圈|城市群")
_CLAUSE_MARKS = "，,；;。"


def _other_area_subject(norm: str, sent_start: int, alias_start: int) -> bool:
    """Whether the alias opens a clause whose subject is the multi-region area of the clause before."""
    if alias_start == sent_start or norm[alias_start - 1] not in _CLAUSE_MARKS:
        return False
    before = norm[sent_start:alias_start - 1]
    prev = before[max(before.rfind(c) for c in _CLAUSE_MARKS) + 1:]
    return bool(_MULTI_REGION_AREA.search(prev))


def _sentence_facts(text, norm, s, e, zone, year, doc_id, catalog: Catalog, rx, para_multi=False) -> list[Fact]:
    out: list[Fact] = []
    matches = [m for m in rx.finditer(norm, s, e)]
    if not matches:
        return out
    for i, m in enumerate(matches):
        alias = m.group(0)
        inds = catalog.by_alias(alias)
        if not inds:
            continue  # a blocker
        if not _LEFT_OK.search(norm[max(s, m.start() - 4):m.start()]) and m.start() != s:
            continue
        if _other_area_subject(norm, s, m.start()) or "损失" in norm[s:m.start()]:
            continue  # another area's figure, or a loss (1978: 全国大约损失…财政收入四百亿元)
        # 城镇调查失业率、居民消费价格涨幅分别控制在5%和3%以内: names in a row, then 分别 and one
        # figure each; every name reads after the last one and takes its own figure
        last, nth = _respective(norm, matches, i)
        at = matches[last].end()
        wend = min(e, at + 60, matches[last + 1].start() if last + 1 < len(matches) else e)
        semi = min((norm.find(c, at, wend) for c in "；;" if norm.find(c, at, wend) >= 0), default=-1)
        if semi >= 0:
            wend = semi
        for ind in inds:
            readings: list[_Reading] = []
            if ind.type == "growth":
                r = _read_growth(norm, ind, alias, at, wend, catalog.growth_verbs)
                if r:
                    readings.append(r)
                if "level" in ind.measures:
                    r = _read_level(norm, ind, at, wend)
                    if r:
                        readings.append(r)
            elif ind.type == "level":
                r = _read_level(norm, ind, at, wend)
                if r:
                    readings.append(r)
            else:
                r = _read_rate(norm, ind, at, wend, catalog.growth_verbs)
                if r:
                    readings.append(r)
            for r in readings:
                if nth:
                    r = _nth_reading(norm, r, nth, wend, ind)
                    if r is None:
                        continue
                out.append(_make_fact(text, norm, s, e, m.start(), alias, ind, r, zone, year, doc_id, wend, para_multi))
    return out


_RESPECTIVE = re.compile(r"(?:均|都)?分别")
_JOIN = re.compile(r"[、和及与]|以及")


def _respective(norm: str, matches: list, i: int) -> tuple[int, int]:
    """(the index of the last name in the row of names ``matches[i]`` is in, ``i``'s place in the
    row) when 分别 follows the row; (i, 0) otherwise. Written by hand: no library reads 分别."""
    last = i
    while last + 1 < len(matches) and _JOIN.fullmatch(norm[matches[last].end() : matches[last + 1].start()]):
        last += 1
    first = i
    while first > 0 and _JOIN.fullmatch(norm[matches[first - 1].end() : matches[first].start()]):
        first -= 1
    if last == first or not _RESPECTIVE.match(norm, matches[last].end()):
        return i, 0
    return last, i - first


def _nth_reading(norm: str, r: _Reading, nth: int, limit: int, ind: Indicator) -> _Reading | None:
    """The reading moved ``nth`` figures on (分别控制在5%和3%以内: the second name's is 3%)."""
    q = r.q
    for _ in range(nth):
        sep = re.match(r"\s*(?:和|、|及|与|,|，)\s*", norm[q.end : limit])
        if not sep:
            return None
        nxt = _quantity_after(norm, q.end + sep.end(), limit, ind.units or (), missing_ok=True)
        if nxt is None:
            return None
        if nxt.unit is None and q.unit is not None:
            nxt.unit = q.unit
        q = nxt
    return _Reading(q, r.measure, r.pre, r.verb, r.window_text)


def _make_fact(text, norm, s, e, alias_start, alias, ind: Indicator, r: _Reading, zone, year, doc_id, wend, para_multi) -> Fact:
    q = r.q
    kind, period, period_start, qualifiers, flags = _classify(norm, s, alias_start, q, r, zone, year, para_multi,
                                                              ind.period_total)
    flags = flags + [f for f in q.flags if f != "negative"]
    # not the alias itself (实际使用外资 states no basis); between the alias and the figure it may
    # sit in a clause of its own (国内生产总值达到67700多亿元，按可比价格计算，比上年增长9.7%)
    between = norm[alias_start + len(alias):q.start]
    basis = next((b for b in _BASIS if b in r.pre), None) or next((b for b in _BASIS if b in between), None)
    measure = ind.measure_by_alias.get(alias) if ind.measure_by_alias else (r.measure if ind.measures else None)
    qualifiers = qualifiers + _qualifiers_after(norm, q, e)
    if "力争" in r.pre:
        qualifiers.append("力争")
    # trim the sentence quote of leading spaces (indented paragraphs)
    while s < e and text[s] in " \u3000\t":
        s += 1
    return Fact(
        indicator=ind.id, kind=kind, period=period, period_start=period_start,
        value=q.value, low=q.low, high=q.high, unit=q.unit, modifier=q.modifier,
        start=s, end=e, num_start=q.start, num_end=q.ext_end if q.ext_end > q.end else q.end,
        quote=text[s:e], basis=basis, measure=measure, qualifiers=list(dict.fromkeys(qualifiers)),
        flags=list(dict.fromkeys(flags)), doc_id=doc_id,
    )


def _absences(text, norm, s, e, year, doc_id, catalog: Catalog) -> list[Fact]:
    out = []
    for m in _ABSENCE.finditer(norm, s, e):
        what = m.group(0)
        ind_id = None
        if re.search(r"经济增速|经济增长|增速|gdp|生产总值", what):
            ind_id = "gdp_growth"
        else:
            for am in catalog.alias_regex.finditer(what):
                inds = catalog.by_alias(am.group(0))
                if inds:
                    ind_id = inds[0].id
                    break
        if ind_id is None or ind_id not in catalog:
            continue
        out.append(Fact(indicator=ind_id, kind=NO_TARGET, period=year, period_start=year, value=None, low=None,
                        high=None, unit=None, modifier=None, start=s, end=e, num_start=m.start(), num_end=m.end(),
                        quote=text[s:e], flags=["explicit_absence"], doc_id=doc_id))
    return out


_HEADLINE = re.compile(r"主要预期目标|预期目标(?:是|为|建议为)|主要目标(?:是|为)|目标(?:是|为)[：:]")


def _mark_primary(facts: list[Fact]) -> None:
    """The fact to use for a report's indicator/kind/period: the 主要预期目标 statement for a
    target, else the first statement (partial-year figures never)."""
    groups: dict[tuple, list[Fact]] = {}
    for f in facts:
        if "partial_year" in f.flags:
            continue
        groups.setdefault((f.indicator, f.measure, f.kind, f.period, f.period_start), []).append(f)
    for key, items in groups.items():
        best = None
        if key[2] == TARGET:
            best = next((f for f in items if _HEADLINE.search(f.quote[: max(0, f.num_start - f.start)])), None)
        if best is None:
            best = items[0]
        best.primary = True
