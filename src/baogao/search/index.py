"""The search index as derived data (see baogao.services.derived): refresh, remove, check, rebuild.

Importing a document calls ``refresh`` in the same transaction, so there is no moment when a
document exists but cannot be found. ``VERSION`` is the index format: when it changes, the
stored index is rebuilt (``baogao reindex`` does it on request, imports and searches do it when
the version is stale).
"""

from __future__ import annotations

import zlib
from typing import Iterable

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from baogao.search.engine import get_engine
from baogao.search.schema import UNIT_BITS, search_docs, search_meta, search_units
from baogao.search.tokens import Unit, bigrams, lines_as_paragraphs, units_for
from baogao.store.schema import Document, IndexState, ParagraphRow, utcnow
from baogao.text.normalize import normalize

NAME = "search"
VERSION = "bigram-2"

NATIONAL_CODE = "100000"


def unit_id(num: int, ordinal: int) -> int:
    return (num << UNIT_BITS) | ordinal


def doc_num_of(uid: int) -> int:
    return uid >> UNIT_BITS


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


def unit_rows(num: int, norm: str, units: list[Unit]) -> tuple[list[dict], list[list[str]]]:
    rows, toks = [], []
    for u in units:
        t = bigrams(norm[u.start : u.end])
        rows.append({
            "id": unit_id(num, u.ordinal), "doc_num": num, "start": u.start, "end": u.end,
            "para_start": u.para_start, "para_end": u.para_end, "n_tokens": len(t),
            "crc": _crc(norm[u.start : u.end]),
        })
        toks.append(t)
    return rows, toks


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


def _cap(session: Session) -> bool:
    """PostgreSQL keeps at most 256 positions per lexeme in a tsvector."""
    return session.get_bind().dialect.name == "postgresql"


def _paragraphs(session: Session, doc: Document) -> list[tuple[int, int]]:
    rows = session.execute(
        select(ParagraphRow.start, ParagraphRow.end).where(ParagraphRow.document_id == doc.id)
    ).all()
    return [(s, e) for s, e in rows] if rows else lines_as_paragraphs(doc.text)


def _doc_fields(doc) -> dict:
    return {
        "document_id": doc.id, "title": doc.title, "year": doc.year, "region_code": doc.region_code,
        "region_name": doc.region_name, "region_level": doc.region_level,
        "region_label": region_label(doc.region_code, doc.region_name, doc.region_parents),
        "kind": doc.kind, "n_chars": len(doc.text), "revision": doc.revision or 1,
    }


def _drop(session: Session, num: int, old_norm: str | None) -> bool:
    """Remove a document's units from the engine; False when their tokens cannot be recomputed."""
    engine = get_engine(session)
    rows = [dict(r._mapping) for r in session.execute(select(search_units).where(search_units.c.doc_num == num))]
    if not rows:
        return True
    toks: list[list[str]] = []
    if engine.name == "sqlite-fts5":  # contentless FTS5: a delete needs the indexed tokens
        for r in rows:
            piece = (old_norm or "")[r["start"] : r["end"]]
            if old_norm is None or r["end"] > len(old_norm) or _crc(piece) != r["crc"]:
                return False
            toks.append(bigrams(piece))
    else:
        toks = [[] for _ in rows]
    engine.delete(session, rows, toks)
    _bump(session, n_units=-len(rows), n_tokens=-sum(r["n_tokens"] for r in rows), generation=0)
    return True


def _add(session: Session, doc, paragraphs: list[tuple[int, int]], num: int | None = None) -> int:
    fields = _doc_fields(doc)
    if num is None:
        num = session.execute(search_docs.insert().values(n_units=0, **fields)).inserted_primary_key[0]
    units = units_for(doc.norm_text, paragraphs, cap_positions=_cap(session))
    rows, toks = unit_rows(num, doc.norm_text, units)
    get_engine(session).add(session, rows, toks)
    session.execute(search_docs.update().where(search_docs.c.num == num).values(n_units=len(rows), **fields))
    _bump(session, n_units=len(rows), n_tokens=sum(r["n_tokens"] for r in rows), generation=0)
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


def rebuild(session: Session, batch: int = 200) -> None:
    """Rebuild the whole index from the store."""
    engine = get_engine(session)
    engine.clear(session)
    session.execute(search_docs.delete())
    session.execute(search_meta.delete())
    _bump(session, n_units=0, n_tokens=0)
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    index_documents(session, ids, batch=batch)
    _set_state(session)


