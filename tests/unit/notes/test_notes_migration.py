"""Migration 0003_notes creates exactly what the ORM models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from baogao.notes import schema as notes_schema
from baogao.store.db import Database
from baogao.store.schema import Base

TABLES = {"users", "user_sessions", "login_attempts", "notes", "note_shares"}


def test_migration_matches_models(tmp_path):
    assert notes_schema.Note.__tablename__ == "notes"
    db = Database(f"sqlite:///{tmp_path / 'm.db'}")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    ours = [d for d in diff if TABLES & set(_tables(d))]
    assert not ours, ours
    db.dispose()


def _tables(diff) -> list[str]:
    out = []
    for item in diff if isinstance(diff, list) else [diff]:
        for part in item:
            name = getattr(part, "name", None)
            table = getattr(part, "table", None)
            if table is not None:
                out.append(table.name)
            if isinstance(part, str):
                out.append(part)
            if name:
                out.append(name)
    return out
