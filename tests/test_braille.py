"""The braille edition: liblouis's cells for known sentences, and the layout of
every document's .brf and Unicode-braille .txt as braille is read."""

from __future__ import annotations

import ctypes.util
import shutil
from pathlib import Path

import pytest
import yaml

from plansite import braille, cache, cli
from plansite import model as m
from plansite.build import build_site
from plansite.content import load_content
from plansite.pages import INDEX_BRAILLE, INDEX_BRAILLE_TEXT, braille_file, braille_text_file
from plansite.render import DocumentPlan
from plansite.textexport import TextBlock, document_blocks, table_lines
from plansite.view import build_view

from .conftest import CONTENT, FEATURES, FIXTURES

KNOWN = yaml.safe_load((FIXTURES / "braille" / "known.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", KNOWN, ids=[case["text"] for case in KNOWN])
def test_a_known_sentence_translates_to_the_reviewed_cells(case: dict[str, str]) -> None:
    assert braille.translate(case["text"]).cells == case["cells"]


# Characters the table lacks (outside GB2312: places such as 硚口区 and 埇桥区, names), each
# with a common character of the same one reading and tone, chosen here by a person.
SAME_SOUND = [
    ("武汉市硚口区", "武汉市桥口区"),
    ("宿州市埇桥区", "宿州市勇桥区"),
    ("张堃", "张坤"),
    ("李喆", "李哲"),
    ("王玥", "王月"),
    ("镕", "容"),
]


@pytest.mark.parametrize(("rare", "common"), SAME_SOUND)
def test_a_character_the_table_lacks_is_written_as_its_sound(rare: str, common: str) -> None:
    assert not braille._in_table(next(c for c, d in zip(rare, common, strict=True) if c != d))  # the case is real
    found = braille.translate(rare)
    assert found.cells == braille.translate(common).cells  # the sound is the same, and braille writes the sound
    assert found.text == rare and len(found.source) == len(found.cells) and max(found.source) == len(rare) - 1


def test_a_character_without_a_known_reading_is_still_written_as_its_code() -> None:
    # The control: no reading to write (an emoji, a character pypinyin does not know), liblouis's code stays.
    for text in ("😀", "𠮷"):
        assert any(ord(cell) & 0x40 for cell in braille.translate(text).cells)


def test_brf_is_the_same_cells_in_braille_ascii() -> None:
    # the letters a-j are the cells of the upper half: ⠁ = A, ⠃ = B, ⠚ = J; the number sign ⠼ = #
    assert braille.to_brf("⠼⠁⠃\u2800⠚") == "#AB J"
    # a character the table lacks is written as its code, with dot 7 in Unicode braille: six dots in BRF
    odd = braille.translate("😀").cells
    assert any(ord(cell) & 0x40 for cell in odd)
    assert all(" " <= ch <= "_" for ch in braille.to_brf(odd))


# --- the layout of every document --------------------------------------------


def layout_problems(text: str, page: m.BraillePage, *, brf: bool) -> list[str]:
    """Every way a braille file breaks the page: too wide, too long, page numbers wrong."""
    blank = " " if brf else braille.BLANK
    problems = []
    lines = text.removeprefix("\ufeff").replace("\f", "").split("\r\n")
    if brf and any(not (" " <= ch <= "_") for line in lines for ch in line):
        problems.append("a character outside North American Braille ASCII (space to underscore)")
    for i, line in enumerate(lines, 1):
        if len(line) > page.cells:
            problems.append(f"line {i} has {len(line)} cells (page width {page.cells})")
    if brf:
        pages = text.removesuffix("\r\n").split("\r\n\f")
        for n, chunk in enumerate(pages, 1):
            page_lines = chunk.split("\r\n")
            if len(page_lines) != page.lines:
                problems.append(f"page {n} has {len(page_lines)} lines, not {page.lines}")
            number = braille.to_brf(braille.translate(str(n)).cells)
            if page_lines[-1] != blank * (page.cells - len(number)) + number:
                problems.append(f"page {n} does not end with its number at the right: {page_lines[-1]!r}")
    return problems


def unicode_pages(text: str, page: m.BraillePage) -> list[list[str]]:
    lines = text.removeprefix("\ufeff").removesuffix("\r\n").split("\r\n")
    # every page is page.lines lines, then one blank line between pages
    size = page.lines + 1
    return [lines[i : i + page.lines] for i in range(0, len(lines), size)]


def body_cells(text: str, page: m.BraillePage) -> str:
    """All the cells of the pages' bodies run together, without blank cells (where lines broke)."""
    pages = unicode_pages(text, page)
    return "".join("".join(lines[:-1]) for lines in pages).replace(braille.BLANK, "")


@pytest.fixture(scope="module")
def sites(real_site: Path, feature_site: Path) -> dict[str, Path]:
    """The sites the whole session builds once (conftest), by name."""
    return {"real": real_site, "features": feature_site}


def documents(content: Path) -> tuple[m.Document, ...]:
    return load_content(content).documents


@pytest.mark.parametrize("content", [CONTENT, FEATURES], ids=["real", "features"])
def test_every_page_is_within_the_page_size_and_numbered(content: Path, sites: dict[str, Path]) -> None:
    site = sites["real" if content == CONTENT else "features"]
    page = load_content(content).site.braille_page
    for doc in documents(content):
        brf = (site / braille_file(doc.id)).read_bytes().decode("ascii")
        assert layout_problems(brf, page, brf=True) == [], doc.id
        unicode = (site / braille_text_file(doc.id)).read_bytes().decode("utf-8")
        assert layout_problems(unicode, page, brf=False) == [], doc.id
        # the same pages in both files
        brf_pages = [chunk.split("\r\n") for chunk in brf.removesuffix("\r\n").split("\r\n\f")]
        same = [[braille.to_brf(line).rstrip() for line in lines] for lines in unicode_pages(unicode, page)]
        assert same == [[line.rstrip() for line in lines] for lines in brf_pages], doc.id
    index = (site / INDEX_BRAILLE).read_bytes().decode("ascii")
    assert layout_problems(index, page, brf=True) == []
    assert (site / INDEX_BRAILLE_TEXT).exists()


@pytest.mark.parametrize("content", [CONTENT, FEATURES], ids=["real", "features"])
def test_every_heading_table_row_metadata_and_term_is_in_the_braille(content: Path, sites: dict[str, Path]) -> None:
    site = sites["real" if content == CONTENT else "features"]
    page = load_content(content).site.braille_page
    checked = 0
    for doc in documents(content):
        cells = body_cells((site / braille_text_file(doc.id)).read_bytes().decode("utf-8"), page)
        view = build_view(doc)
        for block in document_blocks(doc, view.metadata):
            if block.kind in ("title", "heading") or block.kind == "lines":
                for line in block.text.split("\n"):
                    if line.strip():
                        wanted = braille.translate(line).cells.replace(braille.BLANK, "")
                        assert wanted in cells, f"{doc.id}: {line[:40]} is missing from the braille"
                        checked += 1
    assert checked > 50  # headings, metadata, table rows and signatures were all there to check


def tables_in(doc: m.Document) -> list[m.Table]:
    found: list[m.Table] = []

    def blocks(items: tuple[m.Block, ...]) -> None:
        for b in items:
            if isinstance(b, m.Table):
                found.append(b)
            elif not isinstance(b, m.Text):
                blocks(b.blocks)

    def sections(items: tuple[m.Section, ...]) -> None:
        for s in items:
            blocks(s.blocks)
            sections(s.sections)

    sections(doc.body + doc.annexes)
    return found


def test_table_rows_are_read_with_their_headers(sites: dict[str, Path]) -> None:
    page = load_content(FEATURES).site.braille_page
    rows = 0
    for doc in documents(FEATURES):
        cells = body_cells((sites["features"] / braille_text_file(doc.id)).read_bytes().decode("utf-8"), page)
        for table in tables_in(doc):
            for line in table_lines(table):
                if line:
                    assert braille.translate(line).cells.replace(braille.BLANK, "") in cells, line
                    rows += "：" in line  # a row: 表头：值；表头：值
    assert rows >= 5


def test_the_checks_fail_on_a_broken_layout() -> None:
    page = m.BraillePage()
    good = braille.edition([TextBlock("paragraph", "残疾人事业" * 200)], page)
    brf = good.brf.decode("ascii")
    assert layout_problems(brf, page, brf=True) == []
    too_wide = brf.replace("\r\n", "ABCDEFGHIJ\r\n", 1)
    assert any("cells" in p for p in layout_problems(too_wide, page, brf=True))
    too_long = brf.replace("\r\n", "\r\n\r\n", 1)
    assert any("lines" in p for p in layout_problems(too_long, page, brf=True))
    renumbered = brf.replace("#B\r\n", "#C\r\n")
    assert any("number" in p for p in layout_problems(renumbered, page, brf=True))


# --- the layout rules --------------------------------------------------------


DEFAULT_PAGE = m.BraillePage()


def laid_out(block: TextBlock, page: m.BraillePage = DEFAULT_PAGE) -> list[str]:
    """One block alone on a page: its lines, without the page number or the blank lines after."""
    lines = braille.paginate([block], page)[0][:-1]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(braille.BLANK))


