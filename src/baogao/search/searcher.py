"""Running a parsed query: match, filter, rank, facet, paginate, snippet.

Ranking is BM25 over documents (k1 = 1.2, b = 0.75): for every positive term,
idf = ln(1 + (N - df + 0.5) / (df + 0.5)) over the whole library, tf = the term's
occurrences in the document, and the document's length in characters against the library's
average (length normalisation: a long report needs more occurrences for the same score).
Ties are broken by year (newest first), then document id, so the order is stable.

A result can hold every document of the library, so matching, ranking and facets work on
numpy columns indexed by document number (``search.docs.Library``), not per-document Python.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.search import docs as docmod
from baogao.search.matching import occurrences, term_counts, term_documents, term_hits
from baogao.search.query import Query
from baogao.search.results import DocResult, SearchResult
from baogao.search.snippets import make_snippets
from baogao.store.schema import Document

K1, B = 1.2, 0.75
MAX_LIMIT = 1000


@dataclass
class Match:
    """The documents satisfying a query and its filters, with every positive term's counts."""

    lib: docmod.Library
    nums: np.ndarray  # matching document numbers, ascending
    tf: dict[str, np.ndarray]  # term -> occurrences in each of ``nums`` (0 when absent)
    df: dict[str, int]  # term -> documents of the library holding it (for idf)

    def __len__(self) -> int:
        return len(self.nums)

    @property
    def hits(self) -> np.ndarray:
        total = np.zeros(len(self.nums), dtype=np.int64)
        for counts in self.tf.values():
            total += counts
        return total

    def per_doc(self) -> dict[int, dict[str, int]]:
        """{document number: {term: occurrences}} (terms it does not hold left out)."""
        out: dict[int, dict[str, int]] = {int(n): {} for n in self.nums}
        for term, counts in self.tf.items():
            for n, c in zip(self.nums.tolist(), counts.tolist()):
                if c:
                    out[n][term] = c
        return out


def _dense(lib: docmod.Library, hits: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    arr = np.zeros(lib.size, dtype=np.int64)
    arr[hits[0]] = hits[1]
    return arr


def matched(session: Session, q: Query, filters: dict, doc_ids=None) -> Match:
    """The documents satisfying the query (every group, no exclusion) within the filters."""
    lib = docmod.library(session)
    allowed = docmod.scope(session, lib, filters, doc_ids)
    ok = lib.present.copy()
    if allowed is not None:
        mask = np.zeros(lib.size, dtype=bool)
        if allowed:
            mask[np.fromiter(allowed, dtype=np.int64, count=len(allowed))] = True
        ok &= mask
    dense: dict[str, np.ndarray] = {}
    df: dict[str, int] = {}
    # a one-character term is scanned, and only inside the documents the other groups left
    for group in sorted(q.groups, key=lambda g: any(t.single for t in g)):
        satisfied = np.zeros(lib.size, dtype=bool)
        for term in group:
            if term.text not in dense:
                where = set(np.nonzero(ok)[0].tolist()) if term.single else None
                arr = _dense(lib, term_hits(session, lib, term.text, where, q.notes))
                dense[term.text] = arr
                if not term.single:
                    df[term.text] = int(np.count_nonzero(arr))
            satisfied |= dense[term.text] > 0
        ok &= satisfied
        if not ok.any():
            break
    for term in q.excluded:
        if not ok.any():
            break
        left = set(np.nonzero(ok)[0].tolist())
        gone = (term_documents(session, lib, term.text, left) if not term.single
                else term_counts(session, lib, term.text, left, q.notes))
        if gone:
            ok[np.fromiter(gone, dtype=np.int64, count=len(gone))] = False
    nums = np.nonzero(ok)[0]
    tf = {t: arr[nums] for t, arr in dense.items()}
    for term in q.terms:
        if term.text not in df and term.text in tf:
            df[term.text] = int(np.count_nonzero(tf[term.text]))
    return Match(lib, nums, tf, df)


def rank(m: Match) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers best first, their scores)."""
    lib = m.lib
    if not len(m.nums):
        return m.nums, np.zeros(0)
    n = max(len(lib.docs), 1)
    norm = K1 * (1 - B + B * lib.chars[m.nums] / (lib.avg_chars or 1.0))
    score = np.zeros(len(m.nums), dtype=np.float64)
    for term, counts in m.tf.items():
        d = m.df.get(term, 0)
        idf = math.log(1 + (n - d + 0.5) / (d + 0.5))
        score += idf * counts * (K1 + 1) / (counts + norm)
    order = np.lexsort((lib.id_rank[m.nums], -lib.years[m.nums], -np.round(score, 9)))
    return m.nums[order], score[order]


def facets(m: Match) -> dict[str, dict[str, int]]:
    out = {}
    for name, (codes, labels) in m.lib.facet_codes.items():
        counts = np.bincount(codes[m.nums], minlength=len(labels)) if len(m.nums) else np.zeros(len(labels), np.int64)
        pairs = [(labels[i], int(c)) for i, c in enumerate(counts.tolist()) if c]
        if name == "year":
            pairs.sort(key=lambda kv: kv[0], reverse=True)
        else:
            pairs.sort(key=lambda kv: (-kv[1], kv[0]))
        out[name] = dict(pairs)
    return out


def run(session: Session, q: Query, filters: dict, *, limit: int = 20, offset: int = 0,
        snippets: bool = True) -> SearchResult:
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    m = matched(session, q, filters)
    order, scores = rank(m)
    hits = m.hits
    page = list(zip(order[offset : offset + limit].tolist(), scores[offset : offset + limit].tolist()))
    lib = m.lib
    texts: dict[str, tuple[str, str]] = {}
    if snippets and page:
        ids = [lib.docs[n].id for n, _ in page]
        texts = {i: (t, nt) for i, t, nt in session.execute(
            select(Document.id, Document.text, Document.norm_text).where(Document.id.in_(ids)))}
    results = []
    for num, score in page:
        d = lib.docs[num]
        i = int(np.searchsorted(m.nums, num))
        terms = [t for t, counts in m.tf.items() if counts[i]]
        snips = []
        if d.id in texts:
            text, norm = texts[d.id]
            snips = make_snippets(text, {t: occurrences(norm, t) for t in terms})
        results.append(DocResult(d.id, d.title, d.year, d.region_name, d.kind, d.level, score, int(hits[i]), snips))
    return SearchResult(
        query=q.raw, total_docs=len(m), total_hits=int(hits.sum()), facets=facets(m), results=results,
        limit=limit, offset=offset, notes=list(q.notes), parsed=q.describe(),
    )
