"""The numbering styles of Chinese official documents.

A document uses some subset of these, in an order of levels of its own
(一、 above （一） above 1. is common, but not universal), so nothing here fixes
a hierarchy: callers learn it from the order in which styles first appear.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

_CN = "零〇一二三四五六七八九十百千两"
_CN_NUM = f"[{_CN}]+"


@dataclass(frozen=True)
class Style:
    name: str
    pattern: re.Pattern[str]
    description: str  # for messages: how the numbering looks


def _style(name: str, regex: str, description: str) -> Style:
    # The label, then optional spaces; what follows is the heading text.
    return Style(name, re.compile(rf"^(?P<label>{regex})[ \t\u3000]*"), description)


_GAP = "[ \u3000]?"  # a space typed or extracted inside a label: 三 、, 第 四 部分
_NTH = rf"第{_GAP}(?:{_CN_NUM}|\d+){_GAP}"
# What follows a cited division, not a heading's: 第二十条第（一）项, 第二十条规定, 第二十条、第二十一条
_CITED = r"(?![第的、，,至和及与或]|规定)"

STYLES: tuple[Style, ...] = (
    _style("part", rf"{_NTH}(?:部分|篇|编){_CITED}", "第X部分"),
    _style("chapter", rf"{_NTH}章{_CITED}", "第X章"),
    _style("section", rf"{_NTH}节{_CITED}", "第X节"),
    _style("article", rf"{_NTH}条{_CITED}", "第X条"),
    # 一、 一． and 一. (but not 一.5 or a number such as 十.5)
    _style("cn-comma", rf"{_CN_NUM}{_GAP}(?:[、．]|\.(?!\d))", "一、"),
    _style("cn-paren", rf"[（(]{_CN_NUM}[）)]", "（一）"),
    _style("arabic-paren", r"[（(]\d{1,3}[）)]", "（1）"),
    # A guideline's clauses, 1.1 and 1.1.1 (their chapters, 1 总则, are found by the importer):
    # a space or the line's end after them, so 1.5万人 is no label.
    _style("decimal-3", r"\d{1,2}\.\d{1,2}\.\d{1,2}(?=[ \t\u3000]|$)", "1.1.1"),
    _style("decimal-2", r"\d{1,2}\.\d{1,2}(?=[ \t\u3000]|$)", "1.1"),
    # 1. 1． 1、 but not 0.2 or 2022年: the mark must not be followed by a digit.
    _style("arabic-dot", r"\d{1,3}[.．、](?!\d)", "1."),
    _style("circled", r"[①-⑳]", "①"),
)


@dataclass(frozen=True)
class Numbered:
    style: Style
    label: str  # as written, e.g. "（一）"
    rest: str  # the text after the label


# Labels that end in punctuation (一、 1． (一)) or are a circled number (①) join their title
# directly; word-like labels (第一章 专栏1 附件1) take a space, as the documents print them.
_JOINING = (*"、．.，,:：)）", *(chr(c) for c in range(ord("①"), ord("⑳") + 1)))


def label_gap(label: str) -> str:
    """What stands between a label and its title: "" or a space."""
    return "" if not label or label.endswith(_JOINING) else " "


def heading_text(label: str, title: str, mark_label: Callable[[str], Markup] | None = None) -> str:
    """The text of a heading: its label as written, the gap, its title.

    The one place this is assembled (pages, contents, .txt, importer). A
    section may have only a label (第一条): the label is then the heading. With
    `mark_label` the label is wrapped in markup; a Markup title stays Markup and
    a plain label is escaped when joined to it.
    """
    if not label:
        return title
    shown: str | Markup = mark_label(label) if mark_label else label
    return shown + (label_gap(label) if title else "") + title


def numbered(line: str) -> Numbered | None:
    """The numbering a line starts with, if any."""
    for style in STYLES:
        match = style.pattern.match(line)
        if match:
            return Numbered(style, match.group("label"), line[match.end() :])
    return None


def style_of(label: str) -> Style | None:
    """The style of a bare label such as "第一章" or "（一）"."""
    found = numbered(label.strip())
    return found.style if found and not found.rest.strip() else None
