"""Targets and outcomes as data: the facts table, target-vs-outcome pairs, chart series, exports.

One object per view (a list of row dicts): the CLI prints it, the API returns it as JSON, the
web page renders it, the exporters write it. Every row carries the document id, the span of the
stating sentence, the span of the number and a reader link ``/d/<doc-id>#s=<start>-<end>``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery
from baogao.facts.catalog import load_catalog
from baogao.facts.extract import KINDS, NO_TARGET, OUTCOME, TARGET, Fact
from baogao.facts.pairing import NO_TARGET as STATUS_NO_TARGET
from baogao.facts.pairing import UNKNOWN, judge
from baogao.facts.schema import FactRow
from baogao.services.library import DocFilter, apply_filter, parse_years
from baogao.store.schema import Document

REPORT_KIND = "政府工作报告"


@dataclass
class FactFilter:
    indicator: str | None = None
    kind: str | None = None
    region: str | None = None
    level: str | None = None
    year: str | int | None = None  # the period the figure is for: 2025 or 2020..2025
    doc_id: str | None = None
    measure: str | None = None
    primary: bool = False  # only the first/headline statement per report, indicator, kind, period


def _check(flt: FactFilter) -> None:
    catalog = load_catalog()
    if flt.indicator and flt.indicator not in catalog:
        raise InvalidQuery(f"未知指标: {flt.indicator}（可用: {', '.join(catalog.ids())}）")
    if flt.kind and flt.kind not in KINDS:
        raise InvalidQuery(f"未知类型: {flt.kind}（可用: {', '.join(KINDS)}）")


def _link(doc_id: str, start: int, end: int) -> str:
    return f"/d/{doc_id}#s={start}-{end}"


def fact_dict(row: FactRow, doc: Document) -> dict:
    """The fact as the CLI/API contract pins it (plus document context)."""
    catalog = load_catalog()
    ind = catalog.indicators.get(row.indicator)
    return {
        "doc_id": row.document_id,
        "doc_title": doc.title,
        "region_code": doc.region_code,
        "region_name": doc.region_name,
        "level": doc.region_level,
        "report_year": doc.year,
        "indicator": row.indicator,
        "indicator_name": ind.name if ind else row.indicator,
        "kind": row.kind,
        "period": row.period,
        "period_start": row.period_start,
        "value": row.value,
        "low": row.low,
        "high": row.high,
        "unit": row.unit,
        "modifier": row.modifier,
        "basis": row.basis,
        "measure": row.measure,
        "qualifiers": list(row.qualifiers or []),
        "flags": list(row.flags or []),
        "primary": bool(row.is_primary),
        "span": [row.start, row.end],
        "number_span": [row.num_start, row.num_end],
        "quote": row.quote,
        "link": _link(row.document_id, row.start, row.end),
        "extractor_version": row.extractor_version,
    }


_NATIONAL_WORDS = ("全国", "中国", "国家", "national", "china", "100000")


def _query(session: Session, flt: FactFilter, *, report_only: bool = False):
    stmt = select(FactRow, Document).join(Document, Document.id == FactRow.document_id)
    level = flt.level
    if flt.region and flt.region.strip().lower() in _NATIONAL_WORDS and not level:
        level = "national"  # 全国 means the national reports here, not every region below
    stmt = apply_filter(session, stmt, DocFilter(region=flt.region, level=level, doc_id=flt.doc_id))
    if flt.indicator:
        stmt = stmt.where(FactRow.indicator == flt.indicator)
    if flt.kind:
        stmt = stmt.where(FactRow.kind == flt.kind)
    if flt.measure:
        stmt = stmt.where(FactRow.measure == flt.measure)
    if flt.primary:
        stmt = stmt.where(FactRow.is_primary.is_(True))
    lo, hi = parse_years(flt.year)
    if lo is not None:
        stmt = stmt.where(FactRow.period >= lo)
    if hi is not None:
        stmt = stmt.where(FactRow.period <= hi)
    if report_only:
        stmt = stmt.where(Document.kind == REPORT_KIND)
    return stmt.order_by(Document.region_code, Document.year, Document.id, FactRow.ordinal)


def list_facts(session: Session, flt: FactFilter, limit: int | None = None) -> list[dict]:
    _check(flt)
    stmt = _query(session, flt)
    if limit is not None:
        stmt = stmt.limit(limit)
    return [fact_dict(row, doc) for row, doc in session.execute(stmt)]


_FACT_FIELDS = ("indicator", "kind", "period", "period_start", "value", "low", "high", "unit", "modifier", "start",
                "end", "num_start", "num_end", "quote", "basis", "measure", "qualifiers", "flags", "is_primary",
                "document_id", "extractor_version")


def facts_for_documents(session: Session, doc_ids: list[str], indicator: str | None = None,
                        periods: list[int] | None = None) -> list[Fact]:
    """Stored facts of some documents as extractor ``Fact`` objects (used by question answering),
    optionally only those of an indicator and of some periods (years).

    Columns, not ORM rows: a question about every province reads thousands of facts."""
    out: list[Fact] = []
    cols = [getattr(FactRow, name) for name in _FACT_FIELDS]
    if indicator and periods and len(doc_ids) > 500:
        # many documents, few years: one pass over the indicator's facts of those years (the
        # indicator/kind/period index), kept when in scope
        wanted = set(doc_ids)
        stmts = [select(*cols).where(FactRow.indicator == indicator, FactRow.period.in_(periods))]
    else:
        wanted = None
        stmts = [select(*cols).where(FactRow.document_id.in_(doc_ids[i:i + 500])) for i in range(0, len(doc_ids), 500)]
        if indicator:
            stmts = [st.where(FactRow.indicator == indicator) for st in stmts]
        if periods:
            stmts = [st.where(FactRow.period.in_(periods)) for st in stmts]
    for stmt in stmts:
        for r in session.execute(stmt.order_by(FactRow.document_id, FactRow.ordinal)):
            if wanted is not None and r.document_id not in wanted:
                continue
            d = dict(zip(_FACT_FIELDS, r))
            d["qualifiers"] = list(d["qualifiers"] or [])
            d["flags"] = list(d["flags"] or [])
            d["primary"] = bool(d.pop("is_primary"))
            d["doc_id"] = d.pop("document_id")
            out.append(Fact(**d))
    return out


# ---------------------------------------------------------------------------------------------
# Target vs outcome

OUTCOME_COLUMNS = [
    "region_code", "region_name", "level", "indicator", "measure", "year",
    "target_value", "target_low", "target_high", "target_unit", "target_modifier", "target_qualifiers",
    "target_doc_id", "target_span", "target_quote", "target_link",
    "outcome_value", "outcome_unit", "outcome_modifier", "outcome_qualifiers",
    "outcome_doc_id", "outcome_span", "outcome_quote", "outcome_link",
    "status", "difference",
]


def _default_measure(indicator: str) -> str | None:
    ind = load_catalog().indicators.get(indicator)
    if ind and ind.measures:
        return "growth" if ind.type == "growth" else ind.measures[0]
    return None


def _side(f: dict | None, prefix: str) -> dict:
    if f is None:
        return {f"{prefix}_{k}": None for k in ("value", "low", "high", "unit", "modifier", "qualifiers", "doc_id",
                                                 "span", "quote", "link")}
    out = {f"{prefix}_{k}": f[k] for k in ("value", "unit", "modifier", "qualifiers", "quote", "link", "span")}
    out[f"{prefix}_doc_id"] = f["doc_id"]
    if prefix == "target":
        out["target_low"], out["target_high"] = f["low"], f["high"]
    return out


def outcomes(session: Session, flt: FactFilter) -> list[dict]:
    """One row per region, measure and year: the year's target (from that year's report), the
    year's outcome (from the next year's report, else any later one) and the status.

    ``flt.year`` selects the target year; ``flt.kind`` is ignored."""
    if not flt.indicator:
        raise InvalidQuery("outcomes 需要指定指标 --indicator（例如 gdp_growth）")
    _check(FactFilter(indicator=flt.indicator))
    catalog = load_catalog()
    ind = catalog[flt.indicator]
    measure = flt.measure or _default_measure(flt.indicator)
    base = FactFilter(indicator=flt.indicator, region=flt.region, level=flt.level, year=flt.year,
                      doc_id=flt.doc_id, measure=measure)
    targets: dict[tuple, dict] = {}
    absent: dict[tuple, dict] = {}
    outs: dict[tuple, tuple[int, dict]] = {}
    for kind in (TARGET, NO_TARGET, OUTCOME):
        q = FactFilter(**{**base.__dict__, "kind": kind, "primary": kind != NO_TARGET})
        if kind == OUTCOME:
            q.doc_id = None  # the outcome sits in the next report
        for row, doc in session.execute(_query(session, q, report_only=True)):
            f = fact_dict(row, doc)
            if kind == OUTCOME and "partial_year" in f["flags"]:
                continue
            key = (doc.region_code, f["measure"], f["period"])
            if kind == TARGET:
                if doc.year == f["period"] and key not in targets:
                    targets[key] = f
            elif kind == NO_TARGET:
                if doc.year == f["period"]:
                    absent.setdefault(key, f)
            else:
                if doc.year is None or f["period"] is None or doc.year <= f["period"]:
                    continue
                rank = doc.year - f["period"]  # the next year's review first
                if key not in outs or rank < outs[key][0]:
                    outs[key] = (rank, f)
    if flt.doc_id:
        outs = {k: v for k, v in outs.items() if k in targets or k in absent}
    keys = sorted(set(targets) | set(absent) | set(outs), key=lambda k: (k[0] or "", k[1] or "", k[2] or 0))
    names = _region_names(session, {k[0] for k in keys})
    have = _report_years(session, {k[0] for k in keys})
    rows = []
    for key in keys:
        t = targets.get(key)
        o = outs.get(key, (0, None))[1]
        status, diff = judge(t, o, ind.direction)
        if t is None and key in absent:
            status = STATUS_NO_TARGET
        region_name, level = names.get(key[0], (None, None))
        row = {"region_code": key[0], "region_name": region_name, "level": level, "indicator": flt.indicator,
               "measure": key[1], "year": key[2]}
        row.update(_side(t or absent.get(key), "target"))
        row.update(_side(o, "outcome"))
        row["status"], row["difference"] = status, diff
        row["note"] = _gap_note(key[2], t or absent.get(key), o, have.get(key[0], set()))
        rows.append(row)
    return rows


def _report_years(session: Session, codes: set) -> dict[str, set[int]]:
    """The years of the government work reports the library holds, per region code."""
    out: dict[str, set[int]] = {}
    if codes:
        for code, year in session.execute(select(Document.region_code, Document.year).where(
                Document.region_code.in_(codes), Document.kind == REPORT_KIND, Document.year.is_not(None))):
            out.setdefault(code, set()).add(year)
    return out


def _gap_note(year: int | None, target: dict | None, outcome: dict | None, years: set[int]) -> str | None:
    """Why a side is empty when the reason is a report the library lacks (not a report that is
    silent): the year's own report for the target, any later one for the outcome."""
    if year is None:
        return None
    notes = []
    if target is None and year not in years:
        notes.append(f"库中没有{year}年的报告，无从得知目标")
    if outcome is None and not any(y > year for y in years):
        notes.append(f"库中没有{year + 1}年及以后的报告，尚无完成数")
    elif outcome is None and year + 1 not in years:
        notes.append(f"库中没有{year + 1}年的报告，无从得知完成数")
    return "；".join(notes) or None


