"""Documents as they arrive: a published document's model written out as a
saved gov.cn-style web page (.html), a Word file (.docx, python-docx, with
Word's built-in heading styles, automatic numbering and merged cells), a Word
file typed as most offices type one (no styles, labels typed, headings and
run-in titles in bold), through LibreOffice a PDF of each Word file, a
gazette's text as a reader copies it, and that text laid out in an OFD as OFD
writers lay out a page; the importer must read them back.

The model is the truth the import is measured against (`expected`): every
heading, every table with its rows, the metadata. Nothing here is the
importer's own code.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from plansite import model as m
from plansite.markup import plain_text
from plansite.numbering import heading_text, numbered

# --- the document as an outline, in reading order -----------------------------------

GLOSSARY = "名词解释"  # its heading: the draft's glossary, not a section


@dataclass(frozen=True)
class Para:
    text: str
    heading: int = 0  # 1: the title; 2…: a section heading (its level); 0: a paragraph
    label: str = ""  # a heading's numbering, apart (Word writes it as automatic numbering)
    title: str = ""


@dataclass(frozen=True)
class TableOut:
    table: m.Table


Out = Para | TableOut


def cn_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _texts(source: str) -> list[str]:
    return [p.strip() for p in plain_text(source).split("\n\n") if p.strip()]


def outline(doc: m.Document) -> list[Out]:
    out: list[Out] = []
    if doc.notice:
        n = doc.notice
        # 发文字号 above the title, as GB/T 9704 lays out an official document
        out += [Para(n.doc_number or doc.doc_number), Para(n.title), Para(n.addressees), *map(Para, _texts(n.text))]
        if n.signature:
            out += [Para(n.signature.issuer), Para(cn_date(n.signature.date))]
    if doc.doc_number and not doc.notice:
        out.append(Para(doc.doc_number))
    out.append(Para(doc.title, heading=1))
    if doc.subtitle:
        out.append(Para(f"（{doc.subtitle}）"))
    out += map(Para, _texts(doc.preamble))
    out += _sections(doc.body, 2)
    out += map(Para, _texts(doc.closing))
    if doc.glossary:
        out.append(Para(GLOSSARY, heading=2))
        out += [Para(f"{t.label}{t.term}：{plain_text(t.definition).strip()}") for t in doc.glossary]
    if doc.signature:
        out += [Para(doc.signature.issuer), Para(cn_date(doc.signature.date))]
    for annex in doc.annexes:
        out.append(Para(heading_text(annex.label, annex.title), heading=2, label=annex.label, title=annex.title))
        out += _blocks(annex.blocks, 3)
        out += _sections(annex.sections, 3)
    return [item for item in out if not isinstance(item, Para) or item.text]


def _sections(sections: tuple[m.Section, ...], level: int) -> Iterator[Out]:
    for s in sections:
        if s.title:
            yield Para(heading_text(s.label, s.title), heading=level, label=s.label, title=s.title)
            yield from _blocks(s.blocks, level + 1)
        else:  # 第一条 and its text: one paragraph, as written
            blocks = list(_blocks(s.blocks, level + 1))
            first = blocks[0] if blocks and isinstance(blocks[0], Para) else None
            yield Para(f"{s.label}　{first.text if first else ''}".strip())
            yield from blocks[1:] if first else blocks
        yield from _sections(s.sections, level + 1)


def _blocks(blocks: tuple[m.Block, ...], level: int) -> Iterator[Out]:
    for b in blocks:
        if isinstance(b, m.Text):
            yield from map(Para, _texts(b.source))
        elif isinstance(b, m.Table):
            yield Para(b.caption)
            yield TableOut(b)
            yield from (Para(plain_text(n).strip()) for n in b.notes)
        else:
            yield Para(heading_text(b.label, b.title))
            yield from _blocks(b.blocks, level + 1)


# --- what the import must find --------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    title: str
    headings: list[str]  # every titled section and annex, as written
    tables: list[int]  # data rows of each table (group rows included)
    pieces: list[str]  # every paragraph and table cell, for "text kept"


def expected(doc: m.Document) -> Expected:
    items = outline(doc)
    return Expected(
        title=doc.title,
        headings=[p.text for p in items if isinstance(p, Para) and p.heading >= 2 and p.text != GLOSSARY],
        tables=[len(t.table.rows) for t in items if isinstance(t, TableOut)],
        pieces=[p.text for p in items if isinstance(p, Para)]
        + [c.text for t in items if isinstance(t, TableOut) for row in t.table.rows for c in _cells(row)],
    )


def _cells(row: m.Row) -> tuple[m.Cell, ...]:
    return (m.Cell(row.title),) if isinstance(row, m.GroupRow) else row


# --- a saved gov.cn-style web page ----------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_政府信息公开_示范市人民政府门户网站</title>
<script>var _hmt = _hmt || [];</script><style>.nav {{ color: red; }}</style></head>
<body>
<div class="header"><div class="nav"><a href="/">首页</a> <a href="/zw/">政务公开</a> <a href="/hd/">互动交流</a></div></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zc/">政策文件</a></div>
<div class="article">
{meta}
<div class="article-title">{title}</div>
<div id="UCAP-CONTENT" class="article-content">
{body}
</div>
</div>
<div class="share">分享到：微信 微博</div>
<div class="footer"><p>主办：示范市人民政府办公室　网站标识码：5000000001</p><p>扫一扫在手机打开当前页</p></div>
</body></html>
"""


