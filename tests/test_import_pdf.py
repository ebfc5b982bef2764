"""PDF specifics the round trip (test_import_formats.py) reaches only where a
page happens to break: a table row broken by the page between two sentences,
a merged cell the new page draws empty, and a running header on a document of
two pages. Each rule on made-up pages, each with its control."""

from __future__ import annotations

import datetime as dt
import operator
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from plansite.importer import import_bytes
from plansite.importer.lines import Line, join_broken
from plansite.importer.pdf import (
    MAX_BOXES,
    _append,
    _body_size,
    _bold_goes_on,
    _box_around,
    _Cell,
    _footnotes,
    _Frames,
    _full,
    _Grid,
    _gutter,
    _items,
    _Line,
    _line,
    _Page,
    _right_margin,
    _running_lines,
    _unruled_tables,
)

from .timing import assert_linear

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


def _page(number: int, *texts: str) -> _Page:
    """A page of 800 points: the first line in the top margin, the last in the bottom one."""
    tops = [10.0, *(100.0 + 40 * i for i in range(len(texts) - 2)), 780.0]
    lines = [_Line(t, number, top, top + 12, 50.0, 500.0, 12.0) for t, top in zip(texts, tops, strict=True)]
    return _Page(number, lines, [], [], 842.0)


def test_a_header_on_both_pages_of_a_two_page_document_is_running() -> None:
    pages = [_page(1, "某市残疾人联合会", "第一段。", "— 1 —"), _page(2, "某市残疾人联合会", "第二段。", "— 2 —")]
    chrome = _running_lines(pages)
    assert sorted(line.text for page in pages for line in page.lines if id(line) in chrome) == [
        "— 1 —", "— 2 —", "某市残疾人联合会", "某市残疾人联合会",
    ]  # fmt: skip


def test_the_body_s_size_leaves_out_a_browser_s_margins() -> None:
    """A short page printed by a browser has more text in its margins (date, title, address, in
    small type) than its own: the body's size is still its own, so its lines are no headings."""
    pages = [
        _Page(n, [_Line("11/27/26, 12:48 PM 某市残疾人联合会2025年政府信息公开工作年度报告", n, 10.0, 18.0, 20.0, 580.0, 8.0),
                  _Line("本报告根据条例编制。", n, 100.0, 112.0, 50.0, 200.0, 12.0),
                  _Line(f"file:///tmp/nb.html {n}/2", n, 820.0, 828.0, 20.0, 580.0, 8.0)], [], [], 842.0)
        for n in (1, 2)
    ]  # fmt: skip
    lines = [line for page in pages for line in page.lines]
    assert _body_size(lines, _running_lines(pages)) == 12.0
    assert _body_size(lines, set()) == 8.0  # the margins counted (the control)


def test_a_margin_line_on_one_page_only_is_kept() -> None:
    pages = [_page(1, "某市残疾人事业发展规划", "第一段。", "— 1 —"), _page(2, "第二段开头", "第二段。", "— 2 —")]
    chrome = _running_lines(pages)
    assert {line.text for page in pages for line in page.lines if id(line) in chrome} == {"— 1 —", "— 2 —"}


def test_what_a_browser_prints_in_the_margins_of_one_page_is_left_out() -> None:
    header = "11/27/26, 10:10 AM 某市残疾人联合会关于做好两项补贴工作的通知_政策文件"
    body = "2026/1/8 10:00 召开推进会。"  # a date and time in the text: kept (the control)
    page = _page(1, header, body, "file:///tmp/page.html 1/2")
    chrome = _running_lines([page])
    assert [line.text for line in page.lines if id(line) in chrome] == [header, "file:///tmp/page.html 1/2"]


def _chars(spec: list[tuple[str, float, float, bool]]) -> dict[str, object]:
    """A text line as pdfplumber gives it: (text, size, baseline, bold) of each character, set
    one after another from x=50 at its size."""
    chars, x = [], 50.0
    for text, size, baseline, bold in spec:
        chars.append({"text": text, "x0": x, "x1": x + size, "top": baseline - size, "bottom": baseline,
                      "size": size, "bold": bold, "space": False})  # fmt: skip
        x += size
    return {"chars": chars, "top": 100.0, "bottom": 112.0, "x0": 50.0, "x1": x}


