"""PostgreSQL backend: a tsvector of the same bigram tokens, with positions, under a GIN index.

The tsvector is built from the tokens directly (``CAST(:literal AS tsvector)``, no text search
configuration, so no stemming or stop words), one position per character. A query term becomes
the phrase ``'t1' <-> 't2' <-> ...`` (``CAST(:q AS tsquery)``): both literals are passed as
bound parameters and every lexeme is quoted and escaped, so user text never reaches SQL or the
tsquery syntax. Units are small enough for PostgreSQL's limits (16383 positions per vector,
256 per lexeme; see ``tokens.split_paragraph``).

Occurrences are counted from the positions stored in the vector: the positions of the query's
lexemes in each matching unit are intersected (p, p+1, p+2 ...), which is exact.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from baogao.search.schema import search_units


def _quote(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(tokens: list[str]) -> str:
    positions: dict[str, list[int]] = defaultdict(list)
    for i, tok in enumerate(tokens, 1):
        positions[tok].append(i)
    return " ".join(f"{_quote(t)}:{','.join(map(str, p))}" for t, p in positions.items())


def tsquery_literal(tokens: list[str]) -> str:
    return " <-> ".join(_quote(t) for t in tokens)


class PostgresEngine:
    name = "postgresql-tsvector"

    def add(self, session: Session, units: list[dict], tokens: list[list[str]]) -> None:
        if not units:
            return
        cols = [c.name for c in search_units.columns]
        session.execute(
            text(
                "INSERT INTO search_units (" + ", ".join(f'"{c}"' for c in cols) + ", tsv) VALUES ("
                + ", ".join(f":{c}" for c in cols) + ", CAST(:tsv AS tsvector))"
            ),
            [dict(u, tsv=tsvector_literal(t)) for u, t in zip(units, tokens)],
        )

    def delete(self, session: Session, units: list[dict], tokens: list[list[str]]) -> None:
        if units:
            session.execute(search_units.delete().where(search_units.c.id.in_([u["id"] for u in units])))

    def clear(self, session: Session) -> None:
        session.execute(search_units.delete())

    def totals(self, session: Session) -> tuple[int, int]:
        return (0, 0)

    def match(self, session: Session, tokens: list[str], totals=None) -> list[tuple[int, int | None]]:
        if not tokens:
            return []
        lexemes = sorted(set(tokens))
        stmt = text(
            "SELECT u.id, (u.start <> u.para_start OR u.\"end\" <> u.para_end) AS chunked, x.lexeme, x.positions "
            "FROM search_units u CROSS JOIN LATERAL unnest(u.tsv) AS x(lexeme, positions, weights) "
            "WHERE u.tsv @@ CAST(:q AS tsquery) AND x.lexeme = ANY(:lex)"
        ).bindparams(bindparam("lex", type_=ARRAY(Text)))
        per_unit: dict[int, dict[str, list[int]]] = defaultdict(dict)
        chunked_units: set[int] = set()
        for uid, chunked, lexeme, positions in session.execute(stmt, {"q": tsquery_literal(tokens), "lex": lexemes}):
            per_unit[uid][lexeme] = positions or []
            if chunked:
                chunked_units.add(uid)
        out: list[tuple[int, int | None]] = []
        for uid, lex in per_unit.items():
            if uid in chunked_units:
                out.append((uid, None))
                continue
            starts = set(lex.get(tokens[0], []))
            for k, tok in enumerate(tokens[1:], 1):
                starts &= {p - k for p in lex.get(tok, [])}
                if not starts:
                    break
            if starts:
                out.append((uid, len(starts)))
        return out

    def check(self, session: Session, expected: dict[int, int]) -> list[str]:
        problems: list[str] = []
        counts = dict(
            session.execute(
                text(
                    "SELECT u.id, coalesce(sum(array_length(x.positions, 1)), 0) FROM search_units u "
                    "LEFT JOIN LATERAL unnest(u.tsv) AS x(lexeme, positions, weights) ON true GROUP BY u.id"
                )
            ).all()
        )
        missing = set(expected) - set(counts)
        stale = set(counts) - set(expected)
        if missing:
            problems.append(f"{len(missing)} 个段落单元不在 tsvector 索引中（例如 {min(missing)}）")
        if stale:
            problems.append(f"tsvector 索引中有 {len(stale)} 行没有对应的段落单元（例如 {min(stale)}）")
        wrong = [i for i, n in expected.items() if i in counts and int(counts[i]) != n]
        if wrong:
            problems.append(f"{len(wrong)} 个段落单元的词元位置数与索引不一致（例如 {wrong[0]}）")
        return problems
