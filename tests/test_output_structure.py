"""Every built page keeps the structural accessibility promises (html5lib).

Runs each check in plansite.checks over every page of the real site and of
the feature fixture. test_checks.py proves each check fails on a faulty page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite import verify
from plansite.content import document_yaml_files, load_content
from plansite.listings import listing_routes, ways_in
from plansite.modes import MODES
from plansite.pages import document_route
from plansite.render import SITE_PAGES
from plansite.verify import ParsedPage
from plansite.view import build_view, part_anchors

from .conftest import CONTENT, FEATURES


def _run(check, pages: dict[str, ParsedPage]) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{rel}: {failure}" for rel, page in pages.items() for failure in check(page)]


def pages_per_mode(content: Path) -> int:
    """Each document, the home page, 404, the site's own pages and every listing page."""
    listings = listing_routes(ways_in(tuple(doc.listed for doc in load_content(content).documents)))
    return len(document_yaml_files(content)) + 2 + len(SITE_PAGES) + len(listings)


@pytest.mark.parametrize("check", verify.PAGE_CHECKS, ids=lambda c: c.__name__)
def test_real_site_pages(check, real_pages: dict[str, ParsedPage]) -> None:  # type: ignore[no-untyped-def]
    # Each document and the index, in every mode: an empty build cannot pass.
    # with the index and 404.html
    assert len(real_pages) == pages_per_mode(CONTENT) * len(MODES)
    assert not _run(check, real_pages)


@pytest.mark.parametrize("check", verify.PAGE_CHECKS, ids=lambda c: c.__name__)
def test_feature_site_pages(check, feature_pages: dict[str, ParsedPage]) -> None:  # type: ignore[no-untyped-def]
    assert len(feature_pages) == pages_per_mode(FEATURES) * len(MODES)
    assert not _run(check, feature_pages)


def test_links_and_fragments_resolve(real_site: Path, real_pages, feature_site: Path, feature_pages) -> None:  # type: ignore[no-untyped-def]
    assert not verify.check_links(real_pages, real_site)
    assert not verify.check_links(feature_pages, feature_site, "/plans/")  # its base_url's path


def test_every_place_a_document_may_link_to_is_on_each_of_its_pages(feature_pages) -> None:  # type: ignore[no-untyped-def]
    """`check` accepts a link to `#x` when `part_anchors` holds x: every mode's page must have it."""
    for doc in load_content(FEATURES).documents:
        anchors = part_anchors(build_view(doc))
        assert {"s-1", "annex-1", "box-1", "table-1", "term-1"} <= anchors or doc.id != "feature-plan"
        for mode in MODES:
            page = feature_pages[(mode.prefix / document_route(doc.id)).as_posix()]
            ids = {el.get("id") for el in page.all() if el.get("id")}
            assert anchors <= ids, f"{mode.name} {doc.id}: {sorted(anchors - ids)}"


def test_titles_are_unique(real_pages, feature_pages) -> None:  # type: ignore[no-untyped-def]
    assert not verify.check_unique_titles(real_pages)
    assert not verify.check_unique_titles(feature_pages)


def test_every_link_is_relative(real_pages, feature_pages) -> None:  # type: ignore[no-untyped-def]
    """Relative links only, so the site works from any sub-path and from file://;
    but for 404.html, which the server shows at any address: with base_url its
    links start from the site's own path."""
    for pages in (real_pages, feature_pages):
        for rel, page in pages.items():
            root_path = "/plans/" if pages is feature_pages and rel.endswith("404.html") else None
            for el in page.all():
                for attr in ("href", "src"):
                    value = el.get(attr)
                    if value is None or value.startswith(("https://", "http://", "mailto:", "#")):
                        continue
                    if root_path:
                        assert value.startswith(root_path), f"{rel}: {attr}={value!r} is not under the site's path"
                        continue
                    assert not value.startswith("/"), f"{rel}: {attr}={value!r} is root-relative"
                    assert not value.endswith("/"), f"{rel}: {attr}={value!r} names a folder (breaks file://)"


def test_relative_links_are_what_posixpath_relpath_gives() -> None:
    """pages.relative is relpath without its calls to os.getcwd: the same answer for every pair."""
    import itertools
    import posixpath

    from plansite.pages import relative

    paths = [".", "index.html", "plans", "plans/a/index.html", "large/plans/a", "text/list/all/2.html", "list/all"]
    paths += ["plans/a", "plans/ab/index.html", "static/css/site.css", "../outside", "a/../b"]
    for target, folder in itertools.product(paths, repeat=2):
        target, folder = posixpath.normpath(target), posixpath.normpath(folder)
        assert relative(target, folder) == posixpath.relpath(target, folder), (target, folder)


PAGE_WEIGHT = 15 * 1024  # issue 14: a plan page in 标准版 needs at most this much CSS + JS, gzipped


def test_a_plan_page_needs_at_most_15_kb_of_style_and_script(real_site: Path) -> None:
    """Every stylesheet and script a standard plan page loads, each gzipped as a server sends it."""
    import gzip
    import re

    pages = sorted((real_site / "plans").glob("*/index.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = re.findall(r'<link rel="stylesheet" href="([^"]+)"|<script[^>]* src="([^"]+)"', html)
        loaded = [page.parent / (style or script) for style, script in found]
        assert any(p.suffix == ".css" for p in loaded) and any(p.suffix == ".js" for p in loaded), page
        weight = sum(len(gzip.compress(p.read_bytes(), 9)) for p in loaded)
        assert weight <= PAGE_WEIGHT, (page.relative_to(real_site).as_posix(), weight)
