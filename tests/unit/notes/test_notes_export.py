"""Markdown and Word export of notes: quote, body, tags, citation with the link."""

from __future__ import annotations

import io

from docx import Document

from baogao.notes.export import ORPHAN_NOTE, to_docx, to_markdown


def _note(**kw) -> dict:
    note = {
        "id": 1, "doc_id": "310101-2025-gzbg", "start": 10, "end": 20,
        "quote": "前三季度实现地区生产总值2379.80亿元", "prefix": "", "suffix": "",
        "body": "**增速**值得关注\n\n第二段", "body_html": "", "tags": ["经济", "GDP"], "status": "anchored",
        "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00",
        "link": "/d/310101-2025-gzbg#s=10-20",
        "citation": {"doc_id": "310101-2025-gzbg", "title": "2025年上海市黄浦区政府工作报告", "region": "黄浦区",
                     "year": 2025, "section": {"label": "（一）", "title": "区域经济发展稳中有进"},
                     "link": "/d/310101-2025-gzbg#s=10-20",
                     "text": "《2025年上海市黄浦区政府工作报告》，黄浦区，2025年，（一）区域经济发展稳中有进"},
    }
    note.update(kw)
    return note


def test_markdown_has_quote_body_tags_and_citation():
    md = to_markdown([_note(), _note(id=2, status="orphan", quote="已删除的一段 *话*")], "我的笔记", base_url="https://x.example/")
    assert md.startswith("# 我的笔记\n")
    assert "> 前三季度实现地区生产总值2379.80亿元" in md
    assert "**增速**值得关注" in md  # the body is Markdown already: kept as written
    assert "`经济`" in md and "`GDP`" in md
    assert "《2025年上海市黄浦区政府工作报告》，黄浦区，2025年，（一）区域经济发展稳中有进" in md
    assert "<https://x.example/d/310101-2025-gzbg#s=10-20>" in md
    assert ORPHAN_NOTE in md and r"已删除的一段 \*话\*" in md  # quotes are escaped


def test_docx_parses_back():
    data = to_docx([_note(), _note(id=2, quote="第二条引文\x07")], "《报告》笔记", base_url="https://x.example")
    doc = Document(io.BytesIO(data))
    texts = [p.text for p in doc.paragraphs]
    styles = {p.text: p.style.name for p in doc.paragraphs}
    assert texts[0] == "《报告》笔记"
    assert styles["前三季度实现地区生产总值2379.80亿元"] == "Quote"
    assert "第二条引文" in texts  # a control character is dropped, not a crash
    assert any(t.startswith("出处：《2025年上海市黄浦区政府工作报告》") for t in texts)
    links = [r.target_ref for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://x.example/d/310101-2025-gzbg#s=10-20" in links
    assert any("https://x.example/d/310101-2025-gzbg#s=10-20" in t for t in texts)
    assert "标签：经济　GDP" in texts


def test_docx_renders_the_markdown_body():
    """Word gets the note formatted as the reader shows it, not Markdown source."""
    body = "**增速**值得关注，*对比*上年\n\n- 第一点\n- 第二点\n  1. 细项\n\n> 摘自会议\n\n见[统计公报](https://stats.example/2024)\n\n<script>alert(1)</script>"
    doc = Document(io.BytesIO(to_docx([_note(body=body)], "笔记")))
    paras = {p.text: p for p in doc.paragraphs}
    first = paras["增速值得关注，对比上年"]
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in first.runs if r.text] == [
        ("增速", True, False), ("值得关注，", False, False), ("对比", False, True), ("上年", False, False)]
    assert paras["第一点"].style.name == "List Bullet" and paras["第二点"].style.name == "List Bullet"
    assert paras["细项"].style.name == "List Number 2"
    assert paras["摘自会议"].style.name == "Quote"
    assert "见统计公报（https://stats.example/2024）" in paras
    assert not any("**" in t for t in paras)
    assert "<script>alert(1)</script>" in paras  # raw HTML stays inert text


def test_markdown_headings_are_not_escaped_like_list_items():
    md = to_markdown([_note(citation={**_note()["citation"], "section": {"label": "一、", "title": "2024年工作回顾"}})], "笔记")
    assert "## 1. 一、2024年工作回顾" in md
