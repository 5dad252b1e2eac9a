"""Occurrences of one query term: per document counts from the engine, positions by scan.

An occurrence is every position where the term starts in the normalized view (overlapping
ones too: 哈哈 occurs twice in 哈哈哈). A term never contains a line break, so an occurrence
never crosses a paragraph.
"""

from __future__ import annotations

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery
from baogao.search.docs import Library
from baogao.search.engine import NO_HITS, get_engine
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


def term_hits(session: Session, lib: Library, term: str, scope: set[int] | frozenset[int] | None = None,
              notes: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, occurrences) of one normalized term; documents with none left out."""
    if not term:
        return NO_HITS
    if len(term) == 1:
        found = _scan_single(session, lib, term, scope, notes)
        return (np.fromiter(found.keys(), dtype=np.int64, count=len(found)),
                np.fromiter(found.values(), dtype=np.int64, count=len(found)))
    nums, counts = get_engine(session).match(session, term)
    keep = nums < lib.size
    keep[keep] = lib.present[nums[keep]]
    if scope is not None:
        keep &= np.isin(nums, np.fromiter(scope, dtype=np.int64, count=len(scope)))
    nums, counts = nums[keep], counts[keep]
    unknown = counts < 0
    if unknown.any():
        counts = counts.copy()
        texts = _norm_texts(session, lib, nums[unknown].tolist())
        counts[unknown] = [count_in(texts.get(n, ""), term) for n in nums[unknown].tolist()]
        nums, counts = nums[counts > 0], counts[counts > 0]
    return nums, counts


def term_counts(session: Session, lib: Library, term: str, scope: set[int] | frozenset[int] | None = None,
                notes: list[str] | None = None) -> dict[int, int]:
    """{document number: occurrences} for one normalized term (documents with none left out)."""
    nums, counts = term_hits(session, lib, term, scope, notes)
    return dict(zip(nums.tolist(), counts.tolist()))


def term_documents(session: Session, lib: Library, term: str, scope: set[int] | None = None) -> set[int]:
    """Numbers of the documents holding a normalized term (no counts: cheaper for exclusions)."""
    if len(term) < 2:
        return set(term_counts(session, lib, term, scope))
    engine = get_engine(session)
    if engine.max_exact_phrase is not None and len(term) > engine.max_exact_phrase:
        return set(term_counts(session, lib, term, scope))
    nums = {n for n in engine.documents(session, term) if n in lib.docs}
    return nums if scope is None else nums & scope


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
