"""The search index as derived data (see baogao.services.derived): refresh, remove, check, rebuild.

Importing a document calls ``refresh`` in the same transaction, so there is no moment when a
document exists but cannot be found. ``VERSION`` is the index format: when it changes, the
stored index is rebuilt (``baogao reindex`` does it on request, imports and searches do it when
the version is stale).
"""

from __future__ import annotations

import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from baogao.search.engine import get_engine
from baogao.search.schema import search_docs, search_meta
from baogao.search.tokens import lines_as_paragraphs
from baogao.store.schema import Document, IndexState, ParagraphRow, utcnow
from baogao.text.normalize import NORMALIZE_VERSION, normalize

NAME = "search"
# bigram-3: one engine row per document on SQLite (FTS5 columnsize=0); +nN: the normalized view it indexes
VERSION = f"bigram-3+n{NORMALIZE_VERSION}"

NATIONAL_CODE = "100000"
BATCH = 200


def region_label(code: str | None, name: str | None, parents: list | None) -> str:
    """The facet value for a document's region: its province (全国 for national reports)."""
    if code == NATIONAL_CODE:
        return "全国"
    top = name
    for p in parents or []:
        if p.get("level") == "province":
            top = p.get("name")
    return top or "未知"


def _crc(s: str) -> int:
    return zlib.crc32(s.encode("utf-8", "surrogatepass"))


# ------------------------------------------------------------------------------------------------
# counters


def _bump(session: Session, **deltas: int) -> None:
    deltas = {"generation": 1, **deltas}
    existing = dict(session.execute(select(search_meta.c.key, search_meta.c.value)).all())
    for key, delta in deltas.items():
        if key in existing:
            session.execute(search_meta.update().where(search_meta.c.key == key).values(value=search_meta.c.value + delta))
        else:
            session.execute(search_meta.insert().values(key=key, value=delta))


def meta(session: Session) -> dict[str, int]:
    return {k: int(v) for k, v in session.execute(select(search_meta.c.key, search_meta.c.value)).all()}


# ------------------------------------------------------------------------------------------------
# protocol


def _needs_paragraphs(session: Session) -> bool:
    """PostgreSQL cuts documents into units of whole paragraphs; SQLite indexes whole texts."""
    return session.get_bind().dialect.name == "postgresql"


def _paragraphs(session: Session, doc: Document) -> list[tuple[int, int]]:
    if not _needs_paragraphs(session):
        return []
    rows = session.execute(
        select(ParagraphRow.start, ParagraphRow.end).where(ParagraphRow.document_id == doc.id)
    ).all()
    return [(s, e) for s, e in rows] if rows else lines_as_paragraphs(doc.text)


def _doc_fields(doc) -> dict:
    return {
        "document_id": doc.id, "title": doc.title, "year": doc.year, "region_code": doc.region_code,
        "region_name": doc.region_name, "region_level": doc.region_level,
        "region_label": region_label(doc.region_code, doc.region_name, doc.region_parents),
        "kind": doc.kind, "n_chars": len(doc.norm_text), "revision": doc.revision or 1,  # same length as text
        "crc": _crc(doc.norm_text), "n_tokens": 0,  # set to what the engine stored
    }


def _drop(session: Session, num: int, old_norm: str | None) -> bool:
    """Remove a document from the engine; False when what it was indexed with is unknown."""
    row = session.execute(select(search_docs.c.crc, search_docs.c.n_tokens).where(search_docs.c.num == num)).first()
    if row is None:
        return True
    if old_norm is None or _crc(old_norm) != row.crc:
        return False  # a contentless FTS5 row can only be deleted with the exact tokens it holds
    get_engine(session).delete(session, [(num, old_norm)])
    _bump(session, n_docs=-1, n_tokens=-int(row.n_tokens), generation=0)
    return True


def _add(session: Session, doc, paragraphs: list[tuple[int, int]], num: int | None = None) -> int:
    fields = _doc_fields(doc)
    if num is None:
        num = session.execute(search_docs.insert().values(n_units=1, **fields)).inserted_primary_key[0]
    (fields["n_tokens"],) = get_engine(session).add(session, [(num, doc.norm_text, paragraphs)])
    session.execute(search_docs.update().where(search_docs.c.num == num).values(n_units=1, **fields))
    _bump(session, n_docs=1, n_tokens=fields["n_tokens"], generation=0)
    return num


def refresh(session: Session, doc: Document, report=None, old_text: str | None = None) -> None:
    """(Re)index one document (called in the import transaction)."""
    session.flush()
    num = session.scalar(select(search_docs.c.num).where(search_docs.c.document_id == doc.id))
    if num is not None:
        old_norm = normalize(old_text) if old_text is not None else doc.norm_text
        if not _drop(session, num, old_norm):
            rebuild(session)  # the old tokens are unknown: rebuild everything (correct, slow, rare)
            return
    _add(session, doc, _paragraphs(session, doc), num)
    _bump(session)


def remove(session: Session, doc_id: str) -> None:
    num = session.scalar(select(search_docs.c.num).where(search_docs.c.document_id == doc_id))
    if num is None:
        return
    norm = session.scalar(select(Document.norm_text).where(Document.id == doc_id))
    if not _drop(session, num, norm):
        session.execute(search_docs.delete().where(search_docs.c.num == num))
        rebuild(session)
        return
    session.execute(search_docs.delete().where(search_docs.c.num == num))
    _bump(session)


def rebuild(session: Session, batch: int = BATCH) -> None:
    """Rebuild the whole index from the store."""
    engine = get_engine(session)
    engine.clear(session)
    session.execute(search_docs.delete())
    session.execute(search_meta.delete())
    _bump(session, n_docs=0, n_tokens=0)
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    engine.bulk(session, True)
    try:
        index_documents(session, ids, batch=batch)
    finally:
        engine.bulk(session, False)
    _set_state(session)


