"""Hostile and malformed input: a clear message every time, never a traceback,
nothing dangerous on a page, and an existing site never damaged.

CASES is the table docs/security.md shows, with the real messages
(test_docs_show_every_case_with_its_message keeps the two in step).
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.content import load_content
from plansite.output import STAGE_MARKER
from plansite.problems import ContentError, Problem
from plansite.verify import load_site, verify_site

from .conftest import ROOT, many_documents, snapshot
from .html import visible_text

SITE = 'name: 测试网站\nowner: 测试残联\ncontact: {phone: "12345", email: a@example.gov.cn, address: 测试地址}\n'
GOOD = "id: a-doc\nkind: plan\ntitle: 标题\nbody:\n  - label: 第一章\n    title: 总则\n    blocks: [正文。]\n"


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    message: str  # a fragment of the expected Chinese message
    line: int  # expected line (0: the whole file)


def _good(old: str, new: str) -> bytes:
    assert old in GOOD
    return GOOD.replace(old, new, 1).encode()


def _table(extra: str) -> bytes:
    return (GOOD.replace("blocks: [正文。]", "blocks:\n      - table:\n" + extra)).encode()


BOMB = b"a: &a [x,x,x,x,x,x,x,x,x]\n" + b"".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n".encode() for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)

CASES = [
    Case("empty file", b"", "文件是空的", 0),
    Case("only a comment", b"# nothing here\n", "文件是空的", 0),
    Case("a list at the root", b"- a\n- b\n", "文件的最外层应该是", 1),
    Case("a number at the root", b"42\n", "文件的最外层应该是", 1),
    Case("invalid UTF-8", GOOD.encode() + b"\xff\xfe\n", "不是 UTF-8 编码", 8),
    Case("GB18030 instead of UTF-8", GOOD.encode("gb18030"), "不是 UTF-8 编码", 3),
    Case("a tab in indentation", _good("    title: 总则", "\ttitle: 总则"), "制表符", 6),
    Case("an unclosed bracket", _good("title: 标题", "title: [标题"), "没有配对", 4),
    Case("an unclosed quote", _good("title: 标题", 'title: "标题'), "引号没有配对", 3),
    Case("a control character", _good("正文。", "正\x07文。"), "控制字符", 7),
    Case("a NUL byte", _good("标题", "标\x00题"), "控制字符", 3),
    Case("a bad \\u escape", _good("title: 标题", 'title: "\\ud800"'), "转义", 3),
    Case("two documents in one file", GOOD.encode() + b"---\nid: b\n", "只能写一份文件", 8),
    Case("an alias bomb", BOMB, "不支持锚点和别名", 1),
    Case("a merge key", b"base: &b {x: 1}\nid: a\n<<: *b\n", "不支持锚点和别名", 1),
    Case("a custom tag", _good("id: a-doc", "id: !!python/object:os.system a"), "不支持自定义标签", 1),
    Case("a local tag", _good("id: a-doc", "id: !include other.yaml"), "不支持自定义标签", 1),
    Case("a duplicate key", _good("kind: plan\n", "kind: plan\nkind: notice\n"), "重复出现", 3),
    Case("a file over 2 MB", GOOD.encode() + b"# " + b"x" * (2 * 1024 * 1024) + b"\n", "文件太大", 0),
    Case("wrong type: title is a list", _good("title: 标题", "title: [标, 题]"), "应该是一段文字", 3),
    Case(
        "wrong type: body is text",
        _good("body:\n  - label: 第一章\n    title: 总则\n    blocks: [正文。]\n", "body: 正文\n"),
        "章节的列表",
        4,
    ),
    Case(
        "wrong type: cell is a list",
        _table("          caption: 表\n          head: [甲]\n          rows: [[[1, 2]]]\n"),
        "单元格应该是文字",
        11,
    ),
    Case(
        "a merged cell without its text",
        _table("          caption: 表\n          head: [甲]\n          rows: [[{rows: 1}]]\n"),
        "缺少必填字段“text”",
        11,
    ),
    Case(
        "a merged cell past the last row",
        _table("          caption: 表\n          head: [甲, 乙]\n          rows: [[{text: 1, rows: 2}, 2]]\n"),
        "超出了表格的最后一行",
        11,
    ),
    Case(
        "merged cells that do not fill the row",
        _table(
            "          caption: 表\n          head: [甲, 乙, 丙]\n          rows: [[{text: 1, rows: 2}, 2, 3], [4]]\n"
        ),
        "连同合并进来的共占2列",
        11,
    ),
    Case("an unknown field", _good("title:", "titel:"), "是不是想写“title”", 3),
    Case("a missing required field", _good("kind: plan\n", ""), "缺少必填字段“kind”", 1),
    Case("an id with ../", _good("id: a-doc", "id: ../etc"), "不能用作网址", 1),
    Case("an id with /", _good("id: a-doc", "id: a/b"), "不能用作网址", 1),
    Case("an id with spaces", _good("id: a-doc", "id: a doc"), "不能用作网址", 1),
    Case("an id in upper case", _good("id: a-doc", "id: A-Doc"), "不能用作网址", 1),
    Case(
        "a date that does not exist",
        _good("title: 标题", "title: 标题\ndate_published: 2022-02-30"),
        "不是一个存在的日期",
        4,
    ),
    Case(
        "a row shorter than the header",
        _table("          caption: 表\n          head: [甲, 乙]\n          rows: [[1]]\n"),
        "该行有1个单元格，表头有2列",
        11,
    ),
    Case(
        "an empty table header",
        _table("          caption: 表\n          head: []\n          rows: [[1]]\n"),
        "表头是空的",
        10,
    ),
    Case(
        "an empty section",
        GOOD.encode() + b"  - label: \xe7\xac\xac\xe4\xba\x8c\xe7\xab\xa0\n    title: x\n",
        "没有内容",
        8,
    ),
    Case(
        "a level jump: （二） nested in （一）",
        GOOD.replace(
            "    blocks: [正文。]\n",
            "    sections:\n      - label: （一）\n        title: 甲\n        sections:\n          - label: （二）\n            title: 乙\n            blocks: [正文。]\n",
        ).encode(),
        "同一种编号",
        11,
    ),
    Case(
        "mixed numbering at one level",
        GOOD.encode() + "  - label: （一）\n    title: 乙\n    blocks: [正文。]\n".encode(),
        "同一层的编号不一致",
        8,
    ),
    Case(
        "sections nested too deep",
        _good(
            "    blocks: [正文。]\n",
            "".join("  " * i + "    sections:\n" + "  " * i + "      - title: x\n" for i in range(0, 18, 2))
            + "  " * 18
            + "    blocks: [正文。]\n",
        ),
        "嵌套超过",
        0,
    ),
    Case("a javascript: link", _good("[正文。]", "['[点我](javascript:alert(1))']"), "不允许的链接“javascript:", 7),
    Case("a data: link", _good("[正文。]", "['[点我](data:text/html;base64,PHNjcmlwdD4=)']"), "不允许的链接“data:", 7),
    Case("a vbscript: link", _good("[正文。]", "['<vbscript:msgbox(1)>']"), "不允许的链接“vbscript:", 7),
    Case(
        "a javascript: link in a table cell",
        _table("          caption: 表\n          head: [甲]\n          rows: [['[x](javascript:alert(1))']]\n"),
        "不允许的链接",
        11,
    ),
    Case(
        "an in-page link to no place",
        _good("[正文。]", "['见[附件1](#annex-1)。']"),
        "页内链接“#annex-1”在这份文件里找不到",
        7,
    ),
    Case(
        "an in-page link to no place, in a table cell",
        _table("          caption: 表\n          head: [甲]\n          rows: [['[x](#table-2)']]\n"),
        "页内链接“#table-2”",
        11,
    ),
    Case(
        "a base-60 integer as a year",
        _good("title: 标题", "title: 标题\nperiod:\n  start: 20:25\n  end: 2025"),
        "不是普通的十进制整数",
        5,
    ),
    Case(
        "a hexadecimal year",
        _good("title: 标题", "title: 标题\nperiod:\n  start: 2021\n  end: 0x7E9"),
        "不是普通的十进制整数",
        6,
    ),
    Case(
        "a 5,000-digit year",
        _good("title: 标题", "title: 标题\nperiod:\n  start: " + "9" * 5000 + "\n  end: 2025"),
        "不是普通的十进制整数",
        5,
    ),
    Case(
        "a binary column number",
        _table(
            "          caption: 表\n          head: [甲, 乙]\n          row_headers: 0b1\n          rows: [[a, b]]\n"
        ),
        "不是普通的十进制整数",
        11,
    ),
    Case("a 300-character title", _good("title: 标题", "title: " + "标" * 300), "文字太长（300 个字符）", 3),
    Case("a 30,000-character paragraph", _good("[正文。]", "['" + "文" * 30_000 + "']"), "文字太长", 7),
    Case(
        "a right-to-left override in the doc number",
        _good("title: 标题", "title: 标题\ndoc_number: 江府发〔2022〕\u202e02\u202c号"),
        "看不见的字符（U+202E",
        4,
    ),
    Case("a zero-width space in the title", _good("title: 标题", "title: 标\u200b题"), "看不见的字符（U+200B", 3),
    Case("Kangxi radicals from a PDF in the title", _good("title: 标题", "title: ⽤⼾标题"), "部首字符", 3),
    Case("a private-use character in the title", _good("title: 标题", "title: 王\ue123明"), "私用区字符", 3),
    Case("a list as a field name", _good("kind: plan\n", "kind: plan\n? [a, b]\n: x\n"), "字段名只能是文字", 3),
    Case("brackets nested 3,000 deep", _good("title: 标题", "title: " + "[" * 3000 + "]" * 3000), "嵌套层数太多", 3),
    Case(
        "a javascript: source url",
        _good("title: 标题", "title: 标题\nsource: {url: 'javascript:alert(1)'}"),
        "来源网址应以",
        4,
    ),
]


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_malformed_input_gets_a_clear_message(case: Case, tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(write(tmp_path, {"x.yaml": case.data}))
    problems = caught.value.problems
    hits = [p for p in problems if case.message in p.message]
    assert hits, [str(p) for p in problems]
    assert all(p.file.endswith("x.yaml") for p in problems)
    if case.line:
        assert hits[0].line == case.line, str(hits[0])
    assert all(re.search(r"[\u4e00-\u9fff]", p.message) for p in problems), "every message is in Chinese"


def test_every_case_at_once_through_the_command_line(tmp_path: Path) -> None:
    """One run lists every problem in every file, exits 2, and never shows a traceback."""
    files = {f"case-{i:02d}.yaml": case.data for i, case in enumerate(CASES)}
    folder = write(tmp_path / "content", files)
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "build", "--content", str(folder), "--out", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for name in files:
        assert name in result.stderr, name
    assert not (tmp_path / "site").exists()


def test_alias_bomb_fails_fast_in_bounded_memory(tmp_path: Path) -> None:
    """9^9 expansions if anything expanded it: run under a 1 GB address-space cap."""
    folder = write(tmp_path, {"bomb.yaml": BOMB * 3})
    code = f"from pathlib import Path; from plansite.content import load_content; load_content(Path({str(folder)!r}))"

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, preexec_fn=cap, cwd=ROOT
    )
    assert "ContentError" in result.stderr and "不支持锚点和别名" in result.stderr
    assert "MemoryError" not in result.stderr


# --- nothing dangerous reaches a page -------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '" onmouseover="alert(1)',
    "{{ 7*7 }}",
    "{% for x in range(3) %}X{% endfor %}",
    "javascript:alert(1)",
]


def _hostile_document(payload: str) -> str:
    import json

    p = json.dumps(payload, ensure_ascii=False)
    return f"""id: hostile
