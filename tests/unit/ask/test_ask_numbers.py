"""The answer checker's number normaliser and the citation/number check (pure functions)."""

from __future__ import annotations

import pytest

from baogao.ask.check import check_answer, citation_markers
from baogao.ask.numbers import find_numbers, number_keys, parse_chinese_int
from baogao.text.normalize import normalize


@pytest.mark.parametrize("answer", ["5.5%", "5.5％", "百分之五点五", "五点五", "５．５％"])
@pytest.mark.parametrize("passage", ["可比增长5.5%", "增长５．５％", "增长百分之五点五"])
def test_the_same_number_written_five_ways(answer, passage):
    assert check_answer(f"增长{answer} [1]", [normalize(passage)])["passed"]


@pytest.mark.parametrize("text,value", [("一千二百五十六", 1256), ("两万", 20000), ("十五", 15), ("二十", 20),
                                        ("三亿五千万", 350_000_000), ("一百零五", 105)])
def test_chinese_integers(text, value):
    assert parse_chinese_int(text) == value


@pytest.mark.parametrize("text", ["十四五", "一是", "三个", "五五购物节"])
def test_names_and_single_numerals_are_not_numbers(text):
    assert find_numbers(text) == []


def _supported(answer: str, passage: str) -> bool:
    return all(n.supported_by(number_keys(passage)) for n in find_numbers(answer))


def test_scaled_units_compare_by_value():
    assert _supported("1.3万亿元", "13000亿元")
    assert _supported("1256万人", "一千二百五十六万人")
    assert _supported("1256", "1256万人")


def test_a_scaled_number_does_not_match_a_percentage_of_the_same_digits():
    assert not _supported("粮食产量11.2万亿斤", "技术合同成交额增长11.2%")
    assert not _supported("增长11.2%", "粮食产量11.2万亿斤")


def test_markers():
    assert citation_markers("甲[1]，乙【2】，丙［3］[1]") == [1, 2, 3]


def test_check_passes_a_cited_supported_answer():
    passages = ["加装电梯完工100台,22个小区实现加梯全覆盖。", "其他段落。"]
    result = check_answer("2024年加装电梯完工100台 [1]", passages, "2024年黄浦区加装电梯完工多少台？")
    assert result["passed"], result


def test_check_catches_a_wrong_number():
    result = check_answer("加装电梯完工120台 [1]", ["加装电梯完工100台。"])
    assert not result["passed"] and result["unsupported_numbers"] == ["120"]


def test_check_catches_a_number_from_an_uncited_passage():
    result = check_answer("增长5.5% [1]", ["没有数字。", "可比增长5.5%。"])
    assert "unsupported_number" in result["problems"]


def test_check_catches_bogus_and_missing_markers():
    assert check_answer("答案 [9]", ["一", "二"])["bogus_markers"] == [9]
    assert "no_citation" in check_answer("答案", ["一"])["problems"]


def test_check_accepts_chinese_numerals_for_arabic_ones():
    assert check_answer("增长百分之五点五[1]", ["可比增长5.5％。"])["passed"]


def test_digits_typed_with_spaces_are_one_number():
    # the 1998 State Council report: 1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元, 去年经济增长8 ．8 ％
    nums = find_numbers("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，增长8 ．8 ％")
    assert [(n.value, n.multiplier, n.unit) for n in nums] == [(1997.0, 1.0, ""), (74772.0, 1e8, ""), (8.8, 1.0, "%")]
    assert _supported("74772亿元", "7 4 7 7 2 亿元") and _supported("8.8%", "8 ．8 ％")
    assert [n.value for n in find_numbers("达到2 亿元，增长5.5%")] == [2.0, 5.5]  # one digit: as before
