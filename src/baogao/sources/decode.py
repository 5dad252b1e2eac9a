"""Turning bytes into text: BOMs, UTF-8, GB18030/GBK without a BOM, and refusing binary data.

Order: a BOM decides; else strict UTF-8; else charset-normalizer's best guess, with every Chinese
legacy encoding (gb2312, gbk, hz...) read as GB18030, their superset. Decoded text that is mostly
control characters is refused as binary.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

import charset_normalizer

from baogao.errors import IngestError

NOT_TEXT = "看起来不是文本文件（二进制内容或无法识别的编码）/ does not look like a text file"

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]

_CHINESE_ENCODINGS = {"gb2312", "gbk", "gb18030", "hz", "hz_gb_2312", "cp936", "euc_cn", "iso2022_cn"}

# Allowed control characters in text: tab, LF, VT, FF, CR.
_OK_CONTROLS = {"\t", "\n", "\x0b", "\x0c", "\r"}


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, BOM length) when ``data`` starts with a byte-order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def looks_binary(text: str) -> bool:
    """Mostly control characters (or replacement characters) means this was not text."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ch < " " and ch not in _OK_CONTROLS) or ch in "\x7f\ufffd")
    return bad > max(2, len(sample) // 100)


def _chinese_ratio(text: str) -> float:
    non_ascii = [ch for ch in text[:20000] if ord(ch) > 127]
    if not non_ascii:
        return 1.0
    return sum(1 for ch in non_ascii if _is_cjk(ch)) / len(non_ascii)


def decode_bytes(data: bytes, *, partial: bool = False) -> tuple[str, str]:
    """Decode ``data`` to (text, encoding name). Raises IngestError for binary data.

    ``partial=True`` is for a file's first bytes: a multi-byte character cut at the end of the
    sample is not an error.
    """
    bom = bom_encoding(data)
    if bom:
        name, length = bom
        body = data[length:]
        if partial and name.startswith("utf-16") and len(body) % 2:
            body = body[:-1]
        # errors="replace" only matters for a damaged tail; a real BOM means this encoding
        text = body.decode(name, errors="replace")
        if looks_binary(text):
            raise IngestError(NOT_TEXT)
        return text, name + ("-sig" if name == "utf-8" else "")

    # NUL bytes do not occur in text in any of the encodings we accept without a BOM.
    if b"\x00" in data[:65536]:
        raise IngestError(NOT_TEXT)

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            text = data[: exc.start].decode("utf-8")
        else:
            text = None  # type: ignore[assignment]
    if text is not None:
        if looks_binary(text):
            raise IngestError(NOT_TEXT)
        return text, "utf-8"

    text_enc = _guess_legacy(data, partial=partial)
    if text_enc is None:
        raise IngestError(NOT_TEXT)
    text, enc = text_enc
    if looks_binary(text):
        raise IngestError(NOT_TEXT)
    return text, enc


def _gb18030(data: bytes, partial: bool) -> str | None:
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode("gb18030")
            except UnicodeDecodeError:
                return None
        return None


def _guess_legacy(data: bytes, *, partial: bool) -> tuple[str, str] | None:
    """Not UTF-8: ask charset-normalizer, but read anything Chinese as GB18030.

    charset-normalizer alone sometimes names a neighbouring code page (big5, cp1252, shift_jis)
    for short GBK texts; a strict GB18030 decode that yields mostly CJK characters wins then.
    """
    sample = data[:200_000]
    best = charset_normalizer.from_bytes(sample).best()
    gb = _gb18030(data, partial)
    if best is not None:
        enc = best.encoding.lower().replace("-", "_")
        if enc in _CHINESE_ENCODINGS and gb is not None:
            return gb, "gb18030"
        if gb is not None and _chinese_ratio(gb) >= 0.9 and enc not in {"big5", "big5hkscs", "cp950"}:
            return gb, "gb18030"
        try:
            return data.decode(best.encoding, errors="strict" if not partial else "ignore"), enc
        except (UnicodeDecodeError, LookupError):
            pass
    if gb is not None and _chinese_ratio(gb) >= 0.9:
        return gb, "gb18030"
    return None


@lru_cache(maxsize=16)  # detection asks several readers about the same head
def sniff_text(head: bytes) -> str | None:
    """Decoded first bytes of a file, or None when they do not look like text."""
    try:
        return decode_bytes(head, partial=True)[0]
    except IngestError:
        return None
