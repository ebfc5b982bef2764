"""Incremental and parallel builds give exactly the output of a clean, serial build."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from plansite import build
from plansite.build import build_site
from plansite.cache import Fingerprints
from plansite.content import load_content
from plansite.listings import region_folder, ways_in
from plansite.output import MARKER, standby_folder
from plansite.problems import ContentError

from .conftest import CONTENT, many_documents, snapshot


def test_unchanged_documents_are_reused_and_output_is_identical(tmp_path: Path, content_copy: Path) -> None:
    out = tmp_path / "site"
    first = build_site(content_copy, out)
    assert first.rendered == first.documents == 5
    again = build_site(content_copy, out)
    assert again.rendered == 0, "nothing changed, nothing is rendered"
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-1")

    # Change one document: it and the documents that link to it are rendered again.
    plan = content_copy / "jiangbei-disability-plan-2021-2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（修订）"), encoding="utf-8"
    )
    changed = build_site(content_copy, out)
    assert changed.rendered == 1
    assert "编制背景（修订）" in (out / "plans/jiangbei-disability-plan-2021-2025/index.html").read_text(
        encoding="utf-8"
    )
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-2")

    # A new title reaches the pages that link to the document.
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: 重庆市江北区“十四五”", "title: 江北区“十四五”", 1),
        encoding="utf-8",
    )
    retitled = build_site(content_copy, out)
    assert retitled.rendered == 2, "the plan and its 起草说明, which links to it by title"
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-3")


def _index_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*") if p.is_file()}


def test_site_pages_and_search_index_are_reused_only_when_what_they_show_is_unchanged(
    tmp_path: Path, content_copy: Path
) -> None:
    """A build names the files it wrote (`BuildResult.written`); the others it proved and kept."""
    out = tmp_path / "site"
    build_site(content_copy, out)
    home, listing, search = "index.html", "list/all/index.html", _index_files(out)

    written = build_site(content_copy, out).written
    assert not written & {home, listing}, "nothing changed: the pages are reused"
    assert not written & search, "nothing changed: the index is reused"

    # A heading edited: the document's text changes, not its listing entry.
    plan = content_copy / "jiangbei-disability-plan-2021-2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（修订）"), encoding="utf-8"
    )
    written = build_site(content_copy, out).written
    assert not written & {home, listing}
    assert "pagefind/0/pagefind-entry.json" in written, "the text changed: the index is written again"
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-1")

    # The title edited: every page listing the document changes, and only those.
    elsewhere = {  # the listings the document is not in, the help page
        "list/kind/work-points/index.html",
        f"list/region/{region_folder('巴中市')}/index.html",
        "help/index.html",
    }
    in_listings = {"list/kind/plan/index.html", f"list/region/{region_folder('重庆市江北区')}/index.html"}
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: 重庆市江北区“十四五”", "title: 江北区“十四五”", 1),
        encoding="utf-8",
    )
    written = build_site(content_copy, out).written
    assert {home, listing, *in_listings} <= written
    assert all("江北区“十四五”" in (out / rel).read_text(encoding="utf-8") for rel in [home, *in_listings])
    assert not written & elsewhere, "what does not show the title is reused"
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-2")


def test_a_damaged_search_index_or_manifest_is_not_reused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(CONTENT, out)
    clean = snapshot(out)
    entry = out / "pagefind" / "0" / "pagefind-entry.json"
    entry.write_bytes(entry.read_bytes() + b" ")
    build_site(CONTENT, out)
    assert snapshot(out) == clean, "the index is written again"

    # A manifest claiming, for the site's pages, a file outside the site and a document's own page.
    marker = out / MARKER
    manifest = json.loads(marker.read_text(encoding="utf-8"))
    page = "plans/bazhong-disability-plan-2021-2025/index.html"
    for rel in ("../outside.html", page):
        files = dict(manifest["parts"]["pages/home"]["files"])
        files[rel] = hashlib.sha256((out / page).read_bytes()).hexdigest()
        manifest["parts"]["pages/home"]["files"] = files
        marker.write_text(json.dumps(manifest), encoding="utf-8")
        build_site(CONTENT, out)
        assert snapshot(out) == clean
        assert not (tmp_path / "outside.html").exists()
        manifest = json.loads(marker.read_text(encoding="utf-8"))


def test_a_template_change_renders_exactly_the_pages_made_from_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(CONTENT, out)
    real = build.fingerprints()

    monkeypatch.setattr(build, "fingerprints", lambda: dataclasses.replace(real, pages="listing.html edited"))
    result = build_site(CONTENT, out)
    assert result.rendered == 0, "no document page is made from it"
    assert "index.html" in result.written

    monkeypatch.setattr(
        build, "fingerprints", lambda: dataclasses.replace(real, pages="listing.html edited", documents="box edited")
    )
    result = build_site(CONTENT, out)
    assert result.rendered == 5
    assert "index.html" not in result.written, "the site's own pages are not made from it"


def test_a_template_change_keeps_the_text_and_braille_editions(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The .txt and braille are made from the document and the code alone, the EPUB from them and
    its own templates: an edit of a web page's template re-renders the pages and links the editions
    from the last build (proven); one of the EPUB's, the EPUB too. Byte-identical to a clean build."""
    out = tmp_path / "site"
    build_site(CONTENT, out)
    doc = "bazhong-disability-plan-2021-2025"
    text_files = [f"text/plans/{doc}.txt", f"text/plans/{doc}.brf", f"text/plans/{doc}.braille.txt"]
    book = f"plans/{doc}/{doc}.epub"
    page = f"plans/{doc}/index.html"
    real = build.fingerprints()
    monkeypatch.setattr(build, "fingerprints", lambda: dataclasses.replace(real, documents="the footer edited"))
    result = build_site(CONTENT, out)
    assert result.rendered == 5
    assert not result.written & {*text_files, book}, "kept from the last build"
    assert page in result.written
    assert snapshot(out) == _clean_build_snapshot(CONTENT, tmp_path / "clean")

    monkeypatch.setattr(build, "fingerprints", lambda: dataclasses.replace(real, documents="a part", epub="a part"))
    result = build_site(CONTENT, out)
    assert result.rendered == 5
    assert not result.written & set(text_files)
    assert {book, page} <= result.written, "an EPUB template edited"

    # A kept file is proven first: a damaged one is made again, never carried forward.
    monkeypatch.setattr(build, "fingerprints", lambda: dataclasses.replace(real, documents="edited again"))
    for site in (out, standby_folder(out)):  # in the live site and in the standby the next build writes into
        (site / text_files[1]).write_bytes(b"DAMAGED")
    assert set(text_files) <= build_site(CONTENT, out).written, "all three made again"
    assert snapshot(out) == _clean_build_snapshot(CONTENT, tmp_path / "clean")


