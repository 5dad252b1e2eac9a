"""Second round of general mechanisms for ``baogao ask``: definitions asked with the report's
region and year, entries that gloss several terms, partial-year figures, multi-part questions,
scope words of an in-document question, year reasoning and report wording. The questions are
written from the corpus and are in none of the golden or held-out sets; each asserts what the
code before these mechanisms got wrong."""

from __future__ import annotations

import pytest

from baogao.ask.question import DEFINITION, parse_question
from baogao.services.ask import ask


# -- definitions -----------------------------------------------------------------------------------


def test_a_year_that_names_the_report_leaves_a_definition_question(session):
    q = parse_question(session, "四川2025年政府工作报告里的“地名天府”是什么意思？")
    assert q.kind == DEFINITION and q.term == "地名天府"


def test_the_report_is_not_the_whole_of_a_quoted_term(session):
    q = parse_question(session, "云南2025年报告提出的“四级三类”是什么？")
    assert q.kind == DEFINITION and q.term == "四级三类" and not q.subterm


def test_a_definition_with_the_reports_year_reads_the_glossary(corpus_db):
    a = ask(corpus_db, "四川2025年政府工作报告里的“地名天府”是什么意思？")
    assert a.status == "answered" and "地名文化" in a.answer


def test_includes_which_asks_for_the_members(session, corpus_db):
    q = parse_question(session, "云南2025年报告中的“四级三类”包括哪些？")
    assert q.kind == DEFINITION and q.term == "四级三类"
    a = ask(corpus_db, "云南2025年报告中的“四级三类”包括哪些？")
    assert "总体规划" in a.answer


def test_a_part_asked_for_in_an_entry_that_glosses_several_terms(corpus_db):
    # 广东 2025: 17.“四旁”、“五边”：“四旁”为村旁…；“五边”为山边、水边…
    a = ask(corpus_db, "广东省2025年报告中“五边”绿化的“五边”指什么？")
    assert a.status == "answered" and "山边" in a.answer
    cite = a.citations[0]
    assert "山边" in cite.quote[cite.highlight[0] - cite.start : cite.highlight[1] - cite.start]


def test_each_of_a_parts_members_asked_with_fenbie(corpus_db):
    a = ask(corpus_db, "黄浦“四库五课”教育资源体系中的“五课”分别是什么？")
    assert a.status == "answered" and "行走课堂" in a.answer


def test_a_summary_of_a_missing_report_is_not_a_definition(session):
    q = parse_question(session, "1966年国务院政府工作报告的主要内容是什么？")
    assert q.kind != DEFINITION


# -- partial-year figures --------------------------------------------------------------------------


def test_the_period_a_figure_is_stated_for():
    from baogao.ask.periods import figure_period, partial_periods
    from baogao.text.normalize import normalize

    s = normalize("1-11月,星级宾馆入住率同比增长4.3%,营收同比增长7.3%;全年新增贸易型总部7家。")
    assert figure_period(s, s.index("4.3%")) == "1-11月"
    assert figure_period(s, s.index("7家")) is None
    assert partial_periods(normalize("2024年1—11月固定资产投资")) == {"1-11月"} == partial_periods("前11个月")


def test_a_figure_for_eleven_months_does_not_answer_the_year(corpus_db):
    # 黄浦 2025: 1-11月,完成固定资产投资总额310.37亿元
    a = ask(corpus_db, "黄浦区2024年固定资产投资总额是多少亿元？")
    assert a.status == "not_found" and "1-11月" in a.answer and a.citations


def test_a_question_naming_the_same_period_is_answered(corpus_db):
    a = ask(corpus_db, "黄浦区2024年1-11月完成固定资产投资总额多少亿元？")
    assert a.status == "answered" and "310.37亿元" in a.answer


# -- multi-part questions --------------------------------------------------------------------------


def test_the_parts_of_a_question():
    from baogao.ask.question import question_parts

    assert question_parts("云南2025年地区生产总值是多少？增速多少？") == ["云南2025年地区生产总值是多少", "增速多少"]
    assert len(question_parts("2025年，黄浦区GDP是多少？")) == 1


@pytest.mark.parametrize("question, figures", [
    ("黄浦区2024年区级一般公共预算收入是多少？同比增长多少？", ["299.40亿元", "6.1%"]),
])
def test_a_multi_part_question_is_answered_by_the_sentence_with_every_figure(corpus_db, question, figures):
    a = ask(corpus_db, question)
    assert a.status == "answered" and all(f in a.answer for f in figures)


# -- scope words of an in-document question --------------------------------------------------------


def test_last_year_in_a_document_is_the_reports_year_minus_one(session):
    q = parse_question(session, "报告说去年全省地区生产总值是多少？", doc_id="510000-2026-gzbg")
    assert q.years == [2025]
    assert "全省" not in q.keywords


def test_an_in_document_question_with_scope_words_is_answered(corpus_db):
    # 四川 2026: 实现地区生产总值67665亿元，增长5.5%
    a = ask(corpus_db, "报告说去年全省地区生产总值增长了多少？", doc_id="510000-2026-gzbg")
    assert a.status == "answered" and "5.5%" in a.answer


