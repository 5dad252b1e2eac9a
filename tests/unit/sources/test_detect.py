"""Format by content, extension as a hint; encodings of text files."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from baogao.sources import detect_format, read_path


def _huangpu(web_dir: Path) -> str:
    return (web_dir / "000_3b84c3f0b519c3c9.txt").read_text(encoding="utf-8")


def _lines(text: str) -> list[str]:
    return text.rstrip("\n").split("\n")


def test_docx_named_txt_is_read_as_docx(tmp_path: Path, docx_dir: Path):
    src = docx_dir / "2025年河北省政府工作报告.docx"
    wrong = tmp_path / "report.txt"
    shutil.copy(src, wrong)
    (doc,) = read_path(wrong)
    assert doc.format == "docx"
    assert [b.text for b in doc.blocks] == [b.text for b in read_path(src)[0].blocks]


def test_text_named_docx_or_pdf_is_read_as_text(tmp_path: Path, web_dir: Path):
    text = _huangpu(web_dir)
    for name in ("report.docx", "report.pdf"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        (doc,) = read_path(path)
        assert doc.format == "txt" and [b.text for b in doc.blocks] == _lines(text)


def test_pdf_named_txt_and_html_named_txt(tmp_path: Path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "really-a-pdf.txt"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 700, "Report text")
    c.save()
    assert detect_format(pdf, pdf.read_bytes()[:8192]) == "pdf"
    assert read_path(pdf)[0].text == "Report text"
    page = tmp_path / "saved.txt"
    page.write_text("<!DOCTYPE html><html><body><div id='zoom'><p>各位代表：</p></div></body></html>", "utf-8")
    assert read_path(page)[0].format == "html"


def test_csv_and_jsonl_without_their_extension(tmp_path: Path, csv_dir: Path, jsonl_path: Path):
    csv_copy = tmp_path / "export.txt"
    shutil.copy(csv_dir / "2026_北京市_政府工作报告.csv", csv_copy)
    assert read_path(csv_copy)[0].format == "csv"
    jsonl_copy = tmp_path / "dump.dat"
    jsonl_copy.write_bytes(jsonl_path.read_bytes()[:2_000_000].rsplit(b"\n", 1)[0] + b"\n")
    assert read_path(jsonl_copy)[0].format == "jsonl"
    # prose with commas on its first line stays text
    prose = tmp_path / "notes.txt"
    prose.write_text("现在,我代表区人民政府,向大会作报告\n一、回顾\n", encoding="utf-8")
    assert read_path(prose)[0].format == "txt"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "gb2312"])
def test_chinese_legacy_encodings_without_bom(tmp_path: Path, web_dir: Path, encoding: str):
    text = _huangpu(web_dir)
    path = tmp_path / f"page-{encoding}.txt"
    try:
        path.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:  # gb2312 lacks a few characters the page uses
        text = text.encode(encoding, errors="ignore").decode(encoding)
        path.write_bytes(text.encode(encoding))
    (doc,) = read_path(path)
    assert [b.text for b in doc.blocks] == _lines(text)
    assert doc.hints["encoding"] == "gb18030"


def test_short_gbk_text(tmp_path: Path):
    path = tmp_path / "short.txt"
    path.write_bytes("各位代表：\n现在，我代表县人民政府作报告。\n".encode("gbk"))
    assert read_path(path)[0].text == "各位代表：\n现在，我代表县人民政府作报告。"


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_bom_is_detected_and_stripped(tmp_path: Path, web_dir: Path, bom: bytes, encoding: str):
    text = _huangpu(web_dir)
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + text.encode(encoding))
    (doc,) = read_path(path)
    assert [b.text for b in doc.blocks] == _lines(text)
    assert not doc.blocks[0].text.startswith("\ufeff")


def test_crlf_and_cr_are_normalized(tmp_path: Path):
    path = tmp_path / "dos.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\r\n\r\n第五行".encode("utf-8"))
    assert [b.text for b in read_path(path)[0].blocks] == ["第一行", "第二行", "第三行", "", "第五行"]


def test_gbk_html_with_wrong_declared_charset(tmp_path: Path):
    path = tmp_path / "page.html"
    body = "<html><head><meta charset='utf-8'><title>报告_某县人民政府</title></head>"
    body += "<body><div class='content'><p>各位代表：现在，我代表县人民政府向大会报告工作。</p></div></body></html>"
    path.write_bytes(body.encode("gbk"))  # declared utf-8, really GBK: detection takes over
    (doc,) = read_path(path)
    assert doc.text == "各位代表：现在，我代表县人民政府向大会报告工作。"
    assert doc.hints["title"] == "报告"
