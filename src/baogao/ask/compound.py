"""Compound questions: one question that asks two or more things, split into questions that
each ask one, so every part gets its own figure and citation.

    sub_questions("浙江省2025年地区生产总值和一般公共预算收入的预期目标各是多少")
    -> ["浙江省2025年地区生产总值的预期目标是多少", "浙江省2025年一般公共预算收入的预期目标是多少"]
    sub_questions("2023年全国城镇新增就业是多少,比上年增加多少")
    -> ["2023年全国城镇新增就业是多少", "2023年全国城镇新增就业比上年增加多少"]

Pure string work on the normalized question. Two shapes, as people ask them:

* coordinated: "X和Y(的目标)分别/各是多少" -> one question per term, with the words before X
  (the place and year) and the shared tail;
* sequential: parts separated by ？/；/，, each with a question word ("是多少，比上年增加多少").
  A later part that has no subject of its own (比上年增长多少, 增速多少, 其中…多少) gets the first
  part's subject; one that has its own gets the first part's place and year.

Written by hand: Chinese question decomposition is not something a segmenter or parser library
offers, and these two shapes cover what report readers ask.
"""

from __future__ import annotations

import re

from baogao.ask.split_names import SECTORS as _SECTORS

MAX_PARTS = 4
_ASK = re.compile(r"多少|几|多高|多快|多大|多长|多久|多远|哪|什么|如何|怎样|怎么")
_YEAR = re.compile(r"\d{4}年(?:的)?")
_HOW_MANY = re.compile(r"多少|几")
_PERIOD_LEAD = re.compile(r"[“\"]?十?[一二三四五六七八九]五[”\"]?(?:期间|时期|以来)?(?:的)?")
# the asking tail of a part: 是多少 / 完成了多少 / 要达到多少 …
_ASK_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{1,2}了|是|为|有|在|达到|达|完成|实现|要|将|计划|预计|约|又是|又|按)*"
                       r"(?:多少|几|多高|多快|多大|多长|多久|多远|哪|什么|如何|怎样).*$")
# a part breaks at ？ and ；, and at ， before a clause that asks (是多少，增长多少)
_BREAK = re.compile(r"[？?；;]|[，,](?=[^，,？?]*(?:多少|几|多高|多快|多大|哪|什么|如何|怎样))")
# a later part that continues the first one's subject
_CONTINUES = re.compile(r"^(?:连续|最后|最终|结果|比|同比|可比|较|相当于|等于|在全国|在全省|在全市|排名|排第|居全国|增速|增长|增幅|下降|提高|超出|超过|其中|年均|平均|占|总量|分别|实际|各"
                        r"|那里|那|这|它|其|[东西南北][边面]|四至|范围|面积|占地|位置|地址|在哪)")
_AND = re.compile(r"和|与|及|以及")
# "X和增速" (no question word): X, and X's rate
_AND_RATE = re.compile(r"^(.{4,30}?)(?:的)?(?:和|与|及|以及)(?:其)?(增速|增长速度|增幅|增长率|涨幅|比重|占比)$")
_ASKS_RESULT = re.compile(r"(?:最后|最终|结果)?(?:实际|实现|完成|达到|做到)")
_TARGET_WORDS = re.compile(r"(?:的)?(?:原定|预定|预期|计划)?(?:增长)?(?:目标|计划)(?:定|定的|是|为)?$")
_SAME_TIME = re.compile(r"^(?:当年|同年|该年|那年|那一年|同期)(?:的)?")
# a part whose subject says only which kind of figure (预定目标, 计划) is about the first part's subject
_ONLY_KIND = re.compile(r"(?:的)?(?:定的|定下的)?(?:原定|预定|预期|计划|规划|控制)?(?:的)?(?:增长|增速)?(?:目标|计划|任务|指标)(?:值)?")
_RESULT_WORDS = re.compile(r"实际|实现了?|完成了?|达到了?")
_EACH = re.compile(r"分别|各自|各")
# words shared by both coordinated terms, just before 分别/各: 的预期目标 / 增长 / 目标
_SHARED_BEFORE_EACH = re.compile(r"(?:的)?(?:预期)?(?:增长|增速)?(?:预期)?(?:控制)?(?:目标)?$")
# "X和Y(的增长)目标是多少" without 分别/各: a figure asked of two terms at once
_PLAIN_TAIL = re.compile(r"(?:(?:是|为|有|定为|定在)?多少|(?:是|都是)?(?:怎么|如何|怎样)安排(?:的)?)[^，,？?和与及]{0,4}$")


