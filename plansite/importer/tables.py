"""Find tables in copied text and turn them into rows of cells.

Copying a table out of Word or a web page leaves one of three shapes:
- one cell per line, each line starting with a tab, rows separated by blank
  lines (a web page's table pasted as text);
- one row per line, cells separated by tabs (Word, spreadsheets);
- one row per line, cells aligned with runs of spaces (PDF, plain text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbering import numbered
from .lines import PAGE_BREAK
from .patterns import UNIT, with_unit

_SPACES = re.compile(r" {2,}|\u3000+")
GROUP_STYLES = ("cn-comma", "cn-paren")  # numbering of a group row inside a table: 一、 （一）
MAX_GROUP = 40  # characters: a group row's title is short
MAX_BROKEN_CELL = 12  # characters of each line of a first cell broken over lines (（七） / 费用控制)
MAX_BROKEN_LINES = 4
MAX_LOOKBACK = 5  # rows back where a cell's line of the same form (指标来源：…) is looked for
MAX_CELL_LINES = 20
MAX_COLUMNS = 60  # lines of one cell copied as a paragraph
MAX_EMPTY_GROUPS = 5  # group titles in a row with no cells between them


@dataclass
class TableDraft:
    rows: list[list[str]]  # rows[0] is the header row; a row omits the cells merged into it from above
    line: int  # 1-based source line where the table starts
    caption: str = ""  # its title where the table holds it (a first row across it); the body sets it
    comments: list[str] = field(default_factory=list)
    # A merged cell: (row, index in that row) -> (rows, columns) it covers, where the source says so.
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    groups: set[int] = field(default_factory=set)  # rows that are one full-width group row (一、医疗质量)
    notes: list[str] = field(default_factory=list)  # 注：… lines after it
    frames: tuple[int, ...] = ()  # the boxes drawn around it, as a Line's

    @property
    def head(self) -> list[str]:
        return self.rows[0]

    @property
    def body(self) -> list[list[str]]:
        return self.rows[1:]


def find_tables(lines: list[str]) -> list[str | TableDraft]:
    out: list[str | TableDraft] = []
    i = 0
    while i < len(lines):
        for finder in (
            _cells_between_tab_lines,
            _cell_per_line,
            _row_per_line_pipes,
            _row_per_line_tabs,
            _row_per_line_spaces,
        ):
            found = finder(lines, i)
            if found:
                table, i = found
                if not table.spans and not table.groups:
                    _regularise(table)
                out.append(table)
                break
        else:
            out.append(lines[i])
            i += 1
    return out


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and "\t" not in line[1:]


def _cell_per_line(lines: list[str], start: int) -> tuple[TableDraft, int] | None:
    if not _is_cell_line(lines[start]) or (start > 0 and _is_cell_line(lines[start - 1])):
        return None  # a table starts with a row's first cell
    rows: list[list[str]] = []
    current: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            current.append(line.strip())
            if len(current) > MAX_COLUMNS:
                return None  # no table is this wide (and a failed try costs at most this much)
        elif not line.strip():
            if current:
                rows.append(current)
                current = []
            # A table ends at a blank line not followed by another cell line.
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip() or _is_cell_line(lines[j])), None)
            if nxt is None or not _is_cell_line(lines[nxt]):
                break
            i = nxt - 1  # over the blank lines at once
        else:
            break
        i += 1
    if current:
        rows.append(current)
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    return TableDraft(rows, start + 1), i


_PIPE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")  # | --- | :---: |, a separator row


def _split_pipes(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _row_per_line_pipes(lines: list[str], start: int) -> tuple[TableDraft, int] | None:
    """| 序号 | 指标 | rows, as some web pages and Markdown editors paste them."""

    def is_row(s: str) -> bool:
        return s.strip().startswith("|") and s.count("|") >= 3

    found = _rows_by(lines, start, is_row, _split_pipes)
    if found:
        table, end = found
        table.rows = [row for row in table.rows if not _PIPE_RULE.match("|".join(row))]
        if len(table.rows) < 2:
            return None
        return table, end
    return None


def _split_tabs(line: str) -> list[str]:
    """The cells of a row; a tab at its start is an empty first cell (the corner above the row
    headers, or a cell merged down), so the cells stay under their column headers."""
    cells = [cell.strip() for cell in line.strip(" \u3000\r\n").split("\t")]
    while len(cells) > 1 and not cells[-1]:
        cells.pop()  # tabs at the end: nothing after them
    return cells


_EMPTY_ROW = re.compile(r"[ \u3000]*\t[\t \u3000]*")  # a row of empty cells, as a text copy keeps it: tabs alone


def _row_per_line_tabs(lines: list[str], start: int) -> tuple[TableDraft, int] | None:
    """One row per line, cells separated by tabs (pasted from Word or a spreadsheet). Inside the
    table, a line without tabs is a group row (一、知识产权保护方面) when it is a bare numbered
    title, or else the next line of the cell before it (计算方法：… / 指标来源：…)."""
    if "\t" not in lines[start].strip():
        return None
    width = len(_split_tabs(lines[start]))
    if width < 2:
        return None
    rows: list[list[str] | str] = []
    prefix = ""  # a first cell broken over lines before its row: （七） / 费用控制 \t 37.…
    i = start
    while i < len(lines):
        if rows and _EMPTY_ROW.fullmatch(lines[i]):
            rows.append([""] * width)  # a form's row left blank to fill in (a 回执's)
            i += 1
            continue
        if not lines[i].strip():
            after = _over_page_break(lines, i, rows) if rows else None
            if after is None:
                break  # a blank line ends the table; a printed page's break does not
            i = after
        line = lines[i]
        if "\t" in line.strip():
            cells = _split_tabs(line)
            if len(cells) > width + 1:
                break
            cells[0] = prefix + cells[0]
            prefix = ""
            rows.append(cells)
        elif _bare_label(line.strip()) or (prefix and len(line.strip()) <= MAX_BROKEN_CELL):
            if not _broken_first_cell(lines, i):
                break
            prefix += line.strip()
        elif _is_group_row(line) and _group_continues(lines, i):
            rows.append(line.strip())
        elif rows and isinstance(rows[-1], list) and (_tab_row_follows(lines, i) or _continues_cell(rows, line)):
            rows[-1][-1] = f"{rows[-1][-1]} {line.strip()}".strip()
        else:
            break
        i += 1
    if sum(isinstance(r, list) for r in rows) < 2:
        return None
    table = _text_table(rows, start + 1)
    return (table, i) if table is not None else None


def _over_page_break(lines: list[str], i: int, rows: list[list[str] | str]) -> int | None:
    """Where the table's rows go on after a printed page's break at `i` (its running head and
    number, PAGE_BREAK lines, perhaps with blank lines), past a header row the new page repeats;
    None where no page break is there or no row follows it."""
    j, broken = i, False
    while j < len(lines) and not lines[j].strip():
        broken = broken or lines[j] == PAGE_BREAK
        j += 1
    group = _is_group_row(lines[j]) and _group_continues(lines, j) if j < len(lines) else False
    if not broken or j == len(lines) or ("\t" not in lines[j].strip() and not group):
        return None
    repeated = _split_tabs(lines[j]) == rows[0] and j + 1 < len(lines) and "\t" in lines[j + 1].strip()
    return j + 1 if repeated else j


def _tab_row_follows(lines: list[str], i: int) -> bool:
    return i + 1 < len(lines) and "\t" in lines[i + 1].strip()


def _group_continues(lines: list[str], i: int) -> bool:
    """A group title goes on to a row of cells, or to the next group title (a group the source left empty)."""
    j = i + 1
    while j < len(lines) and j - i <= MAX_EMPTY_GROUPS and _is_group_row(lines[j]):
        j += 1
    return j < len(lines) and "\t" in lines[j].strip()


def _broken_first_cell(lines: list[str], i: int) -> bool:
    """Short lines without tabs, then a row: the row's first cell, broken over lines."""
    j = i
    while j < len(lines) and lines[j].strip() and "\t" not in lines[j].strip():
        if len(lines[j].strip()) > MAX_BROKEN_CELL or j - i >= MAX_BROKEN_LINES:
            return False
        j += 1
    return j < len(lines) and "\t" in lines[j].strip()


