"""The built site on a real web server: Debian's nginx on 127.0.0.1 serves it
under a sub-path with the configuration operators are given
(docs/nginx/plansite.conf). Every page and link of every mode is crawled:
everything resolves, every response has the right type and charset, gzip
works, the CSP is sent as a header, and a missing address gets the 404 page.
Search through nginx in Chromium is tests/browser/test_search.py."""

from __future__ import annotations

import gzip
import posixpath
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import html5lib
import pytest

from plansite.build import build_site

from .conftest import FEATURES, ROOT

PREFIX = "/zwgk/plans/"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TYPES = {  # extension: the Content-Type the server must send
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    if not Path(NGINX).exists():
        if __import__("os").environ.get("CI"):
            pytest.fail("nginx is missing: make test installs it")
        pytest.skip("nginx is not installed (make test installs it)")
    base = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    content = base / "content"
    shutil.copytree(FEATURES, content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8").replace(
            "base_url: https://www.example.gov.cn/plans/", f"base_url: http://127.0.0.1:{port}{PREFIX}"
        ),
        encoding="utf-8",
    )
    site = base / "site"
    build_site(content, site)
    location = (ROOT / "docs" / "nginx" / "plansite.conf").read_text(encoding="utf-8").replace("SITE_ROOT", str(site))
    conf = base / "nginx.conf"
    conf.write_text(
        f"""user root;
daemon off;
worker_processes 1;
pid {base}/nginx.pid;
error_log {base}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {base}/body; proxy_temp_path {base}/proxy; fastcgi_temp_path {base}/fcgi;
  uwsgi_temp_path {base}/uwsgi; scgi_temp_path {base}/scgi;
  server {{
    listen 127.0.0.1:{port};
    server_name localhost;
    {location}
  }}
}}
""",
        encoding="utf-8",
    )
    server = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(base)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}{PREFIX}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "index.html", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("nginx did not start: " + (base / "error.log").read_text(errors="replace"))
    try:
        yield url, site
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _links(html: bytes) -> list[str]:
    root = html5lib.parse(html, namespaceHTMLElements=False)
    return [el.get(attr, "") for el in root.iter() for attr in ("href", "src") if el.get(attr)]


def test_every_page_and_link_of_every_mode_resolves_with_the_right_type(served: tuple[str, Path]) -> None:
    base, site = served
    start = [base + "index.html", base + "large/index.html", base + "text/index.html"]
    seen: set[str] = set()
    queue = list(start)
    problems: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = _get(url)
        path = urlsplit(url).path
        if status != 200:
            problems.append(f"{path}: {status}")
            continue
        ext = posixpath.splitext(path)[1] or ".html"
        expected = TYPES.get(ext)
        if expected and headers.get("content-type", "").lower() != expected:
            problems.append(f"{path}: Content-Type {headers.get('content-type')!r}, expected {expected!r}")
        if ext != ".html":
            continue
        document = html5lib.parse(body, namespaceHTMLElements=False)
        policy = [m.get("content") for m in document.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
        if policy != [headers.get("content-security-policy")]:
            problems.append(
                f"{path}: the policy header {headers.get('content-security-policy')!r} is not the page's {policy}"
            )
        ids = {el.get("id") for el in document.iter() if el.get("id")}
        for link in _links(body):
            target = urljoin(url, link)
            parts = urlsplit(target)
            if parts.netloc != urlsplit(base).netloc or parts.scheme not in ("http", "https"):
                continue  # another host (a source page, the records' registers) or mailto:
            if parts.fragment and parts.path == urlsplit(url).path and parts.fragment not in ids:
                problems.append(f"{path}: #{parts.fragment} does not exist")
            queue.append(target.split("#", 1)[0])
    assert not problems, problems[:20]
    pages = [u for u in seen if u.endswith(".html")]
    built = [p for p in site.rglob("*.html") if p.name != "404.html"]  # shown for missing addresses, not linked
    assert len(pages) == len(built), "every built page is reached by links"
    assert any(unquote(u).endswith(".txt") for u in seen) and any(u.endswith(".svg") for u in seen)


def test_gzip_and_the_policy_header(served: tuple[str, Path]) -> None:
    base, _site = served
    status, headers, body = _get(base + "plans/feature-plan/index.html", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert "示范市" in gzip.decompress(body).decode("utf-8")
    assert "script-src 'self'" in headers.get("content-security-policy", "")
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("cache-control") == "no-cache" and headers.get("etag")
    for name in ("sitemap.xml", "feed.xml", "robots.txt"):
        assert _get(base + name)[0] == 200, name


def test_a_missing_address_gets_the_404_page_with_working_links(served: tuple[str, Path]) -> None:
    base, _site = served
    status, _headers, body = _get(base + "plans/no-such-document/deeper/index.html")
    assert status == 404 and "找不到这个页面" in body.decode("utf-8")
    for link in _links(body):
        target = urljoin(base + "plans/no-such-document/deeper/index.html", link)
        if urlsplit(target).netloc == urlsplit(base).netloc and not link.startswith("#"):
            assert _get(target.split("#")[0])[0] == 200, link
