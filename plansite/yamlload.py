"""Read a YAML file into a tree of nodes that remember their line numbers.

We compose (parse to nodes) rather than load (parse to Python values) so that
validation can point at the exact line of every field. The reader also refuses
YAML features that editors never need and that only cause harm here:
anchors and aliases (alias bombs), custom tags, merge keys and duplicate keys
(PyYAML would silently keep the last one).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .files import ReadError, read_regular
from .problems import Problem

MAX_FILE_BYTES = 2 * 1024 * 1024  # a long plan is ~100 KB; 2 MB is generous

# Tags that plain YAML resolves by itself; anything else was written on purpose.
STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# libyaml's composer is ~10x faster than the pure-Python one; same node tree.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scan_anchors(text: str, rel: str) -> list[Problem]:
    """Find anchors and aliases before composing, so an alias bomb never expands."""
    problems: list[Problem] = []
    if "&" not in text and "*" not in text:
        return problems  # the common case: no token can be an anchor or alias
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                problems.append(
                    Problem(
                        rel,
                        token.start_mark.line + 1,
                        "",
                        "不支持锚点和别名（& 和 *）：请把内容直接写出来。",
                    )
                )
                if len(problems) >= 5:
                    break
    except yaml.YAMLError:
        pass  # reported with a better message by compose()
    return problems


def _syntax_message(error: yaml.MarkedYAMLError, source_line: str) -> str:
    problem = (error.problem or "").lower()
    context = (error.context or "").lower()
    indent = source_line[: len(source_line) - len(source_line.lstrip())]
    if "\t" in indent or "\\t" in problem or "tab" in problem:
        return "缩进里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。"
    if "escape" in problem:
        return "引号里的转义（以“\\”开头）不是有效的字符：请直接写出文字，不要用 \\u、\\x 这样的转义。"
    if "another document" in problem or "expected '<document start>'" in problem:
        return "一个文件只能写一份文件：这一行的“---”开始了第二份，请删除它和后面的内容，或拆成两个文件。"
    if "mapping values are not allowed" in problem:
        return "这一行多了一个冒号“: ”：如果冒号是正文的一部分，请把整段文字用引号括起来，或改用中文冒号“：”。"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "方括号或花括号没有配对：请检查 [ ] 或 { } 是否成对出现。"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in context:
        return "引号没有配对：请检查这一行开始的引号是否关闭。"
    if "could not find expected ':'" in problem:
        return "缺少冒号：字段名后面要写“: ”（英文冒号加空格），或者上一行的引号没有关闭。"
    if "nesting depth" in problem:
        return "嵌套层数太多（方括号、花括号或缩进套了上千层）：文件用不到这么多层，请检查这一行是否多写了括号。"
    if "did not find expected key" in problem or "did not find expected '-'" in problem:
        return "缩进不一致：同一层的字段和列表项要对齐，请检查这一行和上一行的缩进。"
    return f"YAML 格式错误（{error.problem}）：请检查这一行的缩进、冒号和引号。"


def _decode(data: bytes, rel: str) -> tuple[str | None, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [
            Problem(rel, line, "", "文件不是 UTF-8 编码：请用 UTF-8 编码另存这个文件（记事本：另存为，编码选 UTF-8）。")
        ]


def compose_file(path: Path, rel: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse one file into a node tree, or return the problems that stop it."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except ReadError as error:
        return None, [Problem(rel, 0, "", str(error))]
    return compose_bytes(data, rel)


def compose_bytes(data: bytes, rel: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse a file's bytes (as read_regular gives them, so at most one byte over the limit)."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            Problem(
                rel,
                0,
                "",
                f"文件太大：一个文件最多 {MAX_FILE_BYTES // 1024} KB，请把附件拆成单独的文件。",
            )
        ]
    text, problems = _decode(data, rel)
    if text is None:
        return None, problems
    return compose_text(text, rel)


def compose_text(text: str, rel: str) -> tuple[yaml.Node | None, list[Problem]]:
    problems = _scan_anchors(text, rel)
    if problems:
        return None, problems
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and "quoted scalar" in (error.context or ""):
            mark = error.context_mark  # where the unclosed quote opened, not the end of the file
        line = mark.line + 1 if mark else 0
        source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        return None, [Problem(rel, line, "", _syntax_message(error, source_line))]
    except yaml.reader.ReaderError as error:  # a control character (NUL, form feed ...) in the text
        # libyaml counts bytes, the pure-Python reader characters.
        if _Loader is not yaml.SafeLoader:
            line = text.encode("utf-8")[: error.position].count(b"\n") + 1
        else:
            line = text[: error.position].count("\n") + 1
        return None, [
            Problem(
                rel,
                line,
                "",
                f"这一行有不可见的控制字符（编码 {error.character:#x}）：请删除它，它通常是从别处复制文字时带进来的。",
            )
        ]
    except yaml.YAMLError:
        return None, [Problem(rel, 0, "", "YAML 格式错误：请对照 docs/editing.md 的示例检查缩进、冒号和引号。")]
    if root is None:
        return None, [Problem(rel, 0, "", "文件是空的：请按 docs/editing.md 中的示例填写 id、kind、title 等字段。")]
    return root, _check_tree(root, rel)


def _check_tree(root: yaml.Node, rel: str) -> list[Problem]:
    """Custom tags, merge keys and duplicate keys anywhere in the tree."""
    problems: list[Problem] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in STANDARD_TAGS:
            problems.append(
                Problem(rel, line_of(node), "", f"不支持自定义标签 {node.tag}：请去掉以“!”开头的标记，直接写内容。")
            )
            continue
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    problems.append(
                        Problem(
                            rel,
                            line_of(key),
                            "",
                            "字段名只能是文字，这里却是一个列表或一组字段（以“? ”或括号开头）：请改成“字段名: 值”的写法。",
                        )
                    )
                    continue
                if key.tag == "tag:yaml.org,2002:merge":
                    problems.append(Problem(rel, line_of(key), "", "不支持合并键“<<”：请把字段直接写出来。"))
                    continue
                name = str(key.value)
                if name in seen:
                    problems.append(
                        Problem(
                            rel,
                            line_of(key),
                            name,
                            f"字段“{name}”重复出现（第{seen[name]}行已经有了）：请删除其中一个，或合并两处内容。",
                        )
                    )
                else:
                    seen[name] = line_of(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems
