"""The reader: /d/<doc-id> and its notes-panel fragment."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from baogao.services import notes as notes_service
from baogao.web import presenters
from baogao.web.deps import CurrentUser, DbSession
from baogao.web.render import asset_version, render

router = APIRouter(include_in_schema=False)


def _notes(session, user, doc_id: str) -> list[dict]:
    return notes_service.list_notes(session, user["id"], doc_id) if user else []


# Visitors without an account all get the same page: it is kept whole, per document revision.
_ANON_PAGES = presenters._LRU(64)


@router.get("/d/{doc_id}")
async def reader(request: Request, doc_id: str, session: DbSession, user: CurrentUser):
    if user is None:
        # no query at all while the library is unchanged: the revision comes from the worker's
        # map (refreshed with the library stamp), the page bytes from the cache
        key = (doc_id, presenters.cached_revision(session, doc_id), asset_version())
        etag = '"r-%s"' % hashlib.sha256(repr(key).encode()).hexdigest()[:20]
        headers = {"etag": etag, "cache-control": "no-cache"}
        if request.headers.get("if-none-match") == etag:
            return Response(status_code=304, headers=headers)
        body = _ANON_PAGES.get(key)
        if body is not None:
            return HTMLResponse(body, headers=headers)
        response = _reader_page(request, presenters.reader_view(session, doc_id), [], None)
        _ANON_PAGES.put(key, response.body)
        response.headers.update(headers)
        return response
    view = presenters.reader_view(session, doc_id)
    return _reader_page(request, view, _notes(session, user, doc_id), user)


def _reader_page(request: Request, view: dict, notes: list[dict], user):
    doc = view["doc"]
    data = {
        "doc": {"id": doc["id"], "title": doc["title"], "region": view["region_full"], "year": doc["year"],
                "date": doc.get("delivered_on"), "n_chars": view["n_chars"]},
        "sections": view["sections"],
        "logged_in": bool(user),
    }
    return render(request, "reader.html", {
        "view": view, "doc": doc, "notes": notes, "data": data, "title": doc["title"] or doc["id"],
    })


@router.get("/d/{doc_id}/notes-panel")
async def notes_panel(request: Request, doc_id: str, session: DbSession, user: CurrentUser):
    presenters.document_revision(session, doc_id)  # 404 for an unknown document
    return render(request, "partials/_notes_panel.html", {"doc_id": doc_id, "notes": _notes(session, user, doc_id)})
