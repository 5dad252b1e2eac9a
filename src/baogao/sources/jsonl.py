"""JSON lines with one report per line (defaults match national/: title, url, content, year).

A broken line becomes a problem message with its line number; the other lines are still read.
A .json file holding one array of such objects is accepted too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from baogao.errors import ParseError
from baogao.model import LINE, Block, RawDocument
from baogao.sources.base import ReadOptions, Reader, ReadResult, clean_hints, iso_date, sha256_text, split_lines
from baogao.sources.decode import decode_bytes, sniff_text

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("content", "text", "full_text", "body", "正文", "全文", "内容"),
    "title": ("title", "标题", "name"),
    "url": ("url", "source_url", "link", "链接"),
    "date": ("date", "publish_date", "pubdate", "published", "发布日期", "日期"),
    "region": ("region", "province", "地区", "省份"),
    "year": ("year", "年份", "年度"),
}


def accepts(path: Path, head: bytes) -> bool:
    text = sniff_text(head)
    if text is None:
        return False
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        return path.suffix.lower() in (".json", ".jsonl", ".ndjson")
    if not stripped.startswith("{"):
        return False
    first = stripped.split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        # the head may cut a long first line; an object opening with a string key is enough
        return "\n" not in stripped[: len(first)] and bool(re.match(r'\{\s*"', first))


def _pick(record: dict[str, Any], field: str, overrides: dict[str, str] | None) -> Any:
    if overrides and field in overrides:
        return record.get(overrides[field])
    for key in DEFAULT_FIELDS[field]:
        if key in record:
            return record[key]
    return None


def _records(text: str) -> list[tuple[int, Any, str | None]]:
    """(line number, parsed value or None, error message or None) per non-empty line."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ParseError(f"JSON 无法解析（第{exc.lineno}行: {exc.msg}）/ invalid JSON") from exc
        if not isinstance(values, list):
            raise ParseError("JSON 文件不是对象数组 / not an array of objects")
        return [(i, v, None) for i, v in enumerate(values, start=1)]
    out: list[tuple[int, Any, str | None]] = []
    for n, line in enumerate(split_lines(text.lstrip("\ufeff")), start=1):
        if not line.strip():
            continue
        try:
            out.append((n, json.loads(line), None))
        except json.JSONDecodeError as exc:
            out.append((n, None, f"JSON 无法解析 ({exc.msg})"))
    return out


def read(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    text, _encoding = decode_bytes(data)
    overrides = options.jsonl_fields
    if overrides:
        unknown = set(overrides) - set(DEFAULT_FIELDS)
        if unknown:
            raise ParseError(f"jsonl_fields 中的未知字段 {sorted(unknown)} / unknown fields")
    docs: list[RawDocument] = []
    problems: list[str] = []
    records = _records(text)
    for n, record, error in records:
        if error:
            problems.append(f"第{n}行: {error}")
            continue
        if not isinstance(record, dict):
            problems.append(f"第{n}行: 不是 JSON 对象 (是 {type(record).__name__})")
            continue
        body = _pick(record, "text", overrides)
        if not isinstance(body, str) or not body.strip():
            wanted = overrides.get("text") if overrides and "text" in overrides else "content/text/full_text"
            problems.append(f"第{n}行: 缺少正文字段 {wanted}" if body is None else f"第{n}行: 正文为空或不是字符串")
            continue
        body = body.replace("\r\n", "\n").replace("\r", "\n")
        year = _pick(record, "year", overrides)
        date = _pick(record, "date", overrides)
        hints = {
            "filename": path.name,
            "stem": path.stem,
            "title": _str(_pick(record, "title", overrides)),
            "url": _str(_pick(record, "url", overrides)),
            "date": iso_date(date) or _str(date),
            "region": _str(_pick(record, "region", overrides)),
            "year": _str(year),
        }
        docs.append(
            RawDocument(
                blocks=[Block(line, kind=LINE) for line in split_lines(body)],
                format="jsonl",
                locator=f"{path}#line={n}",
                sha256=sha256_text(body),
                hints=clean_hints(hints),
            )
        )
    if not docs:
        if problems:
            raise ParseError(f"没有可读的记录：{problems[0]}（共 {len(problems)} 个问题）/ no readable records")
        raise ParseError("JSON 文件里没有记录 / no records")
    return ReadResult(docs, problems)


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


READER = Reader("jsonl", (".jsonl", ".ndjson", ".json"), accepts, read)
