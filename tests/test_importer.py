"""The importer on small texts, one capability each.

Every draft is loaded through the real validator, so each test also proves
the draft passes `build.py check` without edits.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from textwrap import dedent

import pytest
import yaml

from plansite import model as m
from plansite.content import load_content
from plansite.importer import ImportResult, SourceError, import_bytes, import_file, import_text
from plansite.importer.draft import UNTITLED, caption_like
from plansite.importer.lines import is_chrome, is_letterhead, join_lines
from plansite.importer.tables import SourceCell, from_grid
from plansite.numbering import numbered

SITE = 'name: 测试\nowner: 测试\ncontact: {phone: "12345", email: a@example.gov.cn, address: 测试地址}\n'


def cell_texts(table: m.Table) -> tuple[tuple[str, ...] | str, ...]:
    """A table's rows as their cells' texts (a group row as its title)."""
    return tuple(row.title if isinstance(row, m.GroupRow) else tuple(c.text for c in row) for row in table.rows)


def draft(text: str, tmp_path: Path, source_name: str = "test.txt") -> tuple[m.Document, str, tuple[str, ...]]:
    """The draft of `text` imported as `source_name`, loaded as check loads it (so it passes check)."""
    result = import_text(dedent(text).strip("\n"), source_name=source_name, doc_id="test-doc")
    folder = tmp_path / "content"
    folder.mkdir(exist_ok=True)
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    (folder / "test-doc.yaml").write_text(result.yaml, encoding="utf-8")
    return load_content(folder).documents[0], result.yaml, result.dropped


def draft_of_file(source: Path, tmp_path: Path) -> tuple[m.Document, ImportResult]:
    """Import `source` as an editor would, and load the draft as `check` does."""
    result = import_file(source, "corpus-doc")
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "site.yaml").write_text(SITE, encoding="utf-8")
    (folder / "corpus-doc.yaml").write_text(result.yaml, encoding="utf-8")
    return load_content(folder).documents[0], result


def outline(sections: tuple[m.Section, ...], depth: int = 0) -> list[str]:
    out = []
    for s in sections:
        out.append("  " * depth + f"{s.label}{s.title}")
        out += outline(s.sections, depth + 1)
    return out


def texts(blocks: tuple[m.Block, ...]) -> list[str]:
    return [b.source for b in blocks if isinstance(b, m.Text)]


def test_chapters_sections_and_items_nest(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        第一章 总则
        第一节 指导思想
        正文一。
        （一）基本原则
        正文二。
        1.坚持党的领导。加强党对残疾人工作的领导。
        2.坚持以人民为中心。着力解决最关心的问题。
        （二）主要目标
        正文三。
        第二节 主要任务
        正文四。
        第二章 保障措施
        正文五。
        """,
        tmp_path,
    )
    assert outline(doc.body) == [
        "第一章总则",
        "  第一节指导思想",
        "    （一）基本原则",
        "      1.坚持党的领导。",
        "      2.坚持以人民为中心。",
        "    （二）主要目标",
        "  第二节主要任务",
        "第二章保障措施",
    ]
    item = doc.body[0].sections[0].sections[0].sections[0]
    assert texts(item.blocks) == ["加强党对残疾人工作的领导。"]


def test_levels_follow_the_document_not_a_fixed_order(tmp_path: Path) -> None:
    # This document puts (1) above 一、 — unusual, but it is what it does.
    doc, _, _ = draft(
        """
        （1）第一部分
        一、甲
        甲的正文。
        二、乙
        乙的正文。
        （2）第二部分
        ① 子项
        子项正文。
        """,
        tmp_path,
    )
    assert outline(doc.body) == ["（1）第一部分", "  一、甲", "  二、乙", "（2）第二部分", "  ①子项"]


def test_articles_and_circled_numbers(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        第一条 为了保障残疾人的合法权益，制定本办法。
        第二条 本办法适用于本市行政区域。
        （一）第一项内容较长，是一个完整的句子，说明适用范围的第一种情形，不是标题。
        第三条 附则
        ① 本办法自发布之日起施行。
        """,
        tmp_path,
    )
    labels = [s.label for s in doc.body]
    assert labels == ["第一条", "第二条", "第三条"]
    # A numbered sentence keeps its number as text in a paragraph.
    assert "（一）第一项内容较长，是一个完整的句子，说明适用范围的第一种情形，不是标题。" in texts(doc.body[1].blocks)


def test_a_label_with_a_space_in_it_is_a_label_and_written_without_it(tmp_path: Path) -> None:
    """三 、 typed with a space, 第 二 章 extracted from a spaced PDF line: labels, written tight."""
    doc, _, _ = draft(
        """
        第 一 章　总则
        一、目标
        坚持就业优先。
        二 、任务
        实施就业帮扶。
        第二章　附则
        本计划自印发之日起施行。
        """,
        tmp_path,
    )
    assert outline(doc.body) == ["第一章总则", "  一、目标", "  二、任务", "第二章附则"]


def test_a_cited_article_is_no_article_heading() -> None:
    """第二十条第（一）项 or 第二十条规定 at a line's start cites an article (a table's group row, a
    解读's sentence): no heading, or everything after it would be that article's text."""
    for cited in ("第二十条第（一）项", "第二十条规定，县级以上人民政府应当……", "第二十条、第二十一条", "第三章的规定"):
        assert numbered(cited) is None, cited
    for heading in ("第二十条　县级以上人民政府应当……", "第二十条县级以上人民政府应当……", "第三章 康复"):  # controls
        assert numbered(heading) is not None, heading


def test_numbered_sentence_is_a_paragraph_not_a_heading(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        一、主要任务
        1.完成10000名农村残疾人实用技术培训并纳入就业培训实名制系统管理，扶持农村残疾人种养业大户100户。
        2.巩固拓展残疾人脱贫攻坚成果。聚焦脱贫攻坚与乡村振兴有效衔接。
        第一章,编制背景。总结了我区“十三五”时期残疾人事业发展取得的成绩。
        """,
        tmp_path,
    )
    section = doc.body[0]
    assert texts(section.blocks)[0].startswith("1.完成10000名")  # number kept, text whole
    assert [s.title for s in section.sections] == ["巩固拓展残疾人脱贫攻坚成果。"]  # a run-in title
    assert texts(section.sections[0].blocks)[-1].startswith("第一章,编制背景。")  # a sentence about a chapter


def test_items_of_one_list_are_siblings_when_one_is_a_long_sentence(tmp_path: Path) -> None:
    """（二） written as a sentence too long for a heading is the list's next item, not the text
    of （一）: a list of sentences is numbered paragraphs; in a list of headings it is an item of
    its number alone."""
    doc, yaml_text, _ = draft(
        """
        一、补贴对象
        （一）困难残疾人生活补贴对象为纳入最低生活保障范围的残疾人。
        （二）重度残疾人护理补贴对象为残疾等级被评定为一级、二级且需要长期照护的残疾人。
        二、保障措施
        （一）强化资金保障。
        残疾人就业保障金优先用于促进残疾人就业。
        （二）加大宣传力度，营造全社会关心支持残疾人就业的良好氛围，定期开展表彰活动。
        （三）加强督促检查。
        各地要定期研究解决突出问题。
        """,
        tmp_path,
    )
    sentences, headings = doc.body
    assert not sentences.sections
    assert texts(sentences.blocks) == [
        "（一）困难残疾人生活补贴对象为纳入最低生活保障范围的残疾人。",
        "（二）重度残疾人护理补贴对象为残疾等级被评定为一级、二级且需要长期照护的残疾人。",
    ]
    assert [(s.label, s.title) for s in headings.sections] == [
        ("（一）", "强化资金保障。"),
        ("（二）", ""),
        ("（三）", "加强督促检查。"),
    ]
    assert texts(headings.sections[0].blocks) == ["残疾人就业保障金优先用于促进残疾人就业。"]
    assert texts(headings.sections[1].blocks)[0].startswith("加大宣传力度，")
    assert "“（二）”这一项没有标题" in yaml_text


def test_a_numbered_sentence_of_another_list_stays_the_text_of_its_item(tmp_path: Path) -> None:
    """Control: a long numbered sentence where no item is numbered the same way is text."""
    doc, _, _ = draft(
        """
        一、保障措施
        （一）强化资金保障。
        残疾人就业保障金优先用于促进残疾人就业。
        1.各地要加大宣传力度，营造全社会关心支持残疾人就业的良好氛围，定期开展表彰活动。
        （二）加强督促检查。
        各地要定期研究解决突出问题。
        """,
        tmp_path,
    )
    assert [(s.label, s.title) for s in doc.body[0].sections] == [
        ("（一）", "强化资金保障。"),
        ("（二）", "加强督促检查。"),
    ]
    assert texts(doc.body[0].sections[0].blocks)[-1].startswith("1.各地要加大宣传力度")


def test_boxes_hold_their_numbered_items(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        第一节 民生保障
        （一）社会保障
        正文。
        专栏2残疾人社会保障重点项目
        1．最低生活保障。将符合条件的残疾人家庭全部纳入。
        2．护理补贴。适当提高标准。
        第二节 就业
        正文。
        """,
        tmp_path,
    )
    box = doc.body[0].sections[0].blocks[1]
    assert isinstance(box, m.Box)
    assert (box.label, box.title) == ("专栏2", "残疾人社会保障重点项目")
    assert texts(box.blocks) == ["1．最低生活保障。将符合条件的残疾人家庭全部纳入。", "2．护理补贴。适当提高标准。"]
    assert outline(doc.body)[-1] == "第二节就业"


def test_table_with_one_cell_per_line(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(
        "一、指标\n专栏1 主要指标\n\n\t序号\n\t指标\n\t目标值\n\n\t1\n\t参保率（%）\n\t＞95\n\n\t2\n\t覆盖率\n\t\n\n\t3\n\t就业率\n",
        tmp_path,
    )
    box = doc.body[0].blocks[0]
    assert isinstance(box, m.Box)
    table = box.blocks[0]
    assert isinstance(table, m.Table)
    assert table.caption == "专栏1 主要指标"
    assert table.head == ("序号", "指标", "目标值")
    assert cell_texts(table) == (("1", "参保率（%）", "＞95"), ("2", "覆盖率", ""), ("3", "就业率", ""))
    assert table.row_header == 1  # the column after 序号
    assert "请核对：第3行只有2个单元格" in yaml_text


def test_table_with_tab_separated_rows(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        一、目标
        主要指标
        指 标\t目标值\t属性
        1. 残疾人家庭人均收入年均增速\t与区生产总值增长同步\t预期性
        2. 困难残疾人生活补贴覆盖率\t>99%\t约束性
        二、任务
        正文。
        """,
        tmp_path,
    )
    table = doc.body[0].blocks[0]
    assert isinstance(table, m.Table)
    assert table.caption == "主要指标"
    assert len(table.rows) == 2 and cell_texts(table)[1] == ("2. 困难残疾人生活补贴覆盖率", ">99%", "约束性")


def test_table_aligned_with_spaces(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        一、分工
        重点任务分工
        序号    工作任务              牵头单位
        1       建设残疾人之家        区残联
        2       实施阳光家园计划      区民政局
        """,
        tmp_path,
    )
    table = next(b for b in doc.body[0].blocks if isinstance(b, m.Table))
    assert table.head == ("序号", "工作任务", "牵头单位")
    assert cell_texts(table)[1] == ("2", "实施阳光家园计划", "区民政局")


def test_trailing_table_becomes_an_annex(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(
        "第一章 总则\n正文。\n 重点任务分工\n\t序号\n\t工作任务\n\n\t1\n\t建设\n\n\t2\n\t实施\n",
        tmp_path,
    )
    assert [a.title for a in doc.annexes] == ["重点任务分工"]
    assert "已作为附件" in yaml_text


def test_glossary(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        一、任务
        继续实施“阳光家园计划”，建设“残疾人之家”。
        名词解释
        1.“阳光家园计划”。中国残联和财政部实施的托养服务项目。
        2.“残疾人之家”。指为残疾人提供服务的组织。
        """,
        tmp_path,
    )
    assert [(t.label, t.term, t.definition) for t in doc.glossary] == [
        ("1.", "“阳光家园计划”", "中国残联和财政部实施的托养服务项目。"),
        ("2.", "“残疾人之家”", "指为残疾人提供服务的组织。"),
    ]
    assert outline(doc.body) == ["一、任务"]


