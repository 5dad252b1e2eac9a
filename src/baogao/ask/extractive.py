"""Offline answers: the sentence(s) of the reports that answer the question, with the answer
span highlighted, cited by Span. No model, nothing to configure.

    rank_sentences   every sentence of the best passages, scored by how much of the question it
                     covers (``sentences``), the figure that would answer (``figures``) and what
                     the question's kind and scope say of it (a target in a plan, a result in a
                     review, the year, the five-year plan)
    answer_extractive the best sentence that ``enough.answers`` the question, its figure highlighted

When no sentence answers, the answer is an honest refusal ("报告中未提及…") with the closest
passages. Definitions are in ``definitions``.
"""

from __future__ import annotations

import re

from baogao.ask.enough import MIN_SENTENCE_COVERAGE, TARGET_CUES, answers
from baogao.ask.figures import (
    ORDINAL, RANK_ASKED, YEAR_WORD, asks_change, asks_percent, asks_rate, is_change, is_percent,
    number_highlight, own_words, plan_periods, subject_start,
)
from baogao.ask.model import ANSWERED, Answer, Citation, MODE_EXTRACTIVE, NOT_FOUND, Passage
from baogao.ask.question import NUMBER, Question, SUMMARY, measure_in
from baogao.ask.retrieve import DocMeta, Retrieval
from baogao.ask.sentences import Sentence, clause_span, list_lead, sentence_coverage, sentences
from baogao.ask.split_names import output_name, paragraph_headline, sector_names, split_name
from baogao.ask.years import span_cue, year_cue, years_named
from baogao.services.library import NATIONAL_CODE
from baogao.text.normalize import normalize


NATIONAL_TOLERANCE = 0.3  # no region named: a national sentence this close to the best one wins


def _heading_period(q: Question, p: Passage) -> str:
    """The five-year plan the question asks about, when the passage's section is about it: a
    review under “十四五”时期和2025年工作回顾 need not repeat 十四五 in every sentence."""
    if q.plan_period and p.section and q.plan_period in plan_periods(normalize(p.section)):
        return " " + q.plan_period
    return ""


_FRAME = re.compile(r"[^。！？!?\n]{2,60}以来")


_HEADING_LINE = re.compile(r"\n([^\n。，,；;！？!?：:]{4,20})\n")


def _section_frame(p: Passage, norm: str) -> str:
    """The title of a short section, or the short heading line a few lines above a list of items,
    says what its items are (2025年省十件民生实事 \n 一、… \n 三、…建设122个“就业驿站”)."""
    if p.section and len(p.section) <= 16:
        return " " + normalize(p.section)
    window = norm[max(0, p.start - 1500) : p.start + 1]
    found = list(_HEADING_LINE.finditer(window))
    return " " + found[-1].group(1) if found and window.count("\n", found[-1].end()) <= 12 else ""


def _doc_frame(norm: str) -> str:
    """The period a whole document is about when its first sentence opens with it (黄浦区第二次
    党代会以来，…): every sentence of it is in that period, though none repeats it."""
    m = _FRAME.match(norm.lstrip())
    return " " + m.group(0) if m else ""


