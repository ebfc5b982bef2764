"""Reading modes: every document and the index in every mode, linked together;
the plain-text channel minimal; the .txt export readable in Notepad."""

from __future__ import annotations

import posixpath
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.content import load_content
from plansite.modes import LARGE, MODES, STANDARD, TEXT
from plansite.verify import ParsedPage

from .conftest import CONTENT
from .html import spoken_text
from .test_validation import SITE

DOC = "plans/jiangbei-disability-plan-2021-2025/index.html"
TXT = "text/plans/jiangbei-disability-plan-2021-2025.txt"


def routes() -> list[str]:
    return ["index.html"] + [f"plans/{d.id}/index.html" for d in load_content(CONTENT).documents]


def in_mode(mode, route: str) -> str:  # type: ignore[no-untyped-def]
    return posixpath.normpath(f"{mode.prefix.as_posix()}/{route}")


def test_every_page_exists_in_every_mode_and_as_txt(real_site: Path, real_pages) -> None:  # type: ignore[no-untyped-def]
    for route in routes():
        for mode in MODES:
            assert in_mode(mode, route) in real_pages, f"{route} missing in {mode.name}"
    for doc in load_content(CONTENT).documents:
        assert (real_site / "text" / "plans" / f"{doc.id}.txt").is_file()


def _mode_nav(page: ParsedPage):  # type: ignore[no-untyped-def]
    return next(n for n in page.all("nav") if n.get("aria-label") == "阅读模式")


def file_size_label(size: int) -> str:
    kb = size / 1024
    return f"{kb:.1f} KB" if kb < 10 else f"{round(kb)} KB"


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
def test_mode_links_connect_every_page(mode, real_pages, real_site: Path) -> None:  # type: ignore[no-untyped-def]
    for route in routes():
        path = in_mode(mode, route)
        page = real_pages[path]
        links = [(a.get("href"), a.get("aria-current"), page.text(a)) for a in _mode_nav(page).iter("a")]
        targets = [posixpath.normpath(posixpath.join(posixpath.dirname(path), href)) for href, _, _ in links]
        expected = [in_mode(m, route) for m in MODES]
        assert targets == expected, path
        current = [label for _, flag, label in links if flag == "page"]
        assert current == [{"standard": "标准版", "large": "大字版（长辈版）", "text": "纯文本通道"}[mode.name]]
        # the .txt: downloaded, its size in the link text, and a machine-readable alternate
        txt = (
            "text/index.txt"
            if route == "index.html"
            else TXT.replace("jiangbei-disability-plan-2021-2025", route.split("/")[1])
        )
        download = next(a for a in page.all("a") if a.get("download") is not None)
        href = posixpath.normpath(posixpath.join(posixpath.dirname(path), download.get("href", "")))
        size = len((real_site / txt).read_bytes())
        assert href == txt and download.get("type") == "text/plain", path
        assert page.text(download) == f"下载纯文本文件（.txt，{file_size_label(size)}）", path
        expected.append(txt)
        alternates = [
            posixpath.normpath(posixpath.join(posixpath.dirname(path), link.get("href")))
            for link in page.all("link")
            if link.get("rel") == "alternate"
        ]
        assert sorted(alternates) == sorted(t for t in expected if t != path)


def test_plain_text_channel_is_minimal(real_pages, feature_pages) -> None:  # type: ignore[no-untyped-def]
    for pages in (real_pages, feature_pages):
        text_pages = {p: page for p, page in pages.items() if p.startswith("text/")}
        assert len(text_pages) >= 3
        for path, page in text_pages.items():
            assert not list(page.all("script")), path
            assert not list(page.all("style")), path
            assert not list(page.all("img")), path
            assert not [el for el in page.all() if el.get("style") is not None], path
            assert not [link for link in page.all("link") if link.get("rel") == "stylesheet"], path
            assert not [el for el in page.all() if el.get("tabindex") == "0"], "no scroll containers without CSS"


