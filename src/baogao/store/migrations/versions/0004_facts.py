"""facts: extracted targets and outcomes, each with its span

Revision ID: 0004_facts
Revises: 0001
"""

from alembic import op
import sqlalchemy as sa


revision = "0004_facts"
down_revision = "0001"
branch_labels = ("facts",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("document_id", sa.String(length=80), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("period", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=True),
        sa.Column("modifier", sa.String(length=12), nullable=True),
        sa.Column("basis", sa.String(length=8), nullable=True),
        sa.Column("measure", sa.String(length=16), nullable=True),
        sa.Column("qualifiers", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("num_start", sa.Integer(), nullable=False),
        sa.Column("num_end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("extractor_version", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_facts_document_id", "facts", ["document_id"])
    op.create_index("ix_facts_indicator_kind_period", "facts", ["indicator", "kind", "period"])


def downgrade() -> None:
    op.drop_index("ix_facts_indicator_kind_period", table_name="facts")
    op.drop_index("ix_facts_document_id", table_name="facts")
    op.drop_table("facts")
