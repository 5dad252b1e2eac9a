"""The engine protocol: what both backends do for the index module and the matcher.

An engine indexes whole documents (by their small number in ``search_docs``) and, for a query
term, returns the documents holding it with the number of occurrences in each (-1 when
it cannot tell exactly: those documents are then counted by a substring scan of their text).
Because the tokens are an injective encoding of every bigram at every position, a phrase match
is an exact occurrence: precision and recall are both 100 %. How a backend lays documents out
(one FTS5 row per document, or tsvector units under PostgreSQL's size limits) is its own
business.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from sqlalchemy.orm import Session

NO_HITS = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))


class Engine(Protocol):
    name: str
    max_exact_phrase: int | None  # longer terms are candidates only (None: any length is exact)

    def prepare(self, docs: list[tuple[int, str, list]]) -> tuple[list, list[int]]:
        """What ``write`` stores for (number, normalized text, paragraph spans) triples, with each
        document's token count: CPU work only, safe to run in another thread."""

    def write(self, session: Session, prepared: tuple[list, list[int]]) -> list[int]:
        """Store what ``prepare`` made; returns the token counts."""

    def add(self, session: Session, docs: list[tuple[int, str, list]]) -> list[int]:
        """``write(prepare(docs))``: index documents; returns each document's token count."""

    def delete(self, session: Session, docs: list[tuple[int, str]]) -> None:
        """Remove documents; each with the normalized text it was indexed with."""

    def clear(self, session: Session) -> None:
        """Remove everything (before a rebuild)."""

    def bulk(self, session: Session, on: bool) -> None:
        """Settings for indexing a whole library (on), and tidying up after it (off)."""

    def documents(self, session: Session, term: str) -> list[int]:
        """Numbers of the documents holding ``term`` (normalized, two or more characters)."""

    def match(self, session: Session, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, occurrences) for every document holding ``term``; -1 for a count
        the engine cannot give exactly (the caller counts that document by a scan)."""

    def has(self, session: Session, num: int, term: str) -> bool:
        """Whether document ``num`` is found for ``term`` (a probe for ``check``)."""

    def check(self, session: Session, expected: dict[int, int]) -> list[str]:
        """Problems where the engine disagrees with ``expected`` {document number: token count}."""


def get_engine(session: Session) -> Engine:
    if session.get_bind().dialect.name == "postgresql":
        from baogao.search.engine_postgres import PostgresEngine

        return PostgresEngine()
    from baogao.search.engine_sqlite import SqliteEngine

    return SqliteEngine()
