"""Reading the head: metadata lines, the 印发 notice and its 落款, the title, 主送.

Small rules in order (RULES) over one state (Head): for each line the first rule
that recognises it reads it, or says the body starts there."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from ..numbering import numbered
from .draft import (
    ANNEX,
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
    info_date,
    info_line,
    iso_date,
)
from .lines import TERMINAL, Line, join_lines
from .patterns import DOC_NUMBER, ISSUER, PUBLIC_NOTE, issuers
from .tables import TableDraft


def _is_body_start(line: Line) -> bool:
    n = numbered(line.text)
    return bool(n) and n is not None and len(n.rest) > 0


# A subtitle under the title, led by a dash: ——在全市残疾人工作会议上的讲话 (a longer line is prose).
SUBTITLE = re.compile(rf"^(——|—|－－|--)\s*[^\s—－-].{{0,{MAX_TITLE}}}$")


def _prose(text: str) -> bool:
    """A sentence, or a line too long for a title: the body's text, not the head's."""
    return text.endswith(TERMINAL[:4]) or len(text) > MAX_TITLE


def _looks_like_title(text: str) -> bool:
    return not _prose(text) and (any(w in text for w in TITLE_WORDS) or bool(ending_kind(text)))


@dataclass
class Head:
    """What reading the head has seen so far. Rules read the current line (and the next) and
    record it here or in the draft; the items themselves are never changed."""

    doc: DocDraft
    items: list[Item]
    i: int = 0  # the current line
    joined: str = ""  # the current line joined with the next (a title broken over two); both are read
    pending_issuer: str = ""  # an issuer line before the notice title (国务院 / 关于印发……的通知)
    issuer_at: int | None = None  # the line it was read from
    title_at: int | None = None  # the line the source marked as the title (a title over two marked lines goes on)
    title_end: int | None = None  # the title's last line, marked or not (a subtitle may follow it)
    after_addressees: list[str] = field(default_factory=list)  # text after 主送: the notice's, or the preamble

    @property
    def line(self) -> Line:
        item = self.items[self.i]
        assert isinstance(item, Line)
        return item

    @property
    def text(self) -> str:
        return self.joined or self.line.text

    @property
    def next_text(self) -> str | None:
        following = self.items[self.i + 1] if self.i + 1 < len(self.items) else None
        return following.text if isinstance(following, Line) else None


class Outcome(Enum):
    READ = "read"  # the rule took the line
    READ_TWO = "read two"  # the rule took this line and the next
    BODY = "body"  # the body starts at this line


Rule = Callable[[Head], Outcome | None]  # None: not this rule's line


def _body_starts(h: Head) -> Outcome | None:
    item = h.items[h.i]
    if not isinstance(item, Line) or _is_body_start(item) or BOX.match(item.text):
        return Outcome.BODY
    if h.i + 1 < len(h.items) and isinstance(h.items[h.i + 1], TableDraft) and caption_like(item.text):
        return Outcome.BODY  # the caption of a table
    if _under_the_title(h):
        return None  # a subtitle, set large in a PDF or marked in Word: _subtitle reads it
    if item.heading >= 2 or (item.heading == 1 and h.doc.title and h.doc.title != item.text and not _title_goes_on(h)):
        return Outcome.BODY  # a marked heading
    return None


def _right_under_the_title(h: Head) -> bool:
    """This line comes right after the title, and no subtitle has been read."""
    return bool(h.doc.title) and h.title_end == h.i - 1 and not h.doc.subtitle


def _under_the_title(h: Head) -> bool:
    """This line is a subtitle (——在……上的讲话) right under the title."""
    return _right_under_the_title(h) and bool(SUBTITLE.match(h.text))


def _title_goes_on(h: Head) -> bool:
    """The line right after the marked title, marked the same and not numbered: the title's second line."""
    return h.title_at == h.i - 1 and numbered(h.line.text) is None and len(h.doc.title) + len(h.line.text) <= MAX_TITLE


