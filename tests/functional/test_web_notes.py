"""Accounts, notes, exports and share links through the web app (pages, forms and JSON API)."""

from __future__ import annotations

import io

import lxml.html
from docx import Document as Docx

from test_web_support import (  # noqa: F401
    HUANGPU, PASSWORD, client, create_note, logged_in_client, login, new_client, page_csrf, register, unique,
    web_app, web_db, web_settings,
)


def test_register_login_logout(web_app):
    c = new_client(web_app)
    name = register(c)
    home = c.get("/").text
    assert name in home and 'id="logout"' in home
    token = page_csrf(c)
    r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and "baogao_session" not in c.cookies
    assert name not in c.get("/").text
    r = login(c, name, "wrong password")
    assert r.status_code == 401 and "用户名或密码错误" in r.text
    r = login(c, name)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert name in c.get("/").text


def test_register_validates(client):
    token = page_csrf(client, "/register")
    r = client.post("/register", data={"username": "ab", "password": PASSWORD, "password2": PASSWORD, "csrf_token": token})
    assert r.status_code == 400 and "用户名" in r.text
    r = client.post("/register", data={"username": unique(), "password": PASSWORD, "password2": "other one!",
                                       "csrf_token": token})
    assert r.status_code == 400 and "不一致" in r.text
    name = register(new_client(client.app))
    r = client.post("/register", data={"username": name, "password": PASSWORD, "password2": PASSWORD, "csrf_token": token})
    assert r.status_code == 409 and "已被使用" in r.text


def test_login_redirects_only_inside_the_site(web_app):
    c = new_client(web_app)
    name = register(c)
    c.cookies.clear()
    for evil in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        token = page_csrf(c, "/login")
        r = c.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token, "next": evil},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        c.cookies.clear()
    token = page_csrf(c, "/login")
    r = c.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token, "next": f"/d/{HUANGPU}"},
               follow_redirects=False)
    assert r.headers["location"] == f"/d/{HUANGPU}"


