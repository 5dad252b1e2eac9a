"""What every reader shares: the reader record, read options, hashing and filename hints."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from baogao.model import RawDocument


@dataclass(frozen=True)
class ReadOptions:
    """Options a reader may use; unknown ones are simply ignored by readers that do not need them."""

    max_bytes: int
    csv_columns: dict[str, str] | None = None
    jsonl_fields: dict[str, str] | None = None


@dataclass
class ReadResult:
    """Good documents plus one-line messages about records (or pages) that could not be read."""

    docs: list[RawDocument]
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Reader:
    """One format in the registry (paperless-style: each reader says whether it accepts a file).

    ``accepts(path, head)`` looks at the first bytes of the file (and the extension as a hint);
    it must be cheap and must not raise. ``read(path, data, options)`` gets the whole file
    (already checked against the size limit) and raises typed errors from ``baogao.errors``.
    """

    name: str
    extensions: tuple[str, ...]
    accepts: Callable[[Path, bytes], bool]
    read: Callable[[Path, bytes, ReadOptions], ReadResult]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_lines(text: str) -> list[str]:
    """Physical lines with \\r\\n and \\r normalized to \\n (str.splitlines would also split on
    \\x0b, \\x1c, \\u2028 ... which are not line breaks in these sources)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# "2025年宁夏政府工作报告", "2026_上海市_政府工作报告", "2025年上海市黄浦区人民政府工作报告"
_FILENAME_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年?[\s_\-—]*(?P<region>[\u4e00-\u9fff]{2,20}?)[\s_\-—]*"
    r"(?P<kind>人民政府工作报告|政府工作报告|工作报告|国民经济和社会发展|发展报告|决议|规划)"
)
_REPORTISH = re.compile(r"报告|决议|规划|纲要|公报")


def filename_hints(path: Path) -> dict[str, str]:
    """Hints from a file name: ``filename``/``stem`` always; ``year``, ``region`` and a
    ``title`` when the name reads like a report title (the corpus names files that way)."""
    stem = path.stem
    hints: dict[str, str] = {"filename": path.name, "stem": stem}
    m = _FILENAME_RE.search(stem)
    if m:
        hints["year"] = m.group("year")
        hints["region"] = m.group("region")
    if _REPORTISH.search(stem) and re.search(r"[\u4e00-\u9fff]", stem):
        hints["title"] = stem.replace("_", "")
    return hints


_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def iso_date(value: object) -> str | None:
    """First date in ``value`` as YYYY-MM-DD (2026-02-09, 2026/2/9, 2026年2月9日), else None."""
    if value is None:
        return None
    m = _DATE_RE.search(str(value))
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def clean_hints(hints: dict[str, object]) -> dict[str, object]:
    """Drop empty values so a hint present always means something."""
    out: dict[str, object] = {}
    for key, value in hints.items():
        if value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
            if not value:
                continue
        out[key] = value
    return out
