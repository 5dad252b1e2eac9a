"""The stored facts (one row per extracted figure), pointing into documents.text by span."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from baogao.store.schema import Base


class FactRow(Base):
    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(24))
    period: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float)
    high: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String(16))
    modifier: Mapped[str | None] = mapped_column(String(12))
    basis: Mapped[str | None] = mapped_column(String(8))
    measure: Mapped[str | None] = mapped_column(String(16))
    qualifiers: Mapped[list] = mapped_column(JSON, default=list)
    flags: Mapped[list] = mapped_column(JSON, default=list)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    num_start: Mapped[int] = mapped_column(Integer)
    num_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(16))


Index("ix_facts_indicator_kind_period", FactRow.indicator, FactRow.kind, FactRow.period)
