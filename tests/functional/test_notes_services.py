"""Accounts, notes, shares and export through the services, on SQLite and PostgreSQL, with a real
report imported from the corpus; and re-anchoring after the same file is re-imported changed."""

from __future__ import annotations

import io
import shutil
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import select, update

from baogao.errors import AuthError, Conflict, InvalidQuery, NotFound, RateLimited
from baogao.notes import anchor
from baogao.notes.schema import LoginAttempt, Note, UserSession
from baogao.services import accounts, derived, importing
from baogao.services import notes as svc
from baogao.services.library import check_library
from baogao.store.db import Database
from baogao.store.schema import Document, utcnow

HUANGPU = "web-pages/000_3b84c3f0b519c3c9.txt"
PASSWORD = "correct horse battery"


# ---------------------------------------------------------------------------------------------
# helpers


@pytest.fixture
def db(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


def import_file(db: Database, path, settings) -> importing.ImportItem:
    summary = importing.import_paths(db, [path], settings)
    items = [i for i in summary.items if i.status != "skipped"]
    assert len(items) == 1 and items[0].status in ("imported", "updated", "unchanged", "merged"), summary.to_dict()
    return items[0]


@pytest.fixture
def report(db, corpus_dir, tmp_path, settings):
    """The Huangpu 2025 report, copied to a temporary path and imported -> (doc_id, path)."""
    path = tmp_path / "report.txt"
    shutil.copyfile(corpus_dir / HUANGPU, path)
    item = import_file(db, path, settings)
    return item.doc_id, path


def user(db: Database, name: str) -> int:
    with db.session() as s:
        return accounts.register(s, name, PASSWORD)["id"]


def doc_text(db: Database, doc_id: str) -> str:
    with db.session() as s:
        return s.get(Document, doc_id).text


def note_on(db: Database, user_id: int, doc_id: str, needle: str, nth: int = 0, **kw) -> dict:
    text = doc_text(db, doc_id)
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    with db.session() as s:
        return svc.create_note(s, user_id, doc_id, start, start + len(needle), **kw)


def login(db: Database, name: str, password: str, client: str = "10.0.0.1") -> dict:
    with db.session() as s:
        return accounts.authenticate(s, name, password, client_key=client)


# ---------------------------------------------------------------------------------------------
# accounts


def test_register_validates_and_refuses_duplicates(db):
    with db.session() as s:
        alice = accounts.register(s, "Alice", PASSWORD)
        assert set(alice) == {"id", "username", "created_at"} and alice["username"] == "Alice"
        assert accounts.register(s, "张三_01-x", PASSWORD)["username"] == "张三_01-x"
    for name in ("alice", "ALICE", " Alice "):
        with pytest.raises(Conflict, match="用户名已被使用"), db.session() as s:
            accounts.register(s, name, PASSWORD)
    for bad in ("ab", "a" * 33, "a b c", "<script>", "x'; drop", ""):
        with pytest.raises(InvalidQuery), db.session() as s:
            accounts.register(s, bad, PASSWORD)
    with pytest.raises(InvalidQuery, match="密码至少 8"), db.session() as s:
        accounts.register(s, "bob", "short")
    with db.session() as s:
        stored = s.scalar(select(accounts.User.password_hash).where(accounts.User.username == "Alice"))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_login_right_and_wrong(db):
    uid = user(db, "alice")
    assert login(db, "alice", PASSWORD)["id"] == uid
    assert login(db, "ALICE", PASSWORD)["id"] == uid  # usernames are case-insensitive
    with pytest.raises(AuthError, match="用户名或密码错误"):
        login(db, "alice", "wrong password")
    with pytest.raises(AuthError, match="用户名或密码错误"):  # same message: no user enumeration
        login(db, "nobody", PASSWORD)


def test_rate_limit_after_five_failures_even_with_the_right_password(db):
    user(db, "alice")
    for _ in range(5):
        with pytest.raises(AuthError):
            login(db, "alice", "wrong password", client=None)
    with pytest.raises(RateLimited, match="登录尝试过多"):
        login(db, "alice", PASSWORD, client=None)
    # the window passes
    with db.session() as s:
        s.execute(update(LoginAttempt).values(at=utcnow() - timedelta(minutes=16)))
    assert login(db, "alice", PASSWORD, client=None)["username"] == "alice"


def test_rate_limit_is_shared_by_workers(db_url, db):
    """Two Database objects are two app workers on the same database."""
    user(db, "alice")
    other = Database(db_url)
    try:
        for i in range(5):
            with pytest.raises(AuthError):
                login(db if i % 2 else other, "alice", "wrong password", client=f"10.0.0.{i}")
        with pytest.raises(RateLimited):
            login(other, "alice", PASSWORD, client="10.9.9.9")
        with pytest.raises(RateLimited):
            login(db, "alice", PASSWORD, client="10.9.9.9")
    finally:
        other.dispose()


def test_rate_limit_per_client_across_usernames(db):
    user(db, "victim")
    for i in range(5):
        with pytest.raises(AuthError):
            login(db, f"guess{i}", "wrong password", client="203.0.113.7")
    with pytest.raises(RateLimited):
        login(db, "victim", PASSWORD, client="203.0.113.7")
    assert login(db, "victim", PASSWORD, client="198.51.100.1")["username"] == "victim"


def test_success_clears_the_usernames_failures(db):
    user(db, "alice")
    for _round in range(2):
        for _ in range(4):
            with pytest.raises(AuthError):
                login(db, "alice", "wrong password", client=None)
        login(db, "alice", PASSWORD, client=None)


def test_sessions_expire_and_end(db):
    uid = user(db, "alice")
    with db.session() as s:
        token, csrf = accounts.create_session(s, uid)
        assert len(token) >= 40 and len(csrf) >= 40
        assert s.get(UserSession, token) is None  # only the hash is stored
    with db.session() as s:
        me = accounts.user_for_session(s, token)
        assert me["id"] == uid and me["username"] == "alice" and me["csrf_secret"] == csrf
        assert accounts.check_csrf(s, token, csrf) and not accounts.check_csrf(s, token, csrf + "x")
        assert not accounts.check_csrf(s, token, None)
        assert accounts.user_for_session(s, "forged") is None and accounts.user_for_session(s, None) is None
    with db.session() as s:
        s.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    with db.session() as s:
        assert accounts.user_for_session(s, token) is None
    with db.session() as s:
        token2, _ = accounts.create_session(s, uid)
    with db.session() as s:
        accounts.end_session(s, token2)
    with db.session() as s:
        assert accounts.user_for_session(s, token2) is None


def test_change_password_ends_every_session(db):
    uid = user(db, "alice")
    with db.session() as s:
        t1, _ = accounts.create_session(s, uid)
        t2, _ = accounts.create_session(s, uid)
    with pytest.raises(AuthError, match="原密码错误"), db.session() as s:
        accounts.change_password(s, uid, "not my password", "another password")
    with pytest.raises(InvalidQuery), db.session() as s:
        accounts.change_password(s, uid, PASSWORD, "short")
    with db.session() as s:
        assert accounts.user_for_session(s, t1) is not None
        accounts.change_password(s, uid, PASSWORD, "another password")
    with db.session() as s:
        assert accounts.user_for_session(s, t1) is None and accounts.user_for_session(s, t2) is None
    with pytest.raises(AuthError):
        login(db, "alice", PASSWORD)
    assert login(db, "alice", "another password")["id"] == uid


# ---------------------------------------------------------------------------------------------
# notes


def test_create_list_update_delete(db, report):
    doc_id, _ = report
    uid = user(db, "alice")
    later = note_on(db, uid, doc_id, "强化经济运行调度工作", body="**要点**", tags=[" 经济 ", "经济", "", "调度"])
    first = note_on(db, uid, doc_id, "现在,我代表黄浦区人民政府")
    text = doc_text(db, doc_id)
    assert later["quote"] == "强化经济运行调度工作"
    assert later["prefix"] == text[later["start"] - 32 : later["start"]]
    assert later["suffix"] == text[later["end"] : later["end"] + 32]
    assert later["tags"] == ["经济", "调度"]
    assert later["body_html"].strip() == "<p><strong>要点</strong></p>"
    assert later["status"] == "anchored"
    assert later["link"] == f"/d/{doc_id}#s={later['start']}-{later['end']}"
    cite = later["citation"]
    assert cite["title"] == "2025年上海市黄浦区政府工作报告" and cite["year"] == 2025
    assert "黄浦" in cite["region"] and "区域经济发展稳中有进" in cite["section"]["title"]
    assert cite["text"].startswith("《2025年上海市黄浦区政府工作报告》，") and "区域经济发展稳中有进" in cite["text"]
    assert set(later) >= {"id", "doc_id", "start", "end", "quote", "prefix", "suffix", "body", "body_html", "tags",
                          "status", "created_at", "updated_at", "link", "citation"}
    with db.session() as s:
        assert [n["id"] for n in svc.list_notes(s, uid, doc_id)] == [first["id"], later["id"]]  # text order
        assert [n["id"] for n in svc.list_notes(s, uid)] == [first["id"], later["id"]]
        changed = svc.update_note(s, uid, later["id"], body="新的 *内容*")
        assert changed["tags"] == ["经济", "调度"] and "<em>内容</em>" in changed["body_html"]
        changed = svc.update_note(s, uid, later["id"], tags=[])
        assert changed["tags"] == [] and changed["body"] == "新的 *内容*"
        assert svc.get_note(s, uid, later["id"])["body"] == "新的 *内容*"
        svc.delete_note(s, uid, later["id"])
    with db.session() as s:
        assert [n["id"] for n in svc.list_notes(s, uid, doc_id)] == [first["id"]]
        with pytest.raises(NotFound):
            svc.get_note(s, uid, later["id"])


def test_note_validation(db, report):
    doc_id, _ = report
    uid = user(db, "alice")
    n = len(doc_text(db, doc_id))
    bad_calls = [
        dict(start=5, end=5), dict(start=-1, end=3), dict(start=n - 1, end=n + 1), dict(start=10, end=5),
        dict(start="x", end=5), dict(start=0, end=4, body="长" * 20_001),
        dict(start=0, end=4, tags=[f"t{i}" for i in range(21)]), dict(start=0, end=4, tags=["长" * 41]),
    ]
    for call in bad_calls:
        with pytest.raises(InvalidQuery), db.session() as s:
            svc.create_note(s, uid, doc_id, **call)
    with pytest.raises(NotFound), db.session() as s:
        svc.create_note(s, uid, "no-such-doc", 0, 4)
    with db.session() as s:
        ok = svc.create_note(s, uid, doc_id, 0, 4, body="长" * 20_000, tags=[f"t{i}" for i in range(20)])
        assert len(ok["tags"]) == 20
        with pytest.raises(InvalidQuery):
            svc.update_note(s, uid, ok["id"], body="x" * 20_001)


def test_another_user_gets_not_found_for_everything(db, report):
    doc_id, _ = report
    alice, bob = user(db, "alice"), user(db, "bob")
    note = note_on(db, alice, doc_id, "强化经济运行调度工作", body="alice 的秘密笔记")
    with db.session() as s:
        share = svc.create_share(s, alice, doc_id)
    missing_id = note["id"] + 1000
    for nid in (note["id"], missing_id, "abc", None):
        for call in (
            lambda s: svc.get_note(s, bob, nid),
            lambda s: svc.update_note(s, bob, nid, body="hacked"),
            lambda s: svc.update_note(s, bob, nid, tags=["x"]),
            lambda s: svc.delete_note(s, bob, nid),
        ):
            with pytest.raises(NotFound) as err, db.session() as s:
                call(s)
            assert str(err.value) == svc.NOT_FOUND  # the same answer for someone else's and for no note
    with pytest.raises(NotFound), db.session() as s:
        svc.revoke_share(s, bob, share["token"])
    with db.session() as s:
        assert svc.list_notes(s, bob) == [] and svc.list_notes(s, bob, doc_id) == []
        assert svc.list_shares(s, bob) == []
        for fmt in ("md", "docx"):
            _, _, data = svc.export_notes(s, bob, doc_id, fmt=fmt)
            assert "秘密".encode() not in data and "调度工作".encode() not in data
        # alice's note and share are untouched
        assert svc.get_note(s, alice, note["id"])["body"] == "alice 的秘密笔记"
        assert svc.get_share(s, share["token"])["notes"][0]["id"] == note["id"]


class _Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def test_note_markdown_is_rendered_inert(db, report):
    doc_id, _ = report
    uid = user(db, "alice")
    body = '<script>alert(1)</script>\n\n"><img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [ok](https://www.gov.cn)'
    note = note_on(db, uid, doc_id, "强化经济运行调度工作", body=body, tags=["<script>alert(1)</script>"])
    assert note["body"] == body and note["tags"] == ["<script>alert(1)</script>"]  # stored as typed
    elements = _Elements(note["body_html"]).elements
    assert {tag for tag, _ in elements} <= {"p", "a"}
    assert [a["href"] for tag, a in elements if tag == "a"] == ["https://www.gov.cn"]
    assert all(not k.startswith("on") for _, attrs in elements for k in attrs)
    assert "&lt;script&gt;" in note["body_html"]


# ---------------------------------------------------------------------------------------------
# shares and export


def test_shares(db, report, corpus_dir, settings):
    doc_id, _ = report
    other_doc = import_file(db, corpus_dir / "web-pages/003_5254336907336f9e.txt", settings).doc_id
    alice = user(db, "alice")
    n1 = note_on(db, alice, doc_id, "强化经济运行调度工作", body="第一条")
    n2 = note_on(db, alice, other_doc, doc_text(db, other_doc)[200:230], body="另一篇")
    with db.session() as s:
        one = svc.create_share(s, alice, doc_id)
        every = svc.create_share(s, alice, title='  全部 "><img src=x onerror=alert(1)> ')
        assert one["url"] == f"/s/{one['token']}" and len(one["token"]) >= 32 and one["active"]
        assert one["title"] == "《2025年上海市黄浦区政府工作报告》笔记"
        assert every["title"] == '全部 "><img src=x onerror=alert(1)>' and every["doc_id"] is None
        with pytest.raises(NotFound):
            svc.create_share(s, alice, "no-such-doc")
    with db.session() as s:  # anyone with the link, no user involved
        shared = svc.get_share(s, one["token"])
        assert shared["owner"] == "alice" and shared["title"] == one["title"]
        assert [n["id"] for n in shared["notes"]] == [n1["id"]]
        assert {n["id"] for n in svc.get_share(s, every["token"])["notes"]} == {n1["id"], n2["id"]}
        assert [x["token"] for x in svc.list_shares(s, alice)] == [every["token"], one["token"]]
        for bad in ("", "nope", one["token"] + "x", one["token"][:-1], "x" * 500):
            with pytest.raises(NotFound):
                svc.get_share(s, bad)
        revoked = svc.revoke_share(s, alice, one["token"])
        assert revoked["active"] is False and revoked["revoked_at"]
    with db.session() as s:
        with pytest.raises(NotFound):
            svc.get_share(s, one["token"])
        assert [x["active"] for x in svc.list_shares(s, alice)] == [True, False]
        assert svc.get_share(s, every["token"])["notes"]


def test_export_markdown_and_docx(db, report):
    from docx import Document as Docx

    doc_id, _ = report
    uid = user(db, "alice")
    note = note_on(db, uid, doc_id, "前三季度实现地区生产总值2379.80亿元", body="GDP **总量**", tags=["经济"])
    with db.session() as s:
        name, ctype, data = svc.export_notes(s, uid, doc_id, fmt="md", base_url="http://127.0.0.1:8000")
        assert name.startswith(f"notes-{doc_id}-") and name.endswith(".md") and ctype.startswith("text/markdown")
        md = data.decode("utf-8")
        assert "> 前三季度实现地区生产总值2379.80亿元" in md and "GDP **总量**" in md
        assert note["citation"]["text"] in md
        assert f"http://127.0.0.1:8000/d/{doc_id}#s={note['start']}-{note['end']}" in md
        name, ctype, data = svc.export_notes(s, uid, doc_id, fmt="docx", base_url="http://127.0.0.1:8000")
        assert name.endswith(".docx") and ctype == svc.DOCX_TYPE
        parsed = Docx(io.BytesIO(data))
        texts = [p.text for p in parsed.paragraphs]
        assert "前三季度实现地区生产总值2379.80亿元" in texts
        assert any(note["citation"]["text"] in t for t in texts)
        assert f"http://127.0.0.1:8000/d/{doc_id}#s={note['start']}-{note['end']}" in [
            r.target_ref for r in parsed.part.rels.values() if r.reltype.endswith("/hyperlink")
        ]
        name, _, data = svc.export_notes(s, uid, None, fmt="md")
        assert name.startswith("notes-all-") and f"/d/{doc_id}#s=".encode() in data
        with pytest.raises(InvalidQuery):
            svc.export_notes(s, uid, doc_id, fmt="pdf")
        with pytest.raises(NotFound):
            svc.export_notes(s, uid, "no-such-doc")


# ---------------------------------------------------------------------------------------------
# re-anchoring after a re-import of the same file with changed text

INSERTED = "这是修订版本新增加的一段文字，用来检验笔记在文本变动后能否重新定位到原来的句子。"
REMOVED_START = "消费活力持续释放。"
EDIT_FROM = "前三季度实现地区生产总值2379.80亿元,总量保持全市第二,中心城区第一"
EDIT_TO = "前三季度实现地区生产总值2379.80亿元,总量继续保持全市第二,中心城区第一"


def _changed_version(original: str, *, remove: bool = True) -> str:
    lines = original.split("\n")
    out = []
    for line in lines:
        if line.startswith("一、2024年工作回顾"):
            out += [INSERTED, ""]
        if remove and line.startswith(REMOVED_START):
            continue
        out.append(line.replace(EDIT_FROM, EDIT_TO))
    return "\n".join(out)


def _nth(text: str, needle: str, where: str) -> int:
    """Which occurrence of ``needle`` starts the (first) occurrence of ``where``."""
    return text[: text.index(where)].count(needle)


def test_notes_reanchor_after_reimport(db, report, settings):
    doc_id, path = report
    uid = user(db, "alice")
    old_text = doc_text(db, doc_id)
    removed_para = next(line for line in old_text.split("\n") if line.startswith(REMOVED_START))
    notes = {
        "before": note_on(db, uid, doc_id, "现在,我代表黄浦区人民政府"),
        "shifted": note_on(db, uid, doc_id, "强化经济运行调度工作"),
        "edited": note_on(db, uid, doc_id, EDIT_FROM, body="编辑过的句子"),
        "removed": note_on(db, uid, doc_id, removed_para[:40], body="被删除的段落"),
        "removed_short": note_on(db, uid, doc_id, "举办黄金珠宝节"),
        "after": note_on(db, uid, doc_id, "受益居民超过4500户"),
        # a phrase that occurs several times: the note is on the one in the 2025 plan
        "second": note_on(db, uid, doc_id, "“十四五”规划", nth=_nth(old_text, "“十四五”规划", "“十四五”规划的收官之年")),
    }
    assert old_text.count("“十四五”规划") > 1 and notes["second"]["suffix"].startswith("的收官之年")
    original = path.read_text(encoding="utf-8")

    # version 2: a paragraph inserted, one edited, one removed
    path.write_text(_changed_version(original), encoding="utf-8")
    item = import_file(db, path, settings)
    assert item.status == "updated" and item.doc_id == doc_id
    new_text = doc_text(db, doc_id)
    assert INSERTED in new_text and removed_para not in new_text

    with db.session() as s:
        got = {k: svc.get_note(s, uid, n["id"]) for k, n in notes.items()}
        revision = s.get(Document, doc_id).revision
    for key in ("before", "shifted", "after", "second", "edited"):
        n = got[key]
        assert n["status"] == "anchored", key
        assert new_text[n["start"] : n["end"]] == n["quote"], key
        assert n["prefix"] == new_text[max(0, n["start"] - 32) : n["start"]], key
    for key in ("before", "shifted", "after", "second"):
        assert got[key]["quote"] == notes[key]["quote"], key
    assert got["before"]["start"] == notes["before"]["start"]
    assert got["shifted"]["start"] == new_text.index("强化经济运行调度工作") != notes["shifted"]["start"]
    assert got["after"]["start"] == new_text.index("受益居民超过4500户")
    assert got["second"]["start"] == new_text.index("“十四五”规划的收官之年")
    assert got["edited"]["quote"] == EDIT_TO  # placed on the edited sentence
    for key in ("removed", "removed_short"):
        assert got[key]["status"] == "orphan", key
        assert got[key]["quote"] == notes[key]["quote"], key  # kept, with what it was about
        assert got[key]["link"] == f"/d/{doc_id}"
    assert got["removed"]["body"] == "被删除的段落"
    with db.session() as s:
        assert all(n["document_revision"] == revision for n in (svc.get_note(s, uid, x["id"]) for x in notes.values()))
        listed = svc.list_notes(s, uid, doc_id)
        assert [n["status"] for n in listed][-2:] == ["orphan", "orphan"]
        anchored = [n for n in listed if n["status"] == "anchored"]
        assert [n["start"] for n in anchored] == sorted(n["start"] for n in anchored)
        assert {n["quote"] for n in listed if n["status"] == "orphan"} == {notes["removed"]["quote"], "举办黄金珠宝节"}
        _, _, md = svc.export_notes(s, uid, doc_id, fmt="md")
        assert "被删除的段落" in md.decode() and "未能在新版本中定位" in md.decode()
        assert anchor.check(s) == []
        assert not [p for p in check_library(s) if p.startswith("[notes]")]

    # version 3: the removed paragraph comes back (with another small change): the orphans return
    path.write_text(_changed_version(original, remove=False) + "\n附：第三版。\n", encoding="utf-8")
    assert import_file(db, path, settings).status == "updated"
    v3 = doc_text(db, doc_id)
    with db.session() as s:
        for key, n in notes.items():
            now = svc.get_note(s, uid, n["id"])
            assert now["status"] == "anchored", key
            assert v3[now["start"] : now["end"]] == now["quote"], key
        assert svc.get_note(s, uid, notes["removed"]["id"])["quote"] == notes["removed"]["quote"]


def test_notes_survive_their_document_being_deleted(db, report, settings):
    doc_id, path = report
    uid = user(db, "alice")
    note = note_on(db, uid, doc_id, "强化经济运行调度工作", body="留着")
    with db.session() as s:
        derived.remove_all(s, doc_id)
        s.delete(s.get(Document, doc_id))
    with db.session() as s:
        kept = svc.get_note(s, uid, note["id"])
        assert kept["status"] == "orphan" and kept["quote"] == "强化经济运行调度工作" and kept["body"] == "留着"
        assert kept["citation"]["title"] == doc_id and kept["link"] == f"/d/{doc_id}"
        assert s.scalar(select(Note.status).where(Note.id == note["id"])) == "orphan"
        assert svc.export_notes(s, uid, doc_id)[2]
    # the same file imported again (a new document with the same id): the note comes back
    path.write_text(path.read_text(encoding="utf-8") + "\n再次导入。\n", encoding="utf-8")
    assert import_file(db, path, settings).doc_id == doc_id
    with db.session() as s:
        back = svc.get_note(s, uid, note["id"])
        assert back["status"] == "anchored" and back["start"] == note["start"]
