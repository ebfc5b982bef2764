"""The 政府信息公开 block at the top of a gov.cn-style page, read as metadata.

A saved or copied policy page starts with a table of 索引号, 主题分类, 发文机关,
成文日期, 标题, 发文字号, 发布日期 and 主题词. Copied as text it becomes lines of
tab-separated cells (`索 引 号： \t000014349/2019-00004 \t主题分类： \t卫生`), or
one `键：值` per line. Read as prose it would be a fake table that stops the head
parser; read here, it fills the draft's metadata and leaves blank lines in its
place (so line numbers stay those of the source).
"""

from __future__ import annotations

import re

from .draft import DocDraft, TableDraft, cn_date, iso_date
from .lines import Line

# 键 (spaces inside removed) -> the draft's field; "" for what a site's catalogue says that is no
# fact of the document itself (how it is published, its catalogue's other classes): read, listed
# as read, and not kept.
KEYS: dict[str, str] = {
    "索引号": "index_number",
    "主题分类": "topic",
    "发文机关": "issuer",
    "发文机构": "issuer",
    "发布机构": "issuer",
    "发文单位": "issuer",
    "制发机关": "issuer",
    "成文日期": "date_signed",
    "发文日期": "date_signed",
    "标题": "title",
    "名称": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "文件编号": "doc_number",
    "发布日期": "date_published",
    "公开日期": "date_published",
    "主题词": "keywords",
    "关键词": "keywords",
    "有效性": "validity",
    "时效性": "validity",
    "组配分类": "",
    "体裁分类": "",
    "信息类别": "",
    "服务对象": "",
    "公开方式": "",
    "公开范围": "",
    "公开形式": "",
    "公开时限": "",
    "生成日期": "",
}
# 有效性 as sites write it -> as a document's `validity` is written (model.VALIDITY)
VALIDITY = {"有效": "有效", "现行有效": "有效", "失效": "失效", "已失效": "失效", "废止": "废止", "已废止": "废止"}
MAX_BLOCK_START = 20  # the block is among the first lines of the page
MAX_VALUE = 200  # a metadata value is short; longer is prose
_KEY_CELL = re.compile(r"^(?P<key>[^：:]{2,12})[：:]\s*(?P<value>.*)$")
_SPACES = re.compile(r"[\s\u3000]+")
_ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")  # 2024-06-28, as a site's catalogue dates
_KEYWORD_SEPARATORS = re.compile(r"[\s\u3000、，,；;]+")


def _pairs(line: str) -> list[tuple[str, str]] | None:
    """The (field, value) pairs of one line of the block, or None if it is not one."""
    cells = [cell.strip() for cell in line.split("\t")]
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(cells):
        match = _KEY_CELL.match(cells[i])
        key = _SPACES.sub("", match["key"]) if match else ""
        if match is None or key not in KEYS:
            if cells[i]:
                return None  # a cell that is neither a key nor a key's value: not the block
            i += 1
            continue
        value = match["value"].strip()
        if not value and i + 1 < len(cells) and not _KEY_CELL.match(cells[i + 1]):
            value, i = cells[i + 1], i + 1
        pairs.append((KEYS[key], value))
        i += 1
    return pairs or None


def read_block(text: str, known: DocDraft, read: list[str]) -> str:
    """Fill `known` from the block at the top of `text`; return the text with the block blanked.

    The lines read are listed in `read` (第N行（文件信息）：…), for the editor to check."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i for i, line in enumerate(lines[:MAX_BLOCK_START]) if line.strip()), None)
    if start is None or _pairs(lines[start]) is None:
        return text
    end = start
    found: list[tuple[str, str]] = []
    for i in range(start, len(lines)):
        if not lines[i].strip():
            continue
        pairs = _pairs(lines[i])
        if pairs is None:
            break
        found += pairs
        end = i + 1
    if len(found) < 2:
        return text  # one 键：值 line alone is the document's own text
    for name, value in found:
        _set(known, name, value)
    read += [
        f"第{n}行（已读作文件信息）：{' '.join(lines[n - 1].split())}"
        for n in range(start + 1, end + 1)
        if lines[n - 1].strip()
    ]
    return "\n".join(["" for _ in lines[:end]] + lines[end:])


def _set(known: DocDraft, name: str, value: str) -> None:
    value = value.strip()
    if not name or not value or len(value) > MAX_VALUE:
        return
    if name in ("date_signed", "date_published"):
        bare = _SPACES.sub("", value)
        setattr(known, name, cn_date(bare) or (iso_date(iso[0]) if (iso := _ISO_DATE.fullmatch(bare)) else None))
    elif name == "validity":
        known.validity = VALIDITY.get(_SPACES.sub("", value), "")
    elif name == "keywords":
        known.keywords = [word for word in _KEYWORD_SEPARATORS.split(value) if word]
    else:
        setattr(known, name, _SPACES.sub("", value) if name in ("title", "doc_number") else value)


def read_lines(items: list[Line | TableDraft], known: DocDraft, read: list[str]) -> list[Line | TableDraft]:
    """Fill `known` from a block a page lays out as lines (a list, or labels in divs: one 键：值
    a line, or the 键 on a line of its own over its value) among its first items; the items
    without it. A page's table is read by `read_rows`."""
    start = next(
        (i for i, item in enumerate(items[:MAX_BLOCK_START]) if isinstance(item, Line) and _pairs(item.text)), None
    )
    if start is None:
        return items
    found: list[tuple[str, str]] = []
    lines: list[str] = []
    end = start
    while end < len(items) and isinstance(line := items[end], Line) and (pairs := _pairs(line.text)):
        text = line.text
        under = items[end + 1] if end + 1 < len(items) else None
        if pairs[-1][1] == "" and isinstance(under, Line) and not _pairs(under.text):
            pairs[-1] = (pairs[-1][0], under.text)  # the 键 over its value (dt over dd)
            text += under.text
            end += 1
        found += pairs
        lines.append(f"第{line.number}行（已读作文件信息）：{text}")
        end += 1
    if len(found) < 2:
        return items  # one 键：值 line alone is the document's own text
    for name, value in found:
        _set(known, name, value)
    read += lines
    return items[:start] + items[end:]


def read_rows(rows: list[list[str]], known: DocDraft) -> bool:
    """Fill `known` from a table of a saved page if it is the block (two or more fields); say whether it was."""
    found = [pair for row in rows for pair in (_pairs("\t".join(row)) or [])]
    if len(found) < 2 or any(_pairs("\t".join(row)) is None for row in rows if any(c.strip() for c in row)):
        return False
    for name, value in found:
        _set(known, name, value)
    return True
