"""Clean lines and tables -> a draft document tree.

The hierarchy is learnt from the document itself: the first numbering style
met is level 1, a style not seen before nests under the current heading, and
a style already open closes everything below it. So 第X章/第X节/（一）/1. and
一、/（一）/1./（1） both nest correctly, whichever subset a document uses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..numbering import Numbered, heading_text, numbered
from .lines import TERMINAL, Line
from .patterns import DATE_CN, DATE_HANZI, DOC_NUMBER, ISSUER, PUBLIC_NOTE, hanzi_number, hanzi_year
from .tables import TableDraft

# --- recognisers for the document's head and tail ---------------------------------

DATE_LINE = re.compile(r"^(日期|发布日期|发布时间|成文日期)[:：]\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})$")
PUBLISHED_BY = re.compile(r"^发布单位[:：]\s*(?P<issuer>\S+)\s+发布时间[:：]\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})$")
DATE_SOURCE = re.compile(r"^(?P<date>\d{4}-\d{1,2}-\d{1,2})(\s+\d{1,2}:\d{2})?\s+来源[:：]\s*(?P<source>.+)$")
NOTICE_TITLE = re.compile(r"^.*关于.*的(通知|决定|意见)$")
PRINTED = re.compile(r"关于印发(?P<title>.+?)的通知$")
QUOTED_TITLE = re.compile(r"《(?P<title>[^》]+)》")
PERIOD = re.compile(r"[（(](?P<a>\d{4})\s*[—\-–－~～]+\s*(?P<b>\d{4})\s*年?[）)]")
BOX = re.compile(r"^专栏\s*(?P<n>\d+)\s*(?P<title>.*)$")
ANNEX = re.compile(r"^(?P<label>附件\s*\d*|附表\s*\d*)\s*[:：]?\s*(?P<title>.*)$")
GLOSSARY = re.compile(r"^(名词解释|名词释义|术语解释)[:：]?$")
KIND_WORDS = (("起草说明", "interpretation"), ("解读", "interpretation"), ("工作要点", "work-points"), ("规划", "plan"))
# What a title ends with says what the document is (brackets after it, such as （2021—2025年）, aside).
KIND_ENDINGS = (
    ("起草说明", "interpretation"),
    ("解读", "interpretation"),
    ("工作要点", "work-points"),
    ("规划", "plan"),
    ("纲要", "plan"),
    ("意见", "opinion"),
    ("办法", "measures"),
    ("条例", "regulation"),
    ("法", "law"),
    ("通知", "notice"),
)
TRAILING_BRACKETS = re.compile(r"[（(][^（()）]*[)）]$")
TITLE_WORDS = ("规划", "要点", "说明", "方案", "意见", "办法", "计划", "纲要", "解读", "条例")

UNTITLED = "（请填写标题）"  # the title of a draft whose title was not found
MAX_HEADING = 40  # longer lines are prose, not headings
DIVISIONS = ("part", "chapter", "section", "article")  # 编 章 节 条: the numbering that divides a law
NOTE = re.compile(r"^注[：:]\s*")  # a table's notes start 注：
MAX_RUN_IN = 30  # a run-in title (“1.巩固……。聚焦……”) is at most this long
MAX_TITLE = 80  # a document title is at most this long (longer lines in the head are prose)
MAX_ADDRESSEES = 150  # a 主送 line (各镇人民政府、街道办事处……：) is at most this long
MAX_TAIL = 400  # items from the end where a 落款 followed by 附件 is looked for
MAX_BARE_ANNEX = 20  # a 附件 line with nothing after it is a heading only when this short
MIN_RUN_IN = 2  # characters before the 。 or ： that ends a run-in title
QUOTE_CHARS = 30  # how much of a line a 请核对 comment quotes


@dataclass
class BoxDraft:
    label: str
    title: str
    line: int
    blocks: list[str | TableDraft] = field(default_factory=list)


@dataclass
class SectionDraft:
    label: str
    title: str
    style: str
    line: int
    blocks: list[str | TableDraft | BoxDraft] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    marked: int = 0  # the heading level the source marked it with (Markdown), else 0


@dataclass
class TermDraft:
    label: str
    term: str
    definition: str
    line: int


@dataclass
class DocDraft:
    title: str = ""
    kind: str = ""
    issuer: str = ""
    doc_number: str = ""
    date_signed: dt.date | None = None
    date_published: dt.date | None = None
    period: tuple[int, int] | None = None
    region: str = ""
    source_title: str = ""
    index_number: str = ""  # 索引号, 主题分类, 主题词: from a 政府信息公开 block (govinfo.py)
    topic: str = ""
    keywords: list[str] = field(default_factory=list)
    notice_title: str = ""
    addressees: str = ""
    notice_text: list[str] = field(default_factory=list)
    notice_signature: tuple[str, dt.date | None] | None = None
    # Text before the first and after the last section; tables and boxes found
    # there are lifted into sections of their own by _lift_blocks.
    preamble: list[str | TableDraft | BoxDraft] = field(default_factory=list)
    body: list[SectionDraft] = field(default_factory=list)
    closing: list[str | TableDraft | BoxDraft] = field(default_factory=list)
    glossary: list[TermDraft] = field(default_factory=list)
    annexes: list[SectionDraft] = field(default_factory=list)
    signature: tuple[str, dt.date | None] | None = None
    comments: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, text: str) -> None:
        self.comments.setdefault(key, []).append(text)


Item = Line | TableDraft


def parse(items: list[Item], known: DocDraft | None = None) -> DocDraft:
    """The draft of `items`; `known` holds what the source states outright (Markdown front matter)."""
    doc = known or DocDraft()
    rest = _parse_head(items, doc)
    rest = _parse_tail(rest, doc)
    _Body(doc).run(rest)
    _finish(doc)
    return doc


# --- head: metadata, notice, title ---------------------------------------------------


def _date(text: str) -> dt.date | None:
    try:
        y, m, d = (int(x) for x in text.split("-"))
        return dt.date(y, m, d)
    except ValueError:
        return None


def cn_date(text: str) -> dt.date | None:
    """2022年1月20日 or 二〇二二年一月二十日."""
    try:
        if match := DATE_CN.match(text):
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        if match := DATE_HANZI.match(text):
            return dt.date(hanzi_year(match["y"]), hanzi_number(match["m"]), hanzi_number(match["d"]))
    except (ValueError, KeyError):
        return None
    return None


def _is_body_start(line: Line) -> bool:
    n = numbered(line.text)
    return bool(n) and n is not None and len(n.rest) > 0


def _looks_like_title(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE
        and not text.endswith(TERMINAL[:4])
        and (any(w in text for w in TITLE_WORDS) or bool(_ending_kind(text)))
    )


def _parse_head(items: list[Item], doc: DocDraft) -> list[Item]:
    """Consume metadata lines, the notice and the title; return the rest."""
    i = 0
    pending_issuer = ""
    after_addressees: list[str] = []
    while i < len(items):
        item = items[i]
        if not isinstance(item, Line) or _is_body_start(item) or BOX.match(item.text):
            break
        if i + 1 < len(items) and isinstance(items[i + 1], TableDraft) and _caption_like(item.text):
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
            doc.date_published = _date(match["date"])
        elif match := DATE_LINE.match(text):
            doc.date_published = _date(match["date"])
        elif match := DATE_SOURCE.match(text):
            doc.date_published = _date(match["date"])
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


# --- tail: signature -------------------------------------------------------------


def _parse_tail(items: list[Item], doc: DocDraft) -> list[Item]:
    """The 落款: an issuer line then a date line, at the end or followed only by
    a note such as （此件公开发布） and the 附件. The note and the 附件 stay."""
    for i in range(len(items) - 2, max(len(items) - MAX_TAIL, 0) - 1, -1):
        issuer, date = items[i], items[i + 1]
        if not (isinstance(issuer, Line) and isinstance(date, Line)):
            continue
        if not (ISSUER.match(issuer.text) and cn_date(date.text)):
            continue
        rest = items[i + 2 :]
        rest_start = 1 if rest and isinstance(rest[0], Line) and PUBLIC_NOTE.match(rest[0].text) else 0
        after = rest[rest_start] if len(rest) > rest_start else None
        if after is None or (isinstance(after, Line) and (ANNEX.match(after.text) or after.heading)):
            doc.signature = (issuer.text, cn_date(date.text))
            return items[:i] + rest
    return items


# --- body -------------------------------------------------------------------------


class _Body:
    def __init__(self, doc: DocDraft) -> None:
        self.doc = doc
        self.stack: list[SectionDraft] = []  # open sections, outermost first
        self.box: BoxDraft | None = None
        self.in_glossary = False
        self.annex: SectionDraft | None = None
        self.caption: str | None = None  # a short line waiting to caption the next table
        self.notes: TableDraft | None = None  # the table whose notes (注：1.…) are being read
        self.annex_lists: set[int] = set()  # items that are 附件：… lines listing the annexes

    # where text goes right now
    def _container(self) -> list:
        if self.box is not None:
            return self.box.blocks
        if self.stack:
            return self.stack[-1].blocks
        if self.annex is not None:
            return self.annex.blocks
        return self.doc.preamble if not self.doc.body else self.doc.closing

    def run(self, items: list[Item]) -> None:
        # 附件：… lines before a later bare 附件 (the annex itself, after the 落款) only list the annexes.
        bare = [i for i, item in enumerate(items) if isinstance(item, Line) and _bare_annex(item.text)]
        self.annex_lists = {
            i
            for i, item in enumerate(items)
            if isinstance(item, Line)
            and ANNEX.match(item.text)
            and bare
            and bare[-1] > i
            and not _bare_annex(item.text)
        }
        skip = False
        for index, item in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None
            if skip:
                skip = False
            elif isinstance(item, TableDraft):
                self._table(item, last=following is None)
            elif index in self.annex_lists:
                self._container().append(item.text)
            elif (match := ANNEX.match(item.text)) and _bare_annex(item.text) and _annex_title(following):
                assert isinstance(following, Line)
                self._open_annex(match["label"].replace(" ", ""), following.text, item.number)
                skip = True  # the next line is the annex's title
            else:
                self._line(item, following)
        self._flush_caption()

    def _flush_caption(self) -> None:
        if self.caption is not None:
            self._container().append(self.caption)
            self.caption = None

    def _table(self, table: TableDraft, *, last: bool) -> None:
        caption, self.caption = self.caption, None
        if caption is None and self.box is not None and not self.box.blocks:
            caption = heading_text(self.box.label, self.box.title).strip()
        if caption is None and self.box is None:
            holder = self.stack[-1] if self.stack else self.annex
            if holder is not None and not holder.blocks and not holder.sections and holder.title:
                caption = heading_text(holder.label, holder.title).strip()  # the heading above names the table
                table.comments.insert(0, "请核对：原文表格没有表题，表题取自上方的标题。")
        if caption is None:
            caption = "表格"
            table.comments.insert(0, "请核对：原文没有表题，请补写表格标题（caption）。")
        table.caption = caption
        if last and self.box is None and self.stack and self.stack[-1].blocks:
            # A captioned table closing the document is an attachment (重点任务分工,
            # 附表), not part of the last section.
            self._open_annex("", caption, table.line)
            table.comments.append("请核对：这个表格在正文之后，已作为附件；如属于上一节，请移回。")
        self._container().append(table)

    def _open_annex(self, label: str, title: str, line: int) -> None:
        self.box = None
        self.stack = []
        self.in_glossary = False
        self.annex = SectionDraft(label, title, "annex", line)
        self.doc.annexes.append(self.annex)

    def _line(self, line: Line, following: Item | None) -> None:
        text = line.text
        self._flush_caption()
        if GLOSSARY.match(text):
            self.box, self.in_glossary = None, True
            return
        if (match := ANNEX.match(text)) and match["title"] and (following is not None or len(text) < MAX_BARE_ANNEX):
            self._open_annex(match["label"].replace(" ", ""), match["title"], line.number)
            return
        if match := BOX.match(text):
            self.box = BoxDraft(f"专栏{match['n']}", match["title"].strip(), line.number)
            self._attach_box(self.box)
            return
        n = numbered(text)
        if line.heading and not self.in_glossary:
            self._marked_heading(line, n)
            return
        if self.in_glossary and n is not None:
            self._term(n.label, n.rest.strip(), line.number)
            return
        if self._table_note(text, n):
            return
        if n is not None and self.box is not None and n.style.name not in self._open_styles():
            self.box.blocks.append(text)  # numbered items inside a 专栏 stay its paragraphs
            return
        if n is not None and self.stack and self.stack[-1].style == "article" and n.style.name not in DIVISIONS:
            self._container().append(text)  # （一）…； inside 第X条: the article's own list, not a heading
            return
        if n is not None and self._heading(n.style.name, n.label, n.rest.strip(), line.number):
            return
        if isinstance(following, TableDraft) and _caption_like(text):
            self.caption = text
            return
        self._container().append(text)

    def _table_note(self, text: str, n: Numbered | None) -> bool:
        """注： right after a table, and the numbered lines after it: the table's notes."""
        blocks = self._container()
        if NOTE.match(text) and blocks and isinstance(blocks[-1], TableDraft):
            self.notes = blocks[-1]
            self.notes.notes.append(text)
            return True
        if self.notes is not None and n is not None and blocks and blocks[-1] is self.notes:
            if self.notes.notes == [self.notes.notes[0]] and NOTE.fullmatch(self.notes.notes[0]):
                self.notes.notes[0] += text  # 注： then 1.…: one note
            else:
                self.notes.notes.append(text)
            return True
        self.notes = None
        return False

    def _open_styles(self) -> list[str]:
        return [s.style for s in self.stack]

    def _attach_box(self, box: BoxDraft) -> None:
        if self.stack:
            self.stack[-1].blocks.append(box)
        elif self.annex is not None:
            self.annex.blocks.append(box)
        else:
            (self.doc.preamble if not self.doc.body else self.doc.closing).append(box)

    def _heading(self, style: str, label: str, rest: str, line: int) -> bool:
        """Open a section if this numbered line is a heading; False if it is prose."""
        title: str | None
        if style == "article":
            title, text = "", rest  # 第X条: the label is the heading, the rest is the article
        elif style.startswith("marked-"):
            title, text = rest, ""  # marked as a heading by the source: all of it is the title
        else:
            title, text = _split_heading(rest)
        if title is None:
            return False
        self.box = None
        self.in_glossary = False
        section = SectionDraft(label, title, style, line)
        if text:
            section.blocks.append(text)
        styles = self._open_styles()
        if style in styles:
            del self.stack[styles.index(style) :]
        if self.stack:
            self.stack[-1].sections.append(section)
        elif self.annex is not None:
            self.annex.sections.append(section)
        else:
            self.doc.body.append(section)
        self.stack.append(section)
        return True

    def _marked_heading(self, line: Line, n: Numbered | None) -> None:
        """A heading the source marks (Markdown): always a section, with its numbering where it has
        one, nested by its level (an open heading of the same or a deeper level closes). Where
        the source runs out of levels (HTML has six) a numbering style new to the open headings
        at the same level nests under them, as it would in plain text."""
        style = n.style.name if n is not None else ""
        while self.stack and self.stack[-1].marked >= line.heading:
            top = self.stack[-1]
            deeper = top.marked == line.heading and style and style != top.style
            if deeper and style not in {s.style for s in self.stack}:
                break
            self.stack.pop()
        opened = False
        if n is not None and n.style.name != "article":
            title, text = _split_heading(n.rest.strip())
            opened = title is not None and not text and self._heading(n.style.name, n.label, title, line.number)
        if not opened:
            self._heading(f"marked-{line.heading}", "", line.text, line.number)
        self.stack[-1].marked = line.heading

    def _term(self, label: str, rest: str, line: int) -> None:
        term, definition = _split_term(rest)
        same = next((t for t in self.doc.glossary if t.term == term), None)
        if same is not None:  # one term explained twice: keep both explanations in one entry
            same.definition = "；".join(d for d in (same.definition, definition) if d)
            self.doc.note("glossary", f"请核对：名词“{term}”出现了两次，两处解释已合并为一条。")
            return
        self.doc.glossary.append(TermDraft(label, term, definition, line))


