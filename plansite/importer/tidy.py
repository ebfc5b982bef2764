"""Finishing the draft: title and kind from what was read, issuer and dates from
the 落款, empty sections, boxes and annexes made text, blocks outside any section
given one."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..numbering import heading_text
from ..reader import CELL, LINE, PARAGRAPH
from .draft import (
    PERIOD,
    PRINTED,
    QUOTE_CHARS,
    QUOTED_TITLE,
    UNTITLED,
    BoxDraft,
    DocDraft,
    SectionDraft,
    ending_kind,
    kind_of,
)
from .tables import TableDraft

# The words that close a 公文 (its 结束语: 特此通知。此复。以上意见，请认真贯彻执行。) or a reply
# (感谢您对……的关心和支持): they end the document, not the section they follow.
CLOSING_WORDS = re.compile(
    r"^(?:特此(?:通知|公告|通告|通报|批复|函告|函复|答复|报告|决定|公示|说明)|此复|妥否，请批示|当否，请批示"
    r"|以上(?:意见|报告|方案|请示)，[^。]{1,30}|请(?:认真)?(?:遵照|贯彻)执行|感谢您对[^。]{1,40})[。！]?$"
)
MAX_AFTER_CLOSING = 6  # lines after those words that go with them (联系人：…, 联系电话：…)


def finish(doc: DocDraft) -> None:
    _closing_words(doc)
    doc.closing += doc.public_notes
    if not doc.title and doc.notice_title:
        match = PRINTED.search(doc.notice_title) or QUOTED_TITLE.search(doc.notice_title)
        if match:
            doc.title = match["title"].strip("《》")
    if not doc.title:
        doc.title = UNTITLED
        doc.note("title", "请核对：没有找到文件标题，请填写。")
    doc.kind = doc.kind or kind_of(doc.title) or ending_kind(doc.subtitle)  # ——在……上的讲话
    if not doc.kind:
        doc.kind = "notice"
        doc.note("kind", "请核对：无法从标题判断文件类型，暂定为 notice（通知）。")
    if match := PERIOD.search(doc.title):
        doc.period = (int(match["a"]), int(match["b"]))
    signed = doc.notice_signature or doc.signature  # 发文机关 and 成文日期 are those of the 落款
    if signed and (not doc.issuer or set(doc.issuer.split()) < set(signed[0].split())):
        doc.issuer = signed[0]  # none stated above the title, or some of a joint document's issuers only
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
    _fit_titles_and_cells(doc)
    _split_long_paragraphs(doc)


def _closing_words(doc: DocDraft) -> None:
    """特此通知。 and what follows it at the end of the last section: the document's closing."""
    if not doc.body:
        return
    last = doc.body[-1]
    while last.sections:  # a section's own blocks come before its subsections: the end is the last one's
        last = last.sections[-1]
    blocks = last.blocks
    tail = len(blocks)
    while tail > 0 and isinstance(blocks[tail - 1], str) and len(blocks) - tail <= MAX_AFTER_CLOSING:
        tail -= 1
    start = next((i for i in range(tail, len(blocks)) if CLOSING_WORDS.match(str(blocks[i]))), None)
    if start:  # never all of the section's text: a heading over nothing would be left
        doc.closing[:0] = blocks[start:]
        del blocks[start:]


Note = Callable[[str], None]  # says something to the editor in a comment on a part of the draft


def _all_sections(sections: list[SectionDraft]) -> Iterator[SectionDraft]:
    for section in sections:
        yield section
        yield from _all_sections(section.sections)


def _block_lists(doc: DocDraft) -> Iterator[tuple[list, Note]]:
    """Every list of blocks in the draft (the preamble, the closing, each section's and annex's,
    each box's in them), with how to comment on it."""

    def with_boxes(blocks: list, note: Note) -> Iterator[tuple[list, Note]]:
        yield blocks, note
        for block in blocks:
            if isinstance(block, BoxDraft):
                yield from with_boxes(block.blocks, note)

    yield from with_boxes(doc.preamble, lambda text: doc.note("preamble", text))
    yield from with_boxes(doc.closing, lambda text: doc.note("closing", text))
    for section in _all_sections(doc.body + doc.annexes):
        yield from with_boxes(section.blocks, section.comments.append)


