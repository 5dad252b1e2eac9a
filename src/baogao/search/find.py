"""Find in one document: every span of the query's terms, in order (the reader's n/m counter)."""

from __future__ import annotations

from dataclasses import dataclass, field

from baogao.search.matching import occurrences
from baogao.search.query import Query
from baogao.span import Span


@dataclass
class FindResult:
    doc_id: str
    query: str
    spans: list[Span]
    notes: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.spans)

    def to_dict(self) -> dict:
        return {"count": self.count, "spans": [[s.start, s.end] for s in self.spans]}


def find_spans(doc_id: str, norm_text: str, q: Query) -> FindResult:
    """All occurrences of every positive term (overlapping ones included), sorted by position."""
    spans: set[tuple[int, int]] = set()
    for term in q.terms:
        spans.update(occurrences(norm_text, term.text))
    notes = list(q.notes)
    if q.excluded or q.filters:
        notes.append("文内查找只看要找的词：排除词和筛选条件不适用")
    return FindResult(doc_id, q.raw, [Span(doc_id, s, e) for s, e in sorted(spans)], notes)
