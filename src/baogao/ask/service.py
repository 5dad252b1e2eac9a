"""Answer a question about the reports: route it, retrieve, answer, check.

    ask(db_or_session, "黄浦区2025年地区生产总值增长目标是多少？", settings=settings) -> Answer

Routing:
- the scope names a region or year the library has no report for -> say exactly that;
- numbers about targets and outcomes (an indicator of the facts catalog) -> the extracted
  facts, with their spans; lists and comparisons across regions -> a small table;
- definitions -> the report's 名词解释 glossary, else a defining sentence;
- everything else -> passages (search + question ranking), then the offline extractive answer,
  or, when an LLM is configured, the model's answer if it passes the citation/number check.

Every citation's quote is re-read from the document and must equal text[start:end].
"""

from __future__ import annotations

import re
import time

from sqlalchemy.orm import Session

from baogao.ask import check as checks
from baogao.ask.definitions import answer_definition
from baogao.ask.extractive import answer_extractive, refusal
from baogao.ask.model import ANSWERED, MODE_EXTRACTIVE, MODE_LLM, NOT_FOUND, Answer, Citation, Passage
from baogao.ask.question import COMPARISON, DEFINITION, LIST, NUMBER, Question, parse_question
from baogao.ask.retrieve import Retrieval, retrieve, scope_documents
from baogao.config import Settings
from baogao.errors import InvalidQuery
from baogao.services.library import get_document
from baogao.text.normalize import normalize

MAX_QUESTION = 500
LLM_PASSAGES = 5
MENTION_PASSAGES = 250  # passages read for a "which regions mention X" list (x4 candidates)
LLM_MIN_COVERAGE = 0.45  # below this the passages cannot ground an answer: no model call
LLM_MIN_CITED_COVERAGE = 0.62  # the passages a model cites must contain the question's words (as offline)


def ask(
    db_or_session,
    question: str,
    *,
    doc_id: str | None = None,
    region: str | None = None,
    year: int | str | None = None,
    settings: Settings | None = None,
    context: str | None = None,
) -> Answer:
    """Answer ``question`` from the library. ``db_or_session`` is a Database or a Session."""
    if isinstance(db_or_session, Session):
        return _ask(db_or_session, question, doc_id, region, year, settings, context)
    with db_or_session.session() as session:
        return _ask(session, question, doc_id, region, year, settings, context)


def _ask(session: Session, question: str, doc_id, region, year, settings: Settings | None, context) -> Answer:
    started = time.perf_counter()
    question = (question or "").strip()
    if not question:
        raise InvalidQuery("问题为空")
    if len(question) > MAX_QUESTION:
        raise InvalidQuery(f"问题太长（最多 {MAX_QUESTION} 字）")
    if doc_id:
        get_document(session, doc_id)  # NotFound for an unknown id
    q = parse_question(session, question, doc_id=doc_id, region=region, year=year, context=context)
    parts = _compound_parts(q, settings)
    answers = [_route(session, _parse_part(session, q, p, doc_id, region, year, context), settings) for p in parts]
    # what each part points at: its sentence and, inside it, the figure or words that answer it
    points = {(c.doc_id, c.highlight or (c.start, c.end)) for a in answers if a.status == ANSWERED for c in a.citations[:1]}
    if len(points) >= 2:  # the parts have different answers: one answer each
        answer = _answer_parts(session, q, answers)
    else:  # one answer for every part (or none answers): the whole question reads it whole
        answer = _route(session, q, settings)
        whole = {(c.doc_id, c.highlight or (c.start, c.end)) for c in answer.citations[:1]}
        if points and (answer.status != ANSWERED or not whole <= points):
            # but some part is answered: say which is not (the whole question read whole found
            # a figure none of its parts did, which answers neither: 2025年的控制目标 is not 2026's)
            answer = _answer_parts(session, q, answers)
    answer.scope = q.scope_dict()
    verify_citations(session, answer)
    answer.seconds = time.perf_counter() - started
    return answer


def _parse_part(session: Session, q: Question, part: str, doc_id, region, year, context) -> Question:
    """A part of a compound question, read in the whole question's place when it names none
    (新疆…有多少座机场？铁路运营里程多少？: the second part is 新疆's too)."""
    pq = parse_question(session, part, doc_id=doc_id, region=region, year=year, context=context)
    if not pq.regions and not pq.all_provinces and not pq.scope_error and len(q.regions) == 1 and not doc_id and not region:
        pq = parse_question(session, part, region=q.regions[0].code, year=year, context=context)
    return pq


def _compound_parts(q: Question, settings: Settings | None) -> list[str]:
    """Offline, a question that asks two or more things is answered part by part (a model reads
    the whole question itself). Questions across regions stay whole: they are list questions."""
    from baogao.ask.compound import sub_questions

    if (settings is not None and settings.llm_enabled) or q.scope_error or q.mentions or q.all_provinces:
        return []
    return sub_questions(q.norm, split_terms=len(q.regions) < 2)


