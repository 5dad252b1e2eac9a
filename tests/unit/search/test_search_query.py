"""The query language: words, phrases, OR, exclusion, filters; hostile input."""

from __future__ import annotations

import pytest

from baogao.errors import InvalidQuery
from baogao.search.query import MAX_QUERY, parse


def texts(q):
    return [[t.text for t in g] for g in q.groups]


def test_words_phrases_or_exclusion_filters():
    q = parse('"城市更新" 旧改 -拆迁 低空经济 OR 无人机 region:上海 level:省 year:2020..2025 kind:政府工作报告')
    assert texts(q) == [["城市更新"], ["旧改"], ["低空经济", "无人机"]]
    assert [t.text for t in q.excluded] == ["拆迁"]
    assert q.filters == {"region": "上海", "level": "省", "year": "2020..2025", "kind": "政府工作报告"}


def test_chinese_quotes_and_full_width_filters():
    q = parse("“数字 经济” 年份：2025 －旧改")
    assert texts(q) == [["数字 经济"]]
    assert q.filters == {"year": "2025"}
    assert [t.text for t in q.excluded] == ["旧改"]


def test_normalized_terms():
    q = parse("經濟 ５％ GDP")
    assert texts(q) == [["经济"], ["5%"], ["gdp"]]


def test_unbalanced_quote_is_a_phrase_with_a_note():
    q = parse('"城市更新 旧改')
    assert texts(q) == [["城市更新 旧改"]]
    assert q.notes


def test_engine_operators_are_text():
    q = parse("NEAR(经济 发展) 经* ^新 AND NOT")
    assert texts(q) == [["near(经济"], ["发展)"], ["经*"], ["^新"], ["and"], ["not"]]


@pytest.mark.parametrize("raw", ["", "   ", "\u3000\t", "-拆迁", "region:上海", "OR", '""', "“”"])
def test_nothing_to_look_for_is_a_clear_message(raw):
    with pytest.raises(InvalidQuery) as err:
        parse(raw)
    assert str(err.value)


def test_too_long_is_refused_clearly():
    with pytest.raises(InvalidQuery, match="太长"):
        parse("经" * 10_000)
    assert parse("经" * MAX_QUERY).groups


HOSTILE = [
    '"', '"""', "'; DROP TABLE documents;--", "* ^ : ( ) { } [ ]", "NEAR", "NEAR/3", "a:b:c", "😀", "😀😀 经济",
    "\x00\x01经济", "\ud800经济", "，。、；！", "!!!", "- - -", "OR OR 经济 OR", "经济 OR -发展", "year:abc 经济",
    "level:planet 经济", "region:火星 经济", "\\", "%", "_", "%%", "__", "经%济", "a\nb", "\u200b经\u200b济",
]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_input_parses_or_says_why(raw):
    try:
        q = parse(raw)
    except InvalidQuery as exc:
        assert str(exc)
    else:
        assert q.groups
