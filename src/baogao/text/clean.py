"""RawDocument -> CleanDocument: canonical text, site chrome removed, metadata lines lifted out.

Rules (each checked against ../shared/corpus):

1. Paragraphs. The canonical text has one paragraph per line, joined by a single "\\n", no blank
   lines, each paragraph trimmed of surrounding whitespace (incl. U+3000 / U+2003 indentation).
   Characters are otherwise kept as published (full-width digits, traditional characters): the
   normalized view is where they are folded. Zero-width characters are deleted.
   * docx/html/pdf blocks: one block = one paragraph ("\\n" inside a block is a paragraph break).
   * Plain-text lines (txt/csv/jsonl LINE blocks): the document is *blank-separated* when most
     non-blank lines are followed by a blank line (Wikisource jsonl, the two web pages); then a
     run of non-blank lines is one paragraph whose lines are joined with "" (Wikisource breaks
     lines around links: 在聽了劉少奇同志 / 關於憲法草案的報告 / 並進行了), except that a line ending a
     sentence (。！？；：) starts a new paragraph. Otherwise (CSV) every line is a paragraph.
   * A line holding only zero-width characters marks a break *inside* a word or number
     (上海合 / \\u200b / 作组织, 74.4 / \\u200b / 万亿元): the lines around it are joined, even across
     blank lines, unless the first one ends a sentence.
2. Head. The report body starts at the salutation 各位代表 (within the first 40 paragraphs).
   Before it, every paragraph is classified: chrome (data/chrome.toml), title, meeting line,
   来源/时间, speaker, photo caption, breadcrumb. Recognised ones are removed (kept in
   ``removed``) and become metadata; unrecognised ones stay in the body. Without a salutation
   (resolutions, articles, summaries) the leading recognised paragraphs are removed up to the
   first unrecognised one.
3. Tail. From the first tail cut marker (licence block, 相关报道：, 扫一扫…) to the end is chrome;
   then trailing chrome lines, a （来源：…） line and an article byline （单位 姓名、姓名） go.
4. Quality flags (data/quality.toml, script detection with OpenCC), evidence in flag_details.
"""

from __future__ import annotations

from collections import Counter

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from baogao.model import LINE, CleanDocument, RawDocument
from baogao.text.chrome import ChromeRules, rules

ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ZW_TABLE = {ord(c): None for c in ZERO_WIDTH}
_ZW_RX = re.compile(f"[{ZERO_WIDTH}]")  # searched in C: most lines have none, and are then kept as they are
_SENTENCE_END = tuple("。！？!?；;：:")
_CLOSERS = tuple("，。、；：）》」』”’,.)!！?？")
_SALUTATION = re.compile(r"^各位代表\s*([：:！!，,]|$)")
HEAD_WINDOW = 40  # the salutation is looked for in the first paragraphs only
TAIL_WINDOW = 60  # tail cut markers are looked for in the last paragraphs only


# ----------------------------------------------------------------------------- paragraphs


def _source_lines(raw: RawDocument) -> tuple[list[str], bool]:
    """Physical lines and whether they are plain-text LINE blocks."""
    plain = bool(raw.blocks) and all(b.kind == LINE for b in raw.blocks)
    lines: list[str] = []
    for block in raw.blocks:
        lines.extend(block.text.split("\n"))
    return lines, plain


def _without_zero_width(line: str) -> str:
    return line.translate(_ZW_TABLE) if _ZW_RX.search(line) else line


def _is_zero_width_only(line: str) -> bool:
    return _ZW_RX.search(line) is not None and not line.translate(_ZW_TABLE).strip()


def is_blank_separated(lines: list[str]) -> bool:
    """Blank lines separate paragraphs: most non-blank lines are followed by a blank line, or a
    quarter of all lines are blank (a short resolution whose Wikisource licence block of many
    link-split lines outweighs its three paragraphs)."""
    nonblank = followed = 0
    for i, line in enumerate(lines):
        if _without_zero_width(line).strip():
            nonblank += 1
            if i + 1 < len(lines) and not lines[i + 1].strip():
                followed += 1
    if nonblank == 0:
        return False
    return followed / nonblank >= 0.5 or (len(lines) - nonblank) / len(lines) >= 0.25


def _ends_sentence(prev: str, nxt: str) -> bool:
    return prev.rstrip().endswith(_SENTENCE_END) and not nxt.lstrip().startswith(_CLOSERS)


