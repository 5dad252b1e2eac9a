"""Search services: library search, find in a document, KWIC, counts, reindex.

Thin functions on an injected session; the CLI, the web app and ``baogao.Library`` call these.
The logic lives in ``baogao.search``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery
from baogao.search import index as search_index
from baogao.search import searcher
from baogao.search.count import CountRow, count_rows, parse_per
from baogao.search.docs import library as doc_library
from baogao.search.docs import scope as doc_scope
from baogao.search.engine import get_engine
from baogao.search.find import FindResult, find_spans
from baogao.search.kwic import KwicLine, kwic_lines
from baogao.search.matching import occurrences, term_counts
from baogao.search.query import Query, parse
from baogao.search.results import SearchResult
from baogao.services import library as libsvc
from baogao.store.schema import Document

FILTERS = ("region", "level", "year", "kind")


def ensure_index(session: Session) -> bool:
    """Rebuild the index when its format version changed (or it was never built). True if rebuilt."""
    if search_index.is_stale(session):
        search_index.rebuild(session)
        return True
    return False


def _filters(q: Query, **options) -> dict:
    merged = dict(q.filters)
    for name in FILTERS:
        value = options.get(name)
        if value not in (None, ""):
            if name in merged and str(merged[name]) != str(value):
                q.notes.append(f"筛选条件 {name}: 以选项 {value} 为准（查询中写的是 {merged[name]}）")
            merged[name] = str(value)
    return merged


def search(session: Session, query: str, *, region=None, level=None, year=None, kind=None,
           limit: int = 20, offset: int = 0, snippets: bool = True) -> SearchResult:
    q = parse(query)
    ensure_index(session)
    result = searcher.run(session, q, _filters(q, region=region, level=level, year=year, kind=kind),
                          limit=limit, offset=offset, snippets=snippets)
    result.engine = get_engine(session).name
    result.notes = list(q.notes)
    return result


def find(session: Session, doc_id: str, query: str) -> FindResult:
    q = parse(query)
    doc = libsvc.get_document(session, doc_id)
    return find_spans(doc_id, doc.norm_text, q)


def find_in_document(session: Session, doc_id: str, query: str) -> dict:
    """The reader's find box (web): {"count", "spans": [[start, end], ...]}."""
    return find(session, doc_id, query).to_dict()


def _matched(session: Session, query: str, filters: dict):
    q = parse(query)
    ensure_index(session)
    f = _filters(q, **filters)
    m = searcher.matched(session, q, f)
    return q, m.lib, m.per_doc(), f


def kwic(session: Session, query: str, *, window: int = 20, limit: int | None = None, **filters) -> list[KwicLine]:
    """KWIC lines for every occurrence, documents newest first, then by position."""
    if window < 0 or window > 500:
        raise InvalidQuery("--window 应在 0 到 500 之间")
    q, lib, per_doc, _ = _matched(session, query, filters)
    nums = sorted(per_doc, key=lambda n: (-(lib.docs[n].year or 0), lib.docs[n].id))
    out: list[KwicLine] = []
    for i in range(0, len(nums), 100):
        chunk = nums[i : i + 100]
        ids = {lib.docs[n].id: n for n in chunk}
        rows = {d: (t, nt) for d, t, nt in session.execute(
            select(Document.id, Document.text, Document.norm_text).where(Document.id.in_(list(ids))))}
        for n in chunk:
            info = lib.docs[n]
            text, norm = rows[info.id]
            spans = sorted({sp for t in per_doc[n] for sp in occurrences(norm, t)})
            out.extend(kwic_lines(info.id, info.year, info.region_name, text, spans, window))
            if limit is not None and len(out) >= limit:
                return out[:limit]
    return out


def count(session: Session, query: str, *, by: str = "year", per: str | int | None = None, **filters) -> dict:
    """Occurrences grouped by year/region/level/document, raw and per ``per`` characters."""
    per_n = parse_per(per)
    q, lib, per_doc, f = _matched(session, query, filters)
    scope = doc_scope(session, lib, f)
    nums = set(lib.docs) if scope is None else scope
    rows: list[CountRow] = count_rows(lib, nums, per_doc, by, per_n)
    return {"query": q.raw, "by": by, "per": per_n, "total_hits": sum(r.hits for r in rows),
            "total_docs": len(per_doc), "rows": [r.to_dict() for r in rows], "notes": q.notes}


def documents_containing(session: Session, term: str, doc_ids=None) -> set[str]:
    """Ids of documents whose normalized text contains ``term`` (used by question answering)."""
    from baogao.text.normalize import normalize_query

    needle = normalize_query(term)
    if not needle:
        return set()
    ensure_index(session)
    lib = doc_library(session)
    scope = None
    if doc_ids is not None:
        wanted = set(doc_ids)
        scope = {n for n, d in lib.docs.items() if d.id in wanted}
    counts = term_counts(session, lib, needle, scope if len(needle) == 1 else None, None)
    nums = set(counts) if scope is None else set(counts) & scope
    return {lib.docs[n].id for n in nums}


def reindex(session: Session) -> dict:
    """Rebuild the search index from the store; returns what was indexed."""
    from baogao.services import derived

    derived.rebuild(session, search_index)
    m = search_index.meta(session)
    lib = doc_library(session)
    return {"documents": len(lib.docs), "tokens": m.get("n_tokens", 0),
            "engine": get_engine(session).name, "version": search_index.VERSION}


def search_view(session: Session, q: str, *, region=None, year=None, kind=None, level=None,
                limit: int = 20, offset: int = 0) -> dict:
    """The web search page's dict (baogao.web.searching), built from the same SearchResult."""
    from baogao.search.snippets import parts as snippet_parts

    result = search(session, q, region=region, year=year, kind=kind, level=level, limit=limit, offset=offset)
    hits = []
    for r in result.results:
        snips = []
        for s in r.snippets:
            first = s.highlights[0] if s.highlights else (s.start, s.start)
            local = [(a - s.start, b - s.start) for a, b in s.highlights]  # offsets into s.text
            snips.append({"start": first[0], "end": first[1], "parts": snippet_parts(s.text, local, 0, len(s.text)),
                          "cut_before": s.cut_before, "cut_after": s.cut_after,
                          "link": f"/d/{r.doc_id}#s={first[0]}-{first[1]}", "span": [s.start, s.end],
                          "highlights": [list(h) for h in s.highlights]})
        hits.append({"doc_id": r.doc_id, "title": r.title, "year": r.year, "region": r.region, "kind": r.kind,
                     "score": round(r.score, 4), "count": r.hits, "snippets": snips, "link": f"/d/{r.doc_id}"})
    out = result.to_dict(extra=True)
    out.update({"total": result.total_hits, "documents": result.total_docs, "hits": hits,
                "filters": {"region": region, "year": year, "kind": kind, "level": level}})
    return out
