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

_SPACES = re.compile(r" {2,}|\u3000+")


@dataclass
class TableDraft:
    rows: list[list[str]]  # rows[0] is the header row
    line: int  # 1-based source line where the table starts
    caption: str = ""
    comments: list[str] = field(default_factory=list)

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
        for finder in (_cell_per_line, _row_per_line_pipes, _row_per_line_tabs, _row_per_line_spaces):
            found = finder(lines, i)
            if found:
                table, i = found
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
    if not _is_cell_line(lines[start]):
        return None
    rows: list[list[str]] = []
    current: list[str] = []
    i = start
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            current.append(line.strip())
        elif not line.strip():
            if current:
                rows.append(current)
                current = []
            # A table ends at a blank line not followed by another cell line.
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j].strip() or _is_cell_line(lines[j])), None)
            if nxt is None or not _is_cell_line(lines[nxt]):
                break
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
    return [cell.strip() for cell in line.strip().split("\t")]


def _row_per_line_tabs(lines: list[str], start: int) -> tuple[TableDraft, int] | None:
    return _rows_by(lines, start, lambda s: "\t" in s.strip(), _split_tabs)


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


def _regularise(table: TableDraft) -> None:
    """Every row as wide as the header, every column titled; say what was added or merged."""
    for i, title in enumerate(table.head):
        if not title.strip():
            table.head[i] = f"第{i + 1}列"
            table.comments.append(
                f"请核对：第{i + 1}列没有列标题（读屏软件要读出列标题），暂写作“第{i + 1}列”，请改成原文的含义。"
            )
    width = len(table.head)
    for n, row in enumerate(table.body, 1):
        if len(row) < width:
            table.comments.append(f"请核对：第{n}行只有{len(row)}个单元格，已在行末补了{width - len(row)}个空单元格。")
            row.extend([""] * (width - len(row)))
        elif len(row) > width:
            table.comments.append(f"请核对：第{n}行有{len(row)}个单元格，多出的已并入最后一列。")
            row[width - 1 :] = ["　".join(row[width - 1 :])]