def index_documents(session: Session, ids: Iterable[str], batch: int = BATCH) -> None:
    """Index documents that are not in the index yet, in batches (rebuilds and benchmarks).

    Pipelined: while the engine writes one batch (SQLite's FTS5 works without Python's lock),
    a worker thread makes the next batch's tokens.
    """
    ids = list(ids)
    engine = get_engine(session)
    want_paras = _needs_paragraphs(session)
    next_num = (session.scalar(select(func.max(search_docs.c.num))) or 0) + 1

    def write(pending) -> None:
        doc_rows, future = pending
        for row, n in zip(doc_rows, engine.write(session, future.result())):
            row["n_tokens"] = n
        session.execute(search_docs.insert(), doc_rows)
        _bump(session, n_docs=len(doc_rows), n_tokens=sum(r["n_tokens"] for r in doc_rows), generation=0)

    pending = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            paras: dict[str, list[tuple[int, int]]] = {d: [] for d in chunk}
            if want_paras:
                for doc_id, s, e in session.execute(
                    select(ParagraphRow.document_id, ParagraphRow.start, ParagraphRow.end).where(ParagraphRow.document_id.in_(chunk))
                ):
                    paras[doc_id].append((s, e))
            text_col = Document.text if want_paras else Document.id.label("text")  # the text only for lines
            docs = session.execute(
                select(Document.id, Document.title, Document.year, Document.region_code, Document.region_name,
                       Document.region_level, Document.region_parents, Document.kind, text_col,
                       Document.norm_text, Document.revision).where(Document.id.in_(chunk)).order_by(Document.id)
            ).all()
            doc_rows, items = [], []
            for d in docs:
                doc_rows.append({"num": next_num, "n_units": 1, **_doc_fields(d)})
                items.append((next_num, d.norm_text, (paras[d.id] or lines_as_paragraphs(d.text)) if want_paras else []))
                next_num += 1
            if not doc_rows:
                continue
            future = pool.submit(engine.prepare, items)
            if pending is not None:
                write(pending)
            pending = (doc_rows, future)
        if pending is not None:
            write(pending)
    if session.get_bind().dialect.name == "postgresql" and ids:
        session.execute(text("SELECT setval(pg_get_serial_sequence('search_docs', 'num'), "
                             "(SELECT coalesce(max(num), 1) FROM search_docs))"))
    _bump(session)


def _set_state(session: Session) -> None:
    state = session.get(IndexState, NAME)
    if state is None:
        session.add(IndexState(name=NAME, version=VERSION, built_at=utcnow()))
    else:
        state.version, state.built_at = VERSION, utcnow()
    session.flush()


def is_stale(session: Session) -> bool:
    state = session.get(IndexState, NAME)
    return state is None or state.version != VERSION


def _probe(norm: str, num: int) -> str | None:
    """A short piece of the text that the index must find in this document."""
    if len(norm) < 2:
        return None
    length = min(4, len(norm))
    at = (num * 7919) % (len(norm) - length + 1)
    return norm[at : at + length]


def check(session: Session) -> list[str]:
    """The index agrees with the store: every document indexed once, from its current text, and
    found by the engine; nothing stale; the engine's totals add up."""
    problems: list[str] = []
    engine = get_engine(session)
    indexed = {r.document_id: r for r in session.execute(select(search_docs))}
    stored = dict(session.execute(select(Document.id, Document.revision)).all())
    for doc_id in sorted(set(indexed) - set(stored)):
        problems.append(f"索引中的文档 {doc_id} 已不在文库中（需要 reindex）")
    for doc_id in sorted(set(stored) - set(indexed)):
        problems.append(f"文档 {doc_id} 没有编入搜索索引（需要 reindex）")
    expected = {r.num: int(r.n_tokens) for r in indexed.values()}
    ids = sorted(set(indexed) & set(stored))
    not_found: list[str] = []
    for i in range(0, len(ids), BATCH):
        chunk = ids[i : i + BATCH]
        for doc_id, txt, norm, revision in session.execute(
            select(Document.id, Document.text, Document.norm_text, Document.revision).where(Document.id.in_(chunk))
        ):
            row = indexed[doc_id]
            if (row.revision or 1) != (revision or 1) or row.n_chars != len(txt) or row.crc != _crc(norm):
                problems.append(f"{doc_id}: 索引的是旧版本（需要 reindex）")
            probe = _probe(norm, row.num)
            if probe is not None and not engine.has(session, row.num, probe):
                not_found.append(doc_id)
    if not_found:
        problems.append(f"{len(not_found)} 篇文档用自己的文字查不到（例如 {not_found[0]}，需要 reindex）")
    problems.extend(engine.check(session, expected))
    m = meta(session)
    if m.get("n_docs") != len(indexed) or m.get("n_tokens") != sum(expected.values()):
        problems.append(f"索引计数 ({m.get('n_docs')}, {m.get('n_tokens')}) 与索引表 ({len(indexed)}, {sum(expected.values())}) 不一致")
    return problems


def size_bytes(session: Session) -> int | None:
    """Bytes the index occupies (the FTS5 shadow tables or the units table, and search_docs)."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        try:
            return int(session.scalar(text(
                "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%' OR name = 'search_units' "
                "OR name = 'search_docs' OR name LIKE 'ix_search%' OR name LIKE 'sqlite_autoindex_search%'"
            )) or 0)
        except Exception:
            return None
    return int(session.scalar(text(
        "SELECT pg_total_relation_size('search_units') + pg_total_relation_size('search_docs')"
    )) or 0)
