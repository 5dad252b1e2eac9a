"""Stable, human-readable document ids: f"{region_code}-{year}-{kind_slug}" (310101-2025-gzbg)."""

from __future__ import annotations

from baogao.identify.kind import kind_slug


def make_doc_id(region_code: str | None, year: int | None, kind: str | None) -> str:
    """Unknown parts read "unknown" (the flags say which); the store adds a suffix on collisions."""
    return f"{region_code or 'unknown'}-{year if year is not None else 'unknown'}-{kind_slug(kind)}"