def test_stylesheets_and_read_aloud_per_mode(real_pages) -> None:  # type: ignore[no-untyped-def]
    def sheets(page: ParsedPage) -> list[str]:
        return [link.get("href", "").rsplit("/", 1)[-1] for link in page.all("link") if link.get("rel") == "stylesheet"]

    def scripts(page: ParsedPage) -> list[str]:
        return [s.get("src", "").rsplit("/", 1)[-1] for s in page.all("script")]

    assert sheets(real_pages[in_mode(STANDARD, DOC)]) == ["site.css"]
    assert sheets(real_pages[in_mode(LARGE, DOC)]) == ["site.css", "large.css"]
    assert scripts(real_pages[in_mode(STANDARD, DOC)]) == ["textsize.js", "readaloud.js"]
    assert scripts(real_pages[in_mode(LARGE, DOC)]) == ["textsize.js", "readaloud.js"]
    assert scripts(real_pages[in_mode(TEXT, DOC)]) == []
    assert scripts(real_pages["index.html"]) == ["textsize.js"], "the index has nothing to read aloud"


def test_page_titles_name_the_mode(real_pages) -> None:  # type: ignore[no-untyped-def]
    titles = {m.name: real_pages[in_mode(m, DOC)].text(next(real_pages[in_mode(m, DOC)].all("title"))) for m in MODES}
    assert titles["large"].startswith("重庆市江北区") and "（大字版）" in titles["large"]
    assert "（纯文本通道）" in titles["text"]
    assert "（" not in titles["standard"].split("）")[-1]


# --- the .txt export -----------------------------------------------------------------


@pytest.fixture(scope="module")
def txt(real_site: Path) -> str:
    data = (real_site / TXT).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte-order mark"
    text = data.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    return text.replace("\r\n", "\n")


def test_txt_has_metadata_headings_and_paragraphs(txt: str) -> None:
    paragraphs = txt.split("\n\n")
    assert paragraphs[0] == "重庆市江北区“十四五”残疾人保障和发展规划（2021—2025年）"
    assert "发文字号：江北府发〔2022〕20号" in paragraphs[1]
    for heading in (
        "第一章 编制背景",
        "第一节 指导思想",
        "（一）夯实残疾人基本保障",
        "1.残疾儿童康复救助帮扶。",
        "专栏2 残疾人社会保障重点项目",
    ):
        assert heading in paragraphs, heading
    assert paragraphs.index("第一章 编制背景") < paragraphs.index("第二章 总体要求")


def test_txt_tables_read_row_by_row(txt: str) -> None:
    assert "表格：专栏1 “十四五”残疾人保障和发展主要指标" in txt
    assert "序号：7；指标：残疾人城乡居民基本医疗保险参保率（%)；目标值：＞95；指标属性：预期性。" in txt
    rows = [line for line in txt.split("\n") if line.startswith("序号：") and "牵头单位" in line]
    assert len(rows) == 23


def test_index_as_txt_lists_every_document(real_site: Path) -> None:
    text = (real_site / "text" / "index.txt").read_bytes().decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")
    for doc in load_content(CONTENT).documents:
        assert doc.title in text
        assert f"纯文本文件：plans/{doc.id}.txt" in text
        assert (real_site / "text" / f"plans/{doc.id}.txt").is_file()
    assert "发文字号：江北府发〔2022〕20号" in text


def test_txt_has_glossary_and_notice(real_site: Path) -> None:
    bazhong = (real_site / "text/plans/bazhong-disability-plan-2021-2025.txt").read_bytes().decode("utf-8-sig")
    assert "\r\n名词解释\r\n" in bazhong
    assert "8.中途失明者“光明之家”：中国残联、中国盲协实施的" in bazhong
    fenghua = (real_site / "text/plans/fenghua-disability-plan-2021-2025.txt").read_bytes().decode("utf-8-sig")
    assert "宁波市奉化区人民政府关于印发宁波市奉化区残疾人事业发展“十四五”规划的通知" in fenghua
    assert "宁波市奉化区人民政府\r\n2022年1月20日" in fenghua


