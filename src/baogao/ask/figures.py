"""Which figure of a sentence answers a 多少 question, and what a figure's own words say of it.

``number_highlight`` scores every figure of a sentence: its unit against the measure asked (多少台),
the question's words right before it, a level or a change (达到11377亿元 vs 比上年增加1501亿元), a
total or the new amount, a plan or what came of it, a rate or an amount, the item before 分别 it
belongs to, the year its own words name. ``subject_start`` finds where a figure's subject starts
(一九六四年全国工业总产值，预计比一九六三年增长…). Written by hand: reading which figure of a Chinese
report sentence a question asks for is what no library does."""

from __future__ import annotations

import re

from baogao.ask.numbers import find_numbers
from baogao.ask.question import AREA, Question, measure_in
from baogao.ask.question import _PLAN_PERIOD as _PLAN
from baogao.ask.retrieve import Retrieval
from baogao.ask.sentences import clause_span
from baogao.ask.split_names import sector_names
from baogao.ask.years import years_named


MEASURE_CHARS = "台家个项户人套张所座条次场名元亿万千百"


_ORDINAL_AFTER = re.compile(r"届|次会议|次全会|次全体|次代表大会|中全会|大(?!于)|五规划|五计划|五时期|五期间")
_DURATION_NUM = re.compile(r"(?<![\d一二两三四五六七八九十百〇○零])((?:\d+|[一二两三四五六七八九十]{1,3})(?:个)?(?:年|个月|月|天|周|小时))(?:的)?(?:时间|时期)?")
YEAR_WORD = re.compile(r"(?:19|20)\d{2}年|[一二〇○零九八七六五四三]{4}年")


def duration_highlight(norm: str, offset: int) -> tuple[int, int] | None:
    """The length of time a 多长时间 question asks for (集中三年的时间, 18个月): one said to be a
    time (…的时间) first, else the first one that is not an ordinal or a year."""
    found = []
    for m in _DURATION_NUM.finditer(norm):
        if norm[max(0, m.start() - 1) : m.start()] == "第" or YEAR_WORD.fullmatch(m.group(1)):
            continue
        found.append((0 if m.group(0).endswith(("时间", "时期")) else 1, m.start(1), m.end(1)))
    if not found:
        return None
    _, s, e = min(found)
    return offset + s, offset + e


