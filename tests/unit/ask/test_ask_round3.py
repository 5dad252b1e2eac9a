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
