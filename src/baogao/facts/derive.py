"""Facts as derived data: extracted in the import transaction, rebuilt when the extractor or
the catalog changes (see baogao.services.derived)."""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from baogao.facts.catalog import catalog_version, load_catalog
from baogao.facts.extract import EXTRACTOR_VERSION, Fact, extract_facts
from baogao.facts.schema import FactRow
from baogao.store.schema import Document
from baogao.text.normalize import NORMALIZE_VERSION

NAME = "facts"
VERSION = f"{EXTRACTOR_VERSION}+{catalog_version(load_catalog())}+n{NORMALIZE_VERSION}"


def fact_rows(doc_id: str, facts: list[Fact]) -> list[dict]:
    return [
        {
            "document_id": doc_id, "ordinal": i, "indicator": f.indicator, "kind": f.kind, "period": f.period,
            "period_start": f.period_start, "value": f.value, "low": f.low, "high": f.high, "unit": f.unit,
            "modifier": f.modifier, "basis": f.basis, "measure": f.measure, "qualifiers": f.qualifiers,
            "flags": f.flags, "is_primary": f.primary, "start": f.start, "end": f.end, "num_start": f.num_start,
            "num_end": f.num_end, "quote": f.quote, "extractor_version": f.extractor_version,
        }
        for i, f in enumerate(facts)
    ]


def refresh(session: Session, doc: Document, report=None, old_text: str | None = None) -> None:
    session.execute(delete(FactRow).where(FactRow.document_id == doc.id))
    facts = extract_facts(doc.text, doc.year, doc.id, norm=doc.norm_text)
    rows = fact_rows(doc.id, facts)
    if rows:
        session.execute(insert(FactRow), rows)


def remove(session: Session, doc_id: str) -> None:
    session.execute(delete(FactRow).where(FactRow.document_id == doc_id))


def check(session: Session) -> list[str]:
    """Every fact's spans lie inside its document and its quote is the text at its span."""
    problems: list[str] = []
    lengths = dict(session.execute(select(Document.id, func.length(Document.text))).all())
    texts: dict[str, str] = {}
    for row in session.execute(
        select(FactRow.document_id, FactRow.start, FactRow.end, FactRow.num_start, FactRow.num_end, FactRow.quote,
               FactRow.extractor_version)
    ):
        doc_id, s, e, ns, ne, quote, version = row
        n = lengths.get(doc_id)
        if n is None:
            problems.append(f"事实指向不存在的文档 {doc_id}")
            continue
        if not (0 <= s <= ns <= ne <= e <= n):
            problems.append(f"{doc_id}: 事实范围 {s}-{e} / {ns}-{ne} 不合法（文本长度 {n}）")
            continue
        if doc_id not in texts:
            texts[doc_id] = session.scalar(select(Document.text).where(Document.id == doc_id)) or ""
        if texts[doc_id][s:e] != quote:
            problems.append(f"{doc_id}: 事实引文与原文 {s}-{e} 不一致（需要 reindex）")
        if version != EXTRACTOR_VERSION:
            problems.append(f"{doc_id}: 事实由旧版抽取器 {version} 生成（需要 reindex）")
    return problems
