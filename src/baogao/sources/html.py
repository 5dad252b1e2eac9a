"""HTML pages as government sites publish them: the article body, not the navigation.

Finding the body is a small readability-style heuristic written here rather than taken from a
library: the maintained extractors (readability-lxml, trafilatura) are tuned for Western news
pages, drop the tables these reports carry, and pull in large dependency trees. Ours:

1. parse with lxml; drop scripts/styles/forms, and chrome blocks (nav, breadcrumb, share,
   footer... by tag, id or class) unless they hold a lot of non-link text;
2. among the content containers government CMSs use (div#zoom, .TRS_Editor, #UCAP-CONTENT,
   .pages_content, .article, .content, <article>...) take the one with the most CJK text not
   inside links, then the innermost container inside it that still holds almost all of it;
3. with no such container, score parents of paragraphs by the CJK text of their children
   (readability's idea) and take the best;
4. flatten that element into blocks: h1-h6 -> HEADING, table rows -> TABLE_ROW (cells joined by
   a tab), every other block-level element and every <br> ends a PARAGRAPH.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
from lxml import etree

from baogao.errors import IngestError, ParseError
from baogao.model import HEADING, PARAGRAPH, TABLE_ROW, Block, RawDocument
from baogao.sources.base import ReadOptions, Reader, ReadResult, clean_hints, filename_hints, iso_date, sha256_bytes
from baogao.sources.decode import bom_encoding, decode_bytes, sniff_text

_CJK = re.compile(r"[\u4e00-\u9fff]")
_MARKUP = re.compile(r"<\s*(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)", re.IGNORECASE)
_ANY_TAG = re.compile(r"<\s*(p|div|span|table|br|h[1-6]|a\s)[\s>/]", re.IGNORECASE)

_DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button",
    "select", "input", "textarea", "svg", "canvas", "map", "link", "meta",
}
_CHROME_TAGS = {"nav", "header", "footer", "aside", "menu"}
# id/class tokens that mark chrome on government sites (dqwz = 当前位置, ewm = 二维码)
_CHROME_TOKENS = {
    "nav", "navbar", "menu", "breadcrumb", "crumb", "crumbs", "footer", "foot", "header", "top",
    "topbar", "sidebar", "side", "share", "bdshare", "fenxiang", "related", "relate", "xgxx",
    "toolbar", "tools", "print", "comment", "copyright", "banner", "logo", "search", "login",
    "advert", "ad", "qrcode", "ewm", "position", "location", "dqwz", "weizhi", "gotop", "pager",
}
_CONTENT_TOKENS = {
    "zoom", "trs_editor", "ucap-content", "pages_content", "article", "article-content",
    "articlecontent", "article_content", "content", "main-content", "maincontent", "text",
    "detail", "details", "con", "view", "wzy", "zw", "contentbox", "news_content", "newscontent",
}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "blockquote", "pre", "center", "dl", "dt", "dd", "figure", "figcaption", "address", "hr", "tr",
    "header", "footer", "caption", "tbody", "thead",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_WS = re.compile(r"[ \t\n\r\f\v]+")
_EDGE = " \t\n\r\u3000\u00a0\u2002\u2003\u200b\ufeff"


def accepts(path: Path, head: bytes) -> bool:
    text = sniff_text(head)
    if text is None:
        return False
    start = text.lstrip("\ufeff \t\r\n")[:2048]
    if _MARKUP.search(start[:1024]) and start.startswith("<"):
        return True
    # an .html file without <html>/<body> (a saved fragment) is still HTML if it has tags
    return path.suffix.lower() in (".html", ".htm", ".shtml", ".xhtml") and bool(_ANY_TAG.search(start))


# ---------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)


def _declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    if name in {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "gb18030"}:
        return "gb18030"  # sites label GBK/GB18030 pages "gb2312"; GB18030 reads them all
    return name


def decode_html(data: bytes) -> str:
    if bom_encoding(data) is None:
        declared = _declared_encoding(data)
        if declared:
            try:
                return data.decode(declared)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration is common; fall back to detection
    return decode_bytes(data)[0]


# ---------------------------------------------------------------- finding the body


def _tokens(el) -> set[str]:
    raw = f"{el.get('id', '')} {el.get('class', '')}".lower()
    return {t for t in re.split(r"\s+", raw) if t} | {t for t in re.split(r"[\s_\-]+", raw) if t}


def _cjk(text: str) -> int:
    return len(_CJK.findall(text))


def _stats(el) -> tuple[int, int]:
    """(CJK characters, of which inside links) of an element."""
    total = _cjk(el.text_content())
    in_links = sum(_cjk(a.text_content()) for a in el.iter("a"))
    return total, in_links


def _remove(el) -> None:
    """Remove an element but keep its tail text (lxml's drop_tree does exactly that)."""
    el.drop_tree()


def _strip_chrome(root) -> None:
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(el)
    for el in list(root.iter(*_DROP_TAGS)):
        _remove(el)
    for el in list(root.iter()):
        if el.getparent() is None or not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        is_chrome = el.tag in _CHROME_TAGS or bool(_tokens(el) & _CHROME_TOKENS)
        if not is_chrome:
            continue
        total, in_links = _stats(el)
        # keep a "header"-classed block that really holds the article
        if total < 300 or in_links > total / 2:
            _remove(el)


def _is_content_container(el) -> bool:
    return el.tag == "article" or bool(_tokens(el) & _CONTENT_TOKENS)


def _non_link_cjk(el) -> int:
    total, in_links = _stats(el)
    return total - in_links


def _find_body(body):
    page_text = _non_link_cjk(body)
    containers = [el for el in body.iter() if isinstance(el.tag, str) and _is_content_container(el)]
    scored = [(el, _non_link_cjk(el)) for el in containers]
    scored = [(el, s) for el, s in scored if s > 0]
    if scored:
        best, best_score = max(scored, key=lambda pair: pair[1])
        if best_score >= 0.4 * page_text:
            # the innermost container inside `best` that still holds almost all of its text
            inner = [(el, s) for el, s in scored if s >= 0.85 * best_score and _contains(best, el)]
            return max(inner, key=lambda pair: _depth(pair[0]))[0]

    # readability fallback: parents (and, half, grandparents) of paragraph-like elements
    scores: dict = {}
    for el in body.iter("p", "td", "pre", "div", "li"):
        own = el.text_content() if el.tag != "div" else (el.text or "") + "".join(c.tail or "" for c in el)
        n = _cjk(own)
        if n < 10:
            continue
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + n
            grand = parent.getparent()
            if grand is not None:
                scores[grand] = scores.get(grand, 0.0) + n / 2
    if not scores:
        return body
    for el in list(scores):
        total, in_links = _stats(el)
        scores[el] *= 1 - (in_links / total if total else 0)
    return max(scores, key=scores.get)


def _contains(outer, inner) -> bool:
    el = inner
    while el is not None:
        if el is outer:
            return True
        el = el.getparent()
    return False


def _depth(el) -> int:
    d = 0
    while el.getparent() is not None:
        el = el.getparent()
        d += 1
    return d


# ---------------------------------------------------------------- flattening into blocks


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip(_EDGE)


class _Flattener:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.ctx: list[tuple[str, str | None]] = [(PARAGRAPH, None)]

    def flush(self) -> None:
        text = _collapse("".join(self.buf))
        self.buf = []
        if text:
            kind, style = self.ctx[-1]
            self.blocks.append(Block(text, kind=kind, style=style))

    def table(self, table) -> None:
        caption = table.find("caption")
        if caption is not None and _collapse(caption.text_content()):
            self.blocks.append(Block(_collapse(caption.text_content()), PARAGRAPH, "caption"))
        for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
            cells = [_collapse(td.text_content()) for td in tr.xpath("./td|./th")]
            if any(cells):
                self.blocks.append(Block("\t".join(cells), kind=TABLE_ROW, style="tr"))

    def visit(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush()
            self.table(el)
            return
        if tag == "br":
            self.flush()
            return
        is_block = tag in _BLOCK_TAGS
        if is_block:
            self.flush()
            kind = HEADING if tag in _HEADINGS else PARAGRAPH
            # inside a heading everything is heading; else the block's own tag is its style
            outer_kind, outer_style = self.ctx[-1]
            self.ctx.append((outer_kind, outer_style) if outer_kind == HEADING else (kind, tag))
        if el.text:
            self.buf.append(el.text)
        for child in el:
            self.visit(child)
            if child.tail:
                self.buf.append(child.tail)
        if is_block:
            self.flush()
            self.ctx.pop()


# ---------------------------------------------------------------- metadata


_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--|——|－|\s-\s|\s—\s)\s*")
_SITEISH = re.compile(r"(人民政府|政府网|门户网站|网站|网|政府|官网|频道)$")


def clean_title(raw: str) -> str:
    """"2025年政府工作报告_上海市人民政府" -> "2025年政府工作报告"."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(_collapse(raw)) if p.strip()]
    if not parts:
        return ""
    if len(parts) > 1:
        content = [p for p in parts if not (_SITEISH.search(p) and len(p) <= 15)]
        parts = content or parts[:1]
    return max(parts, key=len) if len(parts) > 1 else parts[0]


def _metas(doc) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in doc.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in out:
            out[key] = content
    return out


def _hints(doc, root, metas: dict[str, str]) -> dict[str, object]:
    hints: dict[str, object] = {}
    title = metas.get("articletitle") or metas.get("og:title") or ""
    if not title:
        t = doc.find(".//title")
        title = t.text_content() if t is not None else ""
    title = clean_title(title)
    if not title:
        h = root.find(".//h1") if root.find(".//h1") is not None else doc.find(".//h1")
        title = _collapse(h.text_content()) if h is not None else ""
    hints["title"] = title
    for key in ("pubdate", "publishdate", "publish_date", "article:published_time", "firstpublishedtime",
                "dc.date", "dcterms.issued", "date", "og:release_date", "maketime"):
        if key in metas and iso_date(metas[key]):
            hints["date"] = iso_date(metas[key])
            break
    canonical = doc.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    hints["url"] = canonical[0] if canonical else metas.get("og:url") or metas.get("url")
    hints["source_name"] = metas.get("contentsource") or metas.get("source")
    hints["site_name"] = metas.get("sitename") or metas.get("og:site_name")
    return hints


def read(path: Path, data: bytes, options: ReadOptions) -> ReadResult:
    text = decode_html(data)
    # lxml refuses str input that carries an XML encoding declaration
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise IngestError("文件只有空白 / file contains only whitespace")
    try:
        doc = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"HTML 无法解析 / cannot parse HTML: {exc}") from exc
    metas = _metas(doc)
    body = doc.find("body")
    if body is None:
        body = doc
    _strip_chrome(body)
    root = _find_body(body)
    flat = _Flattener()
    flat.visit(root)
    flat.flush()
    if not flat.blocks:
        raise ParseError("HTML 页面里没有找到正文 / no article text found in the page")
    hints = filename_hints(path)
    hints.pop("title", None)
    hints.update({k: v for k, v in _hints(doc, root, metas).items() if v})
    result = RawDocument(
        blocks=flat.blocks, format="html", locator=str(path), sha256=sha256_bytes(data), hints=clean_hints(hints)
    )
    return ReadResult([result])


READER = Reader("html", (".html", ".htm", ".shtml", ".xhtml"), accepts, read)
