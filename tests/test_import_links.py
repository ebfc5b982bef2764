"""A link's text is the document's text and is imported; its address is not (a draft's links
are the editor's to write, and a relative address means nothing beside the YAML file), so
every format lists the address in what was left out. A list of 附件 whose annexes are not in
the source (a web page's downloads) stays text, with a note to publish them as attachments.
Each with its control."""

from __future__ import annotations

import io
from pathlib import Path
from textwrap import dedent

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from plansite import model as m
from plansite.importer import import_bytes, import_text
from plansite.importer.body import ANNEXES_ELSEWHERE

from .test_importer import draft


def _links(dropped: tuple[str, ...]) -> list[str]:
    """The entries for links: where, and the text and address (after the explanation)."""
    return [
        f"{entry.split('（', 1)[0]} {entry.split('）：', 1)[1]}" for entry in dropped if "（链接的地址没有导入" in entry
    ]


PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>关于开展残疾人职业技能竞赛的通知</title></head>
<body><nav><a href="/">首页</a></nav><main><h1>关于开展残疾人职业技能竞赛的通知</h1>
<p>各区县残联：</p>
<p>竞赛项目见<a href="./P0202603.xlsx">附件2</a>，请登录<a href="https://jy.example.gov.cn/">市就业服务平台</a>报名。</p>
<p>邮箱<a href="mailto:js@example.gov.cn">js@example.gov.cn</a>，网址<a href="https://www.example.gov.cn/">https://www.example.gov.cn/</a>，
<a href="#top">回到顶部</a><a href="javascript:window.print()">打印</a>。</p>
<table><tr><th>附件</th><th>格式</th></tr><tr><td><a href="fj/1.docx">报名表</a></td><td>Word</td></tr></table>
<p>当前位置：<a href="/">首页</a> &gt; <a href="/tz/">通知公告</a></p>
<div class="xgwj"><h3>相关文件</h3><ul><li><a href="/b.html">某市残疾人就业实施方案</a></li></ul></div>
</main></body></html>"""


def test_a_web_page_s_link_addresses_are_listed_and_their_text_kept() -> None:
    result = import_text(PAGE, source_name="page.html", doc_id="page")
    assert _links(result.dropped) == [
        "第4行 “附件2” ./P0202603.xlsx",
        "第4行 “市就业服务平台” https://jy.example.gov.cn/",
        "第7行 “报名表” fj/1.docx",  # in a table's cell
    ]
    assert "竞赛项目见附件2，请登录市就业服务平台报名。" in result.yaml
    # Controls: an address the text shows, a place in the page and a script say nothing more;
    # a link in the page's chrome (a breadcrumb, related documents) is chrome.
    assert "js@example.gov.cn" in result.yaml and "某市残疾人就业实施方案" not in result.yaml
    assert not any("首页" in entry or "通知公告" in entry for entry in _links(result.dropped))


def test_a_word_file_s_hyperlinks_are_listed_but_not_its_bookmarks() -> None:
    document = Document()
    document.add_paragraph("某县残联关于做好残疾人就业工作的通知", style="Title")
    paragraph = document.add_paragraph("详见")
    external = document.part.relate_to("https://www.example.gov.cn/fj/a.pdf", RELATIONSHIP_TYPE.HYPERLINK, True)
    for attribute, value, text in ((qn("r:id"), external, "附件1申请表"), (qn("w:anchor"), "_Toc1", "第二部分")):
        link, run, words = OxmlElement("w:hyperlink"), OxmlElement("w:r"), OxmlElement("w:t")
        link.set(attribute, value)
        words.text = text
        run.append(words)
        link.append(run)
        paragraph._p.append(link)
    data = io.BytesIO()
    document.save(data)
    result = import_bytes(data.getvalue(), source_name="notice.docx", doc_id="notice")
    assert _links(result.dropped) == ["第2段 “附件1申请表” https://www.example.gov.cn/fj/a.pdf"]
    assert "详见附件1申请表第二部分" in result.yaml  # the bookmark link's text too, and nothing listed for it


def test_markdown_links_are_listed_with_text_over_a_line_break() -> None:
    result = import_text(
        "# 某县残联2025年工作要点\n\n## 一、总体要求\n\n请查看[附件\n一](fj/a.pdf)和[页内](#a)，<https://x.example.cn/y>。\n",
        source_name="plan.md",
        doc_id="plan",
    )
    assert _links(result.dropped) == ["第5行 “附件一” fj/a.pdf"]
    assert "请查看附件一和页内，https://x.example.cn/y。" in result.yaml


NOTICE = dedent("""\
    某县残联关于开展2026年残疾人职业技能竞赛的通知

    各乡镇残联：
    为提高残疾人就业能力，决定举办竞赛。有关事项通知如下：
    一、竞赛项目
    设电脑美术设计等10个项目。
    二、报名方式
    请于3月20日前报名。
    附件：1.报名表
          2.竞赛项目一览表

    某县残疾人联合会
    2026年3月2日
""")


def test_a_list_of_annexes_published_elsewhere_stays_text(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(NOTICE, tmp_path)
    assert not doc.annexes  # it was an annex titled 1.报名表 holding the line 2.竞赛项目一览表
    last = doc.body[-1]
    assert [b.source for b in last.blocks[-2:] if isinstance(b, m.Text)] == ["附件：1.报名表", "2.竞赛项目一览表"]
    assert ANNEXES_ELSEWHERE in yaml_text


def test_a_list_of_annexes_that_follow_is_not_noted_and_an_annex_with_a_title_stays_one(tmp_path: Path) -> None:
    following = NOTICE + "\n附件1\n报名表\n姓名\t性别\t残疾类别\n张三\t男\t视力\n"
    doc, yaml_text, _ = draft(following, tmp_path)
    assert [a.label for a in doc.annexes] == ["附件1"] and ANNEXES_ELSEWHERE not in yaml_text
    titled = NOTICE.replace("附件：1.报名表\n      2.竞赛项目一览表", "附件：竞赛项目一览表\n1.电脑美术设计")
    doc, yaml_text, _ = draft(titled, tmp_path)
    assert [(a.label, a.title) for a in doc.annexes] == [
        ("附件", "竞赛项目一览表")
    ] and ANNEXES_ELSEWHERE not in yaml_text
