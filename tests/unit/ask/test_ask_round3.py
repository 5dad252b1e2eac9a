"""Third round of general mechanisms for ``baogao ask``. The questions are written from the corpus
(its glossaries and texts) and are in none of the golden or held-out sets; each asserts what the
code before the mechanism got wrong."""

from __future__ import annotations

import pytest

from baogao.ask.question import DEFINITION, parse_question
from baogao.services.ask import ask


# -- a quoted name asked about: the words before it say where it is written ------------------------


@pytest.mark.parametrize(
    "question,term,part",
    [
        ("广东报告注释里的“链式改造”指的是什么？", "链式改造", None),
        ("江西省政府工作报告中提到的“一表同享”是指什么做法？", "一表同享", None),
        ("广东提出的轨道交通“四网融合”是哪四张网？", "四网融合", None),
        ("报告里说的“四库五课”教育资源体系中，“五课”是哪五种课？", "四库五课", "五课"),
    ],
)
def test_a_quoted_name_is_the_term_asked_about(session, question, term, part):
    q = parse_question(session, question)
    assert q.kind == DEFINITION and q.term == term and q.subterm == part


def test_a_quoted_name_with_words_after_it_stays_whole(session):
    q = parse_question(session, "“四库五课”教育资源体系指什么？")
    assert q.term == "“四库五课”教育资源体系"


def test_a_quoted_name_with_a_quantity_asked_is_not_a_definition(session):
    q = parse_question(session, "江西“2030先锋工程”要布局多少个重大专项？")
    assert q.kind != DEFINITION


def test_which_members_of_a_quoted_name_come_from_its_glossary_entry(corpus_db):
    a = ask(corpus_db, "广东提出的轨道交通“四网融合”是哪四张网？")
    assert a.status == "answered" and "城际铁路" in a.answer and "市域（郊）铁路" in a.answer
    a = ask(corpus_db, "报告里说的“四库五课”教育资源体系中，“五课”是哪五种课？")
    assert a.status == "answered" and "行走课堂" in a.answer


def test_with_no_year_asked_the_newest_reports_entry_answers(corpus_db):
    # 江西 glosses “一表同享” in both its 2025 and its 2026 report
    a = ask(corpus_db, "江西省政府工作报告中提到的“一表同享”是指什么做法？")
    assert a.status == "answered" and a.citations[0].doc_id == "360000-2026-gzbg"
    a = ask(corpus_db, "江西2025年报告中提到的“一表同享”是指什么？")
    assert a.citations[0].doc_id == "360000-2025-gzbg"


# -- items of a colon list; compounds with one character left over ----------------------------------


def test_an_item_of_a_colon_list_is_read_with_its_lead(corpus_db):
    # 1954: …一九五四年預計産量…以下的動人的數字：電力…；原煤…；…水泥四百七十三萬噸…；
    a = ask(corpus_db, "一九五四年的政府工作报告里，水泥的预计产量是多少？")
    assert a.status == "answered" and "四百七十三萬噸" in a.answer


def test_a_compound_with_one_character_left_over_is_found_in_pieces():
    from baogao.ask.absent import parts_in_scope

    present = {"产量", "煤炭"}.__contains__
    assert parts_in_scope("钢产量", present) == ["产量", "钢"]
    assert parts_in_scope("粗钢产量", present) == ["产量"]  # two characters left over (粗钢): not a piece


# -- the year a figure is of -------------------------------------------------------------------------


def test_a_figure_said_to_be_of_another_year_does_not_answer(corpus_db):
    # 1955: 一九三六年全国钢产量超过四十万吨 / 即一九四九年，…，钢产量只有十五万八千多吨
    for question in ("1954年全国钢产量预计能达到多少万吨？", "一九五四年预计钢产量有多少？"):
        a = ask(corpus_db, question)
        assert "四十万吨" not in a.answer and "十五万八千" not in a.answer, a.answer


def test_the_figure_after_an_earlier_years_figure_is_the_one_asked_for(corpus_db):
    # 2013: 资本充足率从2007年底的8.4%提升到去年底的13.3%
    a = ask(corpus_db, "到2012年底，银行业资本充足率是多少？")
    assert a.status == "answered"
    c = a.citations[0]
    text = c.quote
    hs, he = c.highlight
    assert text[hs - c.start : he - c.start] == "13.3%"


# -- a level is not a change --------------------------------------------------------------------------


def test_a_level_asked_for_is_not_the_change_before_it(corpus_db):
    # 2000: 国家财政收入比上年增加1501亿元，总额首次突破万亿元，达到11377亿元。
    a = ask(corpus_db, "2000年报告里，上年国家财政收入总额有多少？")
    assert a.status == "answered" and "（11377亿元）" in a.answer
    a = ask(corpus_db, "1999年国家财政收入比上年增加了多少？")
    assert a.status == "answered" and "（1501亿元）" in a.answer