def _annex_mark(h: Head) -> Outcome | None:
    """附件1 alone on the first line: the document is another's annex, published on its own (its
    title follows). The mark is not its text; a comment keeps it for the editor."""
    if h.i == 0 and not h.doc.title and (match := ANNEX.match(h.text)) and not match["title"].strip():
        h.doc.note(
            "title",
            f"请核对：原文第一行是“{h.text}”，这份文件是另一份文件的附件，这一行没有作为正文；需要时可在 related 里写明它所属的文件。",
        )
        return Outcome.READ
    return None


# What GB/T 9704 prints above an official document's letterhead: its copy number (份号, six
# digits), its secrecy (机密★1年) and its urgency (特急). Not the text, and read only there.
_PRINTING_MARK = re.compile(r"\d{6}|(绝密|机密|秘密)\s*(★\s*\S{1,6})?|特急|加急|平急|特提")


def _printing_mark(h: Head) -> Outcome | None:
    if not h.doc.title and not h.after_addressees and _PRINTING_MARK.fullmatch(h.text):
        h.doc.note("title", f"请核对：原文开头的“{h.text}”（份号、密级或紧急程度）不是正文，没有导入。")
        return Outcome.READ
    return None


def _marked_title(h: Head) -> Outcome | None:
    if h.line.heading == 1 and not h.doc.title and (names := issuers(h.text)) and _marked_about(h):
        h.pending_issuer = names  # the issuers of a joint document, set as large as the 关于… title below them
        return Outcome.READ
    if h.line.heading == 1:  # the source marks its title, perhaps over two lines (Word: two Title paragraphs)
        h.doc.title = join_lines((h.doc.title, h.text)) if _title_goes_on(h) else h.text
        h.title_at = h.title_end = h.i
        if _title_is_the_notice(h.doc):  # 关于印发……的通知: the document printed behind it has its own title
            h.doc.issuer = h.doc.issuer or _issuer_from(h.doc.notice_title)
        return Outcome.READ
    return None


def _marked_about(h: Head) -> bool:
    """The next line is marked as the title too, and is one on its own: 关于……."""
    following = h.items[h.i + 1] if h.i + 1 < len(h.items) else None
    return isinstance(following, Line) and following.heading == 1 and following.text.startswith("关于")


def _stated_title_again(h: Head) -> Outcome | None:
    """The title a metadata block stated, written again (over one or two lines)."""
    if not h.doc.title:
        return None
    if _squeezed(h.text) == _squeezed(h.doc.title):
        _title_is_the_notice(h.doc)
        return Outcome.READ
    if h.next_text is not None and _squeezed(h.text + h.next_text) == _squeezed(h.doc.title):
        _title_is_the_notice(h.doc)
        return Outcome.READ_TWO
    return None


def _public_note(h: Head) -> Outcome | None:
    if h.doc.notice_signature and PUBLIC_NOTE.match(h.text) and not h.after_addressees:
        h.doc.notice_text.append(h.text)  # （此件公开发布） closes the notice
        return Outcome.READ
    return None


def _doc_number(h: Head) -> Outcome | None:
    if match := DOC_NUMBER.match(h.text):
        if h.doc.doc_number and _squeezed(match["n"]) != _squeezed(h.doc.doc_number):
            return Outcome.BODY  # another document's number: this one's head has ended
        h.doc.doc_number = h.doc.doc_number or match["n"]
        if match["signer"]:
            h.doc.note("title", f"请核对：原文发文字号旁的“签发人：{match['signer']}”没有导入。")
        return Outcome.READ
    return None


