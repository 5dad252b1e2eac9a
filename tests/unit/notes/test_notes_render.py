"""A note's Markdown is rendered safely: no raw HTML, no script URLs, no images."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from baogao.notes.render import render_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    "<svg onload=alert(1)>",
    '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
    "![x](https://evil.example/track.png)",
    "<https://ok.example/?q=<script>>",
]


class _Elements(HTMLParser):
    """The real elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("source", ATTACKS)
def test_attacks_are_inert(source):
    for tag, attrs in _Elements(render_markdown(source)).elements:
        assert tag in {"p", "a", "code", "strong", "em", "br"}, tag
        assert not [a for a in attrs if a.startswith("on") or a in ("src", "style")], attrs
        if tag == "a":
            assert attrs["href"].startswith(("https://", "http://", "mailto:", "/")), attrs
            assert not attrs["href"].startswith("//")


def test_markdown_features_survive():
    html = render_markdown("**重点** _注意_ `代码`\n\n- 一\n- 二\n\n> 引用\n\n[链接](https://www.gov.cn/) [文内](/d/x#s=1-5)")
    assert "<strong>重点</strong>" in html and "<em>注意</em>" in html and "<code>代码</code>" in html
    assert "<li>一</li>" in html and "<blockquote>" in html
    assert 'href="https://www.gov.cn/"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert 'href="/d/x#s=1-5"' in html


def test_text_is_escaped_not_dropped():
    html = render_markdown("a < b && <b>粗</b>")
    assert "&lt;b&gt;粗&lt;/b&gt;" in html and "&amp;&amp;" in html