def test_a_quoted_name_before_a_comma_and_its_ask(session):
    q = parse_question(session, "广东省政府工作报告说的农村“三块地”改革，是哪三块地？")
    assert q.kind == DEFINITION and q.term == "三块地"
    assert parse_question(session, "“两重”建设，是什么？").term == "“两重”建设"


# -- refusals: a related figure, another year's plan, a last year's result, a district inside a city ----


def test_a_district_written_together_with_its_city_is_the_scope(corpus_db):
    # the segmenter reads 上海浦东新区 as one word; the library has 上海市 and 黄浦区, not 浦东新区
    a = ask(corpus_db, "上海浦东新区2025年一般公共预算收入是多少？")
    assert a.status == "not_found" and "库中没有“浦东新区”" in a.answer


def test_another_items_figure_does_not_answer_for_a_compound_it_lacks(corpus_db):
    # 北京 2026: 确保粮食播种面积稳定在100万亩以上、蔬菜产量稳定在200万吨左右 (no grain output)
    a = ask(corpus_db, "北京市2026年粮食总产量要达到多少万吨？")
    assert a.status == "not_found", a.answer


def test_the_unit_asked_for_is_not_a_word_to_find(session):
    q = parse_question(session, "北京市2026年粮食产量目标是多少万吨？")
    assert q.measure == "吨" and "万吨" not in q.keywords


def test_a_result_in_the_review_is_not_a_target(corpus_db):
    # 2019: 粮食总产量保持在1.3万亿斤以上 reviews 2018; the 2019 targets name no grain output
    a = ask(corpus_db, "2019年政府工作报告定的粮食总产量目标是多少斤？")
    assert a.status == "not_found", a.answer
    a = ask(corpus_db, "2018年粮食总产量是多少？")
    assert a.status == "answered" and "1.3万亿斤" in a.answer


def test_a_plan_for_this_year_does_not_say_what_last_year_came_to(corpus_db):
    # 广东 2025: 今年…主要预期目标是：地区生产总值增长5%左右; its review gives no 2024 growth rate
    a = ask(corpus_db, "广东2024年全省地区生产总值增速是多少？")
    assert a.status == "not_found", a.answer
    a = ask(corpus_db, "广东2025年地区生产总值增长目标是多少？")
    assert a.status == "answered" and "5%左右" in a.answer


# -- the reports' words for the question's ---------------------------------------------------------


def test_per_head_is_written_in_older_words(corpus_db):
    # 1984: 职工家庭按人口平均的生活费收入达到５２６元; 1985: 城镇居民家庭平均每人可用于生活费的收入达到六百零八元
    a = ask(corpus_db, "1983年城镇职工家庭人均生活费收入是多少？")
    assert a.status == "answered" and "５２６元" in a.answer
    a = ask(corpus_db, "1984年城镇居民家庭人均生活费收入达到多少元？")
    assert a.status == "answered" and "六百零八元" in a.answer


def test_the_form_of_the_answer_is_not_a_word_to_find(session):
    q = parse_question(session, "2019年经济增长的预期区间是多少？")
    assert "区间" not in q.keywords


# -- the report's year and the figure's; five-year plans ---------------------------------------------


def test_a_report_named_by_its_year_about_another_year(session, corpus_db):
    q = parse_question(session, "1964年的政府工作报告说1965年农业总产值计划增长多少？")
    assert q.report_of == 1964 and q.years == [1965]
    # 1964: 一九六五年计划草案拟定，农业总产值比一九六四年增长百分之五左右 (not 1964's 预计…增长)
    a = ask(corpus_db, "1964年的政府工作报告说1965年农业总产值计划增长多少？")
    assert a.status == "answered" and "百分之五左右" in a.answer
    assert a.citations[0].doc_id == "100000-1964-gzbg"


def test_the_tenth_plan_is_not_the_fifteenth(corpus_db):
    # “十五” is inside “十五五”: the 2026 provincial reports' 十五五 targets do not answer
    a = ask(corpus_db, "“十五”计划时期国内生产总值年均增长的预期目标是多少？")
    assert a.status == "answered" and "7％左右" in a.answer and a.citations[0].doc_id == "100000-2001-gzbg"


def test_a_year_named_in_the_sentence_marks_its_figure(corpus_db):
    # 1988: 国民生产总值１９８７年达到１０９２０亿元 (not the 1992 target nor 比１９８０年增长１．７倍)
    a = ask(corpus_db, "1988年的报告中，1987年的国民生产总值是多少？")
    assert a.status == "answered" and "１０９２０亿元" in a.answer


# -- a missing report restated by the next one ---------------------------------------------------------


