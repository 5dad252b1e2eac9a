"""SQLite backend: a contentless FTS5 table with one row per document, queried as phrases.

``search_fts`` (rowid = the document's number in ``search_docs``) holds the bigram tokens of
the document's whole normalized text, one token per character position, so an FTS5 position
*is* a character offset and a phrase match *is* an occurrence. A line break is part of the
bigrams around it and no query contains one, so no match crosses a paragraph.

* ``detail=full`` (positions, for phrases), the ``ascii`` tokenizer (every non-ASCII character
  is a token character and ``tokens`` leaves no ASCII separator inside a token), contentless
  (``content=''``: the index only, never a copy of the text; deleting a row needs the tokens
  it was indexed with, which the index module recomputes from the stored text after checking
  its checksum), ``columnsize=0`` (no per-row size table: smaller, and a count costs no lookup).
* Occurrence counts come from FTS5's built-in ``bm25()``: for one phrase it is a known,
  invertible function of the phrase's instance count in the row, the number of rows holding it
  and two table totals (read from FTS5's own averages record, so they cannot drift). Without a
  size table FTS5 takes every row's length as -1, which makes the inversion the same for every
  row. A count that does not come out as a whole number is reported as -1 and the caller
  counts that document by a scan: never a wrong number.

Why not a custom auxiliary function or tokenizer: Python's sqlite3 cannot register FTS5
extensions, and a compiled SQLite extension would be one more thing to build on every machine.
"""

from __future__ import annotations

import math

import numpy as np
from sqlalchemy.orm import Session

from baogao.search.engine import NO_HITS
from baogao.search.tokens import bigram_text, bigrams

K1, B = 1.2, 0.75  # FTS5's bm25 constants (fts5_aux.c)
BULK_HASHSIZE = 256 * 1024 * 1024  # FTS5's in-memory buffer during a rebuild (default 1 MiB)


def _varints(blob: bytes) -> list[int]:
    """SQLite's varints (big-endian groups of 7 bits; the 9th byte carries 8)."""
    out, i = [], 0
    while i < len(blob):
        value = 0
        for k in range(9):
            byte = blob[i]
            i += 1
            if k == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        out.append(value)
    return out


def _dbapi(session: Session):
    """The session's own sqlite3 connection (same transaction), for row-heavy statements:
    SQLAlchemy's result processing would cost more than the index lookup itself."""
    return session.connection().connection.driver_connection


def phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


