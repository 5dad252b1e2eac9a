"""The web app's view of search: full-text search over the library and find-in-document.

Both use the search package when it is installed (``baogao.services.search``), so the reader's
find box matches exactly what the search page matches. Until then (and as a safety net) a scan
of the same-length normalized text gives the same offsets: traditional/simplified, full-/half-
width insensitive, any query of one or more characters.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery
from baogao.services import library as lib
from baogao.store.schema import Document
from baogao.text.normalize import normalize_query
from baogao.web import presenters

MAX_QUERY = 200
MAX_FIND = 5000
SNIPPET_CONTEXT = 40


def _service():
    try:
        from baogao.services import search as svc  # type: ignore[attr-defined]
    except Exception:
        return None
    return svc


def clean_query(q: str | None) -> str:
    q = (q or "").strip()
    if len(q) > MAX_QUERY:
        raise InvalidQuery(f"查询太长（最多 {MAX_QUERY} 个字符）")
    return q


# ------------------------------------------------------------------------------------------------
# find in document


def find_in_document(session: Session, doc_id: str, q: str) -> dict:
    q = clean_query(q)
    doc = _corpus(session).get(doc_id) or lib.get_document(session, doc_id)
    spans: list[tuple[int, int]] = []
    svc = _service()
    if q and svc is not None and hasattr(svc, "find_in_document"):
        spans = [(int(s[0]), int(s[1])) if isinstance(s, (list, tuple)) else (int(s["start"]), int(s["end"]))
                 for s in _spans_of(svc.find_in_document(session, doc_id, q))]
    elif q:
        needle = normalize_query(q)
        hay = doc.norm_text
        pos = hay.find(needle) if needle else -1
        while pos != -1 and len(spans) < MAX_FIND:
            spans.append((pos, pos + len(needle)))
            pos = hay.find(needle, pos + len(needle))
    return {"doc_id": doc_id, "query": q, "count": len(spans),
            "spans": [{"start": s, "end": e} for s, e in spans[:MAX_FIND]]}


def _spans_of(result):
    if isinstance(result, dict):
        return result.get("spans", [])
    return getattr(result, "spans", result)


# ------------------------------------------------------------------------------------------------
# search


def snippet_parts(text: str, hits: list[tuple[int, int]], start: int, end: int) -> list[dict]:
    """text[start:end] cut into plain and highlighted parts (rendered escaped by the template)."""
    parts, cur = [], start
    for s, e in hits:
        s, e = max(s, start), min(e, end)
        if s >= e or s < cur:
            continue
        if s > cur:
            parts.append({"text": text[cur:s], "hit": False})
        parts.append({"text": text[s:e], "hit": True})
        cur = e
    if cur < end:
        parts.append({"text": text[cur:end], "hit": False})
    return parts


_RESULTS = presenters._LRU(512)


def search(session: Session, q: str, *, region: str | None = None, year: str | None = None,
           kind: str | None = None, limit: int = 20, offset: int = 0) -> dict:
    """One result dict for the page and the API; repeated queries are answered from a small
    cache while the library is unchanged."""
    q = clean_query(q)
    key = (q, region, year, kind, limit, offset, presenters.library_stamp(session))
    result = _RESULTS.get(key)
    if result is None:
        svc = _service()
        if svc is not None and hasattr(svc, "search_view"):
            result = svc.search_view(session, q, region=region, year=year, kind=kind, limit=limit, offset=offset)
        else:
            result = _scan_search(session, q, region=region, year=year, kind=kind, limit=limit, offset=offset)
        _RESULTS.put(key, result)
    return result


class _Doc:
    __slots__ = ("id", "title", "year", "kind", "region_code", "region_name", "region_parents", "text", "norm_text")

    def __init__(self, d: Document) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(d, name))


_CORPUS: dict = {"stamp": None, "docs": {}}
_CORPUS_LOCK = threading.Lock()


def _corpus(session: Session) -> dict[str, _Doc]:
    """Every document's text and normalized view, kept in memory while the library is unchanged."""
    stamp = presenters.library_stamp(session)
    with _CORPUS_LOCK:
        if _CORPUS["stamp"] != stamp:
            _CORPUS["docs"] = {d.id: _Doc(d) for d in session.scalars(select(Document))}
            _CORPUS["stamp"] = stamp
        return _CORPUS["docs"]


def _scan_search(session: Session, q: str, *, region, year, kind, limit: int, offset: int) -> dict:
    out = {"query": q, "total": 0, "documents": 0, "hits": [], "facets": {"year": {}, "kind": {}, "region": {}},
           "filters": {"region": region, "year": year, "kind": kind}, "engine": "scan"}
    needle = normalize_query(q)
    if len(needle) < 1:
        return out
    flt = lib.DocFilter(region=region, year=year, kind=kind)
    corpus = _corpus(session)
    stmt = lib.apply_filter(session, select(Document.id), flt).order_by(Document.year.desc(), Document.region_code)
    results = []
    for doc_id in session.scalars(stmt):
        doc = corpus.get(doc_id)
        if doc is None:
            continue
        hay = doc.norm_text
        spans, pos = [], hay.find(needle)
        while pos != -1:
            spans.append((pos, pos + len(needle)))
            pos = hay.find(needle, pos + len(needle))
        if not spans:
            continue
        results.append((len(spans) / (1 + len(hay) / 5000), doc, spans))
        facets = out["facets"]
        facets["year"][str(doc.year)] = facets["year"].get(str(doc.year), 0) + 1
        facets["kind"][doc.kind or ""] = facets["kind"].get(doc.kind or "", 0) + 1
        top = next((p["name"] for p in (doc.region_parents or []) if p.get("level") == "province"), doc.region_name)
        if doc.region_code == lib.NATIONAL_CODE:
            top = "全国"
        facets["region"][top or "未知"] = facets["region"].get(top or "未知", 0) + 1
    results.sort(key=lambda r: -r[0])
    out["documents"] = len(results)
    out["total"] = sum(len(r[2]) for r in results)
    for score, doc, spans in results[offset:offset + limit]:
        snippets = []
        for s, e in spans[:3]:
            a, b = max(0, s - SNIPPET_CONTEXT), min(len(doc.text), e + SNIPPET_CONTEXT)
            snippets.append({"start": s, "end": e, "parts": snippet_parts(doc.text, [x for x in spans if a <= x[0] < b], a, b),
                             "link": f"/d/{doc.id}#s={s}-{e}"})
        out["hits"].append({
            "doc_id": doc.id, "title": doc.title, "year": doc.year, "region": doc.region_name, "kind": doc.kind,
            "score": round(score, 4), "count": len(spans), "snippets": snippets, "link": f"/d/{doc.id}",
        })
    return out
