"""Accounts and notes tables (migration 0003_notes).

A note points into a document with (document_id, start, end) and also stores the quoted text
with 32 characters of context on each side, so it can be re-anchored after the document is
re-imported with changed text (see ``baogao.notes.anchor``). ``document_id`` is deliberately a
plain string, not a cascading foreign key: a note outlives its document (it becomes an orphan).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from baogao.store.schema import Base, utcnow

ANCHORED, ORPHAN = "anchored", "orphan"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(32))  # as typed at registration
    # casefolded username: the unique key, so "Alice" and "alice" are the same account
    username_key: Mapped[str] = mapped_column(String(32), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))  # argon2id, PHC string
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class UserSession(Base):
    """A login. Only the SHA-256 of the cookie token is stored."""

    __tablename__ = "user_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    csrf_secret: Mapped[str] = mapped_column(String(64))


class LoginAttempt(Base):
    """A failed login, kept 15 minutes; shared by every app worker through the database."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200))  # "user:<casefolded name>" or "client:<ip>"
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    document_id: Mapped[str] = mapped_column(String(80), index=True)  # not a FK: notes outlive documents
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown source
    tags: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default=ANCHORED)  # anchored | orphan
    document_revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class NoteShare(Base):
    """A read-only link to a user's notes (one document's, or all of them when document_id is NULL).

    The token is 24 random bytes (secrets.token_urlsafe(24), 192 bits): unguessable, and kept in
    plain form so its owner can copy the link again from the list of shares.
    """

    __tablename__ = "note_shares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[str | None] = mapped_column(String(80))
    title: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column()


Index("ix_notes_user_document", Note.user_id, Note.document_id)
Index("ix_login_attempts_key_at", LoginAttempt.key, LoginAttempt.at)
