"""Offline answers: the sentence(s) of the reports that answer the question, with the answer
span highlighted, cited by Span. No model, nothing to configure.

When no sentence covers enough of the question, the answer is an honest refusal
("报告中未提及…") with the closest passages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.ask.model import ANSWERED, MODE_EXTRACTIVE, NOT_FOUND, Answer, Citation, Passage
from baogao.ask.numbers import find_numbers
from baogao.ask.question import _PLAN_PERIOD as _PLAN
from baogao.ask.split_names import output_name, paragraph_headline, sector_names, split_name
from baogao.ask.years import base_years, review_of_year_before, same_comparison, span_cue, year_cue, years_named
from baogao.ask.question import AREA, DEFINITION, NUMBER, SUMMARY, Question, measure_in
from baogao.ask.retrieve import DocMeta, Retrieval
from baogao.services.library import NATIONAL_CODE
from baogao.store.schema import GlossaryRow
from baogao.text.normalize import normalize

# How much of the question (by keyword weight) a sentence must contain to answer it.
MIN_SENTENCE_COVERAGE = 0.62
MIN_SENTENCE_COVERAGE_STRONG_PASSAGE = 0.5  # when the paragraph as a whole covers everything
STRONG_PASSAGE = 0.85
NATIONAL_TOLERANCE = 0.3  # no region named: a national sentence this close to the best one wins

MEASURE_CHARS = "台家个项户人套张所座条次场名元亿万千百"
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")


@dataclass
class Sentence:
    passage: Passage
    start: int  # document offsets
    end: int
    norm: str
    text: str
    coverage: float
    score: float
    highlight: tuple[int, int] | None = None


def sentences(p: Passage) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(p.norm):
        s, e = m.start(), m.end()
        while s < e and p.norm[s] in " \t　":
            s += 1
        if e - s >= 4:
            out.append((p.start + s, p.start + e))
    return out


def _sentence_coverage(norm: str, r: Retrieval) -> tuple[float, dict[str, int]]:
    total = sum(r.weights.values()) or 1.0
    hit = {kw: sum(norm.count(a) for a in alts) for kw, alts in r.groups.items()}
    hit = {k: v for k, v in hit.items() if v}
    partial = sum(r.weights[k] * r.partial(k, norm) for k in r.parts if k not in hit)
    return (sum(r.weights[k] for k in hit) + partial) / total, hit


_ORDINAL_AFTER = re.compile(r"届|次会议|次全会|次全体|次代表大会|中全会|大(?!于)|五规划|五计划|五时期|五期间")
_DURATION_NUM = re.compile(r"(?<![\d一二两三四五六七八九十百〇○零])((?:\d+|[一二两三四五六七八九十]{1,3})(?:个)?(?:年|个月|月|天|周|小时))(?:的)?(?:时间|时期)?")
_YEAR_WORD = re.compile(r"(?:19|20)\d{2}年|[一二〇○零九八七六五四三]{4}年")


def _duration_highlight(norm: str, offset: int) -> tuple[int, int] | None:
    """The length of time a 多长时间 question asks for (集中三年的时间, 18个月): one said to be a
    time (…的时间) first, else the first one that is not an ordinal or a year."""
    found = []
    for m in _DURATION_NUM.finditer(norm):
        if norm[max(0, m.start() - 1) : m.start()] == "第" or _YEAR_WORD.fullmatch(m.group(1)):
            continue
        found.append((0 if m.group(0).endswith(("时间", "时期")) else 1, m.start(1), m.end(1)))
    if not found:
        return None
    _, s, e = min(found)
    return offset + s, offset + e


def _number_highlight(q: Question, norm: str, offset: int, r: Retrieval) -> tuple[int, int] | None:
    """The number that answers a 多少 question: after the question's words, with its unit."""
    from baogao.ask.answer_facts import indicator_units
    from baogao.ask.words import load_words

    if q.duration:
        hl = _duration_highlight(norm, offset)
        if hl is not None:
            return hl
    nums = [n for n in find_numbers(norm) if not re.fullmatch(r"(?:19|20)\d{2}", n.text.replace(" ", "")) or n.unit]
    nums = [n for n in nums if not norm[n.end :].lstrip(" ")[:1] == "年" or n.unit]
    # 十一届三中全会, 第七届: ordinals name a meeting, they do not answer a 多少
    rank = bool(_RANK_ASKED.search(q.norm))
    if rank:  # 增速在全国排第几: the answer is the ordinal (居全国第3位)
        ranks = [n for n in nums if norm[max(0, n.start - 1) : n.start] == "第"]
        if ranks:
            nums = ranks
        else:
            written = _ORDINAL.search(norm)  # 跃居全国第一 (a numeral the number reader does not take)
            if written:
                return offset + written.start(), offset + written.end()
    nums = [n for n in nums if n.unit or rank or not (_ORDINAL_AFTER.match(norm, n.end) or norm[max(0, n.start - 1) : n.start] == "第")]
    asked = {n.text for n in find_numbers(q.norm)}
    nums = [n for n in nums if n.text not in asked or n.unit]  # 外滩03、04更新单元: names, not answers
    if q.plan_period:  # a figure in a clause about another five-year plan does not answer (“十一五”年均增长7.5%)
        def other_plan(n) -> bool:
            cs, ce = _clause(norm, n.start, n.end)
            named = plan_periods(norm[cs:ce])
            return bool(named) and q.plan_period not in named
        nums = [n for n in nums if not other_plan(n)]
    if not nums:
        return None
    units = [u for u in indicator_units().get(q.indicator, ()) if u != "%"] if q.indicator else []

    def in_units(n) -> bool:  # 1.3万亿元 for gdp (亿元, 万亿元)
        return any(u in n.text + norm[n.end : n.end + 4] for u in units)

    own_item = _respective_figure(q, norm, nums)
    if own_item is not None:
        nums = [own_item]  # 城镇居民、农村居民…分别增长4.6%、6.7%: the 农村居民 asked about is 6.7%
    if asks_percent(q) or _asks_growth_rate(q):
        # 增长了百分之几 / GDP增长了多少: 即增长3.68%, not the 966,485,000元 before it
        nums = [n for n in nums if n.percent or _TIMES.match(norm, n.end)] or nums
    if q.indicator:
        # the number of an indicator stands in the same clause, after the indicator's name
        ind_words = next((alts for kw, alts in r.groups.items() if q.indicator_words and kw == q.indicator_words[0]), [])
        same_clause = []
        for n in nums:
            cs, _ = _clause(norm, n.start, n.end)
            if any(0 <= norm.find(a, cs) < n.start for a in ind_words):
                same_clause.append(n)
        if same_clause and not _asks_change(q) and all(_is_change(norm, n) for n in same_clause):
            # 国家财政收入比上年增加1501亿元，总额首次突破万亿元，达到11377亿元: the clause of the
            # indicator gives the change; the level asked for follows it
            same_clause += [n for n in nums if n.start > same_clause[-1].end and not _is_change(norm, n)][:1]
        if same_clause and units and not any(in_units(n) for n in same_clause):
            # 全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元: the figure in the indicator's units follows
            same_clause += [n for n in nums if n.start > same_clause[-1].end and in_units(n)][:1]
        if same_clause and _DIFF_ASKED.search(q.norm) and not any(_DIFF_OWN.search(_own_words(norm, n.start)) for n in same_clause):
            # 比2024年快了多少: 全年GDP增长4%，快于2024年1.8个百分点 (the difference follows the level)
            same_clause += [n for n in nums if n.start > same_clause[-1].end and _DIFF_OWN.search(_own_words(norm, n.start))][:1]
        if same_clause and _ASKS_RESULT.search(q.norm):
            # 物价涨幅要从14.8%降到10%左右，…，实际回落到6.1%: what it actually came to follows
            same_clause += [n for n in nums if n.start > same_clause[-1].end
                            and _ACTUAL_OWN.search(_own_words(norm, n.start))][:1]
        nums = same_clause or nums
    words = load_words()
    anchors = []
    for kw, alts in r.groups.items():
        cue = words.factor(kw) < 1.0
        for a in alts:
            i = norm.find(a)
            while i >= 0:
                anchors.append((i + len(a), r.weights.get(kw, 1.0), cue))
                i = norm.find(a, i + 1)
    best, best_score = None, -1e9
    rate = asks_rate(q)
    change = _asks_change(q)
    diff_asked = bool(_DIFF_ASKED.search(q.norm))
    growth_asked = not q.measure and bool(re.search(r"增长(?:了)?(?:多少|几)|增速|增幅", q.norm))
    groups_asked = _content_groups(r)
    from_asked = bool(re.search(r"从|由|原来|起初|此前", q.norm))
    to_asked = not from_asked and bool(_TO_ASKED.search(q.norm))
    total = bool(_TOTAL_ASKED.search(q.norm)) and not _NEW_BEFORE.search(q.norm)
    for n in nums:
        score = 0.0
        own = _own_words(norm, n.start)  # the figure's words since the clause's previous figure
        # (4 0 8 3 公里: the 1998 report spaces its digits; 二万四千多个: 多/余 before the measure)
        after = norm[n.end : n.end + 5].lstrip(" ").removeprefix("多").removeprefix("余")[:3]
        if in_units(n):
            score += 3.0  # 地区生产总值达到多少 is 1.3万亿元, not the 4个千亿台阶 before it
        if q.measure and (after.startswith(q.measure) or n.text.endswith(q.measure)
                          or (q.measure == AREA and measure_in(AREA, norm[n.end : n.end + 5]))):
            score += 3.0
        if q.indicator and (q.indicator.endswith("growth") or q.indicator in ("cpi", "unemployment", "deficit_ratio")):
            if n.unit == "%":
                score += 1.5
        elif n.percent and not rate:
            score -= 1.0  # 工农业总产值是多少 is an amount, not the share in 所占比重由百分之二十七点八…
        if growth_asked and not q.indicator:
            rate_like = n.percent or bool(_TIMES.match(norm, n.end))  # (增长六点五倍)
            score += 2.0 if rate_like else -0.5  # 绿电同比增长多少: 增长32%, not the 22个省区市 before it
        if not from_asked and _FROM_BEFORE.search(own) and re.match(r"[^，,。；;]{0,12}?(?:到|至)", norm[n.end :]):
            score -= 1.5  # 物价涨幅要从14.8%降到10%左右: the figure asked for is where it goes to
        if to_asked and _TO_OWN.search(own):
            score += 1.5  # 赤字能压到多少: 从…一百七十亿元、…预计降低到今年的二十七亿元
        if not change and _CHANGE_BEFORE.search(own[-8:]):
            score -= 3.0  # 财政收入达到多少 is 达到11377亿元, not the 比上年增加1501亿元 before it
        elif change and _CHANGE_ASKED.search(q.norm) and _CHANGE_BEFORE.search(own[-8:]):
            score += 1.5  # 比上年多了多少 is the 比上年增加1307亿元 after the level
        if diff_asked:
            score += 3.5 if _DIFF_OWN.search(own) else -1.5  # 比2024年快了多少: 快于2024年1.8个百分点
        if q.fact_kind and _PLANNED_OWN.search(own) != _ACTUAL_OWN.search(own):
            # 一九八一年计划为百分之三点七，实际达到百分之四点六: the figure of the kind asked for
            planned = bool(_PLANNED_OWN.search(own))
            score += 0.8 if planned == (q.fact_kind == "target") else -0.8
            if not planned and "实际" in q.norm and "实际" in own:
                score += 1.0  # 实际结果如何: …要从14.8%降到10%左右，…，实际回落到6.1%
        if groups_asked and _another_subject(groups_asked, own, q.norm):
            score -= 2.0  # 蔬菜产量稳定在多少 is not 粮食播种面积稳定在100万亩以上 before it
        if total and _NEW_BEFORE.search(own):
            score -= 1.5  # 总里程有多少 is 总里程达909公里, not the 新增运营里程30公里 before it
        elif total and "总" in q.norm and "总" in own:
            score += 0.5
        if q.years:
            # a figure said to be of another year (由一九七八年的百分之二十七点八) does not answer
            # for the year asked about
            named = years_named(own)
            if named:
                score += 0.5 if named & set(q.years) else -1.0
            if not _SPAN_ASKED.search(q.norm) and _SPAN_OWN.search(own):
                score -= 1.0  # 1956年增加了多少 is not 前三年共增加了一百五十万吨 before 1956年就增加了…
        # a question word right after the figure: 10个标准化站点
        tail = norm[n.end : n.end + 16]
        for kw, alts in r.groups.items():
            if any(tail.lstrip(MEASURE_CHARS)[: len(a)] == a for a in alts if a):
                score += 1.5 * min(r.weights.get(kw, 1.0), 3) / 3
                break
        # the question's words in the figure's own clause (地表水…断面比例提高到90.4%, not the
        # 优良天数比例 of the clause before)
        cs, ce = _clause(norm, n.start, n.end)
        clause = norm[cs:ce]
        total_w = sum(r.weights.values()) or 1.0
        score += 2.0 * sum(r.weights.get(kw, 0.0) for kw, alts in r.groups.items()
                           if words.factor(kw) >= 1.0 and any(a and a in clause for a in alts)) / total_w
        # closeness to the nearest preceding keyword, weighted; a cue word (增长, 目标) only
        # counts when no content word precedes the figure (入住率同比增长4.3%,营收同比增长7.3%)
        before = [(n.start - a, w, cue) for a, w, cue in anchors if a <= n.start + 1]
        content = [(d, w) for d, w, cue in before if not cue]
        dists = content or [(d, w) for d, w, _ in before]
        if dists:
            d, w = min(dists, key=lambda t: t[0])
            score += 2.0 / (1 + d / 6) * min(w, 3) / 3 + 0.5
        else:
            score -= 1.0
        if score > best_score:
            best, best_score = n, score
    assert best is not None
    if _FROM_TO_ASKED.search(q.norm):
        # 从多少减到了多少: both ends, 由4960万人减少到2820万人
        for a, b in zip(nums, nums[1:]):
            if _FROM_BEFORE.search(_own_words(norm, a.start)) and re.fullmatch(r"[^，,。；;\d]{0,8}(?:到|至)", norm[a.end : b.start].strip()):
                best = a
                tail = re.match(rf"(?:余|多)?[{re.escape(MEASURE_CHARS)}]*", norm[b.end :])
                return offset + a.start, offset + b.end + (len(tail.group(0)) if tail else 0)
    end = best.end
    # a range is one answer: 百分之八至九, 6%－6.5%, 8%到9%
    rng = re.match(r"\s*(?:至|到|－|-|~|～|—)\s*", norm[end:])
    if rng:
        nxt = next((n for n in nums if n.start == end + rng.end()), None)
        if nxt is None:  # 百分之八至九: the second figure is a bare numeral the reader does not take
            bare = re.match(r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百点〇零]+)(?:%|％)?", norm[end + rng.end():])
            end = end + rng.end() + bare.end() if bare else end
        else:
            end = nxt.end
    # include a measure word or unit written right after the number (100台, 299.40亿元, 1.4万亿斤,
    # 140余处, 300多家)
    m = re.match(rf" ?(?:余|多)?[{re.escape('台家个项户人套张所座条次场名元公里平方米公顷亩吨斤辆架起件批处万亿美标箱千瓦时立方微克/度位门倍')}]+", norm[end:])
    if m:
        unit = m.group(0)
        counted = re.search(r"[个家项户套张所座条场名台辆架件批处位门]", unit)
        if counted:  # a measure word ends the unit: 二万四千多个|人民公社, 5家|企业
            unit = unit[: counted.end()]
        end += min(len(unit), 8)  # (27微克/立方米)
    mod = re.match(r"左右|以上|以内|以下|上下", norm[end:])
    if mod:
        end += len(mod.group(0))
    start = best.start - 1 if norm[max(0, best.start - 1) : best.start] == "第" else best.start  # 第3位
    return offset + start, offset + end


