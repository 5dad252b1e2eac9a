"""Exporting notes (the dicts of ``baogao.services.notes``) as Markdown and as Word .docx.

Each note: a heading with its number and section, the quote as a quotation, the Markdown body
as written, the tags, and the citation (《title》, region, year, section) with the link to the
span. Orphaned notes (their passage is no longer in the document) are marked as such.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone

ORPHAN_NOTE = "原文已变更，未能在新版本中定位这段引文"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _md_escape(text: str, *, line_start: bool = True) -> str:
    """Escape characters that Markdown would interpret, so a quote stays literal text
    (``line_start``: also a leading list or rule marker; a heading's "1." needs no escape)."""
    out = _MD_SPECIAL.sub(r"\\\1", text)
    if not line_start:
        return out
    return re.sub(r"^(\s*)([-+=]|\d+\.)", r"\1\\\2", out, flags=re.M)


def _link(note: dict, base_url: str) -> str:
    return base_url.rstrip("/") + note["link"]


def _heading(i: int, note: dict) -> str:
    sec = note["citation"].get("section")
    label = f"{sec['label']}{sec['title']}" if sec else (note["citation"].get("title") or note["doc_id"])
    return f"{i}. {label}"


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def to_markdown(notes: list[dict], title: str, *, base_url: str = "") -> str:
    lines = [f"# {_md_escape(title)}", "", f"导出时间：{_now()}　共 {len(notes)} 条笔记", ""]
    for i, note in enumerate(notes, 1):
        lines += [f"## {_md_escape(_heading(i, note), line_start=False)}", ""]
        if note["status"] != "anchored":
            lines += [f"*（{ORPHAN_NOTE}）*", ""]
        quote_lines = [ln for ln in note["quote"].splitlines()] or [""]
        lines += ["> " + _md_escape(ln) if ln.strip() else ">" for ln in quote_lines]
        lines.append("")
        if note["body"].strip():
            lines += [note["body"].rstrip(), ""]
        if note["tags"]:
            lines += ["标签：" + "　".join(f"`{t.replace('`', '')}`" for t in note["tags"]), ""]
        url = _link(note, base_url)
        lines += [f"出处：{_md_escape(note['citation']['text'])}　<{url}>", "", "---", ""]
    return "\n".join(lines).rstrip("-\n") + "\n"


def _set_east_asian_font(style, name: str = "宋体") -> None:
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _add_hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx has no public hyperlink API: add a w:hyperlink with an external relationship."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if not re.match(r"^(https?://|/)", url):
        paragraph.add_run(url)
        return
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.extend([style, color, underline])
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _clean_xml(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters), which python-docx would reject."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def _inline(paragraph, token) -> None:
    """Runs for one inline token's children: bold, italic, strikethrough, code, links (as their
    text followed by the address), line breaks."""
    from docx.shared import Pt

    bold = italic = strike = 0
    link: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "s_open":
            strike += 1
        elif kind == "s_close":
            strike -= 1
        elif kind == "link_open":
            link = child.attrGet("href")
        elif kind == "link_close":
            if link:
                paragraph.add_run(f"（{_clean_xml(link)}）")
            link = None
        elif kind in ("softbreak", "hardbreak"):
            paragraph.add_run().add_break()
        elif kind in ("text", "code_inline", "html_inline") and child.content:
            run = paragraph.add_run(_clean_xml(child.content))
            run.bold = bool(bold) or None
            run.italic = bool(italic) or None
            if strike:
                run.font.strike = True
            if kind == "code_inline":
                run.font.name = "Consolas"
                run.font.size = Pt(9.5)


def add_markdown(doc, source: str) -> None:
    """A note's Markdown body as Word paragraphs: the same parser as the web page (markdown-it,
    raw HTML off), mapped onto Word's own styles: lists (List Bullet / List Number, nested),
    quotes, headings as bold paragraphs, code blocks in a monospace font. What Word has no
    place for (tables, rules) is kept as its text."""
    from docx.shared import Pt

    from baogao.notes.render import _md

    lists: list[str] = []  # "bullet" / "ordered", innermost last
    quote = 0
    heading = False
    for tok in _md().parse(source or ""):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("bullet" if kind.startswith("bullet") else "ordered")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind in ("fence", "code_block"):
            for line in tok.content.rstrip("\n").split("\n"):
                run = doc.add_paragraph().add_run(_clean_xml(line))
                run.font.name = "Consolas"
                run.font.size = Pt(9.5)
        elif kind == "inline":
            style = None
            if lists:
                base = "List Bullet" if lists[-1] == "bullet" else "List Number"
                style = base if len(lists) == 1 else f"{base} {min(len(lists), 3)}"
            elif quote:
                style = "Quote"
            try:
                paragraph = doc.add_paragraph(style=style)
            except KeyError:
                paragraph = doc.add_paragraph()
            _inline(paragraph, tok)
            if heading:
                for run in paragraph.runs:
                    run.bold = True


def to_docx(notes: list[dict], title: str, *, base_url: str = "") -> bytes:
    from docx import Document
    from docx.shared import Pt, RGBColor

    doc = Document()
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Quote"):
        try:
            _set_east_asian_font(doc.styles[name])
        except KeyError:
            pass
    doc.core_properties.title = _clean_xml(title)
    doc.add_heading(_clean_xml(title), level=0)
    doc.add_paragraph(f"导出时间：{_now()}　共 {len(notes)} 条笔记")
    for i, note in enumerate(notes, 1):
        doc.add_heading(_clean_xml(_heading(i, note)), level=2)
        if note["status"] != "anchored":
            p = doc.add_paragraph()
            run = p.add_run(f"（{ORPHAN_NOTE}）")
            run.italic = True
            run.font.color.rgb = RGBColor(0x99, 0x33, 0x33)
        quote = doc.add_paragraph(_clean_xml(note["quote"]), style="Quote")
        quote.paragraph_format.left_indent = Pt(18)
        add_markdown(doc, note["body"] or "")
        if note["tags"]:
            doc.add_paragraph("标签：" + "　".join(_clean_xml(t) for t in note["tags"]))
        cite = doc.add_paragraph("出处：" + _clean_xml(note["citation"]["text"]) + "　")
        url = _link(note, base_url)
        _add_hyperlink(cite, url, url)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
