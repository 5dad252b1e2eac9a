"""The web app over HTTP (FastAPI TestClient against the real app and a real library):
library filters, reader, find, text spans, search, API docs, errors, static assets."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from baogao.store.schema import Document
from baogao.text.normalize import normalize
from test_web_support import HUANGPU, client, new_client, web_app, web_db, web_settings  # noqa: F401

WEB = Path(__file__).resolve().parents[2] / "src" / "baogao" / "web"


def doc_links(html: str) -> list[str]:
    return re.findall(r'class="doc-title" href="/d/([^"]+)"', html)


def test_library_lists_and_filters_in_the_url(client):
    r = client.get("/")
    assert r.status_code == 200 and "筛选地域" in r.text and "一级目录" in r.text and "报告年份" in r.text
    r = client.get("/", params={"region": "310000", "year": "2025"})
    ids = doc_links(r.text)
    assert HUANGPU in ids and "310000-2025-gzbg" in ids
    assert all(i.startswith("31") and "-2025-" in i for i in ids)
    # choosing 上海 includes its districts; the tree shows 黄浦区 under 上海市 with counts
    tree = lxml.html.fromstring(r.text)
    sh = tree.xpath('//a[@data-region="310000"]')[0]
    assert "on" in sh.get("class") and sh.text_content().strip().endswith("2")
    assert tree.xpath('//a[@data-region="310000"]/ancestor::details[1]//a[@data-region="310101"]')
    # counts per filter value: the year chips count 上海 documents per year
    years = {a.get("data-year"): a.text_content() for a in tree.xpath('//a[@data-year]')}
    assert set(years) >= {"2025", "2026", "2022"}
    # a name works as well as a code, and a range of years
    assert set(doc_links(client.get("/", params={"region": "上海", "from": "2022", "to": "2025"}).text)) == {
        HUANGPU, "310000-2025-gzbg", "310101-2022-fzbg"}


def test_library_national_kind_sort_and_pages(client):
    r = client.get("/", params={"level": "national", "kind": "政府工作报告", "sort": "year_asc"})
    ids = doc_links(r.text)
    assert ids[0].startswith("100000-1954") and all(i.startswith("100000-") for i in ids)
    assert "下一页" in r.text
    page2 = doc_links(client.get("/", params={"level": "national", "kind": "政府工作报告", "sort": "year_asc", "page": 2}).text)
    assert page2 and not set(page2) & set(ids)
    assert "没有符合条件的报告" in client.get("/", params={"region": "310000", "year": "1960"}).text


def test_reader_blocks_map_to_the_canonical_text(client, web_db):
    r = client.get(f"/d/{HUANGPU}")
    assert r.status_code == 200
    tree = lxml.html.fromstring(r.text)
    with web_db.session() as s:
        text = s.get(Document, HUANGPU).text
    blocks = tree.xpath('//article[@id="doc-body"]//*[@data-start]')
    assert len(blocks) > 50
    for el in blocks:
        start, end = int(el.get("data-start")), int(el.get("data-end"))
        assert el.text_content() == text[start:end]
    # metadata, outline, glossary terms with their definition, 官网原文 disabled without a URL
    assert "2025年上海市黄浦区政府工作报告" in r.text and "第三届人民代表大会第六次会议" in r.text
    assert tree.xpath('//nav[@id="outline"]//a[@href="#sec-0"]')
    dfn = tree.xpath('//dfn[@class="gl"]')
    assert dfn and all(d.get("data-def") for d in dfn)
    source = tree.xpath('//*[@id="btn-source"]')[0]
    assert source.tag == "span" and source.get("aria-disabled") == "true" and source.get("title")
    assert tree.xpath('//details[contains(@class,"flags")]')  # quality flags, folded away


def test_reader_links_the_official_source_and_longest_report(client):
    r = client.get("/d/100000-1955-gzbg")
    tree = lxml.html.fromstring(r.text)
    source = tree.xpath('//*[@id="btn-source"]')[0]
    assert source.tag == "a" and source.get("href").startswith("https://zh.wikisource.org/")
    assert len(tree.xpath('//article//*[@data-start]')) > 100


def test_find_uses_search_matching(client, web_db):
    r = client.get(f"/api/v1/documents/{HUANGPU}/find", params={"q": "电梯"})
    data = r.json()
    assert r.status_code == 200 and data["count"] == len(data["spans"]) >= 2
    with web_db.session() as s:
        text = s.get(Document, HUANGPU).text
    assert all(text[x["start"]:x["end"]] == "电梯" for x in data["spans"])
    # traditional and full-width input find the same places
    trad = client.get(f"/api/v1/documents/{HUANGPU}/find", params={"q": "電梯"}).json()
    assert trad["spans"] == data["spans"]
    pct = client.get(f"/api/v1/documents/{HUANGPU}/find", params={"q": "５．５％"}).json()
    assert pct["count"] >= 1 and all(normalize(text[x["start"]:x["end"]]) == "5.5%" for x in pct["spans"])
    assert client.get(f"/api/v1/documents/{HUANGPU}/find", params={"q": ""}).json()["count"] == 0
    assert client.get("/api/v1/documents/nope/find", params={"q": "电梯"}).status_code == 404


def test_text_spans_and_documents_api(client):
    r = client.get(f"/api/v1/documents/{HUANGPU}/text", params={"start": 0, "end": 20})
    assert r.status_code == 200 and r.json()["text"] and r.json()["link"] == f"/d/{HUANGPU}#s=0-20"
    assert client.get(f"/api/v1/documents/{HUANGPU}/text", params={"start": 10, "end": 5}).status_code == 400
    assert client.get(f"/api/v1/documents/{HUANGPU}/text", params={"start": "x"}).status_code == 400
    listing = client.get("/api/v1/documents", params={"region": "上海", "year": "2025"}).json()
    assert {d["id"] for d in listing["items"]} == {HUANGPU, "310000-2025-gzbg"} and listing["facets"]["year"] == {"2025": 2}
    detail = client.get(f"/api/v1/documents/{HUANGPU}").json()
    assert detail["outline"] and detail["glossary"]


def test_search_page_and_api(client):
    r = client.get("/search", params={"q": "电梯"})
    assert r.status_code == 200
    tree = lxml.html.fromstring(r.text)
    marks = tree.xpath('//p[@class="snippet"]//mark')
    assert marks and all(m.text_content() == "电梯" for m in marks)
    links = tree.xpath('//p[@class="snippet"]/a/@href')
    assert any(re.fullmatch(rf"/d/{HUANGPU}#s=\d+-\d+", h) for h in links)
    # facets are links that keep the query and add a filter
    facet = tree.xpath('//aside[@class="facets"]//a/@href')
    assert facet and all("q=" in h for h in facet)
    api = client.get("/api/v1/search", params={"q": "电梯", "region": "上海"}).json()
    assert api["hits"] and all(h["doc_id"].startswith("31") for h in api["hits"])
    # a window cut out of a longer paragraph says so; the link text is the document's own text
    for hit in api["hits"]:
        doc_text = client.get(f"/api/v1/documents/{hit['doc_id']}/text").json()["text"]
        for sn in hit["snippets"]:
            a, b = sn["span"]
            assert sn["cut_before"] == (a > 0 and doc_text[a - 1] != "\n")
            assert sn["cut_after"] == (b < len(doc_text) and doc_text[b] != "\n")
            assert "".join(p["text"] for p in sn["parts"]) == doc_text[a:b]
    texts = [p.text_content() for p in tree.xpath('//p[@class="snippet"]')]
    assert any(t.startswith("…") for t in texts) and any(t.endswith("…") for t in texts)


def test_search_filters_by_level_with_a_facet(client):
    # 低空经济: provinces, the State Council and no district; the 级别 facet names levels in Chinese
    tree = lxml.html.fromstring(client.get("/search", params={"q": "低空经济"}).text)
    sections = {s.findtext("h2"): s for s in tree.xpath('//aside[@class="facets"]//section')}
    assert "级别" in sections
    chips = {a.text_content().split()[0]: a.get("href") for a in sections["级别"].iter("a")}
    assert set(chips) == {"全国", "省级"}
    page = client.get("/search" + chips["全国"])  # the chips are relative links
    assert page.status_code == 200
    regions = [d.xpath("string(span[1])") for d in lxml.html.fromstring(page.text).xpath('//div[@class="doc-meta"]')]
    assert regions and set(regions) == {"全国"}
    assert "全国 ✕" in page.text  # the active filter, removable
    api = client.get("/api/v1/search", params={"q": "低空经济", "level": "province"}).json()
    assert api["documents"] == api["facets"]["level"]["province"] and set(api["facets"]["level"]) == {"province"}
    assert api["filters"]["level"] == "province"


def test_api_docs_are_self_hosted(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for p in ("/api/v1/documents", "/api/v1/documents/{doc_id}/text", "/api/v1/documents/{doc_id}/find",
              "/api/v1/search", "/api/v1/notes", "/api/v1/notes/{note_id}", "/api/v1/shares"):
        assert p in paths
    r = client.get("/api/docs")
    assert r.status_code == 200 and "/api/v1/notes/{note_id}" in r.text and "/api/openapi.json" in r.text
    assert not re.search(r'(src|href)="(https?:)?//', r.text)


def test_every_asset_is_served_by_the_app(client):
    for page in ("/", f"/d/{HUANGPU}", "/search?q=电梯", "/login", "/api/docs", "/ask"):
        html = client.get(page).text
        tree = lxml.html.fromstring(html)
        for url in tree.xpath("//script/@src | //link/@href | //img/@src"):
            assert url.startswith("/static/"), (page, url)
            assert client.get(url).status_code == 200
    for path in list((WEB / "templates").rglob("*.html")) + list((WEB / "static").rglob("*")):
        if path.is_file():
            body = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href)=[\"']?(https?:)?//", body), path
            assert not re.search(r"url\(\s*[\"']?(https?:)?//|@import|fetch\([\"']https?:", body), path


def test_errors_are_friendly(web_app, client):
    r = client.get("/d/no-such-doc")
    assert r.status_code == 404 and "没有这份文档" in r.text and "<html" in r.text
    r = client.get("/api/v1/documents/no-such-doc")
    assert r.status_code == 404 and r.json()["error"]["message"]
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "页面不存在" in r.text
    r = client.get("/api/v1/documents", params={"limit": "many"})
    assert r.status_code == 400 and "limit" in r.json()["error"]["message"]
    r = client.get("/", params={"year": "twenty"})
    assert r.status_code == 400 and "年份格式不对" in r.text


def test_a_crash_shows_no_stack_trace(web_settings, web_db):
    from baogao.web.app import create_app

    app = create_app(web_settings, web_db)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    with new_client(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
        assert r.status_code == 500 and "服务器内部错误" in r.text
        assert "Traceback" not in r.text and "secret internals" not in r.text
        r = c.get("/boom", headers={"accept": "application/json"})
        assert r.status_code == 500 and r.json()["error"]["status"] == 500


def test_reader_view_is_cached_per_revision(client, web_db):
    from baogao.web import presenters

    with web_db.session() as s:
        first = presenters.reader_view(s, HUANGPU)
        assert presenters.reader_view(s, HUANGPU) is first
        s.get(Document, HUANGPU).revision += 1
        s.flush()
        assert presenters.reader_view(s, HUANGPU) is not first
        s.rollback()


@pytest.mark.parametrize("path", ["/", f"/d/{HUANGPU}", "/search?q=电梯", "/login", "/register", "/api/docs"])
def test_pages_are_chinese_and_mobile_ready(client, path):
    html = client.get(path).text
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html and "print.css" in html


def test_every_page_links_the_sections_of_the_site(client):
    # 文库, 搜索, 目标 (targets and outcomes) and 问答 are one click away from any page
    tree = lxml.html.fromstring(client.get(f"/d/{HUANGPU}").text)
    nav = {a.text_content(): a.get("href") for a in tree.xpath('//nav[@class="site-nav"]/a')}
    assert {"文库": "/", "搜索": "/search", "目标": "/targets", "问答": "/ask"}.items() <= nav.items()
    page = lxml.html.fromstring(client.get(nav["目标"]).text)
    assert page.xpath('//nav[@class="site-nav"]/a[@aria-current="page"]/text()') == ["目标"]