def rank_sentences(q: Question, r: Retrieval, top_passages: int = 12) -> list[Sentence]:
    out: list[Sentence] = []
    keys = list(r.groups)  # 碳酸锂|产量: an output asked as product and head (生产…碳酸锂13.5万吨)
    outputs = [(product, head) for product, head in zip(keys, keys[1:]) if head in ("产量", "总产量")]
    for p in r.passages[:top_passages]:
        text, norm = r.texts[p.doc_id]
        frame = _doc_frame(norm) + _section_frame(p, norm)  # what every sentence of the passage is in
        for s, e in sentences(p):
            snorm = norm[s:e]
            lead = list_lead(norm, s, max(0, s - 400))  # (the lead may be before the passage's window)
            headline = paragraph_headline(norm, s)
            split = [alt for alts in r.groups.values()
                     if (alt := split_name(alts, snorm, headline) or output_name(alts, snorm))]
            split += [name for names in sector_names(snorm) for name in names]  # 一、二、三产 = 第二产业…
            split += [head for product, head in outputs if output_name([product + head], snorm)]
            cov, hit = sentence_coverage(snorm + " " + lead + " " + (p.term or "") + _heading_period(q, p)
                                          + frame + " ".join(["", *split]), r)
            if not hit and cov <= 0:  # neither a word nor a piece of an absent compound
                continue
            score = cov * 0.75 + p.coverage * 0.25 + (p.score - p.coverage) * 0.5
            hl = None
            if q.kind == NUMBER:
                hl = number_highlight(q, snorm, s, r)
                if hl is None:
                    score -= 0.3
                elif q.measure and not measure_in(q.measure, norm[hl[0] : hl[1]]):
                    # 多少斤 is not answered by 万亩; 多少个 may be by 6家
                    score -= 0.05 if q.measure == "个" else 0.2
                elif not q.indicator and not asks_rate(q) and is_percent(norm[hl[0] : hl[1]]):
                    score -= 0.1  # an amount is asked for; this sentence's best figure is a share
                elif asks_percent(q) and not is_percent(norm[hl[0] : hl[1]]):
                    score -= 0.3  # a percentage is asked for; this sentence's best figure is an amount
                if RANK_ASKED.search(q.norm) and hl is not None and not ORDINAL.match(norm, hl[0]):
                    score -= 0.3  # a rank is asked for; this sentence states none
                if hl is not None and not asks_change(q) and is_change(norm, hl[0]):
                    score -= 0.15  # a level is asked for (达到多少); this sentence gives a change
                if hl is not None and q.years and years_named(own_words(norm, hl[0])) & set(q.years):
                    score += 0.03  # 1956年的工业总产值达到了…: the figure's own words name the year asked
            score += _kind_cue(q, snorm, p.part) + _scope_cue(q, p, snorm, lead)
            if q.kind != NUMBER and q.fact_kind == "outcome" and p.part == "plan":
                score -= 0.05  # what came about (实现…靠的是) is told by a review, not a plan's 争取…
            out.append(Sentence(p, s, e, snorm, text[s:e], cov, score, hl))
    out.sort(key=lambda x: -x.score)
    return out


_OUTCOME_CUES = re.compile(r"实现|完成|达到|前三季度|全年|1-\d+月|同比增长|比上年|增长了|累计")


def _kind_cue(q: Question, snorm: str, part: str | None = None) -> float:
    """Targets are stated with 目标/建议/左右 in the plan part of a report, results with
    实现/完成/全年 in its review part."""
    if q.fact_kind is None or q.kind != NUMBER:
        return 0.0
    t, o = bool(TARGET_CUES.search(snorm)), bool(_OUTCOME_CUES.search(snorm))
    if q.fact_kind == "target":
        return (0.12 if t else 0.0) - (0.08 if o and not t else 0.0) - (0.25 if part == "review" and not t else 0.0)
    # a result is stated in the review: a plan sentence (…吞吐量达到4500万标箱) sets a target even with 达到
    return (0.08 if o else 0.0) - (0.08 if t and not o else 0.0) - (0.1 if part == "plan" and not o else 0.2 if part == "plan" else 0.0)


_TIME_QUESTION = re.compile(r"哪年|哪一年|何时|什么时候|何年|哪个时候")


def _scope_cue(q: Question, p: Passage, snorm: str, lead: str = "") -> float:
    """What the question's scope says about a sentence beyond its words: the five-year plan it
    is about (十四五 is not 十五五), a region's own report before its districts' (上海 is 上海市
    first), a year in the answer to 哪年/何时."""
    score = 0.0
    if q.plan_period:
        named = plan_periods(snorm) or plan_periods(lead)  # the list's lead names it for its items
        if named and q.plan_period not in named:
            score -= 0.3
    if q.regions and p.region_code and not any(p.region_code == r.code for r in q.regions):
        score -= 0.1  # a district's report when the question names its province
    if _TIME_QUESTION.search(q.norm) and YEAR_WORD.search(snorm):
        score += 0.15
    elif q.kind == NUMBER:
        score += year_cue(q.years, q.norm, q.fact_kind == "target", p.year, p.part, snorm)
        score += span_cue(q.years, q.fact_kind == "target", snorm)
    return score


