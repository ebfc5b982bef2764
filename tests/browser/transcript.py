"""What a screen reader announces for a page, in reading order, built from
Chromium's own accessibility tree (Playwright's ARIA snapshot).

The virtual screen reader announces a table cell without its headers (see
../shared/a11y/README.md), so table cells are announced here the way NVDA and
JAWS do when moving through a table: column headers, row headers, group
headers, then the cell. The snapshot has no cell positions, and with merged
cells position is what decides which headers apply, so the headers come from
the page itself (TABLE_HEADERS): the HTML table model (rowspan, colspan, row
groups) and the header cells it gives each cell by <th scope> alone; a table of bare <td> cells yields announcements without headers,
and the tests fail. Where a cell names its headers (headers=…), they must be
exactly the ones the algorithm finds (`headers_disagree`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_LINE = re.compile(
    r'^(?P<indent>\s*)- (?P<role>[\w/]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?: \[(?P<attrs>[^\]]*)\])?:?(?: (?P<text>.*))?$'
)
CELLS = ("cell", "gridcell", "columnheader", "rowheader")
LANDMARKS = {"banner", "navigation", "main", "contentinfo", "region", "complementary", "search", "form"}


@dataclass
class Node:
    role: str
    name: str
    attrs: str
    depth: int
    children: list[Node] = field(default_factory=list)


def parse(snapshot: str) -> list[Node]:
    roots: list[Node] = []
    stack: list[Node] = []
    for line in snapshot.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        name = (match["name"] or match["text"] or "").replace('\\"', '"').strip()
        node = Node(match["role"], _squeeze(name), match["attrs"] or "", len(match["indent"]))
        while stack and stack[-1].depth >= node.depth:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# For each table, each of its cells in document order (as the snapshot lists
# them): whether it is a body cell to announce, the header cells that apply to
# it and those its headers attribute names, as indexes into that list. A cell's
# headers, on the grid that rowspan and colspan make: the scope=col cells above
# it, the scope=row cells of each row it covers (anywhere in the row: browsers
# give a screen reader the row's headers), the scope=rowgroup cell of its row
# group.
TABLE_HEADERS = """
() => [...document.querySelectorAll('table')].map((table) => {
  const grid = [], where = new Map();
  let y = 0;
  for (const group of table.querySelectorAll(':scope > thead, :scope > tbody, :scope > tfoot')) {
    const start = y, rows = [...group.rows];
    rows.forEach((tr, i) => {
      grid[y] = grid[y] || [];
      let x = 0;
      for (const cell of tr.cells) {
        while (grid[y][x]) x++;
        const h = Math.min(cell.rowSpan || 1, rows.length - i), w = cell.colSpan || 1;
        for (let dy = 0; dy < h; dy++) for (let dx = 0; dx < w; dx++) (grid[y + dy] = grid[y + dy] || [])[x + dx] = cell;
        where.set(cell, {x, y, w, h, start, group});
        x += w;
      }
      y++;
    });
  }
  const cells = [...table.querySelectorAll(':scope > * > tr > *')];
  const scope = (c) => c.tagName === 'TH' ? (c.getAttribute('scope') || (c.closest('thead') ? 'col' : '')) : '';
  return cells.map((cell) => {
    const p = where.get(cell), found = [];
    const add = (c) => { if (c && c !== cell && !found.includes(c)) found.push(c); };
    for (let x = p.x; x < p.x + p.w; x++) for (let y = p.y - 1; y >= 0; y--) if (scope(grid[y][x]) === 'col') add(grid[y][x]);
    for (let y = p.y; y < p.y + p.h; y++) for (const c of grid[y]) if (scope(c) === 'row') add(c);
    for (let y = p.start; y <= p.y; y++) for (const c of grid[y]) if (scope(c) === 'rowgroup' && where.get(c).group === p.group) add(c);
    const named = (cell.getAttribute('headers') || '').split(/\\s+/).filter(Boolean).map((id) => cells.indexOf(document.getElementById(id)));
    return {
      body: cell.parentElement.parentElement.tagName === 'TBODY' && scope(cell) !== 'rowgroup',
      headers: found.map((c) => cells.indexOf(c)),
      named: cell.hasAttribute('headers') ? named : null,
    };
  });
})
"""
Structure = list[list[dict[str, Any]]]


def page_transcript(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The transcript of a Playwright page, each table cell with its headers."""
    return transcript(page.locator("body").aria_snapshot(), page.evaluate(TABLE_HEADERS))


def headers_disagree(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Cells whose headers attribute names other header cells than the table's structure gives."""
    return [
        f"table {t + 1}, cell {i + 1}: headers names cells {sorted(cell['named'])}, the structure gives {sorted(cell['headers'])}"
        for t, table in enumerate(page.evaluate(TABLE_HEADERS))
        for i, cell in enumerate(table)
        if cell["named"] is not None and sorted(cell["named"]) != sorted(cell["headers"])
    ]


def transcript(snapshot: str, tables: Structure) -> list[str]:
    """`tables`: what TABLE_HEADERS gives for the page, in document order."""
    out: list[str] = []
    queue = list(tables)
    for node in parse(snapshot):
        _walk(node, out, queue)
    assert not queue, "a table of the page is not in its accessibility tree"
    return out


def _announce(table: Node, structure: list[dict[str, Any]]) -> list[str]:
    names = [c.name for row in _rows(table) for c in row.children if c.role in CELLS]
    assert len(names) == len(structure), "the snapshot and the page list a table's cells differently"
    return [
        "，".join(names[h] for h in cell["headers"]) + "：" + names[i] if cell["headers"] else names[i]
        for i, cell in enumerate(structure)
        if cell["body"]
    ]


def _rows(table: Node) -> list[Node]:
    rows: list[Node] = []
    for child in table.children:
        if child.role == "row":
            rows.append(child)
        elif child.role == "rowgroup":
            rows.extend(c for c in child.children if c.role == "row")
    return rows


def _walk(node: Node, out: list[str], tables: list[list[dict[str, object]]]) -> None:
    role = node.role
    if role in LANDMARKS:
        out.append(f"{role} landmark" + (f": {node.name}" if node.name else ""))
    elif role == "heading":
        level = re.search(r"level=(\d+)", node.attrs)
        out.append(f"heading level {level.group(1) if level else '?'}: {node.name}")
    elif role == "table":
        out.append(f"table: {node.name}")
        out.extend(_announce(node, tables.pop(0)))
        return
    elif role == "link" and node.name:
        out.append(f"link: {node.name}")
    elif role == "button":
        out.append(f"button: {node.name}")
    elif role in ("paragraph", "term", "definition", "listitem", "text") and node.name:
        out.append(node.name)
    for child in node.children:
        _walk(child, out, tables)
