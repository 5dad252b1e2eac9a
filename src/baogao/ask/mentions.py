"""Which regions' reports mention something: "2025年哪些省份的政府工作报告提到了具身智能？".

The answer is a list of regions, one row per region with the sentence that mentions the topic
(cited, the topic highlighted), not one passage. A topic is the question's content words (cue
words such as 目标 left out); a sentence mentions it when it contains every one of them, each
starting at a word boundary of the sentence (美丽乡村超1.2万个 does not mention 村超).
"""

from __future__ import annotations

import re

from baogao.ask.model import ANSWERED, MODE_EXTRACTIVE, Answer, Citation
from baogao.ask.question import LIST, Question
from baogao.ask.retrieve import Retrieval

MAX_ROWS = 60


def _word_starts(text: str) -> set[int]:
    import rjieba

    starts, pos = set(), 0
    for tok in rjieba.cut(text):
        i = text.find(tok, pos)
        if i < 0:
            continue
        starts.add(i)
        pos = i + len(tok)
    return starts


def _occurrence(norm: str, alts: list[str], starts: set[int]) -> tuple[int, int] | None:
    """The first occurrence of one of ``alts`` in ``norm`` that starts a word."""
    best = None
    for a in alts:
        if len(a) < 2:
            continue
        i = norm.find(a)
        while i >= 0:
            if i in starts:
                if best is None or i < best[0]:
                    best = (i, i + len(a))
                break
            i = norm.find(a, i + 1)
    return best


def topic_groups(q: Question, r: Retrieval) -> dict[str, list[str]]:
    from baogao.ask.words import load_words

    words = load_words()
    return {kw: alts for kw, alts in r.groups.items()
            if words.factor(kw) >= 1.0 and not re.fullmatch(r"(?:19|20)\d{2}年", kw)}


def answer_mentions(q: Question, r: Retrieval) -> Answer | None:
    """The regions whose reports in scope mention the question's topic; None when no topic."""
    from baogao.ask.extractive import citation, refusal
    from baogao.ask.sentences import sentences

    groups = topic_groups(q, r)
    if not groups:
        return None
    rows: dict[str, tuple] = {}  # region code -> (passage, start, end, highlight)
    ordered = sorted(r.passages, key=lambda p: (0 if (not q.years or p.year in q.years) else 1, -p.coverage))
    for p in ordered:
        key = p.region_code or p.doc_id
        if key in rows or not all(any(a in p.norm for a in alts) for alts in groups.values()):
            continue
        text, norm = r.texts[p.doc_id]
        for s, e in sentences(p):
            snorm = norm[s:e]
            if not all(any(a in snorm for a in alts) for alts in groups.values()):
                continue
            starts = _word_starts(snorm)
            found = [_occurrence(snorm, alts, starts) for alts in groups.values()]
            if all(found):
                first = min(found)
                rows[key] = (p, s, e, (s + first[0], s + first[1]))
                break
        if len(rows) >= MAX_ROWS:
            break
    topic = "".join(groups)
    if not rows:
        return refusal(q, r.passages)
    items = sorted(rows.values(), key=lambda t: t[0].region_code or "")
    citations: list[Citation] = []
    table = []
    for p, s, e, hl in items:
        c = citation(r, p.doc_id, s, e, hl)
        citations.append(c)
        table.append({"region": p.region_name, "region_code": p.region_code, "year": p.year, "doc_id": p.doc_id,
                      "span": [s, e], "quote": c.quote})
    shown = r.texts[items[0][0].doc_id][0][items[0][3][0] : items[0][3][1]] if len(groups) == 1 else topic
    names = "、".join(t["region"] or t["doc_id"] for t in table)
    answer = f"提到“{shown}”的地区共 {len(table)} 个：{names}。"
    return Answer(q.text, ANSWERED, answer, MODE_EXTRACTIVE, citations=citations, kind=LIST, table=table,
                  passages=[t[0] for t in items],
                  check={"method": "extractive: every row cites a sentence that contains the topic"})
