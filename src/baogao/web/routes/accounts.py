"""Accounts: /register, /login, /logout, /account (change password)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from baogao.errors import AuthError, BaogaoError, InvalidQuery, RateLimited
from baogao.services import accounts
from baogao.services.accounts import SESSION_LIFETIME
from baogao.web.deps import Csrf, CurrentUser, DbSession
from baogao.web.render import render, set_cookie
from baogao.web.security import SESSION_COOKIE, safe_next

router = APIRouter(include_in_schema=False)


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (("?" + request.url.query) if request.url.query else "")
    return RedirectResponse("/login?next=" + quote(target, safe="/"), status_code=303)


def start_session(request: Request, session, user_id: int, target: str) -> RedirectResponse:
    token, _csrf = accounts.create_session(session, user_id)
    response = RedirectResponse(target, status_code=303)
    set_cookie(request, response, SESSION_COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()))
    return response


def client_key(request: Request) -> str | None:
    return request.client.host if request.client else None


@router.get("/login")
def login_form(request: Request, user: CurrentUser, next: str = "/"):
    return render(request, "login.html", {"next": safe_next(next), "title": "登录"}, anon_forms=True)


@router.post("/login", dependencies=[Csrf])
def login(request: Request, session: DbSession, user: CurrentUser, username: str = Form(""), password: str = Form(""),
          next: str = Form("/")):
    target = safe_next(next)
    try:
        found = accounts.authenticate(session, username, password, client_key=client_key(request))
    except (AuthError, RateLimited) as exc:
        return render(request, "login.html", {"next": target, "username": username, "error": str(exc), "title": "登录"},
                      status_code=exc.http_status, anon_forms=True)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        accounts.end_session(session, old)
    return start_session(request, session, found["id"], target)


@router.get("/register")
def register_form(request: Request, user: CurrentUser, next: str = "/"):
    return render(request, "register.html", {"next": safe_next(next), "title": "注册"}, anon_forms=True)


@router.post("/register", dependencies=[Csrf])
def register(request: Request, session: DbSession, user: CurrentUser, username: str = Form(""),
             password: str = Form(""), password2: str = Form(""), next: str = Form("/")):
    target = safe_next(next)
    try:
        if password != password2:
            raise InvalidQuery("两次输入的密码不一致")
        created = accounts.register(session, username, password)
    except BaogaoError as exc:
        return render(request, "register.html", {"next": target, "username": username, "error": str(exc), "title": "注册"},
                      status_code=400 if exc.http_status == 401 else exc.http_status, anon_forms=True)
    return start_session(request, session, created["id"], target)


@router.post("/logout", dependencies=[Csrf])
def logout(request: Request, session: DbSession, user: CurrentUser):
    accounts.end_session(session, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=request.app.state.settings.secure_cookies)
    return response


@router.get("/account")
def account(request: Request, session: DbSession, user: CurrentUser):
    if user is None:
        return login_redirect(request)
    return render(request, "account.html", {"title": "账户"})


@router.post("/account", dependencies=[Csrf])
def change_password(request: Request, session: DbSession, user: CurrentUser, old_password: str = Form(""),
                    new_password: str = Form(""), new_password2: str = Form("")):
    if user is None:
        return login_redirect(request)
    try:
        if new_password != new_password2:
            raise InvalidQuery("两次输入的新密码不一致")
        accounts.change_password(session, user["id"], old_password, new_password)
    except BaogaoError as exc:
        return render(request, "account.html", {"error": str(exc), "title": "账户"},
                      status_code=400 if exc.http_status == 401 else exc.http_status)
    # every session ended, this browser gets a fresh one
    return start_session(request, session, user["id"], "/account?changed=1")
