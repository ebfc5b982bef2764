"""Document model -> view: everything the templates need, computed once.

The view fixes anchor ids, heading levels and the contents list, and renders
every text field to HTML in reading order (so "first use" of a glossary term
really is the first one a reader meets). Every HTML mode renders the same
view; templates only lay it out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import count

from markupsafe import Markup

from . import model as m
from .markup import GlossaryLinker, TextRenderer, plain_text
from .numbering import heading_text
from .speech import speak_html, speech_tokens
from .strings import T


@dataclass(frozen=True)
class TextView:
    html: Markup
    kind: str = "text"


@dataclass(frozen=True)
class CellView:
    html: Markup
    header: bool  # a row header (th scope=row)
    label: str  # its column header(s) as text: the 大字版 cards show it before the value
    rows: int = 1  # rowspan
    cols: int = 1  # colspan
    id: str = ""  # a row header's, in a table with merged cells or group rows
    headers: str = ""  # ids of the header cells that apply to it, in such a table


@dataclass(frozen=True)
class BodyView:
    """A run of rows in its own <tbody>, headed by a group row (一、医疗质量) if `group`."""

    group: Markup | None
    group_id: str
    rows: tuple[tuple[CellView, ...], ...]  # as written: merged cells span rows and columns
    # Every row complete, a cell merged downwards repeated in each row it covers,
    # for layouts that show rows one by one (the 大字版 cards).
    full_rows: tuple[tuple[CellView, ...], ...]


@dataclass(frozen=True)
class TableView:
    id: str
    caption: Markup
    head: tuple[Markup, ...]
    # With merged cells or group rows, position alone no longer says which header
    # cells apply, so every cell names its headers (WCAG H43): the column
    # headers' ids (all "" in a simple table).
    head_ids: tuple[str, ...]
    bodies: tuple[BodyView, ...]
    notes: tuple[Markup, ...]
    # When the caption only repeats the heading just above (专栏1 …, 重点任务分工),
    # the table is named by that heading (its id) and the title is said once.
    labelled_by: str = ""
    kind: str = "table"


@dataclass(frozen=True)
class BoxView:
    id: str
    label: str
    title: Markup
    level: int  # heading level of the box title
    blocks: tuple[BlockView, ...]
    kind: str = "box"


BlockView = TextView | TableView | BoxView


@dataclass(frozen=True)
class SectionView:
    id: str
    label: str
    title: Markup
    level: int  # 2 for top-level sections (the h1 is the document title)
    blocks: tuple[BlockView, ...]
    sections: tuple[SectionView, ...]

    @property
    def has_tables(self) -> bool:
        """Whether a table is in it, in a box or a section inside: the one block a mode lays out its own way."""
        return _have_tables(self.blocks) or any(s.has_tables for s in self.sections)


def _have_tables(blocks: tuple[BlockView, ...]) -> bool:
    return any(b.kind == "table" or (isinstance(b, BoxView) and _have_tables(b.blocks)) for b in blocks)


@dataclass(frozen=True)
class TermView:
    id: str
    label: str
    term: str
    definition: Markup


@dataclass(frozen=True)
class MetaItem:
    name: str
    value: str
    date: dt.date | None = None  # rendered as <time datetime=…>


@dataclass(frozen=True)
class RelatedView:
    id: str
    kind_label: str  # how the list names the link: the document's kind, or its relation (替代本文件的文件)
    title: str


@dataclass(frozen=True)
class NoticeView:
    title: Markup
    doc_number: str
    addressees: Markup
    text: Markup
    signature: m.Signature | None


@dataclass
class DocumentView:
    doc: m.Document
    notice: NoticeView | None
    preamble: Markup
    body: tuple[SectionView, ...]
    closing: Markup
    annexes: tuple[SectionView, ...]
    glossary: tuple[TermView, ...]
    metadata: tuple[MetaItem, ...]
    related: tuple[RelatedView, ...] = field(default_factory=tuple)
    description: str = ""  # for <meta name="Description">: the opening of the text, plain

    @property
    def contents(self) -> tuple[SectionView, ...]:
        return self.body + self.annexes


def part_anchors(view: DocumentView) -> frozenset[str]:
    """The ids of the document's own parts (its sections, annexes, boxes, tables and terms):
    the places its text may link to (`[见附件1](#annex-1)`). Every mode's page has them, and
    the EPUB points a link to the part that holds one."""
    found: set[str] = {term.id for term in view.glossary}

    def blocks(items: tuple[BlockView, ...]) -> None:
        for item in items:
            if isinstance(item, BoxView):
                found.add(item.id)
                blocks(item.blocks)
            elif isinstance(item, TableView):
                found.add(item.id)

    def sections(items: tuple[SectionView, ...]) -> None:
        for section in items:
            found.add(section.id)
            blocks(section.blocks)
            sections(section.sections)

    sections(view.body)
    sections(view.annexes)
    return frozenset(found)


def chinese_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


class _Ids:
    """Anchor ids that are stable for the same input (no random or global state)."""

    def __init__(self) -> None:
        self._counters: dict[str, count[int]] = {}

    def next(self, prefix: str) -> str:
        counter = self._counters.setdefault(prefix, count(1))
        return f"{prefix}-{next(counter)}"


Heading = tuple[str, str]  # the text and the anchor id of a heading
NO_HEADING: Heading = ("", "")


def build_view(doc: m.Document, related: tuple[RelatedView, ...] = ()) -> DocumentView:
    terms = {t.term: f"term-{i}" for i, t in enumerate(doc.glossary, 1)}
    text = TextRenderer([GlossaryLinker(terms), speech_tokens])
    ids = _Ids()

    def blocks(items: tuple[m.Block, ...], level: int, heading: Heading = NO_HEADING) -> tuple[BlockView, ...]:
        """`heading`: the heading right before the first block (its text and id)."""
        return tuple(block(b, level, heading if i == 0 else NO_HEADING) for i, b in enumerate(items))

    def block(item: m.Block, level: int, heading: Heading) -> BlockView:
        if isinstance(item, m.Text):
            return TextView(text.block(item.source))
        if isinstance(item, m.Table):
            return table(item, heading)
        box_id = ids.next("box")
        return BoxView(
            id=box_id,
            label=item.label,
            title=speak_html(item.title),
            level=level + 1,
            blocks=blocks(item.blocks, level + 1, (heading_text(item.label, item.title), f"{box_id}-title")),
        )

    def table(item: m.Table, heading: Heading) -> TableView:
        heading_words, heading_id = heading
        repeats = bool(heading_words) and _squeeze(item.caption) == _squeeze(heading_words)
        table_id = ids.next("table")
        names = _HeaderNames(table_id) if _is_complex(item) else None
        return TableView(
            labelled_by=heading_id if repeats else "",
            id=table_id,
            caption=speak_html(item.caption),
            head=tuple(speak_html(h) for h in item.head),
            head_ids=tuple(names.column(c) if names else "" for c in range(len(item.head))),
            bodies=_bodies(item, names, text.inline),
            notes=tuple(text.inline(n) for n in item.notes),
        )

    def sections(items: tuple[m.Section, ...], level: int, prefix: str) -> tuple[SectionView, ...]:
        out = []
        for i, s in enumerate(items, 1):
            sid = f"{prefix}-{i}"
            out.append(
                SectionView(
                    id=sid,
                    label=s.label,
                    title=speak_html(s.title),
                    level=level,
                    blocks=blocks(s.blocks, level, (heading_text(s.label, s.title), sid)),
                    sections=sections(s.sections, level + 1, sid),
                )
            )
        return tuple(out)

    notice = None
    if doc.notice:
        n = doc.notice
        notice = NoticeView(
            title=speak_html(n.title),
            doc_number=n.doc_number,
            addressees=text.inline(n.addressees),
            text=text.block(n.text),
            signature=n.signature,
        )
    preamble = text.block(doc.preamble)
    body = sections(doc.body, 2, "s")
    closing = text.block(doc.closing)
    annexes = sections(doc.annexes, 2, "annex")
    # Definitions come last and never link terms themselves.
    glossary = tuple(
        TermView(id=terms[t.term], label=t.label, term=t.term, definition=text.inline(t.definition, links=False))
        for t in doc.glossary
    )
    return DocumentView(
        doc=doc,
        notice=notice,
        preamble=preamble,
        body=body,
        closing=closing,
        annexes=annexes,
        glossary=glossary,
        metadata=_metadata(doc),
        related=related,
        description=_description(doc),
    )


DESCRIPTION_CHARS = 120  # a search result's snippet, about two lines


def _description(doc: m.Document) -> str:
    """The document's opening words as plain text: its preamble, else its first paragraph."""
    first = doc.preamble or next((b.source for s in _walk(doc.body) for b in s.blocks if isinstance(b, m.Text)), "")
    text = " ".join(plain_text(first).split()) if first else doc.title
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS] + "…"


