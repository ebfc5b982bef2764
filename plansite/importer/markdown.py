"""Markdown in (a .md file, or a .txt that is Markdown): the same items as plain text.

markdown-it-py reads the source (CommonMark with pipe tables), so every
Markdown construct is read by a real parser, never by patterns:

- ATX (`## 第一章 总则`) and setext headings become lines marked with their
  level: the first level-1 heading is the title, the others open sections even
  without a numbering label;
- paragraphs, list items and quotes become lines (a soft line break inside a
  paragraph is no break in Chinese text);
- pipe tables become tables, the first row their header; so do the tables pandoc writes that
  markdown-it does not read: grid tables (+---+, cells over several lines, merged cells),
  simple and multiline tables (a rule of dashes marking the columns under the header);
- HTML (`<!-- INFO END -->`) is never text: it is left out and listed, as are lines of a web
  page's or 公众号 article's widgets (the chrome patterns of plain text); but a table written
  in HTML (pandoc writes one so where cells are merged) is read as a web page's table;
- footnotes (`[^1]` and `[^1]: …`) become 〔注1〕 and 注1：… at the end, as a Word file's;
- an image is left out and listed, with its description and address;
- YAML front matter (`---` … `---`) gives title, date and 发文字号 where present.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from pathlib import PurePath

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .draft import DocDraft
from .html import html_items
from .lines import (
    MAX_FRAMES,
    Line,
    image_left_out,
    is_chrome,
    join_lines,
    link_left_out,
    recommended_tail,
    run_in_length,
)
from .tables import SourceCell, TableDraft, from_grid

SUFFIXES = (".md", ".markdown")
_ATX = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)---[ \t]*\n", re.DOTALL)
MAX_FRONT_MATTER = 10_000  # characters; longer is not front matter


def is_markdown(text: str, source_name: str) -> bool:
    """A .md file, or text with at least two ATX headings (no plan's own text starts lines with "# ")."""
    if PurePath(source_name).suffix.lower() in SUFFIXES:
        return True
    return len(_ATX.findall(text, 0, 200_000)) >= 2


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def front_matter(text: str) -> tuple[dict[str, object], str, int]:
    """(fields, the rest of the text, lines the front matter took)."""
    match = _FRONT_MATTER.match(text[: MAX_FRONT_MATTER + 10])
    if not match:
        return {}, text, 0
    try:
        fields = yaml.safe_load(match["yaml"])
    except yaml.YAMLError:
        return {}, text, 0
    if not isinstance(fields, dict):
        return {}, text, 0
    return fields, text[match.end() :], match.group(0).count("\n")


# CommonMark does not close `**` between Chinese punctuation and a character (**一、总则。**正文),
# so the pair is left as text. In a Chinese document it is always bold: read it as such.
_LEFT_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")


_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _inline_text(token: Token, images: list[tuple[str, str]], links: list[tuple[str, str]]) -> str:
    """An inline token's text: markup dropped, the lines a soft break separates rejoined.
    Its images are not text: each one's description and address go to `images`; each link's
    text stays, and its text and address go to `links`."""
    lines: list[list[str]] = [[]]
    link: tuple[str, list[str]] | None = None  # the open link's address, and its text so far
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            text = _LEFT_BOLD.sub(r"\1", child.content) if child.type == "text" else child.content
            lines[-1].append(text)
            if link is not None:
                link[1].append(text)
        elif child.type == "link_open":
            link = (str(child.attrs.get("href", "")), [])
        elif child.type == "link_close" and link is not None:
            links.append(("".join(link[1]), link[0]))
            link = None
        elif child.type == "image":
            images.append((child.content, str(child.attrs.get("src", ""))))
        elif child.type == "softbreak":
            lines.append([])
        elif child.type == "hardbreak" or (child.type == "html_inline" and _BREAK.fullmatch(child.content)):
            lines[-1].append("\n")  # a line of its own, as after <br> in a web page
    return join_lines("".join(parts) for parts in lines)


def _strong_start(token: Token) -> tuple[str, str]:
    """(text before, text of) the paragraph's first `**bold**`, for a run-in title; ("", "") if none."""
    before: list[str] = []
    title: list[str] | None = None
    for child in token.children or []:
        if child.type == "strong_open" and title is None:
            title = []
        elif child.type == "strong_close" and title is not None:
            return "".join(before), "".join(title)
        elif child.type == "text" and title is None and (left := _LEFT_BOLD.search(child.content)):
            return "".join(before) + child.content[: left.start()], left[1]  # bold the parser left as text
        elif child.type in ("text", "code_inline"):
            (before if title is None else title).append(child.content)
        else:
            return "", ""  # a break, a link or emphasis first: not a plain run-in title
    return "", ""


# Footnotes as pandoc and GitHub write them: a reference [^1] in the text, its note on a line
# of its own ([^1]: …), indented lines going on with it.
_NOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]{1,40})\]:[ \t]*(.*(?:\n(?:[ \t]+\S.*|[ \t]*)$)*)", re.MULTILINE)
_NOTE_REFERENCE = re.compile(r"\[\^([^\]\s]{1,40})\]")


