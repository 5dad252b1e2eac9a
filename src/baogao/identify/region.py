"""Regions: GB/T 2260 codes, levels and parent chains from the ``cpca`` gazetteer.

Nothing here types the division list by hand: codes and names come from cpca's own adcode table
(``cpca.ad_2_addr_dict``, 12-digit adcodes -> name and rank) and its matcher, which also knows
short province names (宁夏 -> 640000, 广西 -> 450000).
"""

from __future__ import annotations

import re
from functools import lru_cache

from baogao.model import RegionRef

NATIONAL = RegionRef("100000", "全国", "national")
# The State Council, the NPC and the PRC itself: a national document.
_NATIONAL_MARKERS = ("国务院", "全国人民代表大会", "中华人民共和国")
# cpca's placeholder rows between a municipality and its districts (310100 市辖区) and for
# county-level units directly under a province: not real parents.
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# District names that are also ordinary words: cpca finds 城区 inside 中心城区 (web-pages/003's
# title -> 441502 汕尾市城区). Accepted only when the text also names their city or province.
_GENERIC_COUNTY_NAMES = {"城区", "郊区", "矿区", "新区"}


def _cpca():
    import cpca  # imported lazily: it loads pandas and its adcode table (~0.5 s)

    return cpca


def _info(code: str):
    return _cpca().ad_2_addr_dict.get(code.ljust(12, "0"))


def level_of(code: str) -> str:
    if code == NATIONAL.code:
        return "national"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def region_ref(code: str) -> RegionRef | None:
    """The RegionRef of a six-digit code, named as in cpca's table; None if unknown."""
    if code == NATIONAL.code:
        return NATIONAL
    info = _info(code)
    return RegionRef(code, info.name, level_of(code)) if info is not None else None


def parents_of(code: str) -> list[RegionRef]:
    """Nearest first, ending with 全国: 310101 -> [上海市 310000, 全国]."""
    if code == NATIONAL.code:
        return []
    chain: list[RegionRef] = []
    level = level_of(code)
    if level == "county":
        pref = region_ref(code[:4] + "00")
        if pref is not None and pref.name not in _PLACEHOLDERS:
            chain.append(pref)
    if level in ("county", "prefecture"):
        prov = region_ref(code[:2] + "0000")
        if prov is not None:
            chain.append(prov)
    chain.append(NATIONAL)
    return chain


def is_national(text: str | None) -> bool:
    return bool(text) and any(m in text for m in _NATIONAL_MARKERS)


@lru_cache(maxsize=1)
def _same_name_index() -> dict[tuple[str, int], list[str]]:
    """(name, rank) -> every six-digit code with that name at that rank (朝阳区 -> 110105, 220104)."""
    index: dict[tuple[str, int], list[str]] = {}
    for info in _cpca().ad_2_addr_dict.values():
        index.setdefault((info.name, info.rank), []).append(info.adcode[:6])
    return index


@lru_cache(maxsize=8192)
def lookup_all(text: str) -> tuple[str, ...]:
    """Codes of the most specific division named in ``text``: one code, several when the name is
    shared and nothing in ``text`` says which (朝阳区 alone: Beijing's or Changchun's), none when
    nothing is named. cpca alone would silently pick the first of a shared name."""
    if not text or not text.strip():
        return ()
    cpca = _cpca()
    try:
        res = cpca._get_one_addr(text, True, {})  # the matcher without a DataFrame per call
    except Exception:  # noqa: BLE001 - internal API changed: use the public one
        res = cpca.transform([text], pos_sensitive=True).iloc[0].to_dict()
    code = res.get("adcode")
    if not code:
        return ()
    level = level_of(code)
    name = res.get("区") if level == "county" else res.get("市") if level == "prefecture" else res.get("省")
    if name in _PLACEHOLDERS:
        return ()  # 县人民政府 -> cpca's placeholder row 500200 "县": not a region
    if level == "county" and name in _GENERIC_COUNTY_NAMES:
        if res.get("市_pos", -1) < 0 and res.get("省_pos", -1) < 0:
            return ()
    rank = {"province": 0, "prefecture": 1, "county": 2}[level]
    unqualified = res.get("省_pos", -1) < 0 and (level != "county" or res.get("市_pos", -1) < 0)
    if level != "province" and unqualified:
        same = _same_name_index().get((name, rank), [])
        if len(same) > 1:
            return tuple(sorted(same))
    return (code,)


def lookup(text: str) -> str | None:
    """Six-digit code of the most specific division named in ``text``, or None (also when the
    name is ambiguous, see ``lookup_all``)."""
    codes = lookup_all(text)
    return codes[0] if len(codes) == 1 else None


def province_code(code: str | None) -> str | None:
    if not code or code == NATIONAL.code:
        return None
    return code[:2] + "0000"


def _within(code: str, area: str) -> bool:
    """``code`` lies inside (or is) ``area``: 110105 is within 110000 and 110100."""
    if area == NATIONAL.code:
        return True
    level = level_of(area)
    prefix = area[:2] if level == "province" else area[:4] if level == "prefecture" else area
    return code.startswith(prefix)


def resolve(candidates: list[str | None]) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(code, the candidate that gave it, ambiguous codes) for the first candidate the gazetteer
    resolves. A shared name (朝阳区) is settled by a later candidate naming its city or province
    (北京市朝阳区第十七届人民代表大会…); if none does, the code is None and the third item lists the
    divisions it could be."""
    ambiguous: tuple[str, ...] = ()
    ambiguous_from: str | None = None
    for cand in candidates:
        if not cand:
            continue
        codes = lookup_all(re.sub(r"\s+", "", cand))
        if not codes:
            continue
        if not ambiguous:
            if len(codes) == 1:
                return codes[0], cand, ()
            ambiguous, ambiguous_from = codes, cand
            continue
        narrowed = tuple(a for a in ambiguous if any(_within(a, c) or _within(c, a) for c in codes))
        if len(narrowed) == 1:
            return narrowed[0], ambiguous_from, ()
        if narrowed:
            ambiguous = narrowed
    return None, ambiguous_from, ambiguous
