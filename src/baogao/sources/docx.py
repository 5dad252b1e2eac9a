"""Word .docx: paragraphs and tables in document order, via python-docx.

python-docx's ``Document.paragraphs`` and ``Document.tables`` are separate lists, so they lose
the order in which paragraphs and tables alternate; we walk the body's child elements instead.
Before python-docx touches the file we check the zip directory for a compression bomb.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from baogao.errors import ParseError
from baogao.model import HEADING, PARAGRAPH, TABLE_ROW, Block, RawDocument
from baogao.sources.base import ReadOptions, Reader, ReadResult, clean_hints, filename_hints, sha256_bytes

ZIP_MAGIC = b"PK\x03\x04"
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # absolute ceiling for all members together
MAX_RATIO = 100  # deflate of real XML is ~5-20x; hundreds means padding built to explode
_RATIO_MIN_SIZE = 10 * 1024 * 1024  # small members may compress well; only judge big ones

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(heading|标题|title)\s*\d*$", re.IGNORECASE)
_WS = " \t\u3000\u2002\u2003\u00a0\u200b\ufeff"


def is_docx_zip(data_or_path: bytes | Path) -> bool:
    """A zip whose directory names a Word main part (reads only the central directory)."""
    try:
        src = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
        with zipfile.ZipFile(src) as zf:
            return any(name.startswith("word/") for name in zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def accepts(path: Path, head: bytes) -> bool:
    if not head.startswith(ZIP_MAGIC):
        return False
    # From the head alone we cannot see the zip directory; the extension decides, and
    # detect_format confirms with is_docx_zip() when it has the file.
    return path.suffix.lower() in (".docx", ".docm", ".dotx") or is_docx_zip(path)


def check_zip_bomb(zf: zipfile.ZipFile, max_bytes: int) -> None:
    """Refuse archives whose declared sizes would explode, before decompressing anything.

    The declared sizes are safe to trust for this: zipfile stops decompressing a member at its
    declared ``file_size`` (and then fails the CRC check), so a lying header cannot get more out.
    """
    limit = min(MAX_UNCOMPRESSED, 20 * max_bytes) if max_bytes > 0 else MAX_UNCOMPRESSED
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > _RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ParseError(
                f"疑似压缩炸弹：{info.filename} 压缩比 {info.file_size // max(info.compress_size, 1)}:1，拒绝解压"
                " / suspected zip bomb"
            )
    if total > limit:
        raise ParseError(
            f"疑似压缩炸弹：解压后共 {total / 1024 / 1024:.0f} MB，超过上限 {limit / 1024 / 1024:.0f} MB，拒绝解压"
            " / suspected zip bomb"
        )


def _strip(text: str) -> str:
    return text.strip(_WS + "\r\n")


_P, _TBL, _SDT, _SDT_CONTENT = _W + "p", _W + "tbl", _W + "sdt", _W + "sdtContent"
_R, _HYPERLINK, _T, _TAB, _PTAB, _BR, _CR, _NBH = (
    _W + "r", _W + "hyperlink", _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr", _W + "noBreakHyphen"
)
_TR, _TC, _PPR, _PSTYLE, _VAL, _TYPE = _W + "tr", _W + "tc", _W + "pPr", _W + "pStyle", _W + "val", _W + "type"
_RUN_CHAR = {_TAB: "\t", _PTAB: "\t", _CR: "\n", _NBH: "-"}


def _iter_body(element) -> Iterator:
    """Paragraph and table elements of the body in order, looking inside content controls."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == _P or tag == _TBL:
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _iter_body(content)


# The text of a paragraph exactly as python-docx's ``Paragraph.text`` gives it (w:r and
# w:hyperlink children; in a run w:t, w:tab, w:ptab, w:noBreakHyphen, w:cr and text-wrapping
# w:br), read from the lxml elements directly: python-docx's per-element xpath and proxy
# objects cost more than the rest of the import of a .docx.
def _run_text(r, out: list[str]) -> None:
    for child in r.iterchildren():
        tag = child.tag
        if tag == _T:
            if child.text:
                out.append(child.text)
        elif tag == _BR:
            if child.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        else:
            ch = _RUN_CHAR.get(tag)
            if ch is not None:
                out.append(ch)


