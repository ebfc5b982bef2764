"""Small typed readers over YAML nodes that collect problems instead of raising.

`schema` describes the content model with these; each reader returns a usable
value (or None) and records a Chinese message naming the line and field when
the node is not what the model expects. Nothing here knows about plans.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

import yaml

from .characters import EQUIVALENT, PRIVATE_USE, RADICAL
from .problems import Problem
from .yamlload import line_of

MapNode = dict[str, yaml.Node]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL = re.compile(r"[0-9]{1,12}")
# Characters no page or text file may carry: C0/C1 controls (but tab and line
# breaks), lone surrogates (written as "\ud800" escapes) and non-characters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
LINE = 200  # characters in a one-line field: a title, a name, a number, a label, an address
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # between two paragraphs of a text field (Markdown's)
PARAGRAPH = 20_000  # characters in any text field unless the schema says less (a long paragraph is ~2,000)
CELL = 5_000  # characters in a table cell
# Invisible characters that change what a reader sees: bidi controls reorder text (a
# 发文字号 can be made to show other digits, "Trojan source"), refused everywhere;
# zero-width ones make two titles or numbers that look the same differ, refused in
# one-line fields (in running text they are harmless).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u180e]")
INVISIBLE = re.compile(f"{_BIDI.pattern}|{_ZERO_WIDTH.pattern}")  # both: what an import leaves out
_INT_TAG = "tag:yaml.org,2002:int"
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"


def index(path: str, i: int) -> str:
    """Field paths count list items from 1, as an editor counts them."""
    return f"{path}[{i + 1}]"


def child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        # Links to a place in the document itself (`#annex-1`), with where each was written:
        # which places there are is known only once the whole document is read.
        self.in_page_links: list[tuple[yaml.Node, str, str]] = []

    def error(self, where: yaml.Node | int, field: str, message: str) -> None:
        line = where if isinstance(where, int) else line_of(where)
        self.problems.append(Problem(self.file, line, field, message))

    # --- containers -------------------------------------------------------

    def mapping(
        self,
        node: yaml.Node,
        path: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> MapNode | None:
        """A mapping with known keys: reports missing and unknown fields."""
        required, optional = tuple(required), tuple(optional)
        if not isinstance(node, yaml.MappingNode):
            names = "、".join(required) or "、".join(optional)
            self.error(node, path, f"这里应该是一组“字段: 值”（包括 {names}），现在是{describe(node)}。")
            return None
        known = required + optional
        fields: MapNode = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue  # reported when the file was read (yamlload)
            key = str(key_node.value)
            if key not in known:
                self.error(key_node, child(path, key), _unknown_field(key, known))
                continue
            if is_null(value) and key in optional:
                continue  # "field:" with nothing after it is the same as leaving it out
            fields[key] = value
        for key in required:
            if key not in fields:
                self.error(node, child(path, key), f"缺少必填字段“{key}”：请补上 {key}: …")
        return fields

    def sequence(self, node: yaml.Node, path: str, what: str) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        self.error(node, path, f"这里应该是{what}的列表（每项以“- ”开头），现在是{describe(node)}。")
        return []

    # --- scalars ----------------------------------------------------------

    def text(
        self,
        node: yaml.Node | None,
        path: str,
        *,
        required: bool = True,
        limit: int = PARAGRAPH,
        paragraphs: bool = False,
    ) -> str:
        """Any scalar, kept exactly as the editor wrote it (so 0.20 stays 0.20), of at most `limit`
        characters; with `paragraphs`, text of paragraphs (a blank line between) each at most that."""
        if node is None or is_null(node):
            if required and node is not None:
                self.error(node, path, "内容是空的：请填写文字，或删除这个字段。")
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.error(
                node, path, f"这里应该是一段文字，现在是{describe(node)}。如果文字里有冒号或短横线，请用引号括起来。"
            )
            return ""
        value = self._clean(node, path, str(node.value).strip(), limit, paragraphs=paragraphs)
        if value is None:
            return ""  # the problem is reported; "empty" would only repeat it
        if required and not value:
            self.error(node, path, "内容是空的：请填写文字，或删除这个字段。")
        return value

    def _clean(self, node: yaml.Node, path: str, value: str, limit: int, *, paragraphs: bool = False) -> str | None:
        """`value` without control characters; None (with the problem recorded) if it cannot be used."""
        parts = _PARAGRAPH_BREAK.split(value) if paragraphs and len(value) > limit else [value]
        longest = max(parts, key=len)
        if len(longest) > limit:
            fix = "请删减。" if limit <= LINE else "请删减，或分成几段。"
            which = "其中一段" if len(parts) > 1 else ""
            self.error(
                node,
                path,
                f"{which}文字太长（{len(longest)} 个字符）：这里{'每段' if which else ''}最多 {limit} 个字符，{fix}",
            )
            return None
        hidden = _BIDI.search(value) or (_ZERO_WIDTH.search(value) if limit <= LINE else None)
        if hidden:
            self.error(
                node,
                path,
                f"文字里有看不见的字符（U+{ord(hidden.group()):04X}，第 {hidden.start() + 1} 个字符）："
                "它会改变文字显示的样子或顺序，让读者看到的与实际内容不同。请删除它，它通常是从别处复制文字时带进来的。",
            )
            return None
        if radical := RADICAL.search(value):
            found, count = radical.group(), len(RADICAL.findall(value))
            meant = found.translate(EQUIVALENT)
            self.error(
                node,
                path,
                f"文字里有{f' {count} 个' if count > 1 else ''}部首字符，第一个是第 {radical.start() + 1} 个字符“{found}”"
                f"（U+{ord(found):04X}）：它看起来像汉字{f'“{meant}”' if meant != found else ''}，但搜索找不到它，"
                f"读屏软件可能把它读成部首的名称。请改成{f'“{meant}”' if meant != found else '它代表的汉字'}"
                f"{'，其余的也一样' if count > 1 else ''}；它通常是从 PDF 复制文字时带进来的（用 python build.py import 导入时会自动改正）。",
            )
        if private := PRIVATE_USE.search(value):
            self.error(
                node,
                path,
                f"文字里有私用区字符（U+{ord(private.group()):04X}，第 {private.start() + 1} 个字符）：它只有某一种字体能显示，"
                "读者的电脑和手机上是方框或空白，读屏软件也读不出。请改成标准的汉字或符号；生僻字请用 Unicode 里的字"
                "（如输入法的生僻字、扩展区汉字），查不到的请用文字说明，如“王（左王右莫）明”。",
            )
        bad = _FORBIDDEN.search(value)
        if bad:
            self.error(
                node,
                path,
                f"文字里有不可见的控制字符（编码 {ord(bad.group()):#x}）：请删除它，它通常是从别处复制文字时带进来的。",
            )
            return _FORBIDDEN.sub("", value)
        return value

    def cell(self, node: yaml.Node, path: str) -> str:
        """A table cell: any scalar, empty allowed."""
        if is_null(node):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, f"表格单元格应该是文字或数字，现在是{describe(node)}。")
            return ""
        return self._clean(node, path, str(node.value).strip(), CELL) or ""

    def integer(self, node: yaml.Node, path: str, *, low: int, high: int) -> int | None:
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG):
            self.error(node, path, f"这里应该是一个整数（{low}—{high}），例如 {low}。")
            return None
        # YAML 1.1 also reads 0x7E5, 0b101, 0o17, 1_000 and 20:25 (base 60) as integers:
        # only plain decimal digits are what an editor means.
        if not _DECIMAL.fullmatch(str(node.value)):
            self.error(
                node, path, f"“{str(node.value)[:20]}”不是普通的十进制整数：请写 {low}—{high} 之间的数字，例如 {low}。"
            )
            return None
        value = int(node.value)
        if not low <= value <= high:
            self.error(node, path, f"{value} 超出范围：应在 {low} 到 {high} 之间。")
            return None
        return value

    def boolean(self, node: yaml.Node, path: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG:
            return str(node.value).lower() in {"true", "yes", "on", "y"}
        self.error(node, path, "这里应该写 true（是）或 false（否）。")
        return None

    def date(self, node: yaml.Node, path: str) -> dt.date | None:
        value = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.error(node, path, f"“{value}”不是一个存在的日期：请检查月份和日子。")
                return None
        self.error(node, path, "日期格式应为 年-月-日，例如 2022-06-16（数字之间用英文短横线）。")
        return None


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "一组字段"
    if isinstance(node, yaml.SequenceNode):
        return "一个列表"
    if is_null(node):
        return "空的"
    return f"文字“{str(node.value)[:20]}”"


def _unknown_field(key: str, known: tuple[str, ...]) -> str:
    guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if guess:
        return f"没有“{key}”这个字段：是不是想写“{guess[0]}”？"
    return f"没有“{key}”这个字段：这里可以写的字段有 {'、'.join(known)}。"
