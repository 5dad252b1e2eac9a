"""Gaps found by the acceptance audit of the reader (issue 4), pinned over HTTP: the level filter
and honest year ranges and pages in the library, the 官网原文 button that says what the link is,
the full region in the reader's citation data, and the anonymous read path that does not touch
the database while the library is unchanged (and notices when it changes)."""

from __future__ import annotations

import json
import re
import shutil
import time

import lxml.html
import pytest
from sqlalchemy import event

from baogao.store.schema import Document
from test_web_support import (HUANGPU, client, create_note, logged_in_client, new_client, web_app,  # noqa: F401
                              web_db, web_settings)


def doc_ids(html: str) -> list[str]:
    return re.findall(r'class="doc-title" href="/d/([^"]+)"', html)


def heading(html: str) -> str:
    h1 = lxml.html.fromstring(html).xpath('//section[@class="results"]//h1')[0]
    return re.sub(r"\s+", " ", h1.text_content()).strip()


# ------------------------------------------------------------------------------------------------
# library


def test_library_filters_by_level_with_counts_in_the_url(client):
    r = client.get("/", params={"level": "province", "year": "2025"})
    assert r.status_code == 200
    ids = doc_ids(r.text)
    assert len(ids) == 20 and all(re.fullmatch(r"\d{2}0000-2025-gzbg", i) for i in ids)
    assert "共 31 份" in heading(r.text) and "省级" in heading(r.text)
    tree = lxml.html.fromstring(r.text)
    chips = {a.get("data-level"): a.text_content().split() for a in tree.xpath("//a[@data-level]")}
    assert chips["province"] == ["省级", "31"] and chips["national"] == ["全国", "2"] and chips["county"] == ["区县级", "1"]
    # choosing a region keeps the level; the tree counts follow it
    sh = tree.xpath('//a[@data-region="310000"]')[0]
    assert "level=province" in sh.get("href") and sh.text_content().split()[-1] == "1"
    assert doc_ids(client.get(sh.get("href")).text) == ["310000-2025-gzbg"]
    # aliases as in the CLI, an unknown level is a clear 400
    assert doc_ids(client.get("/", params={"level": "区县", "year": "2025"}).text) == [HUANGPU]
    bad = client.get("/", params={"level": "galaxy"})
    assert bad.status_code == 400 and "未知的行政级别" in bad.text


def test_library_year_range_reads_the_right_way_round(client):
    r = client.get("/", params={"from": "2025", "to": "2020", "region": "上海"})
    assert "2020–2025 年" in heading(r.text)
    assert set(doc_ids(r.text)) == {HUANGPU, "310000-2025-gzbg", "310101-2022-fzbg"}
    assert "2020 年及以后" in heading(client.get("/", params={"from": "2020"}).text)
    assert "2025 年" in heading(client.get("/", params={"year": "2025"}).text)


def test_pages_past_the_end_show_the_last_page(client):
    last = client.get("/", params={"page": 999})
    assert last.status_code == 200 and "第 7 / 7 页" in last.text and doc_ids(last.text)
    assert doc_ids(last.text) == doc_ids(client.get("/", params={"page": 7}).text)
    hits = client.get("/search", params={"q": "经济", "page": 999})
    assert hits.status_code == 200 and "第 7 / 7 页" in hits.text and "没有找到" not in hits.text


def test_a_quoted_search_is_summarised_without_doubled_quotes(client):
    r = client.get("/search", params={"q": '"加装电梯"'})
    summary = lxml.html.fromstring(r.text).xpath('//p[@class="summary"]')[0].text_content()
    assert summary.startswith("“加装电梯”：")


# ------------------------------------------------------------------------------------------------
# reader


def reader_data(html: str) -> dict:
    return json.loads(lxml.html.fromstring(html).xpath('//script[@id="reader-data"]')[0].text)


def test_source_button_says_what_the_link_is(client):
    # the national texts come from Wikisource: a link, but not called 官网原文
    tree = lxml.html.fromstring(client.get("/d/100000-2025-gzbg").text)
    btn = tree.xpath('//*[@id="btn-source"]')[0]
    assert btn.tag == "a" and btn.text_content() == "原文出处" and "zh.wikisource.org" in btn.get("title")
    assert "不是政府官网" in btn.get("title") and btn.get("rel") == "noopener noreferrer"
    assert "来源：zh.wikisource.org" in tree.xpath('//p[contains(@class,"doc-line")]')[1].text_content()
    # no URL known: disabled, with a tooltip saying why
    btn = lxml.html.fromstring(client.get(f"/d/{HUANGPU}").text).xpath('//*[@id="btn-source"]')[0]
    assert btn.tag == "span" and btn.text_content() == "官网原文" and "txt" in btn.get("title")


def test_source_links_are_only_http_and_gov_sites_are_official():
    from baogao.web.presenters import source_link

    assert source_link("https://www.gov.cn/zhengce/2025.htm")["official"] is True
    assert source_link("http://www.shanghai.gov.cn/a")["official"] is True
    assert source_link("https://zh.wikisource.org/wiki/x")["official"] is False
    assert source_link("https://evilgov.cn.example.com/")["official"] is False
    for bad in ("javascript:alert(1)", "data:text/html,x", "//host/x", "ftp://x/y", "", None):
        assert source_link(bad) is None


