"""General mechanisms that make ``baogao ask`` read questions nobody tuned it on: question words
the reports never use, questions about a part of a named term, addresses. The questions here are
in none of the golden or held-out sets; each asserts what the code before these mechanisms got
wrong."""

from __future__ import annotations

import pytest

from baogao.ask.absent import decomposed_credit, noun_like, parts_in_scope
from baogao.ask.question import DEFINITION, parse_question
from baogao.services.ask import ask
from baogao.text.normalize import normalize


# -- absent question words -----------------------------------------------------------------------


@pytest.mark.parametrize("word", ["大熊猫", "口袋公园", "控制目标", "两条路", "三甲", "pm2.5"])
def test_words_that_name_things_are_noun_like(word):
    assert noun_like(word)


@pytest.mark.parametrize("word", ["输送", "受益", "此前", "能让", "冲到"])
def test_how_the_asker_puts_it_is_not_noun_like(word):
    assert not noun_like(word)


def test_an_absent_compound_is_credited_by_the_pieces_the_scope_has():
    scope = {"粮食总产", "粮食", "产量"}.__contains__
    assert parts_in_scope("粮食总产量", scope) == ["粮食总产"]
    assert parts_in_scope("大熊猫", scope) == []
    assert decomposed_credit("粮食总产量", ["粮食总产"], "粮食总产781.8亿斤") == pytest.approx(0.8 * 4 / 5)
    assert decomposed_credit("粮食总产量", ["粮食总产"], "棉花产量") == 0.0


def test_an_absent_verb_does_not_block_the_answer(corpus_db):
    # the Shaanxi 2026 report says 煤炭产量突破8亿吨; nobody writes 冲到
    a = ask(corpus_db, "陕西2025年煤炭产量冲到了多少亿吨？")
    assert a.status == "answered" and "8亿吨" in a.answer
    assert a.citations[0].doc_id == "610000-2026-gzbg"


def test_an_absent_noun_still_refuses(corpus_db):
    a = ask(corpus_db, "黄浦区2025年计划建设多少座大熊猫馆？")
    assert a.status == "not_found"


def test_the_weight_of_an_absent_verb_is_what_lets_it_through(corpus_db, monkeypatch):
    from baogao.ask import retrieve

    monkeypatch.setattr(retrieve, "PARAPHRASE_FACTOR", 1.0)
    assert ask(corpus_db, "陕西2025年煤炭产量冲到了多少亿吨？").status == "not_found"


# -- a part of a named term, the members of a term ---------------------------------------------------


def test_a_part_of_a_term_is_read_as_a_definition_of_the_whole(session):
    q = parse_question(session, "“四库五课”教育资源体系里的“五课”是哪些？")
    assert q.kind == DEFINITION and q.term == "“四库五课”教育资源体系" and q.subterm == "五课"
    # a region before the quoted term is not a whole (黄浦的“三美联动”)
    q = parse_question(session, "黄浦的“三美联动”具体指什么？")
    assert q.subterm is None and q.term == "三美联动"


def test_a_part_is_answered_from_the_glossary_entry_of_the_whole(corpus_db):
    a = ask(corpus_db, "“四库五课”教育资源体系里的“五课”是哪些？")
    assert a.status == "answered" and "传统课堂" in a.answer
    cite = a.citations[0]
    hs, he = cite.highlight
    assert "五课" in a.answer and hs >= cite.start and he <= cite.end  # the sentence about “五课”


def test_which_members_is_a_definition(corpus_db, session):
    assert parse_question(session, "海南的“两新”政策指的是哪些？").kind == DEFINITION
    a = ask(corpus_db, "海南的“两新”政策指的是哪些？")
    assert a.status == "answered" and "以旧换新" in a.answer


@pytest.mark.parametrize("question", ["黄浦区的科技会客厅设在什么地址？", "科技会客厅的地址是什么？"])
def test_an_address_question_is_a_location_question(session, question):
    q = parse_question(session, question)
    assert q.kind == DEFINITION and q.location and q.term == "科技会客厅"