BOLD = operator.itemgetter("bold")  # made-up characters say whether they are bold (PDFium's are asked)


def _plain(text: str, bold: bool = False) -> list[tuple[str, float, float, bool]]:
    return [(ch, 12.0, 112.0, bold) for ch in text]


def _raised(digits: str) -> list[tuple[str, float, float, bool]]:
    return [(d, 7.0, 107.0, False) for d in digits]


def test_raised_digits_after_chinese_text_are_a_footnotes_number() -> None:
    line = _line(_chars(_plain("稳步增长") + _raised("12") + _plain("。")), 1, BOLD)
    assert line.text == "稳步增长〔注12〕。"
    # The controls: raised digits after a Latin letter (km²), and digits on the line's baseline.
    assert _line(_chars(_plain("面积10km") + _raised("2")), 1, BOLD).text == "面积10km2"
    assert _line(_chars(_plain("增长12。")), 1, BOLD).text == "增长12。"


def _moved(raw: dict[str, object], index: int, by: float) -> dict[str, object]:
    """The line with its characters from `index` on set `by` points further right."""
    for ch in raw["chars"][index:]:  # type: ignore[index]
        ch["x0"] += by
        ch["x1"] += by
    return raw


def test_a_tab_s_wide_gap_between_a_digit_and_chinese_is_a_space_and_a_font_s_narrow_one_is_not() -> None:
    """1 then a tab then 张三 (a list typed with tabs, printed): a space. 2025 then 年 in another
    font, a point or two apart: none (the control)."""
    assert _line(_moved(_chars(_plain("1张三")), 1, 30.0), 1, BOLD).text == "1 张三"
    assert _line(_moved(_chars(_plain("2025年")), 4, 1.5), 1, BOLD).text == "2025年"


def test_a_gap_is_a_space_by_the_size_of_the_type() -> None:
    """A title's glyph from a fallback font, boxed by its ink, stands 4 points apart in 32-point
    type (助残 日 活动): no space. The same gap in 12-point text is one (the control)."""
    title = [(ch, 32.0, 112.0, True) for ch in "助残日活动"]
    assert _line(_moved(_moved(_chars(title), 2, 3.7), 3, 3.7), 1, BOLD).text == "助残日活动"
    assert _line(_moved(_chars(_plain("助残日活动")), 2, 3.7), 1, BOLD).text == "助残 日活动"


def test_a_line_is_read_in_linear_time() -> None:
    """However long the line and its run of raised digits (a number is collected, not rebuilt)."""

    def run(text: str) -> object:
        return _line(_chars(_plain("增长") + _raised(text) + _plain(text)), 1, BOLD)

    assert_linear(run, "1234567890", size=160_000)


def test_the_bold_at_a_lines_start_is_measured_in_its_text() -> None:
    line = _line(_chars(_plain("（二）加强组织", bold=True) + _plain("各地要")), 1, BOLD)
    assert (line.text, line.bold) == ("（二）加强组织各地要", 7)
    assert _line(_chars(_plain("全部加粗", bold=True)), 1, BOLD).bold == 4
    assert _line(_chars(_plain("各地要") + _plain("加粗", bold=True)), 1, BOLD).bold == 0


def _at(text: str, top: float, *, x0: float = 50.0, x1: float = 500.0, size: float = 12.0, bold: int = 0) -> _Line:
    return _Line(text, 1, top, top + size, x0, x1, size, bold)


def test_a_footnote_stands_apart_at_the_foot_of_the_page() -> None:
    body = [_at("正文第一段稳步增长〔注1〕。", 100.0), _at("正文第二段。", 116.0)]
    foot = [_at("1以县残联年度统计为准。", 700.0), _at("统计口径另行规定。", 716.0)]
    notes = _footnotes(body + foot, {"1"}, 12.0, 4.0)
    assert [notes.get(id(line)) for line in body + foot] == [
        None,
        None,
        ("1", "注1：以县残联年度统计为准。"),
        ("", "统计口径另行规定。"),
    ]
    # The controls: a number no footnote was referenced by; a line that does not stand apart.
    assert _footnotes(body + foot, {"2"}, 12.0, 4.0) == {}
    close = [_at("正文。", 684.0), _at("1以县残联年度统计为准。", 700.0)]
    assert _footnotes(close, {"1"}, 12.0, 4.0) == {}
    listed = [*body, _at("1．加强组织领导。", 700.0), _at("2．加强经费保障。", 716.0)]  # a list, not notes
    assert _footnotes(listed, {"1"}, 12.0, 4.0) == {}


