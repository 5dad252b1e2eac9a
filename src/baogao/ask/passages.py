"""Candidate paragraphs for a question, from the search index (only matching documents are read).

For every alternative of every question word (2+ characters) the search index gives the
documents that contain it (``baogao.search.matching.term_documents``: the phrase match is
exact). The documents in the question's scope are OR-ed and, when there are more than
``max_docs``, the best ones are kept by a coarse score (the rarity-weighted share of the
question's words a document holds, plus the caller's per-document bonus: year, region, national
report). Only those documents' texts are read and cut into the stored paragraphs that hold a
word; the question ranking in ``retrieve`` then works on those paragraphs.

The search package is used read-only, through its functions. ``None`` means the index cannot
answer (not built, stale, or documents in scope missing from it): the caller scans the texts.
"""

from __future__ import annotations

import heapq
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from baogao.search.docs import library
from baogao.search.matching import term_documents
from baogao.search.schema import search_docs, search_meta
from baogao.store.schema import Document, ParagraphRow

CHAR_BUDGET = 2_000_000  # characters of documents read per question at most (about)
MIN_DOCS = 50


@dataclass
class Paragraph:
    doc_id: str
    ordinal: int
    start: int
    end: int
    section: int | None
    text: str  # the document's text[start:end]
    norm: str  # its normalized view


@dataclass
class Candidates:
    paragraphs: list[Paragraph]
    docs: set[str]  # documents holding at least one of the words (all of them, not only those read)
    truncated: bool = False  # more documents matched than were read
    unit_df: dict[str, int] = field(default_factory=dict)  # word -> documents in scope holding it
    read_df: dict[str, int] = field(default_factory=dict)  # word -> of those, documents read


# ------------------------------------------------------------------------------------------------
# term -> document numbers, cached per index generation

_CACHE: OrderedDict[tuple, tuple[int, ...]] = OrderedDict()
_CACHE_SIZE = 512
_LOCK = threading.Lock()


def _generation(session: Session) -> tuple:
    """What the index looks like now: its counters and highest document number. Two libraries
    on the same URL (tests re-creating a database) differ in it even when one generation
    counter happens to equal the other's."""
    meta = dict(session.execute(select(search_meta.c.key, search_meta.c.value)).all())
    top = session.scalar(select(func.max(search_docs.c.num)))
    return (meta.get("generation"), meta.get("n_docs"), meta.get("n_tokens"), top)


def stamp(session: Session) -> tuple:
    return _generation(session)


def term_docs(session: Session, term: str, generation: tuple | None = None) -> tuple[int, ...]:
    """Numbers of the documents holding ``term`` (normalized, 2+ characters), whole library."""
    if len(term) < 2:
        return ()
    bind = session.get_bind()
    gen = _generation(session) if generation is None else generation
    key = (repr(bind.url), id(bind), gen, term)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    nums = tuple(sorted(term_documents(session, library(session), term)))
    if session.new or session.dirty or session.deleted:
        return nums  # uncommitted changes: the generation may not say so yet
    with _LOCK:
        _CACHE[key] = nums
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return nums


def _chunks(items: list, n: int):
    for i in range(0, len(items), n):
        yield items[i : i + n]


def usable(session: Session) -> bool:
    try:
        from baogao.search import index as search_index

        return not search_index.is_stale(session)
    except Exception:
        return False


def phrase_in_scope(session: Session, phrase: str, doc_ids: list[str]) -> bool | None:
    """Whether ``phrase`` occurs in one of the documents (None: the index cannot tell)."""
    lib = library(session)
    nums = {lib.by_id.get(d) for d in doc_ids}
    if None in nums or len(phrase) < 2:
        return None
    return any(n in nums for n in term_docs(session, phrase))