# --- speech-friendly markup in the built pages -----------------------------------


@pytest.mark.parametrize("mode", [STANDARD, LARGE], ids=lambda m: m.name)
def test_symbols_have_spoken_forms(mode, real_pages) -> None:  # type: ignore[no-untyped-def]
    page = real_pages[in_mode(mode, DOC)]
    forms = {(page.text(el), el.get("data-say")) for el in page.all("span") if el.get("class") == "say"}
    assert ("＞95", "大于95") in forms
    assert ("2021—2025", "2021年至2025") in forms, "the unit after a range is said after each end"
    assert not [f for f in forms if "〔" in f[0]], "〔2022〕 reads fine"
    # What a screen reader reads: no symbol runs, only their spoken forms, as one phrase.
    main = next(page.all("main"))
    said = spoken_text(page, main)
    assert "＞95" not in said and "大于95" in said
    assert "（2021年至2025年）" in spoken_text(page, next(page.all("h1")))
    # Everyday abbreviations are read in the Chinese voice (WCAG 3.1.2 exempts them).
    assert not [el for el in page.all() if el.get("lang") == "en"]
    assert "APP" in page.text(main) and "C5" in page.text(main)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.name)
def test_the_text_of_every_mode_is_the_documents_own(mode, real_pages) -> None:  # type: ignore[no-untyped-def]
    """What is copied, found or read in a text browser: the document's text,
    with no spoken form added (they are generated content, or absent)."""
    page = real_pages[in_mode(mode, DOC)]
    text = page.text(next(page.all("main")))
    for written in ("江北府发〔2022〕20号", "（2021—2025年）", "＞95", "0-6岁"):
        assert written in text, written
    for said in ("大于95", "2021年至2025", "0岁至6", "（2022年）"):
        assert said not in text, said
    if mode == TEXT:
        assert not [el for el in page.all("span") if el.get("class") == "say"], "no spoken forms without CSS"


