"""search: one index row per document (SQLite), checksum and token count per indexed document

Revision ID: 0005_search_docs
Revises: 0002_search

SQLite's FTS5 table is recreated with ``columnsize=0`` and its rows become whole documents
(rowid = ``search_docs.num``); on a database with pages of 8 KiB or more its leaf pages are
made to fill a page. The old index rows cannot be converted, so the index is emptied and its
state removed: the next search or import rebuilds it from the store (index format bigram-3).
"""

from alembic import op
import sqlalchemy as sa


revision = "0005_search_docs"
down_revision = "0002_search"
branch_labels = None
depends_on = None

FTS = "CREATE VIRTUAL TABLE search_fts USING fts5(tokens, content='', detail=full, columnsize={size}, tokenize='ascii')"


def _empty_index() -> None:
    op.execute("DELETE FROM search_units")
    op.execute("DELETE FROM search_docs")
    op.execute("DELETE FROM search_meta")
    op.execute("DELETE FROM index_state WHERE name = 'search'")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    _empty_index()
    with op.batch_alter_table("search_docs") as batch:
        batch.add_column(sa.Column("crc", sa.BigInteger(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("n_tokens", sa.BigInteger(), nullable=False, server_default="0"))
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute(FTS.format(size=0))
        page = op.get_bind().exec_driver_sql("PRAGMA page_size").scalar() or 4096
        if page >= 8192:
            # FTS5 writes leaves of about pgsz bytes (default 4050, sized for 4 KiB pages): a leaf
            # that fills the page leaves no slack in it (about 1 % of the index).
            op.execute(f"INSERT INTO search_fts(search_fts, rank) VALUES ('pgsz', {int(page) - 42})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _empty_index()
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
        op.execute(FTS.format(size=1))
    with op.batch_alter_table("search_docs") as batch:
        batch.drop_column("n_tokens")
        batch.drop_column("crc")