def _bare_annex(text: str) -> bool:
    """附件 or 附件2 alone on its line: the annex itself starts (its title on the next line)."""
    match = ANNEX.match(text.strip())
    return match is not None and not match["title"].strip()


def _annex_title(item: Item | None) -> bool:
    return (
        isinstance(item, Line)
        and len(item.text) <= MAX_HEADING
        and not item.text.endswith(TERMINAL)
        and not ANNEX.match(item.text)
    )


def _split_heading(rest: str) -> tuple[str | None, str]:
    """(title, text after it) for a heading line, or (None, "") for a numbered sentence."""
    if not rest or rest[0] in ",，、；;":
        return None, ""  # "第一章，编制背景。总结了……" is a sentence about a chapter
    one_sentence = not any(p in rest[:-1] for p in "。；！？")
    if len(rest) <= MAX_HEADING and one_sentence and not (rest.endswith("。") and len(rest) > MAX_RUN_IN):
        return rest, ""
    # A run-in title: a short phrase ending in 。 or ： that the text continues after.
    for i, char in enumerate(rest[: MAX_RUN_IN + 1]):
        if char in "。：:":
            if i >= MIN_RUN_IN and i + 1 < len(rest):
                return rest[: i + 1], rest[i + 1 :].strip()
            break
    return None, ""


