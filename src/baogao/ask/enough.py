"""Does a sentence answer the question? ``answers`` checks what a sentence with the right words
may still get wrong: the figure's own clause names another thing, place, item or year, the figure
is of part of a year or of five years, a plan's target where a result is asked (or the reverse),
the unit or kind asked for (a percentage, a rank, a date), the place inside a region."""

from __future__ import annotations

import re

from baogao.ask.figures import (
    ACTUAL_OWN, ASKS_RESULT, FORECAST, ORDINAL, OWN_YEAR, RANK_ASKED, SHARE, SPAN_ASKED, STATES_TARGET, TIMES,
    TOTAL_ASKED, YEAR_WORD, another_subject, asks_change, asks_growth_rate, asks_percent, content_groups, is_change,
    is_percent, other_modifier, own_words, states_figure, subject_start,
)
from baogao.ask.question import NUMBER, Question, measure_in
from baogao.ask.retrieve import Retrieval
from baogao.ask.sentences import Sentence, clause_span, list_lead, sentence_coverage, sentences
from baogao.ask.split_names import output_name, paragraph_headline, split_name
from baogao.ask.years import base_years, review_of_year_before, same_comparison, years_named


# How much of the question (by keyword weight) a sentence must contain to answer it.
MIN_SENTENCE_COVERAGE = 0.62
MIN_SENTENCE_COVERAGE_STRONG_PASSAGE = 0.5  # when the paragraph as a whole covers everything
STRONG_PASSAGE = 0.85


TARGET_CUES = re.compile(r"预期目标|目标|建议|力争|左右|以上|以内|拟|计划|确保")
_REVIEW_TARGET_CUES = re.compile(r"预期目标|目标|建议|力争|计划|拟|确定|要求|报告提出")


_PLAN_SAYS = re.compile(r"今年[^，,。；;]{0,12}?(?:安排|拟|将|要|力争)")  # 今年中央财政安排…比上年增加…: a plan
_RESULT_CUES = re.compile(r"实现|完成|达到|前三季度|全年|1-\d+月|同比增长|比上年|增长了|累计|突破|初步统计|(?:19|20)\d{2}年"
                          r"|跃居|(?:从|由)[^，,。；;]{1,14}(?:提高|提升|增加|增长|下降|降低|扩大)(?:到|至)")


_LOCATION_CUE = re.compile(r"位于|坐落|地处|选址|落户|东至|西至|南至|北至|以[^，,。]{1,12}为核心|"
                           r"在[^，,。]{1,12}(?:路|街|街道|区|镇|乡|村|号|园|港|楼|广场|大厦)")
_DAY_ASKED = re.compile(r"几月几[日号]|哪一?天|几号|哪一?日|什么日子|何日")
_DAY = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]")
_MONTH_ASKED = re.compile(r"哪个月|几月份|几月(?!几)")
_MONTH = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?!份?以来)")


def context_has_the_rest(sent: Sentence, r: Retrieval | None) -> bool:
    """A sentence that lacks some of the question's words still answers when its context has
    them: the paragraph's lead sentence, the sentence before it, or the section heading (not
    anywhere in a long paragraph: 国防 at its end does not make 预算 in its middle a defence budget)."""
    if r is None:
        return True
    p = sent.passage
    _, hit = sentence_coverage(sent.norm + " " + (p.term or ""), r)
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


_NEXT_ITEM = re.compile(r"[\s“”\"]*(?:[余多]?[例台家个项户人套张所座条次场名元亿万千百吨斤亩公里米顷辆架件批处位门%])*、")
# …超110万辆、居全国第9: what follows 、 says more of the same item
_SAYS_MORE = re.compile(r"(?:居|位居|位列|排名|排|列|占|比|较|同比|增长|增加|下降|减少|提高|降低|达到|达|为|是|其中|分别|均|超过|超|相当于|创)")


