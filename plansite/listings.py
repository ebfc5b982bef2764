"""The ways into a site of thousands of documents: listings by type, year and
region, and of everything, each split into pages of at most PAGE_SIZE
entries, so no page grows without bound.

A listing is data (its route, title and documents, newest first); render.py
lays it out in every mode and as .txt. Routes are stable for the same
content: a region's folder is a hash of its name, not its place in a list.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import model as m
from .strings import T

PAGE_SIZE = 50  # entries on one listing page
NEWEST = 10  # documents on the home page
WINDOW = 2  # pagination shows the pages this close to the current one, and the first and last


@dataclass(frozen=True)
class Listing:
    folder: str  # e.g. list/kind/plan
    name: str  # e.g. 规划
    title: str  # e.g. 类型：规划
    documents: tuple[m.Listed, ...]  # newest first

    def page_route(self, number: int) -> PurePosixPath:
        return page_route(self.folder, number)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.documents) // PAGE_SIZE))

    def entries(self, number: int) -> tuple[m.Listed, ...]:
        return self.documents[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]

    @property
    def text_file(self) -> PurePosixPath:
        return PurePosixPath("text") / f"{self.folder}.txt"

    def page(self, number: int, text_size: str) -> ListingPage:
        return ListingPage(
            self.folder,
            self.name,
            self.title,
            len(self.documents),
            self.pages,
            number,
            self.entries(number),
            self.text_file,
            text_size,
        )


@dataclass(frozen=True)
class ListingPage:
    """One page of a listing: everything it shows, and nothing else (so an edit re-renders
    the pages that show it: the page listing the document, or every page when the count or
    the size of the listing's .txt changes)."""

    folder: str
    name: str
    title: str
    count: int  # documents in the whole listing
    pages: int
    number: int
    entries: tuple[m.Listed, ...]
    text_file: PurePosixPath
    text_size: str  # the listing's .txt, as its download link gives its size

    def page_route(self, number: int) -> PurePosixPath:
        return page_route(self.folder, number)


def page_route(folder: str, number: int) -> PurePosixPath:
    return PurePosixPath(folder) / ("index.html" if number == 1 else f"{number}.html")


@dataclass(frozen=True)
class Ways:
    """Every listing of a site, grouped as the home page offers them."""

    everything: Listing
    by_kind: tuple[Listing, ...]
    by_year: tuple[Listing, ...]
    by_region: tuple[Listing, ...]

    @property
    def all(self) -> tuple[Listing, ...]:
        return (self.everything, *self.by_kind, *self.by_year, *self.by_region)


def newest_first(documents: tuple[m.Listed, ...]) -> tuple[m.Listed, ...]:
    return tuple(sorted(documents, key=lambda d: (-(d.date.toordinal() if d.date else 0), d.id)))


def region_folder(region: str) -> str:
    return "r" + hashlib.sha256(region.encode("utf-8")).hexdigest()[:10]


def ways_in(documents: tuple[m.Listed, ...]) -> Ways:
    ordered = newest_first(documents)
    by_kind = tuple(
        Listing(f"list/kind/{kind}", label, T["listing_kind"].format(name=label), docs)
        for kind, label in m.KINDS.items()
        if (docs := tuple(d for d in ordered if d.kind == kind))
    )
    years = sorted({d.date.year for d in ordered if d.date}, reverse=True)
    by_year = tuple(
        Listing(
            f"list/year/{year}",
            T["year_value"].format(year=year),
            T["listing_year"].format(year=year),
            tuple(d for d in ordered if d.date and d.date.year == year),
        )
        for year in years
    )
    regions = sorted({d.region for d in ordered if d.region})
    by_region = tuple(
        Listing(
            f"list/region/{region_folder(region)}",
            region,
            T["listing_region"].format(name=region),
            tuple(d for d in ordered if d.region == region),
        )
        for region in regions
    )
    return Ways(Listing("list/all", T["all_documents"], T["all_documents"], ordered), by_kind, by_year, by_region)


def page_numbers(current: int, last: int) -> list[int | None]:
    """The page links a pagination shows; None where numbers are left out (…)."""
    shown = sorted({1, last, *range(max(1, current - WINDOW), min(last, current + WINDOW) + 1)})
    out: list[int | None] = []
    for number in shown:
        if out and out[-1] is not None and number > out[-1] + 1:
            out.append(None)
        out.append(number)
    return out


def listing_routes(ways: Ways) -> list[PurePosixPath]:
    """Every listing page's route, for the sitemap."""
    return [listing.page_route(n) for listing in ways.all for n in range(1, listing.pages + 1)]