def _answer_parts(session: Session, q: Question, answers: list[Answer]) -> Answer:
    """One answer from the answers to the parts: their texts in order, every citation once."""
    found = [a for a in answers if a.status == ANSWERED]
    citations: list[Citation] = []
    seen: set[tuple] = set()
    for a in found:
        for c in a.citations:
            if (c.doc_id, c.start, c.end) not in seen:
                seen.add((c.doc_id, c.start, c.end))
                citations.append(c)
    modes = {a.mode for a in found}
    mode = modes.pop() if len(modes) == 1 else MODE_EXTRACTIVE
    # a part's refusal points at passages shown below it; in a combined answer they are not shown
    text = "；".join(dict.fromkeys(re.sub(r"（[^（）]*见下）$", "", a.answer.rstrip("。；")).rstrip("。")
                                  for a in answers))
    check = {"passed": all(a.check.get("passed", True) for a in found), "parts": [a.check for a in answers]}
    notes = [a.note for a in answers if a.note]
    unanswered = [p for a in answers if a.status != ANSWERED for p in a.passages]
    return Answer(q.text, ANSWERED, text, mode, citations=citations, check=check, kind=found[0].kind,
                  note="；".join(dict.fromkeys(notes)) or None, passages=unanswered)


def _route(session: Session, q: Question, settings: Settings | None) -> Answer:
    if q.scope_error:
        return refusal(q, [])
    docs = scope_documents(session, q)
    if not docs:
        where = "".join(r.name for r in q.regions) or ("各省" if q.all_provinces else "")
        years = "、".join(f"{y}年" for y in q.years)
        return Answer(q.text, NOT_FOUND, f"库中没有{where}{years}的报告", MODE_EXTRACTIVE, kind=q.kind)
    if q.report_year and q.missing_years and not q.doc_id:
        # "四川省2024年政府工作报告的…": the report named is not in the library; the next year's
        # report speaks of its own 今年, so only where it restates the missing one can it answer
        where = "".join(r.name for r in q.regions if r.level != "national")
        years = "、".join(f"{y}年" for y in q.missing_years)
        restated = _restated(session, q, docs)
        if restated is not None:
            restated.note = f"库中没有{where}{years}的政府工作报告；以下是次年报告对它的转述"
            return restated
        return Answer(q.text, NOT_FOUND, f"库中没有{where}{years}的政府工作报告", MODE_EXTRACTIVE, kind=q.kind)
    answer = _answer(session, q, docs, settings)
    if q.place:
        where = "、".join(r.name for r in q.regions)
        if answer.status != ANSWERED or not any(q.place[:2] in normalize(c.quote) for c in answer.citations):
            # (a model's answer counts only where what it cites names the place, as offline)
            return Answer(q.text, NOT_FOUND, f"库中没有“{q.place}”的报告（该地区不在文库中），{where}的报告中也未找到答案",
                          MODE_EXTRACTIVE, passages=answer.passages, kind=q.kind)
        answer.note = "；".join(x for x in (f"库中没有“{q.place}”的报告；以下出自{where}的报告", answer.note) if x)
        return answer
    if answer.status == NOT_FOUND and q.fact_kind == "target" and q.years and not q.report_year \
            and not q.doc_id and not q.missing_years and not (settings is not None and settings.llm_enabled):
        # a year's target its own report does not state may be restated by the next year's review
        # (一九八一年计划为百分之三点七，实际达到百分之四点六)
        reviewed = _next_review(session, q)
        if reviewed is not None:
            return reviewed
    if answer.status == NOT_FOUND and q.fact_kind != "target" and q.years and not q.report_year and not q.doc_id \
            and not q.missing_years:
        lacking = _next_report_missing(session, q)
        if lacking:
            answer.answer = f"{lacking}；" + answer.answer
    report_years = [q.report_of] if q.report_of else q.years
    if answer.status == NOT_FOUND and q.report_year and report_years:
        # "2020年政府工作报告…": the library may hold only the resolution on that year's report
        of_year = [d for d in docs if d.year in report_years]
        if of_year and all("决议" in (d.title or "") for d in of_year):
            where = "".join(r.name for r in q.regions if r.level != "national")
            years = "、".join(f"{y}年" for y in report_years)
            answer.answer = f"库中没有{where}{years}的政府工作报告（只有关于它的决议）；" + answer.answer
    return answer


_RESTATES_LAST_REPORT = re.compile(r"去年(?:的)?(?:政府工作)?报告(?:中)?(?:提出|确定|要求|说)")


