"""Facts in the library (SQLite and PostgreSQL): stored at import, queried, paired, exported, CLI."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from baogao.cli import app
from baogao.services import facts as svc

CONTRACT = ["doc_id", "indicator", "kind", "period", "value", "low", "high", "unit", "modifier", "basis",
            "qualifiers", "span", "quote", "flags", "extractor_version"]


def url_of(db) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def cli(db, *args):
    result = CliRunner().invoke(app, ["--db", url_of(db), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_facts_are_stored_at_import_and_point_into_the_text(corpus_db):
    from baogao.services.library import check_library

    with corpus_db.session() as s:
        rows = svc.list_facts(s, svc.FactFilter(doc_id="310101-2025-gzbg"))
        assert not [p for p in check_library(s) if "facts" in p]
        from baogao.services.library import get_text

        for r in rows:
            assert get_text(s, r["doc_id"], *r["span"]) == r["quote"]
            assert r["link"] == f"/d/{r['doc_id']}#s={r['span'][0]}-{r['span'][1]}"
    gdp = [r for r in rows if r["indicator"] == "gdp_growth" and r["kind"] == "target"]
    assert [(r["value"], r["unit"], r["basis"], r["flags"]) for r in gdp] == [(5.0, None, "可比", ["unit_missing"])]


def test_cli_facts_json_contract(corpus_db):
    out = json.loads(cli(corpus_db, "facts", "--indicator", "gdp_growth", "--kind", "target", "--level", "province",
                         "--year", "2025", "--format", "json"))
    primary = [f for f in out if f["primary"]]
    assert len(primary) == 31
    for f in out:
        for key in CONTRACT:
            assert key in f
        assert f["kind"] == "target" and f["period"] == 2025 and f["level"] == "province"
        assert f["modifier"] in ("around", "at_least", "at_most", "range", "point")
        if f["modifier"] == "range":
            assert f["value"] is None and f["low"] is not None and f["high"] is not None
        else:
            assert f["value"] is not None
    fujian = next(f for f in primary if f["region_name"] == "福建省")
    assert (fujian["low"], fujian["high"], fujian["modifier"]) == (5.0, 5.5, "range")


def test_cli_facts_for_one_document(corpus_db):
    out = json.loads(cli(corpus_db, "facts", "--doc", "100000-2025-gzbg", "--format", "json"))
    assert {f["doc_id"] for f in out} == {"100000-2025-gzbg"}
    unemployment = [f for f in out if f["indicator"] == "unemployment" and f["kind"] == "target"]
    assert unemployment and all(f["measure"] == "surveyed" for f in unemployment)


def test_outcomes_provinces_2025(corpus_db):
    with corpus_db.session() as s:
        rows = svc.outcomes(s, svc.FactFilter(indicator="gdp_growth", level="province", year=2025))
    assert len(rows) == 31
    by = {r["region_name"]: r for r in rows}
    assert (by["北京市"]["target_value"], by["北京市"]["outcome_value"], by["北京市"]["status"]) == (5.0, 5.4, "met")
    assert by["福建省"]["status"] == "within_range"
    assert by["辽宁省"]["status"] == "missed"
    assert all(r["target_doc_id"].endswith("2025-gzbg") and r["outcome_doc_id"].endswith("2026-gzbg") for r in rows)
    series = svc.outcome_series(rows)
    assert series["by"] == "region" and len(series["points"]) == 31


def test_outcomes_national_series(corpus_db):
    out = json.loads(cli(corpus_db, "outcomes", "--indicator", "gdp_growth", "--region", "全国", "--format", "json"))
    by = {r["year"]: r for r in out}
    assert {r["level"] for r in out} == {"national"}
    assert (by[2024]["target_value"], by[2024]["outcome_value"], by[2024]["status"]) == (5.0, 5.0, "met")
    assert (by[2022]["target_value"], by[2022]["outcome_value"], by[2022]["status"]) == (5.5, 3.0, "missed")
    assert by[2016]["status"] == "within_range"
    assert by[2025]["outcome_value"] is None and by[2025]["status"] == "unknown"
    # an empty side says when the library lacks the report (the corpus has no 2020 national
    # report), and says nothing when the reports are there
    assert by[2020]["target_value"] is None and by[2020]["note"] == "库中没有2020年的报告，无从得知目标"
    assert by[2019]["outcome_value"] is None and by[2019]["note"] == "库中没有2020年的报告，无从得知完成数"
    assert by[2025]["note"] == "库中没有2026年及以后的报告，尚无完成数"
    assert by[2024]["note"] is None and by[2022]["note"] is None


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet", "dta"])
def test_exports(corpus_db, tmp_path, fmt):
    path = tmp_path / f"gdp.{fmt}"
    cli(corpus_db, "outcomes", "--indicator", "gdp_growth", "--region", "全国", "--format", fmt, "--output", str(path))
    frame = {"csv": pd.read_csv, "xlsx": pd.read_excel, "parquet": pd.read_parquet, "dta": pd.read_stata}[fmt](path)
    assert len(frame) >= 20
    for col in ("target_doc_id", "target_span_start", "target_span_end", "target_link", "outcome_link", "status"):
        assert col in frame.columns
    if fmt == "dta":
        labels = pd.io.stata.StataReader(path).variable_labels()
        assert labels["status"].startswith("met/missed")
        assert all(c.isascii() and len(c) <= 32 for c in frame.columns)
    if fmt == "xlsx":  # the column labels travel in a second sheet
        labels = pd.read_excel(path, sheet_name="columns").set_index("column")["label"]
        assert list(labels.index) == list(frame.columns) and labels["status"].startswith("met/missed")
    if fmt == "parquet":  # ... and in the field metadata
        import pyarrow.parquet as pq

        schema = pq.read_schema(path)
        assert schema.field("target_link").metadata[b"label"] == b"Reader link to the target"
        assert b"baogao.column_labels" in schema.metadata
        assert str(frame["year"].dtype) == "Int64"  # nullable integers survive the round trip


def test_binary_format_needs_output(corpus_db):
    result = CliRunner().invoke(app, ["--db", url_of(corpus_db), "facts", "--format", "xlsx"])
    assert result.exit_code != 0


def test_unknown_indicator_is_a_friendly_error(corpus_db):
    result = CliRunner().invoke(app, ["--db", url_of(corpus_db), "facts", "--indicator", "nope"])
    assert result.exit_code == 2 and "未知指标" in result.output


def test_library_api_frames(corpus_db):
    import baogao

    lib = baogao.Library(url_of(corpus_db))
    try:
        frame = lib.outcomes(indicator="gdp_growth", level="province", year=2025)
        assert len(frame) == 31 and frame["year"].dtype.name == "Int64"
        facts = lib.facts(indicator="cpi", kind="target", region="全国", primary=True)
        assert set(facts["unit"]) == {"%"} and "link" in facts.columns
    finally:
        lib.close()


def test_a_year_without_a_target_is_not_stated_rather_than_not_found(db_url, settings, corpus_dir, tmp_path):
    """The 2020 national report (not in the corpus) set no growth target; its sentence, as published,
    in a report file, with the corpus's 2021 report stating 2020's outcome: the pair says
    no_target (未设目标), not unknown, and points at the sentence that says so."""
    import json as _json

    from baogao.services.importing import import_paths
    from baogao.store.db import Database

    report = tmp_path / "2020年中华人民共和国国务院政府工作报告.txt"
    report.write_text(
        "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n\n二、2020年发展主要目标和下一步工作总体部署\n\n"
        "我们没有提出全年经济增速具体目标，主要因为全球疫情和经贸形势不确定性很大，我国发展面临一些难以预料的影响因素。\n",
        encoding="utf-8")
    lines = (corpus_dir / "national" / "government_work_reports.jsonl").read_text(encoding="utf-8").splitlines()
    line_2021 = next(x for x in lines if _json.loads(x)["title"] == "2021年中华人民共和国国务院政府工作报告")
    (tmp_path / "2021.jsonl").write_text(line_2021 + "\n", encoding="utf-8")
    db = Database(db_url)
    try:
        summary = import_paths(db, [report, tmp_path / "2021.jsonl"], settings)
        assert summary.ok, summary.to_dict()
        with db.session() as s:
            rows = svc.outcomes(s, svc.FactFilter(indicator="gdp_growth", region="全国", year=2020))
    finally:
        db.dispose()
    (row,) = rows
    assert row["status"] == "no_target" and row["target_value"] is None
    assert row["target_doc_id"] == "100000-2020-gzbg" and "没有提出全年经济增速具体目标" in row["target_quote"]
    assert (row["outcome_value"], row["outcome_doc_id"]) == (2.3, "100000-2021-gzbg")