# a figure that is a change (比上年增加1501亿元, 减少了300万吨) answers a question about a change only
_CHANGE_BEFORE = re.compile(r"(?:(?:增加|增长|减少|下降|提高|降低|扩大|缩小|增收|减收|多|少)了?(?:约|近|超过)?"
                            r"|(?:快于|慢于|高于|低于)(?:上年|去年|全国|全省|(?:19|20)\d{2}年)?)$")  # (快于2024年1.8个百分点)
_FORECAST = re.compile(r"将达|将有|将超过|预计")  # 今年高校毕业生将达727万人: what the year will see, not a target
_OWN_YEAR = re.compile(r"今年(?!以来)")  # the report's own year
_FROM_TO_ASKED = re.compile(r"(?:从|由)多少[^，,。？?]{0,8}(?:到|至)了?多少")
_FROM_BEFORE = re.compile(r"(?:从|由)[^，,。到至从由]{0,12}$")  # 从2007年底的 | 由6.1%
_PLANNED_OWN = re.compile(r"计划|目标|预期|预定|原定|要求|力争")  # a figure's own words: what was planned
_ACTUAL_OWN = re.compile(r"实际|实现了|完成了|已达|已经")  # … and what came of it
_ASKS_RESULT = re.compile(r"实际|完成了|实现了|达到了|截至|截止")  # a question that asks what came of a year
_STATES_TARGET = re.compile(r"目标|预期|力争|左右")
_NEW_BEFORE = re.compile(r"新增|新建|新开|新投|新认定|新引进|净增")  # 新增运营里程30公里 is this year's part
_TOTAL_ASKED = re.compile(r"总(?!体|的来说|结|书记)|累计|一共|总共|共有|共计")
_CHANGE_ASKED = re.compile(r"增加|新增|快了|慢了|高了|低了|高出|快多少|高多少|减少|多了|少了|扩大|缩小|增收|减收|变化|多出|少了")


