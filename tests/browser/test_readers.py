"""What real readers get, beyond what a rule engine checks: the text they copy
and find, the names a screen reader says, 大字版 on a phone, text size, and
the read-aloud control while it reads. test_faults.py shows the copy, find,
name, first-screen and card checks fail on pages with those faults."""

from __future__ import annotations

import os

import pytest

from . import gate
from .test_reading import STUB, real
from .transcript import page_transcript

MODES = ["", "large/", "text/"]
MODE_IDS = ["standard", "large", "text"]
TITLE = "重庆市江北区“十四五”残疾人保障和发展规划（2021—2025年）"
WRITTEN = ("江北府发〔2022〕20号", "（2021—2025年）", "＞95", "0-6岁")
SPOKEN = ("大于95", "2021年至2025", "0岁至6", "（2022年）", "（大于")


# --- 1. the official text stays the official text ----------------------------------


@pytest.mark.parametrize("mode", MODES, ids=MODE_IDS)
def test_copy_gives_the_documents_own_text(open_page, mode: str) -> None:  # type: ignore[no-untyped-def]
    copied = gate.copied_text(open_page(real(mode)).page)
    assert TITLE in copied
    for written in WRITTEN:
        assert written in copied, written
    for said in SPOKEN:
        assert said not in copied, said


