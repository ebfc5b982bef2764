"""Draft document -> YAML text an editor can review, with `# 请核对` comments.

PyYAML writes each scalar and each table row (so quoting is always right);
this module lays out the structure and places the comments, which PyYAML
cannot do.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import yaml

from .draft import BoxDraft, DocDraft, SectionDraft, TermDraft
from .tables import TableDraft

# Characters Markdown would read as markup; plain text copied from a plan is text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<&])")


def md_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def scalar(value: str | int | dt.date) -> str:
    if isinstance(value, (int, dt.date)):
        return str(value) if isinstance(value, int) else value.isoformat()
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True)
    return dumped.removesuffix("\n...\n").rstrip("\n")


def flow(values: Sequence[object]) -> str:
    return yaml.safe_dump(values, allow_unicode=True, width=1_000_000, default_flow_style=True, sort_keys=False).rstrip(
        "\n"
    )


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def comment(self, indent: int, texts: list[str]) -> None:
        for text in texts:
            self.lines.append(" " * indent + "# " + text)

    def field(self, indent: int, key: str, value: str | int | dt.date | None, comments: list[str] = ()) -> None:  # type: ignore[assignment]
        if value in (None, ""):
            return
        self.comment(indent, list(comments))
        self.lines.append(f"{' ' * indent}{key}: {scalar(value)}")

    def key(self, indent: int, key: str) -> None:
        self.lines.append(f"{' ' * indent}{key}:")

    def item(self, indent: int, text: str) -> None:
        self.lines.append(f"{' ' * indent}- {text}")


def emit(doc: DocDraft, doc_id: str, source_name: str, id_comment: str = "") -> str:
    w = _Writer()
    w.comment(
        0,
        [
            f"由 build.py import 从 {source_name} 生成的草稿。",
            "请对照原文逐项核对，尤其是标有“请核对”的地方；核对完可删去这些注释。",
        ],
    )
    w.field(0, "id", doc_id, [id_comment] if id_comment else [])
    w.field(0, "kind", doc.kind, doc.comments.get("kind", []))
    w.field(0, "title", doc.title, doc.comments.get("title", []))
    w.field(0, "subtitle", doc.subtitle)
    w.field(0, "issuer", doc.issuer)
    w.field(0, "doc_number", doc.doc_number)
    w.field(0, "date_signed", doc.date_signed)
    w.field(0, "date_published", doc.date_published)
    if doc.period:
        w.lines.append(f"period: {{start: {doc.period[0]}, end: {doc.period[1]}}}")
    w.field(0, "region", doc.region)
    w.field(0, "index_number", doc.index_number)
    w.field(0, "topic", doc.topic)
    w.field(0, "validity", doc.validity)
    if doc.keywords:
        w.lines.append(f"keywords: {flow(doc.keywords)}")
    if doc.source_title:
        w.key(0, "source")
        w.field(2, "title", doc.source_title)
    if doc.notice_title:
        w.key(0, "notice")
        w.field(2, "title", doc.notice_title)
        w.field(2, "addressees", doc.addressees)
        if doc.notice_text:
            w.field(2, "text", "\n\n".join(md_escape(p) for p in doc.notice_text))
        if doc.notice_signature:
            w.key(2, "signature")
            w.field(4, "issuer", doc.notice_signature[0])
            w.field(4, "date", doc.notice_signature[1])
    elif doc.addressees:
        doc.preamble.insert(0, doc.addressees)
    _text_field(w, "preamble", doc.preamble, doc.comments.get("preamble", []))
    if doc.body:
        w.key(0, "body")
        _sections(w, doc.body, 2)
    _text_field(w, "closing", doc.closing, doc.comments.get("closing", []))
    if doc.glossary:
        w.comment(0, doc.comments.get("glossary", []))
        w.key(0, "glossary")
        for term in doc.glossary:
            _term(w, term)
    if doc.annexes:
        w.key(0, "annexes")
        for annex in doc.annexes:
            _section(w, annex, 2)
    if doc.signature:
        w.comment(0, doc.comments.get("signature", []))
        w.key(0, "signature")
        w.field(2, "issuer", doc.signature[0])
        w.field(2, "date", doc.signature[1])
    return "\n".join(w.lines) + "\n"


def _text_field(w: _Writer, key: str, paragraphs: list, comments: list[str]) -> None:
    texts = [p for p in paragraphs if isinstance(p, str)]
    if not texts:
        return
    w.comment(0, comments)
    # Paragraphs are separated by a blank line in Markdown; a literal block keeps them readable.
    w.lines.append(f"{key}: |-")
    for i, text in enumerate(texts):
        if i:
            w.lines.append("")
        w.lines.append("  " + md_escape(text))


def _sections(w: _Writer, sections: list[SectionDraft], indent: int) -> None:
    for section in sections:
        _section(w, section, indent)


def _section(w: _Writer, section: SectionDraft, indent: int) -> None:
    w.comment(indent, section.comments)
    first = f"label: {scalar(section.label)}" if section.label else f"title: {scalar(section.title)}"
    w.item(indent, first)
    inner = indent + 2
    if section.label and section.title:
        w.field(inner, "title", section.title)
    if section.blocks:
        w.key(inner, "blocks")
        _blocks(w, section.blocks, inner + 2)
    if section.sections:
        w.key(inner, "sections")
        _sections(w, section.sections, inner + 2)


def _blocks(w: _Writer, blocks: list, indent: int) -> None:
    for block in blocks:
        if isinstance(block, str):
            w.item(indent, scalar(md_escape(block)))
        elif isinstance(block, TableDraft):
            _table(w, block, indent)
        elif isinstance(block, BoxDraft):
            w.item(indent, "box:")
            w.field(indent + 4, "label", block.label)
            w.field(indent + 4, "title", block.title or block.label, [] if block.title else ["请核对：专栏没有标题。"])
            w.key(indent + 4, "blocks")
            _blocks(w, block.blocks, indent + 6)


def _table(w: _Writer, table: TableDraft, indent: int) -> None:
    w.comment(indent, table.comments)
    w.item(indent, "table:")
    inner = indent + 4
    w.field(inner, "caption", table.caption)
    w.lines.append(f"{' ' * inner}head: {flow(table.head)}")
    row_header = _guess_row_header(table)
    if row_header:
        w.comment(inner, [f"请核对：每一行以第{row_header}列（{table.head[row_header - 1]}）为行标题。"])
        w.lines.append(f"{' ' * inner}row_headers: {row_header}")
    w.key(inner, "rows")
    for r, row in enumerate(table.rows[1:], 1):
        if r in table.groups:
            w.item(inner + 2, f"group: {scalar(row[0])}")
            continue
        w.item(inner + 2, flow([_cell(text, table.spans.get((r, k))) for k, text in enumerate(row)]))
    if table.notes:
        w.key(inner, "notes")
        for note in table.notes:
            w.item(inner + 2, scalar(md_escape(note)))


def _cell(text: str, span: tuple[int, int] | None) -> object:
    """A cell as the content model writes it: text, or {text, rows, cols} when merged."""
    if span is None:
        return text
    cell: dict[str, object] = {"text": text}
    if span[0] > 1:
        cell["rows"] = span[0]
    if span[1] > 1:
        cell["cols"] = span[1]
    return cell


def _guess_row_header(table: TableDraft) -> int | None:
    """A 序号 column is not a good row header; the column after it usually is."""
    if table.spans or table.groups:
        return None  # which cell of a row stands in which column is the merges' business
    first = table.head[0].replace(" ", "")
    column = 2 if first in ("序号", "编号") and len(table.head) > 2 else 1
    values = [row[column - 1] for row in table.body]
    return column if len(set(values)) == len(values) and all(values) else None


def _term(w: _Writer, term: TermDraft) -> None:
    w.item(2, f"term: {scalar(term.term)}")
    w.field(4, "label", term.label)
    w.field(4, "definition", md_escape(term.definition) or term.term)
