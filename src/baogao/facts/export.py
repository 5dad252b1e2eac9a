"""Facts and target/outcome tables as DataFrames and files: CSV, XLSX, Parquet, Stata .dta.

Columns are flat (a span becomes ``span_start``/``span_end``, lists become "; "-joined text)
and documented in COLUMN_LABELS, which travel with the file: the variable labels of a .dta, a
second sheet ``columns`` (column, label) in an .xlsx, the field metadata ``label`` (and the file
metadata ``baogao.column_labels``) of a .parquet. A CSV has nowhere to put them: see
``baogao facts --help`` / the README. Stata variable names must be ASCII and at most 32
characters: every column name here already is.
"""

from __future__ import annotations

from pathlib import Path

from baogao.errors import InvalidQuery

FORMATS = ("csv", "xlsx", "parquet", "dta")

COLUMN_LABELS: dict[str, str] = {
    "doc_id": "Document id (reader: /d/<doc_id>)",
    "doc_title": "Document title",
    "region_code": "Region code (GB/T 2260; 100000 = national)",
    "region_name": "Region name",
    "level": "Administrative level: national/province/prefecture/county",
    "report_year": "Year of the report",
    "indicator": "Indicator id (catalog)",
    "indicator_name": "Indicator (Chinese name)",
    "kind": "target/outcome/multi_year_target/cumulative/no_target",
    "period": "Year the figure is for (last year of a multi-year period)",
    "period_start": "First year of the period",
    "value": "Value (null for a range)",
    "low": "Range low",
    "high": "Range high",
    "unit": "Unit (% / 亿元 / 万亿元 / 万人 ...)",
    "modifier": "around/at_least/at_most/range/point",
    "basis": "Basis as stated: 可比/同比/名义/实际",
    "measure": "Measure: surveyed/registered (unemployment), growth/level",
    "qualifiers": "Qualifiers (预计, 在实际工作中争取更好结果 ...)",
    "flags": "Flags (unit_missing, partial_year, kind_guessed ...)",
    "primary": "Headline statement of this report/indicator/kind/period",
    "span_start": "Sentence span start (characters in the document text)",
    "span_end": "Sentence span end (exclusive)",
    "number_start": "Number span start",
    "number_end": "Number span end (exclusive)",
    "quote": "The stating sentence",
    "link": "Reader link to the sentence",
    "extractor_version": "Extractor version",
    "year": "Target year",
    "target_value": "Target value (null for a range)",
    "target_low": "Target range low",
    "target_high": "Target range high",
    "target_unit": "Target unit",
    "target_modifier": "Target modifier",
    "target_qualifiers": "Target qualifiers",
    "target_doc_id": "Document stating the target",
    "target_span_start": "Target sentence span start",
    "target_span_end": "Target sentence span end",
    "target_quote": "Target sentence",
    "target_link": "Reader link to the target",
    "outcome_value": "Outcome value",
    "outcome_unit": "Outcome unit",
    "outcome_modifier": "Outcome modifier",
    "outcome_qualifiers": "Outcome qualifiers",
    "outcome_doc_id": "Document stating the outcome",
    "outcome_span_start": "Outcome sentence span start",
    "outcome_span_end": "Outcome sentence span end",
    "outcome_quote": "Outcome sentence",
    "outcome_link": "Reader link to the outcome",
    "status": "met/missed/within_range/unknown/no_target",
    "difference": "Outcome minus target (nearest bound for a range)",
    "note": "Which report the library lacks when a side is empty",
}


def flatten(row: dict) -> dict:
    out: dict = {}
    for key, value in row.items():
        if key in ("span", "target_span", "outcome_span"):
            stem = "span" if key == "span" else key
            out[f"{stem}_start"], out[f"{stem}_end"] = (value or [None, None])[:2]
        elif key == "number_span":
            out["number_start"], out["number_end"] = (value or [None, None])[:2]
        elif isinstance(value, list):
            out[key] = "; ".join(str(v) for v in value)
        else:
            out[key] = value
    return out


def to_frame(rows: list[dict], columns: list[str] | None = None):
    import pandas as pd

    flat = [flatten(r) for r in rows]
    if columns is None:
        columns = list(flat[0]) if flat else []
    frame = pd.DataFrame(flat, columns=columns) if flat or columns else pd.DataFrame()
    for col in ("report_year", "period", "period_start", "year", "span_start", "span_end", "number_start", "number_end",
                "target_span_start", "target_span_end", "outcome_span_start", "outcome_span_end"):
        if col in frame.columns:
            frame[col] = frame[col].astype("Int64")
    for col in ("value", "low", "high", "target_value", "target_low", "target_high", "outcome_value", "difference"):
        if col in frame.columns:
            frame[col] = frame[col].astype("Float64")
    return frame


def write(rows: list[dict], fmt: str, path: str | Path) -> Path:
    """Write rows to ``path`` as csv/xlsx/parquet/dta."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"不支持的导出格式: {fmt}（可用: {', '.join(FORMATS)}）")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = to_frame(rows)
    if fmt == "csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    elif fmt == "xlsx":
        import pandas as pd

        with pd.ExcelWriter(path) as writer:
            frame.to_excel(writer, index=False, sheet_name="facts")
            labels(frame.columns).to_excel(writer, index=False, sheet_name="columns")
    elif fmt == "parquet":
        _write_parquet(frame, path)
    else:
        _write_dta(frame, path)
    return path


def labels(columns):
    """The documentation of some columns as a small table (column, label)."""
    import pandas as pd

    return pd.DataFrame({"column": list(columns), "label": [COLUMN_LABELS.get(c, "") for c in columns]})


def _write_parquet(frame, path: Path) -> None:
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    fields = [f.with_metadata({"label": COLUMN_LABELS.get(f.name, "")}) for f in table.schema]
    meta = dict(table.schema.metadata or {})
    meta[b"baogao.column_labels"] = json.dumps({c: COLUMN_LABELS.get(c, "") for c in frame.columns},
                                               ensure_ascii=False).encode("utf-8")
    pq.write_table(table.cast(pa.schema(fields, metadata=meta)), path)


def _write_dta(frame, path: Path) -> None:
    frame = frame.copy()
    if "primary" in frame.columns:
        frame["primary"] = frame["primary"].astype("Int8")
    for col in frame.columns:
        if str(frame[col].dtype) in ("Int64", "Int8"):
            frame[col] = frame[col].astype("float64")  # Stata has no nullable integers: missing -> .
        elif str(frame[col].dtype) == "Float64":
            frame[col] = frame[col].astype("float64")
        elif frame[col].dtype == object:
            frame[col] = frame[col].fillna("").astype(str)
    labels = {c: COLUMN_LABELS.get(c, c)[:80] for c in frame.columns}
    frame.to_stata(path, write_index=False, version=118, variable_labels=labels,
                   data_label="baogao facts")