def to_html(doc: m.Document) -> str:
    """The page as a gov.cn 政府信息公开 page: metadata table, the title as a
    <div>, headings as <h2>…<h6> (real pages also use <p><strong>), chrome."""
    meta = [
        ("索 引 号：", doc.index_number, "主题分类：", doc.topic),
        ("发文机关：", doc.issuer, "成文日期：", cn_date(doc.date_signed)),
        ("标　　题：", doc.title, "", ""),
        ("发文字号：", doc.doc_number, "发布日期：", cn_date(doc.date_published)),
        ("主 题 词：", " ".join(doc.keywords), "", ""),
    ]
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row if c or row[0]) + "</tr>"
        for row in meta
        if row[1] or row[3]
    )
    body = []
    for item in outline(doc):
        if isinstance(item, TableOut):
            body.append(_html_table(item.table))
        elif item.heading == 1:
            continue
        elif item.heading:
            body.append(f"<h{min(item.heading, 6)}>{html.escape(item.text)}</h{min(item.heading, 6)}>")
        else:
            body.append(f"<p>\u3000\u3000{html.escape(item.text)}</p>")
    return PAGE.format(
        title=html.escape(doc.title),
        meta=f'<table class="xxgk">{rows}</table>' if rows.count("<tr>") >= 2 else "",
        body="\n".join(body),
    )


def _html_table(table: m.Table) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.head)
    rows = []
    for row in table.rows:
        if isinstance(row, m.GroupRow):
            rows.append(f'<tr><td colspan="{len(table.head)}">{html.escape(row.title)}</td></tr>')
            continue
        cells = "".join(
            f"<td{f' rowspan={c.rows}' if c.rows > 1 else ''}{f' colspan={c.cols}' if c.cols > 1 else ''}>"
            f"<p>{html.escape(c.text)}</p></td>"
            for c in row
        )
        rows.append(f"<tr>{cells}</tr>")
    return f'<table border="1"><tbody><tr>{head}</tr>{"".join(rows)}</tbody></table>'


# --- a gazette copied as text -------------------------------------------------------

GAZETTE_WIDTH = 28  # characters a gazette's column holds
GAZETTE_PAGE = 34  # lines a page holds
GAZETTE_HEAD = "某省人民政府公报                         2026年第5期"


