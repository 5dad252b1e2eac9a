"""The number grammar: every modifier, ranges, units, Chinese numerals and the defects the corpus has."""

from __future__ import annotations

import pytest

from baogao.text.normalize import normalize
from baogao.text.numbers import find_quantities, parse_chinese_number, parse_quantity


def q(text: str, **kw):
    norm = normalize(text)
    assert len(norm) == len(text)
    return parse_quantity(norm, 0, **kw)


@pytest.mark.parametrize(
    "text, value, low, high, unit, modifier",
    [
        ("5%左右", 5.0, None, None, "%", "around"),
        ("5.5%上下", 5.5, None, None, "%", "around"),
        ("1200万人以上", 1200.0, None, None, "万人", "at_least"),
        ("900万人及以上", 900.0, None, None, "万人", "at_least"),
        ("5.5%以内", 5.5, None, None, "%", "at_most"),
        ("3%以下", 3.0, None, None, "%", "at_most"),
        ("4.6%", 4.6, None, None, "%", "point"),
        ("6%－7%", None, 6.0, 7.0, "%", "range"),  # full-width minus (national 2019: 6%－6.5%)
        ("6.5%－7%", None, 6.5, 7.0, "%", "range"),
        ("5.0%—5.5%", None, 5.0, 5.5, "%", "range"),  # em dash (Fujian 2025)
        ("5%-5.5%", None, 5.0, 5.5, "%", "range"),
        ("4.5-5%", None, 4.5, 5.0, "%", "range"),  # unit only on the second number (Heilongjiang 2026)
        ("4.5%至5%", None, 4.5, 5.0, "%", "range"),
        ("4.5%~5%", None, 4.5, 5.0, "%", "range"),
        ("5.5％左右", 5.5, None, None, "%", "around"),  # full-width ％
        ("５．５％", 5.5, None, None, "%", "point"),  # full-width digits and point
        ("１２００万人以上", 1200.0, None, None, "万人", "at_least"),
        ("百分之五点五", 5.5, None, None, "%", "point"),
        ("百分之三左右", 3.0, None, None, "%", "around"),
        ("一千二百万人", 1200.0, None, None, "万人", "point"),
        ("两万亿元", 2.0, None, None, "万亿元", "point"),
        ("五千亿元", 5000.0, None, None, "亿元", "point"),
        ("三个百分点", 3.0, None, None, "个百分点", "point"),
        ("0.3个百分点", 0.3, None, None, "个百分点", "point"),
        ("134.9万亿元", 134.9, None, None, "万亿元", "point"),
        ("9000亿元", 9000.0, None, None, "亿元", "point"),
        ("1.4万亿斤左右", 1.4, None, None, "万亿斤", "around"),
        ("3000户以上", 3000.0, None, None, "户", "at_least"),
        ("50万台", 50.0, None, None, "万台", "point"),
        ("74.4\u200b万亿元", 74.4, None, None, "万亿元", "point"),  # zero-width character inside
        ("1500 亿元", 1500.0, None, None, "亿元", "point"),  # a space before the unit
        ("30微克/立方米", 30.0, None, None, "微克/立方米", "point"),
    ],
)
def test_quantities(text, value, low, high, unit, modifier):
    got = q(text)
    assert got is not None, text
    assert (got.value, got.low, got.high, got.unit, got.modifier) == (value, low, high, unit, modifier)


@pytest.mark.parametrize("prefix, modifier", [("控制在", "at_most"), ("不超过", "at_most"), ("不高于", "at_most"),
                                               ("低于", "at_most"), ("不低于", "at_least"), ("不少于", "at_least"),
                                               ("超过", "at_least"), ("突破", "at_least"), ("约", "around")])
def test_prefix_modifiers(prefix, modifier):
    text = normalize(prefix + "4.6%")
    got = parse_quantity(text, len(prefix))
    assert got.modifier == modifier
    assert got.ext_start == 0 and got.ext_end == len(text)


def test_a_suffix_wins_over_a_prefix():
    text = normalize("控制在4.8%左右")
    assert parse_quantity(text, 3).modifier == "around"


def test_unit_missing_is_flagged_never_invented():
    # web-pages/000 (Huangpu 2025): 区生产总值可比增长5,区级一般公共预算收入…
    assert q("5,") is None
    got = q("5,", allow_missing_unit=True)
    assert got.value == 5.0 and got.unit is None and "unit_missing" in got.flags


@pytest.mark.parametrize("text", ["一、二、三产业", "十四五", "第一", "千"])
def test_chinese_words_are_not_numbers(text):
    assert q(text) is None


def test_years_and_months_are_not_ranges():
    got = q("2021-2025年", allow_missing_unit=True)
    assert got.modifier == "point" and got.value == 2021.0
    assert q("1-11月") is None


def test_a_falling_pair_is_not_a_range():
    got = q("7%-5%")
    assert got.modifier == "point" and got.value == 7.0


@pytest.mark.parametrize("text, value", [("一千二百", 1200), ("十二", 12), ("二十", 20), ("五点五", 5.5), ("一百零五", 105),
                                         ("三千五百", 3500), ("两", 2), ("3.5", 3.5)])
def test_chinese_numerals(text, value):
    assert parse_chinese_number(text) == value


def test_find_quantities_does_not_start_inside_a_number_or_word():
    text = normalize("2025年国内生产总值增长5%左右，一般公共预算收入增长3%")
    found = find_quantities(text)
    assert [(f.value, f.unit) for f in found] == [(5.0, "%"), (3.0, "%")]


@pytest.mark.parametrize("text, value, unit", [
    ("３，６８０亿斤", 3680.0, "亿斤"),  # national 1956
    ("33，212万吨", 33212.0, "万吨"),  # national 1980
    ("27,203,319,000元", 27203319000.0, "元"),
    ("3,680.5亿元", 3680.5, "亿元"),
])
def test_grouped_thousands(text, value, unit):
    got = q(text)
    assert (got.value, got.unit, got.end) == (value, unit, len(text))


def test_a_comma_between_numbers_is_not_a_thousands_separator():
    assert q("1,2345亿元", allow_missing_unit=True).value == 1.0  # four digits after the comma
    assert q("5,区", allow_missing_unit=True).value == 5.0  # Huangpu's missing %
    found = find_quantities(normalize("分别下降３，６８０亿斤"))
    assert [f.value for f in found] == [3680.0]  # never 680 from inside the number
