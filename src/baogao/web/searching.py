"""The web app's view of search: full-text search over the library and find-in-document.

Both go through ``baogao.services.search``, so the reader's find box matches exactly what the
search page and the CLI match (traditional/simplified, full-/half-width insensitive, 2-character
words, never across a paragraph).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery
from baogao.services import search as svc
from baogao.web import presenters

MAX_QUERY = 200
MAX_FIND = 5000


def clean_query(q: str | None) -> str:
    q = (q or "").strip()
    if len(q) > MAX_QUERY:
        raise InvalidQuery(f"查询太长（最多 {MAX_QUERY} 个字符）")
    return q


def find_in_document(session: Session, doc_id: str, q: str) -> dict:
    """Every occurrence of ``q`` in one document, as spans (the reader's n/m counter)."""
    q = clean_query(q)
    spans: list[tuple[int, int]] = []
    if q:
        spans = [(int(s), int(e)) for s, e in svc.find_in_document(session, doc_id, q)["spans"]]
    else:
        from baogao.services import library as lib

        lib.get_document(session, doc_id)  # an unknown document is a 404 even for an empty query
    return {"doc_id": doc_id, "query": q, "count": len(spans),
            "spans": [{"start": s, "end": e} for s, e in spans[:MAX_FIND]]}


_RESULTS = presenters._LRU(512)


def search(session: Session, q: str, *, region: str | None = None, year: str | None = None,
           kind: str | None = None, level: str | None = None, limit: int = 20, offset: int = 0) -> dict:
    """One result dict for the page and the API; repeated queries are answered from a small
    cache while the library is unchanged."""
    q = clean_query(q)
    key = (q, region, year, kind, level, limit, offset, presenters.library_stamp(session))
    result = _RESULTS.get(key)
    if result is None:
        result = svc.search_view(session, q, region=region, year=year, kind=kind, level=level,
                                 limit=limit, offset=offset)
        _RESULTS.put(key, result)
    return result
