"""Plain dataclasses that carry a report through the pipeline.

    sources.read(path)      -> list[RawDocument]     (what the file holds, format-specific)
    text.clean(raw)         -> CleanDocument         (canonical text + metadata lines lifted out)
    text.structure(clean)   -> StructuredReport      (outline, paragraphs, glossary... as offsets)
    identify.identify(rep)  -> Identity              (region code/level, year, kind, doc id)

Nothing here touches a database; only ``baogao.store`` writes. All offsets are into
``CleanDocument.text`` (the canonical text), end-exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Block kinds a reader may emit
LINE = "line"  # one physical line of a plain-text source; cleaning decides paragraphs
PARAGRAPH = "p"  # a paragraph the format itself delimits (docx/html/pdf)
HEADING = "heading"  # a paragraph the format marks as a heading (docx style, <h1>...)
TABLE_ROW = "table_row"  # one table row, cells joined by "\t"


@dataclass
class Block:
    text: str
    kind: str = PARAGRAPH
    style: str | None = None  # e.g. the docx style name or the HTML tag


@dataclass
class RawDocument:
    """One report as a reader found it. A CSV or JSONL file yields one per row/line."""

    blocks: list[Block]
    format: str  # txt, html, docx, pdf, csv, jsonl
    locator: str  # where it came from: a path, plus "#row=3" / "#line=7" for multi-record files
    sha256: str  # of the record's own bytes/content: re-importing it is a no-op
    hints: dict[str, Any] = field(default_factory=dict)
    # hints keys (all optional): title, url, date (publish date, ISO), region, year,
    # source_name, filename

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)


@dataclass
class CleanDocument:
    """The canonical text (site chrome and metadata lines removed, line structure kept)."""

    text: str
    title: str | None
    format: str
    locator: str
    sha256: str
    hints: dict[str, Any] = field(default_factory=dict)
    delivered_on: str | None = None  # ISO date the report was delivered (——2025年1月8日在…)
    published_on: str | None = None  # ISO date of publication (时间：…, CSV publish_date)
    meeting: str | None = None  # 上海市黄浦区第三届人民代表大会第六次会议
    speaker: str | None = None  # 龚正 (spaces inside names removed)
    speaker_title: str | None = None  # 上海市市长
    source_name: str | None = None  # 解放日报
    source_url: str | None = None
    removed: list[str] = field(default_factory=list)  # chrome/metadata lines taken out
    flags: list[str] = field(default_factory=list)
    author: str | None = None  # 中共黄浦区委党史研究室 赵兵、马亦男、俞凡 (an article's byline)
    breadcrumb: list[str] = field(default_factory=list)  # 首页 > 发展报告 -> ["首页", "发展报告"]
    flag_details: dict[str, Any] = field(default_factory=dict)  # flag -> evidence (snippets...)


@dataclass
class Section:
    level: int  # 1 for 一、 2 for （一） 3 for 1. 4 for （1）
    label: str  # the numbering as printed: 一、 / （一） / 1. / （1）
    title: str  # heading text without the label
    start: int  # section start = heading start
    end: int  # up to the next heading of the same or a higher level
    heading_end: int  # end of the heading line
    parent: int | None = None  # index into StructuredReport.sections


@dataclass
class Paragraph:
    start: int
    end: int
    kind: str = "p"  # p, heading, caption, glossary, appendix, table_row, note
    section: int | None = None  # index of the innermost enclosing section


@dataclass
class GlossaryEntry:
    term: str
    definition: str
    start: int  # span of the whole entry
    end: int
    term_start: int
    term_end: int
    definition_start: int
    definition_end: int
    number: str | None = None  # "19" for "19、“能立方”体系"


@dataclass
class Caption:
    text: str
    start: int
    end: int
    number: str | None = None  # "8" for a figure printed as "8、苏州河..."


@dataclass
class AppendixItem:
    title: str
    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)  # 年度目标, 主办单位 ...


@dataclass
class StructuredReport:
    clean: CleanDocument
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    appendix: list[AppendixItem] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.clean.text


@dataclass
class RegionRef:
    code: str  # GB/T 2260 six-digit code; "100000" for the whole country
    name: str
    level: str  # national, province, prefecture, county


@dataclass
class Identity:
    doc_id: str
    region: RegionRef | None
    parents: list[RegionRef]  # nearest first: 黄浦区 -> [上海市, 全国]
    year: int | None
    kind: str | None  # 政府工作报告, 决议, 发展报告, 规划, 其他
    flags: list[str] = field(default_factory=list)  # region_unknown, year_unknown, ...
    flag_details: dict[str, Any] = field(default_factory=dict)  # flag -> evidence
