"""Security over HTTP: per-user notes (404 for others), CSRF on every state-changing request,
XSS payloads rendered inert, login rate limit, cookie flags, headers, body size limit."""

from __future__ import annotations

import re

import lxml.html
import pytest
from fastapi.routing import APIRoute

from test_web_support import (  # noqa: F401
    HUANGPU, PASSWORD, client, create_note, logged_in_client, login, new_client, page_csrf, register, unique,
    web_app, web_db, web_settings,
)

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[click](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "'><svg onload=alert(1)>",
]
# read-only POSTs: asking a question changes nothing (see routes/ask.py)
CSRF_EXEMPT = {("POST", "/api/v1/ask")}


def assert_inert(html: str) -> None:
    """No script but our own files, no event-handler attributes, no javascript: URLs."""
    tree = lxml.html.fromstring(html)
    for script in tree.iter("script"):
        assert script.get("src", "").startswith("/static/") or script.get("type") == "application/json", lxml.html.tostring(script)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name, value)
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (el.tag, value)
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html


# ---------------------------------------------------------------------------------------------
# authorization


def test_another_users_notes_are_404_everywhere(web_app):
    alice, _, a_csrf = logged_in_client(web_app)
    bob, _, b_csrf = logged_in_client(web_app)
    note = create_note(alice, a_csrf, body="alice 的秘密笔记")
    share = alice.post("/api/v1/shares", json={"doc_id": HUANGPU}, headers={"X-CSRF-Token": a_csrf}).json()
    nid = note["id"]
    h = {"X-CSRF-Token": b_csrf}
    checks = [
        bob.get(f"/api/v1/notes/{nid}"),
        bob.patch(f"/api/v1/notes/{nid}", json={"body": "hacked"}, headers=h),
        bob.delete(f"/api/v1/notes/{nid}", headers=h),
        bob.post(f"/notes/{nid}/edit", data={"body": "hacked", "csrf_token": b_csrf}),
        bob.post(f"/notes/{nid}/delete", data={"csrf_token": b_csrf}),
        bob.delete(f"/api/v1/shares/{share['token']}", headers=h),
        bob.post(f"/shares/{share['token']}/revoke", data={"csrf_token": b_csrf}),
    ]
    assert [r.status_code for r in checks] == [404] * len(checks)
    # nothing of alice's shows in bob's lists, exports, reader or panel
    for r in (bob.get("/api/v1/notes"), bob.get("/api/v1/notes", params={"doc_id": HUANGPU}), bob.get("/notes"),
              bob.get(f"/d/{HUANGPU}"), bob.get(f"/d/{HUANGPU}/notes-panel"),
              bob.get("/notes/export", params={"fmt": "md"}), bob.get("/notes/export", params={"doc": HUANGPU, "fmt": "md"}),
              bob.get("/api/v1/shares")):
        assert r.status_code == 200 and "alice 的秘密笔记" not in r.text and share["token"] not in r.text
    # and alice's note is unchanged, her share still works
    assert alice.get(f"/api/v1/notes/{nid}").json()["body"] == "alice 的秘密笔记"
    assert new_client(web_app).get(share["url"]).status_code == 200


def test_unknown_share_tokens(client):
    for token in ("nope", "x" * 32, "../../etc", "x" * 500):
        assert client.get(f"/s/{token}").status_code == 404


# ---------------------------------------------------------------------------------------------
# CSRF


def _unsafe_routes(app) -> list[tuple[str, str]]:
    out = []
    for route in app.routes:
        methods = getattr(route, "methods", None) or set()
        for m in sorted(methods & {"POST", "PUT", "PATCH", "DELETE"}):
            if (m, route.path) not in CSRF_EXEMPT:
                out.append((m, route.path))
    return out


def _fill(path: str, note_id: int, token: str) -> str:
    return path.replace("{note_id}", str(note_id)).replace("{token}", token)


def test_every_state_changing_request_needs_the_csrf_token(web_app):
    routes = _unsafe_routes(web_app)
    assert len(routes) >= 12, routes
    c, name, csrf = logged_in_client(web_app)
    note = create_note(c, csrf)
    share = c.post("/api/v1/shares", json={}, headers={"X-CSRF-Token": csrf}).json()
    bodies = {"/api/v1/notes": {"doc_id": HUANGPU, "start": 1, "end": 5}, "/api/v1/shares": {}}
    for method, path in routes:
        url = _fill(path, note["id"], share["token"])
        for headers in ({}, {"X-CSRF-Token": "wrong"}, {"X-CSRF-Token": ""}):
            if path.startswith("/api/"):
                r = c.request(method, url, json=bodies.get(path, {"body": "x"}), headers=headers)
            else:
                r = c.request(method, url, data={"body": "x", "username": name, "password": PASSWORD,
                                                 "csrf_token": headers.get("X-CSRF-Token", "")})
            assert r.status_code == 403, (method, path, headers, r.status_code, r.text[:200])
    # nothing happened
    assert c.get(f"/api/v1/notes/{note['id']}").status_code == 200
    assert name in c.get("/").text
    assert c.get(share["url"]).status_code == 200


def test_anonymous_forms_need_the_signed_token(web_app):
    c = new_client(web_app)
    name = unique()
    r = c.post("/register", data={"username": name, "password": PASSWORD, "password2": PASSWORD})
    assert r.status_code == 403
    c.get("/register")  # sets the anon cookie
    forged = "0" * 64
    r = c.post("/register", data={"username": name, "password": PASSWORD, "password2": PASSWORD, "csrf_token": forged})
    assert r.status_code == 403
    # a token from another browser does not work with this browser's cookie
    other = new_client(web_app)
    token = page_csrf(other, "/register")
    r = c.post("/register", data={"username": name, "password": PASSWORD, "password2": PASSWORD, "csrf_token": token})
    assert r.status_code == 403
    # the session's own token is required once logged in; a leftover anon token is refused
    register(c, name)
    r = c.post("/api/v1/notes", json={"doc_id": HUANGPU, "start": 1, "end": 5}, headers={"X-CSRF-Token": token})
    assert r.status_code == 403