def test_a_glossary_line_no_term_follows_is_text(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        一、任务
        继续实施“阳光家园计划”。
        名词解释
        “阳光家园计划”是中国残联和财政部实施的托养服务项目。
        """,
        tmp_path,
    )
    assert not doc.glossary
    assert texts(doc.body[0].blocks) == [
        "继续实施“阳光家园计划”。",
        "名词解释",
        "“阳光家园计划”是中国残联和财政部实施的托养服务项目。",
    ]


def test_lines_broken_by_a_page_layout_are_rejoined(tmp_path: Path) -> None:
    # A gazette column: every line about 18 characters, a page break inside a sentence.
    doc, _, _ = draft(
        """
        一、总体要求
        (一)指导思想
        高举习近平新时代中国特色社会主义思想
        伟大旗帜，深入贯彻习近平总书记关于残疾人
        事业的重要论述精神，坚持以人民为中心的发

        展思想，保障全区广大残疾人一个不掉队。
        (二)基本原则
        坚持以党的领导为统领，把落实中国特色
        残疾人事业领导体制作为根本保证。进一步完
        善党委领导、政府负责的残疾人事业领导体制。
        坚持以新发展理念为指引，把实现残疾人
        事业高质量发展作为根本路径。深化具体实践
        破解发展不平衡不充分问题，让残疾人过上更
        有品质的生活。
        (三)总体目标
        到2025年，推动残疾人基本保障水平进一
        步提升，残疾人就业创业服务体系进一步健全
        ，残疾人公共服务体系进一步完善，残疾人友
        好环境建设进一步强化。收入提升更加明显。
        """,
        tmp_path,
    )
    guide, principles, goals = doc.body[0].sections
    assert texts(guide.blocks) == [
        "高举习近平新时代中国特色社会主义思想伟大旗帜，深入贯彻习近平总书记关于残疾人事业的重要论述精神，"
        "坚持以人民为中心的发展思想，保障全区广大残疾人一个不掉队。"
    ]
    assert len(texts(principles.blocks)) == 2  # two paragraphs stay two
    assert [s.title for s in doc.body[0].sections] == ["指导思想", "基本原则", "总体目标"]
    assert len(texts(goals.blocks)) == 1


def test_a_line_broken_beside_a_dash_is_joined_without_a_space() -> None:
    """Chinese text has no spaces: none goes where a line broke after 2021— (or before —2025);
    between two Latin words the break was one."""
    assert join_lines(["规划（2021—", "2025年）"]) == "规划（2021—2025年）"
    assert join_lines(["规划（2021", "—2025年）"]) == "规划（2021—2025年）"
    assert join_lines(["Disability", "Federation"]) == "Disability Federation"


def test_chrome_is_dropped_and_listed(tmp_path: Path) -> None:
    doc, _, dropped = draft(
        """
        首页 政务公开 政务服务 互动交流
        网站首页 | 政务公开 | 互动交流
        语音播报
        关于某某规划的起草说明
        日期:2022-06-16
        一、起草背景
        正文。
        扫一扫在手机打开当前页
        © 2022 某某残联 版权所有
        """,
        tmp_path,
    )
    assert [d.split("：", 1)[1] for d in dropped] == [
        "首页 政务公开 政务服务 互动交流",
        "网站首页 | 政务公开 | 互动交流",
        "语音播报",
        "扫一扫在手机打开当前页",
        "© 2022 某某残联 版权所有",
    ]
    assert doc.title == "关于某某规划的起草说明"
    assert doc.kind == "interpretation"
    assert str(doc.date_published) == "2022-06-16"
    assert outline(doc.body) == ["一、起草背景"]


def test_notice_metadata_and_signature(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        某府发〔2022〕3号

        某某区人民政府
        关于印发某某区残疾人事业发展规划（2021—2025年）的通知

        各镇人民政府、街道办事处，区政府各部门：

        为保障残疾人权益，制定本规划。

        第一章 总则
        正文。

        某某区人民政府
        2022年3月1日
        """,
        tmp_path,
    )
    assert doc.doc_number == "某府发〔2022〕3号"
    assert doc.issuer == "某某区人民政府"
    assert doc.title == "某某区残疾人事业发展规划（2021—2025年）"
    assert doc.kind == "plan"
    assert doc.period == m.Period(2021, 2025)
    assert doc.region == "某某区"
    assert doc.notice is not None and doc.notice.addressees == "各镇人民政府、街道办事处，区政府各部门："
    assert doc.preamble == "为保障残疾人权益，制定本规划。"
    assert doc.signature == m.Signature("某某区人民政府", m.dt.date(2022, 3, 1))


def test_markdown_characters_stay_text(tmp_path: Path) -> None:
    doc, _, _ = draft("一、任务\n按 *星号* 和 [方括号] 以及 <b>尖括号</b> 原样保留。\n", tmp_path)
    from plansite.markup import plain_text

    assert plain_text(texts(doc.body[0].blocks)[0]) == "按 *星号* 和 [方括号] 以及 <b>尖括号</b> 原样保留。"