def _coordinated(part: str) -> list[str] | None:
    each = _EACH.search(part)
    if not each or not _ASK.search(part, each.end()):
        plain = _PLAIN_TAIL.search(part)
        if not plain or not (re.search(r"目标|计划", part[: plain.start()]) or "安排" in plain.group(0)):
            return None
        each = plain  # 内蒙古2026年城镇新增就业和粮食产量目标是多少: the targets of both terms
        head, tail = part[: plain.start()], part[plain.start():]
    else:
        head, tail = part[: each.start()], part[each.end():]
    ands = list(_AND.finditer(head))
    if len(ands) != 1:
        return None
    a = ands[0]
    shared = _SHARED_BEFORE_EACH.search(head[a.end():])
    y_term = head[a.end(): a.end() + shared.start()] if shared else head[a.end():]
    shared_words = shared.group(0) if shared else ""
    left = head[: a.start()]
    years = list(_YEAR.finditer(left))
    cut = years[-1].end() if years else 0
    pre, x_term = left[:cut], left[cut:]
    x_term = x_term.lstrip("的")
    if "的" in x_term[:-1]:  # 政府工作报告拟安排的|财政赤字规模和赤字率: the words before 的 are both terms'
        k = x_term.rfind("的")
        pre, x_term = pre + x_term[: k + 1], x_term[k + 1 :]
    owned = re.fullmatch(r"([\u4e00-\u9fff]{1,3})的([\u4e00-\u9fff]{2,6})", y_term)
    if owned and "的" not in x_term and len(x_term) <= 4:
        # 粮食和钢的产量: the head after 的 is both terms' (粮食产量, 钢产量)
        x_term, y_term = x_term + owned.group(2), owned.group(1) + owned.group(2)
    if len(x_term) < 2 or len(y_term) < 2 or len(x_term) > 16 or len(y_term) > 16:
        return None
    out = []
    for term in (x_term, y_term):
        # a term that ends as the shared words do (失业率控制目标 | 增长目标) has its own
        words = "" if term.endswith(shared_words) or (shared_words and term.endswith(shared_words[-2:])) else shared_words
        out.append(f"{pre}{term}{words}{tail}")
    return out


def _subject(part: str) -> str:
    return _ASK_TAIL.sub("", part).rstrip("的，, ")


def _named_subject(part: str) -> str:
    """The words naming what a part asks about, without its asking tail: the segmenter's
    particles, numerals and ask words at the end go, and the verb that asks (居民消费价格|涨|了|多少
    -> 居民消费价格), since a pattern alone cannot tell the verb 涨 from the noun before it; a verb
    that is part of the name stays (城镇新增就业|有|多少 -> 城镇新增就业)."""
    import rjieba

    tokens = [(w, t) for w, t in rjieba.tag(part) if w.strip()]
    asking = {"了", "多少", "几"}
    while tokens:
        w, t = tokens[-1]
        if t[:1] == "m" and re.fullmatch(r"\d{4}|年", w):
            break  # the year is part of the subject
        if t[:1] in ("u", "m", "q", "y", "r", "d", "p") or w in "是为有":
            tokens.pop()
            continue
        follows = part[part.rfind(w) + len(w) :][:2]
        if t[:1] == "v" and follows[:1] in asking or follows in asking:
            tokens.pop()  # 涨了多少 / 增长了多少 / 完工了多少: the asking verb
        break
    return "".join(w for w, _ in tokens) if tokens else _subject(part)


_UNIT_AFTER_ASK = re.compile(r"^(?:[十百千万亿]*(?:个百分点|百分点|平方公里|平方米|公里|公顷|人次|万元|亿元|元|吨|斤|人|个|户|套|家|项"
                             r"|亩|度|台|辆|座|所|条|次|名|件|岁|倍|天|年|月|只|头|张|架|艘|门))?(?:的)?")


def _named_after_ask(part: str) -> bool:
    """Does a part name its subject after its question word (取消了多少亿元农业税赋, 有多少个人民公社)?"""
    m = re.search(r"多少|几", part)
    if m is None:
        return False
    rest = part[m.end():]
    rest = rest[_UNIT_AFTER_ASK.match(rest).end():].strip("的？?呢吗。")
    return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2


def _parallel(first: str, part: str) -> str | None:
    """A later part that asks the first one's question of another subject (工业总产值又增长多少
    after 1974年农业总产值比1964年增长多少): the first part with its subject put in, else None."""
    m = re.match(r"^([\u4e00-\u9fff]{2,10}?)(?:又|呢)", part)
    if not m or _YEAR.search(part):
        return None
    subject = m.group(1)
    for k in range(len(subject) - 1, 1, -1):  # the words it shares with the first one's (…总产值)
        at = first.rfind(subject[-k:])
        start = at - (len(subject) - k)
        if at >= 0 and start >= 0 and re.fullmatch(r"[\u4e00-\u9fff]+", first[start:at]) \
                and first[start : at + k] != subject:
            return first[:start] + subject + first[at + k :]
    return None


