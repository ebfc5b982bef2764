"""What a document page contains: metadata, contents, tables, boxes, glossary, related."""

from __future__ import annotations

import re

from plansite.verify import ParsedPage, heading_level

from .html import table_name, visible_text

JIANGBEI = "plans/jiangbei-disability-plan-2021-2025/index.html"
FEATURE = "plans/feature-plan/index.html"
NOTES = "plans/feature-notes/index.html"


def _by_id(page: ParsedPage, ident: str):  # type: ignore[no-untyped-def]
    return next(el for el in page.all() if el.get("id") == ident)


def _text(page: ParsedPage, el) -> str:  # type: ignore[no-untyped-def]
    """What a sighted reader sees (spoken forms of symbols are screen-reader-only)."""
    return re.sub(r"\s+", " ", visible_text(page, el)).strip()


def _metadata(page: ParsedPage) -> dict[str, str]:
    dl = next(el for el in page.all("dl") if "meta-list" in (el.get("class") or ""))
    names = [_text(page, dt) for dt in dl.iter("dt")]
    values = [_text(page, dd) for dd in dl.iter("dd")]
    return dict(zip(names, values, strict=True))


def test_metadata_is_a_description_list(feature_pages) -> None:  # type: ignore[no-untyped-def]
    meta = _metadata(feature_pages[FEATURE])
    assert meta["发文机关"] == "示范市人民政府"
    assert meta["发文字号"] == "示府发〔2022〕7号"
    assert meta["成文日期"] == "2022年1月20日"
    assert meta["发布日期"] == "2022年2月1日"
    dates = [el.get("datetime") for el in feature_pages[FEATURE].all("time")]
    assert "2022-02-01" in dates


def test_contents_link_to_every_section_heading(real_pages, feature_pages) -> None:  # type: ignore[no-untyped-def]
    for page in (real_pages[JIANGBEI], feature_pages[FEATURE]):
        nav = next(n for n in page.all("nav") if "contents" in (n.get("class") or ""))
        targets = [a.get("href")[1:] for a in nav.iter("a")]
        main = next(page.all("main"))
        headings = [
            el.get("id") for el in main.iter() if heading_level(el) and el.get("id", "").startswith(("s-", "annex-"))
        ]
        assert headings, "the document has section headings"
        assert targets == headings


def test_numbering_is_text_in_headings(real_pages) -> None:  # type: ignore[no-untyped-def]
    page = real_pages[JIANGBEI]
    texts = [_text(page, el) for el in page.all() if heading_level(el)]
    assert "第一章 编制背景" in texts
    assert "第一节 指导思想" in texts
    assert "（一）夯实残疾人基本保障" in texts
    assert "1.残疾儿童康复救助帮扶。" in texts


def test_jiangbei_tables_are_complete(real_pages) -> None:  # type: ignore[no-untyped-def]
    page = real_pages[JIANGBEI]
    tables = {table_name(page, t): t for t in page.all("table")}
    indicators = tables["专栏1 “十四五”残疾人保障和发展主要指标"]
    rows = list(indicators.find("tbody").iter("tr"))
    assert len(rows) == 11
    assert all(len(list(r)) == 4 for r in rows)
    assert [th.get("scope") for th in indicators.find("thead").iter("th")] == ["col"] * 4
    assert all(r[1].tag == "th" and r[1].get("scope") == "row" for r in rows)
    tasks = tables["重点任务分工"]
    assert len(list(tasks.find("tbody").iter("tr"))) == 23


def test_a_caption_repeating_the_heading_above_is_not_said_twice(real_pages) -> None:  # type: ignore[no-untyped-def]
    page = real_pages[JIANGBEI]
    assert [re.sub(r"\s+", "", page.text(c)) for c in page.all("caption")] == []
    named = [t for t in page.all("table") if t.get("aria-labelledby")]
    assert len(named) == 2 and all(heading_level(_by_id(page, t.get("aria-labelledby"))) for t in named)
    fenghua = real_pages["plans/fenghua-disability-plan-2021-2025/index.html"]
    assert len(list(fenghua.all("caption"))) == 1, "a caption of its own stays"


