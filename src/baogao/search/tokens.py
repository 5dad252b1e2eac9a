"""Bigram tokens of the normalized text, and the units (paragraph pieces) the index stores.

Every character position ``i`` of a unit produces exactly one token, the bigram
``text[i:i+2]`` (a one-character unit produces the single character). A query of ``m >= 2``
characters is then the phrase of its ``m - 1`` bigrams at consecutive positions, so a phrase
match *is* an exact substring occurrence: no segmenter decides what a word is, two-character
words (旧改, 电竞) are found, and 普惠托育 contains 托育.

Tokens are encoded so that both engines keep each bigram as one token, whatever characters it
holds (digits, latin, %, spaces, emoji):

* ASCII letters and digits and every non-ASCII character below U+F0000 stand for themselves;
* other ASCII characters (space, %, ., -, quotes ...) become one private-use character
  U+F0000 + code (so FTS5's ``ascii`` tokenizer, which splits on ASCII punctuation only,
  never splits a token, and no quote or backslash reaches an engine's query syntax);
* characters at or above U+F0000 (supplementary private use, never seen in reports) are
  escaped as U+F0080 followed by six hex digits, which keeps the encoding injective.

The encoding is injective and prefix-free, so equal tokens mean equal bigrams: the index
never confuses two different texts.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

# Long paragraphs are cut into overlapping pieces: PostgreSQL keeps at most 16383 positions
# per tsvector and 256 positions per lexeme. An occurrence of up to OVERLAP characters always
# lies wholly inside one piece, so engine phrases are cut to OVERLAP characters (longer
# queries are verified by a scan of the candidate paragraphs).
MAX_UNIT = 4096
GROUP = 16000  # characters of whole paragraphs per unit (see units_for); < 16384 for tsvector positions
OVERLAP = 64
MAX_POSITIONS = 255
PHRASE_CHARS = OVERLAP

_ESC = "\U000f0080"


def _enc_table() -> dict[int, str]:
    table = {}
    for cp in range(128):
        ch = chr(cp)
        if not (ch.isascii() and ch.isalnum()):
            table[cp] = chr(0xF0000 + cp)
    return table


_TABLE = _enc_table()


_HIGH = re.compile("[\U000f0000-\U0010ffff]")


def _needs_escape(text: str) -> bool:
    return _HIGH.search(text) is not None


def _enc_char(c: str) -> str:
    cp = ord(c)
    if cp < 128:
        return _TABLE.get(cp, c)
    if cp >= 0xF0000:
        return f"{_ESC}{cp:06x}"
    return c


def _units_of(enc: list[str]) -> list[str]:
    if len(enc) == 1:
        return [enc[0]]
    return [enc[i] + enc[i + 1] for i in range(len(enc) - 1)]


def encoded_chars(text: str) -> list[str]:
    if _needs_escape(text):
        return [_enc_char(c) for c in text]
    return list(text.translate(_TABLE))


def bigrams(text: str) -> list[str]:
    """The index tokens of one unit of normalized text, one per character position."""
    if not text:
        return []
    if _needs_escape(text):
        return _units_of([_enc_char(c) for c in text])
    enc = text.translate(_TABLE)
    if len(enc) == 1:
        return [enc]
    return list(map(operator.add, enc, enc[1:]))


_LUT = np.array([ord(_TABLE.get(cp, chr(cp))) for cp in range(128)], dtype=np.uint32)
_SPACE = np.uint32(ord(" "))


def bigram_text(norm: str) -> str:
    """A whole text's bigram tokens joined by spaces: what the SQLite engine stores for a document.

    Token ``i`` is the bigram starting at character ``i``, so an engine position is a character
    offset. Equal to ``" ".join(bigrams(norm))``; built with numpy on code points (about 20x
    faster than joining Python strings, which dominated the index build) unless the text holds
    characters that need the escape (never seen in reports), which take the plain path.
    """
    if len(norm) < 2 or _needs_escape(norm):
        return " ".join(bigrams(norm))
    try:
        cps = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates: the plain path keeps them as they are
        return " ".join(bigrams(norm))
    low = cps < 128
    if low.any():
        cps = np.where(low, _LUT[np.minimum(cps, 127)], cps)
    out = np.empty((len(cps) - 1, 3), dtype=np.uint32)
    out[:, 0] = cps[:-1]
    out[:, 1] = cps[1:]
    out[:, 2] = _SPACE
    return out.tobytes()[:-4].decode("utf-32-le")


def query_tokens(term: str) -> list[str]:
    """The phrase for a (normalized) query term of two or more characters, cut to PHRASE_CHARS."""
    return bigrams(term[:PHRASE_CHARS]) if len(term) >= 2 else []


@dataclass(frozen=True)
class Unit:
    """A piece of one paragraph that the index stores as one row."""

    ordinal: int
    start: int  # offsets into the document's text
    end: int
    para_start: int
    para_end: int

    @property
    def chunked(self) -> bool:
        return (self.start, self.end) != (self.para_start, self.para_end)


def _fits(norm: str, start: int, end: int) -> bool:
    if end - start > MAX_UNIT:
        return False
    if end - start <= MAX_POSITIONS + 1:
        return True
    counts = Counter(norm[i : i + 2] for i in range(start, end - 1))
    return max(counts.values()) <= MAX_POSITIONS


def split_paragraph(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut [start, end) into overlapping pieces that fit both engines (usually one piece)."""
    if _fits(norm, start, end):
        return [(start, end)]
    mid = (start + end) // 2
    left = split_paragraph(norm, start, min(end, mid + OVERLAP))
    right = split_paragraph(norm, mid, end)
    return left + right


def units_for(norm: str, paragraphs: list[tuple[int, int]], *, cap_positions: bool = False) -> list[Unit]:
    """Index units for a document: runs of whole consecutive paragraphs up to GROUP characters.

    A unit may hold several paragraphs because the line break between them is part of the
    text and of its bigrams ("x\n", "\ny"), and no query contains a line break: a phrase can
    never match across a paragraph boundary, whatever the unit. Fewer, larger rows make the
    posting lists shorter (faster phrase queries, smaller index). A paragraph longer than
    MAX_UNIT is cut into overlapping pieces. ``cap_positions`` (PostgreSQL) also keeps every
    bigram at most MAX_POSITIONS times per unit.
    """
    paras = sorted((ps, pe) for ps, pe in paragraphs if pe > ps and norm[ps:pe].strip())
    spans: list[tuple[int, int, int, int]] = []  # start, end, para_start, para_end

    def close(group: list[tuple[int, int]]) -> None:
        if not group:
            return
        a, b = group[0][0], group[-1][1]
        if not cap_positions or _fits(norm, a, b):
            spans.append((a, b, a, b))
        elif len(group) == 1:
            spans.extend((s, e, a, b) for s, e in split_paragraph(norm, a, b))
        else:
            half = len(group) // 2
            close(group[:half])
            close(group[half:])

    group: list[tuple[int, int]] = []
    for ps, pe in paras:
        if pe - ps > MAX_UNIT:
            close(group)
            group = []
            spans.extend((s, e, ps, pe) for s, e in split_paragraph(norm, ps, pe))
            continue
        if group and pe - group[0][0] > GROUP:
            close(group)
            group = []
        group.append((ps, pe))
    close(group)
    return [Unit(i, s, e, ps, pe) for i, (s, e, ps, pe) in enumerate(spans)]


def lines_as_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans when the store has none: one per non-blank line."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
