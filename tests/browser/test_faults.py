"""The gate proves it can fail: each check reports the fault it exists for.

Every fault page is the clean page below with one fault added, so when a
check flags it, the fault is the cause; the clean page itself passes every
check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import gate
from .conftest import SERVE_ROOT

FAULTS = SERVE_ROOT / "faults"

pytestmark = pytest.mark.usefixtures("fault_pages")


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


# --- what real readers get -----------------------------------------------------------


def test_a_spoken_form_written_as_text_is_caught(open_page) -> None:  # type: ignore[no-untyped-def]
    clean = open_page(_path("clean")).page
    assert gate.copied_text(clean).strip().endswith("正文段落。")
    page = open_page(_path("spoken-form-as-text")).page
    assert "（大于95）" in gate.copied_text(page), "the copy check sees a spoken form copied as text"
    assert gate.accessible_name(page, "h2") != "规划（2021年至2025年）", "the heading's name is broken"
    # Chromium's window.find skips clipped text, but not text a page without CSS shows.
    assert gate.finds(open_page(_path("clean")).page, "正文段落。")
    assert not gate.finds(open_page(_path("spoken-form-without-css")).page, "参保率＞95。")


def test_a_tall_header_pushes_the_h1_off_the_first_screen(open_page) -> None:  # type: ignore[no-untyped-def]
    assert gate.first_screen(open_page(_path("clean"), width=360, height=640).page) == []
    failures = gate.first_screen(open_page(_path("tall-header"), width=360, height=640).page)
    assert failures and failures[0].startswith("[first-screen] h1")


def test_a_table_that_stays_a_grid_on_a_phone_is_caught(open_page) -> None:  # type: ignore[no-untyped-def]
    assert gate.card_tables(open_page(_path("clean"), width=360, height=640).page) == []
    failures = gate.card_tables(open_page(_path("table-too-wide-on-a-phone"), width=360, height=640).page)
    assert any("characters wide" in f or "sideways" in f for f in failures), failures


def test_a_merged_cell_naming_the_wrong_header_is_caught(open_page) -> None:  # type: ignore[no-untyped-def]
    assert gate.table_headers(open_page(_path("clean")).page) == []
    failures = gate.table_headers(open_page(_path("merged-cell-with-wrong-headers")).page)
    # 康复 spans two rows under 领域 (h0) but names 指标 (h1)
    assert failures == ["[headers] table 1, cell 3: headers names cells [1], the structure gives [0]"], failures
