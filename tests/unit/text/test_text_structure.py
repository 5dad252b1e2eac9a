"""structure(): outline, paragraphs, glossary, captions, appendix and their spans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _corpus import pick

from baogao.model import PARAGRAPH, Block, RawDocument
from baogao.text.clean import clean
from baogao.text.structure import label_number, structure

GOLDEN = Path(__file__).resolve().parents[2] / "golden"


def _doc(lines):
    raw = RawDocument([Block(x, PARAGRAPH) for x in lines], "docx", "mem", "0", {"title": "T"})
    return structure(clean(raw))


def test_huangpu_outline_and_glossary_match_golden(structured):
    golden = json.loads((GOLDEN / "huangpu_2025_outline.json").read_text(encoding="utf-8"))
    rep = pick(structured, locator=golden["locator"])
    top = [s for s in rep.sections if s.level == 1]
    assert [(s.label, s.title) for s in top] == [(p["label"], p["title"]) for p in golden["parts"]]
    for k, part in zip(range(len(top)), golden["parts"]):
        index = rep.sections.index(top[k])
        subs = [s.title for s in rep.sections if s.parent == index]
        assert subs == part["subsections"]
        assert all(s.level == 2 and s.label.startswith("(") for s in rep.sections if s.parent == index)
    assert len(rep.sections) == 13  # glossary numbering 1、… is not outline
    assert [g.term for g in rep.glossary] == golden["glossary"]
    assert [g.number for g in rep.glossary] == [str(n) for n in range(1, 20)]
    assert rep.glossary[0].definition.startswith(golden["glossary_first_definition_starts"])
    assert rep.glossary[-1].definition.endswith(golden["glossary_last_definition_ends"])
    # the plan part ends where the glossary starts
    assert rep.text[top[1].start : top[1].end].endswith("不懈奋斗!") or top[1].end < rep.glossary[0].start
    assert rep.text[top[1].end + 1 :].startswith("名词解释")


def test_every_span_points_at_what_it_claims(structured):
    for rep in structured:
        text = rep.text
        lines = text.split("\n")
        assert len(rep.paragraphs) == len(lines)
        for para, line in zip(rep.paragraphs, lines):
            assert text[para.start : para.end] == line
        for sec in rep.sections:
            assert 0 <= sec.start < sec.heading_end <= sec.end <= len(text)
            heading = text[sec.start : sec.heading_end]
            assert heading.startswith(sec.label) and sec.title in heading
            if sec.parent is not None:
                parent = rep.sections[sec.parent]
                assert parent.level < sec.level and parent.start <= sec.start and sec.end <= parent.end
        for g in rep.glossary:
            assert text[g.term_start : g.term_end] == g.term
            assert text[g.definition_start : g.definition_end] == g.definition
            assert g.start <= g.term_start and g.definition_end <= g.end
        for c in rep.captions:
            assert text[c.start : c.end] == c.text
        for a in rep.appendix:
            assert a.title and a.title[:4] in text[a.start : a.end]


def test_sections_end_at_next_heading_of_same_or_higher_level(structured):
    rep = pick(structured, title="2025年上海市政府工作报告")
    secs = rep.sections
    for i, sec in enumerate(secs):
        later = [s for s in secs[i + 1 :] if s.level <= sec.level]
        if later:
            assert sec.end == later[0].start - 1


def test_captions_deduplicated_on_2022_page(structured):
    rep = pick(structured, locator="web-pages/003_")
    assert [(c.number, c.text) for c in rep.captions] == [
        ("8", "苏州河示范段东段打造的“最美花园”"),
        ("10", "宝兴居民区党总支荣获“全国先进基层党组织”称号"),
    ]
    kinds = [p.kind for p in rep.paragraphs]
    assert kinds.count("caption") == 4
    assert all(s.label not in ("8、", "10、") for s in rep.sections)
    assert [s.title for s in rep.sections if s.level == 1][0] == "强化城区功能,建设高端服务业创新发展示范区"


def test_yunnan_2025_appendix_items_with_fields(structured):
    rep = pick(structured, title="2025年云南省政府工作报告")
    assert len(rep.glossary) == 44
    assert len(rep.appendix) == 10
    first = rep.appendix[0]
    assert first.title == "稳定和扩大就业"
    assert first.fields["年度目标"].startswith("全省农村劳动力转移就业1500万人以上")
    assert first.fields["主办单位"] == "省人力资源社会保障厅、省财政厅，各州、市人民政府"
    assert rep.appendix[-1].title == "实施交通惠民工程"
    assert all({"年度目标", "主办单位"} <= set(a.fields) for a in rep.appendix)
    assert max(s.end for s in rep.sections) < rep.glossary[0].start


def test_inner_mongolia_2026_appendix_lead_units(structured):
    rep = pick(structured, title="2026年内蒙古自治区政府工作报告")
    assert len(rep.appendix) == 10
    assert rep.appendix[1].fields == {"牵头单位": "人社厅"}


@pytest.mark.parametrize(
    "title, n",
    [
        ("2025年四川省政府工作报告", 50),
        ("2025年广东省政府工作报告", 18),
        ("2025年江西省政府工作报告", 17),
        ("2026年广东省政府工作报告", 13),
        ("2026年江西省政府工作报告", 26),
        ("2026年四川省人民政府工作报告", 20),
    ],
)
def test_numbered_glossaries(structured, title, n):
    rep = pick(structured, title=title)
    assert len(rep.glossary) == n
    assert [g.number for g in rep.glossary] == [str(i) for i in range(1, n + 1)]
    assert all(g.term and g.definition for g in rep.glossary)


def test_hainan_2026_numbered_notes(structured):
    rep = pick(structured, title="2026年海南省政府工作报告")
    assert len(rep.glossary) == 28
    assert rep.glossary[-1].term == "三个立法权"
    assert rep.glossary[-1].definition.startswith("一般地方性法规制定权")
    note_lines = [rep.text[p.start : p.end] for p in rep.paragraphs if p.kind == "note"]
    assert note_lines[0] == "［1］一降三减：" and len(note_lines) == 56


def test_1956_missing_glyph_notes(structured):
    rep = pick(structured, title="1956年中华人民共和国国务院政府工作报告")
    notes = [rep.text[p.start : p.end] for p in rep.paragraphs if p.kind == "note"]
    assert notes == ["字库未存字注释：", "＠①原字石右加安", "＠②原字钅右加夕"]


def test_embedded_level2_heading_is_first_sentence():
    rep = _doc(["各位代表：", "一、2024年工作回顾", "（一）经济运行稳进提质。健全高质量发展工作机制。", "（二）产业强省加快推进。放大优势。"])
    secs = rep.sections
    assert [(s.level, s.title) for s in secs] == [(1, "2024年工作回顾"), (2, "经济运行稳进提质"), (2, "产业强省加快推进")]
    assert rep.text[secs[1].start : secs[1].heading_end] == "（一）经济运行稳进提质。"
    assert secs[1].parent == 0 and secs[0].end == len(rep.text)
    assert [p.kind for p in rep.paragraphs] == ["p", "heading", "p", "p"]
    assert rep.paragraphs[3].section == 2


def test_restarted_numbering_is_a_list_not_headings():
    rep = _doc(["一、甲", "正文。", "二、乙", "一、固定资产投资总规模。", "二、大中型项目。"])
    assert [s.title for s in rep.sections] == ["甲", "乙"]


def test_a_list_that_goes_past_the_last_heading_number_stays_a_list():
    # items 一、 to 四、 under section 三、: 四、 is larger than 三 but it is the list's next item
    rep = _doc(["一、甲", "二、乙", "三、丙", "必须做好以下工作：", "一、" + "提高设计" * 12 + "；", "二、加强施工；",
                "三、协同工作；", "四、经常检查工程质量。", "四、丁", "正文。"])
    assert [(s.label, s.title) for s in rep.sections] == [("一、", "甲"), ("二、", "乙"), ("三、", "丙"), ("四、", "丁")]
    assert _doc(["一、甲", "二、乙；"]).sections[-1].title == "甲"  # a title ending in ；is a list item


@pytest.mark.parametrize("title, items, parts", [
    # 1955: 一、…；二、…；三、…；四、国家机关…检查。 under 三、第一個五年計劃的若幹問題
    ("1955年中华人民共和国国务院政府工作报告", ["国家机关和基本建设主管部门经常对工程的质量进行切实的检查"],
     ["国家在过渡时期的总任务", "第一个五年计划概要", "第一個五年計劃的若幹問題", "为完成和超额完成第一个五年计划而奋斗"]),
    # 1987: 一、…；to 五、大力加强马克思主义理论队伍的建设。 inside section 四
    ("1987年中华人民共和国国务院政府工作报告", ["大力加强马克思主义理论队伍的建设"], None),
])
def test_national_list_items_are_not_outline_parts(structured, title, items, parts):
    rep = pick(structured, title=title)
    top = [s.title for s in rep.sections if s.level == 1]
    assert not set(items) & {s.title for s in rep.sections}
    if parts:
        assert top == parts


def test_level_3_and_4_headings():
    rep = _doc(["一、总体", "（一）分项", "1.第一小项", "（1）细目", "正文。", "2、第二小项"])
    assert [(s.level, s.label) for s in rep.sections] == [(1, "一、"), (2, "（一）"), (3, "1."), (4, "（1）"), (3, "2、")]
    assert rep.sections[3].parent == 2 and rep.sections[4].parent == 1


@pytest.mark.parametrize("label, n", [("一、", 1), ("十二、", 12), ("（十）", 10), ("二十", 20), ("1.", 1), ("（１２）", 12)])
def test_label_number(label, n):
    assert label_number(label) == n