def to_gazette_text(doc: m.Document) -> str:
    """The text a reader copies from a printed gazette (公报): every paragraph broken at the
    column's width, its first line indented by two ideographic spaces; headings on lines of
    their own; tables as tab-separated rows (a merged cell written once, in its first row);
    the gazette's running head at the top of every page and its number (— 3 —) at the foot."""
    lines: list[str] = []
    for item in outline(doc):
        if isinstance(item, TableOut):
            table = item.table
            lines.append("\t".join(table.head))
            for row in m.layout(table.rows, len(table.head))[0]:
                cells = [row.title] if isinstance(row, m.GroupRow) else [p.cell.text for p in row if not p.copy]
                lines.append("\t".join(cells))
        elif item.heading or len(item.text) <= GAZETTE_WIDTH - 2:
            lines.append(item.text if item.heading else f"\u3000\u3000{item.text}")
        else:
            text = item.text
            lines.append(f"\u3000\u3000{text[: GAZETTE_WIDTH - 2]}")
            lines += [text[i : i + GAZETTE_WIDTH] for i in range(GAZETTE_WIDTH - 2, len(text), GAZETTE_WIDTH)]
    out: list[str] = []
    for n, start in enumerate(range(0, len(lines), GAZETTE_PAGE), 1):
        out += [GAZETTE_HEAD, *lines[start : start + GAZETTE_PAGE], f"{' ' * 20}— {n} —"]
    return "\n".join(out) + "\n"


# --- a Word file ----------------------------------------------------------------------


def to_docx(doc: m.Document, path: Path) -> None:
    """Headings in Word's built-in styles (标题 1…), the title in Title, their
    numbering as Word's automatic numbering where the label is 一、/（一）/1.,
    tables with real merged cells (gridSpan, vMerge), the properties set."""
    from docx import Document as Docx  # test-only dependency

    word = Docx()
    word.core_properties.title = doc.title
    word.core_properties.author = doc.issuer
    _running_header_and_page_numbers(word, doc.issuer or doc.title)
    numbering = _Numbering(word)
    for item in outline(doc):
        if isinstance(item, TableOut):
            _docx_table(word, item.table)
        elif item.heading == 1:
            word.add_paragraph(item.text, style="Title")
        elif item.heading:
            paragraph = word.add_paragraph(item.title, style=f"Heading {min(item.heading - 1, 9)}")
            if not numbering.heading(paragraph, item.label, item.heading):
                paragraph.text = item.text
        else:
            word.add_paragraph(item.text)
    word.save(str(path))


def to_typed_docx(doc: m.Document, path: Path) -> None:
    """A Word file as most offices type one: no heading styles and no automatic numbering; each
    heading is a plain paragraph, its label typed, set in bold; a run-in title (one ending in 。
    with its text after it) is bold at the start of its paragraph, the text plain after it."""
    from docx import Document as Docx  # test-only dependency

    word = Docx()
    _running_header_and_page_numbers(word, doc.issuer or doc.title)
    items = outline(doc)
    skip = False
    for item, after in zip(items, [*items[1:], None], strict=True):
        if skip:
            skip = False
        elif isinstance(item, TableOut):
            _docx_table(word, item.table)
        elif item.heading:
            paragraph = word.add_paragraph()
            paragraph.add_run(item.text).bold = True
            if item.title.endswith("。") and isinstance(after, Para) and not after.heading:
                paragraph.add_run(after.text)
                skip = True
        else:
            word.add_paragraph(item.text)
    word.save(str(path))


