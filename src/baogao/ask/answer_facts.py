"""Numeric questions about targets and outcomes, answered from the extracted facts.

- a number: the fact for the question's indicator, region, year and kind (target/outcome),
  cited by the stating sentence with the figure highlighted;
- a list across regions (哪些省份2025年GDP增长目标高于5.5%？): one fact per report, filtered by
  the comparison, as a small table, every row cited;
- a comparison (吉林和青海2025年GDP增长目标哪个高？): the facts side by side.

Facts come from the facts service (stored, extracted at import) when it is installed, else they
are extracted from the documents in scope on the fly (cached per document revision).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.ask.model import ANSWERED, MODE_FACTS, Answer, Citation
from baogao.ask.question import COMPARISON, LIST, NUMBER, Question, indicator_types
from baogao.ask.retrieve import DocMeta
from baogao.services.library import NATIONAL_CODE
from baogao.store.schema import Document
from baogao.text.normalize import normalize

KIND_ZH = {"target": "目标", "outcome": "", "multi_year_target": "目标", "cumulative": "（累计/年均）"}
_MOD_OK = ("target", "outcome")


@lru_cache(maxsize=1)
def _catalog() -> tuple:
    """The facts catalog's indicators, () when the facts module cannot load it."""
    try:
        from baogao.facts.catalog import load_catalog

        return tuple(load_catalog())
    except Exception:
        return ()


def indicator_name(ind: str) -> str:
    return next((i.name for i in _catalog() if i.id == ind), ind)


@lru_cache(maxsize=1)
def measures_by_alias() -> dict[str, dict[str, str]]:
    """indicator id -> {normalized alias: measure} (城镇调查失业率 is surveyed, 登记失业率 registered)."""
    return {ind.id: dict(ind.measure_by_alias) for ind in _catalog() if ind.measure_by_alias}


@lru_cache(maxsize=1)
def indicator_units() -> dict[str, tuple[str, ...]]:
    """indicator id -> the units its figures are written in (gdp: 亿元, 万亿元)."""
    return {ind.id: tuple(ind.units) for ind in _catalog() if ind.units}


def asked_measure(q: Question) -> str | None:
    """The measure the question's indicator name says (调查失业率 -> surveyed), None if it says none."""
    if not q.indicator or not q.indicator_words:
        return None
    return measures_by_alias().get(q.indicator, {}).get(normalize(q.indicator_words[0]))


# -- where facts come from --------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _extract_cached(doc_id: str, sha: str, year: int | None, text: str, norm: str) -> tuple:
    from baogao.facts.extract import extract_facts

    return tuple(extract_facts(text, year, doc_id, norm=norm))


def facts_for(session: Session, doc_ids: list[str], indicator: str, periods: list[int] | None = None) -> list:
    """Facts of ``indicator`` in the given documents (objects with the extractor's fields); with
    ``periods``, the stored facts of those years only (the others are never acceptable)."""
    stored = _stored_facts(session, doc_ids, indicator, periods)
    if stored or (stored is not None and _facts_current(session)):
        return stored  # empty: the reports state no such figure (the facts are up to date)
    out = []  # no stored facts to trust (not extracted yet, or an older extractor): read the texts
    for i in range(0, len(doc_ids), 200):
        rows = session.execute(
            select(Document.id, Document.text_sha256, Document.year, Document.text, Document.norm_text)
            .where(Document.id.in_(doc_ids[i : i + 200]))
        )
        for doc_id, sha, year, text, norm in rows:
            out.extend(f for f in _extract_cached(doc_id, sha, year, text, norm) if f.indicator == indicator)
    return out


def _facts_current(session: Session) -> bool:
    """Whether the facts table was built by this extractor and catalog for every document."""
    from baogao.facts import derive
    from baogao.store.schema import IndexState

    state = session.get(IndexState, derive.NAME)
    return state is not None and state.version == derive.VERSION


def _stored_facts(session: Session, doc_ids: list[str], indicator: str, periods: list[int] | None = None):
    try:
        from baogao.services import facts as facts_svc  # type: ignore
    except Exception:
        return None
    finder = getattr(facts_svc, "facts_for_documents", None)
    if finder is None:
        return None
    try:
        return list(finder(session, doc_ids, indicator=indicator, periods=periods or None))
    except Exception:
        return None


# -- choosing the fact that answers ------------------------------------------------------------


def _wanted_kind(q: Question) -> str | None:
    if q.fact_kind in ("target", "outcome"):
        return q.fact_kind
    return None


