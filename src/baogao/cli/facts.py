"""Targets and outcomes: `baogao facts` and `baogao outcomes`."""

from __future__ import annotations

import sys
from typing import Optional

import typer

from baogao.cli.app import app, check_format, console, emit_csv, emit_json, emit_table, err_console, get_db
from baogao.facts import export
from baogao.facts.pairing import STATUS_NAMES
from baogao.services import facts as svc

FORMATS = ("table", "json", "csv", "xlsx", "parquet", "dta", "md")
_BINARY = ("xlsx", "parquet", "dta")


def _emit(rows: list[dict], format: str, output: Optional[str], table, markdown=None) -> None:
    check_format(format, FORMATS)
    if format == "md" and markdown is not None:
        text = markdown(rows)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
        return
    if format in _BINARY and not output:
        raise typer.BadParameter(f"--format {format} 需要 --output FILE")
    if output and format in ("csv",) + _BINARY:
        path = export.write(rows, format, output)
        err_console.print(f"已写入 {len(rows)} 行 -> {path}", highlight=False)
        return
    if format == "json":
        text_rows = rows
        if output:
            from baogao.cli.app import to_json

            with open(output, "w", encoding="utf-8") as fh:
                fh.write(to_json(text_rows) + "\n")
            err_console.print(f"已写入 {len(rows)} 行 -> {output}", highlight=False)
        else:
            emit_json(text_rows)
        return
    if format == "csv":
        flat = [export.flatten(r) for r in rows]
        emit_csv(flat, list(flat[0]) if flat else None)
        return
    table(rows)


def _short(link: str | None) -> str:
    """/d/110000-2025-gzbg#s=7168-7286 -> 110000-2025-gzbg#7168"""
    if not link:
        return ""
    doc, _, frag = link[3:].partition("#s=")
    return f"{doc}#{frag.split('-')[0]}"


@app.command("facts")
def facts_cmd(
    indicator: Optional[str] = typer.Option(None, help="Indicator id: gdp_growth, gdp, cpi, new_urban_jobs, unemployment, deficit_ratio, general_budget_revenue, fixed_asset_investment, retail_sales, ... (see `baogao indicators`)."),
    kind: Optional[str] = typer.Option(None, help="target | outcome | multi_year_target | cumulative | no_target"),
    region: Optional[str] = typer.Option(None, help="Region name or code; includes the regions below it."),
    level: Optional[str] = typer.Option(None, help="national | province | prefecture | county"),
    year: Optional[str] = typer.Option(None, help="The year the figure is for (2025) or a range (2020..2025)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only this document."),
    measure: Optional[str] = typer.Option(None, help="surveyed | registered (unemployment); growth | level."),
    primary: bool = typer.Option(False, "--primary", help="Only the headline statement per report, indicator, kind and year."),
    format: str = typer.Option("table", "--format", "-f", help="table | json | csv | xlsx | parquet | dta | md"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (required for xlsx/parquet/dta)."),
) -> None:
    """目标与完成 Extracted targets and outcomes, each with its span and a reader link."""
    with get_db().session() as s:
        rows = svc.list_facts(s, svc.FactFilter(indicator=indicator, kind=kind, region=region, level=level, year=year,
                                                doc_id=doc, measure=measure, primary=primary))

    def table(rows):
        emit_table(
            ([r["region_name"], r["report_year"], r["indicator"], r["kind"], r["period"] if r["period_start"] == r["period"]
              else f"{r['period_start']}-{r['period']}", svc.display_value(r["value"], r["low"], r["high"], r["unit"], r["modifier"]),
              r["measure"] or "", r["basis"] or "", ",".join(r["qualifiers"] + r["flags"]), _short(r["link"])] for r in rows),
            ["地区", "报告年", "指标", "类型", "年份", "数值", "口径", "基础", "标注", "链接"],
            title=f"{len(rows)} 条",
        )

    _emit(rows, format, output, table)


@app.command("outcomes")
def outcomes_cmd(
    indicator: str = typer.Option("gdp_growth", help="Indicator id (default gdp_growth)."),
    region: Optional[str] = typer.Option(None, help="Region name or code; includes the regions below it."),
    level: Optional[str] = typer.Option(None, help="national | province | prefecture | county"),
    year: Optional[str] = typer.Option(None, help="Target year (2025) or a range (2005..2024)."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only targets stated in this document."),
    measure: Optional[str] = typer.Option(None, help="surveyed | registered (unemployment); growth | level."),
    kind: Optional[str] = typer.Option(None, help="Accepted for symmetry with `facts`; ignored."),
    format: str = typer.Option("table", "--format", "-f", help="table | json | csv | xlsx | parquet | dta | md"),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write to this file (required for xlsx/parquet/dta)."),
) -> None:
    """目标完成情况 Each year's target beside that year's outcome (from the next report), with a status."""
    with get_db().session() as s:
        rows = svc.outcomes(s, svc.FactFilter(indicator=indicator, region=region, level=level, year=year, doc_id=doc,
                                              measure=measure))

    def table(rows):
        emit_table(
            ([r["region_name"], r["year"], svc.display_value(r["target_value"], r["target_low"], r["target_high"],
                                                              r["target_unit"], r["target_modifier"]),
              svc.display_value(r["outcome_value"], None, None, r["outcome_unit"], r["outcome_modifier"]),
              STATUS_NAMES.get(r["status"], r["status"]) + (f"：{r['note']}" if r.get("note") else ""),
              "" if r["difference"] is None else f"{r['difference']:+.1f}",
              _short(r["target_link"]), _short(r["outcome_link"])] for r in rows),
            ["地区", "年份", "目标", "完成", "状态", "差值", "目标出处", "完成出处"],
            title=f"{indicator}: {len(rows)} 行 " + " ".join(f"{STATUS_NAMES[k]} {v}" for k, v in svc.status_summary(rows).items()),
        )

    _emit(rows, format, output, table, _outcomes_markdown)


def _outcomes_markdown(rows: list[dict]) -> str:
    lines = ["| 地区 | 年份 | 目标 | 完成 | 状态 | 差值 | 出处 |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        target = svc.display_value(r["target_value"], r["target_low"], r["target_high"], r["target_unit"], r["target_modifier"])
        outcome = svc.display_value(r["outcome_value"], None, None, r["outcome_unit"], r["outcome_modifier"])
        diff = "" if r["difference"] is None else f"{r['difference']:+.1f}"
        links = " ".join(f"[{name}]({link})" for name, link in (("目标", r["target_link"]), ("完成", r["outcome_link"])) if link)
        lines.append(f"| {r['region_name'] or r['region_code']} | {r['year']} | {target} | {outcome} | "
                     f"{STATUS_NAMES.get(r['status'], r['status'])} | {diff} | {links} |")
    return "\n".join(lines) + "\n"


@app.command("indicators")
def indicators_cmd(format: str = typer.Option("table", "--format", "-f", help="table | json")) -> None:
    """指标目录 The indicator catalog (extend it with BAOGAO_INDICATORS=extra.yaml)."""
    from baogao.facts.catalog import load_catalog

    cat = load_catalog()
    rows = [{"id": i.id, "name": i.name, "name_en": i.name_en, "type": i.type, "units": list(i.units),
             "measures": list(i.measures), "direction": i.direction, "headline": i.headline, "aliases": list(i.aliases)}
            for i in cat]
    if format == "json":
        emit_json(rows)
        return
    emit_table(([r["id"], r["name"], r["type"], "/".join(r["units"]), r["direction"], "、".join(r["aliases"][:5])] for r in rows),
               ["id", "名称", "类型", "单位", "方向", "别名"])