def with_part(package: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """A zip package (a Word file) with the part `name` changed: XML no office suite writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as changed:
        for part in source.namelist():
            data = source.read(part)
            changed.writestr(part, change(data) if part == name else data)
    return out.getvalue()


def add_footnotes(word, notes: list[str], *, separator: bool = False, kind: str = "footnote") -> None:  # type: ignore[no-untyped-def]
    """A footnotes part holding `notes` (ids 1, 2, …) as Word stores them; `separator`: with the
    separator footnote Word writes first (not a note); `kind`: "endnote" for an endnotes part."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml.ns import nsdecls

    parts = (
        [f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:t>—</w:t></w:r></w:p></w:{kind}>'] if separator else []
    )
    parts += [
        f'<w:{kind} w:id="{n}"><w:p><w:r><w:t>{html.escape(text)}</w:t></w:r></w:p></w:{kind}>'
        for n, text in enumerate(notes, 1)
    ]
    xml = f"<w:{kind}s {nsdecls('w')}>{''.join(parts)}</w:{kind}s>"
    content_type, relation = (CT.WML_FOOTNOTES, RT.FOOTNOTES) if kind == "footnote" else (CT.WML_ENDNOTES, RT.ENDNOTES)
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml.encode(), word.part.package)
    word.part.relate_to(part, relation)


class _Numbering:
    """Word's automatic numbering for the labels it can produce (一、 （一） 1. （1） and
    their half-width forms): the label's own text with its number as %1, one list
    per run of siblings, restarted under each new parent heading, as Word shows."""

    FORMATS: ClassVar[dict[str, str]] = {"cn-comma": "chineseCounting", "cn-paren": "chineseCounting",
                                         "arabic-dot": "decimal", "arabic-paren": "decimal"}  # fmt: skip

    def __init__(self, word) -> None:  # type: ignore[no-untyped-def]
        self.part = word.part.numbering_part.element
        self.next_id = 100
        self.current: dict[int, tuple[str, int, int]] = {}  # level -> (label pattern, numId, count)

    def format_of(self, label: str) -> tuple[str, str] | None:
        """(numFmt, lvlText) for a label Word can number, e.g. （一） -> chineseCounting, （%1）."""
        n = numbered(label)
        if n is None or n.rest.strip() or n.style.name not in self.FORMATS:
            return None
        text = re.sub(r"[一二三四五六七八九十百零〇]+|\d+", "%1", n.label, count=1)
        return self.FORMATS[n.style.name], text

    def heading(self, paragraph, label: str, level: int) -> bool:  # type: ignore[no-untyped-def]
        """Number the heading paragraph if Word can; every heading restarts the lists below it."""
        for deeper in [k for k in self.current if k > level]:
            del self.current[deeper]
        auto = self.format_of(label)
        if auto is None:
            self.current.pop(level, None)
            return False
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        fmt, text = auto
        count = self.current[level][2] + 1 if self.current.get(level, ("", 0, 0))[0] == text else 1
        number = re.search(r"[一二三四五六七八九十百零〇]+|\d+", label)
        shown = str(count) if fmt == "decimal" else _chinese_count(count)
        if number is None or number.group() != shown:  # the source skips or repeats a number: Word would not
            self.current.pop(level, None)
            return False
        if count > 1:
            num_id = self.current[level][1]
        else:
            self.next_id += 1
            self.part.insert(
                0,
                parse_xml(
                    f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{self.next_id}">'
                    f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                    f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
                    "</w:abstractNum>"
                ),
            )
            self.part.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{self.next_id}"><w:abstractNumId w:val="{self.next_id}"/></w:num>'
                )
            )
            num_id = self.next_id
        self.current[level] = (text, num_id, count)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
        return True