def _growth_question(q: Question) -> bool:
    return bool(re.search(r"增长|增速|涨幅|提高|下降|降低", q.norm))


def _rank(q: Question, f, doc: DocMeta) -> tuple:
    """Smaller is better."""
    kind = _wanted_kind(q)
    kind_ok = 0 if (kind is None and f.kind in _MOD_OK) or f.kind == kind else 1
    year_ok = 0 if not q.years or f.period in q.years else 1
    if kind is None and q.years and f.period in q.years:
        kind_ok = 0 if f.kind in _MOD_OK else 1
    growth = _growth_question(q)
    unit = f.unit or ""
    if indicator_types().get(q.indicator or "", "") in ("growth",):
        unit_ok = 0 if (unit == "%" or unit == "" or f.value is None) == growth else 1
    else:
        unit_ok = 0
    if q.regions:
        region_ok = 0 if any(doc.region_code == r.code for r in q.regions) else 1
    else:  # no region named: the State Council's report
        region_ok = 0 if q.all_provinces or doc.region_code == "100000" else 1
    partial = 1 if "partial_year" in (f.flags or []) else 0
    # a question about a year's outcome reads best in the next year's review
    review_doc = 0 if (kind != "target" and q.years and doc.year in [y + 1 for y in q.years]) else 1
    return (year_ok, kind_ok, unit_ok, region_ok, partial, 0 if f.primary else 1, review_doc, f.start)


def _acceptable(q: Question, f) -> bool:
    if f.kind not in _MOD_OK and f.kind != "multi_year_target":
        return False
    if q.years and f.period not in q.years:
        return False
    kind = _wanted_kind(q)
    if kind and f.kind != kind and not (kind == "target" and f.kind == "multi_year_target" and "十" in q.norm):
        return False
    growth = _growth_question(q)
    if indicator_types().get(q.indicator or "", "") == "growth" and f.unit not in (None, "%") and growth:
        return False
    if f.value is None and f.low is None and f.high is None:
        return False
    measure = asked_measure(q)
    if measure and f.measure and f.measure != measure:
        return False  # 调查失业率 is not answered by 城镇登记失业率4.5%以内
    return True


_GENERIC = set("目标 预期 预期目标 增长 增速 增长率 涨幅 提出 安排 今年 全年 实现 完成 达到 多少 比例 规模 总量 数字 情况 分别 哪个 高 低 更高 省份 地区 全国".split())


def _covers_question(q: Question, f) -> bool:
    """The fact's sentence must contain the question's other words (海洋经济增长 is not 经济增长)."""
    from baogao.ask.words import load_words

    words = load_words()
    sentence = normalize(f.quote)
    if q.plan_period:  # “十五”期间 is not 十五五
        from baogao.ask.figures import plan_periods

        named = plan_periods(sentence)
        if named and q.plan_period not in named:
            return False
    ind_words = "".join(q.indicator_words)
    for kw in q.keywords:
        if kw in _GENERIC or words.factor(kw) < 1.0 or kw in ind_words or normalize(kw) in normalize(ind_words):
            continue
        if not any(a in sentence for a in words.alternatives(kw)):
            return False
    return True


def _figure(text: str, f) -> str:
    fig = text[f.num_start : f.num_end]
    if f.value is not None and f.value < 0 and not re.match(r"\s*[-−－负]", fig):
        return f"-{fig}"  # 居民消费价格下降0.1%: the value is −0.1%, not the 0.1% the words write
    return fig


def _around(text: str, s: int, e: int, lo: int, hi: int, left_stops: str, right_stops: str) -> str:
    """text[s:e] widened to the nearest stop on each side, within [lo, hi)."""
    a = s
    while a > lo and text[a - 1] not in left_stops:
        a -= 1
    b = e
    while b < hi and text[b] not in right_stops:
        b += 1
    return text[a:b].strip()


def _clause(text: str, s: int, e: int, lo: int, hi: int) -> str:
    """The clause (up to a comma; a colon ends it on the left) that holds the figure."""
    return _around(text, s, e, lo, hi, "，,。；;！？\n：:", "，,。；;！？\n")


def _sentence_around(text: str, s: int, e: int, lo: int, hi: int) -> str:
    """The sentence (up to 。or ；) that holds the figure: 实现地区生产总值67665亿元，增长5.5%，…"""
    return _around(text, s, e, lo, hi, "。；;！？!?\n", "。；;！？!?\n")


