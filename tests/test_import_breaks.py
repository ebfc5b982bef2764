"""A line break inside a paragraph or heading (<br> in a web page, Shift+Enter in Word) starts a
line of its own; in a heading, the lines before the first sentence are one heading (a long
heading broken for the layout) and the sentence after it is text typed into the heading. The
title's lines stay apart for the head to read (issuers above 关于……的通知: test_importer.py)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from plansite.importer import import_bytes, import_text
from plansite.importer.lines import heading_lines

from .test_import_word import _docx


@pytest.mark.parametrize(
    ("parts", "level", "lines"),
    [
        (["一、总体要求", "坚持以人民为中心。"], 2, [("一、总体要求", 2), ("坚持以人民为中心。", 0)]),
        (["二、推进社会保障和", "基本公共服务"], 2, [("二、推进社会保障和基本公共服务", 2)]),
        (
            ["某市规划", "（征求意见稿）", "", "第一条 为了……。"],
            1,
            [("某市规划", 1), ("（征求意见稿）", 1), ("第一条 为了……。", 0)],
        ),
        (["一、总体要求", "坚持以人民为中心。"], 0, [("一、总体要求", 0), ("坚持以人民为中心。", 0)]),  # not a heading
        (["三、保障措施。"], 2, [("三、保障措施。", 2)]),  # one line: as it is
    ],
)
def test_a_heading_s_lines_before_the_first_sentence_are_the_heading(
    parts: list[str], level: int, lines: list[tuple[str, int]]
) -> None:
    assert heading_lines(parts, level) == lines


def _body(draft: str) -> list[dict[str, Any]]:
    return yaml.safe_load(draft)["body"]


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市规划</title></head><body>
<h1>某市残疾人事业发展<br>“十五五”规划</h1>
<h2>一、总体要求<br>坚持以人民为中心的发展思想。</h2>
<p>正文一。</p>
<h2>二、推进残疾人社会保障和<br>基本公共服务</h2>
<p>正文二。<br>（一）健全机制<br>完善工作机制。</p>
</body></html>"""


def test_line_breaks_in_a_web_page_s_headings_and_paragraphs() -> None:
    draft = import_text(PAGE, source_name="plan.html").yaml
    assert "title: 某市残疾人事业发展“十五五”规划\n" in draft
    first, second = _body(draft)
    assert (first["title"], first["blocks"]) == ("总体要求", ["坚持以人民为中心的发展思想。", "正文一。"])
    assert (second["title"], second["blocks"]) == ("推进残疾人社会保障和基本公共服务", ["正文二。"])
    assert second["sections"][0]["title"] == "健全机制"


def _with_breaks(paragraph, *lines: str) -> None:  # type: ignore[no-untyped-def]
    for line in lines:
        paragraph.add_run().add_break()
        paragraph.add_run(line)


def test_shift_enter_in_word_starts_a_line_of_its_own() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人事业发展规划", style="Title")
        # Text pasted from a web page: paragraphs whose lines are ended by line breaks.
        pasted = document.add_paragraph("一、总体要求")
        _with_breaks(pasted, "坚持以人民为中心的发展思想。", "（一）指导思想", "以新发展理念为指导。")
        _with_breaks(document.add_paragraph("二、保障措施"), "加强组织领导。")
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([["指标", "目标"], ["就业人数", "1200人"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        _with_breaks(table.cell(1, 1).paragraphs[0], "（约束性）")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    first, second = _body(draft)
    assert (first["title"], first["blocks"]) == ("总体要求", ["坚持以人民为中心的发展思想。"])
    assert (first["sections"][0]["title"], first["sections"][0]["blocks"]) == ("指导思想", ["以新发展理念为指导。"])
    assert (second["title"], second["blocks"][0]) == ("保障措施", "加强组织领导。")
    assert "- [就业人数, 1200人 （约束性）]" in draft  # a cell's lines are one value


def test_shift_enter_in_a_word_heading() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        _with_breaks(document.add_paragraph("某市残疾人事业发展", style="Title"), "“十五五”规划")
        _with_breaks(document.add_paragraph("一、推进残疾人社会保障和", style="Heading 1"), "基本公共服务")
        document.add_paragraph("正文一。")
        _with_breaks(document.add_paragraph("二、保障措施", style="Heading 1"), "加强组织领导。")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "title: 某市残疾人事业发展“十五五”规划\n" in draft
    first, second = _body(draft)
    assert (first["title"], first["blocks"]) == ("推进残疾人社会保障和基本公共服务", ["正文一。"])
    assert (second["title"], second["blocks"]) == ("保障措施", ["加强组织领导。"])
