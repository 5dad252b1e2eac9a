"""Shared dependencies, declared once: the database session, the current user, CSRF checks.

    def view(session: DbSession, user: CurrentUser): ...
    @router.post(..., dependencies=[Csrf])
"""

from __future__ import annotations

from typing import Annotated, AsyncIterator, Optional

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from baogao.config import Settings
from baogao.services import accounts
from baogao.store.db import Database
from baogao.web.security import ANON_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, anon_token, tokens_match

CSRF_FAILED = "CSRF 校验失败：页面可能已过期，请刷新后重试"


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Database:
    return request.app.state.db


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the view returns, before the response is sent.

    An async dependency on purpose: opening a SQLAlchemy session is quick, and running it on the
    event loop saves two thread hops per request (the views that do slow work, such as password
    hashing, are plain ``def`` views and run in the thread pool as usual)."""
    with get_db(request).session() as session:
        yield session


DbSession = Annotated[Session, Depends(get_session, scope="function")]
AppSettings = Annotated[Settings, Depends(get_settings)]


async def get_user(request: Request, session: DbSession) -> dict | None:
    token = request.cookies.get(SESSION_COOKIE)
    user = accounts.user_for_session(session, token) if token else None
    request.state.user = user
    return user


CurrentUser = Annotated[Optional[dict], Depends(get_user)]


async def require_user(request: Request, user: CurrentUser) -> dict:
    if user is None:
        raise HTTPException(401, "请先登录")
    return user


LoggedIn = Annotated[dict, Depends(require_user)]


def expected_csrf(request: Request, user: dict | None) -> str | None:
    if user is not None:
        return user["csrf_secret"]
    nonce = request.cookies.get(ANON_COOKIE)
    return anon_token(request.app.state.settings.secret_key, nonce) if nonce else None


async def check_csrf(request: Request, user: CurrentUser) -> None:
    token = request.headers.get(CSRF_HEADER)
    if not token:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("application/x-www-form-urlencoded") or ctype.startswith("multipart/form-data"):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            token = value if isinstance(value, str) else None
    if not tokens_match(expected_csrf(request, user), token):
        raise HTTPException(403, CSRF_FAILED)


Csrf = Depends(check_csrf)
