"""A 专栏 drawn as a box (a one-cell table, a bordered block, a quotation) ends where the box
does: the text after it belongs to the section again (a box around the title alone is a title
bar: the items follow it). A 专栏 that is only typed (no box) goes on
to the next heading, as before. (Word's text boxes and one-cell tables: test_import_word.py.)"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from plansite.importer import import_text

BOX_ITEMS = ["1.精准康复服务行动。", "2.辅助器具适配。"]
AFTER = "同时，要做好残疾人托养服务。"


def _section_blocks(source: str, name: str) -> list[Any]:
    draft = yaml.safe_load(import_text(source, source_name=name).yaml)
    return draft["body"][0]["blocks"]


def _page(box: str) -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市规划</title></head><body>'
        "<h1>某市残疾人事业发展规划</h1><p>一、主要任务</p><p>加强残疾人社会保障。</p>"
        f"{box}<p>{AFTER}</p><p>二、保障措施</p><p>加强组织领导。</p></body></html>"
    )


_ITEMS_HTML = "<p>专栏1 残疾人康复重点工程</p>" + "".join(f"<p>{t}</p>" for t in BOX_ITEMS)


@pytest.mark.parametrize(
    "box",
    [
        f'<table border="1"><tr><td>{_ITEMS_HTML}</td></tr></table>',
        f'<table border="1"><tr><td><p>专栏1 残疾人康复重点工程</p></td></tr><tr><td>{"".join(f"<p>{t}</p>" for t in BOX_ITEMS)}</td></tr></table>',
        f'<div style="border: 1px solid #000; padding: 1em">{_ITEMS_HTML}</div>',
        f"<blockquote>{_ITEMS_HTML}</blockquote>",
    ],
    ids=["one-cell-table", "one-column-table", "bordered-div", "blockquote"],
)
def test_a_box_drawn_in_a_web_page_ends_where_the_box_does(box: str) -> None:
    blocks = _section_blocks(_page(box), "plan.html")
    assert blocks[1]["box"]["label"] == "专栏1" and blocks[1]["box"]["blocks"] == BOX_ITEMS
    assert blocks[2:] == [AFTER]


def test_a_box_typed_without_a_border_goes_on_to_the_next_heading() -> None:
    for box in (f"<div>{_ITEMS_HTML}</div>", f'<div style="border: none">{_ITEMS_HTML}</div>'):
        blocks = _section_blocks(_page(box), "plan.html")
        assert blocks[1]["box"]["blocks"] == [*BOX_ITEMS, AFTER]


def test_a_box_that_starts_inside_a_page_s_layout_table_goes_on_to_the_next_heading() -> None:
    # The page's text in a table of one column: a box in it is not where that table starts.
    page = _page(_ITEMS_HTML).replace("<body>", "<body><table><tr><td>").replace("</body>", "</td></tr></table></body>")
    blocks = _section_blocks(page, "plan.html")
    assert blocks[1]["box"]["blocks"] == [*BOX_ITEMS, AFTER]


def test_two_boxes_in_one_drawn_box_both_end_with_it() -> None:
    two = _ITEMS_HTML + "<p>专栏2 残疾人就业重点工程</p><p>1.就业帮扶行动。</p>"
    blocks = _section_blocks(_page(f'<table border="1"><tr><td>{two}</td></tr></table>'), "plan.html")
    assert [b["box"]["label"] for b in blocks[1:3]] == ["专栏1", "专栏2"]
    assert blocks[2]["box"]["blocks"] == ["1.就业帮扶行动。"] and blocks[3:] == [AFTER]


MARKDOWN = """# 某市残疾人事业发展规划

一、主要任务

加强残疾人社会保障。

{box}

同时，要做好残疾人托养服务。

二、保障措施

加强组织领导。
"""


def test_a_box_quoted_in_markdown_ends_with_the_quotation() -> None:
    quoted = "\n>\n".join(f"> {t}" for t in ["专栏1 残疾人康复重点工程", *BOX_ITEMS])
    blocks = _section_blocks(MARKDOWN.format(box=quoted), "plan.md")
    assert blocks[1]["box"]["blocks"] == BOX_ITEMS and blocks[2:] == [AFTER]


def test_a_box_typed_in_markdown_goes_on_to_the_next_heading() -> None:
    typed = "\n\n".join(["专栏1 残疾人康复重点工程", *BOX_ITEMS])
    blocks = _section_blocks(MARKDOWN.format(box=typed), "plan.md")
    assert blocks[1]["box"]["blocks"] == [*BOX_ITEMS, AFTER]


def test_a_box_around_the_title_alone_is_a_title_bar_and_the_items_follow_it() -> None:
    items = "".join(f"<p>{t}</p>" for t in BOX_ITEMS)
    bar = '<table border="1"><tr><td><p>专栏1 残疾人康复重点工程</p></td></tr></table>'
    in_a_box = _section_blocks(_page(f'{bar}<table border="1"><tr><td>{items}</td></tr></table>'), "plan.html")
    assert in_a_box[1]["box"]["blocks"] == BOX_ITEMS and in_a_box[2:] == [AFTER]
    # Items under the bar without a box of their own: the 专栏 goes on to the next heading.
    bare = _section_blocks(_page(bar + items), "plan.html")
    assert bare[1]["box"]["blocks"] == [*BOX_ITEMS, AFTER]