# -- years and figures ---------------------------------------------------------------------------


def test_a_year_in_chinese_numerals_is_a_year(session):
    q = parse_question(session, "一九五六年的政府工作报告说粮食产量是多少？")
    assert q.years == [1956] and q.report_year
    assert len(q.norm) == len(normalize("一九五六年的政府工作报告说粮食产量是多少？"))


def test_how_much_money_asks_for_yuan(session):
    assert parse_question(session, "第一个五年计划期间基本建设一共花了多少钱？").measure == "元"


def _fig(question: str, sentence: str, weights: dict[str, float], **kw) -> str | None:
    from baogao.ask.figures import number_highlight
    from baogao.ask.question import NUMBER, Question
    from baogao.ask.retrieve import Retrieval

    q = Question(question, normalize(question), kind=NUMBER, **kw)
    hl = number_highlight(q, normalize(sentence), 0, Retrieval([], {}, weights, {k: [k] for k in weights}))
    return sentence[hl[0] : hl[1]] if hl else None


def test_an_amount_question_is_not_answered_by_a_share():
    s = "全年工业总产值增长百分之十二,工业总产值达到六百亿元"
    assert _fig("工业总产值是多少", s, {"工业总产值": 3.0}) == "六百亿元"
    assert _fig("工业总产值增长了多少", s, {"工业总产值": 3.0}) == "百分之十二"


def test_a_figure_said_to_be_of_another_year_does_not_answer():
    # the 1983 report: the share rose from 1978's figure to 1982's
    s = "在工农业总产值中,农业所占比重由一九七八年的百分之二十七点八提高到一九八二年的百分之三十三点六"
    assert _fig("1982年农业所占比重是多少", s, {"农业": 2.0, "比重": 2.0}, years=[1982]) == "百分之三十三点六"
    assert _fig("1978年农业所占比重是多少", s, {"农业": 2.0, "比重": 2.0}, years=[1978]) == "百分之二十七点八"


# -- scope ---------------------------------------------------------------------------------------


def test_a_place_named_as_the_scope_is_refused_as_missing(session):
    q = parse_question(session, "苏州市2025年政府工作报告提出的GDP增长目标是多少？")
    assert q.scope_error and "苏州" in q.scope_error and not q.regions  # not the State Council's report


def test_a_place_inside_the_question_is_content_not_scope(session):
    for question in ("从深圳坐高铁到广州要多久？", "经深圳中转的航线有多少条？"):
        assert parse_question(session, question).scope_error is None


def test_a_target_set_in_a_missing_years_report_is_not_taken_from_the_next(corpus_db):
    a = ask(corpus_db, "广东省2024年政府工作报告定的地区生产总值增长目标是多少？")
    assert a.status == "not_found" and "库中没有" in a.answer


# -- words that describe the report, modal characters, pieces of report words ------------------


def test_the_words_describing_the_report_are_not_searched(session):
    q = parse_question(session, "2019年十三届全国人大二次会议的政府工作报告说，要新增多少亩高标准农田？")
    assert {"高标准", "农田"} <= set(q.keywords)
    assert not {"十三届", "人大", "二次", "会议"} & set(q.keywords)


def test_modal_characters_are_not_a_word(session):
    q = parse_question(session, "这项工程能让多少农户增收？")
    assert "能让" not in q.keywords


def test_an_absent_word_is_decomposed_by_the_report_word_that_fits_best():
    from baogao.ask.retrieve import _absent_words

    present = {"年均浓度", "细颗粒物", "浓度"}.__contains__
    absent, pieces = _absent_words(None, [], {"pm2.5年均浓度": ["pm2.5年均浓度", "细颗粒物平均浓度"]}, present)
    assert absent == {"pm2.5年均浓度"}
    assert pieces["pm2.5年均浓度"][0] == ("细颗粒物平均浓度", ["细颗粒物", "浓度"])


