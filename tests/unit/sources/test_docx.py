"""Word reader: the lxml fast path gives exactly what python-docx's Paragraph.text/.style give."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from baogao.model import HEADING, PARAGRAPH, TABLE_ROW
from baogao.sources import read_path
from baogao.sources.docx import _iter_body, _para_text, _StyleNames

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Paragraph content python-docx maps to text in particular ways: tabs, the three kinds of break,
# carriage returns, non-breaking hyphens, hyperlinks, runs hidden inside w:ins / w:smartTag
# (which python-docx does not read), empty w:t, and fields.
_BODY = """
<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>一、总体要求</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">　　过去一年</w:t><w:tab/><w:t>稳中</w:t><w:ptab w:relativeTo="margin" w:alignment="right" w:leader="none"/>
  <w:t>有进</w:t><w:noBreakHyphen/><w:t/></w:r>
  <w:hyperlink r:id="rId9"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>
  <w:ins w:id="1" w:author="x"><w:r><w:t>修订插入</w:t></w:r></w:ins>
  <w:smartTag w:uri="u" w:element="e"><w:r><w:t>智能标记</w:t></w:r></w:smartTag></w:p>
<w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:t>来源：新华社</w:t><w:br/><w:t>会议一行</w:t>
  <w:br w:type="page"/><w:t>分页后</w:t><w:br w:type="column"/><w:cr/><w:t>回车后</w:t></w:r></w:p>
<w:sdt><w:sdtContent><w:p><w:pPr><w:pStyle w:val="NoSuchStyle"/></w:pPr><w:r><w:t>内容控件里的段落</w:t></w:r></w:p>
</w:sdtContent></w:sdt>
<w:p><w:pPr><w:pStyle w:val="TableGrid"/></w:pPr><w:r><w:t>用了表格样式的段落</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc>
  <w:tc><w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc></w:tr>
  <w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">　</w:t></w:r></w:p></w:tc></w:tr>
  <w:tr><w:tc><w:p><w:r><w:t>指标</w:t><w:tab/><w:t>目标</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>没有样式的段落</w:t></w:r></w:p>
"""

_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="Body Text"/></w:style>
<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>
"""


def _docx(path: Path, body: str, styles: str | None = _STYLES) -> Path:
    """A minimal .docx built with python-docx, with our own body and styles parts swapped in."""
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = (
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                    f"<w:body>{body}<w:sectPr/></w:body></w:document>"
                ).encode()
            elif item.filename == "word/styles.xml" and styles is not None:
                data = styles.encode()
            out.writestr(item, data)
    return path


def _python_docx_view(path: Path) -> list[tuple[str, str | None]]:
    """(text, style name) of every body paragraph and table cell, the slow python-docx way."""
    import docx
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    out = []
    for el in _iter_body(document.element.body):
        if el.tag == f"{{{W}}}p":
            para = Paragraph(el, document)
            out.append((para.text, para.style.name if para.style is not None else None))
        else:
            table = Table(el, document)
            for tr in el.tr_lst:
                out.extend((_Cell(tc, table).text, "cell") for tc in tr.tc_lst)
    return out


def _fast_view(path: Path) -> list[tuple[str, str | None]]:
    import docx

    document = docx.Document(str(path))
    styles = _StyleNames(document)
    out = []
    for el in _iter_body(document.element.body):
        if el.tag == f"{{{W}}}p":
            out.append((_para_text(el), styles.of(el)))
        else:
            for tr in el.iterchildren(f"{{{W}}}tr"):
                out.extend(("\n".join(_para_text(p) for p in tc.iterchildren(f"{{{W}}}p")), "cell")
                           for tc in tr.iterchildren(f"{{{W}}}tc"))
    return out


@pytest.mark.parametrize("styles", [_STYLES, None], ids=["own-styles", "python-docx-default-styles"])
def test_fast_path_matches_python_docx(tmp_path: Path, styles: str | None):
    path = _docx(tmp_path / "odd.docx", _BODY, styles)
    slow = _python_docx_view(path)
    assert _fast_view(path) == slow
    assert ("　　过去一年\t稳中\t有进-链接文字", "Normal") == slow[1]  # the cases are really exercised
    if styles is not None:
        assert ("来源：新华社\n会议一行分页后\n回车后", "Body Text") in slow
        assert slow[0] == ("一、总体要求", "Heading 1")  # "heading 1" in styles.xml, shown as its UI name


def test_blocks_from_odd_paragraphs(tmp_path: Path):
    (doc,) = read_path(_docx(tmp_path / "2025年测试省政府工作报告.docx", _BODY))
    assert [(b.kind, b.text, b.style) for b in doc.blocks] == [
        (HEADING, "一、总体要求", "Heading 1"),
        (PARAGRAPH, "过去一年\t稳中\t有进-链接文字", "Normal"),
        (PARAGRAPH, "来源：新华社", "Body Text"),
        (PARAGRAPH, "会议一行分页后", "Body Text"),
        (PARAGRAPH, "回车后", "Body Text"),
        (PARAGRAPH, "内容控件里的段落", "Normal"),  # unknown style id: the default paragraph style
        (PARAGRAPH, "用了表格样式的段落", "Normal"),  # a table style on a paragraph: the default too
        (TABLE_ROW, "合并\t第一段 第二段", "table"),
        (TABLE_ROW, "指标\t目标", "table"),
        (PARAGRAPH, "没有样式的段落", "Normal"),
    ]


def test_style_without_value_still_fails_like_python_docx(tmp_path: Path):
    from baogao.errors import ParseError

    body = '<w:p><w:pPr><w:pStyle/></w:pPr><w:r><w:t>坏样式</w:t></w:r></w:p>'
    with pytest.raises(ParseError, match="Word 文档无法解析"):
        read_path(_docx(tmp_path / "bad.docx", body))
