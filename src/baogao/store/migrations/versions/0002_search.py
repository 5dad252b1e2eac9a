"""search: bigram positional index (FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: 0002_search
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0002_search"
down_revision = "0001"
branch_labels = ("search",)
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "search_docs",
        sa.Column("num", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=True),
        sa.Column("region_name", sa.String(length=80), nullable=True),
        sa.Column("region_level", sa.String(length=16), nullable=True),
        sa.Column("region_label", sa.String(length=80), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("n_chars", sa.Integer(), nullable=False),
        sa.Column("n_units", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("num"),
        sa.UniqueConstraint("document_id", name="uq_search_docs_document_id"),
    )
    op.create_table(
        "search_units",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("doc_num", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("para_start", sa.Integer(), nullable=False),
        sa.Column("para_end", sa.Integer(), nullable=False),
        sa.Column("n_tokens", sa.Integer(), nullable=False),
        sa.Column("crc", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_search_units_doc_num", "search_units", ["doc_num"])
    op.create_table(
        "search_meta",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    if dialect == "sqlite":
        # Contentless: the index only (positions), never a second copy of the text.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "tokens, content='', detail=full, columnsize=1, tokenize='ascii')"
        )
    elif dialect == "postgresql":
        op.execute("ALTER TABLE search_units ADD COLUMN tsv tsvector NOT NULL")
        op.execute("CREATE INDEX ix_search_units_tsv ON search_units USING gin (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_meta")
    op.drop_index("ix_search_units_doc_num", table_name="search_units")
    op.drop_table("search_units")
    op.drop_table("search_docs")
