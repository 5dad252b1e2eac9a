"""Notes and note shares: the services the web app, API and CLI call.

Every function takes the acting ``user_id`` and raises ``NotFound`` (never PermissionDenied)
when a note or share is not that user's, so ids of other users' notes do not leak.
Validation problems raise ``InvalidQuery`` (HTTP 400) with a Chinese message.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from baogao.errors import InvalidQuery, NotFound
from baogao.notes.anchor import describe
from baogao.notes.render import render_markdown
from baogao.notes.schema import ANCHORED, ORPHAN, Note, NoteShare, User
from baogao.services.library import section_at
from baogao.store.schema import Document, utcnow

MAX_BODY = 20_000
MAX_TAGS = 20
MAX_TAG = 40
MAX_QUOTE = 20_000
MAX_SHARE_TITLE = 200
NOT_FOUND = "笔记不存在"
SHARE_NOT_FOUND = "分享链接不存在或已撤销"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


# --------------------------------------------------------------------------------------------
# validation


def clean_body(body: str | None) -> str:
    body = "" if body is None else body
    if not isinstance(body, str):
        raise InvalidQuery("笔记内容必须是文本")
    if len(body) > MAX_BODY:
        raise InvalidQuery(f"笔记内容不能超过 {MAX_BODY} 个字符")
    return body


def clean_tags(tags) -> list[str]:
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.replace("，", ",").split(",")
    out: list[str] = []
    for tag in tags:
        if not isinstance(tag, str):
            raise InvalidQuery("标签必须是文本")
        tag = " ".join(tag.split())  # strip, and no newlines/tabs inside
        if not tag:
            continue
        if len(tag) > MAX_TAG:
            raise InvalidQuery(f"标签不能超过 {MAX_TAG} 个字符: {tag[:MAX_TAG]}…")
        if tag not in out:
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise InvalidQuery(f"标签不能超过 {MAX_TAGS} 个")
    return out


def _int(value, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise InvalidQuery(f"{what} 必须是整数") from exc


# --------------------------------------------------------------------------------------------
# presenting


def citation(session: Session, doc: Document | None, doc_id: str, start: int, end: int, *, anchored: bool = True) -> dict:
    """The citation of a span: 《title》, region, year, section, link."""
    section = section_at(session, doc_id, start) if (doc is not None and anchored) else None
    link = f"/d/{doc_id}#s={start}-{end}" if anchored and doc is not None else f"/d/{doc_id}"
    title = (doc.title if doc is not None else None) or doc_id
    region = doc.region_name if doc is not None else None
    year = doc.year if doc is not None else None
    sec = {"label": section.label, "title": section.title} if section is not None else None
    parts = [f"《{title}》"]
    if region:
        parts.append(region)
    if year:
        parts.append(f"{year}年")
    if sec:
        parts.append(f"{sec['label']}{sec['title']}")
    return {
        "doc_id": doc_id,
        "title": title,
        "region": region,
        "year": year,
        "section": sec,
        "link": link,
        "text": "，".join(parts),
    }


def note_dict(session: Session, note: Note, doc: Document | None = None, *, _docs: dict | None = None) -> dict:
    if doc is None:
        if _docs is not None and note.document_id in _docs:
            doc = _docs[note.document_id]
        else:
            doc = session.get(Document, note.document_id)
            if _docs is not None:
                _docs[note.document_id] = doc
    anchored = note.status == ANCHORED and doc is not None
    cite = citation(session, doc, note.document_id, note.start, note.end, anchored=anchored)
    return {
        "id": note.id,
        "doc_id": note.document_id,
        "start": note.start,
        "end": note.end,
        "quote": note.quote,
        "prefix": note.prefix,
        "suffix": note.suffix,
        "body": note.body,
        "body_html": render_markdown(note.body),
        "tags": list(note.tags or []),
        "status": note.status if doc is not None else ORPHAN,
        "document_revision": note.document_revision,
        "created_at": _iso(note.created_at),
        "updated_at": _iso(note.updated_at),
        "link": cite["link"],
        "citation": cite,
    }


# --------------------------------------------------------------------------------------------
# notes


def _own_note(session: Session, user_id: int, note_id) -> Note:
    try:
        nid = int(note_id)
    except (TypeError, ValueError):
        raise NotFound(NOT_FOUND) from None
    note = session.get(Note, nid)
    if note is None or note.user_id != user_id:
        raise NotFound(NOT_FOUND)
    return note


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id) if user_id is not None else None
    if user is None:
        raise NotFound("用户不存在")
    return user


def create_note(session: Session, user_id: int, doc_id: str, start: int, end: int, body: str = "", tags=()) -> dict:
    """A note on ``text[start:end]`` of a document (the span must be inside the text, non-empty)."""
    _user(session, user_id)
    doc = session.get(Document, doc_id) if doc_id else None
    if doc is None:
        raise NotFound(f"文档不存在: {doc_id}")
    start, end = _int(start, "start"), _int(end, "end")
    if not (0 <= start < end <= len(doc.text)):
        raise InvalidQuery(f"范围 {start}-{end} 无效（文本长度 {len(doc.text)}，且不能为空）")
    if end - start > MAX_QUOTE:
        raise InvalidQuery(f"选中的文字不能超过 {MAX_QUOTE} 个字符")
    quote, prefix, suffix = describe(doc.text, start, end)
    if not quote.strip():
        raise InvalidQuery("选中的只是空白")
    now = utcnow()
    note = Note(
        user_id=user_id, document_id=doc.id, start=start, end=end, quote=quote, prefix=prefix, suffix=suffix,
        body=clean_body(body), tags=clean_tags(tags), status=ANCHORED, document_revision=doc.revision or 1,
        created_at=now, updated_at=now,
    )
    session.add(note)
    session.flush()
    return note_dict(session, note, doc)


def _order(notes: list[dict]) -> list[dict]:
    """Text order per document; orphans last (oldest first)."""
    return sorted(
        notes,
        key=lambda n: (n["status"] == ORPHAN, n["doc_id"], n["start"] if n["status"] == ANCHORED else 0, n["created_at"] or "", n["id"]),
    )


def list_notes(session: Session, user_id: int, doc_id: str | None = None) -> list[dict]:
    stmt = select(Note).where(Note.user_id == user_id)
    if doc_id is not None:
        stmt = stmt.where(Note.document_id == doc_id)
    docs: dict = {}
    return _order([note_dict(session, n, _docs=docs) for n in session.scalars(stmt)])


def get_note(session: Session, user_id: int, note_id: int) -> dict:
    return note_dict(session, _own_note(session, user_id, note_id))


def update_note(session: Session, user_id: int, note_id: int, body: str | None = None, tags=None) -> dict:
    """Change the body and/or tags (None leaves a field as it is)."""
    note = _own_note(session, user_id, note_id)
    if body is not None:
        note.body = clean_body(body)
    if tags is not None:
        note.tags = clean_tags(tags)
    note.updated_at = utcnow()
    session.flush()
    return note_dict(session, note)


def delete_note(session: Session, user_id: int, note_id: int) -> None:
    note = _own_note(session, user_id, note_id)
    session.delete(note)
    session.flush()


# --------------------------------------------------------------------------------------------
# shares


def _share_dict(share: NoteShare) -> dict:
    return {
        "token": share.token,
        "url": f"/s/{share.token}",
        "title": share.title,
        "doc_id": share.document_id,
        "created_at": _iso(share.created_at),
        "revoked_at": _iso(share.revoked_at),
        "active": share.revoked_at is None,
    }


def create_share(session: Session, user_id: int, doc_id: str | None = None, title: str | None = None) -> dict:
    """A read-only link to the user's notes on one document (or all of them when doc_id is None)."""
    _user(session, user_id)
    doc = None
    if doc_id is not None:
        doc = session.get(Document, doc_id)
        has_notes = session.scalar(select(Note.id).where(Note.user_id == user_id, Note.document_id == doc_id).limit(1))
        if doc is None and has_notes is None:
            raise NotFound(f"文档不存在: {doc_id}")
    title = " ".join((title or "").split())
    if len(title) > MAX_SHARE_TITLE:
        raise InvalidQuery(f"标题不能超过 {MAX_SHARE_TITLE} 个字符")
    if not title:
        title = f"《{doc.title or doc_id}》笔记" if doc is not None else (f"{doc_id} 笔记" if doc_id else "我的笔记")
    share = NoteShare(token=secrets.token_urlsafe(24), user_id=user_id, document_id=doc_id, title=title,
                      created_at=utcnow())
    session.add(share)
    session.flush()
    return _share_dict(share)