def number_highlight(q: Question, norm: str, offset: int, r: Retrieval) -> tuple[int, int] | None:
    """The number that answers a 多少 question: after the question's words, with its unit."""
    from baogao.ask.answer_facts import indicator_units
    from baogao.ask.words import load_words

    if q.duration:
        hl = duration_highlight(norm, offset)
        if hl is not None:
            return hl
    nums = [n for n in find_numbers(norm) if not re.fullmatch(r"(?:19|20)\d{2}", n.text.replace(" ", "")) or n.unit]
    nums = [n for n in nums if not norm[n.end :].lstrip(" ")[:1] == "年" or n.unit]
    # 十一届三中全会, 第七届: ordinals name a meeting, they do not answer a 多少
    rank = bool(RANK_ASKED.search(q.norm))
    if rank:  # 增速在全国排第几: the answer is the ordinal (居全国第3位)
        ranks = [n for n in nums if norm[max(0, n.start - 1) : n.start] == "第"]
        if ranks:
            nums = ranks
        else:
            written = ORDINAL.search(norm)  # 跃居全国第一 (a numeral the number reader does not take)
            if written:
                return offset + written.start(), offset + written.end()
    nums = [n for n in nums if n.unit or rank or not (_ORDINAL_AFTER.match(norm, n.end) or norm[max(0, n.start - 1) : n.start] == "第")]
    asked = {n.text for n in find_numbers(q.norm)}
    nums = [n for n in nums if n.text not in asked or n.unit]  # 外滩03、04更新单元: names, not answers
    if q.plan_period:  # a figure in a clause about another five-year plan does not answer (“十一五”年均增长7.5%)
        def other_plan(n) -> bool:
            cs, ce = clause_span(norm, n.start, n.end)
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
    if asks_percent(q) or asks_growth_rate(q):
        # 增长了百分之几 / GDP增长了多少: 即增长3.68%, not the 966,485,000元 before it
        nums = [n for n in nums if n.percent or TIMES.match(norm, n.end)] or nums
    growth_asked = not q.measure and bool(re.search(r"增长(?:了)?(?:多少|几)|增速|增幅", q.norm))
    if q.indicator:
        # the number of an indicator stands in the same clause, after the indicator's name
        ind_words = next((alts for kw, alts in r.groups.items() if q.indicator_words and kw == q.indicator_words[0]), [])
        same_clause = []
        for n in nums:
            cs, _ = clause_span(norm, n.start, n.end)
            if any(0 <= norm.find(a, cs) < n.start for a in ind_words):
                same_clause.append(n)
        if same_clause and not asks_change(q) and all(is_change(norm, n) for n in same_clause):
            # 国家财政收入比上年增加1501亿元，总额首次突破万亿元，达到11377亿元: the clause of the
            # indicator gives the change; the level asked for follows it
            same_clause += [n for n in nums if n.start > same_clause[-1].end and not is_change(norm, n)][:1]
        if same_clause and units and not any(in_units(n) for n in same_clause):
            # 全省地区生产总值连跨4个千亿台阶，2024年达到1.3万亿元: the figure in the indicator's units follows
            same_clause += [n for n in nums if n.start > same_clause[-1].end and in_units(n)][:1]
        if same_clause and _DIFF_ASKED.search(q.norm) and not any(_DIFF_OWN.search(own_words(norm, n.start)) for n in same_clause):
            # 比2024年快了多少: 全年GDP增长4%，快于2024年1.8个百分点 (the difference follows the level)
            same_clause += [n for n in nums if n.start > same_clause[-1].end and _DIFF_OWN.search(own_words(norm, n.start))][:1]
        if same_clause and growth_asked and not any(n.percent for n in same_clause):
            # 财政收入…平均每年增长多少: 2000年国家财政收入达13380亿元，平均每年增长16.5%
            same_clause += [n for n in nums if n.start > same_clause[-1].end and n.percent][:1]
        if same_clause and ASKS_RESULT.search(q.norm):
            # 物价涨幅要从14.8%降到10%左右，…，实际回落到6.1%: what it actually came to follows
            same_clause += [n for n in nums if n.start > same_clause[-1].end
                            and ACTUAL_OWN.search(own_words(norm, n.start))][:1]
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
    change = asks_change(q)
    diff_asked = bool(_DIFF_ASKED.search(q.norm))
    groups_asked = content_groups(r)
    from_asked = bool(re.search(r"从|由|原来|起初|此前", q.norm))
    to_asked = not from_asked and bool(_TO_ASKED.search(q.norm))
    total = bool(TOTAL_ASKED.search(q.norm)) and not _NEW_BEFORE.search(q.norm)
    for n in nums:
        score = 0.0
        own = own_words(norm, n.start)  # the figure's words since the clause's previous figure
        # (4 0 8 3 公里: the 1998 report spaces its digits; 二万四千多个: 多/余 before the measure)
        after = norm[n.end : n.end + 5].lstrip(" ").removeprefix("多").removeprefix("余")[:3]
        if in_units(n) and not growth_asked:
            score += 3.0  # 地区生产总值达到多少 is 1.3万亿元, not the 4个千亿台阶 before it
        if q.measure and (after.startswith(q.measure) or n.text.endswith(q.measure)
                          or (q.measure == AREA and measure_in(AREA, norm[n.end : n.end + 5]))):
            score += 3.0
        if q.indicator and (q.indicator.endswith("growth") or q.indicator in ("cpi", "unemployment", "deficit_ratio")):
            if n.unit == "%":
                score += 1.5
        elif n.percent and not rate:
            score -= 1.0  # 工农业总产值是多少 is an amount, not the share in 所占比重由百分之二十七点八…
        if growth_asked and not (q.indicator and q.indicator.endswith("_growth")):
            rate_like = n.percent or bool(TIMES.match(norm, n.end))  # (增长六点五倍)
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
        if q.fact_kind and _PLANNED_OWN.search(own) != ACTUAL_OWN.search(own):
            # 一九八一年计划为百分之三点七，实际达到百分之四点六: the figure of the kind asked for
            planned = bool(_PLANNED_OWN.search(own))
            score += 0.8 if planned == (q.fact_kind == "target") else -0.8
            if not planned and "实际" in q.norm and "实际" in own:
                score += 1.0  # 实际结果如何: …要从14.8%降到10%左右，…，实际回落到6.1%
        if groups_asked and another_subject(groups_asked, own, q.norm):
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
            if not SPAN_ASKED.search(q.norm) and _SPAN_OWN.search(own):
                score -= 1.0  # 1956年增加了多少 is not 前三年共增加了一百五十万吨 before 1956年就增加了…
        # a question word right after the figure: 10个标准化站点
        tail = norm[n.end : n.end + 16]
        for kw, alts in r.groups.items():
            if any(tail.lstrip(MEASURE_CHARS)[: len(a)] == a for a in alts if a):
                score += 1.5 * min(r.weights.get(kw, 1.0), 3) / 3
                break
        # the question's words in the figure's own clause (地表水…断面比例提高到90.4%, not the
        # 优良天数比例 of the clause before)
        cs, ce = clause_span(norm, n.start, n.end)
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
            if _FROM_BEFORE.search(own_words(norm, a.start)) and re.fullmatch(r"[^，,。；;\d]{0,8}(?:到|至)", norm[a.end : b.start].strip()):
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
    m = re.match(rf" ?(?:余|多)?[{re.escape('台家个项户人套张所座条次场名元公里平方米公顷亩吨斤辆架起件批处万亿美标准箱千瓦时立方微克/度位门倍')}]+", norm[end:])
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
FORECAST = re.compile(r"将达|将有|将超过|预计")  # 今年高校毕业生将达727万人: what the year will see, not a target
OWN_YEAR = re.compile(r"今年(?!以来)")  # the report's own year
_FROM_TO_ASKED = re.compile(r"(?:从|由)多少[^，,。？?]{0,8}(?:到|至)了?多少")
_FROM_BEFORE = re.compile(r"(?:从|由)[^，,。到至从由]{0,12}$")  # 从2007年底的 | 由6.1%
_PLANNED_OWN = re.compile(r"计划|目标|预期|预定|原定|要求|力争")  # a figure's own words: what was planned
ACTUAL_OWN = re.compile(r"实际|实现了|完成了|已达|已经")  # … and what came of it
ASKS_RESULT = re.compile(r"实际|完成了|实现了|达到了|截至|截止")  # a question that asks what came of a year
STATES_TARGET = re.compile(r"目标|预期|力争|左右")
_NEW_BEFORE = re.compile(r"新增|新建|新开|新投|新认定|新引进|净增")  # 新增运营里程30公里 is this year's part
TOTAL_ASKED = re.compile(r"总(?!体|的来说|结|书记)|累计|一共|总共|共有|共计")
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
    if any(len(kw) >= 3 and kw in (norm[:cs] + "|" + norm[at:]) for kw in q.keywords):
        return None  # 新能源汽车产量达到119.8万辆 says it by name (not the 汽车 of 汽车、有色金属…分别)
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
    places = "".join(r.name for r in q.regions)  # (上海机场… is not what 上海港 asks about)
    named = [k for k, h in enumerate(heads) if len(h) == 2 and h in q.norm and h not in places]
    return values[named[0]] if len(named) == 1 and len(set(heads)) == len(heads) else None


