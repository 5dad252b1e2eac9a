"""The reader web app: ``create_app(settings)`` builds a FastAPI app over one library database.

Server-rendered Jinja2 pages (library, reader, search, notes, accounts), a JSON API under
/api/v1 with its OpenAPI description at /api/openapi.json and a self-hosted docs page at
/api/docs, and static assets served by the app itself (nothing from a CDN).

Several uvicorn workers share one database: the app keeps no state of its own except caches
keyed by (document id, revision).
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from baogao.config import Settings, load_settings
from baogao.errors import BaogaoError
from baogao.store.db import Database
from baogao.web.security import SecurityMiddleware

STATIC = Path(__file__).with_name("static")
log = logging.getLogger("baogao.web")

_STATUS_MESSAGES = {
    400: "请求有误",
    401: "请先登录",
    403: "请求被拒绝（可能是页面已过期，请刷新后重试）",
    404: "页面不存在",
    405: "不支持这种请求方式",
    413: "提交的内容太大",
    422: "请求参数有误",
    429: "请求过于频繁，请稍后再试",
    500: "服务器内部错误，请稍后再试",
}


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    settings = settings or load_settings()
    app = FastAPI(
        title="baogao 报告 API",
        version="1",
        description="政府工作报告文库的 JSON API：文档、文本片段、文内查找、搜索、笔记与分享。"
        "笔记接口使用登录会话 Cookie，修改类请求须带 X-CSRF-Token 请求头。",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.db = db or Database(settings.db)

    from baogao.web.routes import accounts, api, ask, facts, notes, pages, reader

    for module in (pages, reader, accounts, notes, api, facts, ask):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    _install_error_handlers(app)
    app.add_middleware(SecurityMiddleware, max_body=settings.max_upload_bytes, secure=settings.secure_cookies)
    return app


def create_app_from_env() -> FastAPI:
    """The uvicorn factory (``baogao serve``): settings from BAOGAO_* like every command."""
    return create_app(load_settings())


# -----------------------------------------------------------------------------------------------
# errors: a friendly Chinese page or a JSON error, never a stack trace


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, headers: dict | None = None):
    from fastapi.responses import JSONResponse

    if wants_json(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)
    from baogao.web.render import render

    return render(request, "error.html", {"status": status, "message": message, "title": f"出错了（{status}）"},
                  status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BaogaoError)
    async def _baogao(request: Request, exc: BaogaoError):
        return error_response(request, exc.http_status, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else None
        if exc.status_code == 404 and isinstance(exc.detail, str) and exc.detail != "Not Found":
            message = exc.detail
        if message in (None, "Not Found", "Method Not Allowed", "Forbidden", "Unauthorized"):
            message = _STATUS_MESSAGES.get(exc.status_code, "请求失败")
        return error_response(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        problems = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return error_response(request, 400, "请求参数有误：" + "；".join(problems))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(request, 500, _STATUS_MESSAGES[500])