_TO_ASKED = re.compile(r"(?:压|降|减|提|增|升|涨|扩|缩|控制|翻)[^，,。？?\d]{0,3}(?:到|至)(?:了)?(?:多少|几)")  # where it went to
_TO_OWN = re.compile(r"(?:到|至)[^，,。；;\d]{0,6}$")
# against a base: 比2024年快了多少, 比全国高多少
_DIFF_ASKED = re.compile(r"快了|慢了|高了|低了|高出|快多少|高多少|低多少|慢多少|(?:比|较)全国[^，,。？?]{0,6}(?:高|低|快|慢)")


def asks_difference(q: Question) -> bool:
    """Does the question ask how much a figure is above or below a base (比全国高多少)? The facts
    hold levels, not these."""
    return bool(_DIFF_ASKED.search(q.norm))
_DIFF_OWN = re.compile(r"快于|慢于|高于|低于|比上年|比去年|比(?:19|20)\d{2}年")
_SPAN_OWN = re.compile(r"前[两二三四五六七八九十]年|(?<![\d年])[两二三四五六七八九十]年(?:来|间|中|内|里)|累计|这几年|多年来")  # a figure of several years
_ITEM_SEP = re.compile(r"、|和|及|与")


def _respective_figure(q: Question, norm: str, nums: list):
    """In "A、B…分别…a、b" the figure of the one item the question names, else None. Written by
    hand: reading 分别 is not something a segmenter or number reader does."""
    at = norm.find("分别")
    if at < 0:
        return None
    cs = max(norm.rfind(c, 0, at) for c in "，,。；;：:") + 1
    ce = min((norm.find(c, at) for c in "，,。；;" if norm.find(c, at) >= 0), default=len(norm))
    items = [i.strip() for i in _ITEM_SEP.split(norm[cs:at]) if i.strip()]
    values = [n for n in nums if at < n.start < ce]
    sectors = sector_names(norm[cs:at])
    if sectors and len(sectors) == len(values):
        # 一、二、三产增加值分别增长3.5%以上、7%左右、5%以上: 第二产业 is the second
        named = [k for k, names in enumerate(sectors) if any(n in q.norm for n in names)]
        return values[named[0]] if len(named) == 1 else None
    if len(items) < 2 or len(items) != len(values):
        return None
    # what tells the items apart is how they begin (城镇居民 | 农村居民人均可支配收入: the words
    # they share come at the end, after the last one)
    heads = [i[:2] for i in items]
    named = [k for k, h in enumerate(heads) if len(h) == 2 and h in q.norm]
    return values[named[0]] if len(named) == 1 and len(set(heads)) == len(heads) else None


def _is_change(norm: str, n) -> bool:
    """Is the figure (a Num, or its start offset) stated as a change (比上年增加1501亿元)?"""
    start = n if isinstance(n, int) else n.start
    return bool(_CHANGE_BEFORE.search(_own_words(norm, start)[-8:]))


def _asks_change(q: Question) -> bool:
    return asks_rate(q) or bool(_CHANGE_ASKED.search(q.norm))


_RATE_WORDS = re.compile(r"增长|增速|增幅|涨幅|降幅|下降|提高|降低|比重|比例|占比|百分|%|率|倍|翻")


def _is_percent(figure: str) -> bool:
    return any(n.percent for n in find_numbers(figure))


_PERCENT_ASKED = re.compile(r"百分之(?:几|多少)|(?:几|多少)个?百分点|百分比是?多少|(?:是|有|为)?多少%")


def asks_percent(q: Question) -> bool:
    """增长了百分之几 asks for a percentage: an amount (增长966,485,000元) does not answer it."""
    return bool(_PERCENT_ASKED.search(q.norm))


_SHARE = re.compile(r"占|比例|比重|贡献率|贡献")
_TIMES = re.compile(r"\s*(?:倍|番|成)")


def _asks_growth_rate(q: Question) -> bool:
    """广东地区生产总值增速是多少: a growth indicator's rate (a percentage, 1.2倍, 翻一番); not its
    rank (增速在全国排第几)."""
    return bool(q.indicator and q.indicator.endswith("_growth") and not q.measure and asks_rate(q)
                and not _RANK_ASKED.search(q.norm))


def asks_rate(q: Question) -> bool:
    """Does the question ask for a rate or share (增长多少, 比重, 失业率) rather than an amount?"""
    return bool(_RATE_WORDS.search(q.norm))


def _clause(text_norm: str, s: int, e: int) -> tuple[int, int]:
    """The clause (between commas) around s..e, within the sentence."""
    start = s
    while start > 0 and text_norm[start - 1] not in "，,。；;！？!?\n":
        start -= 1
    end = e
    while end < len(text_norm) and text_norm[end] not in "，,。；;！？!?\n":
        end += 1
    return start, end


def _heading_period(q: Question, p: Passage) -> str:
    """The five-year plan the question asks about, when the passage's section is about it: a
    review under “十四五”时期和2025年工作回顾 need not repeat 十四五 in every sentence."""
    if q.plan_period and p.section and q.plan_period in plan_periods(normalize(p.section)):
        return " " + q.plan_period
    return ""


_FULL_STOP = "。！？!?\n"
_FRAME = re.compile(r"[^。！？!?\n]{2,60}以来")


def _doc_frame(norm: str) -> str:
    """The period a whole document is about when its first sentence opens with it (黄浦区第二次
    党代会以来，…): every sentence of it is in that period, though none repeats it."""
    m = _FRAME.match(norm.lstrip())
    return " " + m.group(0) if m else ""



def list_lead(norm: str, start: int, floor: int = 0) -> str:
    """The lead of the colon list a sentence is an item of (…以下的动人的数字：电力…；原煤…；鋼二百十七萬噸…):
    the words before the colon, from the full stop before it; "" for a sentence that is no list item.
    The items after the first are split off at ；, but they say what the lead says of each."""
    i = start
    while i > floor and norm[i - 1] not in _FULL_STOP:
        i -= 1
    colon = max(norm.rfind("：", i, start), norm.rfind(":", i, start))
    if colon >= 0:
        return norm[i : colon + 1]
    if i < start and norm[start - 1 : start] in ("；", ";"):
        # …“七五”计划草案规定，全国工农业总产值平均每年增长百分之六点七，…；国民生产总值平均每年
        # 增长百分之七点五: a later ；-item shares the framing clauses before the first item's figure
        figures = find_numbers(norm[i:start])
        if not figures:
            return ""
        upto = i + figures[0].start
        cut = max(norm.rfind("，", i, upto), norm.rfind(",", i, upto))
        return norm[i : cut + 1] if cut > i else ""
    return ""