def is_change(norm: str, n) -> bool:
    """Is the figure (a Num, or its start offset) stated as a change (比上年增加1501亿元)?"""
    start = n if isinstance(n, int) else n.start
    return bool(_CHANGE_BEFORE.search(own_words(norm, start)[-8:]))


def asks_change(q: Question) -> bool:
    return asks_rate(q) or bool(_CHANGE_ASKED.search(q.norm))


_RATE_WORDS = re.compile(r"增长|增速|增幅|涨幅|降幅|下降|提高|降低|比重|比例|占比|百分|%|率|倍|翻")


def is_percent(figure: str) -> bool:
    return any(n.percent for n in find_numbers(figure))


_PERCENT_ASKED = re.compile(r"百分之(?:几|多少)|(?:几|多少)个?百分点|百分比是?多少|(?:是|有|为)?多少%")


def asks_percent(q: Question) -> bool:
    """增长了百分之几 asks for a percentage: an amount (增长966,485,000元) does not answer it."""
    return bool(_PERCENT_ASKED.search(q.norm))


SHARE = re.compile(r"占|比例|比重|贡献率|贡献")
TIMES = re.compile(r"\s*(?:倍|番|成)")


def asks_growth_rate(q: Question) -> bool:
    """广东地区生产总值增速是多少: a growth indicator's rate (a percentage, 1.2倍, 翻一番); not its
    rank (增速在全国排第几)."""
    return bool(q.indicator and q.indicator.endswith("_growth") and not q.measure and asks_rate(q)
                and not RANK_ASKED.search(q.norm))


def asks_rate(q: Question) -> bool:
    """Does the question ask for a rate or share (增长多少, 比重, 失业率) rather than an amount?"""
    return bool(_RATE_WORDS.search(q.norm))


