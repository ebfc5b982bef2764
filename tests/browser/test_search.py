"""Search in Chromium: the search page with the keyboard, its live count,
without script and from the disk; the script and the index split text the same
way; and search quality (recall and precision, tests/search_quality.py) on the
published documents and on a generated site of 1000 different documents."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from plansite import search as site_search
from plansite.build import build_site
from plansite.content import load_content

from ..conftest import CONTENT
from ..search_quality import ROUTES_JS, generate_content, measure, queries_of
from ..test_nginx import _get, served  # noqa: F401 (the nginx fixture)
from . import gate
from .conftest import SERVE_ROOT, built_pages

SEARCH = {"standard": "real/search/index.html", "large": "real/large/search/index.html"}
TARGET = 0.95


def run_search(page, query: str) -> str:  # type: ignore[no-untyped-def]
    """Type `query` into the field, press Enter, and return the announced count."""
    field = page.get_by_label("搜索文件")
    field.fill(query)
    field.press("Enter")
    status = page.get_by_role("status")
    status.filter(has_text="文件").wait_for(timeout=20_000)
    return str(status.inner_text())


@pytest.mark.parametrize("mode", SEARCH)
def test_search_by_keyboard_announces_the_count_and_lists_links(open_page, mode: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(SEARCH[mode])
    page = opened.page
    # From the top of the page, Tab reaches the field; typing and Enter search.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "search-query":
            break
    else:
        pytest.fail("Tab never reaches the search field")
    page.keyboard.type("托养")
    page.keyboard.press("Enter")
    status = page.get_by_role("status")
    status.filter(has_text="找到").wait_for(timeout=20_000)
    count = int(status.inner_text().split("找到")[1].split("份")[0])
    assert status.get_attribute("role") == "status"
    assert page.evaluate("() => document.activeElement.id") == "search-query", "focus stays in the field"
    results = page.get_by_role("list", name="搜索结果").get_by_role("listitem")
    assert results.count() == min(count, 10) and count >= 4
    prefix = "large/" if mode == "large" else ""
    for i in range(results.count()):
        item = results.nth(i)
        link = item.get_by_role("heading", level=2).get_by_role("link")
        assert link.inner_text().strip()
        assert f"/real/{prefix}plans/" in (link.get_attribute("href") or ""), "results open in the same mode"
        assert "托养" in item.locator("mark").first.inner_text()
    assert "?q=%E6%89%98%E5%85%BB" in page.url, "the address keeps the query"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('.search__results') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/plans/**")
    assert not opened.page.evaluate("() => window.__csp"), "WebAssembly runs under the search page's policy"


@pytest.mark.parametrize("mode", SEARCH)
def test_the_results_pass_the_gate(open_page, mode: str) -> None:  # type: ignore[no-untyped-def]
    opened = open_page(SEARCH[mode] + "?q=残疾人")
    opened.page.get_by_role("status").filter(has_text="找到").wait_for(timeout=20_000)
    assert opened.page.get_by_role("list", name="搜索结果").get_by_role("listitem").count() == 5
    assert not gate.axe(opened.page)
    # With the keyboard, from the field: the button, then every result, each visibly focused.
    # (gate.keyboard reloads the page, which would search again while it walks.)
    opened.page.get_by_label("搜索文件").focus()
    walked = []
    for _ in range(6):
        opened.page.keyboard.press("Tab")
        walked.append(opened.page.evaluate(gate._ACTIVE))
    assert walked[0]["name"].startswith("button")
    links = opened.page.locator(".search__results a").all_inner_texts()
    assert [w["name"] for w in walked[1:]] == [f'a "{text.strip()[:30]}"' for text in links]
    assert all(w["visible"] and w["indicator"] for w in walked), walked
    narrow = open_page(SEARCH[mode] + "?q=残疾人", width=320, height=640)
    narrow.page.get_by_role("status").filter(has_text="找到").wait_for(timeout=20_000)
    assert not gate.reflow(narrow.page)
    assert not opened.blocked and not opened.page.evaluate("() => window.__csp")


def test_nothing_found_and_an_empty_query_are_said(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(SEARCH["standard"]).page
    assert run_search(page, "三市两地一枢纽") == "找到 1 份包含“三市两地一枢纽”的文件。"
    assert "没有找到" in run_search(page, "托养底线枢纽")
    assert page.get_by_role("list", name="搜索结果").count() == 0 or not page.locator("ol").is_visible()
    page.get_by_label("搜索文件").fill("，。 ")
    page.get_by_label("搜索文件").press("Enter")
    page.get_by_role("status").filter(has_text="请输入").wait_for()


def test_without_script_the_page_says_so_and_links_to_the_listings(browser, server: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/{SEARCH['standard']}")
    assert "搜索需要浏览器运行脚本" in page.locator("main").inner_text()
    assert not page.get_by_label("搜索文件").is_visible()
    assert page.get_by_role("navigation", name="查找文件").get_by_role("link").count() >= 3
    context.close()
    text_channel = browser.new_page()
    text_channel.goto(f"{server}/real/text/search/index.html")
    assert "纯文本通道不运行脚本" in text_channel.locator("main").inner_text()
    assert text_channel.locator("input").count() == 0 and text_channel.locator("script").count() == 0
    assert text_channel.get_by_role("navigation", name="查找文件").get_by_role("link").count() >= 3
    text_channel.close()


def test_from_the_disk_the_page_says_why_search_is_not_there(browser) -> None:  # type: ignore[no-untyped-def]
    built_pages()
    page = browser.new_page()
    page.goto((SERVE_ROOT / SEARCH["standard"]).as_uri())
    page.get_by_text("从本机磁盘打开的网站不能搜索").wait_for()
    assert not page.get_by_label("搜索文件").is_visible()
    page.close()


def test_results_show_titles_and_text_as_text(open_page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    hostile = '<img src=x onerror="window.__pwned=1">托养'
    plan = content / "fenghua-disability-plan-2021-2025.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("title: 宁波市奉化区残疾人事业发展“十四五”规划", f"title: '{hostile}'", 1), encoding="utf-8"
    )
    build_site(content, SERVE_ROOT / "hostile-search")
    page = open_page("hostile-search/search/index.html?q=托养").page
    page.get_by_role("status").filter(has_text="找到").wait_for(timeout=20_000)
    titles = page.locator(".search__results h2").all_inner_texts()
    assert hostile in titles
    assert page.locator(".search__results img").count() == 0 and not page.evaluate("() => window.__pwned")


TRICKY = "托底、综合 ＩＣＰ备２０２２０１号 2021—2025年 ①② café Ünïcode x_y 16.8% 〔2022〕9号 𠀀字 ａｂｃ"


def test_the_script_and_the_index_split_text_the_same_way(open_page) -> None:  # type: ignore[no-untyped-def]
    page = open_page(SEARCH["standard"]).page
    assert page.evaluate("(text) => window.plansiteSearch.units(text)", TRICKY) == site_search.units(TRICKY)
    # What the index is given is the units again, each with the punctuation and spaces after it.
    indexed = site_search.index_text(TRICKY).split(" ")
    assert [site_search.units(word) for word in indexed] == [[unit] for unit in site_search.units(TRICKY)]
    assert "".join(indexed).replace(site_search.SPACE, " ") == site_search.half_width(TRICKY)


# --- quality ------------------------------------------------------------------------------


def _searcher(page):  # type: ignore[no-untyped-def]
    return lambda query: page.evaluate(ROUTES_JS, query)


def test_quality_on_the_published_documents(open_page) -> None:  # type: ignore[no-untyped-def]
    site = SERVE_ROOT / "real"
    documents = load_content(CONTENT).documents
    queries = queries_of(documents, site, body_strings=20)
    page = open_page(SEARCH["standard"]).page
    report = measure(_searcher(page), queries, site, [doc.id for doc in documents])
    print("\n" + report.line("published documents"), *(f"  missed: {m}" for m in report.misses[:5]), sep="\n")
    assert report.queries > 300
    assert report.recall >= TARGET, report.misses[:20]
    assert report.precision >= TARGET, report.wrong[:20]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list[str]]]:
    base = tmp_path_factory.mktemp("generated")
    content = generate_content(base / "content", 1000, CONTENT)
    build_site(content, base / "site")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(base / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/", base / "site", [p.stem for p in sorted(content.glob("gen*.yaml"))]
    httpd.shutdown()


def test_quality_on_a_generated_site_of_1000_documents(browser, generated_site) -> None:  # type: ignore[no-untyped-def]
    url, site, ids = generated_site
    # Searched across the index's shards, merged in the page (plansite/search.py).
    assert len(list((site / "pagefind").iterdir())) == site_search.shard_count(1000) > 1
    # What a reader waits for: from a fresh page, the first search until its count is announced.
    page = browser.new_page()
    page.goto(url + "search/index.html")
    start = time.perf_counter()
    assert run_search(page, "残疾人").startswith("找到 1000 份")
    first_query = time.perf_counter() - start
    # More than one page of results: the rest come on request, and focus moves to the first of them.
    results = page.get_by_role("list", name="搜索结果").get_by_role("listitem")
    assert results.count() == 10
    page.get_by_role("button", name="显示更多结果").click()
    results.nth(19).wait_for()
    assert page.evaluate("() => document.activeElement === document.querySelectorAll('.search__results a')[10]")

    documents = [doc for doc in load_content(site.parent / "content").documents if doc.id in set(ids[::25])]
    queries = queries_of(documents, site, body_strings=5, headings=5)
    report = measure(_searcher(page), queries, site, ids)
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    print(
        f"\n{report.line('1000 generated documents')}; first search on the page {first_query:.2f} s; index {size / 1024 / 1024:.1f} MB",
        *(f"  missed: {m}" for m in report.misses[:5]),
        sep="\n",
    )
    assert report.queries > 500
    assert report.recall >= TARGET, report.misses[:20]
    assert report.precision >= TARGET, report.wrong[:20]
    page.close()


def test_search_works_through_nginx(browser, served: tuple[str, Path]) -> None:  # type: ignore[no-untyped-def] # noqa: F811
    """nginx with docs/nginx/plansite.conf: the search page's policy header lets Pagefind compile
    WebAssembly (in the page and in its worker), the index files are served, and the results link
    to pages that exist."""
    base, _site = served
    page = browser.new_page()
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    for mode in ("", "large/"):
        page.goto(base + mode + "search/index.html?q=示范市")
        page.get_by_role("status").filter(has_text="找到").wait_for(timeout=20_000)
        links = page.locator(".search__results a")
        assert links.count() >= 1
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href") or ""
            assert href.startswith(base + mode + "plans/") and _get(href)[0] == 200, href
        assert page.evaluate("() => window.__csp") == [], "no policy blocks the search engine"
    assert not [text for text in console if "Pagefind" in text or "WebAssembly" in text], console
    page.close()
