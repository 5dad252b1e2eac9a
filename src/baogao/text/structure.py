"""CleanDocument -> StructuredReport: paragraphs, outline, glossary, captions, appendix, notes.

Everything is an offset into ``clean.text`` (one paragraph per line). Rules:

* Paragraphs: every line of the canonical text is a Paragraph (start, end exclusive of "\\n").
* Back matter: the first line that opens a glossary (名词解释 / 附件2 名词解释 / 《政府工作报告》有关
  内容名词注释 / 注释) or an appendix (附件, 附件1, 附：) ends the outline. Inside the back matter
  "1、" / "1." / "［1］" numbering is glossary or appendix numbering, never an outline heading.
* Headings (outside back matter): 一、 level 1, （一）/(一) level 2, 1. / 1、 level 3, （1） level 4,
  and a bare 一 / 四 line (1960) level 1. A heading is a whole short line (title ≤ 40 characters,
  no 。 inside). Provincial reports often print a level-2 heading as the first sentence of its
  paragraph (（一）经济运行稳进提质。健全…): a （一） paragraph whose first sentence is ≤ 40
  characters is a heading too, with ``heading_end`` at the end of that sentence; such a paragraph
  keeps kind "p" because it also carries body text.
* Section end: the end of the last paragraph before the next heading of the same or a higher
  level, or before the back matter, or the document end. ``parent`` is the nearest enclosing
  section.
* Glossary entries: "N、term" line + definition line (web-pages/000), "N.term：definition" on
  one line (云南/四川/江西/广东 2025), "N.term：" + definition line (广东 2026), "［N］term：" +
  definition line (海南 2026, kind "note"). A preface like （以报告中出现先后为序） is skipped.
* Appendix items (十件实事, 民生实事): a numbered line starts an item; its title is the line up to
  the first 。 (without a trailing （牵头单位：…） which becomes a field); following lines
  "年度目标：…" / "主办单位：…" become fields, other lines are collected under "内容".
* Captions (web-pages/003): a line "8、caption" immediately followed by the same caption without
  its number is one figure printed twice; both lines get kind "caption", ``captions`` lists it
  once (span of the second line, the caption proper).
* Notes: 字库未存字注释 lines (1956: ＠①原字…) and ［N］ notes have kind "note".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from baogao.model import (
    AppendixItem,
    Caption,
    CleanDocument,
    GlossaryEntry,
    Paragraph,
    Section,
    StructuredReport,
)

_CN_NUM = "一二三四五六七八九十"
_H1 = re.compile(rf"^(?P<label>(?P<n>[{_CN_NUM}]+)、)\s*(?P<title>.*)$")
_H1_BARE = re.compile(rf"^(?P<label>(?P<n>[{_CN_NUM}]{{1,3}}))$")
_H2 = re.compile(rf"^(?P<label>[（(](?P<n>[{_CN_NUM}]+)[）)])\s*(?P<title>.*)$")
_H3 = re.compile(r"^(?P<label>(?P<n>[0-9０-９]{1,2})[.．、])\s*(?P<title>(?![0-9０-９]).*)$")
_H4 = re.compile(r"^(?P<label>[（(](?P<n>[0-9０-９]{1,2})[）)])\s*(?P<title>.*)$")
HEADING_MAX = 40
# Bump when these rules change: importing an unchanged source again then rebuilds the stored
# outline, paragraphs and glossary of its document (the text itself is not touched).
# 2: a numbered list that runs past the last heading's number stays a list.
STRUCTURE_VERSION = 2

_GLOSSARY_START = re.compile(r"^(附件\s*[0-9０-９]*\s*)?(《政府工作报告》有关内容)?名词(解释|注释)[:：]?$|^注释[:：]?$")
_APPENDIX_START = re.compile(r"^附\s*件\s*[0-9０-９]*[:：]?$|^附[:：]")
_GLOSSARY_PREFACE = re.compile(r"^[（(]以.{0,20}为序[）)]$")
_NUMBERED = re.compile(r"^(?P<label>(?P<n>[0-9０-９]{1,3})\s*[、.．]|[［\[](?P<n2>[0-9]{1,3})[］\]])\s*(?P<rest>.+)$")
_APPENDIX_ITEM = re.compile(rf"^(?P<label>([{_CN_NUM}]+)、|[0-9０-９]{{1,2}}[.．、])\s*(?P<rest>.+)$")
_FIELD = re.compile(r"^(?P<key>年度目标|主办单位|牵头单位|责任单位|协办单位|完成时限|目标任务|工作目标)\s*[:：]\s*(?P<value>.+)$")
_TRAILING_FIELD = re.compile(r"[（(](?P<key>牵头单位|主办单位|责任单位)\s*[:：]\s*(?P<value>[^（）()]+)[）)][。.]?$")
_NOTE = re.compile(r"^(＠|@|字库未存字注释|注[:：])")
_CAPTION = re.compile(r"^(?P<n>[0-9]{1,3})、(?P<text>.+)$")


@dataclass
class _Line:
    text: str
    start: int
    end: int


def _lines(text: str) -> list[_Line]:
    if not text:
        return []  # an empty document has no paragraphs (not one empty one)
    out: list[_Line] = []
    pos = 0
    for line in text.split("\n"):
        out.append(_Line(line, pos, pos + len(line)))
        pos += len(line) + 1
    return out


# ----------------------------------------------------------------------------- headings


def _heading(line: str) -> tuple[int, str, str, int] | None:
    """(level, label, title, heading length) when ``line`` opens a section, else None."""
    for level, rx in ((1, _H1), (2, _H2), (4, _H4), (3, _H3)):
        m = rx.match(line)
        if not m:
            continue
        title = m.group("title").strip()
        if title and len(title) <= HEADING_MAX and "。" not in title.rstrip("。"):
            return level, m.group("label"), title.rstrip("。"), len(line)
        if level == 2 and title:  # （一）heading sentence。body… (provincial docx/csv)
            first, sep, _ = title.partition("。")
            if sep and 0 < len(first) <= HEADING_MAX:
                return level, m.group("label"), first, len(m.group(0)) - len(title) + len(first) + 1
        return None
    m = _H1_BARE.match(line)
    if m:
        return 1, m.group("label"), "", len(line)
    return None


def _back_matter_start(lines: list[_Line]) -> int:
    """Index of the first glossary/appendix line (or len(lines))."""
    for i, ln in enumerate(lines):
        s = ln.text.strip()
        if _GLOSSARY_START.match(s) or _APPENDIX_START.match(s):
            return i
    return len(lines)


def _captions(lines: list[_Line]) -> tuple[list[Caption], set[int]]:
    caps: list[Caption] = []
    idx: set[int] = set()
    for i in range(len(lines) - 1):
        m = _CAPTION.match(lines[i].text)
        if m and m.group("text") == lines[i + 1].text:
            nxt = lines[i + 1]
            caps.append(Caption(nxt.text, nxt.start, nxt.end, m.group("n")))
            idx.update((i, i + 1))
    return caps, idx


def label_number(label: str) -> int:
    """1 for 一、 / （一） / 1. / （１）; 12 for 十二、; 0 when there is no number."""
    digits = re.sub(r"[^0-9０-９]", "", label)
    if digits:
        return int(digits.translate({c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}))
    cn = re.sub(f"[^{_CN_NUM}]", "", label)
    if not cn:
        return 0
    if "十" in cn:
        tens, _, ones = cn.partition("十")
        return (_CN_NUM.index(tens) + 1 if tens else 1) * 10 + (_CN_NUM.index(ones) + 1 if ones else 0)
    return _CN_NUM.index(cn[0]) + 1


def _sections(lines: list[_Line], stop: int, skip: set[int]) -> tuple[list[Section], set[int]]:
    """Outline sections of lines[:stop]; also returns the indices of whole-line headings.

    Numbering must go on: a candidate whose number is not larger than its previous sibling's is
    a list item that restarts at 一、 (1982: 一、固定资产投资总规模… inside section 六), not a heading.
    Such a list goes on past the previous heading's number (1955: items 一、 to 四、 under section
    三): a sentence-like candidate (ending in 。 or ；) on the line right after a rejected item of
    its level is the next item. A title ending in ；is never a heading.
    """
    sections: list[Section] = []
    whole: set[int] = set()
    open_stack: list[int] = []  # indices into sections, outermost first
    last_number: dict[tuple[int | None, int], int] = {}  # (parent, level) -> last sibling number
    last_end = lines[stop - 1].end if stop else 0
    list_item_at: dict[int, int] = {}  # level -> line index of the last list item rejected
    for i in range(stop):
        if i in skip:
            continue
        found = _heading(lines[i].text)
        if not found:
            numbered = next((lv for lv, rx in ((1, _H1), (2, _H2), (4, _H4), (3, _H3)) if rx.match(lines[i].text)), None)
            if numbered:
                list_item_at[numbered] = i  # a numbered sentence too long for a heading: a list item
            continue
        level, label, title, hlen = found
        ln = lines[i]
        line_end = ln.text.rstrip()[-1:]
        if line_end in "；;" or (list_item_at.get(level) == i - 1 and line_end in "。；;"):
            list_item_at[level] = i
            continue
        stack = list(open_stack)
        while stack and sections[stack[-1]].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        number = label_number(label)
        if number <= last_number.get((parent, level), 0):
            list_item_at[level] = i
            continue
        last_number[(parent, level)] = number
        prev_end = lines[i - 1].end if i else ln.start
        while open_stack and sections[open_stack[-1]].level >= level:
            sections[open_stack.pop()].end = prev_end
        sections.append(Section(level, label, title, ln.start, last_end, ln.start + hlen, parent))
        open_stack.append(len(sections) - 1)
        if hlen == len(ln.text):
            whole.add(i)
    return sections, whole


# ----------------------------------------------------------------------------- back matter


def _split_term(rest: str) -> tuple[str, str | None]:
    """term and inline definition of a numbered glossary line (definition None if on next line)."""
    m = re.match(r"^(?P<term>[^：:]{1,60}?)[：:]\s*(?P<def>.*)$", rest)
    if m:
        return m.group("term"), (m.group("def") or None)
    return rest, None


def _glossary(lines: list[_Line], start: int, stop: int, kinds: list[str]) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = []
    i = start
    while i < stop:
        ln = lines[i]
        m = _NUMBERED.match(ln.text)
        if not m:
            kinds[i] = "glossary"
            i += 1
            continue
        bracket = m.group("n2") is not None
        kind = "note" if bracket else "glossary"
        rest_at = ln.start + m.start("rest")
        term, definition = _split_term(m.group("rest"))
        term_start = rest_at
        term_end = term_start + len(term)
        kinds[i] = kind
        if definition is not None:
            d_start = ln.end - len(definition)
            d_end = ln.end
            i += 1
        elif i + 1 < stop and not _NUMBERED.match(lines[i + 1].text):
            d_start, d_end = lines[i + 1].start, lines[i + 1].end
            definition = lines[i + 1].text
            kinds[i + 1] = kind
            i += 2
        else:
            d_start = d_end = ln.end
            definition = ""
            i += 1
        entries.append(
            GlossaryEntry(term, definition, ln.start, d_end, term_start, term_end, d_start, d_end,
                          m.group("n") or m.group("n2"))
        )
    return entries


def _appendix_title(rest: str) -> tuple[str, dict[str, str]]:
    fields: dict[str, str] = {}
    m = _TRAILING_FIELD.search(rest)
    if m:
        fields[m.group("key")] = m.group("value").strip()
        rest = rest[: m.start()]
    title, sep, body = rest.partition("。")
    if sep and body.strip():
        fields["内容"] = body.strip()
    return title.strip(), fields


def _appendix(lines: list[_Line], start: int, stop: int, kinds: list[str]) -> list[AppendixItem]:
    items: list[AppendixItem] = []
    for i in range(start, stop):
        ln = lines[i]
        kinds[i] = "appendix"
        m = _APPENDIX_ITEM.match(ln.text)
        if m:
            title, fields = _appendix_title(m.group("rest"))
            items.append(AppendixItem(title, ln.start, ln.end, fields))
            continue
        if not items:
            continue  # the appendix title (2025年10件惠民实事) and its preface
        f = _FIELD.match(ln.text)
        key, value = (f.group("key"), f.group("value").strip()) if f else ("内容", ln.text)
        item = items[-1]
        item.fields[key] = f"{item.fields[key]}\n{value}" if key in item.fields else value
        item.end = ln.end
    return items


def _back_matter(lines: list[_Line], start: int, kinds: list[str]) -> tuple[list[GlossaryEntry], list[AppendixItem]]:
    """Split the back matter into glossary and appendix regions and parse each."""
    regions: list[tuple[str, int]] = []  # (kind, first content line)
    for i in range(start, len(lines)):
        s = lines[i].text.strip()
        if _GLOSSARY_START.match(s):
            kinds[i] = "heading"
            if regions and regions[-1][0] == "appendix" and regions[-1][1] == i:
                regions.pop()  # 附件 / 《政府工作报告》有关内容名词注释: the appendix is a glossary
            regions.append(("glossary", i + 1))
        elif _APPENDIX_START.match(s):
            kinds[i] = "heading"
            regions.append(("appendix", i + 1))
    glossary: list[GlossaryEntry] = []
    appendix: list[AppendixItem] = []
    for n, (kind, first) in enumerate(regions):
        stop = regions[n + 1][1] - 1 if n + 1 < len(regions) else len(lines)
        if kind == "glossary":
            first += sum(1 for _ in _leading_preface(lines, first, stop, kinds))
            glossary.extend(_glossary(lines, first, stop, kinds))
        else:
            appendix.extend(_appendix(lines, first, stop, kinds))
    return glossary, appendix


def _leading_preface(lines: list[_Line], first: int, stop: int, kinds: list[str]):
    i = first
    while i < stop and _GLOSSARY_PREFACE.match(lines[i].text.strip()):
        kinds[i] = "glossary"
        yield i
        i += 1


# ----------------------------------------------------------------------------- entry point


def _innermost(sections: list[Section], pos: int) -> int | None:
    best = None
    for k, sec in enumerate(sections):
        if sec.start <= pos < max(sec.end, sec.start + 1):
            if best is None or sec.level >= sections[best].level:
                best = k
    return best


def structure(clean: CleanDocument) -> StructuredReport:
    """Outline, paragraphs, glossary, captions and appendix of a cleaned document."""
    lines = _lines(clean.text)
    kinds = ["p"] * len(lines)
    back = _back_matter_start(lines)
    captions, caption_idx = _captions(lines[:back])
    sections, whole = _sections(lines, back, caption_idx)
    glossary, appendix = _back_matter(lines, back, kinds)
    for i in range(back):
        if i in caption_idx:
            kinds[i] = "caption"
        elif i in whole:
            kinds[i] = "heading"
        elif _NOTE.match(lines[i].text):
            kinds[i] = "note"
    paragraphs = [
        Paragraph(ln.start, ln.end, kinds[i], _innermost(sections, ln.start) if i < back else None)
        for i, ln in enumerate(lines)
    ]
    flags = list(clean.flags)
    if caption_idx:
        flags.append("captions_repeated")
    return StructuredReport(clean, paragraphs, sections, glossary, captions, appendix, flags)