ORDINAL = re.compile(r"第\s*[\d一二三四五六七八九十]+|首位")  # 第5位, 全国第一, 居全国首位
RANK_ASKED = re.compile(r"排第几|第几位|第几名|排名第?几|位次|排在第几|居第几")


def plan_periods(text_norm: str) -> set[str]:
    """The five-year plans a text names: “十四五”, 十五五时期 (十五年 is fifteen years, not one)."""
    return {m.group(1) for m in _PLAN.finditer(text_norm)}


# a clause that goes on about the subject before it without naming one: 总额达到…, 达到…, 共…
_CONTINUES = re.compile(r"(?:总额|总量|总计|合计|共计|共|累计|首次|达到|达)")
_NO_SUBJECT = re.compile(r"(?:(?:19|20)\d{2}年(?:底|末)?)(?:达到|达|突破|超过|迈上|跨过|为|实现)")
_GROWTH_START = re.compile(r"(?:可比|同比|比上年|较上年)?(?:增长|下降|增加)")


_RESTATES = re.compile(r"即|亦即|也就是|相当于")
_TO_START = re.compile(r"(?:预计|将|要|再)?(?:降低|降|下降|减少|减|压缩|提高|提升|增加|增长|上升|扩大)?(?:到|至)")
# a figure other than a year: 1352.3万吨, 一万三千亿斤 (which the number reader does not take)
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?!\d*年)|[一二两三四五六七八九十][十百千万亿]")


def states_figure(text: str) -> bool:
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


def subject_start(norm: str, cs: int) -> int:
    """Where the subject of a figure's clause starts: the clauses before it that state no figure
    of their own belong to it (一九六四年全国工业总产值，预计比一九六三年增长百分之十五以上)."""
    growth = bool(_GROWTH_START.match(norm, cs))
    actual = bool(re.match(r"实际|结果|最终", norm[cs : cs + 2]))
    bare_verb = _bare_verb(norm, cs)
    all_of = bool(re.match(r"都|均|也都", norm[cs : cs + 2]))  # 原煤…，原油…，都比上年增长8%: of all of them
    while cs > 1 and norm[cs - 1] in "，,":
        ps, _ = clause_span(norm, cs - 2, cs - 2)
        while ps > 1 and norm[ps - 1] == "," and norm[ps - 2].isdigit() and norm[ps].isdigit():
            ps, _ = clause_span(norm, ps - 2, ps - 2)  # 966,485,000元 is one figure, not three clauses
        if all_of and states_figure(norm[ps : cs - 1]):
            cs = ps
            continue
        if _RESTATES.match(norm, cs):  # 增长966,485,000元，即增长3.68%: the same figure restated
            cs = ps
            continue
        if _TO_START.match(norm, cs) and re.search(r"从|由", norm[ps:cs]):
            return ps  # 财政赤字从…一百七十亿元、…，预计降低到今年的二十七亿元: where it goes
        if states_figure(norm[ps : cs - 1]):
            figures = find_numbers(norm[ps : cs - 1])
            if figures and _CONTINUES.match(norm, cs) and is_change(norm, ps + figures[-1].start):
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


def content_groups(r: Retrieval) -> dict[str, list[str]]:
    """The question's content words (not cue words such as 增长, 目标) and their alternatives."""
    from baogao.ask.words import load_words

    words = load_words()
    return {kw: alts for kw, alts in r.groups.items() if words.factor(kw) >= 1.0 and r.weights.get(kw, 0) > 0}


def another_subject(content: dict[str, list[str]], own: str, question: str) -> bool:
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


def other_modifier(pieces: list[str], own: str, question: str, word: str = "") -> bool:
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


def own_words(norm: str, start: int, floor: int | None = None) -> str:
    """The words of a figure's clause (from ``floor``, else the clause start) before it and after
    any earlier figure in the clause: 资本充足率从2007年底的8.4%提升到去年底的13.3% gives 13.3% the
    words 提升到去年底的, not 2007年底, which is 8.4%'s year."""
    cs, _ = clause_span(norm, start, start)
    if floor is not None:
        cs = min(cs, floor)
    segment = norm[cs:start]
    last = None
    for n in find_numbers(segment):
        if segment[n.end : n.end + 1] != "年":  # a figure, not a year
            last = n
    return segment[last.end :] if last else segment


SPAN_ASKED = re.compile(r"年均|五年|(?<!\d)5年|累计|以来|十[一二三四五]五|期间|时期|平均每年|每年平均|到(?:19|20)\d{2}年")
