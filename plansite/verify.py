"""Verify built pages: the structural accessibility checks behind `build --verify`.

Pages are parsed with html5lib.

These are the promises every page makes (DESIGN.md, "Output"): language,
unique title, skip link first, landmarks, one h1, no skipped heading levels,
unique ids, captioned tables with scoped headers, named regions, links that
resolve, and nothing loaded from another host. They run in the test suite on
every built page and on demand with `build.py build --verify`.

Each check returns a list of failures (empty when the page is fine), so a
report names every fault at once.
"""

from __future__ import annotations

import itertools
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import html5lib

from . import pages
from .modes import MODES
from .pages import Page

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}
LANDMARKS = ("header", "nav", "main", "footer")
HEADING = re.compile(r"^h([1-6])$")
# Attributes through which a page loads something (not plain navigation links).
LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "source": ("src", "srcset"),
    "track": ("src",),
    "input": ("src",),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "apple-touch-icon"}


@dataclass
class ParsedPage:
    """A built HTML file as html5lib parsed it."""

    path: str  # relative to the site root, posix
    root: Element

    def all(self, tag: str | None = None) -> Iterator[Element]:
        return self.root.iter(tag) if tag else self.root.iter()

    def text(self, element: Element | None = None) -> str:
        """All text, as in the source (visible and screen-reader-only alike)."""
        return "".join((element if element is not None else self.root).itertext())


def parse_page(path: Path, rel: str) -> ParsedPage:
    with open(path, "rb") as handle:
        root = html5lib.parse(handle, namespaceHTMLElements=False)
    return ParsedPage(rel, root)


def heading_level(element: Element) -> int | None:
    match = HEADING.match(element.tag)
    if match:
        return int(match.group(1))
    if element.get("role") == "heading":
        return int(element.get("aria-level", "2"))
    return None


# --- per-page checks -------------------------------------------------------------


def check_lang(page: ParsedPage) -> list[str]:
    lang = page.root.get("lang")
    return [] if lang == "zh-CN" else [f'<html lang> is "{lang}", expected "zh-CN"']


def check_title(page: ParsedPage) -> list[str]:
    titles = [t for t in page.all("title")]
    if len(titles) != 1 or not page.text(titles[0]).strip():
        return ["page has no single, non-empty <title>"]
    return []


def _focusable(page: ParsedPage) -> Iterator[Element]:
    for el in page.all():
        if (
            (el.tag == "a" and el.get("href") is not None)
            or (el.tag in FOCUSABLE - {"a"} and el.get("disabled") is None)
            or (el.get("tabindex") is not None and el.get("tabindex") != "-1")
        ):
            yield el


def check_skip_link(page: ParsedPage) -> list[str]:
    first = next(_focusable(page), None)
    if first is None or first.tag != "a" or first.get("href") != "#main":
        return ['the first focusable element is not a skip link to "#main"']
    main = [m for m in page.all("main")]
    if len(main) != 1 or main[0].get("id") != "main":
        return ['the skip link target <main id="main"> is missing']
    return []


def check_landmarks(page: ParsedPage) -> list[str]:
    failures = []
    body = page.root.find("body")
    top = [el.tag for el in body] if body is not None else []
    for tag in LANDMARKS:
        if tag == "nav":
            navs = list(page.all("nav"))
            if not navs:
                failures.append("no <nav> landmark")
            for nav in navs:
                if not (nav.get("aria-label") or nav.get("aria-labelledby")):
                    failures.append("a <nav> has no accessible name (aria-label or aria-labelledby)")
        elif tag not in top:
            failures.append(f"no top-level <{tag}> landmark")
    if len(list(page.all("main"))) != 1:
        failures.append("there must be exactly one <main>")
    return failures


def check_headings(page: ParsedPage) -> list[str]:
    levels = [lvl for el in page.all() if (lvl := heading_level(el)) is not None]
    failures = []
    if levels.count(1) != 1:
        failures.append(f"expected exactly one <h1>, found {levels.count(1)}")
    if levels and levels[0] != 1:
        failures.append(f"the first heading is level {levels[0]}, not the <h1>")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            failures.append(f"heading level jumps from {before} to {after}")
    return failures


def check_unique_ids(page: ParsedPage) -> list[str]:
    seen: set[str] = set()
    dupes = set()
    for el in page.all():
        ident = el.get("id")
        if ident is not None:
            if ident in seen:
                dupes.add(ident)
            seen.add(ident)
    return [f'duplicate id "{d}"' for d in sorted(dupes)]


def check_tables(page: ParsedPage) -> list[str]:
    """Every table is named (a <caption>, or the heading its caption would repeat) and has scoped headers."""
    failures = []
    ids = {el.get("id"): el for el in page.all() if el.get("id")}
    for table in page.all("table"):
        caption = table.find("caption")
        named_by = ids.get(table.get("aria-labelledby") or "")
        if named_by is not None and heading_level(named_by) is None:
            failures.append(f"table {table.get('id')} is named by something that is not a heading")
        elif named_by is None and (caption is None or not page.text(caption).strip()):
            failures.append(f"table {table.get('id')} has no <caption>")
        headers = list(table.iter("th"))
        if not headers:
            failures.append(f"table {table.get('id')} has no <th>")
        for th in headers:
            if th.get("scope") not in ("col", "row", "colgroup", "rowgroup"):
                failures.append(f"a <th> in table {table.get('id')} has no scope")
    return failures