def _is_group_row(line: str) -> bool:
    n = numbered(line.strip())
    return (
        n is not None
        and n.style.name in GROUP_STYLES
        and len(line.strip()) <= MAX_GROUP
        and not line.strip().endswith("。")
    )


_KEY = re.compile(r"^([^：:\s]{2,8})[：:]")


def _continues_cell(rows: list[list[str] | str], line: str) -> bool:
    """A line without tabs after the last row continues its last cell when that cell's other
    lines have the same form (计算方法：… then 指标来源：…, as earlier rows show)."""
    key = _KEY.match(line.strip())
    return key is not None and any(
        isinstance(r, list) and f" {key.group(0)}" in r[-1] for r in rows[-MAX_LOOKBACK - 1 : -1]
    )


def _cells_between_tab_lines(lines: list[str], start: int) -> tuple[TableDraft, int] | None:
    """A web page's table copied as text with each cell its own paragraph: the cells of a row
    are separated by a line holding only a tab, rows by blank lines alone; a cell's lines are
    consecutive. After a row the table goes on while the next row has two or more cells (or
    is a group title followed by one)."""

    def paragraph(i: int) -> tuple[str, bool, int]:
        """(the paragraph at i, whether a tab line follows it, where the next one starts)."""
        cell: list[str] = []
        while i < len(lines) and lines[i].strip():
            if len(cell) == MAX_CELL_LINES:
                return "", False, i  # too long for a cell: not a table (and never a scan of a whole text)
            cell.append(lines[i].strip())
            i += 1
        tab = False
        while i < len(lines) and not lines[i].strip():
            tab = tab or "\t" in lines[i]
            i += 1
        return " ".join(cell), tab, i

    if not lines[start].strip() or (start > 0 and lines[start - 1].strip()) or not paragraph(start)[1]:
        return None  # a table starts a paragraph
    rows: list[list[str] | str] = []
    prefix = ""  # a first cell broken after its label: （三） then 合理用药 ⇥ …
    prefix_start = start
    parts = 0
    i = start
    while i < len(lines) and lines[i].strip():
        text, tab, after = paragraph(i)
        if not tab:  # a row of one cell: a broken first cell or a group title if a row follows, else the end
            row_follows = after < len(lines) and paragraph(after)[1]
            if (_bare_label(text) and not prefix) or (
                prefix and len(text) <= MAX_BROKEN_CELL and parts < MAX_BROKEN_LINES
            ):
                prefix_start = i if not prefix else prefix_start
                prefix += text
                parts += 1
            elif _is_group_row(text) and row_follows and not prefix:
                rows.append(text)
            else:
                break
            i = after
            continue
        row = [prefix + text]
        prefix, parts = "", 0
        while tab and after < len(lines) and lines[after].strip():
            text, tab, after = paragraph(after)
            row.append(text)
            if len(row) > MAX_COLUMNS:
                return None  # no table is this wide (and a failed try costs at most this much)
        rows.append(row)
        i = after
    if prefix:
        i = prefix_start  # short lines that no row followed: not the table's
    if sum(isinstance(r, list) for r in rows) < 2:
        return None
    table = _text_table(rows, start + 1)
    return (table, i) if table is not None else None


