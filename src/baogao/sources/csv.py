"""CSV with one report per row (defaults match provincial-2026-csv: province, year, title,
source_url, publish_date, full_text). A bad row becomes a problem message; the others are read."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

from baogao.errors import ParseError, SkippedSource
from baogao.model import LINE, Block, RawDocument
from baogao.sources.base import (
    ReadOptions,
    Reader,
    ReadResult,
    clean_hints,
    iso_date,
    sha256_text,
    split_lines,
)
from baogao.sources.decode import decode_bytes, sniff_text

# Report texts are far longer than csv's default 128 KiB field limit. The limit is process-wide;
# raising it is harmless for other users of the csv module.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

# Our field -> column names we recognise, in order of preference (compared case-insensitively).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("full_text", "text", "content", "body", "正文", "全文", "内容", "报告全文"),
    "title": ("title", "标题", "题名", "报告标题", "名称"),
    "date": ("publish_date", "date", "pubdate", "published", "publish_time", "发布日期", "发布时间", "日期", "时间"),
    "url": ("source_url", "url", "link", "href", "链接", "网址", "原文链接", "来源链接"),
    "region": ("province", "region", "地区", "省份", "地域", "行政区", "city", "area"),
    "year": ("year", "年份", "年度", "报告年份"),
}
FIELDS = tuple(DEFAULT_COLUMNS)
_DELIMITERS = (",", "\t", ";", "|")


def _header_fields(first_line: str) -> list[str]:
    """Split a header line with the delimiter that gives the most fields.

    csv.Sniffer guesses from a sample of whole rows; with multi-kilobyte quoted text fields it
    often guesses wrong (Chinese punctuation, newlines inside quotes), so we look only at the
    header, which for data files is a plain list of names.
    """
    best: list[str] = [first_line]
    for delim in _DELIMITERS:
        fields = next(csv.reader([first_line], delimiter=delim), [])
        if len(fields) > len(best):
            best = fields
    return [f.strip().lstrip("\ufeff") for f in best]


def _delimiter(first_line: str) -> str:
    counts = {d: len(next(csv.reader([first_line], delimiter=d), [])) for d in _DELIMITERS}
    return max(counts, key=lambda d: counts[d])


def _known(name: str) -> bool:
    n = name.strip().lower()
    return any(n in (c.lower() for c in cands) for cands in DEFAULT_COLUMNS.values())


def accepts(path: Path, head: bytes) -> bool:
    text = sniff_text(head)
    if text is None:
        return False
    first = text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    if not first or first.lstrip().startswith(("<", "{", "[")):
        return False
    fields = _header_fields(first)
    if len(fields) < 2 or any(len(f) > 64 for f in fields):
        return False
    if path.suffix.lower() in (".csv", ".tsv"):
        return True
    # without the extension, only a header naming report columns makes this a CSV
    return sum(_known(f) for f in fields) >= 2 and any(
        f.lower() in (c.lower() for c in DEFAULT_COLUMNS["text"]) for f in fields
    )


def _what_is_it(path: Path, n_rows: int) -> tuple[str, str]:
    """A short guess at what a non-report CSV is, for the skip reason: (Chinese, English)."""
    name = path.name.lower()
    if "manifest" in name:
        zh, en = "运行清单", "run manifest"
    elif "fail" in name or "error" in name:
        zh, en = "失败记录", "failure list"
    elif "log" in name:
        zh, en = "日志", "log"
    else:
        zh, en = "数据表", "data table"
    if n_rows == 0:
        zh, en = zh + "，只有表头没有数据", en + ", header only"
    return zh, en


def _resolve_columns(header: list[str], overrides: dict[str, str] | None) -> dict[str, int]:
    lower = [h.lower() for h in header]
    columns: dict[str, int] = {}
    for ours, cands in DEFAULT_COLUMNS.items():
        for cand in cands:
            if cand.lower() in lower:
                columns[ours] = lower.index(cand.lower())
                break
    for ours, column in (overrides or {}).items():
        if ours not in DEFAULT_COLUMNS:
            raise ParseError(f"csv_columns 中的未知字段 {ours!r}（可用: {', '.join(FIELDS)}）/ unknown field {ours!r}")
        if column.lower() not in lower:
            raise ParseError(
                f"CSV 缺少指定的列 {column!r}（{ours}）；表头: {', '.join(header)} / missing column {column!r}"
            )
        columns[ours] = lower.index(column.lower())
    return columns


def read(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    text, _encoding = decode_bytes(data)
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0].rstrip("\r")
    delim = _delimiter(first)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(rows)]
    except StopIteration:
        raise ParseError("CSV 是空的 / empty CSV") from None
    except csv.Error as exc:
        raise ParseError(f"CSV 表头无法解析 / bad CSV header: {exc}") from exc

    columns = _resolve_columns(header, options.csv_columns)
    if "text" not in columns:
        body = list(rows)
        n_rows = sum(1 for r in body if any(c.strip() for c in r))
        zh, en = _what_is_it(path, n_rows)
        raise SkippedSource(
            f"不是报告文件：缺少正文列 full_text ({zh}；表头: {', '.join(header)}) / not a report file: no text column ({en})"
        )

    docs: list[RawDocument] = []
    problems: list[str] = []
    n = 0
    while True:
        line_no = rows.line_num + 1  # physical line where this record starts
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            n += 1
            problems.append(f"第{n}条记录(第{line_no}行): CSV 格式错误 ({exc})")
            continue
        if not any(c.strip() for c in row):
            continue  # blank line between records
        n += 1
        where = f"第{n}条记录(第{line_no}行)"
        if len(row) <= columns["text"]:
            problems.append(f"{where}: 只有 {len(row)} 列，少于表头的 {len(header)} 列，缺少正文")
            continue
        body = row[columns["text"]].replace("\r\n", "\n").replace("\r", "\n")
        if not body.strip():
            problems.append(f"{where}: 正文为空")
            continue

        def get(field: str, row: list[str] = row) -> str | None:
            i = columns.get(field)
            return row[i].strip() if i is not None and i < len(row) else None

        year = get("year")
        if year:
            m = re.search(r"(?:19|20)\d{2}", year)
            year = m.group(0) if m else year
        hints = {
            "filename": path.name,
            "stem": path.stem,
            "title": get("title"),
            "url": get("url"),
            "date": iso_date(get("date")) or get("date"),
            "region": get("region"),
            "year": year,
        }
        lines = split_lines(body)
        docs.append(
            RawDocument(
                blocks=[Block(line, kind=LINE) for line in lines],
                format="csv",
                locator=f"{path}#row={n}",
                sha256=sha256_text(body),
                hints=clean_hints(hints),
            )
        )
    if not docs:
        if problems:
            raise ParseError(f"CSV 中没有可读的记录：{problems[0]}（共 {len(problems)} 个问题）/ no readable rows")
        raise SkippedSource("不是报告文件：CSV 只有表头，没有数据行 / header only, no rows")
    return ReadResult(docs, problems)


READER = Reader("csv", (".csv", ".tsv"), accepts, read)
