"""Rendering a note's Markdown body to safe HTML.

Two layers: markdown-it-py with raw HTML disabled (so ``<script>`` stays text and links with
unsafe schemes such as ``javascript:`` are not turned into links), then nh3 (ammonia) with an
allow-list of tags and attributes and only http/https/mailto URLs. Images are not rendered
(a shared note must not load third-party URLs in a reader's browser).
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

TAGS = {
    "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}}
URL_SCHEMES = {"http", "https", "mailto"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True})
    md.enable(["table", "strikethrough"])
    md.disable("image")

    # Only absolute http(s)/mailto links (and in-page #fragments / site-relative /d/ links).
    def validate_link(url: str) -> bool:
        u = url.strip().lower()
        return u.startswith(SAFE_SCHEMES) or (u.startswith("/") and not u.startswith("//")) or u.startswith("#")

    md.validateLink = validate_link
    return md


def render_markdown(source: str) -> str:
    """Markdown -> sanitized HTML, safe to insert into a page."""
    html = _md().render(source or "")
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        filter_style_properties={"text-align"},
    )
