"""PostgreSQL backend: a tsvector of the same bigram tokens, with positions, under a GIN index.

PostgreSQL keeps at most 16383 positions per tsvector and 256 per lexeme, so a document is
stored as index units (``search_units``: runs of whole paragraphs, long ones cut into
overlapping pieces, see ``tokens.units_for``); hits are added up per document here, and the
other modules only ever see documents.

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

import numpy as np
from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from baogao.search.engine import NO_HITS
from baogao.search.schema import UNIT_BITS, search_units
from baogao.search.tokens import PHRASE_CHARS, bigrams, query_tokens, units_for


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
    max_exact_phrase: int | None = PHRASE_CHARS  # longer terms: candidates, verified by a scan

    def prepare(self, docs: list[tuple[int, str, list]]) -> tuple[list[dict], list[int]]:
        """Unit rows (with their tsvector literals) for (number, normalized text, paragraphs)
        triples, and each document's token count; pure CPU work."""
        rows, sizes = [], []
        for num, norm, paras in docs:
            n = 0
            for u in units_for(norm, paras, cap_positions=True):
                piece = norm[u.start : u.end]
                toks = bigrams(piece)
                n += len(toks)
                rows.append({"id": (num << UNIT_BITS) | u.ordinal, "doc_num": num, "start": u.start, "end": u.end,
                             "para_start": u.para_start, "para_end": u.para_end, "n_tokens": len(toks),
                             "crc": 0, "tsv": tsvector_literal(toks)})
            sizes.append(n)
        return rows, sizes

    def write(self, session: Session, prepared: tuple[list[dict], list[int]]) -> list[int]:
        rows, sizes = prepared
        if rows:
            cols = [c.name for c in search_units.columns]
            session.execute(
                text(
                    "INSERT INTO search_units (" + ", ".join(f'"{c}"' for c in cols) + ", tsv) VALUES ("
                    + ", ".join(f":{c}" for c in cols) + ", CAST(:tsv AS tsvector))"
                ),
                rows,
            )
        return sizes

    def add(self, session: Session, docs: list[tuple[int, str, list]]) -> list[int]:
        """Index (number, normalized text, paragraphs) triples; returns each one's token count."""
        return self.write(session, self.prepare(docs))

    def delete(self, session: Session, docs: list[tuple[int, str]]) -> None:
        if docs:
            session.execute(search_units.delete().where(search_units.c.doc_num.in_([num for num, _ in docs])))

    def clear(self, session: Session) -> None:
        session.execute(search_units.delete())

    def bulk(self, session: Session, on: bool) -> None:
        pass

    def documents(self, session: Session, term: str) -> list[int]:
        """Numbers of the documents holding ``term`` (candidates only beyond max_exact_phrase)."""
        tokens = query_tokens(term)
        if not tokens:
            return []
        rows = session.execute(text("SELECT DISTINCT doc_num FROM search_units WHERE tsv @@ CAST(:q AS tsquery)"),
                               {"q": tsquery_literal(tokens)})
        return [r[0] for r in rows]

    def match(self, session: Session, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, occurrences; -1 where a scan must count them): a unit cut from a
        long paragraph overlaps its neighbour, and a term longer than the phrase cut is only a
        candidate, so those documents are counted by a scan of their text."""
        tokens = query_tokens(term)
        if not tokens:
            return NO_HITS
        exact = len(term) <= PHRASE_CHARS
        lexemes = sorted(set(tokens))
        stmt = text(
            "SELECT u.id, u.doc_num, (u.start <> u.para_start OR u.\"end\" <> u.para_end) AS chunked, "
            "x.lexeme, x.positions "
            "FROM search_units u CROSS JOIN LATERAL unnest(u.tsv) AS x(lexeme, positions, weights) "
            "WHERE u.tsv @@ CAST(:q AS tsquery) AND x.lexeme = ANY(:lex)"
        ).bindparams(bindparam("lex", type_=ARRAY(Text)))
        per_unit: dict[int, dict[str, list[int]]] = defaultdict(dict)
        doc_of: dict[int, int] = {}
        unsure: set[int] = set()
        for uid, num, chunked, lexeme, positions in session.execute(stmt, {"q": tsquery_literal(tokens), "lex": lexemes}):
            per_unit[uid][lexeme] = positions or []
            doc_of[uid] = num
            if chunked or not exact:
                unsure.add(num)
        out: dict[int, int | None] = {}
        for uid, lex in per_unit.items():
            num = doc_of[uid]
            if num in unsure:
                out[num] = None
                continue
            starts = set(lex.get(tokens[0], []))
            for k, tok in enumerate(tokens[1:], 1):
                starts &= {p - k for p in lex.get(tok, [])}
                if not starts:
                    break
            if starts:
                out[num] = (out.get(num) or 0) + len(starts)
        nums = np.fromiter(out.keys(), dtype=np.int64, count=len(out))
        counts = np.fromiter((-1 if c is None else c for c in out.values()), dtype=np.int64, count=len(out))
        return nums, counts

    def has(self, session: Session, num: int, term: str) -> bool:
        tokens = query_tokens(term)
        return session.execute(
            text("SELECT 1 FROM search_units WHERE doc_num = :n AND tsv @@ CAST(:q AS tsquery) LIMIT 1"),
            {"n": num, "q": tsquery_literal(tokens)},
        ).first() is not None

    def check(self, session: Session, expected: dict[int, int]) -> list[str]:
        """Problems where the stored vectors disagree with ``expected`` {document number: tokens}."""
        problems: list[str] = []
        counts = dict(
            session.execute(
                text(
                    "SELECT u.doc_num, coalesce(sum(array_length(x.positions, 1)), 0) FROM search_units u "
                    "LEFT JOIN LATERAL unnest(u.tsv) AS x(lexeme, positions, weights) ON true GROUP BY u.doc_num"
                )
            ).all()
        )
        have_tokens = dict(session.execute(text("SELECT doc_num, sum(n_tokens) FROM search_units GROUP BY doc_num")).all())
        stale = set(counts) - set(expected)
        if stale:
            problems.append(f"tsvector 索引中有 {len(stale)} 篇文档已不在索引表中（例如 {min(stale)}，需要 reindex）")
        missing = [n for n, want in expected.items() if want and n not in counts]
        if missing:
            problems.append(f"{len(missing)} 篇文档不在 tsvector 索引中（例如 {min(missing)}，需要 reindex）")
        wrong = [n for n, want in expected.items() if n in counts and int(have_tokens.get(n) or 0) != want]
        if wrong:
            problems.append(f"{len(wrong)} 篇文档的词元数与索引不一致（例如 {wrong[0]}，需要 reindex）")
        bad_positions = [n for n in counts if int(counts[n]) != int(have_tokens.get(n) or 0)]
        if bad_positions:
            problems.append(f"{len(bad_positions)} 篇文档的 tsvector 位置数与词元数不一致（例如 {bad_positions[0]}，需要 reindex）")
        return problems
