"""`serve`'s live site (plansite.live): every file it serves is the file a build makes of
the same content, whether read from the site on disk or rendered in memory after a save;
a file on disk is served only when proven."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plansite import live
from plansite.build import build_site
from plansite.live import LiveSite
from plansite.output import MARKER
from plansite.problems import ContentError
from plansite.search import BUNDLE
from plansite.serve import _site_path

from .conftest import FEATURES, snapshot

PLAN = "plans/feature-plan/index.html"
NOTES = "plans/feature-notes/index.html"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Every part of the content model, an attachment and a file of extra/."""
    folder = tmp_path / "content"
    shutil.copytree(FEATURES, folder)
    plan = folder / "feature-plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8") + "attachments:\n  - {file: 原文.pdf, title: 原文}\n", encoding="utf-8"
    )
    (folder / "原文.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 2000)
    (folder / "extra" / ".well-known").mkdir(parents=True)
    (folder / "extra" / ".well-known" / "security.txt").write_text("Contact: mailto:a@example.cn\n", encoding="utf-8")
    return folder


def published(out: Path, *, index: bool = True) -> dict[str, bytes]:
    """What a site serves: every file but its manifest (and, unless `index`, the search index)."""
    return {
        rel: data
        for rel, data in snapshot(out).items()
        if rel != MARKER and (index or not rel.startswith(f"{BUNDLE}/"))
    }


def live_over_built(content: Path, out: Path) -> LiveSite:
    """The live site over a site just built from `content`."""
    build_site(content, out)
    site = LiveSite(content, out)
    site.update()
    return site


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_file_is_the_built_one_before_and_after_edits(tmp_path: Path, content: Path) -> None:
    out = tmp_path / "site"
    site = live_over_built(content, out)
    before = published(out)
    assert {rel: site.file(rel) for rel in before} == before
    assert site.file(MARKER) is None, "the manifest is the build's"

    # A title (its pages, the listings, the feed), a text, a new document and one removed.
    edit(content / "feature-plan.yaml", "title: ", "title: 改过的")
    notes = (content / "feature-notes.yaml").read_text(encoding="utf-8")
    (content / "feature-new.yaml").write_text(
        notes.replace("id: feature-notes", "id: feature-new").replace("title: ", "title: 新的", 1), encoding="utf-8"
    )
    (content / "feature-old-plan.yaml").unlink()  # the plan no longer names what it replaced
    site.update(code=False)
    after = published(build_site(content, tmp_path / "fresh").out, index=False)  # the index follows with `build`
    served = {rel: site.file(rel) for rel in after}
    assert [rel for rel in after if served[rel] != after[rel]] == []
    gone = [rel for rel in before if rel not in after and not rel.startswith(f"{BUNDLE}/")]
    assert gone, "the removed document's files"
    assert [rel for rel in gone if site.file(rel) is not None] == []


def test_a_file_on_disk_is_served_only_if_proven(tmp_path: Path, content: Path) -> None:
    out = tmp_path / "site"
    site = live_over_built(content, out)
    right = (out / PLAN).read_bytes()
    (out / PLAN).write_bytes(right.replace(b"<main", b"<main data-tampered", 1))
    (out / "plans" / "planted.html").write_text("<p>not ours</p>", encoding="utf-8")
    assert site.file(PLAN) == right, "rendered again, not the damaged file"
    assert site.file("plans/planted.html") is None, "a file no build made"


def test_problems_keep_the_last_good_state_until_mended(tmp_path: Path, content: Path) -> None:
    out = tmp_path / "site"
    site = live_over_built(content, out)
    shown = site.file(PLAN)
    edit(content / "feature-plan.yaml", "title: ", "title:\n  - 不是标题\n  - ")
    with pytest.raises(ContentError):
        site.update(code=False)
    assert site.file(PLAN) == shown
    edit(content / "feature-plan.yaml", "title:\n  - 不是标题\n  - ", "title: 改好的")
    site.update(code=False)
    assert "改好的".encode() in (site.file(PLAN) or b"")


def test_a_file_is_read_again_when_its_status_changed(tmp_path: Path, content: Path) -> None:
    """An edit of the same length is still seen (the file's times of change differ). (A
    document with attachments, as the plan, is read at every update.)"""
    out = tmp_path / "site"
    site = live_over_built(content, out)
    edit(content / "feature-notes.yaml", "title: ", "title: 甲")
    site.update(code=False)
    edit(content / "feature-notes.yaml", "title: 甲", "title: 乙")  # the same number of bytes
    site.update(code=False)
    assert "乙".encode() in (site.file(NOTES) or b"")


def test_without_the_status_check_the_edit_would_be_missed(
    tmp_path: Path, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: files whose status is never seen to change are not read again."""
    out = tmp_path / "site"
    build_site(content, out)
    site = LiveSite(content, out)
    monkeypatch.setattr(live, "_statuses", lambda folder: {})
    site.update()
    edit(content / "feature-notes.yaml", "title: ", "title: 乙")
    site.update(code=False)
    assert "乙".encode() not in (site.file(NOTES) or b"")


def test_with_no_site_on_disk_everything_is_rendered(tmp_path: Path, content: Path) -> None:
    """The preview is up before the first build: every page from memory."""
    site = LiveSite(content, tmp_path / "not-built-yet")
    site.update()
    built = published(build_site(content, tmp_path / "site").out, index=False)
    assert [rel for rel, data in built.items() if site.file(rel) != data] == []


def test_request_paths_name_only_files_of_the_site() -> None:
    assert _site_path("") == "index.html"
    assert _site_path("/plans/x/") == "plans/x/index.html"
    assert _site_path("/static/css/site.css") == "static/css/site.css"
    assert _site_path("/.well-known/security.txt") == ".well-known/security.txt"  # content/extra/
    for bad in ("/../etc/passwd", "/plans/../../x", "/plans//x", "/a/./b", "/a\\b"):
        assert _site_path(bad) is None, bad


def test_an_address_no_part_makes_renders_only_the_parts_about_it(tmp_path: Path) -> None:
    """After an edit, /favicon.ico (asked for by browsers, made by no part) renders only the
    changed parts with files in the site's root, not every changed listing page; a file new
    beside a part's pages (a QR code once the site has an address) is still found."""
    from plansite.listings import PAGE_SIZE

    from .conftest import many_documents

    content = many_documents(tmp_path / "content", PAGE_SIZE * 2 + 10)
    out = tmp_path / "site"
    site = live_over_built(content, out)
    for path in sorted(content.glob("doc-*.yaml"))[:3]:  # on any page of the listings
        edit(path, "title: 重庆市江北区", "title: 重庆市江南区")
    site.update(code=False)
    assert site.file("favicon.ico") is None
    rendered = [name for _kind, name, *_key in site._rendered]
    assert rendered and not any("#" in name for name in rendered), rendered
    with (content / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write("base_url: https://www.example.gov.cn/\n")
    site.update(code=False)
    after = published(build_site(content, tmp_path / "fresh").out, index=False)
    assert "list/all/2.qr.svg" in after and site.file("list/all/2.qr.svg") == after["list/all/2.qr.svg"]
    assert [rel for rel, data in after.items() if site.file(rel) != data] == []


def test_a_file_changed_under_the_preview_is_read_again_once_saved_back(
    tmp_path: Path, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document whose file changes between a save and a request cannot be rendered then;
    nothing is kept of that, so the same bytes saved back are shown."""
    from plansite.content import Content

    out = tmp_path / "site"
    site = live_over_built(content, out)
    edit(content / "feature-notes.yaml", "title: ", "title: 丙")
    site.update(code=False)
    real = Content.document

    def changed_meanwhile(self: Content, doc_id: str) -> object:
        raise ContentError([])

    monkeypatch.setattr(Content, "document", changed_meanwhile)
    assert site.file(NOTES) is None
    monkeypatch.setattr(Content, "document", real)
    assert "丙".encode() in (site.file(NOTES) or b"")


def test_a_template_edit_reaches_the_next_page_rendered_in_memory(
    tmp_path: Path, content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build compiles templates once and does not look at them again; the preview does, so the
    page asked for next shows the edit (not only the site the background build makes later)."""
    from plansite import render
    from plansite.cache import fingerprints
    from plansite.paths import PACKAGE

    package = tmp_path / "plansite"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(render, "TEMPLATES", package / "templates")
    monkeypatch.setattr(live, "fingerprints", lambda: fingerprints(package))
    render.environment.cache_clear()
    try:
        site = LiveSite(content, tmp_path / "site")  # no site on disk: every page is rendered
        site.update()
        assert b"data-edited" not in (site.file(PLAN) or b"")
        edit(
            package / "templates" / "components" / "site_footer" / "macro.html",
            '<footer class="site-footer">',
            '<footer class="site-footer" data-edited="yes">',
        )
        site.update(code=True)
        assert b'data-edited="yes"' in (site.file(PLAN) or b"")
    finally:
        render.environment.cache_clear()  # the next test's templates are the package's own
