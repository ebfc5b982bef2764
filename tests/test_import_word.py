"""Word specifics the round trip (test_import_formats.py) does not reach:
automatic numbering in every format Chinese documents use, multilevel lists
and restarts, footnotes, document properties, header rows."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from plansite.importer import ImportResult, import_bytes
from plansite.importer.word import FORMATS, Numbering

from . import formats

W = nsdecls("w")


@pytest.mark.parametrize(
    ("fmt", "n", "shown"),
    [
        ("chineseCounting", 1, "一"),
        ("chineseCounting", 10, "十"),
        ("chineseCounting", 12, "十二"),
        ("chineseCounting", 20, "二十"),
        ("chineseCounting", 35, "三十五"),
        ("chineseCounting", 105, "一百零五"),
        ("chineseCounting", 110, "一百一十"),
        ("chineseCountingThousand", 3, "三"),
        ("taiwaneseCountingThousand", 12, "十二"),  # as LibreOffice saves 一, 二, 三
        ("chineseLegalSimplified", 3, "叁"),
        ("chineseLegalSimplified", 10, "壹拾"),
        ("chineseLegalSimplified", 12, "壹拾贰"),
        ("chineseLegalSimplified", 110, "壹佰壹拾"),
        ("chineseLegalSimplified", 105, "壹佰零伍"),
        ("ideographEnclosedCircle", 2, "㈡"),
        ("ideographTraditional", 2, "乙"),
        ("decimalEnclosedCircle", 3, "③"),
        ("decimalFullWidth", 12, "１２"),
        ("decimalZero", 7, "07"),
        ("lowerLetter", 27, "aa"),
        ("upperRoman", 14, "XIV"),
    ],
)
def test_numbers_are_written_as_word_shows_them(fmt: str, n: int, shown: str) -> None:
    assert FORMATS[fmt](n) == shown


def _numbering(levels: str) -> Numbering:
    return Numbering.read(
        parse_xml(
            f'<w:numbering {W}><w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
        )
    )


def _level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def test_a_multilevel_list_counts_restarts_and_combines_levels() -> None:
    numbering = _numbering(
        _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）") + _level(2, "decimal", "%1.%3")
    )
    labels = [numbering.label("1", lvl) for lvl in (0, 1, 1, 2, 2, 0, 1)]
    assert labels == ["一、", "（一）", "（二）", "一.1", "一.2", "二、", "（一）"]


def test_bullets_and_unknown_lists_give_no_label() -> None:
    numbering = _numbering(_level(0, "bullet", "•"))
    assert numbering.label("1", 0) == "" and numbering.label("9", 0) == ""


def _docx(build) -> bytes:  # type: ignore[no-untyped-def]
    document = Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_footnotes_and_endnotes_are_notes_numbered_in_order_of_reference() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人事业发展规划", style="Title")
        document.add_paragraph("总体要求", style="Heading 1")
        paragraph = document.add_paragraph("残疾人就业率达到目标")
        paragraph._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>'))
        paragraph.add_run("，康复服务覆盖率达到85%")
        paragraph._p.append(parse_xml(f'<w:r {W}><w:endnoteReference w:id="1"/></w:r>'))
        paragraph.add_run("。")
        formats.add_footnotes(document, ["目标以统计年鉴为准。"], separator=True)
        formats.add_footnotes(document, ["覆盖率按持证残疾人计算。"], separator=True, kind="endnote")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "残疾人就业率达到目标〔注1〕，康复服务覆盖率达到85%〔注2〕。" in draft
    assert "注1：目标以统计年鉴为准。" in draft and "注2：覆盖率按持证残疾人计算。" in draft
    assert "—" not in draft.split("body:")[1], "the separator footnote is not a note"


def _linked_as_libreoffice_links_them(data: bytes) -> bytes:
    """The package with its properties linked by the relationship name LibreOffice writes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as package:
        for name in source.namelist():
            member = source.read(name)
            if name == "_rels/.rels":
                member = member.replace(
                    b"/package/2006/relationships/metadata/core-properties",
                    b"/officedocument/2006/relationships/metadata/core-properties",
                )
            package.writestr(name, member)
    return out.getvalue()