def _split_term(rest: str) -> tuple[str, str]:
    """“阳光家园计划”。中国残联…… -> (“阳光家园计划”, 中国残联……)."""
    for i, char in enumerate(rest):
        if char in "。：:":
            return rest[:i].strip(), rest[i + 1 :].strip()
    return rest, ""


def _caption_like(text: str) -> bool:
    return len(text) <= MAX_HEADING and not text.endswith(TERMINAL[:4]) and not numbered(text)


# --- finishing touches -------------------------------------------------------------


def _finish(doc: DocDraft) -> None:
    if not doc.title and doc.notice_title:
        match = PRINTED.search(doc.notice_title) or QUOTED_TITLE.search(doc.notice_title)
        if match:
            doc.title = match["title"].strip("《》")
    if not doc.title:
        doc.title = UNTITLED
        doc.note("title", "请核对：没有找到文件标题，请填写。")
    doc.kind = doc.kind or _kind(doc.title)
    if not doc.kind:
        doc.kind = "notice"
        doc.note("kind", "请核对：无法从标题判断文件类型，暂定为 notice（通知）。")
    if match := PERIOD.search(doc.title):
        doc.period = (int(match["a"]), int(match["b"]))
    signed = doc.notice_signature or doc.signature  # 发文机关 and 成文日期 are those of the 落款
    if signed and not doc.issuer:
        doc.issuer = signed[0]
    if doc.issuer:
        for suffix in ("人民政府办公室", "人民政府办公厅", "人民政府"):
            if doc.issuer.endswith(suffix):
                doc.region = doc.issuer.removesuffix(suffix)
                break
    if signed and not doc.date_signed:
        doc.date_signed = signed[1]
    _drop_empty_sections(doc.body, doc)
    for annex in doc.annexes:
        _drop_empty_sections(annex.sections, doc, annex)
    _drop_empty_annexes(doc)
    _drop_empty_boxes(doc)
    _lift_blocks(doc)


