"""The engine protocol and what is shared by both backends.

An engine stores index units (one row per paragraph or piece of a long paragraph) and, for
the bigram phrase of a query term, returns the matching units with the number of occurrences
in each (``None`` when it cannot tell exactly; those units are then counted by a substring scan
of the paragraph). Because the tokens are an injective encoding of every bigram at every
position, a phrase match is an exact occurrence: precision and recall are both 100 %.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session


class Engine(Protocol):
    name: str

    def add(self, session: Session, units: list[dict], tokens: list[list[str]]) -> None:
        """Insert unit rows (dicts for ``search_units``) with their bigram tokens."""

    def delete(self, session: Session, units: list[dict], tokens: list[list[str]]) -> None:
        """Remove unit rows; ``tokens`` are the tokens they were indexed with."""

    def clear(self, session: Session) -> None:
        """Remove every unit (before a rebuild)."""

    def match(self, session: Session, tokens: list[str]) -> list[tuple[int, int | None]]:
        """(unit id, occurrences or None) for every unit holding the phrase."""

    def check(self, session: Session, expected: dict[int, int]) -> list[str]:
        """Problems where the engine disagrees with ``expected`` {unit id: token count}."""


def get_engine(session: Session) -> Engine:
    if session.get_bind().dialect.name == "postgresql":
        from baogao.search.engine_postgres import PostgresEngine

        return PostgresEngine()
    from baogao.search.engine_sqlite import SqliteEngine

    return SqliteEngine()
