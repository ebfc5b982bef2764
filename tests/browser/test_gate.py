"""The accessibility gate on every built page of every mode, in Chromium.

test_faults.py proves that each of these checks fails on a page with the
fault it looks for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import gate
from .conftest import SERVE_ROOT, built_pages


def report(page: str, failures: list[str]) -> str:
    return "\n".join(f"{page}: {f}" for f in failures)


def test_axe_core_finds_no_violation(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page)
    failures = gate.axe(opened.page)
    assert not failures, f"axe-core {gate.axe_version()}:\n" + report(site_page, failures)


def test_table_cells_name_their_real_headers(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    failures = gate.table_headers(open_page(site_page).page)
    assert not failures, report(site_page, failures)


def test_page_requests_nothing_from_other_hosts(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page)
    opened.page.wait_for_load_state("networkidle")
    assert not opened.blocked, report(site_page, [f"[offline] requested {url}" for url in opened.blocked])


def test_reflows_at_320_css_pixels(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page, width=320, height=640)
    failures = gate.reflow(opened.page)
    assert not failures, report(site_page, failures)


@pytest.mark.parametrize("zoom", [2, 4], ids=["200%", "400%"])
def test_zoom_of_a_1280_window_reflows(open_page, site_page: str, zoom: int) -> None:  # type: ignore[no-untyped-def]
    # Browser zoom of a 1280x800 window: the layout viewport shrinks by the zoom factor.
    opened = open_page(site_page, width=1280 // zoom, height=800 // zoom, scale=zoom)
    failures = gate.reflow(opened.page)
    assert not failures, report(site_page, failures)


def test_content_security_policy_is_obeyed(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page)
    opened.page.wait_for_load_state("networkidle")
    violations = opened.page.evaluate("() => window.__csp")
    assert not violations, report(site_page, [f"[csp] {v}" for v in violations])
    if "/text/" not in f"/{site_page}" and "plans/" in site_page:
        assert opened.page.locator(".read-aloud").count() == 1, "the read-aloud script runs under the policy"


def test_text_spacing_clips_nothing(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page, bypass_csp=True)  # the spacing is injected as a <style>
    failures = gate.text_spacing(opened.page)
    assert not failures, report(site_page, failures)


def test_keyboard(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page)
    failures = gate.keyboard(opened.page)
    assert not failures, report(site_page, failures)


def test_nu_html_checker_finds_no_error() -> None:
    pages = [SERVE_ROOT / p for p in built_pages()]
    assert len(pages) >= 2
    if not gate.VNU_JAR.exists():
        pytest.skip("npm ci installs vnu-jar") if not __import__("os").environ.get("CI") else pytest.fail(
            "vnu.jar missing"
        )
    errors = gate.run_vnu(pages)
    failures = [f"{Path(p).relative_to(SERVE_ROOT)}: {e}" for p, found in errors.items() for e in found]
    assert not failures, "\n".join(failures)


def test_h1_is_on_the_first_screen_of_a_phone(open_page, site_page: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(site_page, width=360, height=640)
    failures = gate.first_screen(opened.page)
    assert not failures, report(site_page, failures)