def rank_sentences(q: Question, r: Retrieval, top_passages: int = 12) -> list[Sentence]:
    out: list[Sentence] = []
    for p in r.passages[:top_passages]:
        text, norm = r.texts[p.doc_id]
        for s, e in sentences(p):
            snorm = norm[s:e]
            lead = list_lead(norm, s, max(0, s - 400))  # (the lead may be before the passage's window)
            headline = paragraph_headline(norm, s)
            split = [alt for alts in r.groups.values()
                     if (alt := split_name(alts, snorm, headline) or output_name(alts, snorm))]
            split += [name for names in sector_names(snorm) for name in names]  # 一、二、三产 = 第二产业…
            keys = list(r.groups)
            split += [head for product, head in zip(keys, keys[1:])  # 碳酸锂|产量: 生产…碳酸锂13.5万吨
                      if head in ("产量", "总产量") and output_name([product + head], snorm)]
            cov, hit = _sentence_coverage(snorm + " " + lead + " " + (p.term or "") + _heading_period(q, p)
                                          + _doc_frame(norm) + " ".join(["", *split]), r)
            if not hit and cov <= 0:  # neither a word nor a piece of an absent compound
                continue
            score = cov * 0.75 + p.coverage * 0.25 + (p.score - p.coverage) * 0.5
            hl = None
            if q.kind == NUMBER:
                hl = _number_highlight(q, snorm, s, r)
                if hl is None:
                    score -= 0.3
                elif q.measure and not measure_in(q.measure, norm[hl[0] : hl[1]]):
                    # 多少斤 is not answered by 万亩; 多少个 may be by 6家
                    score -= 0.05 if q.measure == "个" else 0.2
                elif not q.indicator and not asks_rate(q) and _is_percent(norm[hl[0] : hl[1]]):
                    score -= 0.1  # an amount is asked for; this sentence's best figure is a share
                elif asks_percent(q) and not _is_percent(norm[hl[0] : hl[1]]):
                    score -= 0.3  # a percentage is asked for; this sentence's best figure is an amount
                if _RANK_ASKED.search(q.norm) and hl is not None and not _ORDINAL.match(norm, hl[0]):
                    score -= 0.3  # a rank is asked for; this sentence states none
                if hl is not None and not _asks_change(q) and _is_change(norm, hl[0]):
                    score -= 0.15  # a level is asked for (达到多少); this sentence gives a change
            score += _kind_cue(q, snorm, p.part) + _scope_cue(q, p, snorm, lead)
            if q.kind != NUMBER and q.fact_kind == "outcome" and p.part == "plan":
                score -= 0.05  # what came about (实现…靠的是) is told by a review, not a plan's 争取…
            out.append(Sentence(p, s, e, snorm, text[s:e], cov, score, hl))
    out.sort(key=lambda x: -x.score)
    return out


_TARGET_CUES = re.compile(r"预期目标|目标|建议|力争|左右|以上|以内|拟|计划|确保")
_REVIEW_TARGET_CUES = re.compile(r"预期目标|目标|建议|力争|计划|拟|确定|要求|报告提出")
_OUTCOME_CUES = re.compile(r"实现|完成|达到|前三季度|全年|1-\d+月|同比增长|比上年|增长了|累计")
_ORDINAL = re.compile(r"第\s*[\d一二三四五六七八九十]+|首位")  # 第5位, 全国第一, 居全国首位
_RANK_ASKED = re.compile(r"排第几|第几位|第几名|排名第?几|位次|排在第几|居第几")
_PLAN_SAYS = re.compile(r"今年[^，,。；;]{0,12}?(?:安排|拟|将|要|力争)")  # 今年中央财政安排…比上年增加…: a plan
_RESULT_CUES = re.compile(r"实现|完成|达到|前三季度|全年|1-\d+月|同比增长|比上年|增长了|累计|突破|初步统计|(?:19|20)\d{2}年"
                          r"|跃居|(?:从|由)[^，,。；;]{1,14}(?:提高|提升|增加|增长|下降|降低|扩大)(?:到|至)")


def _kind_cue(q: Question, snorm: str, part: str | None = None) -> float:
    """Targets are stated with 目标/建议/左右 in the plan part of a report, results with
    实现/完成/全年 in its review part."""
    if q.fact_kind is None or q.kind != NUMBER:
        return 0.0
    t, o = bool(_TARGET_CUES.search(snorm)), bool(_OUTCOME_CUES.search(snorm))
    if q.fact_kind == "target":
        return (0.12 if t else 0.0) - (0.08 if o and not t else 0.0) - (0.25 if part == "review" and not t else 0.0)
    # a result is stated in the review: a plan sentence (…吞吐量达到4500万标箱) sets a target even with 达到
    return (0.08 if o else 0.0) - (0.08 if t and not o else 0.0) - (0.1 if part == "plan" and not o else 0.2 if part == "plan" else 0.0)


_LOCATION_CUE = re.compile(r"位于|坐落|地处|选址|落户|东至|西至|南至|北至|以[^，,。]{1,12}为核心|"
                           r"在[^，,。]{1,12}(?:路|街|街道|区|镇|乡|村|号|园|港|楼|广场|大厦)")
_DAY_ASKED = re.compile(r"几月几[日号]|哪一?天|几号|哪一?日|什么日子|何日")
_DAY = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")
_MONTH_ASKED = re.compile(r"哪个月|几月份|几月(?!几)")
_MONTH = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?!份?以来)")
_TIME_QUESTION = re.compile(r"哪年|哪一年|何时|什么时候|何年|哪个时候")


def plan_periods(text_norm: str) -> set[str]:
    """The five-year plans a text names: “十四五”, 十五五时期 (十五年 is fifteen years, not one)."""
    return {m.group(1) for m in _PLAN.finditer(text_norm)}


def _scope_cue(q: Question, p: Passage, snorm: str, lead: str = "") -> float:
    """What the question's scope says about a sentence beyond its words: the five-year plan it
    is about (十四五 is not 十五五), a region's own report before its districts' (上海 is 上海市
    first), a year in the answer to 哪年/何时."""
    score = 0.0
    if q.plan_period:
        named = plan_periods(snorm) or plan_periods(lead)  # the list's lead names it for its items
        if named and q.plan_period not in named:
            score -= 0.3
    if q.regions and p.region_code and not any(p.region_code == r.code for r in q.regions):
        score -= 0.1  # a district's report when the question names its province
    if _TIME_QUESTION.search(q.norm) and _YEAR_WORD.search(snorm):
        score += 0.15
    elif q.kind == NUMBER:
        score += year_cue(q.years, q.norm, q.fact_kind == "target", p.year, p.part, snorm)
        score += span_cue(q.years, q.fact_kind == "target", snorm)
    return score


def _context_has_the_rest(sent: Sentence, r: Retrieval | None) -> bool:
    """A sentence that lacks some of the question's words still answers when its context has
    them: the paragraph's lead sentence, the sentence before it, or the section heading (not
    anywhere in a long paragraph: 国防 at its end does not make 预算 in its middle a defence budget)."""
    if r is None:
        return True
    p = sent.passage
    _, hit = _sentence_coverage(sent.norm + " " + (p.term or ""), r)
    missing = [kw for kw in r.groups if kw not in hit and r.weights.get(kw, 0) > 0]
    if not missing:
        return True
    spans = sentences(p)
    lead = next(iter(spans), None)
    prev = None
    for s_, e_ in spans:
        if s_ >= sent.start:
            break
        prev = (s_, e_)
    context = (p.section or "") + " " + " ".join(
        p.norm[a - p.start : b - p.start] for a, b in {x for x in (lead, prev) if x})
    return all(any(a in context for a in r.groups[kw]) or r.partial(kw, context) > 0 for kw in missing)


