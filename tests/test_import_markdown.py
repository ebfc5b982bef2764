"""Importing Markdown: a .md file, or a .txt that is Markdown (the corpus's law copies).

markdown-it-py reads it; these tests check what an editor gets: headings as
sections (with or without numbering), the first heading as the title, pipe
tables as tables, HTML comments left out and listed, front matter as metadata. The
corpus's Markdown files are imported by tests/test_import_corpus.py."""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from plansite import model as m
from plansite.content import load_content
from plansite.importer import import_text

from .conftest import ROOT
from .test_importer import SITE, outline, texts

CORPUS = ROOT.parent / "shared" / "corpus" / "import"


def draft(text: str, tmp_path: Path, name: str = "test.md") -> tuple[m.Document, str, tuple[str, ...]]:
    result = import_text(dedent(text).strip("\n"), source_name=name, doc_id="test-doc")
    folder = tmp_path / "content"
    folder.mkdir(exist_ok=True)
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    (folder / "test-doc.yaml").write_text(result.yaml, encoding="utf-8")
    return load_content(folder).documents[0], result.yaml, result.dropped


def test_headings_tables_lists_and_comments(tmp_path: Path) -> None:
    doc, yaml_text, dropped = draft(
        """
        ---
        title: 某市残疾人康复服务实施方案
        doc_number: 某残联发〔2024〕3号
        date: 2024-03-01
        ---

        <!-- 以下为正文 -->

        前言的第一段，
        在源文件里折了行。

        总体要求
        --------

        ### （一）指导思想

        以**人民为中心**，见 [附件](https://example.gov.cn/a.pdf)。

        ## 主要指标

        主要指标表

        | 指标 | 目标值 |
        | --- | --- |
        | 康复服务覆盖率 | ≥85% |
        | 辅助器具适配率 | ≥85% |

        ## 保障措施

        - 加强组织领导；
        - 强化经费保障。
        """,
        tmp_path,
    )
    assert doc.title == "某市残疾人康复服务实施方案"
    assert doc.doc_number == "某残联发〔2024〕3号" and str(doc.date_published) == "2024-03-01"
    assert outline(doc.body) == ["总体要求", "  （一）指导思想", "主要指标", "保障措施"]
    assert texts(doc.body[0].sections[0].blocks) == ["以人民为中心，见 附件。"]
    table = doc.body[1].blocks[0]
    assert isinstance(table, m.Table) and table.caption == "主要指标表"
    assert table.head == ("指标", "目标值") and len(table.rows) == 2
    assert texts(doc.body[2].blocks) == ["加强组织领导；", "强化经费保障。"]
    assert "前言的第一段，在源文件里折了行。" in doc.preamble
    assert any("以下为正文" in line for line in dropped)
    published = [line for line in yaml_text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in published if "#" in line or "<!--" in line or "===" in line]


def test_a_txt_with_markdown_headings_is_read_as_markdown(tmp_path: Path) -> None:
    doc, _, _ = draft(
        "# 某某条例\n\n## 第一章 总则\n\n第一条 为了……，制定本条例。\n\n## 第二章 附则\n\n第二条 本条例自公布之日起施行。\n",
        tmp_path,
        "law.txt",
    )
    assert doc.title == "某某条例"
    assert outline(doc.body) == ["第一章总则", "  第一条", "第二章附则", "  第二条"]


def test_one_hash_line_in_plain_text_is_not_markdown(tmp_path: Path) -> None:
    result = import_text("一、任务\n# 号开头的一行字\n正文。\n", source_name="plain.txt", doc_id="x")
    assert "# 号开头的一行字" in result.yaml


