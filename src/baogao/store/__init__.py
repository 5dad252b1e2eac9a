"""The only writer: SQLAlchemy 2 schema, Alembic migrations, and repositories."""

from baogao.store.db import Database

__all__ = ["Database"]
