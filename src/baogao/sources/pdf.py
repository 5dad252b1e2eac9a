"""PDF with a text layer, via pdfplumber: lines rejoined into paragraphs by their geometry.

A PDF has no paragraphs, only positioned lines: every wrapped line ends with a break. pdfplumber
gives us the lines with their coordinates and font sizes; the rejoining rules are ours because
no library does this for CJK layout (pdfminer's LAParams boxes merge headings with body text and
split at justification gaps):

- a line that stops well short of the right margin ends its paragraph;
- a line indented from the left margin (the customary two-character indent) starts one;
- so does a line opening with a heading label (一、 （一） 第一章 1.), a change of font size, or
  a vertical gap clearly bigger than the line pitch;
- running headers/footers (the same text at the top or bottom of most pages, digits ignored)
  and bare page numbers (3, - 3 -, 第3页, 3/15) at a page's edge are dropped.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from baogao.errors import ParseError
from baogao.model import HEADING, PARAGRAPH, Block, RawDocument
from baogao.sources.base import ReadOptions, Reader, ReadResult, clean_hints, filename_hints, sha256_bytes

PDF_MAGIC = b"%PDF-"
NO_TEXT = "PDF 没有文本层(可能是扫描件)，无法导入 / PDF has no text layer (scanned?)"

_HEADING_LABEL = re.compile(
    r"^(第[一二三四五六七八九十百零]+[章节部分篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[\.．、](?!\d)|[（(]\d{1,2}[）)])"
)
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–·•]*(第\s*)?([0-9０-９]+|[ivxlcIVXLC]+)\s*(页)?(\s*[/／]\s*(共\s*)?[0-9]+\s*页?)?"
    r"(\s*共\s*[0-9]+\s*页)?[\s\-—–·•]*$"
)
_CID = re.compile(r"\(cid:\d+\)")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float
    page: int


def accepts(path: Path, head: bytes) -> bool:
    # the spec allows junk before the header; readers look in the first KiB
    return PDF_MAGIC in head[:1024]


def _open(data: bytes):
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps pdfminer's many errors in PdfminerException
        raise ParseError(_pdf_error(exc)) from exc


def _pdf_error(exc: BaseException) -> str:
    chain = f"{type(exc).__name__} {exc!r} {exc.__cause__!r}"
    if "Password" in chain or "Encrypt" in chain or "encrypt" in chain:
        return "PDF 已加密，需要密码才能读取 / PDF is encrypted"
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return f"PDF 已损坏，无法解析 / corrupt PDF: {detail}"[:300]


def _page_lines(page, index: int) -> list[_Line]:
    out = []
    for ln in page.extract_text_lines(return_chars=True, strip=True):
        text = ln["text"]
        if not text.strip():
            continue
        sizes = [c.get("size", 0.0) for c in ln["chars"] if c.get("text", " ").strip()]
        size = statistics.median(sizes) if sizes else 0.0
        out.append(_Line(text, ln["x0"], ln["x1"], ln["top"], round(size, 1), index))
    return out


def _edge_key(line: _Line) -> tuple[str, float]:
    # the font size is part of the key: a running header often repeats the title in small type
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", line.text)), round(line.size)


def _drop_headers_footers(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Remove running headers/footers and page numbers at the top or bottom of pages."""
    n_with_text = sum(1 for p in pages if p)
    counts: Counter[tuple[str, float]] = Counter()
    for lines in pages:
        # each distinct edge text counts once per page
        counts.update({_edge_key(ln) for ln in lines[:2] + lines[-2:]})
    repeated = {k for k, c in counts.items() if n_with_text >= 3 and c >= max(3, n_with_text * 0.5)}
    out = []
    for lines in pages:
        keep = list(lines)
        for _ in range(2):  # up to two header lines and two footer lines per page
            for pos in (0, -1):
                if keep and (_PAGE_NUMBER.match(keep[pos].text) or _edge_key(keep[pos]) in repeated):
                    keep.pop(pos)
        out.append(keep)
    return out


def _margins(lines: list[_Line], body_size: float) -> tuple[float, float, float]:
    """(left margin, right margin, line pitch) from the body-size lines."""
    body = [ln for ln in lines if abs(ln.size - body_size) < 0.6] or lines
    # The left margin is the smallest common x0: not simply the most common one, because on a
    # page of short indented items (an appendix list) indented lines outnumber the others.
    starts = Counter(round(ln.x0) for ln in body)
    common = [x for x, c in starts.items() if c >= max(2, 0.15 * len(body))]
    left = min(common) if common else starts.most_common(1)[0][0]
    # the right margin is where full lines usually end: the median end of the longer lines
    # (a high percentile would be pushed out by punctuation hanging into the margin)
    widest = max(ln.x1 for ln in body)
    long_ends = [ln.x1 for ln in body if ln.x1 - left >= 0.8 * (widest - left)]
    right = statistics.median(long_ends) if long_ends else widest
    gaps = [b.top - a.top for a, b in zip(body, body[1:]) if a.page == b.page and b.top > a.top]
    pitch = statistics.median(gaps) if gaps else body_size * 1.6
    return float(left), float(right), pitch


