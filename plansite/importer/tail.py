"""Reading the tail: the 落款 (issuer and date), at the end or before the 附件."""

from __future__ import annotations

from .draft import (
    ANNEX,
    MAX_TAIL,
    DocDraft,
    Item,
    cn_date,
)
from .lines import Line
from .patterns import PUBLIC_NOTE, issuers


def read_tail(items: list[Item], doc: DocDraft) -> list[Item]:
    """The 落款: an issuer line (one issuer or several) then a date line, at the end or followed only by
    a note such as （此件公开发布） and the 附件. The note and the 附件 stay."""
    for i in range(len(items) - 2, max(len(items) - MAX_TAIL, 0) - 1, -1):
        issuer, date = items[i], items[i + 1]
        if not (isinstance(issuer, Line) and isinstance(date, Line)):
            continue
        names = issuers(issuer.text)
        if not (names and cn_date(date.text)):
            continue
        rest = items[i + 2 :]
        rest_start = 1 if rest and isinstance(rest[0], Line) and PUBLIC_NOTE.match(rest[0].text) else 0
        after = rest[rest_start] if len(rest) > rest_start else None
        if after is None or (isinstance(after, Line) and (ANNEX.match(after.text) or after.heading)):
            doc.signature = (names, cn_date(date.text))
            return items[:i] + rest
    return items
