"""Numbers as the answer checker compares them: 5.5% = 5.5％ = 百分之五点五 = 五点五.

A small normaliser of its own (the facts extractor parses numbers with units for its own
purposes; the checker only needs comparable values): every number in a text becomes a
``Num`` with its value, an optional unit/multiplier, and the offsets where it was written.
An answer's number is supported by a passage when the passage has the same value in a
compatible form: 5.5% = 百分之五点五 = 5.5 (bare), 134.9万亿 = 1349000亿 (same absolute value, never
the 134.9 of another figure), a bare number = the same figure however written. Chinese numerals are parsed only when they form a valid
number (十四五 is a name, not 145; 三 on its own is not checked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
_MULT = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}

_CN_CHARS = "零〇○一二两三四五六七八九十百千万亿"
_ARABIC = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万亿|千万|百万|亿|万|千)?\s*(%|‰|个百分点)?")
_CHINESE = re.compile(
    rf"(百分之|千分之)?([{_CN_CHARS}]+)(?:点([零〇○一二三四五六七八九]+))?(万亿|亿|万)?(%|个百分点)?"
)


@dataclass(frozen=True)
class Num:
    value: float
    unit: str  # "", "%", "‰", "个百分点"
    multiplier: float  # 1, 1e4 (万), 1e8 (亿), 1e12 (万亿)
    start: int
    end: int
    text: str

    @property
    def percent(self) -> bool:
        return self.unit in ("%", "‰", "个百分点")

    def keys(self) -> set[tuple[float, str]]:
        """How this number can be matched when it is in a passage: as written ("raw"), as a
        percentage ("%"), as an absolute value ("abs": 134.9万亿 = 1.349e14)."""
        out = {(_round(self.value), "raw")}
        if self.percent:
            out.add((_round(self.value), self.unit))
        elif self.multiplier != 1:
            out.add((_round(self.value * self.multiplier), "abs"))
        else:
            out.add((_round(self.value), "abs"))
            out.add((_round(self.value), "bare"))
        return out

    def supported_by(self, keys: set[tuple[float, str]]) -> bool:
        """Does a passage with these keys contain this (answer) number? 5.5% matches 5.5% or 五点五
        or a bare 5.5; 1.3万亿 matches only the same absolute value (13000亿), never 1.3%; a bare
        number matches the same figure written any way."""
        v = _round(self.value)
        if self.percent:
            return (v, self.unit) in keys or (v, "bare") in keys
        if self.multiplier != 1:
            return (_round(self.value * self.multiplier), "abs") in keys
        return (v, "raw") in keys or (v, "abs") in keys


def _round(x: float) -> float:
    if x == 0:
        return 0.0
    return float(f"{x:.6g}")


def parse_chinese_int(text: str) -> int | None:
    """一千二百五十六 -> 1256, 两万 -> 20000, 十五 -> 15; None when it is not a valid numeral."""
    if not text or any(ch not in _CN_CHARS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):  # digit strings: 二〇二五 -> 2025 (only with ≥2 chars)
        if len(text) == 1:
            return _DIGITS[text]
        if "两" in text:
            return None
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    number: int | None = None
    last_small = 10_000  # magnitudes inside a section must decrease
    last_large = 10**12
    zero_seen = False
    for ch in text:
        if ch in _DIGITS:
            if number is not None:  # two digits in a row (十四五): not a numeral
                return None
            number = _DIGITS[ch]
            if number == 0:
                zero_seen = True
                number = None
        elif ch in _SMALL:
            mag = _SMALL[ch]
            if mag >= last_small:
                return None
            section += (1 if number is None else number) * mag
            number = None
            last_small = mag
        else:  # 万 亿
            mag = _LARGE[ch]
            if mag >= last_large:
                return None
            value = section + (number or 0)
            if value == 0:
                return None
            total += value * mag
            section, number = 0, None
            last_small, last_large = 10_000, mag
    del zero_seen
    return total + section + (number or 0)


def parse_chinese(text: str) -> float | None:
    """五点五 -> 5.5, 百分之五点五 -> 5.5 (the % is the caller's business)."""
    m = _CHINESE.fullmatch(text)
    if not m:
        return None
    whole = parse_chinese_int(m.group(2))
    if whole is None:
        return None
    if m.group(3):
        frac = "".join(str(_DIGITS[ch]) for ch in m.group(3))
        return float(f"{whole}.{frac}")
    return float(whole)


# Digits typed with a space between each (1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元, 8 ．8 ％, in the
# 1998 State Council report): one number when at least two digits are spaced that way.
_SPACED = re.compile(r"(?<![\d.．])(\d(?: \d)+|\d(?= [.．]))(?: ?[.．] ?(\d(?: \d)*))?\s*(万亿|千万|百万|亿|万|千)?\s*(%|％|‰|个百分点)?")


def find_numbers(text: str) -> list[Num]:
    """Every number written in ``text`` (Arabic or Chinese), with offsets into ``text``."""
    out: list[Num] = []
    spaced: list[tuple[int, int]] = []
    for m in _SPACED.finditer(text):
        whole = m.group(1).replace(" ", "")
        frac = (m.group(2) or "").replace(" ", "")
        value = float(whole + ("." + frac if frac else ""))
        mult = _MULT.get(m.group(3) or "", 1.0)
        end = m.end() if (m.group(3) or m.group(4)) else m.end(2) if m.group(2) else m.end(1)
        unit = "%" if m.group(4) == "％" else (m.group(4) or "")
        out.append(Num(value, unit, mult, m.start(), end, text[m.start() : end]))
        spaced.append((m.start(), end))
    for m in _ARABIC.finditer(text):
        if any(s <= m.start() < e for s, e in spaced):
            continue
        whole = m.group(1).replace(",", "")
        value = float(whole + (m.group(2) or ""))
        mult = _MULT.get(m.group(3) or "", 1.0)
        out.append(Num(value, m.group(4) or "", mult, m.start(), m.end(), m.group(0)))
    for m in _CHINESE.finditer(text):
        cn = m.group(2)
        is_percent = bool(m.group(1))
        has_point = bool(m.group(3))
        # Only unambiguous numerals: 百分之…, …点…, or several characters forming a valid number
        # with a magnitude (一千二百, 两万). Single characters (一是, 三个) are not checked.
        if not (is_percent or has_point or (len(cn) >= 2 and any(c in "十百千万亿" for c in cn))):
            continue
        whole = parse_chinese_int(cn)
        if whole is None:
            # try the longest valid prefix (一千二百万人次 is fine; 十四五 is not a number)
            continue
        value = float(whole)
        if has_point:
            value = float(f"{whole}." + "".join(str(_DIGITS[ch]) for ch in m.group(3)))
        unit = "%" if m.group(1) == "百分之" or m.group(5) == "%" else ("‰" if m.group(1) == "千分之" else (m.group(5) or ""))
        mult = _MULT.get(m.group(4) or "", 1.0)
        out.append(Num(value, unit, mult, m.start(), m.end(), m.group(0)))
    out.sort(key=lambda n: n.start)
    return out


def number_keys(text: str) -> set[tuple[float, str]]:
    """The keys of every number in a passage (see ``Num.keys``)."""
    keys: set[tuple[float, str]] = set()
    for n in find_numbers(text):
        keys |= n.keys()
    return keys