def _restated(session: Session, q: Question, docs) -> Answer | None:
    """The answer from the next year's report where it restates the missing one (去年政府工作报告
    提出，物价涨幅要从14.8%降到10%左右): its review sentence that says so, else None."""
    import dataclasses

    wanted = {y + 1 for y in q.missing_years}
    regions = {r.code for r in q.regions}
    following = [d for d in docs if d.year in wanted and (not regions or d.region_code in regions)]
    if not following:
        return None
    about = dataclasses.replace(q, years=list(q.missing_years), missing_years=[], report_year=False)
    answer = answer_extractive(about, retrieve(session, about, docs=following))
    if answer.status != ANSWERED or not answer.citations:
        return None
    from baogao.text.normalize import normalize

    if not _RESTATES_LAST_REPORT.search(normalize(answer.citations[0].quote)):
        return None
    answer.question = q.text
    return answer


def _next_report_missing(session: Session, q: Question) -> str | None:
    """库中没有全国2020年的报告…: a year's results are told in the next year's report; when the
    library lacks it, say so (the year's own report only tells the year before)."""
    import dataclasses

    wanted = {y + 1 for y in q.years}
    following = scope_documents(session, dataclasses.replace(q, years=sorted(wanted), missing_years=[], fact_kind="target"))
    if any(d.year in wanted and "决议" not in (d.title or "") for d in following):
        return None  # (a resolution on a report does not review the year)
    where = "".join(r.name for r in q.regions) or ("全国" if not q.all_provinces else "各省")
    years = "、".join(f"{y}年" for y in sorted(wanted))
    asked = "、".join(f"{y}年" for y in q.years)
    return f"库中没有{where}{years}的政府工作报告（{asked}的结果在次年的报告里）"


def _next_review(session: Session, q: Question) -> Answer | None:
    """The target of a year read from the next year's report, where its review names it as a
    target (``answers`` asks a review sentence for 计划/目标/要求…), else None."""
    import dataclasses

    following = scope_documents(session, dataclasses.replace(q, years=[y + 1 for y in q.years], missing_years=[]))
    following = [d for d in following if d.year in {y + 1 for y in q.years}]
    if not following:
        return None
    answer = answer_extractive(q, retrieve(session, q, docs=following))
    if answer.status != ANSWERED or any(p.part == "plan" for p in answer.passages[:1]):
        return None  # (the next report's plan part sets its own year's targets)
    from baogao.ask.years import years_named
    from baogao.text.normalize import normalize

    said = normalize(answer.citations[0].quote) if answer.citations else ""
    if not (years_named(said) & set(q.years) or re.search(r"去年|上年|过去一年", said)):
        return None  # a sentence that does not say it is about the year asked is the next year's
    years = "、".join(f"{y}年" for y in q.years)
    answer.note = f"{years}的报告没有说这个目标；以下是次年报告回顾时的说法"
    return answer


def _answer(session: Session, q: Question, docs, settings: Settings | None) -> Answer:

    from baogao.ask.figures import RANK_ASKED, asks_difference

    if q.indicator and q.kind in (NUMBER, LIST, COMPARISON) and not q.missing_years and not RANK_ASKED.search(q.norm) \
            and not q.place and not asks_difference(q):  # (the facts are the region's own levels)
        from baogao.ask.answer_facts import answer_from_facts

        facts_answer = answer_from_facts(session, q, docs)
        if facts_answer is not None:
            return facts_answer

    if q.mentions:  # every region whose report mentions it, not the best passage
        from baogao.ask.mentions import answer_mentions

        listed = answer_mentions(q, retrieve(session, q, docs=docs, limit=MENTION_PASSAGES))
        if listed is not None:
            return listed
    r = retrieve(session, q, docs=docs)
    if q.kind != DEFINITION and not q.years and not q.indicator and len(q.norm) <= 24:
        # a bare term (the reader's 问答 on a selected word): its glossary entry if it has one
        bare = q.norm.strip(" ？?。！!：:")
        if bare and not re.search(r"多少|几|哪|什么|怎么|如何|吗", bare):
            q.term = bare
            found = answer_definition(session, q, docs, r, exact_only=True)
            if found is not None:
                return found
            q.term = None
    if q.kind == DEFINITION:
        found = answer_definition(session, q, docs, r)
        if found is not None:
            return found
        if not q.location and not q.soft_definition and r.passages:
            # a sentence that only mentions the term does not say what it is: say so, show them
            return refusal(q, r.passages, "报告提到了它，但没有解释它的含义；提到它的段落见下")
    offline = answer_extractive(q, r)
    if settings is not None and settings.llm_enabled:
        return _llm_answer(q, r, offline, settings)
    return offline