def test_headings_paragraphs_and_lines_are_laid_out_as_braille_is_read() -> None:
    long = "加强残疾人托养照料服务工作，提高服务质量和水平，"
    for kind, level in (("title", 0), ("heading", 1)):  # centred: as many blank cells before as (about) after
        lines = laid_out(TextBlock(kind, long * 2, level))  # type: ignore[arg-type]
        assert len(lines) > 1 and all(abs(indent(line) - (30 - len(line))) <= 1 for line in lines)
    heading = laid_out(TextBlock("heading", "（一）" + long * 2, level=2))
    assert len(heading) > 1 and all(indent(line) == 4 for line in heading)  # every line at cell 5
    paragraph = laid_out(TextBlock("paragraph", long * 4))
    assert len(paragraph) > 2 and indent(paragraph[0]) == 2 and all(indent(line) == 0 for line in paragraph[1:])
    lines = laid_out(TextBlock("lines", f"发文机关：{long * 2}\n成文日期：2021年12月30日"))
    indents = [indent(line) for line in lines]  # each line at cell 1, what it wraps onto at cell 3
    assert indents[0] == 0 and indents.count(0) == 2 and set(indents) == {0, 2} and len(indents) > 3
    # a blank line before a chapter heading, none before a paragraph
    together = braille.paginate(
        [TextBlock("paragraph", "人"), TextBlock("heading", "第一章", 1), TextBlock("paragraph", "人")], m.BraillePage()
    )[0]
    assert together[:4] == [
        laid_out(TextBlock("paragraph", "人"))[0],
        "",
        *laid_out(TextBlock("heading", "第一章", 1)),
        laid_out(TextBlock("paragraph", "人"))[0],
    ]


