"""What a screen reader announces for a page, in reading order, built from
Chromium's own accessibility tree (Playwright's ARIA snapshot).

The virtual screen reader announces a table cell without its headers (see
../shared/a11y/README.md), so table cells are announced here the way NVDA and
JAWS do when moving through a table: column header, row header, then the
cell. Those headers come from the tree's columnheader/rowheader roles, which
Chromium only computes when <th scope> is right; a table of bare <td> cells
yields announcements without headers, and the tests fail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(
    r'^(?P<indent>\s*)- (?P<role>[\w/]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?: \[(?P<attrs>[^\]]*)\])?:?(?: (?P<text>.*))?$'
)
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


def transcript(snapshot: str) -> list[str]:
    out: list[str] = []
    for node in parse(snapshot):
        _walk(node, out)
    return out


def _walk(node: Node, out: list[str]) -> None:
    role = node.role
    if role in LANDMARKS:
        out.append(f"{role} landmark" + (f": {node.name}" if node.name else ""))
    elif role == "heading":
        level = re.search(r"level=(\d+)", node.attrs)
        out.append(f"heading level {level.group(1) if level else '?'}: {node.name}")
    elif role == "table":
        out.append(f"table: {node.name}")
        out.extend(_table(node))
        return
    elif role == "link" and node.name:
        out.append(f"link: {node.name}")
    elif role == "button":
        out.append(f"button: {node.name}")
    elif role in ("paragraph", "term", "definition", "listitem", "text") and node.name:
        out.append(node.name)
    for child in node.children:
        _walk(child, out)


def _rows(table: Node) -> list[Node]:
    rows: list[Node] = []
    for child in table.children:
        if child.role == "row":
            rows.append(child)
        elif child.role == "rowgroup":
            rows.extend(c for c in child.children if c.role == "row")
    return rows


def _table(table: Node) -> list[str]:
    """Each cell as a screen reader announces it: column header, row header, cell."""
    column_headers: list[str] = []
    out = []
    for row in _rows(table):
        cells = [c for c in row.children if c.role in ("cell", "gridcell", "columnheader", "rowheader")]
        if cells and all(c.role == "columnheader" for c in cells):
            column_headers = [c.name for c in cells]
            continue
        row_header = next((c.name for c in cells if c.role == "rowheader"), "")
        for i, cell in enumerate(cells):
            column = column_headers[i] if i < len(column_headers) else ""
            if cell.role == "rowheader":
                out.append(f"{column}：{cell.name}" if column else cell.name)
            else:
                context = "，".join(h for h in (column, row_header) if h)
                out.append(f"{context}：{cell.name}" if context else cell.name)
    return out
