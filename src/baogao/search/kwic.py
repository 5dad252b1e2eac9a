"""Keyword in context: one line per occurrence (left context, match, right context, span)."""

from __future__ import annotations

from dataclasses import dataclass

from baogao.search.snippets import paragraph_of

COLUMNS = ["doc_id", "year", "region", "start", "end", "left", "match", "right"]


@dataclass
class KwicLine:
    doc_id: str
    year: int | None
    region: str | None
    start: int
    end: int
    left: str
    match: str
    right: str

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "year": self.year, "region": self.region, "span": [self.start, self.end],
                "left": self.left, "match": self.match, "right": self.right}

    def row(self) -> dict:
        return {"doc_id": self.doc_id, "year": self.year, "region": self.region, "start": self.start, "end": self.end,
                "left": self.left, "match": self.match, "right": self.right}


def kwic_lines(doc_id: str, year, region, text: str, spans: list[tuple[int, int]], window: int) -> list[KwicLine]:
    """Context stays inside the paragraph of the match (``window`` characters at most each side)."""
    out = []
    for s, e in spans:
        ps, pe = paragraph_of(text, s, e)
        out.append(KwicLine(doc_id, year, region, s, e, text[max(ps, s - window) : s], text[s:e], text[e : min(pe, e + window)]))
    return out
