"""目标与完成: the targets-vs-outcomes page (/targets) and its JSON (/api/v1/facts, /api/v1/outcomes).

One data dict per view (services.facts.outcomes + outcome_series); the page draws the chart as
inline SVG on the server (no chart library, nothing from a CDN), every mark links to its span.
"""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Request

from baogao.errors import BaogaoError
from baogao.facts.catalog import load_catalog
from baogao.facts.pairing import STATUS_NAMES
from baogao.services import facts as svc
from baogao.web.deps import CurrentUser, DbSession
from baogao.web.render import render

router = APIRouter()

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 760, 280, 44, 12, 16, 56


def chart(series: dict) -> dict | None:
    """SVG geometry for target bands/markers and outcome dots."""
    pts = series["points"]
    vals = [v for p in pts for v in (p["target_low"], p["target_high"], p["outcome"]) if v is not None]
    if not pts or not vals:
        return None
    lo, hi = min(vals + [0.0]), max(vals)
    span = (hi - lo) or 1.0
    lo, hi = lo - span * 0.05, hi + span * 0.1
    step = (W - PAD_L - PAD_R) / len(pts)

    def y(v):
        return round(PAD_T + (hi - v) / (hi - lo) * (H - PAD_T - PAD_B), 1)

    marks = []
    for i, p in enumerate(pts):
        cx = round(PAD_L + step * (i + 0.5), 1)
        m = {"cx": cx, "label": p["label"], "status": p["status"], "status_name": STATUS_NAMES.get(p["status"], ""),
             "target_link": p["target_link"], "outcome_link": p["outcome_link"], "outcome": p["outcome"],
             "target": svc.display_value(p["target"], p["target_low"], p["target_high"], "", p["target_modifier"])}
        if p["target_low"] is not None or p["target_high"] is not None:
            top = p["target_high"] if p["target_high"] is not None else hi
            bottom = p["target_low"] if p["target_low"] is not None else lo
            m["band"] = {"x": round(cx - step * 0.3, 1), "w": round(step * 0.6, 1), "y": y(top),
                         "h": max(2.0, round(y(bottom) - y(top), 1)), "open": p["target_low"] is None or p["target_high"] is None}
        if p["outcome"] is not None:
            m["oy"] = y(p["outcome"])
        marks.append(m)
    ticks = []
    n = 5
    for k in range(n + 1):
        v = lo + (hi - lo) * k / n
        ticks.append({"y": y(v), "label": f"{v:.1f}"})
    return {"w": W, "h": H, "marks": marks, "ticks": ticks, "left": PAD_L, "bottom": H - PAD_B}


@router.get("/targets", include_in_schema=False)
def targets_page(request: Request, session: DbSession, user: CurrentUser, indicator: str = "gdp_growth",
                 region: str = "", level: str = "", year: str = ""):
    params = {k: v for k, v in {"indicator": indicator, "region": region, "level": level, "year": year}.items() if v}
    error, rows = None, []
    if not region and not level and not year:
        region = "全国"  # a sensible first view: the national series
    try:
        rows = svc.outcomes(session, svc.FactFilter(indicator=indicator, region=region or None, level=level or None,
                                                    year=year or None))
    except BaogaoError as exc:
        error = str(exc)
    for r in rows:
        r["target_text"] = svc.display_value(r["target_value"], r["target_low"], r["target_high"], r["target_unit"], r["target_modifier"])
        r["outcome_text"] = svc.display_value(r["outcome_value"], None, None, r["outcome_unit"], r["outcome_modifier"])
        r["status_name"] = STATUS_NAMES.get(r["status"], r["status"])
    series = svc.outcome_series(rows) if rows else None
    catalog = load_catalog()
    return render(request, "targets.html", {
        "title": "目标与完成", "rows": rows, "error": error, "params": params, "region": region, "level": level,
        "year": year, "indicator": indicator, "indicators": [(i.id, i.name) for i in catalog],
        "chart": chart(series) if series else None, "by": series["by"] if series else None,
        "summary": {STATUS_NAMES[k]: v for k, v in svc.status_summary(rows).items()},
    })


@router.get("/api/v1/facts", tags=["目标与完成"], summary="Extracted facts (targets, outcomes) with spans")
def api_facts(session: DbSession, user: CurrentUser, indicator: Optional[str] = None, kind: Optional[str] = None,
              region: Optional[str] = None, level: Optional[str] = None, year: Optional[str] = None,
              doc: Optional[str] = None, measure: Optional[str] = None, primary: bool = False, limit: int = 1000):
    return svc.list_facts(session, svc.FactFilter(indicator=indicator, kind=kind, region=region, level=level, year=year,
                                                  doc_id=doc, measure=measure, primary=primary), limit=min(max(limit, 1), 10000))


@router.get("/api/v1/outcomes", tags=["目标与完成"], summary="Each year's target beside its outcome, with a status and a chart series")
def api_outcomes(session: DbSession, user: CurrentUser, indicator: str = "gdp_growth", region: Optional[str] = None,
                 level: Optional[str] = None, year: Optional[str] = None, measure: Optional[str] = None):
    rows = svc.outcomes(session, svc.FactFilter(indicator=indicator, region=region, level=level, year=year, measure=measure))
    return {"rows": rows, "series": svc.outcome_series(rows), "summary": svc.status_summary(rows)}