def test_a_sentence_with_only_pieces_of_an_absent_word_is_ranked():
    from baogao.ask.extractive import rank_sentences
    from baogao.ask.model import Passage
    from baogao.ask.question import NUMBER, Question
    from baogao.ask.retrieve import Retrieval

    # (an output such as 粮食总产781.8亿斤 is named whole by its product and quantity: see split_names)
    text = "城镇新增就业1256万人,超额完成全年目标。"
    p = Passage("d", 0, len(text), text, normalize(text), score=0.7, coverage=0.6)
    r = Retrieval([p], {}, {"城镇新增就业岗位": 1.0}, {"城镇新增就业岗位": ["城镇新增就业岗位"]}, {"d": (text, normalize(text))},
                  parts={"城镇新增就业岗位": ["城镇新增就业"]}, decomposed={"城镇新增就业岗位": "城镇新增就业岗位"})
    q = Question("城镇新增就业岗位有多少？", normalize("城镇新增就业岗位有多少？"), kind=NUMBER)
    ranked = rank_sentences(q, r)
    assert ranked and ranked[0].coverage == pytest.approx(0.8 * 6 / 8)
    assert text[ranked[0].highlight[0] : ranked[0].highlight[1]] == "1256万人"


def test_each_text_is_credited_by_the_report_word_it_fits_best():
    from baogao.ask.retrieve import _part

    found = [("粮食产量", ["粮食", "产量"]), ("粮食总产量", ["粮食总产"])]
    # 粮食总产781.8亿斤 fits 粮食总产量 (4 of 5 characters), not 粮食产量 (only 粮食)
    assert _part(["粮食", "产量", "粮食总产"], "粮食总产781.8亿斤", found) == pytest.approx(0.8 * 4 / 5)
    assert _part(["粮食", "产量", "粮食总产"], "粮食产量稳定", found) == pytest.approx(0.8)


# -- the answering figure must be about the question ------------------------------------------------


def _sentence(text: str, figure: str, weights: dict[str, float]):
    from baogao.ask.sentences import Sentence
    from baogao.ask.model import Passage
    from baogao.ask.retrieve import Retrieval

    norm = normalize(text)
    p = Passage("d", 0, len(text), text, norm, coverage=1.0)
    hs = text.index(figure)
    r = Retrieval([p], {}, weights, {k: [k] for k in weights}, {"d": (text, norm)})
    return Sentence(p, 0, len(text), norm, text, 1.0, 1.0, (hs, hs + len(figure))), r


def test_a_figure_in_a_clause_about_something_else_does_not_answer():
    from baogao.ask.enough import figure_is_about_the_question

    text = "粮食产量1352.3万吨,苹果品质持续提升"
    sent, r = _sentence(text, "1352.3万吨", {"苹果": 3.0})
    assert not figure_is_about_the_question(sent, r)
    sent, r = _sentence(text, "1352.3万吨", {"粮食产量": 3.0})
    assert figure_is_about_the_question(sent, r)


def test_a_figure_in_another_measure_does_not_answer(corpus_db):
    # the Shaanxi reports name 苹果 with a share (全国1/4) and 粮食产量 with 万吨, never 苹果 in 吨
    a = ask(corpus_db, "陕西2025年向省外卖了多少吨苹果？")
    assert a.status == "not_found"


def test_how_large_asks_for_an_area_in_any_unit(session):
    from baogao.ask.question import AREA, measure_in

    assert parse_question(session, "这个产业园占地多大？").measure == AREA
    assert parse_question(session, "算力规模达到多少？").measure != AREA
    assert measure_in(AREA, "58公顷") and measure_in(AREA, "1.2平方公里") and not measure_in(AREA, "58个")
    s = "编制形成01、02更新单元实施方案,建设用地面积约58公顷"
    assert _fig("更新单元占地多大", s, {"更新单元": 3.0, "占地": 2.0}, measure=AREA) == "58公顷"