def _text_table(rows: list[list[str] | str], line: int) -> TableDraft | None:
    """Rows read from text, merges inferred: a bare group title across the table; a row with
    fewer cells than the header whose first cell is not of the first column's kind has its
    leading cells merged from the rows above (Word and web pages omit merged cells); a row
    ending in a bare label (（五）) split from the next line is rejoined."""
    head = rows[0]
    assert isinstance(head, list)
    width = len(head)
    rows = _rejoin_split_rows(rows, width)
    first_kind = next((_kind(r[0]) for r in rows[1:] if isinstance(r, list) and len(r) == width), None)
    source: list[list[SourceCell]] = [[SourceCell(h, header=True) for h in head]]
    owner: dict[int, tuple[int, int]] = {}  # column -> (row, index) of the cell written there last
    spans: dict[tuple[int, int], int] = {}
    for row in rows[1:]:
        r = len(source)
        if isinstance(row, str):
            source.append([SourceCell(row, cols=width)])
            owner = {}
            continue
        missing = width - len(row)
        merged = missing > 0 and all(c in owner for c in range(missing)) and _kind(row[0]) != first_kind
        if merged:
            for c in range(missing):
                spans[owner[c]] = spans.get(owner[c], 1) + 1
        start = missing if merged else 0
        for k in range(min(len(row), width)):
            owner[start + k] = (r, k)
        source.append([SourceCell(text) for text in row])
    source = [
        [SourceCell(c.text, spans.get((r, k), 1), c.cols, c.header) for k, c in enumerate(row)]
        for r, row in enumerate(source)
    ]
    return from_grid(source, line)


