"""The reader in a real Chromium: register, log in, filter, read, find, select, note, export,
share, print, log out. Screenshots go to test-output/ so a person can look at them."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest
from docx import Document as Docx

pytestmark = pytest.mark.browser

HUANGPU = "310101-2025-gzbg"
USER, PASSWORD = "browser_user", "correct horse battery"
SENTENCE_START = "更新修缮钟和公寓"  # a sentence of the Huangpu report (2024 review, 民生)


def watch(page, problems: list) -> None:
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)


def pdf_pages(path, png_stem) -> list[str]:
    """The text of each page of a printed PDF; the pages with notes are also saved as PNG to look at."""
    import pdfplumber

    texts = []
    with pdfplumber.open(path) as pdf:
        for i, pg in enumerate(pdf.pages):
            # NFKC: the PDF's font maps some characters to Kangxi radicals (⽼ for 老)
            text = unicodedata.normalize("NFKC", pg.extract_text() or "").replace("\n", "")
            texts.append(text)
            if i == 0 or "老旧住房修缮" in text:
                pg.to_image(resolution=80).save(f"{png_stem}-p{i + 1}.png")
    return texts


def select_sentence(page, start_text: str) -> str:
    """Select the sentence beginning with ``start_text`` (up to its 。) and release the mouse."""
    return page.evaluate(
        """(startText) => {
          const blocks = [...document.querySelectorAll('#doc-body p[data-start]')];
          const p = blocks.find(b => b.textContent.includes(startText));
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          let node, nodes = [];
          while ((node = walker.nextNode())) nodes.push(node);
          const full = nodes.map(n => n.nodeValue).join('');
          const a = full.indexOf(startText), b = full.indexOf('。', a) + 1;
          const locate = (off) => { for (const n of nodes) { if (off <= n.nodeValue.length) return [n, off]; off -= n.nodeValue.length; } };
          const r = document.createRange();
          r.setStart(...locate(a)); r.setEnd(...locate(b));
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
          p.scrollIntoView({block: 'center'});
          const rect = r.getBoundingClientRect();
          p.dispatchEvent(new MouseEvent('mouseup', {bubbles: true, clientX: rect.left, clientY: rect.top}));
          return full.slice(a, b);
        }""",
        start_text,
    )


def test_reader_end_to_end(live_server, browser, output_dir):
    base = live_server
    problems: list[str] = []
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True, locale="zh-CN")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = ctx.new_page()
    watch(page, problems)

    # register, log out, log in
    page.goto(base + "/register")
    page.fill('input[name="username"]', USER)
    page.fill('input[name="password"]', PASSWORD)
    page.fill('input[name="password2"]', PASSWORD)
    page.click('form button[type="submit"]')
    page.wait_for_url(base + "/")
    assert page.inner_text("header.site .who") == USER
    page.click("#logout")
    page.wait_for_selector("#login-link")
    page.click("#login-link")
    page.fill('input[name="username"]', USER)
    page.fill('input[name="password"]', PASSWORD)
    page.click('form button[type="submit"]')
    page.wait_for_selector("header.site .who")

    # library: 上海 (with its districts), then 2025; the filters live in the URL
    page.goto(base + "/")
    page.click('a[data-region="310000"]')
    page.wait_for_url(re.compile(r"region=310000"))
    page.click('a[data-year="2025"]')
    page.wait_for_url(re.compile(r"region=310000.*year=2025|year=2025.*region=310000"))
    titles = page.locator(".doc-title").all_inner_texts()
    assert "2025年上海市黄浦区政府工作报告" in titles and "2025年上海市政府工作报告" in titles and len(titles) == 2
    page.screenshot(path=str(output_dir / "library.png"), full_page=True)

    # open the Huangpu report from the list
    page.click("text=2025年上海市黄浦区政府工作报告")
    page.wait_for_url(base + f"/d/{HUANGPU}")
    assert page.inner_text("#doc-title") == "2025年上海市黄浦区政府工作报告"

    # find 电梯 and step through n/m (Ctrl+F focuses the box)
    page.locator("#doc-body").click(position={"x": 5, "y": 5})
    page.keyboard.press("Control+f")
    assert page.evaluate("document.activeElement.id") == "find-input"
    page.keyboard.type("电梯")
    page.wait_for_function("() => /^[1-9]\\d*\\/\\d+$/.test(document.getElementById('find-counter').textContent)")
    counter = page.inner_text("#find-counter")
    n, m = map(int, counter.split("/"))
    assert m >= 3 and page.locator("mark.find").count() >= m
    page.keyboard.press("Enter")
    assert page.inner_text("#find-counter") == f"{n % m + 1}/{m}"
    page.keyboard.press("Shift+Enter")
    assert page.inner_text("#find-counter") == f"{n}/{m}"
    page.click("#find-next")
    assert page.inner_text("#find-counter") == f"{n % m + 1}/{m}"
    assert page.locator("mark.find.cur").first.inner_text() == "电梯"
    page.fill("#find-input", "")
    page.wait_for_function("() => document.getElementById('find-counter').textContent === '0/0'")

    # select a sentence: the popover offers 复制 / 搜索 / 记笔记 (and 问答 when it exists)
    sentence = select_sentence(page, SENTENCE_START)
    page.wait_for_selector("#sel-popover:not([hidden])")
    assert page.locator('#sel-popover button[data-act="note"]').is_visible()
    page.click('#sel-popover button[data-act="copy"]')
    copied = page.evaluate("navigator.clipboard.readText()")
    assert sentence in copied and "《2025年上海市黄浦区政府工作报告》" in copied and f"/d/{HUANGPU}#s=" in copied

    # add a note on it
    select_sentence(page, SENTENCE_START)
    page.wait_for_selector("#sel-popover:not([hidden])")
    page.click('#sel-popover button[data-act="note"]')
    page.wait_for_selector("#note-dialog[open]")
    assert page.inner_text("#note-quote") == sentence
    page.fill("#note-body", "**重点**：老旧住房修缮，见 [原文](/d/310101-2025-gzbg)")
    page.fill("#note-tags", "民生, 城市更新")
    page.click("#note-save")
    page.wait_for_selector("#notes-list li.note")
    assert page.locator("#notes-list li.note strong").inner_text() == "重点"
    assert page.locator("mark.note-hl").count() >= 1

    # reload: the note is still there, highlighted in the text
    page.reload()
    page.wait_for_selector("#notes-list li.note")
    assert "老旧住房修缮" in page.inner_text("#notes-list")
    assert "".join(page.locator("mark.note-hl").all_inner_texts()) == sentence
    page.locator("mark.note-hl").first.scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "reader-with-notes.png"))

    # export Markdown and Word, and open both
    page.click("#export-menu summary")
    with page.expect_download() as dl:
        page.click("#export-md")
    md = open(dl.value.path(), encoding="utf-8").read()
    assert sentence in md and "老旧住房修缮" in md and "《2025年上海市黄浦区政府工作报告》" in md
    page.click("#export-menu summary")
    with page.expect_download() as dl:
        page.click("#export-docx")
    assert dl.value.suggested_filename.endswith(".docx")
    with open(dl.value.path(), "rb") as fh:
        word = Docx(io.BytesIO(fh.read()))
    text = "\n".join(p.text for p in word.paragraphs)
    assert sentence in text and "老旧住房修缮" in text

    # share: a read-only link to the notes, opened in a fresh, logged-out browser
    page.click("#share-menu summary")
    page.fill('#share-notes-form input[name="title"]', "黄浦区报告笔记")
    page.click("#btn-share-notes")
    page.wait_for_selector("#share-result:not([hidden])")
    share_url = page.input_value("#share-notes-link")
    assert re.fullmatch(re.escape(base) + r"/s/[A-Za-z0-9_\-]{24,}", share_url)
    note_start = page.get_attribute("#notes-list li.note", "data-start")
    note_end = page.get_attribute("#notes-list li.note", "data-end")
    fresh = browser.new_context(viewport={"width": 1200, "height": 900})
    other = fresh.new_page()
    watch(other, problems)
    other.goto(share_url)
    assert other.inner_text("h1") == "黄浦区报告笔记"
    assert "老旧住房修缮" in other.inner_text("main") and sentence in other.inner_text("main")
    assert other.locator("#login-link").is_visible()  # logged out
    # the passage link scrolls to and highlights the span for anyone
    other.goto(f"{base}/d/{HUANGPU}#s={note_start}-{note_end}")
    other.wait_for_selector("mark.target")
    assert "".join(other.locator("mark.target").all_inner_texts()) == sentence
    fresh.close()

    # print: notes as endnotes; the print stylesheet hides the site chrome
    page.click("#print-menu summary")
    page.check('input[name="print-notes"][value="end"]')
    page.keyboard.press("Escape")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible() and not page.locator(".toolbar").is_visible()
    assert page.locator("#notes-panel").is_visible()
    page.screenshot(path=str(output_dir / "print-preview.png"), full_page=False)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.screenshot(path=str(output_dir / "print-preview-end.png"), full_page=False)
    page.pdf(path=str(output_dir / "reader-print.pdf"), format="A4", print_background=False)
    last_page = pdf_pages(output_dir / "reader-print.pdf", output_dir / "print-endnotes")[-1]
    assert "老旧住房修缮" in last_page and "问答" not in last_page and "退出" not in last_page
    page.emulate_media(media="screen")
    page.check('input[name="print-notes"][value="margin"]')
    assert page.locator(".margin-note").count() == 1
    page.emulate_media(media="print")
    page.locator(".margin-note").scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "print-preview-margin.png"))
    page.pdf(path=str(output_dir / "reader-print-margin.pdf"), format="A4")
    pages = pdf_pages(output_dir / "reader-print-margin.pdf", output_dir / "print-margin")
    assert any("老旧住房修缮" in t and SENTENCE_START in t for t in pages)
    page.emulate_media(media="screen")

    # a phone-sized window
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    watch(mobile, problems)
    mobile.goto(f"{base}/d/{HUANGPU}")
    mobile.screenshot(path=str(output_dir / "reader-phone.png"))
    assert mobile.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.close()

    # log out
    page.goto(base + "/")
    page.click("#logout")
    page.wait_for_selector("#login-link")
    page.goto(f"{base}/d/{HUANGPU}")
    assert "登录" in page.inner_text("#notes-list")
    ctx.close()
    assert not problems, problems