def test_a_line_never_breaks_inside_a_number_or_before_closing_punctuation() -> None:
    text = "第" + "，".join(["20250101"] * 40) + "。"
    lines = braille.wrap(braille.translate(text), 30)
    number, comma = braille.translate("20250101").cells, braille.translate("，").cells
    assert all(len(line) <= 30 for line in lines)
    assert sum(line.count(number) for line in lines) == 40  # no number split over two lines
    assert not any(line.startswith(comma) for line in lines)
    assert "".join(lines).replace(braille.BLANK, "") == braille.translate(text).cells.replace(braille.BLANK, "")


def test_a_heading_is_never_the_last_line_of_a_page() -> None:
    page = m.BraillePage(30, 15)  # 14 lines of text and the page number
    heading = TextBlock("heading", "第二节 主要任务", level=2)
    after = TextBlock("paragraph", "残疾人")
    for filler, page_of_heading in ((12, 0), (13, 1)):  # after 13 lines, the heading and its next line do not fit
        pages = braille.paginate([TextBlock("lines", "\n".join(["人"] * filler)), heading, after], page)
        first_line = laid_out(heading)[0]
        assert first_line in pages[page_of_heading], filler
        at = pages[page_of_heading].index(first_line)
        assert pages[page_of_heading][at + 1] == laid_out(after)[0]


def test_the_page_size_comes_from_site_yaml(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "braille_page: 40x25\n", encoding="utf-8")
    build_site(content, tmp_path / "site")
    page = m.BraillePage(40, 25)
    doc = load_content(content).documents[0]
    brf = (tmp_path / "site" / braille_file(doc.id)).read_bytes().decode("ascii")
    assert layout_problems(brf, page, brf=True) == []
    assert max(len(line) for line in brf.replace("\f", "").split("\r\n")) == 40


def test_a_wrong_page_size_is_a_content_mistake(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    site_yaml = content / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + "braille_page: 100x3\n", encoding="utf-8")
    assert cli.main(["check", "--content", str(content)]) == 2
    err = capsys.readouterr().err
    assert "site.yaml" in err and "braille_page" in err and "30x27" in err


def test_layout_is_linear_in_the_text() -> None:
    # 200,000 characters in one paragraph, and 20,000 one-character lines: done, each within the page.
    page = m.BraillePage()
    long = braille.edition([TextBlock("paragraph", "残疾人康复服务。" * 25_000)], page)
    assert layout_problems(long.brf.decode("ascii"), page, brf=True) == []
    many = braille.edition([TextBlock("lines", "\n".join("人" for _ in range(20_000)))], page)
    assert len(many.brf.split(b"\f")) == -(-20_000 // (page.lines - 1))


# --- without liblouis --------------------------------------------------------


@pytest.fixture
def no_louis(monkeypatch: pytest.MonkeyPatch) -> object:
    """A process on a machine without liblouis (one that has not loaded it yet)."""
    forget_louis()
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: "liblouis-not-installed.so")
    yield
    forget_louis()


def forget_louis() -> None:
    """As a new process: liblouis not loaded, the libraries' versions not read."""
    braille._louis.cache_clear()
    cache._libraries.cache_clear()


def test_without_liblouis_the_build_says_what_to_install(
    no_louis: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "site")]) == 1
    err = capsys.readouterr().err
    assert "liblouis" in err and "apt-get install" in err and "Traceback" not in err
    assert not (tmp_path / "site").exists()


def test_without_the_chinese_table_the_build_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forget_louis()
    monkeypatch.setattr(braille, "TABLE", "zhcn-not-there.ctb")
    try:
        assert cli.main(["build", "--content", str(CONTENT), "--out", str(tmp_path / "site")]) == 1
    finally:
        forget_louis()
    err = capsys.readouterr().err
    assert "zhcn-not-there.ctb" in err and "liblouis-data" in err and "Traceback" not in err


def test_plan_files_name_the_braille_edition() -> None:
    facts = load_content(CONTENT).facts[0]
    plan = DocumentPlan(facts, "", (), (), "t", load_content(CONTENT).site)
    assert braille_file(facts.id).as_posix() in plan.files.paths
    assert braille_text_file(facts.id).as_posix() in plan.files.paths
