"""Writing and reading documents. Only this module (and derived-data modules) write rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from baogao.model import Identity, StructuredReport
from baogao.store.schema import (
    AppendixRow,
    CaptionRow,
    Document,
    GlossaryRow,
    ParagraphRow,
    SectionRow,
    Source,
    utcnow,
)
from baogao.text.normalize import normalize
from baogao.text.structure import STRUCTURE_VERSION

# Two texts whose 4-gram shingles overlap at least this much are the same report.
SAME_REPORT = 0.8

IMPORTED, UNCHANGED, MERGED, UPDATED = "imported", "unchanged", "merged", "updated"
RESTRUCTURED = "restructured"  # same source and text, outline rebuilt under newer structure rules


@dataclass
class SaveResult:
    status: str  # imported | unchanged | restructured | merged | updated
    doc_id: str
    old_text: str | None = None  # set when an update changed the text


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shingles(norm: str, k: int = 4, step: int = 3) -> set[str]:
    compact = "".join(norm.split())
    return {compact[i : i + k] for i in range(0, max(len(compact) - k + 1, 1), step)}


def similarity(a_norm: str, b_norm: str) -> float:
    """Jaccard overlap of sampled 4-gram shingles: cheap and good enough to tell versions apart."""
    a, b = _shingles(a_norm), _shingles(b_norm)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_source(session: Session, sha256: str) -> Source | None:
    return session.scalar(select(Source).where(Source.sha256 == sha256))


def _candidates(session: Session, base_id: str) -> list[Document]:
    pattern = base_id + "-%"
    rows = session.scalars(
        select(Document).where((Document.id == base_id) | (Document.id.like(pattern))).order_by(Document.id)
    ).all()
    # only our own suffixes (-2, -3 ...), not a longer id that happens to share the prefix
    return [d for d in rows if d.id == base_id or d.id[len(base_id) + 1 :].isdigit()]


def _free_id(session: Session, base_id: str, taken: list[Document]) -> str:
    ids = {d.id for d in taken}
    if base_id not in ids:
        return base_id
    n = 2
    while f"{base_id}-{n}" in ids:
        n += 1
    return f"{base_id}-{n}"


def save_report(session: Session, report: StructuredReport, identity: Identity) -> SaveResult:
    """Store one report: new document, second source of a known one, or a new version.

    * the same source bytes again -> ``unchanged`` (nothing written), or ``restructured`` when
      the document's outline was built by older structure rules and this source's text is the
      stored text (outline, paragraphs and glossary replaced, revision + 1, text untouched; the
      caller refreshes derived data as for ``updated``);
    * another source whose text is the same report -> ``merged`` (a source row added);
    * the same locator with a changed text -> ``updated`` (text and structure replaced,
      revision + 1; derived data such as note anchors are refreshed by the caller);
    * otherwise a new document; a colliding id gets a ``-2`` suffix.
    """
    clean = report.clean
    existing = find_source(session, clean.sha256)
    if existing is not None:
        doc = session.get(Document, existing.document_id)
        if (doc is not None and (doc.meta or {}).get("structure_version") != STRUCTURE_VERSION
                and doc.text_sha256 == sha256_text(clean.text)):
            _replace_structure(session, doc.id, report)
            doc.meta = {**(doc.meta or {}), "structure_version": STRUCTURE_VERSION}
            doc.revision += 1
            doc.updated_at = utcnow()
            session.flush()
            return SaveResult(RESTRUCTURED, doc.id, old_text=doc.text)
        return SaveResult(UNCHANGED, existing.document_id)
    norm = normalize(clean.text)
    text_sha = sha256_text(clean.text)
    candidates = _candidates(session, identity.doc_id)
    for doc in candidates:
        same_locator = any(s.locator == clean.locator for s in doc.sources)
        if doc.text_sha256 == text_sha or (not same_locator and similarity(doc.norm_text, norm) >= SAME_REPORT):
            _add_source(session, doc, report)
            return SaveResult(MERGED, doc.id)
        if same_locator:
            old_text = doc.text
            _fill_document(doc, report, identity, norm, text_sha)
            doc.revision += 1
            _replace_structure(session, doc.id, report)
            _add_source(session, doc, report)
            session.flush()
            return SaveResult(UPDATED, doc.id, old_text=old_text)
    doc = Document(id=_free_id(session, identity.doc_id, candidates), revision=1, created_at=utcnow())
    _fill_document(doc, report, identity, norm, text_sha)
    session.add(doc)
    session.flush()
    _replace_structure(session, doc.id, report)
    _add_source(session, doc, report)
    session.flush()
    return SaveResult(IMPORTED, doc.id)


def _fill_document(doc: Document, report: StructuredReport, identity: Identity, norm: str, text_sha: str) -> None:
    clean = report.clean
    region = identity.region
    doc.title = clean.title
    doc.region_code = region.code if region else None
    doc.region_name = region.name if region else None
    doc.region_level = region.level if region else None
    doc.region_parents = [{"code": p.code, "name": p.name, "level": p.level} for p in identity.parents]
    doc.year = identity.year
    doc.kind = identity.kind
    doc.delivered_on = clean.delivered_on
    doc.published_on = clean.published_on
    doc.meeting = clean.meeting
    doc.speaker = clean.speaker
    doc.speaker_title = clean.speaker_title
    doc.source_name = clean.source_name
    doc.source_url = clean.source_url or clean.hints.get("url")
    doc.text = clean.text
    doc.norm_text = norm
    doc.n_chars = len(clean.text)
    doc.text_sha256 = text_sha
    doc.flags = sorted(set(clean.flags) | set(report.flags) | set(identity.flags))
    doc.meta = document_meta(report, identity)
    doc.updated_at = utcnow()


# Lines cleaning took out are kept as evidence (what was removed, never silently); capped so a
# long repeated footer does not bloat the row.
REMOVED_LINES_KEPT, REMOVED_LINE_CHARS = 60, 160


def _json_safe(value):
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def document_meta(report: StructuredReport, identity: Identity) -> dict:
    """What cleaning and identification found besides the columns: the byline, the breadcrumb,
    the evidence behind each quality flag, the lines removed as site chrome or metadata."""
    clean = report.clean
    meta: dict = {"structure_version": STRUCTURE_VERSION}
    if clean.author:
        meta["author"] = clean.author
    if clean.breadcrumb:
        meta["breadcrumb"] = list(clean.breadcrumb)
    details = {**(clean.flag_details or {}), **(identity.flag_details or {})}
    if details:
        meta["flag_details"] = _json_safe(details)
    if clean.removed:
        meta["removed_lines"] = [line[:REMOVED_LINE_CHARS] for line in clean.removed[:REMOVED_LINES_KEPT]]
        meta["n_removed_lines"] = len(clean.removed)
    if clean.hints.get("encoding"):
        meta["encoding"] = clean.hints["encoding"]
    return meta


def _add_source(session: Session, doc: Document, report: StructuredReport) -> None:
    clean = report.clean
    session.add(
        Source(
            document_id=doc.id,
            locator=clean.locator,
            sha256=clean.sha256,
            format=clean.format,
            source_url=clean.source_url or clean.hints.get("url"),
            title=clean.title,
            imported_at=utcnow(),
        )
    )
    if not doc.source_url and (clean.source_url or clean.hints.get("url")):
        doc.source_url = clean.source_url or clean.hints.get("url")


STRUCTURE_TABLES = (SectionRow, ParagraphRow, GlossaryRow, CaptionRow, AppendixRow)


def _replace_structure(session: Session, doc_id: str, report: StructuredReport) -> None:
    """Replace the outline/paragraph/glossary rows of a document (bulk inserts: thousands of rows)."""
    for table in STRUCTURE_TABLES:
        session.execute(delete(table).where(table.document_id == doc_id))
    rows = {
        SectionRow: [
            dict(document_id=doc_id, ordinal=i, level=s.level, label=s.label, title=s.title,
                 start=s.start, end=s.end, heading_end=s.heading_end, parent_ordinal=s.parent)
            for i, s in enumerate(report.sections)
        ],
        ParagraphRow: [
            dict(document_id=doc_id, ordinal=i, kind=p.kind, start=p.start, end=p.end, section_ordinal=p.section)
            for i, p in enumerate(report.paragraphs)
        ],
        GlossaryRow: [
            dict(document_id=doc_id, ordinal=i, number=g.number, term=g.term, definition=g.definition,
                 start=g.start, end=g.end, term_start=g.term_start, term_end=g.term_end,
                 definition_start=g.definition_start, definition_end=g.definition_end)
            for i, g in enumerate(report.glossary)
        ],
        CaptionRow: [
            dict(document_id=doc_id, ordinal=i, text=c.text, start=c.start, end=c.end)
            for i, c in enumerate(report.captions)
        ],
        AppendixRow: [
            dict(document_id=doc_id, ordinal=i, title=a.title, fields=a.fields, start=a.start, end=a.end)
            for i, a in enumerate(report.appendix)
        ],
    }
    for table, values in rows.items():
        if values:
            session.execute(insert(table), values)


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0
