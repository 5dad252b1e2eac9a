"""The JSON API under /api/v1 (described at /api/openapi.json, browsable at /api/docs).

Reading (documents, text spans, find, search, public shares) needs no account. Notes and share
links use the browser session cookie, and every state-changing request must send the session's
CSRF token in the X-CSRF-Token header (the reader page has it in <meta name="csrf-token">).
Errors are ``{"error": {"status": ..., "message": ...}}``; another user's note is a 404.
"""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from baogao.services import library as lib
from baogao.services import notes as notes_service
from baogao.web import presenters, searching
from baogao.web.deps import Csrf, DbSession, LoggedIn
from baogao.web.routes.notes import download

router = APIRouter(prefix="/api/v1")
_LISTINGS = presenters._LRU(256)  # document listings per (parameters, library stamp)
_BODIES = presenters._LRU(512)  # serialized JSON of details and finds per document revision


def _json_cached(key: tuple, build) -> Response:
    body = _BODIES.get(key)
    if body is None:
        body = JSONResponse(build()).body
        _BODIES.put(key, body)
    return Response(body, media_type="application/json")


class NoteCreate(BaseModel):
    doc_id: str = Field(..., max_length=80, description="文档 id，如 310101-2025-gzbg")
    start: int = Field(..., ge=0, description="起始字符偏移（规范文本）")
    end: int = Field(..., ge=0, description="结束字符偏移（不含）")
    body: str = Field("", description="笔记内容（Markdown）")
    tags: list[str] = Field(default_factory=list, description="标签")


class NoteUpdate(BaseModel):
    body: Optional[str] = Field(None, description="新的笔记内容；省略则不变")
    tags: Optional[list[str]] = Field(None, description="新的标签；省略则不变")


class ShareCreate(BaseModel):
    doc_id: Optional[str] = Field(None, max_length=80, description="只分享这份文档的笔记；省略则分享全部笔记")
    title: Optional[str] = Field(None, description="分享页标题")


# ------------------------------------------------------------------------------------------------
# documents


@router.get("/documents", tags=["文档"], summary="文档列表（筛选、排序、分页、分面计数）")
async def documents(session: DbSession, region: str = Query("", description="地区名或代码：上海 / 310000 / 黄浦区"),
              kind: str = Query("", description="类别：政府工作报告、决议、发展报告…"),
              year: str = Query("", description="年份或范围：2025、2020..2025"),
              level: str = Query("", description="行政级别：national / province / prefecture / county"),
              sort: str = Query("year", description="year | year_asc | region"),
              limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)):
    key = (region, kind, year, level, sort, limit, offset, presenters.library_stamp(session))
    result = _LISTINGS.get(key)
    if result is None:
        flt = lib.DocFilter(region=region or None, kind=kind or None, year=year or None, level=level or None)
        page = lib.list_documents(session, flt, sort=sort, limit=limit, offset=offset, facets=True)
        result = {"total": page.total, "limit": limit, "offset": offset, "items": page.items, "facets": page.facets}
        _LISTINGS.put(key, result)
    return JSONResponse(result)


@router.get("/documents/{doc_id}", tags=["文档"], summary="文档详情：元数据、目录、名词解释、图注、附件、来源")
async def document(doc_id: str, session: DbSession):
    key = ("detail", doc_id, presenters.cached_revision(session, doc_id))
    return _json_cached(key, lambda: presenters.document_json(session, doc_id))


@router.get("/documents/{doc_id}/text", tags=["文档"], summary="文本片段 text[start:end]")
async def document_text(doc_id: str, session: DbSession, start: Optional[int] = Query(None, ge=0),
                  end: Optional[int] = Query(None, ge=0)):
    text = lib.get_text(session, doc_id, start, end)
    s = start or 0
    return {"doc_id": doc_id, "start": s, "end": s + len(text), "text": text,
            "link": f"/d/{doc_id}#s={s}-{s + len(text)}"}


