"""Security plumbing: response headers, request body limit, CSRF tokens, safe redirects.

CSRF: every state-changing request (POST, PUT, PATCH, DELETE) must carry a token, either in
the ``X-CSRF-Token`` header (fetch) or in the ``csrf_token`` form field (forms).
- Logged in: the token is the CSRF secret stored with the server-side session.
- Not logged in (login and register forms): a random value in the HttpOnly ``baogao_anon``
  cookie, and the token is HMAC(secret_key, that value) -- a signed double submit.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time

SESSION_COOKIE = "baogao_session"
ANON_COOKIE = "baogao_anon"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

_HEADER_NAMES = {k for k, _ in HEADERS}


class SecurityMiddleware:
    """Pure ASGI: adds the security headers (and Server-Timing) to every response and refuses
    request bodies over ``max_body`` with 413."""

    def __init__(self, app, max_body: int, secure: bool = False) -> None:
        self.app = app
        self.max_body = max_body
        self.secure = secure

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        started = time.perf_counter()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in _HEADER_NAMES]
                headers.extend(HEADERS)
                # server time until the response starts (benchmarks/web.py reads it)
                headers.append((b"server-timing", f"app;dur={(time.perf_counter() - started) * 1000:.2f}".encode()))
                if self.secure:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] in UNSAFE_METHODS:
            length = dict(scope.get("headers") or []).get(b"content-length")
            try:
                declared = int(length) if length is not None else None
            except ValueError:
                declared = None
            if declared is not None and declared > self.max_body:
                return await self._too_large(scope, send_with_headers)
            # read the body up to the limit (chunked uploads have no length), then replay it
            chunks, total = [], 0
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                total += len(chunk)
                if total > self.max_body:
                    return await self._too_large(scope, send_with_headers)
                chunks.append(chunk)
                if not message.get("more_body"):
                    break
            body = b"".join(chunks)
            sent = False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()

            return await self.app(scope, replay, send_with_headers)
        return await self.app(scope, receive, send_with_headers)

    async def _too_large(self, scope, send) -> None:
        mb = self.max_body / (1024 * 1024)
        message = f"提交的内容太大（上限 {mb:g} MB）"
        if scope["path"].startswith("/api/"):
            body = json.dumps({"error": {"status": 413, "message": message}}, ensure_ascii=False).encode()
            ctype = b"application/json"
        else:
            body = (f"<!doctype html><html lang=zh-CN><meta charset=utf-8><title>413</title>"
                    f"<p>{message}</p><p><a href=/>返回首页</a></p></html>").encode()
            ctype = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


def anon_token(secret_key: str, nonce: str) -> str:
    return hmac.new(secret_key.encode(), ("csrf:" + nonce).encode(), hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site relative paths (no //host, no scheme, no backslashes) -- no open redirects."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    if any(c in target for c in "\r\n\t"):
        return default
    return target
