"""Partial periods of a year (前三季度, 上半年, 1-11月): a figure stated for one of them is not the
year's figure. A question answers from it only when it names the same period.

    partial_periods("黄浦区2024年前三季度GDP是多少") -> {"前三季度"}
    figure_period("前三季度实现地区生产总值2379.80亿元，可比增长5.5%", 24) -> "前三季度"
"""

from __future__ import annotations

import re

_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
       "十一": 11, "十二": 12}
_CN_NUM = "十一|十二|[一二两三四五六七八九十]"
# 1-11月 / 1—11月 / 1至11月 / 一至十一月; 前三季度 / 上半年 / 一季度 / 前10个月
_MONTHS = re.compile(rf"(?<!\d)(\d{{1,2}}|{_CN_NUM})\s*[-—–~～至到]\s*(\d{{1,2}}|{_CN_NUM})月(?:份)?")
_QUARTERS = re.compile(r"前三季度|前两季度|上半年|下半年|(?:第)?[一二三四1-4]季度|前(\d{1,2}|十一|十|[一二三四五六七八九])个月")
# 全年 closes a partial period opened earlier in the sentence (前三季度GDP…；全年完成收入…)
_FULL_YEAR = re.compile(r"全年|(?:19|20)\d{2}年(?!\d)")
_CLAUSE_STOP = re.compile(r"[。；;！？!?\n]")


def _month(token: str) -> int:
    return int(token) if token.isdigit() else _CN.get(token, 0)


def _canonical(m: re.Match) -> str:
    if m.re is _MONTHS:
        return f"{_month(m.group(1))}-{_month(m.group(2))}月"
    text = m.group(0).replace("第", "")
    text = {"1季度": "一季度", "2季度": "二季度", "3季度": "三季度", "4季度": "四季度", "前两季度": "上半年"}.get(text, text)
    if m.group(1):  # 前10个月 = 1-10月
        return f"1-{_month(m.group(1))}月"
    return text


def _spans(norm: str):
    for pat in (_MONTHS, _QUARTERS):
        for m in pat.finditer(norm):
            yield m.start(), m.end(), _canonical(m)


def partial_periods(norm: str) -> set[str]:
    """The partial periods a text (a question) names, canonical (1—11月 and 1-11月 alike)."""
    return {c for _, _, c in _spans(norm)}


def full_year_asked(norm: str) -> bool:
    """A question about a year's figure that names no partial period (全年, or nothing at all)."""
    return not partial_periods(norm)


def figure_period(norm: str, pos: int) -> str | None:
    """The partial period a figure at ``pos`` is stated for: the last period named before it in
    its sentence, unless 全年 (or another year) comes between."""
    start = 0
    for m in _CLAUSE_STOP.finditer(norm, 0, pos):
        start = m.end()
    last: tuple[int, str] | None = None
    for s, e, c in _spans(norm[start:pos]):
        if last is None or s >= last[0]:
            last = (s, c)
    if last is None:
        return None
    if any(m.start() > last[0] for m in _FULL_YEAR.finditer(norm[start:pos])):
        return None
    return last[1]