def test_a_bold_title_broken_at_the_margin_is_a_run_in_title_of_its_paragraph() -> None:
    first = _at("（二）落实按比例安排残疾人就业制度和残疾", 100.0, bold=20)
    second = _at("人就业年审工作机制机关、事业单位带头安", 116.0, bold=9)
    third = _at("排残疾人就业。", 132.0, x1=134.0)
    assert _bold_goes_on(first, second, 50.0, 500.0) and not _bold_goes_on(second, third, 50.0, 500.0)
    assert not _bold_goes_on(
        _at("示范市规划", 100.0, x1=200.0, bold=5), second, 50.0, 500.0
    )  # it ended before the margin
    items = _items([[first, second], [third]], 50.0, 500.0)
    assert [(i.text, i.run_in) for i in items if isinstance(i, Line)] == [
        ("（二）落实按比例安排残疾人就业制度和残疾人就业年审工作机制机关、事业单位带头安排残疾人就业。", 29)
    ]


def test_a_line_that_reaches_the_right_margin_goes_on_in_the_next() -> None:
    """Measured, not counted: the text rules alone take a numbered line as a heading unless it was
    as long as the document's usual full line, which a short document does not show."""
    broken = [_at("（二）落实制度机关、事业单位带头安", 100.0, bold=8), _at("排残疾人就业。", 116.0, x1=134.0)]
    assert [i.text for i in _items([[line] for line in broken], 50.0, 500.0) if isinstance(i, Line)] == [
        "（二）落实制度机关、事业单位带头安排残疾人就业。"
    ]
    broken[0].x1 = 300.0  # the control: it ended before the margin, so it ended there
    assert len(_items([[line] for line in broken], 50.0, 500.0)) == 2


def test_a_paragraph_of_many_lines_is_joined_in_linear_time() -> None:
    def run(text: str) -> object:
        return _items([[_at(line, 100.0)] for line in text.split("\n")], 50.0, 500.0)

    assert_linear(run, "这是一整行排满了的正文文字\n", size=200_000)


def test_a_line_that_is_not_at_the_left_margin_is_not_full() -> None:
    """A right-aligned date reaches the right margin, but the layout did not break it there."""
    assert not _full(_at("2025年1月1日", 100.0, x0=400.0), 50.0, 500.0)
    assert _full(_at("正文排满了一整行", 100.0), 50.0, 500.0)  # the control
    # A line may end short of the margin where a number did not fit (“2021—2025年” went on), not far short.
    assert _full(_at("正文到", 100.0, x1=470.0), 50.0, 500.0)
    assert not _full(_at("正文。", 100.0, x1=450.0), 50.0, 500.0)


def test_the_right_margin_is_known_only_where_the_document_shows_it() -> None:
    """Lines of a short document that all end early show no margin: the text rules then count
    characters, as they do in text (else every line would be taken as ending its paragraph)."""
    short = [_at(text, 100.0 + 16 * i, x1=x1) for i, (text, x1) in enumerate([("标题", 300.0), ("正文。", 200.0)])]
    for line in short:
        line.page_width = 595.0
    assert _right_margin(short, 12.0, 50.0) is None
    short[0].x1 = 540.0  # as far from the page's right edge as the text starts from its left
    assert _right_margin(short, 12.0, 50.0) == 540.0
    together = [_at("正文排满了一整行", 100.0 + 16 * i, x1=400.0) for i in range(3)]
    assert _right_margin(together, 12.0, 50.0) == 400.0  # several lines end there


def _text_line(top: float, *runs: tuple[float, str]) -> dict[str, object]:
    """A text line as the layout gives it: runs of 10-point characters, each from its x."""
    chars = [
        {"text": ch, "x0": x + 10 * i, "x1": x + 10 * (i + 1), "top": top, "bottom": top + 10, "size": 10.0}
        for x, text in runs
        for i, ch in enumerate(text)
    ]
    return {"chars": chars, "x0": chars[0]["x0"], "x1": chars[-1]["x1"], "top": top, "bottom": top + 10}


