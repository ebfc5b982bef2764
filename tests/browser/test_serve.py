"""`build.py serve` in a real browser: saving a file reloads the open page,
under the pages' own Content-Security-Policy."""

from __future__ import annotations

from pathlib import Path

from ..conftest import fetch, serving

PAGE = "plans/jiangbei-disability-plan-2021-2025/index.html"
SHOWN = "(text) => document.body !== null && document.body.textContent.includes(text)"  # none while it reloads


def test_saving_a_file_reloads_the_browser(browser, tmp_path: Path, content_copy: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    with serving(content_copy, tmp_path / "site") as base:
        url = f"{base}/{PAGE}"
        served = fetch(url) or ""
        assert '<script src="/livereload.js?port=' in served and "(function(){" not in served, "no inline script"
        page = context.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        # livereload's handshake: the server says hello once the page is listening (heard from
        # the start: the answer may come before a wait for it would begin).
        frames: list[str] = []
        page.on("websocket", lambda socket: socket.on("framereceived", lambda frame: frames.append(str(frame))))
        page.goto(url)
        for _ in range(100):
            if any("hello" in frame for frame in frames):
                break
            page.wait_for_timeout(100)
        assert any("hello" in frame for frame in frames), frames
        source = content_copy / "jiangbei-disability-plan-2021-2025.yaml"
        text = source.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（已保存）")
        # The watcher is up before the first build: the first save reloads the page.
        source.write_text(text, encoding="utf-8")
        page.wait_for_function(SHOWN, arg="编制背景（已保存）", timeout=15_000)
        # And a second save soon after (livereload's own watcher dropped a reload within 3 s of the last).
        source.write_text(text.replace("编制背景（已保存）", "编制背景（再次保存）"), encoding="utf-8")
        page.wait_for_function(SHOWN, arg="编制背景（再次保存）", timeout=15_000)
        assert not violations, violations
    context.close()