def _llm_answer(q: Question, r: Retrieval, offline: Answer, settings: Settings) -> Answer:
    from baogao.ask.llm import LLMError, build_messages, complete

    passages = _llm_passages(r)
    if q.missing_years:  # the library has no report for the year asked about: nothing to ask
        return offline
    if not passages or passages[0].coverage < LLM_MIN_COVERAGE:
        offline.check = dict(offline.check, llm="skipped: no passage close enough to the question")
        return offline
    labels = [f"{p.region_name or ''}{p.year or ''}年 {p.title or ''}".strip() for p in passages]
    try:
        completion = complete(settings, build_messages(q.text if not q.context else f"{q.text}\n（选中的原文：{q.context}）",
                                                       [p.text for p in passages], labels))
    except LLMError as exc:
        offline.note = f"大模型不可用（{exc}），以下为离线答案"
        offline.check = dict(offline.check, llm={"error": str(exc)})
        return offline
    text = completion.text
    if _says_not_found(text) and not checks.citation_markers(text):
        if offline.status == ANSWERED:  # the quoted sentence stands; say the model did not see it
            offline.note = "大模型认为所给段落中没有答案；以下为原文摘录"
            offline.check = dict(offline.check, llm={"declined": True})
            return offline
        ans = refusal(q, r.passages)
        ans.mode = MODE_LLM
        ans.check = {"passed": True, "llm": {"declined": True}}
        return ans
    result = checks.check_answer(text, [p.text for p in passages], q.text)
    cited = [passages[n - 1] for n in result["markers"] if 1 <= n <= len(passages)]
    if cited:
        from baogao.ask.sentences import sentence_coverage

        coverage, _ = sentence_coverage(" ".join(p.norm + " " + (p.term or "") for p in cited), r)
        result["cited_coverage"] = round(coverage, 3)
        if coverage < LLM_MIN_CITED_COVERAGE:
            result["problems"].append("off_topic_citation")
            result["passed"] = False
    if q.kind == NUMBER and q.measure and not _states_measure(text, q.measure):
        result["problems"].append("measure_mismatch")  # 多少公里 is not answered by 120万吨
        result["passed"] = False
    if not result["passed"]:
        offline.note = "大模型的回答未通过核查（" + "、".join(_PROBLEM_ZH.get(p, p) for p in result["problems"]) + "），已改用原文摘录"
        offline.check = dict(offline.check, passed=offline.status == ANSWERED, llm=result, replaced_by="extractive")
        return offline
    citations = []
    for n in result["markers"]:
        p = passages[n - 1]
        citations.append(Citation(p.doc_id, p.start, p.end, p.text, p.title, p.year, p.region_name, marker=n))
    return Answer(q.text, ANSWERED, text, MODE_LLM, citations=citations, check=result, kind=q.kind,
                  passages=passages)


_PROBLEM_ZH = {"no_citation": "没有引用", "bogus_citation": "引用了不存在的段落", "unsupported_number": "数字在所引段落中找不到",
               "off_topic_citation": "所引段落与问题无关", "measure_mismatch": "没有问题所问单位的数字"}


def _states_measure(text: str, measure: str) -> bool:
    """Does an answer to 多少X give a figure in X (100台, 1.2万公里)? 多少个 takes any figure."""
    from baogao.ask.numbers import find_numbers
    from baogao.text.normalize import normalize

    norm = normalize(text)
    nums = find_numbers(norm)
    if measure == "个":
        return bool(nums)
    from baogao.ask.question import measure_in

    return any(measure_in(measure, norm[n.start : n.end + 5]) for n in nums)


def _says_not_found(text: str) -> bool:
    return any(w in text for w in ("未提及", "没有提及", "没有相关", "无法回答", "未找到"))


def _llm_passages(r: Retrieval) -> list[Passage]:
    out: list[Passage] = []
    for p in r.passages:
        if any(o.doc_id == p.doc_id and o.start < p.end and p.start < o.end for o in out):
            continue
        out.append(p)
        if len(out) >= LLM_PASSAGES:
            break
    return out


def verify_citations(session: Session, answer: Answer) -> None:
    """Every citation's quote must be the document's text at its span; record it in ``check``."""
    from baogao.store.schema import Document

    ok = True
    cache: dict[str, str] = {}
    for c in answer.citations:
        if c.doc_id not in cache:
            doc = session.get(Document, c.doc_id)
            cache[c.doc_id] = doc.text if doc is not None else ""
        text = cache[c.doc_id]
        if not (0 <= c.start <= c.end <= len(text)) or text[c.start : c.end] != c.quote:
            ok = False
            c.quote = text[c.start : c.end] if 0 <= c.start <= c.end <= len(text) else ""
    answer.check = dict(answer.check)
    answer.check["quotes_match_text"] = ok
    if "passed" not in answer.check:
        answer.check["passed"] = ok
    if answer.mode != MODE_LLM and "method" not in answer.check:
        answer.check["method"] = "facts" if answer.mode == "facts" else "extractive: every quote is a span of the text"
