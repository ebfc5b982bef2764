"""`build.py serve` in a real browser: saving a file reloads the open page,
under the pages' own Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..conftest import fetch, serving

PAGE = "plans/jiangbei-disability-plan-2021-2025/index.html"


def test_saving_a_file_reloads_the_browser(browser, tmp_path: Path, content_copy: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    with serving(content_copy, tmp_path / "site") as base:
        url = f"{base}/{PAGE}"
        served = fetch(url) or ""
        assert '<script src="/livereload.js?port=' in served and "(function(){" not in served, "no inline script"
        page = context.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        with page.expect_websocket() as socket:
            page.goto(url)
        # livereload's handshake: the server says hello once the page is listening.
        socket.value.wait_for_event("framereceived", predicate=lambda frame: "hello" in str(frame), timeout=10_000)
        source = content_copy / "jiangbei-disability-plan-2021-2025.yaml"
        text = source.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（已保存）")
        # livereload's watcher takes its first snapshot of the files a moment after
        # the server is up; a save before that is its baseline, not a change.
        # So save again if no reload comes: an editor's second save.
        for attempt in range(3):
            source.write_text(text, encoding="utf-8")
            try:
                page.wait_for_function("() => document.body.textContent.includes('编制背景（已保存）')", timeout=8_000)
                break  # the page reloaded by itself
            except PlaywrightTimeout:
                assert attempt < 2, "saving never reloaded the page"
        assert not violations, violations
    context.close()
