"""The 政府信息公开 block of a copied gov.cn page is read as metadata, not as a table,
and the title and 发文字号 written again below it are not taken for text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from plansite.importer import import_file

from .test_import_markdown import CORPUS
from .test_importer import draft, draft_of_file

TAB_LAYOUT = (
    "索 引 号： \t000014349/2019-00004 \t主题分类： \t卫生、体育\\卫生\n"
    "发文机关： \t国务院办公厅 \t成文日期： \t2019年01月16日\n"
    "标　　题： \t国务院办公厅关于加强三级公立医院绩效考核工作的意见\n"
    "发文字号： \t国办发〔2019〕4号 \t发布日期： \t2019年01月30日\n"
    "主 题 词： \t\t\t\n\n\n"
    "国务院办公厅关于加强\n\n三级公立医院绩效考核工作的意见\n\n国办发〔2019〕4号\n\n"
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n"
    "为进一步深化公立医院改革，现提出以下意见。\n\n一、总体要求\n\n（一）指导思想。\n\n以人民为中心。\n"
)


def test_the_block_fills_the_metadata_and_the_head_is_read_after_it(tmp_path: Path) -> None:
    doc, yaml_text, _ = draft(TAB_LAYOUT, tmp_path)
    assert doc.title == "国务院办公厅关于加强三级公立医院绩效考核工作的意见"
    assert doc.issuer == "国务院办公厅" and doc.doc_number == "国办发〔2019〕4号"
    assert doc.date_signed == dt.date(2019, 1, 16) and doc.date_published == dt.date(2019, 1, 30)
    assert doc.index_number == "000014349/2019-00004" and doc.topic == "卫生、体育\\卫生"
    assert doc.body[0].title == "总体要求" and doc.body[0].sections[0].title.startswith("指导思想")
    assert "索 引 号" not in yaml_text and "三级公立医院绩效考核工作的意见\n" not in doc.preamble
    assert not [b for b in doc.body[0].blocks if not isinstance(b, str) and hasattr(b, "rows")], "no fake table"


def test_one_key_per_line_and_keywords(tmp_path: Path) -> None:
    doc, _, _ = draft(
        "发文字号：某残联发〔2024〕5号\n主题词：残疾人　康复、就业\n\n某市残疾人就业促进办法\n\n一、总则\n\n第一段。\n",
        tmp_path,
    )
    assert doc.doc_number == "某残联发〔2024〕5号" and doc.keywords == ("残疾人", "康复", "就业")
    assert doc.title == "某市残疾人就业促进办法"


def test_a_single_key_line_is_the_documents_own_text(tmp_path: Path) -> None:
    doc, _, _ = draft("某市残疾人就业促进规划\n\n一、总则\n\n标题：这一行是正文。\n", tmp_path)
    assert doc.index_number == "" and "标题：这一行是正文。" in str(doc.body[0].blocks)


WEB_PAGES = (
    sorted(p for p in CORPUS.glob("*.txt") if p.read_text(encoding="utf-8").lstrip().startswith("索"))
    if CORPUS.is_dir()
    else []
)


@pytest.mark.skipif(not WEB_PAGES, reason="../shared/corpus/import/ is not beside the project")
@pytest.mark.parametrize("source", WEB_PAGES, ids=lambda p: p.name)
def test_the_corpus_web_pages_keep_their_metadata(source: Path, tmp_path: Path) -> None:
    block = source.read_text(encoding="utf-8").split("\n\n\n", 1)[0]
    doc, _result = draft_of_file(source, tmp_path)
    print(
        f"\n{source.name}: {doc.title} {doc.doc_number} {doc.issuer} {doc.date_signed} {doc.date_published} {doc.index_number}"
    )
    assert doc.doc_number and doc.doc_number in block
    assert doc.title and doc.title in block.replace(" ", "").replace("\u3000", "")
    assert doc.index_number and doc.index_number in block
    assert doc.date_published is not None


GOV_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>某县残疾人康复服务实施方案_某县人民政府门户网站</title>
<meta name="SiteName" content="某县人民政府门户网站">
<meta name="ArticleTitle" content="某县残疾人康复服务实施方案">
<meta name="PubDate" content="2026-05-18 09:30">
<meta name="ContentSource" content="某县残疾人联合会">
<meta name="Keywords" content="残疾人,康复；实施方案">
</head><body><div class="content">
<p>某县残疾人康复服务实施方案</p><p>一、工作目标</p><p>残疾人基本康复服务覆盖率达到85%以上。</p>
</div></body></html>"""


