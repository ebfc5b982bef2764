"""The document model: what an editor wrote, validated and typed.

One model per document; every output mode (standard, large type, plain-text
channel, .txt) is rendered from it. Text fields hold the editor's Markdown
source unchanged; turning it into HTML is the job of `markup` and `view`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

VALIDITY = ("有效", "失效", "废止")  # 有效性, as the editor writes it (never inferred from the period)

KINDS: dict[str, str] = {
    "plan": "规划",
    "interpretation": "政策解读",
    "work-points": "工作要点",
    "notice": "通知",
    "opinion": "意见",
    "measures": "办法",
    "regulation": "条例",
    "law": "法律",
    "programme": "方案",
    "decision": "决定",
    "provisions": "规定",
    "announcement": "公告",
    "circular": "通告",
    "publicity": "公示",
    "bulletin": "通报",
    "communique": "公报",
    "report": "报告",
    "reply": "批复",
    "response": "答复",
    "letter": "函",
    "speech": "讲话",
    "minutes": "纪要",
    "resolution": "决议",
    "summary": "总结",
    "charter": "章程",
    "guide": "指南",
}


@dataclass(frozen=True)
class Text:
    """One or more paragraphs of Markdown (raw HTML is never allowed)."""

    source: str
    line: int


@dataclass(frozen=True)
class Cell:
    """A table cell; `rows` / `cols` above 1 when it is merged with the cells
    below it / to its right (written once, in its first row and column)."""

    text: str
    rows: int = 1
    cols: int = 1


@dataclass(frozen=True)
class GroupRow:
    """A full-width row (一、医疗质量) that heads the rows beneath it, up to the next one."""

    title: str


Row = tuple[Cell, ...] | GroupRow


@dataclass(frozen=True)
class Placed:
    """A cell where it stands in the table's grid. A cell merged downwards is
    placed again in each row it covers, as a copy."""

    cell: Cell
    column: int  # 0-based, its first column
    copy: bool  # True in the rows below its own that it covers


def layout(rows: tuple[Row, ...], columns: int) -> tuple[list[tuple[Placed, ...] | GroupRow], list[tuple[int, str]]]:
    """Each row's cells placed on the grid of `columns` columns, and what does
    not fit as (row index, message): the one place that knows how merged
    cells fill a table, for the schema, the HTML and the .txt alike."""
    grid: list[tuple[Placed, ...] | GroupRow] = []
    problems: list[tuple[int, str]] = []
    above: dict[int, tuple[Placed, int]] = {}  # first column -> cell merged down into this row, rows it still covers
    for i, row in enumerate(rows):
        if isinstance(row, GroupRow):
            if above:
                problems.append((i, "上方有单元格向下合并到了这一分组行：请减小那个单元格的 rows。"))
                above = {}
            grid.append(row)
            continue
        placed = [Placed(p.cell, p.column, copy=True) for p, _ in above.values()]
        taken = {c for p, _ in above.values() for c in range(p.column, p.column + p.cell.cols)}
        below: dict[int, tuple[Placed, int]] = {k: (p, left - 1) for k, (p, left) in above.items() if left > 1}
        overlap = False
        column = 0
        for cell in row:
            while column in taken:
                column += 1
            spans = range(column, column + cell.cols)
            overlap = overlap or any(c in taken for c in spans)
            taken.update(spans)
            placed.append(Placed(cell, column, copy=False))
            if cell.rows > 1:
                below[column] = (placed[-1], cell.rows - 1)
            column += cell.cols
        if overlap:
            problems.append(
                (i, "该行有单元格跨列合并到了上方合并下来的单元格上：请改正合并的列数（cols）或行数（rows）。")
            )
        elif taken != set(range(columns)):
            merged = bool(above) or any(c.rows > 1 or c.cols > 1 for c in row)
            problems.append((i, _width_problem(len(row), len(taken), merged, columns)))
        above = below
        grid.append(tuple(sorted(placed, key=lambda p: p.column)))
    if above:
        problems.append((len(rows) - 1, "有单元格向下合并超出了表格的最后一行：请减小那个单元格的 rows。"))
    return grid, problems


def _width_problem(cells: int, width: int, merged: bool, columns: int) -> str:
    if not merged:
        return f'该行有{cells}个单元格，表头有{columns}列：请补齐或删去单元格（空单元格写 ""）。'
    return (
        f"该行的单元格连同合并进来的共占{width}列，表头有{columns}列："
        '请补齐或删去单元格（空单元格写 ""），或改正合并的行数、列数（rows、cols）。'
    )


@dataclass(frozen=True)
class Table:
    caption: str
    head: tuple[str, ...]
    rows: tuple[Row, ...]
    # 0-based index of the column whose cells head their rows, or None.
    row_header: int | None
    notes: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Box:
    """A 专栏: a labelled panel with its own blocks."""

    label: str  # as written, e.g. 专栏1
    title: str
    blocks: tuple[Block, ...]
    line: int


Block = Text | Table | Box


@dataclass(frozen=True)
class Section:
    """A chapter, section, article… of the body, or an annex (附件1, 重点任务分工)."""

    label: str  # the numbering as written: 第一章, 第一节, 一、, （一）, 1. ... ("" if none)
    title: str  # "" only for a labelled section whose label is its heading (第一条)
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    line: int


@dataclass(frozen=True)
class Term:
    term: str
    definition: str  # Markdown
    label: str  # numbering as written in the source, e.g. "1." ("" if none)
    line: int


ATTACHMENT_FORMATS = {  # extension: the format's name in a link's text
    ".pdf": "PDF",
    ".ofd": "OFD",
    ".doc": "Word",
    ".docx": "Word",
    ".wps": "WPS",
    ".xls": "Excel",
    ".xlsx": "Excel",
    ".et": "WPS表格",
    ".csv": "CSV",
}


@dataclass(frozen=True)
class Attachment:
    """A file published with a document (原件 PDF, Word, WPS, OFD, spreadsheets)."""

    title: str  # e.g. 原文
    name: str  # the file's name, as published beside the document's other files
    source: str  # where it is read from (absolute path)
    size: int  # bytes
    sha256: str  # of its content: a changed file changes the document's content key

    @property
    def format(self) -> str:
        return ATTACHMENT_FORMATS[self.name[self.name.rfind(".") :].lower()]


@dataclass(frozen=True)
class Signature:
    issuer: str
    date: dt.date | None


@dataclass(frozen=True)
class Notice:
    """The 印发通知 that publishes a plan, when there is one."""

    title: str
    doc_number: str
    addressees: str  # 主送, e.g. 各镇人民政府、街道办事处：
    text: str  # Markdown
    signature: Signature | None


@dataclass(frozen=True)
class Period:
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    note: str


@dataclass(frozen=True)
class Related:
    id: str
    line: int


class _Filed:
    """What a document's kind and dates say, for the full document and for its listing entry alike."""

    kind: str
    date_signed: dt.date | None
    date_published: dt.date | None

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def date(self) -> dt.date | None:
        """The date a reader sorts by: published, else signed."""
        return self.date_published or self.date_signed


