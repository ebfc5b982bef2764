"""The html5lib checks can fail: each one reports a page built to break it."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest

from plansite import verify
from plansite.verify import ParsedPage

GOOD = """<!DOCTYPE html><html lang="zh-CN"><head><title>好页面</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<link rel="stylesheet" href="static/site.css"></head><body>
<a href="#main">跳到正文</a>
<header><nav aria-label="网站导航"><a href="index.html">首页</a></nav></header>
<main id="main"><h1>标题</h1><h2 id="a">一</h2><h3 id="b">二</h3>
<section aria-labelledby="a"><p>正文</p></section>
<table id="t"><caption>表</caption><tr><th scope="col">列</th></tr><tr><td>1</td></tr></table>
<p id="para">段落</p><table id="u" aria-labelledby="b"><tr><th scope="col">列</th></tr><tr><td>1</td></tr></table>
</main><footer><p>页脚</p></footer></body></html>"""


def page(html: str) -> ParsedPage:
    return ParsedPage("test.html", html5lib.parse(html, namespaceHTMLElements=False))


def test_good_page_passes_every_check() -> None:
    good = page(GOOD)
    for check in verify.PAGE_CHECKS:
        assert check(good) == [], check.__name__


@pytest.mark.parametrize(
    ("check", "old", "new", "expected"),
    [
        (verify.check_lang, 'lang="zh-CN"', 'lang="en"', "lang"),
        (verify.check_lang, ' lang="zh-CN"', "", "lang"),
        (verify.check_title, "<title>好页面</title>", "", "title"),
        (verify.check_skip_link, '<a href="#main">跳到正文</a>', "", "skip link"),
        (verify.check_skip_link, '<main id="main">', "<main>", "main"),
        (verify.check_landmarks, '<nav aria-label="网站导航">', "<nav>", "accessible name"),
        (verify.check_landmarks, "<footer><p>页脚</p></footer>", "", "footer"),
        (verify.check_headings, '<h3 id="b">二</h3>', '<h4 id="b">二</h4>', "jumps from 2 to 4"),
        (verify.check_headings, "<h1>标题</h1>", "<h1>标题</h1><h1>又一个</h1>", "exactly one <h1>"),
        (verify.check_unique_ids, '<h3 id="b">', '<h3 id="a">', 'duplicate id "a"'),
        (verify.check_tables, "<caption>表</caption>", "", "caption"),
        (verify.check_tables, '<th scope="col">', "<th>", "scope"),
        (verify.check_tables, 'aria-labelledby="b"', 'aria-labelledby="para"', "not a heading"),
        (verify.check_tables, 'aria-labelledby="b"', 'aria-labelledby="nowhere"', "no <caption>"),
        (verify.check_regions, 'aria-labelledby="a"', 'aria-labelledby="nothing"', "names nothing"),
        (
            verify.check_no_external_loads,
            'href="static/site.css"',
            'href="https://cdn.example.com/x.css"',
            "another host",
        ),
        (verify.check_no_external_loads, "<p>正文</p>", '<img src="//cdn.example.com/a.png" alt="">', "another host"),
        (
            verify.check_no_external_loads,
            "<p>正文</p>",
            '<script src="https://t.example.com/t.js"></script>',
            "another host",
        ),
    ],
)
def test_check_reports_fault(check, old: str, new: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert old in GOOD
    failures = check(page(GOOD.replace(old, new)))
    assert any(expected in f for f in failures), failures


def test_only_the_search_page_may_compile_webassembly() -> None:
    wasm = GOOD.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
    assert any("WebAssembly" in f for f in verify.check_csp(page(wasm)))
    for path in ("search/index.html", "large/search/index.html"):
        assert verify.check_csp(ParsedPage(path, html5lib.parse(wasm, namespaceHTMLElements=False))) == []
    text_channel = ParsedPage("text/search/index.html", html5lib.parse(wasm, namespaceHTMLElements=False))
    assert verify.check_csp(text_channel), "the text channel runs no script"


def test_link_check_finds_missing_file_and_fragment(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<html><body><a href="missing.html">x</a><a href="#nowhere">y</a><a href="other.html#b">z</a>'
        '<a href="other.html#a">ok</a></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "other.html").write_text('<html><body><p id="a">a</p></body></html>', encoding="utf-8")
    failures = verify.check_links(verify.load_site(tmp_path), tmp_path)
    assert len(failures) == 3
    assert any("missing file" in f for f in failures)
    assert any("#nowhere" in f for f in failures)
    assert any("#b" in f for f in failures)


def test_duplicate_titles_are_reported(tmp_path: Path) -> None:
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text("<title>同一个</title><p>x</p>", encoding="utf-8")
    assert verify.check_unique_titles(verify.load_site(tmp_path))