@router.get("/documents/{doc_id}/find", tags=["文档"], summary="文内查找（与搜索相同的匹配规则）")
async def document_find(doc_id: str, session: DbSession, q: str = Query("", description="要查找的文字")):
    key = ("find", doc_id, q, presenters.cached_revision(session, doc_id))
    return _json_cached(key, lambda: searching.find_in_document(session, doc_id, q))


@router.get("/search", tags=["搜索"], summary="全文搜索")
async def search(session: DbSession, q: str = Query(..., description="查询（搜索语法见搜索页）"),
           region: str = "", year: str = "", kind: str = "",
           level: str = Query("", description="行政级别：national / province / prefecture / county"),
           limit: int = Query(20, ge=1, le=100), offset: int = Query(0, ge=0)):
    return JSONResponse(searching.search(session, q, region=region or None, year=year or None, kind=kind or None,
                                         level=level or None, limit=limit, offset=offset))


# ------------------------------------------------------------------------------------------------
# account


@router.get("/me", tags=["账户"], summary="当前登录用户")
async def me(user: LoggedIn):
    return {"id": user["id"], "username": user["username"], "created_at": user["created_at"]}


# ------------------------------------------------------------------------------------------------
# notes


@router.get("/notes", tags=["笔记"], summary="我的笔记（按文本顺序；无法定位的为 orphan）")
def list_notes(session: DbSession, user: LoggedIn, doc_id: Optional[str] = None):
    return {"items": notes_service.list_notes(session, user["id"], doc_id)}


@router.post("/notes", tags=["笔记"], summary="新建笔记", status_code=201, dependencies=[Csrf])
def create_note(payload: NoteCreate, session: DbSession, user: LoggedIn):
    return notes_service.create_note(session, user["id"], payload.doc_id, payload.start, payload.end,
                                     body=payload.body, tags=payload.tags)


@router.get("/notes/export", tags=["笔记"], summary="导出笔记（Markdown 或 Word）")
def export_notes(request: Request, session: DbSession, user: LoggedIn, fmt: str = Query("md", description="md | docx"),
                 doc_id: Optional[str] = None):
    base = str(request.base_url).rstrip("/")
    return download(*notes_service.export_notes(session, user["id"], doc_id, fmt=fmt, base_url=base))


@router.get("/notes/{note_id}", tags=["笔记"], summary="一条笔记")
def get_note(note_id: int, session: DbSession, user: LoggedIn):
    return notes_service.get_note(session, user["id"], note_id)


@router.patch("/notes/{note_id}", tags=["笔记"], summary="修改笔记内容或标签", dependencies=[Csrf])
def update_note(note_id: int, payload: NoteUpdate, session: DbSession, user: LoggedIn):
    return notes_service.update_note(session, user["id"], note_id, body=payload.body, tags=payload.tags)


@router.delete("/notes/{note_id}", tags=["笔记"], summary="删除笔记", status_code=200, dependencies=[Csrf])
def delete_note(note_id: int, session: DbSession, user: LoggedIn):
    notes_service.delete_note(session, user["id"], note_id)
    return {"deleted": note_id}


# ------------------------------------------------------------------------------------------------
# shares


@router.get("/shares", tags=["分享"], summary="我的分享链接（含已撤销）")
def list_shares(session: DbSession, user: LoggedIn):
    return {"items": notes_service.list_shares(session, user["id"])}


@router.post("/shares", tags=["分享"], summary="为笔记创建只读分享链接", status_code=201, dependencies=[Csrf])
def create_share(payload: ShareCreate, session: DbSession, user: LoggedIn):
    return notes_service.create_share(session, user["id"], payload.doc_id, payload.title)


@router.delete("/shares/{token}", tags=["分享"], summary="撤销分享链接", dependencies=[Csrf])
def revoke_share(token: str, session: DbSession, user: LoggedIn):
    return notes_service.revoke_share(session, user["id"], token)


@router.get("/s/{token}", tags=["分享"], summary="分享的笔记（公开只读）")
async def public_share(token: str, session: DbSession):
    return notes_service.get_share(session, token)
