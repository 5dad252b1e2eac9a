"""Anchoring notes (h-style): offsets first, then the exact quote, then an approximate match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from baogao.notes.anchor import CONTEXT, approx_find, context_score, describe, reanchor

PARA1 = "前三季度实现地区生产总值2379.80亿元,总量保持全市第二,中心城区第一,可比增长5.5%;全年完成区级一般公共预算收入299.40亿元,同比增长6.1%。"
PARA2 = "要素配置功能增强。国家级金融要素市场稳健发展,更好服务实体经济;成功获批建设金融科技集聚区、股权投资集聚区。"
PARA3 = "城市更新步伐加快。旧区改造全面完成,零星旧改持续推进,加快城市更新,优化城市空间布局,同比增长5.2%。"
TEXT = "\n\n".join([PARA1, PARA2, PARA3])


def note_on(text: str, needle: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    quote, prefix, suffix = describe(text, start, start + len(needle))
    return {"start": start, "end": start + len(needle), "quote": quote, "prefix": prefix, "suffix": suffix}


def test_describe_keeps_32_characters_each_side():
    start = TEXT.index("金融科技集聚区")
    quote, prefix, suffix = describe(TEXT, start, start + 7)
    assert quote == "金融科技集聚区"
    assert prefix == TEXT[start - CONTEXT : start] and len(prefix) == CONTEXT
    assert suffix == TEXT[start + 7 : start + 7 + CONTEXT]
    assert describe("abc", 0, 1) == ("a", "", "bc")


def test_offsets_are_used_when_the_quote_is_still_there():
    note = note_on(TEXT, "金融科技集聚区")
    assert reanchor(TEXT, note) == (note["start"], note["end"])


def test_moved_quote_is_found_by_search():
    note = note_on(TEXT, "金融科技集聚区")
    new = "新增加的一段开头文字。\n\n" + TEXT
    s, e = reanchor(new, note)
    assert new[s:e] == "金融科技集聚区" and s == note["start"] + len("新增加的一段开头文字。\n\n")


def test_several_occurrences_pick_the_one_whose_context_matches():
    # "同比增长" occurs twice; the note is on the second one (in PARA3)
    note = note_on(TEXT, "同比增长5.2%")
    note2 = note_on(TEXT, "同比增长", nth=1)
    new = PARA3 + "\n\n" + PARA1 + "\n\n" + PARA2  # paragraphs reordered
    s, e = reanchor(new, note2)
    assert new[s:e] == "同比增长" and new[s:e + 4] == "同比增长5.2%"
    assert reanchor(new, note) == (new.index("同比增长5.2%"), new.index("同比增长5.2%") + len("同比增长5.2%"))


def test_ties_go_to_the_nearest_old_offset():
    text = "甲乙丙丁" * 10  # the quote occurs every 4 characters, with identical context
    note = {"start": 8, "end": 11, "quote": "甲乙丙", "prefix": "", "suffix": ""}
    shifted = "戊戊戊" + text  # occurrences now at 3, 7, 11, ...: 7 is the nearest to 8
    assert reanchor(shifted, note) == (7, 10)


def test_edited_quote_is_placed_approximately():
    quote = "总量保持全市第二,中心城区第一,可比增长5.5%"
    note = note_on(TEXT, quote)
    new = TEXT.replace(quote, "总量继续保持全市第二,中心城区第一,可比增长5.6%")
    s, e = reanchor(new, note)
    assert new[s:e] == "总量继续保持全市第二,中心城区第一,可比增长5.6%"


def test_long_edited_quote_is_placed_by_head_and_tail():
    note = note_on(TEXT, PARA2)
    edited = PARA2.replace("更好服务实体经济", "更好地服务实体经济发展")
    new = "插入的段落。\n\n" + TEXT.replace(PARA2, edited)
    s, e = reanchor(new, note)
    assert new[s:e] == edited


def test_removed_passage_is_an_orphan():
    note = note_on(TEXT, PARA2)
    assert reanchor(TEXT.replace(PARA2 + "\n\n", ""), note) is None
    short = note_on(TEXT, "金融科技集聚区")
    assert reanchor(TEXT.replace(PARA2 + "\n\n", ""), short) is None


def test_short_quote_does_not_jump_to_a_similar_figure_elsewhere():
    note = note_on(TEXT, "同比增长6.1%")
    new = TEXT.replace(PARA1 + "\n\n", "")  # the paragraph with 6.1% is gone; 5.2% remains
    assert reanchor(new, note) is None


def test_empty_quote_never_anchors():
    assert reanchor(TEXT, {"start": 0, "end": 0, "quote": "", "prefix": "", "suffix": ""}) is None


def test_context_score_counts_agreeing_characters():
    start = TEXT.index("金融科技")
    assert context_score(TEXT, start, start + 4, "获批建设", "集聚区") == 7
    assert context_score(TEXT, start, start + 4, "xx", "yy") == 0


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="甲乙丙丁ab", min_size=0, max_size=25), st.text(alphabet="甲乙丙丁ab", min_size=1, max_size=6))
def test_approx_find_is_the_best_substring_match(text, pattern):
    found = approx_find(text, pattern)
    best = min(
        [_edit_distance(text[i:j], pattern) for i in range(len(text) + 1) for j in range(i, len(text) + 1)]
    ) if text else len(pattern)
    if not text:
        assert found is None
        return
    s, e, dist = found
    assert dist == best
    assert _edit_distance(text[s:e], pattern) == dist


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, len(TEXT) - 1),
    st.integers(1, 40),
    st.integers(0, len(TEXT)),
    st.text(alphabet="新增内容文字，。", min_size=1, max_size=30),
)
def test_an_insertion_outside_the_quote_never_loses_it(start, length, at, inserted):
    end = min(len(TEXT), start + length)
    quote, prefix, suffix = describe(TEXT, start, end)
    if start < at < end:
        at = end
    new = TEXT[:at] + inserted + TEXT[at:]
    placed = reanchor(new, {"start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix})
    assert placed is not None
    s, e = placed
    assert new[s:e] == quote
    expected = start + (len(inserted) if at <= start else 0)
    # the quote may occur more than once; then the context picks one that agrees at least as well
    if new.count(quote) == 1:
        assert s == expected


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(TEXT) - 1), st.integers(1, 40), st.integers(0, len(TEXT)), st.integers(1, 60))
def test_a_deletion_outside_the_quote_never_loses_it(start, length, cut, cut_len):
    end = min(len(TEXT), start + length)
    quote, prefix, suffix = describe(TEXT, start, end)
    cut_end = min(len(TEXT), cut + cut_len)
    if cut < end and start < cut_end:  # the deletion must not touch the quote
        return
    new = TEXT[:cut] + TEXT[cut_end:]
    placed = reanchor(new, {"start": start, "end": end, "quote": quote, "prefix": prefix, "suffix": suffix})
    assert placed is not None
    s, e = placed
    assert new[s:e] == quote


def test_reanchor_accepts_orm_like_objects():
    class Obj:
        start, end, quote, prefix, suffix = 0, 4, TEXT[:4], "", TEXT[4:36]

    assert reanchor("新" + TEXT, Obj()) == (1, 5)