def test_a_missing_years_report_is_answered_where_the_next_report_restates_it(corpus_db):
    # no 1996 report; 1997: 去年政府工作报告提出，物价涨幅要从１４．８％降到１０％左右
    a = ask(corpus_db, "1996年政府工作报告对物价涨幅提出的控制目标是多少？")
    assert a.status == "answered" and "（１０％左右）" in a.answer
    assert a.citations[0].doc_id == "100000-1997-gzbg" and "库中没有1996年的政府工作报告" in a.note
    # nothing restated: still refused
    a = ask(corpus_db, "1996年政府工作报告提出的国内生产总值增长目标是多少？")
    assert a.status == "not_found" and "库中没有1996年的政府工作报告" in a.answer


def test_the_figure_a_change_goes_to_is_the_target(corpus_db):
    # 2013: 资本充足率从2007年底的8.4%提升到去年底的13.3%，不良贷款率由6.1%下降到0.95%
    a = ask(corpus_db, "2012年底银行业不良贷款率降到了多少？")
    assert a.status == "answered" and "（0.95%）" in a.answer


# -- compound questions without 分别/各 ---------------------------------------------------------------


def test_two_terms_with_one_target_ask_are_two_questions():
    from baogao.ask.compound import sub_questions

    assert sub_questions("云南2026年城镇新增就业和粮食产量目标是多少") == [
        "云南2026年城镇新增就业目标是多少", "云南2026年粮食产量目标是多少"]
    assert sub_questions("2025年全国城镇调查失业率控制目标和居民消费价格涨幅目标是多少") == [
        "2025年全国城镇调查失业率控制目标是多少", "2025年居民消费价格涨幅目标是多少"]  # no region: 全国
    assert sub_questions("2025年城乡居民收入和经济增长同步吗") == []  # asks no figure of two terms


def test_each_term_of_a_two_term_target_question_is_answered(corpus_db):
    # 2025: 城镇调查失业率5.5%左右 … 居民消费价格涨幅2%左右
    a = ask(corpus_db, "2025年全国城镇调查失业率控制目标和居民消费价格涨幅目标是多少？")
    assert a.status == "answered" and "5.5%左右" in a.answer and "2%左右" in a.answer


# -- h7 round: places inside a region, money asked for --------------------------------------------------


def test_a_district_the_segmenter_takes_for_a_name_is_still_a_place(corpus_db):
    # rjieba tags 长宁区 / 徐汇区 as person names (nr); the admin suffix says they are places
    a = ask(corpus_db, "上海长宁区2025年一般公共预算收入是多少？")
    assert a.status == "not_found" and "库中没有“长宁区”" in a.answer


def test_a_city_named_with_its_year_after_the_provinces_report_is_the_scope(corpus_db):
    a = ask(corpus_db, "按照四川2026年报告，绵阳市2025年地区生产总值是多少？")
    assert a.status == "not_found" and "库中没有“绵阳市”" in a.answer
    a = ask(corpus_db, "四川2025年地区生产总值是多少？")
    assert a.status == "answered" and "67665亿元" in a.answer


def test_income_asked_for_is_money(corpus_db, session):
    # 天津 2025: 盘活土地2.26万亩、房产超过1000万平方米，实现收入593.6亿元
    assert parse_question(session, "天津2025年报告说盘活土地房产实现收入多少？").measure == "元"
    assert parse_question(session, "黄浦区2024年一般公共预算收入增长多少？").measure is None
    a = ask(corpus_db, "天津2025年报告说盘活土地房产实现收入多少？")
    assert a.status == "answered" and "（593.6亿元）" in a.answer


def test_a_result_does_not_set_a_target_where_the_parts_are_not_told_apart(corpus_db):
    # 福建 2026 (review and plan parts not recognised): 初步统计，2025年…社会消费品零售总额增长4.4%
    # is a result; its targets name no retail sales
    a = ask(corpus_db, "福建2026年社会消费品零售总额增长目标是多少？")
    assert a.status == "not_found", a.answer


def test_which_places_is_a_question_across_provinces(session):
    q = parse_question(session, "2025年哪些地区把城镇调查失业率目标定在5.5%左右？")
    assert q.kind == "list" and q.all_provinces


def test_a_region_that_said_a_term_is_not_part_of_it(session):
    q = parse_question(session, "江西说的“三通一码”指什么？")
    assert q.kind == DEFINITION and q.term == "三通一码"
    q = parse_question(session, "四川提出的六大科技专项是指哪几个领域？")
    assert q.kind == DEFINITION and q.term == "六大科技专项"


def test_two_place_names_in_a_row_are_one_longer_name(corpus_db):
    # 宁波|舟山|港 (a port), not the city of 宁波; 浙江 2026: 宁波舟山港集装箱吞吐量4387万标箱
    # and a result asked for (达到了) is the review's 4387万标箱, not the plan's 达到4500万标箱
    a = ask(corpus_db, "宁波舟山港的集装箱吞吐量达到了多少万标箱？")
    assert a.status == "answered" and "（4387万标箱）" in a.answer
    a = ask(corpus_db, "杭州市2025年GDP是多少？")
    assert a.status == "not_found" and "库中没有“杭州市”" in a.answer