# What cannot be split at a line end: a Latin/number run with its quotes and the punctuation
# that may not start a line. A line that stops early because this did not fit is not short.
_UNBREAKABLE = re.compile(r"^[“‘\"'（(《]*[A-Za-z0-9+\-.%/×·]+[”’\"'）)》%、，。；：！？]*")


def _width_em(text: str) -> float:
    """Approximate width in ems: Latin letters and digits are about half a CJK character."""
    return sum(0.55 if ord(ch) < 0x2000 else 1.0 for ch in text)


def _ends_paragraph(prev: _Line, nxt: _Line, right: float) -> bool:
    size = max(prev.size, 1.0)
    gap = right - prev.x1
    if gap < 1.5 * size:
        return False  # reaches the margin: the paragraph goes on
    chunk = _UNBREAKABLE.match(nxt.text)
    if chunk and _width_em(chunk.group(0)) * size > gap - 0.5 * size:
        return False  # broke early only because the next number/word did not fit
    return True


def _join(a: str, b: str) -> str:
    # Latin words wrap at spaces, which the PDF drops; CJK text and numbers join directly
    if re.search(r"[A-Za-z,;:]$", a) and re.match(r"[A-Za-z]", b):
        return a + " " + b
    return a + b


def _paragraphs(pages: list[list[_Line]]) -> list[Block]:
    lines = [ln for page in pages for ln in page]
    if not lines:
        return []
    body_size = Counter(ln.size for ln in lines).most_common(1)[0][0]
    doc_margins = _margins(lines, body_size)
    page_margins = {}
    for page in pages:
        if page:
            n_body = sum(1 for ln in page if abs(ln.size - body_size) < 0.6)
            page_margins[page[0].page] = _margins(page, body_size) if n_body >= 5 else doc_margins

    blocks: list[Block] = []
    current: list[str] = []
    current_size = body_size

    def flush() -> None:
        if current:
            text = current[0]
            for part in current[1:]:
                text = _join(text, part)
            kind = HEADING if current_size > body_size * 1.1 else PARAGRAPH
            blocks.append(Block(text.strip(), kind=kind, style="pdf"))
            current.clear()

    prev: _Line | None = None
    for ln in lines:
        left, right, pitch = page_margins[ln.page]
        size = max(ln.size, 1.0)
        new_para = prev is None
        if prev is not None:
            prev_short = _ends_paragraph(prev, ln, page_margins[prev.page][1])
            indented = ln.x0 > left + 1.2 * size
            size_change = abs(ln.size - prev.size) > 0.6
            big_gap = ln.page == prev.page and (ln.top - prev.top) > pitch * 1.6
            # A heading label (一、 （二）) at the start of a wrapped line can be text ("二、三级子公司"),
            # so it only counts when the labelled line does not run on to the margin itself.
            label = bool(_HEADING_LABEL.match(ln.text)) and ln.x1 < right - 1.5 * size
            new_para = prev_short or indented or size_change or big_gap or label
        if new_para:
            flush()
            current_size = ln.size
        current.append(ln.text)
        prev = ln
    flush()
    return blocks


_GENERIC_TITLE = re.compile(r"^(untitled|无标题|\(anonymous\)|\(unspecified\)|microsoft word.*|文档\d*|document\d*)$", re.I)


def read(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    problems: list[str] = []
    pdf = _open(data)
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise ParseError(_pdf_error(exc)) from exc
        if n_pages == 0:
            raise ParseError("PDF 没有页面 / PDF has no pages")
        pages: list[list[_Line]] = []
        for i, page in enumerate(pdf.pages):
            try:
                lines = _page_lines(page, i)
            except Exception as exc:  # one damaged page should not lose the others
                problems.append(f"第{i + 1}页: 无法提取文字 ({type(exc).__name__})")
                lines = []
            pages.append(lines)
        metadata = dict(pdf.metadata or {})

    if not any(pages):
        raise ParseError(NO_TEXT)
    all_text = "".join(ln.text for p in pages for ln in p)
    if len(_CID.findall(all_text)) * 8 > len(all_text) * 0.5:
        raise ParseError("PDF 的字体缺少字符映射，文字无法解码 / PDF text cannot be decoded (no ToUnicode)")
    for i, lines in enumerate(pages):
        if not lines:
            problems.append(f"第{i + 1}页: 没有文本层(可能是图片)")

    blocks = _paragraphs(_drop_headers_footers(pages))
    if not blocks:
        raise ParseError(NO_TEXT)
    hints: dict[str, object] = dict(filename_hints(path))
    title = str(metadata.get("Title") or "").strip()
    if title and not _GENERIC_TITLE.match(title) and len(title) <= 200:
        hints["title"] = title
    hints["pages"] = n_pages
    doc = RawDocument(blocks=blocks, format="pdf", locator=str(path), sha256=sha256_bytes(data), hints=clean_hints(hints))
    return ReadResult([doc], problems)


READER = Reader("pdf", (".pdf",), accepts, read)