def test_reader_cites_the_full_region_and_date(client):
    data = reader_data(client.get(f"/d/{HUANGPU}").text)
    assert data["doc"]["region"] == "上海市黄浦区" and data["doc"]["date"] == "2025-01-08"
    assert reader_data(client.get("/d/100000-1955-gzbg").text)["doc"]["region"] == "全国"
    assert reader_data(client.get("/d/310000-2025-gzbg").text)["doc"]["region"] == "上海市"
    levels = {s["level"] for s in data["sections"]}
    assert levels >= {1, 2}  # the copy citation builds 一、… › (三)… from these


def test_notes_panel_says_which_section_each_note_is_in(web_app, web_db):
    c, _, csrf = logged_in_client(web_app)
    with web_db.session() as s:
        text = s.get(Document, HUANGPU).text
    start = text.index("更新修缮钟和公寓")
    create_note(c, csrf, start=start, end=start + 20)
    panel = lxml.html.fromstring(c.get(f"/d/{HUANGPU}/notes-panel").text)
    assert [p.text_content() for p in panel.xpath('//li[@class="note"]/p[@class="cite"]')] == ["(三)增进民生福祉扎实有力"]


def test_reader_marks_the_drawers_for_narrow_screens(client):
    tree = lxml.html.fromstring(client.get(f"/d/{HUANGPU}").text)
    for panel, toggle in (("outline", "toggle-outline"), ("notes-panel", "toggle-notes")):
        assert "drawer" in tree.xpath(f'//*[@id="{panel}"]')[0].get("class")
        assert tree.xpath(f'//*[@id="{panel}"]//button[@data-close="{panel}"]')
        assert tree.xpath(f'//*[@id="{toggle}"]')[0].get("aria-expanded") == "false"


# ------------------------------------------------------------------------------------------------
# the anonymous read path under load: no query while the library is unchanged


@pytest.fixture
def small_library(corpus_dir, tmp_path):
    """A library of its own (it gets changed): the Huangpu page, served by a fresh app."""
    from baogao.config import load_settings
    from baogao.services.importing import import_paths
    from baogao.store.db import Database
    from baogao.web import presenters
    from baogao.web.app import create_app

    src = tmp_path / "huangpu.txt"
    shutil.copy(corpus_dir / "web-pages" / "000_3b84c3f0b519c3c9.txt", src)
    settings = load_settings(env={"BAOGAO_HOME": str(tmp_path / "home")}, db=f"sqlite:///{tmp_path / 'small.db'}")
    db = Database(settings.db)
    assert not import_paths(db, [src], settings).failed
    presenters.clear_caches()
    yield db, create_app(settings, db), src, settings
    db.dispose()


def count_statements(db):
    seen: list[str] = []

    def before(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    return seen, lambda: event.remove(db.engine, "before_cursor_execute", before)


def test_anonymous_reader_and_api_run_no_query_while_nothing_changed(small_library):
    db, app, _, _ = small_library
    with new_client(app) as c:
        for path in (f"/d/{HUANGPU}", f"/api/v1/documents/{HUANGPU}", f"/api/v1/documents/{HUANGPU}/find?q=电梯",
                     "/search?q=电梯", "/"):
            assert c.get(path).status_code == 200
        seen, stop = count_statements(db)
        try:
            for _ in range(3):
                for path in (f"/d/{HUANGPU}", f"/api/v1/documents/{HUANGPU}", f"/api/v1/documents/{HUANGPU}/find?q=电梯",
                             "/search?q=电梯", "/"):
                    assert c.get(path).status_code == 200
        finally:
            stop()
        # at most the once-a-second look at the library (none at all when nothing was committed)
        assert not [s for s in seen if "documents" in s and "count" not in s.lower()], seen
        assert c.get("/d/no-such-doc").status_code == 404


def test_anonymous_pages_follow_a_reimport(small_library, monkeypatch):
    from baogao.services.importing import import_paths
    from baogao.web import presenters

    db, app, src, settings = small_library
    with new_client(app) as c:
        before = c.get(f"/d/{HUANGPU}")
        assert "这一段是修订版新增的" not in before.text
        etag = before.headers["etag"]
        src.write_text(src.read_text(encoding="utf-8").replace("各位代表:", "各位代表:\n\n这一段是修订版新增的。", 1),
                       encoding="utf-8")
        assert import_paths(db, [src], settings).items[0].status == "updated"
        monkeypatch.setattr(presenters, "STAMP_TTL", 0.0)
        time.sleep(0.01)
        after = c.get(f"/d/{HUANGPU}")
        assert "这一段是修订版新增的" in after.text and after.headers["etag"] != etag
        assert c.get(f"/d/{HUANGPU}", headers={"if-none-match": etag}).status_code == 200
        assert c.get(f"/d/{HUANGPU}", headers={"if-none-match": after.headers["etag"]}).status_code == 304
        assert "这一段是修订版新增的" in c.get(f"/api/v1/documents/{HUANGPU}/text", params={"start": 0, "end": 40}).json()["text"]