def _walk(sections: tuple[m.Section, ...]) -> Iterator[m.Section]:
    for section in sections:
        yield section
        yield from _walk(section.sections)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _metadata(doc: m.Document) -> tuple[MetaItem, ...]:
    period = T["period_value"].format(start=doc.period.start, end=doc.period.end) if doc.period else ""
    items = [
        MetaItem(T["kind"], doc.kind_label),
        MetaItem(T["issuer"], doc.issuer),
        MetaItem(T["doc_number"], doc.doc_number),
        MetaItem(T["date_signed"], chinese_date(doc.date_signed), doc.date_signed) if doc.date_signed else None,
        MetaItem(T["date_published"], chinese_date(doc.date_published), doc.date_published)
        if doc.date_published
        else None,
        MetaItem(T["period"], period),
        MetaItem(T["region"], doc.region),
        MetaItem(T["index_number"], doc.index_number),
        MetaItem(T["topic"], doc.topic),
        MetaItem(T["keywords"], T["keywords_separator"].join(doc.keywords)),
        MetaItem(T["validity"], doc.validity),
    ]
    return tuple(i for i in items if i is not None and i.value)


def related_views(facts: dict[str, m.Facts]) -> dict[str, tuple[RelatedView, ...]]:
    """Related documents in both directions: a plan lists its 起草说明 and vice versa;
    a document replaced by another lists it, and the other lists what it replaces."""
    links: dict[str, dict[str, str]] = {doc_id: {} for doc_id in facts}  # id -> {other id: label}
    for doc in facts.values():
        for rel in doc.related:
            links[doc.id].setdefault(rel.id, facts[rel.id].listed.kind_label)
            links[rel.id].setdefault(doc.id, doc.listed.kind_label)
        if doc.superseded_by:
            links[doc.id][doc.superseded_by.id] = T["superseded_by"]
            links[doc.superseded_by.id][doc.id] = T["supersedes"]
    return {
        doc_id: tuple(RelatedView(other, label, facts[other].listed.title) for other, label in sorted(targets.items()))
        for doc_id, targets in links.items()
    }