def _footnotes(body: str) -> tuple[str, list[tuple[str, int]]]:
    """The text with each footnote reference as 〔注N〕 (numbered as first referred to) and the
    notes taken out (blank lines in their place, so line numbers stay); the notes as 注N：…
    with their lines, in that order, for the end of the text (as a Word file's)."""
    notes: dict[str, tuple[str, int]] = {}
    counted = [0, 1]  # where lines were counted to, and the line there: counted on, never again

    def take(found: re.Match[str]) -> str:
        counted[1] += body.count("\n", counted[0], found.start())
        counted[0] = found.start()
        notes.setdefault(found[1], (join_lines(line.strip() for line in found[2].split("\n")), counted[1]))
        return "\n" * found[0].count("\n")

    body = _NOTE_DEFINITION.sub(take, body)
    numbers: dict[str, int] = {}

    def number(found: re.Match[str]) -> str:
        if found[1] not in notes:
            return found[0]  # no note: the text as written
        return f"〔注{numbers.setdefault(found[1], len(numbers) + 1)}〕"

    body = _NOTE_REFERENCE.sub(number, body)
    ordered = sorted(numbers, key=numbers.__getitem__) + [label for label in notes if label not in numbers]
    return body, [(f"注{n}：{notes[label][0]}", notes[label][1]) for n, label in enumerate(ordered, 1)]


