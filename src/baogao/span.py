"""The one idea: everything that points into a document is a Span (document, start, end).

Offsets are Python string indices (code points) into the document's canonical ``text``;
``end`` is exclusive, so ``text[span.start:span.end]`` is the pointed-at passage. The
normalized view has the same length, so the same offsets are valid in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Span:
    doc_id: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}-{self.end}")

    @property
    def length(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        if self.end > len(text):
            raise ValueError(f"span {self.start}-{self.end} outside text of length {len(text)}")
        return text[self.start : self.end]

    def contains(self, other: "Span") -> bool:
        return self.doc_id == other.doc_id and self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.doc_id == other.doc_id and self.start < other.end and other.start < self.end

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def fragment(self) -> str:
        """The reader URL fragment that scrolls to and highlights this span."""
        return f"#s={self.start}-{self.end}"

    def link(self) -> str:
        return f"/d/{self.doc_id}{self.fragment()}"