def _publication_lines(h: Head) -> Outcome | None:
    """发布单位：… 发布时间：…, 发布日期：…, a date with 来源：…, a line of such facts (web pages)."""
    if match := PUBLISHED_BY.match(h.text):
        h.doc.issuer = h.doc.issuer or match["issuer"]
        h.doc.date_published = iso_date(match["date"])
    elif match := DATE_LINE.match(h.text):
        h.doc.date_published = iso_date(match["date"])
    elif match := DATE_SOURCE.match(h.text):
        h.doc.date_published = iso_date(match["date"])
        h.doc.source_title = match["source"].strip()
    elif fields := info_line(h.text):  # 发布时间：…　来源：…　浏览次数：…: the page's, not the document's
        h.doc.date_published = h.doc.date_published or info_date(fields)
        h.doc.source_title = h.doc.source_title or fields.get("来源", fields.get("信息来源", ""))
    else:
        return None
    return Outcome.READ


def _issuer_before_title(h: Head) -> Outcome | None:
    if (names := issuers(h.text)) and not h.doc.addressees:
        # Issuers stacked on lines of their own (a joint document's letterhead) are all the issuers.
        h.pending_issuer = f"{h.pending_issuer} {names}" if h.issuer_at == h.i - 1 else names
        h.issuer_at = h.i
        return Outcome.READ
    return None


def _notice_signature(h: Head) -> Outcome | None:
    """The notice's 落款: issuer, then the date on the next line; what came after 主送 was its text."""
    date = cn_date(h.next_text) if h.next_text is not None else None
    if (names := issuers(h.text)) and date:
        h.doc.notice_signature = (names, date)
        h.doc.notice_text, h.after_addressees = h.after_addressees, []
        return Outcome.READ_TWO
    return None


def _title_over_two_lines(h: Head) -> Outcome | None:
    """关于……的通知/意见 broken over two lines, or any title the layout broke before the word that
    names it (某市“十四五”残疾人保障 / 和发展规划): the rules after this one read it joined."""
    nxt = h.next_text
    if nxt is None:
        return None
    notice = "关于" in h.text and not NOTICE_TITLE.match(h.text) and NOTICE_TITLE.match(h.text + nxt)
    broken = (
        not h.doc.title
        and not h.after_addressees
        and not any(mark in h.text for mark in "：:〔")  # a fact or a number, not a title's first half
        and not _looks_like_title(h.text)
        and not nxt.startswith("关于")  # a whole title: the line above it is something else (a site's name)
        and _looks_like_title(h.text + nxt)
        and not h.text.endswith(TERMINAL)
        and numbered(nxt) is None
    )
    if notice or broken:
        h.joined = h.text + nxt
    return None


def _notice_title(h: Head) -> Outcome | None:
    """关于印发……的通知, with the issuer on the line before it if it stood alone."""
    text = h.text
    if h.doc.notice_title or not (NOTICE_TITLE.match(h.pending_issuer + text) and "印发" in text):
        return None
    h.doc.notice_title = h.pending_issuer + text if not text.startswith(h.pending_issuer) else text
    h.doc.issuer = h.doc.issuer or h.pending_issuer or _issuer_from(text)
    h.pending_issuer = ""
    return Outcome.READ


def _addressees(h: Head) -> Outcome | None:
    text = h.text
    if (
        not h.doc.addressees
        and not h.after_addressees  # 主送 comes before the text, not after it (各位代表：in a speech)
        and text.endswith(("：", ":"))
        and ("、" in text or "，" in text or text.startswith("各"))
        and len(text) < MAX_ADDRESSEES
    ):
        h.doc.addressees = text
        return Outcome.READ
    return None


def _title(h: Head) -> Outcome | None:
    in_notice = bool(h.doc.notice_title and h.doc.addressees and not h.doc.notice_signature)  # its text, not a title
    if not h.doc.title and _looks_like_title(h.text) and not h.after_addressees and not in_notice:
        h.doc.title = h.text
        h.title_end = h.i + (1 if h.joined else 0)
        return Outcome.READ
    return None


# （2021—2025年）, （征求意见稿）; not a day (（2026年1月10日）, a speech's or a law's date)
_IN_BRACKETS = re.compile(r"[（(](?![^（）()]*月[^（）()]{0,4}日)[^（）()]{1,30}[）)]")