def markdown_items(text: str, dropped: list[str]) -> tuple[list[Line | TableDraft], dict[str, object]]:
    """The document's lines and tables, and its front matter."""
    fields, body, offset = front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    body, notes = _footnotes(body)
    items: list[Line | TableDraft] = []
    heading = 0
    table: list[list[str]] | None = None
    row: list[str] = []
    table_line = 0
    label = ""  # an ordered list item's number (1.), written before its first line: the document's text
    lists = 0  # lists open around the current token
    frames: list[int] = []  # the quotations (> …) around it: boxes drawn around text, numbered in order
    quotes: list[bool] = []  # for each quotation open, whether it is in `frames` (MAX_FRAMES are)
    quotes_met = 0
    lines = body.split("\n")
    drawn = _drawn_tables(lines)  # pandoc's grid, simple and multiline tables: read here, blank to markdown-it
    for start, end, _table in drawn:
        lines[start:end] = [""] * (end - start)
    placed = 0  # the tables in `drawn` put among the items so far
    tokens = _parser().parse("\n".join(lines))
    tail = recommended_tail(lines)  # 往期推荐 and the other articles under it, to the end
    other_articles = tail + offset if tail is not None else None
    ends: list[int | None] = []  # where each line's HTML tables end, found when one is first met
    skip_until = 0  # the source line an HTML table read ahead ends before: its tokens are read
    for index, token in enumerate(tokens):
        while placed < len(drawn) and token.map is not None and drawn[placed][0] <= token.map[0]:
            items.append(_drawn_item(drawn[placed], offset))  # in its place among the tokens' items
            placed += 1
        if skip_until and (token.map is None or token.map[0] < skip_until):
            continue
        skip_until = 0
        line = (token.map[0] + 1 + offset) if token.map else 0
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif token.type == "list_item_open" and token.markup in (".", ")"):
            label = f"{token.info}{token.markup}"
        elif token.type == "blockquote_open":
            quotes_met += 1
            quotes.append(len(frames) < MAX_FRAMES)
            frames += [quotes_met] if quotes[-1] else []
        elif token.type == "blockquote_close" and quotes.pop():
            frames.pop()
        elif token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "table_open":
            table, table_line = [], line
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and table is not None:
            table.append(row)
        elif token.type == "table_close" and table is not None:
            if len(table) >= 2:
                items.append(TableDraft(table, table_line, frames=tuple(frames)))
            table = None
        elif token.type == "inline":
            images: list[tuple[str, str]] = []
            links: list[tuple[str, str]] = []
            content = _inline_text(token, images, links)
            dropped += [image_left_out(f"第{line}行", *image) for image in images]
            dropped += [found for text, href in links if (found := link_left_out(f"第{line}行", text, href))]
            if table is not None:
                # A cell is one value: its lines joined by a space, as a web page's or a Word cell's
                # (市残联<br>市民政局 names two).
                row.append(" ".join(part for part in content.split("\n") if part))
                continue
            before, strong = _strong_start(token)
            item_number, label = label, ""
            for part in content.split("\n"):
                if part.strip():
                    opened = tokens[index - 1].map if index else None
                    number = (opened[0] + 1 + offset) if opened else line
                    if is_chrome(part) or (other_articles is not None and number >= other_articles):
                        # a saved web page's or 公众号 article's widgets, as in plain text
                        dropped.append(f"第{number}行：{part.strip()}")
                        continue
                    text = item_number + part.strip()
                    run_in = run_in_length(text, item_number + before, strong)
                    items.append(
                        Line(text, number, heading=heading, run_in=run_in, list_item=lists > 0, frames=tuple(frames))
                    )
                    strong = item_number = ""  # only a paragraph's first line starts with them
        elif token.type == "html_block" and _TABLE_TAG.search(token.content) and token.map:
            # A blank line inside the table ends CommonMark's HTML block: read on to its end.
            ends = ends or _table_ends(lines)
            skip_until = ends[token.map[0]] or token.map[1]
            items += _html_table("\n".join(lines[token.map[0] : skip_until]), line, dropped)
        elif token.type == "html_block":
            for n, raw in enumerate(token.content.splitlines()):
                if raw.strip():
                    dropped.append(f"第{line + n}行：{raw.strip()}")
        elif token.type in ("fence", "code_block"):
            items += [Line(raw.strip(), line + n) for n, raw in enumerate(token.content.splitlines()) if raw.strip()]
    items += [_drawn_item(table, offset) for table in drawn[placed:]]
    items += [Line(note, number + offset) for note, number in notes]
    return items, fields


# --- the tables pandoc writes that markdown-it does not read ----------------------------

_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+\s*$")  # +------+------+ (= under the header)
# A table drawn in characters (+---+, a rule of dashes): its first line, the line after it, and the
# table (or its lines' text, where it is none the importer can read)
Drawn = tuple[int, int, TableDraft | list[str]]


def _drawn_item(drawn: Drawn, offset: int) -> Line | TableDraft:
    start, _end, table = drawn
    if isinstance(table, TableDraft):
        table.line = start + 1 + offset
        return table
    return Line(join_lines(table), start + 1 + offset)  # a grid it cannot read: its text, in one line


def _drawn_tables(lines: list[str]) -> list[Drawn]:
    """pandoc's tables that markdown-it does not read, among the lines: grid tables (a border
    line, then lines each a border, +…, or a row, |…), multiline tables (between two long rules,
    a rule of the columns under the header, rows apart by blank lines) and simple tables (a header
    line over a rule of the columns, a row a line, to a blank line). Where one is not a table it
    can read, its lines' text."""
    found: list[Drawn] = []
    i = 0
    while i < len(lines):
        read = _grid_at(lines, i) or _multiline_at(lines, i) or _simple_at(lines, i)
        if read is None:
            i += 1
            continue
        end, table, text = read
        found.append((i, end, table if table is not None else text))
        i = end
    return found