def test_change_password_ends_other_sessions(web_app):
    a, name, token = logged_in_client(web_app)
    b = new_client(web_app)
    assert login(b, name).status_code == 303
    r = a.post("/account", data={"old_password": "not it", "new_password": "new password 1", "new_password2": "new password 1",
                                 "csrf_token": token})
    assert r.status_code == 400 and "原密码错误" in r.text
    r = a.post("/account", data={"old_password": PASSWORD, "new_password": "new password 1",
                                 "new_password2": "new password 1", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert "密码已修改" in a.get("/account?changed=1").text  # this browser got a fresh session
    assert name not in b.get("/").text  # the other one is logged out
    assert login(b, name, "new password 1").status_code == 303


def test_notes_through_the_api_and_the_reader(web_app, web_db):
    c, name, csrf = logged_in_client(web_app)
    note = create_note(c, csrf, body="**重要**：电梯", tags=["民生", "城市更新"])
    assert note["quote"] and note["status"] == "anchored" and note["link"] == f"/d/{HUANGPU}#s=300-340"
    assert note["citation"]["text"].startswith("《2025年上海市黄浦区政府工作报告》")
    # the reader shows it in the notes panel; the fragment used after edits too
    for url in (f"/d/{HUANGPU}", f"/d/{HUANGPU}/notes-panel"):
        tree = lxml.html.fromstring(c.get(url).text)
        li = tree.xpath(f'//li[@id="note-{note["id"]}"]')[0]
        assert li.get("data-start") == "300" and li.get("data-end") == "340"
        assert li.xpath('.//strong[text()="重要"]') and "民生" in li.text_content()
    # edit, list in text order, get, delete
    r = c.patch(f"/api/v1/notes/{note['id']}", json={"body": "改过了", "tags": ["x"]}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200 and r.json()["body"] == "改过了" and r.json()["tags"] == ["x"]
    second = create_note(c, csrf, start=100, end=120)
    items = c.get("/api/v1/notes", params={"doc_id": HUANGPU}).json()["items"]
    assert [n["id"] for n in items] == [second["id"], note["id"]]
    assert c.get(f"/api/v1/notes/{note['id']}").json()["body"] == "改过了"
    assert c.delete(f"/api/v1/notes/{second['id']}", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert c.get(f"/api/v1/notes/{second['id']}").status_code == 404
    # invalid spans are refused with a message
    r = c.post("/api/v1/notes", json={"doc_id": HUANGPU, "start": 50, "end": 40}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 400 and r.json()["error"]["message"]
    r = c.post("/api/v1/notes", json={"doc_id": "nope", "start": 0, "end": 4}, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 404


def test_notes_page_forms_and_exports(web_app):
    c, name, csrf = logged_in_client(web_app)
    note = create_note(c, csrf, body="第一条笔记", tags=["标签甲"])
    other = create_note(c, csrf, doc_id="310000-2025-gzbg", start=200, end=230, body="上海市的笔记")
    page = c.get("/notes").text
    assert "第一条笔记" in page and "上海市的笔记" in page and "标签甲" in page
    assert "上海市的笔记" not in c.get("/notes", params={"tag": "标签甲"}).text
    r = c.post(f"/notes/{note['id']}/edit", data={"body": "表单改的", "tags": "甲, 乙", "csrf_token": csrf, "next": "/notes"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/notes"
    assert c.get(f"/api/v1/notes/{note['id']}").json()["tags"] == ["甲", "乙"]
    # one document's notes as Markdown and as Word; all notes from /notes
    r = c.get("/notes/export", params={"doc": HUANGPU, "fmt": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert "attachment" in r.headers["content-disposition"]
    md = r.text
    assert "表单改的" in md and note["quote"][:10] in md and "上海市的笔记" not in md
    r = c.get("/notes/export", params={"doc": HUANGPU, "fmt": "docx"})
    doc = Docx(io.BytesIO(r.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "表单改的" in text and "《2025年上海市黄浦区政府工作报告》" in text
    everything = c.get("/api/v1/notes/export", params={"fmt": "md"}).text
    assert "表单改的" in everything and "上海市的笔记" in everything
    assert c.get("/notes/export", params={"fmt": "pdf"}).status_code == 400
    r = c.post(f"/notes/{other['id']}/delete", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and "上海市的笔记" not in c.get("/notes").text


def test_share_links(web_app):
    c, name, csrf = logged_in_client(web_app)
    create_note(c, csrf, body="分享的笔记")
    share = c.post("/api/v1/shares", json={"doc_id": HUANGPU, "title": "黄浦笔记"}, headers={"X-CSRF-Token": csrf}).json()
    assert share["url"].startswith("/s/") and len(share["token"]) >= 24
    anon = new_client(web_app)
    page = anon.get(share["url"])
    assert page.status_code == 200 and "分享的笔记" in page.text and "黄浦笔记" in page.text and name in page.text
    assert "编辑" not in page.text and 'action="/notes/' not in page.text  # read-only
    assert anon.get(f"/api/v1/s/{share['token']}").json()["notes"][0]["body"] == "分享的笔记"
    # the form on the reader/notes page makes one too, and the owner revokes from /notes
    r = c.post("/shares", data={"doc": "", "title": "全部", "csrf_token": csrf, "next": "/notes"}, follow_redirects=False)
    assert r.status_code == 303 and "shared=" in r.headers["location"]
    listed = c.get("/notes").text
    assert share["url"] in listed
    r = c.post(f"/shares/{share['token']}/revoke", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert anon.get(share["url"]).status_code == 404
    assert anon.get(f"/api/v1/s/{share['token']}").status_code == 404
    assert [s["active"] for s in c.get("/api/v1/shares").json()["items"] if s["token"] == share["token"]] == [False]


def test_pages_that_need_an_account(client):
    for path in ("/notes", "/account", "/notes/export?fmt=md"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert client.get("/api/v1/notes").status_code == 401
    assert client.get("/api/v1/me").status_code == 401
    # reading, searching and shared passages need none
    assert client.get(f"/d/{HUANGPU}").status_code == 200
    assert "登录</a>后可以记笔记" in client.get(f"/d/{HUANGPU}").text
