"""Question understanding: scope (region, year), indicator, kind."""

from __future__ import annotations

import pytest

from baogao.ask.question import parse_question


@pytest.fixture(scope="module")
def session(corpus_db):
    with corpus_db.session() as s:
        yield s


@pytest.mark.parametrize(
    "question,kind,region,years,indicator",
    [
        ("黄浦区2025年地区生产总值增长目标是多少？", "number", "黄浦区", [2025], "gdp_growth"),
        ("2024年黄浦区加装电梯完工多少台？", "number", "黄浦区", [2024], None),
        ("哪些省份2025年GDP增长目标高于5.5%？", "list", None, [2025], "gdp_growth"),
        ("什么是垂域大模型？", "definition", None, [], None),
        ("“1+7+N”产业政策体系是什么意思？", "definition", None, [], None),
        ("名词解释：多格合一", "definition", None, [], None),
        ("吉林省和青海省2025年GDP增长目标哪个高？", "comparison", "吉林省", [2025], "gdp_growth"),
        ("2025年国内生产总值增长目标是多少？", "number", "全国", [2025], "gdp_growth"),
        ("这份报告怎么说城市更新？", "summary", None, [], None),
        ("上海市黄浦区2024年前三季度地区生产总值是多少？", "number", "黄浦区", [2024], "gdp"),
    ],
)
def test_parse(session, question, kind, region, years, indicator):
    q = parse_question(session, question)
    assert q.kind == kind
    assert (q.regions[0].name if q.regions else None) == region
    assert q.years == years
    assert q.indicator == indicator


def test_all_provinces_and_threshold(session):
    q = parse_question(session, "哪些省份2025年GDP增长目标高于5.5%？")
    assert q.all_provinces and q.comparator == ">" and q.threshold == 5.5


def test_definition_term(session):
    assert parse_question(session, "什么是无废细胞？").term == "无废细胞"
    assert parse_question(session, "“四库五课”教育资源体系指什么？").term == "“四库五课”教育资源体系"


def test_unknown_region_is_named(session):
    q = parse_question(session, "杭州市2025年GDP增长目标是多少？")
    assert q.scope_error and "杭州" in q.scope_error


def test_question_words_are_not_keywords(session):
    q = parse_question(session, "2024年黄浦区加装电梯完工多少台？")
    assert "多少" not in q.keywords and "黄浦区" not in q.keywords
    assert {"加装", "电梯", "完工"} <= set(q.keywords)
    assert q.measure == "台"