def _is_complex(table: m.Table) -> bool:
    return any(isinstance(row, m.GroupRow) or any(c.rows > 1 or c.cols > 1 for c in row) for row in table.rows)


def _bodies(table: m.Table, names: _HeaderNames | None, inline: Callable[[str], Markup]) -> tuple[BodyView, ...]:
    """The table's rows in runs under their group rows, each cell with the
    header cells that apply to it: the column headers above it, the row
    header of each row it covers (wherever it stands in the row, as browsers
    expose row headers to screen readers), its group row. `names`: the ids of
    header cells, in a table with merged cells or group rows (else None)."""
    grid = m.layout(table.rows, len(table.head))[0]
    # Each row's row header: its id as written (a merged one is written once) and in a complete row.
    written: list[str] = []
    own: list[str] = []
    first_row: dict[int, int] = {}  # a row-header cell (by id()) -> the row it is written in
    for i, row in enumerate(grid):
        found = None if isinstance(row, m.GroupRow) else next((p for p in row if p.column == table.row_header), None)
        if found is None or names is None:
            written.append("")
            own.append("")
            continue
        first_row.setdefault(id(found.cell), i)
        written.append(names.row(first_row[id(found.cell)]))
        own.append(names.row(i))
    html: dict[int, Markup] = {}  # each cell rendered once, however often a merge repeats it
    bodies: list[BodyView] = []
    group: Markup | None = None
    group_id = ""
    rows: list[tuple[CellView, ...]] = []
    full: list[tuple[CellView, ...]] = []

    def cell(placed: m.Placed, i: int, *, full_row: bool) -> CellView:
        key = id(placed.cell)
        if key not in html:
            html[key] = inline(placed.cell.text)
        columns = range(placed.column, placed.column + placed.cell.cols)
        is_header = placed.column == table.row_header
        label = "、".join(table.head[c] for c in columns)
        if names is None:
            return CellView(html[key], is_header, label)
        ids = own if full_row else written
        covered = range(i, i + 1) if full_row else range(i, i + placed.cell.rows)
        headers = [names.column(c) for c in columns]
        if not is_header:
            headers += list(dict.fromkeys(ids[r] for r in covered if ids[r]))
        if group_id:
            headers.append(group_id)
        return CellView(
            html=html[key],
            header=is_header,
            label=label,
            rows=1 if full_row else placed.cell.rows,
            cols=placed.cell.cols,
            id=ids[i] if is_header else "",
            headers=" ".join(headers),
        )

    for i, row in enumerate(grid):
        if isinstance(row, m.GroupRow):
            if rows or group is not None:
                bodies.append(BodyView(group, group_id, tuple(rows), tuple(full)))
            group, group_id, rows, full = speak_html(row.title), names.group(i) if names else "", [], []
            continue
        rows.append(tuple(cell(p, i, full_row=False) for p in row if not p.copy))
        full.append(tuple(cell(p, i, full_row=True) for p in row))
    if rows or group is not None:
        bodies.append(BodyView(group, group_id, tuple(rows), tuple(full)))
    return tuple(bodies)


@dataclass(frozen=True)
class _HeaderNames:
    """Ids of a table's header cells, for headers=…"""

    table_id: str

    def column(self, c: int) -> str:
        return f"{self.table_id}-h{c}"

    def row(self, i: int) -> str:
        return f"{self.table_id}-r{i}"

    def group(self, i: int) -> str:
        return f"{self.table_id}-g{i}"