def test_gb18030_file(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_bytes("一、总则\n正文。\n".encode("gb18030"))
    result = import_file(source, doc_id="gb-doc")
    assert "一、" in result.yaml and "正文。" in result.yaml


def test_guesses_are_marked_for_review(tmp_path: Path) -> None:
    _, yaml_text, _ = draft("一、任务\n正文。\n\t甲\n\t乙\n\n\t1\n\t2\n", tmp_path)
    assert "# 请核对：原文没有表题" in yaml_text


def test_parts_and_dotted_chinese_numbers(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        第一部分 总体要求
        一. 指导思想
        正文一。
        二. 基本原则
        正文二。
        第二部分 主要任务
        一. 民生保障
        正文三。
        """,
        tmp_path,
    )
    assert outline(doc.body) == [
        "第一部分总体要求",
        "  一.指导思想",
        "  二.基本原则",
        "第二部分主要任务",
        "  一.民生保障",
    ]


def test_table_between_pipes(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        一、主要指标
        主要指标表
        | 序号 | 指标 | 目标值 |
        | --- | --- | --- |
        | 1 | 参保率（%） | ≥95 |
        | 2 | 覆盖率（%） | 100 |
        """,
        tmp_path,
    )
    table = doc.body[0].blocks[0]
    assert isinstance(table, m.Table)
    assert table.caption == "主要指标表"
    assert table.head == ("序号", "指标", "目标值")
    assert cell_texts(table) == (("1", "参保率（%）", "≥95"), ("2", "覆盖率（%）", "100"))


def test_tables_outside_numbered_sections_are_kept_in_order(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(
        "关于印发某某指标的通知\n现将指标印发如下。\n主要指标\n\t序号\n\t指标\n\t目标值\n\n\t1\n\t参保率\n\t≥95\n\n"
        "请遵照执行。\n一、任务\n正文。\n附表说明如下。\n\t甲\n\t乙\n\n\t1\n\t2\n\n结束语。\n",
        tmp_path,
    )
    assert doc.preamble == "现将指标印发如下。"
    first = doc.body[0]
    assert first.title == "主要指标" and isinstance(first.blocks[0], m.Table)
    assert texts(first.blocks) == ["请遵照执行。"], "text after the table stays after it"
    assert [s.label for s in doc.body[1:]] == ["一、"]
    assert "已单独成节" in yaml_text
    # A table after the last section, with text after it, becomes an annex with that text.
    tables = [b for a in doc.annexes for b in a.blocks if isinstance(b, m.Table)] + [
        b for s in doc.body for b in s.blocks if isinstance(b, m.Table)
    ]
    assert len(tables) == 2


def test_a_contents_list_copied_from_word_is_not_imported_twice(tmp_path: Path) -> None:
    doc, _, dropped = draft(
        """
        某某省残疾人事业发展规划
        目  录
        第一章 发展基础……………………1
        第二章 总体要求……………………3
        第一节 指导思想……………………3
        为促进残疾人全面发展，制定本规划。
        第一章 发展基础
        正文一。
        第二章 总体要求
        第一节 指导思想
        正文二。
        """,
        tmp_path,
    )
    assert outline(doc.body) == ["第一章发展基础", "第二章总体要求", "  第一节指导思想"]
    assert [d.split("：", 1)[1] for d in dropped][:2] == ["目  录", "第一章 发展基础……………………1"]


def test_notice_title_over_two_lines_single_addressee_and_hanzi_dates(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        某府办发〔2021〕15号
        某某省人民政府办公厅
        关于印发某某省“十四五”残疾人保障
        和发展规划的通知
        各区县人民政府：
        现将《某某省“十四五”残疾人保障和发展规划》印发给你们，请认真贯彻执行。
        某某省人民政府办公厅
        二〇二一年十二月三十日
        某某省“十四五”残疾人保障和发展规划
        为保障残疾人权益，制定本规划。
        一、总体要求
        正文。
        某某省人民政府办公厅
        二〇二二年一月五日
        """,
        tmp_path,
    )
    assert doc.notice is not None
    assert doc.notice.title == "某某省人民政府办公厅关于印发某某省“十四五”残疾人保障和发展规划的通知"
    assert doc.notice.addressees == "各区县人民政府："
    assert doc.notice.signature == m.Signature("某某省人民政府办公厅", m.dt.date(2021, 12, 30))
    assert doc.title == "某某省“十四五”残疾人保障和发展规划"
    assert doc.date_signed == m.dt.date(2021, 12, 30)
    assert doc.signature == m.Signature("某某省人民政府办公厅", m.dt.date(2022, 1, 5))
    assert outline(doc.body) == ["一、总体要求"]


def test_a_document_from_another_province(tmp_path: Path) -> None:
    """Letterhead, Word contents list, 第X部分, full-width indents, a numbered list with a bare
    item, and an annex table under its heading: each lands where a reader expects it."""
    source = (Path(__file__).parent / "fixtures" / "other-province.txt").read_text(encoding="utf-8")
    doc, yaml_text, dropped = draft(source, tmp_path)
    assert any("办公厅文件" in d for d in dropped) and any("目　录" in d for d in dropped)
    assert doc.notice is not None and doc.notice.text.startswith("《某某省")
    assert [s.label for s in doc.body] == ["第一部分", "第二部分", "第三部分"]
    assert texts(doc.body[0].blocks) == ["“十三五”时期，全省残疾人事业取得显著成就。"]
    jobs = doc.body[2].sections[1]
    assert texts(jobs.blocks) == ["1.落实按比例就业制度。机关、事业单位带头安排残疾人就业。", "2.扶持自主创业。"]
    table = doc.annexes[0].blocks[0]
    assert isinstance(table, m.Table) and table.caption == "附件 重点任务分工表"
    assert "表题取自上方的标题" in yaml_text


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("中华人民共和国残疾人保障法", "law"),
        ("残疾预防和残疾人康复条例", "regulation"),
        ("上海市实施《中华人民共和国残疾人保障法》办法", "measures"),
        ("国务院关于做好当前和今后一个时期促进就业工作的若干意见", "opinion"),
        ("重庆市江北区“十四五”残疾人保障和发展规划（2021—2025年）", "plan"),
        ("国务院关于印发国家职业教育改革实施方案的通知", "programme"),  # the 方案 printed behind the notice
        ("某市残联关于做好2026年助残日活动的通知", "notice"),
        ("2018年全市残疾人工作要点", "work-points"),
        ("关于《江北区“十四五”残疾人保障和发展规划》的起草说明", "interpretation"),
        ("某市残疾儿童康复救助实施方案", "programme"),
        ("某市人民政府关于表彰残疾人工作先进集体的决定", "decision"),
        ("某市残疾人就业保障金征收使用管理规定", "provisions"),
        ("某市无障碍环境建设实施细则", "provisions"),
        ("某市残疾人联合会2026年度政府信息公开工作年度报告", "report"),
        ("关于2025年度全市残疾人自强模范拟表彰对象的公示", "publicity"),
        ("某市残疾人联合会关于招聘编外工作人员的公告", "announcement"),
        ("关于规范残疾人证办理工作的通告", "circular"),
        ("关于2025年度残疾人就业保障金征收情况的通报", "bulletin"),
        ("2025年某市残疾人事业发展统计公报", "communique"),
        ("某市人民政府关于同意设立残疾人托养中心的批复", "reply"),
        ("关于市政协五届三次会议第123号提案的答复", "response"),
        ("对市十七届人大二次会议第45号建议的答复", "response"),
        ("市残联负责人就《某市残疾人两项补贴实施办法》答记者问", "interpretation"),  # not the 办法
        ("某市残疾人联合会关于征求《某市残疾人事业发展规划》意见的函", "letter"),
        ("某市残疾人工作委员会2026年第一次全体会议纪要", "minutes"),
        ("某市残疾人联合会第六次代表大会关于主席团工作报告的决议", "resolution"),
        ("某市残疾人联合会2025年工作总结", "summary"),
        ("某市残疾人联合会章程", "charter"),
        ("某市残疾人证办理服务指南", "guide"),  # also below, with 导则 and 规范
        ("图解：某市残疾人两项补贴实施办法", "interpretation"),  # explains the 办法 it names
        ("一图读懂《某市残疾人两项补贴实施办法》", "interpretation"),
        ("【图解】某市残疾人就业促进方案", "interpretation"),
        ("图书馆无障碍服务规范", "guide"),  # 图书 is no 图说 (control)
    ],
)
def test_the_kind_is_what_the_title_ends_with(title: str, kind: str, tmp_path: Path) -> None:
    doc, _, _ = draft(f"{title}\n\n一、总则\n\n正文。\n", tmp_path)
    assert doc.kind == kind


def test_a_short_document_without_numbered_sections_has_its_signature_and_annex(tmp_path: Path) -> None:
    """A 公示 is paragraphs, a 落款 and a list in an 附件, with no numbered heading: its text is
    the preamble, and the 落款 and 附件 are read as in a longer document."""
    doc, _, _ = draft(
        """
        关于2025年度全市残疾人自强模范拟表彰对象的公示

        经各区县推荐、评审委员会评审，拟确定以下3名同志为2025年度全市残疾人自强模范，现予以公示。

        公示时间：2025年11月1日至2025年11月7日。

        某市残疾人联合会
        2025年10月31日

        附件

        拟表彰对象名单

        序号\t姓名\t单位
        1\t张三\t某区某街道
        2\t李四\t某县某镇
        3\t王五\t某区残联
        """,
        tmp_path,
    )
    assert (doc.kind, doc.title) == ("publicity", "关于2025年度全市残疾人自强模范拟表彰对象的公示")
    assert doc.signature is not None and (doc.signature.issuer, str(doc.signature.date)) == (
        "某市残疾人联合会",
        "2025-10-31",
    )
    assert "2025年10月31日" not in doc.preamble
    assert doc.preamble.startswith("经各区县推荐")
    assert [(a.label, a.title) for a in doc.annexes] == [("附件", "拟表彰对象名单")]


def test_a_gazettes_running_head_is_chrome_and_a_communiques_title_is_not() -> None:
    assert is_chrome("某省人民政府公报") and is_chrome("国务院公报　2026年第5期")
    assert is_chrome("某市人民代表大会常务委员会公报")
    assert not is_chrome("2025年某市残疾人事业发展统计公报")  # the document's own title (its control)


# A speech's opening: the speaker, the salutation, the first words, its first part.
SPEECH_OPENING = (
    "张某某\n各位代表、同志们：\n现在，我代表第五届主席团向大会报告工作，请予审议。\n"
    "一、过去五年的工作回顾\n五年来，全市残疾人事业取得了显著成就。\n"
)


def test_a_speech_has_its_title_over_its_subtitle_and_its_kind_from_the_subtitle(tmp_path: Path) -> None:
    """A speech's or report's title often names no kind; the dash-led line under it does."""
    doc, _, _ = draft(
        "凝心聚力　开拓进取　奋力谱写残疾人事业高质量发展新篇章\n——在某市残疾人联合会第六次代表大会上的工作报告\n"
        + SPEECH_OPENING,
        tmp_path,
    )
    assert (doc.title, doc.subtitle, doc.kind) == (
        "凝心聚力　开拓进取　奋力谱写残疾人事业高质量发展新篇章",
        "——在某市残疾人联合会第六次代表大会上的工作报告",
        "report",
    )
    assert doc.preamble.split("\n\n") == [
        "张某某",
        "各位代表、同志们：",
        "现在，我代表第五届主席团向大会报告工作，请予审议。",
    ]
    speech, _, _ = draft("某市残联党组书记在全市残疾人工作会议上的讲话\n\n一、总则\n\n正文。\n", tmp_path)
    assert speech.kind == "speech" and not speech.subtitle


def test_a_subtitle_set_as_a_heading_is_the_subtitle() -> None:
    """A PDF sets the subtitle large and Markdown marks it: still the subtitle, not a section."""
    source = "# 凝心聚力　开拓进取\n\n## ——在全市残疾人工作会议上的讲话\n\n同志们：\n\n## 一、总体要求\n\n正文。\n"
    fields = yaml.safe_load(import_text(source, source_name="speech.md").yaml)
    assert (fields["subtitle"], fields["kind"], fields["preamble"]) == (
        "——在全市残疾人工作会议上的讲话",
        "speech",
        "同志们：",
    )
    assert [s["title"] for s in fields["body"]] == ["总体要求"]


def test_a_short_notice_keeps_its_text_signature_and_annex(tmp_path: Path) -> None:
    """A 通知 of a few paragraphs, no numbered section, signed before its 附件: its text is the
    preamble (it was read as a 印发 notice's text, and lost, as the document has no such notice)."""
    doc, _, _ = draft(
        """
        关于召开2026年全市残联系统康复工作会议的通知
        各区县残联：
        经研究，定于2026年4月28日召开全市残联系统康复工作会议。
        联系人：张三，电话：023-12345678。
        附件：参会回执
        某市残疾人联合会
        2026年4月20日
        附件
        参会回执
        请各区县残联于4月25日前填写参会回执。
        """,
        tmp_path,
    )
    assert doc.preamble.split("\n\n") == [
        "各区县残联：",
        "经研究，定于2026年4月28日召开全市残联系统康复工作会议。",
        "联系人：张三，电话：023-12345678。",
        "附件：参会回执",
    ]
    assert doc.notice is None and doc.signature is not None
    assert (doc.signature.issuer, str(doc.signature.date)) == ("某市残疾人联合会", "2026-04-20")
    assert [(a.label, a.title) for a in doc.annexes] == [("附件", "参会回执")]


def test_an_annex_published_on_its_own_has_its_title(tmp_path: Path) -> None:
    """附件1 on the first line, the title under it: the title is found, the mark kept in a comment."""
    doc, yaml_text, _ = draft(
        """
        附件1
        某市残疾儿童康复救助实施方案
        为做好残疾儿童康复救助工作，制定本方案。
        一、救助对象
        本市户籍的0—6岁残疾儿童。
        """,
        tmp_path,
    )
    assert (doc.title, doc.kind) == ("某市残疾儿童康复救助实施方案", "programme")
    assert doc.preamble == "为做好残疾儿童康复救助工作，制定本方案。"
    assert "原文第一行是“附件1”" in yaml_text


def test_a_title_the_layout_broke_before_its_kind_is_one_title(tmp_path: Path) -> None:
    doc, _, _ = draft(
        "某市“十四五”残疾人保障\n和发展规划\n为保障残疾人权益，编制本规划。\n一、发展基础\n成效显著。\n", tmp_path
    )
    assert (doc.title, doc.kind, doc.preamble) == (
        "某市“十四五”残疾人保障和发展规划",
        "plan",
        "为保障残疾人权益，编制本规划。",
    )
    # Controls: an issuer over the title stays the issuer; a sentence before a title stays text.
    doc, _, _ = draft("某市残疾人联合会\n2026年工作要点\n一、总体要求\n坚持以人民为中心。\n", tmp_path)
    assert (doc.issuer, doc.title) == ("某市残疾人联合会", "2026年工作要点")
    doc, _, _ = draft("本规划经市政府同意。\n和发展规划\n一、发展基础\n成效显著。\n", tmp_path)
    assert doc.title == "（请填写标题）" and doc.preamble.startswith("本规划经市政府同意。")
    doc, _, _ = draft("某市残疾人联合会网站\n关于做好助残日活动的通知\n一、主题\n促进就业。\n", tmp_path)
    assert doc.title != "某市残疾人联合会网站关于做好助残日活动的通知"


def test_the_head_goes_on_after_the_title_until_the_first_sentence(tmp_path: Path) -> None:
    """（2021—2025年） under the title ends it; the number and date lines after it are the head's;
    the first sentence starts the body."""
    doc, _, _ = draft(
        """
        某市残疾人事业发展规划
        （2021—2025年）
        某府发〔2022〕3号
        发布日期：2022-03-01
        为保障残疾人权益，编制本规划。
        一、发展基础
        成效显著。
        """,
        tmp_path,
    )
    assert (doc.title, doc.doc_number, str(doc.date_published)) == (
        "某市残疾人事业发展规划（2021—2025年）",
        "某府发〔2022〕3号",
        "2022-03-01",
    )
    assert doc.preamble == "为保障残疾人权益，编制本规划。"
    # Other words in brackets under the title are its subtitle.
    doc, _, _ = draft("某市残疾人事业发展规划\n（征求意见稿）\n一、发展基础\n成效显著。\n", tmp_path)
    assert (doc.title, doc.subtitle) == ("某市残疾人事业发展规划", "征求意见稿")
    # The control: a day in brackets under the title (a speech's date) is not the title's.
    doc, _, _ = draft("某市残疾人事业发展规划\n（2026年1月10日）\n一、发展基础\n成效显著。\n", tmp_path)
    assert doc.title == "某市残疾人事业发展规划" and doc.preamble == "（2026年1月10日）"


def test_a_dash_led_line_too_long_for_a_title_is_no_subtitle(tmp_path: Path) -> None:
    """The draft passes check (a subtitle is a one-line field): the long line stays text."""
    long_line = "——" + "在全市残疾人工作会议上的讲话" * 20
    doc, _, _ = draft(f"凝心聚力\n{long_line}\n一、总则\n正文。\n", tmp_path)
    assert not doc.subtitle and long_line in doc.preamble


def test_front_matter_gives_the_subtitle_and_leaves_out_what_no_field_takes(tmp_path: Path) -> None:
    source = "---\ntitle: 凝心聚力\nsubtitle: ——在全市残疾人工作会议上的讲话\ndoc_number: {number}\n---\n\n## 一、总体要求\n\n正文。\n"
    result = import_text(source.format(number="某残联发〔2026〕1号"), source_name="speech.md", doc_id="test-doc")
    fields = yaml.safe_load(result.yaml)
    assert (fields["subtitle"], fields["kind"], fields["doc_number"]) == (
        "——在全市残疾人工作会议上的讲话",
        "speech",
        "某残联发〔2026〕1号",
    )
    # A number over a one-line field's 200 characters: listed as left out, and the draft passes check.
    doc, _, dropped = draft(source.format(number="某" * 300), tmp_path, "speech.md")
    assert not doc.doc_number and any("doc_number 有 300 个字" in line for line in dropped)


def test_facts_and_table_headers_too_long_for_a_line_leave_a_draft_check_takes(tmp_path: Path) -> None:
    """A page whose metadata went wrong (a 300-character source, keyword, header cell, or sentence
    across a table's top): each is kept as text or in a comment, and the draft passes check."""
    long = "来源" * 150
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市规划</title>'
        f'<meta name="ContentSource" content="{long}"><meta name="Keywords" content="{"词" * 300}"></head><body>'
        f"<h1>某市残疾人事业发展规划</h1><p>一、主要指标</p>"
        f"<table><tr><td>指标</td><td>{'长' * 300}</td></tr><tr><td>康复</td><td>1</td></tr><tr><td>教育</td><td>2</td></tr></table>"
        f"<p>二、保障措施</p><table><tr><td colspan=2>{'说明' * 150}</td></tr><tr><th>指标</th><th>目标</th></tr>"
        "<tr><td>康复</td><td>1</td></tr><tr><td>教育</td><td>2</td></tr></table></body></html>"
    )
    doc, yaml_text, _ = draft(page, tmp_path, "page.html")
    assert doc.source is None and long in yaml_text  # in a comment
    assert "长" * 300 in texts(doc.body[0].blocks) and ("说明" * 150) in texts(doc.body[1].blocks)


def test_the_marks_printed_above_a_letterhead_are_no_text(tmp_path: Path) -> None:
    """份号, 密级 and 紧急程度 (GB/T 9704) above the letterhead: in comments, and the title is found."""
    doc, yaml_text, _ = draft(
        "000123\n机密★1年\n特急\n某市残疾人联合会文件\n某残联发〔2026〕3号\n关于做好助残日活动的通知\n各区县残联：\n"
        "一、活动主题\n促进就业。\n",
        tmp_path,
    )
    assert (doc.title, doc.doc_number, doc.preamble) == (
        "关于做好助残日活动的通知",
        "某残联发〔2026〕3号",
        "各区县残联：",
    )
    assert "原文开头的“000123”" in yaml_text and "原文开头的“特急”" in yaml_text
    # The control: six digits after the title are the text.
    doc, _, _ = draft("某市残疾人事业发展规划\n一、目标\n400000\n", tmp_path)
    assert texts(doc.body[0].blocks) == ["400000"]


def test_a_report_s_number_with_its_signer_is_the_number_not_half_a_title(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(
        "某残联报〔2026〕3号　　　签发人：张三\n关于2025年残疾人工作情况的报告\n市人民政府：\n现将有关情况报告如下。\n"
        "一、工作情况\n成效显著。\n",
        tmp_path,
    )
    assert (doc.doc_number, doc.title, doc.kind) == ("某残联报〔2026〕3号", "关于2025年残疾人工作情况的报告", "report")
    assert "签发人：张三" in yaml_text


@pytest.mark.parametrize("annex", ["", "附件\n参会回执\n请于4月25日前填写。\n"])
def test_a_signature_on_one_line_is_the_signature(annex: str, tmp_path: Path) -> None:
    text = "关于做好助残日活动的通知\n各区县残联：\n一、活动主题\n促进就业。\n某市民政局　某市残疾人联合会　　二〇二六年四月二十日\n"
    doc, _, _ = draft(text + annex, tmp_path)
    assert doc.signature is not None and (doc.signature.issuer, str(doc.signature.date)) == (
        "某市民政局 某市残疾人联合会",
        "2026-04-20",
    )
    assert texts(doc.body[0].blocks) == ["促进就业。"] and len(doc.annexes) == (1 if annex else 0)
    # The control: a sentence ending in a date is text.
    doc, _, _ = draft("关于做好助残日活动的通知\n一、活动主题\n会议定于 2026年4月20日\n", tmp_path)
    assert doc.signature is None and texts(doc.body[0].blocks) == ["会议定于 2026年4月20日"]


@pytest.mark.parametrize(
    "issuer",
    [
        "某市残疾人康复中心",
        "中国盲人协会",
        "某省残疾人福利基金会",
        "某市特殊教育学校",
        "中国残联党组",
        "某市残疾人工作领导小组",
    ],
)
def test_a_body_a_site_publishes_for_signs_as_an_office_does(issuer: str, tmp_path: Path) -> None:
    """A 康复中心's 招聘公告, an association's notice: their name over the date is the signature,
    as a government office's is (before, both were text of the last section)."""
    text = f"关于公开招聘工作人员的公告\n一、招聘岗位\n康复治疗师2名。\n{issuer}\n2024年6月25日\n"
    doc, _, _ = draft(text, tmp_path)
    assert doc.signature is not None and (doc.signature.issuer, str(doc.signature.date)) == (issuer, "2024-06-25")
    assert texts(doc.body[0].blocks) == ["康复治疗师2名。"]


@pytest.mark.parametrize(
    ("ending", "closing"),
    [
        ("特此通知。\n", "特此通知。"),
        ("以上意见，请结合实际认真贯彻执行。\n", "以上意见，请结合实际认真贯彻执行。"),
        (
            "感谢您对残疾人事业的关心和支持。\n联系人：李华\n联系电话：0827-7654321\n",
            "感谢您对残疾人事业的关心和支持。\n\n联系人：李华\n\n联系电话：0827-7654321",
        ),
    ],
)
def test_the_words_that_close_a_document_are_its_closing(ending: str, closing: str, tmp_path: Path) -> None:
    """特此通知。 ends the notice, not its last section (a screen reader's list of headings put it
    under 二、工作要求); the lines after it, such as a reply's contacts, go with it."""
    text = f"关于做好助残日活动的通知\n各区县残联：\n一、活动主题\n促进就业。\n二、工作要求\n（一）加强领导。\n各地要加强领导。\n{ending}某市残疾人联合会\n2026年4月20日\n"
    doc, _, _ = draft(text, tmp_path)
    assert doc.closing == closing
    assert texts(doc.body[1].sections[0].blocks) == ["各地要加强领导。"]
    assert doc.signature is not None and doc.signature.issuer == "某市残疾人联合会"


def test_closing_words_alone_under_a_heading_or_inside_the_text_stay(tmp_path: Path) -> None:
    """The controls: words that are all of a section's text, a sentence that only starts so, and
    the words before the text that ends the section, stay where they are."""
    text = "关于做好助残日活动的通知\n一、活动主题\n促进就业。\n二、有关要求\n特此通知。\n某市残疾人联合会\n2026年4月20日\n"
    doc, _, _ = draft(text, tmp_path)
    assert texts(doc.body[1].blocks) == ["特此通知。"] and doc.closing == ""
    text = (
        "关于做好助残日活动的通知\n一、活动主题\n促进就业。\n以上人员名单在市残联网站公示。\n特此通知的格式另行下发。\n"
    )
    doc, _, _ = draft(text, tmp_path)
    assert texts(doc.body[0].blocks)[1:] == ["以上人员名单在市残联网站公示。", "特此通知的格式另行下发。"]
    assert doc.closing == ""
    lines = "".join(f"第{n}项工作。\n" for n in range(1, 9))
    doc, _, _ = draft(f"关于做好助残日活动的通知\n一、活动主题\n促进就业。\n特此通知。\n{lines}", tmp_path)
    assert texts(doc.body[0].blocks)[1] == "特此通知。" and doc.closing == ""


SERVICE_GUIDE = (
    "残疾人证新办服务指南\n【事项名称】残疾人证新办\n【实施主体】某县残疾人联合会\n【申请条件】\n"
    "1.具有本县户籍；\n2.符合残疾标准。\n【申请材料】\n1.居民身份证原件；\n2.近期二寸免冠照片3张。\n"
    "【办理时限】20个工作日\n【咨询电话】0827-2222222\n"
)


def test_a_service_guide_s_bracketed_names_are_its_sections(tmp_path: Path) -> None:
    """A 办事指南 names its parts in 【】: each is a section, what follows on its line a paragraph
    of it (before, 2.符合残疾标准。 became a heading over 【申请材料】)."""
    doc, _, _ = draft(SERVICE_GUIDE, tmp_path)
    assert (doc.title, doc.kind, doc.preamble) == ("残疾人证新办服务指南", "guide", "")
    assert [(s.label, s.title, texts(s.blocks)) for s in doc.body] == [
        ("", "事项名称", ["残疾人证新办"]),
        ("", "实施主体", ["某县残疾人联合会"]),
        ("", "申请条件", ["1.具有本县户籍；", "2.符合残疾标准。"]),
        ("", "申请材料", ["1.居民身份证原件；", "2.近期二寸免冠照片3张。"]),
        ("", "办理时限", ["20个工作日"]),
        ("", "咨询电话", ["0827-2222222"]),
    ]


def test_a_service_guide_s_bracketed_names_are_its_sections_in_a_web_page(tmp_path: Path) -> None:
    lines = SERVICE_GUIDE.strip().split("\n")
    body = "".join("<p>" + re.sub(r"^(【[^】]+】)", r"<strong>\1</strong>", line) + "</p>" for line in lines[1:])
    source = tmp_path / "guide.html"
    source.write_text(f"<html><body><h1>{lines[0]}</h1>{body}</body></html>", "utf-8")
    doc, _ = draft_of_file(source, tmp_path)
    assert [s.title for s in doc.body] == ["事项名称", "实施主体", "申请条件", "申请材料", "办理时限", "咨询电话"]


def test_a_few_or_repeated_bracketed_names_are_text(tmp_path: Path) -> None:
    """The controls: two such lines, or one name again and again (【图片】), stay the text."""
    doc, _, _ = draft("某市助残日活动方案\n一、活动主题\n【主题】促进就业\n【时间】5月19日\n", tmp_path)
    assert texts(doc.body[0].blocks) == ["【主题】促进就业", "【时间】5月19日"]
    lines = "".join(f"【图片】第{n}张照片\n" for n in range(1, 5))
    doc, _, _ = draft(f"某市助残日活动方案\n一、活动情况\n{lines}", tmp_path)
    assert len(doc.body) == 1 and texts(doc.body[0].blocks)[0] == "【图片】第1张照片"


def test_a_policy_s_questions_and_answers_are_headings_and_their_text(tmp_path: Path) -> None:
    """问：……？ over 答：……: each question a heading (before, all of it was one preamble), in the
    section that holds them where the document has numbered ones."""
    qa = "问：补贴对象有哪些？\n答：低保家庭中的残疾人。\n问：标准是多少？\n答：每人每月100元。\n另有说明。\n"
    doc, _, _ = draft(f"某市残疾人两项补贴政策问答\n{qa}", tmp_path)
    assert doc.preamble == "" and [(s.title, texts(s.blocks)) for s in doc.body] == [
        ("问：补贴对象有哪些？", ["答：低保家庭中的残疾人。"]),
        ("问：标准是多少？", ["答：每人每月100元。", "另有说明。"]),
    ]
    doc, _, _ = draft(
        f"某市两项补贴政策解读\n一、出台背景\n为完善制度。\n二、常见问题\n{qa}三、实施时间\n自7月1日起施行。\n",
        tmp_path,
    )
    assert [s.title for s in doc.body] == ["出台背景", "常见问题", "实施时间"]
    assert [s.title for s in doc.body[1].sections] == ["问：补贴对象有哪些？", "问：标准是多少？"]


def test_one_question_or_questions_without_answers_are_text(tmp_path: Path) -> None:
    """The controls: one answered question, or 问： lines with no 答： under them, stay paragraphs."""
    doc, _, _ = draft("某市两项补贴政策问答\n问：补贴对象有哪些？\n答：低保家庭中的残疾人。\n", tmp_path)
    assert doc.body == () and doc.preamble.startswith("问：补贴对象有哪些？")
    doc, _, _ = draft("某市两项补贴政策问答\n问：补贴对象有哪些？\n问：标准是多少？\n以上问题请来电咨询。\n", tmp_path)
    assert doc.body == () and "问：标准是多少？" in doc.preamble


def test_a_form_s_blank_rows_copied_as_tabs_are_rows_of_its_table(tmp_path: Path) -> None:
    """A 回执 copied as text is its header over lines of tabs alone: before, those lines ended the
    table, and the header, a table of one row, was a line of text; now the rows are empty, as the
    Word and web page forms give them."""
    text = (
        "关于召开会议的通知\n一、会议时间\n3月5日。\n附件：参会回执\n某市残疾人联合会\n2024年2月26日\n附件\n参会回执\n"
    )
    source = tmp_path / "notice.txt"  # not `draft`: dedent would empty the lines of tabs
    source.write_text(text + "单位\t姓名\t职务\n\t\t\n\t\t\n", encoding="utf-8")
    doc, _ = draft_of_file(source, tmp_path)
    (table,) = [b for b in doc.annexes[0].blocks if isinstance(b, m.Table)]
    assert table.head == ("单位", "姓名", "职务")
    assert [[c.text for c in row] for row in table.rows if isinstance(row, tuple)] == [["", "", ""], ["", "", ""]]
    # The control: a blank line after a table's rows still ends it.
    (tmp_path / "control").mkdir()
    doc, _, _ = draft(text + "单位\t姓名\n残联\t王某\n\n请于3月1日前报送。\n", tmp_path / "control")
    assert texts(doc.annexes[0].blocks)[-1] == "请于3月1日前报送。"


def test_circled_numbers_join_their_text_as_written(tmp_path: Path) -> None:
    """①建设县康复中心。 is published as written (before, ① took a space after it, as 第一章
    does: the text a reader copied or searched for was not the document's own)."""
    doc, _, _ = draft(
        "某县残疾人工作要点\n一、加强康复\n（一）机构建设\n①建设县康复中心。\n②培训康复人员。\n", tmp_path
    )
    assert texts(doc.body[0].sections[0].blocks) == ["①建设县康复中心。", "②培训康复人员。"]


def test_a_salutation_after_the_text_stays_in_its_place(tmp_path: Path) -> None:
    """各位代表：after lines of text is no 主送: the text keeps its order."""
    doc, _, _ = draft(SPEECH_OPENING, tmp_path)
    assert doc.preamble.split("\n\n") == [
        "张某某",
        "各位代表、同志们：",
        "现在，我代表第五届主席团向大会报告工作，请予审议。",
    ]


def test_a_list_of_sentences_keeps_the_paragraph_under_its_last_item_apart(tmp_path: Path) -> None:
    """Items made numbered paragraphs: the text on an item's line joins it, a paragraph under it does not."""
    doc, _, _ = draft(
        """
        二、今后五年的主要任务
        （一）聚焦共同富裕，着力提升残疾人生活品质。
        （二）聚焦服务供给，着力完善残疾人服务体系。
        各位代表、同志们！让我们为谱写残疾人事业高质量发展新篇章而努力奋斗！
        """,
        tmp_path,
    )
    assert texts(doc.body[0].blocks) == [
        "（一）聚焦共同富裕，着力提升残疾人生活品质。",
        "（二）聚焦服务供给，着力完善残疾人服务体系。",
        "各位代表、同志们！让我们为谱写残疾人事业高质量发展新篇章而努力奋斗！",
    ]


def test_a_page_s_tools_and_links_to_the_next_article_are_chrome() -> None:
    for line in (
        "【打印本页】【关闭窗口】",
        "[打印] [关闭]",
        "【字体：大 中 小】【打印】",
        "上一篇：关于开展残疾人职业技能竞赛的通知",
    ):
        assert is_chrome(line), line
    assert not is_chrome("打印本页后交回。") and not is_chrome("上一篇文章说明了补贴标准。")  # sentences (controls)


def test_the_furniture_of_a_wechat_article_or_a_printed_page_is_chrome() -> None:
    for line in (
        "某市残联 某市残疾人联合会 2026年03月18日 09:30 浙江",
        "点击上方蓝字关注我们",
        "分享、点赞、在看，一键三连！",
        "▲图为补贴发放现场",
        "某市残联 2026-03-18 09:30 浙江",
        "微信扫一扫关注该公众号",
        "关注该公众号",
        "分享到：微信微博QQ空间",
        "阅读原文阅读 1024在看 12",
        "（此页无正文）",
    ):
        assert is_chrome(line), line
    for line in (
        "会议时间：2026年3月18日 09:30",
        "▲加强康复服务。",
        "群众纷纷点赞。",
        "扫一扫下方二维码报名",
        "分享到朋友圈后截图报名。",
        "请阅读原文件。",
    ):  # the document's text (controls)
        assert not is_chrome(line), line


def test_the_other_articles_listed_at_an_article_s_end_are_left_out(tmp_path: Path) -> None:
    body = "一、提高标准\n困难残疾人生活补贴标准提高到120元。\n"
    doc, _, dropped = draft(body + "往期推荐\n▼\n我市举办残疾人职业技能竞赛\n我市召开助残日活动部署会", tmp_path)
    assert texts(doc.body[0].blocks) == ["困难残疾人生活补贴标准提高到120元。"]
    assert any("我市举办残疾人职业技能竞赛" in line for line in dropped)
    far = body + "往期推荐\n" + "".join(f"第{i}段正文。\n" for i in range(80))  # not near the end (control)
    doc, _, _ = draft(far, tmp_path)
    assert texts(doc.body[0].blocks)[-1] == "第79段正文。"


def test_the_other_articles_at_the_end_of_a_markdown_article_are_left_out() -> None:
    source = (
        "# 我市残疾人两项补贴标准再提高\n\n## 一、提高标准\n\n困难残疾人生活补贴标准提高到120元。\n\n"
        "往期推荐\n\n[我市举办残疾人职业技能竞赛](https://mp.weixin.qq.com/s/abc)\n"
    )
    result = import_text(source, source_name="article.md")
    assert yaml.safe_load(result.yaml)["body"][0]["blocks"] == ["困难残疾人生活补贴标准提高到120元。"]
    assert "第9行：我市举办残疾人职业技能竞赛" in result.dropped


def test_a_site_s_menu_at_the_top_of_a_text_is_left_out_and_stacked_issuers_are_not(tmp_path: Path) -> None:
    text = "首页\n新闻中心\n政务公开\n办事服务\n\n某市民政局\n某市财政局\n某市残疾人联合会\n某市卫生健康委员会\n关于提高补贴标准的通知\n各区县：\n现将有关事项通知如下。\n"
    doc, _, dropped = draft(text, tmp_path)
    assert doc.issuer == "某市民政局 某市财政局 某市残疾人联合会 某市卫生健康委员会"
    assert [line.split("：")[1] for line in dropped] == ["首页", "新闻中心", "政务公开", "办事服务"]
    assert "首页" not in doc.preamble


_WECHAT_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
<h1 class="rich_media_title">关于提高残疾人两项补贴标准的通知</h1>
<div id="meta_content"><span>某市残联</span> <em id="publish_time">2026-03-18 09:30</em> <em>浙江</em></div>
<div id="js_content"><p>各区县残联：</p><p>经市政府同意，决定提高残疾人两项补贴标准。</p>
<p>某市残疾人联合会</p><p>2026年3月15日</p><p>来源：某市残联</p></div>
<div class="rich_media_tool"><a>阅读原文</a><span>阅读 1024</span></div>
<div class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div>
</body></html>"""


def test_a_saved_wechat_article_gives_the_document_its_signature_and_source() -> None:
    """Its byline, tool bar and QR code are chrome, and 来源： at its end is the page's fact: the
    落款 before them all is the signature."""
    result = import_text(_WECHAT_PAGE, source_name="article.html")
    fields = yaml.safe_load(result.yaml)
    assert fields["preamble"] == "各区县残联：\n\n经市政府同意，决定提高残疾人两项补贴标准。"
    assert fields["signature"] == {"issuer": "某市残疾人联合会", "date": dt.date(2026, 3, 15)}
    assert fields["source"] == {"title": "某市残联"}
    assert sum("网页导航等" in line for line in result.dropped) == 3, result.dropped


_MENU_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head><body>
<div class="top"><ul>{items}</ul></div>
<h1>关于做好2026年全国助残日活动的通知</h1>
<p>各区县残联：</p><p>今年5月17日是第三十六次全国助残日。</p>
<p>某市残疾人联合会</p><p>2026年4月20日</p>
<p>上一篇：关于开展残疾人职业技能竞赛的通知</p><p>【打印本页】【关闭窗口】</p>
</body></html>"""


def test_a_site_s_menu_is_chrome_whatever_its_class_and_the_signature_is_read() -> None:
    items = "".join(
        f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(["首页", "新闻中心", "政务公开", "办事服务"])
    )
    result = import_text(_MENU_PAGE.format(items=items), source_name="page.html")
    fields = yaml.safe_load(result.yaml)
    assert fields["preamble"] == "各区县残联：\n\n今年5月17日是第三十六次全国助残日。"
    assert fields["signature"] == {"issuer": "某市残疾人联合会", "date": dt.date(2026, 4, 20)}
    assert any("首页新闻中心政务公开办事服务" in line for line in result.dropped)


@pytest.mark.parametrize(
    "items",
    [
        '<li><a href="a1.pdf">附件1</a></li><li><a href="a2.docx">附件2</a></li><li><a href="a3.xls">附件3</a></li>',
        '<li><a href="/a/">康复服务</a></li><li><a href="/b/">教育就业</a></li>',  # two items
        '<li><a href="/a/">残疾人康复服务实施办法</a></li><li><a href="/b/">残疾人教育条例</a></li><li><a href="/c/">就业办法</a></li>',
        "<li>康复</li><li>教育</li><li>就业</li>",  # no links
    ],
)
def test_a_list_that_is_not_a_menu_is_kept(items: str) -> None:
    """Controls: files, two items, longer titles, or items that are not links are the page's text."""
    result = import_text(_MENU_PAGE.format(items=items), source_name="page.html")
    for name in re.findall(">([^<>]+)</", items):
        assert name in result.yaml, (name, result.yaml)
    assert not any("网页导航等" in line and "上一篇" not in line and "打印" not in line for line in result.dropped)


def _cell(text: str, rows: int = 1, cols: int = 1) -> SourceCell:
    return SourceCell(text, rows, cols, False)


def test_a_header_over_two_rows_of_plain_cells_is_one_header() -> None:
    """A web page's or a PDF's table marks no header cells: a first row whose cells reach down two
    rows or span the labels below them heads two rows (补贴 over 一般 | 困难)."""
    table = from_grid(
        [
            [_cell("类别", rows=2), _cell("补贴（元）", cols=2)],
            [_cell("一般"), _cell("困难")],
            [_cell("轮椅"), _cell("800"), _cell("1200")],
        ],
        1,
    )
    assert table is not None
    assert (table.head, table.body) == (["类别", "补贴（元） 一般", "补贴（元） 困难"], [["轮椅", "800", "1200"]])


def test_a_first_row_over_rows_of_data_is_a_header_of_one_row() -> None:
    """The control: the first row spans no columns, so the cell reaching down merges data rows."""
    table = from_grid(
        [
            [_cell("地区"), _cell("项目"), _cell("人数")],
            [_cell("城区", rows=2), _cell("康复"), _cell("120")],
            [_cell("就业"), _cell("80")],
        ],
        1,
    )
    assert table is not None
    assert table.head == ["地区", "项目", "人数"]
    assert table.body == [["城区", "康复", "120"], ["就业", "80"]]  # 城区 goes on over the second row
    assert table.spans == {(1, 0): (2, 1)}


def test_a_first_row_across_the_table_is_its_title() -> None:
    """表1 typed in a first row merged across the table (Word, a saved page, a PDF): the table's
    title, and the row under it its header."""
    rows = [[_cell("指标"), _cell("2025年")], [_cell("就业人数"), _cell("1.2")], [_cell("康复覆盖率"), _cell("85")]]
    table = from_grid([[_cell("表1　主要指标", cols=2)], *rows], 1)
    assert table is not None
    assert (table.caption, table.head, table.body) == (
        "表1　主要指标",
        ["指标", "2025年"],
        [["就业人数", "1.2"], ["康复覆盖率", "85"]],
    )
    # The controls: a row across the table under the header is a group row; two rows are no titled table.
    grouped = from_grid([rows[0], [_cell("一、康复", cols=2)], *rows[1:]], 1)
    assert grouped is not None and (grouped.caption, grouped.groups) == ("", {1})
    unit = from_grid([[_cell("表1　主要指标", cols=2)], [_cell("单位：万人", cols=2)], *rows], 1)
    assert unit is not None and (unit.caption, unit.head) == ("表1　主要指标（单位：万人）", ["指标", "2025年"])
    two = from_grid([[_cell("表1　主要指标", cols=2)], rows[0]], 1)
    assert two is not None and (two.caption, two.body) == ("", [["指标", "2025年"]])


def test_an_empty_row_across_a_table_is_left_out_and_a_row_with_text_is_a_group() -> None:
    row, group = [_cell("就业人数"), _cell("1.2")], [_cell("一、就业", cols=2)]
    table = from_grid([[_cell("指标"), _cell("2025年")], group, row, [_cell("", cols=2)], row], 1)
    assert table is not None and (table.body, table.groups) == (
        [["一、就业"], ["就业人数", "1.2"], ["就业人数", "1.2"]],
        {1},
    )


def test_a_merge_overlapping_another_takes_the_rectangle_left_free() -> None:
    """f reaches down two rows and across two columns, but c (from the header) holds the second
    column in f's first row: f takes one column over its two rows, and g's row is complete."""
    c = [_cell("a"), _cell("b", cols=3), _cell("c", rows=3)]
    table = from_grid([c, [_cell("d")], [_cell("e", cols=3), _cell("f", rows=2, cols=2)], [_cell("g")]], 1)
    assert table is not None
    assert table.body == [["d", "", "", "", ""], ["e", "f", ""], ["g", "", "", ""]]
    assert table.spans == {(2, 0): (1, 3), (2, 1): (2, 1)}


def test_a_table_s_own_title_is_its_caption_in_the_draft(tmp_path: Path) -> None:
    row = "<tr><td>{}</td><td>{}</td></tr>"
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市规划</title></head><body>'
        "<h1>某市残疾人事业发展规划</h1><p>一、主要指标</p><p>{before}</p><table>"
        '<tr><td colspan="2">{title}</td></tr>'
        + row.format("指标", "2030年") + row.format("就业人数", "1.5") + row.format("康复覆盖率", "90")
        + "</table><p>二、主要任务</p><p>加强康复服务。</p></body></html>"
    )  # fmt: skip
    blocks = yaml.safe_load(
        import_text(page.format(before="主要指标", title="表1　主要指标"), source_name="a.html").yaml
    )["body"][0]["blocks"]
    assert blocks[0] == "主要指标" and blocks[1]["table"]["caption"] == "表1　主要指标"
    assert blocks[1]["table"]["head"] == ["指标", "2030年"]
    # A sentence across the top is no title: it stays text before the table, which gets its caption as before.
    sentence = "本表数据截至2024年底，由市残联统计。"
    blocks = yaml.safe_load(import_text(page.format(before="正文。", title=sentence), source_name="a.html").yaml)[
        "body"
    ][0]["blocks"]
    assert blocks[:2] == ["正文。", sentence] and blocks[2]["table"]["head"] == ["指标", "2030年"]


UNIT_PLAN = """某市残疾人事业发展规划

一、主要指标
到2030年，主要指标如下。
表1　主要发展指标
{unit}
指标\t2025年\t2030年
残疾人就业人数\t1.2\t1.5
康复服务人数\t3.0\t3.5
二、主要任务
加强康复服务。
"""


@pytest.mark.parametrize(
    ("unit", "caption"),
    [
        ("单位：万人", "表1　主要发展指标（单位：万人）"),
        ("（单位：万人）", "表1　主要发展指标（单位：万人）"),
        ("", "表1　主要发展指标"),
    ],
)
def test_the_unit_between_a_table_s_title_and_the_table_goes_with_the_title(unit: str, caption: str) -> None:
    draft = yaml.safe_load(import_text(UNIT_PLAN.format(unit=unit), source_name="plan.txt").yaml)
    blocks = draft["body"][0]["blocks"]
    assert blocks[0] == "到2030年，主要指标如下。" and blocks[1]["table"]["caption"] == caption


def test_a_unit_line_with_no_table_after_it_is_text() -> None:
    text = UNIT_PLAN.replace("指标\t2025年\t2030年\n残疾人就业人数\t1.2\t1.5\n康复服务人数\t3.0\t3.5\n", "")
    blocks = yaml.safe_load(import_text(text.format(unit="单位：万人"), source_name="plan.txt").yaml)["body"][0][
        "blocks"
    ]
    assert blocks == ["到2030年，主要指标如下。", "表1　主要发展指标", "单位：万人"]


def test_a_sentence_before_a_table_is_text_and_a_short_name_its_caption() -> None:
    assert not caption_like("实施残疾人就业帮扶行动，全年新增残疾人就业1200人。主要指标如下：")
    assert caption_like("表1 主要指标")  # the control
    assert caption_like("主要指标如下：")  # a lead-in of no sentence may name it (the editor is asked)


def test_a_letterhead_is_a_whole_line_naming_an_issuer_and_its_documents() -> None:
    assert is_letterhead("某市残疾人联合会文件") and is_letterhead("某某县人民政府办公室文件")
    assert not is_letterhead("各单位要认真学习贯彻某市残疾人联合会文件。")  # a sentence (its controls)
    assert not is_letterhead("请各单位对照《某市残疾人联合会文件》")


def test_joint_issuers_set_as_large_as_the_title_above_it_are_the_issuers() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>通知</title></head><body><h1>{}<br>{}</h1>'
        "<p>各市残联：</p><p>现通知如下。</p><p>一、提高标准</p><p>按新标准执行。</p></body></html>"
    )
    joint = import_text(page.format("某省残疾人联合会　某省民政厅", "关于提高两项补贴标准的通知"), source_name="a.html")
    assert "\ntitle: 关于提高两项补贴标准的通知\nissuer: 某省残疾人联合会 某省民政厅\n" in joint.yaml
    # The control: a title whose first line is its issuer's name, going on without 关于, is one title.
    plain = import_text(page.format("中国残疾人联合会", "2025年工作要点"), source_name="b.html")
    assert "\ntitle: 中国残疾人联合会2025年工作要点\n" in plain.yaml


JOINT_HEAD = """\
某省残疾人联合会　文件
某省民政厅
某省财政厅

某残联发〔2026〕3号

关于提高两项补贴标准的通知

各市残联、民政局、财政局：
现就提高两项补贴标准有关事项通知如下。
一、提高补贴标准
自2026年1月1日起执行新标准。

某省残疾人联合会　　某省民政厅　　某省财政厅
2026年1月10日
"""


def test_issuers_stacked_in_a_letterhead_are_all_the_issuers(tmp_path: Path) -> None:
    doc, _, dropped = draft(JOINT_HEAD, tmp_path)
    assert doc.issuer == "某省残疾人联合会 某省民政厅 某省财政厅" and doc.title == "关于提高两项补贴标准的通知"
    assert any("某省残疾人联合会　文件" in entry for entry in dropped)  # 文件 after a space is the letterhead too
    # Without a 落款, the issuers stacked above the title are all of them.
    unsigned = JOINT_HEAD.replace("某省残疾人联合会　文件\n", "某省残疾人联合会\n").split("\n\n某省残疾人联合会　　")[0]
    doc, _, _ = draft(unsigned, tmp_path)
    assert doc.issuer == "某省残疾人联合会 某省民政厅 某省财政厅" and doc.signature is None
    # The control: an issuer above the title other than the 落款's stays the issuer.
    doc, _, _ = draft(
        JOINT_HEAD.replace("某省残疾人联合会　文件\n某省民政厅\n某省财政厅\n", "某市人民政府\n"), tmp_path
    )
    assert doc.issuer == "某市人民政府"


def _word_with_table(rows: list[list[str]], merged_column: bool) -> bytes:
    import io

    from docx import Document

    document = Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merged_column:
        table.cell(0, 1).merge(table.cell(len(rows) - 1, 1)).text = "文件"
    for text in ("关于提高两项补贴标准的通知", "各市残联：", "现通知如下。", "一、提高标准", "按新标准执行。"):
        document.add_paragraph(text)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def test_a_letterhead_laid_out_as_a_table_is_left_out_but_a_table_of_issuers_is_not() -> None:
    from plansite.importer import import_bytes

    letterhead = _word_with_table([["某省残疾人联合会", ""], ["某省民政厅", ""]], merged_column=True)
    result = import_bytes(letterhead, source_name="a.docx", doc_id="a")
    assert "第1段（发文机关标志）：某省残疾人联合会 某省民政厅 文件" in result.dropped
    assert "table:" not in result.yaml and "\ntitle: 关于提高两项补贴标准的通知\n" in result.yaml
    # The control: the same names without 文件 are a table of the text (单位 and what each does).
    table = _word_with_table([["单位", "任务"], ["某省残疾人联合会", "某省民政厅"]], merged_column=False)
    assert "table:" in import_bytes(table, source_name="b.docx", doc_id="b").yaml


def test_a_heading_with_nothing_under_it_stays_where_it_was_read(tmp_path: Path) -> None:
    doc, _, _ = draft(
        """
        某市残疾人康复服务实施方案

        一、工作目标
        内容一。
        二、主要指标
        三、主要任务
        （一）康复评估
        1.开展评估
        内容二。
        （二）机构建设
        （三）人才培养
        内容三。
        """,
        tmp_path,
    )
    assert not doc.preamble  # it was put before 一、, out of its place
    assert [s.label for s in doc.body] == ["一、", "三、"] and texts(doc.body[0].blocks) == ["内容一。", "二、主要指标"]
    assert [s.label for s in doc.body[1].sections] == ["（一）", "（三）"]
    assert not doc.body[1].blocks  # it was put in 三、's text, before （一）
    assert texts(doc.body[1].sections[0].sections[0].blocks) == ["内容二。", "（二）机构建设"]


def test_a_tab_at_a_row_s_start_is_an_empty_first_cell(tmp_path: Path) -> None:
    doc, _, _ = draft(
        "某县康复工作方案\n\n一、主要指标\n主要指标如下。\n\t2025年\t2026年\t\n覆盖率\t80%\t85%\n\t85%\t90%\n\n"
        "二、保障措施\n加强领导。\n",
        tmp_path,
    )
    table = next(b for b in doc.body[0].blocks if isinstance(b, m.Table))
    # The corner above the row headers is empty: 2025年 stays over 80%, not over 覆盖率.
    assert table.head == ("第1列", "2025年", "2026年")  # a tab at the end adds no column
    assert cell_texts(table) == (("覆盖率", "80%", "85%"), ("", "85%", "90%"))


def test_every_column_of_a_word_or_web_table_is_titled_so_the_draft_passes_check(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("某市残联关于举办职业技能竞赛的通知", style="Title")
    document.add_paragraph("一、报名", style="Heading 1")
    table = document.add_table(rows=3, cols=4)  # a form to fill in: its blank cells beside the fields' names
    for r, row in enumerate(
        [["姓名", "", "性别", ""], ["出生年月", "", "残疾类别", ""], ["联系电话", "", "身份证号", ""]]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    source = tmp_path / "form.docx"
    document.save(str(source))
    doc, result = draft_of_file(source, tmp_path)  # loads as `check` does: it would raise on an empty title
    found = next(b for b in doc.body[0].blocks if isinstance(b, m.Table))
    assert found.head == ("姓名", "第2列", "性别", "第4列") and "第2列没有列标题" in result.yaml


def test_a_paragraph_longer_than_a_field_allows_is_split_at_sentence_ends(tmp_path: Path) -> None:
    sentence = "各地要认真落实残疾人两项补贴制度，确保应补尽补、按时足额发放到位。"  # 33 characters
    long = sentence * 700  # 23,100 characters: over the 20,000 a paragraph may have
    doc, yaml_text, _ = draft(f"某县康复工作方案\n\n一、总体要求\n{long}\n二、保障措施\n加强领导。\n", tmp_path)
    parts = texts(doc.body[0].blocks)  # loaded as `check` loads it: an over-long paragraph would fail
    assert len(parts) == 2 and "".join(parts) == long and all(part.endswith("。") for part in parts)
    assert "超过每段 20000 字的上限，已在句末分成 2 段" in yaml_text


def test_a_title_or_a_cell_longer_than_check_takes_becomes_text_in_place(tmp_path: Path) -> None:
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("某市残疾人事业发展规划", style="Title")
    document.add_paragraph("一、总体要求", style="Heading 1")
    paragraph = document.add_paragraph()
    paragraph.add_run("（一）" + "加强组织领导和统筹协调" * 25 + "。").bold = True  # a run-in title of 276 characters
    paragraph.add_run("各地要落实。")
    table = document.add_table(rows=2, cols=2)  # a table laying out text: a cell of 6,000 characters
    for (r, c), text in {(0, 0): "项目", (0, 1): "说明", (1, 0): "甲", (1, 1): "很长" * 3000}.items():
        table.cell(r, c).text = text
    document.add_paragraph("（二）完善服务。", style="Normal").runs[0].bold = True
    document.add_paragraph("做好服务。")
    source = tmp_path / "long.docx"
    data = io.BytesIO()
    document.save(data)
    source.write_bytes(data.getvalue())
    doc, result = draft_of_file(source, tmp_path)  # loads as `check` does
    first, second = doc.body[0].sections
    assert (first.label, first.title) == ("（一）", "") and texts(first.blocks)[:2] == [
        "加强组织领导和统筹协调" * 25 + "。",
        "各地要落实。",
    ]
    assert texts(first.blocks)[2:] == ["项目", "说明", "甲", "很长" * 3000]
    assert (second.label, second.title) == ("（二）", "完善服务。")  # the control: a title that fits stays one
    assert "标题有 276 个字" in result.yaml and "已按行逐格写成段落" in result.yaml


IMPRINTED = """\
某县残疾人联合会关于做好2026年助残工作的通知

各乡镇残联：
现将有关事项通知如下。
一、工作要求
按时上报，抄送：县民政局的材料一并报送。

某县残疾人联合会
2026年3月2日

抄送：县委办、县政府办。
某县残疾人联合会办公室　　　　2026年3月2日印发
"""


def test_the_imprint_after_the_signature_is_not_the_text(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(IMPRINTED, tmp_path)
    assert doc.signature is not None and doc.signature.issuer == "某县残疾人联合会"
    assert texts(doc.body[0].blocks) == ["按时上报，抄送：县民政局的材料一并报送。"]  # a sentence with 抄送 stays
    assert "# 请核对：文末的版记没有导入：抄送：县委办、县政府办。；某县残疾人联合会办公室" in yaml_text
    # The control: without a 落款 before them, the lines are kept as the text.
    doc, _, _ = draft(IMPRINTED.replace("某县残疾人联合会\n2026年3月2日\n", ""), tmp_path)
    assert doc.signature is None and texts(doc.body[0].blocks)[-1].endswith("2026年3月2日印发")


@pytest.mark.parametrize("bold", ['<span style="font-weight:bold">', '<span style="font-weight: 700;">', "<strong>"])
def test_a_run_in_title_set_bold_by_a_style_is_the_section_s_title(bold: str) -> None:
    """公众号 articles and CMS editors set bold with a style, not <strong>."""
    close = "</strong>" if bold == "<strong>" else "</span>"
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>要点</title></head><body>'
        "<h1>2026年全市残疾人工作要点</h1><p>一、保障民生</p>"
        f"<p>{bold}（一）落实两项补贴制度{close}<span>全面落实两项补贴。</span></p>"
        f"<p>{bold}（二）促进残疾人就业{close}<span>实施就业帮扶行动。</span></p></body></html>"
    )
    sections = yaml.safe_load(import_text(page, source_name="a.html").yaml)["body"][0]["sections"]
    assert [(s["title"], s["blocks"]) for s in sections] == [
        ("落实两项补贴制度", ["全面落实两项补贴。"]),
        ("促进残疾人就业", ["实施就业帮扶行动。"]),
    ]


def test_text_in_a_style_of_normal_weight_is_no_title() -> None:
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>要点</title></head><body>'
        "<h1>2026年全市残疾人工作要点</h1><p>一、保障民生</p>"
        '<p><span style="font-weight:400">（一）落实两项补贴制度</span><span>全面落实两项补贴。</span></p>'
        '<p><span style="font-weight:400">（二）促进残疾人就业</span><span>实施就业帮扶行动。</span></p></body></html>'
    )
    assert "sections" not in yaml.safe_load(import_text(page, source_name="a.html").yaml)["body"][0]


@pytest.mark.parametrize("label", ["专栏一　", "【专栏1】", "[专栏1]", "专栏1："])
def test_a_box_labelled_as_plans_write_it_is_a_box(label: str) -> None:
    text = f"某市残疾人事业发展规划\n\n一、主要任务\n加强康复服务。\n{label}残疾人康复重点工程\n1.精准康复服务行动。\n二、保障措施\n加强领导。\n"
    blocks = yaml.safe_load(import_text(text, source_name="plan.txt").yaml)["body"][0]["blocks"]
    assert blocks[1]["box"]["title"] == "残疾人康复重点工程" and blocks[1]["box"]["blocks"] == ["1.精准康复服务行动。"]


def test_a_sentence_that_starts_with_the_word_is_no_box() -> None:
    text = "某市残疾人事业发展规划\n\n一、主要任务\n专栏一是介绍康复服务的内容。\n二、保障措施\n加强领导。\n"
    blocks = yaml.safe_load(import_text(text, source_name="plan.txt").yaml)["body"][0]["blocks"]
    assert blocks == ["专栏一是介绍康复服务的内容。"]


@pytest.mark.parametrize("title", ["某市残疾人就业服务指南", "某市无障碍环境建设技术导则", "某市残疾人托养服务规范"])
def test_a_guide_s_title_is_found_and_its_kind_is_guide(title: str) -> None:
    draft = import_text(f"{title}\n\n一、总则\n\n为规范服务，制定本{title[-2:]}。\n", source_name="guide.txt").yaml
    assert f"\ntitle: {title}\n" in draft and "\nkind: guide\n" in draft


GUIDE = """某市残疾人托养服务规范

1 范围
本规范规定了残疾人托养服务的基本要求。
2 基本要求
2.1 机构要求
2.1.1 托养服务机构应依法登记。
2.1.2 托养服务机构应配备无障碍设施。
2.2 人员要求
2.2.1 应配备专业护理人员。
3 服务内容
3.1 生活照料。包括饮食、起居、清洁等服务。
"""


def test_a_guideline_s_chapters_and_clauses_are_its_sections() -> None:
    body = yaml.safe_load(import_text(GUIDE, source_name="guide.txt").yaml)["body"]
    assert [s["title"] for s in body] == ["1 范围", "2 基本要求", "3 服务内容"]
    assert body[0]["blocks"] == ["本规范规定了残疾人托养服务的基本要求。"]
    assert [(s["label"], s["title"]) for s in body[1]["sections"]] == [("2.1", "机构要求"), ("2.2", "人员要求")]
    assert body[1]["sections"][0]["blocks"] == [
        "2.1.1 托养服务机构应依法登记。",
        "2.1.2 托养服务机构应配备无障碍设施。",
    ]


def test_a_number_and_a_space_without_clauses_or_out_of_turn_is_text() -> None:
    """The controls: 1.5万人 is no clause; a line starting 10 个 is no chapter, with clauses or without."""
    assert numbered("1.5万人实现就业。") is None and numbered("1.1 机构要求") is not None
    plain = "某市残疾人工作要点\n\n一、主要任务\n全年\n10 个区县开展托养服务。\n"
    assert (
        "10 个区县开展托养服务。" in yaml.safe_load(import_text(plain, source_name="a.txt").yaml)["body"][0]["blocks"]
    )
    guide = GUIDE.replace("3 服务内容\n", "3 服务内容\n10 个区县开展托养服务\n")
    assert "10 个区县开展托养服务" not in [
        s["title"] for s in yaml.safe_load(import_text(guide, source_name="g.txt").yaml)["body"]
    ]


def test_radicals_a_pdf_s_text_has_for_characters_are_the_characters(tmp_path: Path) -> None:
    """⼀ (the Kangxi radical, U+2F00) for 一, ⻓ for 长: text extracted from a PDF often has
    them. They look the same, but 第⼀章 would be no heading, search would not find ⽤⼾, and
    check refuses them; the draft has the characters. ⺀ stands for none, and goes."""
    text = (
        "某市残疾⼈就业⼯作⽅案\n\n⼀、⼯作⽬标\n\n全市⽤⼾服务⻓期稳定⺀。\n\n"
        "⼆、保障措施\n\n项⽬\t责任单位\t完成时间\n就业\t市残联\t⻓期\n康复\t市卫健委\t2026年\n"
    )
    doc, yaml_text, dropped = draft(text, tmp_path)
    assert doc.title == "某市残疾人就业工作方案"
    assert [s.label for s in doc.body] == ["一、", "二、"]
    assert "全市用户服务长期稳定。" in yaml_text and "[就业, 市残联, 长期]" in yaml_text
    assert [line for line in dropped if "把 " in line and "个部首字符换成了它们代表的汉字" in line], dropped


def test_a_text_without_radicals_says_nothing_of_them(tmp_path: Path) -> None:
    _, _, dropped = draft("某市残疾人就业工作方案\n\n一、工作目标\n\n全市用户服务长期稳定。\n", tmp_path)
    assert not [line for line in dropped if "部首" in line]


def test_a_private_use_character_is_marked_for_the_editor_never_dropped(tmp_path: Path) -> None:
    """A 生僻字 made in one office's font is a private-use code point: no reader's font draws it
    and check refuses it. Dropped, 王\ue123明 would read as the wrong name 王明; the draft has 王〓明,
    and the editor is shown where."""
    _, yaml_text, dropped = draft(
        "关于表彰自强模范的通知\n\n各区残联：\n\n授予王\ue123明同志“自强模范”称号。\n", tmp_path
    )
    assert "授予王〓明同志" in yaml_text and "\ue123" not in yaml_text
    assert [line for line in dropped if "1 个字符是私用区编码" in line and "在 ……授予王〓明同志“自强……）" in line], (
        dropped
    )


PLAN_UNDER_H2 = (
    "## 某县残疾人康复服务实施方案\n\n为做好残疾人康复服务工作，制定本方案。\n\n### 一、工作目标\n\n到2026年，覆盖率达到85%。\n\n"
    "### 二、主要任务\n\n#### （一）开展康复评估\n\n各乡镇开展评估。\n"
)


@pytest.mark.parametrize("source_name", ["plan.md", "plan.html"])
def test_a_title_marked_a_level_too_low_over_deeper_sections_is_the_title(tmp_path: Path, source_name: str) -> None:
    """A page or a text that starts at <h2> or ## (no <h1>, no #): its first heading, with no
    label and every other heading deeper, is the title (in Word: a title styled 标题 1)."""
    text = PLAN_UNDER_H2
    if source_name.endswith(".html"):
        text = (
            "<html><body>"
            + "".join(
                f"<h{len(line.split()[0])}>{line.split(maxsplit=1)[1]}</h{len(line.split()[0])}>"
                if line.startswith("#")
                else f"<p>{line}</p>"
                for line in PLAN_UNDER_H2.split("\n\n")
            )
            + "</body></html>"
        )
    doc, _, _ = draft(text, tmp_path, source_name)
    assert doc.title == "某县残疾人康复服务实施方案" and doc.kind == "programme"
    assert [s.label for s in doc.body] == ["一、", "二、"] and doc.body[1].sections[0].label == "（一）"


@pytest.mark.parametrize(
    "text",
    [
        "## 第一章 总则\n\n### 第一节 一般规定\n\n第一条 为了……，制定本办法。\n\n第二条 本办法适用于……。\n",  # a chapter
        "## 前言\n\n为了……，制定本规划。\n\n## 一、发展基础\n\n我市……。\n",  # a heading at its level follows
    ],
    ids=["labelled", "another at its level"],
)
def test_a_first_heading_that_is_a_section_is_not_taken_for_the_title(tmp_path: Path, text: str) -> None:
    doc, _, _ = draft(text, tmp_path, "plan.md")
    assert doc.title == UNTITLED


OLD_CMS_PAGE = """<html><body><table width="980"><tr><td colspan="2"><img src="banner.jpg"></td></tr>
<tr><td width="200" valign="top">栏目导航<br><a href="/tzgg/">通知公告</a><br><a href="/zcfg/">政策法规</a><br><a href="/gzdt/">工作动态</a></td>
<td valign="top"><p align="center"><b>关于开展2026年全国助残日活动的通知</b></p>
<p>各区县残联：</p><p>今年5月17日是第三十六次全国助残日。现就做好活动有关事项通知如下：</p>
<p>一、活动主题</p><p>活动主题为“科技助残，共享美好生活”。</p>
<p>二、活动安排</p><p>各地要结合实际，组织开展形式多样的活动。</p>
{table}
<p>详见<a href="/a/1.html">市残联关于做好助残日宣传工作的说明</a>、<a href="/a/2.html">助残日活动安排</a>、<a href="/a/3.html">往年助残日活动情况</a>。</p>
<p align="right">某市残疾人联合会</p><p align="right">2026年4月20日</p></td></tr>
<tr><td colspan="2">版权所有：某市残疾人联合会　地址：某市某路1号<br><a href="/map">网站地图</a> | <a href="/lx">联系我们</a> | <a href="/sm">网站声明</a></td></tr></table></body></html>"""
DATA_TABLE = """<table border="1"><tr><th>时间</th><th>活动</th></tr><tr><td>5月17日</td><td><p>启动仪式</p><p>志愿服务</p></td></tr>
<tr><td>5月18日</td><td>走访慰问</td></tr></table>"""


@pytest.mark.parametrize("inside", ["", DATA_TABLE], ids=["text only", "with a data table"])
def test_a_page_laid_out_in_a_table_is_read_as_its_blocks(tmp_path: Path, inside: str) -> None:
    """An older CMS lays the page out in a table: the menu in one cell, the document in the next,
    the footer in a row across. Read as a data table, the whole notice was one cell of a table
    and no title was found. Its menu (links under a label), footer and footer links are left out;
    a data table in it, with a cell of two paragraphs, stays a table, and a sentence of long links
    stays text (controls)."""
    doc, _, dropped = draft(OLD_CMS_PAGE.replace("{table}", inside), tmp_path, "old-cms.html")
    assert doc.title == "关于开展2026年全国助残日活动的通知" and doc.signature is not None
    assert [s.label for s in doc.body] == ["一、", "二、"]
    tables = [b for b in doc.body[1].blocks if isinstance(b, m.Table)]
    assert [cell_texts(t) for t in tables] == (
        [(("5月17日", "启动仪式 志愿服务"), ("5月18日", "走访慰问"))] if inside else []
    )
    assert any(
        "详见市残联关于做好助残日宣传工作的说明" in b.source for b in doc.body[1].blocks if isinstance(b, m.Text)
    )
    left_out = "\n".join(dropped)
    assert "栏目导航通知公告政策法规工作动态" in left_out and "版权所有" in left_out and "网站地图" in left_out


def test_the_public_note_under_the_signature_closes_the_document(tmp_path: Path) -> None:
    """（此件公开发布） under the 落款 is the document's last words: it was the text of the annex
    the 附件 line names (which the file does not hold), or of the last section."""
    doc, yaml_text, _ = draft(
        "关于做好2026年残疾人就业工作的通知\n\n各区县残联：\n\n现通知如下。\n\n一、加强就业服务\n\n各地要做好就业服务。\n\n"
        "附件：2026年残疾人就业工作任务分解表\n\n某市残疾人联合会\n2026年4月20日\n\n（此件公开发布）\n",
        tmp_path,
    )
    assert "closing: |-\n  （此件公开发布）\nsignature:" in yaml_text
    assert not doc.annexes and "（此件公开发布）" not in str(doc.body)


def test_a_contact_under_the_signature_is_a_note_as_the_public_note_is(tmp_path: Path) -> None:
    """（联系人：……） under the 落款 of a reply or a 请示, alone or after （此件公开发布）: before,
    the 落款 above it was not found and was published as text."""
    head = "关于第45号建议的答复\n\n王芳代表：\n\n现答复如下。\n\n一、基本情况\n\n已实施。\n\n特此答复。\n\n"
    for notes in (
        ["（联系人：李华；联系电话：0827-7654321）"],
        ["（此件公开发布）", "（联系人：李华，电话：7654321）"],
    ):
        doc, _, _ = draft(head + "某市残疾人联合会\n2024年6月20日\n\n" + "\n".join(notes) + "\n", tmp_path)
        assert doc.signature is not None and doc.signature.issuer == "某市残疾人联合会"
        assert doc.closing.split("\n\n") == ["特此答复。", *notes]
    # The control: a bracketed line that is no 附注 after the 落款 leaves it text, as before.
    doc, _, _ = draft(head + "某市残疾人联合会\n2024年6月20日\n\n（请各单位认真落实）\n", tmp_path)
    assert doc.signature is None


def test_the_keywords_of_an_older_document_s_imprint_are_its_keywords(tmp_path: Path) -> None:
    """Before 2012 (GB/T 9704-1999) a 公文's 版记 starts with its 主题词: the 落款 above it was not
    found and the 版记 was published as text; now they are the keywords, the rest a comment."""
    doc, yaml_text, _ = draft(
        "关于做好2010年残疾人就业工作的通知\n\n各区县残联：\n\n现通知如下。\n\n一、加强就业服务\n\n各地要做好就业服务。\n\n"
        "某市残疾人联合会\n二〇一〇年四月二十日\n\n主题词：残疾人　就业　通知\n\n抄送：市委办公室，市政府办公室。\n\n"
        "某市残疾人联合会办公室　　　　2010年4月20日印发\n",
        tmp_path,
    )
    assert doc.keywords == ("残疾人", "就业", "通知") and doc.signature is not None
    assert "# 请核对：文末的版记没有导入：抄送：市委办公室，市政府办公室。；某市残疾人联合会办公室" in yaml_text
    assert "主题词" not in yaml_text


def _saved_as_one_file(page: str, charset: str, encoding: str) -> bytes:
    """`page` as a browser saves it as one file (.mht, .mhtml): a MIME message, the page first
    (quoted-printable as Chrome writes it, or base64 in GB2312 as Internet Explorer did), a picture after it."""
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.nonmultipart import MIMENonMultipart

    message = MIMEMultipart("related", type="text/html")
    message["From"] = "<Saved by Blink>"
    message["Subject"] = "关于开展助残日活动的通知"
    html = MIMENonMultipart("text", "html")
    if charset:
        html.set_param("charset", charset)
    body = page.encode(charset or "utf-8")
    if encoding == "quoted-printable":
        import quopri

        html.set_payload(quopri.encodestring(body).decode("ascii"))
    else:
        import base64

        html.set_payload(base64.encodebytes(body).decode("ascii"))
    html["Content-Transfer-Encoding"] = encoding
    message.attach(html)
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(40), "png"))
    return message.as_bytes()


@pytest.mark.parametrize(
    ("charset", "encoding"), [("", "quoted-printable"), ("gb2312", "base64")], ids=["Chrome", "IE"]
)
def test_a_page_saved_as_one_file_gives_the_page_s_draft(charset: str, encoding: str) -> None:
    """Saved as one file (网页，单个文件), a page was imported as its MIME encoding: =E5=85=B3…"""
    page = (
        "<html><head><title>关于开展助残日活动的通知</title></head><body><h1>关于开展助残日活动的通知</h1>"
        "<p>各区残联：</p><p>请做好活动安排。</p><p>一、活动主题</p><p>科技助残。</p></body></html>"
    )
    saved = import_bytes(_saved_as_one_file(page, charset, encoding), source_name="notice.mht", doc_id="x")
    direct = import_text(page, source_name="notice.html", doc_id="x")
    assert saved.yaml.replace("notice.mht", "notice.html") == direct.yaml
    assert "title: 关于开展助残日活动的通知" in saved.yaml and "=E5" not in saved.yaml


def test_a_file_of_mime_parts_without_a_page_says_so() -> None:
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart

    message = MIMEMultipart("related")
    message.attach(MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(40), "png"))
    with pytest.raises(SourceError, match=r"x\.mht 是保存成单个文件的网页（\.mht），但里面没有网页的正文"):
        import_bytes(message.as_bytes(), source_name="x.mht")


def test_a_data_table_with_a_cell_of_many_lines_stays_a_table(tmp_path: Path) -> None:
    """Control for a page laid out in a table: a table of many rows whose cell lists eight
    departments, one a line, is the document's table."""
    rows = "".join(f"<tr><td>任务{n}</td><td>落实措施{n}</td></tr>" for n in range(1, 6))
    page = (
        "<html><body><h1>某市残疾人就业工作方案</h1><p>一、任务分工</p><table><tr><th>任务</th><th>责任单位</th></tr>"
        "<tr><td>就业服务</td><td>市残联<br>市人社局<br>市民政局<br>市教育局<br>市财政局<br>市税务局<br>市卫健委<br>市医保局</td></tr>"
        f"{rows}</table></body></html>"
    )
    doc, _, _ = draft(page, tmp_path, "plan.html")
    tables = [b for b in doc.body[0].blocks if isinstance(b, m.Table)]
    assert len(tables) == 1 and len(tables[0].rows) == 6