# -- year reasoning --------------------------------------------------------------------------------


def test_a_sentence_about_another_year_scores_lower():
    from baogao.ask.years import BASE_CONFLICT, OTHER_YEAR, base_years, year_cue

    plan = "计划草案拟定，工业总产值比一九六四年增长百分之十一左右。"  # 1965's plan, based on 1964
    assert base_years(plan) == {1964}
    assert year_cue([1964, 1963], "1964年工业总产值比1963年增长多少", False, 1964, None, plan) == -BASE_CONFLICT
    assert year_cue([1965, 1964], "1965年工业总产值计划比1964年增长多少", True, 1964, None, plan) == 0.0
    assert year_cue([1957], "一九五七年粮食产量", False, 1958, None, "一九五八年计划粮食产量三千九百二十亿斤") == -OTHER_YEAR


def test_a_years_outcome_reads_in_the_next_reports_review(corpus_db):
    # the 2019 report reviews 2018 (城镇新增就业1361万人); the 2018 report's 1351万人 is 2017's
    a = ask(corpus_db, "2018年全国城镇实际新增就业多少人？")
    assert a.status == "answered" and "1361万人" in a.answer
    assert a.citations[0].doc_id == "100000-2019-gzbg"


def test_the_subject_of_a_figure_may_stand_in_the_clause_before():
    from baogao.ask.figures import subject_start
    from baogao.text.normalize import normalize

    s = normalize("一九六四年全国工业总产值，预计比一九六三年增长百分之十五以上，比一九五七年有了很大的增加。")
    cs = s.index("预计")
    assert subject_start(s, cs) == 0
    t = normalize("粮食产量1352.3万吨，苹果预计增产")
    assert subject_start(t, t.index("苹果")) == t.index("苹果")


# -- a percentage asked for ------------------------------------------------------------------------


def test_baifenzhiji_is_a_question_word_not_a_content_word(session):
    q = parse_question(session, "四川2025年地方一般公共预算收入增长了百分之几？")
    assert not any("百分之" in w for w in q.keywords)


def test_baifenzhiji_is_answered_by_a_percentage(corpus_db):
    # 四川 2026: 地方一般公共预算收入5853.9亿元，增长3.9%
    a = ask(corpus_db, "四川2025年地方一般公共预算收入增长了百分之几？")
    assert a.status == "answered" and "3.9%" in a.answer


def test_a_restated_figure_keeps_the_subject_of_the_clause_it_restates():
    from baogao.ask.figures import states_figure, subject_start
    from baogao.text.normalize import normalize

    s = normalize("1955年本年支出增长1,743,846,000元，即增长6.32%。")
    assert subject_start(s, s.index("即")) == 0
    assert states_figure("粮食产量合计只一万三千亿斤") and not states_figure("一九六四年全国工业总产值")


# -- question words against report wording ---------------------------------------------------------


def test_a_river_named_after_a_district_is_not_the_district(session):
    q = parse_question(session, "上海市黄浦江滨水空间累计贯通了多少公里？")
    assert [r.name for r in q.regions] == ["上海市"] and "黄浦江" in q.keywords


def test_a_riverside_question_reads_the_citys_report(corpus_db):
    a = ask(corpus_db, "上海市黄浦江滨水空间累计贯通了多少公里？")
    assert a.status == "answered" and "69公里" in a.answer


def test_a_five_year_plan_named_by_the_section_heading(session, corpus_db):
    # 新疆 2026, under “十四五”时期和2025年工作回顾: …外贸进出口总额年均增长28.5%
    q = parse_question(session, "新疆“十四五”时期外贸进出口总额年均增长多少？")
    assert "时期" not in q.keywords
    a = ask(corpus_db, "新疆“十四五”时期外贸进出口总额年均增长多少？")
    assert a.status == "answered" and "28.5%" in a.answer


def test_a_target_over_several_years_does_not_read_as_one_years():
    from baogao.ask.years import MULTI_YEAR, span_cue
    from baogao.text.normalize import normalize

    five = normalize("“三级百圈”:四川开展的标志性商圈提质行动,力争用5年时间,分层级打造世界级、都市级、区域级标志性商圈100个")
    assert span_cue([2025], True, five) == -MULTI_YEAR
    assert span_cue([2025], False, five) == 0.0  # an outcome question is not about a plan's span
    assert span_cue([2025], True, normalize("年度目标：新建标志性商圈20个")) == 0.0


def test_a_parenthesis_after_the_term_glosses_it(corpus_db):
    # 2007: 410个“两基”（基本普及九年义务教育和基本扫除青壮年文盲）攻坚县…
    a = ask(corpus_db, "“两基”是什么意思？")
    assert a.status == "answered" and "基本普及九年义务教育" in a.answer


def test_a_parenthesis_naming_who_leads_is_no_definition(corpus_db):
    # 内蒙古 2026: …每天提供“一杯奶”（牵头单位：教育厅）
    a = ask(corpus_db, "“一杯奶”是什么意思？")
    assert a.status == "not_found"
