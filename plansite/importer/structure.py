"""Clean lines and tables -> a draft document tree, in stages over one draft:
the head (head.py), the tail (tail.py), the body (body.py), then tidying
(tidy.py). The draft and what the stages share are in draft.py. Before them, a
guideline's chapters are marked as headings (`mark_chapters`).
"""

from __future__ import annotations

import re

from ..numbering import numbered
from .body import Body
from .draft import DocDraft, Item
from .head import read_head
from .lines import Line
from .tail import read_tail
from .tidy import finish

# A guideline's chapter, 1 总则: a number, a space, a short title (its clauses, 1.1 and 1.1.1,
# are numbering styles of their own).
_CHAPTER = re.compile(r"^(?P<n>\d{1,2})[ \t\u3000]+[^\s。；！？，,]{1,20}$")
CLAUSES = ("decimal-2", "decimal-3")


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


def _clause(text: str) -> bool:
    n = numbered(text)
    return n is not None and n.style.name in CLAUSES


def parse(items: list[Item], known: DocDraft | None = None) -> DocDraft:
    """The draft of `items`; `known` holds what the source states outright (front matter, a metadata block)."""
    doc = known or DocDraft()
    mark_chapters(items)
    rest = read_head(items, doc)
    rest = read_tail(rest, doc)
    Body(doc).run(rest)
    finish(doc)
    return doc
