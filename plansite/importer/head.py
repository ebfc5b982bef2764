"""Reading the head: metadata lines, the 印发 notice and its 落款, the title, 主送."""

from __future__ import annotations

from ..numbering import numbered
from .draft import (
    BOX,
    DATE_LINE,
    DATE_SOURCE,
    MAX_ADDRESSEES,
    MAX_TITLE,
    NOTICE_TITLE,
    PUBLISHED_BY,
    QUOTE_CHARS,
    TITLE_WORDS,
    DocDraft,
    Item,
    caption_like,
    cn_date,
    ending_kind,
    iso_date,
)
from .lines import TERMINAL, Line
from .patterns import DOC_NUMBER, ISSUER, PUBLIC_NOTE
from .tables import TableDraft


def _is_body_start(line: Line) -> bool:
    n = numbered(line.text)
    return bool(n) and n is not None and len(n.rest) > 0


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE
        and not text.endswith(TERMINAL[:4])
        and (any(w in text for w in TITLE_WORDS) or bool(ending_kind(text)))
    )


def read_head(items: list[Item], doc: DocDraft) -> list[Item]:
    """Consume metadata lines, the notice and the title; return the rest."""
    i = 0
    pending_issuer = ""
    after_addressees: list[str] = []
    while i < len(items):
        item = items[i]
        if not isinstance(item, Line) or _is_body_start(item) or BOX.match(item.text):
            break
        if i + 1 < len(items) and isinstance(items[i + 1], TableDraft) and caption_like(item.text):
            break  # the caption of a table: the body starts here
        text = item.text
        following = items[i + 1] if i + 1 < len(items) else None
        next_line = following.text if isinstance(following, Line) else None
        if item.heading >= 2 or (item.heading == 1 and doc.title and doc.title != text):
            break  # a marked heading: the body starts here
        if item.heading == 1:
            doc.title = text  # the source marks its title
        elif doc.title and _squeezed(text) == _squeezed(doc.title):
            _title_is_the_notice(doc)  # the title the source stated already (a metadata block), written again
        elif doc.title and next_line is not None and _squeezed(text + next_line) == _squeezed(doc.title):
            _title_is_the_notice(doc)
            i += 1  # the same, over two lines
        elif doc.notice_signature and PUBLIC_NOTE.match(text) and not after_addressees:
            doc.notice_text.append(text)  # （此件公开发布） closes the notice
        elif match := DOC_NUMBER.match(text):
            if doc.doc_number and _squeezed(match["n"]) != _squeezed(doc.doc_number):
                break
            doc.doc_number = doc.doc_number or match["n"]
        elif match := PUBLISHED_BY.match(text):
            doc.issuer = doc.issuer or match["issuer"]
            doc.date_published = iso_date(match["date"])
        elif match := DATE_LINE.match(text):
            doc.date_published = iso_date(match["date"])
        elif match := DATE_SOURCE.match(text):
            doc.date_published = iso_date(match["date"])
            doc.source_title = match["source"].strip()
        elif ISSUER.match(text) and not doc.addressees:
            pending_issuer = text
        elif ISSUER.match(text) and next_line is not None and cn_date(next_line):
            # 落款 of the notice: issuer, then the date on the next line.
            doc.notice_signature = (text, cn_date(next_line))
            doc.notice_text, after_addressees = after_addressees, []
            i += 1
        elif (
            not doc.notice_title
            and "关于" in text
            and not NOTICE_TITLE.match(text)
            and next_line is not None
            and NOTICE_TITLE.match(text + next_line)
        ):
            # A long title broken over two lines: join them and read it again.
            items[i + 1] = Line(text + next_line, item.number, item.blank_before)
        elif not doc.notice_title and NOTICE_TITLE.match(pending_issuer + text) and "印发" in text:
            doc.notice_title = pending_issuer + text if not text.startswith(pending_issuer) else text
            doc.issuer = doc.issuer or pending_issuer or _issuer_from(text)
            pending_issuer = ""
        elif (
            not doc.addressees
            and text.endswith(("：", ":"))
            and ("、" in text or "，" in text or text.startswith("各"))
            and len(text) < MAX_ADDRESSEES
        ):
            doc.addressees = text
        elif not doc.title and _looks_like_title(text) and not after_addressees:
            doc.title = text
        elif doc.addressees or doc.title:
            after_addressees.append(text)
        else:
            doc.note("preamble", f"请核对：第{item.number}行“{text[:QUOTE_CHARS]}”未能识别，已放在正文开头。")
            after_addressees.append(text)
        i += 1
    if pending_issuer and not doc.issuer:
        doc.issuer = pending_issuer
    doc.preamble = list(after_addressees)
    return items[i:]


def _title_is_the_notice(doc: DocDraft) -> None:
    """A stated title that is a 印发 notice's: the document printed behind the notice has its own."""
    if not doc.notice_title and NOTICE_TITLE.match(doc.title) and "印发" in doc.title:
        doc.notice_title, doc.title = doc.title, ""


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _issuer_from(notice_title: str) -> str:
    head = notice_title.split("关于", 1)[0]
    return head if ISSUER.match(head) else ""