def _para_text(p) -> str:
    out: list[str] = []
    for child in p.iterchildren(_R, _HYPERLINK):
        if child.tag == _R:
            _run_text(child, out)
        else:
            for r in child.iterchildren(_R):
                _run_text(r, out)
    return "".join(out)


class _StyleNames:
    """Paragraph style id -> UI name, resolved by python-docx once per distinct id.

    ``Paragraph.style`` scans styles.xml for the default style on every call (most of the time
    spent reading a .docx); the answer depends only on the id, so it is cached per document.
    """

    def __init__(self, document) -> None:
        self._document = document
        self._names: dict[str | None, str | None] = {}

    def of(self, p) -> str | None:
        ppr = p.find(_PPR)
        pstyle = ppr.find(_PSTYLE) if ppr is not None else None
        if pstyle is None:
            style_id = None
        else:
            style_id = pstyle.get(_VAL)
            if style_id is None:  # malformed: let python-docx fail the way it always has
                from docx.text.paragraph import Paragraph

                return Paragraph(p, self._document).style.name
        try:
            return self._names[style_id]
        except KeyError:
            from docx.enum.style import WD_STYLE_TYPE

            style = self._document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
            name = self._names[style_id] = style.name if style is not None else None
            return name


def _blocks(document) -> list[Block]:
    styles = _StyleNames(document)
    heading: dict[str | None, bool] = {}
    blocks: list[Block] = []
    for el in _iter_body(document.element.body):
        if el.tag == _P:
            style = styles.of(el)
            is_heading = heading.get(style)
            if is_heading is None:
                is_heading = heading[style] = bool(style and _HEADING_STYLE.match(style))
            kind = HEADING if is_heading else PARAGRAPH
            # A soft line break (w:br) gives "\n" inside a paragraph; in these files it separates
            # distinct lines (e.g. 来源：… and the meeting line), so each becomes its own block.
            for line in _para_text(el).split("\n"):
                line = _strip(line)
                if line:
                    blocks.append(Block(line, kind=kind, style=style))
        else:
            for tr in el.iterchildren(_TR):
                # each physical cell once (python-docx's table.rows[i].cells repeats merged ones);
                # a cell's text is its paragraphs' texts joined by newlines, as _Cell.text
                cells = [
                    _strip("\n".join(_para_text(p) for p in tc.iterchildren(_P))).replace("\n", " ")
                    for tc in tr.iterchildren(_TC)
                ]
                if any(cells):
                    blocks.append(Block("\t".join(cells), kind=TABLE_ROW, style="table"))
    return blocks


_GENERIC_TITLES = re.compile(r"^(文档\d*|document\d*|untitled|无标题|microsoft word.*|新建.*|\W*)$", re.IGNORECASE)


def read(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    import docx  # python-docx; imported here so `import baogao.sources` stays cheap

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ParseError(f"Word 文档已损坏：不是有效的 zip 文件 / corrupt .docx: {exc}") from exc
    with zf:
        check_zip_bomb(zf, options.max_bytes)
        if "word/document.xml" not in zf.namelist():
            raise ParseError("Word 文档已损坏：缺少 word/document.xml / corrupt .docx: no word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        core_title = document.core_properties.title or ""
    except ParseError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors... on damage
        raise ParseError(f"Word 文档无法解析 / cannot parse .docx: {type(exc).__name__}: {exc}".splitlines()[0]) from exc
    if not blocks:
        raise ParseError("Word 文档没有文字内容 / .docx has no text")

    hints = filename_hints(path)
    core_title = core_title.strip()
    if core_title and not _GENERIC_TITLES.match(core_title) and len(core_title) <= 200:
        hints["title"] = core_title
    doc = RawDocument(
        blocks=blocks, format="docx", locator=str(path), sha256=sha256_bytes(data), hints=clean_hints(hints)
    )
    return ReadResult([doc])


READER = Reader("docx", (".docx", ".docm", ".dotx"), accepts, read)
