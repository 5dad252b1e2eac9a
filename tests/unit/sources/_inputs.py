"""Test inputs made from the real corpus while the tests run (never committed).

PDFs are laid out with reportlab's built-in CID font STSong-Light; HTML pages are a corpus .docx
converted by mammoth and wrapped in a government-site page template written here. Files are
cached under build/test-inputs; a lock file plus an atomic rename keeps pytest-xdist workers from
seeing half-written files.
"""

from __future__ import annotations

import fcntl
import html
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

# Bump when a generator changes, so cached files from an older generator are not reused.
GENERATOR_VERSION = "1"


@contextmanager
def _locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def cached(path: Path, make: Callable[[Path], None]) -> Path:
    """Build ``path`` once (across xdist workers) with ``make(tmp_path)``; return it."""
    if path.exists():
        return path
    with _locked(path):
        if not path.exists():
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
            os.close(fd)
            try:
                make(Path(tmp))
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    return path


def docx_paragraphs(docx_path: Path) -> list[str]:
    """Non-empty paragraph texts of a corpus .docx, indentation stripped."""
    import docx

    doc = docx.Document(str(docx_path))
    out = []
    for p in doc.paragraphs:
        for line in p.text.split("\n"):
            t = line.strip(" \t\u3000\u2003\u00a0")
            if t:
                out.append(t)
    return out


HEADING_PREFIXES = tuple("一二三四五六七八九十")


def is_heading(text: str) -> bool:
    return len(text) <= 40 and text[:1] in HEADING_PREFIXES and text[1:2] == "、"


# STSong-Light has no glyph for these: reportlab reserves their width but draws nothing, so
# they vanish from the PDF. A real printer would substitute a font; we substitute characters.
_PDF_SUBST = str.maketrans({"·": "・", "•": "・", "\u2027": "・", "‱": "‰", "\u200b": None, "\u200c": None,
                            "\u200d": None, "\ufeff": None})


def pdf_safe(text: str) -> str:
    return text.translate(_PDF_SUBST)


def make_pdf(paragraphs: list[str], title: str, out: Path) -> None:
    """A report printed to PDF: A4, justified CJK text with a first-line indent of two
    characters, larger headings, a running header and "- n -" page numbers."""
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, firstLineIndent=24,
                          alignment=TA_JUSTIFY, wordWrap="CJK", spaceAfter=2)
    head = ParagraphStyle("h", parent=body, fontSize=15, leading=24, firstLineIndent=0,
                          spaceBefore=8, spaceAfter=6)
    ttl = ParagraphStyle("t", parent=body, fontSize=20, leading=30, firstLineIndent=0,
                         alignment=TA_CENTER, spaceAfter=12)

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, title)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {doc.page} -")
        canvas.restoreState()

    paragraphs = [pdf_safe(p) for p in paragraphs]
    story = [Paragraph(html.escape(paragraphs[0]), ttl), Spacer(1, 6)]
    for text in paragraphs[1:]:
        story.append(Paragraph(html.escape(text), head if is_heading(text) else body))
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm,
                            topMargin=25 * mm, bottomMargin=22 * mm, title=title)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


SITE = "上海市人民政府"
SOURCE = "解放日报"
PUBDATE = "2025-01-20 09:30:00"
CANONICAL = "https://www.shanghai.gov.cn/nw12344/20250120/0001-12344_123456.html"

# Everything a government page shows besides the article. The tests check none of it leaks.
CHROME_PHRASES = [
    "无障碍", "长者模式", "政务公开", "政民互动", "您的位置", "分享到微信", "扫一扫在手机打开当前页",
    "网站标识码", "沪ICP备", "联系我们", "网站地图", "相关报道", "2024年政府工作报告解读", "字号",
    "打印本页", "关闭窗口", "热点专题", "主办：",
]

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{title}_{site}</title>
<meta name="SiteName" content="{site}">
<meta name="ColumnName" content="政府工作报告">
<meta name="PubDate" content="{pubdate}">
<meta name="ContentSource" content="{source}">
<meta name="keywords" content="政府工作报告">
<link rel="canonical" href="{canonical}">
<link rel="stylesheet" href="/css/main.css">
<style>body {{ font-family: "Microsoft YaHei"; }} #zoom p {{ text-indent: 2em; }}</style>
<script>var _hmt = _hmt || []; (function() {{ var hm = document.createElement("script"); }})();</script>
</head>
<body>
<div class="top-bar"><div class="w1200"><span>{site}</span>
  <a href="/wza">无障碍</a> | <a href="/zzms">长者模式</a> | <a href="/login">登录</a> | <a href="/reg">注册</a></div></div>