@pytest.mark.parametrize("linked", ["as Word links them", "as LibreOffice links them"])
def test_properties_give_keywords_and_mark_the_title(linked: str) -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.core_properties.title = "某市残疾人事业发展规划"
        document.core_properties.keywords = "残疾人, 规划；十四五"
        document.add_paragraph("某市残疾人事业发展规划")  # Normal style: the property says it is the title
        document.add_paragraph("一、总体要求", style="Heading 1")
        document.add_paragraph("坚持以人民为中心。")

    data = _docx(build)
    if linked == "as LibreOffice links them":
        data = _linked_as_libreoffice_links_them(data)
        assert b"officedocument/2006/relationships/metadata/core-properties" in data
    draft = import_bytes(data, source_name="plan.docx").yaml
    assert "title: 某市残疾人事业发展规划\n" in draft
    assert "keywords: [残疾人, 规划, 十四五]" in draft


def test_a_table_header_row_and_merged_cells() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市规划", style="Title")
        document.add_paragraph("一、主要指标", style="Heading 1")
        table = document.add_table(rows=4, cols=3)
        for x, text in enumerate(["领域", "指标", "目标值"]):
            table.cell(0, x).text = text
        table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
        table.cell(1, 0).merge(table.cell(2, 0)).text = "康复"
        for y, (indicator, value) in enumerate([("救助率", "90%"), ("适配率", "85%")], 1):
            table.cell(y, 1).text, table.cell(y, 2).text = indicator, value
        table.cell(3, 0).merge(table.cell(3, 2)).text = "其他指标另行制定"

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "head: [领域, 指标, 目标值]" in draft
    assert "- [{text: 康复, rows: 2}, 救助率, 90%]" in draft
    assert "- [适配率, 85%]" in draft
    assert "- group: 其他指标另行制定" in draft


LONG_TITLE = "完善按比例安排残疾人就业制度和残疾人就业年审的工作机制"  # no 。 and over 30 characters
TEXT = "各地要按规定做好年审工作，确保各项任务落到实处。"


def _run_in(add) -> str:  # type: ignore[no-untyped-def]
    """The draft of a plan whose （一） paragraph `add` writes."""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人就业促进办法", style="Title")
        document.add_paragraph("一、总体要求", style="Heading 1")
        add(document.add_paragraph(), document)
        paragraph = document.add_paragraph()
        paragraph.add_run("（二）加强组织领导。").bold = True
        paragraph.add_run("各级残联要把就业工作摆上议事日程。")

    return import_bytes(_docx(build), source_name="plan.docx").yaml


def _bold_with_label(paragraph, _) -> None:  # type: ignore[no-untyped-def]
    paragraph.add_run(f"（一）{LONG_TITLE}").bold = True
    paragraph.add_run(TEXT)


def _label_typed_plain(paragraph, _) -> None:  # type: ignore[no-untyped-def]
    paragraph.add_run("（一）")
    paragraph.add_run(LONG_TITLE).bold = True
    paragraph.add_run(TEXT)


def _character_style(paragraph, document) -> None:  # type: ignore[no-untyped-def]
    paragraph.add_run("（一）")
    paragraph.add_run(LONG_TITLE, style=document.styles.add_style("要点", 2))
    paragraph.runs[-1].style.font.bold = True
    paragraph.add_run(TEXT)


def _bold_paragraph_style(paragraph, document) -> None:  # type: ignore[no-untyped-def]
    style = document.styles.add_style("加粗正文", 1)
    style.font.bold = True
    paragraph.style = style
    paragraph.add_run(f"（一）{LONG_TITLE}")
    paragraph.add_run(TEXT).bold = False


@pytest.mark.parametrize("add", [_bold_with_label, _label_typed_plain, _character_style, _bold_paragraph_style])
def test_a_bold_run_in_title_is_the_section_title(add) -> None:  # type: ignore[no-untyped-def]
    """The bold decides where the title ends, where the text alone could not (no 。, too long)."""
    draft = _run_in(add)
    assert f"- label: （一）\n        title: {LONG_TITLE}\n        blocks:\n          - {TEXT}\n" in draft, draft


def test_a_full_stop_left_outside_a_bold_title_ends_the_title() -> None:
    """（一）**发展特殊教育**。办好……: the title keeps its 。, the text does not start with it."""

    def stop_outside(paragraph, _) -> None:  # type: ignore[no-untyped-def]
        paragraph.add_run("（一）")
        paragraph.add_run("发展特殊教育").bold = True
        paragraph.add_run(f"。{TEXT}")

    draft = _run_in(stop_outside)
    assert f"- label: （一）\n        title: 发展特殊教育。\n        blocks:\n          - {TEXT}\n" in draft, draft


