"""What an answer is: the answer text, its citations (Spans with their quotes), and the check.

One ``Answer`` object is shown by the CLI, the JSON API, the web partial and the Python API
(``Answer.to_dict()`` is the pinned JSON contract plus a few optional keys).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from baogao.span import Span

ANSWERED = "answered"
NOT_FOUND = "not_found"

MODE_FACTS = "facts"
MODE_EXTRACTIVE = "extractive"
MODE_LLM = "llm"


@dataclass
class Passage:
    """A retrieved paragraph (or part of one) that may answer the question."""

    doc_id: str
    start: int
    end: int
    text: str  # canonical text[start:end]
    norm: str  # normalized view of the same span (same length)
    score: float = 0.0
    title: str | None = None
    year: int | None = None
    region_name: str | None = None
    region_code: str | None = None
    section: str | None = None  # the enclosing section's title, for display
    ordinal: int | None = None  # paragraph ordinal in its document
    matched: dict[str, int] = field(default_factory=dict)  # keyword -> count
    coverage: float = 0.0
    term: str | None = None  # the glossary term this passage defines (it is about that term)
    part: str | None = None  # "review" (一、2024年工作回顾) | "plan" (二、2025年工作安排) | None

    @property
    def span(self) -> Span:
        return Span(self.doc_id, self.start, self.end)

    def brief(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "span": [self.start, self.end],
            "quote": self.text,
            "title": self.title,
            "year": self.year,
            "region": self.region_name,
            "section": self.section,
            "score": round(self.score, 3),
            "link": self.span.link(),
        }


@dataclass
class Citation:
    doc_id: str
    start: int
    end: int
    quote: str  # always equal to the document's text[start:end]
    title: str | None = None
    year: int | None = None
    region: str | None = None
    marker: int | None = None  # [n] in an LLM answer
    highlight: tuple[int, int] | None = None  # the answer span inside this citation (document offsets)

    @property
    def span(self) -> Span:
        return Span(self.doc_id, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "span": [self.start, self.end],
            "quote": self.quote,
            "title": self.title,
            "year": self.year,
            "region": self.region,
            "link": self.span.link(),
        }
        if self.marker is not None:
            out["marker"] = self.marker
        if self.highlight is not None:
            out["highlight"] = list(self.highlight)
        return out


@dataclass
class Answer:
    question: str
    status: str
    answer: str
    mode: str
    citations: list[Citation] = field(default_factory=list)
    check: dict[str, Any] = field(default_factory=dict)
    note: str | None = None  # a visible note (LLM fell back, answer replaced, scope problem...)
    scope: dict[str, Any] = field(default_factory=dict)
    kind: str = "passage"  # number | list | comparison | definition | summary | passage
    table: list[dict[str, Any]] | None = None  # list / comparison answers
    passages: list[Passage] = field(default_factory=list)  # closest passages (refusals show them)
    seconds: float = 0.0

    @property
    def answered(self) -> bool:
        return self.status == ANSWERED

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "question": self.question,
            "status": self.status,
            "answer": self.answer,
            "mode": self.mode,
            "citations": [c.to_dict() for c in self.citations],
            "check": self.check,
            "kind": self.kind,
            "note": self.note,
            "scope": self.scope,
        }
        if self.table is not None:
            out["table"] = self.table
        if self.status != ANSWERED or not self.citations:
            out["passages"] = [p.brief() for p in self.passages]
        out["seconds"] = round(self.seconds, 4)
        return out
