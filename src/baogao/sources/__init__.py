"""Readers: one pure function per format, from a file to ``list[RawDocument]``.

    from baogao.sources import read_path, read_path_with_problems, detect_format, FORMATS
    docs = read_path(path, "auto", max_bytes=settings.max_file_bytes)
    docs, problems = read_path_with_problems(path, max_bytes=...)   # CSV/JSONL: bad records

The format is chosen by content, with the extension as a hint (``detect_format``): a ``.txt``
that is really a PDF is read as a PDF, a ``.docx`` that is really text is read as text. Errors
are the typed ones from ``baogao.errors`` with a one-line message (Chinese, then English):
UnsupportedFormat, FileTooLarge, ParseError, SkippedSource (e.g. a run-manifest CSV) and
IngestError (empty, unreadable, binary). Nothing here touches the database.

Registry (paperless-style): each format registers a ``Reader`` whose ``accepts(path, head)``
says whether it can read the file and whose ``read(path, data, options)`` reads it.
"""

from __future__ import annotations

import stat as stat_module
import zipfile
from pathlib import Path

from baogao.errors import BaogaoError, FileTooLarge, IngestError, ParseError, UnsupportedFormat
from baogao.model import RawDocument
from baogao.sources import csv as csv_reader
from baogao.sources import docx as docx_reader
from baogao.sources import html as html_reader
from baogao.sources import jsonl as jsonl_reader
from baogao.sources import pdf as pdf_reader
from baogao.sources import txt as txt_reader
from baogao.sources.base import ReadOptions, Reader, ReadResult
from baogao.sources.decode import NOT_TEXT, sniff_text

READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        txt_reader.READER,
        html_reader.READER,
        docx_reader.READER,
        pdf_reader.READER,
        csv_reader.READER,
        jsonl_reader.READER,
    )
}
FORMATS: tuple[str, ...] = tuple(READERS)  # ("txt", "html", "docx", "pdf", "csv", "jsonl")

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # same as Settings.max_file_mb's default
HEAD_BYTES = 8192

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_TEXT_FORMATS = ("html", "jsonl", "csv")  # tried in this order when the extension does not decide


