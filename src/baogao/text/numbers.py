"""Numbers as Chinese government reports write them: values, ranges, units and modifiers.

Works on the *normalized* view of a text (``baogao.text.normalize``), which has the same length
as the canonical text, so every offset returned here is an offset into the canonical text too.
In that view full-width digits and ％ are already ASCII (５．５％ -> 5.5%), the full-width minus
of a range is "-" (6%－7% -> 6%-7%) and zero-width characters are spaces.

    >>> q = parse_quantity("5%左右", 0)
    >>> (q.value, q.unit, q.modifier)
    (5.0, '%', 'around')
    >>> q = parse_quantity("5.0%—5.5%", 0)
    >>> (q.low, q.high, q.modifier)
    (5.0, 5.5, 'range')
    >>> parse_quantity("百分之五点五", 0).value
    5.5
    >>> q = parse_quantity("一千二百万人以上", 0)
    >>> (q.value, q.unit, q.modifier)
    (1200.0, '万人', 'at_least')

Modifiers: ``around`` (左右/上下/约), ``at_least`` (以上/不低于/不少于/超过), ``at_most``
(以内/以下/不超过/不高于/控制在), ``range`` (low and high set, value None) and ``point``.
A number with no unit where one is expected (可比增长5, in a target) is returned with
``unit=None`` and the flag ``unit_missing`` when ``allow_missing_unit`` is set; the unit is
never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

AROUND, AT_LEAST, AT_MOST, RANGE, POINT = "around", "at_least", "at_most", "range", "point"
MODIFIERS = (AROUND, AT_LEAST, AT_MOST, RANGE, POINT)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}

# Units as they appear, longest first, and their normalized spelling.
UNITS: dict[str, str] = {
    "%": "%", "‰": "‰", "个百分点": "个百分点", "百分点": "个百分点",
    "万亿元": "万亿元", "亿元": "亿元", "万元": "万元", "元": "元",
    "亿美元": "亿美元", "万美元": "万美元", "美元": "美元",
    "万亿斤": "万亿斤", "亿斤": "亿斤", "万斤": "万斤", "亿公斤": "亿公斤", "万吨": "万吨", "亿吨": "亿吨", "吨": "吨",
    "万人次": "万人次", "万人": "万人", "人": "人",
    "万户": "万户", "户": "户", "万台": "万台", "台": "台",
    "万千瓦": "万千瓦", "亿千瓦时": "亿千瓦时", "千瓦": "千瓦",
    "微克/立方米": "微克/立方米", "平方公里": "平方公里", "公里": "公里", "万亩": "万亩", "亩": "亩",
    "万套": "万套", "套": "套", "万家": "万家", "家": "家", "万个": "万个", "个": "个", "所": "所", "件": "件",
}
# Units that mean "the same quantity" at a different scale (for comparisons).
SCALE_TO_BASE: dict[str, tuple[str, float]] = {
    "万亿元": ("亿元", 10_000.0), "亿元": ("亿元", 1.0), "万元": ("亿元", 1e-4), "元": ("亿元", 1e-8),
    "万亿斤": ("亿斤", 10_000.0), "亿斤": ("亿斤", 1.0), "万斤": ("亿斤", 1e-4),
    "万人": ("万人", 1.0), "人": ("万人", 1e-4),
    "万户": ("户", 10_000.0), "户": ("户", 1.0),
    "亿美元": ("亿美元", 1.0), "万美元": ("亿美元", 1e-4),
    "%": ("%", 1.0),
}

# 3,680 / ３，６８０亿斤 (the 1950s reports group thousands; in the normalized view the comma is ",")
_V_ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_V_CN = r"[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_UNIT_RX = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_SEP = r"(?:——|--|[-—–~至到])"
# Between the parts of a number: a space (an odd space or a zero-width character in the source).
_G = r" ?"
_QUANTITY = re.compile(
    rf"(?P<pct>百分之)?(?P<a>{_V_ARABIC}|{_V_CN}){_G}(?P<ua>{_UNIT_RX})?"
    rf"(?:{_G}(?P<sep>{_SEP}){_G}(?:百分之)?(?P<b>{_V_ARABIC}|{_V_CN}){_G}(?P<ub>{_UNIT_RX})?)?"
)
_SUFFIX = re.compile(r"(?P<s>及以上|以上|以内|之内|以下|左右|上下|之间|区间)")
_PREFIXES: list[tuple[str, str]] = [
    ("不低于", AT_LEAST), ("不少于", AT_LEAST), ("超过", AT_LEAST), ("高于", AT_LEAST), ("突破", AT_LEAST),
    ("不超过", AT_MOST), ("不高于", AT_MOST), ("控制在", AT_MOST), ("低于", AT_MOST), ("约", AROUND),
]
_SUFFIX_MOD = {"及以上": AT_LEAST, "以上": AT_LEAST, "以内": AT_MOST, "之内": AT_MOST, "以下": AT_MOST,
               "左右": AROUND, "上下": AROUND, "之间": RANGE, "区间": RANGE}


@dataclass
class Quantity:
    start: int  # the number itself (with its unit), end-exclusive
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    modifier: str
    ext_start: int = 0  # including the modifier words around it (控制在 … 以内)
    ext_end: int = 0
    flags: list[str] = field(default_factory=list)

    def to_base(self) -> tuple[str | None, float | None, float | None, float | None]:
        unit, factor = SCALE_TO_BASE.get(self.unit or "", (self.unit, 1.0))
        f = lambda v: None if v is None else v * factor  # noqa: E731
        return unit, f(self.value), f(self.low), f(self.high)


def parse_chinese_number(s: str) -> float:
    """一千二百 -> 1200, 五点五 -> 5.5, 十二 -> 12, 两万 -> 20000, 3.5 -> 3.5."""
    s = s.strip()
    if re.fullmatch(_V_ARABIC, s):
        return float(s.replace(",", ""))
    if "点" in s:
        whole, frac = s.split("点", 1)
        w = parse_chinese_number(whole) if whole else 0.0
        digits = "".join(str(_CN_DIGITS[c]) for c in frac)
        return w + float("0." + digits) if digits else w
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total = (total + section) * _CN_BIG[ch] if ch == "亿" else total + section * _CN_BIG[ch]
            section, digit = 0, None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    if digit is not None:
        # 二百五 is 250 in speech, but reports never write that; treat a trailing digit as units
        section += digit
    return float(total + section)


def _num(s: str) -> float:
    return float(s.replace(",", "")) if s[0].isdigit() else parse_chinese_number(s)


def parse_quantity(text: str, pos: int, *, allow_missing_unit: bool = False) -> Quantity | None:
    """The quantity starting exactly at ``pos`` (a digit, a Chinese numeral or 百分之), or None.

    A Chinese-numeral value needs a unit (or 百分之) to count: 一、二、三产业 is not a number.
    """
    m = _QUANTITY.match(text, pos)
    if m is None:
        return None
    a, ua, b, ub, pct = m.group("a"), m.group("ua"), m.group("b"), m.group("ub"), m.group("pct")
    end = m.end()
    is_range = b is not None and (ua or ub or pct)
    if b is not None and not is_range:
        end = m.end("a") if not ua else m.end("ua")
        b = ub = None
    if is_range and ua and ub and UNITS[ua] != UNITS[ub]:
        is_range, b, ub = False, None, None
        end = m.end("ua")
    unit = "%" if pct else UNITS.get(ub or ua or "")
    chinese = not a[0].isdigit()
    if chinese and not (unit or pct):
        return None
    if chinese and a in ("十", "百", "千"):  # 百分之百 etc. are fine via pct; a lone 千 is not a number
        if not pct:
            return None
    if is_range and not ub and not pct:  # 6%-7 年: only the first number
        pass
    try:
        va = _num(a)
        vb = _num(b) if is_range else None
    except ValueError:
        return None
    flags: list[str] = []
    if unit is None:
        if not allow_missing_unit:
            return None
        flags.append("unit_missing")
    # an ASCII range inside a bigger number (2021-2025年) is caught above; a range must rise
    if is_range and vb is not None and vb < va:
        is_range, vb = False, None
        end = m.end("ua") if ua else m.end("a")
        unit = "%" if pct else UNITS.get(ua or "")
        if unit is None and not allow_missing_unit:
            return None
    q = Quantity(pos, end, va, None, None, unit, POINT, pos, end, flags)
    if is_range:
        q.value, q.low, q.high, q.modifier = None, va, vb, RANGE
    # modifiers after the number
    sm = _SUFFIX.match(text, end)
    if sm is not None:
        mod = _SUFFIX_MOD[sm.group("s")]
        if mod == RANGE:
            q.ext_end = sm.end()
        elif not is_range:
            q.modifier, q.ext_end = mod, sm.end()
    # modifiers before it (a suffix wins: 控制在5.5%左右 is "around")
    if q.modifier == POINT:
        before = text[max(0, pos - 4):pos]
        for word, mod in sorted(_PREFIXES, key=lambda wm: -len(wm[0])):
            if before.endswith(word):
                q.modifier, q.ext_start = mod, pos - len(word)
                break
    return q


_START = re.compile(rf"百分之|\d|[零〇一二两三四五六七八九十]")


def find_quantities(text: str, start: int = 0, end: int | None = None, *, allow_missing_unit: bool = False) -> list[Quantity]:
    """Every quantity in ``text[start:end]``, left to right, not overlapping."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    pos = start
    while pos < end:
        m = _START.search(text, pos, end)
        if m is None:
            break
        i = m.start()
        # do not start inside a number (the 5 of 2025, the 680 of 3,680) or a word (一般)
        if i > 0 and (text[i - 1].isdigit() or text[i - 1] == "." or (text[i - 1] == "," and i > 1 and text[i - 2].isdigit())):
            pos = i + 1
            continue
        q = parse_quantity(text, i, allow_missing_unit=allow_missing_unit)
        if q is None or q.end > end:
            pos = i + 1
            continue
        out.append(q)
        pos = q.end
    return out