# ---------------------------------------------------------------------------------------------
# XSS


def test_payloads_in_notes_tags_search_and_share_titles_are_inert(web_app):
    c, name, csrf = logged_in_client(web_app)
    for i, payload in enumerate(PAYLOADS):
        create_note(c, csrf, start=200 + i * 10, end=205 + i * 10, body=payload, tags=[payload[:40]])
        c.post("/api/v1/shares", json={"doc_id": HUANGPU, "title": payload}, headers={"X-CSRF-Token": csrf})
    shares = c.get("/api/v1/shares").json()["items"]
    pages = [f"/d/{HUANGPU}", f"/d/{HUANGPU}/notes-panel", "/notes"] + [s["url"] for s in shares]
    for payload in PAYLOADS:
        pages += [f"/search?q={payload}", f"/?region={payload}", f"/login?next={payload}", f"/ask?q={payload}"]
    for page in pages:
        r = c.get(page)
        assert r.status_code in (200, 400, 404), (page, r.status_code)
        assert_inert(r.text)
    # the Markdown link with a javascript: URL is not a link at all
    panel = lxml.html.fromstring(c.get(f"/d/{HUANGPU}/notes-panel").text)
    assert not [h for h in panel.xpath("//a/@href") if "javascript" in h.lower()]
    # an exported Markdown file keeps the text as text (it is a download, not a page)
    r = c.get("/notes/export", params={"fmt": "md"})
    assert r.headers["content-disposition"].startswith("attachment")


def test_search_query_is_escaped_and_never_raw_syntax(client):
    r = client.get("/search", params={"q": '电梯" OR 1=1 -- <b>x</b>'})
    assert r.status_code in (200, 400)
    assert "<b>x</b>" not in r.text
    assert_inert(r.text)


# ---------------------------------------------------------------------------------------------
# login rate limit, cookies, headers, sizes


def test_repeated_failed_logins_are_rate_limited(web_app):
    c = new_client(web_app)
    name = register(c)
    c.cookies.clear()
    codes = [login(c, name, f"wrong {i}").status_code for i in range(7)]
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
    r = login(c, name)  # even the right password waits now
    assert r.status_code == 429 and "登录尝试过多" in r.text


def test_session_cookie_flags(web_app, web_settings, web_db):
    c = new_client(web_app)
    token = page_csrf(c, "/register")
    r = c.post("/register", data={"username": unique(), "password": PASSWORD, "password2": PASSWORD, "csrf_token": token},
               follow_redirects=False)
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("baogao_session=")
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags and "secure" not in flags
    # behind https the cookie is Secure
    from dataclasses import replace

    from baogao.web.app import create_app

    secure_app = create_app(replace(web_settings, secure_cookies=True), web_db)
    s = new_client(secure_app, base_url="https://testserver")
    token = page_csrf(s, "/register")
    r = s.post("/register", data={"username": unique(), "password": PASSWORD, "password2": PASSWORD, "csrf_token": token},
               follow_redirects=False)
    assert "secure" in r.headers["set-cookie"].lower() and "httponly" in r.headers["set-cookie"].lower()
    assert "strict-transport-security" in r.headers


def test_logged_out_session_cannot_be_reused(web_app):
    c, name, csrf = logged_in_client(web_app)
    session_cookie = c.cookies.get("baogao_session")
    c.post("/logout", data={"csrf_token": csrf})
    thief = new_client(web_app)
    thief.cookies.set("baogao_session", session_cookie)
    assert thief.get("/api/v1/me").status_code == 401


@pytest.mark.parametrize("path", ["/", f"/d/{HUANGPU}", "/api/v1/documents", "/static/app.css", "/nope"])
def test_security_headers(client, path):
    r = client.get(path)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] and r.headers["x-frame-options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    for path in ("/", f"/d/{HUANGPU}", "/login", "/search?q=电梯", "/api/docs"):
        tree = lxml.html.fromstring(client.get(path).text)
        for script in tree.iter("script"):
            assert script.get("src") or script.get("type") == "application/json"
        assert not tree.xpath("//*[@style]") and not tree.xpath("//style")


def test_request_bodies_over_the_limit_are_refused(web_settings, web_db):
    from dataclasses import replace

    from baogao.web.app import create_app

    app = create_app(replace(web_settings, max_upload_mb=0.01), web_db)  # about 10 KB
    c, name, csrf = logged_in_client(app)
    big = "x" * 20_000
    r = c.post("/api/v1/notes", json={"doc_id": HUANGPU, "start": 1, "end": 5, "body": big}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 413 and r.json()["error"]["status"] == 413
    r = c.post("/login", data={"username": "x", "password": big})
    assert r.status_code == 413

    def chunks():  # no Content-Length: counted while reading
        for _ in range(30):
            yield b"y" * 1000

    r = c.post("/api/v1/notes", content=chunks(), headers={"X-CSRF-Token": csrf, "content-type": "application/json"})
    assert r.status_code == 413
    # a body under the limit still works
    assert create_note(c, csrf, body="短")["body"] == "短"


def test_note_ids_do_not_leak_through_errors(web_app):
    c, name, csrf = logged_in_client(web_app)
    for nid in ("999999999", "abc", "-1", "1e9"):
        r = c.get(f"/api/v1/notes/{nid}")
        assert r.status_code in (400, 404)
        assert "Traceback" not in r.text
    assert re.search(r"笔记不存在", c.get("/api/v1/notes/999999999").text)
