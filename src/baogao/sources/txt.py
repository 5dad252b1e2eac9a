"""Plain text (scraped web pages and the like): one LINE block per physical line.

Line structure is all a text file has, so it is kept as is, empty lines included: the cleaning
step decides where paragraphs, chrome and metadata lines are.
"""

from __future__ import annotations

from pathlib import Path

from baogao.errors import IngestError
from baogao.model import LINE, Block, RawDocument
from baogao.sources.base import ReadOptions, Reader, ReadResult, clean_hints, filename_hints, sha256_bytes, split_lines
from baogao.sources.decode import decode_bytes, sniff_text


def accepts(path: Path, head: bytes) -> bool:
    return sniff_text(head) is not None


def read(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise IngestError("文件只有空白，没有文本 / file contains only whitespace")
    lines = split_lines(text)
    # A final newline ends the last line; it does not start an empty one.
    if lines and lines[-1] == "":
        lines.pop()
    hints = filename_hints(path)
    # the cleaner finds the title in the text; a report-like file name is only the fallback
    # (the corpus's scraped pages are named by hashes, a user's file may be 2020年…政府工作报告.txt)
    if "title" in hints:
        hints["filename_title"] = hints.pop("title")
    hints["encoding"] = encoding
    doc = RawDocument(
        blocks=[Block(line, kind=LINE) for line in lines],
        format="txt",
        locator=str(path),
        sha256=sha256_bytes(data),
        hints=clean_hints(hints),
    )
    return ReadResult([doc])


READER = Reader("txt", (".txt", ".text", ".md"), accepts, read)
