"""What a published site needs besides its pages: sitemap.xml, robots.txt,
an Atom feed, a 404 page, and the operator's own files (content/extra/)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from plansite.build import build_site
from plansite.content import load_content
from plansite.problems import ContentError

from .conftest import FEATURES

BASE = "https://www.example.gov.cn/plans/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_sitemap_lists_every_page_with_its_modes(feature_site: Path) -> None:
    root = ET.fromstring((feature_site / "sitemap.xml").read_bytes())
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    documents = [d.id for d in load_content(FEATURES).documents]
    for doc_id in documents:
        url = urls[f"{BASE}plans/{doc_id}/"]
        alternates = [link.get("href") for link in url.findall("x:link", NS)]
        assert alternates == [f"{BASE}plans/{doc_id}/", f"{BASE}large/plans/{doc_id}/", f"{BASE}text/plans/{doc_id}/"]
    assert urls[f"{BASE}plans/feature-plan/"].findtext("s:lastmod", namespaces=NS) == "2022-02-01"
    assert {BASE, f"{BASE}help/", f"{BASE}accessibility/"} <= set(urls)
    robots = (feature_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()


def test_the_atom_feed_is_valid_and_lists_the_newest_first(feature_site: Path) -> None:
    data = (feature_site / "feed.xml").read_bytes()
    feed = feedparser.parse(data)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    assert titles[0].startswith("关于《示范市") and len(titles) == 3, titles
    assert feed.entries[0].link == f"{BASE}plans/feature-notes/"
    # RFC 4287 §4.1.1 and §4.1.2: the elements a feed and each entry must have.
    root = ET.fromstring(data)
    for name in ("id", "title", "updated", "author"):
        assert root.find(ATOM + name) is not None, name
    for entry in root.findall(ATOM + "entry"):
        for name in ("id", "title", "updated"):
            assert (entry.findtext(ATOM + name) or "").strip(), name
        link = entry.find(ATOM + "link")
        assert link is not None and link.get("rel") == "alternate"


def test_without_base_url_no_absolute_files_are_written(real_site: Path) -> None:
    for name in ("sitemap.xml", "robots.txt", "feed.xml"):
        assert not (real_site / name).exists(), name


def test_the_404_page_links_home_from_any_address(feature_site: Path, real_site: Path) -> None:
    for mode in ("", "large/", "text/"):
        assert (feature_site / f"{mode}404.html").is_file()
    page = (feature_site / "404.html").read_text(encoding="utf-8")
    assert "找不到这个页面" in page
    assert 'href="/plans/index.html"' in page and 'href="/plans/static/css/site.css"' in page
    assert 'href="index.html"' in (real_site / "404.html").read_text(encoding="utf-8"), "without base_url: relative"


def _content_with_extra(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FEATURES, content)
    (content / "extra" / ".well-known").mkdir(parents=True)
    (content / "extra" / ".well-known" / "security.txt").write_text("Contact: mailto:a@example.gov.cn\n")
    (content / "extra" / "verify-123.html").write_text("verify-123\n")
    return content


def test_the_operators_own_files_are_published_and_kept(tmp_path: Path) -> None:
    content = _content_with_extra(tmp_path)
    out = tmp_path / "site"
    build_site(content, out)
    build_site(content, out)  # a rebuild keeps them
    assert (out / ".well-known" / "security.txt").read_text() == "Contact: mailto:a@example.gov.cn\n"
    assert (out / "verify-123.html").read_text() == "verify-123\n"


@pytest.mark.parametrize("name", ["index.html", "link"])
def test_an_extra_file_cannot_replace_a_page_or_be_a_link(tmp_path: Path, name: str) -> None:
    content = _content_with_extra(tmp_path)
    if name == "link":
        (content / "extra" / "link").symlink_to("/etc/passwd")
    else:
        (content / "extra" / name).write_text("not ours\n")
    out = tmp_path / "site"
    with pytest.raises(ContentError) as caught:
        build_site(content, out)
    message = str(caught.value)
    assert f"extra/{name}" in message and ("网站本身已有" in message or "链接" in message)
    assert not out.exists(), "nothing was published"