def _grid_at(lines: list[str], i: int) -> tuple[int, TableDraft | None, list[str]] | None:
    if not (_GRID_BORDER.match(lines[i].strip()) and i + 1 < len(lines) and lines[i + 1].lstrip().startswith("|")):
        return None
    end = i + 1
    while end < len(lines) and lines[end].lstrip()[:1] in ("+", "|"):
        end += 1
    block = [line.strip() for line in lines[i:end]]
    return end, _grid(block, i + 1), [part.strip("|").strip() for part in block if not part.startswith("+")]


_COLUMN_RULE = re.compile(r"^[ \t]*-+(?:[ \t]+-+)+[ \t]*$")  # ---- ------ ----: the columns of a table
_LONG_RULE = re.compile(r"^[ \t]*-{3,}[ \t]*$")  # the rule above and below a multiline table
MAX_TABLE_HEAD = 4  # lines of a multiline table's header


def _simple_at(lines: list[str], i: int) -> tuple[int, TableDraft | None, list[str]] | None:
    """A header line (after a blank line) over a rule of the columns, then a row a line."""
    if (i and lines[i - 1].strip()) or not lines[i].strip() or i + 2 >= len(lines):
        return None
    if not (_COLUMN_RULE.match(lines[i + 1]) and lines[i + 2].strip()):
        return None
    starts = _rule_starts(lines[i + 1])
    end = i + 2
    while end < len(lines) and lines[end].strip() and not _LONG_RULE.match(lines[end]):
        end += 1
    rows = [[lines[i]], *([line] for line in lines[i + 2 : end])]
    return end, _ruled_table(rows, starts, i + 1), [line.strip() for line in lines[i:end] if line.strip()]


def _multiline_at(lines: list[str], i: int) -> tuple[int, TableDraft | None, list[str]] | None:
    """A long rule (after a blank line), header lines, a rule of the columns, rows of one or more
    lines apart by blank lines, a long rule."""
    if not _LONG_RULE.match(lines[i]) or (i and lines[i - 1].strip()):
        return None
    rule = i + 1
    while (
        rule < len(lines) and rule <= i + MAX_TABLE_HEAD and lines[rule].strip() and not _COLUMN_RULE.match(lines[rule])
    ):
        rule += 1
    if rule == i + 1 or rule >= len(lines) or not _COLUMN_RULE.match(lines[rule]):
        return None
    rows: list[list[str]] = [lines[i + 1 : rule], []]
    end = rule + 1
    while end < len(lines) and not _LONG_RULE.match(lines[end]):
        if lines[end].strip():
            rows[-1].append(lines[end])
        elif rows[-1]:
            rows.append([])
        end += 1
    if end == len(lines):
        return None  # no rule closes it: no table
    rows = [row for row in rows if row]
    text = [line.strip() for line in lines[i + 1 : end] if line.strip() and not _COLUMN_RULE.match(line)]
    return end + 1, _ruled_table(rows, _rule_starts(lines[rule]), i + 1), text


def _rule_starts(rule: str) -> list[int]:
    """Where each column's dashes start, in the columns the text takes on screen."""
    return [m.start() for m in re.finditer(r"-+", rule)]  # a rule is ASCII: its columns are its characters


def _ruled_table(rows: list[list[str]], starts: list[int], line: int) -> TableDraft | None:
    """The table of rows (each its lines; the first the header) cut at the columns' starts."""
    source: list[list[SourceCell]] = []
    for r, row in enumerate(rows):
        shown = [_columns(text) for text in row]
        cells = []
        for c, left in enumerate(starts):
            right = starts[c + 1] if c + 1 < len(starts) else None
            cells.append(SourceCell(join_lines("".join(text[left:right]).strip() for text in shown), header=r == 0))
        source.append(cells)
    return from_grid(source, line)


def _columns(line: str) -> list[str]:
    """The line as the columns it takes on screen: a wide (Chinese) character takes two, the
    second ""; pandoc lines up a grid's borders so."""
    out: list[str] = []
    for char in line:
        out.append(char)
        if unicodedata.east_asian_width(char) in "WF":
            out.append("")
    return out


