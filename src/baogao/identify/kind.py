"""Kind of a document: 政府工作报告, 决议, 发展报告, 规划, 其他 (and the slug used in ids)."""

from __future__ import annotations

GZBG, JY, FZBG, GH, QT = "政府工作报告", "决议", "发展报告", "规划", "其他"
SLUGS = {GZBG: "gzbg", JY: "jy", FZBG: "fzbg", GH: "gh", QT: "qt"}


def detect_kind(title: str | None, breadcrumb: list[str] | None = None) -> str | None:
    """From the title first (a resolution's title also names 政府工作报告, so 决议 wins), then the
    site's breadcrumb (web-pages/003: 首页 > 发展报告). None when there is nothing to go on."""
    crumbs = breadcrumb or []
    if not title and not crumbs:
        return None
    t = title or ""
    if "决议" in t:
        return JY
    if "发展报告" in t or FZBG in crumbs:
        return FZBG
    if "政府工作报告" in t or "人民政府工作报告" in t:
        return GZBG
    if "规划" in t:
        return GH
    if GZBG in crumbs:
        return GZBG
    return QT


def kind_slug(kind: str | None) -> str:
    return SLUGS.get(kind or "", "unknown")