def test_a_page_in_two_columns_has_a_gutter_and_one_column_has_none() -> None:
    prose = "残疾人两项补贴制度全面落实累计惠及"  # 17 characters: 170 points of a 600-point page
    columns = [_text_line(100 + 14 * n, (60, prose), (320, prose)) for n in range(10)]
    gutter = _gutter(columns, 600)
    assert gutter is not None and 230 < gutter < 320
    one_column = [_text_line(100 + 14 * n, (60, prose + prose + prose)) for n in range(10)]
    assert _gutter(one_column, 600) is None


def test_an_unruled_table_is_no_columns() -> None:
    """The controls: cells of a few characters stand apart in the middle of the page too, and
    so do long cells, whose text does not fill the left column to its edge as prose does."""
    rows = [_text_line(100 + 14 * n, (60, "康复服务"), (260, "覆盖率"), (420, "85%")) for n in range(10)]
    assert _gutter(rows, 600) is None
    names = ["残疾人基本康复服务覆盖率", "困难残疾人生活补贴发放率", "残疾人就业人数", "无障碍改造户数"]
    described = "按年度统计由县级残联填报并经审核后汇总上报"
    long_cells = [_text_line(100 + 14 * n, (60, names[n % 4]), (320, described)) for n in range(12)]
    assert _gutter(long_cells, 600) is None


def test_a_full_numbered_line_goes_on_only_where_the_page_shows_it_full() -> None:
    """A heading of a narrow column broken at the margin (（一）…保障制 / 度。) is one line where
    the PDF's geometry shows the margin reached; text without geometry keeps it a heading."""
    lines = ["（一）广大农村地区完善残疾人社会保障制", "度。"]
    assert [line.text for line in join_broken(lines, 19, [(19, True), (2, False)]) if isinstance(line, Line)] == [
        "（一）广大农村地区完善残疾人社会保障制度。"
    ]
    assert len(join_broken(lines, 19, [(17, False), (2, False)])) == 2  # not full: a heading
    assert len(join_broken(lines, 19)) == 2  # counted, not measured: a heading


def _raw_line(top: float, *runs: tuple[float, str]) -> dict[str, object]:
    """A line as the page gives it: runs of 12 pt characters, each starting at its x."""
    chars = [
        {"text": ch, "x0": x + 12 * k, "x1": x + 12 * (k + 1), "top": top, "bottom": top + 12, "size": 12.0}
        for x, text in runs
        for k, ch in enumerate(text)
    ]
    return {"chars": chars, "top": top, "bottom": top + 12, "x0": chars[0]["x0"], "x1": chars[-1]["x1"]}


def _cells(grid: _Grid) -> list[list[str]]:
    return [[c.text for c in grid.row(r)] for r in range(grid.height)]


def test_lines_of_cells_set_apart_are_a_table_and_a_cell_going_on_joins_its_row() -> None:
    lines = [
        _raw_line(100, (50, "主要指标如下。")),
        _raw_line(120, (50, "指标"), (250, "2025年"), (350, "2026年")),
        _raw_line(140, (50, "康复服务覆盖率"), (256, "80%"), (356, "85%")),
        _raw_line(160, (50, "残疾儿童康复救助"), (250, "1200人"), (350, "1500人")),
        _raw_line(180, (50, "人数")),  # under the first cell: its text going on
        _raw_line(200, (50, "辅具适配率"), (356, "90%")),  # an empty cell
        _raw_line(220, (50, "这是表格之后的一段正文，从左边一直排到右边的边界。")),
    ]
    text, tables = _unruled_tables(lines, 1)
    assert [line["top"] for line in text] == [100, 220] and [top for top, _ in tables] == [120]
    assert _cells(tables[0][1]) == [
        ["指标", "2025年", "2026年"],
        ["康复服务覆盖率", "80%", "85%"],
        ["残疾儿童康复救助人数", "1200人", "1500人"],
        ["辅具适配率", "", "90%"],
    ]


