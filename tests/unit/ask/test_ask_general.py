"""General mechanisms that make ``baogao ask`` read questions nobody tuned it on: question words
the reports never use, questions about a part of a named term, addresses. The questions here are
in none of the golden or held-out sets; each asserts what the code before these mechanisms got
wrong."""

from __future__ import annotations

import pytest

from baogao.ask.absent import decomposed_credit, noun_like, parts_in_scope
from baogao.ask.question import DEFINITION, parse_question
from baogao.services.ask import ask


@pytest.fixture(scope="module")
def session(corpus_db):
    with corpus_db.session() as s:
        yield s


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