def _kind(title: str) -> str:
    """The kind a title names by its last word, else by a word in it; "" if none."""
    return _ending_kind(title) or next((kind for words, kind in KIND_WORDS if words in title), "")


def _ending_kind(title: str) -> str:
    bare = TRAILING_BRACKETS.sub("", title.strip())
    return next((kind for ending, kind in KIND_ENDINGS if bare.endswith(ending)), "")


def _drop_empty_boxes(doc: DocDraft) -> None:
    """A 专栏 heading with nothing under it stays as its line of text, in place."""

    def clean(blocks: list) -> None:
        for i, block in enumerate(blocks):
            if isinstance(block, BoxDraft) and not block.blocks:
                blocks[i] = heading_text(block.label, block.title).strip()

    def walk(sections: list[SectionDraft]) -> None:
        for section in sections:
            clean(section.blocks)
            walk(section.sections)

    clean(doc.preamble)
    clean(doc.closing)
    walk(doc.body)
    walk(doc.annexes)


def _drop_empty_annexes(doc: DocDraft) -> None:
    """An 附件 line with nothing after it (often a web page's download link) is text."""
    for annex in list(doc.annexes):
        if annex.blocks or annex.sections:
            continue
        doc.annexes.remove(annex)
        doc.closing.append(f"{annex.label}：{annex.title}" if annex.label else annex.title)
        doc.note(
            "closing",
            f"请核对：“{annex.label}{annex.title}”后面没有附件内容，已作为正文末尾的段落（可能是网页上的下载链接）。",
        )


