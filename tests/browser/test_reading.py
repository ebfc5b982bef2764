"""Reading modes in the browser: what a screen reader announces, the read-aloud
control, large type, colour preferences and print."""

from __future__ import annotations

import itertools
import re

import pytest

from . import gate
from .transcript import page_transcript

DOC = "plans/jiangbei-disability-plan-2021-2025/index.html"


def real(mode_prefix: str, route: str = DOC) -> str:
    return f"real/{mode_prefix}{route}"


# --- what a screen reader announces ------------------------------------------------


@pytest.fixture(params=["", "large/", "text/"], ids=["standard", "large", "text"])
def announced(request, open_page) -> list[str]:  # type: ignore[no-untyped-def]
    page = open_page(real(request.param)).page
    return page_transcript(page)


def test_landmarks_in_order(announced: list[str]) -> None:
    landmarks = [line for line in announced if line.endswith("landmark") or " landmark: " in line]
    top = [line for line in landmarks if not line.startswith("region")]
    assert top == [
        "banner landmark",
        "navigation landmark: 网站导航",
        "navigation landmark: 阅读模式",
        "main landmark",
        "navigation landmark: 目录",
        "contentinfo landmark",
    ]
    regions = [line.split(": ", 1)[1] for line in landmarks if line.startswith("region")]
    assert not [r for r in regions if r.startswith("专栏")], "a 专栏 is titled by its heading, not a region"


