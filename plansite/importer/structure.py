"""Clean lines and tables -> a draft document tree, in stages over one draft:
the head (head.py), the tail (tail.py), the body (body.py), then tidying
(tidy.py). The draft and what the stages share are in draft.py.
"""

from __future__ import annotations

from .body import Body
from .draft import DocDraft, Item
from .head import read_head
from .tail import read_tail
from .tidy import finish


def parse(items: list[Item], known: DocDraft | None = None) -> DocDraft:
    """The draft of `items`; `known` holds what the source states outright (front matter, a metadata block)."""
    doc = known or DocDraft()
    rest = read_head(items, doc)
    rest = read_tail(rest, doc)
    Body(doc).run(rest)
    finish(doc)
    return doc