kind: plan
title: {p}
subtitle: {p}
issuer: {p}
doc_number: {p}
region: {p}
source: {{title: {p}, note: {p}}}
notice:
  title: {p}
  doc_number: {p}
  addressees: {p}
  text: {p}
  signature: {{issuer: {p}}}
preamble: {p}
body:
  - label: {p}
    title: {p}
    blocks:
      - {p}
      - table: {{caption: {p}, head: [{p}, {p}], rows: [[{p}, {p}]], notes: [{p}]}}
      - box: {{label: {p}, title: {p}, blocks: [{p}]}}
closing: {p}
glossary: [{{label: {p}, term: {p}, definition: {p}}}]
annexes: [{{label: {p}, title: {p}, blocks: [{p}]}}]
signature: {{issuer: {p}}}
"""


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markup_and_script_in_any_field_appear_as_text(payload: str, tmp_path: Path) -> None:
    import json

    folder = tmp_path / "content"
    folder.mkdir()
    p = json.dumps(payload, ensure_ascii=False)
    (folder / "site.yaml").write_text(
        f"name: {p}\nowner: {p}\nfooter: [{p}]\ncontact: {{phone: '12345', email: a@example.gov.cn, address: {p}}}\n",
        encoding="utf-8",
    )
    (folder / "hostile.yaml").write_text(_hostile_document(payload), encoding="utf-8")
    out = tmp_path / "site"
    build_site(folder, out)
    assert not verify_site(out), "every page keeps its promises, including the CSP"
    for rel, page in load_site(out).items():
        scripts = [s.get("src") for s in page.all("script")]
        assert all(
            src and src.endswith(("static/js/readaloud.js", "static/js/textsize.js", "static/js/search.js"))
            for src in scripts
        ), rel
        assert not [el for el in page.all() if any(a.lower().startswith("on") for a in el.attrib)], rel
        assert not list(page.all("img")) and not list(page.all("svg")), rel
        if rel.endswith("plans/hostile/index.html"):
            visible = visible_text(page)
            assert visible.count(payload) >= 20, f"{rel}: the payload is shown as text in every field"
            if "{{" in payload:
                assert "49" not in visible
    txt = (out / "text" / "plans" / "hostile.txt").read_bytes().decode("utf-8-sig")
    assert txt.count(payload) >= 20


# --- names that are not files -------------------------------------------------------


def test_a_pipe_a_device_and_a_folder_named_like_content_are_refused_without_waiting(tmp_path: Path) -> None:
    folder = write(tmp_path / "content", {"good.yaml": GOOD.encode()})
    os.mkfifo(folder / "pipe.yaml")  # opening it to read would wait for a writer forever
    (folder / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    (folder / "folder.yaml").mkdir()
    for command in (["check"], ["build", "--out", str(tmp_path / "site")]):
        run = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), *command, "--content", str(folder)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 2, run.stderr
        assert "Traceback" not in run.stderr and "Is a directory" not in run.stderr
        for name, message in (
            ("pipe.yaml", "不是普通文件"),
            ("zero.yaml", "不是普通文件"),
            ("folder.yaml", "是一个文件夹"),
        ):
            assert any(name in line and message in line for line in run.stderr.splitlines()), (name, run.stderr)
    pipe = tmp_path / "plan.txt"
    os.mkfifo(pipe)
    run = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "import", str(pipe), "--out", str(tmp_path / "x.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 1 and "不是普通文件" in run.stderr and "Traceback" not in run.stderr


def test_every_field_has_a_length_limit(tmp_path: Path) -> None:
    """A 2,400-character base_url passed check and then broke the build inside the QR code library."""
    folder = write(tmp_path / "content", {"good.yaml": GOOD.encode()})
    (folder / "site.yaml").write_text(SITE + "base_url: https://example.gov.cn/" + "a" * 2400 + "/\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert [(p.file, p.field) for p in caught.value.problems] == [("content/site.yaml", "base_url")]
    assert "文字太长" in caught.value.problems[0].message


def test_the_limit_of_a_text_of_paragraphs_is_each_paragraph_s(tmp_path: Path) -> None:
    """A preamble of many paragraphs (a notice without headings) may be longer than one paragraph
    may be; a paragraph over the limit is still refused, in whichever field it is."""
    paragraphs = "\n\n".join(["文" * 15_000] * 3)  # 45,000 characters in three paragraphs
    good = GOOD.replace("body:", f"preamble: |-\n  {paragraphs.replace(chr(10), chr(10) + '  ')}\nbody:")
    assert len(load_content(write(tmp_path / "a", {"x.yaml": good.encode()})).documents[0].preamble) > 45_000
    bad = good.replace("文" * 15_000, "文" * 25_000, 1)
    with pytest.raises(ContentError) as caught:
        load_content(write(tmp_path / "b", {"x.yaml": bad.encode()}))
    assert [p.message for p in caught.value.problems] == [
        "其中一段文字太长（25000 个字符）：这里每段最多 20000 个字符，请删减，或分成几段。"
    ]


# --- atomic output -------------------------------------------------------------------


def test_a_build_killed_halfway_leaves_the_previous_site_complete(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(ROOT / "content", out)
    before = snapshot(out)
    content = many_documents(tmp_path / "big", 300)
    build = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "build", "--content", str(content), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the build is writing its staging folder, then kill it outright.
    stage = None
    for _ in range(600):
        stages = [path for path in tmp_path.glob(".site.new-*") if (path / STAGE_MARKER).exists()]
        if stages and len(list(stages[0].rglob("*.html"))) > 3:
            stage = stages[0]
            break
        if build.poll() is not None:
            break
        subprocess.run(["sleep", "0.05"], check=True)
    build.kill()
    build.wait()
    assert stage is not None, "the build was killed while writing"
    assert snapshot(out) == before, "the previous site is untouched"
    assert not verify_site(out)
    # The next build writes into what the killed one left (proving what it keeps), and nothing else beside --out.
    build_site(ROOT / "content", out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.next", "big", "site"]


def test_nothing_is_written_outside_out(tmp_path: Path) -> None:
    (tmp_path / "before.txt").write_text("x", encoding="utf-8")
    build_site(ROOT / "content", tmp_path / "site")
    build_site(ROOT / "content", tmp_path / "site")  # and again, over an existing site
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.next", "before.txt", "site"]


def test_concurrent_builds_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "site"
    command = [sys.executable, str(ROOT / "build.py"), "build", "--out", str(out)]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(3)]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0]
    assert not verify_site(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.next", "site"]


# --- deterministic output -----------------------------------------------------------


def test_builds_are_byte_identical_across_hash_seeds_and_paths(tmp_path: Path) -> None:
    outputs = []
    for seed, name in (("1", "a/site"), ("2", "b/elsewhere")):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "build", "--out", str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        )
        outputs.append(snapshot(out))
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 20


def _shown(problem: Problem) -> str:
    """A problem as the docs' table shows it: without the file name."""
    where = " ".join(part for part in (f"第{problem.line}行" if problem.line else "", problem.field) if part)
    return f"{where}：{problem.message}" if where else problem.message


def docs_table_rows(tmp_path: Path) -> list[str]:
    rows = []
    for i, case in enumerate(CASES):
        with pytest.raises(ContentError) as caught:
            load_content(write(tmp_path / str(i), {"x.yaml": case.data}))
        hit = next(p for p in caught.value.problems if case.message in p.message)
        rows.append(f"| {case.name} | {_shown(hit)} |")
    return rows


def test_docs_show_every_case_with_its_message(tmp_path: Path) -> None:
    docs = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    missing = [row for row in docs_table_rows(tmp_path) if row not in docs]
    assert not missing, "docs/security.md's table of hostile inputs differs from the real messages:\n" + "\n".join(
        missing
    )
