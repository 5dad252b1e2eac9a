"""SQLite backend: a contentless FTS5 table over the bigram tokens, queried as phrases.

``search_fts`` uses ``detail=full`` (positions) and the ``ascii`` tokenizer: every non-ASCII
character is a token character and the encoding in ``tokens`` leaves no ASCII separator inside
a token, so each bigram is exactly one token. The table is contentless (``content=''``): it
holds the index only, never a copy of the text; deleting a row therefore needs the tokens it
was indexed with, which the index module recomputes from the stored text (and verifies with a
checksum before it trusts them).

Occurrence counts come from the index too: FTS5's built-in ``bm25()`` is a known function of
the phrase's instance count in the row, the row's token count and two table totals, so it can
be inverted exactly. A count that does not come out as a whole number is reported as ``None``
and the caller counts that paragraph by a scan: never a wrong number.
"""

from __future__ import annotations

import math

from sqlalchemy import text
from sqlalchemy.orm import Session

from baogao.search.schema import search_units

K1, B = 1.2, 0.75  # FTS5's bm25 constants (fts5_aux.c)


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


class SqliteEngine:
    name = "sqlite-fts5"

    def add(self, session: Session, units: list[dict], tokens: list[list[str]]) -> None:
        if not units:
            return
        session.execute(search_units.insert(), units)
        session.connection().exec_driver_sql(
            "INSERT INTO search_fts(rowid, tokens) VALUES (?, ?)",
            [(u["id"], " ".join(t)) for u, t in zip(units, tokens)],
        )

    def delete(self, session: Session, units: list[dict], tokens: list[list[str]]) -> None:
        if not units:
            return
        session.execute(
            text("INSERT INTO search_fts(search_fts, rowid, tokens) VALUES ('delete', :id, :t)"),
            [{"id": u["id"], "t": " ".join(t)} for u, t in zip(units, tokens)],
        )
        session.execute(search_units.delete().where(search_units.c.id.in_([u["id"] for u in units])))

    def clear(self, session: Session) -> None:
        session.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
        session.execute(search_units.delete())

    def totals(self, session: Session) -> tuple[int, int]:
        """(rows, tokens) as FTS5 itself counts them: the counters the index module keeps."""
        meta = dict(session.execute(text("SELECT key, value FROM search_meta WHERE key IN ('n_units', 'n_tokens')")).all())
        if "n_units" not in meta:
            n, tok = session.execute(text("SELECT count(*), coalesce(sum(n_tokens), 0) FROM search_units")).one()
            return int(n), int(tok)
        return int(meta["n_units"]), int(meta.get("n_tokens", 0))

    def match(self, session: Session, tokens: list[str], totals: tuple[int, int] | None = None) -> list[tuple[int, int | None]]:
        if not tokens:
            return []
        phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
        rows = session.execute(
            text(
                "SELECT f.rowid, bm25(search_fts), u.n_tokens, (u.start != u.para_start OR u.\"end\" != u.para_end) "
                "FROM search_fts f LEFT JOIN search_units u ON u.id = f.rowid "
                "WHERE search_fts MATCH :q"
            ),
            {"q": phrase},
        ).all()
        if not rows:
            return []
        n_rows, n_tokens = totals or self.totals(session)
        n_hit = len(rows)
        idf = math.log((n_rows - n_hit + 0.5) / (n_hit + 0.5)) if n_rows else 0.0
        if idf <= 0.0:
            idf = 1e-6
        avgdl = (n_tokens / n_rows) if n_rows else 1.0
        out: list[tuple[int, int | None]] = []
        for rowid, score, dl, chunked in rows:
            if dl is None:  # a stale row (check reports it); not a unit any more
                continue
            tf: int | None = None
            if not chunked and avgdl > 0:
                s = -score / idf
                k = K1 * (1 - B + B * dl / avgdl)
                if s < K1 + 1:
                    value = s * k / (K1 + 1 - s)
                    rounded = round(value)
                    if rounded >= 1 and abs(value - rounded) < 1e-3:
                        tf = rounded
            out.append((rowid, tf))
        return out

    def check(self, session: Session, expected: dict[int, int]) -> list[str]:
        problems: list[str] = []
        sizes = {}
        for rowid, blob in session.execute(text("SELECT id, sz FROM search_fts_docsize")):
            v = _varints(blob or b"")
            sizes[rowid] = v[0] if v else 0
        missing = set(expected) - set(sizes)
        stale = set(sizes) - set(expected)
        if missing:
            problems.append(f"{len(missing)} 个段落单元不在 FTS5 索引中（例如 {min(missing)}）")
        if stale:
            problems.append(f"FTS5 索引中有 {len(stale)} 行没有对应的段落单元（例如 {min(stale)}）")
        wrong = [i for i, n in expected.items() if i in sizes and sizes[i] != n]
        if wrong:
            problems.append(f"{len(wrong)} 个段落单元的词元数与索引不一致（例如 {wrong[0]}）")
        blob = session.scalar(text("SELECT block FROM search_fts_data WHERE id = 1"))
        v = _varints(blob or b"")
        if v and (v[0] != len(expected) or (len(v) > 1 and v[1] != sum(expected.values()))):
            problems.append(f"FTS5 统计 ({v[0]} 行, {v[1] if len(v) > 1 else '?'} 词元) 与段落单元不一致")
        return problems
