"""One search result object, rendered as a table (CLI), JSON (CLI, API) and a DataFrame.

``to_dict()`` is the pinned JSON contract:

    {"query", "total_docs", "total_hits",
     "facets": {"year": {...}, "region": {...}, "level": {...}, "kind": {...}},
     "results": [{"doc_id", "title", "year", "region", "score", "hits",
                  "snippets": [{"text", "span": [s, e], "highlights": [[s, e], ...]}]}]}

Every span and highlight is an offset into that document's canonical text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Snippet:
    text: str
    start: int
    end: int
    highlights: list[tuple[int, int]]
    cut_before: bool = False  # the paragraph goes on before / after the window (pages show "…")
    cut_after: bool = False

    def to_dict(self) -> dict:
        return {"text": self.text, "span": [self.start, self.end], "highlights": [[s, e] for s, e in self.highlights]}


@dataclass
class DocResult:
    doc_id: str
    title: str | None
    year: int | None
    region: str | None
    kind: str | None
    level: str | None
    score: float
    hits: int
    snippets: list[Snippet] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "year": self.year, "region": self.region,
                "score": round(self.score, 4), "hits": self.hits, "snippets": [s.to_dict() for s in self.snippets]}


@dataclass
class SearchResult:
    query: str
    total_docs: int
    total_hits: int
    facets: dict[str, dict[str, int]]
    results: list[DocResult]
    limit: int
    offset: int
    notes: list[str] = field(default_factory=list)
    parsed: str = ""
    engine: str = ""

    def to_dict(self, extra: bool = False) -> dict:
        out = {"query": self.query, "total_docs": self.total_docs, "total_hits": self.total_hits,
               "facets": self.facets, "results": [r.to_dict() for r in self.results]}
        if extra:
            out.update(limit=self.limit, offset=self.offset, notes=self.notes, parsed=self.parsed, engine=self.engine)
        return out

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self):
        return iter(self.results)

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(
            [{"doc_id": r.doc_id, "title": r.title, "year": r.year, "region": r.region, "kind": r.kind,
              "score": r.score, "hits": r.hits, "snippet": r.snippets[0].text if r.snippets else None}
             for r in self.results],
            columns=["doc_id", "title", "year", "region", "kind", "score", "hits", "snippet"],
        )
