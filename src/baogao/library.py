"""The Python API for notebooks and scripts.

    import baogao
    lib = baogao.Library("sqlite:///reports.db")
    lib.import_paths(["../shared/corpus"])
    lib.documents(year=2025, level="province").to_frame()

Feature areas add their methods as mixins (search, facts, ask); every method is a thin call
into baogao.services, like the CLI commands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from baogao.ask.api import AskMixin
from baogao.config import load_settings
from baogao.facts.api import FactsMixin
from baogao.search.api import SearchMixin
from baogao.services import importing
from baogao.services import library as svc
from baogao.span import Span
from baogao.store.db import Database


@dataclass
class DocumentList:
    """Documents as a list of dicts (the `baogao list --format json` objects)."""

    items: list[dict]
    total: int

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def to_frame(self):
        import pandas as pd

        rows = []
        for d in self.items:
            row = {k: v for k, v in d.items() if k not in ("region", "region_parents")}
            row.update(region_code=d["region"]["code"], region_name=d["region"]["name"], level=d["region"]["level"])
            rows.append(row)
        cols = ["id", "title", "region_code", "region_name", "level", "year", "kind", "delivered_on", "meeting",
                "speaker", "source_url", "n_chars", "flags"]
        frame = pd.DataFrame(rows, columns=cols + [c for c in (rows[0] if rows else {}) if c not in cols])
        return frame.astype({"year": "Int64"}) if len(frame) else frame


class _CoreAPI:
    def __init__(self, url: str | None = None, **settings) -> None:
        self.settings = load_settings(db=url, **settings)
        self.db = Database(self.settings.db)

    def import_paths(self, paths: Iterable[str | Path], format: str = "auto") -> importing.ImportSummary:
        return importing.import_paths(self.db, paths, self.settings, format=format)

    def documents(self, region=None, level=None, year=None, kind=None, sort: str = "year", limit=None) -> DocumentList:
        with self.db.session() as s:
            page = svc.list_documents(s, svc.DocFilter(region=region, level=level, year=year, kind=kind), sort=sort, limit=limit)
        return DocumentList(page.items, page.total)

    def document(self, doc_id: str) -> dict:
        with self.db.session() as s:
            return svc.document_detail(s, doc_id)

    def text(self, doc_id: str, start: int | None = None, end: int | None = None) -> str:
        with self.db.session() as s:
            return svc.get_text(s, doc_id, start, end)

    def quote(self, span: Span) -> str:
        return self.text(span.doc_id, span.start, span.end)

    def check(self) -> list[str]:
        with self.db.session() as s:
            return svc.check_library(s)

    def close(self) -> None:
        self.db.dispose()


class Library(SearchMixin, AskMixin, FactsMixin, _CoreAPI):
    """A baogao library on SQLite (default) or PostgreSQL."""