# a clause that goes on about the subject before it without naming one: 总额达到…, 达到…, 共…
_CONTINUES = re.compile(r"(?:总额|总量|总计|合计|共计|共|累计|首次|达到|达)")
_NO_SUBJECT = re.compile(r"(?:(?:19|20)\d{2}年(?:底|末)?)(?:达到|达|突破|超过|迈上|跨过|为|实现)")
_GROWTH_START = re.compile(r"(?:可比|同比|比上年|较上年)?(?:增长|下降|增加)")
_NEXT_ITEM = re.compile(r"[\s“”\"]*(?:[余多]?[例台家个项户人套张所座条次场名元亿万千百吨斤亩公里米顷辆架件批处位门%])*、")
# …超110万辆、居全国第9: what follows 、 says more of the same item
_SAYS_MORE = re.compile(r"(?:居|位居|位列|排名|排|列|占|比|较|同比|增长|增加|下降|减少|提高|降低|达到|达|为|是|其中|分别|均|超过|超|相当于|创)")
_RESTATES = re.compile(r"即|亦即|也就是|相当于")
_TO_START = re.compile(r"(?:预计|将|要|再)?(?:降低|降|下降|减少|减|压缩|提高|提升|增加|增长|上升|扩大)?(?:到|至)")
# a figure other than a year: 1352.3万吨, 一万三千亿斤 (which the number reader does not take)
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?!\d*年)|[一二两三四五六七八九十][十百千万亿]")


def _states_figure(text: str) -> bool:
    return bool(_FIGURE.search(text))


def _bare_verb(norm: str, cs: int) -> bool:
    """Does the clause at ``cs`` open with a verb right before its figure (输出345亿度, 完成了120亿元),
    naming nothing of its own?"""
    m = re.match(r"([\u4e00-\u9fff]{2})(?:了)?(?=[\d一二两三四五六七八九十百千万])", norm[cs : cs + 5])
    if not m:
        return False
    import rjieba

    tagged = list(rjieba.tag(m.group(1)))
    return len(tagged) == 1 and tagged[0][1] == "v"


def _subject_start(norm: str, cs: int) -> int:
    """Where the subject of a figure's clause starts: the clauses before it that state no figure
    of their own belong to it (一九六四年全国工业总产值，预计比一九六三年增长百分之十五以上)."""
    growth = bool(_GROWTH_START.match(norm, cs))
    actual = bool(re.match(r"实际|结果|最终", norm[cs : cs + 2]))
    bare_verb = _bare_verb(norm, cs)
    all_of = bool(re.match(r"都|均|也都", norm[cs : cs + 2]))  # 原煤…，原油…，都比上年增长8%: of all of them
    while cs > 1 and norm[cs - 1] in "，,":
        ps, _ = _clause(norm, cs - 2, cs - 2)
        while ps > 1 and norm[ps - 1] == "," and norm[ps - 2].isdigit() and norm[ps].isdigit():
            ps, _ = _clause(norm, ps - 2, ps - 2)  # 966,485,000元 is one figure, not three clauses
        if all_of and _states_figure(norm[ps : cs - 1]):
            cs = ps
            continue
        if _RESTATES.match(norm, cs):  # 增长966,485,000元，即增长3.68%: the same figure restated
            cs = ps
            continue
        if _TO_START.match(norm, cs) and re.search(r"从|由", norm[ps:cs]):
            return ps  # 财政赤字从…一百七十亿元、…，预计降低到今年的二十七亿元: where it goes
        if _states_figure(norm[ps : cs - 1]):
            figures = find_numbers(norm[ps : cs - 1])
            if figures and _CONTINUES.match(norm, cs) and _is_change(norm, ps + figures[-1].start):
                return ps  # 国家财政收入比上年增加1501亿元，总额…达到11377亿元: the same subject's level
            if figures and _DIFF_OWN.match(norm, cs):
                return ps  # 全年GDP增长4%，快于2024年1.8个百分点: the same subject against a base
            if figures and actual:
                return ps  # 物价涨幅要从14.8%降到10%左右，经过…努力，实际回落到6.1%: what came of it
            if figures and growth and not figures[-1].percent:
                return ps  # 实现地区生产总值2379.80亿元,总量保持全市第二,可比增长5.5%: its growth
            if figures and _NO_SUBJECT.match(norm, cs):
                return ps  # 全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元: the same subject's
            if figures and bare_verb:
                return ps  # 绿电外送拓展至22个省区市，输出345亿度: a verb and its figure, no subject
            break
        cs = ps
    return cs


def _figure_is_about_the_question(sent: Sentence, r: Retrieval, question: str = "") -> bool:
    """The clause of the answering figure holds one of the question's content words (not only a
    cue word such as 增长 or 目标), or a piece of an absent one; a question with no content word
    in the sentence at all is judged by its coverage alone."""
    from baogao.ask.words import load_words

    words = load_words()
    content = _content_groups(r)
    in_sentence = [kw for kw, alts in content.items() if any(a and a in sent.norm for a in alts) or r.partial(kw, sent.norm) > 0]
    if not in_sentence:
        return True
    hs, he = sent.highlight
    cs, ce = _clause(sent.norm, hs - sent.start, he - sent.start)
    cs = _subject_start(sent.norm, cs)
    clause = sent.norm[cs:ce]
    own = _own_words(sent.norm, hs - sent.start, cs)
    if any(_other_modifier(r.parts.get(kw) or [], own, question, kw) for kw in in_sentence
           if kw in r.absent or not any(a and a in sent.norm for a in r.groups.get(kw, []))):
        return False  # 粮食产量 is not 蔬菜产量稳定在200万吨 (粮食播种面积 is the item before it)
    if _another_subject(content, own, question):
        return False  # 高速公路通车总里程 is not 铁路运营里程达9234公里
    if _NEXT_ITEM.match(own):  # the item after another figure's item (…2000例、“两癌”患病妇女…)
        item = _YEAR_WORD.sub("", own[own.rfind("、") + 1 :])
        if len(re.findall(r"[\u4e00-\u9fff]", item)) >= 3 and not _SAYS_MORE.match(item.lstrip(" “”\"")) and not any(
                any(a and a in item for a in content[kw]) or r.partial(kw, item) > 0 for kw in content):
            return False  # 白内障患者实施免费手术2000例、“两癌”患病妇女给予每人1万元: another item's figure
    return any(any(a and a in clause for a in content[kw]) or r.partial(kw, clause) > 0 for kw in in_sentence)


def _content_groups(r: Retrieval) -> dict[str, list[str]]:
    """The question's content words (not cue words such as 增长, 目标) and their alternatives."""
    from baogao.ask.words import load_words

    words = load_words()
    return {kw: alts for kw, alts in r.groups.items() if words.factor(kw) >= 1.0 and r.weights.get(kw, 0) > 0}


def _another_subject(content: dict[str, list[str]], own: str, question: str) -> bool:
    """Does the figure's own words name the question's head word (里程) after another noun
    (铁路) while the nouns the question puts before it (高速公路) are not there?"""
    import rjieba

    from baogao.ask.absent import noun_like

    keys = list(content)
    if not keys or not any(a and a in own for a in content[keys[-1]]):
        return False  # the head is the question's last word (…总里程), the thing asked
    head = keys[-1]
    mods = [kw for kw in keys[:-1] if noun_like(kw) and len(kw) >= 2]
    if not mods or any(any(a and a in own for a in content[kw]) for kw in mods):
        return False
    at = min(own.find(a) for a in content[head] if a and a in own)
    # the noun right before the head (铁路|运营|里程), not one further back in the clause
    tagged = [(w, t) for w, t in rjieba.tag(own[max(0, at - 6) : at]) if w.strip()]
    if tagged and tagged[-1][1] == "vn":  # 铁路|运营|里程: a verbal noun may stand between
        tagged = tagged[:-1]
    # (经济和文化部门的基本建设投资: a noun joined by 的 describes the head, it is no other subject)
    return bool(tagged) and tagged[-1][1] in ("n", "nz", "ns") and len(tagged[-1][0]) >= 2 and tagged[-1][0] not in question


