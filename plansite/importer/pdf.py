"""A PDF in: its text in reading order and its ruled tables, as items.

pdfplumber reads each page's characters with their positions and sizes:

- tables are found from their ruling lines; each cell's extent on the grid of
  the table's own edges gives its rowspan and colspan; a table that runs on
  at the top of the next page with the same columns is one table (a repeated
  header row is dropped);
- running headers and footers are left out and listed: page numbers in the
  margins (— 3 —, 第3页, 3/16, - 3 -), and any margin line that repeats on most
  pages (digits aside);
- the other lines go, in order, to the plain-text rules that rejoin lines
  broken by the layout (lines.join_broken): a vertical gap or an indented first
  line starts a new paragraph;
- text larger than the body's is a heading, ranked by size, the largest on
  the first page the title (a title over two lines is one).

A scanned PDF has no characters: it is refused with a message to OCR it first.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..numbering import numbered
from .lines import TERMINAL, Line, join_broken, join_lines, wrap_width
from .tables import SourceCell, TableDraft, from_grid

# A space the extraction puts where the font changes between a Chinese character and a Latin
# letter or digit (2025 年): Chinese text has none there.
_FONT_GAP = re.compile(
    r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?=[\u3000-\u9fff\uff00-\uffef])"
)
MIN_ROWS_FILLED = 3  # rows a table shows before a column it always fills tells a new row from a broken one
MARGIN = 0.08  # of the page height: where running headers and footers sit
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(第\s*)?\d{1,4}(\s*页)?[-—–－\s]*$|^\d{1,4}\s*/\s*\d{1,4}$")
HEADING_SIZE = 1.08  # a line this much larger than the body text is a heading
MAX_HEADING = 60  # characters: a longer "large" line is display text, not a heading


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
    size: float


def pdf_items(data: bytes, dropped: list[str]) -> list[Line | TableDraft]:
    import pdfplumber  # imported here: only an import of a PDF needs it
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise NotReadablePdfError("文件已损坏") from error
    with pdf:
        pages = [_read_page(page, n) for n, page in enumerate(pdf.pages, 1)]
    lines = [line for page_lines, _ in pages for line in page_lines]
    if not any(line.text.strip() for line in lines) and not any(tables for _, tables in pages):
        raise NotReadablePdfError("没有文字层")
    chrome = _running_lines(pages)
    body_size = _body_size(lines)
    sizes = sorted({round(line.size, 1) for line in lines if line.size > body_size * HEADING_SIZE}, reverse=True)
    stream: list[Any] = []  # str lines, "" paragraph breaks, _Grid tables, or (text, level) headings
    previous: _Line | None = None
    left = min((line.x0 for line in lines), default=0.0)
    pitch = _usual_gap(lines)
    for page_lines, tables in pages:
        placed: list[tuple[float, int, _Line | _Grid]] = [(line.top, 0, line) for line in page_lines]
        placed += [(top, 1, table) for top, table in tables]
        for _, _, line in sorted(placed, key=lambda x: (x[0], x[1])):
            if isinstance(line, _Grid):
                _add_table(stream, line)
                previous = None
                continue
            if id(line) in chrome:
                dropped.append(f"第{line.page}页（页眉、页脚或页码）：{line.text}")
                continue
            level = (
                sizes.index(round(line.size, 1)) + 1
                if round(line.size, 1) in sizes and len(line.text) <= MAX_HEADING
                else 0
            )
            if level:
                close = previous is not None and 0 <= line.top - previous.bottom < (line.bottom - line.top)
                if stream and isinstance(stream[-1], tuple) and stream[-1][1] == level and close:
                    stream[-1] = (stream[-1][0] + line.text, level)  # a heading over two lines
                else:
                    stream.append((line.text, level))
                previous = line
                continue
            if previous is not None and _new_paragraph(previous, line, left, pitch):
                stream.append("")
            stream.append(line.text)
            previous = line
    return _items(stream)


def _read_page(page: Any, number: int) -> tuple[list[_Line], list[tuple[float, _Grid]]]:
    found = page.find_tables()
    tables = [(t.bbox[1], t) for t in found]
    boxes = [t.bbox for t in found]

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    text_page = page.filter(outside) if boxes else page
    lines = []
    for raw in text_page.extract_text_lines(return_chars=True):
        chars = [c for c in raw["chars"] if c["text"].strip()]
        if not raw["text"].strip() or not chars:
            continue
        size = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
        lines.append(_Line(_FONT_GAP.sub("", raw["text"].strip()), number, raw["top"], raw["bottom"], raw["x0"], size))
    grids = []
    for top, table in tables:
        grid = _table(page, table, number)
        if grid is not None:
            grids.append((top, grid))
    return lines, grids


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


def _table(page: Any, table: Any, number: int) -> _Grid | None:
    """A ruled table: each cell placed on the grid of the table's own cell edges."""
    cells = [c for c in table.cells if c]
    xs = sorted({round(v, 1) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 1) for c in cells for v in (c[1], c[3])})
    if len(xs) < 3 or len(ys) < 2:
        return None
    chars = [ch for ch in page.chars if ch["text"].strip()]
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
    return _Grid(placed, len(ys) - 1, len(xs) - 1, number)


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """A cell's characters in reading order: lines by their top, left to right."""
    lines: list[list[dict[str, Any]]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < ch["size"] * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return join_lines("".join(c["text"] for c in sorted(line, key=lambda c: c["x0"])) for line in lines)


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


def _running_lines(pages: list[tuple[list[_Line], list[Any]]]) -> set[int]:
    """ids of the lines in the margins that are page numbers or repeat on most pages."""
    heights = [max((line.bottom for line in lines), default=0.0) for lines, _ in pages]
    page_height = max(heights, default=0.0) or 1.0
    margin_lines = [
        line
        for lines, _ in pages
        for line in lines
        if line.top < page_height * MARGIN or line.bottom > page_height * (1 - MARGIN)
    ]
    pages_with = Counter(shape for page in _shapes_per_page(pages, margin_lines) for shape in page)
    repeated = {s for s, n in pages_with.items() if n >= 2 and n >= len(pages) / 2}
    return {id(line) for line in margin_lines if PAGE_NUMBER.match(line.text) or _shape(line.text) in repeated}


def _shape(text: str) -> str:
    """A margin line with its numbers blanked: 第3页 and 第4页 are one running line."""
    return re.sub(r"\d+", "#", text)


def _shapes_per_page(pages: list[tuple[list[_Line], list[Any]]], margin_lines: list[_Line]) -> list[set[str]]:
    """Each page's margin lines, by shape (a line twice on one page counts once)."""
    margin = {id(line) for line in margin_lines}
    return [{_shape(line.text) for line in lines if id(line) in margin} for lines, _ in pages]


def _body_size(lines: list[_Line]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size, 1)] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _usual_gap(lines: list[_Line]) -> float:
    """The most common gap between one line and the next on a page: the text's line spacing."""
    gaps: Counter[float] = Counter()
    for a, b in itertools.pairwise(lines):
        if a.page == b.page and b.top > a.bottom:
            gaps[round(b.top - a.bottom)] += 1
    return float(gaps.most_common(1)[0][0]) if gaps else 0.0


def _new_paragraph(previous: _Line, line: _Line, left: float, pitch: float) -> bool:
    indented = line.x0 > left + line.size * 1.5
    if previous.page != line.page:
        return indented  # an indented first line at the top of a page
    return line.top - previous.bottom > pitch + line.size * 0.4 or indented


def _items(stream: list[Any]) -> list[Line | TableDraft]:
    """Headings as marked lines; the runs of text between them rejoined by the plain-text rules."""
    out: list[Line | TableDraft] = []
    run: list[Any] = []
    number = 0
    width = wrap_width([thing for thing in stream if isinstance(thing, str)])  # of the whole document

    def flush() -> None:
        nonlocal number
        for item in join_broken(run, width):
            if isinstance(item, Line):
                item.number += number
            out.append(item)
        number += len(run)
        run.clear()

    for thing in stream:
        if isinstance(thing, _Grid):
            draft = thing.draft()
            if draft is not None:
                run.append(draft)
        elif isinstance(thing, tuple):
            flush()
            number += 1
            out.append(Line(thing[0], number, blank_before=True, heading=thing[1]))
        else:
            run.append(thing)
    flush()
    return out