class SqliteEngine:
    name = "sqlite-fts5"
    max_exact_phrase: int | None = None  # whole documents are rows: a phrase of any length is exact

    def prepare(self, docs: list[tuple[int, str, list]]) -> tuple[list, list[int]]:
        """The rows to write for (number, normalized text, paragraphs) triples, and their token
        counts. Pure CPU work: a rebuild runs it in a thread while FTS5 writes the batch before."""
        rows, sizes = [], []
        for num, norm, _paras in docs:
            rows.append((num, bigram_text(norm)))
            sizes.append(1 if len(norm) == 1 else max(0, len(norm) - 1))  # one token per position
        return rows, sizes

    def write(self, session: Session, prepared: tuple[list, list[int]]) -> list[int]:
        rows, sizes = prepared
        if rows:
            _dbapi(session).executemany("INSERT INTO search_fts(rowid, tokens) VALUES (?, ?)", rows)
        return sizes

    def add(self, session: Session, docs: list[tuple[int, str, list]]) -> list[int]:
        """Index (number, normalized text, paragraphs) triples; returns each one's token count."""
        return self.write(session, self.prepare(docs))

    def delete(self, session: Session, docs: list[tuple[int, str]]) -> None:
        """Remove documents; ``docs`` are (number, the normalized text they were indexed with)."""
        if docs:
            _dbapi(session).executemany(
                "INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', ?, ?)",
                [(num, bigram_text(norm)) for num, norm in docs],
            )

    def clear(self, session: Session) -> None:
        _dbapi(session).execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")

    def bulk(self, session: Session, on: bool) -> None:
        """A large in-memory buffer while a whole library is indexed (a few large segments, not
        hundreds of small ones to merge). No 'optimize' afterwards: merging the few segments into
        one took 7.5 s of a 10 000-document rebuild and changed no query's time measurably (CPU
        time of a 12-query set: 143-149 ms unmerged, 138-150 ms merged); FTS5's automerge keeps
        merging as documents are added later."""
        size = BULK_HASHSIZE if on else 1024 * 1024
        _dbapi(session).execute(f"INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', {int(size)})")

    def totals(self, session: Session) -> tuple[int, int]:
        """(rows, tokens) as FTS5 keeps them in its averages record.

        Inside a write transaction FTS5 holds new rows in memory and writes the record when the
        transaction commits or a savepoint is taken, so a savepoint is taken first: the totals
        read are then the ones FTS5's bm25() uses in this transaction."""
        conn = _dbapi(session)
        if conn.in_transaction:
            conn.execute("SAVEPOINT baogao_fts_totals")
            conn.execute("RELEASE baogao_fts_totals")
        row = conn.execute("SELECT block FROM search_fts_data WHERE id = 1").fetchone()
        v = _varints(row[0] or b"") if row else []
        return (v[0] if v else 0), (v[1] if len(v) > 1 else 0)

    def documents(self, session: Session, term: str) -> list[int]:
        """Numbers of the documents holding ``term`` (normalized, 2+ characters)."""
        tokens = bigrams(term)
        if len(term) < 2 or not tokens:
            return []
        cur = _dbapi(session).execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (phrase(tokens),))
        return [r[0] for r in cur.fetchall()]

    def match(self, session: Session, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers, occurrences of ``term`` in each; -1 where a scan must count them)."""
        tokens = bigrams(term)
        if len(term) < 2 or not tokens:
            return NO_HITS
        rows = _dbapi(session).execute(
            "SELECT rowid, bm25(search_fts) FROM search_fts WHERE search_fts MATCH ?", (phrase(tokens),)
        ).fetchall()
        if not rows:
            return NO_HITS
        n_rows, n_tokens = self.totals(session)
        arr = np.array(rows, dtype=np.float64)
        nums = arr[:, 0].astype(np.int64)
        n_hit = len(rows)
        idf = math.log((n_rows - n_hit + 0.5) / (n_hit + 0.5)) if n_rows else 0.0
        if idf <= 0.0:
            idf = 1e-6  # as fts5_aux.c does
        avgdl = (n_tokens / n_rows) if n_rows else 0.0
        k = K1 * (1 - B + B * -1.0 / avgdl) if avgdl > 0 else 0.0
        s = -arr[:, 1] / idf
        with np.errstate(divide="ignore", invalid="ignore"):
            tf = s * k / (K1 + 1 - s)
        whole = np.rint(tf)
        good = np.isfinite(tf) & (whole >= 1) & (np.abs(tf - whole) <= 1e-6 * np.maximum(1.0, whole)) & (k > 0)
        counts = np.where(good, whole, -1).astype(np.int64)
        return nums, counts

    def has(self, session: Session, num: int, term: str) -> bool:
        """Whether document ``num`` is found for ``term`` (a probe for ``check``)."""
        tokens = bigrams(term)
        row = _dbapi(session).execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid = ?", (phrase(tokens), num)
        ).fetchone()
        return row is not None

    def check(self, session: Session, expected: dict[int, int]) -> list[str]:
        """Problems where FTS5's totals disagree with ``expected`` {document number: tokens}."""
        problems: list[str] = []
        n_rows, n_tokens = self.totals(session)
        if n_rows != len(expected):
            problems.append(f"FTS5 索引有 {n_rows} 行，应为 {len(expected)} 篇文档（需要 reindex）")
        if n_tokens != sum(expected.values()):
            problems.append(f"FTS5 索引有 {n_tokens} 个词元，应为 {sum(expected.values())}（需要 reindex）")
        try:
            _dbapi(session).execute("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except Exception as exc:  # sqlite3.DatabaseError: the index structure itself is damaged
            problems.append(f"FTS5 索引结构损坏：{exc}（需要 reindex）")
        return problems
