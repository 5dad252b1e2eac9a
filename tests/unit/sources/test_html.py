"""HTML reader: a corpus .docx made into a government web page comes back as its body only."""

from __future__ import annotations

from pathlib import Path

import pytest
from _inputs import CANONICAL, CHROME_PHRASES, SOURCE, cached, docx_paragraphs, make_html

from baogao.model import HEADING, PARAGRAPH, TABLE_ROW
from baogao.sources import detect_format, read_path
from baogao.sources.html import clean_title

VARIANTS = {
    "utf8": {"encoding": "utf-8", "plain": False},
    "gbk": {"encoding": "gb18030", "plain": False},  # declared charset=gb2312, as many sites do
    "fallback": {"encoding": "utf-8", "plain": True},  # no known content container
}


@pytest.fixture(scope="module", params=[("北京市", "utf8"), ("广东省", "gbk"), ("云南省", "fallback"),
                                        ("上海市", "utf8")])
def page(request, docx_dir: Path, gen_dir: Path) -> tuple[Path, list[str], str, str]:
    province, variant = request.param
    src = docx_dir / f"2025年{province}政府工作报告.docx"
    title = src.stem
    out = cached(gen_dir / f"{src.stem}.{variant}.html",
                 lambda tmp: make_html(src, title, tmp, **VARIANTS[variant]))
    return out, docx_paragraphs(src), title, variant


def test_html_body_comes_out(page):
    path, paragraphs, _title, _variant = page
    assert detect_format(path, path.read_bytes()[:8192]) == "html"
    (doc,) = read_path(path)
    assert doc.format == "html"
    assert [b.text for b in doc.blocks] == paragraphs


def test_html_navigation_does_not(page):
    path, paragraphs, _title, _variant = page
    (doc,) = read_path(path)
    report = "\n".join(paragraphs)
    # only phrases the report itself does not contain (北京's report mentions 无障碍 环境)
    phrases = [p for p in CHROME_PHRASES if p not in report]
    assert len(phrases) > 12
    leaked = [p for p in phrases if p in doc.text]
    assert leaked == []


def test_html_hints(page):
    path, _paragraphs, title, variant = page
    (doc,) = read_path(path)
    assert doc.hints["title"] == title  # "…_上海市人民政府" / " - 上海市人民政府" removed
    if variant != "fallback":
        assert doc.hints["date"] == "2025-01-20"
        assert doc.hints["url"] == CANONICAL
        assert doc.hints["source_name"] == SOURCE


def test_html_structure_kinds(tmp_path: Path):
    path = tmp_path / "page.htm"
    path.write_text(
        "<div class='nav'><a href='/'>首页</a> <a href='/a'>政务公开</a></div>"
        "<div class='article'><h2>一、2024年工作回顾</h2><p>　　过去一年，经济运行稳中有进。</p>"
        "<table><caption>主要指标</caption><tr><th>指标</th><th>目标</th></tr>"
        "<tr><td>地区生产总值增长</td><td>5%左右</td></tr></table>"
        "<div>城市更新<br>持续推进</div></div>",
        encoding="utf-8",
    )
    (doc,) = read_path(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (HEADING, "一、2024年工作回顾"),
        (PARAGRAPH, "过去一年，经济运行稳中有进。"),
        (PARAGRAPH, "主要指标"),
        (TABLE_ROW, "指标\t目标"),
        (TABLE_ROW, "地区生产总值增长\t5%左右"),
        (PARAGRAPH, "城市更新"),
        (PARAGRAPH, "持续推进"),
    ]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("2025年政府工作报告_上海市人民政府", "2025年政府工作报告"),
        ("上海市人民政府 - 2025年政府工作报告", "2025年政府工作报告"),
        ("2025年黄浦区政府工作报告--黄浦区人民政府", "2025年黄浦区政府工作报告"),
        ("政府工作报告", "政府工作报告"),
    ],
)
def test_clean_title(raw: str, title: str):
    assert clean_title(raw) == title