@pytest.mark.parametrize("size", [2_000, 8_000])
def test_markdown_import_is_linear(size: int) -> None:
    """Adversarial Markdown (deep lists, long emphasis runs, many headings) imports in time linear in its size."""
    unit = "## 第一章 总则\n\n- > - **a*b_c`d[e](f \n\n" + "#" * 50 + " x\n\n"

    def seconds(n: int) -> float:
        start = time.perf_counter()
        import_text(unit * n, source_name="x.md", doc_id="x")
        return time.perf_counter() - start

    small, large = seconds(size // 4), seconds(size)
    assert large < max(small, 0.01) * 10, (small, large)


def test_an_official_account_article_keeps_its_text_and_lists_its_widgets(tmp_path: Path) -> None:
    """A 公众号 article exported as Markdown: its byline, credits, 往期推荐 and 阅读原文 lines are
    the account's, not the document's; a procedure's step that starts 审核： is the document's."""
    doc, _, dropped = draft(
        """
        # 图解｜2025年残疾人两项补贴政策问答

        原创 某市残联 某市残联 *2025年03月18日 09:30* *浙江*

        **问一：两项补贴怎么申请？**

        答：申请：本人向户籍所在地乡镇（街道）提出申请。

        审核：区残联在5个工作日内完成审核。

        编辑：张三　审核：李四

        ▼ 往期推荐 ▼

        点击“阅读原文”了解更多
        """,
        tmp_path,
    )
    assert doc.kind == "interpretation"  # 问答: an interpretation as questions and answers
    assert [line.split("：", 1)[1] for line in dropped] == [
        "原创 某市残联 某市残联 2025年03月18日 09:30 浙江",
        "编辑：张三　审核：李四",
        "▼ 往期推荐 ▼",
        "点击“阅读原文”了解更多",
    ]
    assert "审核：区残联在5个工作日内完成审核。" in doc.preamble


PANDOC = """\
    # 某市残疾人康复服务实施方案

    ## 一、主要指标

    <table>
    <caption>表1 主要指标</caption>
    <thead><tr><th rowspan="2">类别</th><th colspan="2">目标</th></tr><tr><th>2025年</th><th>2027年</th></tr></thead>
    <tbody>

    <tr><td>康复服务覆盖率</td><td>80%</td><td>85%</td></tr>
    <tr><td>辅具适配率</td><td>85%</td><td>90%</td></tr>
    </tbody>
    </table>

    <!-- 以下为保障措施 -->

    ## 二、保障措施

    加强组织领导[^a]，落实经费保障[^b]。[^x]是方括号里的文字。

    [^b]: 经费列入
      年度预算。
    [^a]: 由市残联牵头。
    [^c]: 没有被引用的注。
"""


def test_a_table_written_in_html_is_read_with_its_merged_cells_and_caption(tmp_path: Path) -> None:
    doc, _, dropped = draft(PANDOC, tmp_path)
    table = doc.body[0].blocks[0]
    assert isinstance(table, m.Table) and table.caption == "表1 主要指标"
    assert table.head == ("类别", "目标 2025年", "目标 2027年")  # the two header rows, the blank line inside
    assert [tuple(c.text for c in row) for row in table.rows if not isinstance(row, m.GroupRow)] == [
        ("康复服务覆盖率", "80%", "85%"),
        ("辅具适配率", "85%", "90%"),
    ]
    assert dropped == ("第15行：<!-- 以下为保障措施 -->",)  # the control: other HTML is left out and listed


def test_footnotes_are_numbered_as_referred_to_and_follow_the_text(tmp_path: Path) -> None:
    doc, _, _ = draft(PANDOC, tmp_path)
    assert texts(doc.body[1].blocks) == [
        "加强组织领导〔注1〕，落实经费保障〔注2〕。\\[^x\\]是方括号里的文字。",  # [^x] has no note: as written (escaped)
        "注1：由市残联牵头。",
        "注2：经费列入年度预算。",  # its indented line goes on with it
        "注3：没有被引用的注。",
    ]


def test_a_line_break_written_as_br_starts_a_line_and_joins_a_cell_s_lines() -> None:
    text = (
        "# 某市残疾人事业发展规划\n\n一、总体要求<br>坚持以人民为中心。<br/>\n\n"
        "| 指标 | 目标 |\n| --- | --- |\n| 就业人数<br>（万人） | 1.5 |\n| 康复覆盖率 | 90 |\n"
    )
    draft = import_text(text, source_name="plan.md").yaml
    assert "title: 总体要求\n    blocks:\n      - 坚持以人民为中心。\n" in draft
    assert "- [就业人数 （万人）, '1.5']" in draft  # as a saved page's cell or a Word cell is read


def _grid_row(cells: list[str], widths: list[int], edge: str = "|", joints: str = "||") -> str:
    """A row of a grid table as pandoc writes it: each cell padded to its column's width on
    screen (a Chinese character takes two columns)."""

    def pad(text: str, width: int) -> str:
        shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
        return f" {text}{' ' * (width - shown - 1)}"

    out = edge
    for k, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        out += pad(cell, width) + (joints[k] if k < len(joints) else edge)
    return out


def test_a_pandoc_grid_table_is_a_table_with_its_merged_cells() -> None:
    """pandoc writes a table whose cells run over lines, or merge, as a grid (+---+): markdown-it
    does not read one, so the importer does, by the columns the text takes on screen."""
    rule, head_rule = "+--------------+----------+----------+", "+==============+==========+==========+"
    w = [14, 10, 10]
    grid = [
        rule,
        _grid_row(["类别", "2020年", "2025年"], w),
        head_rule,
        _grid_row(["康复服务", "85%", "90%"], w),
        _grid_row(["覆盖率", "", ""], w),
        rule,
        "| 辅具适配率   | 80%                 |",
        "+--------------+---------------------+",
        _grid_row(["托养服务", "1万人", "2万人"], w),
        "+              +----------+----------+",
        _grid_row(["", "3万人", "4万人"], w),
        rule,
    ]
    source = (
        "# 某市残疾人事业发展规划\n\n## 一、主要指标\n\n" + "\n".join(grid) + "\n\n## 二、主要任务\n\n加强康复服务。\n"
    )
    fields = yaml.safe_load(import_text(source, source_name="plan.md").yaml)
    table = fields["body"][0]["blocks"][0]["table"]
    assert table["head"] == ["类别", "2020年", "2025年"]
    assert table["rows"] == [
        ["康复服务覆盖率", "85%", "90%"],
        ["辅具适配率", {"text": "80%", "cols": 2}],
        [{"text": "托养服务", "rows": 2}, "1万人", "2万人"],
        ["3万人", "4万人"],
    ]
    assert fields["body"][1]["title"] == "主要任务"


def test_a_grid_the_importer_cannot_read_as_a_table_keeps_its_text() -> None:
    """A grid of one column (a box pandoc drew round a note) is no table: its text stays."""
    source = "# 某市残疾人事业发展规划\n\n## 一、主要任务\n\n+--------------+\n| 加强康复服务 |\n+--------------+\n"
    fields = yaml.safe_load(import_text(source, source_name="plan.md").yaml)
    assert fields["body"][0]["blocks"] == ["加强康复服务"]


def _padded(cells: list[str], starts: list[int]) -> str:
    """A line of a pandoc simple or multiline table: each cell from its column's start on screen."""
    line = ""
    for cell, start in zip(cells, starts, strict=True):
        shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        line += " " * (start - shown) + cell
    return line


def test_pandoc_simple_and_multiline_tables_are_tables() -> None:
    """pandoc's own Markdown writes a table of one-line cells as a simple table (a header over a
    rule of the columns) and one of longer cells as a multiline table (between long rules, rows
    apart by blank lines): markdown-it reads neither."""
    starts = [2, 19, 28]
    rule = "  ---------------- -------- --------"
    simple = [
        _padded(["指标", "2020年", "2025年"], starts),
        rule,
        _padded(["康复服务覆盖率", "85%", "90%"], starts),
        _padded(["辅具适配率", "80%", "85%"], starts),
    ]
    multiline = [
        "  ------------------------------------",
        _padded(["指标", "2020年", "2025年"], starts),
        rule,
        _padded(["康复服务", "85%", "90%"], starts),
        _padded(["覆盖率", "", ""], starts).rstrip(),
        "",
        _padded(["辅具适配率", "80%", "85%"], starts),
        "  ------------------------------------",
    ]
    for lines, first in ((simple, "康复服务覆盖率"), (multiline, "康复服务覆盖率")):
        source = (
            "# 某市残疾人事业发展规划\n\n## 一、主要指标\n\n"
            + "\n".join(lines)
            + "\n\n## 二、主要任务\n\n加强康复服务。\n"
        )
        fields = yaml.safe_load(import_text(source, source_name="plan.md").yaml)
        table = fields["body"][0]["blocks"][0]["table"]
        assert table["head"] == ["指标", "2020年", "2025年"]
        assert table["rows"] == [[first, "85%", "90%"], ["辅具适配率", "80%", "85%"]]
        assert [s["title"] for s in fields["body"]] == ["主要指标", "主要任务"]


def test_a_thematic_break_between_paragraphs_is_no_table() -> None:
    """The control: --- between paragraphs (a rule, not a column rule) leaves the text as it was."""
    source = "# 某市残疾人事业发展规划\n\n## 一、主要任务\n\n加强康复服务。\n\n---\n\n推进无障碍建设。\n"
    fields = yaml.safe_load(import_text(source, source_name="plan.md").yaml)
    assert fields["body"][0]["blocks"] == ["加强康复服务。", "推进无障碍建设。"]