def _rejoin_split_rows(rows: list[list[str] | str], width: int) -> list[list[str] | str]:
    out: list[list[str] | str] = []
    for row in rows:
        last = out[-1] if out else None
        if (
            isinstance(row, list)
            and isinstance(last, list)
            and len(last) < width
            and len(last) + len(row) - 1 == width
            and _bare_label(last[-1])
        ):
            out[-1] = [*last[:-1], last[-1] + row[0], *row[1:]]
        else:
            out.append(row)
    return out


def _bare_label(text: str) -> bool:
    n = numbered(text)
    return n is not None and not n.rest.strip()


def _kind(text: str) -> str:
    """The numbering style of a cell (一、 / （一） / 1.), or "" for none: what kind of value a column holds."""
    n = numbered(text)
    return n.style.name if n is not None else ""


def _split_spaces(line: str) -> list[str]:
    return [cell.strip() for cell in _SPACES.split(line.strip())]


def _row_per_line_spaces(lines: list[str], start: int) -> tuple[TableDraft, int] | None:
    # Space-aligned columns are only trusted with three or more columns on
    # three or more consecutive lines: prose rarely looks like that.
    return _rows_by(lines, start, lambda s: len(_split_spaces(s)) >= 3, _split_spaces, min_rows=3)


def _rows_by(lines, start, is_row, split, min_rows: int = 2):  # type: ignore[no-untyped-def]
    if not is_row(lines[start]):
        return None
    width = len(split(lines[start]))
    rows = []
    i = start
    while i < len(lines) and lines[i].strip() and is_row(lines[i]) and abs(len(split(lines[i])) - width) <= 1:
        rows.append(split(lines[i]))
        i += 1
    if len(rows) < min_rows or width < 2:
        return None
    return TableDraft(rows, start + 1), i


def _title_columns(table: TableDraft) -> None:
    """Every column titled: a screen reader reads a cell with its column's title."""
    for i, title in enumerate(table.head):
        if not title.strip():
            table.head[i] = f"第{i + 1}列"
            table.comments.append(
                f"请核对：第{i + 1}列没有列标题（读屏软件要读出列标题），暂写作“第{i + 1}列”，请改成原文的含义。"
            )


def _regularise(table: TableDraft) -> None:
    """Every row as wide as the header, every column titled; say what was added or merged."""
    _title_columns(table)
    width = len(table.head)
    for n, row in enumerate(table.body, 1):
        if len(row) < width:
            table.comments.append(f"请核对：第{n}行只有{len(row)}个单元格，已在行末补了{width - len(row)}个空单元格。")
            row.extend([""] * (width - len(row)))
        elif len(row) > width:
            table.comments.append(f"请核对：第{n}行有{len(row)}个单元格，多出的已并入最后一列。")
            row[width - 1 :] = ["　".join(row[width - 1 :])]


@dataclass(frozen=True)
class SourceCell:
    """A cell as a structured source (HTML, Word, PDF) states it."""

    text: str
    rows: int = 1
    cols: int = 1
    header: bool = False  # <th>, or a Word table's repeated header row


def _free(line_slots: list[tuple[int, int] | None], x: int) -> bool:
    return x >= len(line_slots) or line_slots[x] is None


def _extent(
    slots: list[list[tuple[int, int] | None]], owner: tuple[int, int], r: int, x: int, width: int
) -> tuple[int, int]:
    """The rows and columns the cell owning slot (r, x) covers from there: down and right while it owns them."""
    rows = 1
    while r + rows < len(slots) and x < len(slots[r + rows]) and slots[r + rows][x] == owner:
        rows += 1
    cols = 1
    while x + cols < min(width, len(slots[r])) and slots[r][x + cols] == owner:
        cols += 1
    return rows, cols