def test_prose_two_rows_and_runs_that_do_not_keep_to_columns_are_no_table() -> None:
    prose = [_raw_line(100 + 20 * n, (50, "一行正文，没有宽的空白，排满一行。")) for n in range(4)]
    two_rows = [_raw_line(100, (50, "姓名"), (250, "张三")), _raw_line(120, (50, "性别"), (250, "男"))]
    # Every line parted somewhere else: together they fill the line, so there are no columns.
    scattered = [_raw_line(100 + 20 * n, (50, "字" * (2 + 4 * n)), (50 + 12 * (4 + 4 * n), "字" * 6)) for n in range(4)]
    # A contents list set without leaders: each heading, then its page number far to the right.
    contents = [_raw_line(100 + 20 * n, (50, f"第{n + 1}章 总则"), (450, str(3 + 4 * n))) for n in range(4)]
    # Short articles, each set apart from its number by a wide space: numbered text, no header.
    articles = [
        _raw_line(100 + 20 * n, (50, f"第{'一二三四'[n]}条"), (150, "本办法自发布之日起施行。")) for n in range(4)
    ]
    for lines in (prose, two_rows, scattered, contents, articles):
        text, tables = _unruled_tables(lines, 1)
        assert not tables and len(text) == len(lines)


def test_unruled_tables_are_found_in_linear_time() -> None:
    def lines(n: int) -> list[dict[str, object]]:  # lines of two runs that keep to no columns: no table
        return [
            _raw_line(16.0 * k, (50, "字" * (2 + 4 * (k % 4))), (50 + 12 * (4 + 4 * (k % 4)), "字" * 6))
            for k in range(n)
        ]

    assert_linear(lambda text: _unruled_tables(lines(len(text)), 1), "x", size=2_000)


def _boxed(page: int, box: int, top: float = 100.0) -> _Line:
    return _Line("文字", page, top, top + 16, 90, 500, 16, box=box)


def test_a_box_running_on_over_a_page_break_is_one_box() -> None:
    frames = _Frames()
    first = [frames.of(line) for line in (_boxed(1, 0), _boxed(1, 1), _boxed(1, 1))]
    frames.page_ends()
    second = [frames.of(line) for line in (_boxed(2, 1), _boxed(2, 0), _boxed(2, 2))]
    assert first == [(), (1,), (1,)] and second == [(1,), (), (2,)]


def test_a_box_at_a_page_s_head_after_text_outside_any_box_is_a_box_of_its_own() -> None:
    frames = _Frames()
    frames.of(_boxed(1, 1))
    frames.of(_boxed(1, 0))  # the first box ended on its page
    frames.page_ends()
    assert frames.of(_boxed(2, 1)) == (2,)


def test_the_innermost_box_drawn_around_a_line_is_its_box() -> None:
    outer, inner = (50.0, 50.0, 550.0, 700.0), (80.0, 90.0, 520.0, 200.0)
    assert _box_around(_boxed(1, 0), [outer, inner]) == 2
    assert _box_around(_boxed(1, 0, top=400), [outer, inner]) == 1
    assert _box_around(_boxed(1, 0, top=750), [outer, inner]) == 0
    # A page of many boxes is a drawing or a form: no box is a 专栏's.
    assert _box_around(_boxed(1, 0), [inner] * (MAX_BOXES + 1)) == 0


def test_one_row_of_ruled_cells_is_text_and_two_rows_a_table() -> None:
    row = ["康复服务覆盖率", "85%以上", "市残联"]
    items = _items(["加强康复服务。", _grid([row]), "做好托养服务。"], 90.0, None)
    assert [item.text for item in items if isinstance(item, Line)] == ["加强康复服务。", *row, "做好托养服务。"]
    table = _items([_grid([HEAD, row])], 90.0, None)
    assert [type(item).__name__ for item in table] == ["TableDraft"]


def _printed(tmp_path: Path, title: str, body: str) -> bytes:
    """A web page printed to PDF by Chromium, with its date, title, address and page count in
    the margins."""
    browser = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(browser).exists():
        pytest.fail("chromium is missing: scripts/install-test-tools.sh installs it")
    page = tmp_path / "page.html"
    page.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    pdf = tmp_path / "page.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return pdf.read_bytes()


