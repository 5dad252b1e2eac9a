"""Question words the reports say in pieces:

* half in a paragraph's headline, the short sentence that opens it and says what it is about
  (——粮食生产再创新高。播种面积…，总产量达到853.2亿斤: 粮食 + 总产量);
* an output by its product and quantity, as the old reports list them (粮食增加了五十亿斤，达到三千七百亿斤;
  钢二百十七万吨: 粮食产量, 钢产量).

Written by hand: these are the reports' own ways of writing, which no segmenter knows."""

from __future__ import annotations

import re

_HEADLINE = re.compile(r"[—\-－]*[^。！？!?\n，,；;]{2,20}。")


def split_name(alts: list[str], snorm: str, headline: str) -> str | None:
    """An alternative of a question word that the paragraph's headline and the sentence say in two
    pieces (——粮食生产再创新高。…总产量达到853.2亿斤: 粮食 + 总产量 = 粮食总产量), else None."""
    if not headline:
        return None
    for alt in alts:
        for k in range(2, len(alt) - 1):
            if alt[:k] in headline and alt[k:] in snorm and alt[k:] not in headline:
                return alt
    return None


def paragraph_headline(norm: str, start: int) -> str:
    """The short first sentence that heads the paragraph of ``start`` (——粮食生产再创新高。), when the
    sentence at ``start`` is not that one; else ""."""
    a = norm.rfind("\n", max(0, start - 3000), start) + 1
    m = _HEADLINE.match(norm, a)
    return m.group(0) if m and m.end() <= start else ""


_OUTPUT_HEAD = re.compile(r"(?:的)?(?:总产量|产量|总产)$")
_OUTPUT_UNIT = r"(?:亿|万|千)?(?:斤|吨|担|头|只|立方米|千瓦时|度|米|辆|台|箱)"


def output_name(alts: list[str], snorm: str) -> str | None:
    """An output (粮食产量) named as the reports list them, by the product and its quantity (粮食增加了
    五十亿斤，达到三千七百亿斤; 钢二百十七万吨): the alternative so named, else None."""
    for alt in alts:
        head = _OUTPUT_HEAD.search(alt)
        product = alt[: head.start()] if head else ""
        # the words between product and quantity: a few (增加了五十亿斤，达到…), or for a
        # one-character product (钢) none but 为/达到 (钢材三千万吨 is not 钢)
        gap = r"(?:的)?(?:[^，,。；;、\d]{0,8}?[，,]?[^，,。；;、\d]{0,6}?)?" if len(product) >= 2 else r"(?:为|是|达到|达)?"
        if product and head and re.search(
                re.escape(product) + gap + r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万亿零〇]+)" + _OUTPUT_UNIT, snorm):
            return alt
    return None


def output_product(name: str) -> str | None:
    """The product of an output's name (粮食 of 粮食产量), or None for a name that is no output."""
    head = _OUTPUT_HEAD.search(name)
    return name[: head.start()] if head and len(name[: head.start()]) >= 2 else None


# 一、二、三产增加值 / 一二三产业: the sectors written by their ordinals with one shared 产(业)
SECTORS = re.compile(r"([一二三])[、和及]?([一二三])(?:[、和及]?([一二三]))?(产业|产)")


def sector_names(norm: str) -> list[list[str]]:
    """For each sector a text names by ordinal with a shared 产(业) (其中一、二、三产增加值分别增长…),
    its full names in order ([["第一产业", "一产"], ["第二产业", "二产"], …]); [] when none."""
    m = SECTORS.search(norm)
    if not m:
        return []
    return [[f"第{o}产业", f"{o}产"] for o in m.groups()[:3] if o]
