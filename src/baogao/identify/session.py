"""Congress sessions: 第十三届全国人民代表大会第三次会议 -> (13, 3) -> 2020 (data/npc_sessions.toml)."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources

_CN = "一二三四五六七八九十"
_SESSION = re.compile(r"第(?P<term>[一二三四五六七八九十]{1,3})届全国人民代表大会第(?P<n>[一二三四五六七八九十]{1,3})次[会會][议議]")


def cn_int(s: str) -> int:
    """Chinese numerals up to 99: 三 -> 3, 十四 -> 14, 二十 -> 20."""
    if "十" not in s:
        return _CN.index(s) + 1
    tens, _, ones = s.partition("十")
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


@lru_cache(maxsize=1)
def sessions() -> dict[int, list[int]]:
    text = resources.files("baogao.data").joinpath("npc_sessions.toml").read_text(encoding="utf-8")
    return {int(k): list(v) for k, v in tomllib.loads(text)["terms"].items()}


def parse_session(text: str) -> tuple[int, int] | None:
    """(届, 次) of the first national congress session named in ``text``."""
    m = _SESSION.search(text or "")
    return (cn_int(m.group("term")), cn_int(m.group("n"))) if m else None


def session_year(term: int, number: int) -> int | None:
    years = sessions().get(term)
    if years is None or not 1 <= number <= len(years):
        return None
    return years[number - 1]


def year_of_session_text(text: str) -> int | None:
    found = parse_session(text)
    return session_year(*found) if found else None
