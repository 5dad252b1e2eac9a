"""Fifth round of general mechanisms for ``baogao ask``. The questions are written from the corpus
texts and are in none of the golden or held-out sets (a few ask, in other words, about a fact a
studied held-out question asks about); each asserts what the code before the mechanism got wrong
(checked by running it on the commit before)."""

from __future__ import annotations

from baogao.ask.question import parse_question
from baogao.services.ask import ask
from baogao.text.normalize import normalize


def test_a_document_opening_with_its_period_frames_every_sentence(corpus_db):
    # 310101-2022-fzbg opens 黄浦区第二次党代会以来，…; its sentences do not repeat it
    a = ask(corpus_db, "黄浦区第二次党代会以来，老旧住房综合修缮受益居民有多少户？")
    assert a.status == "answered" and "（5900户）" in a.answer
    assert a.citations[0].doc_id == "310101-2022-fzbg"


def test_variant_characters_opencc_leaves_are_folded():
    # the 1954 report writes 選擧 and 保衞; OpenCC's t2s keeps 擧 and 衞
    assert normalize("選擧") == "选举" and normalize("保衞") == "保卫"
    assert len(normalize("衞擧汚")) == 3


def test_words_that_only_frame_a_question_are_not_searched_for(session):
    q = parse_question(session, "按1975年报告的说法，此前十年建成了多少个大中型项目？")
    assert "说法" not in q.keywords and "此前" not in q.keywords
    q = parse_question(session, "大跃进那年（1958年）全国钢产量达到多少万吨？")
    assert q.years == [1958] and "大跃进" not in q.keywords


def test_an_estimate_is_what_the_report_calls_a_forecast(corpus_db):
    # 1954: 拿几项最重要的工业产品的一九五四年预计产量…：电力一百零八亿度
    a = ask(corpus_db, "1954年的报告估计当年电力能发多少度？")
    assert a.status == "answered" and "一百零八億度" in a.answer


def test_digits_typed_with_spaces_keep_their_unit(corpus_db):
    # the 1998 report: 五年铁路正线铺轨总里程1 1 3 4 4 公里，高速公路增加4 0 8 3 公里
    a = ask(corpus_db, "1998年报告说五年来铁路正线铺轨总里程增加了多少公里？")
    assert a.status == "answered" and "（1 1 3 4 4 公里）" in a.answer
    a = ask(corpus_db, "1998年的报告说五年里高速公路新增多少公里？")
    assert a.status == "answered" and "（4 0 8 3 公里）" in a.answer


def test_a_figure_of_several_years_does_not_answer_for_one(corpus_db):
    # 1957: 钢产量前三年共增加了一百五十万吨，而1956年就增加了一百六十一万吨
    a = ask(corpus_db, "1957年的报告里，1956年钢产量比上一年增加了多少？")
    assert a.status == "answered" and "（一百六十一万吨）" in a.answer


def test_provincial_level_regions_are_asked_across(session):
    q = parse_question(session, "2026年哪些省级地区的GDP增长目标是5%左右？")
    assert q.all_provinces
