"""Running a parsed query: match, filter, rank, facet, paginate, snippet.

Ranking is BM25 over documents (k1 = 1.2, b = 0.75): for every positive term,
idf = ln(1 + (N - df + 0.5) / (df + 0.5)) over the whole library, tf = the term's
occurrences in the document, and the document's length in characters against the library's
average (length normalisation: a long report needs more occurrences for the same score).
Ties are broken by year (newest first), then document id, so the order is stable.
"""

from __future__ import annotations

import math
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.search import docs as docmod
from baogao.search.matching import occurrences, term_counts
from baogao.search.query import Query
from baogao.search.results import DocResult, SearchResult
from baogao.search.snippets import make_snippets
from baogao.store.schema import Document

K1, B = 1.2, 0.75
MAX_LIMIT = 1000


def matched(session: Session, q: Query, filters: dict, doc_ids=None):
    """(library, {num: {term: count}}) for the documents satisfying the query and filters."""
    lib = docmod.library(session)
    allowed = docmod.scope(session, lib, filters, doc_ids)
    per_doc: dict[int, dict[str, int]] = {}
    candidates: set[int] | None = allowed
    df: dict[str, int] = {}
    # rarest-first would need statistics; two-or-more-character terms are cheap anyway, and a
    # one-character term is scanned only inside the documents the others left
    groups = sorted(q.groups, key=lambda g: any(t.single for t in g))
    for group in groups:
        hit_docs: dict[int, dict[str, int]] = {}
        for term in group:
            # library-wide for the engine (df for ranking); a scan only where it is still needed
            counts = term_counts(session, lib, term.text, candidates if term.single else None, q.notes)
            if not term.single:
                df[term.text] = len(counts)
            for num, c in counts.items():
                if candidates is None or num in candidates:
                    hit_docs.setdefault(num, {})[term.text] = c
        candidates = set(hit_docs)
        for num, tc in hit_docs.items():
            per_doc.setdefault(num, {}).update(tc)
        per_doc = {n: v for n, v in per_doc.items() if n in candidates}
        if not candidates:
            break
    for term in q.excluded:
        if not per_doc:
            break
        gone = term_counts(session, lib, term.text, set(per_doc), q.notes)
        per_doc = {n: v for n, v in per_doc.items() if n not in gone}
    for term in q.terms:
        if term.text not in df:
            df[term.text] = sum(1 for v in per_doc.values() if term.text in v)
    return lib, per_doc, df


def rank(lib, per_doc: dict[int, dict[str, int]], df: dict[str, int]) -> list[tuple[float, int]]:
    n = max(len(lib.docs), 1)
    avg = lib.avg_chars or 1.0
    idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    scored = []
    for num, tcs in per_doc.items():
        info = lib.docs[num]
        norm = K1 * (1 - B + B * info.n_chars / avg)
        score = sum(idf.get(t, 0.0) * tf * (K1 + 1) / (tf + norm) for t, tf in tcs.items())
        scored.append((score, num))
    scored.sort(key=lambda x: (-round(x[0], 9), -(lib.docs[x[1]].year or 0), lib.docs[x[1]].id))
    return scored


def facets(lib, nums) -> dict[str, dict[str, int]]:
    years: Counter = Counter()
    regions: Counter = Counter()
    levels: Counter = Counter()
    kinds: Counter = Counter()
    for n in nums:
        d = lib.docs[n]
        years["" if d.year is None else str(d.year)] += 1
        regions[d.label] += 1
        levels[d.level or ""] += 1
        kinds[d.kind or ""] += 1
    return {
        "year": dict(sorted(years.items(), key=lambda kv: kv[0], reverse=True)),
        "region": dict(sorted(regions.items(), key=lambda kv: (-kv[1], kv[0]))),
        "level": dict(sorted(levels.items(), key=lambda kv: (-kv[1], kv[0]))),
        "kind": dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def run(session: Session, q: Query, filters: dict, *, limit: int = 20, offset: int = 0,
        snippets: bool = True) -> SearchResult:
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    lib, per_doc, df = matched(session, q, filters)
    ranked = rank(lib, per_doc, df)
    page = ranked[offset : offset + limit]
    texts: dict[str, tuple[str, str]] = {}
    if snippets and page:
        ids = [lib.docs[n].id for _, n in page]
        texts = {i: (t, nt) for i, t, nt in session.execute(
            select(Document.id, Document.text, Document.norm_text).where(Document.id.in_(ids)))}
    results = []
    for score, num in page:
        d = lib.docs[num]
        snips = []
        if d.id in texts:
            text, norm = texts[d.id]
            hits = {t: occurrences(norm, t) for t in per_doc[num]}
            snips = make_snippets(text, hits)
        results.append(DocResult(d.id, d.title, d.year, d.region_name, d.kind, d.level, score,
                                 sum(per_doc[num].values()), snips))
    return SearchResult(
        query=q.raw, total_docs=len(per_doc), total_hits=sum(sum(v.values()) for v in per_doc.values()),
        facets=facets(lib, per_doc), results=results, limit=limit, offset=offset, notes=list(q.notes),
        parsed=q.describe(),
    )