def check_regions(page: ParsedPage) -> list[str]:
    """Every <section> with an aria-labelledby is a region: its name must exist and have text."""
    ids = {el.get("id"): el for el in page.all() if el.get("id")}
    failures = []
    for el in page.all():
        ref = el.get("aria-labelledby")
        if ref is None:
            continue
        for target in ref.split():
            if target not in ids or not page.text(ids[target]).strip():
                failures.append(f'aria-labelledby="{target}" on <{el.tag}> names nothing')
    return failures


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def check_no_external_loads(page: ParsedPage) -> list[str]:
    failures = []
    for el in page.all():
        for attr in LOADING_ATTRS.get(el.tag, ()):
            value = el.get(attr)
            if value and not _is_local(value):
                failures.append(f"<{el.tag} {attr}={value!r}> loads from another host")
        if el.tag == "link" and set((el.get("rel") or "").split()) & LOADING_LINK_RELS:
            href = el.get("href") or ""
            if not _is_local(href):
                failures.append(f"<link href={href!r}> loads from another host")
        style = el.get("style") or (page.text(el) if el.tag == "style" else "")
        if "url(" in style and re.search(r"url\(\s*['\"]?(https?:)?//", style):
            failures.append(f"<{el.tag}> style loads from another host")
    return failures


# The pages that run the search engine (WebAssembly): the search page of every mode with a search field.
SEARCH_PAGES = frozenset(Page(pages.SEARCH, mode, "").path.as_posix() for mode in MODES if mode.search)


def check_csp(page: ParsedPage) -> list[str]:
    """A Content-Security-Policy that forbids inline script, and a page that needs none."""
    failures = []
    policies = [
        m.get("content") or ""
        for m in page.all("meta")
        if (m.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    if len(policies) != 1:
        return ["no Content-Security-Policy <meta>"]
    directives = {d.split()[0]: d.split()[1:] for d in policies[0].split(";") if d.strip()}
    script = directives.get("script-src", directives.get("default-src", []))
    if not script or "'unsafe-inline'" in script or "'unsafe-eval'" in script or "*" in script:
        failures.append(f"the policy allows inline or foreign script: {policies[0]}")
    if "'wasm-unsafe-eval'" in script and page.path not in SEARCH_PAGES:
        failures.append("the policy allows WebAssembly, which only the search page may")
    for el in page.all():
        if el.tag == "script" and (el.get("src") is None or (el.text or "").strip()):
            failures.append("an inline <script>")
        if el.tag == "style" or el.get("style") is not None:
            failures.append(f"inline style on <{el.tag}>")
        handlers = [name for name in el.attrib if name.lower().startswith("on")]
        if handlers:
            failures.append(f"<{el.tag} {handlers[0]}=…> event handler attribute")
    return failures


PAGE_CHECKS: tuple[Callable[[ParsedPage], list[str]], ...] = (
    check_lang,
    check_title,
    check_skip_link,
    check_landmarks,
    check_headings,
    check_unique_ids,
    check_tables,
    check_regions,
    check_no_external_loads,
    check_csp,
)


# --- site-wide checks --------------------------------------------------------------


def load_site(root: Path) -> dict[str, ParsedPage]:
    return {
        path.relative_to(root).as_posix(): parse_page(path, path.relative_to(root).as_posix())
        for path in sorted(root.rglob("*.html"))
    }


def check_links(pages: dict[str, ParsedPage], root: Path, root_path: str = "") -> list[str]:
    """Every local href and #fragment resolves to a file and an id that exist.

    `root_path`: the site's path on its server (/zwgk/plans/), for links that
    start from it (404.html); any other link starting with / leaves the site.
    """
    ids = {rel: {el.get("id") for el in page.all() if el.get("id")} for rel, page in pages.items()}
    failures = []
    for rel, page in pages.items():
        for el in page.all():
            href = el.get("href")
            if href is None or not _is_local(href):
                continue
            parts = urlsplit(href)
            path = unquote(parts.path)
            if path.startswith("/"):
                if not root_path or not path.startswith(root_path):
                    failures.append(f"{rel}: link {href!r} leaves the site")
                    continue
                path = path[len(root_path) :]
                target = posixpath.normpath(path) if path else "index.html"
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)) if path else rel
            if target.startswith("../"):
                failures.append(f"{rel}: link {href!r} leaves the site")
                continue
            if not (root / target).is_file():
                failures.append(f"{rel}: link {href!r} points to a missing file")
                continue
            if parts.fragment and target.endswith(".html") and parts.fragment not in ids.get(target, set()):
                failures.append(f"{rel}: link {href!r} points to a missing #{parts.fragment}")
    return failures


def check_unique_titles(pages: dict[str, ParsedPage]) -> list[str]:
    seen: dict[str, str] = {}
    failures = []
    for rel, page in pages.items():
        title = page.text(next(page.all("title"), page.root)).strip()
        if title in seen:
            failures.append(f"{rel}: <title> {title!r} is also the title of {seen[title]}")
        seen.setdefault(title, rel)
    return failures


def verify_site(root: Path, root_path: str = "") -> list[str]:
    pages = load_site(root)
    failures = [f"{rel}: {f}" for rel, page in pages.items() for check in PAGE_CHECKS for f in check(page)]
    return failures + check_links(pages, root, root_path) + check_unique_titles(pages)
