"""Incremental and parallel builds give exactly the output of a clean, serial build."""

from __future__ import annotations

import shutil
from pathlib import Path

from plansite import build
from plansite.build import build_site
from plansite.content import load_content
from plansite.listings import ways_in

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


def test_a_change_in_the_templates_renders_everything(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build_site(CONTENT, out)
    monkeypatch.setattr(build, "code_fingerprint", lambda: "a different template")
    assert build_site(CONTENT, out).rendered == 5


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
    listings = ways_in(load_content(content).documents).all
    listing_files = sum(listing.pages * 3 + 1 for listing in listings)  # pages in 3 modes and a .txt
    index_files = sum(1 for p in (tmp_path / "serial" / "pagefind").rglob("*") if p.is_file())
    # documents (3 modes and .txt), the home page (and its .txt), search, help, statement, 404 in 3 modes
    assert serial.files == parallel.files == 60 * 4 + 4 + 12 + listing_files + index_files
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")


def _clean_build_snapshot(content: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build_site(content, out)
    return snapshot(out)


def test_fingerprint_covers_templates_and_code_but_not_published_styles(tmp_path: Path) -> None:
    """A stylesheet or script is copied as it is by every build: editing one must not re-render pages,
    while editing a template or the code must."""
    from plansite.cache import code_fingerprint
    from plansite.paths import PACKAGE

    package = tmp_path / "plansite"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_fingerprint(package)
    for name in (
        "templates/components/box/style.css",
        "templates/components/read_aloud/readaloud.js",
        "static/css/base.css",
    ):
        with (package / name).open("a", encoding="utf-8") as file:
            file.write("\n/* edited */\n")
    assert code_fingerprint(package) == before
    for name in ("templates/components/box/macro.html", "strings.py"):
        edited = package / name
        original = edited.read_bytes()
        edited.write_bytes(original + b"\n")
        assert code_fingerprint(package) != before, name
        edited.write_bytes(original)
    assert code_fingerprint(package) == before