def _citation(doc: DocMeta, text: str, f) -> Citation:
    return Citation(doc.id, f.start, f.end, text[f.start : f.end], doc.title, doc.year, doc.region_name,
                    highlight=(f.num_start, f.num_end))


def _texts(session: Session, doc_ids: list[str]) -> dict[str, str]:
    out = {}
    for i in range(0, len(doc_ids), 200):
        out.update({k: v for k, v in session.execute(select(Document.id, Document.text).where(Document.id.in_(doc_ids[i : i + 200])))})
    return out


def _value_for_compare(f, op: str) -> float | None:
    if f.value is not None:
        return f.value
    if op in (">", ">="):
        return f.high if f.high is not None else f.low
    return f.low if f.low is not None else f.high


def _passes(v: float, op: str, thr: float) -> bool:
    return {">": v > thr, ">=": v >= thr, "<": v < thr, "<=": v <= thr, "=": abs(v - thr) < 1e-9}[op]


_OP_ZH = {">": "高于", ">=": "不低于", "<": "低于", "<=": "不高于", "=": "为"}
_MODIFIER_WORDS = {"左右": "around", "以上": "at_least", "以内": "at_most"}


_STATED_AS = re.compile(r"(?:定在|定为|设为|写成|表述为)\s*\d+(?:\.\d+)?%?\s*(?:左右|以上|以内)")


def _asked_unit(q: Question) -> str:
    """The unit the question writes after its threshold (都是28万人 -> 万人), "" if none."""
    if q.threshold is None:
        return ""
    m = re.search(rf"{re.escape(f'{q.threshold:g}')}\s*([万亿]*[人元吨斤亩户个]|[万亿]?千瓦时)", q.norm)
    return m.group(1) if m else ""


def _same_modifier(q: Question, f) -> bool:
    """定在5.5%左右: 5.5%以上 is another target; a range (5%—5.5%) is not 5.5% either."""
    if f.value is None:
        return False
    m = re.search(rf"{q.threshold:g}%?\s*(左右|以上|以内)", q.norm) if q.threshold is not None else None
    if not m or not f.modifier:
        return True
    return f.modifier == _MODIFIER_WORDS[m.group(1)]


def _label(q: Question, f) -> str:
    kind = KIND_ZH.get(f.kind, "")
    name = indicator_name(q.indicator or f.indicator)
    if _growth_question(q) and "增长" not in name and indicator_types().get(q.indicator or "") == "growth":
        name += "增长"
    return f"{f.period or ''}年{name}{kind}".lstrip("年")


def answer_from_facts(session: Session, q: Question, docs: list[DocMeta]) -> Answer | None:
    if not q.indicator:
        return None
    meta = {d.id: d for d in docs}
    facts = [f for f in facts_for(session, list(meta), q.indicator, list(q.years) or None) if f.doc_id in meta]
    facts = [f for f in facts if _acceptable(q, f) and (q.kind in (LIST, COMPARISON) or _covers_question(q, f))]
    if not q.regions and not q.all_provinces and not q.doc_id:
        # no region named: the State Council's figure, never a province's that happens to match
        facts = [f for f in facts if meta[f.doc_id].region_code == NATIONAL_CODE]
    facts, partial = _period_split(q, facts)
    if not facts:
        if partial and q.kind == NUMBER:
            return _only_partial(session, q, partial, meta)
        return None
    if q.kind == LIST or (q.kind == COMPARISON and len(q.regions) >= 2) or (q.all_provinces and not q.regions):
        return _by_region(session, q, facts, meta)
    if q.kind == COMPARISON and len(q.years) >= 2:
        return _by_year(session, q, facts, meta)
    if q.kind != NUMBER:
        return None
    if _wanted_kind(q) is None and q.years:
        # "2024年粮食产量是多少": the result, not the target; a target only stands in when no
        # report in scope can have reviewed that year yet
        outcomes = [f for f in facts if f.kind == "outcome"]
        reviewed = any(d.year is not None and d.year > max(q.years) for d in docs)
        if outcomes:
            facts = outcomes
        elif reviewed:
            return None
    best = min(facts, key=lambda f: _rank(q, f, meta[f.doc_id]))
    doc = meta[best.doc_id]
    text = _texts(session, [doc.id])[doc.id]
    fig = _figure(text, best)
    clause = _clause(text, best.num_start, best.num_end, best.start, best.end)
    where = doc.region_name or ""
    label = _label(q, best)
    period = _stated_period(best)
    if period and period != "部分时期" and label.startswith(f"{best.period}年"):
        label = label.replace("年", f"年{period}", 1)  # 2024年前三季度地区生产总值
    if len(q.parts) >= 2:
        # 是多少？比上年增长了多少？: the sentence that states the figure answers the other parts too
        clause = _sentence_around(text, best.num_start, best.num_end, best.start, best.end)
    answer = f"{where}{label}：{fig}（原文：{clause}）"
    note = None
    if "unit_missing" in (best.flags or []):
        note = "原文此处缺少单位（如 %），按原文照录"
    elif "partial_year" in (best.flags or []):
        note = "原文给出的是部分时期（如前三季度）的数字"
    return Answer(q.text, ANSWERED, answer, MODE_FACTS, citations=[_citation(doc, text, best)], kind=NUMBER,
                  note=note, check={"passed": True, "method": "facts", "fact": _fact_brief(best, fig)})