def list_shares(session: Session, user_id: int) -> list[dict]:
    """The user's share links, newest first, revoked ones included (``active`` False)."""
    rows = session.scalars(select(NoteShare).where(NoteShare.user_id == user_id).order_by(NoteShare.id.desc()))
    return [_share_dict(s) for s in rows]


def _share(session: Session, token: str | None) -> NoteShare | None:
    if not token or not isinstance(token, str) or len(token) > 64:
        return None
    return session.scalar(select(NoteShare).where(NoteShare.token == token))


def revoke_share(session: Session, user_id: int, token: str) -> dict:
    share = _share(session, token)
    if share is None or share.user_id != user_id:
        raise NotFound(SHARE_NOT_FOUND)
    if share.revoked_at is None:
        share.revoked_at = utcnow()
        session.flush()
    return _share_dict(share)


def get_share(session: Session, token: str) -> dict:
    """What anyone with the link sees (read-only). NotFound when unknown or revoked."""
    share = _share(session, token)
    if share is None or share.revoked_at is not None:
        raise NotFound(SHARE_NOT_FOUND)
    owner = session.get(User, share.user_id)
    if owner is None:
        raise NotFound(SHARE_NOT_FOUND)
    return {
        "title": share.title,
        "owner": owner.username,
        "doc_id": share.document_id,
        "created_at": _iso(share.created_at),
        "notes": list_notes(session, share.user_id, share.document_id),
    }


# --------------------------------------------------------------------------------------------
# export

MARKDOWN_TYPE = "text/markdown; charset=utf-8"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_notes(session: Session, user_id: int, doc_id: str | None = None, fmt: str = "md", base_url: str = "") -> tuple[str, str, bytes]:
    """The user's notes (one document's or all) as Markdown or Word -> (filename, content type, bytes).

    ``base_url`` (e.g. "https://baogao.example.org") makes the links absolute.
    An unknown document with no notes of this user -> NotFound.
    """
    from baogao.notes import export

    _user(session, user_id)
    if fmt not in ("md", "docx"):
        raise InvalidQuery(f"不支持的导出格式: {fmt}（可用: md, docx）")
    notes = list_notes(session, user_id, doc_id)
    if doc_id is not None:
        doc = session.get(Document, doc_id)
        if doc is None and not notes:
            raise NotFound(f"文档不存在: {doc_id}")
        title = f"《{(doc.title if doc else None) or doc_id}》笔记"
        stem = f"notes-{doc_id}"
    else:
        title = "我的笔记"
        stem = "notes-all"
    stem += "-" + utcnow().strftime("%Y%m%d")
    if fmt == "md":
        return stem + ".md", MARKDOWN_TYPE, export.to_markdown(notes, title, base_url=base_url).encode("utf-8")
    return stem + ".docx", DOCX_TYPE, export.to_docx(notes, title, base_url=base_url)
