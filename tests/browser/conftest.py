"""One Chromium for the whole session, pages served from 127.0.0.1.

The sites are built once, at collection, so that every page of every mode
becomes its own test id (a failure names the page). Any request to another
host is blocked and recorded: a page that tries one fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.components import gallery_files
from plansite.content import load_content
from plansite.output import write_text

from ..conftest import CONTENT, FEATURES
from . import gate
from .faults import write_fault_pages

SERVE_ROOT = Path(tempfile.mkdtemp(prefix="plansite-gate-"))
SITES = {"real": CONTENT, "features": FEATURES}


@functools.cache
def built_pages() -> list[str]:
    """Every HTML page of every built site, and the page of component examples
    in every mode (beside the real site, so its header links resolve), as paths
    under SERVE_ROOT."""
    for name, content in SITES.items():
        build_site(content, SERVE_ROOT / name)
    pages = [p.relative_to(SERVE_ROOT).as_posix() for name in SITES for p in (SERVE_ROOT / name).rglob("*.html")]
    gallery = SERVE_ROOT / "gallery"
    build_site(CONTENT, gallery)
    for rel, text in gallery_files(load_content(CONTENT).site).items():
        write_text(gallery, rel, text)
        pages.append(f"gallery/{rel}")
    return sorted(pages)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "site_page" in metafunc.fixturenames:
        metafunc.parametrize("site_page", built_pages())


def pytest_sessionfinish(session: pytest.Session) -> None:
    shutil.rmtree(SERVE_ROOT, ignore_errors=True)


def _require(path: Path | str, how: str) -> None:
    if not Path(path).exists():
        message = f"{path} is missing: {how}"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs everything: a missing tool is a failure, not a skip
        pytest.skip(message)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    built_pages()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(SERVE_ROOT)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    _require(gate.CHROMIUM, "make test installs Debian's chromium")
    _require(gate.AXE_JS, "make test runs npm ci")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=gate.CHROMIUM, args=gate.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page under test, with the requests it tried to make elsewhere."""

    def __init__(self, page, blocked: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.blocked = blocked


@pytest.fixture
def open_page(browser, server: str) -> Iterator[Callable[..., Opened]]:  # type: ignore[no-untyped-def]
    contexts = []

    def open_(path: str, *, width: int = 1280, height: int = 800, scale: float = 1, bypass_csp: bool = False) -> Opened:
        # bypass_csp only for checks that must inject a stylesheet (text spacing);
        # every page is also opened under its own policy (test_gate.py).
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale, bypass_csp=bypass_csp
        )
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
        )
        contexts.append(context)
        page = context.new_page()
        blocked: list[str] = []

        def route(request_route) -> None:  # type: ignore[no-untyped-def]
            url = request_route.request.url
            if url.startswith(server + "/") or url.startswith("data:"):
                request_route.continue_()
            else:
                blocked.append(url)
                request_route.abort()

        page.route("**/*", route)
        page.goto(f"{server}/{path}", wait_until="load")
        return Opened(page, blocked)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def fault_pages(server: str) -> Path:
    """The fault pages of faults.py, served beside the sites under faults/."""
    write_fault_pages(SERVE_ROOT / "faults")
    return SERVE_ROOT / "faults"