def _other_modifier(pieces: list[str], own: str, question: str, word: str = "") -> bool:
    """Is the head of an absent compound (产量 of 粮食产量) in the figure's own words with another
    noun before it (蔬菜产量) while the compound's modifier (粮食) is not there? Or are its pieces
    there with another word between them (城镇调查失业率 for 城镇登记失业率)?"""
    present = [p for p in pieces if p in own]
    for a, b in zip(present, present[1:]):
        if not word:
            continue
        gap = word[word.find(a) + len(a) : word.find(b)] if 0 <= word.find(a) < word.find(b) else ""
        i = own.find(a)
        j = own.find(b, i + len(a))
        between = own[i + len(a) : j] if j >= 0 else ""
        if gap and between and gap != between and len(between) <= 4 and gap not in own:
            return True
    if len(pieces) < 2 or pieces[-1] not in own or all(p in own for p in pieces[:-1]):
        return False
    import rjieba

    from baogao.ask.absent import noun_like

    before = [w for w in rjieba.cut(own[max(0, own.find(pieces[-1]) - 6) : own.find(pieces[-1])]) if w.strip()]
    return bool(before) and len(before[-1]) >= 2 and before[-1] not in question and noun_like(before[-1])


def _plan_of_another_year(q: Question, sent: Sentence, r: Retrieval | None) -> bool:
    """A sentence of a report's plan part is about the report's year (今年) or later: it does not
    answer for an earlier year, unless it names that year (比2024年…, 2024年…)."""
    meta = r.docs.get(sent.passage.doc_id) if r is not None else None
    doc_year = meta.year if meta else sent.passage.year
    asked = set(q.years) - base_years(q.norm)
    if not doc_year or not asked or any(y >= doc_year for y in asked):
        return False
    return not years_named(sent.norm) & asked


def _figure_of_another_year(q: Question, sent: Sentence, r: Retrieval) -> bool:
    """The answering figure's own clause (with the subject clauses before it) names the year it is
    of, and that is none of the years asked about (a base year after 比 does not count)."""
    norm = r.texts[sent.passage.doc_id][1]
    hs, _ = sent.highlight
    cs, _ = _clause(norm, hs, hs)
    cs = max(_subject_start(norm, cs), sent.start)
    before = _own_words(norm, hs, cs)
    named = years_named(before) - base_years(before)
    while not named and cs > sent.start + 1:
        # a clause before it that names a year and states no figure is the time of the sentence's
        # figures (即一九四九年，全国生铁产量只有…，钢产量只有十五万八千多吨); a clause with a
        # figure keeps its year for that figure
        ps, _ = _clause(norm, cs - 2, cs - 2)
        ps = max(ps, sent.start)
        clause = norm[ps : cs - 1]
        if not _states_figure(_YEAR_WORD.sub("", clause)):
            named = years_named(clause) - base_years(clause)
        cs = ps
    return bool(named) and not named & set(q.years)


def _own_words(norm: str, start: int, floor: int | None = None) -> str:
    """The words of a figure's clause (from ``floor``, else the clause start) before it and after
    any earlier figure in the clause: 资本充足率从2007年底的8.4%提升到去年底的13.3% gives 13.3% the
    words 提升到去年底的, not 2007年底, which is 8.4%'s year."""
    cs, _ = _clause(norm, start, start)
    if floor is not None:
        cs = min(cs, floor)
    segment = norm[cs:start]
    last = None
    for n in find_numbers(segment):
        if segment[n.end : n.end + 1] != "年":  # a figure, not a year
            last = n
    return segment[last.end :] if last else segment


def _enough(q: Question, sent: Sentence, r: Retrieval | None = None) -> bool:
    if sent.coverage >= MIN_SENTENCE_COVERAGE:
        ok = True
    else:
        ok = sent.coverage >= MIN_SENTENCE_COVERAGE_STRONG_PASSAGE and (
            (sent.passage.coverage >= STRONG_PASSAGE and _context_has_the_rest(sent, r))
            # the question's own comparison (1955年 against 1954年) stands for the words it lacks
            or (q.kind == NUMBER and same_comparison(q.years, q.norm, sent.norm)))
    if ok and q.kind == NUMBER and sent.highlight is None:
        ok = False
    if ok and q.kind == NUMBER and r is not None and asks_percent(q):
        hs, he = sent.highlight
        ok = _is_percent(r.texts[sent.passage.doc_id][1][hs:he])  # 百分之几 is not 966,485,000元
    if ok and q.kind == NUMBER and r is not None and q.indicator and q.indicator_words:
        # the indicator asked about is named by the sentence, or by the lead of its list (国民生产总值
        # 平均每年增长… is not 全国工农业总产值平均每年增长百分之六点七)
        kw = q.indicator_words[0]
        alts = r.groups.get(kw, [])
        text_norm = r.texts[sent.passage.doc_id][1]
        around = sent.norm + " " + list_lead(text_norm, sent.start, max(0, sent.start - 400)) + " " + (sent.passage.term or "")
        if alts and not any(_names(a, around) for a in alts) and not r.partial(kw, around) > 0 \
                and not split_name(alts, sent.norm, paragraph_headline(text_norm, sent.start)) \
                and not output_name(alts, sent.norm):
            ok = False
    if ok and q.kind == NUMBER and r is not None and _RANK_ASKED.search(q.norm):
        hs, he = sent.highlight
        ok = bool(_ORDINAL.match(r.texts[sent.passage.doc_id][1], hs))  # 排第几 is answered by 第5位, not 9万亿元
    if ok and q.kind == NUMBER and r is not None and _asks_growth_rate(q):
        hs, he = sent.highlight
        text_norm = r.texts[sent.passage.doc_id][1]
        ok = _is_percent(text_norm[hs:he]) or bool(_TIMES.match(text_norm, he))  # 增速是多少 is not 57个县
        if ok and not _SHARE.search(q.norm) and _SHARE.search(_own_words(text_norm, hs)[-12:]):
            ok = False  # GDP增长了多少 is not 教育经费占国内生产总值比例…4%以上
    if ok and q.kind == NUMBER and q.measure and q.measure != "个" and not q.duration and r is not None:
        text_norm = r.texts[sent.passage.doc_id][1]
        hs, he = sent.highlight
        if not measure_in(q.measure, text_norm[hs : he + 2]):
            ok = False  # 多少吨 is not answered by 1/4
    if ok and q.kind == NUMBER and r is not None and not _figure_is_about_the_question(sent, r, q.norm):
        ok = False  # 粮食产量1352.3万吨 does not say how many tons of 苹果, even in a sentence that names them
    if ok and q.kind == NUMBER and q.years and r is not None and not q.duration:
        from baogao.ask.periods import figure_period, partial_periods

        text_norm = r.texts[sent.passage.doc_id][1]
        stated = figure_period(text_norm[sent.start : sent.end], sent.highlight[0] - sent.start)
        if stated and stated not in partial_periods(q.norm):
            ok = False  # 前三季度…2379.80亿元 is not the year's figure (nor 1-11月's)
    if ok and q.kind == NUMBER and q.years and r is not None and not q.duration and _figure_of_another_year(q, sent, r):
        ok = False  # 一九三六年全国钢产量超过四十万吨 is not 1954's output
    if ok and q.kind == NUMBER and q.fact_kind == "target" and sent.passage.part == "review" \
            and not _REVIEW_TARGET_CUES.search(sent.norm):
        # a result in the review of last year (粮食总产量保持在1.3万亿斤以上) does not answer what
        # this year's target is; a review names a target as one (完成了年初确定的目标)
        ok = False
    if ok and q.kind == NUMBER and q.fact_kind == "target" and sent.passage.part is None and q.years \
            and not _TARGET_CUES.search(sent.norm) and not _PLAN_SAYS.search(sent.norm) and _RESULT_CUES.search(sent.norm):
        # a report whose review and plan parts are not told apart: a sentence that states a
        # result (实现…, 突破5万亿元, 2025年…增长5%) and no target word does not set a target
        ok = False
    if ok and q.kind == NUMBER and q.years and not q.plan_period and not _SPAN_ASKED.search(q.norm) \
            and r is not None and _five_year_paragraph(_paragraph_of(r.texts[sent.passage.doc_id][1], sent.start)) \
            and not _ends_a_span(r.texts[sent.passage.doc_id][1], sent.highlight) \
            and not years_named(_own_words(r.texts[sent.passage.doc_id][1], sent.highlight[0])) & set(q.years):
        # (人均生产总值由7.34万元提升至10.26万元: where the span ends is the last year's level)
        ok = False  # 粮食总产稳定在1100亿斤以上, in a paragraph on the five years (年均…由2020年的…), is no year's
    if ok and q.kind == NUMBER and q.fact_kind != "target" and not q.report_year \
            and review_of_year_before(q.years, q.norm, sent.passage, sent.norm):
        ok = False  # the 2019 report's review (国内生产总值增长6.6%) is 2018's result, not 2019's
    if ok and q.kind == NUMBER and q.fact_kind == "outcome" and sent.passage.part == "plan" \
            and (_ASKS_RESULT.search(q.norm) or _STATES_TARGET.search(sent.norm)) and not _ACTUAL_OWN.search(sent.norm):
        # 粮食总产量实际是多少 is not answered by the plan's 粮食产量1285万吨, nor GDP增长了多少 by
        # 今年…预期目标是：国内生产总值增长6%－6.5%
        ok = False
    if ok and q.kind == NUMBER and q.years and r is not None and sent.passage.year \
            and sent.passage.year not in set(q.years) - base_years(q.norm) and _OWN_YEAR.search(sent.norm) \
            and not years_named(sent.norm) & set(q.years):
        ok = False  # the 2015 report's 今年高校毕业生749万人 is 2015's, not 2014's
    if ok and q.kind == NUMBER and q.fact_kind is None and sent.passage.part == "plan" and r is not None \
            and "预计" not in q.norm and not q.report_year and not _FORECAST.search(sent.norm) and _next_report_in_scope(sent, r):
        ok = False  # 2025年粮食总产量是多少, with the 2026 report at hand: not the 2025 plan's 1100亿斤以上
    if ok and q.kind == NUMBER and q.years and sent.passage.part == "plan" and _plan_of_another_year(q, sent, r):
        ok = False  # the 2025 report's 今年…预期目标 is about 2025, not what 2024 came to
    if ok:
        from baogao.ask.words import load_words

        words = load_words()
        required = [w for w in q.keywords if w in words.required_words]
        if any(not any(a in sent.norm for a in words.alternatives(w)) for w in required):
            ok = False  # 人均GDP is not answered by GDP
    if ok and q.kind == NUMBER and r is not None and sent.highlight is not None:
        from baogao.ask.words import load_words

        text_norm = r.texts[sent.passage.doc_id][1]
        cs, _ = _clause(text_norm, sent.highlight[0], sent.highlight[1])
        before = text_norm[cs : sent.highlight[0]]
        if any(w in before and w not in q.norm for w in ("人均", "年均")):
            ok = False  # 生产总值达到多少 is not 人均地区生产总值…5.28万元
        elif q.regions and _another_place_leads(q, before):
            ok = False  # 甘肃…生产总值 is not 庆阳经济总量迈上1200亿台阶 (a city of it)
    if ok and q.place and q.place[:2] not in sent.norm:
        ok = False  # 厦门机场…, asked in 福建's report: the sentence must be about 厦门
    if ok and q.location and not _LOCATION_CUE.search(sent.norm):
        ok = False  # "X在哪里" is not answered by a sentence that only names X
    if ok and _DAY_ASKED.search(q.norm) and not _DAY.search(sent.norm):
        ok = False  # 几月几日启动的 is not answered by 正式启动全岛封关运作 (no date)
    elif ok and _MONTH_ASKED.search(q.norm) and not _MONTH.search(sent.norm):
        ok = False
    return ok


