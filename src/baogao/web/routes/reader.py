"""The reader: /d/<doc-id> and its notes-panel fragment."""

from __future__ import annotations

from fastapi import APIRouter, Request

from baogao.services import notes as notes_service
from baogao.web import presenters
from baogao.web.deps import CurrentUser, DbSession
from baogao.web.render import render

router = APIRouter(include_in_schema=False)


def _notes(session, user, doc_id: str) -> list[dict]:
    return notes_service.list_notes(session, user["id"], doc_id) if user else []


@router.get("/d/{doc_id}")
def reader(request: Request, doc_id: str, session: DbSession, user: CurrentUser):
    view = presenters.reader_view(session, doc_id)
    notes = _notes(session, user, doc_id)
    doc = view["doc"]
    data = {
        "doc": {"id": doc["id"], "title": doc["title"], "region": doc["region"]["name"], "year": doc["year"],
                "n_chars": view["n_chars"]},
        "sections": view["sections"],
        "logged_in": bool(user),
    }
    return render(request, "reader.html", {
        "view": view, "doc": doc, "notes": notes, "data": data, "title": doc["title"] or doc["id"],
    })


@router.get("/d/{doc_id}/notes-panel")
def notes_panel(request: Request, doc_id: str, session: DbSession, user: CurrentUser):
    presenters.document_revision(session, doc_id)  # 404 for an unknown document
    return render(request, "partials/_notes_panel.html", {"doc_id": doc_id, "notes": _notes(session, user, doc_id)})
