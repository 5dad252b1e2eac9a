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


@lru_cache(maxsize=8192)
def lookup(text: str) -> str | None:
    """Six-digit code of the most specific division named in ``text``, or None."""
    if not text or not text.strip():
        return None
    cpca = _cpca()
    try:
        res = cpca._get_one_addr(text, True, {})  # the matcher without a DataFrame per call
    except Exception:  # noqa: BLE001 - internal API changed: use the public one
        row = cpca.transform([text]).iloc[0]
        return row["adcode"] or None
    code = res.get("adcode")
    if not code:
        return None
    county = res.get("区")
    if not code.endswith("00") and county in _GENERIC_COUNTY_NAMES:
        if res.get("市_pos", -1) < 0 and res.get("省_pos", -1) < 0:
            return None
    return code


def province_code(code: str | None) -> str | None:
    if not code or code == NATIONAL.code:
        return None
    return code[:2] + "0000"


def resolve(candidates: list[str | None]) -> tuple[str | None, str | None]:
    """(code, the candidate that gave it) for the first candidate the gazetteer resolves."""
    for cand in candidates:
        if cand:
            code = lookup(re.sub(r"\s+", "", cand))
            if code:
                return code, cand
    return None, None