_SPAN_ASKED = re.compile(r"年均|五年|(?<!\d)5年|累计|以来|十[一二三四五]五|期间|时期|平均每年|每年平均|到(?:19|20)\d{2}年")
_END_LEVEL = re.compile(r"(?:由|从)[^，,。；;]*(?:提升至|提高到|提高至|增长到|增加到|达到|升至|到|至)$")


def _ends_a_span(norm: str, highlight: tuple[int, int]) -> bool:
    """Is the figure where a from→to ends (由7.34万元提升至10.26万元)?"""
    cs, _ = _clause(norm, highlight[0], highlight[1])
    return bool(_END_LEVEL.search(norm[cs : highlight[0]]))
_SPAN_MARKS = re.compile(r"五年来|过去五年|(?<!\d)5年增长|五年增长|由(?:19|20)\d{2}年的|“十[一二三四五]五”(?:时期|期间)|累计完成")


def _paragraph_of(norm: str, start: int) -> str:
    """The whole line (paragraph) of the document around an offset, at most 3000 characters."""
    a = norm.rfind("\n", max(0, start - 3000), start) + 1
    b = norm.find("\n", start)
    return norm[a : b if b >= 0 else min(len(norm), start + 3000)]


def _five_year_paragraph(pnorm: str) -> bool:
    """Is a passage about several years at once (a report's look back on its five-year plan): it
    gives 年均 rates and marks the span (由2020年的…, 5年增长…, 累计完成…)?"""
    return "年均" in pnorm and len(set(_SPAN_MARKS.findall(pnorm))) >= 2


def _another_place_leads(q: Question, clause: str) -> bool:
    """Does the figure's clause open with a place name that is not the region asked about?"""
    import rjieba

    from baogao.ask.question import region_names

    if q.place and q.place in clause:
        return False  # 厦门、福州机场…分别…: the place asked about is one of the items
    tagged = [(w, t) for w, t in rjieba.tag(clause.lstrip("，,；;、 ")[:12]) if w.strip()]
    if not tagged or not tagged[0][1].startswith("ns") or len(tagged[0][0]) < 2:
        return False
    place = tagged[0][0]
    if place[-1] in "江河湖海山" or place in q.norm:  # 长江经济带 is a river's; 上海 asked about is it
        return False
    return not any(place in n or n in place for r in q.regions for n in region_names(r))


def _next_report_in_scope(sent: Sentence, r: Retrieval) -> bool:
    """Is the next year's report of the sentence's region in scope (it tells what came of the plan)?"""
    p = sent.passage
    return bool(p.year) and any(d.year == p.year + 1 and d.region_code == p.region_code and "决议" not in (d.title or "")
                                for d in r.docs.values())


def _names(name: str, text: str) -> bool:
    """Does ``text`` name ``name``, whole or split around a parenthesis (粮食（不包括大豆）的产量)?"""
    if name in text:
        return True
    half = len(name) // 2
    return len(name) >= 4 and name[:half] in text and name[half:] in text[text.find(name[:half]) :]


def _citation(r: Retrieval, doc_id: str, start: int, end: int, highlight: tuple[int, int] | None = None) -> Citation:
    text = r.texts[doc_id][0]
    d: DocMeta | None = r.docs.get(doc_id)
    return Citation(doc_id, start, end, text[start:end], d.title if d else None, d.year if d else None,
                    d.region_name if d else None, highlight=highlight)


def refusal(q: Question, passages: list[Passage], reason: str | None = None) -> Answer:
    subject = q.term or "".join(q.keywords[:4]) or q.text
    if q.scope_error:
        text = q.scope_error
    elif q.missing_years:
        years = "、".join(f"{y}年" for y in q.missing_years)
        where = "".join(r.name for r in q.regions)
        text = f"库中没有{where}{years}的报告，报告中未提及“{subject}”。"
    else:
        text = f"报告中未提及“{subject}”。" + (f"（{reason}）" if reason else "")
    return Answer(q.text, NOT_FOUND, text, MODE_EXTRACTIVE, passages=passages[:5], kind=q.kind)