def _running_header_and_page_numbers(word, header: str) -> None:  # type: ignore[no-untyped-def]
    """The issuer at the top of every page, — N — at the bottom (a PAGE field), as printed documents have."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    section = word.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer.text = "— "
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")


def _chinese_count(n: int) -> str:
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    return (digits[n // 10] if n >= 20 else "") + "十" + (digits[n % 10] if n % 10 else "")


def _docx_table(word, table: m.Table) -> None:  # type: ignore[no-untyped-def]
    grid = m.layout(table.rows, len(table.head))[0]
    out = word.add_table(rows=1 + len(grid), cols=len(table.head))
    out.style = "Table Grid"
    for x, h in enumerate(table.head):
        out.cell(0, x).text = h
    for y, row in enumerate(grid, 1):
        if isinstance(row, m.GroupRow):
            merged = out.cell(y, 0).merge(out.cell(y, len(table.head) - 1))
            merged.text = row.title
            continue
        for placed in row:
            if placed.copy:
                continue
            cell = out.cell(y, placed.column)
            far = out.cell(y + placed.cell.rows - 1, placed.column + placed.cell.cols - 1)
            if far is not cell:
                cell = cell.merge(far)
            cell.text = placed.cell.text


# --- a PDF, as LibreOffice prints the Word file -------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, out_dir: Path) -> Path:
    return convert(docx, out_dir, "pdf")


def convert(docx: Path, out_dir: Path, fmt: str, options: str = "") -> Path:
    """The Word file as LibreOffice saves it in `fmt` (pdf, html…), in `out_dir`; `options`: the
    export filter's and its settings (writer_pdf_Export:{…}), where the defaults will not do."""
    binary = soffice()
    assert binary, "LibreOffice (soffice) is installed by scripts/install-test-tools.sh"
    profile = out_dir / "lo-profile"
    subprocess.run(
        [binary, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", f"{fmt}:{options}" if options else fmt, "--outdir", str(out_dir), str(docx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return out_dir / f"{docx.stem}.{fmt}"


# --- an OFD, as OFD writers lay out a printed page ---------------------------------------

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
SIZE = 5.6  # 16 pt, a 公文's body type, in millimetres
LEFT, TOP, LEADING = 28.0, 37.0, 9.0  # a 公文's margins and line pitch (mm)
COLUMN = 45.0  # a table's columns, this far apart


POINT = 0.3528  # millimetres: a writer that sizes in points scales each object by it (its CTM)


def _text_object(n: int, x: float, y: float, text: str, how: str, repeat: int = 0) -> str:
    scale = POINT if how == "scaled" else 1.0  # the object's own units: points, or millimetres
    size = SIZE / scale
    ctm = f' CTM="{POINT} 0 0 {POINT} 0 0"' if how == "scaled" else ""
    if how in ("advances", "scaled"):
        delta = f' DeltaX="g {repeat or len(text) - 1} {size:.3f}"' if len(text) > 1 else ""
        codes = f'<ofd:TextCode X="0" Y="{size:.3f}"{delta}>{html.escape(text)}</ofd:TextCode>'
    else:  # a line a code; a converter's character a code is written by the caller
        codes = f'<ofd:TextCode X="0" Y="{SIZE}">{html.escape(text)}</ofd:TextCode>'
    width = SIZE * max(len(text), 1)
    return (
        f'<ofd:TextObject ID="{n}" Boundary="{x:.2f} {y:.2f} {width:.2f} {SIZE * 1.2:.2f}"{ctm} Font="1" '
        f'Size="{size:.3f}">{codes}</ofd:TextObject>'
    )


def to_ofd(pages: list[list[str]], how: str = "lines", repeat: int = 0) -> bytes:
    """An OFD of `pages` of typed lines: leading ideographic spaces are an indent, tabs separate
    cells set in columns, and a line of spaces first (a page number) is centred. `repeat`: the
    count each line's advance is said to repeat (a damaged or hostile file's)."""
    out = io.BytesIO()
    objects = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {NS} Version="1.1" DocType="OFD"><ofd:DocBody>'
            "<ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
            "</ofd:DocBody></ofd:OFD>",
        )
        listed = "".join(f'<ofd:Page ID="{n + 100}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:PageArea>'
            f"<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData>"
            f"<ofd:Pages>{listed}</ofd:Pages></ofd:Document>",
        )
        for n, lines in enumerate(pages):
            placed = []
            for i, line in enumerate(lines):
                y = TOP + i * LEADING
                if line.startswith(" "):  # a page number, centred
                    cells = [(LEFT + 70, line.strip())]
                else:
                    indent = len(line) - len(line.lstrip("\u3000"))
                    x, cells = LEFT + indent * SIZE, []
                    for cell in line.lstrip("\u3000").split("\t"):  # each column clear of the one before
                        cells.append((x, cell))
                        x += max(COLUMN, (len(cell) + 3) * SIZE)
                for x, text in cells:
                    if how == "characters":
                        for k, char in enumerate(text):
                            objects += 1
                            placed.append(_text_object(objects, x + k * SIZE, y, char, how))
                    elif text:
                        objects += 1
                        placed.append(_text_object(objects, x, y, text, how, repeat))
            package.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="1">'
                f"{''.join(placed)}</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return out.getvalue()


def gazette_pages(text: str) -> list[list[str]]:
    """The gazette's text, page by page (each page ends with its number)."""
    pages, page = [], []
    for line in text.rstrip("\n").split("\n"):
        page.append(line)
        if line.strip().startswith("— ") and line.strip().endswith(" —"):
            pages.append(page)
            page = []
    return pages + ([page] if page else [])