def _place_and_year(part: str) -> str:
    m = _YEAR.search(part)
    return part[: m.end()] if m and m.start() <= 10 else ""


def _pieces(text: str) -> list[str]:
    """The pieces between breaks; a piece that asks twice across 、 is two (关停了多少小火电、关闭了
    多少处小煤矿)."""
    out: list[str] = []
    for piece in _BREAK.split(text):
        halves = piece.split("、")
        at = next((k for k in range(1, len(halves)) if _HOW_MANY.search("、".join(halves[:k]))
                   and _HOW_MANY.search("、".join(halves[k:]))), None)
        out.extend(["、".join(halves[:at]), "、".join(halves[at:])] if at else [piece])
    return out


def _parts(text: str) -> list[str]:
    """Asking parts; a part that asks nothing (云南2025年惠民实事里，…) leads the next one."""
    out: list[str] = []
    lead = ""
    for piece in (p.strip("，,；;、 ") for p in _pieces(text)):
        if not piece:
            continue
        if _ASK.search(piece):
            out.append(f"{lead},{piece}" if lead else piece)
            lead = ""
        else:
            lead = f"{lead},{piece}" if lead else piece
    return out or [text]


def sub_questions(norm: str, *, split_terms: bool = True) -> list[str]:
    """The questions a compound question asks, each on its own; [] for an ordinary question.
    ``split_terms`` False keeps "X和Y分别…" whole (X and Y are regions: a list question)."""
    text = norm.strip().rstrip("？?。")
    if not _ASK.search(text):
        rate = _AND_RATE.match(text)
        if rate:  # 宁夏2025年全年地区生产总值和增速: the amount and its growth, each asked
            return [f"{rate.group(1)}是多少", f"{rate.group(1)}{rate.group(2)}是多少"]
        return []
    sectors = _SECTORS.search(text)
    if sectors and _EACH.search(text, sectors.end()):
        # 一、二、三产业增加值的增长目标分别是多少: one question per sector
        each = _EACH.search(text, sectors.end())
        rest = text[sectors.end(): each.start()] + text[each.end():]
        ordinals = [o for o in sectors.groups()[:3] if o]
        return [f"{text[: sectors.start()]}第{o}产业{rest}" for o in ordinals]
    parts = _parts(text)
    out: list[str] = []
    first = parts[0]
    for i, part in enumerate(parts):
        part = part.strip("，,；; ")
        if i:
            bare = _SAME_TIME.sub("", part)  # 当年的预定目标是多少: the first part's year
            period = _PERIOD_LEAD.match(part)  # “九五”期间平均每年增长多少: the first part's subject, over a period
            if _CONTINUES.match(part[period.end():] if period else part) \
                    or (len(_ASK_TAIL.sub("", part).strip("的又呢")) <= 1 and not _named_after_ask(part)):
                subject = _subject(first)
                if _ASKS_RESULT.match(part):  # …的目标是多少？实际完成了多少: the result of the same thing
                    subject = _TARGET_WORDS.sub("", subject)
                part = subject + part
            elif _ONLY_KIND.fullmatch(_subject(bare)):
                # 1998年GDP实际增长了多少？当年的预定目标是多少: a target of the first part's subject
                part = _named_subject(_RESULT_WORDS.sub("", first)) + bare
            elif (own := _YEAR.match(bare)) and _YEAR.search(first) and (
                    _ONLY_KIND.fullmatch(_subject(bare[own.end():])) or not _subject(bare[own.end():]).strip("又的")):
                # …2025年PM2.5年均浓度降到了多少？2026年的控制目标又是多少: the same subject, its own year
                subject = _YEAR.sub(own.group(0).rstrip("的"), _named_subject(_RESULT_WORDS.sub("", first)), count=1)
                part = subject + bare[own.end():]
            elif (parallel := _parallel(first, part)) is not None:
                part = parallel  # …1974年农业总产值比1964年增长多少？工业总产值又增长多少
            elif not _YEAR.search(part):
                part = _place_and_year(first) + part
        out.extend((_coordinated(part) if split_terms else None) or [part])
    out = [q for q in out if _ASK.search(q)]
    return out if 2 <= len(out) <= MAX_PARTS else []
