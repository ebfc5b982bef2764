"""The files a published site needs besides its pages: sitemap.xml,
robots.txt and an Atom feed of the newest documents.

All three need absolute addresses, so they are written only when site.yaml
gives base_url. They are built from the same routes as the pages (pages.py)
and dated by the documents' own dates, so the output stays deterministic.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from xml.sax.saxutils import escape, quoteattr

from . import model as m
from . import pages
from .listings import newest_first
from .modes import MODES, STANDARD, Mode
from .qr import page_url

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
FEED = "feed.xml"
FEED_ENTRIES = 20  # the newest documents in the feed
TIMEZONE = "+08:00"  # documents are dated in China Standard Time


Mapped = tuple[tuple[str, dt.date | None], ...]  # what the sitemap lists: each page's route, and its date if a document


def mapped(documents: tuple[m.Listed, ...], routes: list[str]) -> Mapped:
    return (
        *((route, None) for route in routes),
        *((pages.document_route(doc.id).as_posix(), doc.date) for doc in documents),
    )


def newest(documents: tuple[m.Listed, ...]) -> tuple[m.Listed, ...]:
    """The documents the feed shows."""
    return newest_first(documents)[:FEED_ENTRIES]


def map_files(site: m.SiteConfig, entries: Mapped) -> dict[str, str]:
    """sitemap.xml and robots.txt (which names it); nothing without base_url."""
    if not site.base_url:
        return {}
    return {
        SITEMAP: sitemap(site, entries),
        ROBOTS: f"User-agent: *\nAllow: /\nSitemap: {page_url(site.base_url, PurePosixPath(SITEMAP))}\n",
    }


def feed_file(site: m.SiteConfig, shown: tuple[m.Listed, ...]) -> dict[str, str]:
    """feed.xml of the documents `shown` (`newest`); nothing without base_url."""
    return {FEED: atom_feed(site, shown)} if site.base_url else {}


def _url(site: m.SiteConfig, route: str, mode: Mode = STANDARD) -> str:
    return page_url(site.base_url, pages.mode_path(mode, route))


def sitemap(site: m.SiteConfig, entries: Mapped) -> str:
    """Every page in its standard mode, with its other modes as alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for route, date in entries:
        lines.append(f"  <url><loc>{escape(_url(site, route))}</loc>")
        if date:
            lines.append(f"    <lastmod>{date.isoformat()}</lastmod>")
        for mode in MODES:
            lines.append(
                f'    <xhtml:link rel="alternate" hreflang="zh-CN" href={quoteattr(_url(site, route, mode))}/>'
            )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _stamp(date: dt.date | None) -> str:
    return f"{(date or dt.date(1970, 1, 1)).isoformat()}T00:00:00{TIMEZONE}"


def atom_feed(site: m.SiteConfig, shown: tuple[m.Listed, ...]) -> str:
    """An Atom feed (RFC 4287) of the documents `shown`, newest first."""
    newest = newest_first(shown)
    home = _url(site, pages.INDEX.as_posix())
    updated = _stamp(newest[0].date if newest else None)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <id>{escape(home)}</id>",
        f"  <title>{escape(site.name)}</title>",
        f"  <updated>{updated}</updated>",
        f"  <author><name>{escape(site.owner)}</name></author>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(page_url(site.base_url, PurePosixPath(FEED)))}/>',
    ]
    for doc in newest:
        url = _url(site, pages.document_route(doc.id).as_posix())
        summary = "；".join(part for part in (doc.kind_label, doc.issuer, doc.doc_number) if part)
        lines += [
            "  <entry>",
            f"    <id>{escape(url)}</id>",
            f"    <title>{escape(doc.title)}</title>",
            f"    <updated>{_stamp(doc.date)}</updated>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"    <summary>{escape(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