def candidates(
    session: Session,
    doc_ids: list[str],
    groups: dict[str, list[str]],
    *,
    factor: Callable[[str], float] = lambda kw: 1.0,
    bonus: dict[str, float] | None = None,
    max_docs: int | None = None,
) -> Candidates | None:
    """The paragraphs of the documents ``doc_ids`` (in scope order) that may hold the words."""
    if not usable(session):
        return None
    lib = library(session)
    order: dict[int, int] = {}
    for i, d in enumerate(doc_ids):
        num = lib.by_id.get(d)
        if num is None:
            return None  # a document in scope is not indexed
        order.setdefault(num, i)
    whole = len(order) == len(lib.docs)
    gen = _generation(session)
    per_kw: dict[str, set[int]] = {}
    for kw, alts in groups.items():
        found: set[int] = set()
        for a in alts:
            if len(a) >= 2:
                found.update(term_docs(session, a, gen))
        if not whole:
            found = {n for n in found if n in order}
        per_kw[kw] = found
    pool: dict[int, list[str]] = {}
    for kw, nums in per_kw.items():
        for n in nums:
            pool.setdefault(n, []).append(kw)
    docs = {lib.docs[n].id for n in pool}
    doc_df = {kw: len(v) for kw, v in per_kw.items()}
    if max_docs is None:
        max_docs = max(MIN_DOCS, int(CHAR_BUDGET / max(1.0, lib.avg_chars)))
    chosen = list(pool)
    truncated = len(chosen) > max_docs
    if truncated:
        n = len(pool)
        w = {kw: factor(kw) * math.log(1 + n / (df + 0.5)) for kw, df in doc_df.items()}
        total = sum(w.values()) or 1.0
        bonus = bonus or {}
        score: dict[int, float] = dict.fromkeys(pool, 0.0)
        for kw, nums in per_kw.items():
            share = w[kw] / total
            for num in nums:
                score[num] += share
        for num in pool:
            score[num] += bonus.get(lib.docs[num].id, 0.0)
        chosen = heapq.nsmallest(max_docs, pool, key=lambda num: (-score[num], order.get(num, 0), num))
    chosen_set = set(chosen)
    read_df = {kw: sum(1 for n in v if n in chosen_set) for kw, v in per_kw.items()}
    words = [a for alts in groups.values() for a in alts]
    return Candidates(read_paragraphs(session, [lib.docs[n].id for n in chosen], words), docs, truncated,
                      doc_df, read_df)


def read_paragraphs(session: Session, doc_ids: list[str], words: list[str]) -> list[Paragraph]:
    """The stored paragraphs of the given documents that contain one of ``words``.

    Each text is read once; the lines holding a word are found in its normalized view, and only
    those lines' paragraph rows are read (paragraphs are whole lines).
    """
    words = [w for w in dict.fromkeys(words) if w]
    lines: dict[str, dict[int, tuple[int, str, str]]] = {}  # doc -> {line start: (end, text, norm)}
    for chunk in _chunks(sorted(doc_ids), 100):
        for doc_id, t, n in session.execute(
            select(Document.id, Document.text, Document.norm_text).where(Document.id.in_(chunk))
        ):
            found = lines.setdefault(doc_id, {})
            for w in words:
                i = n.find(w)
                while i >= 0:
                    ls = n.rfind("\n", 0, i) + 1
                    le = n.find("\n", i)
                    le = len(n) if le < 0 else le
                    if ls not in found:
                        found[ls] = (le, t[ls:le], n[ls:le])
                    i = n.find(w, le)
    out: list[Paragraph] = []
    docs = [d for d, v in lines.items() if v]
    have_rows: set[str] = set()
    for chunk in _chunks(docs, 100):
        starts = sorted({s for d in chunk for s in lines[d]})
        for part in _chunks(starts, 800):
            for doc_id, ordinal, s, e, sec in session.execute(
                select(ParagraphRow.document_id, ParagraphRow.ordinal, ParagraphRow.start, ParagraphRow.end,
                       ParagraphRow.section_ordinal)
                .where(ParagraphRow.document_id.in_(chunk), ParagraphRow.start.in_(part))
            ):
                hit = lines[doc_id].get(s)
                if hit is not None and hit[0] == e:
                    have_rows.add(doc_id)
                    out.append(Paragraph(doc_id, ordinal, s, e, sec, hit[1], hit[2]))
    missing = [d for d in docs if d not in have_rows]
    if missing:  # documents without stored paragraphs: their lines
        with_rows = set()
        for chunk in _chunks(missing, 500):
            with_rows |= set(session.scalars(select(ParagraphRow.document_id).where(ParagraphRow.document_id.in_(chunk)).distinct()))
        for d in missing:
            if d not in with_rows:
                out.extend(Paragraph(d, -1, s, e, None, t, n) for s, (e, t, n) in lines[d].items() if t.strip())
    out.sort(key=lambda p: (p.doc_id, p.start))
    return out


def paragraph_count(session: Session, doc_ids: list[str]) -> int:
    n = 0
    for chunk in _chunks(sorted(doc_ids), 500):
        n += session.scalar(select(func.count()).select_from(ParagraphRow).where(ParagraphRow.document_id.in_(chunk))) or 0
    return n
