"""The search index tables (created by migration 0002_search; SQLAlchemy Core for queries).

* ``search_docs``: one row per indexed document, with a small integer ``num``, the fields
  facets and filters need (so a search never reads the documents' texts to count or facet),
  and the checksum and token count of the normalized text that was indexed;
* ``search_meta``: counters (``generation`` changes on every write, for in-process caches);
* SQLite: ``search_fts``, a contentless FTS5 table (detail=full, ascii tokenizer,
  columnsize=0) whose rowid is the document's ``num`` (migration 0005);
* PostgreSQL: ``search_units``, one row per index unit (a run of paragraphs, or a piece of a
  long one; id ``num << 20 | ordinal``) with ``tsv``, a tsvector with positions and a GIN
  index. SQLite leaves this table empty.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

search_docs = Table(
    "search_docs", metadata,
    Column("num", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(80), nullable=False, unique=True),
    Column("title", Text),
    Column("year", Integer),
    Column("region_code", String(12)),
    Column("region_name", String(80)),
    Column("region_level", String(16)),
    Column("region_label", String(80)),
    Column("kind", String(16)),
    Column("n_chars", Integer, nullable=False),
    Column("n_units", Integer, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("crc", BigInteger, nullable=False, default=0),
    Column("n_tokens", BigInteger, nullable=False, default=0),
)

search_units = Table(
    "search_units", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("doc_num", Integer, nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("para_start", Integer, nullable=False),
    Column("para_end", Integer, nullable=False),
    Column("n_tokens", Integer, nullable=False),
    Column("crc", BigInteger, nullable=False),
)

search_meta = Table(
    "search_meta", metadata,
    Column("key", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)

UNIT_BITS = 20
