"""Reading the tail: the 落款 (issuer and date), at the end or before the 附件."""

from __future__ import annotations

import re

from .draft import (
    ANNEX,
    MAX_TAIL,
    DocDraft,
    Item,
    cn_date,
)
from .lines import Line
from .patterns import IMPRINT, KEYWORDS, MAX_NOTES, PUBLIC_NOTE, issuers

_SOURCE = re.compile(r"^(?:来源|信息来源|稿件来源)\s*[:：]\s*(?P<source>[^\s，。；]{2,30})$")


def _note(item: Item) -> str:
    """The 附注 `item` is, or ""."""
    return item.text.strip() if isinstance(item, Line) and PUBLIC_NOTE.match(item.text.strip()) else ""


def read_tail(items: list[Item], doc: DocDraft) -> list[Item]:
    """The 落款: an issuer line (one issuer or several) then a date line, at the end or followed only by
    a note such as （此件公开发布） and the 附件. The note and the 附件 stay. The 版记 after it all
    (抄送：…, …印发) is not the text: it goes into a comment on the 落款 for the editor."""
    window = max(len(items) - MAX_TAIL, 0)  # where a 落款 is looked for
    items = items[:window] + [line for item in items[window:] for line in _signature_lines(item)]
    end = len(items)
    while end and isinstance(last := items[end - 1], Line) and (source := _SOURCE.match(last.text.strip())):
        if doc.source_title not in ("", source["source"]):
            break
        doc.source_title = source["source"]  # 来源：某市残联 closing a web article: the page's fact, as at its top
        end -= 1
    items = items[:end]
    while end and isinstance(last := items[end - 1], Line) and IMPRINT.match(last.text.strip()):
        end -= 1
    imprint, items = items[end:], items[:end]
    found = _signature(items, doc)
    if imprint and doc.signature:
        lines = [line.text.strip() for line in imprint if isinstance(line, Line)]
        for keywords in (KEYWORDS.match(line) for line in lines):
            if keywords and not doc.keywords:
                doc.keywords = re.split(r"[\s　、，,;；]+", keywords["words"].strip())
        if others := [line for line in lines if not KEYWORDS.match(line)]:
            doc.note("signature", "请核对：文末的版记没有导入：" + "；".join(others))
        return found
    return found + imprint


# A 落款 on one line: issuers, a gap, the date (in digits or in Chinese numerals), nothing longer
_ONE_LINE = re.compile(
    r"^(?P<issuer>\S[^\n]{0,80}?)[\s\u3000]+"
    r"(?P<date>[\d〇零一二三四五六七八九]{4}\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日)$"
)
MAX_SIGNATURE_CELLS = 4  # rows, and columns, of a table laying out a joint 落款


def _signature_lines(item: Item) -> list[Item]:
    """A 落款 laid out otherwise than on two lines, as two lines (its issuers, its date): on one
    line (某市残疾人联合会　2026年4月20日), or a joint one as a table without rules (某市民政局 |
    某市残疾人联合会 over the date). Any other item as it is."""
    if isinstance(item, Line):
        found = _ONE_LINE.match(item.text.strip())
        if found and issuers(found["issuer"]) and cn_date(found["date"]):
            return [Line(found["issuer"], item.number), Line(found["date"], item.number)]
        return [item]
    if len(item.rows) > MAX_SIGNATURE_CELLS:
        return [item]
    cells = [cell.strip() for row in item.rows for cell in row if cell.strip()]
    names = [cell for cell in cells if issuers(cell)]
    days = [cell for cell in cells if cn_date(cell)]
    if not names or len(days) != 1 or len(names) + 1 != len(cells) or max(map(len, item.rows)) > MAX_SIGNATURE_CELLS:
        return [item]
    return [Line(" ".join(names), item.line), Line(days[0], item.line)]


def _signature(items: list[Item], doc: DocDraft) -> list[Item]:
    for i in range(len(items) - 2, max(len(items) - MAX_TAIL, 0) - 1, -1):
        issuer, date = items[i], items[i + 1]
        if not (isinstance(issuer, Line) and isinstance(date, Line)):
            continue
        names = issuers(issuer.text)
        if not (names and cn_date(date.text)):
            continue
        rest = items[i + 2 :]
        notes: list[str] = []
        while len(notes) < MAX_NOTES and len(rest) > len(notes) and (note := _note(rest[len(notes)])):
            notes.append(note)
        after = rest[len(notes)] if len(rest) > len(notes) else None
        if after is None or (isinstance(after, Line) and (ANNEX.match(after.text) or after.heading)):
            doc.signature, doc.public_notes = (names, cn_date(date.text)), notes
            return items[:i] + rest[len(notes) :]
    return items