def _title_in_brackets(h: Head) -> Outcome | None:
    """On the line under the title, its years in brackets (（2021—2025年）) end the title; other
    words in brackets (（征求意见稿）) are its subtitle, as the site prints a subtitle."""
    if not (_right_under_the_title(h) and _IN_BRACKETS.fullmatch(h.text)):
        return None
    if _YEARS.search(h.text):
        h.doc.title += h.text
        h.title_end = h.i
    else:
        h.doc.subtitle = h.text[1:-1].strip()
    return Outcome.READ


_YEARS = re.compile(r"\d{4}\s*年|\d{4}\s*[—–-]+\s*\d{4}")


def _subtitle(h: Head) -> Outcome | None:
    """——在……上的讲话 right under the title: its subtitle. A subtitle names the line above it as
    the title, whatever that line says (凝心聚力　开拓进取…… over ——在……上的工作报告)."""
    if _under_the_title(h):
        h.doc.subtitle = h.text
        return Outcome.READ
    following = h.next_text
    text = h.text
    if (
        not h.doc.title
        and not h.after_addressees
        and following is not None
        and SUBTITLE.match(following)
        and not _prose(text)
        and numbered(text) is None
    ):
        h.doc.title, h.doc.subtitle = text, following
        h.title_end = h.i + 1
        return Outcome.READ_TWO
    return None


def _other_text(h: Head) -> Outcome | None:
    """Anything else: the notice's text or the preamble (flagged when nothing came before it).
    After the title, a sentence outside a notice, or anything after a notice's 落款, starts the
    body: it is read from there, so that a short document's 落款 and 附件 (a 公示 with no
    numbered sections) are read."""
    if h.doc.title and (h.doc.notice_signature or (not h.doc.addressees and _prose(h.text))):
        return Outcome.BODY
    if not (h.doc.addressees or h.doc.title):
        h.doc.note("preamble", f"请核对：第{h.line.number}行“{h.text[:QUOTE_CHARS]}”未能识别，已放在正文开头。")
    h.after_addressees.append(h.text)
    return Outcome.READ


RULES: tuple[Rule, ...] = (
    _body_starts,
    _printing_mark,
    _annex_mark,
    _title_in_brackets,
    _subtitle,
    _marked_title,
    _stated_title_again,
    _public_note,
    _doc_number,
    _publication_lines,
    _issuer_before_title,
    _notice_signature,
    _title_over_two_lines,
    _notice_title,
    _addressees,
    _title,
    _other_text,
)


def read_head(items: list[Item], doc: DocDraft) -> list[Item]:
    """Read metadata lines, the notice and the title into `doc`, line by line, the first rule
    that takes a line taking it; return the items from where the body starts."""
    h = Head(doc, items)
    while h.i < len(items):
        h.joined = ""
        outcome = next(o for rule in RULES if (o := rule(h)) is not None)
        if outcome is Outcome.BODY:
            break
        h.i += 2 if outcome is Outcome.READ_TWO or h.joined else 1
    if h.pending_issuer and not doc.issuer:
        doc.issuer = h.pending_issuer
    doc.preamble = list(h.after_addressees)
    if doc.notice_signature and not doc.notice_title:
        # No 印发 notice: the text and 落款 read as a notice's (a short 通知 without numbered
        # sections, signed before its 附件) are the document's own.
        doc.preamble[:0] = doc.notice_text
        doc.signature, doc.notice_signature, doc.notice_text = doc.notice_signature, None, []
    return items[h.i :]


def _title_is_the_notice(doc: DocDraft) -> bool:
    """A stated title that is a 印发 notice's: the document printed behind the notice has its own."""
    if not doc.notice_title and NOTICE_TITLE.match(doc.title) and "印发" in doc.title:
        doc.notice_title, doc.title = doc.title, ""
        return True
    return False


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _issuer_from(notice_title: str) -> str:
    head = notice_title.split("关于", 1)[0]
    return head if ISSUER.match(head) else ""