def _standalone(line: str, chrome: ChromeRules) -> bool:
    """Chrome and metadata lines are never joined with their neighbours (web-pages/003 has
    首页 > 发展报告 / its title / 2022-06-20 on consecutive lines of a blank-separated page)."""
    s = line.strip()
    return (
        chrome.head.matches(s)
        or chrome.tail.matches(s)
        or chrome.tail_cut.matches(s)
        or any(rx.match(s) for rx in _PUBLISHED)
        or bool(_MEETING.match(s) or _SOURCE.match(s))
    )


def split_paragraphs(lines: list[str], blank_separated: bool, chrome: ChromeRules) -> list[str]:
    """Group physical lines into paragraphs (rule 1 of the module doc); untrimmed."""
    drop = chrome.inline_drop
    paras: list[list[str]] = []
    last_standalone = False
    hard = True  # a blank line (or the start) since the last content line
    soft = False  # a zero-width-only line since the last content line
    for line in lines:
        if _is_zero_width_only(line):
            soft = True
            continue
        content = _without_zero_width(line)
        if not content.strip():
            hard = True
            continue
        if blank_separated and content.strip() in drop:
            continue  # markup residue inside a paragraph (rule in chrome.toml [inline])
        standalone = blank_separated and not soft and _standalone(content, chrome)
        joinable = soft or (blank_separated and not hard and not standalone and not last_standalone)
        if paras and joinable and not _ends_sentence(paras[-1][-1], content):
            paras[-1].append(content)
        else:
            paras.append([content])
        hard = soft = False
        last_standalone = standalone
    return ["".join(parts) for parts in paras]


def paragraphs_of(raw: RawDocument, chrome: ChromeRules | None = None) -> list[str]:
    """Trimmed, non-empty paragraphs of a raw document."""
    chrome = chrome or rules()
    lines, plain = _source_lines(raw)
    blank_sep = plain and is_blank_separated(lines)
    out = []
    for para in split_paragraphs(lines, blank_sep, chrome):
        para = para.strip()
        if para:
            out.append(para)
    return out


# ----------------------------------------------------------------------------- metadata lines

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "О": 0}
_DATE = (
    r"(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_MEETING = re.compile(
    r"^[—\-–―－─]*\s*[（(]?\s*" + _DATE + r"(?P<mid>[^在。]{0,30}?)在?"
    r"(?P<meeting>[^在。]{0,40}?(人民代表大会|人大)[^在。]{0,20}?[会會][议議])(?P<rest>[^（(]*?)[）)]?$"
)
# A meeting line split over two lines (provincial-2026-csv 广东: ——2026年1月26日在广东省第十四届 / 人民代表大会…)
_MEETING_START = re.compile(r"^[—\-–―－─]*\s*[（(]?\s*" + _DATE + r".{0,40}$")
_SPEAKER = re.compile(
    r"^(?P<title>[^\s\u3000\xa0，。、]{0,16}?(代理)?代?(总理|省长|市长|主席|区长|县长|州长|盟长))"
    r"[\s\u3000\xa0]*(?P<name>[\u4e00-\u9fff·][\u4e00-\u9fff·\s\u3000\xa0]{1,14})$"
)
_NAME_TITLE = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})(?P<title>市长|省长|主席|总理)$")
_SOURCE = re.compile(r"^[（(]?\s*来源\s*[:：]\s*(?P<name>[^）)]*?)\s*[）)]?$")
_LABEL_ONLY = re.compile(r"^(来源|(发表|发布)?时间)\s*[:：]$")
_PUBLISHED = [
    re.compile(r"^(发表|发布)?时间\s*[:：]\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"),
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(\s+\d{1,2}:\d{2}(:\d{2})?)?$"),
    re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*\d{1,2}时\d{1,2}分$"),
]
_TITLE = re.compile(r"(政府工作报告|发展报告|工作报告|的决议|规划纲要|规划)(（[^）]*）)?$")
_PHOTO_REPORTER = re.compile(r"记者.{0,16}摄?$")
_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_AUTHOR = re.compile(r"^[（(](?P<a>[^（）()。，]{2,60}[\s、][^（）()。，]{1,60})[）)]$")
# A resolution's title names its session; an old report says where it is delivered in its first
# lines (1955: 向第一届全国人民代表大会第二次会议提出…). Used only when no meeting line was found.
_TITLE_SESSION = re.compile(r"^(?P<meeting>第[一二三四五六七八九十]+届全国人民代表大会第[一二三四五六七八九十]+次[会會][议議])关于")
_OPENING_SESSION = re.compile(r"向(?P<meeting>第[一二三四五六七八九十]+届全国人民代表大会第[一二三四五六七八九十]+次[会會][议議])")
_MEETING_TRAIL = re.compile(r"(同志)?(作政府工作报告|的政府工作报告|政府工作报告|的讲话|上的讲话)[。.]?$")


