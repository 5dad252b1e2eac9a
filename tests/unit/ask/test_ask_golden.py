"""Offline answers on the real corpus against the golden question set (tests/golden/ask_questions.yaml)."""

from __future__ import annotations

import pytest

from baogao.ask.evaluate import grade
from baogao.services.ask import ask
from baogao.store.schema import Document

MIN_ACCURACY = 0.85


@pytest.fixture(scope="module")
def offline_results(corpus_db, golden):
    with corpus_db.session() as s:
        return [(g, ask(s, g.question)) for g in golden]


def test_the_golden_set_is_big_enough(golden):
    assert len(golden) >= 50
    assert sum(1 for g in golden if not g.answerable) >= 8
    assert {g.area for g in golden} >= {"huangpu", "national", "provincial"}


def test_offline_accuracy(offline_results):
    answerable = [(g, a) for g, a in offline_results if g.answerable]
    grades = [(g, grade(g, a)) for g, a in answerable]
    wrong = [f"{g.id}: {r.reason}" for g, r in grades if not r.correct]
    accuracy = 1 - len(wrong) / len(grades)
    assert accuracy >= MIN_ACCURACY, "\n".join(wrong)


def test_every_unanswerable_question_is_refused(offline_results):
    wrong = [f"{g.id}: {grade(g, a).reason}" for g, a in offline_results if not g.answerable and not grade(g, a).correct]
    assert not wrong, "\n".join(wrong)


def test_refusals_say_so_and_show_the_closest_passages(offline_results):
    for g, a in offline_results:
        if a.status == "not_found":
            assert a.answer.startswith(("报告中未提及", "库中没有")), a.answer
            assert not a.citations
            d = a.to_dict()
            assert "passages" in d


def test_every_citation_quote_is_the_text_at_its_span(corpus_db, offline_results):
    with corpus_db.session() as s:
        for g, a in offline_results:
            assert a.check.get("quotes_match_text") is True, g.id
            for c in a.citations:
                text = s.get(Document, c.doc_id).text
                assert text[c.start : c.end] == c.quote, (g.id, c.doc_id, c.start, c.end)
                if c.highlight:
                    assert c.start <= c.highlight[0] <= c.highlight[1] <= c.end


def test_numeric_targets_come_from_the_facts(offline_results):
    by_id = {g.id: a for g, a in offline_results}
    for qid in ("hp-gdp-target-2025", "cn-gdp-target-2025", "jl-gdp-target-2025", "prov-gdp-above-5-5"):
        assert by_id[qid].mode == "facts", (qid, by_id[qid].mode)
    table = by_id["prov-gdp-above-5-5"].table
    assert table and {r["region"] for r in table} == {"西藏自治区", "内蒙古自治区", "湖北省", "海南省", "重庆市", "新疆维吾尔自治区"}
    assert all(r["value"] > 5.5 for r in table)


def test_answer_span_is_highlighted_for_numbers(corpus_db):
    with corpus_db.session() as s:
        a = ask(s, "2024年黄浦区加装电梯完工多少台？")
        text = s.get(Document, a.citations[0].doc_id).text
    hs, he = a.citations[0].highlight
    assert text[hs:he] == "100台"


def test_scope_arguments(corpus_db):
    with corpus_db.session() as s:
        a = ask(s, "这份报告怎么说城市更新？", doc_id="310101-2025-gzbg")
        assert a.status == "answered" and {c.doc_id for c in a.citations} == {"310101-2025-gzbg"}
        b = ask(s, "地区生产总值增长目标是多少？", region="吉林省", year=2025)
        assert b.status == "answered" and "5.5" in b.answer and b.citations[0].doc_id == "220000-2025-gzbg"


def test_unknown_year_and_region_say_so(corpus_db):
    with corpus_db.session() as s:
        assert "库中没有" in ask(s, "2030年国内生产总值增长目标是多少？").answer
        assert "库中没有" in ask(s, "杭州市2025年GDP增长目标是多少？").answer


def test_traditional_and_full_width_questions(corpus_db):
    with corpus_db.session() as s:
        a = ask(s, "２０２４年黃浦區加裝電梯完工多少臺？")
    assert a.status == "answered" and "100" in a.answer