def _stated_period(f) -> str | None:
    """The partial period (前三季度, 1-11月) a fact's figure is stated for, read from its sentence."""
    from baogao.ask.periods import figure_period

    period = figure_period(normalize(f.quote or ""), max(0, f.num_start - f.start))
    if period is None and "partial_year" in (f.flags or []):
        return "部分时期"  # the extractor saw one the sentence reader does not name
    return period


def _period_split(q: Question, facts: list) -> tuple[list, list]:
    """(facts that answer the question's period, partial-year facts that do not). A question that
    names no partial period asks for the whole year: 前三季度实现地区生产总值2379.80亿元 does not
    answer it; one that names 前三季度 (or 1-11月) is answered only by a figure for that period."""
    from baogao.ask.periods import partial_periods

    asked = partial_periods(q.norm)
    keep, partial = [], []
    for f in facts:
        stated = _stated_period(f)
        if asked:
            if stated in asked:
                keep.append(f)
        elif stated is None:
            keep.append(f)
        else:
            partial.append(f)
    return keep, partial


def _only_partial(session: Session, q: Question, partial: list, meta: dict[str, DocMeta]) -> Answer:
    """A full-year question the reports answer only for part of the year: say so, cite the figure."""
    from baogao.ask.model import NOT_FOUND

    best = min(partial, key=lambda f: _rank(q, f, meta[f.doc_id]))
    doc = meta[best.doc_id]
    text = _texts(session, [doc.id])[doc.id]
    fig = _figure(text, best)
    period = _stated_period(best)
    label = _label(q, best)
    answer = (f"报告中没有{doc.region_name or ''}{label}的全年数字；原文只给出{period}的数字：{fig}"
              f"（原文：{_clause(text, best.num_start, best.num_end, best.start, best.end)}）")
    return Answer(q.text, NOT_FOUND, answer, MODE_FACTS, citations=[_citation(doc, text, best)], kind=NUMBER,
                  note="原文给出的是部分时期的数字，不是全年的",
                  check={"passed": True, "method": "facts", "partial_only": _fact_brief(best, fig)})


def _fact_brief(f, fig: str) -> dict:
    return {"doc_id": f.doc_id, "indicator": f.indicator, "kind": f.kind, "period": f.period, "value": f.value,
            "low": f.low, "high": f.high, "unit": f.unit, "modifier": f.modifier, "figure": fig,
            "span": [f.num_start, f.num_end], "flags": list(f.flags or [])}


def _one_per_doc(q: Question, facts: list, meta: dict[str, DocMeta]) -> dict[str, object]:
    best: dict[str, object] = {}
    for f in sorted(facts, key=lambda f: _rank(q, f, meta[f.doc_id])):
        best.setdefault(f.doc_id, f)
    return best