def citation(r: Retrieval, doc_id: str, start: int, end: int, highlight: tuple[int, int] | None = None) -> Citation:
    text = r.texts[doc_id][0]
    d: DocMeta | None = r.docs.get(doc_id)
    return Citation(doc_id, start, end, text[start:end], d.title if d else None, d.year if d else None,
                    d.region_name if d else None, highlight=highlight)


def refusal(q: Question, passages: list[Passage], reason: str | None = None) -> Answer:
    subject = q.term or "".join(q.keywords[:4]) or q.text
    if q.scope_error:
        text = q.scope_error
    elif q.missing_years:
        years = "、".join(f"{y}年" for y in q.missing_years)
        where = "".join(r.name for r in q.regions)
        text = f"库中没有{where}{years}的报告，报告中未提及“{subject}”。"
    else:
        text = f"报告中未提及“{subject}”。" + (f"（{reason}）" if reason else "")
    return Answer(q.text, NOT_FOUND, text, MODE_EXTRACTIVE, passages=passages[:5], kind=q.kind)


def answer_extractive(q: Question, r: Retrieval) -> Answer:
    ranked = rank_sentences(q, r)
    if not ranked:
        return refusal(q, r.passages)
    best = ranked[0]
    if not answers(q, best, r):
        # a close second that is enough (e.g. the best sentence lacks the number)
        best = next((s for s in ranked[1:6] if answers(q, s, r)), best)
    if not answers(q, best, r):
        return refusal(q, r.passages, "最接近的段落见下")
    if not q.regions and not q.all_provinces and not q.doc_id and best.passage.region_code != NATIONAL_CODE:
        # no region named: the State Council's report, unless another answers clearly better
        national = next((s for s in ranked[:40] if s.passage.region_code == NATIONAL_CODE and answers(q, s, r)), None)
        if national is not None and national.coverage >= best.coverage - NATIONAL_TOLERANCE:
            best = national
    if q.kind == SUMMARY:
        return _summary(q, r, best)
    chosen = [best]
    citations = []
    parts = []
    for s in chosen:
        citations.append(citation(r, s.passage.doc_id, s.start, s.end, s.highlight))
        parts.append(s.text.strip())
    if q.kind == NUMBER and best.highlight and len(q.parts) >= 2:
        # 提出把物价涨幅降到多少？实际结果如何？: one clause answers one part; the sentence, all
        text, _ = r.texts[best.passage.doc_id]
        hs, he = best.highlight
        answer = f"{text[best.start:best.end].strip()}（{text[hs:he]}）"
    elif q.kind == NUMBER and best.highlight:
        text, norm = r.texts[best.passage.doc_id]
        hs, he = best.highlight
        cs, ce = clause_span(norm, hs, he)
        cs = max(subject_start(norm, cs), best.start)  # 1955年本年收入增长…，即增长3.68%
        answer = f"{text[cs:ce].strip()}（{text[hs:he]}）"
    else:
        answer = "".join(parts) if q.kind == SUMMARY else parts[0]
    return Answer(q.text, ANSWERED, answer, MODE_EXTRACTIVE, citations=citations, kind=q.kind,
                  passages=[s.passage for s in chosen])


def _summary(q: Question, r: Retrieval, best: Sentence) -> Answer:
    """What the reports say about a topic: the best sentence, then the best sentences of the other
    paragraphs most about it, each cited (at most three, one per paragraph)."""
    ranked = rank_sentences(q, r)
    chosen: list[Sentence] = []
    for s in [best] + ranked:
        if len(chosen) >= 3:
            break
        if s.coverage < MIN_SENTENCE_COVERAGE and s is not best:
            continue
        if any(c.passage is s.passage for c in chosen):
            continue
        chosen.append(s)
    citations = [citation(r, s.passage.doc_id, s.start, s.end, s.highlight) for s in chosen]
    parts = [s.text.strip() for s in chosen]
    return Answer(q.text, ANSWERED, "\n".join(parts), MODE_EXTRACTIVE, citations=citations, kind=SUMMARY,
                  passages=[s.passage for s in chosen])
