"""The reader's details in a real Chromium, as a researcher uses them: the outline follows what
is being read, 复制 cites the full region, date and section path, 搜索 looks for the selection as
one exact phrase, the print has page numbers and endnotes that say where each note is; and on a
phone the notes and the outline open over the text where one is reading, and the library and
search results are on the first screen. Screenshots go to test-output/."""

from __future__ import annotations

import re
import unicodedata

import pytest

from test_reader_flow import HUANGPU, PASSWORD, SENTENCE_START, select_sentence, watch

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2,
         "locale": "zh-CN"}


# Chromium's PDF font maps some characters to CJK radicals: NFKC turns the Kangxi ones back
# (⼀ -> 一); these supplement radicals it leaves alone
RADICALS = str.maketrans("⺠⻚⻛⻩⻓⻔⻋⻢⻅⻬⻝⻉⻆⻄⻘", "民页风黄长门车马见齐食贝角西青")


def pdf_text(page) -> str:
    return unicodedata.normalize("NFKC", page.extract_text() or "").translate(RADICALS)


def register(page, base: str, username: str) -> None:
    page.goto(base + "/register")
    page.fill('input[name="username"]', username)
    page.fill('input[name="password"]', PASSWORD)
    page.fill('input[name="password2"]', PASSWORD)
    page.click('form button[type="submit"]')
    page.wait_for_url(base + "/")


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.height > 0 && r.top >= 0 && r.top < window.innerHeight && r.bottom > 0; }""",
        selector,
    )


def toolbar_bottom(page) -> float:
    return page.evaluate("document.querySelector('.toolbar').getBoundingClientRect().bottom")


def test_outline_follows_the_passage_being_read(live_server, browser, output_dir):
    problems: list[str] = []
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    watch(page, problems)
    # a shared link into (三)增进民生福祉扎实有力: the passage is centred, its section is current
    page.goto(f"{live_server}/d/{HUANGPU}")
    start = page.evaluate(
        """() => { const p = [...document.querySelectorAll('#doc-body p[data-start]')]
                     .find(b => b.textContent.includes('更新修缮钟和公寓'));
                   return +p.getAttribute('data-start'); }""")
    page.goto(f"{live_server}/d/{HUANGPU}#s={start}-{start + 20}")
    page.wait_for_selector("mark.target")
    page.wait_for_timeout(300)
    assert page.locator(".outline a.current").inner_text() == "(三)增进民生福祉扎实有力"
    # a heading just below the toolbar is the section being read, not the one above it
    page.evaluate("document.getElementById('sec-4').scrollIntoView()")
    page.evaluate("window.scrollBy(0, -200)")
    page.wait_for_timeout(300)
    assert page.locator(".outline a.current").inner_text().startswith("(四)")
    page.screenshot(path=str(output_dir / "reader-outline-current.png"))
    ctx.close()
    assert not problems, problems


def test_copy_cites_region_date_and_section_path_and_search_is_an_exact_phrase(live_server, browser):
    base = live_server
    problems: list[str] = []
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = ctx.new_page()
    watch(page, problems)
    page.goto(f"{base}/d/{HUANGPU}")
    sentence = select_sentence(page, SENTENCE_START)
    page.wait_for_selector("#sel-popover:not([hidden])")
    page.click('#sel-popover button[data-act="copy"]')
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(sentence + "\n——《2025年上海市黄浦区政府工作报告》，上海市黄浦区，2025年（2025-01-08），"
                                        "一、2024年工作回顾 › (三)增进民生福祉扎实有力\n")
    assert re.search(rf"/d/{HUANGPU}#s=\d+-\d+$", copied)

    # 搜索: the sentence contains “最美十字路口”, which the query language would take for a phrase
    # of its own; the selection is searched as one phrase and found once, here
    select_sentence(page, SENTENCE_START)
    page.wait_for_selector("#sel-popover:not([hidden])")
    with page.expect_navigation():
        page.click('#sel-popover button[data-act="search"]')
    query = page.input_value(".big-search input")
    assert query.startswith('"' + SENTENCE_START) and query.endswith('"') and "“最美十字路口”" in query
    assert "1 份报告，共 1 处" in page.inner_text(".summary")
    assert '"“' not in page.inner_text(".summary") and '""' not in page.inner_text(".summary")
    page.click(".snippet a")
    page.wait_for_selector("mark.target")
    assert "".join(page.locator("mark.target").all_inner_texts()) == query.strip('"')
    ctx.close()
    assert not problems, problems


def test_print_has_page_numbers_and_endnotes_say_where(live_server, browser, output_dir):
    import pdfplumber

    base = live_server
    problems: list[str] = []
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    watch(page, problems)
    register(page, base, "print_reader")
    page.goto(f"{base}/d/{HUANGPU}")
    select_sentence(page, SENTENCE_START)
    page.wait_for_selector("#sel-popover:not([hidden])")
    page.click('#sel-popover button[data-act="note"]')
    page.wait_for_selector("#note-dialog[open]")
    page.fill("#note-body", "要点：\n\n- 加装电梯\n- 老建筑修缮")
    page.click("#note-save")
    page.wait_for_selector("#notes-list li.note")
    page.click("#print-menu summary")
    page.check('input[name="print-notes"][value="end"]')
    page.emulate_media(media="print")
    page.pdf(path=str(output_dir / "reader-print-numbered.pdf"), format="A4")
    with pdfplumber.open(output_dir / "reader-print-numbered.pdf") as pdf:
        texts = [pdf_text(p) for p in pdf.pages]
        pdf.pages[-1].to_image(resolution=80).save(str(output_dir / "print-endnotes-cited.png"))
    n = len(texts)
    assert n > 5
    assert all(f"第{i + 1}页/共{n}页" in re.sub(r"\s", "", t) for i, t in enumerate(texts))
    last = texts[-1].replace("\n", "")
    assert "附:笔记" in last.replace("：", ":") and "(三)增进民生福祉扎实有力" in last and "老建筑修缮" in last
    # margin notes keep the note's Markdown (a list stays a list)
    page.emulate_media(media="screen")
    page.check('input[name="print-notes"][value="margin"]')
    assert page.locator(".margin-note li").count() == 2
    page.emulate_media(media="print")
    page.pdf(path=str(output_dir / "reader-print-margin-numbered.pdf"), format="A4")
    page.emulate_media(media="screen")
    ctx.close()
    assert not problems, problems


def test_phone_notes_and_outline_open_where_one_is_reading(live_server, browser, output_dir):
    base = live_server
    problems: list[str] = []
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    watch(page, problems)
    register(page, base, "phone_reader")
    page.goto(f"{base}/d/{HUANGPU}")
    # the sticky toolbar stays small: one row of tools, one for the find box
    assert toolbar_bottom(page) - page.evaluate("document.querySelector('.toolbar').getBoundingClientRect().top") < 100
    # a note, then read on far below it
    select_sentence(page, SENTENCE_START)
    page.wait_for_selector("#sel-popover:not([hidden])")
    page.tap('#sel-popover button[data-act="note"]')
    page.wait_for_selector("#note-dialog[open]")
    page.fill("#note-body", "手机上记的笔记")
    page.tap("#note-save")
    page.wait_for_selector("#notes-list li.note", state="attached")  # the panel itself is folded away
    page.evaluate("window.scrollTo(0, document.body.scrollHeight * 0.7)")
    y = page.evaluate("window.scrollY")
    # 笔记: the panel opens over the text, on this screen, without scrolling away
    page.tap("#toggle-notes")
    page.wait_for_timeout(200)
    assert in_viewport(page, "#notes-panel") and in_viewport(page, "#notes-list li.note")
    assert page.evaluate("window.scrollY") == y
    assert page.get_attribute("#toggle-notes", "aria-expanded") == "true"
    page.screenshot(path=str(output_dir / "reader-phone-notes.png"))
    # choosing the note jumps to it and folds the panel away
    page.tap("#notes-list li.note a.quote")
    page.wait_for_timeout(400)
    assert not page.locator("#notes-panel").is_visible()
    assert in_viewport(page, "mark.note-hl")
    # 目录: the outline opens on this screen too; choosing a section closes it and shows the
    # heading below the sticky toolbar, not under it
    page.tap("#toggle-outline")
    page.wait_for_timeout(200)
    assert in_viewport(page, "#outline") and not page.locator("#notes-panel").is_visible()
    assert in_viewport(page, "#outline a.current")  # the drawer shows where one is
    page.screenshot(path=str(output_dir / "reader-phone-outline.png"))
    page.tap('#outline a[data-sec="8"]')
    page.wait_for_timeout(500)
    assert not page.locator("#outline").is_visible()
    top = page.evaluate("document.getElementById('sec-8').getBoundingClientRect().top")
    assert toolbar_bottom(page) - 2 <= top < 400, (top, toolbar_bottom(page))
    page.screenshot(path=str(output_dir / "reader-phone-section.png"))
    # 关闭 and Escape close a drawer
    page.tap("#toggle-notes")
    page.tap("#notes-panel .drawer-close")
    assert not page.locator("#notes-panel").is_visible()
    page.tap("#toggle-outline")
    page.keyboard.press("Escape")
    assert not page.locator("#outline").is_visible()
    # the share menu is a sheet on the screen as well
    page.tap("#share-menu summary")
    page.wait_for_timeout(200)
    assert in_viewport(page, "#share-menu .menu-body")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ctx.close()
    assert not problems, problems


@pytest.mark.parametrize("path, first", [("/?region=310000", ".doc-title"), ("/search?q=电梯", ".hit .doc-title")])
def test_phone_results_are_on_the_first_screen(live_server, browser, output_dir, path, first):
    problems: list[str] = []
    ctx = browser.new_context(**PHONE)
    page = ctx.new_page()
    watch(page, problems)
    page.goto(live_server + path)
    page.wait_for_timeout(100)
    assert in_viewport(page, first)
    # the filters are folded, one tap away
    box = page.locator("details.filter-box")
    assert box.get_attribute("open") is None
    page.tap("details.filter-box > summary")
    assert box.get_attribute("open") is not None
    name = "library" if path.startswith("/?") else "search"
    page.screenshot(path=str(output_dir / f"{name}-phone.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ctx.close()
    assert not problems, problems
