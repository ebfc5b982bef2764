"""Reading the body: sections nested by numbering learnt from the document (the
first style met is level 1, a style not seen before nests under the current
heading, a style already open closes everything below it), boxes, tables and
their captions and notes, the glossary, annexes.
"""

from __future__ import annotations

import re

from ..numbering import Numbered, heading_text, numbered
from .draft import (
    ANNEX,
    BOX,
    DIVISIONS,
    GLOSSARY,
    MAX_BARE_ANNEX,
    MAX_HEADING,
    MAX_RUN_IN,
    MIN_RUN_IN,
    NOTE,
    BoxDraft,
    DocDraft,
    Item,
    SectionDraft,
    TermDraft,
    caption_like,
)
from .lines import TERMINAL, Line
from .patterns import UNIT, with_unit
from .tables import TableDraft


class Body:
    def __init__(self, doc: DocDraft) -> None:
        self.doc = doc
        self.stack: list[SectionDraft] = []  # open sections, outermost first
        self.box: BoxDraft | None = None
        self.box_frame = 0  # the box drawn in the source whose first line opened `box`: it ends there too
        self.frames: tuple[int, ...] = ()  # the drawn boxes the item read before was in
        self.in_glossary = False
        # The 名词解释 line no term has followed yet, and where it was read: if none follows, it is text there.
        self.glossary_line: tuple[str, list, int] | None = None
        self.annex: SectionDraft | None = None
        self.caption: str | None = None  # a short line waiting to caption the next table
        self.unit: str | None = None  # 单位：万人, said between the next table's title and the table
        self.notes: TableDraft | None = None  # the table whose notes (注：1.…) are being read
        self.notes_style: str | None = None  # the numbering of those notes (1. 2. …), once one is read
        self.annex_lists: set[int] = set()  # items that are 附件：… lines listing the annexes
        self.annexes_elsewhere: set[int] = set()  # the first lines of such lists whose annexes do not follow

    # where text goes right now
    def _section(self) -> SectionDraft | None:
        """The section (or annex) being read; None before the first section and after the last."""
        return self.stack[-1] if self.stack else self.annex

    def _loose(self) -> tuple[str, list]:
        """Where text outside every section goes (the field's name and its paragraphs): the
        preamble, or after the body the closing."""
        return ("preamble", self.doc.preamble) if not self.doc.body else ("closing", self.doc.closing)

    def _container(self) -> list:
        if self.box is not None:
            return self.box.blocks
        section = self._section()
        return section.blocks if section is not None else self._loose()[1]

    def run(self, items: list[Item]) -> None:
        # 附件：… lines only list the annexes when the annexes themselves follow (a bare 附件,
        # after the 落款), or when the list goes on counting (附件：1．… then 2．…): annexes
        # published as separate files, as a web page's downloads are.
        bare = [i for i, item in enumerate(items) if isinstance(item, Line) and _bare_annex(item.text)]
        starts = [
            i
            for i, item in enumerate(items)
            if isinstance(item, Line) and ANNEX.match(item.text) and not _bare_annex(item.text)
        ]
        continued = _list_continued(items, starts)
        self.annex_lists = {i for i in starts if (bare and bare[-1] > i) or continued[i]}
        self.annexes_elsewhere = {i for i in self.annex_lists if not (bare and bare[-1] > i)}
        self.annex_lists |= {j for i in self.annex_lists for j in continued[i]}
        skip = False
        for index, item in enumerate(items):
            following = items[index + 1] if index + 1 < len(items) else None
            if self.box is not None and self.box_frame not in (0, *item.frames):
                self._leave_drawn_box(item)
            if skip:
                skip = False
            elif isinstance(item, TableDraft):
                self._table(item, last=following is None)
            elif index in self.annex_lists:
                self._container().append(item.text)
                if index in self.annexes_elsewhere:
                    self._note(ANNEXES_ELSEWHERE)
            elif (match := ANNEX.match(item.text)) and _bare_annex(item.text) and _annex_title(following):
                assert isinstance(following, Line)
                self._open_annex(match["label"].replace(" ", ""), following.text, item.number)
                skip = True  # the next line is the annex's title
            else:
                self._line(item, following)
            self.frames = item.frames
        self._flush_caption()
        self._keep_glossary_line()

    def _keep_glossary_line(self) -> None:
        """A 名词解释 line that no term followed is a line of text, where it was read."""
        if self.glossary_line is not None:
            text, blocks, index = self.glossary_line
            blocks.insert(index, text)
            self.glossary_line = None

    def _note(self, text: str) -> None:
        """A comment on the section the text goes to now (or on the preamble or closing)."""
        section = self._section()
        if section is not None:
            section.comments.append(text)
        else:
            self.doc.note(self._loose()[0], text)

    def _flush_caption(self) -> None:
        if self.caption is not None:
            self._container().append(self.caption)
            self.caption = None

    def _table(self, table: TableDraft, *, last: bool) -> None:
        caption, self.caption = self.caption, None
        unit, self.unit = self.unit, None
        if table.caption:  # its title typed in its first row: the short line before it is text
            if caption is not None:
                self._container().append(caption)
            caption = table.caption if caption_like(table.caption) else None
            if caption is None:
                self._container().append(table.caption)
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
        if unit is not None:  # the unit goes with the title a screen reader announces with the table
            caption = with_unit(caption, unit)
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
        if isinstance(following, TableDraft) and UNIT.match(text):
            self.unit = text  # between the table's title (kept back) and the table
            return
        self._flush_caption()
        if GLOSSARY.match(text):
            self._keep_glossary_line()
            self.box, self.in_glossary = None, True
            container = self._container()
            self.glossary_line = (text, container, len(container))
            return
        if (match := ANNEX.match(text)) and match["title"] and (following is not None or len(text) < MAX_BARE_ANNEX):
            self._open_annex(match["label"].replace(" ", ""), match["title"], line.number)
            return
        if match := BOX.match(text):
            self.box_frame = self._drawn_box(line)
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
        if line.list_item:
            self._container().append(text)
            return
        if self._table_note(text, n, following):
            return
        if n is not None and self.box is not None and n.style.name not in self._open_styles():
            self.box.blocks.append(text)  # numbered items inside a 专栏 stay its paragraphs
            return
        if n is not None and self.stack and self.stack[-1].style == "article" and n.style.name not in DIVISIONS:
            self._container().append(text)  # （一）…； inside 第X条: the article's own list, not a heading
            return
        if n is not None and self._heading(n.style.name, n.label, n.rest.strip(), line.number, _marked_title(line, n)):
            return
        if n is not None and self._next_item(n, line.number):
            return
        unit_next = isinstance(following, Line) and UNIT.match(following.text) is not None
        if (isinstance(following, TableDraft) or unit_next) and caption_like(text):
            self.caption = text  # kept back until a table comes (after the unit, if one is said)
            return
        self._container().append(text)

    def _table_note(self, text: str, n: Numbered | None, following: Item | None = None) -> bool:
        """注： right after a table, and the numbered lines after it: the table's notes. A line
        between two numbered notes (a note's second paragraph) is part of the note before it."""
        blocks = self._container()
        reading = self.notes is not None and blocks and blocks[-1] is self.notes
        if reading and n is None and self.notes is not None and _next_note(self.notes.notes[-1], following):
            self.notes.notes[-1] += text
            return True
        if NOTE.match(text) and blocks and isinstance(blocks[-1], TableDraft):
            self.notes, self.notes_style = blocks[-1], None
            self.notes.notes.append(text)
            return True
        # The notes' list goes on in its own numbering; another numbering (第二章, 一、) is the text again.
        if (
            self.notes is not None
            and n is not None
            and blocks
            and blocks[-1] is self.notes
            and n.style.name not in DIVISIONS
            and self.notes_style in (None, n.style.name)
        ):
            self.notes_style = n.style.name
            if self.notes.notes == [self.notes.notes[0]] and NOTE.fullmatch(self.notes.notes[0]):
                self.notes.notes[0] += text  # 注： then 1.…: one note
            else:
                self.notes.notes.append(text)
            return True
        self.notes = None
        return False

    def _open_styles(self) -> list[str]:
        return [s.style for s in self.stack]

    def _leave_drawn_box(self, item: Item) -> None:
        """The box drawn around the open 专栏 ended before `item`: the text after it is the
        section's again. Where the box held only the 专栏's title (a title bar), the 专栏's text
        follows it: in the box `item` starts, or else up to the next heading."""
        if self.box is not None and self.box.blocks:
            self.box = None
        else:
            starts = item.frames[-1] if item.frames and item.frames[-1] not in self.frames else 0
            self.box_frame = starts

    def _drawn_box(self, title: Line) -> int:
        """The box drawn in the source that a 专栏 with this title fills: the innermost box the
        title is in, where it is the box's first line, or follows another 专栏 filling the same
        box; else 0 (the 专栏 ends at the next heading, as in text without boxes)."""
        frame = title.frames[-1] if title.frames else 0
        if frame in self.frames and not (self.box is not None and self.box_frame == frame):
            return 0
        return frame

    def _attach_box(self, box: BoxDraft) -> None:
        section = self._section()
        (section.blocks if section is not None else self._loose()[1]).append(box)

    def _heading(self, style: str, label: str, rest: str, line: int, marked: int = 0) -> bool:
        """Open a section if this numbered line is a heading; False if it is prose. `marked`:
        characters of `rest` the source sets apart as its run-in title."""
        title: str | None
        if style == "article":
            title, text = "", rest  # 第X条: the label is the heading, the rest is the article
        elif style.startswith("marked-"):
            title, text = rest, ""  # marked as a heading by the source: all of it is the title
        elif 0 < marked < len(rest) and rest[:marked].strip():
            title, text = rest[:marked].strip(), rest[marked:].strip()  # the source's own run-in title
        else:
            title, text = _split_heading(rest)
        if title is None:
            return False
        self._open_section(SectionDraft(label, title, style, line), text)
        return True

    def _next_item(self, n: Numbered, line: int) -> bool:
        """A numbered line of prose where a section numbered the same way is open (（一）…… then
        （二）一句长句……): the next item of that list, not the open item's text. It opens a section
        of its number alone, its text under it (where the list's items are sentences, tidy makes
        them all numbered paragraphs). Not where the source marks its headings, nor in a law's
        divisions."""
        sibling = next((s for s in reversed(self.stack) if s.style == n.style.name), None)
        if sibling is None or sibling.marked or n.style.name in DIVISIONS or not n.rest.strip():
            return False
        section = SectionDraft(n.label, "", n.style.name, line)
        section.comments.append(
            f"请核对：“{n.label}”这一项没有标题，它的文字已放在编号下面；如果它是上一项的正文，请移回。"
        )
        self._open_section(section, n.rest.strip())
        return True

    def _open_section(self, section: SectionDraft, text: str) -> None:
        """Open `section` where its numbering belongs: under the open section of a numbering above
        it, in place of the open one numbered the same way."""
        style = section.style
        section.label = "".join(section.label.split())  # 三 、 and 第 四 部分 as they are read: 三、 第四部分
        self.box = None
        self.in_glossary = False
        if text:
            section.blocks.append(text)
            section.run_in = True
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

    def _marked_heading(self, line: Line, n: Numbered | None) -> None:
        """A heading the source marks (Markdown): always a section, with its numbering where it has
        one, nested by its level (an open heading of the same or a deeper level closes). Where
        the source runs out of levels (HTML has six) a numbering style new to the open headings
        at the same level nests under them, as it would in plain text."""
        style = n.style.name if n is not None else ""
        if any(s.marked for s in self.stack):  # what the text's own numbering opened in the last one closes
            while not self.stack[-1].marked:
                self.stack.pop()
        while self.stack and self.stack[-1].marked >= line.heading:
            top = self.stack[-1]
            deeper = top.marked == line.heading and style and style != top.style
            if deeper and style not in {s.style for s in self.stack}:
                break
            self.stack.pop()
        opened = False
        # Its numbering is its label unless a heading above it numbers the same way (a page saved by
        # an office suite numbers every level 1. 2.): then the number stays in the title.
        if n is not None and n.style.name != "article" and n.style.name not in self._open_styles():
            title, text = _split_heading(n.rest.strip())
            opened = title is not None and not text and self._heading(n.style.name, n.label, title, line.number)
        if not opened:
            self._heading(f"marked-{line.heading}", "", line.text, line.number)
        self.stack[-1].marked = line.heading

    def _term(self, label: str, rest: str, line: int) -> None:
        self.glossary_line = None
        term, definition = _split_term(rest)
        same = next((t for t in self.doc.glossary if t.term == term), None)
        if same is not None:  # one term explained twice: keep both explanations in one entry
            same.definition = "；".join(d for d in (same.definition, definition) if d)
            self.doc.note("glossary", f"请核对：名词“{term}”出现了两次，两处解释已合并为一条。")
            return
        self.doc.glossary.append(TermDraft(label, term, definition, line))