@dataclass(frozen=True)
class Listed(_Filed):
    """A document as the home page, the listings, the feed, the sitemap and the search
    results show it: all those pages read of it, so they change exactly when this does."""

    id: str
    kind: str
    title: str
    issuer: str
    doc_number: str
    date_signed: dt.date | None
    date_published: dt.date | None
    region: str


@dataclass(frozen=True)
class Facts:
    """What the rest of the site needs of a document: its listing entry, where its file is,
    and its links to other documents (checked across files, shown in both directions)."""

    listed: Listed
    file: str
    related: tuple[Related, ...]
    superseded_by: Related | None

    @property
    def id(self) -> str:
        return self.listed.id


@dataclass(frozen=True)
class Document(_Filed):
    id: str
    kind: str
    title: str
    subtitle: str
    issuer: str
    doc_number: str
    date_signed: dt.date | None
    date_published: dt.date | None
    period: Period | None
    region: str
    source: Source | None
    related: tuple[Related, ...]
    notice: Notice | None
    preamble: str  # Markdown
    body: tuple[Section, ...]
    closing: str  # Markdown after the body (e.g. a concluding paragraph)
    glossary: tuple[Term, ...]
    annexes: tuple[Section, ...]  # 附件: sections after the signature
    signature: Signature | None
    file: str  # path relative to the content folder, for messages
    # 政府信息公开 metadata, all optional
    index_number: str = ""  # 索引号
    topic: str = ""  # 主题分类
    keywords: tuple[str, ...] = ()  # 主题词
    validity: str = ""  # 有效性: one of VALIDITY, or "" when not stated
    superseded_by: Related | None = None  # the document that replaces this one
    attachments: tuple[Attachment, ...] = ()

    @property
    def facts(self) -> Facts:
        return Facts(self.listed, self.file, self.related, self.superseded_by)

    @property
    def listed(self) -> Listed:
        return Listed(
            self.id,
            self.kind,
            self.title,
            self.issuer,
            self.doc_number,
            self.date_signed,
            self.date_published,
            self.region,
        )


@dataclass(frozen=True)
class Contact:
    """Where readers send feedback on accessibility (无障碍声明, footer)."""

    phone: str
    email: str
    address: str


@dataclass(frozen=True)
class SiteRecords:
    """What a government site must show in its footer, all optional."""

    site_id_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号, linked to the MIIT register
    police_record: str = ""  # 公安机关备案号, linked to the public-security register
    organizer: str = ""  # 承办单位


@dataclass(frozen=True)
class BraillePage:
    """The braille edition's page: cells per line, lines per page (the last holds the page number)."""

    cells: int = 30
    lines: int = 27


@dataclass(frozen=True)
class SiteConfig:
    name: str
    owner: str  # 主办单位
    contact: Contact
    records: SiteRecords
    base_url: str  # absolute URL where the site will live, or "" (links stay relative either way)
    footer: tuple[str, ...] = field(default_factory=tuple)
    reviewed: dt.date | None = None  # the last accessibility review, for the statement
    limitations: tuple[str, ...] = ()  # known accessibility limitations of this site, for the statement
    max_attachment_mb: int = 50  # the largest attachment a document may publish
    braille_page: BraillePage = field(default_factory=lambda: BraillePage())

    @property
    def domain(self) -> str:
        """The host of base_url (SiteDomain), or ""."""
        return urlsplit(self.base_url).hostname or "" if self.base_url else ""

    @property
    def root_path(self) -> str:
        """The path of base_url (/zwgk/plans/), or "" when there is none."""
        if not self.base_url:
            return ""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def police_record_code(self) -> str:
        """The 14-digit code in the 公安机关备案号, for its link to the register."""
        found = re.search(r"\d{14}", self.records.police_record)
        return found.group() if found else ""
