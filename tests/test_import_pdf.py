"""PDF specifics the round trip (test_import_formats.py) reaches only where a
page happens to break: a table row broken by the page between two sentences,
a merged cell the new page draws empty, and a running header on a document of
two pages. Each rule on made-up pages, each with its control."""

from __future__ import annotations

from plansite.importer.pdf import _append, _Cell, _Grid, _Line, _running_lines

HEAD = ["指标", "性质", "说明"]


def _grid(rows: list[list[str]], line: int = 1) -> _Grid:
    cells = [_Cell(text, r, c, 1, 1) for r, row in enumerate(rows) for c, text in enumerate(row)]
    return _Grid(cells, len(rows), len(rows[0]), line)


def _rows(grid: _Grid) -> list[list[str]]:
    return [[c.text for c in grid.row(r)] for r in range(grid.height)]


FIRST_PAGE = [HEAD, ["1.门诊人次数", "定量", "计算方法：门诊人次。"], ["2.出院人次数", "定量", "计算方法：出院人次。"],
              ["3.手术占比", "定量", "计算方法：手术台次。"]]  # fmt: skip


def test_a_row_the_page_broke_between_two_sentences_is_joined() -> None:
    """Its first cells are empty where every row names its item: the rest of the row above."""
    grid = _grid(FIRST_PAGE)
    _append(grid, _grid([HEAD, ["", "", "指标来源：医院填报。"], ["4.床位使用率", "定量", "计算方法：占用床日。"]], 2))
    assert _rows(grid)[3:] == [
        ["3.手术占比", "定量", "计算方法：手术台次。指标来源：医院填报。"],
        ["4.床位使用率", "定量", "计算方法：占用床日。"],
    ]


def test_a_new_row_at_the_top_of_a_page_stays_a_row() -> None:
    """The control: every cell filled, a new row."""
    grid = _grid(FIRST_PAGE)
    _append(grid, _grid([HEAD, ["4.床位使用率", "定量", "计算方法：占用床日。"]], 2))
    assert _rows(grid)[-2:] == [FIRST_PAGE[-1], ["4.床位使用率", "定量", "计算方法：占用床日。"]]


def test_a_column_that_is_sometimes_empty_does_not_join_rows() -> None:
    """Where some rows leave a column empty, an empty cell there says nothing: the row stays."""
    first = [HEAD, ["1.门诊人次数", "", "计算方法：门诊人次。"], ["2.出院人次数", "定量", "计算方法：出院人次。"],
             ["3.手术占比", "定量", "计算方法：手术台次。"]]  # fmt: skip
    grid = _grid(first)
    _append(grid, _grid([HEAD, ["4.床位使用率", "", "计算方法：占用床日。"]], 2))
    assert grid.height == 5 and _rows(grid)[-1] == ["4.床位使用率", "", "计算方法：占用床日。"]


def test_an_empty_cell_the_new_page_draws_over_rows_continues_the_merged_cell() -> None:
    """（六）收支结构 starts on the last row of a page and runs on: the page draws its rest empty."""
    grid = _grid(
        [["领域", "指标"], ["（五）资源效率", "1.床位"], ["（五）资源效率", "2.药师"], ["（六）收支结构", "3.门诊收入"]]
    )
    more = _Grid([_Cell("", 0, 0, 2, 1), _Cell("4.住院收入", 0, 1, 1, 1), _Cell("5.医保收入", 1, 1, 1, 1)], 2, 2, 2)
    _append(grid, more)
    merged = next(c for c in grid.cells if c.text == "（六）收支结构")
    assert (merged.row, merged.rows) == (3, 3)
    assert [c.text for c in grid.cells if c.col == 0 and c.row > 3] == []


def _page(number: int, *texts: str) -> tuple[list[_Line], list[object]]:
    """A page of 800 points: the first line in the top margin, the last in the bottom one."""
    tops = [10.0, *(100.0 + 40 * i for i in range(len(texts) - 2)), 780.0]
    return [_Line(t, number, top, top + 12, 50.0, 12.0) for t, top in zip(texts, tops, strict=True)], []


def test_a_header_on_both_pages_of_a_two_page_document_is_running() -> None:
    pages = [_page(1, "某市残疾人联合会", "第一段。", "— 1 —"), _page(2, "某市残疾人联合会", "第二段。", "— 2 —")]
    chrome = _running_lines(pages)
    assert sorted(line.text for lines, _ in pages for line in lines if id(line) in chrome) == [
        "— 1 —", "— 2 —", "某市残疾人联合会", "某市残疾人联合会",
    ]  # fmt: skip


def test_a_margin_line_on_one_page_only_is_kept() -> None:
    pages = [_page(1, "某市残疾人事业发展规划", "第一段。", "— 1 —"), _page(2, "第二段开头", "第二段。", "— 2 —")]
    chrome = _running_lines(pages)
    assert {line.text for lines, _ in pages for line in lines if id(line) in chrome} == {"— 1 —", "— 2 —"}