def _next_note(last: str, following: Item | None) -> bool:
    """Whether the notes are a numbered list (注：1.… 2.…) and `following` is its next note."""
    listed = _LIST_ITEM.match(NOTE.sub("", last, count=1)) is not None
    return listed and isinstance(following, Line) and _LIST_ITEM.match(following.text) is not None


def _marked_title(line: Line, n: Numbered) -> int:
    """How much of the numbered line's text after its label the source marks as a run-in title;
    0 where it marks none, or no more than the label."""
    start = len(line.text) - len(n.rest.lstrip())  # where the text after the label begins
    return max(line.run_in - start, 0) if line.run_in else 0


ANNEXES_ELSEWHERE = (
    "请核对：附件清单所列的附件不在原文里（网页上常是下载链接）：请把附件的文件放在这份 YAML 旁边，写进 attachments。"
)
_LIST_ITEM = re.compile(r"^(\d{1,3})\s*[.．、]")  # an item of a short list (附件, 注): 1．…, 2、…


def _list_continued(items: list[Item], starts: list[int]) -> dict[int, set[int]]:
    """For each 附件：1．… line, the lines after it that go on counting its list (2．…, 3．…)."""
    more: dict[int, set[int]] = {}
    listed = set(starts)
    for i in starts:
        item = items[i]
        match = ANNEX.match(item.text) if isinstance(item, Line) else None
        first = _LIST_ITEM.match(match["title"]) if match else None
        count, j = (int(first[1]) if first else 0), i + 1
        more[i] = set()
        while count and j < len(items) and j not in listed:
            following = items[j]
            n = _LIST_ITEM.match(following.text) if isinstance(following, Line) else None
            if n is None or int(n[1]) != count + 1:
                break
            more[i].add(j)
            count, j = count + 1, j + 1
    return more


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