def _lift_blocks(doc: DocDraft) -> None:
    """Tables and boxes outside every numbered section cannot stay in the
    preamble or closing, which are text: from the first of them on, the
    content becomes a section of its own (before the body) or an annex (after
    it), so nothing is lost and the order is kept."""
    first = next((i for i, item in enumerate(doc.preamble) if not isinstance(item, str)), None)
    if first is not None:
        moved = doc.preamble[first:]
        del doc.preamble[first:]
        doc.body.insert(0, _section_for(moved))
    first = next((i for i, item in enumerate(doc.closing) if not isinstance(item, str)), None)
    if first is not None:
        moved = doc.closing[first:]
        del doc.closing[first:]
        doc.annexes.insert(0, _section_for(moved))


def _section_for(blocks: list[str | TableDraft | BoxDraft]) -> SectionDraft:
    lead = blocks[0]
    if isinstance(lead, TableDraft):
        title = lead.caption
    elif isinstance(lead, BoxDraft):
        title = heading_text(lead.label, lead.title).strip()
    else:
        title = lead
    section = SectionDraft("", title, "", 0, blocks=list(blocks))
    section.comments.append(
        "请核对：原文这部分不在任何编号章节下，因含有表格或专栏，已单独成节，标题取自表题或专栏题目。"
    )
    return section