def _cn_number(s: str) -> int:
    """Small Chinese numerals as they appear in dates: 二〇二六, 十二, 二十七."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in s))


def _iso(m: re.Match[str]) -> str | None:
    try:
        y, mo, d = _cn_number(m.group("y")), _cn_number(m.group("m")), _cn_number(m.group("d"))
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _squeeze(s: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", s)


def parse_speaker(text: str) -> tuple[str, str] | None:
    """("龚正", "上海市市长") from 上海市市长 龚 正 / 国务院总理\u3000李\u3000强 / 龚正市长."""
    s = text.strip()
    m = _SPEAKER.match(s)
    if m:
        name = _squeeze(m.group("name"))
        if 2 <= len(name) <= 10:
            return name, m.group("title")
    m = _NAME_TITLE.match(_squeeze(s))
    if m:
        return m.group("name"), m.group("title")
    return None


@dataclass
class _Meta:
    title: str | None = None
    delivered_on: str | None = None
    meeting: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    source_name: str | None = None
    published_on: str | None = None
    author: str | None = None
    breadcrumb: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def set_speaker(self, found: tuple[str, str] | None) -> bool:
        if not found:
            return False
        if self.speaker is None:
            self.speaker, self.speaker_title = found
        return True


def _meeting(para: str, meta: _Meta) -> bool:
    m = _MEETING.match(para)
    if not m:
        return False
    if meta.meeting is None:
        meta.meeting = _squeeze(m.group("meeting"))
        meta.delivered_on = _iso(m)
    rest = m.group("rest").strip().removeprefix("上").removeprefix("的")
    for part in (m.group("mid"), _MEETING_TRAIL.sub("", rest.strip())):
        part = part.strip().removesuffix("同志")
        if part and part != "通过":
            meta.set_speaker(parse_speaker(part))
    return True


def _published(para: str, meta: _Meta) -> bool:
    for rx in _PUBLISHED:
        m = rx.match(para)
        if m:
            meta.published_on = meta.published_on or _iso(m)
            return True
    return False


def _source(para: str, meta: _Meta) -> bool:
    m = _SOURCE.match(para)
    if not m:
        return False
    name = m.group("name").strip()
    if name and meta.source_name is None:
        meta.source_name = name
    return True


def _is_title(para: str, hint: str | None) -> bool:
    if hint and _squeeze(para) == _squeeze(hint):
        return True
    return len(para) <= 60 and not re.search(r"[。，；：:]", para) and bool(_TITLE.search(para))


def _is_photo_caption(para: str, salutation: bool) -> bool:
    if len(para) > 160:
        return False
    if "作政府工作报告" in para and salutation:
        return True
    return "记者" in para and bool(_PHOTO_REPORTER.search(para))


def _merge_split_head_lines(paras: list[str], chrome: ChromeRules) -> list[str]:
    """来源： / 四川日报 -> 来源：四川日报; a meeting line broken before 人民代表大会."""
    out: list[str] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if nxt is not None and _LABEL_ONLY.match(para) and not chrome.head.matches(nxt) and len(nxt) <= 40:
            out.append(para + nxt)
            i += 2
            continue
        if nxt is not None and _MEETING_START.match(para) and not _MEETING.match(para):
            if _MEETING.match(para + nxt):
                out.append(para + nxt)
                i += 2
                continue
        out.append(para)
        i += 1
    return out


def _salutation_index(paras: list[str]) -> int | None:
    for i, para in enumerate(paras[:HEAD_WINDOW]):
        if _SALUTATION.match(para):
            return i
    return None


@dataclass
class _HeadState:
    crumb: bool = False  # inside a breadcrumb split over lines
    crumb_last: str | None = None
    after_sep: bool = False


def _classify_head(para: str, nxt: str | None, meta: _Meta, hints: dict, st: _HeadState,
                   chrome: ChromeRules, salutation: bool) -> bool:
    """True when ``para`` is chrome or metadata (and record the metadata)."""
    s = para.strip()
    if st.crumb:  # 首页 / > / 云南要闻 / 云南要闻
        if s in (">", "&gt;", "›", "»"):
            st.after_sep = True
            return True
        if st.after_sep or s == st.crumb_last:
            meta.breadcrumb.append(s)
            st.crumb_last, st.after_sep = s, False
            return True
        st.crumb = False
    if s in chrome.breadcrumb_start:
        st.crumb, st.crumb_last, st.after_sep = True, s, False
        meta.breadcrumb.append(s.rstrip(":："))
        return True
    if chrome.head.matches(s):
        if re.match(r"^首页\s*(>|&gt;|›|»)", s):
            meta.breadcrumb.extend(p.strip() for p in re.split(r"\s*(?:>|&gt;|›|»)\s*", s) if p.strip())
        return True
    if _source(s, meta) or _published(s, meta) or _meeting(s, meta):
        return True
    if _is_title(s, hints.get("title")):
        meta.title = meta.title or s
        return True
    if meta.set_speaker(parse_speaker(s)):
        return True
    if _is_photo_caption(s, salutation):
        meta.details.setdefault("photo_captions", []).append(s)
        return True
    if meta.meeting and meta.speaker is None and _BARE_NAME.match(s):
        meta.speaker = s  # 周恩来 alone under the 1957 meeting line; 毛伟明 (湖南 2026)
        return True
    if meta.title is None and not hints.get("title") and nxt is not None and len(s) <= 40 \
            and not re.search(r"[。，；]", s) and (_published(nxt, _Meta()) or _MEETING.match(nxt)):
        meta.title = s  # an article title right above its date (web-pages/003)
        return True
    return False


def strip_head(paras: list[str], meta: _Meta, hints: dict, chrome: ChromeRules) -> tuple[list[str], list[str]]:
    """Remove head chrome and metadata; returns (body paragraphs, removed paragraphs)."""
    paras = _merge_split_head_lines(paras, chrome)
    sal = _salutation_index(paras)
    st = _HeadState()
    removed: list[str] = []
    kept: list[str] = []
    end = sal if sal is not None else len(paras)
    for i in range(end):
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if _classify_head(paras[i], nxt, meta, hints, st, chrome, sal is not None):
            removed.append(paras[i])
        elif sal is None:
            return paras[i:], removed  # no salutation: the body starts at the first unknown line
        else:
            kept.append(paras[i])  # not understood: never drop text we cannot account for
    return kept + paras[end:], removed


def strip_tail(paras: list[str], meta: _Meta, chrome: ChromeRules) -> tuple[list[str], list[str]]:
    removed: list[str] = []
    start = max(0, len(paras) - TAIL_WINDOW)
    for i in range(start, len(paras)):
        if chrome.tail_cut.matches(paras[i]):
            removed.extend(paras[i:])
            paras = paras[:i]
            break
    while paras:
        last = paras[-1].strip()
        if chrome.tail.matches(last) or _source(last, meta):
            removed.append(paras.pop())
            continue
        m = _AUTHOR.match(last)
        if m and meta.author is None and len(paras) > 1:
            meta.author = m.group("a").strip()
            removed.append(paras.pop())
            continue
        break
    return paras, removed


# ----------------------------------------------------------------------------- quality flags


@lru_cache(maxsize=1)
def _quality() -> dict[str, Any]:
    text = resources.files("baogao.data").joinpath("quality.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    words = data["dash_for_yi"]["words"]
    return {
        "terms": tuple(data["truncated_words"]["terms"]),
        "missing_unit": [re.compile(p) for p in data["number_missing_unit"]["patterns"]],
        # the leading lookahead lets the regex engine skip to candidate characters (8x faster)
        "dash": re.compile("(?=[" + "".join(sorted({"—" if w[0] == "一" else w[0] for w in words})) + "])(?:"
                           + "|".join(re.escape(w).replace("一", "(?<!—)—(?!—)") for w in words) + ")"),
        "missing_char": [re.compile(p) for p in data["missing_char"]["patterns"]],
    }


def _snippet(text: str, start: int, end: int, pad: int = 8) -> str:
    return text[max(0, start - pad) : end + pad]


def truncated_words(text: str) -> list[tuple[int, str]]:
    """(offset, stem) of policy terms cut before 、/，/； (see data/quality.toml)."""
    hits: list[tuple[int, str]] = []
    for term in _quality()["terms"]:
        stem = re.escape(term[:-1])
        for m in re.finditer(stem + r"(?=[、，,；;])", text):
            hits.append((m.start(), term[:-1]))
    hits.sort()
    strong = [h for h in hits if len(h[1]) >= 3]
    return [h for h in hits if len(h[1]) >= 3 or any(abs(h[0] - s[0]) <= 12 for s in strong)]


def script_profile(text: str) -> tuple[int, int]:
    """(CJK characters, CJK characters OpenCC t2s would change)."""
    from baogao.text.normalize import _is_cjk, _simplify_char

    counts = Counter(text)  # counted in C: this runs over every character of every import
    cjk = changed = 0
    for ch, n in counts.items():
        if _is_cjk(ch):
            cjk += n
            if _simplify_char(ch) != ch:
                changed += n
    return cjk, changed


# Share of characters that t2s changes: simplified reports stay at or below 0.02% (a few 著/乾 etc.),
# the 1957 report mixes both (0.7%), the 1954 report is traditional (32%).
MIXED_SCRIPT_RATIO = 0.002
TRADITIONAL_RATIO = 0.08


def quality_flags(text: str) -> tuple[list[str], dict[str, Any]]:
    q = _quality()
    flags: list[str] = []
    details: dict[str, Any] = {}
    trunc = truncated_words(text)
    if trunc:
        flags.append("truncated_words")
        details["truncated_words"] = [_snippet(text, o, o + len(s) + 1) for o, s in trunc]
    for flag, rxs in (("number_missing_unit", q["missing_unit"]), ("missing_char", q["missing_char"])):
        found = [_snippet(text, m.start(), m.end()) for rx in rxs for m in rx.finditer(text)]
        if found:
            flags.append(flag)
            details[flag] = found
    dashes = [_snippet(text, m.start(), m.end()) for m in q["dash"].finditer(text)]
    if dashes:
        flags.append("dash_for_yi")
        details["dash_for_yi"] = dashes
    cjk, changed = script_profile(text)
    if cjk:
        ratio = changed / cjk
        details["traditional_ratio"] = round(ratio, 4)
        if ratio >= TRADITIONAL_RATIO:
            flags.append("traditional_script")
        elif ratio >= MIXED_SCRIPT_RATIO:
            flags.append("mixed_scripts")
    return flags, details


# ----------------------------------------------------------------------------- entry point


def clean(raw: RawDocument) -> CleanDocument:
    """Canonical text and metadata of one raw document (see the module doc for the rules)."""
    chrome = rules()
    hints = dict(raw.hints)
    meta = _Meta()
    paras = paragraphs_of(raw, chrome)
    body, removed_head = strip_head(paras, meta, hints, chrome)
    body, removed_tail = strip_tail(body, meta, chrome)
    if meta.meeting is None:
        m = _TITLE_SESSION.match(_squeeze(hints.get("title") or meta.title or ""))
        m = m or next((x for x in map(_OPENING_SESSION.search, body[:3]) if x), None)
        if m:
            meta.meeting = m.group("meeting")
    text = "\n".join(body)
    flags, details = quality_flags(text)
    if any(p.strip() in chrome.inline_drop for b in raw.blocks for p in b.text.split("\n")):
        flags.append("markup_residue")
    details.update(meta.details)
    published = meta.published_on or _iso_hint(hints.get("date"))
    if meta.published_on and hints.get("date") and _iso_hint(hints.get("date")) != meta.published_on:
        details["hint_date"] = hints.get("date")
    return CleanDocument(
        text=text,
        title=(hints.get("title") or meta.title or hints.get("filename_title")),
        format=raw.format,
        locator=raw.locator,
        sha256=raw.sha256,
        hints=hints,
        delivered_on=meta.delivered_on,
        published_on=published,
        meeting=meta.meeting,
        speaker=meta.speaker,
        speaker_title=meta.speaker_title,
        source_name=meta.source_name or hints.get("source_name"),
        source_url=hints.get("url"),
        removed=removed_head + removed_tail,
        flags=flags,
        author=meta.author,
        breadcrumb=meta.breadcrumb,
        flag_details=details,
    )


def _iso_hint(value: Any) -> str | None:
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})", str(value))
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else None
