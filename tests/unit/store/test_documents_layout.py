"""Migration 0006: on SQLite the two texts are the last columns of a document row, so reading
the other columns never walks the texts' overflow pages; upgrading keeps every row."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select

from baogao.services.importing import import_paths
from baogao.store.db import Database, alembic_config
from baogao.store.schema import Document, Source


def _columns(db: Database) -> list[str]:
    with db.engine.connect() as conn:
        return [r[1] for r in conn.exec_driver_sql("PRAGMA table_info(documents)")]


def test_new_library_keeps_the_texts_last(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'new.db'}")
    assert _columns(db)[-2:] == ["text", "norm_text"]
    db.dispose()


def test_upgrade_moves_the_texts_and_keeps_every_row(tmp_path, corpus_dir, settings):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    db = Database(url)
    assert import_paths(db, [corpus_dir / "web-pages"], settings).ok
    with db.session() as s:
        before = {d.id: (d.text, d.norm_text, d.n_chars, d.revision) for d in s.scalars(select(Document))}
        n_sources = len(s.scalars(select(Source)).all())
    with db.engine.begin() as conn:  # back to the old layout: the texts in the middle of the row
        command.downgrade(alembic_config(conn), "0006_text_last@-1")
        for name in ("meta", "flags"):
            conn.exec_driver_sql(f"ALTER TABLE documents ADD COLUMN {name}__x TEXT NOT NULL DEFAULT '{{}}'")
            conn.exec_driver_sql(f"UPDATE documents SET {name}__x = {name}")
            conn.exec_driver_sql(f"ALTER TABLE documents DROP COLUMN {name}")
            conn.exec_driver_sql(f"ALTER TABLE documents RENAME COLUMN {name}__x TO {name}")
    db.dispose()
    assert _columns(Database(url, migrate=False))[-2:] == ["meta", "flags"]
    db = Database(url)  # upgrades
    assert _columns(db)[-2:] == ["text", "norm_text"]
    with db.session() as s:
        after = {d.id: (d.text, d.norm_text, d.n_chars, d.revision) for d in s.scalars(select(Document))}
        assert after == before
        assert len(s.scalars(select(Source)).all()) == n_sources  # rows pointing at documents kept
    db.dispose()
