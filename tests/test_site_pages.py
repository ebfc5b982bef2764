"""The site's own pages and chrome: the accessibility statement (from
site.yaml), the help page, the footer every page carries, page titles."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest

from plansite.content import load_content
from plansite.modes import MODES
from plansite.problems import ContentError
from plansite.verify import ParsedPage

from .conftest import CONTENT

STATEMENT = "accessibility/index.html"
HELP = "help/index.html"


def _in(mode_prefix: str, route: str) -> str:
    return posixpath.normpath(f"{mode_prefix}/{route}")


def _footer_links(path: str, page: ParsedPage) -> dict[str, str]:
    footer = next(page.all("footer"))
    return {
        page.text(a).strip(): posixpath.normpath(posixpath.join(posixpath.dirname(path), a.get("href", "")))
        for a in footer.iter("a")
    }


def test_every_page_links_to_help_and_the_statement_in_its_mode(real_pages: dict[str, ParsedPage]) -> None:
    assert len(real_pages) >= 24
    for path, page in real_pages.items():
        prefix = next(
            (m.prefix.as_posix() for m in MODES if m.prefix.as_posix() != "." and path.startswith(f"{m.prefix}/")), "."
        )
        links = _footer_links(path, page)
        assert links.get("使用帮助") == _in(prefix, HELP), path
        assert links.get("无障碍声明") == _in(prefix, STATEMENT), path
        assert "主办单位：残疾人联合会" in page.text(next(page.all("footer"))), path


def test_the_statement_says_what_a_statement_must(real_pages: dict[str, ParsedPage]) -> None:
    site = load_content(CONTENT).site
    for mode in MODES:
        page = real_pages[_in(mode.prefix.as_posix(), STATEMENT)]
        text = " ".join(page.text(next(page.all("main"))).split())
        for expected in (
            "WCAG）2.2 AA",
            "GB/T 37668—2019",
            "互联网网站适老化通用设计规范",
            "axe-core",
            "最近一次评估：2026年11月25日",
            "已知的不足",
            site.contact.phone,
            site.contact.email,
            site.contact.address,
        ):
            assert expected in text, (mode.name, expected)
        mail = [a.get("href") for a in page.all("a") if (a.get("href") or "").startswith("mailto:")]
        assert mail == [f"mailto:{site.contact.email}"]


def test_the_help_page_explains_the_modes_and_controls(real_pages: dict[str, ParsedPage]) -> None:
    page = real_pages[HELP]
    headings = [page.text(h) for h in page.all("h2")]
    assert headings == [
        "阅读模式",
        "文字大小",
        "语音播报",
        "搜索",
        "键盘操作",
        "下载纯文本文件",
        "电子书（EPUB）",
        "盲文版（BRF）",
    ]
    braille = page.text(page.root)
    assert "Braille Ready File" in braille and "盲文打印机" in braille and "点显器" in braille
    assert "每页 30 方、27 行" in braille  # the site's own page size (site.yaml braille_page)


def test_no_title_repeats_the_site_name(real_pages: dict[str, ParsedPage]) -> None:
    for path, page in real_pages.items():
        title = page.text(next(page.all("title")))
        assert title.count("残疾人事业规划文件库") == 1, (path, title)
    assert real_pages["index.html"].text(next(real_pages["index.html"].all("title"))) == "残疾人事业规划文件库"


def _site_problems(tmp_path: Path, site_yaml: str) -> list[str]:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "site.yaml").write_text(site_yaml, encoding="utf-8")
    (folder / "a.yaml").write_text("id: a\nkind: plan\ntitle: 标题\npreamble: 正文。\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    return [str(p) for p in caught.value.problems]


def test_the_site_must_give_a_feedback_contact(tmp_path: Path) -> None:
    problems = _site_problems(tmp_path, "name: 网站\nowner: 残联\n")
    assert problems == ["content/site.yaml 第1行 contact：缺少必填字段“contact”：请补上 contact: …"]


def test_a_contact_that_cannot_be_used_is_refused(tmp_path: Path) -> None:
    problems = _site_problems(
        tmp_path, "name: 网站\nowner: 残联\ncontact: {phone: 电话待定, email: 没有, address: 某地}\n"
    )
    assert any("contact.phone" in p and "不像电话号码" in p for p in problems), problems
    assert any("contact.email" in p and "不像电子邮箱地址" in p for p in problems), problems
