"""The gate proves it can fail: each check reports the fault it exists for.

Every fault page is the clean page below with one fault added, so when a
check flags it, the fault is the cause; the clean page itself passes every
check.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from . import gate
from .conftest import SERVE_ROOT

FAULTS = SERVE_ROOT / "faults"

CLEAN = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{name}</title>
<style>
body {{ font-size: 18px; line-height: 1.8; color: #1a1a1a; background: #fff; margin: 0 1rem; }}
a {{ color: #0b4a8b; }}
:focus-visible {{ outline: 3px solid #000; outline-offset: 2px; }}
.skip {{ position: absolute; top: -10rem; }} .skip:focus {{ top: 0; }}
</style>{head}</head>
<body>{skip}<header><p>测试网站</p></header>
<nav aria-label="网站导航"><a href="../clean.html">首页</a></nav>
<main id="main" tabindex="-1"><h1>{name}</h1><p>正文段落。</p>{body}</main>
<footer><p>页脚</p></footer></body></html>
"""
SKIP = '<a class="skip" href="#main">跳到正文</a>'
WIDE_TABLE = (
    '<table style="width:900px"><caption>宽表格</caption><tr><th scope="col">甲</th><th scope="col">乙</th></tr>'
    "<tr><td>1</td><td>2</td></tr></table>"
)
NO_HEADERS = "<table><caption>没有表头</caption>" + "<tr><td>1</td><td>2</td><td>3</td><td>4</td></tr>" * 4 + "</table>"

# name: (extra head, extra body, keep the skip link)
PAGES: dict[str, tuple[str, str, bool]] = {
    "clean": ("", "", True),
    "image-without-alt": ("", '<img src="pixel.png">', True),
    "low-contrast": ("", '<p style="color:#aaaaaa">浅灰色的文字。</p>', True),
    "below-aaa-contrast": ("", '<p style="color:#767676">对比度 4.5:1，达到 AA，未达到 AAA。</p>', True),
    "table-without-headers": ("", NO_HEADERS, True),
    "skipped-heading": ("", "<h3>跳过了二级标题</h3><p>内容。</p>", True),
    "invalid-attribute": ("", '<p aria-labeledby="x">拼错的属性。</p>', True),
    "wide-table-without-container": ("", WIDE_TABLE, True),
    "hidden-focus": ("<style>a:focus, a:focus-visible { outline: none !important; }</style>", "", True),
    "no-skip-link": ("", "", False),
    "keyboard-trap": (
        "",
        "<label>输入 <input onkeydown=\"if (event.key === 'Tab') event.preventDefault()\"></label>",
        True,
    ),
    "clipped-with-text-spacing": (
        "",
        '<p style="height:1.2em; line-height:1; overflow:hidden">固定高度的一行文字。</p>',
        True,
    ),
    "loads-from-another-host": ('<link rel="stylesheet" href="https://cdn.example.com/site.css">', "", True),
}

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module", autouse=True)
def fault_pages(server: str) -> None:
    FAULTS.mkdir(parents=True, exist_ok=True)
    (FAULTS / "pixel.png").write_bytes(PIXEL)
    for name, (head, body, skip) in PAGES.items():
        html = CLEAN.format(name=name, head=head, body=body, skip=SKIP if skip else "")
        (FAULTS / f"{name}.html").write_text(html, encoding="utf-8")


def _path(name: str) -> str:
    return f"faults/{name}.html"


def test_clean_page_passes_every_check(open_page) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(_path("clean"))
    assert gate.axe(opened.page) == []
    assert gate.keyboard(opened.page) == []
    assert gate.text_spacing(open_page(_path("clean")).page) == []
    assert gate.reflow(open_page(_path("clean"), width=320, height=640).page) == []
    assert opened.blocked == []


@pytest.mark.parametrize(
    ("name", "rule", "element"),
    [
        ("image-without-alt", "[image-alt]", "img"),
        ("low-contrast", "[color-contrast]", "p"),
        ("below-aaa-contrast", "[color-contrast-enhanced]", "p"),
        ("table-without-headers", "[td-has-header]", "table"),
        ("skipped-heading", "[heading-order]", "h3"),
        ("invalid-attribute", "[aria-valid-attr]", "p"),
    ],
)
def test_axe_reports(open_page, name: str, rule: str, element: str) -> None:  # type: ignore[no-untyped-def]
    failures = gate.axe(open_page(_path(name)).page)
    hits = [f for f in failures if f.startswith(rule)]
    assert hits, failures
    assert any(f"<{element}" in f for f in hits), hits


def test_axe_stays_quiet_about_aaa_on_aa_only_fault(open_page) -> None:  # type: ignore[no-untyped-def]
    """The AAA rule is the one that catches 4.5:1 text; plain AA does not."""
    failures = gate.axe(open_page(_path("below-aaa-contrast")).page)
    assert not [f for f in failures if f.startswith("[color-contrast]")]


@pytest.mark.parametrize("zoom", [None, 4])
def test_reflow_and_zoom_report_a_wide_table_without_container(open_page, zoom: int | None) -> None:  # type: ignore[no-untyped-def]
    if zoom:
        opened = open_page(_path("wide-table-without-container"), width=1280 // zoom, height=200, scale=zoom)
    else:
        opened = open_page(_path("wide-table-without-container"), width=320, height=640)
    failures = gate.reflow(opened.page)
    assert failures and failures[0].startswith("[reflow]"), failures
    assert "table" in failures[0]


def test_scroll_container_must_be_focusable_and_named(open_page) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(_path("clean"), width=320, height=640)
    opened.page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<div style="overflow-x:auto"><table style="width:900px"><caption>表</caption><tr><th scope="col">甲</th></tr></table></div>')"""
    )
    failures = gate.reflow(opened.page)
    assert any("cannot be focused" in f for f in failures), failures
    assert any("not a named region or group" in f for f in failures), failures


def test_text_spacing_reports_clipped_text(open_page) -> None:  # type: ignore[no-untyped-def]
    assert gate.clipped_text(open_page(_path("clipped-with-text-spacing")).page) == [], "clips only once spaced"
    failures = gate.text_spacing(open_page(_path("clipped-with-text-spacing")).page)
    assert any(f.startswith("[text-spacing]") and "p" in f and "clipped" in f for f in failures), failures


@pytest.mark.parametrize(
    ("name", "rule"),
    [("hidden-focus", "[focus-visible]"), ("no-skip-link", "[skip-link]"), ("keyboard-trap", "[keyboard-trap]")],
)
def test_keyboard_reports(open_page, name: str, rule: str) -> None:  # type: ignore[no-untyped-def]
    failures = gate.keyboard(open_page(_path(name)).page)
    assert any(f.startswith(rule) for f in failures), failures


def test_request_to_another_host_is_blocked_and_reported(open_page) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(_path("loads-from-another-host"))
    assert opened.blocked == ["https://cdn.example.com/site.css"]


def test_nu_html_checker_reports_the_invalid_attribute() -> None:
    page = FAULTS / "invalid-attribute.html"
    clean = FAULTS / "clean.html"
    errors = gate.run_vnu([page, clean])
    assert errors[clean.resolve()] == []
    assert any("aria-labeledby" in e for e in errors[Path(page).resolve()]), errors
