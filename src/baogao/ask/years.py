"""Which year a sentence is about, against the year a question asks about.

A question names the year it asks about (1964年工业总产值) and perhaps a base year after 比
(比1963年增长多少). A sentence about another year does not answer it: 一九五八年计划粮食产量…
is not 1957's output, 比一九六四年增长百分之十一 is a plan for 1965 (1964 is its base). A report's
review (回顾) is about the year before the report: 2023's outcome reads in the 2024 report's
review, not in the 2023 report's, which reviews 2022.
"""

from __future__ import annotations

import re

_CN_YEAR_WORD = re.compile(r"([一二][九〇○零][〇○零一二三四五六七八九]{2})年")
_BASE = re.compile(r"(?:比|同|较|与|相比于|对比|相当于|等于|是)((?:19|20)\d{2}|[一二][九〇○零][〇○零一二三四五六七八九]{2})年")
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "000123456789")

OTHER_YEAR = 0.2  # a sentence about another year than the one asked about
SAME_YEAR = 0.05  # a sentence that names the year asked about, and no other
# a comparison with the asked year as its base is about a later year: strong evidence, stronger
# than a sentence's coverage of the question's words (同1955年国家决算比较，本年收入增长9.29%)
BASE_CONFLICT = 0.4
REVIEW_YEAR = 0.2
REVIEW_OTHER_YEAR = 0.35  # a report's review is of the year before it, never of its own year
BASE_MATCH = 0.1  # the same comparison as the question's: 同1954年…相比，1955年… for 1955年…比1954年  # the review that covers the asked year, or the one that covers the year before


def years_named(text_norm: str) -> set[int]:
    """The years a text names: 1982年, 一九八二年."""
    out = {int(m.group(0)[:4]) for m in re.finditer(r"(?<!\d)(?:19|20)\d{2}(?=年)", text_norm)}
    out |= {int(m.group(1).translate(_CN_DIGIT)) for m in _CN_YEAR_WORD.finditer(text_norm)}
    return out


def base_years(norm: str) -> set[int]:
    """Years named as a comparison's base: 比1963年, 同一九五四年…相比."""
    return {int(m.group(1).translate(_CN_DIGIT)) for m in _BASE.finditer(norm)}


def year_cue(q_years: list[int], q_norm: str, target: bool, doc_year: int | None, part: str | None, snorm: str) -> float:
    """A score adjustment for a sentence (``snorm``, in a document of ``doc_year``, in its review
    or plan ``part``) answering a question about ``q_years``."""
    if not q_years:
        return 0.0
    q_base = base_years(q_norm)
    q_subject = set(q_years) - q_base
    if not q_subject:
        return 0.0
    named = years_named(snorm)
    s_base = base_years(snorm)
    s_subject = named - s_base
    score = 0.0
    if s_subject and not s_subject & q_subject:
        score -= OTHER_YEAR  # 一九五八年计划… for a question about 1957
    elif s_subject and s_subject <= q_subject:
        score += SAME_YEAR  # 国民生产总值１９８７年达到… for a question about 1987
    if s_base & q_subject and not s_base & q_base:
        score -= BASE_CONFLICT  # 比一九六四年增长: about the year after the one asked about
    if same_comparison(q_years, q_norm, snorm):
        score += BASE_MATCH
    if not target and not s_subject and doc_year and part == "review":
        if doc_year - 1 in q_subject:
            score += REVIEW_YEAR  # 2024 report's review: 2023's results
        elif doc_year in q_subject:
            score -= REVIEW_OTHER_YEAR  # 2023 report's review: 2022's results
    return score


_THIS_YEAR = re.compile(r"今年|本年|当年|年内")


def review_of_year_before(q_years: list[int], q_norm: str, p, snorm: str) -> bool:
    """Is the sentence (``snorm`` of passage ``p``) in the review of a 政府工作报告 of the year asked
    about, naming no year? Such a review tells the year before: the 2019 report's 国内生产总值
    增长6.6% is 2018's. (A report given at a year's end says 今年 of its own year: not this.)"""
    if p.part != "review" or not p.year or "政府工作报告" not in (p.title or "") or not q_years:
        return False
    subject = set(q_years) - base_years(q_norm)
    return p.year in subject and p.year - 1 not in subject and not years_named(snorm) and not _THIS_YEAR.search(snorm)


def same_comparison(q_years: list[int], q_norm: str, snorm: str) -> bool:
    """Does the sentence make the question's comparison: the asked year against the same base
    year (1955年本年收入比1954年增长… and 同1954年决算…相比，1955年本年收入增长…)?"""
    q_base = base_years(q_norm)
    if not q_base:
        return False
    s_base = base_years(snorm)
    return bool(s_base) and s_base <= q_base and bool((years_named(snorm) - s_base) & (set(q_years) - q_base))


# a target over several years: 用3年时间, 三年内, 到2027年
_MULTI_YEAR = re.compile(r"用(?:\d+|[两三四五六七八九十])年(?:左右)?(?:的)?时间|(?:\d+|[两三四五六七八九十])年内|到(?:19|20)\d{2}年")
_ANNUAL = re.compile(r"年度目标|年度任务|今年|全年")
MULTI_YEAR = 0.1


def span_cue(q_years: list[int], target: bool, snorm: str) -> float:
    """A target asked for one year (云南2025年…计划引进多少名) reads in the year's target
    (年度目标：引进留用3600名), not in a plan over several years (用3年时间，引进留用1万名左右)."""
    if not target or len(q_years) != 1:
        return 0.0
    later = any(y > q_years[0] for y in years_named(snorm))
    multi = bool(_MULTI_YEAR.search(snorm)) and (later or not years_named(snorm))
    if multi and not _ANNUAL.search(snorm):
        return -MULTI_YEAR
    return 0.0
