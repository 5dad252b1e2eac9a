"""Templates (Jinja2, autoescaped) and the one ``render`` helper every HTML view calls.

``render`` adds what every page needs: the current user, the CSRF token for its forms (and for
fetch via <meta name="csrf-token">), and, for visitors without an account, the signed
double-submit cookie that backs the login/register forms' token.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from baogao.services.library import LEVEL_NAMES
from baogao.web.security import ANON_COOKIE, anon_token, new_nonce

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

FLAG_NAMES = {
    "truncated_words": "来源文本有残缺词语",
    "number_missing_unit": "个别数字缺少单位",
    "dash_for_yi": "“一”被误录为破折号",
    "missing_char": "个别句首缺字",
    "captions_repeated": "图注重复",
    "year_from_publication": "年份按发布时间推定",
    "wrong_source_line": "来源行可能有误",
    "abridged": "节选/摘要版本",
    "short_text": "文本较短，可能不完整",
    "traditional": "含繁体字",
    "mixed_script": "繁简混排",
}
KIND_NAMES = {"政府工作报告": "政府工作报告", "决议": "决议", "发展报告": "发展报告", "规划": "规划", "其他": "其他"}


@lru_cache(maxsize=1)
def asset_version() -> str:
    h = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:10]


def _query(params: dict, **changes) -> str:
    """The current query string with some parameters changed (None/'' removes them)."""
    merged = {k: v for k, v in params.items()}
    merged.update(changes)
    clean = {k: v for k, v in merged.items() if v not in (None, "")}
    return ("?" + urlencode(clean)) if clean else "?"


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, every value: user content is always escaped
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(query=_query, LEVEL_NAMES=LEVEL_NAMES, FLAG_NAMES=FLAG_NAMES, asset_version=asset_version)
    env.filters["flag_name"] = lambda f: FLAG_NAMES.get(f, f)
    env.filters["level_name"] = lambda lv: LEVEL_NAMES.get(lv or "", lv or "")
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    return env


templates = Jinja2Templates(env=_env())


def ask_enabled() -> bool:
    """问答 is offered only when the question-answering service exists."""
    try:
        from baogao.services import ask  # noqa: F401
    except Exception:
        return False
    return True


def csrf_for(request: Request, anon_forms: bool = False) -> tuple[str, str | None]:
    """(token for this page's forms, a new anon nonce to set as cookie or None).

    Visitors without an account get a token only on pages with a form they may submit (login,
    register): other pages stay identical for every visitor, so they can be cached whole."""
    user = getattr(request.state, "user", None)
    if user:
        return user["csrf_secret"], None
    if not anon_forms:
        return "", None
    secret = request.app.state.settings.secret_key
    nonce = request.cookies.get(ANON_COOKIE)
    fresh = None
    if not nonce or len(nonce) > 100:
        nonce = fresh = new_nonce()
    return anon_token(secret, nonce), fresh


def render(request: Request, name: str, context: dict | None = None, *, status_code: int = 200,
           headers: dict | None = None, anon_forms: bool = False):
    csrf, fresh = csrf_for(request, anon_forms)
    ctx = {
        "request": request,
        "user": getattr(request.state, "user", None),
        "csrf_token": csrf,
        "ask_enabled": ask_enabled(),
        "path": request.url.path,
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)
    if fresh:
        set_cookie(request, response, ANON_COOKIE, fresh, max_age=None)
    if request.method == "GET" and ctx["user"]:
        response.headers["cache-control"] = "private, no-store"
    return response


def set_cookie(request: Request, response, name: str, value: str, *, max_age: int | None) -> None:
    response.set_cookie(
        name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
        secure=request.app.state.settings.secure_cookies,
    )


# ------------------------------------------------------------------------------------------------
# whole pages for visitors without an account (identical for all of them: no token, no cookie)

_PAGES: dict = {}
_PAGES_MAX = 512


def anon_cached(request: Request, key: tuple, build):
    """Return ``build()`` (an HTML response); for anonymous visitors keep its bytes under ``key``
    (which must change whenever the page would: include the library stamp or document revision)."""
    if getattr(request.state, "user", None) is not None:
        return build()
    from fastapi.responses import HTMLResponse

    full = (request.url.path, key, asset_version())
    body = _PAGES.get(full)
    if body is not None:
        return HTMLResponse(body)
    response = build()
    if response.status_code == 200:
        if len(_PAGES) >= _PAGES_MAX:
            _PAGES.pop(next(iter(_PAGES)))
        _PAGES[full] = response.body
    return response
