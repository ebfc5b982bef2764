#!/usr/bin/env python3
"""Screenshots of a plan page for reviewers: 标准版 and 大字版 at 1280 and 360
CSS px, first screen only, written to docs/screenshots/ (make screenshots).

Builds content/ into a temporary folder, serves it on 127.0.0.1 and drives
Debian's Chromium with Playwright (it never downloads a browser).
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.build import build_site  # noqa: E402

PAGE = "plans/jiangbei-disability-plan-2021-2025/index.html"
SHOTS = {  # file name: (mode prefix, width, height)
    "plan-standard-1280.png": ("", 1280, 800),
    "plan-large-1280.png": ("large/", 1280, 800),
    "plan-standard-360.png": ("", 360, 640),
    "plan-large-360.png": ("large/", 360, 640),
    "table-large-360.png": ("large/", 360, 640),
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main(out: Path = ROOT / "docs" / "screenshots") -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site(ROOT / "content", site)
        handler = functools.partial(_Quiet, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for name, (prefix, width, height) in SHOTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"http://127.0.0.1:{httpd.server_port}/{prefix}{PAGE}")
                if name.startswith("table"):
                    page.evaluate("() => document.querySelector('table').scrollIntoView()")
                page.screenshot(path=str(out / name))
                page.close()
                print(f"wrote {out / name}")
            browser.close()
        httpd.shutdown()


if __name__ == "__main__":
    main()