def test_boxes_are_titled_once(real_pages) -> None:  # type: ignore[no-untyped-def]
    """A 专栏's title is its heading; the box is not also a named region."""
    page = real_pages[JIANGBEI]
    boxes = [s for s in page.all("section") if "box" in (s.get("class") or "").split()]
    titles = [_text(page, next(el for el in b.iter() if heading_level(el))) for b in boxes]
    assert titles == [
        "专栏1 “十四五”残疾人保障和发展主要指标",
        "专栏2 残疾人社会保障重点项目",
        "专栏3 残疾人就业服务重点项目",
    ]
    assert not [b for b in boxes if b.get("aria-labelledby") or b.get("aria-label")]


def test_wide_tables_scroll_in_a_focusable_labelled_container(real_pages) -> None:  # type: ignore[no-untyped-def]
    page = real_pages[JIANGBEI]
    wraps = [d for d in page.all("div") if "table-wrap" in (d.get("class") or "")]
    assert len(wraps) == 2
    for wrap in wraps:
        assert wrap.get("role") == "group"  # not a landmark
        assert wrap.get("tabindex") == "0"
        # a name of its own: the table's name is said by the table, not again by its container
        assert wrap.get("aria-label") == "表格（可左右滚动）" and wrap.get("aria-labelledby") is None


def test_glossary_first_use_links_to_definition(feature_pages) -> None:  # type: ignore[no-untyped-def]
    page = feature_pages[FEATURE]
    links = [a for a in page.all("a") if "term" in (a.get("class") or "").split()]
    assert [(a.get("href"), _text(page, a)) for a in links] == [
        ("#term-1", "阳光家园"),  # first use in the preamble, later uses are not linked
        ("#term-2", "残疾人之家"),  # first use is inside a table cell
    ]
    glossary = next(s for s in page.all("section") if "glossary" in (s.get("class") or ""))
    assert [_text(page, dt) for dt in glossary.iter("dt")] == ["1.阳光家园", "2.残疾人之家"]


def test_related_documents_point_to_each_other(feature_pages) -> None:  # type: ignore[no-untyped-def]
    def related_links(page: ParsedPage) -> list[str]:
        section = next(s for s in page.all("section") if "related" in (s.get("class") or ""))
        return [a.get("href", "") for a in section.iter("a")]

    assert "../feature-notes/index.html" in related_links(feature_pages[FEATURE])
    # feature-notes does not declare the link; the way back is made for it.
    assert related_links(feature_pages[NOTES]) == ["../feature-plan/index.html"]


def test_deep_nesting_keeps_levels(feature_pages) -> None:  # type: ignore[no-untyped-def]
    page = feature_pages[FEATURE]
    levels = {_text(page, el): heading_level(el) for el in page.all() if heading_level(el)}
    assert levels["第一章 发展基础"] == 2
    assert levels["1.第五层。"] == 6
    assert levels["（1）第六层"] == 7
    assert levels["①第七层"] == 8


def test_index_lists_every_document(feature_pages, real_pages) -> None:  # type: ignore[no-untyped-def]
    index = feature_pages["index.html"]
    items = [li for ul in index.all("ul") if "document-list" in (ul.get("class") or "") for li in ul.findall("li")]
    texts = [_text(index, li) for li in items]
    assert len(texts) == 3
    # Newest first.
    assert texts[0].startswith("关于《示范市") and "政策解读" in texts[0] and "2022年6月16日" in texts[0]
    assert "规划" in texts[1] and "示范市人民政府" in texts[1] and "示府发〔2022〕7号" in texts[1]
    hrefs = [a.get("href") for a in index.all("a")]
    assert "plans/feature-plan/index.html" in hrefs
    assert "plans/jiangbei-disability-plan-2021-2025/index.html" in [
        a.get("href") for a in real_pages["index.html"].all("a")
    ]


def test_page_titles_name_the_document_and_site(feature_pages) -> None:  # type: ignore[no-untyped-def]
    title = _text(feature_pages[FEATURE], next(feature_pages[FEATURE].all("title")))
    assert title == "示范市“十四五”残疾人保障和发展规划（2021—2025年） - 测试规划文件库"