def _drop_empty_sections(sections: list[SectionDraft], doc: DocDraft, parent: SectionDraft | None = None) -> None:
    """A heading with nothing under it is really a line of text: keep it as one."""
    if (
        parent is not None
        and any(not s.blocks and not s.sections for s in sections)
        and not any(s.sections or s.marked for s in sections)
    ):
        # "1. 落实……。机关……" then "2. 扶持自主创业。": a numbered list whose items are
        # sentences, not sections. Keep every item, in order, as a numbered paragraph.
        for section in sections:
            text = f"{section.label}{section.title}"
            blocks = list(section.blocks)
            first = blocks[0] if blocks else None
            if isinstance(first, str):
                text += first
                blocks.pop(0)
            parent.blocks.extend([text, *blocks])
        parent.comments.append(f"请核对：“{sections[0].label}”开头的各项有的没有正文，已全部作为编号段落。")
        sections.clear()
        return
    for section in list(sections):
        _drop_empty_sections(section.sections, doc, section)
        if section.blocks or section.sections:
            continue
        sections.remove(section)
        text = f"{section.label}{section.title}"
        if parent is not None:
            parent.blocks.append(text)
            parent.comments.append(f"请核对：“{text[:QUOTE_CHARS]}”下面没有正文，已作为本节的段落。")
        else:
            doc.preamble.append(text)
            doc.note("preamble", f"请核对：“{text[:QUOTE_CHARS]}”下面没有正文，已作为正文开头的段落。")
