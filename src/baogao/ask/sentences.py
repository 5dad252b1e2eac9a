"""The sentences and clauses of a retrieved passage, and how much of the question each covers
(by keyword weight, a merged phrase's pieces getting part credit)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from baogao.ask.model import Passage
from baogao.ask.numbers import find_numbers
from baogao.ask.retrieve import Retrieval


SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE = re.compile(r"[^，,。；;！？!?\n]+")


@dataclass
class Sentence:
    passage: Passage
    start: int  # document offsets
    end: int
    norm: str
    text: str
    coverage: float
    score: float
    highlight: tuple[int, int] | None = None


def sentences(p: Passage) -> list[tuple[int, int]]:
    out = []
    for m in SENTENCE.finditer(p.norm):
        s, e = m.start(), m.end()
        while s < e and p.norm[s] in " \t　":
            s += 1
        if e - s >= 4:
            out.append((p.start + s, p.start + e))
    return out


def sentence_coverage(norm: str, r: Retrieval) -> tuple[float, dict[str, int]]:
    total = sum(r.weights.values()) or 1.0
    hit = {kw: sum(norm.count(a) for a in alts) for kw, alts in r.groups.items()}
    hit = {k: v for k, v in hit.items() if v}
    partial = sum(r.weights[k] * r.partial(k, norm) for k in r.parts if k not in hit)
    return (sum(r.weights[k] for k in hit) + partial) / total, hit


def clause_span(text_norm: str, s: int, e: int) -> tuple[int, int]:
    """The clause (between commas) around s..e, within the sentence."""
    start = s
    while start > 0 and text_norm[start - 1] not in "，,。；;！？!?\n":
        start -= 1
    end = e
    while end < len(text_norm) and text_norm[end] not in "，,。；;！？!?\n":
        end += 1
    return start, end


_FULL_STOP = "。！？!?\n"


def list_lead(norm: str, start: int, floor: int = 0) -> str:
    """The lead of the colon list a sentence is an item of (…以下的动人的数字：电力…；原煤…；鋼二百十七萬噸…):
    the words before the colon, from the full stop before it; "" for a sentence that is no list item.
    The items after the first are split off at ；, but they say what the lead says of each."""
    i = start
    while i > floor and norm[i - 1] not in _FULL_STOP:
        i -= 1
    colon = max(norm.rfind("：", i, start), norm.rfind(":", i, start))
    if colon >= 0:
        return norm[i : colon + 1]
    if i < start and norm[start - 1 : start] in ("；", ";"):
        # …“七五”计划草案规定，全国工农业总产值平均每年增长百分之六点七，…；国民生产总值平均每年
        # 增长百分之七点五: a later ；-item shares the framing clauses before the first item's figure
        figures = find_numbers(norm[i:start])
        if not figures:
            return ""
        upto = i + figures[0].start
        cut = max(norm.rfind("，", i, upto), norm.rfind(",", i, upto))
        return norm[i : cut + 1] if cut > i else ""
    return ""