<div class="header"><div class="logo"><h1><a href="/">{site}</a></h1></div>
  <form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div id="nav" class="nav"><ul>
  <li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li>
  <li><a href="/zmhd">政民互动</a></li><li><a href="/zt">热点专题</a></li></ul></div>
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/gzbg">政府工作报告</a></div>
<div class="main w1200">
  <div class="sidebar"><h3>栏目导航</h3><ul>
    <li><a href="/gzbg/2024">2024年政府工作报告解读</a></li><li><a href="/gzbg/2023">2023年政府工作报告解读</a></li>
    <li><a href="/ghjh">规划计划</a></li></ul></div>
  <div class="article">
    <h1 class="article-title">{title}</h1>
    <div class="article-info">发布时间：{pubdate} 来源：{source}
      <span class="font-size">【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span>
      <a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
    <div id="zoom" class="TRS_Editor">
{body}
    </div>
    <div class="bdshare share">分享到：<a class="wx">微信</a> <a class="wb">微博</a>
      <div class="ewm"><img src="/qr.png" alt="">分享到微信 扫一扫在手机打开当前页</div></div>
    <div class="related"><h4>相关报道：</h4><ul>
      <li><a href="/a">2024年政府工作报告解读</a></li><li><a href="/b">图解政府工作报告</a></li></ul></div>
  </div>
</div>
<div class="footer"><p>主办：{site}办公厅　承办：上海市大数据中心</p>
  <p>网站标识码：3100000001　沪ICP备05000001号</p>
  <p><a href="/lxwm">联系我们</a> | <a href="/wzdt">网站地图</a> | <a href="/yssm">隐私声明</a></p></div>
<script src="/js/stat.js"></script>
</body>
</html>
"""

# A page whose CMS uses no known container names: only the readability fallback finds the body.
_PLAIN_PAGE = """<html><head><meta charset="{charset}"><title>{title} - {site}</title></head>
<body>
<table width="100%"><tr><td><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/zmhd">政民互动</a>
 <a href="/zt">热点专题</a></td></tr></table>
<div class="l"><ul><li><a href="/x">2024年政府工作报告解读</a></li><li><a href="/y">规划计划</a></li></ul></div>
<div class="r"><div class="box"><div class="tt">{title}</div>
<div class="bd">
{body}
</div></div></div>
<div class="copy">网站标识码：3100000001 沪ICP备05000001号 <a href="/lxwm">联系我们</a> <a href="/m">网站地图</a></div>
</body></html>
"""


def make_html(docx_path: Path, title: str, out: Path, *, encoding: str = "utf-8", plain: bool = False) -> None:
    """A corpus .docx converted to HTML by mammoth, inside a government-site page."""
    import mammoth

    with open(docx_path, "rb") as fh:
        body = mammoth.convert_to_html(fh).value
    charset = "gb2312" if encoding == "gb18030" else encoding  # what such sites declare
    template = _PLAIN_PAGE if plain else _PAGE
    page = template.format(charset=charset, title=html.escape(title), site=SITE, pubdate=PUBDATE,
                           source=SOURCE, canonical=CANONICAL, body=body)
    out.write_bytes(page.encode(encoding))


def make_zip_bomb(out: Path, uncompressed_mb: int) -> None:
    """A .docx-shaped zip whose word/document.xml inflates to ``uncompressed_mb`` MB of spaces.

    Written streaming at compresslevel 9: about 1 KB of output per MB, in well under a second.
    """
    import zipfile

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(uncompressed_mb):
                fh.write(chunk)