def index_documents(session: Session, ids: Iterable[str], batch: int = 200) -> None:
    """Index documents that are not in the index yet, in batches (rebuilds and benchmarks)."""
    ids = list(ids)
    engine = get_engine(session)
    cap = _cap(session)
    next_num = (session.scalar(select(func.max(search_docs.c.num))) or 0) + 1
    for i in range(0, len(ids), batch):
        chunk = ids[i : i + batch]
        paras: dict[str, list[tuple[int, int]]] = {d: [] for d in chunk}
        for doc_id, s, e in session.execute(
            select(ParagraphRow.document_id, ParagraphRow.start, ParagraphRow.end).where(ParagraphRow.document_id.in_(chunk))
        ):
            paras[doc_id].append((s, e))
        docs = session.execute(
            select(Document.id, Document.title, Document.year, Document.region_code, Document.region_name,
                   Document.region_level, Document.region_parents, Document.kind, Document.text,
                   Document.norm_text, Document.revision).where(Document.id.in_(chunk)).order_by(Document.id)
        ).all()
        doc_rows, all_units, all_tokens = [], [], []
        for d in docs:
            units = units_for(d.norm_text, paras[d.id] or lines_as_paragraphs(d.text), cap_positions=cap)
            rows, toks = unit_rows(next_num, d.norm_text, units)
            doc_rows.append({"num": next_num, "n_units": len(rows), **_doc_fields(d)})
            all_units.extend(rows)
            all_tokens.extend(toks)
            next_num += 1
        if doc_rows:
            session.execute(search_docs.insert(), doc_rows)
            engine.add(session, all_units, all_tokens)
            _bump(session, n_units=len(all_units), n_tokens=sum(r["n_tokens"] for r in all_units), generation=0)
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


def check(session: Session) -> list[str]:
    """The index agrees with the store: every paragraph indexed once, nothing stale, counts right."""
    problems: list[str] = []
    indexed = {r.document_id: r for r in session.execute(select(search_docs))}
    stored = dict(session.execute(select(Document.id, Document.revision)).all())
    for doc_id in sorted(set(indexed) - set(stored)):
        problems.append(f"索引中的文档 {doc_id} 已不在文库中（需要 reindex）")
    for doc_id in sorted(set(stored) - set(indexed)):
        problems.append(f"文档 {doc_id} 没有编入搜索索引（需要 reindex）")
    units_by_doc: dict[int, list] = {}
    for r in session.execute(select(search_units)):
        units_by_doc.setdefault(r.doc_num, []).append(r)
    known_nums = {r.num for r in indexed.values()}
    orphan_units = sum(len(v) for n, v in units_by_doc.items() if n not in known_nums)
    if orphan_units:
        problems.append(f"{orphan_units} 个索引单元不属于任何已索引文档（需要 reindex）")
    expected: dict[int, int] = {}
    cap = _cap(session)
    ids = sorted(set(indexed) & set(stored))
    for i in range(0, len(ids), 200):
        chunk = ids[i : i + 200]
        paras: dict[str, list[tuple[int, int]]] = {d: [] for d in chunk}
        for doc_id, s, e in session.execute(
            select(ParagraphRow.document_id, ParagraphRow.start, ParagraphRow.end).where(ParagraphRow.document_id.in_(chunk))
        ):
            paras[doc_id].append((s, e))
        for doc_id, txt, norm, revision in session.execute(
            select(Document.id, Document.text, Document.norm_text, Document.revision).where(Document.id.in_(chunk))
        ):
            row = indexed[doc_id]
            want, _ = unit_rows(row.num, norm, units_for(norm, paras[doc_id] or lines_as_paragraphs(txt), cap_positions=cap))
            have = sorted(units_by_doc.get(row.num, []), key=lambda r: r.id)
            if (row.revision or 1) != (revision or 1) or row.n_chars != len(txt):
                problems.append(f"{doc_id}: 索引的是旧版本（需要 reindex）")
            if [(w["id"], w["start"], w["end"], w["crc"], w["n_tokens"]) for w in want] != [
                (h.id, h.start, h.end, h.crc, h.n_tokens) for h in have
            ]:
                problems.append(f"{doc_id}: 索引的段落（{len(have)}）与文库中的段落（{len(want)}）不一致（需要 reindex）")
            for w in want:
                expected[w["id"]] = w["n_tokens"]
    for units in units_by_doc.values():
        for u in units:
            expected.setdefault(u.id, u.n_tokens)
    problems.extend(get_engine(session).check(session, expected))
    m = meta(session)
    n_units = session.scalar(select(func.count()).select_from(search_units)) or 0
    n_tokens = session.scalar(select(func.coalesce(func.sum(search_units.c.n_tokens), 0))) or 0
    if m.get("n_units") != n_units or m.get("n_tokens") != n_tokens:
        problems.append(f"索引计数 ({m.get('n_units')}, {m.get('n_tokens')}) 与单元 ({n_units}, {n_tokens}) 不一致")
    return problems


def size_bytes(session: Session) -> int | None:
    """Bytes the index occupies (SQLite: the FTS5 shadow tables and the units table)."""
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
