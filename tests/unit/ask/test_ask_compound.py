"""Compound questions (baogao.ask.compound): a question that asks two things gets both, each with
its citation; a place inside a region is the question's scope; a report the library lacks is
said. The questions are written from the corpus and are in none of the golden or held-out sets."""

from __future__ import annotations

import pytest

from baogao.ask.compound import sub_questions
from baogao.services.ask import ask


@pytest.mark.parametrize("question, parts", [
    # coordinated terms with a shared tail and the place and year before them
    ("浙江省2025年地区生产总值和一般公共预算收入的预期目标各是多少",
     ["浙江省2025年地区生产总值的预期目标是多少", "浙江省2025年一般公共预算收入的预期目标是多少"]),
    ("广西2026年规上工业增加值和固定资产投资分别增长多少",
     ["广西2026年规上工业增加值增长多少", "广西2026年固定资产投资增长多少"]),
    # a later part without a subject continues the first part's
    ("2023年全国城镇新增就业是多少,比上年增加多少",
     ["2023年全国城镇新增就业是多少", "2023年全国城镇新增就业比上年增加多少"]),
    # a later part with a subject of its own gets the first part's place and year
    ("广西2025年粮食产量目标是多少？城镇新增就业计划多少人？",
     ["广西2025年粮食产量目标是多少", "广西2025年城镇新增就业计划多少人"]),
    # a leading clause that asks nothing stays with the part after it
    ("据2024年的报告,全国粮食产量是多少？比上年增产多少？",
     ["据2024年的报告,全国粮食产量是多少", "据2024年的报告,全国粮食产量比上年增产多少"]),
])
def test_a_compound_question_is_split_into_questions_that_each_ask_one_thing(question, parts):
    assert sub_questions(question) == parts


@pytest.mark.parametrize("question", ["黄浦区2025年地区生产总值增长目标是多少", "什么是新质生产力", "电梯和楼道的改造"])
def test_an_ordinary_question_is_not_split(question):
    assert sub_questions(question) == []


def test_regions_named_together_are_one_list_question():
    assert sub_questions("北京和上海2026年的经济增长目标分别是多少", split_terms=False) == []


def test_parts_answered_by_different_sentences_get_one_answer_each(corpus_db):
    # national 2025: the deficit ratio and the jobs target are in two sentences
    a = ask(corpus_db, "2025年赤字率拟按多少安排？城镇新增就业目标是多少？")
    assert a.status == "answered"
    assert "4%左右" in a.answer and "1200万人以上" in a.answer
    assert len({(c.doc_id, c.start) for c in a.citations}) == 2 and a.check["passed"]
    assert len(a.check["parts"]) == 2


def test_parts_answered_by_one_sentence_give_both_figures(corpus_db):
    # 四川 2026: 粮食产量达到732.5亿斤、创历史新高，生猪出栏6248万头 (one sentence, two figures)
    a = ask(corpus_db, "四川2025年粮食产量达到多少？生猪出栏多少头？")
    assert "732.5亿斤" in a.answer and "6248万头" in a.answer
    assert {c.doc_id for c in a.citations} == {"510000-2026-gzbg"}


def test_a_part_the_reports_do_not_answer_is_said_and_the_rest_answered(corpus_db):
    a = ask(corpus_db, "2025年赤字率拟按多少安排？全国大熊猫数量目标是多少？")
    assert a.status == "answered" and "4%左右" in a.answer
    assert "报告中未提及" in a.answer and "见下" not in a.answer
    assert all("大熊猫" not in c.quote for c in a.citations)


@pytest.mark.parametrize("question, place, region", [
    ("浙江杭州2025年地区生产总值增长目标是多少？", "杭州", "浙江省"),
    ("江苏南京市2026年城镇新增就业目标是多少？", "南京市", "江苏省"),
])
def test_a_city_inside_a_province_the_library_has_is_its_own_scope(corpus_db, question, place, region):
    # the province's own target would answer a question about one of its cities: refused instead
    a = ask(corpus_db, question)
    assert a.status == "not_found" and not a.citations
    assert f"库中没有“{place}”的报告" in a.answer and region in a.answer


def test_a_district_the_library_has_is_answered_under_its_city(corpus_db):
    a = ask(corpus_db, "上海黄浦区2025年地区生产总值增长目标是多少？")
    assert a.status == "answered" and {c.doc_id for c in a.citations} == {"310101-2025-gzbg"}


def test_a_report_the_library_lacks_is_said_not_answered_from_the_next_one(corpus_db):
    # the 2025 report's 今年…目标 is 2025's target, not one the 2024 report set
    a = ask(corpus_db, "广西2024年政府工作报告提出的城镇新增就业目标是多少？")
    assert a.status == "not_found" and a.answer == "库中没有广西壮族自治区2024年的政府工作报告"
    # the year's outcome, which the next report reviews, is still answered
    b = ask(corpus_db, "广西2024年城镇新增就业完成了多少？")
    assert b.status == "answered" and "40.5万人" in b.answer