def _zip_kind(src: Path | bytes) -> str | None:
    """'docx', another Office/zip kind for the error message, or None if not a readable zip."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(src) if isinstance(src, bytes) else src) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "Excel 工作簿 (.xlsx)"
    if any(n.startswith("ppt/") for n in names):
        return "PowerPoint (.pptx)"
    if "mimetype" in names:
        return "OpenDocument (.odt/.ods)"
    return "zip 压缩包"


def detect_format(path: Path, head_bytes: bytes, *, data: bytes | None = None) -> str:
    """The format name for a file, from its content first and its extension second.

    ``head_bytes`` are the file's first bytes (a few KiB are enough). For a zip the directory
    is read from ``data`` when given, else from ``path``. Raises UnsupportedFormat for formats
    we do not read, ParseError for a file whose extension promises a format its content is not,
    IngestError for binary data.
    """
    path = Path(path)
    ext = path.suffix.lower()
    head = head_bytes
    if not head:
        raise IngestError("文件为空 / empty file")

    # Signatures win over the extension.
    if READERS["pdf"].accepts(path, head):
        return "pdf"
    if head.startswith(docx_reader.ZIP_MAGIC):
        kind = _zip_kind(data if data is not None else path)
        if kind == "docx" or (kind is None and ext in READERS["docx"].extensions):
            return "docx"  # a broken zip named .docx: the docx reader explains what is wrong
        raise UnsupportedFormat(f"不支持的文件格式：{kind or '损坏的 zip 文件'} / unsupported format (zip)")
    if head.startswith(_OLE_MAGIC):
        raise UnsupportedFormat("旧版 Office 文件 (.doc/.xls) 不支持，请另存为 .docx / legacy .doc not supported")
    if head.startswith(_IMAGE_MAGIC):
        raise UnsupportedFormat("图片文件没有文字，不支持 (需要先 OCR) / image files are not supported")

    if sniff_text(head) is None:
        if ext in READERS["docx"].extensions:
            raise ParseError("扩展名是 .docx，但内容不是 Word 文档（不是 zip 格式）/ not a .docx (not a zip)")
        if ext == ".pdf":
            raise ParseError("扩展名是 .pdf，但内容不是 PDF / not a PDF")
        raise IngestError(NOT_TEXT)

    # Text: the extension's reader if it agrees with the content, else the first that accepts.
    for name in _TEXT_FORMATS:
        if ext in READERS[name].extensions and READERS[name].accepts(path, head):
            return name
    for name in _TEXT_FORMATS:
        if READERS[name].accepts(path, head):
            return name
    return "txt"


def _one_line(exc: IngestError) -> IngestError:
    """Same error class, message squeezed onto one line (library messages can be multi-line)."""
    msg = " ".join(str(exc).split())
    return exc if msg == str(exc) else type(exc)(msg)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        st = path.stat()  # follows symlinks: a dangling one fails here
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError("文件无法读取：符号链接指向不存在的文件 / dangling symlink") from None
        raise IngestError("文件不存在 / file not found") from None
    except OSError as exc:
        raise IngestError(f"文件无法读取 / cannot read file: {exc.strerror or exc}") from exc
    if stat_module.S_ISDIR(st.st_mode):
        raise IngestError("这是一个目录，不是文件 / is a directory, not a file")
    if not stat_module.S_ISREG(st.st_mode):
        raise IngestError("不是普通文件（设备、管道或套接字）/ not a regular file")
    # Refuse by size before reading anything into memory.
    if st.st_size > max_bytes:
        raise FileTooLarge(_too_large(st.st_size, max_bytes))
    if st.st_size == 0:
        raise IngestError("文件为空 / empty file")
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise IngestError(f"文件无法读取 / cannot read file: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise FileTooLarge(_too_large(len(data), max_bytes))
    if not data:
        raise IngestError("文件为空 / empty file")
    return data


def _too_large(size: int, limit: int) -> str:
    def mb(n: int) -> str:
        return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n} 字节"

    return f"文件太大：{mb(size)}，超过上限 {mb(limit)}（BAOGAO_MAX_FILE_MB）/ file too large"


_BINARY_FORMATS = ("pdf", "docx")
_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word 文档 (.docx)", "txt": "纯文本", "html": "网页 (HTML)",
                 "csv": "CSV 表格", "jsonl": "JSON Lines"}  # for the message only


def _check_forced(path: Path, data: bytes, format: str) -> None:
    """A forced format that the content plainly is not fails with a message saying what it is.

    Only where PDF or Word is involved: forcing one text format on another (an .html read as
    plain text) is a legitimate choice; reading a Word file as a PDF never is, and the PDF
    library would only say the "PDF" is corrupt.
    """
    try:
        actual = detect_format(path, data[:HEAD_BYTES], data=data)
    except BaogaoError:
        return  # the forced reader explains what is wrong with the file
    if actual != format and (format in _BINARY_FORMATS or actual in _BINARY_FORMATS):
        raise ParseError(
            f"指定了 --format {format}，但文件其实是 {_FORMAT_NAMES.get(actual, actual)}（去掉 --format 即可自动识别）"
            f" / --format {format} given but the file is {actual}"
        )


def read_path_with_problems(
    path: Path,
    format: str = "auto",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    csv_columns: dict[str, str] | None = None,
    jsonl_fields: dict[str, str] | None = None,
) -> tuple[list[RawDocument], list[str]]:
    """Read one file: (documents, one-line problem messages about records/pages not read).

    For CSV/JSONL a broken record is a problem, not an error; if no record is readable the
    call raises ParseError. Everything else that stops a file raises a typed IngestError.
    """
    path = Path(path)
    if format != "auto" and format not in READERS:
        raise UnsupportedFormat(f"未知格式 {format!r}（可用: auto, {', '.join(FORMATS)}）/ unknown format")
    try:
        data = _read_bytes(path, max_bytes)
        if format == "auto":
            name = detect_format(path, data[:HEAD_BYTES], data=data)
        else:
            name = format
            _check_forced(path, data, format)
        options = ReadOptions(max_bytes=max_bytes, csv_columns=csv_columns, jsonl_fields=jsonl_fields)
        try:
            result: ReadResult = READERS[name].read(path, data, options)
        except BaogaoError:
            raise
        except Exception as exc:  # a library failing on odd input must not stop an import run
            raise ParseError(f"{name} 文件无法解析 / cannot parse {name}: {type(exc).__name__}: {exc}") from exc
    except IngestError as exc:
        raise _one_line(exc) from exc.__cause__
    return result.docs, [" ".join(p.split()) for p in result.problems]


def read_path(
    path: Path,
    format: str = "auto",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    csv_columns: dict[str, str] | None = None,
    jsonl_fields: dict[str, str] | None = None,
) -> list[RawDocument]:
    """Read one file into RawDocuments (see ``read_path_with_problems`` for the problems)."""
    docs, _problems = read_path_with_problems(
        path, format, max_bytes=max_bytes, csv_columns=csv_columns, jsonl_fields=jsonl_fields
    )
    return docs


__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "READERS",
    "Reader",
    "ReadOptions",
    "ReadResult",
    "detect_format",
    "read_path",
    "read_path_with_problems",
]
