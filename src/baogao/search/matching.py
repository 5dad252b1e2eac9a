"""Occurrences of one query term: per document counts from the engine, positions by scan.

An occurrence is every position where the term starts in the normalized view (overlapping
ones too: 哈哈 occurs twice in 哈哈哈). A term never contains a line break, so an occurrence
never crosses a paragraph.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery
from baogao.search.docs import Library
from baogao.search.engine import get_engine
from baogao.search.index import doc_num_of
from baogao.search.schema import search_docs, search_units
from baogao.search.tokens import PHRASE_CHARS, query_tokens
from baogao.store.schema import Document

# A one-character term is answered by scanning the texts; beyond this many characters the scan
# is refused with a message asking for filters or a longer term.
SCAN_LIMIT = 60_000_000


def occurrences(hay: str, needle: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Every (overlapping) occurrence of ``needle`` in ``hay[start:end]``."""
    out: list[tuple[int, int]] = []
    if not needle:
        return out
    end = len(hay) if end is None else end
    m = len(needle)
    pos = hay.find(needle, start, end)
    while pos != -1:
        out.append((pos, pos + m))
        pos = hay.find(needle, pos + 1, end)
    return out


def count_in(hay: str, needle: str, start: int = 0, end: int | None = None) -> int:
    if len(needle) == 1 or needle[0] not in needle[1:]:  # cannot overlap itself
        return hay.count(needle, start, len(hay) if end is None else end)
    return len(occurrences(hay, needle, start, end))


def _norm_texts(session: Session, lib: Library, nums) -> dict[int, str]:
    ids = {lib.docs[n].id: n for n in nums if n in lib.docs}
    out: dict[int, str] = {}
    keys = list(ids)
    for i in range(0, len(keys), 200):
        for doc_id, norm in session.execute(select(Document.id, Document.norm_text).where(Document.id.in_(keys[i : i + 200]))):
            out[ids[doc_id]] = norm
    return out


def term_counts(session: Session, lib: Library, term: str, scope: set[int] | None = None,
                notes: list[str] | None = None) -> dict[int, int]:
    """{document number: occurrences} for one normalized term (documents with none left out)."""
    if not term:
        return {}
    if len(term) == 1:
        return _scan_single(session, lib, term, scope, notes)
    engine = get_engine(session)
    totals = engine.totals(session)
    counts: dict[int, int] = defaultdict(int)
    to_scan: list[int] = []
    exact = len(term) <= PHRASE_CHARS
    for uid, tf in engine.match(session, query_tokens(term), totals):
        num = doc_num_of(uid)
        if num not in lib.docs or (scope is not None and num not in scope):
            continue
        if tf is not None and exact:
            counts[num] += tf
        else:
            to_scan.append(uid)
    if to_scan:
        paras: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for i in range(0, len(to_scan), 500):
            for num, ps, pe in session.execute(
                select(search_units.c.doc_num, search_units.c.para_start, search_units.c.para_end)
                .where(search_units.c.id.in_(to_scan[i : i + 500]))
            ):
                paras[num].add((ps, pe))
        texts = _norm_texts(session, lib, paras)
        for num, spans in paras.items():
            norm = texts.get(num, "")
            n = sum(count_in(norm, term, ps, pe) for ps, pe in spans)
            if n:
                counts[num] += n
    return {n: c for n, c in counts.items() if c}


def _scan_single(session: Session, lib: Library, ch: str, scope: set[int] | None, notes: list[str] | None) -> dict[int, int]:
    nums = set(lib.docs) if scope is None else set(scope) & set(lib.docs)
    chars = sum(lib.docs[n].n_chars for n in nums)
    if chars > SCAN_LIMIT:
        raise InvalidQuery(
            f"单字查询“{ch}”需要逐字扫描 {chars:,} 个字，超过上限 {SCAN_LIMIT:,}：请加上筛选条件（地区、年份等）或用两个字以上的词"
        )
    if notes is not None:
        note = f"单字查询“{ch}”：索引按两个字建立，这一项逐字扫描了全文（结果完整，但较慢）"
        if note not in notes:
            notes.append(note)
    fn = func.strpos if session.get_bind().dialect.name == "postgresql" else func.instr
    ids = {lib.docs[n].id: n for n in nums}
    keys = list(ids)
    counts: dict[int, int] = {}
    for i in range(0, len(keys), 500):
        for doc_id, norm in session.execute(
            select(Document.id, Document.norm_text).where(Document.id.in_(keys[i : i + 500]), fn(Document.norm_text, ch) > 0)
        ):
            c = norm.count(ch)
            if c:
                counts[ids[doc_id]] = c
    return counts