def _head_depth(first: list[SourceCell], rows: int) -> int:
    """The rows a header takes that no cell marks as one (a web page's <td>, a PDF's ruled cells):
    a first row whose cells each reach down N rows or span columns over the labels below them
    (类别 beside 补贴（元） over 一般 | 困难) heads N rows; else one."""
    depth = min(max((c.rows for c in first), default=1), rows - 1)
    if depth >= 2 and any(c.cols > 1 for c in first) and all(c.rows >= depth or c.cols > 1 for c in first):
        return depth
    return 1


def from_grid(source: list[list[SourceCell]], line: int) -> TableDraft | None:
    """A table of a structured source, made valid: merges clipped to the
    table, empty slots filled, header rows above the first row of data joined
    into one header per column (目标值 over 2020年 -> 目标值 2020年), a body row
    of one cell across the table a group row. None if it is not a table of
    data (under two rows or two columns)."""
    slots: list[list[tuple[int, int] | None]] = [[] for _ in source]  # (row, index) owning each slot
    for r, source_row in enumerate(source):
        x = 0
        for k, cell in enumerate(source_row):
            while x < len(slots[r]) and slots[r][x] is not None:
                x += 1
            # Overlapping merges: the first keeps its slots, and a later cell takes the rectangle
            # left free (as many of its columns as are free in its first row, down while all are).
            cols = 1
            while cols < max(cell.cols, 1) and _free(slots[r], x + cols):
                cols += 1
            rows = 1
            while rows < min(max(cell.rows, 1), len(source) - r) and all(
                _free(slots[r + rows], x + dx) for dx in range(cols)
            ):
                rows += 1
            for dy in range(rows):
                line_slots = slots[r + dy]
                line_slots += [None] * (x + cols - len(line_slots))
                line_slots[x : x + cols] = [(r, k)] * cols
            x += cols
    width = max((len(row) for row in slots), default=0)
    if len(source) < 2 or width < 2:
        return None
    first = source[0][0] if len(source[0]) == 1 else None
    if first is not None and first.text.strip() and len(source) > 2 and all(s == (0, 0) for s in slots[0]):
        # The first row one cell across the table: its title (表1　主要指标), typed inside it.
        rest = [[SourceCell(c.text, c.rows, c.cols, c.header or first.header) for c in source[1]], *source[2:]]
        table = from_grid(rest, line)
        if table is not None:  # a second row across it: the unit (单位：万人), or the title's second line
            title, second = first.text.strip(), table.caption
            table.caption = with_unit(title, second) if UNIT.match(second) else f"{title} {second}".strip()
        return table
    head_rows = _head_depth(source[0], len(source))
    while head_rows < len(source) - 1 and source[head_rows] and all(c.header for c in source[head_rows]):
        if not all(c.header for c in source[0]):
            break
        head_rows += 1
    head: list[str] = []
    for x in range(width):
        parts: list[str] = []
        for r in range(head_rows):
            owner = slots[r][x] if x < len(slots[r]) else None
            text = source[owner[0]][owner[1]].text.strip() if owner else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        head.append(" ".join(parts))
    table = TableDraft([head], line)
    for r in range(head_rows, len(source)):
        texts: list[str] = []
        for x in range(width):
            owner = slots[r][x] if x < len(slots[r]) else None
            if owner is None or owner[0] < head_rows:
                texts.append("")
                continue
            if owner[0] != r:
                continue  # merged into this row from above
            if x > 0 and x - 1 < len(slots[r]) and slots[r][x - 1] == owner:
                continue  # merged from the left
            cell = source[owner[0]][owner[1]]
            rows, cols = _extent(slots, owner, r, x, width)
            if (rows, cols) != (1, 1):
                table.spans[(len(table.rows), len(texts))] = (rows, cols)
            texts.append(cell.text.strip())
        if len(texts) == 1 and table.spans.get((len(table.rows), 0)) == (1, width) and width > 1:
            if not texts[0]:  # an empty row across the table (a gap a layout drew) holds nothing
                del table.spans[(len(table.rows), 0)]
                continue
            table.groups.add(len(table.rows))
        table.rows.append(texts)
    if len(table.rows) - len(table.groups) < 2:  # nothing under the header but empty or group rows: no data
        return None
    _title_columns(table)
    return table