def test_a_saved_government_page_s_head_metadata_fills_the_draft(tmp_path: Path) -> None:
    """政府网站网页元数据: ArticleTitle marks the title line; PubDate, ContentSource and Keywords
    fill the publication date, the source and the 主题词. A page named index.html gets its id
    from the title, not from the site's file name."""
    source = tmp_path / "in" / "index.html"
    source.parent.mkdir()
    source.write_text(GOV_PAGE, encoding="utf-8")
    doc, result = draft_of_file(source, tmp_path)
    assert doc.title == "某县残疾人康复服务实施方案" and doc.kind == "programme"
    assert doc.date_published == dt.date(2026, 5, 18)
    assert doc.keywords == ("残疾人", "康复", "实施方案")
    assert "source:\n  title: 某县残疾人联合会" in result.yaml
    assert import_file(source).doc_id == "mouxiancanjirenkangfufuwushishifangan"  # the title in pinyin


_CATALOGUE_PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_某市残联</title></head>
<body><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul>
{block}
<h1>{title}</h1>
<p>各县（区）残联：</p><p>现将有关事项通知如下。</p><p>一、工作目标</p><p>全年新增就业1200人。</p>
<p>某市残疾人联合会</p><p>2024年6月20日</p></body></html>"""
_LIST_BLOCK = """<ul class="xxgk">
<li><span>索引号：</span>11510800MB1234567X/2024-00123</li>
<li><span>组配分类：</span>通知公告</li>
<li><span>发布机构：</span>某市残疾人联合会</li>
<li><span>成文日期：</span>2024-06-20</li>
<li><span>文　　号：</span>某残联发〔2024〕45号</li>
<li><span>有 效 性：</span>已废止</li>
<li><span>公开日期：</span>2024-06-28</li>
</ul>"""
_TERMS_BLOCK = """<dl class="xxgk">
<dt>索引号：</dt><dd>11510800MB1234567X/2024-00124</dd>
<dt>发布机构：</dt><dd>某市残疾人联合会</dd>
<dt>发文日期：</dt><dd>2024年6月20日</dd>
<dt>文件编号：</dt><dd>某残联发〔2024〕46号</dd>
<dt>有效性：</dt><dd>有效</dd>
</dl>"""


@pytest.mark.parametrize(
    ("block", "number", "index", "validity"),
    [
        (_LIST_BLOCK, "某残联发〔2024〕45号", "11510800MB1234567X/2024-00123", "废止"),
        (_TERMS_BLOCK, "某残联发〔2024〕46号", "11510800MB1234567X/2024-00124", "有效"),
    ],
)
def test_a_page_s_catalogue_block_laid_out_as_lines_fills_the_metadata(
    block: str, number: str, index: str, validity: str, tmp_path: Path
) -> None:
    """Sites lay the 政府信息公开 block out as a list or as terms over their values, with names
    of their own (发布机构, 文件编号, 有效性, 组配分类) and dates as 2024-06-20: before, only a
    table was read, and these lines were the notice's first paragraphs."""
    title = "某市残疾人联合会关于做好2024年残疾人就业工作的通知"
    source = tmp_path / "page.html"
    source.write_text(_CATALOGUE_PAGE.format(title=title, block=block), encoding="utf-8")
    doc, result = draft_of_file(source, tmp_path)
    assert (doc.title, doc.doc_number, doc.index_number, doc.validity) == (title, number, index, validity)
    assert doc.issuer == "某市残疾人联合会" and doc.date_signed == dt.date(2024, 6, 20)
    assert doc.preamble == "各县（区）残联：\n\n现将有关事项通知如下。"
    read = [line for line in result.dropped if "已读作文件信息" in line]
    assert len(read) == block.count("：</")  # each line listed as read, where the page has it
    if block is _LIST_BLOCK:
        assert doc.date_published == dt.date(2024, 6, 28) and read[0].startswith("第4行")


def test_key_lines_of_a_page_s_text_are_text(tmp_path: Path) -> None:
    """The control: one such line (an article's date, read as its date as before), or lines whose
    names no catalogue uses, are the page's text."""
    source = tmp_path / "page.html"
    block = "<p>发布日期：2024-06-28</p><p>联系人：李华</p><p>联系电话：0827-7654321</p>"
    source.write_text(_CATALOGUE_PAGE.format(title="关于做好就业工作的通知", block=block), encoding="utf-8")
    doc, result = draft_of_file(source, tmp_path)
    assert not any("已读作文件信息" in line for line in result.dropped)
    assert "联系人：李华\n\n联系电话：0827-7654321" in doc.preamble
