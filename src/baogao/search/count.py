"""Counting occurrences by year, region, level or document, raw and per N characters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from baogao.errors import InvalidQuery

BY = ("year", "region", "level", "document")


def parse_per(value: str | int | None) -> int | None:
    """'10k' -> 10000, '1w' / '1万' -> 10000, '1m' -> 1000000, '500' -> 500; None/'' -> None."""
    if value is None or value == "":
        return None
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(k|w|万|m)?\s*", str(value).lower())
    if not m:
        raise InvalidQuery(f"--per 的格式不对: {value!r}（例如 10k、1万、1000）")
    mult = {"k": 1_000, "w": 10_000, "万": 10_000, "m": 1_000_000, None: 1}[m.group(2)]
    n = int(float(m.group(1)) * mult)
    if n <= 0:
        raise InvalidQuery("--per 必须大于 0")
    return n


@dataclass
class CountRow:
    key: str
    label: str
    documents: int  # documents in scope for this group
    matched: int  # documents with at least one occurrence
    hits: int
    chars: int
    per: float | None = None

    def to_dict(self) -> dict:
        out = {"key": self.key, "label": self.label, "documents": self.documents, "matched_documents": self.matched,
               "hits": self.hits, "chars": self.chars}
        if self.per is not None:
            out["per"] = round(self.per, 4)
        return out


def group_key(info, by: str) -> tuple[str, str]:
    if by == "year":
        return ("" if info.year is None else str(info.year)), ("未知" if info.year is None else str(info.year))
    if by == "region":
        return info.label, info.label
    if by == "level":
        return info.level or "", info.level or "未知"
    return info.id, info.title or info.id


def count_rows(lib, scope_nums, per_doc: dict[int, dict[str, int]], by: str, per: int | None) -> list[CountRow]:
    if by not in BY:
        raise InvalidQuery(f"--by 只能是 {', '.join(BY)}")
    rows: dict[str, CountRow] = {}
    for num in scope_nums:
        info = lib.docs[num]
        hits = sum(per_doc.get(num, {}).values())
        if by == "document" and not hits:
            continue
        key, label = group_key(info, by)
        row = rows.setdefault(key, CountRow(key, label, 0, 0, 0, 0))
        row.documents += 1
        row.matched += 1 if hits else 0
        row.hits += hits
        row.chars += info.n_chars
    out = list(rows.values())
    for r in out:
        r.per = (r.hits * per / r.chars) if per and r.chars else (0.0 if per else None)
    if by == "year":
        out.sort(key=lambda r: r.key)
    elif by == "document":
        out.sort(key=lambda r: (-r.hits, r.key))
    else:
        out.sort(key=lambda r: (-r.hits, r.key))
    return out
