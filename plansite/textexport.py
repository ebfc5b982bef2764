"""A document as a plain-text file (.txt) to read, copy, print or feed to
one's own text-to-speech.

UTF-8 with a byte-order mark and CRLF line ends, so Windows Notepad opens it
correctly; headings keep their numbering; paragraphs are separated by a blank
line; a table is written row by row as 表头：值；表头：值 so it can be read aloud.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import model as m
from .markup import plain_text
from .numbering import heading_text
from .strings import T
from .view import MetaItem, chinese_date

BOM = "\ufeff"
CRLF = "\r\n"


def table_lines(table: m.Table) -> list[str]:
    """Each row complete (a merged cell repeated in every row it covers), a group row as its own line."""
    lines = [f"{T['txt_table']}{table.caption}"]
    for row in m.layout(table.rows, len(table.head))[0]:
        if isinstance(row, m.GroupRow):
            lines.append(row.title)
            continue
        pairs = [f"{_columns(table.head, p)}：{p.cell.text}" for p in row if p.cell.text]
        lines.append("；".join(pairs) + "。" if pairs else "")
    lines += [plain_text(note) for note in table.notes]
    return lines


def _columns(head: tuple[str, ...], placed: m.Placed) -> str:
    return "、".join(head[placed.column : placed.column + placed.cell.cols])


Kind = Literal["title", "heading", "paragraph", "lines"]


@dataclass(frozen=True)
class TextBlock:
    """One paragraph of the text as what it is, so the braille edition can lay it out
    as braille is read: a title, a heading (level 1 = a chapter), a paragraph, or
    lines that each stand alone (metadata, a table's rows, a signature)."""

    kind: Kind
    text: str
    level: int = 0


class _Writer:
    def __init__(self) -> None:
        self.blocks_written: list[TextBlock] = []

    def add(self, *texts: str, kind: Kind = "paragraph", level: int = 0) -> None:
        for text in texts:
            if text.strip():
                self.blocks_written.append(TextBlock(kind, text.strip(), level))

    def lines(self, *lines: str) -> None:
        self.add("\n".join(lines), kind="lines")

    def markdown(self, source: str) -> None:
        for paragraph in plain_text(source).split("\n\n"):
            self.add(paragraph)

    def blocks(self, blocks: tuple[m.Block, ...], level: int) -> None:
        for block in blocks:
            if isinstance(block, m.Text):
                self.markdown(block.source)
            elif isinstance(block, m.Table):
                self.lines(*table_lines(block))
            else:
                self.add(heading_text(block.label, block.title), kind="heading", level=level)
                self.blocks(block.blocks, level + 1)

    def sections(self, sections: tuple[m.Section, ...], level: int = 1) -> None:
        for section in sections:
            self.add(heading_text(section.label, section.title), kind="heading", level=level)
            self.blocks(section.blocks, level + 1)
            self.sections(section.sections, level + 1)

    def signature(self, signature: m.Signature | None) -> None:
        if signature:
            self.lines(signature.issuer, *([chinese_date(signature.date)] if signature.date else []))


def text_file(blocks: list[TextBlock]) -> str:
    """The .txt: the blocks as paragraphs, a blank line between them."""
    text = "\n\n".join(block.text for block in blocks) + "\n"
    return BOM + text.replace("\r\n", "\n").replace("\n", CRLF)


def index_blocks(site: m.SiteConfig, title: str, documents: list[tuple[m.Listed, str]]) -> list[TextBlock]:
    """A document list as text (the home page's, a listing's): each document with
    its metadata and its .txt file."""
    w = _Writer()
    w.add(title, kind="title")
    w.add(T["document_count"].format(n=len(documents)))
    for doc, txt_name in documents:
        lines = [doc.title, f"{T['kind']}：{doc.kind_label}"]
        lines += [f"{T['issuer']}：{doc.issuer}"] if doc.issuer else []
        lines += [f"{T['doc_number']}：{doc.doc_number}"] if doc.doc_number else []
        if doc.date:  # the date a reader sorts by, named as what it is
            label = T["date_published"] if doc.date_published else T["date_signed"]
            lines.append(f"{label}：{chinese_date(doc.date)}")
        lines.append(f"{T['txt_file']}：{txt_name}")
        w.lines(*lines)
    w.add(T["owner"].format(owner=site.owner), *site.footer)
    return w.blocks_written


def document_blocks(doc: m.Document, metadata: tuple[MetaItem, ...]) -> list[TextBlock]:
    """The document's text in reading order: what the .txt and the braille edition say."""
    w = _Writer()
    w.add(doc.title, kind="title")
    w.add(doc.subtitle)
    w.lines(*(f"{item.name}：{item.value}" for item in metadata))
    if doc.notice:
        n = doc.notice
        w.add(n.title, kind="title")
        w.add(n.doc_number, n.addressees)
        w.markdown(n.text)
        w.signature(n.signature)
    w.markdown(doc.preamble)
    w.sections(doc.body)
    w.markdown(doc.closing)
    w.signature(doc.signature)
    w.sections(doc.annexes)
    if doc.glossary:
        w.add(T["glossary"], kind="heading", level=1)
        for term in doc.glossary:
            w.add(f"{term.label}{term.term}：{plain_text(term.definition)}")
    if doc.source:
        w.add(
            f"{T['source']}：{doc.source.title}{'（' + doc.source.note + '）' if doc.source.note else ''} {doc.source.url}"
        )
    return w.blocks_written