def test_without_bold_the_same_paragraph_is_text() -> None:
    """The control: the same words all plain are a numbered paragraph, not a heading."""

    def plain(paragraph, _) -> None:  # type: ignore[no-untyped-def]
        paragraph.add_run(f"（一）{LONG_TITLE}{TEXT}")

    draft = _run_in(plain)
    assert f"title: {LONG_TITLE}" not in draft and f"（一）{LONG_TITLE}{TEXT}" in draft


@pytest.mark.parametrize(
    ("runs", "why"),
    [
        ([("（一）各地要", False), ("加强", True), ("组织领导，把就业工作摆上重要议事日程，定期研究解决突出问题。", False)], "bold inside a sentence"),
        ([("（一）", False), ("加强组织领导", True), ("，把就业工作摆上重要议事日程，定期研究解决突出问题。", False)], "the sentence goes on after the bold"),
        ([("各地", False), ("加强组织领导", True), ("，把就业工作摆上重要议事日程，定期研究解决突出问题。", False)], "no numbering"),
    ],
)  # fmt: skip
def test_bold_that_is_emphasis_is_not_a_title(runs: list[tuple[str, bool]], why: str) -> None:
    def emphasis(paragraph, _) -> None:  # type: ignore[no-untyped-def]
        for text, bold in runs:
            paragraph.add_run(text).bold = bold

    draft = _run_in(emphasis)
    assert "".join(text for text, _ in runs) in draft, why


def test_a_title_over_two_title_paragraphs_is_one_title() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市“十五五”残疾人保障", style="Title")
        document.add_paragraph("和发展规划", style="Title")
        document.add_paragraph("一、总体要求", style="Heading 1")
        document.add_paragraph("坚持以人民为中心。")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "title: 某市“十五五”残疾人保障和发展规划\n" in draft and "和发展规划\n    sections" not in draft


def test_a_numbered_line_after_the_title_is_not_its_second_line() -> None:
    """The control: 第一章 marked like the title is the body's first heading."""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人保障条例", style="Title")
        document.add_paragraph("第一章 总则", style="Title")
        document.add_paragraph("第一条 为了保障残疾人的权益，制定本条例。")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "title: 某市残疾人保障条例\n" in draft and "label: 第一章" in draft