def test_headings_with_levels_and_numbering(announced: list[str]) -> None:
    headings = [line for line in announced if line.startswith("heading")]
    assert headings[0] in (
        "heading level 1: 重庆市江北区“十四五”残疾人保障和发展规划（2021年至2025年）",  # with spoken forms
        "heading level 1: 重庆市江北区“十四五”残疾人保障和发展规划（2021—2025年）",  # the text channel
    )
    for expected in (
        "heading level 2: 第一章 编制背景",
        "heading level 3: 第一节 指导思想",
        "heading level 4: （一）夯实残疾人基本保障",
        "heading level 5: 1.残疾儿童康复救助帮扶。",
        "heading level 5: 专栏2 残疾人社会保障重点项目",  # a box in a level-4 section
    ):
        assert expected in headings
    levels = [int(line.split()[2].rstrip(":")) for line in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "no skipped levels"


def test_table_cells_are_announced_with_their_headers(announced: list[str]) -> None:
    start = announced.index("table: 专栏1 “十四五”残疾人保障和发展主要指标")
    cells = announced[start + 1 : start + 1 + 44]
    assert cells[:4] == [
        "序号，残疾人家庭人均收入年均增长（%）：1",
        "指标：残疾人家庭人均收入年均增长（%）",
        "目标值，残疾人家庭人均收入年均增长（%）：与全区地区生产总值增长基本同步",
        "指标属性，残疾人家庭人均收入年均增长（%）：预期性",
    ]
    assert {
        "目标值，残疾人城乡居民基本医疗保险参保率（%)：大于95",
        "目标值，残疾人城乡居民基本医疗保险参保率（%)：＞95",
    } & set(cells)
    tasks = announced.index("table: 重点任务分工")
    assert announced[tasks + 3].startswith("牵头单位，将符合条件的残疾人家庭全部纳入最低生活保障范围")


@pytest.mark.parametrize("mode", ["", "large/"], ids=["standard", "large"])
def test_symbols_are_announced_by_their_spoken_form(open_page, mode: str) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(page_transcript(open_page(real(mode)).page))
    assert "大于95" in text and "＞95" not in text
    assert "江北府发〔2022〕20号" in text, "〔2022〕 reads fine and is left as written"


def test_transcript_can_fail_on_a_table_without_headers(open_page, fault_pages) -> None:  # type: ignore[no-untyped-def]
    page = open_page("faults/table-without-headers.html").page
    lines = page_transcript(page)
    start = lines.index("table: 没有表头")
    assert lines[start + 1 : start + 3] == ["1", "2"], "no header is announced with a bare cell"


# --- 语音播报 (read aloud) ---------------------------------------------------------

STUB = """
(() => {
  const stub = {
    spoken: [], calls: [], current: null,
    speak(u) { this.spoken.push({ text: u.text, rate: u.rate, lang: u.lang }); this.current = u; },
    pause() { this.calls.push('pause'); },
    resume() { this.calls.push('resume'); },
    cancel() { this.calls.push('cancel'); const u = this.current; this.current = null; if (u && u.onend) u.onend(); },
    getVoices() { return []; },
    finish() { const u = this.current; this.current = null; if (u && u.onend) u.onend(); },
  };
  Object.defineProperty(window, 'speechSynthesis', { value: stub, configurable: true });
  window.__speech = stub;
})();
"""


@pytest.fixture(params=["", "large/"], ids=["standard", "large"])
def reading(request, browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(STUB)
    page = context.new_page()
    page.goto(f"{server}/{real(request.param)}")
    yield page
    context.close()


def _spoken(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.evaluate("() => window.__speech.spoken")


def _status(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".read-aloud [role=status]").inner_text()


def _press(page, label: str) -> None:  # type: ignore[no-untyped-def]
    """Operate a control with the keyboard only: focus it by Tab, press Enter."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == label:
            page.keyboard.press("Enter")
            return
    raise AssertionError(f"no control labelled {label} reachable by Tab")


def _progress(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".read-aloud__progress").inner_text()


def test_read_aloud_plays_from_the_top_and_moves_on(reading) -> None:  # type: ignore[no-untyped-def]
    _press(reading, "语音播报")
    first = _spoken(reading)[0]
    assert first["lang"] == "zh-CN" and first["rate"] == 1
    assert first["text"] == "重庆市江北区“十四五”残疾人保障和发展规划（2021年至2025年）"
    assert reading.evaluate("() => document.querySelector('.reading').tagName") == "H1"
    found = re.search(r"共(\d+)段", _progress(reading))
    assert found
    total = int(found.group(1))
    assert _progress(reading) == f"第1段，共{total}段；语速1倍" and total > 100
    assert _status(reading) == "开始朗读"
    reading.evaluate("() => window.__speech.finish()")
    assert len(_spoken(reading)) == 2
    assert _progress(reading) == f"第2段，共{total}段；语速1倍"
    assert _status(reading) == "开始朗读", "moving on is shown, not announced"
    assert reading.evaluate("() => document.querySelectorAll('.reading').length") == 1


def test_pause_resume_faster_slower_stop(reading) -> None:  # type: ignore[no-untyped-def]
    button = reading.locator(".read-aloud button").first
    _press(reading, "语音播报")
    assert button.inner_text() == "暂停"
    reading.keyboard.press("Enter")  # focus stays on the same button
    assert reading.evaluate("() => window.__speech.calls") == ["pause"]
    assert (button.inner_text(), _status(reading)) == ("继续", "已暂停")
    reading.keyboard.press("Enter")
    assert reading.evaluate("() => window.__speech.calls")[-1] == "resume"
    assert button.inner_text() == "暂停"
    assert _status(reading) == "继续朗读"
    _press(reading, "加快语速")
    assert _spoken(reading)[-1]["rate"] == 1.25, "the current unit restarts at the new rate"
    assert _progress(reading).endswith("语速1.25倍")
    reading.keyboard.press("Shift+Tab")
    reading.keyboard.press("Enter")  # 减慢语速
    reading.keyboard.press("Enter")
    assert _spoken(reading)[-1]["rate"] == 0.75
    reading.keyboard.press("Shift+Tab")
    reading.keyboard.press("Enter")  # 停止
    assert _status(reading) == "已停止"
    assert reading.evaluate("() => document.querySelector('.reading')") is None
    assert button.inner_text() == "语音播报"


def _scroll_to(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    page.evaluate(f"() => document.querySelector({selector!r}).scrollIntoView()")
    page.wait_for_timeout(100)  # the position is remembered on the next animation frame


def test_reads_from_where_the_reader_scrolled(reading) -> None:  # type: ignore[no-untyped-def]
    _scroll_to(reading, "#s-3")
    reading.focus(".read-aloud button")  # reaching the control scrolls back up ...
    reading.keyboard.press("Enter")
    assert _spoken(reading)[0]["text"] == "第三章 重点任务"  # ... but reading starts where the reader was


def test_reads_from_a_clicked_paragraph(reading) -> None:  # type: ignore[no-untyped-def]
    reading.locator("#s-2-3 + p").click()
    reading.locator(".read-aloud button").first.click()
    assert _spoken(reading)[0]["text"].startswith("到2025年，残疾人生活品质得到新改善")


def test_reads_table_rows_with_their_headers(reading) -> None:  # type: ignore[no-untyped-def]
    _scroll_to(reading, "#table-1 tbody tr")
    reading.focus(".read-aloud button")
    reading.keyboard.press("Enter")
    assert _spoken(reading)[0]["text"] == (
        "序号：1；指标：残疾人家庭人均收入年均增长（%）；目标值：与全区地区生产总值增长基本同步；指标属性：预期性"
    )
    for _ in range(6):
        reading.evaluate("() => window.__speech.finish()")
    assert "目标值：大于95" in _spoken(reading)[-1]["text"]


def test_no_control_without_speech_synthesis_or_script(browser, server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    context.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});")
    page = context.new_page()
    page.goto(f"{server}/{real('')}")
    assert page.locator(".read-aloud").count() == 0
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{real('')}")
    assert page.locator(".read-aloud").count() == 0
    assert page.locator("h1").count() == 1 and page.locator("table").count() == 2, "the page is whole without script"
    context.close()


def test_no_control_in_the_text_channel(open_page) -> None:  # type: ignore[no-untyped-def]
    assert open_page(real("text/")).page.locator(".read-aloud").count() == 0


# --- 大字版 (large type) -------------------------------------------------------------

MEASURE = """() => {
  const px = (v) => parseFloat(v);
  const p = document.querySelector('main .section p');
  const cs = getComputedStyle(p);
  const h2 = getComputedStyle(document.querySelector('main .section h2'));
  const targets = [...document.querySelectorAll('a[href], button')].filter((el) => {
    if (el.closest('p, dd, dt, td, th, caption')) return false;  // links inside running text are exempt
    const r = el.getBoundingClientRect();
    return r.width > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.classList.contains('skip-link');
  }).map((el) => { const r = el.getBoundingClientRect(); return [el.textContent.trim().slice(0, 20), r.width, r.height]; });
  return {
    font: px(cs.fontSize), lineHeight: px(cs.lineHeight), margin: px(cs.marginBottom),
    h2: px(h2.fontSize), width: p.getBoundingClientRect().width, targets,
  };
}"""


def test_large_type_meets_the_elderly_friendly_numbers(open_page) -> None:  # type: ignore[no-untyped-def]
    m = open_page(real("large/")).page.evaluate(MEASURE)
    assert m["font"] >= 24, "main text at least 18pt (24 CSS px)"
    assert m["h2"] > m["font"], "headings larger than text"
    assert m["lineHeight"] / m["font"] >= 1.5
    assert m["margin"] > m["lineHeight"] - m["font"], "paragraph spacing larger than line spacing"
    assert m["width"] / m["font"] <= 31, "lines of about 30 Chinese characters at most"
    small = [t for t in m["targets"] if t[1] < 44 or t[2] < 44]
    assert len(m["targets"]) > 50 and not small, small[:5]


def test_standard_type_is_smaller_than_large(open_page) -> None:  # type: ignore[no-untyped-def]
    standard = open_page(real("")).page.evaluate(MEASURE)
    assert 16 <= standard["font"] < 24


# --- colour preferences and print --------------------------------------------------

CONTRAST_ONLY = {
    "runOnly": {"type": "rule", "values": ["color-contrast", "color-contrast-enhanced", "link-in-text-block"]},
    "resultTypes": ["violations"],
}


@pytest.mark.parametrize("mode", ["", "large/"], ids=["standard", "large"])
@pytest.mark.parametrize(
    "media",
    [{"color_scheme": "dark"}, {"contrast": "more"}, {"color_scheme": "dark", "contrast": "more"}],
    ids=["dark", "more-contrast", "dark-more-contrast"],
)
def test_colour_preferences_keep_aaa_contrast(open_page, mode: str, media: dict) -> None:  # type: ignore[no-untyped-def]
    page = open_page(real(mode)).page
    light = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    page.emulate_media(**media)
    now = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    if "color_scheme" in media:
        assert now != light, "the dark scheme is applied"
    page.evaluate(gate.AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate("o => axe.run(document, o)", CONTRAST_ONLY)
    assert not result["violations"], [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]]


def test_forced_colors_keep_focus_and_box_outlines(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(real("")).page
    page.emulate_media(forced_colors="active")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    border = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.box')).borderTopWidth)")
    assert outline == "solid" and border >= 2


def test_print_shows_the_document_without_controls(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page("features/plans/feature-plan/index.html").page
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.skip-link', '.site-nav', '.mode-nav', '.read-aloud', '.contents']
            .map((s) => [s, document.querySelector(s) && getComputedStyle(document.querySelector(s)).display])"""
    )
    assert all(display == "none" for _, display in hidden), hidden
    after = page.evaluate("() => getComputedStyle(document.querySelector('a[href^=\"https://\"]'), '::after').content")
    assert "https://www.example.gov.cn/" in after
    assert page.locator("h1").is_visible() and page.locator("table").first.is_visible()
