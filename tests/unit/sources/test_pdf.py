"""PDF reader: reports printed to PDF (from the corpus, during the test run) round-trip."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from _inputs import cached, docx_paragraphs, is_heading, make_pdf, pdf_safe

from baogao.errors import ParseError
from baogao.model import HEADING
from baogao.sources import detect_format, read_path, read_path_with_problems
from baogao.sources.pdf import NO_TEXT

# a spread of layouts: numbered glossary (广东), appendix items (云南), a short report (河北),
# "·" and "‱" characters (重庆), heading-label-like wrapped lines (河北 二、三级子公司)
PROVINCES = ["北京市", "广东省", "云南省", "河北省", "重庆市"]


def _norm(text: str) -> str:
    # the PDF font draws "·" as "・" (see pdf_safe); whitespace is layout, not text
    return re.sub(r"\s+", "", text).replace("・", "·")


@pytest.fixture(scope="module", params=PROVINCES)
def printed(request, docx_dir: Path, gen_dir: Path):
    """(paragraphs laid out, the PDF, what the reader returned) - read once per module."""
    src = docx_dir / f"2025年{request.param}政府工作报告.docx"
    paragraphs = [pdf_safe(p) for p in docx_paragraphs(src)]
    out = cached(gen_dir / f"{src.stem}.pdf", lambda tmp: make_pdf(paragraphs, paragraphs[0], tmp))
    return paragraphs, out, read_path_with_problems(out)


def test_pdf_text_round_trips(printed):
    paragraphs, path, (docs, problems) = printed
    assert problems == []
    (doc,) = docs
    assert doc.format == "pdf" and detect_format(path, path.read_bytes()[:1024]) == "pdf"
    assert _norm(doc.text) == _norm("".join(paragraphs))


def test_pdf_paragraph_boundaries(printed):
    paragraphs, _path, ((doc,), _problems) = printed
    got = {_norm(b.text) for b in doc.blocks}
    exact = sum(1 for p in paragraphs if _norm(p) in got)
    assert exact >= 0.97 * len(paragraphs), (exact, len(paragraphs))
    assert len(doc.blocks) <= len(paragraphs) * 1.03


def test_pdf_headers_page_numbers_dropped_and_headings_marked(printed):
    paragraphs, _path, ((doc,), _problems) = printed
    texts = [b.text for b in doc.blocks]
    title = paragraphs[0]
    assert texts[0] == title and texts.count(title) == 1  # the running header is gone
    assert not any(re.fullmatch(r"[-\s\d]+", t) for t in texts)  # so are "- 3 -" page numbers
    headings = [b.text for b in doc.blocks if b.kind == HEADING]
    assert headings[0] == title
    assert headings[1:] == [p for p in paragraphs[1:] if is_heading(p)]
    assert doc.hints["title"] == title and doc.hints["pages"] > 3


def _no_text_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 500, fill=1)  # a "scan": graphics, no text
    c.showPage()
    c.save()


def test_pdf_without_text_layer(tmp_path: Path):
    path = tmp_path / "scan.pdf"
    _no_text_pdf(path)
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert str(err.value) == NO_TEXT


def test_encrypted_pdf(tmp_path: Path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "secret.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("user-pw", "owner-pw"))
    c.drawString(100, 700, "secret")
    c.save()
    with pytest.raises(ParseError, match="加密"):
        read_path(path)


def test_corrupt_pdf(tmp_path: Path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert "\n" not in str(err.value) and str(err.value).startswith("PDF")


def test_blank_page_is_a_problem_not_an_error(tmp_path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "two.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "各位代表：")
    c.showPage()
    c.showPage()  # an empty page
    c.save()
    docs, problems = read_path_with_problems(path)
    assert docs[0].text == "各位代表："
    assert problems == ["第2页: 没有文本层(可能是图片)"]
