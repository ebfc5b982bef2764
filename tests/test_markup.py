"""Editors' Markdown: text stays text, numbering stays as written, links are safe."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from plansite.markup import GlossaryLinker, TextRenderer, bad_links, plain_text
from plansite.speech import speech_tokens

from .timing import assert_linear


@pytest.fixture
def text() -> TextRenderer:
    return TextRenderer()


def test_raw_html_is_shown_as_text(text: TextRenderer) -> None:
    html = text.block('<script>alert(1)</script><img src=x onerror="alert(1)">')
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("source", "forbidden"),
    [
        ("1. 巩固拓展残疾人脱贫攻坚成果。", "<ol"),  # numbering stays text, not a browser list
        ("- 一项", "<ul"),
        ("# 标题", "<h1"),
        ("    缩进的段落（从 Word 粘贴）", "<pre"),
        ("---", "<hr"),
        ("> 引文", "<blockquote"),
        ("![图](https://example.com/a.png)", "<img"),  # no images: a page never loads from another host
    ],
)
def test_block_constructs_are_disabled(text: TextRenderer, source: str, forbidden: str) -> None:
    html = text.block(source)
    assert forbidden not in html
    assert html.startswith("<p>")


def test_emphasis_and_safe_links_work(text: TextRenderer) -> None:
    html = text.block("**重点**，见[原文](https://www.example.gov.cn/a.html)。")
    assert "<strong>重点</strong>" in html
    assert '<a href="https://www.example.gov.cn/a.html">原文</a>' in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox",
        "file:///etc/passwd",
        "/abs",
    ],
)
def test_unsafe_links_are_found_and_not_rendered(text: TextRenderer, href: str) -> None:
    source = f"[点这里]({href})"
    assert bad_links(source) == [href]
    assert "<a " not in text.block(source)


def test_safe_links_pass() -> None:
    assert bad_links("[a](https://x.cn) [b](http://x.cn) [c](mailto:a@x.cn) [d](#term-1)") == []


def test_glossary_links_first_use_only_longest_term_first() -> None:
    text = TextRenderer([GlossaryLinker({"残疾人": "term-1", "残疾人之家": "term-2"})])
    first = text.block("建设残疾人之家，服务残疾人。")
    assert first.count("<a ") == 2
    assert '<a href="#term-2" class="term">残疾人之家</a>' in first
    assert '<a href="#term-1" class="term">残疾人</a>' in first
    assert "<a " not in text.block("残疾人之家和残疾人。")


def test_glossary_never_links_inside_a_link_or_plain_text() -> None:
    text = TextRenderer([GlossaryLinker({"阳光家园": "term-1"})])
    assert text.inline("阳光家园", links=False) == "阳光家园"  # definitions: never linked
    html = text.block("[阳光家园](https://x.cn)。阳光家园。")
    assert html.count("<a ") == 2 and 'href="#term-1"' in html


def test_plain_text_keeps_paragraphs() -> None:
    assert plain_text("第一段**重点**。\n\n第二段。") == "第一段重点。\n\n第二段。"


@pytest.mark.parametrize(
    "unit", ["1", "＜1 a ", "术语1号，", "2021—"], ids=["digits", "compare-latin", "terms", "ranges"]
)
def test_rendering_text_is_linear_in_its_length(unit: str) -> None:
    """A paragraph through every text pass (glossary links, then spoken forms), as a page renders it."""
    terms = {f"术语{i}号": f"term-{i}" for i in range(1, 200)}
    assert_linear(lambda text: TextRenderer([GlossaryLinker(terms), speech_tokens]).block(text), unit, size=60_000)


def test_linking_terms_is_linear_in_the_number_of_terms() -> None:
    """10,000 glossary terms took 10 s when each use searched the text once per term."""

    def run(text: str) -> None:
        terms = {f"术语{i}号": f"term-{i}" for i in range(len(text) // 4)}
        html = TextRenderer([GlossaryLinker(terms)]).block("，".join(reversed(terms)))
        assert html.count("<a ") == len(terms)

    assert_linear(run, "x", size=40_000)


class _Parses:
    """A pass that claims to touch every text: forces the parser, for comparison."""

    def __call__(self, tokens: list[Token], env: MutableMapping[str, Any]) -> list[Token]:
        return tokens

    def touches(self, text: str) -> bool:
        return True


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(
    st.text(
        alphabet="残疾人规划目标，。；：（）《》“”、 \u3000\u00a0\u2028\u2029\t\n0１a*_[]<>&#|~-+=!`\\＞≥～—",
        max_size=12,
    )
)
def test_text_that_skips_the_parser_renders_exactly_as_parsed(source: str) -> None:
    terms = {"残疾人": "term-1", "规划目标": "term-2"}
    fast, parsed = (
        TextRenderer([GlossaryLinker(terms), speech_tokens]),
        TextRenderer([GlossaryLinker(terms), speech_tokens, _Parses()]),
    )
    assert fast.block(source) == parsed.block(source)
    assert fast.inline(source) == parsed.inline(source)
    assert fast.inline(source, links=False) == parsed.inline(source, links=False)
    assert plain_text(source) == plain_text(source + "\n")  # a final line break: the parser's way


def test_most_chinese_text_skips_the_parser() -> None:
    """The fast path is taken (else it would be dead code): a plain sentence with no term and no digit."""
    text = TextRenderer([GlossaryLinker({"残疾人之家": "term-1"}), speech_tokens])
    text._md = None  # type: ignore[assignment]  # any use of the parser would now fail
    assert text.block("加快推进无障碍环境建设。") == "<p>加快推进无障碍环境建设。</p>\n"
    assert text.inline("服务设施") == "服务设施"