@pytest.mark.parametrize("mode", MODES, ids=MODE_IDS)
def test_find_in_page_finds_the_documents_own_text(open_page, mode: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(real(mode)).page
    for written in (*WRITTEN, "2021—2025年"):
        assert gate.finds(page, written), written
    assert not gate.finds(page, "大于95"), "a spoken form is not text on the page"


@pytest.mark.parametrize("mode", ["", "large/"], ids=["standard", "large"])
def test_accessible_names_read_as_one_phrase(open_page, mode: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(real(mode)).page
    assert gate.accessible_name(page, "h1") == "重庆市江北区“十四五”残疾人保障和发展规划（2021年至2025年）"
    lines = page.locator(".meta-list").aria_snapshot().splitlines()
    assert "- definition: 2021年至2025年" in [line.strip() for line in lines]
    assert "- definition: 江北府发〔2022〕20号" in [line.strip() for line in lines]
    # No browse-mode line (a node of Chromium's tree) carries a bracketed spoken form.
    assert "（2021至2025）年" not in page.locator("main").aria_snapshot()


def test_a_box_title_is_said_once_as_a_heading(open_page) -> None:  # type: ignore[no-untyped-def]
    announced = page_transcript(open_page(real("")).page)
    title = "专栏1 “十四五”残疾人保障和发展主要指标"
    said = [line for line in announced if title in line]
    # the heading, and the table it names when a reader moves by tables; no region, no group
    assert said == [f"heading level 4: {title}", f"table: {title}"], said


# --- 2. 大字版 on a phone ------------------------------------------------------------

TABLE_PAGES = [
    "real/large/plans/jiangbei-disability-plan-2021-2025/index.html",
    "real/large/plans/fenghua-disability-plan-2021-2025/index.html",
    "features/large/plans/feature-plan/index.html",
]


@pytest.mark.parametrize("path", TABLE_PAGES)
def test_large_type_tables_are_cards_on_a_phone(open_page, path: str) -> None:  # type: ignore[no-untyped-def]
    page = open_page(path, width=360, height=640).page
    assert page.locator("main table").count() >= 1
    assert gate.card_tables(page) == []
    # screen readers still get each cell with its headers
    cells = page_transcript(page)
    assert any("，" in line and "：" in line for line in cells)


def test_cards_keep_header_relations(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(TABLE_PAGES[0], width=360, height=640).page
    announced = page_transcript(page)
    assert "目标值，残疾人城乡居民基本医疗保险参保率（%)：大于95" in announced


# The feature plan's 附件2: merged cells and group rows, as a screen reader
# should announce them (reviewed): every data cell with its column, its row
# header (to its left) and its group.
MERGED_AS_WRITTEN = [
    "二级指标，残疾儿童康复救助人数，辅助器具适配率（%），一、服务质量：（一）康复服务",
    "三级指标，一、服务质量：残疾儿童康复救助人数",
    "指标性质，残疾儿童康复救助人数，一、服务质量：定量",
    "目标值，残疾儿童康复救助人数，一、服务质量：1200",
    "三级指标，一、服务质量：辅助器具适配率（%）",
    "指标性质，辅助器具适配率（%），一、服务质量：定量",
    "目标值，辅助器具适配率（%），一、服务质量：大于等于90",
    "二级指标，托养服务满意度，一、服务质量：（二）托养服务",
    "三级指标，一、服务质量：托养服务满意度",
    "指标性质，目标值，托养服务满意度，一、服务质量：定性（按年度调查结果评定）",
    "二级指标，专业人员占比（%），持证上岗率（%），二、持续发展：（三）人才队伍",
    "三级指标，二、持续发展：专业人员占比（%）",
    "指标性质，专业人员占比（%），二、持续发展：定量",
    "目标值，专业人员占比（%），持证上岗率（%），二、持续发展：逐年提高",
    "三级指标，二、持续发展：持证上岗率（%）",
    "指标性质，持证上岗率（%），二、持续发展：定量",
]
# 大字版 repeats a merged cell in every row it covers, so each row (a card on a phone) is complete.
MERGED_FULL_ROWS = [
    "二级指标，残疾儿童康复救助人数，一、服务质量：（一）康复服务",
    *MERGED_AS_WRITTEN[1:4],
    "二级指标，辅助器具适配率（%），一、服务质量：（一）康复服务",
    *MERGED_AS_WRITTEN[4:10],
    "二级指标，专业人员占比（%），二、持续发展：（三）人才队伍",
    *MERGED_AS_WRITTEN[11:13],
    "目标值，专业人员占比（%），二、持续发展：逐年提高",
    "二级指标，持证上岗率（%），二、持续发展：（三）人才队伍",
    *MERGED_AS_WRITTEN[14:],
    "目标值，持证上岗率（%），二、持续发展：逐年提高",
]


def _merged_table(lines: list[str]) -> list[str]:
    start = lines.index("table: 残疾人服务绩效考核指标") + 1
    end = lines.index("注：目标值为2025年数值。", start)  # the table's note follows it
    return lines[start:end]


@pytest.mark.parametrize(
    ("mode", "width", "expected"),
    [
        ("", 1280, MERGED_AS_WRITTEN),
        ("text/", 1280, [line.replace("大于等于90", "≥90") for line in MERGED_AS_WRITTEN]),  # no spoken forms there
        ("large/", 360, MERGED_FULL_ROWS),
    ],
    ids=["standard", "text", "large-phone"],
)
def test_merged_cells_are_announced_with_their_headers(open_page, mode: str, width: int, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(f"features/{mode}plans/feature-plan/index.html", width=width, height=800).page
    assert _merged_table(page_transcript(page)) == expected
    assert gate.table_headers(page) == []
    if mode == "large/":
        assert gate.card_tables(page) == []


def test_the_grid_stays_at_desktop_widths(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(TABLE_PAGES[0], width=1280, height=800).page
    assert page.evaluate("() => getComputedStyle(document.querySelector('main table')).display") == "table"


def _body_font(page) -> float:  # type: ignore[no-untyped-def]
    return float(
        page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('main .section p')).fontSize)")
    )


def test_large_type_follows_the_readers_browser_font_size(browser, server) -> None:  # type: ignore[no-untyped-def]
    sizes = {}
    for mode in ("", "large/"):
        context = browser.new_context()
        page = context.new_page()
        page.context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
        page.goto(f"{server}/{real(mode)}")
        sizes[mode] = _body_font(page)
        context.close()
    assert sizes[""] >= 24 and sizes["large/"] > sizes[""], sizes


@pytest.mark.parametrize("mode", ["", "large/"], ids=["standard", "large"])
def test_text_size_control_is_remembered_across_pages(browser, server, mode: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{server}/{real(mode)}")
    before = _body_font(page)
    group = page.get_by_role("group", name="文字大小")
    group.get_by_role("button", name="放大").click()
    group.get_by_role("button", name="放大").click()
    assert _body_font(page) == pytest.approx(before * 1.5, rel=0.02)
    page.goto(f"{server}/real/{mode}index.html")  # another page: the size stays
    page.goto(f"{server}/{real(mode)}")
    assert _body_font(page) == pytest.approx(before * 1.5, rel=0.02)
    page.get_by_role("group", name="文字大小").get_by_role("button", name="还原").click()
    assert _body_font(page) == pytest.approx(before, rel=0.01)
    context.close()


def test_the_way_into_large_type_is_prominent(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(real(""), width=360, height=640).page
    link = page.get_by_role("navigation", name="阅读模式").get_by_role("link", name="大字版（长辈版）")
    box = link.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44 and box["y"] + box["height"] <= 640


@pytest.mark.parametrize("size", [(1280, 800), (360, 640)], ids=["1280", "360"])
def test_the_masthead_is_above_the_fold(open_page, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    page = open_page(real(""), width=size[0], height=size[1]).page
    for value in ("重庆市江北区人民政府", "江北府发〔2022〕20号"):
        box = page.locator(".meta-list dd", has_text=value).first.bounding_box()
        assert box and box["y"] + box["height"] <= size[1], value
    assert page.locator(".read-aloud__status").bounding_box()["height"] <= 1, "no empty status box"


# --- 3. 语音播报 stays in reach and does not talk over screen readers -------------------


@pytest.fixture(
    params=[("", 1280, 800), ("large/", 1280, 800), ("", 360, 640), ("large/", 360, 640)],
    ids=["standard-1280", "large-1280", "standard-360", "large-360"],
)
def reading(request, browser, server):  # type: ignore[no-untyped-def]
    mode, width, height = request.param
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(STUB)
    context.add_init_script(
        "window.__announced = []; document.addEventListener('DOMContentLoaded', () => {"
        " new MutationObserver(() => { const s = document.querySelector('.read-aloud [role=status]');"
        " if (s && s.textContent) window.__announced.push(s.textContent); })"
        ".observe(document.body, {subtree: true, childList: true, characterData: true}); });"
    )
    page = context.new_page()
    page.goto(f"{server}/{real(mode)}")
    yield page
    context.close()


def test_the_control_is_small_before_reading(reading) -> None:  # type: ignore[no-untyped-def]
    box = reading.locator(".read-aloud").bounding_box()
    assert box and box["height"] <= 70, box


def test_the_bar_stays_on_screen_and_esc_stops(reading) -> None:  # type: ignore[no-untyped-def]
    button = reading.get_by_role("button", name="语音播报")
    button.focus()
    reading.keyboard.press("Enter")
    assert reading.evaluate("() => document.activeElement.textContent") == "暂停", "focus stays on the button"
    reading.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    for _ in range(3):
        reading.evaluate("() => window.__speech.finish()")
    viewport = reading.viewport_size
    box = reading.locator(".read-aloud").bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1, box
    assert reading.evaluate("() => getComputedStyle(document.querySelector('.read-aloud')).position") == "fixed"
    reading.keyboard.press("Escape")
    assert reading.evaluate("() => window.__speech.calls").count("cancel") >= 1
    assert reading.locator(".reading").count() == 0
    assert reading.evaluate("() => getComputedStyle(document.querySelector('.read-aloud')).position") != "fixed"


def test_the_live_region_announces_only_changes_of_state(reading) -> None:  # type: ignore[no-untyped-def]
    button = reading.locator(".read-aloud button").first
    button.click()
    for _ in range(40):
        reading.evaluate("() => window.__speech.finish()")
    assert len(reading.evaluate("() => window.__speech.spoken")) == 41
    button.click()  # 暂停
    button.click()  # 继续
    reading.keyboard.press("Escape")
    announced = reading.evaluate("() => window.__announced")
    assert [a for i, a in enumerate(announced) if i == 0 or a != announced[i - 1]] == [
        "开始朗读",
        "已暂停",
        "继续朗读",
        "已停止",
    ]


def test_metadata_pairs_list_items_and_everything_visible_are_read(browser, server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.add_init_script(STUB)
    page = context.new_page()
    page.goto(f"{server}/{real('')}")
    page.get_by_role("button", name="语音播报").click()
    for _ in range(2000):
        if page.evaluate("() => window.__speech.current === null"):
            break
        page.evaluate("() => window.__speech.finish()")
    spoken = page.evaluate("() => window.__speech.spoken.map((u) => u.text)")
    assert "文件类型：规划" in spoken and "发文字号：江北府发〔2022〕20号" in spoken
    assert any(text.startswith("政策解读：") for text in spoken), "the related list is read"
    # Every visible text of the article (but the contents list and the control) is in some unit.
    missing = page.evaluate(
        """(spoken) => {
          const all = spoken.join('\\n').replace(/\\s+/g, '');
          const out = [];
          const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (el.closest('.contents, .read-aloud, [aria-hidden=true]')) continue;
            const text = n.nodeValue.replace(/\\s+/g, '');
            if (text && !all.includes(text)) out.push(text.slice(0, 30));
          }
          return out;
        }""",
        spoken,
    )
    assert not missing, missing[:10]
    context.close()


# --- the screen-reader transcript of a long plan, reviewed ------------------------------

TRANSCRIPTS = gate.ROOT / "tests" / "fixtures" / "transcripts"


@pytest.mark.parametrize(("mode", "name"), [("", "standard"), ("text/", "text")], ids=["standard", "text"])
def test_screen_reader_transcript_matches_the_reviewed_one(open_page, mode: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """What a screen reader announces for the 江北区 plan, line by line, from
    Chromium's accessibility tree. A change here changes what blind readers
    hear: review the difference, then rerun with UPDATE_TRANSCRIPTS=1 (make transcripts)."""
    fixture = TRANSCRIPTS / f"jiangbei-{name}.txt"
    actual = page_transcript(open_page(real(mode)).page)
    if os.environ.get("UPDATE_TRANSCRIPTS"):
        fixture.write_text("\n".join(actual) + "\n", encoding="utf-8")
    expected = fixture.read_text(encoding="utf-8").splitlines()
    assert len(expected) > 300
    if actual != expected:
        import difflib

        diff = "\n".join(difflib.unified_diff(expected, actual, "reviewed", "now", lineterm="", n=1))
        pytest.fail(f"the transcript changed:\n{diff[:4000]}")


# --- opened from the disk ---------------------------------------------------------------


def test_the_site_works_opened_from_disk(browser) -> None:  # type: ignore[no-untyped-def]
    """file://: styles, scripts, mode links and downloads all resolve (links name index.html)."""
    from .conftest import SERVE_ROOT, built_pages

    built_pages()
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((SERVE_ROOT / "real" / "plans/jiangbei-disability-plan-2021-2025/index.html").as_uri())
    assert page.evaluate("() => getComputedStyle(document.querySelector('.meta-list')).borderLeftStyle") == "solid"
    assert page.locator(".read-aloud").count() == 1 or page.evaluate("() => !window.speechSynthesis")
    page.get_by_role("navigation", name="阅读模式").get_by_role("link", name="大字版（长辈版）").click()
    page.wait_for_url("**/large/plans/jiangbei-disability-plan-2021-2025/index.html", wait_until="load")
    page.get_by_role("link", name="首页").first.click()
    page.wait_for_url("**/large/index.html", wait_until="load")
    assert page.locator("h1").count() == 1
    assert not failed, failed
    page.close()