def _by_region(session: Session, q: Question, facts: list, meta: dict[str, DocMeta]) -> Answer | None:
    chosen = _one_per_doc(q, facts, meta)
    # one row per region: the report of the asked year first
    per_region: dict[str, object] = {}
    for doc_id, f in sorted(chosen.items(), key=lambda kv: _rank(q, kv[1], meta[kv[0]])):
        per_region.setdefault(meta[doc_id].region_code or doc_id, f)
    texts = _texts(session, [f.doc_id for f in per_region.values()])
    rows = []
    for code, f in per_region.items():
        doc = meta[f.doc_id]
        v = _value_for_compare(f, q.comparator or ">")
        if q.comparator and (v is None or not _passes(v, q.comparator, q.threshold or 0.0)):
            continue
        if (q.comparator == "=" or _STATED_AS.search(q.norm)) and not _same_modifier(q, f):
            continue  # 定在5%以内: a target written 5%左右 is not one written 5%以内
        rows.append((doc, f, v))
    rows.sort(key=lambda t: (-(t[2] if t[2] is not None else -1e18), t[0].region_code or ""))
    sample = next(iter(per_region.values()))
    label = _label(q, sample)
    table = []
    citations = []
    for doc, f, v in rows:
        fig = _figure(texts[doc.id], f)
        table.append({"region": doc.region_name, "region_code": doc.region_code, "year": doc.year, "doc_id": doc.id,
                      "figure": fig, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit,
                      "modifier": f.modifier, "kind": f.kind, "period": f.period, "span": [f.num_start, f.num_end],
                      "quote": texts[doc.id][f.start : f.end]})
        citations.append(_citation(doc, texts[doc.id], f))
    unit = "%" if sample.unit == "%" else _asked_unit(q)
    cond = f"{_OP_ZH[q.comparator]}{q.threshold:g}{unit}" if q.comparator else ""
    if q.comparator == "=":
        m = re.search(r"(左右|以上|以内)", q.norm)
        cond += m.group(1) if m else ""
    if q.superlative and rows and q.kind != COMPARISON:
        # 最高 / 最低: the region(s) at that end (ranges compare by their upper / lower bound)
        op = ">" if q.superlative == "max" else "<"
        value = {id(f): _value_for_compare(f, op) for _, f, _ in rows}
        known = [v for v in value.values() if v is not None]
        extreme = (max if q.superlative == "max" else min)(known) if known else None
        ends = [t for t, (_, f, _) in zip(table, rows) if extreme is not None and value[id(f)] == extreme]
        order = [t for t in table if t in ends] + [t for t in table if t not in ends]
        citations = [c for t in order for c in citations if c.doc_id == t["doc_id"]]
        table = order
        word = "最高" if q.superlative == "max" else "最低"
        answer = f"{label}{word}的是" + "、".join(f"{t['region']}（{t['figure']}）" for t in ends) + \
            f"（{len(rows)} 个有此数据的地区中）。"
    elif q.kind == COMPARISON and len(rows) >= 2:
        parts = "；".join(f"{t['region']}{t['figure']}" for t in table)
        top = table[0]["region"]
        answer = f"{label}：{parts}。{top}最高。"
    elif rows:
        parts = "、".join(f"{t['region']}（{t['figure']}）" for t in table)
        answer = f"{label}{cond}的地区共 {len(rows)} 个：{parts}。"
    else:
        answer = f"没有{label}{cond}的地区（在 {len(per_region)} 个有此数据的地区中）。"
    missing = [d.region_name for d in meta.values() if (d.region_code or d.id) not in per_region and d.level == "province"]
    missing = sorted(set(missing) - {t["region"] for t in table})
    note = f"以下地区的报告中未提取到该数字：{'、'.join(missing)}" if missing and q.all_provinces else None
    return Answer(q.text, ANSWERED, answer, MODE_FACTS, citations=citations, kind=q.kind if q.kind in (LIST, COMPARISON) else LIST,
                  table=table, note=note, check={"passed": True, "method": "facts", "regions_with_data": len(per_region)})


def _by_year(session: Session, q: Question, facts: list, meta: dict[str, DocMeta]) -> Answer | None:
    per_year: dict[int, object] = {}
    for f in sorted(facts, key=lambda f: _rank(q, f, meta[f.doc_id])):
        if f.period in q.years:
            per_year.setdefault(f.period, f)
    if len(per_year) < 2:
        return None
    texts = _texts(session, list({f.doc_id for f in per_year.values()}))
    table, citations = [], []
    for y in sorted(per_year):
        f = per_year[y]
        doc = meta[f.doc_id]
        fig = _figure(texts[doc.id], f)
        table.append({"year": y, "region": doc.region_name, "doc_id": doc.id, "figure": fig, "value": f.value,
                      "low": f.low, "high": f.high, "unit": f.unit, "kind": f.kind, "span": [f.num_start, f.num_end],
                      "quote": texts[doc.id][f.start : f.end]})
        citations.append(_citation(doc, texts[doc.id], f))
    name = indicator_name(q.indicator or "")
    answer = f"{name}{KIND_ZH.get(table[0]['kind'], '')}：" + "；".join(f"{t['year']}年{t['figure']}" for t in table) + "。"
    return Answer(q.text, ANSWERED, answer, MODE_FACTS, citations=citations, kind=COMPARISON, table=table,
                  check={"passed": True, "method": "facts"})
