"""The importer on inputs no editor means to send: every rule linear in its
input (4× the input, about 4× the time — never 16×), and files that are not
documents refused with a Chinese message, never a traceback or a guess."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest

from plansite.importer import SourceError, import_bytes, import_text

from . import formats

ROOT = Path(__file__).resolve().parent.parent

# name: (source name, a function of n giving an input that grows with n)
GROWING: dict[str, tuple[str, Callable[[int], str]]] = {
    "breadcrumb chain a>a>…": ("x.txt", lambda n: "a>" * (40 * n)),
    "repeated contents lists": ("x.txt", lambda n: "目录\n第一章 总则\t1\n第二章 分则\t2\n" * n),
    "one line of 10,000+ characters": ("x.txt", lambda n: "这是一句很长的话没有标点" * (10 * n)),
    "lines without punctuation": ("x.txt", lambda n: "\n".join("这是一行没有标点的文字" for _ in range(4 * n))),
    "a run of digits": ("x.txt", lambda n: "1" * (100 * n)),
    "a service guide's 【】 parts": ("x.txt", lambda n: "".join(f"【第{i}项】内容。\n" for i in range(4 * n))),
    "questions and answers": ("x.txt", lambda n: "问：补贴对象有哪些？\n答：低保家庭中的残疾人。\n" * (2 * n)),
    "a catalogue block of many lines": ("x.html", lambda n: "<ul>" + "<li>索引号：1</li>" * (4 * n) + "</ul><p>正文。</p>"),
    "closing words over every section": ("x.txt", lambda n: "一、工作\n正文。\n特此通知。\n" * n),
    "a form of many blank rows": ("x.txt", lambda n: "单位\t姓名\n" + "\t\n" * (4 * n)),
    "articles": ("x.txt", lambda n: "\n".join(f"第{i}条 内容。" for i in range(n))),
    "tab-separated rows": ("x.txt", lambda n: "\n".join("\t".join(["甲"] * 5) for _ in range(n))),
    "cells between tab lines": ("x.txt", lambda n: "\n\n\t\n\n".join(["格"] * n)),
    "one cell per tab line": ("x.txt", lambda n: "\n".join(["\t格"] * n)),
    "cell lines between blank lines": ("x.txt", lambda n: ("\t格\n\t格" + "\n" * 50) * (n // 10)),
    "blank lines after a cell line": ("x.txt", lambda n: "\t格\n\t格" + "\n" * (100 * n) + "正文。"),
    "Markdown quotes and headings": ("x.md", lambda n: "\n".join(f"## 第{i}章 标题\n\n" + "> " * 50 + "引用" for i in range(n // 4))),
    "page numbers and running heads": ("x.txt", lambda n: "某市公报　2026年第1期\n　　正文没有标点\n— 1 —\n" * n),
    "a table across many page breaks": ("x.txt", lambda n: "甲\t乙\n" + "1\t2\n— 1 —\n某市公报\n甲\t乙\n" * n),
    "indented lines without punctuation": ("x.txt", lambda n: "\n".join(["　　这是一行缩进的文字", "接着一行"] * n)),
    "Markdown bold markers left as text": ("x.md", lambda n: "## 一、总则\n\n" + "**（一）标题。**正文" * n + "**" * n),
    "footnote links and source newlines": ("x.html", lambda n: "<p>" + '文字<a href="#n1"><sup>1</sup></a>\n' * (4 * n) + "</p>"),
    "bold opening many web paragraphs": ("x.html", lambda n: "<p><strong>（一）标题。</strong>正文</p>" * n),
    "nested <div>s (within the depth limit)": ("x.html", lambda n: "<div>" * 500 + "文字</div>" * 500 * (n // 1000 + 1)),
    "one paragraph over many full lines": ("x.txt", lambda n: "\n".join(["这是一整行排满了的正文文字而且没有标点符号"] * n)),
    "a wide merged table": ("x.html", lambda n: "<table>" + "<tr><td rowspan=99>a</td><td colspan=9>b</td></tr>" * (n // 10) + "</table>"),
    "editors' credits on one line": ("x.md", lambda n: "# 标题\n\n" + "编辑：张三 审核：李四 | " * n + "。"),
    "a header over rows of plain cells": ("x.html", lambda n: "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr>" + "<tr><td>c</td><td>d</td></tr>" * n + "</table>"),
    "images in a web page": ("x.html", lambda n: "<p>正文。</p>" + '<p><img src="a.png" alt="图"></p>' * n),
    "links in one long paragraph, text not as in the source": ("x.html", lambda n: "<p>" + '<a href="a.pdf">&#38468;&#20214;</a>' * n + "</p>"),
    "Markdown links over line breaks": ("x.md", lambda n: "# 标题\n\n" + "[附\n件](a.pdf)" * n),
    "annex lists, one after another": ("x.txt", lambda n: "附件：1．表\n2．单\n" * n),
    "Markdown HTML tables never closed": ("x.md", lambda n: "# 标题\n\n" + "<table><tr><td>a</td><td>b</td></tr>\n\n" * n),
    "a style saying border: over and over": ("x.html", lambda n: '<div style="' + "border:" * (20 * n) + '">文字</div>'),
    "lines deep inside boxes in boxes": ("x.html", lambda n: "<blockquote>" * 400 + "<p>专栏1 标题</p>" + "<p>文字。</p>" * n),
    "many 专栏 drawn as boxes": ("x.html", lambda n: '<table border="1"><tr><td><p>专栏1 标题</p><p>文字。</p></td></tr></table>' * n),
    "Markdown footnotes and their references": ("x.md", lambda n: "# 标题\n\n" + "文字[^1]" * n + "\n\n" + "".join(f"[^{i}]: 注。\n  续行\n" for i in range(n))),
    "a page's tools over and over on one line": ("x.txt", lambda n: "【打印】 打印 " * (5 * n) + "。"),
    "articles recommended over and over": ("x.txt", lambda n: "正文。\n" + "往期推荐\n标题\n" * n),
    "lines that end in a date, as a 落款 on one line": ("x.txt", lambda n: "某市残疾人联合会　2026年4月20日\n" * n),
    "a pandoc grid table of many rows": ("x.md", lambda n: "# 标题\n\n+----+----+\n" + "| 甲 | 乙 |\n+----+----+\n" * n),
    "a pandoc grid table of many columns": ("x.md", lambda n: "# 标题\n\n" + "+--" * n + "+\n" + "|甲" * n + "|\n" + "+--" * n + "+\n"),
    "a cell of a grid table merged down many rows": ("x.md", lambda n: "# 标题\n\n+----+----+\n" + "| 甲 | 乙 |\n+    +----+\n" * n + "|    | 乙 |\n+----+----+\n"),
    "a pandoc simple table of many rows": ("x.md", lambda n: "# 标题\n\n  甲   乙\n  ---- ----\n" + "  1    2\n" * n),
    "pandoc multiline tables never closed": ("x.md", lambda n: "# 标题\n\n" + "---\n甲 乙\n-- --\n1 2\n\n" * n),
    "many pandoc simple tables": ("x.md", lambda n: "# 标题\n\n" + "甲   乙\n---- ----\n1    2\n\n" * n),
    "a menu of many short links": ("x.html", lambda n: "<ul>" + '<li><a href="/a/">首页</a></li>' * n + "</ul><p>正文。</p>"),
    "a block of many short links": ("x.html", lambda n: "<div><div><p>" + '<a href="/a/">首页</a><br>' * n + "</p></div></div><p>正文。</p>"),
    "links in divs nested as deep as a page may": ("x.html", lambda n: ("<div>" * 500 + '<a href="/a/">首页</a>' * 3 + "</div>" * 500) * (n // 1000) + "<p>正文。</p>"),
    "a page laid out in a table cell of many paragraphs": ("x.html", lambda n: "<table><tr><td>甲</td><td>" + "<p>段落。</p>" * n + "</td></tr></table>"),
}  # fmt: skip


def _seconds(source_name: str, text: str) -> float:
    start = time.perf_counter()
    with suppress(SourceError):  # a text that is all chrome is refused, after it is read
        import_text(text, source_name=source_name)
    return time.perf_counter() - start


@pytest.mark.parametrize("name", GROWING)
def test_import_time_grows_linearly(name: str) -> None:
    source_name, make = GROWING[name]
    small = min(_seconds(source_name, make(1000)) for _ in range(2))
    large = min(_seconds(source_name, make(4000)) for _ in range(2))
    assert large < max(small, 0.02) * 10, (small, large)


def test_100_000_lines_import_in_seconds() -> None:
    text = "\n".join("这是一行没有标点的文字" for _ in range(100_000))
    assert _seconds("x.txt", text) < 15


def test_a_page_nested_deeper_than_any_real_one_is_refused() -> None:
    with pytest.raises(SourceError, match="嵌套了 5000 层"):
        import_text("<div>" * 5000 + "文字" + "</div>" * 5000, source_name="x.html")


@pytest.mark.parametrize(
    ("text", "source_name", "message"),
    [
        ('<html><body><div id="app"></div><script>load()</script></body></html>', "x.html", "由脚本载入"),
        (
            "<html><body><ul>"
            + "".join(
                f"<li><a href='/{n}/'>{name}</a></li>"
                for n, name in enumerate(["首页", "新闻中心", "政务公开", "办事服务"])
            )
            + "</ul></body></html>",
            "x.html",
            "另有 1 处当作网页导航",
        ),
        ("\n \n\u3000\n", "x.txt", "文件可能是空的"),
    ],
    ids=["page filled by script", "page of chrome only", "blank text"],
)
def test_a_source_without_text_is_refused_saying_why(text: str, source_name: str, message: str) -> None:
    """Before, an empty draft was written, which `check` then refused for want of a body."""
    with pytest.raises(SourceError, match=f"{source_name} 里没有读出正文文字.*{message}"):
        import_text(text, source_name=source_name)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 4, "不是文字文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "Office 97-2003 文件，但不是 Word 文件"),
        (b"PK\x03\x04" + b"word/document.xml" + bytes(100), "不是文字文件"),  # a broken zip: not Word, not text
        (b"%PDF-1.4\n%broken", "是 PDF，但读不出文字"),
    ],
    ids=["binary", "compound file", "broken zip", "broken pdf"],
)
def test_a_file_that_is_not_a_document_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        import_bytes(data, source_name="x")


def test_a_word_file_nested_deeper_than_any_real_one_is_refused() -> None:
    from .test_import_word import nested_boxes

    with pytest.raises(SourceError, match="看起来是 Word 文件，但无法打开（内容不是正常的 Word 格式"):
        import_bytes(nested_boxes(150), source_name="deep.docx")


def _word_with(change: Callable[[str], str]) -> bytes:
    """A Word file (a title, a heading, a numbered paragraph, a table) with its document.xml changed."""
    from docx import Document

    word = Document()
    word.add_paragraph("某县残疾人事业发展规划", style="Title")
    word.add_paragraph("一、总则", style="Heading 1")
    word.add_paragraph("正文。", style="List Number")
    table = word.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"格{r}{c}"
    saved = io.BytesIO()
    word.save(saved)
    return formats.with_part(saved.getvalue(), "word/document.xml", lambda xml: change(xml.decode()).encode())


@pytest.mark.parametrize(
    "xml",
    [
        '<w:gridSpan w:val="x"/>',
        '<w:gridSpan w:val="99999999"/>',  # before, a loop over a hundred million columns
        '<w:gridSpan w:val="²"/>',  # a digit to str.isdigit, not to int()
        '<w:vMerge w:val="continue"/>',  # in the first row: nothing above to continue
    ],
)
def test_a_word_table_with_damaged_numbers_is_read(xml: str) -> None:
    data = _word_with(lambda text: text.replace("<w:tcPr>", f"<w:tcPr>{xml}", 1))
    assert "格11" in import_bytes(data, source_name="damaged.docx").yaml


@pytest.mark.parametrize(
    "xml",
    [
        '<w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>',
        '<w:numPr><w:ilvl w:val="99"/><w:numId w:val="777"/></w:numPr>',
        '<w:outlineLvl w:val="²"/>',
        '<w:pStyle w:val="NoSuchStyle"/>',
    ],
)
def test_a_word_paragraph_with_damaged_numbers_or_styles_is_read(xml: str) -> None:
    data = _word_with(lambda text: text.replace("<w:pPr>", f"<w:pPr>{xml}", 1))
    assert "某县残疾人事业发展规划" in import_bytes(data, source_name="damaged.docx").yaml


def test_a_word_file_with_broken_footnotes_is_read_without_them() -> None:
    from docx import Document

    word = Document()
    word.add_paragraph("某县残疾人事业发展规划", style="Title")
    formats.add_footnotes(word, ["注文。"])
    saved = io.BytesIO()
    word.save(saved)
    broken = formats.with_part(saved.getvalue(), "word/footnotes.xml", lambda _xml: b"<w:footnotes")
    result = import_bytes(broken, source_name="notes.docx")
    assert "某县残疾人事业发展规划" in result.yaml and any("脚注无法读取" in d for d in result.dropped)


def test_a_pdf_with_a_password_is_named_as_such(tmp_path: Path) -> None:
    """LibreOffice prints a Word file to a PDF that opens only with a password."""
    from docx import Document

    if not formats.soffice():
        pytest.fail("LibreOffice (soffice) is missing: scripts/install-test-tools.sh installs it")
    word = Document()
    word.add_paragraph("某市残疾人事业发展规划")
    word.save(str(tmp_path / "locked.docx"))
    password = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    locked = formats.convert(tmp_path / "locked.docx", tmp_path, "pdf", f"writer_pdf_Export:{password}")
    with pytest.raises(SourceError, match="有密码保护，请在 PDF 阅读器里去掉密码"):
        import_bytes(locked.read_bytes(), source_name="locked.pdf")


def test_a_pdf_without_text_is_refused_as_a_scan() -> None:
    with pytest.raises(SourceError, match="扫描件"):  # a page with no text layer: a scan without OCR
        import_bytes(_blank_pdf(), source_name="scan.pdf")


def _blank_pdf() -> bytes:
    """A one-page PDF with no text layer, written by hand (the smallest valid file)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "gb18030"], ids=lambda e: e.replace("-bom", "")
)
def test_text_in_any_chinese_encoding_is_decoded(encoding: str) -> None:
    text = "关于印发某某规划的通知\n\n一、总体要求\n\n坚持以人民为中心。\n"
    data = ("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    result = import_bytes(data, source_name="x.txt")
    assert "坚持以人民为中心" in result.yaml and "总体要求" in result.yaml


PLAN = ROOT / "content" / "jiangbei-disability-plan-2021-2025.yaml"


@pytest.mark.parametrize("encoding", ["big5", "shift_jis"])
def test_text_in_another_encoding_is_refused_not_garbled(encoding: str) -> None:
    """Big5 or Shift_JIS bytes decode as GB18030 without an error, into garbage: refused."""
    data = PLAN.read_text(encoding="utf-8").encode(encoding, errors="replace")
    with pytest.raises(SourceError, match="另存为 UTF-8"):
        import_bytes(data, source_name="x.txt")


def test_a_gb18030_text_with_a_few_rare_characters_is_read() -> None:
    """The control: GBK's rarer characters (a name such as 王堃, 张喆) are no sign of another encoding."""
    text = PLAN.read_text(encoding="utf-8") + "\n联系人：王堃、张喆、李昇\n"
    assert "王堃" in import_bytes(text.encode("gb18030"), source_name="x.txt").yaml


def test_the_import_command_refuses_a_binary_in_chinese(tmp_path: Path) -> None:
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 8)
    done = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "import", str(binary)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 1
    assert "不是文字文件" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "content").exists()


def test_invisible_characters_are_left_out_and_said(tmp_path: Path) -> None:
    """Zero-width characters and bidi controls pasted with a text would make the draft fail check."""
    text = "关于印发\u200b某某规划的通知\n\n各单位：\n\n现将\u202e规划印发给你们，请认真贯彻执行。\n\n某某残联\n2022年1月1日\n"
    result = import_text(text, source_name="x.txt")
    assert not any(c in result.yaml for c in "\u200b\u202e\u202c\ufeff")
    assert "印发某某规划的通知" in result.yaml
    assert any("个看不见的字符" in line for line in result.dropped)


def _package(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_package("mimetype", "content.xml", "styles.xml"), "OpenDocument 表格或演示文稿"),
        (_package("[Content_Types].xml", "xl/workbook.xml"), "Excel 表格"),
        (_package("[Content_Types].xml", "ppt/presentation.xml"), "PowerPoint 演示文稿"),
    ],
    ids=["ods", "xlsx", "pptx"],
)
def test_a_format_the_importer_does_not_read_is_named_with_what_to_do(data: bytes, message: str) -> None:
    with pytest.raises(SourceError, match=f"{message}.*不能直接导入：请"):
        import_bytes(data, source_name="x")