def test_plain_text_channel_reads_in_a_text_browser(real_site: Path) -> None:
    lynx = shutil.which("lynx")
    if lynx is None:
        pytest.skip("lynx is not installed (make test installs it)")
    dump = subprocess.run(
        [
            lynx,
            "-dump",
            "-nolist",
            "-width=100",
            "-assume_charset=utf-8",
            "-display_charset=utf-8",
            str(real_site / "text" / DOC),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [re.sub(r"\s+", " ", line).strip() for line in dump.splitlines()]
    # the document's own text, with no spoken form added
    text = "\n".join(lines)
    for written in ("＞95", "0-6岁", "江北府发〔2022〕20号"):
        assert written in text, written
    for said in ("大于95", "0至6", "（2022年）", "2021至2025", "2021年至2025"):
        assert said not in text, said
    for expected in ("第一章 编制背景", "第一节 指导思想", "目录", "标准版", "大字版"):
        assert any(expected in line for line in lines), expected
    assert lines.index("第一章 编制背景") > lines.index("目录")
    # Table cells stay on their row and in order.
    row = next(line for line in lines if "残疾人城乡居民基本医疗保险参保率" in line and "预期性" in line)
    assert row.index("7") < row.index("残疾人城乡居民") < row.index("预期性")
    assert "[IMG]" not in dump and "[INLINE]" not in dump


def test_the_text_index_names_a_signed_only_date_as_what_it_is(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(SITE, encoding="utf-8")
    body = "kind: notice\nbody:\n  - title: 正文\n    blocks: [正文。]\n"
    (content / "signed.yaml").write_text(
        f"id: signed\ntitle: 只有成文日期\ndate_signed: 2022-01-20\n{body}", encoding="utf-8"
    )
    (content / "out.yaml").write_text(f"id: out\ntitle: 已经发布\ndate_published: 2022-02-01\n{body}", encoding="utf-8")
    build_site(content, tmp_path / "site")
    text = (tmp_path / "site" / "text" / "index.txt").read_bytes().decode("utf-8-sig")
    signed = text[text.index("只有成文日期") :].split("\n\n")[0]
    published = text[text.index("已经发布") :].split("\n\n")[0]
    assert "成文日期：2022年1月20日" in signed and "发布日期" not in signed
    assert "发布日期：2022年2月1日" in published


def _sections_counted(monkeypatch: pytest.MonkeyPatch, macro: str, component: str = "") -> list[int]:
    """The templates with the sections component (or `component`) replaced by `macro` (which
    may call tick()); the number of times it ran, as a list that grows."""
    from jinja2 import ChoiceLoader, DictLoader

    from plansite import render

    ran: list[int] = []
    real = render.environment()
    replaced = DictLoader({component or render.SECTIONS_TEMPLATE: macro})
    env = real.overlay(loader=ChoiceLoader([replaced, real.loader]))  # type: ignore[list-item]

    def tick() -> str:
        ran.append(1)
        return ""

    env.globals["tick"] = tick
    monkeypatch.setattr(render, "environment", lambda: env)
    return ran


def test_each_section_is_rendered_once_for_every_mode_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    """A document's sections are the same in every mode but for their tables: a top-level section
    is rendered once for all three pages and the EPUB, or once per table layout if it holds a table."""
    from plansite import build
    from plansite.render import DocumentJob, render_document
    from plansite.view import build_view

    ran = _sections_counted(
        monkeypatch,
        '{% macro inner(items) %}{% for s in items %}<section id="{{ s.id }}">{{ inner(s.sections) }}</section>'
        '{% endfor %}{% endmacro %}{% macro sections(items, class="section") %}{{ tick() }}{{ inner(items) }}{% endmacro %}',
    )
    content = load_content(CONTENT)
    layouts = {mode.table_layout for mode in MODES}
    assert len(layouts) == 3, "three modes, three ways to lay out a table (the EPUB's is the text channel's)"
    for plan in build.plan_documents(content):
        doc = content.document(plan.facts.id)
        ran.clear()
        render_document(DocumentJob(doc, plan))
        view = build_view(doc, plan.related)
        sections = view.body + view.annexes
        with_tables = sum(s.has_tables for s in sections)
        assert len(ran) == len(sections) + 2 * with_tables, plan.facts.id


def test_the_contents_list_is_rendered_once_for_every_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contents list links within the page: the same in every mode, so rendered once a document."""
    from plansite import build
    from plansite.render import CONTENTS_TEMPLATE, DocumentJob, render_document

    ran = _sections_counted(
        monkeypatch,
        '{% macro contents(items, id) %}{{ tick() }}<nav id="{{ id }}"></nav>{% endmacro %}',
        CONTENTS_TEMPLATE,
    )
    content = load_content(CONTENT)
    with_contents = 0
    for plan in build.plan_documents(content):
        ran.clear()
        files = render_document(DocumentJob(content.document(plan.facts.id), plan))
        pages = [str(data) for rel, data in files.items() if rel.endswith("index.html")]
        shown = sum('<nav id="contents-title">' in page for page in pages)
        assert shown in (0, len(MODES)) and len(ran) == (shown > 0), plan.facts.id
        with_contents += shown > 0
    assert with_contents >= 3


def test_a_section_that_reads_more_of_its_page_than_the_table_layout_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared between pages, the sections must not depend on a page's address: reading it stops
    the build, rather than giving every mode the first page's links."""
    from jinja2 import UndefinedError

    from plansite.render import DocumentBody
    from plansite.view import build_view

    _sections_counted(monkeypatch, '{% macro sections(items, class="section") %}{{ page.path }}{% endmacro %}')
    view = build_view(load_content(CONTENT).documents[0])
    with pytest.raises(UndefinedError):
        DocumentBody().sections(view.body, STANDARD.table_layout)
