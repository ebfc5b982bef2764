"""Writes the Word and PDF fixture pairs of tests/fixtures/importer/ (the files
are kept, as a reviewed draft is; run this again only to change them):

    python -m tests.binary_fixtures

word-office-plan.docx holds what a Word file brings and text does not: the
Title style, heading styles with Word's automatic numbering (一、 （一）), a bold
run-in title longer than the text rules allow, a table with a header row and
cells merged down (vMerge) and across (gridSpan), a footnote, the document's
keywords, a running header and page numbers.

office-export-page.html is the Word file saved as a web page by LibreOffice:
numbering lists around headings (<ol><li><h1>), every level numbered 1. 2.,
footnote links, the header and footer in the page.

pdf-printed-office-plan.pdf is the Word file printed by LibreOffice: the bold run-in title
broken at the right margin, the footnote's number raised and its text at the page's foot, a
space typed between 表1 and the caption.

pdf-gazette-style-plan.pdf is a plan set as government documents are: 16 pt text, justified,
first lines indented two characters, no space between paragraphs, the title centred in 22 pt, a
long bold run-in title without 。 broken at the right margin, a raised footnote number.

word-printed-notice.docx is a notice as a 残联 types one, with no styles: the red letterhead
(发文机关标志) in the largest type, the 发文字号, the notice's title, addressees, text and
signature, then the work points it issues, their headings typed in 黑体 and 楷体, a lead-in
sentence before a table; pdf-printed-notice.pdf is it printed by LibreOffice.

pdf-two-column-gazette.pdf is a gazette's page as LibreOffice prints it: a title across the
page, then the text in two columns (10.5 pt), paragraphs running on from the bottom of the left
column to the top of the right one and over a page break.

word-plan-with-contents.docx is a plan whose contents list is typed (目  录, then each heading with
dot leaders and its page number) on a page of its own before the text; pdf-plan-with-contents.pdf
is it printed by LibreOffice.

word-joint-notice.docx is a joint notice: the issuers on a line of their own in the title's type
above the 关于… title, a table of 40 rows over two pages (header row repeated, first column merged
down in groups), an annex list whose annexes are separate files, the joint signature;
pdf-joint-notice.pdf is it printed by LibreOffice.

word-joint-letterhead.docx is a joint notice whose red letterhead is a table (the issuers stacked
on the left, 文件 merged down on the right); pdf-joint-letterhead.pdf is it printed by LibreOffice.

pdf-landscape-table.pdf is a plan whose wide table is set on landscape pages between portrait
ones (the footer lower on a portrait page than on a landscape one), as LibreOffice prints it.

pdf-unruled-table.pdf is a plan with a table printed without rules (numbers centred, a cell that
wraps, an empty cell) and a signature of three issuers set apart by wide spaces.

word-drawn-boxes.docx is a plan with three 专栏 drawn as boxes, each followed by its section's
text: a one-cell table with borders running over a page break, a text box (the shape, and the
copy Word keeps for older readers), and a table of one column with the title in a row of its
own; pdf-drawn-boxes.pdf is it printed by LibreOffice.

pdf-printed-web-page.pdf is a government web page printed to PDF by Chromium: the site's
navigation and breadcrumb, the 政府信息公开 table, a notice with a table, the site's footer, and the
browser's own header and footer on each page.

pdf-table-across-pages.pdf is what LibreOffice prints from a Word file whose
table runs over three pages (its header row repeated, its first column merged
down in groups), between headings, under a running header and page numbers."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests import formats

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "importer"
NAME = "word-office-plan"
PDF_NAME = "pdf-table-across-pages"
HTML_NAME = "office-export-page"
PRINTED_NAME = "pdf-printed-office-plan"
GOV_NAME = "pdf-gazette-style-plan"
NOTICE_NAME = "word-printed-notice"
NOTICE_PDF_NAME = "pdf-printed-notice"
COLUMNS_NAME = "pdf-two-column-gazette"
CONTENTS_NAME = "word-plan-with-contents"
CONTENTS_PDF_NAME = "pdf-plan-with-contents"
JOINT_NAME = "word-joint-notice"
JOINT_PDF_NAME = "pdf-joint-notice"
LETTERHEAD_NAME = "word-joint-letterhead"
LETTERHEAD_PDF_NAME = "pdf-joint-letterhead"
LANDSCAPE_NAME = "pdf-landscape-table"
UNRULED_NAME = "pdf-unruled-table"
BOXES_NAME = "word-drawn-boxes"
BOXES_PDF_NAME = "pdf-drawn-boxes"
PRINTED_PAGE_NAME = "pdf-printed-web-page"


def write_docx(path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    word = Document()
    word.core_properties.title = "某县残疾人就业促进三年行动计划"
    word.core_properties.keywords = "残疾人, 就业；行动计划"
    formats._running_header_and_page_numbers(word, "某县残疾人联合会")
    numbering = formats._Numbering(word)

    def heading(label: str, title: str, level: int) -> None:
        paragraph = word.add_paragraph(title, style=f"Heading {level - 1}")
        assert numbering.heading(paragraph, label, level)

    word.add_paragraph("某县残疾人就业促进三年行动计划", style="Title")
    word.add_paragraph("为促进残疾人就业，结合本县实际，制定本行动计划。")
    heading("一、", "主要目标", 2)
    paragraph = word.add_paragraph("到2028年，全县城乡持证残疾人就业人数稳步增长")
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    paragraph.add_run("。")
    heading("二、", "重点任务", 2)
    heading("（一）", "开展就业服务", 3)
    word.add_paragraph("为有就业意愿的残疾人提供职业指导和岗位推荐。")
    paragraph = word.add_paragraph()
    paragraph.add_run("（二）落实按比例安排残疾人就业制度和残疾人就业年审工作机制").bold = True
    paragraph.add_run("机关、事业单位带头安排残疾人就业。")
    word.add_paragraph("表1 任务分工")
    table = word.add_table(rows=5, cols=3)
    table.style = "Table Grid"
    for x, text in enumerate(["类别", "任务", "责任单位"]):
        table.cell(0, x).text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    table.cell(1, 0).merge(table.cell(2, 0)).text = "就业"
    for y, (task, owner) in enumerate([("职业培训", "县残联"), ("岗位开发", "县人社局")], 1):
        table.cell(y, 1).text, table.cell(y, 2).text = task, owner
    table.cell(3, 0).text, table.cell(3, 1).text, table.cell(3, 2).text = "康复", "辅具适配", "县残联"
    table.cell(4, 0).merge(table.cell(4, 2)).text = "其他任务由各单位按职责分工落实"
    heading("三、", "保障措施", 2)
    word.add_paragraph("各有关单位要加强组织领导，落实经费保障。")
    formats.add_footnotes(word, ["以县残联年度统计为准。"])
    word.save(str(path))


def write_long_table_docx(path: Path) -> None:
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    word = Document()
    formats._running_header_and_page_numbers(word, "某县残疾人联合会")
    word.add_paragraph("某县残疾人基本公共服务清单", style="Title")
    word.add_paragraph("一、服务项目", style="Heading 1")
    word.add_paragraph("本县为残疾人提供以下基本公共服务。")
    word.add_paragraph("表1 服务项目清单")
    groups = ["生活保障", "康复服务", "教育服务", "就业服务", "文化体育"]
    per_group = 16
    table = word.add_table(rows=1 + len(groups) * per_group, cols=4)
    table.style = "Table Grid"
    for x, text in enumerate(["类别", "序号", "服务项目", "服务标准"]):
        table.cell(0, x).text = text
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for g, group in enumerate(groups):
        first = 1 + g * per_group
        table.cell(first, 0).merge(table.cell(first + per_group - 1, 0)).text = group
        for k in range(per_group):
            n = g * per_group + k + 1
            table.cell(first + k, 1).text = str(n)
            table.cell(first + k, 2).text = f"{group}第{k + 1}项服务"
            table.cell(first + k, 3).text = f"按县级标准第{n}条执行"
    word.add_paragraph("二、保障措施", style="Heading 1")
    word.add_paragraph("各有关单位要加强组织领导，落实经费保障。")
    word.save(str(path))


def _titled_document(body_points: float, title: str, title_points: float) -> Any:
    """A new Word document in `body_points` type, its title centred in `title_points` type."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    word = Document()
    word.styles["Normal"].font.size = Pt(body_points)
    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(title).font.size = Pt(title_points)
    return word


