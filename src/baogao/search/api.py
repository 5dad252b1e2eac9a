"""The Python API for search: ``Library.search / find / kwic / count / reindex``."""

from __future__ import annotations

from baogao.search.find import FindResult
from baogao.search.results import SearchResult
from baogao.span import Span


class SearchMixin:
    def search(self, query: str, region=None, level=None, year=None, kind=None, limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Ranked documents with hits, snippets and facets; ``.to_dict()`` is the CLI's JSON."""
        from baogao.services import search as svc

        with self.db.session() as s:  # type: ignore[attr-defined]
            return svc.search(s, query, region=region, level=level, year=year, kind=kind, limit=limit, offset=offset)

    def find(self, doc_id: str, query: str) -> list[Span]:
        """Every span of ``query`` in one document, in order."""
        return self.find_result(doc_id, query).spans

    def find_result(self, doc_id: str, query: str) -> FindResult:
        from baogao.services import search as svc

        with self.db.session() as s:  # type: ignore[attr-defined]
            return svc.find(s, doc_id, query)

    def kwic(self, query: str, window: int = 20, limit: int | None = None, **filters):
        """KWIC lines (dicts: doc_id, year, region, span, left, match, right); see ``kwic_frame``."""
        from baogao.services import search as svc

        with self.db.session() as s:  # type: ignore[attr-defined]
            return [ln.to_dict() for ln in svc.kwic(s, query, window=window, limit=limit, **filters)]

    def kwic_frame(self, query: str, window: int = 20, **filters):
        import pandas as pd

        from baogao.search.kwic import COLUMNS
        from baogao.services import search as svc

        with self.db.session() as s:  # type: ignore[attr-defined]
            return pd.DataFrame([ln.row() for ln in svc.kwic(s, query, window=window, **filters)], columns=COLUMNS)

    def count(self, query: str, by: str = "year", per: str | int | None = None, **filters) -> dict:
        """Occurrences by year/region/level/document ({"rows": [...], ...}); per=10000 adds a rate."""
        from baogao.services import search as svc

        with self.db.session() as s:  # type: ignore[attr-defined]
            return svc.count(s, query, by=by, per=per, **filters)

    def reindex(self) -> dict:
        from baogao.services import search as svc

        with self.db.session() as s:  # type: ignore[attr-defined]
            return svc.reindex(s)
