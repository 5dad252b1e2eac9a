"""Candidate paragraphs for a question, from the search index (only matching paragraphs are read).

For every alternative of every question word (2+ characters) the index gives the units that
contain it (a unit is a run of whole paragraphs, see ``baogao.search.tokens.units_for``; the
phrase match is exact). The units in the question's scope are OR-ed and, when there are more
than ``max_units``, the best ones are kept by a coarse score (the rarity-weighted share of the
question's words a unit holds, plus the caller's per-document bonus: year, region, national
report). Only those units' text is read (``substr`` in SQL, never the whole document), cut into
the stored paragraphs that lie inside them; the question ranking in ``retrieve`` then works on
those paragraphs.

The search package is used read-only: its token encoding (``query_tokens``), the document
numbers it keeps (``search.docs.library``) and its tables. ``None`` means the index cannot
answer (not built, stale, or documents in scope missing from it): the caller scans the texts.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.orm import Session

from baogao.search.schema import UNIT_BITS, search_docs, search_meta, search_units
from baogao.search.tokens import query_tokens
from baogao.store.schema import Document, ParagraphRow

CHAR_BUDGET = 2_000_000  # characters of index units read per question at most (about)
MIN_UNITS = 50


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
    truncated: bool = False  # more units matched than were read
    unit_df: dict[str, int] = field(default_factory=dict)  # word -> units in scope holding it
    read_df: dict[str, int] = field(default_factory=dict)  # word -> of those, units read


# ------------------------------------------------------------------------------------------------
# term -> unit ids, cached per index generation

_CACHE: OrderedDict[tuple, tuple[int, ...]] = OrderedDict()
_CACHE_SIZE = 512
_LOCK = threading.Lock()


def _generation(session: Session) -> tuple:
    """What the index looks like now: its counters and highest document number. Two libraries
    on the same URL (tests re-creating a database) differ in it even when one generation
    counter happens to equal the other's."""
    meta = dict(session.execute(select(search_meta.c.key, search_meta.c.value)).all())
    top = session.scalar(select(func.max(search_docs.c.num)))
    return (meta.get("generation"), meta.get("n_units"), meta.get("n_tokens"), top)


def stamp(session: Session) -> tuple:
    return _generation(session)


def term_units(session: Session, term: str, generation: tuple | None = None) -> tuple[int, ...]:
    """Ids of the index units holding ``term`` (normalized, 2+ characters), whole library."""
    tokens = query_tokens(term)
    if not tokens:
        return ()
    bind = session.get_bind()
    gen = _generation(session) if generation is None else generation
    key = (repr(bind.url), id(bind), gen, term)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    if bind.dialect.name == "postgresql":
        from baogao.search.engine_postgres import tsquery_literal

        rows = session.execute(text("SELECT id FROM search_units WHERE tsv @@ CAST(:q AS tsquery)"),
                               {"q": tsquery_literal(tokens)})
    else:
        phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
        rows = session.execute(text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q"), {"q": phrase})
    uids = tuple(r[0] for r in rows)
    if session.new or session.dirty or session.deleted:
        return uids  # uncommitted changes: the generation may not say so yet
    with _LOCK:
        _CACHE[key] = uids
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return uids


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
    from baogao.search.docs import library

    lib = library(session)
    nums = {lib.by_id.get(d) for d in doc_ids}
    if None in nums or len(phrase) < 2:
        return None
    return any((u >> UNIT_BITS) in nums for u in term_units(session, phrase))


def candidates(
    session: Session,
    doc_ids: list[str],
    groups: dict[str, list[str]],
    *,
    factor: Callable[[str], float] = lambda kw: 1.0,
    bonus: dict[str, float] | None = None,
    max_units: int | None = None,
) -> Candidates | None:
    """The paragraphs of the documents ``doc_ids`` (in scope order) that may hold the words."""
    if not usable(session):
        return None
    from baogao.search.docs import library

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
                found.update(term_units(session, a, gen))
        if not whole:
            found = {u for u in found if (u >> UNIT_BITS) in order}
        per_kw[kw] = found
    pool: dict[int, list[str]] = {}
    for kw, uids in per_kw.items():
        for u in uids:
            pool.setdefault(u, []).append(kw)
    docs = {lib.docs[u >> UNIT_BITS].id for u in pool}
    unit_df = {kw: len(v) for kw, v in per_kw.items()}
    if max_units is None:  # units are larger on SQLite than on PostgreSQL (position caps): budget characters
        n_units = gen[1] or 1
        max_units = max(MIN_UNITS, int(CHAR_BUDGET / max(1.0, lib.n_chars / n_units)))
    chosen = list(pool)
    truncated = len(chosen) > max_units
    if truncated:
        n = len(pool)
        w = {kw: factor(kw) * math.log(1 + n / (df + 0.5)) for kw, df in unit_df.items()}
        total = sum(w.values()) or 1.0
        bonus = bonus or {}
        num_bonus = {num: bonus.get(lib.docs[num].id, 0.0) for num in {u >> UNIT_BITS for u in pool}}

        def key(u: int):
            num = u >> UNIT_BITS
            return (-(sum(w[k] for k in pool[u]) / total + num_bonus[num]), order.get(num, 0), u)

        chosen = sorted(chosen, key=key)[:max_units]
    chosen_set = set(chosen)
    read_df = {kw: sum(1 for u in v if u in chosen_set) for kw, v in per_kw.items()}
    words = [a for alts in groups.values() for a in alts]
    return Candidates(read_paragraphs(session, chosen, words), docs, truncated, unit_df, read_df)


def read_paragraphs(session: Session, uids: list[int], words: list[str]) -> list[Paragraph]:
    """The stored paragraphs inside the given units that contain one of ``words``.

    The units' text is read with ``substr`` (no whole document); the lines holding a word are
    found in it, and only those lines' paragraph rows are read (paragraphs are whole lines).
    """
    words = [w for w in dict.fromkeys(words) if w]
    spans: dict[tuple[str, int, int], tuple[str, str]] = {}
    u = search_units.c
    for chunk in _chunks(sorted(uids), 400):
        length = u.para_end - u.para_start
        rows = session.execute(
            select(search_docs.c.document_id, u.para_start, u.para_end,
                   func.substr(Document.text, u.para_start + 1, length),
                   func.substr(Document.norm_text, u.para_start + 1, length))
            .select_from(search_units)
            .join(search_docs, search_docs.c.num == u.doc_num)
            .join(Document, Document.id == search_docs.c.document_id)
            .where(u.id.in_(chunk))
        )
        for doc_id, a, b, t, n in rows:
            spans.setdefault((doc_id, a, b), (t or "", n or ""))
    # lines holding a word: doc -> {line start: (line end, text, norm)}
    lines: dict[str, dict[int, tuple[int, str, str]]] = {}
    for (d, a, b), (t, n) in spans.items():
        found = lines.setdefault(d, {})
        for w in words:
            i = n.find(w)
            while i >= 0:
                ls = n.rfind("\n", 0, i) + 1
                le = n.find("\n", i)
                le = len(n) if le < 0 else le
                if a + ls not in found:
                    found[a + ls] = (a + le, t[ls:le], n[ls:le])
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
    if missing:  # documents without stored paragraphs: their lines (as the index did)
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