def test_a_code_change_makes_the_text_editions_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(CONTENT, out)
    real = build.fingerprints()
    monkeypatch.setattr(
        build, "fingerprints", lambda: dataclasses.replace(real, code="braille.py edited", documents="x")
    )
    assert "text/plans/bazhong-disability-plan-2021-2025.brf" in build_site(CONTENT, out).written


def test_a_damaged_old_site_is_not_reused(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(CONTENT, out)
    (out / "large/plans/bazhong-disability-plan-2021-2025/index.html").unlink()
    assert build_site(CONTENT, out).rendered == 1
    assert (out / "large/plans/bazhong-disability-plan-2021-2025/index.html").is_file()


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    content = many_documents(tmp_path / "content", 60)
    serial = build_site(content, tmp_path / "serial", jobs=1)
    parallel = build_site(content, tmp_path / "parallel", jobs=2)
    listings = ways_in(tuple(doc.listed for doc in load_content(content).documents)).all
    listing_files = sum(listing.pages * 3 + 1 for listing in listings)  # pages in 3 modes and a .txt
    index_files = sum(1 for p in (tmp_path / "serial" / "pagefind").rglob("*") if p.is_file())
    # documents (3 modes, .txt, EPUB, braille as .brf and Unicode), the home page (and its .txt and
    # braille), search, help, statement, 404 in 3 modes
    assert serial.files == parallel.files == 60 * 7 + 6 + 12 + listing_files + index_files
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")


def _clean_build_snapshot(content: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build_site(content, out)
    return snapshot(out)


def test_fingerprints_follow_what_each_kind_of_page_is_made_from(tmp_path: Path) -> None:
    """A stylesheet or script is copied as it is by every build: editing one re-renders nothing. A
    template re-renders the pages made from it; the code, everything (and content is read again)."""
    from plansite.cache import fingerprints
    from plansite.paths import PACKAGE

    package = tmp_path / "plansite"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprints(package)
    for name in (
        "templates/components/box/style.css",
        "templates/components/read_aloud/readaloud.js",
        "static/css/base.css",
    ):
        with (package / name).open("a", encoding="utf-8") as file:
            file.write("\n/* edited */\n")
    assert fingerprints(package) == before
    changes = {  # file -> which fingerprints change: (code, documents, pages, epub)
        "templates/components/box/macro.html": (False, True, False, True),  # boxes are in documents and books
        "templates/components/sections/macro.html": (False, True, False, True),  # rendered from Python: named
        "templates/components/data_table/macro.html": (False, True, False, True),
        "templates/components/document_list/macro.html": (False, False, True, False),  # on listing pages
        "templates/listing.html": (False, False, True, False),
        "templates/components/site_footer/macro.html": (False, True, True, False),  # on every page, in no book
        "templates/document.html": (False, True, False, False),
        "templates/components.html": (False, False, False, False),  # the component examples: not in the site
        "templates/epub/chapter.html": (False, True, False, True),  # the EPUB's parts (a page shows its size)
        "templates/epub/style.css": (True, True, True, True),  # inside every book, unlike the site's stylesheets
        "static/css/spoken-forms.css": (True, True, True, True),  # in site.css, and inside every book
        "templates/epub/package.opf": (True, True, True, True),
        "strings.py": (True, True, True, True),
        "schema.py": (True, True, True, True),
    }
    for name, changed in changes.items():
        edited = package / name
        original = edited.read_bytes()
        edited.write_bytes(original + b"\n")
        after = fingerprints(package)
        assert (
            after.code != before.code,
            after.documents != before.documents,
            after.pages != before.pages,
            after.epub != before.epub,
        ) == changed, name
        edited.write_bytes(original)
    assert fingerprints(package) == before


def _count_reads(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The files read and validated from now on (each document file by its path)."""
    from plansite import content as content_module

    read: list[str] = []
    original = content_module._document

    def counted(data, path, rel, site):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return original(data, path, rel, site)

    monkeypatch.setattr(content_module, "_document", counted)
    return read


def test_unchanged_files_are_not_read_again(tmp_path: Path, content_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(content_copy, out)
    read = _count_reads(monkeypatch)
    assert build_site(content_copy, out).rendered == 0
    assert read == [], "every file is known from the last build"

    plan = content_copy / "jiangbei-disability-plan-2021-2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("title: 编制背景", "title: 编制背景（修订）"), encoding="utf-8"
    )
    build_site(content_copy, out)
    assert read == [plan.name], "only the edited file is read"
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-1")

    # A known document whose page was damaged is read after all, and rendered again.
    read.clear()
    (out / "plans/bazhong-disability-plan-2021-2025/index.html").write_text("damaged", encoding="utf-8")
    assert build_site(content_copy, out).rendered == 1
    assert read == ["bazhong-disability-plan-2021-2025.yaml"]
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean-2")


def test_links_to_a_removed_document_are_still_checked_in_known_files(tmp_path: Path, content_copy: Path) -> None:
    out = tmp_path / "site"
    build_site(content_copy, out)
    (content_copy / "jiangbei-disability-plan-2021-2025.yaml").unlink()
    with pytest.raises(ContentError) as raised:
        build_site(content_copy, out)
    [problem] = raised.value.problems
    assert (problem.file, problem.line, problem.field) == (
        "content/jiangbei-disability-plan-drafting-notes.yaml",
        16,
        "related",
    )
    assert "jiangbei-disability-plan-2021-2025" in problem.message


def test_a_damaged_or_foreign_record_of_facts_is_not_believed(tmp_path: Path, content_copy: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(content_copy, out)
    marker = out / MARKER
    manifest = json.loads(marker.read_text(encoding="utf-8"))
    facts = manifest["documents"]["bazhong-disability-plan-2021-2025"]["facts"]
    facts["title"] = "被改动的标题"  # its checksum no longer matches
    marker.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    read = _count_reads(monkeypatch)
    build_site(content_copy, out)
    assert read == ["bazhong-disability-plan-2021-2025.yaml"]
    assert "被改动的标题" not in (out / "index.html").read_text(encoding="utf-8")
    assert snapshot(out) == _clean_build_snapshot(content_copy, tmp_path / "clean")

    # Facts recorded by other code are not used: it might read the same file differently.
    read.clear()
    monkeypatch.setattr(build, "fingerprints", lambda: Fingerprints("other code", "documents", "pages", "epub"))
    build_site(content_copy, out)
    assert len(read) == 5


def test_a_file_changed_after_it_was_checked_stops_the_build(tmp_path: Path, content_copy: Path) -> None:
    from plansite.cache import fingerprints, read_manifest

    out = tmp_path / "site"
    build_site(content_copy, out)
    content = load_content(content_copy, read_manifest(out).known(fingerprints().code))
    assert content.documents == (), "every file known"
    plan = content_copy / "fenghua-disability-plan-2021-2025.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        content.document("fenghua-disability-plan-2021-2025")
    assert "被修改" in raised.value.problems[0].message
    assert content.document("bazhong-disability-plan-2021-2025").id == "bazhong-disability-plan-2021-2025"


@pytest.fixture
def new_process() -> Iterator[Callable[[], None]]:
    """A process reads the libraries' versions once (what it has loaded does not change while
    it runs): the function yielded forgets them, as a new process would not know them."""
    from plansite.cache import _libraries

    yield _libraries.cache_clear
    _libraries.cache_clear()


def test_a_library_upgrade_changes_every_fingerprint(monkeypatch, new_process) -> None:  # type: ignore[no-untyped-def]
    """markdown-it-py or Jinja may render differently after an upgrade: nothing may be reused."""
    import importlib.metadata

    from plansite.cache import fingerprints

    before = fingerprints()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "99.0" if name == "markdown-it-py" else real(name))
    new_process()
    after = fingerprints()
    assert after.code != before.code and after.documents != before.documents and after.pages != before.pages


def test_a_new_liblouis_or_braille_table_changes_every_fingerprint(monkeypatch, new_process) -> None:  # type: ignore[no-untyped-def]
    """The braille is liblouis's: a new version or an edited table may change every braille file."""
    from plansite import braille
    from plansite.cache import fingerprints

    before = fingerprints()
    real = braille._table_files()
    assert any(path.name == braille.TABLE for path in real)
    monkeypatch.setattr(braille, "_table_files", lambda: real[1:])  # a table's bytes no longer the same
    new_process()
    after = fingerprints()
    assert after.code != before.code and after.documents != before.documents and after.pages != before.pages


def test_a_title_edit_renders_only_the_listing_page_it_is_on(tmp_path: Path) -> None:
    """A listing is split into pages, each a part of its own: a title edited (here by as many
    bytes, so no size shown changes) renders the one page showing it, in every mode, and the
    listing's .txt; the other pages are reused. Byte-identical to a clean build."""
    from plansite.listings import PAGE_SIZE

    content = many_documents(tmp_path / "content", PAGE_SIZE * 2 + 10)  # list/all has 3 pages
    out = tmp_path / "site"
    build_site(content, out)
    shown = [d.id for d in ways_in(tuple(d.listed for d in load_content(content).documents)).everything.documents]
    edited = shown[PAGE_SIZE + 3]  # on page 2
    pages = {
        n: {f"{mode}list/all/{'index' if n == 1 else n}.html" for mode in ("", "large/", "text/")} for n in (1, 2, 3)
    }
    path = content / f"{edited}.yaml"
    text = path.read_text(encoding="utf-8")
    assert "title: 重庆市江北区" in text
    path.write_text(text.replace("title: 重庆市江北区", "title: 重庆市江南区", 1), encoding="utf-8")
    written = build_site(content, out).written
    assert not written & (pages[1] | pages[3]), "the pages not showing it are reused"
    assert pages[2] <= written, "its page, in every mode, rendered"
    assert "text/list/all.txt" in written
    assert "江南区" in (out / "list/all/2.html").read_text(encoding="utf-8")
    assert snapshot(out) == snapshot(build_site(content, tmp_path / "clean", clean=True).out)