def test_tables_and_paragraphs_in_content_controls_keep_their_kind_and_order() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人事业发展规划", style="Title")
        document.add_paragraph("一、主要指标", style="Heading 1")
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([["指标", "目标"], ["就业人数", "1200人"]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        # A form's content control, nested in another, around the table and a paragraph after it.
        inner = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
        outer = parse_xml(f"<w:sdt {W}><w:sdtPr/><w:sdtContent/></w:sdt>")
        table._tbl.addprevious(outer)
        outer[1].append(inner)
        inner[1].append(table._tbl)
        inner[1].append(parse_xml(f"<w:p {W}><w:r><w:t>注：目标为2025年数值。</w:t></w:r></w:p>"))
        document.add_paragraph("二、保障措施", style="Heading 1")
        document.add_paragraph("加强组织领导。")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "head: [指标, 目标]" in draft and "rows:\n" in draft  # a table, not a paragraph per cell
    assert draft.index("head: [指标, 目标]") < draft.index("目标为2025年数值") < draft.index("title: 保障措施")


def test_a_box_drawn_as_a_table_of_one_cell_keeps_its_paragraphs() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某县残疾人事业发展规划", style="Title")
        document.add_paragraph("一、发展基础", style="Heading 1")
        document.add_paragraph("全县残疾人事业取得显著成效。")
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = "专栏1　残疾人康复服务重点项目"
        for item in ("1．残疾儿童康复救助。为残疾儿童提供康复服务。", "2．辅助器具适配。为残疾人适配辅助器具。"):
            cell.add_paragraph(item)
        document.add_paragraph("托养服务持续推进。")  # after the box: the section's text again
        document.add_paragraph("二、主要任务", style="Heading 1")
        document.add_paragraph("加强康复服务。")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "box:\n          label: 专栏1\n          title: 残疾人康复服务重点项目\n          blocks:\n" in draft
    assert (
        "            - 1．残疾儿童康复救助。为残疾儿童提供康复服务。\n            - 2．辅助器具适配。为残疾人适配辅助器具。\n"
        in draft
    )
    assert "为残疾人适配辅助器具。\n      - 托养服务持续推进。\n" in draft


def test_a_table_in_a_box_drawn_as_a_table_of_one_cell_stays_a_table() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某县残疾人事业发展规划", style="Title")
        document.add_paragraph("一、发展目标", style="Heading 1")
        cell = document.add_table(rows=1, cols=1).cell(0, 0)
        cell.text = "专栏1　主要指标"
        inner = cell.add_table(rows=3, cols=2)
        for r, row in enumerate([["指标", "2030年"], ["就业人数（万人）", "1.5"], ["康复覆盖率（%）", "90"]]):
            for c, text in enumerate(row):
                inner.cell(r, c).text = text
        cell.add_paragraph("注：2030年为目标值。")
        document.add_paragraph("各地要确保目标实现。")
        document.add_paragraph("二、主要任务", style="Heading 1")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "          blocks:\n            - table:\n" in draft and "head: [指标, 2030年]" in draft
    assert "- [就业人数（万人）, '1.5']" in draft and "notes:\n                  - 注：2030年为目标值。" in draft
    assert "\n      - 各地要确保目标实现。\n" in draft  # after the box: the section's text


def nested_boxes(levels: int) -> bytes:
    """A Word file whose body holds boxes (one-cell tables) nested `levels` deep, text in the last."""
    cell = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>专栏1　标题</w:t></w:r></w:p>{}</w:tc></w:tr></w:tbl><w:p/>"
    inner = "<w:p><w:r><w:t>最里面的文字。</w:t></w:r></w:p>"
    for _ in range(levels):
        inner = cell.format(inner)
    titled = _docx(lambda d: d.add_paragraph("某县残疾人事业发展规划", style="Title"))
    return formats.with_part(
        titled, "word/document.xml", lambda xml: xml.replace(b"<w:sectPr", inner.encode() + b"<w:sectPr", 1)
    )


def test_boxes_nested_as_deep_as_word_files_go_are_read() -> None:
    # 80 boxes: 240 elements deep, about as deep as lxml reads (a deeper file is refused: test_import_hostile.py).
    assert "最里面的文字。" in import_bytes(nested_boxes(80), source_name="plan.docx").yaml


def _text_box(*paragraphs: str) -> str:
    """A run holding a text box as Word writes one: the shape, and a VML copy for older readers."""
    content = (
        "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in paragraphs) + "</w:txbxContent>"
    )
    return (
        f'<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="文本框 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
        f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r>"
    )


def test_a_box_drawn_as_a_text_box_is_read_once_after_its_paragraph() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某县残疾人事业发展规划", style="Title")
        document.add_paragraph("一、主要任务", style="Heading 1")
        anchor = document.add_paragraph("全面加强康复服务。")
        box = _text_box("专栏1　残疾人康复服务重点项目", "1．残疾儿童康复救助。", "2．辅助器具适配。")
        anchor._p.append(parse_xml(box))
        document.add_paragraph("托养服务持续推进。")
        document.add_paragraph("二、保障措施", style="Heading 1")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert draft.count("残疾儿童康复救助") == 1  # not again from the copy for older readers
    assert "      - 全面加强康复服务。\n      - box:\n          label: 专栏1\n" in draft
    assert "            - 2．辅助器具适配。\n      - 托养服务持续推进。\n" in draft


def test_a_text_box_in_a_table_cell_is_read_once_as_the_cell_s_text() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某县残疾人事业发展规划", style="Title")
        document.add_paragraph("一、主要指标", style="Heading 1")
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate([["指标", "目标"], ["就业人数", ""]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        table.cell(1, 1).paragraphs[0]._p.append(parse_xml(_text_box("1200人")))

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "- [就业人数, 1200人]" in draft


def test_a_non_breaking_hyphen_is_text() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人事业发展规划", style="Title")
        document.add_paragraph("一、总体要求", style="Heading 1")
        paragraph = document.add_paragraph("规划期为2021")
        paragraph._p.append(parse_xml(f"<w:r {W}><w:noBreakHyphen/><w:t>2025年。</w:t></w:r>"))

    assert "规划期为2021-2025年。" in import_bytes(_docx(build), source_name="plan.docx").yaml


def test_text_moved_with_changes_tracked_is_read_once_where_it_went() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人事业发展规划", style="Title")
        document.add_paragraph("一、总体要求", style="Heading 1")
        moved = "<w:r><w:t>加强领导。</w:t></w:r>"
        document.add_paragraph()._p.append(parse_xml(f'<w:moveFrom {W} w:id="1" w:author="a">{moved}</w:moveFrom>'))
        paragraph = document.add_paragraph("落实责任。")
        paragraph._p.append(parse_xml(f'<w:moveTo {W} w:id="2" w:author="a">{moved}</w:moveTo>'))

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert draft.count("加强领导。") == 1 and "落实责任。加强领导。" in draft


def test_a_form_s_boxes_and_ticks_from_a_symbol_font_are_kept_and_other_symbols_listed() -> None:
    """□男 □女 typed with Insert > Symbol is w:sym, no text: the boxes and ticks a form uses
    are the characters they show; any other symbol is listed as left out, never dropped unsaid."""

    def sym(font: str, char: str) -> object:
        return parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{char}"/></w:r>')

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人就业登记表", style="Title")
        paragraph = document.add_paragraph("性别：")
        for font, char, text in (
            ("Wingdings", "F0A8", "男　"),
            ("Wingdings 2", "F052", "女"),
            ("Webdings", "F021", ""),
        ):
            paragraph._p.append(sym(font, char))
            paragraph.add_run(text)

    result = import_bytes(_docx(build), source_name="form.docx")
    assert "性别：□男　☑女" in result.yaml
    assert any("Webdings" in line for line in result.dropped), result.dropped


def test_boxes_and_ticks_typed_in_a_symbol_font_are_kept_and_other_symbols_marked() -> None:
    """Typed in Wingdings (the font chosen, then the key pressed) a tick is text, U+F0FE: the
    character it shows where SYMBOLS knows it, else 〓 for the editor (control: the same code in
    a text font is no tick)."""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人就业登记表", style="Title")
        paragraph = document.add_paragraph("是否就业：")
        for text, font in (
            ("\uf0fe", "Wingdings"),
            ("是　", None),
            ("\uf0a8", "Wingdings"),
            ("否；", None),
            ("\uf021", "Webdings"),
            ("\uf0fe", None),
        ):
            run = paragraph.add_run(text)
            if font:
                run.font.name = font

    result = import_bytes(_docx(build), source_name="form.docx")
    assert "是否就业：☑是　□否；〓〓" in result.yaml
    assert any("2 个字符是私用区编码" in line for line in result.dropped), result.dropped


def _notice_signed_by(cells: list[list[str]]) -> str:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("关于提高残疾人两项补贴标准的通知", style="Title")
        document.add_paragraph("各区县民政局、残联：")
        document.add_paragraph("经研究，决定提高残疾人两项补贴标准。")
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                table.cell(r, c).text = text

    return import_bytes(_docx(build), source_name="notice.docx").yaml


def test_a_joint_signature_laid_out_as_a_table_is_the_signature() -> None:
    draft = _notice_signed_by([["某市民政局", "某市残疾人联合会"], ["", "2026年4月20日"]])
    assert "signature:\n  issuer: 某市民政局 某市残疾人联合会\n  date: 2026-04-20\n" in draft and "table:" not in draft
    # The control: a table of names and dates that are not issuers is a table.
    draft = _notice_signed_by([["姓名", "日期"], ["张三", "2026年4月20日"]])
    assert "table:" in draft and "signature:" not in draft


def test_hidden_text_is_not_imported_and_is_listed() -> None:
    """Text formatted hidden (Font > Hidden) is neither shown nor printed by Word: a note the
    author kept for themselves is not published."""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人就业工作方案", style="Title")
        paragraph = document.add_paragraph("全市残疾人就业人数")
        hidden = paragraph.add_run("（内部意见：数字待核）")
        hidden.font.hidden = True
        paragraph.add_run("稳步增长。")
        shown = paragraph.add_run("按比例安排就业。")
        shown.font.hidden = False  # hidden turned off is shown

    result = import_bytes(_docx(build), source_name="plan.docx")
    assert "全市残疾人就业人数稳步增长。按比例安排就业。" in result.yaml
    assert "内部意见" not in result.yaml
    assert any("隐藏文字" in line and "（内部意见：数字待核）" in line for line in result.dropped), result.dropped


def _one_paragraph(text: str, inline: str, after: str = "") -> ImportResult:
    """The import of a Word file of a title and one paragraph: `text`, then `inline` (an element
    as Word writes it into a paragraph), then `after`."""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某市残疾人就业工作方案", style="Title")
        paragraph = document.add_paragraph(text)
        paragraph._p.append(parse_xml(inline))
        if after:
            paragraph.add_run(after)

    return import_bytes(_docx(build), source_name="plan.docx")


def test_pinyin_over_characters_is_not_read_as_text() -> None:
    ruby = (
        f"<w:ruby {W}><w:rubyPr/><w:rt><w:r><w:t>zhā</w:t></w:r></w:rt>"
        "<w:rubyBase><w:r><w:t>查</w:t></w:r></w:rubyBase></w:ruby>"
    )
    assert "联系人：查先生。" in _one_paragraph("联系人：", ruby, "先生。").yaml


def test_an_embedded_object_is_listed_with_its_program() -> None:
    """An Excel sheet pasted as an object shows in Word as a picture of its cells; its text is not
    in the document. It is listed, never dropped unsaid."""
    sheet = (
        f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        '<w:object><v:shape id="_x0000_i1025" style="width:400pt;height:120pt"><v:imagedata o:title=""/>'
        '</v:shape><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025"/></w:object></w:r>'
    )
    result = _one_paragraph("各区任务如下表。", sheet)
    assert [line for line in result.dropped if "嵌入的对象（Excel 表格）没有导入" in line], result.dropped


def test_an_equation_is_listed_with_its_text() -> None:
    formula = (
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        "<m:r><m:t>覆盖率=</m:t></m:r><m:f><m:num><m:r><m:t>服务人数</m:t></m:r></m:num>"
        "<m:den><m:r><m:t>总人数</m:t></m:r></m:den></m:f></m:oMath>"
    )
    result = _one_paragraph("计算公式：", formula)
    assert "计算公式：" in result.yaml and "服务人数" not in result.yaml
    assert [line for line in result.dropped if "公式没有导入" in line and "覆盖率=服务人数总人数" in line], (
        result.dropped
    )


def test_a_smartart_diagram_is_listed_with_the_text_in_its_boxes() -> None:
    """A diagram (an organisation chart of the 领导小组) is a drawing whose text is in a part of
    its own; it was dropped unsaid, as it holds no picture."""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        data = (
            f'<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="{a}"><dgm:ptLst>'
            + "".join(
                f'<dgm:pt modelId="{n}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></dgm:t></dgm:pt>'
                for n, text in enumerate(("领导小组", "办公室", "工作专班"), 1)
            )
            + "</dgm:ptLst></dgm:dataModel>"
        )
        part = Part(
            PackURI("/word/diagrams/data1.xml"),
            "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
            data.encode(),
            document.part.package,
        )
        rid = document.part.relate_to(part, RT.DIAGRAM_DATA)
        document.add_paragraph("某市残疾人就业工作方案", style="Title")
        document.add_paragraph("组织架构如下图。")
        paragraph = document.add_paragraph()
        paragraph._p.append(
            parse_xml(
                f'<w:r {W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
                f'xmlns:a="{a}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                'xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"><w:drawing><wp:inline>'
                '<wp:extent cx="5000000" cy="3000000"/><wp:docPr id="1" name="图示 1"/><a:graphic>'
                '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/diagram">'
                f'<dgm:relIds r:dm="{rid}" r:lo="" r:qs="" r:cs=""/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
            )
        )

    result = import_bytes(_docx(build), source_name="plan.docx")
    assert [line for line in result.dropped if "SmartArt" in line and "领导小组／办公室／工作专班" in line], (
        result.dropped
    )


def test_a_title_styled_heading_1_over_sections_styled_heading_2_is_the_title() -> None:
    """Many offices style the title 标题 1 and the sections 标题 2, 标题 3: the whole plan was one
    section under a missing title. (Controls in test_importer: a first heading with a label, or
    with another at its level, is a section.)"""

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("某县残疾人康复服务实施方案", style="Heading 1")
        document.add_paragraph("为做好残疾人康复服务工作，制定本方案。")
        document.add_paragraph("一、工作目标", style="Heading 2")
        document.add_paragraph("到2026年，覆盖率达到85%。")
        document.add_paragraph("（一）开展康复评估", style="Heading 3")
        document.add_paragraph("各乡镇开展评估。")

    draft = import_bytes(_docx(build), source_name="plan.docx").yaml
    assert "title: 某县残疾人康复服务实施方案\n" in draft and "kind: programme" in draft
    assert "body:\n  - label: 一、\n    title: 工作目标" in draft