def _grid(block: list[str], line: int) -> TableDraft | None:
    """The table a grid draws: cells between its first border's + marks; a cell goes on to the
    right where a row has no | at a mark, and down where the border under it is not ruled."""
    shown = [_columns(text) for text in block]
    marks = [x for x, char in enumerate(shown[0]) if char == "+"]
    borders = [n for n, text in enumerate(block) if text.startswith("+")]
    if len(marks) < 3 or borders[-1] != len(block) - 1:
        return None
    head_rows = next((k for k, n in enumerate(borders) if "=" in block[n]), 0)
    rows = list(itertools.pairwise(borders))
    width = len(marks) - 1
    owner = {(r, c): (r, c) for r in range(len(rows)) for c in range(width)}

    def root(cell: tuple[int, int]) -> tuple[int, int]:
        while owner[cell] != cell:
            cell = owner[cell]
        return cell

    texts: dict[tuple[int, int], list[str]] = {}
    for r, (top, bottom) in enumerate(rows):
        content = shown[top + 1 : bottom]
        for c in range(width):
            left, right = marks[c], marks[c + 1]
            texts[(r, c)] = ["".join(row[left + 1 : right]).strip() for row in content]
            if c + 1 < width and not all(right < len(row) and row[right] == "|" for row in content):
                owner[root((r, c + 1))] = root((r, c))  # no | at the mark: the cell goes on to the right
            under = shown[bottom][left + 1 : right]
            if r + 1 < len(rows) and any(char not in "-=:" for char in under):
                owner[root((r + 1, c))] = root((r, c))  # the border under it is open: it goes on down
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for cell in owner:
        groups.setdefault(root(cell), []).append(cell)
    placed: list[tuple[int, int, SourceCell]] = []
    for cells in groups.values():
        top, left = min(r for r, _ in cells), min(c for _, c in cells)
        height = max(r for r, _ in cells) - top + 1
        span = max(c for _, c in cells) - left + 1
        if len(cells) != height * span:
            return None  # not a rectangle: no grid pandoc writes
        parts = [part for cell in sorted(cells) for part in texts[cell] if part]
        placed.append((top, left, SourceCell(join_lines(parts), height, span, top < head_rows)))
    source: list[list[SourceCell]] = [[] for _ in rows]
    for top, _left, source_cell in sorted(placed, key=lambda found: found[:2]):
        source[top].append(source_cell)
    return from_grid(source, line)


_TABLE_TAG = re.compile(r"<table[\s>]", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def _table_ends(lines: list[str]) -> list[int | None]:
    """For each line, the line after the one that closes the tables opened from it on (None if
    none does): the first place on where as many tables are closed as were opened. One pass,
    with a stack of the lines still waiting for theirs, so that the answer for every line is linear."""
    depth = [0]  # depth[k]: tables open after the first k lines
    for text in lines:
        depth.append(depth[-1] + len(_TABLE_TAG.findall(text)) - len(_TABLE_CLOSE.findall(text)))
    ends: list[int | None] = [None] * len(lines)
    waiting: list[int] = []
    for k, level in enumerate(depth):
        while waiting and level <= depth[waiting[-1]]:
            ends[waiting.pop()] = k
        if k < len(lines):
            waiting.append(k)
    return ends


def _html_table(html: str, line: int, dropped: list[str]) -> list[Line | TableDraft]:
    """A table written in HTML (as pandoc writes one with merged cells): read as a web page's
    table is, with its caption and merged cells; line numbers counted from the block's."""
    found: list[str] = []
    items = html_items(html, DocDraft(), [], found)
    dropped += [_from_line(entry, line) for entry in found]
    for item in items:
        if isinstance(item, TableDraft):
            item.line += line - 1
        else:
            item.number += line - 1
    return items


def _from_line(entry: str, line: int) -> str:
    """An entry of what was left out, its 第N行 counted from `line` on."""
    if found := re.match(r"第(\d+)行", entry):
        return f"第{int(found[1]) + line - 1}行{entry[found.end() :]}"
    return entry


def front_matter_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
