"""Editors' Markdown: text stays text, numbering stays as written, links are safe."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _as_parsed(renderer: TextRenderer, source: str, *, block: bool, links: bool = True) -> str:
    """What markdown-it itself makes of `source` (with the renderer's passes): no fast path."""
    env = {"links": links}
    return renderer._md.render(source, env) if block else renderer._md.renderInline(source, env)


def _both(source: str) -> None:
    terms = {"残疾人": "term-1", "规划目标": "term-2"}
    fast, parsed = (
        TextRenderer([GlossaryLinker(terms), speech_tokens]),
        TextRenderer([GlossaryLinker(terms), speech_tokens]),
    )
    assert fast.block(source) == _as_parsed(parsed, source, block=True), source
    assert fast.inline(source) == _as_parsed(parsed, source, block=False), source
    assert fast.inline(source, links=False) == _as_parsed(parsed, source, block=False, links=False), source
    assert plain_text(source) == plain_text(source + "\n"), source  # a final line break: the parser's way


@settings(max_examples=2000, derandomize=True, deadline=None)
@given(
    st.text(
        alphabet="残疾人规划目标，。；：（）《》“”、 \u3000\u00a0\u2028\u2029\t\n0１a*_[]<>&#|~-+=!`\\＞≥～—\"'%.:;/()",
        max_size=12,
    )
)
def test_text_that_skips_the_parser_renders_exactly_as_parsed(source: str) -> None:
    _both(source)


PUNCTUATION = [chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum()]


# Every ASCII character, and the kinds of space and invisible characters pasted text brings.
MARKS = [chr(c) for c in range(0x80)] + list("\x85\xa0\xad\u200b\u2028\u2029\u3000\ufeff")


@pytest.mark.parametrize("mark", MARKS)
def test_every_ascii_character_alone_or_in_pairs_renders_exactly_as_parsed(mark: str) -> None:
    """Each ASCII character, where Markdown could read it (at either end, inside, doubled, beside
    letters and digits) and with every ASCII punctuation mark: emphasis, links, autolinks,
    entities and escapes need two."""
    for source in (mark, f"{mark}残疾", f"残疾{mark}", f"残{mark}疾", f"{mark}{mark}人", f"a{mark}1", f"2025{mark}年"):
        _both(source)
    for other in PUNCTUATION:
        pairs = (f"{mark}规{other}划{mark}", f"{mark}{other}人{other}{mark}", f"残{other}疾{mark}人{other}")
        entities = (f"{mark}lt{other}", f"{mark}{other}60;", f"{mark}{other}x3c;")  # &lt; &#60; &#x3c;
        links = (f"{mark}链接{other}(#a)", f"{mark}ab:c{other}", f"{mark}a@b.cn{other}")  # [链接](#a) <ab:c>
        for source in (*pairs, *entities, *links):
            _both(source)


def test_most_chinese_text_skips_the_parser() -> None:
    """The fast paths are taken (else they would be dead code): a plain sentence with no term and
    no digit is itself; one with digits, Latin letters and punctuation, but no Markdown, goes
    through the passes as one text, unparsed."""
    text = TextRenderer([GlossaryLinker({"残疾人之家": "term-1"}), speech_tokens])

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("parsed")

    text._md.parse = refuse  # type: ignore[method-assign,assignment]  # any parse would now fail
    assert text.block("加快推进无障碍环境建设。") == "<p>加快推进无障碍环境建设。</p>\n"
    assert text.inline("服务设施") == "服务设施"
    spoken = text.block("到2025年，覆盖率达到95%以上，建成10个残疾人之家（PPP项目）。")
    assert spoken.startswith("<p>到") and 'href="#term-1"' in spoken and "95" in spoken
