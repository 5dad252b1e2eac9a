"""Notes pages: /notes (all notes, exports, share links), form actions, and /s/<token> shares."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from baogao.services import notes as notes_service
from baogao.web.deps import Csrf, CurrentUser, DbSession
from baogao.web.render import render
from baogao.web.routes.accounts import login_redirect
from baogao.web.security import safe_next

router = APIRouter(include_in_schema=False)


def _group(notes: list[dict]) -> list[dict]:
    groups: dict[str, dict] = {}
    for n in notes:
        g = groups.setdefault(n["doc_id"], {"doc_id": n["doc_id"], "title": n["citation"]["title"], "notes": []})
        g["notes"].append(n)
    return list(groups.values())


def download(filename: str, content_type: str, content: bytes) -> Response:
    return Response(content, media_type=content_type, headers={
        "content-disposition": f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(filename)}",
        "cache-control": "private, no-store",
    })


@router.get("/notes")
def notes_page(request: Request, session: DbSession, user: CurrentUser, tag: str = ""):
    if user is None:
        return login_redirect(request)
    notes = notes_service.list_notes(session, user["id"])
    tags = sorted({t for n in notes for t in n["tags"]})
    if tag:
        notes = [n for n in notes if tag in n["tags"]]
    shares = notes_service.list_shares(session, user["id"])
    return render(request, "notes.html", {"groups": _group(notes), "count": len(notes), "tags": tags, "tag": tag,
                                          "shares": shares, "title": "我的笔记"})


@router.get("/notes/export")
def export(request: Request, session: DbSession, user: CurrentUser, fmt: str = "md", doc: str = ""):
    if user is None:
        return login_redirect(request)
    base = str(request.base_url).rstrip("/")
    filename, ctype, content = notes_service.export_notes(session, user["id"], doc or None, fmt=fmt, base_url=base)
    return download(filename, ctype, content)


@router.post("/notes/{note_id}/edit", dependencies=[Csrf])
def edit_note(request: Request, note_id: int, session: DbSession, user: CurrentUser, body: str = Form(""),
              tags: str = Form(""), next: str = Form("/notes")):
    if user is None:
        return login_redirect(request)
    notes_service.update_note(session, user["id"], note_id, body=body, tags=tags)
    return RedirectResponse(safe_next(next, "/notes"), status_code=303)


@router.post("/notes/{note_id}/delete", dependencies=[Csrf])
def delete_note(request: Request, note_id: int, session: DbSession, user: CurrentUser, next: str = Form("/notes")):
    if user is None:
        return login_redirect(request)
    notes_service.delete_note(session, user["id"], note_id)
    return RedirectResponse(safe_next(next, "/notes"), status_code=303)


@router.post("/shares", dependencies=[Csrf])
def create_share(request: Request, session: DbSession, user: CurrentUser, doc: str = Form(""), title: str = Form(""),
                 next: str = Form("/notes")):
    if user is None:
        return login_redirect(request)
    share = notes_service.create_share(session, user["id"], doc or None, title or None)
    target = safe_next(next, "/notes")
    sep = "&" if "?" in target else "?"
    return RedirectResponse(f"{target}{sep}shared={quote(share['token'])}#shares", status_code=303)


@router.post("/shares/{token}/revoke", dependencies=[Csrf])
def revoke_share(request: Request, token: str, session: DbSession, user: CurrentUser, next: str = Form("/notes")):
    if user is None:
        return login_redirect(request)
    notes_service.revoke_share(session, user["id"], token)
    return RedirectResponse(safe_next(next, "/notes") + "#shares", status_code=303)


@router.get("/s/{token}")
def share_page(request: Request, token: str, session: DbSession, user: CurrentUser):
    share = notes_service.get_share(session, token)
    response = render(request, "share.html", {"share": share, "groups": _group(share["notes"]),
                                              "title": share["title"]})
    response.headers["cache-control"] = "private, no-store"
    response.headers["x-robots-tag"] = "noindex"
    return response
