"""Clean lines and tables -> a draft document tree, in stages over one draft:
the head (head.py), the tail (tail.py), the body (body.py), then tidying
(tidy.py). The draft and what the stages share are in draft.py. Before them, a
title marked a level too low is marked the title (`mark_title`), and a guideline's
chapters are marked as headings (`mark_chapters`).
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from ..numbering import numbered
from .body import Body
from .draft import BOX, DocDraft, Item
from .head import read_head
from .lines import Line
from .tail import read_tail
from .tidy import finish

# A guideline's chapter, 1 总则: a number, a space, a short title (its clauses, 1.1 and 1.1.1,
# are numbering styles of their own).
_CHAPTER = re.compile(r"^(?P<n>\d{1,2})[ \t\u3000]+[^\s。；！？，,]{1,20}$")
CLAUSES = ("decimal-2", "decimal-3")
# A service guide's items, 【申请条件】 or 【办理时限】20个工作日: a name in black lenticular
# brackets at a line's start (a 专栏 set so is a box, read by the body).
_BRACKETED = re.compile(r"^【(?P<name>[^【】\s]{2,12})】[\s\u3000]*(?P<rest>.*)$")
BRACKETED_ITEMS = 3  # so many, each named once, make a document's sections; fewer are text
# 政策问答 written as 问：……？ over 答：……: each question is a heading (a reader skims the questions).
_QUESTION = re.compile(r"^问[：:]\s*\S")
_ANSWER = re.compile(r"^答[：:]\s*\S")
QUESTIONS = 2  # so many answered questions make a document of questions and answers
MAX_QUESTION = 80  # a longer 问： is a paragraph


TITLE_WITHIN = 10  # items before a title: a letterhead, a 发文字号, a line of marks


def mark_title(items: list[Item]) -> None:
    """A title marked a level too low, over sections marked lower still, is the title: in Word
    many offices style the title 标题 1 (Heading 1) and its sections 标题 2; a page or a text may
    start at <h2> or ##. So where nothing is marked the title (level 1), the first heading is,
    if it comes first, has no label (第一章, 一、 are sections) and every other heading is deeper."""
    headings = [(n, item) for n, item in enumerate(items) if isinstance(item, Line) and item.heading]
    if not headings or any(item.heading == 1 for _, item in headings):
        return
    n, first = headings[0]
    if n < TITLE_WITHIN and not numbered(first.text) and all(item.heading > first.heading for _, item in headings[1:]):
        first.heading = 1


def mark_chapters(items: list[Item]) -> None:
    """A guideline numbers its chapters 1, 2 … and their clauses 1.1, 1.1.1: where clauses are in
    the document, a line of a bare number and a short title is a chapter (a heading, as a
    source's style would mark it) when its number is the next chapter's; elsewhere such a line
    (10 个区县) is text."""
    if sum(1 for item in items if isinstance(item, Line) and _clause(item.text)) < 2:
        return
    chapter = 0
    for item in items:
        if (
            isinstance(item, Line)
            and not item.heading
            and (m := _CHAPTER.match(item.text))
            and int(m["n"]) == chapter + 1
        ):
            item.heading, chapter = 2, chapter + 1


def mark_bracketed(items: list[Item]) -> list[Item]:
    """A service guide (办事指南) names its parts 【申请条件】, 【申请材料】, 【办理时限】20个工作日:
    where three or more lines start with names in 【】, each once, and the source marks no
    section (a title it may), each name is a heading (as a source's style would mark it) and
    what follows it on its line is a paragraph under it."""
    found = [
        (n, m)
        for n, item in enumerate(items)
        if isinstance(item, Line) and (m := _BRACKETED.match(item.text)) and not BOX.match(item.text)
    ]
    names = [m["name"] for _, m in found]
    if len(found) < BRACKETED_ITEMS or len(set(names)) < len(names):
        return items
    if any(isinstance(item, Line) and item.heading > 1 for item in items):
        return items  # the source marks its sections itself
    names_at = dict(found)
    marked: list[Item] = []
    for n, item in enumerate(items):
        if (m := names_at.get(n)) is None or not isinstance(item, Line):
            marked.append(item)
            continue
        marked.append(dataclasses.replace(item, text=m["name"], heading=2, run_in=0, list_item=False))
        if m["rest"]:
            marked.append(dataclasses.replace(item, text=m["rest"], run_in=0, blank_before=False))
    return marked


def mark_questions(items: list[Item]) -> None:
    """A 政策问答 asks 问：……？ and answers 答：……: where two or more questions each have an
    answer on the next line and the source marks no section, each question (as written, 问：
    and all) is a heading, as a source's style would mark it, and its answer the text under it."""
    lines = [item for item in items if not isinstance(item, Line) or item.text.strip()]
    questions = [
        line
        for line, after in itertools.pairwise(lines)
        if isinstance(line, Line)
        and isinstance(after, Line)
        and _QUESTION.match(line.text)
        and len(line.text) <= MAX_QUESTION
        and _ANSWER.match(after.text)
    ]
    if len(questions) < QUESTIONS or any(isinstance(item, Line) and item.heading > 1 for item in items):
        return
    for line in questions:
        line.heading = 2


def _clause(text: str) -> bool:
    n = numbered(text)
    return n is not None and n.style.name in CLAUSES


def parse(items: list[Item], known: DocDraft | None = None) -> DocDraft:
    """The draft of `items`; `known` holds what the source states outright (front matter, a metadata block)."""
    doc = known or DocDraft()
    mark_title(items)
    mark_chapters(items)
    items = mark_bracketed(items)
    mark_questions(items)
    rest = read_head(items, doc)
    rest = read_tail(rest, doc)
    Body(doc).run(rest)
    finish(doc)
    return doc