def figure_is_about_the_question(sent: Sentence, r: Retrieval, question: str = "") -> bool:
    """The clause of the answering figure holds one of the question's content words (not only a
    cue word such as 增长 or 目标), or a piece of an absent one; a question with no content word
    in the sentence at all is judged by its coverage alone."""
    content = content_groups(r)
    in_sentence = [kw for kw, alts in content.items() if any(a and a in sent.norm for a in alts) or r.partial(kw, sent.norm) > 0]
    if not in_sentence:
        return True
    hs, he = sent.highlight
    cs, ce = clause_span(sent.norm, hs - sent.start, he - sent.start)
    cs = subject_start(sent.norm, cs)
    clause = sent.norm[cs:ce]
    own = own_words(sent.norm, hs - sent.start, cs)
    if any(other_modifier(r.parts.get(kw) or [], own, question, kw) for kw in in_sentence
           if kw in r.absent or not any(a and a in sent.norm for a in r.groups.get(kw, []))):
        return False  # 粮食产量 is not 蔬菜产量稳定在200万吨 (粮食播种面积 is the item before it)
    if another_subject(content, own, question):
        return False  # 高速公路通车总里程 is not 铁路运营里程达9234公里
    if _NEXT_ITEM.match(own):  # the item after another figure's item (…2000例、“两癌”患病妇女…)
        item = YEAR_WORD.sub("", own[own.rfind("、") + 1 :])
        if len(re.findall(r"[\u4e00-\u9fff]", item)) >= 3 and not _SAYS_MORE.match(item.lstrip(" “”\"")) and not any(
                any(a and a in item for a in content[kw]) or r.partial(kw, item) > 0 for kw in content):
            return False  # 白内障患者实施免费手术2000例、“两癌”患病妇女给予每人1万元: another item's figure
    return any(_names_in_clause(kw, content[kw], clause, r) for kw in in_sentence)


def _names_in_clause(kw: str, alts: list[str], clause: str, r: Retrieval) -> bool:
    """Does the clause name the question word, whole (not inside another word: 工业总产值 in
    手工业|总产值 is the handicrafts', not industry's) or by pieces of an absent one?"""
    whole = [a for a in alts if a and a in clause]
    if whole:
        return not all(_inside_a_word(a, clause) for a in whole)
    return r.partial(kw, clause) > 0


def _inside_a_word(word: str, text: str) -> bool:
    """Does every occurrence of ``word`` (3 characters or more) in ``text`` start inside a word of
    the segmented text (工业总产值 in 这一年，手工业|总产值达到…)?"""
    if len(word) < 3:
        return False
    import rjieba

    starts = {s for _, s, _ in rjieba.tokenize(text)}
    at = [m.start() for m in re.finditer(re.escape(word), text)]
    return bool(at) and all(a not in starts for a in at)


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
    cs, _ = clause_span(norm, hs, hs)
    cs = max(subject_start(norm, cs), sent.start)
    before = own_words(norm, hs, cs)
    named = years_named(before) - base_years(before)
    while not named and cs > sent.start + 1:
        # a clause before it that names a year and states no figure is the time of the sentence's
        # figures (即一九四九年，全国生铁产量只有…，钢产量只有十五万八千多吨); a clause with a
        # figure keeps its year for that figure
        ps, _ = clause_span(norm, cs - 2, cs - 2)
        ps = max(ps, sent.start)
        clause = norm[ps : cs - 1]
        if not states_figure(YEAR_WORD.sub("", clause)):
            named = years_named(clause) - base_years(clause)
        cs = ps
    return bool(named) and not named & set(q.years)


