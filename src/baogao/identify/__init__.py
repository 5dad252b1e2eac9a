"""StructuredReport -> Identity: region (GB/T 2260), year, kind and a stable document id.

Sources of evidence, in order (the first that answers wins; none -> null value + a flag):
* region: national if the title, the meeting or the title hint names 国务院 / 全国人民代表大会 /
  中华人民共和国; else the gazetteer (cpca) on the title, the region hint (CSV province column),
  the file name (宁夏/广西/新疆/西藏 short names), the meeting line, then the first paragraphs.
  A name several divisions share (朝阳区) counts only when the other candidates say which one.
* year: the year hint, the first 19xx/20xx年 of the title, the congress session named in the
  title or meeting (data/npc_sessions.toml), the delivered date, and last the publication date
  (flagged ``year_from_publication``).
* kind: baogao.identify.kind.detect_kind on the title and the site's breadcrumb.
Flags: region_unknown, region_ambiguous (with the candidate codes), year_unknown, kind_unknown,
region_conflict (title and hint disagree), wrong_source_line (来源 names another province),
short_text, abridged (摘要).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from baogao.identify.docid import make_doc_id
from baogao.identify.kind import GZBG, JY, detect_kind
from baogao.identify.region import (
    NATIONAL,
    is_national,
    lookup,
    parents_of,
    province_code,
    region_ref,
    resolve,
)
from baogao.identify.session import year_of_session_text
from baogao.model import Identity, RegionRef, StructuredReport

__all__ = ["identify", "identify_region", "report_year", "make_doc_id", "detect_kind"]

# Shorter than this for its kind is suspicious (the shortest full report in the corpus, 1975,
# has 5,213 characters; resolutions have 260-1,000).
MIN_CHARS = {GZBG: 3000, JY: 150}
_TITLE_YEAR = re.compile(r"(1[89]\d\d|20\d\d)\s*年")


def _filename(hints: dict) -> str | None:
    name = hints.get("filename") or ""
    return PurePath(name).stem if name else None


def identify_region(report: StructuredReport) -> tuple[RegionRef | None, list[str], dict]:
    clean = report.clean
    hints = clean.hints
    flags: list[str] = []
    details: dict = {}
    if any(is_national(x) for x in (clean.title, hints.get("title"), clean.meeting)):
        return NATIONAL, flags, details
    region_hint = hints.get("region")
    if isinstance(region_hint, str) and re.fullmatch(r"\d{6}", region_hint):
        ref = region_ref(region_hint)
        if ref is not None:
            return ref, flags, details
    head = clean.text.split("\n", 3)[:3]
    candidates = [clean.title, hints.get("title"), region_hint, _filename(hints), clean.meeting, *head]
    code, used, ambiguous = resolve(candidates)
    ref = region_ref(code) if code else None
    if ref is None:
        if ambiguous:  # 朝阳区 alone: Beijing's or Changchun's? null and flagged, never picked
            details["region_ambiguous"] = {"name": used, "candidates": list(ambiguous)}
            return None, ["region_unknown", "region_ambiguous"], details
        return None, ["region_unknown"], details
    hinted = lookup(region_hint) if isinstance(region_hint, str) else None
    if hinted and province_code(hinted) != province_code(code):
        flags.append("region_conflict")
        details["region_conflict"] = {"resolved_from": used, "region_hint": region_hint}
    return ref, flags, details


def report_year(report: StructuredReport) -> tuple[int | None, list[str]]:
    clean = report.clean
    hint = clean.hints.get("year")
    if hint not in (None, ""):
        try:
            return int(hint), []
        except (TypeError, ValueError):
            pass
    for title in (clean.title, clean.hints.get("title")):
        m = _TITLE_YEAR.search(title or "")
        if m:
            return int(m.group(1)), []
    for text in (clean.title, clean.meeting):
        year = year_of_session_text(text or "")
        if year:
            return year, []
    if clean.delivered_on:
        return int(clean.delivered_on[:4]), []
    if clean.published_on:
        return int(clean.published_on[:4]), ["year_from_publication"]
    return None, ["year_unknown"]


def _source_flags(report: StructuredReport, region: RegionRef | None) -> tuple[list[str], dict]:
    """来源 naming another province (provincial-2025-docx 宁夏: 来源：青海日报)."""
    source = report.clean.source_name
    if not source or region is None or region.level == "national":
        return [], {}
    code = lookup(source)
    if code and province_code(code) != province_code(region.code):
        return ["wrong_source_line"], {"wrong_source_line": source}
    return [], {}


def identify(report: StructuredReport) -> Identity:
    """Region, year, kind and document id of a structured report (see the module doc)."""
    clean = report.clean
    region, flags, details = identify_region(report)
    year, year_flags = report_year(report)
    kind = detect_kind(clean.title or clean.hints.get("title"), clean.breadcrumb)
    flags += year_flags
    if kind is None:
        flags.append("kind_unknown")
    src_flags, src_details = _source_flags(report, region)
    flags += src_flags
    details.update(src_details)
    if kind in MIN_CHARS and len(clean.text) < MIN_CHARS[kind]:
        flags.append("short_text")
    if "摘要" in (clean.title or ""):
        flags.append("abridged")
    parents = parents_of(region.code) if region else []
    doc_id = make_doc_id(region.code if region else None, year, kind)
    return Identity(doc_id, region, parents, year, kind, flags, details)