def _fit_titles_and_cells(doc: DocDraft) -> None:
    """What `check` would refuse as too long becomes text it takes, in place, with a note: a
    numbered section's title over a one-line field's limit (a bold run-in title of a long
    sentence) is its first paragraph, under its number alone (as an article's 第一条 is); a
    table with a cell over a cell's limit is its cells' texts, row by row (a table Word used to
    lay out text)."""
    for section in _all_sections(doc.body + doc.annexes):
        if section.label and len(section.title) > LINE:
            section.blocks.insert(0, section.title)
            section.comments.append(
                f"请核对：标题有 {len(section.title)} 个字，超过 {LINE} 字的上限，已作为本节的第一段。"
            )
            section.title = ""
    for blocks, note in _block_lists(doc):
        for i in reversed(range(len(blocks))):
            block = blocks[i]
            if not isinstance(block, TableDraft):
                continue
            if any(len(cell) > CELL for row in block.rows for cell in row) or any(len(h) > LINE for h in block.head):
                note(
                    f"请核对：表格“{block.caption[:QUOTE_CHARS]}”有单元格超过上限（表头 {LINE} 字，其余 {CELL} 字），已按行逐格写成段落。"
                )
                blocks[i : i + 1] = [cell for row in block.rows for cell in row if cell.strip()]
            elif len(block.caption) > LINE:  # a long sentence across the table's top: its text before it
                blocks.insert(i, block.caption)
                block.comments.insert(
                    0,
                    f"请核对：表格上方横跨的一行有 {len(block.caption)} 个字，超过表题 {LINE} 字的上限，已作为表格前的段落；请补写表题。",
                )
                block.caption = "表格"
    _fit_fields(doc)


# The one-line facts of a document the draft states (a subtitle, an issuer…), by their keys.
_FACTS = ("subtitle", "issuer", "doc_number", "region", "source_title", "index_number", "topic")


def _fit_fields(doc: DocDraft) -> None:
    """A fact read from the source longer than a one-line field takes (a page's metadata gone
    wrong) is not stated: its text goes into a comment on the title, for the editor."""
    for key in _FACTS:
        value = getattr(doc, key)
        if len(value) > LINE:
            doc.note("title", f"请核对：原文的 {key} 有 {len(value)} 个字，超过 {LINE} 字的上限，没有写入：{value}")
            setattr(doc, key, "")
    for keyword in [k for k in doc.keywords if len(k) > LINE]:
        doc.note("title", f"请核对：原文的主题词有 {len(keyword)} 个字，超过 {LINE} 字的上限，没有写入：{keyword}")
        doc.keywords.remove(keyword)


_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[”’」』）)]*|[^。！？；]+$")  # a sentence and what closes it


def _split_long_paragraphs(doc: DocDraft) -> None:
    """A paragraph longer than a text field allows (PARAGRAPH) becomes paragraphs, each of whole
    sentences where it can be, so the draft still passes `check`; said in a comment."""

    def split(text: str) -> list[str]:
        parts: list[str] = [""]
        for found in _SENTENCE.finditer(text):
            sentence = found[0]
            while len(sentence) > PARAGRAPH:  # a sentence longer than a paragraph: cut at the limit
                parts += [sentence[:PARAGRAPH], ""]
                sentence = sentence[PARAGRAPH:]
            if len(parts[-1]) + len(sentence) > PARAGRAPH:
                parts.append("")
            parts[-1] += sentence
        return [part for part in parts if part]

    notice: tuple[list, Note] = (doc.notice_text, lambda text: doc.note("notice", text))
    for blocks, note in [*_block_lists(doc), notice]:
        for i in reversed(range(len(blocks))):
            if isinstance(blocks[i], str) and len(blocks[i]) > PARAGRAPH:
                parts = split(blocks[i])
                note(
                    f"请核对：有一段原文有 {len(blocks[i])} 个字，超过每段 {PARAGRAPH} 字的上限，已在句末分成 {len(parts)} 段。"
                )
                blocks[i : i + 1] = parts


def _drop_empty_boxes(doc: DocDraft) -> None:
    """A 专栏 heading with nothing under it stays as its line of text, in place."""
    for blocks, _note in _block_lists(doc):
        for i, block in enumerate(blocks):
            if isinstance(block, BoxDraft) and not block.blocks:
                blocks[i] = heading_text(block.label, block.title).strip()


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
            text = heading_text(section.label, section.title)
            blocks = list(section.blocks)
            if section.run_in and isinstance(first := blocks[0], str):
                text += first  # the text on the item's own line; a paragraph under it stays one
                blocks.pop(0)
            parent.blocks.extend([text, *blocks])
        parent.comments.append(f"请核对：“{sections[0].label}”开头的各项有的没有正文，已全部作为编号段落。")
        sections.clear()
        return
    kept: list[SectionDraft] = []
    for section in sections:
        _drop_empty_sections(section.sections, doc, section)
        if section.blocks or section.sections:
            kept.append(section)
            continue
        # Its line stays where it was read: after the section before it (at the end of that
        # section's last part), or, for the first, after its parent's text or in the preamble.
        text = heading_text(section.label, section.title)
        if kept:
            holder = kept[-1]
            while holder.sections:
                holder = holder.sections[-1]
            holder.blocks.append(text)
            holder.comments.append(f"请核对：“{text[:QUOTE_CHARS]}”下面没有正文，已作为上一节末尾的段落。")
        elif parent is not None:
            parent.blocks.append(text)
            parent.comments.append(f"请核对：“{text[:QUOTE_CHARS]}”下面没有正文，已作为本节的段落。")
        else:
            doc.preamble.append(text)
            doc.note("preamble", f"请核对：“{text[:QUOTE_CHARS]}”下面没有正文，已作为正文开头的段落。")
    sections[:] = kept
