"""Reading the library: filters, document listings, a document's outline and text, checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery, NotFound
from baogao.store.schema import (
    AppendixRow,
    CaptionRow,
    Document,
    GlossaryRow,
    ParagraphRow,
    SectionRow,
    Source,
)
from baogao.text.normalize import normalize

LEVELS = ("national", "province", "prefecture", "county")
LEVEL_NAMES = {"national": "全国", "province": "省级", "prefecture": "地市级", "county": "区县级"}
_LEVEL_ALIASES = {
    "national": "national", "全国": "national", "国家": "national", "中央": "national",
    "province": "province", "provincial": "province", "省": "province", "省级": "province",
    "prefecture": "prefecture", "city": "prefecture", "市": "prefecture", "地市": "prefecture", "地市级": "prefecture",
    "county": "county", "district": "county", "区": "county", "县": "county", "区县": "county", "区县级": "county",
}
NATIONAL_CODE = "100000"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str

    @property
    def prefix(self) -> str:
        """GB/T 2260 codes nest: 31xxxx is inside 310000, 3101xx inside 310100."""
        if self.level == "national" or self.code == NATIONAL_CODE:
            return ""
        if self.code.endswith("0000"):
            return self.code[:2]
        if self.code.endswith("00"):
            return self.code[:4]
        return self.code


@dataclass
class DocFilter:
    region: str | None = None  # a name (上海, 黄浦区), a code (310000) or 全国
    level: str | None = None
    year: str | int | None = None  # 2025 or 2020..2025
    kind: str | None = None
    doc_id: str | None = None

    def year_range(self) -> tuple[int | None, int | None]:
        return parse_years(self.year)


def parse_years(value: str | int | None) -> tuple[int | None, int | None]:
    if value is None or value == "":
        return None, None
    text = str(value).strip().replace("－", "-").replace("—", "-")
    m = re.fullmatch(r"(\d{4})?\s*(?:\.\.|-|~|至|到)\s*(\d{4})?", text)
    if m and (m.group(1) or m.group(2)):
        lo = int(m.group(1)) if m.group(1) else None
        hi = int(m.group(2)) if m.group(2) else None
        if lo and hi and lo > hi:
            lo, hi = hi, lo
        return lo, hi
    if re.fullmatch(r"\d{4}", text):
        return int(text), int(text)
    raise InvalidQuery(f"年份格式不对: {value!r}（例如 2025 或 2020..2025）")


def parse_level(value: str | None) -> str | None:
    if not value:
        return None
    level = _LEVEL_ALIASES.get(value.strip().lower())
    if level is None:
        raise InvalidQuery(f"未知的行政级别: {value!r}（可用: national, province, prefecture, county）")
    return level


def known_regions(session: Session) -> list[Region]:
    """Every region the library has documents for, plus their parents."""
    regions: dict[str, Region] = {}
    # no DISTINCT: PostgreSQL has no equality operator for json; a library has few regions anyway
    for code, name, level, parents in session.execute(
        select(Document.region_code, Document.region_name, Document.region_level, Document.region_parents)
    ):
        if code:
            regions[code] = Region(code, name or code, level or "county")
        for p in parents or []:
            regions.setdefault(p["code"], Region(p["code"], p["name"], p["level"]))
    return sorted(regions.values(), key=lambda r: (LEVELS.index(r.level) if r.level in LEVELS else 9, r.code))


_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "省", "市", "区", "县", "盟", "地区")


def _short(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def resolve_region(session: Session, text: str) -> Region:
    """上海 / 上海市 / 310000 / 黄浦区 / 上海市黄浦区 / 全国 -> a Region the library knows."""
    query = normalize(text).strip()
    if not query:
        raise InvalidQuery("地区为空")
    regions = known_regions(session)
    if query in ("全国", "中国", "国家", "national", "china", NATIONAL_CODE):
        return Region(NATIONAL_CODE, "全国", "national")
    if re.fullmatch(r"\d{6}", query):
        for r in regions:
            if r.code == query:
                return r
        raise NotFound(f"库中没有地区代码 {query} 的报告")
    exact = [r for r in regions if r.name == query or _short(r.name) == query]
    if exact:
        return exact[0]
    # 上海市黄浦区: the longest known name contained in the query, most specific first
    contained = [r for r in regions if r.name in query or (len(_short(r.name)) >= 2 and _short(r.name) in query)]
    if contained:
        return max(contained, key=lambda r: (LEVELS.index(r.level) if r.level in LEVELS else 0, len(r.name)))
    prefix = [r for r in regions if r.name.startswith(query)]
    if prefix:
        return prefix[0]
    raise NotFound(f"库中没有“{text}”的报告（地区未找到）")


def apply_filter(session: Session, stmt, flt: DocFilter):
    """Add WHERE clauses for a DocFilter to a select over Document."""
    if flt.doc_id:
        stmt = stmt.where(Document.id == flt.doc_id)
    if flt.region:
        region = resolve_region(session, flt.region)
        if region.prefix:
            stmt = stmt.where(Document.region_code.like(region.prefix + "%"))
    level = parse_level(flt.level)
    if level:
        stmt = stmt.where(Document.region_level == level)
    lo, hi = flt.year_range()
    if lo is not None:
        stmt = stmt.where(Document.year >= lo)
    if hi is not None:
        stmt = stmt.where(Document.year <= hi)
    if flt.kind:
        stmt = stmt.where(or_(Document.kind == flt.kind, Document.kind.like(f"%{flt.kind}%")))
    return stmt


SORTS = {
    "year": (Document.year.desc(), Document.region_code, Document.id),
    "year_asc": (Document.year.asc(), Document.region_code, Document.id),
    "region": (Document.region_code, Document.year.desc(), Document.id),
}


def document_summary(doc: Document) -> dict:
    """The listing fields pinned by the CLI contract (and reused by the web app and API)."""
    return {
        "id": doc.id,
        "title": doc.title,
        "region": {"code": doc.region_code, "name": doc.region_name, "level": doc.region_level},
        "region_parents": doc.region_parents or [],
        "year": doc.year,
        "kind": doc.kind,
        "delivered_on": doc.delivered_on,
        "published_on": doc.published_on,
        "meeting": doc.meeting,
        "speaker": doc.speaker,
        "speaker_title": doc.speaker_title,
        "source_name": doc.source_name,
        "source_url": doc.source_url,
        "n_chars": doc.n_chars,
        "flags": doc.flags or [],
        "revision": doc.revision,
    }


@dataclass
class Page:
    items: list[dict]
    total: int
    limit: int
    offset: int
    facets: dict[str, dict] = field(default_factory=dict)


_LIST_COLUMNS = [c for c in Document.__table__.columns if c.name not in ("text", "norm_text")]


def list_documents(session: Session, flt: DocFilter, *, sort: str = "year", limit: int | None = None, offset: int = 0, facets: bool = False) -> Page:
    from sqlalchemy.orm import load_only

    stmt = apply_filter(session, select(Document), flt).options(
        load_only(*[getattr(Document, c.name) for c in _LIST_COLUMNS])
    )
    total = session.scalar(apply_filter(session, select(func.count()).select_from(Document), flt)) or 0
    stmt = stmt.order_by(*SORTS.get(sort, SORTS["year"])).offset(max(offset, 0))
    if limit is not None:
        stmt = stmt.limit(max(limit, 0))
    items = [document_summary(d) for d in session.scalars(stmt)]
    page = Page(items, total, limit or total, offset)
    if facets:
        page.facets = document_facets(session, flt)
    return page


def document_facets(session: Session, flt: DocFilter) -> dict[str, dict]:
    """Counts per year, kind, level and province for the filtered documents."""
    base = apply_filter(session, select(Document.id), flt).subquery()
    out: dict[str, dict] = {}
    for name, col in (("year", Document.year), ("kind", Document.kind), ("level", Document.region_level)):
        rows = session.execute(
            select(col, func.count()).where(Document.id.in_(select(base.c.id))).group_by(col).order_by(col)
        )
        out[name] = {("" if k is None else str(k)): n for k, n in rows}
    rows = session.execute(
        select(Document.region_code, Document.region_name, Document.region_parents)
        .where(Document.id.in_(select(base.c.id)))
    )
    province: dict[str, int] = {}
    for code, name, parents in rows:
        top = name
        for p in parents or []:
            if p.get("level") == "province":
                top = p["name"]
        if code == NATIONAL_CODE:
            top = "全国"
        province[top or "未知"] = province.get(top or "未知", 0) + 1
    out["region"] = dict(sorted(province.items(), key=lambda kv: -kv[1]))
    return out


def get_document(session: Session, doc_id: str) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"没有这份文档: {doc_id}")
    return doc


def document_detail(session: Session, doc_id: str) -> dict:
    """Everything `show` prints: metadata, outline, glossary, captions, appendix, sources."""
    doc = get_document(session, doc_id)
    detail = document_summary(doc)
    detail["outline"] = [
        {"ordinal": s.ordinal, "label": s.label, "title": s.title, "level": s.level,
         "start": s.start, "end": s.end, "heading_end": s.heading_end, "parent": s.parent_ordinal}
        for s in session.scalars(select(SectionRow).where(SectionRow.document_id == doc_id).order_by(SectionRow.ordinal))
    ]
    detail["glossary"] = [
        {"number": g.number, "term": g.term, "definition": g.definition, "start": g.start, "end": g.end,
         "term_span": [g.term_start, g.term_end], "definition_span": [g.definition_start, g.definition_end]}
        for g in session.scalars(select(GlossaryRow).where(GlossaryRow.document_id == doc_id).order_by(GlossaryRow.ordinal))
    ]
    detail["captions"] = [
        {"text": c.text, "start": c.start, "end": c.end}
        for c in session.scalars(select(CaptionRow).where(CaptionRow.document_id == doc_id).order_by(CaptionRow.ordinal))
    ]
    detail["appendix"] = [
        {"title": a.title, "fields": a.fields, "start": a.start, "end": a.end}
        for a in session.scalars(select(AppendixRow).where(AppendixRow.document_id == doc_id).order_by(AppendixRow.ordinal))
    ]
    detail["sources"] = [
        {"locator": s.locator, "sha256": s.sha256, "format": s.format, "source_url": s.source_url,
         "imported_at": s.imported_at.isoformat(timespec="seconds")}
        for s in doc.sources
    ]
    meta = doc.meta or {}
    detail["author"] = meta.get("author")
    detail["breadcrumb"] = meta.get("breadcrumb", [])
    detail["flag_details"] = meta.get("flag_details", {})  # the evidence behind each quality flag
    detail["removed_lines"] = meta.get("removed_lines", [])  # site chrome / metadata lines taken out
    detail["n_paragraphs"] = session.scalar(select(func.count()).select_from(ParagraphRow).where(ParagraphRow.document_id == doc_id))
    return detail


def paragraphs(session: Session, doc_id: str) -> list[ParagraphRow]:
    return list(session.scalars(select(ParagraphRow).where(ParagraphRow.document_id == doc_id).order_by(ParagraphRow.ordinal)))


def get_text(session: Session, doc_id: str, start: int | None = None, end: int | None = None) -> str:
    doc = get_document(session, doc_id)
    n = len(doc.text)
    s = 0 if start is None else start
    e = n if end is None else end
    if s < 0 or e < s or e > n:
        raise InvalidQuery(f"范围 {s}-{e} 超出文本 (0-{n})")
    return doc.text[s:e]


def section_at(session: Session, doc_id: str, offset: int) -> SectionRow | None:
    """The innermost section containing ``offset`` (for citations)."""
    rows = session.scalars(
        select(SectionRow).where(SectionRow.document_id == doc_id, SectionRow.start <= offset, SectionRow.end > offset)
        .order_by(SectionRow.level.desc())
    ).first()
    return rows


def check_library(session: Session) -> list[str]:
    """Invariants: spans inside the text, normalized view same length, no orphan rows."""
    from baogao.services import derived

    problems: list[str] = []
    lengths = {doc_id: n for doc_id, n in session.execute(select(Document.id, func.length(Document.text)))}
    for doc in session.scalars(select(Document)):
        if len(doc.norm_text) != len(doc.text):
            problems.append(f"{doc.id}: 规范化文本长度 {len(doc.norm_text)} ≠ 原文 {len(doc.text)}")
        elif normalize(doc.text) != doc.norm_text:
            problems.append(f"{doc.id}: 规范化文本与原文不一致（需要 reindex）")
        if doc.n_chars != len(doc.text):
            problems.append(f"{doc.id}: n_chars {doc.n_chars} ≠ {len(doc.text)}")
        if not doc.sources:
            problems.append(f"{doc.id}: 没有来源记录")
    for table, label in ((SectionRow, "章节"), (ParagraphRow, "段落"), (GlossaryRow, "名词解释"), (CaptionRow, "图注"), (AppendixRow, "附件")):
        for doc_id, start, end in session.execute(select(table.document_id, table.start, table.end)):
            n = lengths.get(doc_id)
            if n is None:
                problems.append(f"{label}: 指向不存在的文档 {doc_id}")
            elif not (0 <= start <= end <= n):
                problems.append(f"{doc_id}: {label} 范围 {start}-{end} 超出文本长度 {n}")
    orphans = session.scalar(select(func.count()).select_from(Source).where(Source.document_id.not_in(select(Document.id))))
    if orphans:
        problems.append(f"{orphans} 条来源记录没有对应文档")
    for mod in derived.modules():
        if hasattr(mod, "check"):
            problems.extend(f"[{mod.NAME}] {p}" for p in mod.check(session))
    for mod in derived.stale(session):
        problems.append(f"[{mod.NAME}] 索引版本过期，请运行 baogao reindex")
    return problems


def library_stats(session: Session) -> dict:
    total = session.scalar(select(func.count()).select_from(Document)) or 0
    chars = session.scalar(select(func.coalesce(func.sum(Document.n_chars), 0))) or 0
    by_kind = dict(session.execute(select(Document.kind, func.count()).group_by(Document.kind)).all())
    by_level = dict(session.execute(select(Document.region_level, func.count()).group_by(Document.region_level)).all())
    years = session.execute(select(func.min(Document.year), func.max(Document.year))).one()
    return {"documents": total, "characters": int(chars), "by_kind": by_kind, "by_level": by_level,
            "years": [years[0], years[1]]}
