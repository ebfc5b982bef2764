"""Finding documents among thousands: the home page's newest documents and
ways in, listings by type, year and region, pages of at most 50 entries with
accessible pagination, in every mode and as .txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from plansite.build import build_site
from plansite.listings import PAGE_SIZE, page_numbers, region_folder
from plansite.verify import check_links, load_site

from .conftest import many_documents


def _docs_listed(page) -> list[str]:  # type: ignore[no-untyped-def]
    lists = [ul for ul in page.all("ul") if "document-list" in (ul.get("class") or "")]
    return [li.find("h3").find("a").get("href") for ul in lists for li in ul.findall("li")]


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 documents: the full listing needs three pages."""
    base = tmp_path_factory.mktemp("big")
    content = many_documents(base / "content", 120)
    out = base / "site"
    build_site(content, out)
    return out


def test_the_home_page_shows_the_newest_and_the_ways_in(real_pages) -> None:  # type: ignore[no-untyped-def]
    home = real_pages["index.html"]
    assert len(_docs_listed(home)) == 5
    nav = next(n for n in home.all("nav") if n.get("aria-labelledby") == "ways-in-title")
    links = {home.text(a): a.get("href") for a in nav.iter("a")}
    assert links["规划（3份）"] == "list/kind/plan/index.html"
    assert links["工作要点（1份）"] == "list/kind/work-points/index.html"
    assert links["2022年（3份）"] == "list/year/2022/index.html"
    assert links["重庆市江北区（2份）"] == f"list/region/{region_folder('重庆市江北区')}/index.html"
    assert links["全部文件（5份）"] == "list/all/index.html"


@pytest.mark.parametrize("prefix", ["", "large/", "text/"])
def test_listings_list_exactly_their_documents(real_pages, prefix: str) -> None:  # type: ignore[no-untyped-def]
    plans = _docs_listed(real_pages[f"{prefix}list/kind/plan/index.html"])
    assert len(plans) == 3 and all(href.startswith("../../../plans/") for href in plans)
    assert len(_docs_listed(real_pages[f"{prefix}list/all/index.html"])) == 5


def test_a_long_listing_is_split_into_pages_with_accessible_pagination(big_site: Path) -> None:
    pages = load_site(big_site)
    assert not check_links(pages, big_site)
    first, second, third = (pages[f"list/all/{name}"] for name in ("index.html", "2.html", "3.html"))
    seen = [href.split("/")[-2] for page in (first, second, third) for href in _docs_listed(page)]
    assert len(seen) == 120 and len(set(seen)) == 120, "every document once"
    assert [len(_docs_listed(p)) for p in (first, second, third)] == [PAGE_SIZE, PAGE_SIZE, 20]
    nav = next(n for n in second.all("nav") if n.get("aria-label") == "分页")
    links = [(second.text(a), a.get("aria-current"), a.get("href")) for a in nav.iter("a")]
    assert links == [
        ("上一页", None, "index.html"),
        ("1", None, "index.html"),
        ("2", "page", "2.html"),
        ("3", None, "3.html"),
        ("下一页", None, "3.html"),
    ]
    title = second.text(next(second.all("title")))
    assert title.startswith("全部文件（第2页，共3页）")
    txt = (big_site / "text/list/all.txt").read_bytes().decode("utf-8-sig")
    assert txt.count("纯文本文件：../plans/doc-") == 120


def test_pagination_stays_short_at_any_size() -> None:
    assert page_numbers(1, 1) == [1]
    assert page_numbers(1, 3) == [1, 2, 3]
    assert page_numbers(7, 100) == [1, None, 5, 6, 7, 8, 9, None, 100]
    assert page_numbers(100, 100) == [1, None, 98, 99, 100]
    assert max(len(page_numbers(n, 5000)) for n in range(1, 5001)) <= 9


def test_each_page_of_a_listing_has_a_qr_code_of_its_own_address(tmp_path: Path) -> None:
    """Pages 2 and 3 of a listing are files of the same folder as page 1: each has its own
    QR code (N.qr.svg beside N.html), encoding its own address, not the last page's."""
    from .test_qr import decode

    content = many_documents(tmp_path / "content", 120)
    with (content / "site.yaml").open("a", encoding="utf-8") as site:
        site.write("base_url: https://www.example.gov.cn/zwgk/\n")
    out = tmp_path / "site"
    build_site(content, out)
    base = "https://www.example.gov.cn/zwgk/"
    for mode in ("", "large/"):
        for page, qr, url in (
            ("index.html", "qr.svg", f"{base}{mode}list/all/"),
            ("2.html", "2.qr.svg", f"{base}{mode}list/all/2.html"),
            ("3.html", "3.qr.svg", f"{base}{mode}list/all/3.html"),
        ):
            assert f'src="{qr}"' in (out / f"{mode}list/all/{page}").read_text(encoding="utf-8"), (mode, page)
            assert decode((out / f"{mode}list/all/{qr}").read_text(encoding="utf-8")) == [url], (mode, page)
