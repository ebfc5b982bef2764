"""A PDF in: its text in reading order and its ruled tables, as items.

PDFium (pypdfium2, a C library: a page in a few milliseconds) reads each
page's characters with their boxes and sizes, and the line segments it draws;
pdfplumber's pure algorithms, fed with those, group the characters into text
lines and the ruling lines into table cells:

- a page set in two columns (as a gazette is), whose text lines run across
  both, is read a column after the other, band by band between lines that
  span both (a title); found by the gutter that splits most lines in the
  middle of the page with prose on both sides (an unruled table's short
  cells are no columns);
- the red letterhead (某市残疾人联合会文件, with a joint document's issuers
  stacked beside it) and images are left out and listed;
- tables are found from their ruling lines; each cell's extent on the grid of
  the table's own edges gives its rowspan and colspan; a table that runs on
  at the top of the next page with the same columns is one table (a repeated
  header row is dropped); a table without rules is three or more lines of runs
  set apart by wide gaps that keep to the same columns (a line under one cell
  is that cell's text going on);
- running headers and footers are left out and listed: page numbers in the
  margins (— 3 —, 第3页, 3/16, - 3 -), and any margin line that repeats on most
  pages (digits aside); the margins measured among the pages of one size (a
  landscape page's are nearer);
- a paragraph that starts in bold (a bold font, or text filled and stroked as
  Word emboldens a Chinese font) has a run-in title, as in a Word file (a bold
  title broken over lines is one line before any text rule looks at it);
- digits raised and smaller after Chinese text are a footnote's number
  (〔注1〕); the notes at the foot of the page, apart from the text above them,
  go to the end as 注1：…, as a Word file's do;
- the rest goes, in order, to the plain-text rules that rejoin lines
  (lines.join_broken), told which lines reach the right margin, as a line
  the layout broke does (measured, where text can only count characters);
- text larger than the body's is a heading, ranked by size, the largest on
  the first page the title (a title over two lines is one).

A scanned PDF has no characters: it is refused with a message to OCR it first.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..numbering import numbered
from .draft import DocDraft
from .govinfo import read_rows
from .lines import (
    TERMINAL,
    Line,
    contents_lines,
    image_left_out,
    is_chrome,
    is_letterhead,
    join_broken,
    join_lines,
    menu_lines,
    recommended_tail,
    run_in_length,
    wrap_width,
)
from .patterns import issuers
from .tables import SourceCell, TableDraft, from_grid

_CHINESE_CHAR = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")  # Chinese characters and full-width marks
_NARROW = re.compile(r"[0-9A-Za-z%]")
# Characters short of the right margin a line broken there may end: a number or word that did not
# fit went on to the next line (the text rules allow as much).
WRAP_SLACK = 3
MIN_FULL_LINES = 3  # lines ending together at the right that show where the margin is
MAX_INDENT = 2.5  # characters: a line starting further in is centred or right-aligned, not body text
X_TOLERANCE = 3  # points between two characters that stand apart (pdfplumber's own measure)
SUPERSCRIPT, RAISED = 0.8, 0.2  # a footnote's number: this size of the line's at most, raised by this much of it
ICON_POINTS = 36  # an image no wider or higher than this (half an inch) is an icon, not a figure
READ_IN_WORKERS_FROM = 60  # pages: a shorter PDF is read faster than workers start
PAGES_PER_PART = 20  # pages a worker reads at a time
PDFIUM_LINE_END_HYPHEN = 0x02  # how PDFium reports a hyphen that ends a line ("2021-" then "2025")
EDGE_MIN = 1.0  # points: a segment shorter than this is no ruling line
MIN_ROWS_FILLED = 3  # rows a table shows before a column it always fills tells a new row from a broken one
MARGIN = 0.08  # of the page height: where running headers and footers sit
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*)?\d{1,4}(\s*页)?[-—–－\s]*$|^\d{1,4}\s*/\s*\d{1,4}$")
HEADING_SIZE = 1.08  # a line this much larger than the body text is a heading
MAX_HEADING = 60  # characters: a longer "large" line is display text, not a heading
BOLD_WEIGHT = 600  # a font this heavy or heavier is bold
_BOLD_NAME = re.compile(r"bold|black|heavy|demi", re.IGNORECASE)  # in a font's name: its bold face


class NotReadablePdfError(ValueError):
    """The PDF cannot be opened, or holds no text (a scan)."""


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


@dataclass
class _Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: int = 0  # characters at its start set in bold (all of them: the whole line is)
    page_width: float = 0.0
    box: int = 0  # the box drawn around it on its page (a one-cell table: a 专栏), numbered from 1; 0 if none
    frames: tuple[int, ...] = ()  # that box, numbered in the whole document (`_Frames`)


def pdf_items(data: bytes, known: DocDraft, dropped: list[str]) -> list[Line | TableDraft]:
    """The document's lines and tables, headings marked; a 政府信息公开 table (a web page printed
    to PDF) goes into `known`, and what is left out (running heads, page numbers, a letterhead,
    a contents list, images, a web page's breadcrumbs) into `dropped`."""
    pdf = _open(data)
    try:
        count = len(pdf)
        pages = [_read_page(pdf[n], n + 1) for n in range(count)] if count < READ_IN_WORKERS_FROM else []
    finally:
        pdf.close()
    if count >= READ_IN_WORKERS_FROM:  # a long PDF: its pages read on every core, a part at a time
        from ..workers import default_processes, map_in_workers  # here: the workers module is large

        parts = [range(first, min(first + PAGES_PER_PART, count)) for first in range(0, count, PAGES_PER_PART)]
        read = map_in_workers(functools.partial(_read_pages, data), parts, default_processes(), parallel_from=2)
        pages = [page for part in read for page in part]
    lines = [line for page in pages for line in page.lines]
    if not any(line.text.strip() for line in lines) and not any(page.tables for page in pages):
        raise NotReadablePdfError("它没有文字层，可能是扫描件，请先用 OCR 软件识别成文字，或改用 Word、网页版本导入")
    chrome = _running_lines(pages)
    body_size = _body_size(lines, chrome)
    # The red letterhead a printed copy starts with, in the largest type: not the text, nor a heading.
    letterhead = _letterhead(lines, body_size)
    sizes = sorted(
        {round(line.size, 1) for line in lines if line.size > body_size * HEADING_SIZE and id(line) not in letterhead},
        reverse=True,
    )
    # Paragraphs (the lines of each, as the layout broke it), "" paragraph breaks, _Grid tables,
    # (text, level, frames) headings, and at the end the footnotes (str).
    stream: list[Any] = []
    notes: list[str] = []  # the footnotes, as 注1：…, for the end of the text (as a Word file's)
    given: set[str] = set()  # the numbers of the footnotes found so far
    previous: _Line | None = None
    left = min((line.x0 for line in lines), default=0.0)
    right = _right_margin([line for line in lines if id(line) not in chrome], body_size, left)
    pitch = _usual_gap(lines)
    # A contents list ("目录", then entries that come back as the headings), as in a text file.
    in_order = [line for page in pages for line in page.lines if id(line) not in chrome]
    contents = {id(in_order[n - 1]) for n in contents_lines([line.text for line in in_order])}
    # A web page's list of other articles (相关信息) and what follows it to the end, printed with it.
    tail = recommended_tail([line.text for line in in_order])
    other_articles = {id(line) for line in in_order[tail - 1 :]} if tail is not None else set()
    other_articles |= {id(in_order[n - 1]) for n in menu_lines([line.text for line in in_order])}  # its menu
    running_images = _running(Counter(box for page in pages for box in set(page.images)), len(pages))
    frames = _Frames()
    for page_number, page_lines, tables, images, _height in pages:
        # A PDF's images carry no description a reader could use: how many a page shows is said.
        # One at the same place on most pages (a logo in the running head) is the page's, not the text's.
        if shown := [box for box in images if box not in running_images]:
            dropped.append(image_left_out(f"第{page_number}页", "", f"{len(shown)} 张"))
        # A footnote stands at the foot of the page that refers to it (〔注1〕), and once.
        referenced = {n for line in page_lines for n in _NOTE_REFERENCE.findall(line.text)} - given
        footnotes = _footnotes([line for line in page_lines if id(line) not in chrome], referenced, body_size, pitch)
        given |= {number for number, _ in footnotes.values() if number}
        for line in _reading_order(page_lines, tables):
            if isinstance(line, _Grid):
                _add_table(stream, line)
                previous = None
                continue
            if id(line) in chrome:
                dropped.append(f"第{line.page}页（页眉、页脚或页码）：{line.text}")
                continue
            if id(line) in letterhead:
                dropped.append(f"第{line.page}页（发文机关标志）：{line.text}")
                continue
            if id(line) in contents:
                dropped.append(f"第{line.page}页（目录）：{line.text}")
                continue
            if is_chrome(line.text) or id(line) in other_articles:  # a web page printed: 当前位置：首页 > …
                dropped.append(f"第{line.page}页（网页导航等）：{line.text}")
                continue
            if id(line) in footnotes:
                number, text = footnotes[id(line)]
                notes.append(text if number else join_lines((notes.pop(), text)))
                continue
            framed = frames.of(line)
            level = (
                sizes.index(round(line.size, 1)) + 1
                if round(line.size, 1) in sizes and len(line.text) <= MAX_HEADING
                else 0
            )
            if level:
                close = previous is not None and 0 <= line.top - previous.bottom < (line.bottom - line.top)
                if (
                    stream
                    and isinstance(stream[-1], tuple)
                    and stream[-1][1] == level
                    and close
                    and not _issuers_then_title(stream[-1][0], line.text)
                ):
                    stream[-1] = (stream[-1][0] + line.text, level, framed)  # a heading over two lines
                else:
                    stream.append((line.text, level, framed))
                previous = line
                continue
            if previous is not None and (_new_paragraph(previous, line, left, pitch) or framed != frames.last):
                stream.append("")  # a box's text is never joined with the text outside it
            elif (
                previous is not None
                and stream
                and isinstance(stream[-1], list)
                and _bold_goes_on(previous, line, left, right)
            ):
                # A bold title broken by the layout: one line before the text rules look at it (they
                # would read its first line as a heading).
                stream[-1].append(line)
                previous = line
                continue
            stream.append([line])
            previous = line
        frames.page_ends()
    for note in notes:
        stream += ["", note]
    items: list[Line | TableDraft] = []
    for item in _items(stream, left, right):
        # A web page printed to PDF: its 政府信息公开 table is the document's metadata.
        if isinstance(item, TableDraft) and read_rows(item.rows, known):
            dropped.append(f"第{item.line}页（已读作文件信息）：{' '.join(c for row in item.rows for c in row if c)}")
        else:
            items.append(item)
    return items


Box = tuple[int, int, int, int]  # left, top, width and height, in whole points


class _Page(NamedTuple):
    """What one page gives: its lines, its ruled tables (each with its top) and the images it shows."""

    number: int
    lines: list[_Line]
    tables: list[tuple[float, _Grid]]
    images: list[Box]
    height: float  # the page's, in points (a landscape page's is less)


class _Frames:
    """The boxes drawn around the text, numbered in the whole document as a line's `frames`
    (lines.Line): a box running on from the foot of one page to the head of the next is drawn
    as two, and is one."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[int, int], int] = {}  # (page, box on the page) -> its number
        self.count = 0  # boxes numbered so far
        self.last: tuple[int, ...] = ()  # the frames of the line read before
        self.current: tuple[int, ...] = ()
        self.page_start = True

    def of(self, line: _Line) -> tuple[int, ...]:
        """The line's frames (set on it too), the text's lines taken in order."""
        self.last = self.current
        if line.box:
            key = (line.page, line.box)
            if key not in self.numbers:
                runs_on = self.page_start and self.last  # the box from the foot of the page before
                if not runs_on:
                    self.count += 1
                self.numbers[key] = self.last[0] if runs_on else self.count
            line.frames = (self.numbers[key],)
        self.current, self.page_start = line.frames, False
        return line.frames

    def page_ends(self) -> None:
        self.page_start = True


def _running(found: Counter[Any], pages: int) -> set[Any]:
    """What is found on most pages of a document (at least two): a running head's or foot's."""
    return {thing for thing, n in found.items() if n >= 2 and n >= pages / 2}


def _reading_order(lines: list[_Line], tables: list[tuple[float, _Grid]]) -> list[_Line | _Grid]:
    """The page's lines, as read (a column after the other), each table before the first line
    below its top: on a page of columns, a table across both comes after the columns above it."""
    waiting = sorted(tables, key=lambda table: table[0])
    out: list[_Line | _Grid] = []
    first = 0
    for line in lines:
        while first < len(waiting) and waiting[first][0] < line.top:
            out.append(waiting[first][1])
            first += 1
        out.append(line)
    return out + [grid for _, grid in waiting[first:]]


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium  # imported here: only an import of a PDF needs it

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = (
            "它有密码保护，请在 PDF 阅读器里去掉密码后再导入"
            if "password" in str(error).lower()
            else "文件已损坏，请用 PDF 阅读器打开后另存，或改用 Word、网页版本导入"
        )
        raise NotReadablePdfError(reason) from error


def _read_pages(data: bytes, numbers: range) -> list[_Page]:
    """Pages `numbers` (from 0) of the PDF, each opened and read here (in a worker, perhaps)."""
    pdf = _open(data)
    try:
        return [_read_page(pdf[n], n + 1) for n in numbers]
    finally:
        pdf.close()


def _read_page(page: Any, number: int) -> _Page:

    height = page.get_height()
    kept = page.get_textpage()  # kept alive while its handle is used: the wrapper frees it when it goes
    try:
        return _read_text_page(page, number, height, kept.raw)
    finally:
        kept.close()


def _read_text_page(page: Any, number: int, height: float, text_page: Any) -> _Page:
    from pdfplumber.utils.text import chars_to_textmap

    chars = _chars(text_page, height)
    bold = _Bold(text_page)
    width = page.get_width()
    edges, images = _edges_and_images(page, height)
    found_tables, drawn = _tables(edges, width, height)
    tables: list[tuple[Any, _Grid]] = []
    in_cells: set[int] = set()  # the characters a table's cells hold (by id)
    for bbox, cells in found_tables:
        grid = _table(chars, cells, number, in_cells)
        if grid is None:  # one column: a box drawn around text (a 专栏 with its title in a row of its own)
            drawn.append(bbox)
        else:
            tables.append((bbox, grid))
    # The text outside the tables' cells; a character inside a table but in none of its cells (a
    # cell a browser prints open where the page breaks) is kept as text, never lost.
    text_chars = [ch for ch in chars if id(ch) not in in_cells]
    lines = []
    found = chars_to_textmap(text_chars).extract_text_lines(strip=True, return_chars=True) if text_chars else []
    in_order, unruled = _unruled_tables(_in_columns(found, width), number)
    for raw in in_order:
        if raw["chars"]:
            line = _line(raw, number, bold)
            if line.text:
                line.page_width = width
                line.box = _box_around(line, drawn)
                lines.append(line)
    grids = unruled + [(bbox[1], grid) for bbox, grid in tables]
    return _Page(number, lines, sorted(grids, key=lambda found: found[0]), images, height)


MIN_CELL_GAP = 1.5  # characters of the line's size: a gap this wide between two runs of text parts a table's cells
MIN_UNRULED_ROWS = 3  # lines of cells (a header and two rows) before they are read as a table without rules
MAX_ROW_GAP = 1.5  # of a line's height: lines further apart are not rows of one table


def _unruled_tables(found: list[dict[str, Any]], number: int) -> tuple[list[dict[str, Any]], list[tuple[float, _Grid]]]:
    """A table drawn without rules (Word's table with no borders, printed): lines of text in
    runs set apart by wide gaps, the runs of one line under those of the others, as columns.
    Such lines, three or more one under the other, are a table (each line a row, the first its
    header); a line between them with text in one column only goes on with the row above (a
    cell's text the layout broke). The other lines, and the tables with their tops."""
    runs = [_runs(raw) for raw in found]
    out: list[dict[str, Any]] = []
    grids: list[tuple[float, _Grid]] = []
    i = 0
    while i < len(found):
        end, cells = i, None  # the lines looked at, and the last line of cells among them
        while end < len(found) and (end == i or _next_row(found[end - 1], found[end])):
            if len(runs[end]) >= 2:
                cells = runs[end]
            elif cells is None or not _inside(runs[end], cells):
                break
            end += 1
        while end > i and len(runs[end - 1]) < 2:  # it ends with a line of cells
            end -= 1
        grid = _unruled_grid(runs[i:end], number) if end - i >= MIN_UNRULED_ROWS else None
        if grid is None:  # these lines are text (each looked at once: the time is linear)
            out += found[i : max(end, i + 1)]
            i = max(end, i + 1)
            continue
        grids.append((found[i]["top"], grid))
        i = end
    return out, grids


def _runs(raw: dict[str, Any]) -> list[tuple[float, float, list[dict[str, Any]]]]:
    """A line's runs of text, each (left, right, its characters), parted where a gap is wide."""
    found: list[tuple[float, float, list[dict[str, Any]]]] = []
    for ch in raw["chars"]:
        if ch["text"].isspace():
            continue
        if found and ch["x0"] - found[-1][1] < MIN_CELL_GAP * ch["size"]:
            found[-1] = (found[-1][0], ch["x1"], [*found[-1][2], ch])
        else:
            found.append((ch["x0"], ch["x1"], [ch]))
    return found


def _page_numbers(rows: list[list[str]]) -> bool:
    """The last column a page number on every row, counting up: a contents list, not a table."""
    numbers = [row[-1] for row in rows]
    return all(n.isdigit() for n in numbers) and all(int(a) <= int(b) for a, b in itertools.pairwise(numbers))


def _inside(
    line: list[tuple[float, float, list[dict[str, Any]]]], cells: list[tuple[float, float, list[dict[str, Any]]]]
) -> bool:
    """A line of one run under one cell of the line of cells above: that cell's text going on."""
    if len(line) != 1:
        return False
    left, right, chars = line[0]
    slack = chars[0]["size"]
    return any(cell_left - slack <= left and right <= cell_right + slack for cell_left, cell_right, _ in cells)


def _next_row(above: dict[str, Any], below: dict[str, Any]) -> bool:
    return 0 <= below["top"] - above["bottom"] <= (above["bottom"] - above["top"]) * MAX_ROW_GAP


def _unruled_grid(runs: list[list[tuple[float, float, list[dict[str, Any]]]]], number: int) -> _Grid | None:
    """The table of these lines' runs: its columns are the bands of the page they fill, apart
    from each other in every line; None if the header and the rows do not have two or more."""
    spans = sorted((left, right) for line in runs for left, right, _ in line)
    bands: list[list[float]] = []
    for left, right in spans:
        if bands and left <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], right)
        else:
            bands.append([left, right])
    if len(bands) < 2:
        return None
    rows: list[list[str]] = []
    for line in runs:
        cells = [""] * len(bands)
        for left, _, chars in line:
            column = next(k for k, band in enumerate(bands) if band[0] <= left <= band[1])
            cells[column] = join_lines((cells[column], _cell_text(chars))) if cells[column] else _cell_text(chars)
        if len(line) < 2 and rows:  # a cell's text going on: with the row above
            rows[-1] = [join_lines((a, b)) if b else a for a, b in zip(rows[-1], cells, strict=True)]
        else:
            rows.append(cells)
    if len(rows) < MIN_UNRULED_ROWS or sum(1 for text in rows[0] if text) < 2 or _page_numbers(rows):
        return None
    if (first := numbered(rows[0][0])) is not None and not first.rest:
        return None  # a header names its columns: this is numbered text set apart (第一条　　…), not a table
    placed = [_Cell(text, r, c, 1, 1) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return _Grid(placed, len(rows), len(bands), number)


def _in_columns(found: list[dict[str, Any]], width: float) -> list[dict[str, Any]]:
    """The page's text lines in reading order. On a page set in two columns (as a gazette is)
    each line the layout gives runs across both: it is split at the gutter, and the left
    column is read before the right, band by band between lines that span both (a title). A
    right column's lines are moved onto the left one's, so that indents and full lines measure
    as in one column. A page of one column is left as it is."""
    gutter = _gutter(found, width)
    if gutter is None:
        return found
    out: list[dict[str, Any]] = []
    left: list[dict[str, Any]] = []
    right: list[dict[str, Any]] = []
    for raw in found:
        sides = _split(raw["chars"], gutter)
        if sides is None:  # the line spans both columns
            out += left + right + [raw]
            left, right = [], []
            continue
        before, after = sides
        left += [_part(before)] if before else []
        right += [_part(after)] if after else []
    out += left + right
    left_edge = min((raw["x0"] for raw in out if raw["x1"] <= gutter), default=None)
    if left_edge is not None:
        shift = min((raw["x0"] for raw in out if raw["x0"] >= gutter), default=left_edge) - left_edge
        for raw in out:
            if raw["x0"] >= gutter:
                raw["x0"], raw["x1"] = raw["x0"] - shift, raw["x1"] - shift
    return out


MIN_COLUMN_LINES = 3  # lines split by one gutter before a page is read as two columns
MIN_COLUMN_CHARS = 8  # characters on each side of a split line, at the median: prose, not an unruled table's cells
MIN_GUTTER = 1.2  # characters of the line's size: a gap this wide in the middle of the page may be a gutter
MAX_CROSSING = 0.2  # of the page's lines may run across the gutter (titles, a signature) on a page of columns
MIN_FILLED = 0.6  # of the left column's lines end at its edge (prose; paragraphs' last lines and headings do not)


def _gutter(found: list[dict[str, Any]], width: float) -> float | None:
    """The x of the gap between two columns of prose: inside a wide gap in the middle third of
    the page on several lines, under no character of almost any line, with lines of prose on
    both sides of it, the left column's filled to its edge. None on a page of one column (or of
    an unruled table's cells)."""
    lines = [raw["chars"] for raw in found if raw["chars"]]
    events: list[tuple[float, int]] = []  # each wide gap's start (+1) and end (-1)
    for chars in lines:
        size = chars[0]["size"] or 1.0
        for a, b in itertools.pairwise(chars):
            if b["x0"] - a["x1"] >= size * MIN_GUTTER and width / 3 <= (a["x1"] + b["x0"]) / 2 <= width * 2 / 3:
                events += [(a["x1"], 1), (b["x0"], -1)]
    # The middle of the span inside the most gaps, by one sweep over their ends.
    events.sort(key=lambda event: (event[0], -event[1]))
    inside = most = 0
    x = 0.0
    for (at, step), (following, _) in itertools.pairwise(events):
        inside += step
        if inside > most:
            most, x = inside, (at + following) / 2
    if most < MIN_COLUMN_LINES:
        return None
    crossing, sides, ends = 0, [], []
    for chars in lines:
        split = _split(chars, x)
        if split is None:
            crossing += 1
            continue
        before, after = split
        if before and after:
            sides.append(min(len(before), len(after)))
        if before:
            ends.append((before[-1]["x1"], before[-1]["size"] or 1.0))  # where a line of the left column ends
    if crossing > len(lines) * MAX_CROSSING or len(sides) < MIN_COLUMN_LINES:
        return None
    # A column of prose is filled to its edge on most lines; an unruled table's first cells end anywhere.
    edge = max((end for end, _ in ends), default=0.0)
    filled = sum(1 for end, size in ends if end >= edge - size * 2)
    return x if sorted(sides)[len(sides) // 2] >= MIN_COLUMN_CHARS and filled >= len(ends) * MIN_FILLED else None


def _split(chars: list[dict[str, Any]], x: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
    """A line's characters left and right of `x`; None if the line runs across it (a character
    over it, or characters on both sides closer than a gutter)."""
    before = [ch for ch in chars if ch["x1"] <= x]
    after = [ch for ch in chars if ch["x0"] >= x]
    if len(before) + len(after) < len(chars):
        return None
    if before and after and after[0]["x0"] - before[-1]["x1"] < (chars[0]["size"] or 1.0) * MIN_GUTTER:
        return None
    return before, after


def _part(chars: list[dict[str, Any]]) -> dict[str, Any]:
    """A text line of some of a line's characters, as the layout gives one."""
    return {
        "chars": chars,
        "text": "".join(ch["text"] for ch in chars),
        "x0": chars[0]["x0"],
        "x1": chars[-1]["x1"],
        "top": min(ch["top"] for ch in chars),
        "bottom": max(ch["bottom"] for ch in chars),
    }


def _line(raw: dict[str, Any], number: int, is_bold: Callable[[dict[str, Any]], bool]) -> _Line:
    """A text line from its characters, in order: a space where the document has one, or where
    they stand apart (but for the gap a change of font leaves between a Chinese character and a
    Latin letter or digit: 2025 年); digits raised and smaller after Chinese text are a footnote's
    number (〔注1〕, as a Word file's footnote reads)."""
    chars = raw["chars"]
    size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
    baseline = Counter(round(c["bottom"], 1) for c in chars if round(c["size"], 1) == size).most_common(1)[0][0]
    parts: list[str] = []
    bold: int | None = None  # where the bold at the line's start ends, once it does
    note = False  # a footnote's number is open: it goes on with the next raised digit
    previous: dict[str, Any] | None = None
    for ch in chars:
        text = ch["text"]
        raised = ch["size"] <= size * SUPERSCRIPT and ch["bottom"] < baseline - size * RAISED and text.isdigit()
        if raised and (note or (parts and _CHINESE_CHAR.match(parts[-1][-1]))):
            if not note:
                parts.append("〔注")
                note = True
            parts.append(text)
        else:
            if note:
                parts.append("〕")
                note = False
            if previous is not None and _space_between(previous, ch):
                parts.append(" ")
            parts.append(text)
        if bold is None and not is_bold(ch):
            bold = sum(map(len, parts[:-1]))
        previous = ch
    if note:
        parts.append("〕")
    text = "".join(parts)
    # A list's bullet (drawn from a symbol font: a private-use character, or •, ■ …) is no text,
    # as in the Word file it was printed from. Any other private-use character is a character no
    # reader's font has (a 生僻字 made in a font of one office's): the importer marks it 〓.
    bold = len(_without_bullet(text[:bold])) if bold is not None else None
    text = _without_bullet(text)
    stripped = text.strip()
    bold = len(text) if bold is None else bold
    bold = min(max(0, bold - (len(text) - len(text.lstrip()))), len(stripped))
    return _Line(stripped, number, raw["top"], raw["bottom"], raw["x0"], raw["x1"], size, bold)


_BULLET = re.compile(r"^\s*[\ue000-\uf8ff•●○◦▪■□◆◇➢►▶√✓](?=\s)")


def _without_bullet(text: str) -> str:
    return _BULLET.sub("", text)


def _space_between(before: dict[str, Any], ch: dict[str, Any]) -> bool:
    """Whether a space goes between two characters of a line: where the document has one, or
    where they stand apart (but for the narrow gap a change of font leaves: 2025 年; a tab's
    wide gap, 1　张三, is a space)."""
    if ch.get("space"):
        return True
    gap, size = ch["x0"] - before["x1"], ch["size"]
    if gap <= X_TOLERANCE or gap <= SPACE_GAP * size:  # most characters: asked first, as it is cheap
        return False
    return gap >= FONT_GAP * size or not _font_gap(before["text"], ch["text"])


FONT_GAP = 0.5  # of a character's size: the widest gap a change of font leaves between two characters
# Of a character's size: a wider gap is a space in large type too (a title's glyph from a fallback
# font, boxed by its ink, stands a few points apart: 助残 日 活动)
SPACE_GAP = 0.15


def _font_gap(before: str, after: str) -> bool:
    """Whether the gap between two characters is one a change of font leaves: between a Chinese
    character (or full-width mark) and a Latin letter, digit or %."""
    return bool(
        (_CHINESE_CHAR.match(before) and _NARROW.match(after)) or (_NARROW.match(before) and _CHINESE_CHAR.match(after))
    )


def _chars(text_page: Any, height: float) -> list[dict[str, Any]]:
    """The page's characters (white space aside) as pdfplumber describes them: text, size, and a
    box measured from the top of the page that stands on the character's baseline and is as high
    as its size — so the characters of one line share a top whatever their fonts' own boxes.
    Each also gives its place in the page's text (`index`), and says whether the document put a
    space before it (PDFium adds spaces of its own where characters stand apart: not the document's)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    out: list[dict[str, Any]] = []  # PDFium's own calls below: one per fact, no wrapper objects
    count = pdfium_c.FPDFText_CountChars(text_page)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    space = False
    i = 0
    while i < count:
        code = pdfium_c.FPDFText_GetUnicode(text_page, i)
        if code == 0x20:
            space = space or not pdfium_c.FPDFText_IsGenerated(text_page, i)
            i += 1
            continue
        pdfium_c.FPDFText_GetLooseCharBox(text_page, i, box)
        pdfium_c.FPDFText_GetCharOrigin(text_page, i, origin_x, origin_y)
        size = pdfium_c.FPDFText_GetFontSize(text_page, i)
        index = i
        left, right, baseline = box.left, box.right, height - origin_y.value
        i += 1
        if 0xD800 <= code < 0xDC00 and i < count:  # a character beyond the BMP comes as two halves
            low = pdfium_c.FPDFText_GetUnicode(text_page, i)
            if 0xDC00 <= low < 0xE000:
                code, i = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), i + 1
        if code == PDFIUM_LINE_END_HYPHEN:
            code = ord("-")
        text = chr(code) if 0x20 <= code < 0x110000 and not 0xD800 <= code < 0xE000 else ""
        if text.strip():
            out.append({"text": text, "x0": left, "x1": right, "top": baseline - size, "bottom": baseline,
                        "doctop": baseline - size, "upright": True, "size": size,
                        "index": index, "space": space})  # fmt: skip
        space = False
    return out


class _Bold:
    """Whether a character of a page is set in bold: a bold font (by its weight or its name, as
    NotoSansCJK-Bold or SimHei-Bold), or text filled and stroked (how Word and WPS embolden a
    Chinese font that has no bold face). Asked only of the characters at the start of a line,
    until one is not: three calls to PDFium for each would cost a third of reading a page."""

    def __init__(self, text_page: Any) -> None:
        self.text_page = text_page
        self.fonts: dict[int | None, bool] = {}  # each font, looked at once

    def __call__(self, ch: dict[str, Any]) -> bool:
        import ctypes

        import pypdfium2.raw as pdfium_c  # imported here: only an import of a PDF needs it

        text_object = pdfium_c.FPDFText_GetTextObject(self.text_page, ch["index"])
        if not text_object:
            return False
        if pdfium_c.FPDFTextObj_GetTextRenderMode(text_object) == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE:
            return True
        font = pdfium_c.FPDFTextObj_GetFont(text_object)
        handle = ctypes.cast(font, ctypes.c_void_p).value
        if handle not in self.fonts:
            name = ctypes.create_string_buffer(256)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
            self.fonts[handle] = pdfium_c.FPDFFont_GetWeight(font) >= BOLD_WEIGHT or bool(
                _BOLD_NAME.search(name.value.decode("latin-1"))
            )
        return self.fonts[handle]


Affine = tuple[float, float, float, float, float, float]  # PDF's a b c d e f
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8  # forms (XObjects) drawn inside forms, followed this deep


def _then(inner: Affine, outer: Affine) -> Affine:
    """The transformation that applies `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _edges_and_images(page: Any, height: float) -> tuple[list[dict[str, Any]], list[Box]]:
    """The horizontal and vertical line segments the page draws (paths, rectangles' sides, also
    inside forms), as pdfplumber's edges, measured from the top of the page; and where it shows
    an image larger than an icon (a photo, a chart, a seal)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    images: list[Box] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = pdfium_c.FS_MATRIX()
    stack: list[tuple[Any, bool, Affine, int]] = [(page.raw, False, IDENTITY, 0)]  # parent, a form, its transform
    while stack:
        parent, in_form, outer, depth = stack.pop()
        count = (pdfium_c.FPDFFormObj_CountObjects if in_form else pdfium_c.FPDFPage_CountObjects)(parent)
        get = pdfium_c.FPDFFormObj_GetObject if in_form else pdfium_c.FPDFPage_GetObject
        for index in range(max(count, 0)):
            obj = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM, pdfium_c.FPDF_PAGEOBJ_IMAGE):
                continue
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            own = _then((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:  # drawn as the unit square: its sides are the matrix's columns
                wide, high = math.hypot(own[0], own[1]), math.hypot(own[2], own[3])
                if min(wide, high) >= ICON_POINTS:
                    images.append((round(own[4]), round(height - own[5] - high), round(wide), round(high)))
                continue
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth < MAX_FORM_DEPTH:
                    stack.append((obj, True, own, depth + 1))
                continue
            a, b, c, d, e, f = own
            start = previous = (0.0, 0.0)
            for n in range(pdfium_c.FPDFPath_CountSegments(obj)):
                segment = pdfium_c.FPDFPath_GetPathSegment(obj, n)
                pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
                point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
                segment_kind = pdfium_c.FPDFPathSegment_GetType(segment)
                if segment_kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                    start = previous = point
                    continue
                if segment_kind == pdfium_c.FPDF_SEGMENT_LINETO:
                    _add_edge(edges, previous, point, height)
                previous = point
                if pdfium_c.FPDFPathSegment_GetClose(segment):
                    _add_edge(edges, previous, start, height)
                    previous = start
    return edges, images


def _add_edge(edges: list[dict[str, Any]], a: tuple[float, float], b: tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = a, b
    if abs(y0 - y1) < EDGE_MIN <= abs(x0 - x1):
        top = height - (y0 + y1) / 2
        edges.append({"orientation": "h", "x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": top,
                      "width": abs(x1 - x0), "height": 0.0, "object_type": "line"})  # fmt: skip
    elif abs(x0 - x1) < EDGE_MIN <= abs(y0 - y1):
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        edges.append({"orientation": "v", "x0": (x0 + x1) / 2, "x1": (x0 + x1) / 2, "top": top, "bottom": bottom,
                      "width": 0.0, "height": bottom - top, "object_type": "line"})  # fmt: skip


@dataclass(frozen=True)
class _PageBox:
    """All pdfplumber's table finder asks of a page when it is given the ruling lines."""

    bbox: tuple[float, float, float, float]


MAX_BOXES = 16  # lone ruled cells on a page: more is a form or a drawing, not a text with a 专栏 or two


def _tables(edges: list[dict[str, Any]], width: float, height: float) -> tuple[list[tuple[Any, list[Any]]], list[Any]]:
    """(bbox, cells) of each table the ruling lines draw, by pdfplumber's table finder; and the
    boxes they draw that are no table's cell (a one-cell table, a frame around a 专栏)."""
    from pdfplumber.table import TableFinder

    vertical = [e for e in edges if e["orientation"] == "v"]
    horizontal = [e for e in edges if e["orientation"] == "h"]
    if len(vertical) < 2 or len(horizontal) < 2:
        return [], []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}  # fmt: skip
    finder = TableFinder(_PageBox((0.0, 0.0, width, height)), settings)  # type: ignore[arg-type]
    in_tables = {cell for table in finder.tables for cell in table.cells}
    return [(table.bbox, table.cells) for table in finder.tables], [c for c in finder.cells if c not in in_tables]


def _box_around(line: _Line, boxes: list[Any]) -> int:
    """The number (from 1) of the box drawn around the line, the innermost; 0 if none. A page
    with more than MAX_BOXES boxes is a drawing or a form, not a text with a 专栏 or two."""
    if len(boxes) > MAX_BOXES:
        return 0
    x, y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    around = [(b[2] - b[0], n) for n, b in enumerate(boxes, 1) if b[0] <= x <= b[2] and b[1] <= y <= b[3]]
    return min(around)[1] if around else 0


@dataclass
class _Cell:
    text: str
    row: int  # its first row and column on the table's grid
    col: int
    rows: int
    cols: int


@dataclass
class _Grid:
    """A ruled table as the page draws it: cells placed on the grid of its own edges. A table
    running over several pages is one grid (`_append`)."""

    cells: list[_Cell]
    height: int  # rows
    width: int  # columns
    line: int  # where it starts (its page)

    def row(self, r: int) -> list[_Cell]:
        """The cells covering row r, left to right."""
        return sorted((c for c in self.cells if c.row <= r < c.row + c.rows), key=lambda c: c.col)

    def draft(self) -> TableDraft | None:
        rows: list[list[SourceCell]] = [[] for _ in range(self.height)]
        for c in sorted(self.cells, key=lambda c: (c.row, c.col)):
            rows[c.row].append(SourceCell(c.text, c.rows, c.cols, header=c.row == 0))
        return from_grid(rows, self.line)


def _table(chars: list[dict[str, Any]], found: list[Any], number: int, in_cells: set[int]) -> _Grid | None:
    """A ruled table: each cell placed on the grid of the table's own cell edges; the ids of the
    characters its cells hold go into `in_cells`."""
    cells = [c for c in found if c]
    xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in cells for v in (c[1], c[3])})
    if len(xs) < 3 or len(ys) < 2:
        return None
    placed = []
    for c in cells:
        x0, x1 = xs.index(round(c[0], 1)), xs.index(round(c[2], 1))
        y0, y1 = ys.index(round(c[1], 1)), ys.index(round(c[3], 1))
        inside = [
            ch
            for ch in chars
            if c[0] <= (ch["x0"] + ch["x1"]) / 2 <= c[2] and c[1] <= (ch["top"] + ch["bottom"]) / 2 <= c[3]
        ]
        placed.append(_Cell(_cell_text(inside), y0, x0, max(y1 - y0, 1), max(x1 - x0, 1)))
        in_cells.update(id(ch) for ch in inside)
    return _Grid(placed, len(ys) - 1, len(xs) - 1, number)


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """A cell's characters in reading order: lines by their top, left to right, spaced as a line's."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < ch["size"] * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return join_lines(_spaced(sorted(line, key=lambda c: c["x0"])) for line in lines)


def _spaced(chars: list[dict[str, Any]]) -> str:
    """One line's characters, left to right, with the spaces `_line` gives them."""
    return "".join((" " if n and _space_between(chars[n - 1], ch) else "") + ch["text"] for n, ch in enumerate(chars))


def _add_table(stream: list[Any], grid: _Grid) -> None:
    """A table that runs on from the page before (nothing between, the same columns) is one table."""
    last = stream[-1] if stream else None
    if isinstance(last, _Grid) and last.width == grid.width:
        _append(last, grid)
    else:
        stream.append(grid)


def _append(grid: _Grid, more: _Grid) -> None:
    """The part of a table on the next page, joined to it: a header row repeated on the new
    page is dropped; a row broken by the page is rejoined; an empty cell under a cell merged
    down to the page's end, or an empty cell the page draws over several rows, is that merged
    cell running on (the page leaves it empty)."""
    skip = 1 if more.height > 1 and [c.text for c in more.row(0)] == [c.text for c in grid.row(0)] else 0
    cells = [c for c in more.cells if c.row >= skip]
    ending = {c.col: c for c in grid.row(grid.height - 1)}
    first = sorted((c for c in cells if c.row == skip), key=lambda c: c.col)
    pairs = [(ending[c.col], c) for c in first if c.col in ending and ending[c.col].cols == c.cols]
    broken = _continues_row([above.text for above, _ in pairs], [c.text for _, c in pairs]) or _rest_of_row(
        grid, [c for _, c in pairs]
    )
    for above, c in pairs:
        if broken:  # the row goes on: each cell's rest joins its first half
            above.text += c.text
            above.rows += c.rows - 1
            cells.remove(c)
        elif not c.text and (above.rows > 1 or c.rows > 1):
            above.rows += c.rows
            cells.remove(c)
    shift = grid.height - skip - (1 if broken else 0)
    for c in cells:
        c.row += shift
    grid.cells += cells
    grid.height += more.height - skip - (1 if broken else 0)


def _rest_of_row(grid: _Grid, first: list[_Cell]) -> bool:
    """The first row on a new page is the rest of the last one although the page broke between
    two sentences: it leaves empty a column in which every row so far has a cell of its own with
    text (a new row would name its item there)."""
    if grid.height - 1 < MIN_ROWS_FILLED or all(c.text for c in first) or not any(c.text for c in first):
        return False
    own = Counter(c.col for c in grid.cells if c.row > 0 and c.rows == 1 and c.cols == 1 and c.text)
    return any(c.rows == c.cols == 1 and own[c.col] == grid.height - 1 and not c.text for c in first)


def _continues_row(last: list[str], first: list[str]) -> bool:
    """The first row on a new page is the rest of the last one: some of its cells are empty, and
    each of the others carries on a cell that stopped mid-sentence, without starting a new item."""
    if len(last) != len(first) or all(first) or not any(first):
        return False
    return all(
        not b or (a and not a.endswith(TERMINAL) and not b[0].isdigit() and numbered(b) is None)
        for a, b in zip(last, first, strict=True)
    )


def _running_lines(pages: list[_Page]) -> set[int]:
    """ids of the lines in the margins that are page numbers or repeat on most pages."""
    # Where a page's text reaches, among the pages of its size (a landscape page for a wide
    # table is shorter): its margins are measured from there.
    reach: dict[int, float] = {}
    for page in pages:
        size = round(page.height)
        reach[size] = max(reach.get(size, 0.0), *(line.bottom for line in page.lines))
    margin_lines = [
        line
        for page in pages
        for line in page.lines
        if line.top < (reach[round(page.height)] or 1.0) * MARGIN
        or line.bottom > (reach[round(page.height)] or 1.0) * (1 - MARGIN)
    ]
    repeated = _running(Counter(shape for page in _shapes_per_page(pages, margin_lines) for shape in page), len(pages))
    return {
        id(line)
        for line in margin_lines
        if PAGE_NUMBER.match(line.text) or _shape(line.text) in repeated or _BROWSER_PRINT.fullmatch(line.text)
    }


# What a browser prints in a page's margins: the date and time, then the page's title (at the
# top); the page's address, then the page count (at the foot). Looked for in the margins only.
_BROWSER_PRINT = re.compile(
    r"\d{1,4}/\d{1,2}/\d{1,4},?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?.*"
    r"|(?:https?|file)://\S+\s*\d+\s*/\s*\d+",
    re.IGNORECASE,
)


def _shape(text: str) -> str:
    """A margin line with its numbers blanked: 第3页 and 第4页 are one running line."""
    return re.sub(r"\d+", "#", text)


def _shapes_per_page(pages: list[_Page], margin_lines: list[_Line]) -> list[set[str]]:
    """Each page's margin lines, by shape (a line twice on one page counts once)."""
    margin = {id(line) for line in margin_lines}
    return [{_shape(line.text) for line in page.lines if id(line) in margin} for page in pages]


def _body_size(lines: list[_Line], margins: set[int]) -> float:
    """The size most of the text is set in, the lines in the margins aside (a browser prints a
    page's address and title there, small: on a short page, more text than the page's own)."""
    weights: Counter[float] = Counter()
    for line in lines:
        if id(line) not in margins:
            weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _usual_gap(lines: list[_Line]) -> float:
    """The most common gap between one line and the next on a page: the text's line spacing."""
    gaps: Counter[float] = Counter()
    for a, b in itertools.pairwise(lines):
        if a.page == b.page and b.top > a.bottom:
            gaps[round(b.top - a.bottom)] += 1
    return float(gaps.most_common(1)[0][0]) if gaps else 0.0


def _right_margin(lines: list[_Line], body_size: float, left: float) -> float | None:
    """Where the lines the layout broke end: the right edge of the body text, where the document
    shows it (a line ends as far from the page's right edge as the text starts from its left, as
    pages have even margins, or several lines end there together). None where it does not (a
    short document): the text rules then count characters instead."""
    body = [line for line in lines if round(line.size, 1) == body_size]
    if not body:
        return None
    right = max(line.x1 for line in body)
    slack = body_size * WRAP_SLACK
    together = sum(line.x1 >= right - slack for line in body) >= MIN_FULL_LINES
    even = any(right >= line.page_width - left - slack for line in body)
    return right if together or even else None


def _full(line: _Line, left: float, right: float | None) -> bool:
    """Whether a line of text reaches the right margin, as one the layout broke there does (not a
    centred or right-aligned one: it starts at the left margin or a paragraph's indent)."""
    return right is not None and line.x1 >= right - line.size * WRAP_SLACK and line.x0 <= left + line.size * MAX_INDENT


def _bold_goes_on(previous: _Line, line: _Line, left: float, right: float | None) -> bool:
    """Whether `line` goes on with the bold title of `previous`, which is bold throughout and was
    broken at the right margin."""
    return (
        previous.bold == len(previous.text)
        and line.bold > 0
        and previous.size == line.size
        and _full(previous, left, right)
    )


_NOTE_REFERENCE = re.compile(r"〔注(\d{1,3})〕")
# A footnote's first line: its number, raised or as plain digits (1以…, 1 以…), not a number of the
# text (1年) nor a list item's (1．, 1、).
_NOTE_START = re.compile(r"(?:〔注(?P<raised>\d{1,3})〕|(?P<plain>\d{1,3})(?![\d年月日号%％.．、,，:：]))\s*(?=\S)")


def _footnotes(lines: list[_Line], referenced: set[str], body_size: float, pitch: float) -> dict[int, tuple[str, str]]:
    """The footnotes at the foot of a page (running lines aside): from the first line in the page's
    lower half that starts with the number of a footnote referenced on the page (`referenced`) and
    stands apart from the text above it (a gap, or a smaller type), every line to the page's end.
    id of each line -> (its number, its text as a note: 注1：…) where a note begins, ("", its text)
    where one goes on."""
    if not referenced or not lines:
        return {}
    foot = max(line.bottom for line in lines)
    for i, line in enumerate(lines):
        apart = i == 0 or line.top - lines[i - 1].bottom > pitch + line.size * 0.4 or line.size < body_size * 0.95
        if _note_start(line.text, referenced)[0] and line.top > foot / 2 and apart:
            break
    else:
        return {}
    notes: dict[int, tuple[str, str]] = {}
    for line in lines[i:]:
        number, rest = _note_start(line.text, referenced)
        notes[id(line)] = (number, f"注{number}：{rest}") if number else ("", line.text)
    return notes


def _note_start(text: str, referenced: set[str]) -> tuple[str, str]:
    """The number of the footnote a line starts (one of `referenced`) and the note's text after
    it; ("", text) where it starts none."""
    start = _NOTE_START.match(text)
    number = (start["raised"] or start["plain"]) if start else ""
    return (number, text[start.end() :]) if start and number in referenced else ("", text)


def _letterhead(lines: list[_Line], body_size: float) -> set[int]:
    """The red letterhead, in large type: a line reading …文件, with the issuers' names stacked
    above or below it (a joint document's); by the lines' ids."""
    found: set[int] = set()
    run: list[_Line] = []  # consecutive large lines, each a letterhead's or an issuer's
    for line in [*lines, None]:
        if (
            line is not None
            and line.size > body_size * HEADING_SIZE
            and (is_letterhead(line.text) or issuers(line.text))
        ):
            run.append(line)
            continue
        if any(is_letterhead(member.text) for member in run):
            found |= {id(member) for member in run}
        run = []
    return found


def _issuers_then_title(before: str, text: str) -> bool:
    """The issuers of a joint document (某省残联　某省民政厅), then the 关于… title, all in the
    title's type: two headings, not one title over two lines."""
    return issuers(before) is not None and text.startswith("关于")


def _new_paragraph(previous: _Line, line: _Line, left: float, pitch: float) -> bool:
    indented = line.x0 > left + line.size * 1.5
    if previous.page != line.page:
        return indented  # an indented first line at the top of a page
    return line.top - previous.bottom > pitch + line.size * 0.4 or indented


def _items(stream: list[Any], left: float, right: float | None) -> list[Line | TableDraft]:
    """Headings as marked lines; the lines between them rejoined by the plain-text rules, told
    which of them reached the right margin (`left`, `right`; None where the document does not
    show it); each marked with the run-in title its bold start makes."""
    out: list[Line | TableDraft] = []
    run: list[Any] = []
    titles: list[str] = []  # the bold title each item of the run starts with, or ""
    frames: list[tuple[int, ...]] = []  # the boxes drawn around each item of the run
    layout: list[tuple[int, bool]] = []  # each item's last line: its length, and whether it was full
    number = 0
    lines = [line.text for thing in stream if isinstance(thing, list) for line in thing]
    width = wrap_width(lines + [thing for thing in stream if isinstance(thing, str)])  # of the whole document

    def flush() -> None:
        nonlocal number
        for item in join_broken(run, width, layout if right is not None else None):
            if isinstance(item, Line):
                title = titles[item.number - 1]
                item.run_in = run_in_length(item.text, "", title) if title else 0
                item.frames = frames[item.number - 1]
                item.number += number
            out.append(item)
        number += len(run)
        for kept in (run, titles, layout, frames):
            kept.clear()

    def add(item: Any, title: str = "", last_line: tuple[int, bool] = (0, False), framed: tuple[int, ...] = ()) -> None:
        run.append(item)
        titles.append(title)
        layout.append(last_line)
        frames.append(framed)

    for thing in stream:
        if isinstance(thing, _Grid):
            draft = thing.draft()
            if draft is not None:
                add(draft)
            else:  # one row of ruled cells is no table of data: their text is the text
                for cell in sorted(thing.cells, key=lambda c: (c.row, c.col)):
                    add("")
                    add(cell.text, "", (len(cell.text), False))
                add("")
        elif isinstance(thing, tuple):
            flush()
            number += 1
            out.append(Line(thing[0], number, blank_before=True, heading=thing[1], frames=thing[2]))
        elif isinstance(thing, list):
            add(
                join_lines(line.text for line in thing),
                _bold_start(thing),
                (len(thing[-1].text), _full(thing[-1], left, right)),
                thing[0].frames,
            )
        else:
            add(thing, "", (len(thing), False))
    flush()
    return out


def _bold_start(lines: list[_Line]) -> str:
    """The bold text a paragraph starts with (over its lines while they are bold throughout)."""
    bold: list[str] = []
    for line in lines:
        bold.append(line.text[: line.bold])
        if line.bold < len(line.text):
            break
    return join_lines(bold)