def answer_extractive(q: Question, r: Retrieval) -> Answer:
    ranked = rank_sentences(q, r)
    if not ranked:
        return refusal(q, r.passages)
    best = ranked[0]
    if not _enough(q, best, r):
        # a close second that is enough (e.g. the best sentence lacks the number)
        best = next((s for s in ranked[1:6] if _enough(q, s, r)), best)
    if not _enough(q, best, r):
        return refusal(q, r.passages, "最接近的段落见下")
    if not q.regions and not q.all_provinces and not q.doc_id and best.passage.region_code != NATIONAL_CODE:
        # no region named: the State Council's report, unless another answers clearly better
        national = next((s for s in ranked[:40] if s.passage.region_code == NATIONAL_CODE and _enough(q, s, r)), None)
        if national is not None and national.coverage >= best.coverage - NATIONAL_TOLERANCE:
            best = national
    if q.kind == SUMMARY:
        return _summary(q, r, best)
    chosen = [best]
    citations = []
    parts = []
    for s in chosen:
        citations.append(_citation(r, s.passage.doc_id, s.start, s.end, s.highlight))
        parts.append(s.text.strip())
    if q.kind == NUMBER and best.highlight and len(q.parts) >= 2:
        # 提出把物价涨幅降到多少？实际结果如何？: one clause answers one part; the sentence, all
        text, _ = r.texts[best.passage.doc_id]
        hs, he = best.highlight
        answer = f"{text[best.start:best.end].strip()}（{text[hs:he]}）"
    elif q.kind == NUMBER and best.highlight:
        text, norm = r.texts[best.passage.doc_id]
        hs, he = best.highlight
        cs, ce = _clause(norm, hs, he)
        cs = max(_subject_start(norm, cs), best.start)  # 1955年本年收入增长…，即增长3.68%
        answer = f"{text[cs:ce].strip()}（{text[hs:he]}）"
    else:
        answer = "".join(parts) if q.kind == SUMMARY else parts[0]
    return Answer(q.text, ANSWERED, answer, MODE_EXTRACTIVE, citations=citations, kind=q.kind,
                  passages=[s.passage for s in chosen])


# -- definitions (名词解释) -----------------------------------------------------------------------

_QUOTES = "“”\"「」『』‘’'《》"


def _bare(term: str) -> str:
    return normalize("".join(ch for ch in term if ch not in _QUOTES)).strip()


def answer_definition(session: Session, q: Question, docs: list[DocMeta], r: Retrieval, *, exact_only: bool = False) -> Answer | None:
    """The glossary entry for the term, or a sentence that defines it; None if neither."""
    if not q.term:
        return None
    want = _bare(q.term)
    in_scope = {d.id for d in docs}
    # the distinct terms of the whole glossary first (few, even in a large library; no long IN
    # lists of documents), then only the rows of the wanted terms, kept when in scope
    terms = set(session.scalars(select(GlossaryRow.term).distinct()))
    bare = {t: _bare(t) for t in terms}
    exact_terms = {t for t, b in bare.items() if b == want}
    loose_terms = {t for t, b in bare.items() if want and len(want) >= 2 and (want in b or (b in want and len(b) >= max(2, len(want) - 2)))}
    if q.subterm and not exact_terms and not exact_only:
        # "黄浦打造的“1+N”零工市场，其中的“1”…": the whole is named with words around it; the
        # longest glossary term inside it is the whole
        inside = sorted((t for t, b in bare.items() if len(b) >= 3 and b in want), key=lambda t: -len(bare[t]))
        if inside:
            loose_terms = {t for t in inside if bare[t] == bare[inside[0]]}
    if q.subterm and not exact_terms and not loose_terms and not exact_only:
        # “四旁”绿化的“四旁”: the entry may gloss several quoted terms at once (“四旁”、“五边”)
        part = "“" + _bare(q.subterm) + "”"
        loose_terms = {t for t in terms if part in normalize(t).replace('"', "“")}
    wanted = exact_terms if exact_only else (exact_terms | loose_terms)
    rows = []
    if wanted:
        rows = [g for g in session.scalars(select(GlossaryRow).where(GlossaryRow.term.in_(sorted(wanted)))
                                           .order_by(GlossaryRow.id)) if g.document_id in in_scope]
    exact = [g for g in rows if g.term in exact_terms]
    loose = [g for g in rows if g.term in loose_terms]
    hits = exact if exact_only else (exact or loose)
    sub = _bare(q.subterm) if q.subterm else None

    def rank(g: GlossaryRow) -> tuple:
        # an entry that names the whole term (“四库五课”教育资源体系 for 四库五课) before one that is
        # only a part of it (四库); one that glosses the part asked about; with no year asked, the
        # newest report's (the same term is glossed again each year)
        meta = r.docs.get(g.document_id)
        return (want not in bare[g.term], bool(sub) and sub not in normalize(g.definition or ""),
                0 if q.years else -((meta.year or 0) if meta else 0))

    hits.sort(key=rank)
    if hits:
        from baogao.ask.retrieve import load_texts

        g = hits[0]
        texts = load_texts(session, [g.document_id])
        r.texts.update(texts)
        text = texts[g.document_id][0]
        meta = r.docs.get(g.document_id)
        highlight = (g.definition_start, g.definition_end)
        if q.subterm:  # the sentence of the definition about the part asked for, when it has one
            norm = normalize(text[g.definition_start : g.definition_end])
            for m in _SENTENCE.finditer(norm):
                if _bare(q.subterm) in m.group(0):
                    highlight = (g.definition_start + m.start(), g.definition_start + m.end())
                    break
        cite = Citation(g.document_id, g.definition_start, g.definition_end, text[g.definition_start : g.definition_end],
                        meta.title if meta else None, meta.year if meta else None, meta.region_name if meta else None,
                        highlight=highlight)
        answer = f"{text[g.term_start:g.term_end]}：{text[g.definition_start:g.definition_end]}"
        return Answer(q.text, ANSWERED, answer, MODE_EXTRACTIVE, citations=[cite], kind=DEFINITION,
                      note="出自报告所附名词解释")
    if exact_only:
        return None
    # a sentence that defines it in the text: 「X」是指… / X，即… / X是…
    # (a few characters may stand between: 实施“三美联动”建设,即从…)
    pat = _defining(want)
    if q.subterm:  # the part asked about: “四库”即…, “1”指…
        pat = _defining(_bare(q.subterm), quoted=True)
    for p in r.passages[:20]:
        text, norm = r.texts[p.doc_id]
        for s, e in sentences(p):
            m = pat.search(norm[s:e])
            if m:
                cite = _citation(r, p.doc_id, s, e, (s + m.start(), e))
                return Answer(q.text, ANSWERED, text[s:e].strip(), MODE_EXTRACTIVE, citations=[cite], kind=DEFINITION)
    return None


def _defining(want: str, quoted: bool = False) -> re.Pattern:
    """A sentence that defines ``want``: 「X」是指… / X，即… / X是… (a few characters may stand
    between: 实施“三美联动”建设,即从…). A quoted part (“1”指…) must stand in its quotes: a bare
    1 or 四库 is part of too many other words."""
    if quoted:
        return re.compile(r"[“「\"]" + re.escape(want) + r"[”」\"](?:[，,]?(?:是指|即|指的是|指|是|为|包括|[:：]))")
    # 包括 / 为 only right after the term or its quotes: “X”包括…, X为…; a parenthesis after it
    # glosses it (“两基”(基本普及九年义务教育…)) unless it says who leads or when (牵头单位, 2025—2027年)
    return re.compile(re.escape(want) + r"[”」\"]?(?:[，,]?(?:是指|即|指的是|指|是)|[”」\"]?(?:主要)?(?:包括|包含|为)|[”」\"]?[（(](?!牵头|责任|主办|负责|\d)[^）)]{4,}[）)]"
                      r"|[^，,。；;！？\s“”]{0,4}[，,]?(?:是指|即|指的是|就是))")


def _summary(q: Question, r: Retrieval, best: Sentence) -> Answer:
    """What the reports say about a topic: the best sentence, then the best sentences of the other
    paragraphs most about it, each cited (at most three, one per paragraph)."""
    ranked = rank_sentences(q, r)
    chosen: list[Sentence] = []
    for s in [best] + ranked:
        if len(chosen) >= 3:
            break
        if s.coverage < MIN_SENTENCE_COVERAGE and s is not best:
            continue
        if any(c.passage is s.passage for c in chosen):
            continue
        chosen.append(s)
    citations = [_citation(r, s.passage.doc_id, s.start, s.end, s.highlight) for s in chosen]
    parts = [s.text.strip() for s in chosen]
    return Answer(q.text, ANSWERED, "\n".join(parts), MODE_EXTRACTIVE, citations=citations, kind=SUMMARY,
                  passages=[s.passage for s in chosen])
