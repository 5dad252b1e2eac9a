"""Library (/), search (/search), question answering (/ask) and the self-hosted API docs page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from baogao.web import presenters, searching
from baogao.web.deps import AppSettings, CurrentUser, DbSession
from baogao.web.render import anon_cached, ask_enabled, render

router = APIRouter(include_in_schema=False)

SEARCH_PAGE = 20


@router.get("/")
async def library(request: Request, session: DbSession, user: CurrentUser):
    params = dict(request.query_params)

    def build():
        view = presenters.library_view(session, params)
        return render(request, "library.html", {"view": view, "params": params, "title": "文库"})

    return anon_cached(request, (tuple(sorted(params.items())), presenters.library_stamp(session)), build)


@router.get("/search")
async def search_page(request: Request, session: DbSession, user: CurrentUser, q: str = "", region: str = "",
                year: str = "", kind: str = "", level: str = "", page: int = 1):
    page = max(1, page)
    params = {k: v for k, v in {"q": q, "region": region, "year": year, "kind": kind, "level": level}.items() if v}

    def build():
        result, shown = None, page
        if q.strip():
            result = searching.search(session, q, region=region or None, year=year or None, kind=kind or None,
                                      level=level or None, limit=SEARCH_PAGE, offset=(page - 1) * SEARCH_PAGE)
        pages = max(1, -(-(result or {}).get("documents", 0) // SEARCH_PAGE)) if result else 1
        if result and page > pages:  # past the end (an old link): the last page
            shown = pages
            result = searching.search(session, q, region=region or None, year=year or None, kind=kind or None,
                                      level=level or None, limit=SEARCH_PAGE, offset=(shown - 1) * SEARCH_PAGE)
        return render(request, "search.html", {"q": q, "result": result, "params": params, "page": shown,
                                               "pages": pages, "title": f"搜索：{q}" if q else "搜索"})

    return anon_cached(request, (tuple(sorted(params.items())), page, presenters.library_stamp(session)), build)


@router.get("/ask")
def ask_page(request: Request, session: DbSession, user: CurrentUser, settings: AppSettings, q: str = "", doc: str = "",
             region: str = "", year: str = ""):
    answer = None
    if q.strip() and ask_enabled():
        from baogao.services import ask as ask_service
        from baogao.web.routes.ask import answer_view

        answer = answer_view(ask_service.ask(session, q.strip()[:500], doc_id=doc or None, region=region or None,
                                             year=int(year) if year.isdigit() else None, settings=settings))
    return render(request, "ask.html", {"ask_q": q, "ask_doc": doc, "ask_region": region, "ask_year": year,
                                        "answer": answer, "enabled": ask_enabled(), "title": "问答"})


@router.get("/api/docs")
async def api_docs(request: Request, user: CurrentUser):
    spec = request.app.openapi()
    groups: dict[str, list] = {}
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            tag = (op.get("tags") or ["其他"])[0]
            params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                       "description": p.get("description") or (p.get("schema") or {}).get("description", "")}
                      for p in op.get("parameters", [])]
            groups.setdefault(tag, []).append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "params": params,
                "body": bool(op.get("requestBody")), "responses": sorted(op.get("responses", {}).keys()),
            })
    return render(request, "api_docs.html", {"spec": spec, "groups": groups, "title": "API 文档"})


@router.get("/healthz")
async def healthz(session: DbSession):
    from sqlalchemy import text

    session.execute(text("SELECT 1"))
    return PlainTextResponse("ok")


@router.get("/robots.txt")
async def robots():
    return PlainTextResponse("User-agent: *\nDisallow: /s/\nDisallow: /notes\nDisallow: /api/\n")