def test_text_in_a_table_cell_a_browser_prints_open_at_a_page_break_is_kept(tmp_path: Path) -> None:
    """Chromium prints a cell that runs over a page break without its rule at the break, so the
    cell is none of the table's grid: its text must still be imported (before, it was dropped)."""
    rows = "".join(
        f"<tr>{'<td rowspan=40>一、医疗质量</td>' if n == 0 else ''}<td>{n + 1}.指标{n + 1}</td><td>定量</td></tr>"
        for n in range(40)
    )
    body = f'<h1>三级公立医院绩效考核指标</h1><table border="1"><tr><th>一级指标</th><th>三级指标</th><th>性质</th></tr>{rows}</table>'
    draft = import_bytes(_printed(tmp_path, "考核指标", body), source_name="page.pdf").yaml
    assert "一、医疗质量" in draft and all(f"{n}.指标{n}" in draft for n in range(1, 41))


def test_a_short_page_a_browser_printed_has_its_headings_and_paragraphs(tmp_path: Path) -> None:
    """On a short page the browser's margin text (in small type) outweighs the page's own: the
    body's size must not be taken from it, or every line of the page is a heading."""
    title = "某市残疾人联合会2025年政府信息公开工作年度报告"
    body = (
        f"<h1>{title}</h1><p>本报告根据条例编制。</p><p>一、总体情况</p><p>市残联认真贯彻落实公开要求。</p>"
        "<p>二、存在的问题</p><p>公开内容还不够丰富。</p>"
    )
    fields = yaml.safe_load(import_bytes(_printed(tmp_path, title, body), source_name="page.pdf").yaml)
    assert fields["title"] == title and fields["preamble"] == "本报告根据条例编制。"
    assert [(s["label"], s["title"], s["blocks"]) for s in fields["body"]] == [
        ("一、", "总体情况", ["市残联认真贯彻落实公开要求。"]),
        ("二、", "存在的问题", ["公开内容还不够丰富。"]),
    ]


def test_a_printed_page_s_menu_and_the_links_after_its_text_are_left_out(tmp_path: Path) -> None:
    """Printed, a page's menu, 分享到, 相关信息 with the titles under it and the footer are lines
    like the text's: they are left out, so the 落款 before them is the signature."""
    menu = "".join(
        f'<li><a href="/{n}/">{name}</a></li>' for n, name in enumerate(["首页", "新闻中心", "政务公开", "办事服务"])
    )
    body = (
        f"<ul>{menu}</ul><h1>关于做好全国助残日活动的通知</h1><p>各区县残联：</p><p>现将有关工作通知如下。</p>"
        "<p>某市残疾人联合会</p><p>2026年4月20日</p><p>分享到：微信 微博</p>"
        "<h3>相关信息</h3><ul><li>某市残联召开助残日活动部署会 2026-04-18</li></ul><p>主办单位：某市残疾人联合会</p>"
    )
    result = import_bytes(_printed(tmp_path, "通知", body), source_name="page.pdf")
    fields = yaml.safe_load(result.yaml)
    assert fields["preamble"] == "各区县残联：\n\n现将有关工作通知如下。"
    assert fields["signature"] == {"issuer": "某市残疾人联合会", "date": dt.date(2026, 4, 20)}
    assert "主办单位" not in result.yaml and any("首页" in line for line in result.dropped)


def test_a_list_s_bullet_drawn_from_a_symbol_font_is_no_text() -> None:
    bullet = [("\uf0b7", 12.0, 112.0, False), (" ", 12.0, 112.0, False)]
    line = _line(_chars(bullet + _plain("实施就业帮扶行动。")), 1, BOLD)
    assert line.text == "实施就业帮扶行动。"
    titled = _line(
        _chars([("●", 12.0, 112.0, True), (" ", 12.0, 112.0, True), *_plain("（一）标题。", True), *_plain("正文。")]),
        1,
        BOLD,
    )
    assert (titled.text, titled.bold) == ("（一）标题。正文。", len("（一）标题。"))
    # The control: a symbol inside the text, not a bullet before it, stays.
    assert _line(_chars(_plain("完成率√达标。")), 1, BOLD).text == "完成率√达标。"


def test_boxes_on_many_pages_are_numbered_in_linear_time() -> None:
    def number(text: str) -> None:
        frames = _Frames()
        for page in range(len(text)):
            for box in range(1, MAX_BOXES + 1):
                frames.of(_boxed(page, box))
                frames.of(_boxed(page, 0))
            frames.page_ends()

    assert_linear(number, "x", size=1_000)
