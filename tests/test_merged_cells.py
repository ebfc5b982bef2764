"""Tables with merged cells and group rows: the grid (model.layout), what
`check` says about a merge that does not fit, and the .txt's complete rows.
The HTML and what a screen reader announces are tested in the browser
(tests/browser/test_readers.py: test_merged_cells_are_announced_with_their_headers)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent, indent

import pytest

from plansite import model as m
from plansite.content import load_content
from plansite.problems import ContentError
from plansite.textexport import table_lines

from .test_validation import SITE
from .timing import assert_linear

C = m.Cell


def grid_texts(rows: tuple[m.Row, ...], columns: int) -> list[object]:
    """The grid as text: a group row's title, else each row's cells (copies marked ↓)."""
    grid, problems = m.layout(rows, columns)
    assert not problems, problems
    return [
        row.title if isinstance(row, m.GroupRow) else [f"{p.column}:{p.cell.text}{'↓' if p.copy else ''}" for p in row]
        for row in grid
    ]


def test_a_cell_merged_downwards_is_placed_in_each_row_it_covers() -> None:
    rows: tuple[m.Row, ...] = (
        m.GroupRow("一、医疗质量"),
        (C("功能定位", rows=3), C("a"), C("1")),
        (C("b"), C("2")),
        (C("c"), C("3", rows=2)),
        (C("其他", cols=2),),
    )
    assert grid_texts(rows, 3) == [
        "一、医疗质量",
        ["0:功能定位", "1:a", "2:1"],
        ["0:功能定位↓", "1:b", "2:2"],
        ["0:功能定位↓", "1:c", "2:3"],
        ["0:其他", "2:3↓"],
    ]


@pytest.mark.parametrize(
    ("rows", "columns", "message"),
    [
        (((C("1"), C("2")),), 3, "该行有2个单元格，表头有3列"),
        (((C("1", rows=2), C("2")), (C("3"), C("4"))), 2, "连同合并进来的共占3列，表头有2列"),
        (((C("1", cols=3),),), 2, "连同合并进来的共占3列"),
        (((C("1"), C("2", rows=2)), (C("3", cols=2),)), 2, "跨列合并到了上方合并下来的单元格上"),
        (((C("1", rows=2), C("2")), m.GroupRow("二、"), (C("3"), C("4"))), 2, "向下合并到了这一分组行"),
        (((C("1", rows=3), C("2")), (C("3"),)), 2, "超出了表格的最后一行"),
    ],
    ids=["too few", "too many with a merge", "too wide", "overlap", "into a group row", "past the end"],
)
def test_a_merge_that_does_not_fit_is_reported(rows: tuple[m.Row, ...], columns: int, message: str) -> None:
    problems = m.layout(rows, columns)[1]
    assert any(message in text for _, text in problems), problems


def test_layout_is_linear_in_the_number_of_rows() -> None:
    def run(text: str) -> None:
        rows = tuple((C(c, rows=2), C(c)) if i % 2 == 0 else (C(c),) for i, c in enumerate(text))
        assert not m.layout(rows, 2)[1]

    assert_linear(run, "甲乙", size=40_000)


TABLE = """\
id: merged
kind: plan
title: 合并单元格
issuer: 测试
date_published: 2024-01-01
body:
  - title: 指标
    blocks:
      - table:
          caption: 考核指标
          head: [二级指标, 三级指标, 目标值]
          row_headers: 2
          rows:
{rows}
"""


def load(tmp_path: Path, rows: str) -> m.Document:
    (tmp_path / "site.yaml").write_text(SITE, encoding="utf-8")
    (tmp_path / "merged.yaml").write_text(TABLE.format(rows=indent(dedent(rows), " " * 12)), encoding="utf-8")
    return load_content(tmp_path).documents[0]


def test_merged_cells_and_group_rows_load(tmp_path: Path) -> None:
    doc = load(
        tmp_path,
        """\
        - group: 一、服务质量
        - [{text: 康复服务, rows: 2}, 救助人数, 1200]
        - [适配率, {text: ≥90, cols: 1}]
        - [托养, {text: 满意度（定性）, cols: 2}]
        """,
    )
    table = doc.body[0].blocks[0]
    assert isinstance(table, m.Table)
    assert table.rows == (
        m.GroupRow("一、服务质量"),
        (C("康复服务", rows=2), C("救助人数"), C("1200")),
        (C("适配率"), C("≥90")),
        (C("托养"), C("满意度（定性）", cols=2)),
    )
    # the .txt: every row complete, a merged cell under each column it covers
    assert table_lines(table) == [
        "表格：考核指标",
        "一、服务质量",
        "二级指标：康复服务；三级指标：救助人数；目标值：1200。",
        "二级指标：康复服务；三级指标：适配率；目标值：≥90。",
        "二级指标：托养；三级指标、目标值：满意度（定性）。",
    ]


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ("- [{text: 1, rows: 0}, 2, 3]\n", "rows[1][1].rows", "超出范围"),
        ("- [{text: 1, cols: many}, 2, 3]\n", "rows[1][1].cols", "应该是一个整数"),
        ("- [{text: 1, span: 2}, 2, 3]\n", "rows[1][1].span", "span"),
        ("- {group: 一、, title: x}\n- [1, 2, 3]\n", "rows[1].title", "title"),
        ("- [{text: 1, rows: 3}, 2, 3]\n- [4, 5]\n", "rows[2]", "超出了表格的最后一行"),
    ],
    ids=["zero rows", "cols not a number", "unknown key", "group with another key", "past the end"],
)
def test_check_names_the_field_of_a_bad_merge(tmp_path: Path, rows: str, field: str, message: str) -> None:
    with pytest.raises(ContentError) as caught:
        load(tmp_path, rows)
    assert any(p.field.endswith(field) and message in p.message for p in caught.value.problems), caught.value.problems