def answers(q: Question, sent: Sentence, r: Retrieval | None = None) -> bool:
    if sent.coverage >= MIN_SENTENCE_COVERAGE:
        ok = True
    else:
        ok = sent.coverage >= MIN_SENTENCE_COVERAGE_STRONG_PASSAGE and (
            (sent.passage.coverage >= STRONG_PASSAGE and context_has_the_rest(sent, r))
            # the question's own comparison (1955年 against 1954年) stands for the words it lacks
            or (q.kind == NUMBER and same_comparison(q.years, q.norm, sent.norm)))
    if ok and q.kind == NUMBER and sent.highlight is None:
        ok = False
    if ok and q.kind == NUMBER and r is not None and asks_percent(q):
        hs, he = sent.highlight
        ok = is_percent(r.texts[sent.passage.doc_id][1][hs:he])  # 百分之几 is not 966,485,000元
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
    if ok and q.kind == NUMBER and r is not None and RANK_ASKED.search(q.norm):
        hs, he = sent.highlight
        ok = bool(ORDINAL.match(r.texts[sent.passage.doc_id][1], hs))  # 排第几 is answered by 第5位, not 9万亿元
    if ok and q.kind == NUMBER and r is not None and asks_growth_rate(q):
        hs, he = sent.highlight
        text_norm = r.texts[sent.passage.doc_id][1]
        ok = is_percent(text_norm[hs:he]) or bool(TIMES.match(text_norm, he))  # 增速是多少 is not 57个县
        if ok and not SHARE.search(q.norm) and SHARE.search(own_words(text_norm, hs)[-12:]):
            ok = False  # GDP增长了多少 is not 教育经费占国内生产总值比例…4%以上
    if ok and q.kind == NUMBER and q.measure and q.measure != "个" and not q.duration and r is not None:
        text_norm = r.texts[sent.passage.doc_id][1]
        hs, he = sent.highlight
        if not measure_in(q.measure, text_norm[hs : he + 2]):
            ok = False  # 多少吨 is not answered by 1/4
    if ok and q.kind == NUMBER and r is not None and TOTAL_ASKED.search(q.norm) and not asks_change(q) \
            and is_change(r.texts[sent.passage.doc_id][1], sent.highlight[0]):
        ok = False  # 钢产量一共是多少 is not 钢产量前三年共增加了一百五十万吨 (a change, not the level)
    if ok and q.kind == NUMBER and r is not None and not figure_is_about_the_question(sent, r, q.norm):
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
            and not TARGET_CUES.search(sent.norm) and not _PLAN_SAYS.search(sent.norm) and _RESULT_CUES.search(sent.norm):
        # a report whose review and plan parts are not told apart: a sentence that states a
        # result (实现…, 突破5万亿元, 2025年…增长5%) and no target word does not set a target
        ok = False
    if ok and q.kind == NUMBER and q.years and not q.plan_period and not SPAN_ASKED.search(q.norm) \
            and r is not None and _five_year_paragraph(_paragraph_of(r.texts[sent.passage.doc_id][1], sent.start)) \
            and not _ends_a_span(r.texts[sent.passage.doc_id][1], sent.highlight) \
            and not years_named(own_words(r.texts[sent.passage.doc_id][1], sent.highlight[0])) & set(q.years):
        # (人均生产总值由7.34万元提升至10.26万元: where the span ends is the last year's level)
        ok = False  # 粮食总产稳定在1100亿斤以上, in a paragraph on the five years (年均…由2020年的…), is no year's
    if ok and q.kind == NUMBER and q.fact_kind != "target" and not q.report_year \
            and review_of_year_before(q.years, q.norm, sent.passage, sent.norm):
        ok = False  # the 2019 report's review (国内生产总值增长6.6%) is 2018's result, not 2019's
    if ok and q.kind == NUMBER and q.fact_kind == "outcome" and sent.passage.part is None and ASKS_RESULT.search(q.norm) \
            and TARGET_CUES.search(sent.norm) and not ACTUAL_OWN.search(sent.norm) and not _RESULT_CUES.search(sent.norm):
        ok = False  # 失业率实际是多少 is not 城镇登记失业率控制在4.6%以内, in a report whose parts are not told apart
    if ok and q.kind == NUMBER and q.fact_kind == "outcome" and sent.passage.part == "plan" \
            and (ASKS_RESULT.search(q.norm) or STATES_TARGET.search(sent.norm)) and not ACTUAL_OWN.search(sent.norm):
        # 粮食总产量实际是多少 is not answered by the plan's 粮食产量1285万吨, nor GDP增长了多少 by
        # 今年…预期目标是：国内生产总值增长6%－6.5%
        ok = False
    if ok and q.kind == NUMBER and q.years and r is not None and sent.passage.year \
            and sent.passage.year not in set(q.years) - base_years(q.norm) and OWN_YEAR.search(sent.norm) \
            and not years_named(sent.norm) & set(q.years):
        ok = False  # the 2015 report's 今年高校毕业生749万人 is 2015's, not 2014's
    if ok and q.kind == NUMBER and q.fact_kind is None and sent.passage.part == "plan" and r is not None \
            and "预计" not in q.norm and not q.report_year and not FORECAST.search(sent.norm) and _next_report_in_scope(sent, r):
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
        cs, _ = clause_span(text_norm, sent.highlight[0], sent.highlight[1])
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


_END_LEVEL = re.compile(r"(?:由|从)[^，,。；;]*(?:提升至|提高到|提高至|增长到|增加到|达到|升至|到|至)$")


def _ends_a_span(norm: str, highlight: tuple[int, int]) -> bool:
    """Is the figure where a from→to ends (由7.34万元提升至10.26万元)?"""
    cs, _ = clause_span(norm, highlight[0], highlight[1])
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