def _region_names(session: Session, codes: set) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    if codes:
        for code, name, level in session.execute(
            select(Document.region_code, Document.region_name, Document.region_level).where(Document.region_code.in_(codes))
        ):
            out.setdefault(code, (name, level))
    return out


def outcome_series(rows: list[dict]) -> dict:
    """Chart-ready: target band vs outcome, by year (one region) or by region (one year).

    ``{"by": "year"|"region", "points": [{"x", "label", "target_low", "target_high", "target",
    "outcome", "status", "target_link", "outcome_link"}]}``; for a point/around target low = high =
    the value, for at_least high is None, for at_most low is None."""
    regions = {r["region_code"] for r in rows}
    by = "year" if len(regions) <= 1 else "region"
    points = []
    for r in rows:
        mod = r["target_modifier"]
        value, low, high = r["target_value"], r["target_low"], r["target_high"]
        if mod in ("point", "around"):
            low = high = value
        elif mod == "at_least":
            low, high = value, None
        elif mod == "at_most":
            low, high = None, value
        points.append({
            "x": r["year"] if by == "year" else r["region_code"],
            "label": str(r["year"]) if by == "year" else (r["region_name"] or r["region_code"]),
            "target": value, "target_low": low, "target_high": high, "target_modifier": mod,
            "outcome": r["outcome_value"], "status": r["status"],
            "target_link": r["target_link"], "outcome_link": r["outcome_link"],
        })
    if by == "year":
        points.sort(key=lambda p: p["x"] or 0)
    return {"by": by, "indicator": rows[0]["indicator"] if rows else None, "points": points}


def status_summary(rows: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r["status"] or UNKNOWN] = out.get(r["status"] or UNKNOWN, 0) + 1
    return out


def display_value(value, low, high, unit, modifier) -> str:
    """5%左右 / 5%以上 / 5.0%–5.5% / 1200万人 — the figure as a reader would write it."""
    if modifier == "range" and low is not None and high is not None:
        return f"{_num(low)}{unit or ''}–{_num(high)}{unit or ''}"
    if value is None:
        return ""
    suffix = {"around": "左右", "at_least": "以上", "at_most": "以内"}.get(modifier or "", "")
    return f"{_num(value)}{unit or ''}{suffix}"


def _num(v: float) -> str:
    return f"{v:g}" if abs(v) < 1e15 else str(v)