def write_gazette_style_docx(path: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt

    word = _titled_document(16, "某市残疾人事业发展“十五五”规划（2026—2030年）", 22)

    def paragraph(text: str, bold: str = "") -> Any:
        p = word.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Pt(32)
        p.paragraph_format.space_after = Pt(0)
        if bold:
            p.add_run(bold).bold = True
        p.add_run(text)
        return p

    paragraph("为贯彻落实国家和省有关残疾人事业发展的部署要求，结合本市实际，制定本规划。规划期为2026年至2030年，"
              "是全面推进残疾人事业高质量发展的关键时期，各地各部门要认真组织实施。")  # fmt: skip
    paragraph("一、发展基础")
    noted = paragraph("“十四五”期间，全市残疾人事业取得显著成效。残疾人两项补贴制度全面落实，累计惠及困难残疾人和重度"
                      "残疾人12.6万人次")  # fmt: skip
    noted._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:footnoteReference w:id="1"/></w:r>'))
    noted.add_run("，残疾人基本康复服务覆盖率达到85%以上，无障碍环境建设持续推进。")
    paragraph("二、主要任务")
    paragraph("各地要将残疾人就业纳入就业工作总体部署，落实按比例安排残疾人就业制度，机关、事业单位带头安排残疾人"
              "就业，鼓励民营企业吸纳残疾人就业。", bold="（一）促进残疾人稳定就业和增加收入水平的长效机制建设")  # fmt: skip
    paragraph("完善残疾人基本康复服务目录，推进残疾人辅助器具适配服务，力争到2030年残疾人基本康复服务覆盖率达到"
              "90%以上。", bold="（二）加强康复服务。")  # fmt: skip
    formats.add_footnotes(word, ["两项补贴指困难残疾人生活补贴和重度残疾人护理补贴。"])
    word.save(str(path))


def _typed_notice() -> tuple[Any, Callable[..., None]]:
    """A Word file typed as a 残联 types a notice, with no styles: page numbers in the footer, and
    a function that adds a paragraph in a font and size (16 pt 仿宋 by default), centred,
    right-aligned, left-aligned, or (by default) with its first line indented two characters."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = Document()
    footer = word.sections[0].footer.paragraphs[0]
    footer.text, footer.alignment = "— 1 —", WD_ALIGN_PARAGRAPH.CENTER

    def paragraph(text: str, font: str = "仿宋_GB2312", size: int = 16, align: str = "") -> None:
        p = word.add_paragraph()
        if align in ("centre", "right"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "centre" else WD_ALIGN_PARAGRAPH.RIGHT
        if not align:
            p.paragraph_format.first_line_indent = Pt(32)
        run = p.add_run(text)
        run.font.size, run.font.name = Pt(size), font
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)

    return word, paragraph


def write_printed_notice_docx(path: Path) -> None:
    word, paragraph = _typed_notice()

    paragraph("某市残疾人联合会文件", "方正小标宋简体", 26, "centre")
    paragraph("某残联〔2025〕15号", align="centre")
    paragraph("某市残疾人联合会关于印发《2025年全市残疾人工作要点》的通知", "方正小标宋简体", 22, "centre")
    paragraph("各区（县）残联，市残联各部门、直属单位：", align="left")
    paragraph("现将《2025年全市残疾人工作要点》印发给你们，请结合实际，认真抓好落实。")
    paragraph("某市残疾人联合会", align="right")
    paragraph("2025年2月28日", align="right")
    paragraph("2025年全市残疾人工作要点", "方正小标宋简体", 22, "centre")
    paragraph("2025年全市残疾人工作的总体要求是：坚持以人民为中心的发展思想，推动残疾人事业高质量发展。")
    paragraph("一、着力保障和改善残疾人民生", "黑体")
    paragraph("（一）落实残疾人两项补贴制度。", "楷体_GB2312")
    paragraph("全面落实困难残疾人生活补贴和重度残疾人护理补贴，推进两项补贴“跨省通办”。")
    paragraph("（二）促进残疾人就业。", "楷体_GB2312")
    paragraph("实施残疾人就业帮扶行动，全年新增残疾人就业1200人。主要指标如下：")
    table = word.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    for r, row in enumerate([["指标", "目标", "责任单位"], ["新增就业", "1200人", "就业服务中心"],
                             ["职业培训", "3000人次", "教育就业部"]]):  # fmt: skip
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    paragraph("二、加强自身建设", "黑体")
    paragraph("深入推进全面从严治党，加强残联干部队伍建设。")
    word.save(str(path))


def write_joint_notice_docx(path: Path) -> None:
    """A joint notice: the issuers on a line of their own in the title's type above the 关于… title
    (which the page breaks over two lines), a table of 40 rows over two pages (its header row
    repeated, its first column merged down in two groups), an annex list whose annexes are
    separate files, and the issuers' joint signature."""
    from docx.oxml import OxmlElement

    word, paragraph = _typed_notice()
    paragraph("某省残疾人联合会　某省民政厅　某省财政厅", "方正小标宋简体", 22, "centre")
    paragraph("关于提高困难残疾人生活补贴和重度残疾人护理补贴标准的通知", "方正小标宋简体", 22, "centre")
    paragraph("某残联发〔2026〕3号", align="centre")
    paragraph("各市残联、民政局、财政局：", align="left")
    paragraph("为进一步保障残疾人基本生活，经省政府同意，现就提高两项补贴标准有关事项通知如下。")
    paragraph("一、提高补贴标准", "黑体")
    paragraph("自2026年1月1日起，两项补贴标准按下表执行。")
    table = word.add_table(rows=41, cols=4)
    table.style = "Table Grid"
    for c, text in enumerate(["类别", "对象", "原标准（元/月）", "新标准（元/月）"]):
        table.cell(0, c).text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for r in range(1, 41):
        for c, text in enumerate([f"第{r}类对象（含一户多残家庭中的成员）", str(79 + r), str(99 + r)], start=1):
            table.cell(r, c).text = text
    for top, bottom, kind in ((1, 20, "生活补贴"), (21, 40, "护理补贴")):
        table.cell(top, 0).merge(table.cell(bottom, 0)).text = kind
    paragraph("二、资金保障", "黑体")
    paragraph("（一）省级补助。省财政按照分档比例对各地给予补助。")
    paragraph("（二）市县配套。各市县要将所需资金列入预算，按时足额发放。")
    paragraph("附件：1．两项补贴提标测算表")
    paragraph("2．补贴发放情况统计表")
    paragraph("某省残疾人联合会　　某省民政厅　　某省财政厅", align="right")
    paragraph("2026年1月10日", align="right")
    word.save(str(path))


def write_joint_letterhead_docx(path: Path) -> None:
    """A joint notice whose red letterhead is a table: the three issuers stacked in 20 pt in the
    left column, 文件 in 40 pt merged down the right one."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    word, paragraph = _typed_notice()
    table = word.add_table(rows=3, cols=2)

    def red(cell: Any, text: str, size: int) -> None:
        run = cell.paragraphs[0].add_run(text)
        run.font.size, run.font.color.rgb, run.font.name = Pt(size), RGBColor(0xE0, 0, 0), "方正小标宋简体"
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")

    for r, name in enumerate(["某省残疾人联合会", "某省民政厅", "某省财政厅"]):
        red(table.cell(r, 0), name, 20)
    red(table.cell(0, 1).merge(table.cell(2, 1)), "文件", 40)
    paragraph("某残联发〔2026〕3号", align="centre")
    paragraph("关于提高两项补贴标准的通知", "方正小标宋简体", 22, "centre")
    paragraph("各市残联、民政局、财政局：", align="left")
    paragraph("现就提高两项补贴标准有关事项通知如下。")
    paragraph("一、提高补贴标准", "黑体")
    paragraph("自2026年1月1日起，两项补贴标准各提高20元。")
    paragraph("某省残疾人联合会　　某省民政厅　　某省财政厅", align="right")
    paragraph("2026年1月10日", align="right")
    word.save(str(path))


def write_landscape_table_docx(path: Path) -> None:
    """A plan whose wide table has a landscape page of its own, between portrait pages, and runs
    on to a second landscape page; every page has the footer."""
    from docx.enum.section import WD_ORIENT, WD_SECTION

    word, paragraph = _typed_notice()
    paragraph("某县2026年残疾人工作任务分解方案", "方正小标宋简体", 22, "centre")
    paragraph("一、总体要求", "黑体")
    paragraph("按照县委、县政府部署，做好2026年残疾人工作。")
    paragraph("二、任务分解", "黑体")
    paragraph("各项任务分解如下表。")
    for orientation in (WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT):
        section = word.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = orientation
        section.page_width, section.page_height = section.page_height, section.page_width
        if orientation == WD_ORIENT.PORTRAIT:
            break
        table = word.add_table(rows=16, cols=6)
        table.style = "Table Grid"
        for c, text in enumerate(["序号", "工作任务", "具体内容", "牵头单位", "配合单位", "完成时限"]):
            table.cell(0, c).text = text
        for r in range(1, 16):
            row = [
                str(r),
                f"任务{r}",
                f"落实第{r}项残疾人服务措施，确保覆盖到位并建立台账",
                "县残联",
                "县民政局、县财政局",
            ]
            for c, text in enumerate([*row, "2026年12月"]):
                table.cell(r, c).text = text
    paragraph("三、保障措施", "黑体")
    paragraph("各单位要加强协作，按时完成任务。")
    word.save(str(path))


def write_unruled_table_docx(path: Path) -> None:
    """A plan with a table printed without rules (Word's table with no borders): its numbers
    centred, one cell long enough to wrap, one empty; a signature of three issuers set apart by
    wide spaces (one line, not a table: the control)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    word, paragraph = _typed_notice()
    paragraph("某县2026年残疾人康复工作方案", "方正小标宋简体", 22, "centre")
    paragraph("一、工作目标", "黑体")
    paragraph("2026年主要指标如下。")
    table = word.add_table(rows=5, cols=3)
    rows = [
        ["指标", "2025年", "2026年"],
        ["康复服务覆盖率", "80%", "85%"],
        ["残疾儿童康复救助人数（含孤独症儿童和脑瘫儿童康复救助）", "1200人", "1500人"],
        ["辅具适配率", "", "90%"],
        ["家庭医生签约率", "75%", "80%"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
            if c:
                table.cell(r, c).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph("二、保障措施", "黑体")
    paragraph("各单位要加强协作，按时完成任务。")
    paragraph("某县残联　　某县卫生健康局　　某县医疗保障局", align="right")
    paragraph("2026年1月10日", align="right")
    word.save(str(path))


def write_boxes_docx(path: Path) -> None:
    """A plan with three 专栏 drawn as boxes, each followed by its section's text: a one-cell table
    with borders that runs over a page break, a text box (with Word's copy for older readers), and
    a table of one column, its title in a row of its own."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word, paragraph = _typed_notice()
    paragraph("某县“十五五”残疾人事业发展规划", "方正小标宋简体", 22, "centre")
    paragraph("一、主要任务", "黑体")
    for n in range(4):
        paragraph(f"第{n + 1}项任务要点。全面加强残疾人康复服务，健全康复服务体系，提高康复服务质量和水平，"
                  "推动残疾人康复服务由机构向社区和家庭延伸，让更多残疾人就近就便享有康复服务。")  # fmt: skip
    table = word.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.cell(0, 0)
    items = ["专栏1　残疾人康复服务重点项目"] + [
        f"{n}．重点项目{n}。为有需求的残疾人提供基本康复服务，开展残疾儿童康复救助，适配基本型辅助器具。"
        for n in range(1, 9)
    ]
    for n, text in enumerate(items):
        run = (cell.paragraphs[0] if n == 0 else cell.add_paragraph()).add_run(text)
        run.font.size, run.font.name = Pt(16), "仿宋_GB2312"
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    paragraph("同时，要做好残疾人托养照护服务，推进残疾人托养服务机构建设。")
    paragraph("二、保障措施", "黑体")
    paragraph("加强组织领导，各地要把残疾人事业纳入经济社会发展总体规划。")
    box = [
        "专栏2　残疾人就业帮扶重点项目",
        "1．就业帮扶行动。每年新增残疾人就业1200人。",
        "2．职业技能培训。每年培训3000人次。",
    ]
    content = "".join(
        f'<w:p><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr><w:t>{t}</w:t></w:r></w:p>'
        for t in box
    )
    shape = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        '<wp:extent cx="5400000" cy="1800000"/><wp:docPr id="1" name="文本框 1"/><a:graphic>'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="1800000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
        f"</a:solidFill></a:ln></wps:spPr><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>"
        "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape style="width:425pt;height:142pt"><v:textbox>'
        f"<w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    word.add_paragraph()._p.append(parse_xml(shape))
    paragraph("各地要建立健全考核评估机制，确保规划目标任务落到实处。")
    paragraph("三、规划实施", "黑体")
    table = word.add_table(rows=2, cols=1)
    table.style = "Table Grid"
    table.cell(0, 0).text = "专栏3　规划实施监测评估"
    table.cell(1, 0).text = "1．年度监测。每年对规划实施情况进行监测。"
    table.cell(1, 0).add_paragraph("2．中期评估。2028年开展中期评估。")
    paragraph("本规划由县残疾人工作委员会负责组织实施。")
    word.save(str(path))


PRINTED_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>某市残疾人联合会关于做好2026年残疾人两项补贴工作的通知_政策文件_某市残疾人联合会</title>
<style>body{font-family:sans-serif;margin:0 40px}.nav a{margin-right:24px}.crumb{margin:12px 0}
.xxgk{border-collapse:collapse;width:100%;margin-bottom:24px}.xxgk td{border:1px solid #999;padding:6px}
h1{font-size:26px;text-align:center}.text p{font-size:16px;line-height:1.8;text-indent:2em}
table.data{border-collapse:collapse;margin:12px auto}table.data td,table.data th{border:1px solid #000;padding:4px 12px}
.foot{margin-top:40px;text-align:center;font-size:12px}</style></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政策文件</div>
<table class="xxgk"><tr><td>索 引 号：</td><td>114403000070000000/2026-00012</td><td>主题分类：</td><td>社会保障</td></tr>
<tr><td>发文机关：</td><td>某市残疾人联合会</td><td>成文日期：</td><td>2026年1月8日</td></tr>
<tr><td>发文字号：</td><td>某残联〔2026〕2号</td><td>发布日期：</td><td>2026年1月10日</td></tr>
<tr><td>主 题 词：</td><td>残疾人 两项补贴 通知</td><td></td><td></td></tr></table>
<h1>某市残疾人联合会关于做好2026年残疾人两项补贴工作的通知</h1>
<div class="text"><p>各区残联：</p>
<p>为做好2026年困难残疾人生活补贴和重度残疾人护理补贴工作，现将有关事项通知如下。</p>
<p>一、提高补贴标准</p><p>自2026年1月1日起，两项补贴标准各提高20元，具体标准如下：</p>
<table class="data"><tr><th>补贴</th><th>原标准（元/月）</th><th>新标准（元/月）</th></tr>
<tr><td>困难残疾人生活补贴</td><td>100</td><td>120</td></tr><tr><td>重度残疾人护理补贴</td><td>120</td><td>140</td></tr></table>
<p>二、做好发放工作</p><p>各区残联要按月足额发放补贴，不得截留、挪用。</p>
<p style="text-align:right">某市残疾人联合会</p><p style="text-align:right">2026年1月8日</p></div>
<div class="foot">扫一扫在手机打开当前页</div></body></html>
"""


def write_printed_page_pdf(path: Path, tmp: Path) -> None:
    """A government web page (navigation, breadcrumb, the 政府信息公开 table, the notice with a
    table, a footer) printed to PDF by Chromium, with the browser's own header and footer (the
    date and the page's title, its address and the page count)."""
    page = tmp / "page.html"
    page.write_text(PRINTED_PAGE, encoding="utf-8")
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={path}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip


def write_contents_docx(path: Path) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt

    word = _titled_document(14, "某县残疾人事业发展规划", 22)
    word.add_paragraph("目  录").alignment = WD_ALIGN_PARAGRAPH.CENTER
    chapters = {
        "一、发展基础": "“十四五”期间，全县残疾人事业取得显著成效，残疾人两项补贴制度全面落实。",
        "二、总体要求": "坚持以人民为中心的发展思想，推动残疾人事业高质量发展。",
        "三、主要任务": "加强康复服务，促进残疾人就业，推进无障碍环境建设。",
    }
    for page, heading in enumerate(chapters, start=1):
        word.add_paragraph(f"{heading}{'…' * 20}{page}")
    word.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    for heading, text in chapters.items():
        word.add_paragraph(heading)
        word.add_paragraph(text).paragraph_format.first_line_indent = Pt(28)
    word.save(str(path))


def write_two_column_docx(path: Path) -> None:
    from docx.enum.section import WD_SECTION
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt

    word = _titled_document(10.5, "某市残疾人事业发展“十五五”规划", 18)
    columns = word.add_section(WD_SECTION.CONTINUOUS)
    columns._sectPr.append(parse_xml(f'<w:cols {nsdecls("w")} w:num="2" w:space="425"/>'))
    assert columns._sectPr.find(qn("w:cols")) is not None
    texts = {
        "一、发展基础": "“十四五”期间，全市残疾人事业取得显著成效。残疾人两项补贴制度全面落实，累计惠及困难残疾人和重度残疾人"
        "12.6万人次；残疾人基本康复服务覆盖率达到85%以上，无障碍环境建设持续推进，残疾人就业创业支持体系不断完善，"
        "残疾人文化体育事业蓬勃发展，残疾人的获得感、幸福感、安全感显著增强。",
        "二、主要任务": "",
        "（一）完善残疾人社会保障制度。": "健全困难残疾人生活补贴和重度残疾人护理补贴动态调整机制，逐步提高补贴标准，扩大"
        "覆盖范围，确保应保尽保，让残疾人共享经济社会发展成果。",
        "（二）促进残疾人就业。": "落实按比例安排残疾人就业制度，开发适合残疾人的就业岗位，加强职业技能培训，支持残疾人"
        "自主创业和灵活就业，持续提高残疾人就业质量和收入水平。",
        "（三）加强康复服务。": "完善残疾人基本康复服务目录，推进残疾人辅助器具适配服务，力争残疾人基本康复服务覆盖率"
        "达到90%以上，提升康复服务质量和可及性。",
        "（四）推进无障碍环境建设。": "加快推进公共建筑、交通设施、信息交流无障碍建设和改造，实施困难重度残疾人家庭"
        "无障碍改造，让残疾人出行更便利、生活更安心。",
        "三、保障措施": "各地各部门要加强组织领导，落实经费保障，强化监督检查，确保规划各项目标任务落到实处，推动残疾人"
        "事业高质量发展，让残疾人生活更加幸福美好。",
    }
    # Enough text to run over the right column onto a second page: four chapters, each of its own
    # place (names of different lengths), so that no line comes back (one on every page is a running head).
    for n, place in enumerate(("全市", "各城区", "广大农村地区", "街道和社区")):
        word.add_paragraph(f"第{'一二三四'[n]}章　{place}")
        for heading, text in texts.items():
            label, rest = heading.split("、", 1) if "、" in heading else heading.split("）", 1)
            word.add_paragraph(f"{label}{'、' if '、' in heading else '）'}{place}{rest}")
            if text:
                paragraph = word.add_paragraph(f"{place}：{text}")
                paragraph.paragraph_format.first_line_indent = Pt(21)
    word.save(str(path))


def _printed(write: Callable[[Path], None], docx: Path, pdf_name: str, tmp: Path) -> None:
    """Write a Word file with `write` and keep what LibreOffice prints from it as the fixture `pdf_name`."""
    write(docx)
    shutil.copy(formats.to_pdf(docx, tmp), FIXTURES / f"{pdf_name}.pdf")


def main() -> None:
    docx = FIXTURES / f"{NAME}.docx"
    write_docx(docx)
    with tempfile.TemporaryDirectory() as folder:  # LibreOffice's profile and output stay out of the fixtures
        tmp = Path(folder)
        shutil.copy(formats.convert(docx, tmp, "html"), FIXTURES / f"{HTML_NAME}.html")
        shutil.copy(formats.to_pdf(docx, tmp), FIXTURES / f"{PRINTED_NAME}.pdf")
        _printed(write_long_table_docx, tmp / f"{PDF_NAME}.docx", PDF_NAME, tmp)
        _printed(write_gazette_style_docx, tmp / f"{GOV_NAME}.docx", GOV_NAME, tmp)
        _printed(write_printed_notice_docx, FIXTURES / f"{NOTICE_NAME}.docx", NOTICE_PDF_NAME, tmp)
        _printed(write_two_column_docx, tmp / f"{COLUMNS_NAME}.docx", COLUMNS_NAME, tmp)
        _printed(write_contents_docx, FIXTURES / f"{CONTENTS_NAME}.docx", CONTENTS_PDF_NAME, tmp)
        _printed(write_joint_notice_docx, FIXTURES / f"{JOINT_NAME}.docx", JOINT_PDF_NAME, tmp)
        _printed(write_joint_letterhead_docx, FIXTURES / f"{LETTERHEAD_NAME}.docx", LETTERHEAD_PDF_NAME, tmp)
        _printed(write_landscape_table_docx, tmp / f"{LANDSCAPE_NAME}.docx", LANDSCAPE_NAME, tmp)
        _printed(write_unruled_table_docx, tmp / f"{UNRULED_NAME}.docx", UNRULED_NAME, tmp)
        _printed(write_boxes_docx, FIXTURES / f"{BOXES_NAME}.docx", BOXES_PDF_NAME, tmp)
        write_printed_page_pdf(FIXTURES / f"{PRINTED_PAGE_NAME}.pdf", tmp)


if __name__ == "__main__":
    main()
